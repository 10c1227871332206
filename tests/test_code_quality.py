"""The hooks, tests and scripts are linted and formatted like product code (ruff, configured in pyproject.toml)."""

from __future__ import annotations

import re
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


def lines_matching(pattern: re.Pattern, text: str) -> list[int]:
    return [number for number, line in enumerate(text.splitlines(), start=1) if pattern.search(line)]


def offenders(pattern: re.Pattern, folder: str, allowed: str = "") -> list[str]:
    """file:line of every line under `folder` that `pattern` matches, `allowed` aside."""
    return [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.relative_to(ROOT).as_posix() != allowed
        for number in lines_matching(pattern, path.read_text(encoding="utf-8"))
    ]


# Scripts stand on their own: what tests and scripts share (the Chromium flags, the search driver)
# lives in scripts/, and tests import it from there, never the other way round.
FROM_TESTS = re.compile(r"^\s*(?:from|import)\s+tests\b|sys\.path\.\w+\(.*[\"']tests[\"']")


def test_no_script_imports_from_tests():
    assert offenders(FROM_TESTS, "scripts") == []


def test_imports_from_tests_are_recognised():
    text = "\n".join(
        [
            "from tests.conftest import ROOT",
            "import tests.browser.search_driver",
            'sys.path.insert(0, str(ROOT / "tests" / "browser"))',
            "from scripts.search_suite import driver",  # allowed
            "import testsuite",  # allowed: another module
        ]
    )
    assert lines_matching(FROM_TESTS, text) == [1, 2, 3]


# mkdocs-bibtex is wrapped by one adapter (hooks/editorial/bibtex_plugin.py): no other hook imports
# the package or reaches into the plugin's registry, so a new release means changing one file.
INTO_BIBTEX = re.compile(r"^\s*(?:from|import)\s+mkdocs_bibtex\b|\.registry\b|plugins\.get\(\s*[\"']bibtex[\"']")


def test_only_the_adapter_reaches_into_mkdocs_bibtex():
    assert offenders(INTO_BIBTEX, "hooks", allowed="hooks/editorial/bibtex_plugin.py") == []


def test_reaching_into_mkdocs_bibtex_is_recognised():
    text = "\n".join(
        [
            "from mkdocs_bibtex.citation import Citation",
            "entries = plugin.registry.bib_data.entries",
            'bibtex = config.plugins.get("bibtex")',
            "from editorial import bibtex_plugin",  # allowed: the adapter
            "bibtex_plugin.entries(config)",  # allowed
        ]
    )
    assert lines_matching(INTO_BIBTEX, text) == [1, 2, 3]
