"""Which edition of the site a build is: the living site (`latest`) or a dated, frozen edition (2026.12).

Why: a reader who cites a page must find the text they cited years later, after corrections
(issue 15; the Stanford Encyclopedia of Philosophy's archived editions). scripts/cut-edition
deploys each edition with mike into its own folder of the gh-pages branch and names it here
through SITE_EDITION (mike's own MIKE_DOCS_VERSION must agree). This hook
* points site_url at the edition's folder, so every address the build writes ("Cite this page",
  citation metadata, sitemap, feed) is the edition's own;
* points each page's canonical link at the living page (Material renders page.canonical_url),
  so search engines index one copy; the edition's sitemap keeps its own addresses;
* gives each page `page.meta["edition"]`: the name, title, this page's URL in the edition, its
  living URL and canonical URL, read by "Cite this page" and by the banner Material shows on
  every edition but `latest` (overrides/partials/edition-banner.html);
* lists the corrections log's dates since the previous edition (SITE_PREVIOUS_EDITION, cut on
  SITE_PREVIOUS_EDITION_CUT): the edition's "What changed".
Without SITE_EDITION a build is no edition (serve, tests, benchmarks): nothing changes except
that Material's version selector is switched off, as no versions.json exists to fetch.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
from urllib.parse import urljoin

from editorial import changes as log
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

LIVING = "latest"
NAME = re.compile(r"(\d{4})\.(0[1-9]|1[0-2])")
state: dict = {}


class EditionError(ValueError):
    """A malformed edition name or date: the message is one line for the person deploying."""


def parse_name(name: str) -> str:
    """`latest` or a dated edition name (YEAR.MONTH, such as 2026.12); anything else is refused."""
    if name == LIVING or NAME.fullmatch(name):
        return name
    raise EditionError(f"{name!r} is not an edition name: use '{LIVING}' or a year and month such as 2026.12")


def title(name: str) -> str:
    """What the version selector and the banner call an edition: "December 2026 edition"."""
    if name == LIVING:
        return "Latest"
    return f"{label(name)} edition"


def label(name: str) -> str:
    year, month = NAME.fullmatch(name).groups()
    return f"{datetime.date(int(year), int(month), 1):%B %Y}"


def parse_date(value: str, variable: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise EditionError(f"{variable}: {value!r} is not a date such as 2026-12-15") from None


def build_date() -> datetime.date:
    """Today, or SOURCE_DATE_EPOCH's day for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


def from_environment(env) -> dict | None:
    """The edition this build is, from SITE_EDITION (or mike's MIKE_DOCS_VERSION); None for no edition."""
    name, mike = env.get("SITE_EDITION", ""), env.get("MIKE_DOCS_VERSION", "")
    if name and mike and name != mike:
        raise EditionError(f"SITE_EDITION is {name!r} but mike deploys {mike!r}; deploy with scripts/cut-edition")
    name = name or mike
    if not name:
        return None
    try:
        parse_name(name)
    except EditionError as error:
        raise EditionError(f"SITE_EDITION: {error}") from None
    edition = {"name": name, "title": title(name), "dated": name != LIVING, "label": None, "cut": None}
    edition["previous"] = None
    if edition["dated"]:
        edition["label"] = label(name)
        edition["cut"] = (
            parse_date(env["SITE_EDITION_CUT"], "SITE_EDITION_CUT") if env.get("SITE_EDITION_CUT") else build_date()
        )
    previous = env.get("SITE_PREVIOUS_EDITION", "")
    if previous:
        try:
            if parse_name(previous) == LIVING:
                raise EditionError(f"{previous!r} is not a dated edition")
        except EditionError as error:
            raise EditionError(f"SITE_PREVIOUS_EDITION: {error}") from None
        cut = env.get("SITE_PREVIOUS_EDITION_CUT", "")
        # Without its cut date, an edition holds its whole month.
        since = parse_date(cut, "SITE_PREVIOUS_EDITION_CUT") if cut else month_after(previous)
        edition["previous"] = {"name": previous, "title": title(previous), "cut": since}
    return edition


def month_after(name: str) -> datetime.date:
    """The first day after a dated edition's month: 2026.12 -> 2027-01-01."""
    year, month = (int(part) for part in NAME.fullmatch(name).groups())
    return datetime.date(year + month // 12, month % 12 + 1, 1)


def root_url(site_url: str, mike_version: str) -> str:
    """The address of the whole gh-pages site; mike's plugin may already have appended its version."""
    if mike_version and site_url.rstrip("/").endswith("/" + mike_version):
        site_url = site_url.rstrip("/")[: -len(mike_version)]
    return site_url if site_url.endswith("/") else site_url + "/"


def living_href(page_url: str) -> str:
    """From a page of an edition to the same page of `latest`, relative, so any host serves it."""
    return "../" * (page_url.count("/") + 1) + f"{LIVING}/" + page_url


def changes_since(dates, since: datetime.date, until: datetime.date | None) -> list[dict]:
    """The corrections log's dates from the previous edition's cut on (that day included: a
    correction made on the day an edition is cut may not be in it), newest first, as the log,
    each with the URL of its page of the log (hooks/corrections_log.py)."""
    chosen = sorted({d for d in dates if d >= since and (until is None or d <= until)}, reverse=True)
    return [{"date": d.isoformat(), "label": log.day_label(d), "url": log.day_url(d)} for d in chosen]


def page_edition(edition: dict | None, page_url: str, canonical: str | None) -> dict:
    """What page.meta["edition"] holds for one page; see the README's "Editions" for who reads what."""
    if edition is None:  # one site, no editions: every URL is the page's own
        return {
            "name": None,
            "title": None,
            "dated": False,
            "url": canonical,
            "living_url": canonical,
            "canonical_url": canonical,
            "living_site_url": state.get("root"),
        }
    url = urljoin(state["edition_root"], page_url)
    living = urljoin(state["root"], f"{LIVING}/" + page_url)
    meta = {**edition, "url": url, "living_url": living, "canonical_url": living, "living_href": living_href(page_url)}
    meta["living_site_url"] = urljoin(state["root"], f"{LIVING}/")
    meta["cut"] = edition["cut"].isoformat() if edition["cut"] else None
    meta["cut_label"] = log.day_label(edition["cut"]) if edition["cut"] else None
    if edition["previous"]:
        meta["previous"] = {**edition["previous"], "cut": edition["previous"]["cut"].isoformat()}
        meta["changes_since"] = state.get("changes_since", [])
    return meta


@event_priority(-100)  # after mike's plugin, which appends its version to site_url
def on_config(config):
    try:
        edition = from_environment(os.environ)
    except EditionError as error:
        raise PluginError(str(error)) from None
    state.clear()
    state["edition"] = edition
    if edition is None:
        # Not deployed with mike: no versions.json to fetch, so no version selector and no request that fails.
        config.extra.pop("version", None)
        state["root"] = config.site_url
        return config
    if not config.site_url:
        raise PluginError(f"SITE_EDITION {edition['name']!r}: an edition needs site_url (set SITE_URL)")
    state["root"] = root_url(config.site_url, os.environ.get("MIKE_DOCS_VERSION", ""))
    state["edition_root"] = urljoin(state["root"], edition["name"] + "/")
    config.site_url = state["edition_root"]
    return config


def on_files(files, config):
    edition = state.get("edition")
    if edition and edition["previous"]:
        dates = []
        for file in files.documentation_pages():
            with contextlib.suppress(ValueError):  # hooks/corrections_log.py stops the build with file and line
                dates += [c.date for c in log.read(file.src_uri, file.content_string, build_date())]
        state["changes_since"] = changes_since(dates, edition["previous"]["cut"], edition["cut"])
    return files


def on_page_markdown(markdown, page, config, files):
    page.meta["edition"] = page_edition(state.get("edition"), page.url, page.canonical_url)
    return markdown


def on_page_context(context, page, config, nav):
    """The canonical link, set only now: MkDocs has already written sitemap.xml with the edition's own
    addresses, and Material's instant navigation treats every address in it as a page of this edition
    (latest's would load into the edition's frame, banner and selector unchanged)."""
    page.canonical_url = page.meta["edition"]["canonical_url"]
    return context
