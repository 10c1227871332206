"""HTTP for add-reference: timeouts, a rate limit per host, retries with backoff, one-line failures."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import requests

USER_AGENT = "hormones-oxytocin-add-reference/1.0 (scripts/add-reference; a bibliography draft tool)"
TIMEOUT = (5, 20)  # seconds to connect, seconds to wait for an answer
RETRIES = 3  # tries per request
BACKOFF = 1.0  # seconds before the 2nd try; doubled each time after
MAX_WAIT = 30.0  # never wait longer than this for a Retry-After
RETRY_STATUSES = {429, 500, 502, 503, 504}
# Seconds between two requests to one host. NCBI allows 3 requests a second without an API key;
# Crossref asks public users to keep to a few a second.
MIN_INTERVAL = {"eutils.ncbi.nlm.nih.gov": 0.34, "api.crossref.org": 0.2, "doi.org": 0.2}
DEFAULT_INTERVAL = 0.2


class FetchError(Exception):
    """A request that failed for good; the message is one line for the editor."""


class NotFound(FetchError):
    """The service answered, and has no such record."""


class Client:
    """requests with the manners a public API expects; `sleep` and `clock` are replaceable in tests."""

    def __init__(
        self,
        session: requests.Session | None = None,
        *,
        retries: int = RETRIES,
        backoff: float = BACKOFF,
        timeout: tuple[float, float] = TIMEOUT,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self.sleep = sleep
        self.clock = clock
        self.last_request: dict[str, float] = {}

    def wait_turn(self, host: str) -> None:
        interval = MIN_INTERVAL.get(host, DEFAULT_INTERVAL)
        if host in self.last_request:
            waited = self.clock() - self.last_request[host]
            if waited < interval:
                self.sleep(interval - waited)
        self.last_request[host] = self.clock()

    def get(self, url: str, service: str, *, params: dict | None = None, headers: dict | None = None):
        """The response to a GET; NotFound on 404; FetchError, after the retries, on anything else."""
        host = urlsplit(url).hostname or ""
        problem = ""
        for attempt in range(1, self.retries + 1):
            self.wait_turn(host)
            delay = self.backoff * 2 ** (attempt - 1)
            try:
                response = self.session.get(url, params=params, headers=headers, timeout=self.timeout)
            except requests.Timeout:
                problem = f"no answer within {self.timeout[1]:g} s"
            except requests.ConnectionError:
                problem = "could not connect"
            else:
                if response.status_code == 404:
                    raise NotFound(f"{service} has no record at {response.url}")
                if response.ok:
                    return response
                if response.status_code not in RETRY_STATUSES:
                    raise FetchError(f"{service} refused the request: HTTP {response.status_code} from {response.url}")
                problem = f"HTTP {response.status_code}"
                delay = max(delay, retry_after(response))
            if attempt < self.retries:
                # Say so at once: a wait of up to a minute must never look like a hang.
                print(f"{service}: {problem}; trying again ({attempt + 1} of {self.retries})", file=sys.stderr)
                self.sleep(min(delay, MAX_WAIT))
        raise FetchError(f"{service}: {problem} ({self.retries} tries) at {url}; check the network, or try later")


def retry_after(response) -> float:
    try:
        return float(response.headers.get("Retry-After", 0))
    except ValueError:  # an HTTP date: back off the usual way
        return 0.0
