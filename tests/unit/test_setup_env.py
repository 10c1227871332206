"""scripts/setup-env: one environment serves both commands; serve after test installs nothing (issue 17)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ROOT


@pytest.fixture
def repo(tmp_path):
    """A copy of the script and the requirements, with a .venv whose python only records pip runs."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "setup-env", tmp_path / "scripts")
    shutil.copytree(ROOT / "requirements", tmp_path / "requirements")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text('#!/bin/sh\necho "$*" >> "$(dirname "$0")/../pip.log"\n')
    python.chmod(0o755)
    return tmp_path


def setup(repo, requirements: str) -> None:
    subprocess.run([repo / "scripts" / "setup-env", f"requirements/{requirements}"], check=True, capture_output=True)


def installs(repo) -> list[str]:
    log = repo / ".venv" / "pip.log"
    return [line.split(" -r ")[1].strip() for line in log.read_text().splitlines()] if log.exists() else []


def test_serve_after_test_installs_nothing(repo):
    setup(repo, "test.txt")
    setup(repo, "site.txt")
    setup(repo, "test.txt")
    assert installs(repo) == ["requirements/test.txt"]


def test_test_after_serve_installs_the_test_tools(repo):
    setup(repo, "site.txt")
    setup(repo, "test.txt")
    setup(repo, "site.txt")
    assert installs(repo) == ["requirements/site.txt", "requirements/test.txt"]


def test_a_changed_pin_installs_again(repo):
    setup(repo, "test.txt")
    with (repo / "requirements" / "site.txt").open("a") as pins:
        pins.write("# a pin changed\n")
    setup(repo, "site.txt")
    setup(repo, "test.txt")
    assert installs(repo) == ["requirements/test.txt", "requirements/site.txt", "requirements/test.txt"]
