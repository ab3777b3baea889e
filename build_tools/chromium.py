"""How the tests and the benchmark start Debian's Chromium on these machines.

As root, with no sandbox; the background-networking flags keep Chromium from reaching for
Google's hosts, which this machine's closed network refuses (and a test would count).
"""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
