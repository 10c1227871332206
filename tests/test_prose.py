"""Prose gates over the Markdown sources: codespell (with a medical word list, .codespellrc) and
pymarkdownlnt tuned for MkDocs (.pymarkdown.yml). Each rejects its fixture."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES, ROOT

BIN = Path(sys.executable).parent
SOURCES = ["docs", "includes", "templates"]


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)  # reads the config files in ROOT


def codespell(*paths: str) -> subprocess.CompletedProcess:
    return run(str(BIN / "codespell"), *paths)


def markdownlint(*paths: str) -> subprocess.CompletedProcess:
    return run(str(BIN / "pymarkdown"), "--config", ".pymarkdown.yml", "scan", "-r", *paths)


def test_pages_have_no_known_misspelling():
    result = codespell(*SOURCES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_misspellings_are_rejected_medical_ones_included():
    result = codespell(str(FIXTURES / "misspelled" / "page.md"))
    assert result.returncode != 0
    assert "page.md:9: recieve ==> receive" in result.stdout
    assert "page.md:10: Oxytoxin ==> Oxytocin" in result.stdout  # from .codespell-medical.txt
    assert " OT " not in result.stdout  # the abbreviation is in .codespell-ignore-words.txt


def test_pages_pass_markdown_lint():
    result = markdownlint(*SOURCES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_markdown_lint_rejects_fixture():
    result = markdownlint(str(FIXTURES / "markdown-lint" / "page.md"))
    assert result.returncode != 0
    for expected in ("page.md:10:3: PML101", "page.md:12:1: MD018", "page.md:14:1: MD025"):
        assert expected in result.stdout, result.stdout
    assert "MD013" not in result.stdout and "MD041" not in result.stdout  # long lines and front matter are fine
