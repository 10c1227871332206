"""scripts/review_due.py lists overdue pages and statuses and fails only when asked to."""

from __future__ import annotations

from pathlib import Path

from scripts import review_due

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "review-due"


def test_lists_overdue_and_due_soon(capsys):
    assert review_due.main(["--root", str(FIXTURE), "--today", "2026-12-02"]) == 0
    out = capsys.readouterr().out
    assert "Overdue: 2" in out
    assert "docs/clinical/old.md: checked 2026-01-10, due 2026-07-10" in out
    assert "data/agents.yml: zuranolone fda: checked 2020-01-15" in out
    assert "docs/clinical/new.md" not in out


def test_fail_flag_turns_overdue_into_exit_1():
    assert review_due.main(["--root", str(FIXTURE), "--today", "2026-12-02", "--fail"]) == 1
    assert review_due.main(["--root", str(FIXTURE), "--today", "2020-01-16", "--fail"]) == 0
