"""A page's certainty level (`certainty:` in its front matter), defined once.

Why: "evidence" meant two things (issue 17). A page's `certainty:` is GRADE's certainty
of the body of human evidence behind its main claims (high … very-low); a source's
`evidence = {…}` in bib/ is its study type (editorial/evidence.py). The levels are
explained to readers at docs/about/editorial-policy.md#evidence-levels.
"""

from __future__ import annotations

import re

from editorial.changes import front_matter

FIELD = "certainty"
RENAMED_FROM = "evidence"  # the field's old name, refused with a pointer to the new one
# level: the label readers see under the title
LEVELS = {"high": "High", "moderate": "Moderate", "low": "Low", "very-low": "Very low"}
POLICY = "about/editorial-policy.md"
ANCHOR = "evidence-levels"  # the levels table; pages link to this id, so it outlives the heading's wording

_OLD_KEY = re.compile(rf"^{RENAMED_FROM}\s*:", re.MULTILINE)


def old_name_line(source: str) -> int | None:
    """The file line of a top-level `evidence:` key in the page's front matter, if there is one."""
    text, first = front_matter(source)
    match = _OLD_KEY.search(text) if text else None
    return first + text.count("\n", 0, match.start()) if match else None


def renamed_message(path: str, line: int) -> str:
    return (
        f"{path}:{line}: front matter '{RENAMED_FROM}:' was renamed '{FIELD}:' "
        f"(the page's certainty level; '{RENAMED_FROM}' is a source's study type in bib/)"
    )
