"""Ingest stage, the network side: fetches feeds and pages politely.

    fetcher = Fetcher()
    page = fetcher.get("https://example.org/feed.xml", etag=previous_etag)

One `Fetcher` holds one HTTP client (httpx) and what politeness needs across
requests: robots.txt per host, the time of the last request per host (a host is
asked at most once every `per_host_interval` seconds), conditional requests (ETag,
If-Modified-Since) and a size cap read off the stream, so a 50 MB page costs what
the cap allows and no more. Transient failures (timeouts, refused connections, 429
and 5xx) are retried with exponential backoff; the rest fail at once. Every failure
is a `FetchError` naming the URL and the reason, with `transient` set when a later
poll may succeed.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Optional
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from ..errors import InputError

USER_AGENT = "sitrep/0.1 (conflict event extraction; +https://github.com/sitrep)"
MAX_PAGE_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0  # seconds


class FetchError(InputError):
    """A URL could not be fetched; `transient` when a later try may succeed."""

    def __init__(self, url: str, reason: str, *, transient: bool = False, retry_after: Optional[float] = None):
        super().__init__(url, reason)
        self.transient = transient
        self.retry_after = retry_after  # seconds the server asked us to wait


@dataclass
class Page:
    """What a GET returned: the body of a 200, or `not_modified` for a 304."""

    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes = b""
    etag: Optional[str] = None
    last_modified: Optional[str] = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """Polite HTTP GETs: robots.txt, a per-host interval, retries with backoff, a size cap."""

    def __init__(self, *, timeout: float = 20.0, retries: int = 2, backoff: float = 2.0,
                 per_host_interval: float = 1.0, max_bytes: int = MAX_PAGE_BYTES, obey_robots: bool = True,
                 user_agent: str = USER_AGENT, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic):
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.per_host_interval = per_host_interval
        self.max_bytes = max_bytes
        self.obey_robots = obey_robots
        self.user_agent = user_agent
        self._sleep = sleep
        self._clock = clock
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, Optional[RobotFileParser]] = {}
        self._client = httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=MAX_REDIRECTS,
                                    headers={"User-Agent": user_agent})

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, *, etag: Optional[str] = None, last_modified: Optional[str] = None) -> Page:
        """GET `url`; a 304 comes back as a `Page` with `not_modified`. Raises `FetchError`."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError(url, "not an http(s) URL")
        if self.obey_robots and not self._allowed(url):
            raise FetchError(url, "robots.txt disallows fetching it")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for attempt in range(self.retries + 1):
            try:
                return self._get_once(url, headers)
            except FetchError as exc:
                # a server that asks for a long wait is tried again at the next poll, not now
                if not exc.transient or attempt == self.retries or (exc.retry_after or 0) > MAX_RETRY_AFTER:
                    raise
                self._sleep(exc.retry_after or self.backoff * 2 ** attempt)
        raise AssertionError("unreachable")

    def _get_once(self, url: str, headers: dict[str, str]) -> Page:
        self._wait_for_host(url)
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                self._check_status(url, response)
                body = b"" if response.status_code == 304 else self._read_capped(url, response)
                return Page(url=url, final_url=str(response.url), status=response.status_code,
                            content_type=response.headers.get("content-type", ""), body=body,
                            etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"))
        except httpx.TooManyRedirects:
            raise FetchError(url, f"redirect loop (more than {MAX_REDIRECTS} redirects)") from None
        except httpx.TimeoutException:
            raise FetchError(url, f"timed out after {self.timeout:g} s", transient=True) from None
        except httpx.ConnectError as exc:
            raise FetchError(url, f"cannot connect: {exc}", transient=True) from None
        except httpx.HTTPError as exc:
            raise FetchError(url, f"{type(exc).__name__}: {exc}", transient=True) from None

    def _check_status(self, url: str, response: httpx.Response) -> None:
        status = response.status_code
        if status == 304 or 200 <= status < 300:
            return
        retry_after = _number(response.headers.get("retry-after"))
        if retry_after is not None and retry_after > MAX_RETRY_AFTER:
            raise FetchError(url, f"HTTP {status}: the server asks to wait {retry_after:g} s", transient=True,
                             retry_after=retry_after)
        raise FetchError(url, f"HTTP {status} {response.reason_phrase}".rstrip(),
                         transient=status in RETRY_STATUSES, retry_after=retry_after)

    def _read_capped(self, url: str, response: httpx.Response) -> bytes:
        declared = _number(response.headers.get("content-length"))
        if declared is not None and declared > self.max_bytes:
            raise FetchError(url, f"page is {_mb(int(declared))}, over the {_mb(self.max_bytes)} limit")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(url, f"page is over the {_mb(self.max_bytes)} limit")
            chunks.append(chunk)
        return b"".join(chunks)

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        last = self._last_request.get(host)
        if last is not None:
            wait = last + self.per_host_interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = self._clock()

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        rules = self._robots[origin]
        return rules is None or rules.can_fetch(self.user_agent, url)

    def _read_robots(self, origin: str) -> Optional[RobotFileParser]:
        """The host's robots.txt; None (everything allowed) when it has none or it cannot
        be read. 401 and 403 forbid everything, as the robots standard says."""
        rules = RobotFileParser()
        try:
            self._wait_for_host(origin)
            response = self._client.get(origin + "/robots.txt")
        except httpx.HTTPError:
            return None
        if response.status_code in (401, 403):
            rules.disallow_all = True
            return rules
        if response.status_code != 200:
            return None
        rules.parse(response.text.splitlines())
        return rules


def _number(value: Optional[str]) -> Optional[float]:
    """A header's number (Retry-After in seconds, Content-Length); None when absent or not one."""
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"

