"""The hooks, tests and scripts are linted and formatted like product code (ruff, configured in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

RUFF = [sys.executable, "-m", "ruff"]
CODE = ["hooks", "tests", "scripts"]


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*RUFF, *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_check_passes():
    result = ruff("check", *CODE)
    assert result.returncode == 0, result.stdout


def test_ruff_format_is_clean():
    result = ruff("format", "--check", *CODE)
    assert result.returncode == 0, result.stdout


def test_ruff_rejects_fixture():
    """tests/fixtures is excluded from the lint above; checked on its own, its unused import fails."""
    result = ruff(
        "check", "--no-force-exclude", "--isolated", "--select", "F401", "tests/fixtures/lint/unused_import.py"
    )
    assert result.returncode != 0 and "F401" in result.stdout
