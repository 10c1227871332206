"""Shared fixtures: one strict build of the real site, and tiny fixture sites built on demand.

Tests read the built HTML (not MkDocs internals), so that the theme or the citation
plugin can be swapped without rewriting the suite.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import settings
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))  # the shared `editorial` package, as MkDocs puts hooks/ on the path

# Property-based tests: a fixed seed and a fixed number of examples by default (and in CI), so that a
# run is repeatable; HYPOTHESIS_PROFILE=long tries many more cases on demand.
settings.register_profile("ci", max_examples=150, derandomize=True, deadline=None)
settings.register_profile("long", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class Build:
    returncode: int
    log: str
    site: Path

    def page(self, url_path: str) -> BeautifulSoup:
        """Parsed HTML of a page by its URL path, such as 'mechanisms/estradiol/'."""
        path = self.site / url_path
        if url_path == "" or url_path.endswith("/"):
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def html_files(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))


def run_mkdocs(config: Path, site_dir: Path, env_extra: dict | None = None) -> Build:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env_extra or {})}
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--clean", "-f", str(config), "-d", str(site_dir)],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
    )
    return Build(result.returncode, result.stdout + result.stderr, site_dir)


def fixture_config(case_dir: Path, work: Path) -> Path:
    """A config for a fixture site: the real mkdocs.yml, pointed at the fixture's docs and bib.

    Fixture folders hold only what differs: docs/ (required), references.bib and
    overrides.yml (optional, merged over the real config at the top level).
    """
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(case_dir / "docs")
    config["site_url"] = "http://127.0.0.1:8000/"
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["hooks"] = [str(ROOT / h) for h in config["hooks"]]
    config["watch"] = [str(ROOT / w) for w in config.get("watch", [])]  # MkDocs checks they exist
    bib = case_dir / "references.bib"
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "bibtex" in plugin:
            plugin["bibtex"]["bib_file"] = str(bib if bib.exists() else ROOT / "bib" / "references.bib")
    for i, ext in enumerate(config["markdown_extensions"]):
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            config["markdown_extensions"][i]["pymdownx.snippets"]["base_path"] = [str(ROOT)]
    config.pop("nav", None)  # fixture sites list their pages implicitly
    config.pop("extra_css", None)
    config.pop("extra_javascript", None)
    # Data: the real review intervals, no agents and no claims ledger, unless the fixture's data/ has its own.
    (work / "data").mkdir(exist_ok=True)
    shutil.copy(ROOT / "data" / "review-intervals.yml", work / "data")
    (work / "data" / "agents.yml").write_text("{}\n", encoding="utf-8")
    if (case_dir / "data").is_dir():
        shutil.copytree(case_dir / "data", work / "data", dirs_exist_ok=True)
    overrides = case_dir / "overrides.yml"
    if overrides.exists():
        config.update(yaml.safe_load(overrides.read_text(encoding="utf-8")) or {})
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """The real site, built once per session in strict mode."""
    out = tmp_path_factory.mktemp("site")
    build = run_mkdocs(ROOT / "mkdocs.yml", out)
    assert build.returncode == 0, build.log
    return build


@pytest.fixture
def build_fixture(tmp_path):
    """Build tests/fixtures/<case>/ and return the Build (its log holds the error)."""

    def _build(case: str) -> Build:
        config = fixture_config(FIXTURES / case, tmp_path)
        return run_mkdocs(config, tmp_path / "site")

    return _build
