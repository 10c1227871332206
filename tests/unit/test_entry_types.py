"""hooks/citation_style.py renders each supported BibTeX entry type in AMA form, container included."""

from __future__ import annotations

import pytest
from pybtex.database import parse_string

ENTRIES = {
    "inproceedings": (
        "@inproceedings{lee2019paper, author = {Lee, Ann and Kim, Bo}, title = {A conference paper},"
        " booktitle = {Proceedings of the Annual Meeting}, editor = {Park, Chan}, publisher = {Endocrine Society},"
        " year = {2019}, pages = {101--103}}",
        "Lee A, Kim B. A conference paper. In: Park C, ed. <i>Proceedings of the Annual Meeting.</i>"
        " Endocrine Society; 2019:101–103.",
    ),
    "phdthesis": (
        "@phdthesis{roe2018voles, author = {Roe, Rita}, title = {Oxytocin in Voles},"
        " school = {University of Somewhere}, year = {2018}}",
        "Roe R. <i>Oxytocin in Voles.</i> Dissertation. University of Somewhere; 2018.",
    ),
    "mastersthesis": (
        "@mastersthesis{poe2017study, author = {Poe, Paul}, title = {A Study}, school = {Some College}, year = {2017}}",
        "Poe P. <i>A Study.</i> Master&#x27;s thesis. Some College; 2017.",
    ),
    "techreport": (
        "@techreport{nice2020review, author = {{National Institute for Health and Care Excellence}},"
        " title = {Testosterone Review}, institution = {NICE}, number = {NG123}, year = {2020}}",
        "National Institute for Health and Care Excellence. <i>Testosterone Review.</i> Report NG123. NICE; 2020.",
    ),
    "online": (
        "@online{who2021menopause, author = {{World Health Organization}}, title = {Menopause},"
        " organization = {WHO}, year = {2021}, month = {oct}, urldate = {2026-11-25}, url = {https://www.who.int/x}}",
        'World Health Organization. Menopause. WHO. Published Oct 2021. Accessed 2026-11-25. <a href="https://www.who.int/x">',
    ),
    "incollection": (
        "@incollection{doe2015chapter, author = {Doe, Jane}, title = {The Chapter}, booktitle = {The Edited Book},"
        " editor = {Ed, Ina and Or, Otto}, edition = {2nd}, publisher = {Academic Press}, year = {2015},"
        " pages = {1--20}}",
        "Doe J. The Chapter. In: Ed I, Or O, eds. <i>The Edited Book.</i> 2nd ed. Academic Press; 2015:1–20.",
    ),
    "inbook": (
        "@inbook{ray2011chapter, author = {Ray, Rae}, title = {Chapter Title}, booktitle = {The Book},"
        " publisher = {Wiley}, year = {2011}, pages = {5--9}}",
        "Ray R. Chapter Title. In: <i>The Book.</i> Wiley; 2011:5–9.",
    ),
    "inbook-classic": (  # BibTeX's own inbook: the title is the book's, the part is a chapter or pages
        "@inbook{kay2010book, author = {Kay, Karl}, title = {Whole Book}, chapter = {7}, publisher = {Springer},"
        " year = {2010}, pages = {150--170}}",
        "Kay K. <i>Whole Book.</i> Chapter 7. Springer; 2010:150–170.",
    ),
}


def render(hook, bibtex: str) -> str:
    entry = next(iter(parse_string(bibtex, "bibtex").entries.values()))
    return hook("citation_style").format_entry(entry)


@pytest.mark.parametrize("case", sorted(ENTRIES))
def test_entry_type_renders_with_its_container(hook, case):
    bibtex, expected = ENTRIES[case]
    assert render(hook, bibtex).startswith(expected)


def test_thesis_and_report_type_field_overrides_the_label(hook):
    html = render(hook, ENTRIES["techreport"][0].replace("number =", "type = {Technical brief}, number ="))
    assert "Technical brief NG123." in html
    assert "Doctoral thesis." in render(
        hook, ENTRIES["phdthesis"][0].replace("school =", "type = {Doctoral thesis}, school =")
    )


def test_container_fields_are_escaped(hook):
    html = render(hook, ENTRIES["inproceedings"][0].replace("Annual Meeting", "<script>x</script> *Meeting*"))
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt; &#42;Meeting&#42;" in html


def test_url_is_verbatim_and_linked_only_when_https(hook):
    html = render(hook, ENTRIES["online"][0].replace("https://www.who.int/x", "https://a.org/q?id=x%3A1~2"))
    assert '<a href="https://a.org/q?id=x%3A1~2">' in html
    unsafe = render(hook, ENTRIES["online"][0].replace("https://www.who.int/x", "javascript:alert(1)"))
    assert "<a " not in unsafe and "javascript:alert(1)" in unsafe
