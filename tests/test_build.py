"""The real site builds strictly; each tiny fixture site is rejected with a message an editor understands."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.conftest import FIXTURES, MKDOCS, ROOT, fixture_config, run_mkdocs


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
    "claims-missing-entry": ["docs/index.md:10", "cited sentence has no entry in data/claims/index.yml"],
    "claims-stale-entry": ["data/claims/index.yml:8", "names a sentence that is not on docs/index.md"],
    "status-by-hand": ["docs/index.md:11", "regulatory status written by hand", "FDA-approved"],
    "status-unknown-agent": ["docs/index.md:11", "no agent 'zuranolon' in data/agents.yml"],
    "agents-no-source": ["data/agents.yml:3", "zuranolone.fda.source: missing"],
    "agents-future-date": ["data/agents.yml:7", "zuranolone.wada.checked: 2999-01-01 is in the future"],
    "agents-malformed": ["data/agents.yml:3", "invalid YAML"],
    "changes-bad-date": ["docs/index.md:8", "'date' must be a date"],
    "citation-split-lines": ["docs/index.md:9", "split over two lines"],
    "citation-colon-key": [
        "docs/index.md:9",
        "'smith2020good:erratum' has a character the citation plugin cannot read",
    ],
    "bibliography-command": ["docs/index.md:9", "bibliography command"],
    "front-matter-bad-date": ["docs/index.md:4", "'reviewed'", "2026-11-31"],
    "front-matter-old-evidence": [
        "docs/index.md:4: front matter 'evidence:' was renamed 'certainty:' (the page's certainty level;"
        " 'evidence' is a source's study type in bib/)"
    ],
    "section-pages-unknown": [
        "docs/index.md:11: section-pages: 'topic/page.md' is not the index page of a section in the nav"
    ],
    "citation-in-snippet": ["tests/fixtures/citation-in-snippet/part.md:2", "included file is never processed"],
    # bib/ is checked by the build itself (hooks/bib_validation.py), cited entries or not
    "bib-javascript-url": ["references.bib:7", "smith2020good", "url 'javascript:alert(1)' is not an https:// address"],
    "bib-http-url": ["references.bib:14", "who2021plain", "url 'http://example.org/report' is not an https://"],
    "bib-unsafe-key": ["references.bib:11", "a><script>x</script><b", "only use letters, digits and _:.+-"],
    "bib-unknown-evidence": ["references.bib:7", "smith2020good", "unknown evidence 'hearsay'; use one of"],
    "bib-missing-evidence": ["references.bib:11", "jones2021none", "'evidence' is missing"],
    "bib-second-file": [
        "docs/index.md:10",
        "unknown citation key 'lee2022extra'; it is in",
        "extra.bib, which the build does not read",
    ],
    "bib-not-utf8": ["references.bib:2", "not UTF-8 (byte 0xfc)"],
    # citation syntax the plugin would garble, drop or leave raw (issue 12, found by R's hostile edits)
    "citation-in-nested-brackets": ["docs/index.md:10", "'@smith2020good' is in brackets the build cannot read"],
    "citation-as-link-text": ["docs/index.md:10", "'@smith2020good' is a link's text, not a citation"],
    "citation-groups-side-by-side": ["docs/index.md:10", "two citation groups side by side read as one number"],
    "citation-locator-without-comma": ["docs/index.md:10", "text after '@smith2020good' needs a comma before it"],
    "citation-semicolon-in-locator": ["docs/index.md:10", "'3' after ';' is not a citation"],
    "citation-key-case": ["docs/index.md:10", "citation key 'Smith2020Good' is written 'smith2020good' in bib/"],
    "citation-raw-html-block": ["docs/index.md:11", "a citation inside a raw HTML block is never processed"],
    "citation-full-width-brackets": ["docs/index.md:10", "full-width brackets are not a citation"],
    "unclosed-comment": ["docs/index.md:10", "an HTML comment opened here is never closed"],
    "front-matter-bad-date-logged": ["docs/index.md:4", "'reviewed'", "2026-11-31"],
    "bib-duplicate-doi": [
        "references.bib:10: carter2014pathways: same DOI 10.1146/annurev-psych-010213-115110 as carter2014oxytocin"
        " (line 1)"
    ],
    "bib-duplicate-title": [
        "references.bib:10: gimpl2001receptor: near-identical title and the same year (2001) as gimpl2001oxytocin"
        " (line 1)"
    ],
}


@pytest.mark.fixture_site
@pytest.mark.parametrize("case", sorted(REJECTED))
def test_fixture_is_rejected_with_clear_message(build_fixture, case):
    build = build_fixture(case)
    assert build.returncode != 0, f"{case} was not rejected:\n{build.log}"
    for words in REJECTED[case]:
        assert words in build.log, f"{case}: expected {words!r} in:\n{build.log}"
    assert "Traceback" not in build.log, f"{case}: a traceback instead of a clear message:\n{build.log}"


@pytest.mark.fixture_site
def test_overdue_checks_show_a_badge_and_a_warning_but_never_fail_the_build(build_fixture):
    """Time passing must not break a build: an old check is shown and warned about, not raised."""
    build = build_fixture("status-overdue")
    assert build.returncode == 0, build.log
    assert "Review overdue: docs/index.md was checked on 2020-01-15" in build.log
    assert "Review overdue: the regulatory status of Zuranolone" in build.log
    page = build.page("")
    badges = page.select(".review-overdue")
    assert len(badges) >= 3, "page status, status box and inline phrase each say 'review overdue'"
    assert page.select_one(".admonition.warning .admonition-title").get_text().endswith("review overdue")
    assert "checked 2020-01-15" in page.get_text()


@pytest.mark.fixture_site
def test_code_comments_and_addresses_are_text_and_locators_are_kept(build_fixture):
    build = build_fixture("code-is-text")
    assert build.returncode == 0, build.log
    page = build.page("")
    article = page.select_one("article")
    assert [c.get_text() for c in article.select("code")][:2] == ["[@nosuchkey2099]", "\\bibliography"]
    assert "[@nosuchkey2099]" in article.select_one("pre").get_text()
    mail = article.find("a", href="mailto:editors@example.org")
    assert mail and mail.get_text() == "Write to editors@example.org"
    assert [s.get_text() for s in article.select("sup.cite-locator")] == ["(p. 12)"]
    assert "prefix see" in article.get_text()
    assert "Escaped brackets show citation syntax as text: [@nosuchkey2099]." in article.get_text()
    assert "suppress1." in article.get_text(), "pandoc's [-@key] is a plain marker: no stray '-'"
    assert "XQMASK" not in str(page) and "nosuchkey2099" not in str(article.select_one("div.footnote"))


@pytest.mark.fixture_site
def test_quiet_build_cannot_hide_a_strict_failure(tmp_path):
    """`mkdocs build -q` on a page left out of the nav: strict comes from mkdocs.yml, and -q must not hide it."""
    config = fixture_config(FIXTURES / "orphan-page", tmp_path)
    result = subprocess.run(
        [*MKDOCS, "build", "-q", "-f", str(config), "-d", str(tmp_path / "site")],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"mkdocs build -q passed a site that mkdocs build rejects:\n{output}"
    assert "orphan.md" in output and 'not included in the "nav"' in output, output


@pytest.mark.fixture_site
def test_every_cited_key_carries_its_checked_passage_even_after_a_prefix(build_fixture):
    """A prefix on a later item of a group ("[@a, p. 3; see @b]") must not cost the first item its passage."""
    build = build_fixture("claims-supports")
    assert build.returncode == 0, build.log
    from tests.test_bench_budgets import page_passages

    passages = page_passages(build.site / "index.html", build.page(""))
    refs = build.page("").select("article a.footnote-ref")
    assert [passages.get(r.parent["id"]) for r in refs] == [
        "Supports: “say so <b>in mice</b>” (abstract)",
        "Supports: the second source agrees (p. 4)",
        "Supports: “says this too” (Results)",
        "Supports: “the first passage” (p. 3)",
        "Supports: “the second passage” (p. 5)",
    ]
    assert [p.get_text() for p in build.page("").select("article .cite-prefix")] == ["see"]


@pytest.mark.fixture_site
def test_bib_dir_files_get_the_same_safety_rules(tmp_path):
    """`bib_dir:` instead of `bib_file:`: every file the plugin reads is checked, naming its own line."""
    config = fixture_config(FIXTURES / "bib-dir", tmp_path)
    text = config.read_text(encoding="utf-8").replace(
        f"bib_file: {FIXTURES / 'bib-dir' / 'references.bib'}", f"bib_dir: {FIXTURES / 'bib-dir' / 'bib'}"
    )
    text = text.replace(f"bib_file: {ROOT / 'bib' / 'references.bib'}", f"bib_dir: {FIXTURES / 'bib-dir' / 'bib'}")
    assert "bib_dir:" in text
    config.write_text(text, encoding="utf-8")
    build = run_mkdocs(config, tmp_path / "site")
    assert build.returncode != 0, build.log
    assert "more.bib:4: who2021plain: url 'javascript:alert(1)' is not an https:// address" in build.log
    assert "Traceback" not in build.log
