"""Synthetic corpora: N pages in the template's anatomy, each citing k real bib keys (issue 8).

Parts of 10 sections x 10 pages (a tab never exceeds 100 pages), plus the full bibliography
page with its "cited on" backlinks, the one page that grows with the whole corpus.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pybtex.database import parse_file

from scripts.bench.common import ROOT
from scripts.bench.configs import absolute_paths, baseline_config, baseline_docs, real_config, write_config

TEXT = (
    "oxytocin receptor binding changes with steroid exposure across tissues and species while human data "
    "remain sparse and indirect so each claim here is framed by the kind of study that supports it"
)
WORDS = TEXT.split(" ")


def usable_bib_keys() -> list[str]:
    bib = next(p["bibtex"]["bib_file"] for p in real_config()["plugins"] if isinstance(p, dict) and "bibtex" in p)
    data = parse_file(str(ROOT / bib), "bibtex")
    return sorted(k for k, e in data.entries.items() if "unverified:" not in e.fields.get("note", ""))


def sentence(n: int, length: int = 18) -> str:
    words = [WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(length)]
    return " ".join(words).capitalize()


def corpus_page(title: str, number: int, cites: list[str], next_link: str | None) -> str:
    """~450 words in the template's anatomy; every citation is a separate [@key] (one group of two)."""
    groups = [f"[@{cites[0]}; @{cites[1]}]"] + [f"[@{k}]" for k in cites[2:]] if len(cites) > 1 else [f"[@{cites[0]}]"]
    paragraphs = []
    for i in range(12):
        cite = f" {groups[i]}" if i < len(groups) else ""
        paragraphs.append(f"{sentence(number + i)}.\n{sentence(number + i + 1)}{cite}.")
    for i in range(12, len(groups)):
        paragraphs[i % 12] += f" {sentence(number + i, 8)} {groups[i]}."
    link = (
        f"\n\nNext: [the following page]({next_link}); back to [the part overview](../index.md).\n" if next_link else ""
    )
    return (
        f"---\ntitle: {title}\ndescription: Synthetic benchmark page {number}.\nreviewed: 2026-11-25\n"
        f"certainty: low\nkeywords: [benchmark, page{number}]\n---\n\n# {title}\n\n{paragraphs[0]}\n\n"
        "## Key points\n\n"
        + "".join(f"- {p.splitlines()[1]}\n" for p in paragraphs[1:4])
        + "\n## Background\n\n"
        + "\n\n".join(paragraphs[4:7])
        + '\n\n!!! note "What this shows"\n\n    '
        + paragraphs[7].replace("\n", "\n    ")
        + "\n\n## Findings\n\n| Study | Species | Finding |\n|---|---|---|\n| One | Mouse | Fewer receptors |\n"
        "| Two | Rat | More binding |\n\n"
        + "\n\n".join(paragraphs[8:11])
        + "\n\n## Evidence and its limits\n\n"
        + paragraphs[11]
        + link
    )


def make_corpus(work: Path, pages: int, cites_per_page: int, keys: list[str]) -> Path:
    """Write the corpus under `work`; return its mkdocs.yml (our config; baseline.yml beside it)."""
    root = work / f"corpus-{pages}x{cites_per_page}"
    docs = root / "docs"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    # Hooks read data/ beside mkdocs.yml; without data/claims/ the claims ledger is not checked.
    shutil.copytree(ROOT / "data", root / "data", ignore=shutil.ignore_patterns("claims"))
    ours = absolute_paths(real_config())
    nav: list = [{"Home": "index.md"}]
    part_links = []
    for start in range(0, pages, 100):
        part = f"part-{start // 100 + 1:02d}"
        part_nav: list = [f"{part}/index.md"]
        links = []
        for s_start in range(start, min(start + 100, pages), 10):
            section = f"section-{(s_start % 100) // 10 + 1:02d}"
            section_nav = []
            for n in range(s_start, min(s_start + 10, pages)):
                rel = f"{part}/{section}/page-{n + 1:04d}.md"
                cites = [keys[(n * 11 + i * 5) % len(keys)] for i in range(cites_per_page)]
                cites = list(dict.fromkeys(cites)) + [keys[(n + i) % len(keys)] for i in range(cites_per_page)]
                cites = list(dict.fromkeys(cites))[:cites_per_page]
                last = n + 1 == min(s_start + 10, pages)
                text = corpus_page(f"Benchmark page {n + 1}", n, cites, None if last else f"page-{n + 2:04d}.md")
                path = docs / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                section_nav.append(rel)
            links.append(f"- [Section {section}]({section}/page-{s_start + 1:04d}.md)")
            part_nav.append({f"Section {section[-2:]}": section_nav})
        (docs / part).mkdir(parents=True, exist_ok=True)
        (docs / part / "index.md").write_text(
            f"---\ntitle: Part {part[-2:]}\ndescription: Synthetic part.\nreviewed: 2026-11-25\n---\n\n"
            f"# Part {part[-2:]}\n\n" + "\n".join(links) + "\n",
            encoding="utf-8",
        )
        nav.append({f"Part {part[-2:]}": part_nav})
        part_links.append(f"- [Part {part[-2:]}]({part}/index.md)")
    (docs / "index.md").write_text(
        "---\ntitle: Benchmark corpus\ndescription: Synthetic corpus.\nreviewed: 2026-11-25\n---\n\n"
        "# Benchmark corpus\n\n" + "\n".join(part_links) + "\n\n[Bibliography](bibliography.md)\n",
        encoding="utf-8",
    )
    (docs / "bibliography.md").write_text(
        "---\ntitle: Bibliography\ndescription: Every source.\nreviewed: 2026-11-25\n---\n\n"
        "# Bibliography\n\n<!-- full-bibliography -->\n",
        encoding="utf-8",
    )
    nav.append({"Bibliography": "bibliography.md"})
    # Each page's evidence level links to where the levels are explained (hooks/editorial/certainty.py).
    (docs / "about").mkdir(parents=True, exist_ok=True)
    (docs / "about" / "editorial-policy.md").write_text(
        "---\ntitle: Editorial policy\ndescription: How pages are written.\nreviewed: 2026-11-25\n---\n\n"
        "# Editorial policy\n\n## Evidence levels { #evidence-levels }\n\nWhat each level means.\n",
        encoding="utf-8",
    )
    nav.append({"Editorial policy": "about/editorial-policy.md"})
    config = {**ours, "docs_dir": str(docs), "nav": nav, "site_url": "http://127.0.0.1:8000/"}
    base_docs = baseline_docs(docs, root / "docs-baseline")
    write_config({**baseline_config(config, root), "docs_dir": str(base_docs)}, root / "baseline.yml")
    return write_config(config, root / "mkdocs.yml")
