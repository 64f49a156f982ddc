"""Ingest stage: the pages of a news crawl's WARC files (warcio), as articles.

Reads WARC and WARC.gz files as Common Crawl's CC-NEWS lays them out: one `response`
record per page, its HTTP headers, then the HTML. Each HTML page that answered 200
becomes an article with its URL, outlet and date (the page's own date, else the
day it was crawled). Other records (requests, metadata, images, redirects) are not
articles and pass silently. The file is streamed: a 1 GB crawl file is never held
in memory.
"""
from __future__ import annotations

import zlib
from pathlib import Path
from typing import Iterator, Union

from ..errors import InputError
from ..models import Article
from .pages import article_from_html, url_id
from .web import MAX_PAGE_BYTES

WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc(path: Path) -> Iterator[Union[Article, InputError]]:
    """The articles of a WARC file; a page that cannot be one yields its `InputError`."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        stream = open(path, "rb")
    except OSError as exc:
        yield InputError(str(path), exc.strerror or str(exc))
        return
    with stream:
        n = 0
        try:
            for record in ArchiveIterator(stream):
                n += 1  # records are named by their place in the file: path#n
                if record.rec_type != "response" or not _is_html_page(record):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                source = f"{path}#{n} {url}"
                html = record.content_stream().read(MAX_PAGE_BYTES + 1)
                if len(html) > MAX_PAGE_BYTES:
                    yield InputError(source, f"page is over the {MAX_PAGE_BYTES // (1024 * 1024)} MB limit")
                    continue
                try:
                    yield article_from_html(html, source, article_id=url_id(url) if url else None, url=url or None,
                                            fallback_published=record.rec_headers.get_header("WARC-Date"))
                except InputError as exc:
                    yield exc
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError, zlib.error) as exc:
            # warcio meets a damaged or foreign file in any of these ways; the pages before it stay
            detail = "malformed record headers" if isinstance(exc, AttributeError) else str(exc).split("\n")[0][:120]
            yield InputError(f"{path}#{n + 1}", f"not a readable WARC record: {detail}")


def _is_html_page(record) -> bool:
    http = record.http_headers
    if http is None or http.get_statuscode() != "200":
        return False
    kind = (http.get_header("Content-Type") or "").lower()
    return "html" in kind or not kind
