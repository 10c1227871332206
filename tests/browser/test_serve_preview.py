"""In a real browser, the open page turns into the error page by itself and back into the site when fixed.

tests/test_serve.py checks the server over HTTP; this checks the reloading, which is the browser's part:
MkDocs's live-reload script on a page it serves, and the error page's own poller on an address that
has no page (served as the 404 page, without MkDocs's script).
"""

from __future__ import annotations

import time

from tests.test_serve import BROKEN_KEY, GOOD, SHOWN_WITHIN, STARTUP, Preview

WAIT_MS = int(SHOWN_WITHIN * 1000)


def test_open_pages_follow_the_build_without_a_reload_by_hand(page, browser, tmp_path):
    site = Preview(tmp_path, "valid-minimal")
    try:
        site.wait_for([GOOD], time.monotonic(), STARTUP)
        page.goto(site.url)
        elsewhere = browser.new_page()
        elsewhere.goto(site.url + "no/such/page/")

        site.edit("[@smith2020good]", "[@smith2020goood]")
        page.wait_for_selector("ol.build-problems", timeout=WAIT_MS)
        assert BROKEN_KEY in page.inner_text("ol.build-problems")
        elsewhere.reload()  # an address with no page shows the error page too, with its own poller
        elsewhere.wait_for_selector("ol.build-problems", timeout=WAIT_MS)

        site.edit("[@smith2020goood]", "[@smith2020good]")
        page.wait_for_selector(f"text={GOOD}", timeout=WAIT_MS)
        elsewhere.wait_for_function("!document.querySelector('ol.build-problems')", timeout=WAIT_MS)
        elsewhere.close()
    finally:
        site.stop()
