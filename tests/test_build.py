"""The real site builds strictly; each tiny fixture site is rejected with a message an editor understands."""

from __future__ import annotations

import pytest


def test_real_site_builds_strictly_without_warnings(site):
    assert site.returncode == 0
    assert "WARNING" not in site.log, site.log


def test_valid_fixture_builds(build_fixture):
    """The control: the fixture harness itself produces a working site."""
    build = build_fixture("valid-minimal")
    assert build.returncode == 0, build.log
    assert (build.site / "index.html").exists()


REJECTED = {
    # case: the words the error must contain (file, line where known, and the problem)
    "unknown-citation-key": ["docs/index.md:10", "unknown citation key 'nosuchkey2099'"],
    "broken-page-link": ["index.md", "missing.md", "not found"],
    "broken-anchor": ["index.md", "#no-such-section"],
    "malformed-bibtex": ["references.bib:10", "malformed BibTeX"],
    "duplicate-key": ["references.bib:8", "duplicate citation key 'smith2020good'"],
    "third-party-resource": ["docs/index.md", "third-party resource", "cdn.example.com"],
    "missing-front-matter": ["docs/index.md", "front matter", "reviewed"],
    "orphan-page": ["orphan.md", 'not included in the "nav"'],
}


@pytest.mark.fixture_site
@pytest.mark.parametrize("case", sorted(REJECTED))
def test_fixture_is_rejected_with_clear_message(build_fixture, case):
    build = build_fixture(case)
    assert build.returncode != 0, f"{case} was not rejected:\n{build.log}"
    for words in REJECTED[case]:
        assert words in build.log, f"{case}: expected {words!r} in:\n{build.log}"
    assert "Traceback" not in build.log, f"{case}: a traceback instead of a clear message:\n{build.log}"
