"""Ingest stage, continuously: polls feeds, reads their new items, extracts, stores
and fuses them.

    with Store("sitrep.duckdb") as store, Fetcher() as fetcher:
        watcher = Watcher(store, Extractor(), fetcher)
        report = watcher.poll("https://example.org/world.rss")

A poll asks for the feed with the cursors of the last poll (ETag, Last-Modified),
reads each item it has not settled (the feed's text, else the page), skips what is
not English and stores the rest. Every item's outcome, the poll's error and the new
cursors are committed together after the articles, and an article's id is its URL's:
killed at any moment, the next poll stores nothing twice and loses nothing. Cursors
move only when no item is left to retry, so an item that failed for a moment is
asked for again rather than hidden behind a 304.
"""
from __future__ import annotations

import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from ..errors import InputError, NotEnglishError, SitrepError
from ..models import Article
from ..store.sources import ItemOutcome, SourceState
from .feeds import Feed, FeedItem, item_article, parse_feed
from .files import is_url, read_file, url_lines
from .pages import url_id
from .web import FetchError, Fetcher

DEFAULT_EVERY = 15 * 60.0
MIN_EVERY = 1.0
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(value: str) -> float:
    """Seconds in "90", "30s", "15m", "2h" or "1d"; ValueError otherwise."""
    match = _DURATION.match(value)
    if not match:
        raise ValueError(f"{value!r} is not a duration such as 30s, 15m or 2h")
    seconds = float(match.group(1)) * _UNIT_SECONDS[(match.group(2) or "s").lower()]
    if seconds < MIN_EVERY:
        raise ValueError(f"{value!r} is under the {MIN_EVERY:g} s minimum")
    return seconds


def expand_sources(values: Iterable[str]) -> list[str]:
    """Feeds to watch: URLs and feed files as given, `.urls` lists opened into their URLs."""
    found: list[str] = []
    for value in values:
        if not is_url(value) and value.lower().endswith(".urls"):
            try:
                found += url_lines(Path(value).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                raise SitrepError(f"{value}: cannot read the list of sources: {exc}") from None
        else:
            found.append(value)
    return list(dict.fromkeys(found))


@dataclass
class PollReport:
    """What one poll of one source did."""

    source: str
    listed: int = 0
    new: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    retry: int = 0
    not_modified: bool = False
    error: Optional[str] = None
    problems: list[str] = field(default_factory=list)  # "url: reason" for each item skipped or failed

    def line(self) -> str:
        if self.error:
            return f"{self.source}: failed: {self.error}"
        if self.not_modified:
            return f"{self.source}: not modified"
        retry = f", {self.retry} to retry" if self.retry else ""
        return (f"{self.source}: {self.listed} items, {self.new} new: {self.stored} stored, "
                f"{self.skipped} skipped, {self.failed} failed{retry}")


class Watcher:
    """Polls sources into a store. The store, extractor and fetcher are passed in; with
    `share`, the store's file is held only to look up and to commit (as `sitrep
    ingest` does), so `sitrep serve` can read it between commits."""

    def __init__(self, store, extractor, fetcher: Fetcher, *, batch_size: int = 32, share: bool = True):
        self.store = store
        self.extractor = extractor
        self.fetcher = fetcher
        self.batch_size = batch_size
        self.share = share

    @contextmanager
    def _held(self) -> Iterator[None]:
        self.store.reacquire()
        try:
            yield
        finally:
            if self.share:
                self.store.release()

    def poll_all(self, sources: Iterable[str]) -> list[PollReport]:
        return [self.poll(source) for source in sources]

    def poll(self, source: str) -> PollReport:
        report = PollReport(source)
        with self._held():
            state = self.store.source_state(source)
        try:
            feed, cursor = self._read_feed(source, state)
        except InputError as exc:
            report.error = exc.reason
            with self._held():
                self.store.record_poll(source, error=exc.reason)
            return report
        if feed is None:
            report.not_modified = True
            with self._held():
                self.store.record_poll(source)
            return report
        outcomes = self._read_items(source, feed, report)
        if report.retry:
            cursor = None  # ask for the whole feed again next time, so the items to retry come back
        with self._held():
            self.store.record_poll(source, outcomes=outcomes, title=feed.title, cursor=cursor)
        return report

    def _read_feed(self, source: str, state: SourceState) -> tuple[Optional[Feed], Optional[SourceState]]:
        """The feed, or None when it has not changed since the last poll; with its new cursors."""
        if not is_url(source):
            return parse_feed(read_file(Path(source)), source), None
        page = self.fetcher.get(source, etag=state.etag, last_modified=state.last_modified)
        if page.not_modified:
            return None, None
        return parse_feed(page.body, source), SourceState(source, page.etag, page.last_modified)

    def _read_items(self, source: str, feed: Feed, report: PollReport) -> list[ItemOutcome]:
        """Read, store and settle the items of `feed` not settled at earlier polls."""
        report.listed = len(feed.items)
        with self._held():
            settled = self.store.settled_items(source, [item.key for item in feed.items])
            fresh = [item for item in dict((i.key, i) for i in feed.items).values() if item.key not in settled]
            stored = self.store.stored_ids(_article_id(item) for item in fresh)
        report.new = len(fresh)
        outcomes: list[ItemOutcome] = []
        read: list[tuple[FeedItem, Article]] = []
        for item in fresh:
            if _article_id(item) in stored:  # stored through another feed, or before a kill
                outcomes.append(ItemOutcome(item.key, item.url, "stored", article_id=_article_id(item)))
                report.stored += 1
                continue
            try:
                read.append((item, item_article(item, self.fetcher, item.url or item.key)))
            except InputError as exc:
                outcomes.append(self._unread(item, exc, report))
        if read:
            self.store.ingest([article for _, article in read], self.extractor,
                              batch_size=self.batch_size, share=self.share)
            if self.share:
                self.store.release()
            outcomes += [ItemOutcome(item.key, item.url, "stored", article_id=article.id) for item, article in read]
            report.stored += len(read)
        return outcomes

    @staticmethod
    def _unread(item: FeedItem, exc: InputError, report: PollReport) -> ItemOutcome:
        report.problems.append(f"{item.url or item.key}: {exc.reason}")
        if isinstance(exc, NotEnglishError):
            report.skipped += 1
            return ItemOutcome(item.key, item.url, "skipped", exc.reason)
        if isinstance(exc, FetchError) and exc.transient:
            report.retry += 1
            return ItemOutcome(item.key, item.url, "retry", exc.reason)
        report.failed += 1
        return ItemOutcome(item.key, item.url, "failed", exc.reason)


def _article_id(item: FeedItem) -> str:
    return url_id(item.url or item.key)


def watch(watcher: Watcher, sources: list[str], *, every: float = DEFAULT_EVERY, once: bool = False,
          on_report: Callable[[PollReport], None] = lambda report: None,
          sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic) -> int:
    """Poll `sources` every `every` seconds (once with `once`); returns 1 when the last
    round had a source fail, else 0. Runs until interrupted unless `once`."""
    while True:
        started = clock()
        reports = watcher.poll_all(sources)
        for report in reports:
            on_report(report)
        if once:
            return 1 if any(r.error for r in reports) else 0
        sleep(max(0.0, started + every - clock()))
