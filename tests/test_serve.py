"""The preview never hangs: with `mkdocs serve` running, a broken page shows as an error page within 5 s.

Issue 17: after a typo in a citation key, MkDocs 1.6's dev server held every request until the
error was fixed. These tests start serve on a free localhost port on a copy of a fixture site,
as an editor would use it, and talk to it over HTTP (hooks/serve_errors.py does the work).
"""

from __future__ import annotations

import html
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, MKDOCS, fixture_config

SHOWN_WITHIN = 5.0  # seconds from saving the file to the browser getting the answer (issue 17)
STARTUP = 60.0  # the first build of a fixture site, on a busy machine
GOOD = "A cited claim"  # the fixture page's own text
BROKEN_KEY = "unknown citation key 'smith2020goood'"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    """Status and body as text (HTML entities decoded); status 0 when there is no answer."""
    try:
        with urllib.request.urlopen(url, timeout=SHOWN_WITHIN) as response:
            return response.status, html.unescape(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return error.code, html.unescape(error.read().decode("utf-8"))
    except TimeoutError:
        return 0, f"(no answer within {SHOWN_WITHIN} s: the server hangs)"
    except (urllib.error.URLError, ConnectionError):
        return 0, ""


class Preview:
    def __init__(self, tmp_path: Path, case: str):
        self.case = tmp_path / "case"
        shutil.copytree(FIXTURES / case, self.case)
        (tmp_path / "work").mkdir()
        config = fixture_config(self.case, tmp_path / "work")
        settings = yaml.safe_load(config.read_text(encoding="utf-8"))
        settings["watch"] = []  # only the copy's docs/ and config: the real bib/ and data/ change under others
        config.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
        self.url = f"http://127.0.0.1:{free_port()}/"
        self.log = tmp_path / "serve.log"
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [*MKDOCS, "serve", "-f", str(config), "--dev-addr", self.url[7:-1]],
                cwd=config.parent,
                stdout=out,
                stderr=subprocess.STDOUT,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )

    @property
    def page(self) -> Path:
        return self.case / "docs" / "index.md"

    def edit(self, old: str, new: str, path: Path | None = None) -> float:
        """Replace `old` in the file (the fixture page by default); the time of the save."""
        path = path or self.page
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{path} no longer contains {old!r}"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return time.monotonic()

    def wait_for(self, words: list[str], since: float, within: float, path: str = "") -> tuple[int, str]:
        """Poll until the page at `path` contains every one of `words`; fail naming what it showed instead."""
        status, body = 0, ""
        while time.monotonic() - since < within:
            status, body = get(self.url + path)
            if status and all(word in body for word in words):
                return status, body
            assert self.process.poll() is None, f"serve exited:\n{self.log.read_text()}"
            time.sleep(0.1)
        raise AssertionError(
            f"{self.url}{path} did not show {words} within {within} s (status {status}):\n{body[:2000]}\n"
            f"--- serve log ---\n{self.log.read_text()}"
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # serve's own shutdown: it removes its temporary site
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def preview(tmp_path):
    started = []

    def start(case: str = "valid-minimal") -> Preview:
        started.append(Preview(tmp_path, case))
        return started[-1]

    yield start
    for each in started:
        each.stop()


def citation_line(page: Path) -> int:
    return next(n for n, line in enumerate(page.read_text().splitlines(), 1) if "[@smith2020good]" in line)


def test_broken_citation_shows_an_error_page_and_the_site_returns_when_fixed(preview):
    site = preview()
    site.wait_for([GOOD], time.monotonic(), STARTUP)
    line = citation_line(site.page)

    saved = site.edit("[@smith2020good]", "[@smith2020goood]")
    status, body = site.wait_for([BROKEN_KEY], saved, SHOWN_WITHIN)
    assert f"docs/index.md:{line}: {BROKEN_KEY}" in body, "the error names the file, the line and the problem"
    assert status == 200 and "livereload(" in body, "the open page got MkDocs's live reload: it will refresh itself"
    _, elsewhere = site.wait_for([BROKEN_KEY], saved, SHOWN_WITHIN, path="no/such/page/")
    assert "/livereload/" in elsewhere, "any other address shows the error too, with its own reload"

    fixed = site.edit("[@smith2020goood]", "[@smith2020good]")
    status, body = site.wait_for([GOOD], fixed, SHOWN_WITHIN)
    assert status == 200 and BROKEN_KEY not in body


def test_serve_started_on_a_broken_site_shows_the_error_instead_of_exiting(preview, tmp_path):
    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "broken")
    page = tmp_path / "broken" / "docs" / "index.md"
    page.write_text(page.read_text().replace("[@smith2020good]", "[@smith2020goood]"))
    site = preview(str(tmp_path / "broken"))
    site.wait_for([BROKEN_KEY], time.monotonic(), STARTUP)

    fixed = site.edit("[@smith2020goood]", "[@smith2020good]")
    site.wait_for([GOOD], fixed, SHOWN_WITHIN)
