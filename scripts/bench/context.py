"""What one benchmark run shares between measurements: options, folders, results, built sites, one browser."""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
from dataclasses import dataclass, field
from pathlib import Path

from scripts.bench.common import ROOT


@dataclass
class Context:
    args: argparse.Namespace
    work: Path  # temporary folder: built sites, corpora (removed at the end unless --keep)
    out: Path  # bench-results/<time>/
    results: dict
    stack: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)
    # label ("ours", "baseline") -> (mkdocs.yml, built site), filled by the real-site measurement
    sites: dict[str, tuple[Path, Path]] = field(default_factory=dict)
    _browser: object = None

    def browser(self):
        """One Chromium for every measurement that needs it, closed at the end of the run."""
        if self._browser is None:
            from scripts.bench.browser import chromium

            self._browser = self.stack.enter_context(chromium())
        return self._browser


def script_module(name: str):
    """A neighbour's script in scripts/ (bench_search.py, bench_preview.py), or None when it does not exist."""
    path = ROOT / "scripts" / f"{name}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
