"""The kinds of evidence a source provides (`evidence = {…}` in bib/), defined once.

Order: strongest kinds for clinical questions first, as the bibliography page groups them.
Each kind has the label shown after a reference and the heading of its bibliography group.
"""

from __future__ import annotations

# kind: (label after a reference, bibliography group heading)
TYPES = {
    "guideline": ("Guideline or consensus statement", "Guidelines and consensus statements"),
    "systematic-review": ("Systematic review or meta-analysis", "Systematic reviews and meta-analyses"),
    "rct": ("Randomised controlled trial", "Randomised controlled trials"),
    "observational": ("Human observational study", "Human observational studies"),
    "human-experimental": ("Human experimental study", "Human experimental studies"),
    "narrative-review": ("Narrative review", "Narrative reviews"),
    "animal": ("Animal study", "Animal studies"),
    "in-vitro": ("Cell or tissue (in vitro) study", "Cell and tissue (in vitro) studies"),
    "regulatory": ("Regulatory or company document", "Regulatory and company documents"),
    "textbook": ("Textbook", "Textbooks"),
    "book": ("Book (not peer reviewed)", "Books"),
}
LABELS = {kind: label for kind, (label, _) in TYPES.items()}
GROUPS = [(kind, heading) for kind, (_, heading) in TYPES.items()]
