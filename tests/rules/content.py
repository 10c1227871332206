"""Rules for the Markdown pages in docs/. Each check takes one page's text and returns problems."""

from __future__ import annotations

import re

import yaml
from editorial.citations import GROUP as CITATION

H1 = re.compile(r"^# (.+?)\s*$", re.MULTILINE)
H2 = re.compile(r"^## (.+?)(?:\s*\{[^}]*\})?\s*$", re.MULTILINE)
STATUS_BOX = re.compile(r"^\{\{ status ([\w-]+) \}\}$", re.MULTILINE)
STATUS_CHECKED = re.compile(r"^\{\{ status ([\w-]+) checked \}\}$")
VERDICT = re.compile(r"^\*\*Verdict: (Supported|Partly supported|Unsupported|Contradicted)\*\*", re.MULTILINE)
FORBIDDEN = {
    r"\bTODO\b": "TODO",
    r"\bTBD\b": "TBD",
    r"lorem ipsum": "placeholder text",
    r"being drafted": "placeholder text",
    r"\be\.g\.": "Latin abbreviation e.g.",
    r"\bi\.e\.": "Latin abbreviation i.e.",
    r"\betc\.": "Latin abbreviation etc.",
    r"\[(?:click )?here\]\(": "link text 'here'",
}


def split_front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.index("\n---\n", 4)
    return yaml.safe_load(text[4:end]) or {}, text[end + 5 :]


def strip_code(body: str) -> str:
    """Remove fenced code and HTML comments, which are not prose."""
    body = re.sub(r"^(```|~~~).*?^\1", "", body, flags=re.MULTILINE | re.DOTALL)
    return re.sub(r"<!--.*?-->", "", body, flags=re.DOTALL)


def sections(body: str) -> list[tuple[str, str]]:
    """(heading, text) for each `##` section."""
    marks = list(H2.finditer(body))
    return [
        (m.group(1), body[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(body)])
        for i, m in enumerate(marks)
    ]


def check_anatomy(text: str) -> list[str]:
    meta, body = split_front_matter(text)
    body = strip_code(body)
    problems = []
    h1 = H1.search(body)
    if not h1 or h1.group(1) != meta.get("title"):
        problems.append("the first heading must be '# ' + the front-matter title")
        return problems
    after = body[h1.end() :].lstrip("\n")
    summary = after.split("\n\n", 1)[0]
    if not summary.strip() or summary.lstrip().startswith(("#", "-", "!!!", "<", "|")):
        problems.append("a summary paragraph must follow the title")
    names = [name for name, _ in sections(body)]
    if not names or names[0] != "Key points":
        problems.append("the first section must be '## Key points'")
    if "Evidence and its limits" not in names:
        problems.append("a '## Evidence and its limits' section is required")
    if "References" in names:
        problems.append("do not write '## References': the build adds it")
    return problems


def check_citations_per_section(text: str) -> list[str]:
    _, body = split_front_matter(text)
    body = strip_code(body)
    return [f"section '{name}' cites no source" for name, content in sections(body) if not cites(content)]


# `{{ status AGENT }}` and `{{ status AGENT FIELD }}` render a fact with its source; the `checked` field is a date only.
STATUS_CITING = re.compile(r"\{\{ status [\w-]+(?: (?!checked\b)\w+)? \}\}")


def cites(text: str) -> bool:
    return bool(CITATION.search(text) or STATUS_CITING.search(text))


def check_forbidden_words(text: str) -> list[str]:
    _, body = split_front_matter(text)
    body = strip_code(body)
    return [f"contains {what}" for pattern, what in FORBIDDEN.items() if re.search(pattern, body, re.IGNORECASE)]


def check_statuses_from_data(text: str) -> list[str]:
    """No 'Regulatory status' box is written by hand: `{{ status AGENT }}` renders it from data/agents.yml."""
    return [
        f"regulatory status box written by hand (use {{{{ status AGENT }}}}): {line.strip()}"
        for line in text.splitlines()
        if line.lstrip().startswith("!!!") and "regulatory status" in line.lower()
    ]


def headed_sections(text: str) -> list[tuple[int, str, str]]:
    """(level, heading, text up to the next ## or ### heading) for a page's ## and ### headings."""
    _, body = split_front_matter(text)
    marks = list(re.finditer(r"^(#{2,3}) (.+?)(?:\s*\{[^}]*\})?\s*$", body, re.MULTILINE))
    return [
        (len(m.group(1)), m.group(2), body[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(body)])
        for i, m in enumerate(marks)
    ]


def check_claims(text: str) -> list[str]:
    """Each `###` claim on the claims page carries a verdict and at least one citation."""
    claims = [(heading, content) for level, heading, content in headed_sections(text) if level == 3]
    problems = [] if claims else ["no claims found (### headings)"]
    for heading, content in claims:
        if not VERDICT.search(content):
            problems.append(f"claim '{heading}' has no verdict line")
        if not CITATION.search(content):
            problems.append(f"claim '{heading}' cites no source")
    return problems


def table_rows(text: str) -> list[list[str]]:
    """Rows of the Markdown tables in a page (header and separator rows dropped)."""
    rows = []
    for block in re.findall(r"((?:^\|.*\|\s*$\n?)+)", text, re.MULTILINE):
        lines = block.strip().splitlines()[2:]
        rows += [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]
    return rows


def agent_rows(text: str, agents: list[str], min_cells: int):
    """(agent, its table row or None) for each agent, the row found by the agent's name in its first cell."""
    rows = [r for r in table_rows(text) if len(r) >= min_cells]
    for agent in agents:
        yield agent, next((r for r in rows if agent.lower() in r[0].lower()), None)


def check_agent_table(text: str, agents: list[str]) -> list[str]:
    """The evidence table (agents at a glance): a row per agent, each citing a source or saying none was found."""
    problems = []
    for agent, row in agent_rows(text, agents, min_cells=5):
        if row is None:
            problems.append(f"no table row for {agent}")
        elif not CITATION.search(" | ".join(row)) and "no peer-reviewed studies found" not in " | ".join(row).lower():
            problems.append(f"row for {agent} cites no source")
    return problems


def check_status_table(text: str, agents: list[str]) -> list[str]:
    """The status table (regulatory status at a glance): a row per agent, every cell from dated data."""
    problems = []
    for agent, row in agent_rows(text, agents, min_cells=4):
        if row is None:
            problems.append(f"no table row for {agent}")
            continue
        if not STATUS_CHECKED.match(row[-1]):
            problems.append(f"row for {agent}: the last cell must be {{{{ status AGENT checked }}}} (its checked date)")
        if not all("{{ status " in cell for cell in row[1:]):
            problems.append(f"row for {agent}: every status cell must come from {{{{ status AGENT FIELD }}}}")
    return problems


ABBREVIATION = re.compile(r"^\*\[(.+?)\]:\s*(.+)$", re.MULTILINE)


def abbreviations(text: str) -> dict[str, str]:
    return dict(ABBREVIATION.findall(text))


def prose(text: str) -> str:
    """Page text without front matter, code, comments, link targets or citation keys."""
    _, body = split_front_matter(text)
    body = strip_code(body)
    body = re.sub(r"\]\([^)]*\)", "]", body)
    body = CITATION.sub("", body)
    body = re.sub(r"`[^`]*`", "", body)
    return re.sub(r"<[^>]+>", " ", body)


ACRONYM = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]*[A-Z](?:-[A-Z0-9]+)?|[A-Z][0-9]|[A-Z]{2,}[a-z]?[A-Z]+)(?![\w-])")


def undefined_acronyms(text: str, defined: set[str], allowed: set[str]) -> set[str]:
    return {a for a in ACRONYM.findall(prose(text)) if a not in defined and a not in allowed}


def glossary_terms(text: str) -> list[str]:
    """Terms of a definition list (`Term` followed by a `:   definition` line)."""
    _, body = split_front_matter(text)
    lines = body.splitlines()
    terms = []
    for i, line in enumerate(lines[:-1]):
        if line.strip() and not line.startswith((" ", ":", "#", "-", "*", "<", "|")) and lines[i + 1].startswith(":"):
            terms.append(re.sub(r"\s*\{[^}]*\}\s*$", "", line.strip()))
    return terms


CLAIM_LINK = re.compile(r"^\| \[[^\]]+\]\(([\w-]+)\.md#(claim-[\w-]+)\)", re.MULTILINE)
CLAIM_ANCHOR = re.compile(r"\{ #(claim-[\w-]+) \}")


def check_claim_links(table_page: str, topic_pages: dict[str, str]) -> list[str]:
    """Each row of the verdict table links to its claim's section on a topic page, and each claim has a row."""
    links = CLAIM_LINK.findall(table_page)
    problems = [
        f"row for {anchor} links to {page}.md, which has no such claim"
        for page, anchor in links
        if anchor not in CLAIM_ANCHOR.findall(topic_pages.get(page, ""))
    ]
    linked = {anchor for _, anchor in links}
    problems += [
        f"claim {anchor} on {page}.md has no row in the verdict table"
        for page, text in topic_pages.items()
        for anchor in CLAIM_ANCHOR.findall(text)
        if anchor not in linked
    ]
    return problems
