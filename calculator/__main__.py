"""``python -m calculator``: see :mod:`calculator.doors.cli`."""

from calculator.doors.cli import main

raise SystemExit(main())
