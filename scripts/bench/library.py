"""A synthetic reference library: what an author's Zotero export (Better BibTeX) looks like, deterministic.

Used by the large-bibliography measurement (issue 14). Entries are realistic in shape (mostly
articles, some books, chapters, proceedings and web pages; several authors; DOI, PMID, URL,
abstract-free as Better BibTeX exports by default) and never collide with bib/references.bib:
keys carry a `lib` infix, DOIs a reserved prefix, titles no digits and no repeats.
"""

from __future__ import annotations

import random


def _words(text: str) -> list[str]:
    return text.split()


FAMILIES = _words(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson "
    "Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson "
    "Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell "
    "Mitchell Carter Roberts Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Rossi Russo "
    "Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Kim "
    "Park Choi Chen Wang Zhang Liu Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Andersson Johansson Karlsson "
    "Nilsson Eriksson Larsson Olsson Persson Svensson Dubois Durand Lefebvre Moreau Laurent Simon Michel Leroy"
)
GIVEN = _words(
    "Anna Ben Carla David Eva Farid Grace Hiro Ines Jonas Karin Luca Maria Nils Olga Pavel Quinn Rosa Sven Tomas "
    "Uma Victor Wen Xavier Yuki Zoe Alice Bruno Chloe Diego Elena Felix Greta Hugo Ida Jan Klara Leo Mia Noah"
)
WORDS = _words(
    "oxytocin vasopressin receptor estradiol progesterone testosterone cortisol thyroid hormone signalling binding "
    "expression neurons hypothalamus pituitary axis stress social behaviour maternal pair bonding anxiety memory "
    "amygdala prefrontal cortex plasma concentration secretion release peripheral central intranasal administration "
    "randomized controlled trial cohort women men adolescents pregnancy postpartum lactation menopause ageing "
    "depression autism schizophrenia obesity metabolism glucose insulin inflammation cytokines microglia immune "
    "response regulation gene methylation polymorphism variant association network connectivity imaging functional "
    "magnetic resonance sex differences steroid neurosteroid allopregnanolone dopamine serotonin reward learning "
    "fear extinction trust empathy recognition emotion facial expression attachment infant mother father rodent "
    "mouse rat vole primate model systematic review meta analysis evidence clinical outcomes safety efficacy dose "
    "placebo crossover double blind pilot feasibility longitudinal cross sectional population registry"
)
JOURNALS = (
    "Psychoneuroendocrinology",
    "Hormones and Behavior",
    "Frontiers in Neuroendocrinology",
    "Journal of Neuroendocrinology",
    "Endocrinology",
    "The Journal of Clinical Endocrinology \\& Metabolism",
    "Biological Psychiatry",
    "Neuropsychopharmacology",
    "Physiology \\& Behavior",
    "Neuroscience \\& Biobehavioral Reviews",
    "Molecular Psychiatry",
    "Translational Psychiatry",
    "Journal of Neuroscience",
    "Nature Neuroscience",
    "Proceedings of the National Academy of Sciences",
    "PLoS ONE",
    "Scientific Reports",
    "Human Reproduction",
    "Fertility and Sterility",
    "Obstetrics \\& Gynecology",
)
PUBLISHERS = ("Springer", "Elsevier", "Oxford University Press", "Cambridge University Press", "Wiley", "CRC Press")
EVIDENCE = ("animal", "observational", "rct", "narrative-review", "in-vitro", "human-experimental", "systematic-review")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _title(rng: random.Random, used: set[str]) -> str:
    while True:
        words = rng.sample(WORDS, rng.randint(7, 14))
        title = " ".join(words).capitalize()
        if title not in used:
            used.add(title)
            return title


def _authors(rng: random.Random) -> str:
    people = [f"{rng.choice(FAMILIES)}, {rng.choice(GIVEN)} {rng.choice('ABCDEFGHJKLMNPRST')}." for _ in range(5)]
    return " and ".join(people[: rng.choice((1, 2, 3, 3, 4, 5, 5))])


def entry(n: int, rng: random.Random, used: set[str]) -> str:
    """One entry in Better BibTeX's layout (tab-indented fields, braces), key `<family><year>lib<n>`."""
    authors = _authors(rng)
    family = "".join(ch for ch in authors.split(",")[0].lower() if ch.isascii() and ch.isalpha()) or "anon"
    year = rng.randint(1975, 2026)
    key = f"{family}{year}lib{n:05d}"
    kind = rng.choices(("article", "book", "incollection", "inproceedings", "online"), (80, 5, 6, 5, 4))[0]
    fields = [("title", "{" + _title(rng, used) + "}"), ("author", authors)]
    if kind == "article":
        fields += [
            ("journal", rng.choice(JOURNALS)),
            ("volume", str(rng.randint(1, 120))),
            ("number", str(rng.randint(1, 12))),
            ("pages", f"{(p := rng.randint(1, 2000))}--{p + rng.randint(3, 20)}"),
            ("doi", f"10.5555/lib.{n:05d}"),
        ]
        if rng.random() < 0.7:
            fields.append(("pmid", str(30_000_000 + n)))
    elif kind in ("incollection", "inproceedings"):
        fields += [("booktitle", "{" + _title(rng, used) + "}"), ("publisher", rng.choice(PUBLISHERS))]
        fields.append(("pages", f"{(p := rng.randint(1, 400))}--{p + rng.randint(5, 30)}"))
    elif kind == "book":
        fields += [("publisher", rng.choice(PUBLISHERS)), ("isbn", f"978-0-00-{n:06d}-0")]
    else:
        fields += [("url", f"https://example.org/library/{n:05d}"), ("urldate", f"{year}-0{rng.randint(1, 9)}-15")]
    fields += [("year", str(year)), ("month", rng.choice(MONTHS))]
    if rng.random() < 0.3:
        fields.append(("langid", "english"))
    if rng.random() < 0.5:
        fields.append(("keywords", ", ".join(rng.sample(WORDS, 3))))
    fields.append(("evidence", rng.choice(EVIDENCE)))  # Better BibTeX: `tex.evidence: …` in Zotero's Extra
    body = ",\n".join(f"\t{name} = {{{value}}}" if name != "month" else f"\t{name} = {value}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def library(count: int, seed: int = 14) -> str:
    """`count` entries, the same text for the same count and seed."""
    rng = random.Random(seed)
    used: set[str] = set()
    return "\n".join(entry(n, rng, used) for n in range(count))
