"""Check every page's front matter against the site's schema; fail the build on a gap.

Why: the reviewed date and certainty level are promises to readers, shown under
each title and in "Cite this page". A page without them must not be published.
Content pages (Fundamentals, Mechanisms, Clinical context; not the section
index pages) also need an overall `certainty:` level (editorial/certainty.py).
The field's old name, `evidence:`, stops the build with a pointer to the new one:
in bib/, `evidence` is a source's study type, and one word should mean one thing.
"""

from __future__ import annotations

import datetime
import re

import yaml
from editorial import certainty
from editorial.changes import front_matter
from editorial.yamlfile import FAST_LOADER
from mkdocs.exceptions import PluginError

CONTENT_SECTIONS = ("fundamentals/", "mechanisms/", "clinical/")
DESCRIPTION_MAX = 200


def is_content_page(src_uri: str) -> bool:
    return src_uri.startswith(CONTENT_SECTIONS) and not src_uri.endswith("index.md")


def problems(meta: dict, src_uri: str) -> list[str]:
    """Everything wrong with one page's front matter (empty list if nothing)."""
    found = []
    for key in ("title", "description"):
        value = meta.get(key)
        if not isinstance(value, str) or not value.strip():
            found.append(f"missing '{key}'")
    description = meta.get("description")
    if isinstance(description, str) and len(description) > DESCRIPTION_MAX:
        found.append(f"'description' is {len(description)} characters (at most {DESCRIPTION_MAX})")
    if not isinstance(meta.get("reviewed"), datetime.date):
        found.append("missing or invalid 'reviewed' (a date such as 2026-11-25)")
    if is_content_page(src_uri) and meta.get(certainty.FIELD) not in certainty.LEVELS:
        found.append(f"'{certainty.FIELD}' must be one of {', '.join(certainty.LEVELS)}")
    keywords = meta.get("keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        found.append("'keywords' must be a list of strings")
    return found


def yaml_problem(source: str) -> str | None:
    """ "<line>: <problem>" when the front matter is not valid YAML or holds an impossible date.

    MkDocs drops front matter it cannot read and builds the page without it, so the
    editor would otherwise see "missing 'title'" for a typo such as `reviewed: 2026-11-31`.
    """
    text, first = front_matter(source)
    if not text:
        return None
    try:  # libyaml first: about 15 times faster on every page (issue 14); a problem is read again in Python
        yaml.load(text, Loader=FAST_LOADER)
        return None
    except (yaml.YAMLError, ValueError):
        pass
    try:
        yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.context_mark or error.problem_mark
        return f"{first + (mark.line if mark else 0)}: front matter is not valid YAML: {error.problem}"
    except ValueError as error:  # a date-shaped value that is no date: find its line
        for number, line in enumerate(text.split("\n")):
            value = line.partition(":")[2].strip()
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                try:
                    datetime.date.fromisoformat(value)
                except ValueError:
                    key = line.partition(":")[0].strip()
                    return f"{first + number}: front matter: '{key}' is not a real date ({value}): {error}"
        return f"{first}: front matter: {error}"
    return None


def on_page_markdown(markdown, page, config, files):
    broken = yaml_problem(page.file.content_string)
    if broken:
        raise PluginError(f"docs/{page.file.src_uri}:{broken}")
    old = certainty.old_name_line(page.file.content_string)
    if old:
        raise PluginError(certainty.renamed_message(f"docs/{page.file.src_uri}", old))
    found = problems(page.meta, page.file.src_uri)
    if found:
        raise PluginError(f"docs/{page.file.src_uri}: front matter: {'; '.join(found)}")
    return markdown
