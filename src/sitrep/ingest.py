"""Ingest stage: reads articles from files, directories and stdin.

Inputs: a `.json` article, a `.jsonl` of articles, a `.txt` file, an `.html` file
(main text and metadata through trafilatura), a directory (recursively), or `-`
for stdin (JSON, JSONL or plain text). Every problem is an `InputError` naming the
input (and line) and the reason; `read_articles` yields it in place of the article
so a batch goes on.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator, Union

from .errors import InputError
from .fuse import normalised_text_hash
from .models import Article, iso_published

SUFFIXES = (".json", ".jsonl", ".txt", ".html", ".htm")
MAX_BYTES = 64 * 1024 * 1024  # larger inputs are refused, not half-read


def content_id(text: str) -> str:
    """The id of an article that came without one: from its text, so the same text
    gets the same id in every run and two texts never share one."""
    return "sha-" + normalised_text_hash(text)[:16]


def path_id(path: Path) -> str:
    """The id of an article read from a file: its path as given, less the suffix, so
    `a/story.txt` and `b/story.txt` stay two articles."""
    return path.with_suffix("").as_posix()


def make_article(source: str, text: str, *, id: str | None = None, published: str | None = None,
                 **header: str | None) -> Article:
    """An `Article`, or an `InputError` naming `source` when it cannot be one."""
    if not text.strip():
        raise InputError(source, "the article's text is empty")
    try:
        return Article(text=text, id=id or content_id(text), published=published, **header)
    except ValueError as exc:
        raise InputError(source, f"'published': {exc}") from None


def article_from_dict(data: Any, source: str, published: str | None = None) -> Article:
    if not isinstance(data, dict):
        raise InputError(source, "an article must be a JSON object")
    text = data.get("text")
    if text is None:
        raise InputError(source, "the article has no 'text' field")
    if not isinstance(text, str):
        raise InputError(source, "'text' must be a string")

    def field(name: str) -> str | None:
        value = data.get(name)
        if value is None or isinstance(value, str):
            return value
        if name == "id" and isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        raise InputError(source, f"'{name}' must be a string, not {type(value).__name__}")

    return make_article(source, text, id=field("id"), url=field("url"), outlet=field("outlet"),
                        title=field("title"), published=field("published") or published)


def _decode(raw: bytes, source: str) -> str:
    if b"\x00" in raw[:8192]:
        raise InputError(source, "binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not UTF-8 text (byte {exc.start})") from None


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(str(path), f"file is {size // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None


def article_from_html(html: str, source: str, published: str | None = None, file_id: str | None = None) -> Article:
    import trafilatura

    extracted = trafilatura.extract(html, output_format="json", with_metadata=True, include_comments=False)
    if not extracted:
        raise InputError(source, "no main text found in the HTML")
    meta = json.loads(extracted)
    text = meta.get("text") or ""
    title = meta.get("title")
    return make_article(source, f"{title}\n{text}" if title else text, id=file_id, url=meta.get("source"),
                        outlet=meta.get("sitename") or meta.get("hostname"), title=title,
                        published=published or _page_date(meta.get("date")))


def _page_date(value: str | None) -> str | None:
    """A page's own date, where it is one: a garbled metadata date loses the date, not the article."""
    try:
        return iso_published(value)
    except ValueError:
        return None


def _from_text(content: str, source: str, suffix: str, published: str | None,
               file_id: str | None) -> Iterator[Union[Article, InputError]]:
    if suffix == ".jsonl":
        for n, line in enumerate(content.splitlines(), 1):
            if not line.strip():
                continue
            where = f"{source}:{n}"
            try:
                yield article_from_dict(json.loads(line), where, published)
            except json.JSONDecodeError as exc:
                yield InputError(where, f"broken JSON line: {exc.msg}")
            except InputError as exc:
                yield exc
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
            yield article_from_html(content, source, published, file_id)
        except InputError as exc:
            yield exc
    else:
        try:
            yield make_article(source, content, id=file_id, published=published)
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


def expand(paths: Iterable[str]) -> Iterator[Union[Path, str, InputError]]:
    """Files to read: directories walked recursively (article suffixes only)."""
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            found = [child for child in sorted(path.rglob("*"))
                     if child.is_file() and child.suffix.lower() in SUFFIXES]
            if not found:
                yield InputError(raw, f"no articles in this directory (files ending {', '.join(SUFFIXES)})")
            yield from found
        elif path.exists():
            yield path
        else:
            yield InputError(raw, "no such file or directory")


def read_articles(paths: Iterable[str], published: str | None = None) -> Iterator[Union[Article, InputError]]:
    """Articles from `paths`; an unreadable input yields its `InputError` instead."""
    for item in expand(paths):
        if isinstance(item, InputError):
            yield item
            continue
        source = "<stdin>" if item == "-" else str(item)
        try:
            raw = sys.stdin.buffer.read() if item == "-" else _read_bytes(item)  # type: ignore[arg-type]
            content = _decode(raw, source)
        except InputError as exc:
            yield exc
            continue
        suffix = _stdin_suffix(content) if item == "-" else item.suffix.lower()  # type: ignore[union-attr]
        yield from _from_text(content, source, suffix, published, None if item == "-" else path_id(item))
