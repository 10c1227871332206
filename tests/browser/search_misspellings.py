"""The misspelling suite (search_misspellings.yml): glossary terms and page titles with one typing error each.

Generated, not hand-picked, so that the suite tests the mechanism rather than a list:
a fixed seed draws glossary terms and page titles, picks one word of at least five
letters in each (shorter words and abbreviations are never corrected, by design) and
makes one edit at a position after the first letter, of one of four kinds: deletion,
transposition, substitution (a neighbouring key on a QWERTY keyboard) and a doubled
letter. Each term is drawn by a hash of the seed and its text, so that a glossary edit
changes only the cases of the terms it touches. An edit that yields a word of the site's search index is drawn again,
because a real word is not a misspelling search can detect.
The page each case expects is the one the editors named: for a glossary term the
page its definition's "See" link points at, for a title its own page.

    .venv/bin/python tests/browser/search_misspellings.py SITE_DIR   # rewrite the suite from a built site

Regenerate after large content changes; tests/unit/test_search_misspellings.py checks
that every case is still one edit of its term and names a real page.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from pathlib import Path
from posixpath import normpath

import yaml

ROOT = Path(__file__).resolve().parents[2]
SUITE = Path(__file__).with_name("search_misspellings.yml")
SEED = 16  # issue 16
GLOSSARY_CASES = 30
TITLE_CASES = 12
EDITS = ("deletion", "transposition", "substitution", "doubled")
MIN_LETTERS = 5  # the misspelled word keeps at least four letters, the shortest search corrects
QWERTY = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
TERM = re.compile(r"^(?P<term>\S.*?) \{ #[\w-]+ \}$")
LINK = re.compile(r"\]\((?P<href>[^)#\s]+\.md)(?:#[^)]*)?\)")
STOP_WORDS = {"about", "other", "their", "these", "which", "where", "there", "after", "before"}


def neighbours(letter: str) -> str:
    """Keys beside a letter on a QWERTY keyboard (same row)."""
    for row in QWERTY:
        i = row.find(letter)
        if i >= 0:
            return row[max(0, i - 1) : i] + row[i + 1 : i + 2]
    return ""


def edit(word: str, kind: str, rng: random.Random) -> str | None:
    """One edit of `kind` at a random position after the first letter; None if the word allows none."""
    positions = list(range(1, len(word)))
    rng.shuffle(positions)
    for i in positions:
        c = word[i]
        if kind == "deletion":
            return word[:i] + word[i + 1 :]
        if kind == "transposition" and i + 1 < len(word) and word[i + 1] != c:
            return word[:i] + word[i + 1] + c + word[i + 2 :]
        if kind == "substitution" and neighbours(c.lower()):
            new = rng.choice(neighbours(c.lower()))
            return word[:i] + (new.upper() if c.isupper() else new) + word[i + 1 :]
        if kind == "doubled" and c.isalpha():
            return word[:i] + c + word[i:]
    return None


def edit_kind(right: str, wrong: str) -> str | None:
    """Which single edit turns `right` into `wrong` (None if it takes more than one)."""
    if len(wrong) == len(right) - 1:
        return "deletion" if any(right[:i] + right[i + 1 :] == wrong for i in range(len(right))) else None
    if len(wrong) == len(right) + 1:
        doubled = any(wrong[:i] + wrong[i + 1 :] == right and wrong[i] == wrong[i - 1] for i in range(1, len(wrong)))
        return "doubled" if doubled else None
    if len(wrong) != len(right):
        return None
    diff = [i for i, (a, b) in enumerate(zip(right, wrong, strict=True)) if a != b]
    if len(diff) == 1:
        return "substitution"
    swapped = len(diff) == 2 and diff[1] == diff[0] + 1
    if swapped and right[diff[0]] == wrong[diff[1]] and right[diff[1]] == wrong[diff[0]]:
        return "transposition"
    return None


def candidate_words(text: str) -> list[str]:
    """Words of a term or title that search would correct once misspelled: letters only, one capital at most."""
    words = re.findall(r"[^\W\d_]+", text)
    return [
        w for w in words if len(w) >= MIN_LETTERS and sum(ch.isupper() for ch in w) <= 1 and w.lower() not in STOP_WORDS
    ]


def glossary_terms(docs: Path) -> list[tuple[str, str]]:
    """(term, page that explains it) for each anchored glossary term, in file order."""
    found: list[tuple[str, str]] = []
    term = None
    links: list[str] = []

    def close():
        if term:
            page = normpath("glossary/" + links[-1]) if links else "glossary/index.md"
            found.append((term, page))

    for line in (docs / "glossary" / "index.md").read_text(encoding="utf-8").splitlines():
        match = TERM.match(line)
        if match:
            close()
            term, links = match["term"], []
        elif term and line.startswith(":"):
            links += [m["href"] for m in LINK.finditer(line)]
    close()
    return found


def page_titles(docs: Path) -> list[tuple[str, str]]:
    """(title, page) for every page with a front-matter title, sorted by path."""
    found = []
    for md in sorted(docs.rglob("*.md")):
        text = md.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            meta = yaml.safe_load(text.split("\n---", 1)[0][4:]) or {}
            if meta.get("title"):
                found.append((str(meta["title"]), md.relative_to(docs).as_posix()))
    return found


def index_words(site: Path) -> set[str]:
    """Every word the built site's search index holds, lower case (roughly as lunr splits them)."""
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    words: set[str] = set()
    for doc in data["docs"]:
        for value in doc.values():
            if isinstance(value, str):
                words.update(w.lower() for w in re.findall(r"[^\W_]+", re.sub(r"<[^>]+>", " ", value)))
    return words


def draw(items: list[tuple[str, str]], count: int, source: str, seed: int, known: set[str]) -> list[dict]:
    """`count` cases from `items`, each drawn by its own hash of the seed and its text, so that adding
    or removing a term changes only its own case, not the whole suite."""
    cases = []
    keyed = sorted((hashlib.sha256(f"{seed}:{source}:{text}".encode()).hexdigest(), text, page) for text, page in items)
    for key, text, page in keyed:
        if len(cases) == count:
            break
        words = candidate_words(text)
        if not words:
            continue
        rng = random.Random(key)
        word = rng.choice(words)
        kind = EDITS[int(key[:8], 16) % len(EDITS)]
        for _ in range(10):
            wrong = edit(word, kind, rng)
            if wrong and wrong.lower() not in known and wrong.lower() != word.lower():
                break
        else:
            continue
        query = re.sub(rf"\b{re.escape(word)}\b", wrong, text, count=1)
        cases.append({"kind": kind, "query": query, "term": text, "source": source, "page": page})
    return cases


def generate(docs: Path, known: set[str], seed: int = SEED) -> list[dict]:
    """The suite: GLOSSARY_CASES glossary terms and TITLE_CASES page titles, one edit each."""
    cases = draw(glossary_terms(docs), GLOSSARY_CASES, "glossary", seed, known)
    return cases + draw(page_titles(docs), TITLE_CASES, "title", seed, known)


HEADER = """\
# Misspelling suite for the site search (tests/browser/test_search.py), generated by
# tests/browser/search_misspellings.py with seed {seed}: do not edit by hand, regenerate.
#
# Each case is a glossary term or a page title with one typing error (kind: deletion,
# transposition, substitution or doubled letter) and the page the editors named for
# it; the test types each query and requires that page among the first three results
# for at least 90% of the cases.
"""


def dump(cases: list[dict], seed: int = SEED) -> str:
    lines = [HEADER.format(seed=seed)]
    for case in cases:
        fields = ", ".join(f"{key}: {json.dumps(case[key], ensure_ascii=False)}" for key in case)
        lines.append(f"- {{{fields}}}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.split("\n\n")[-2], file=sys.stderr)
        return 2
    cases = generate(ROOT / "docs", index_words(Path(argv[0])))
    SUITE.write_text(dump(cases), encoding="utf-8")
    print(f"{len(cases)} cases written to {SUITE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
