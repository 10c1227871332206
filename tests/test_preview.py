"""The live preview (`./scripts/serve`) rebuilds only what an edit changes, and stays correct and strict.

Issue 14: `scripts/serve` runs `mkdocs serve --dirty` with hooks/preview.py, which builds
only the pages an edit changed. These tests start scripts/serve on a copy of the `preview`
fixture (two pages, a claims ledger, one source) and check over HTTP, as an editor would see
it, that each kind of change reaches the pages that show it: a page's text, its claims
ledger, its title (the other page's navigation), bib/ (every page); and that problems still
stop the preview: an unknown citation key, and a link into a heading an edit removed.
No timings here: scripts/bench_preview.py measures the speed.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT, fixture_config
from tests.test_serve import SHOWN_WITHIN, STARTUP, Preview, free_port

REBUILT_WITHIN = 30.0  # not a timing test: only that the change arrives
BROKEN_KEY = "unknown citation key 'smith2020goood'"


class LivePreview(Preview):
    """scripts/serve on a copy of a fixture site, watching the copy's docs/, bib and data/.

    Editing and waiting as in tests/test_serve.py; started through scripts/serve (in its own
    process group, stopped as one) so the preview runs exactly as an editor's does.
    """

    def __init__(self, tmp_path: Path, case: str = "preview"):
        self.case = tmp_path / "case"
        shutil.copytree(FIXTURES / case, self.case)
        self.work = tmp_path / "work"
        self.work.mkdir()
        config = fixture_config(self.case, self.work)
        settings = yaml.safe_load(config.read_text(encoding="utf-8"))
        settings["watch"] = [str(self.case / "references.bib"), str(self.work / "data")]
        config.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
        port = free_port()
        self.url = f"http://127.0.0.1:{port}/"
        self.log = tmp_path / "serve.log"
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [str(ROOT / "scripts" / "serve"), "-f", str(config)],
                stdout=out,
                stderr=subprocess.STDOUT,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PORT": str(port), "FULL_REBUILD": "0"},
                start_new_session=True,
            )

    def last_plan(self) -> str:
        plans = re.findall(r"Preview: building .*", self.log.read_text())
        return plans[-1] if plans else "(no plan logged)"

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)  # serve's own shutdown: it removes its temporary site
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@pytest.fixture
def live(tmp_path):
    preview = LivePreview(tmp_path)
    preview.wait_for(["A cited claim"], time.monotonic(), STARTUP)
    yield preview
    preview.stop()


def test_each_change_reaches_the_pages_that_show_it(live):
    docs = live.case / "docs"
    assert "building 2 of 2 pages (first build)" in live.last_plan()

    # A page's own text: that page only; the other keeps its navigation and content.
    saved = live.edit("are on the second page", "are on page two", docs / "index.md")
    live.wait_for(["are on page two"], saved, REBUILT_WITHIN)
    assert "building 1 of 2 pages" in live.last_plan()
    _, second = live.wait_for(["Another cited claim", "Fixture", "Second page"], saved, REBUILT_WITHIN, "second/")
    assert "are on page two" not in second

    # The page's claims ledger (data/claims/): the passage in its citation preview (in the file beside the page).
    saved = live.edit("the second passage", "the revised passage", live.work / "data" / "claims" / "second.yml")
    live.wait_for(["the revised passage"], saved, REBUILT_WITHIN, "second/passages.json")
    assert "building 1 of 2 pages" in live.last_plan()

    # A title: every page's navigation shows it.
    saved = live.edit("title: Second page", "title: Page two", docs / "second.md")
    live.wait_for(["Page two"], saved, REBUILT_WITHIN, "")
    assert "the title of second.md changed" in live.last_plan()

    # bib/: every page's reference list.
    saved = live.edit("A well-formed entry", "A retitled entry", live.case / "references.bib")
    live.wait_for(["A retitled entry"], saved, REBUILT_WITHIN, "")
    live.wait_for(["A retitled entry"], saved, REBUILT_WITHIN, "second/")
    assert "building 2 of 2 pages (bib/" in live.last_plan()


def test_problems_still_stop_the_preview_and_every_page_returns_when_fixed(live):
    docs = live.case / "docs"
    live.wait_for(["Another cited claim"], time.monotonic(), REBUILT_WITHIN, "second/")

    saved = live.edit("[@smith2020good]", "[@smith2020goood]", docs / "index.md")
    live.wait_for([BROKEN_KEY], saved, SHOWN_WITHIN)
    live.wait_for([BROKEN_KEY], saved, SHOWN_WITHIN, "second/")
    fixed = live.edit("[@smith2020goood]", "[@smith2020good]", docs / "index.md")
    live.wait_for(["A cited claim"], fixed, SHOWN_WITHIN)
    _, second = live.wait_for(["Another cited claim"], fixed, SHOWN_WITHIN, "second/")
    assert BROKEN_KEY not in second, "the page that was not edited is back too, without a full build"
    assert "building 0 of 2 pages" in live.last_plan()

    # The first page, not built again, links to a heading of the second: renaming it is caught.
    saved = live.edit("## Details", "## Particulars", docs / "second.md")
    live.wait_for(["does not contain an anchor '#details'"], saved, SHOWN_WITHIN, "second/")
    fixed = live.edit("## Particulars", "## Details", docs / "second.md")
    live.wait_for(["Another cited claim"], fixed, SHOWN_WITHIN, "second/")
