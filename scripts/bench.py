#!/usr/bin/env python3
"""`scripts/bench.py …` runs the benchmark package scripts/bench/ (`python -m scripts.bench …`)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.bench.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
