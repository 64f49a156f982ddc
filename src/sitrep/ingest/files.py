"""Ingest stage: reads articles from files, directories, URLs and stdin.

Inputs: a `.json` article, a `.jsonl` of articles, a `.txt` file, an `.html` page
(main text and metadata through trafilatura), an RSS or Atom feed (`.rss`, `.atom`,
`.xml`), a news crawl's `.warc` or `.warc.gz`, a `.urls` list (one URL a line), a
URL (a feed or a page), a directory (recursively), or `-` for stdin (JSON, JSONL,
HTML or plain text). Every problem is an `InputError` naming the input (and line)
and the reason; `read_articles` yields it in place of the article so a batch goes on.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from ..errors import InputError
from ..models import Article
from .articles import article_from_dict, make_article
from .feeds import item_article, looks_like_feed, parse_feed
from .pages import article_from_html, url_id
from .warc import is_warc, read_warc
from .web import Fetcher

FEED_SUFFIXES = (".rss", ".atom", ".xml")
SUFFIXES = (".json", ".jsonl", ".txt", ".html", ".htm", ".urls", ".warc", ".gz") + FEED_SUFFIXES
MAX_BYTES = 64 * 1024 * 1024  # larger inputs are refused, not half-read (WARC files are streamed)

Item = Union[Article, InputError]


def path_id(path: Path) -> str:
    """The id of an article read from a file: its path as given, less the suffix, so
    `a/story.txt` and `b/story.txt` stay two articles."""
    return path.with_suffix("").as_posix()


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def _decode(raw: bytes, source: str) -> str:
    if b"\x00" in raw[:8192]:
        raise InputError(source, "binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not UTF-8 text (byte {exc.start})") from None


def read_file(path: Path) -> bytes:
    """A file's bytes; `InputError` for one that cannot be read or is over `MAX_BYTES`."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(str(path), f"file is {size // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None


def _from_text(content: str, source: str, suffix: str, published: Optional[str],
               file_id: Optional[str]) -> Iterator[Item]:
    if suffix == ".jsonl":
        yield from jsonl_articles(content, source, published)
    elif suffix == ".json":
        try:
            data = json.loads(content)
        except json.JSONDecodeError as exc:
            yield InputError(source, f"broken JSON: {exc.msg} (line {exc.lineno})")
            return
        items = data if isinstance(data, list) else [data]
        for n, item in enumerate(items):
            try:
                yield article_from_dict(item, source if len(items) == 1 else f"{source}[{n}]", published)
            except InputError as exc:
                yield exc
    elif suffix in (".html", ".htm"):
        try:
            yield article_from_html(content, source, published=published, article_id=file_id)
        except InputError as exc:
            yield exc
    else:
        try:
            yield make_article(source, content, id=file_id, published=published)
        except InputError as exc:
            yield exc


def jsonl_articles(content: str, source: str, published: Optional[str], first_line: int = 1) -> Iterator[Item]:
    """The articles of JSONL lines; `first_line` numbers the first of them, for a part of
    a file read on its own (`--engine ray`)."""
    for n, line in enumerate(content.splitlines(), first_line):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            yield article_from_dict(json.loads(line), where, published)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"broken JSON line: {exc.msg}")
        except InputError as exc:
            yield exc


def _stdin_suffix(content: str) -> str:
    stripped = content.lstrip()
    if stripped.startswith("{"):
        first = stripped.split("\n", 1)[0].strip()
        try:
            json.loads(first)
            return ".jsonl"
        except json.JSONDecodeError:
            return ".json"
    if stripped.startswith("["):
        return ".json"
    if stripped[:200].lower().startswith(("<!doctype", "<html")):
        return ".html"
    return ".txt"


def _is_input(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in SUFFIXES and (path.suffix.lower() != ".gz" or is_warc(path))


def expand(paths: Iterable[str]) -> Iterator[Union[Path, str, InputError]]:
    """Inputs to read: URLs as given, directories walked recursively (article suffixes only)."""
    for raw in paths:
        if raw == "-" or is_url(raw):
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = [child for child in sorted(path.rglob("*")) if _is_input(child)]
            if not found:
                yield InputError(raw, f"no articles in this directory (files ending {', '.join(SUFFIXES)})")
            yield from found
        elif path.exists():
            yield path
        else:
            yield InputError(raw, "no such file or directory")


class _LazyFetcher:
    """A `Fetcher` made on first use, so reading local files never opens a client."""

    def __init__(self, fetcher: Optional[Fetcher]):
        self._fetcher = fetcher

    def __call__(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher()
        return self._fetcher


def read_articles(paths: Iterable[str], published: Optional[str] = None,
                  fetcher: Optional[Fetcher] = None) -> Iterator[Item]:
    """Articles from `paths`; an unreadable input yields its `InputError` instead.
    URLs, `.urls` lists and feeds whose items carry no text are fetched with `fetcher`
    (a default `Fetcher` when none is given)."""
    web = _LazyFetcher(fetcher)
    for item in expand(paths):
        if isinstance(item, InputError):
            yield item
        elif isinstance(item, str) and is_url(item):
            yield from read_url(item, web(), published)
        elif isinstance(item, Path) and is_warc(item):
            yield from read_warc(item)
        else:
            yield from _read_local(item, web, published)


def _read_local(item: Union[Path, str], web: _LazyFetcher, published: Optional[str]) -> Iterator[Item]:
    source = "<stdin>" if item == "-" else str(item)
    try:
        raw = sys.stdin.buffer.read() if item == "-" else read_file(item)  # type: ignore[arg-type]
    except InputError as exc:
        yield exc
        return
    suffix = "" if item == "-" else item.suffix.lower()  # type: ignore[union-attr]
    if suffix in FEED_SUFFIXES or (item == "-" and looks_like_feed(raw)):
        yield from _feed_articles(raw, source, web)
        return
    try:
        content = _decode(raw, source)
    except InputError as exc:
        yield exc
        return
    if suffix == ".urls":
        for url in url_lines(content):
            yield from read_url(url, web(), published)
        return
    suffix = _stdin_suffix(content) if item == "-" else suffix
    yield from _from_text(content, source, suffix, published, None if item == "-" else path_id(item))  # type: ignore[arg-type]


def url_lines(content: str) -> list[str]:
    """The URLs of a `.urls` list: one a line; a line starting with `#` is a comment."""
    lines = (line.strip() for line in content.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _feed_articles(raw: bytes, source: str, web: _LazyFetcher) -> Iterator[Item]:
    try:
        feed = parse_feed(raw, source)
    except InputError as exc:
        yield exc
        return
    for item in feed.items:
        try:
            yield item_article(item, None if item.text else web(), f"{source} {item.url or item.key}")
        except InputError as exc:
            yield exc


def read_url(url: str, fetcher: Fetcher, published: Optional[str] = None) -> Iterator[Item]:
    """The article of a page, or the articles of a feed, at `url`."""
    try:
        page = fetcher.get(url)
    except InputError as exc:
        yield exc
        return
    if looks_like_feed(page.body, page.content_type):
        yield from _feed_articles(page.body, url, _LazyFetcher(fetcher))
        return
    try:
        yield article_from_html(page.body, url, published=published, article_id=url_id(url), url=url)
    except InputError as exc:
        yield exc
