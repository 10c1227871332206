"""What every part of the benchmark shares: paths, the build environment, small helpers."""

from __future__ import annotations

import gzip
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench-results"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# One budget: (what, passed: True / False / None when not measured, the figure behind it).
Budget = tuple[str, "bool | None", str]


class BenchError(RuntimeError):
    pass


def say(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def kb(n: float) -> str:
    return f"{n / 1024:,.1f}"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "—"


def table(headers: list[str], rows: list[list]) -> str:
    cells = [[str(c) for c in row] for row in [headers, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def fmt(r: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"

    return "\n".join([fmt(cells[0]), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(fmt, cells[1:])])
