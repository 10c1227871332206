"""A large reference library beside bib/references.bib (hooks/bib_library.py, issue 14).

Policy: bib/references.bib is the reviewed list and every entry in it is cited (tests/test_bibliography.py).
The library (extra.bib_library, BIB_LIBRARY) may hold any number of uncited entries: they are never read,
rendered or exported. An entry a page cites from it meets every rule bib/ meets, in the build.
One library file serves every case here: what a page cites decides what is checked.
"""

from __future__ import annotations

import shutil

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

from tests.conftest import FIXTURES, fixture_config, run_mkdocs

CASE = FIXTURES / "bib-library"


def build_citing(tmp_path, key: str, library: str | None = "library.bib"):
    """The bib-library fixture with its page citing `key` from the library."""
    case = tmp_path / "case"
    shutil.copytree(CASE, case)
    page = case / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("CITED", key), encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    config_path = fixture_config(case, work)
    config = yaml_load(config_path.read_text(encoding="utf-8"))
    config["extra"]["bib_library"] = str(case / library) if library else None
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return run_mkdocs(config_path, work / "site")


@pytest.mark.fixture_site
def test_cited_library_entry_renders_and_uncited_ones_are_never_read(tmp_path):
    build = build_citing(tmp_path, "zot2021cited")
    assert build.returncode == 0, build.log
    page = build.page("")
    assert "A library entry that a page cites" in page.get_text()
    assert "Journal of Neuroendocrinology" in page.get_text()  # the library's @string macro
    listed = {li["id"][4:] for li in build.page("bibliography/").select("ol.bibliography li[id^=ref-]")}
    assert listed == {"smith2020good", "zot2021cited"}  # no uncited library entry on the bibliography page
    exported = (build.site / "references" / "references.bib").read_text(encoding="utf-8")
    assert "zot2021cited" in exported and "zot2020http" not in exported
    assert "A well-formed entry" in page.get_text()  # a key in both files is bib/references.bib's


REJECTED = {
    # key cited from the library: the words the one-line error must contain
    "zot2020http": ["library.bib:19", "zot2020http", "url 'http://example.org/insecure' is not an https://"],
    "zot2020noevidence": ["library.bib:23: zot2020noevidence", "'evidence' is missing", "tex.evidence"],
    "zot2020again": ["library.bib:31", "same DOI 10.1000/xyz123 as smith2020good", "references.bib, line 1)"],
    "zot2022broken": ["library.bib:52", "malformed BibTeX"],
    "zot2099missing": ["docs/index.md:10", "unknown citation key 'zot2099missing'"],
}


@pytest.mark.fixture_site
@pytest.mark.parametrize("key", sorted(REJECTED))
def test_cited_library_entry_meets_the_rules_of_bib(tmp_path, key):
    build = build_citing(tmp_path, key)
    assert build.returncode != 0, f"{key}: built without error"
    for words in REJECTED[key]:
        assert words in build.log, f"{key}: no {words!r} in:\n{build.log[-2000:]}"
    assert "Traceback" not in build.log


@pytest.mark.fixture_site
def test_missing_library_file_is_one_line(tmp_path):
    build = build_citing(tmp_path, "zot2021cited", library="no-such-library.bib")
    assert build.returncode != 0
    assert "no-such-library.bib: reference library not found" in build.log
    assert "Traceback" not in build.log
