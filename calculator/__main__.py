"""``python -m calculator``: see :mod:`calculator.cli`."""

from calculator.cli import main

raise SystemExit(main())
