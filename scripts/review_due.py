"""List the pages and regulatory statuses whose review is overdue or due soon.

    .venv/bin/python scripts/review_due.py                 # as of today
    .venv/bin/python scripts/review_due.py --today 2027-07-01 --fail

The weekly workflow (.github/workflows/review-due.yml) runs it with --fail, so an
overdue item turns that run red; builds and pull requests never fail for it.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from editorial import agents, review  # noqa: E402
from editorial.changes import front_matter  # noqa: E402

SOON = datetime.timedelta(days=30)


def items(root: Path, today: datetime.date) -> list[tuple[datetime.date, str, datetime.date]]:
    """(due date, what, checked on) for every page and every regulatory fact."""
    import yaml

    intervals = review.load(root / "data" / "review-intervals.yml")
    found = []
    for page in sorted((root / "docs").rglob("*.md")):
        src_uri = page.relative_to(root / "docs").as_posix()
        meta = yaml.safe_load(front_matter(page.read_text(encoding="utf-8"))[0] or "{}") or {}
        reviewed = meta.get("reviewed")
        if isinstance(reviewed, datetime.date):
            found.append((review.due(reviewed, intervals.for_page(src_uri)), f"docs/{src_uri}", reviewed))
    for agent in agents.load(root / "data" / "agents.yml", today).values():
        for fact in agent.facts.values():
            what = f"data/agents.yml: {agent.id} {fact.field}"
            found.append((fact.due(intervals.regulatory), what, fact.checked))
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=datetime.date.today())
    parser.add_argument("--fail", action="store_true", help="exit 1 when anything is overdue")
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    listed = items(args.root, args.today)
    overdue = [i for i in listed if i[0] < args.today]
    soon = [i for i in listed if args.today <= i[0] <= args.today + SOON]
    for title, group in (("Overdue", overdue), ("Due within 30 days", soon)):
        print(f"{title}: {len(group)}")
        for due, what, checked in group:
            print(f"  {what}: checked {checked}, due {due}")
    return 1 if overdue and args.fail else 0


if __name__ == "__main__":
    sys.exit(main())
