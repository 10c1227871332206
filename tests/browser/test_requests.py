"""Every request a page makes is answered: no 404 behind the reader's back (Material fetches more than it shows)."""

from __future__ import annotations

import pytest

PAGES = ["", "about/changes/", "mechanisms/estradiol/", "references/bibliography/"]


@pytest.mark.parametrize("path", PAGES)
def test_a_page_view_makes_no_failed_request(page, base_url, path):
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    page.goto(base_url + path, wait_until="networkidle")
    assert failed == []
