"""Compare citeproc-py's AMA (the official CSL style) with hooks/citation_style.py on every entry in bib/.

Why: issue 13 asked whether one CSL engine could format every reference and retire the
hand-written formatter. This prints, for the current bib/ and citeproc-py, how often the two
agree, why they differ (each difference explained away in turn, in the order below), and how
long each takes. Run it again after upgrading citeproc-py or the styles:

    .venv/bin/python scripts/compare_styles.py            # summary
    .venv/bin/python scripts/compare_styles.py --diff     # and every entry that still differs
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import time
from pathlib import Path

from bs4 import BeautifulSoup
from pybtex.database import parse_file

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from citing import records, styles  # noqa: E402  (hooks/ is not a package)

# (what differs, how to remove it from both texts): applied in order, each on top of the previous.
EXPLANATIONS = [
    ("page ranges: hyphen (citeproc) or en dash (ours)", lambda t: t.replace("\u2013", "-")),
    (
        "a full stop after the DOI or URL (ours; AMA has none)",
        lambda t: re.sub(r"(doi:\S+|https://\S+)\.(\s|$)", r"\1\2", t),
    ),
    ("PMID and PMCID (ours only: linked for lay readers)", lambda t: re.sub(r"\.? ?(PMID|PMCID): \S+?(?=\.|$)", "", t)),
    ("date wording for undated volumes and web pages", lambda t: re.sub(r"Published( online)? ", "", t)),
    (
        "month names: full (citeproc) or short (ours)",
        lambda t: re.sub(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b", r"\1", t),
    ),
    (
        "editors: '(…, eds.)' or 'Edited by …'",
        lambda t: re.sub(r"\(([^()]*), eds?\.\)|Edited by ([^.]*)(?=\.)", lambda m: m[1] or m[2], t),
    ),
    ("periods stripped from container titles (CSL strip-periods)", lambda t: t.replace("Doc.", "Doc")),
    ("a final full stop", lambda t: t.rstrip(". ")),
]


def hand_formatter():
    spec = importlib.util.spec_from_file_location("citation_style", ROOT / "hooks" / "citation_style.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def raw_citeproc(items: list[dict], name: str) -> dict[str, str]:
    """citeproc-py as it comes: none of the mends in hooks/citing/styles.py."""
    from citeproc.model import Substitute

    mended = Substitute.add_to_repressed_list
    Substitute.add_to_repressed_list = styles._original_repress
    try:
        source = styles.CiteProcJSON([styles.prepared(item) for item in items])
        bibliography = styles.CitationStylesBibliography(styles.style(name), source, styles.formatter.plain)
        for item in items:
            bibliography.register(styles.Citation([styles.CitationItem(item["id"].lower())]))
        texts = dict(zip(bibliography.keys, map(str, bibliography.bibliography()), strict=True))
    finally:
        Substitute.add_to_repressed_list = mended
    return {item["id"]: styles.NUMBER.sub("", " ".join(texts[item["id"].lower()].split())) for item in items}


def as_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for badge in soup.select(".evidence-badge"):
        badge.decompose()
    return " ".join(soup.get_text().split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diff", action="store_true", help="print every entry that still differs")
    args = parser.parse_args()
    entries = parse_file(str(ROOT / "bib" / "references.bib")).entries
    style = hand_formatter()

    start = time.perf_counter()
    ours = {key: as_text(style.format_entry(entry)) for key, entry in entries.items()}
    ours_s = time.perf_counter() - start

    items = [records.csl_item(key, entry) for key, entry in entries.items()]
    cut = {key: roles for key, entry in entries.items() if (roles := records.truncated(entry))}
    styles._cache.clear()
    start = time.perf_counter()
    theirs = styles.format_items(items, "ama", cut)
    theirs_s = time.perf_counter() - start
    timings = {}
    for name in ("apa", "vancouver"):
        start = time.perf_counter()
        styles.format_items(items, name, cut)
        timings[name] = time.perf_counter() - start

    print(f"{len(entries)} entries; ours {ours_s * 1000:.0f} ms, citeproc-py AMA {theirs_s * 1000:.0f} ms", end="")
    print("".join(f", {name} {seconds * 1000:.0f} ms" for name, seconds in timings.items()))
    raw = raw_citeproc(items, "ama")
    titles = {item["id"]: item.get("title", "") for item in items}
    twice = sum(1 for k in entries if titles[k] and raw[k].count(titles[k]) > 1)
    doubled = sum(1 for k in entries if styles.DOUBLED.search(raw[k]))
    print("citeproc-py 0.11.1 as it comes, mended in hooks/citing/styles.py:")
    print(f"- a title printed twice: {twice}")
    print(f"- '?.' or '!.': {doubled}")
    print(f"- 'et al' lost from a list bib/ cuts short: {len(cut)}")
    left = {key for key in entries if ours[key] != theirs[key]}
    print(f"identical: {len(entries) - len(left)}")
    a, b = dict(ours), dict(theirs)
    for label, explain in EXPLANATIONS:
        a = {k: explain(v) for k, v in a.items()}
        b = {k: explain(v) for k, v in b.items()}
        still = {k for k in left if a[k] != b[k]}
        print(f"- explained by {label}: {len(left) - len(still)}")
        left = still
    print(f"still different: {len(left)}")
    if args.diff:
        for key in sorted(left):
            print(f"\n{key}\n  ours:     {ours[key]}\n  citeproc: {theirs[key]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
