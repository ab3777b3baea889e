"""``python -m build_tools.editorial``."""

import sys

from build_tools.editorial.cli import main

sys.exit(main())
