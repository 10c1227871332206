"""scripts/add-reference: a house-style entry from a DOI or PMID, with the network replaced by recorded answers.

Every test writes to a temporary copy of tests/fixtures/add-reference/references.bib, never to bib/.
`responses` (pinned in requirements/site.txt) fails any request a test did not register.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
from pathlib import Path

import pytest
import requests
import responses
from pybtex.database import parse_string

from scripts.add_reference import bibtex, fetch
from scripts.add_reference.__main__ import SERVICES, main
from scripts.add_reference.records import Person, Record, from_pubmed, pages
from tests.rules import bibliography as rules

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "add-reference"
TODAY = datetime.date(2026, 12, 2)
CROSSREF = "https://api.crossref.org/works/10.1210/jc.2018-00229"
ESEARCH = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esearch.fcgi"
EFETCH = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/efetch.fcgi"
BHASIN = """@article{bhasin2018testosterone,
  author = {Bhasin, Shalender and Brito, Juan P and Cunningham, Glenn R and Hayes, Frances J and Hodis, Howard N \
and Matsumoto, Alvin M and Snyder, Peter J and Swerdloff, Ronald S and Wu, Frederick C and Yialamas, Maria A},
  title = {Testosterone Therapy in Men With Hypogonadism: An Endocrine Society Clinical Practice Guideline},
  journal = {The Journal of Clinical Endocrinology \\& Metabolism},
  year = {2018},
  volume = {103},
  number = {5},
  pages = {1715--1744},
  doi = {10.1210/jc.2018-00229},
  pmid = {29562364},
  evidence = {guideline},
  note = {From Crossref and PubMed on 2026-12-02 (scripts/add-reference).}
}
"""


class FakeTime:
    """A clock that moves only when the client sleeps, so retries and the rate limit take no real time."""

    def __init__(self):
        self.now, self.sleeps = 1000.0, []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 2))
        self.now += seconds


@pytest.fixture(autouse=True)
def real_addresses(monkeypatch):
    """An editor's own mirror settings (ADD_REFERENCE_*) must not change what these tests expect."""
    for variable, _ in SERVICES.values():
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture
def time_():
    return FakeTime()


@pytest.fixture
def bib(tmp_path) -> Path:
    path = tmp_path / "references.bib"
    shutil.copy(FIXTURE / "references.bib", path)
    return path


@pytest.fixture
def add(bib, time_):
    """Run the command on the temporary bib; returns (exit code, stdout, stderr)."""

    def run(*args: str, capsys) -> tuple[int, str, str]:
        client = fetch.Client(sleep=time_.sleep, clock=time_.clock)
        code = main([*args, "--bib", str(bib)], client=client, today=TODAY)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def answer(name: str) -> str:
    return (FIXTURE / name).read_text(encoding="utf-8")


def register_bhasin(mock) -> None:
    mock.get(CROSSREF, json=json.loads(answer("crossref-bhasin2018.json")))
    mock.get(ESEARCH, body=answer("esearch-bhasin2018.json"), content_type="application/json")
    mock.get(EFETCH, body=answer("efetch-29562364.xml"), content_type="text/xml")


def house_style_problems(text: str) -> list[str]:
    """The bibliography's own rules (tests/rules) and pybtex, the parser the site uses."""
    return rules.check_layout(text) + rules.check_entries(parse_string(text, "bibtex"))


@responses.activate
@pytest.mark.parametrize("identifier", ["10.1210/jc.2018-00229", "https://doi.org/10.1210/JC.2018-00229", "29562364"])
def test_doi_or_pmid_adds_the_same_house_style_entry_in_sorted_place(add, bib, capsys, identifier):
    register_bhasin(responses)
    before = bib.read_text()
    code, out, err = add(identifier, "--evidence", "guideline", capsys=capsys)
    assert code == 0, err
    text = bib.read_text()
    assert out == BHASIN
    assert text == BHASIN + before, "bhasin sorts before brunton, the first key"
    assert f"{bib}:1: added bhasin2018testosterone (guideline) from Crossref and PubMed." in err
    assert house_style_problems(text) == []
    # The DOI's query and the PMID's fetch both named themselves to NCBI and asked for the right record.
    efetch = next(call.request for call in responses.calls if call.request.url.startswith(EFETCH))
    assert "id=29562364" in efetch.url and "tool=" in efetch.url


@responses.activate
def test_pubmed_only_record_and_dry_run(add, bib, capsys):
    responses.get(EFETCH, body=answer("efetch-8916173.xml"), content_type="text/xml")
    before = bib.read_text()
    code, out, err = add("PMID: 8916173", "--evidence", "animal", "--dry-run", capsys=capsys)
    assert code == 0, err
    assert bib.read_text() == before, "--dry-run changes nothing"
    assert out == (
        "@article{mccarthy1996anxiolytic,\n"
        "  author = {McCarthy, M M and McDonald, C H and Brooks, P J and Goldman, D},\n"
        "  title = {An anxiolytic action of oxytocin is enhanced by estrogen in the mouse},\n"
        "  journal = {Physiology \\& behavior},\n"
        "  year = {1996},\n"
        "  volume = {60},\n"
        "  number = {5},\n"
        "  pages = {1209--1215},\n"
        "  pmid = {8916173},\n"
        "  evidence = {animal},\n"
        "  note = {From PubMed on 2026-12-02 (scripts/add-reference).}\n"
        "}\n"
    )
    assert len(responses.calls) == 1, "no DOI in the record: Crossref is not asked"


@responses.activate
def test_doi_not_found(add, bib, capsys):
    responses.get("https://api.crossref.org/works/10.5555/nothing", status=404, body="Resource not found.")
    responses.get("https://doi.org/10.5555/nothing", status=404, body="DOI Not Found")
    before = bib.read_text()
    code, _, err = add("10.5555/nothing", "--evidence", "rct", capsys=capsys)
    assert code == 1 and bib.read_text() == before
    assert err == "add-reference: no DOI 10.5555/nothing: Crossref and doi.org both answered 404; check it for typos\n"
    assert responses.calls[1].request.headers["Accept"] == "application/vnd.citationstyles.csl+json"


@responses.activate
def test_pmid_not_found(add, capsys):
    responses.get(EFETCH, body=answer("efetch-empty.xml"), content_type="text/xml")
    code, _, err = add("999999999", "--evidence", "rct", capsys=capsys)
    assert (code, err) == (1, "add-reference: no PubMed record 999999999: PubMed returned none; check the number\n")


@responses.activate
@pytest.mark.parametrize(
    ("identifier", "reason"),
    [
        ("10.1146/ANNUREV-PSYCH-010213-115110", "same DOI 10.1146/annurev-psych-010213-115110"),
        ("https://pubmed.ncbi.nlm.nih.gov/24050183/", "same PMID 24050183"),
    ],
)
def test_source_already_in_bib_is_refused_before_any_request(add, bib, capsys, identifier, reason):
    before = bib.read_text()
    code, out, err = add(identifier, "--evidence", "narrative-review", capsys=capsys)
    assert (code, out) == (1, "")
    expected = f"{bib}:13: already there as carter2014oxytocin ({reason}); cite it as [@carter2014oxytocin]"
    assert err == f"add-reference: {expected}\n"
    assert bib.read_text() == before and len(responses.calls) == 0


@responses.activate
def test_source_found_only_through_the_record_is_refused(add, bib, capsys):
    """The bib has the guideline under its PMID only; its DOI is new, its record's PMID is not."""
    bib.write_text(
        bib.read_text()
        + BHASIN.replace("bhasin2018testosterone", "zz2018guideline").replace("  doi = {10.1210/jc.2018-00229},\n", "")
    )
    register_bhasin(responses)
    code, _, err = add("10.1210/jc.2018-00229", "--evidence", "guideline", capsys=capsys)
    assert code == 1
    assert re.fullmatch(r"add-reference: .*:38: already there as zz2018guideline \(same PMID 29562364\); .*\n", err)


@responses.activate
def test_timeout_is_retried_with_backoff_then_reported_in_one_line(add, bib, capsys, time_):
    responses.get(CROSSREF, body=requests.exceptions.ReadTimeout("read timed out"))
    before = bib.read_text()
    code, _, err = add("10.1210/jc.2018-00229", "--evidence", "guideline", capsys=capsys)
    assert code == 1 and bib.read_text() == before
    assert err == (
        "Crossref: no answer within 20 s; trying again (2 of 3)\n"
        "Crossref: no answer within 20 s; trying again (3 of 3)\n"
        "add-reference: Crossref: no answer within 20 s (3 tries) at "
        "https://api.crossref.org/works/10.1210/jc.2018-00229; check the network, or try later\n"
    ), "each retry is announced at once, so a long wait never looks like a hang"
    assert len(responses.calls) == 3
    assert time_.sleeps == [1.0, 2.0], "backoff doubles between tries"


@responses.activate
def test_busy_service_is_retried_after_the_time_it_asks_for(add, capsys, time_):
    responses.get(CROSSREF, status=503, headers={"Retry-After": "5"})
    responses.get(CROSSREF, json=json.loads(answer("crossref-bhasin2018.json")))
    responses.get(ESEARCH, body=answer("esearch-none.json"), content_type="application/json")
    code, out, err = add("10.1210/jc.2018-00229", "--evidence", "guideline", "--dry-run", capsys=capsys)
    assert code == 0, err
    assert 5.0 in time_.sleeps
    assert "pmid" not in out and "From Crossref on 2026-12-02" in out, "PubMed has no record for it: Crossref alone"


@responses.activate
def test_pubmed_failing_after_crossref_answered_still_gives_the_entry(add, capsys):
    responses.get(CROSSREF, json=json.loads(answer("crossref-bhasin2018.json")))
    responses.get(ESEARCH, status=500)
    code, out, err = add("10.1210/jc.2018-00229", "--evidence", "guideline", "--dry-run", capsys=capsys)
    assert code == 0 and "doi = {10.1210/jc.2018-00229}" in out
    assert err.splitlines()[-1].startswith("note: PubMed not consulted: PubMed: HTTP 500 (3 tries) at https://eutils")


@responses.activate
def test_an_answer_that_is_not_json_is_a_one_line_failure(add, capsys):
    responses.get(CROSSREF, body="<html>Service Unavailable</html>", content_type="text/html")
    code, _, err = add("10.1210/jc.2018-00229", "--evidence", "guideline", capsys=capsys)
    assert (code, err) == (1, f"add-reference: Crossref answered something unreadable at {CROSSREF}; try again later\n")


@responses.activate
def test_a_mirror_or_local_stub_answers_instead_and_the_note_says_so(add, bib, capsys, monkeypatch):
    # A machine without the internet points the services at a stub serving recorded answers.
    monkeypatch.setenv("ADD_REFERENCE_CROSSREF", "http://127.0.0.1:8765/crossref/")
    monkeypatch.setenv("ADD_REFERENCE_EUTILS", "http://127.0.0.1:8765/eutils")
    mirror = "http://127.0.0.1:8765/crossref/works/10.1210/jc.2018-00229"
    responses.get(mirror, json=json.loads(answer("crossref-bhasin2018.json")))
    responses.get(
        ESEARCH.replace("https://eutils.ncbi.nlm.nih.gov/entrez/eutils", "http://127.0.0.1:8765/eutils"),
        body=answer("esearch-bhasin2018.json"),
        content_type="application/json",
    )
    responses.get(
        EFETCH.replace("https://eutils.ncbi.nlm.nih.gov/entrez/eutils", "http://127.0.0.1:8765/eutils"),
        body=answer("efetch-29562364.xml"),
        content_type="text/xml",
    )
    code, out, err = add("10.1210/jc.2018-00229", "--evidence", "guideline", capsys=capsys)
    assert code == 0, err
    assert all(call.request.url.startswith("http://127.0.0.1:8765/") for call in responses.calls)
    assert (
        "note = {From Crossref (via http://127.0.0.1:8765/crossref/) and PubMed (via http://127.0.0.1:8765/eutils/) "
        "on 2026-12-02 (scripts/add-reference).}" in out
    )
    assert house_style_problems(bib.read_text()) == []


@responses.activate
def test_an_unreachable_mirror_fails_in_one_line_naming_it(add, bib, capsys, monkeypatch):
    monkeypatch.setenv("ADD_REFERENCE_CROSSREF", "http://127.0.0.1:9")
    responses.get("http://127.0.0.1:9/works/10.1210/jc.2018-00229", body=requests.exceptions.ConnectionError("refused"))
    code, _, err = add("10.1210/jc.2018-00229", "--evidence", "guideline", capsys=capsys)
    assert (code, err.splitlines()[-1]) == (
        1,
        "add-reference: Crossref: could not connect (3 tries) at http://127.0.0.1:9/works/10.1210/jc.2018-00229; "
        "check the network, or try later",
    )


def test_requests_to_one_host_keep_their_distance(time_):
    client = fetch.Client(sleep=time_.sleep, clock=time_.clock)
    for host in ("eutils.ncbi.nlm.nih.gov", "eutils.ncbi.nlm.nih.gov", "api.crossref.org", "eutils.ncbi.nlm.nih.gov"):
        client.wait_turn(host)
    assert time_.sleeps == [0.34, 0.34]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["abc"], "'abc' is neither a DOI (10.xxxx/…) nor a PubMed ID (digits)"),
        (["10.1000/x", "--evidence", "hearsay"], "unknown evidence type 'hearsay'; use one of guideline,"),
    ],
)
def test_bad_input_gets_one_line(add, capsys, args, message):
    code, _, err = add(*args, capsys=capsys)
    assert code == 1 and err.startswith(f"add-reference: {message}") and err.count("\n") == 1


@responses.activate
def test_evidence_is_required_when_no_one_can_be_asked(add, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    register_bhasin(responses)
    code, _, err = add("10.1210/jc.2018-00229", capsys=capsys)
    assert code == 1
    assert err.startswith("add-reference: give --evidence, one of guideline,")
    assert err.endswith("(PubMed lists it as: Journal Article, Practice Guideline)\n")


@responses.activate
def test_evidence_prompt_offers_pubmeds_type(add, bib, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda: "")
    register_bhasin(responses)
    code, out, err = add("29562364", capsys=capsys)
    assert code == 0 and "Evidence type [guideline]: " in err and "evidence = {guideline}" in out


@pytest.mark.parametrize(
    ("family", "title", "year", "key"),
    [
        ("Meltzer-Brody", "Brexanolone injection in post-partum depression", "2018", "meltzerbrody2018brexanolone"),
        ("Nüst", "The Rockerverse", "2020", "nust2020rockerverse"),
        ("Cardoso", "A meta-analytic review of the impact", "2014", "cardoso2014meta"),
        ("van der Berg", "On the use of oxytocin", "2021", "vanderberg2021use"),
        ("Smith", "", "2020", ""),  # no title word: the editor gives --key
        ("Smith", "Statins", "", ""),  # no year
    ],
)
def test_key_follows_the_documented_rule(family, title, year, key):
    fields = {"title": title, "year": year}
    assert bibtex.make_key(Record("article", fields, authors=[Person(family, "J")])) == key


def test_group_author_key_and_name():
    record = Record(
        "misc", {"title": "Global status report", "year": "2021"}, authors=[Person(organisation="WHO & Co")]
    )
    assert bibtex.make_key(record) == "who2021global"
    assert bibtex.names(record.authors) == "{WHO \\& Co}"


def test_taken_key_gets_a_letter():
    assert bibtex.free_key("smith2020statins", {"smith2020statins", "smith2020statinsb"}) == "smith2020statinsc"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Petit-Demoulière & Nüst: 50% of _x_", 'Petit-Demouli{\\`e}re \\& N{\\"u}st: 50\\% of \\_x\\_'),
        ("receptor-α", "receptor-{$\\alpha$}"),
        ("{odd} braces\\", "odd braces"),
    ],
)
def test_values_are_latex_escaped(text, value):
    assert bibtex.latex(text) == value


def test_acronyms_in_titles_keep_their_case():
    assert (
        bibtex.protect_acronyms("MK-0677 and GnRH in mRNA, not Oxytocin")
        == "{MK-0677} and {GnRH} in {mRNA}, not Oxytocin"
    )


@pytest.mark.parametrize(
    ("given", "expected"), [("183-9", "183--189"), ("1715-1744", "1715--1744"), ("S1-5", "S1--S5"), ("e123", "e123")]
)
def test_page_ranges(given, expected):
    assert pages(given) == expected


def test_reference_list_ids_are_not_the_articles():
    record = from_pubmed(answer("efetch-29562364.xml"))
    assert (record.fields["doi"], record.fields["pmid"], record.fields.get("pmcid")) == (
        "10.1210/jc.2018-00229",
        "29562364",
        None,
    )


def test_insert_keeps_keys_sorted():
    text = "@article{b2000x,\n}\n@article{d2000x,\n}\n"
    assert bibtex.insert_sorted(text, "@article{c2000x,\n}\n", "c2000x") == (
        "@article{b2000x,\n}\n@article{c2000x,\n}\n@article{d2000x,\n}\n",
        3,
    )
    assert bibtex.insert_sorted(text, "@article{e2000x,\n}\n", "e2000x")[1] == 5
