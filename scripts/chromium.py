"""How this machine starts Debian's Chromium headless: one list of flags for the benchmark, scripts and tests.

Scripts never import from tests/; scripts/search_suite/driver.py imports these from here.
"""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # Debian's chromium: never a downloaded browser
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
