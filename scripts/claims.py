"""Claims ledger for editors: list what needs checking, or add entries to fill in.

    .venv/bin/python scripts/claims.py check [docs/page.md ...]   # problems, one per line
    .venv/bin/python scripts/claims.py stub docs/page.md          # append entries to fill in

The build runs the same check (hooks/claims_ledger.py); this script is for working on
one page without building the site.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from editorial import claims  # noqa: E402


def pages(args: list[str]) -> list[Path]:
    if args:
        return [Path(a).resolve() for a in args]
    return sorted((ROOT / "docs").rglob("*.md"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["check", "stub"])
    parser.add_argument("pages", nargs="*")
    args = parser.parse_args(argv)
    today = datetime.date.today()
    problems = []
    for page in pages(args.pages):
        src_uri = page.relative_to(ROOT / "docs").as_posix()
        ledger = claims.ledger_path(ROOT, src_uri)
        markdown = page.read_text(encoding="utf-8")
        if args.command == "stub":
            text = claims.stub(markdown, ledger)
            if text:
                ledger.parent.mkdir(parents=True, exist_ok=True)
                with ledger.open("a", encoding="utf-8") as out:
                    if not ledger.stat().st_size:
                        out.write(f"# Claims ledger for docs/{src_uri}: one entry per cited sentence.\n")
                    out.write(text)
                print(f"{ledger.relative_to(ROOT)}: {text.count('- sentence:')} entries to fill in")
            continue
        shown = ledger.relative_to(ROOT).as_posix()
        problems += claims.check_page(markdown, f"docs/{src_uri}", ledger, shown, today)
    print("\n".join(problems) if problems else ("ok" if args.command == "check" else ""), end="\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
