"""Ingest stage: RSS and Atom feeds (feedparser) as items to read.

A feed item is a pointer to an article: its link, its title, its date and, in feeds
that carry the whole story (`content:encoded`, Atom `content`), the text itself.
An item whose feed gives fewer than `FULL_TEXT_CHARS` of text is read from its page.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Optional

from ..errors import InputError
from ..models import Article
from .articles import make_article
from .languages import require_english
from .pages import article_from_html, canonical_url, url_id

if TYPE_CHECKING:
    from .web import Fetcher

FULL_TEXT_CHARS = 400  # a teaser is shorter; a story carried whole is longer
FEED_TYPES = ("rss", "atom", "rdf", "xml")


@dataclass
class FeedItem:
    key: str                 # the item's identity in its feed: canonical link, else its guid
    url: Optional[str]
    title: Optional[str]
    published: Optional[str]  # ISO 8601, UTC
    text: Optional[str]       # the whole story when the feed carries it, else None
    outlet: Optional[str]     # the feed's title


@dataclass
class Feed:
    title: Optional[str]
    items: list[FeedItem]


def looks_like_feed(body: bytes, content_type: str = "") -> bool:
    """Whether a fetched body is a feed rather than a page (by type, then by its first tag)."""
    kind = content_type.split(";")[0].strip().lower()
    if any(t in kind for t in ("rss", "atom")):
        return True
    head = body[:1024].lstrip().lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2:].lstrip()
        while head.startswith(b"<!--") or head.startswith(b"<?"):
            head = head[head.find(b">") + 1:].lstrip()
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf"))


def parse_feed(body: bytes, source: str) -> Feed:
    """The items of an RSS or Atom document; `InputError` when it is not one.
    feedparser reads a feed with small faults (a bad entity, a stray tag) as browsers
    do; a document with no feed in it, or so broken that no item can be read, is refused."""
    import feedparser

    parsed = feedparser.parse(body)  # bytes: feedparser never fetches a URL given as content
    if not parsed.get("version") and not parsed.entries:
        raise InputError(source, f"not an RSS or Atom feed ({_first_line(parsed.get('bozo_exception'))})")
    title = parsed.feed.get("title") or None
    items = [item for item in (_item(entry, title) for entry in parsed.entries) if item is not None]
    if parsed.get("bozo") and not items:
        raise InputError(source, f"malformed feed, no item could be read ({_first_line(parsed.get('bozo_exception'))})")
    return Feed(title=title, items=items)


def _first_line(fault: object) -> str:
    return str(fault).splitlines()[0] if fault else "unknown fault"


def _item(entry, feed_title: Optional[str]) -> Optional[FeedItem]:
    url = entry.get("link") or None
    key = canonical_url(url) if url else entry.get("id")
    if not key:
        return None  # an item with neither link nor guid cannot be told from the next
    text = _full_text(entry)
    return FeedItem(key=key, url=url, title=entry.get("title") or None, published=_date(entry), text=text,
                    outlet=feed_title)


def _date(entry) -> Optional[str]:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    return datetime.fromtimestamp(calendar.timegm(stamp), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _full_text(entry) -> Optional[str]:
    bodies = [c.get("value", "") for c in entry.get("content", [])] or [entry.get("summary", "")]
    text = max((_plain(b) for b in bodies), key=len, default="")
    return text if len(text) >= FULL_TEXT_CHARS else None


def _plain(html: str) -> str:
    """The text of an HTML fragment, one line per paragraph."""
    if "<" not in html:
        return html.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml raises several types on broken markup; the item then has no text
        return ""
    blocks = root.xpath(".//p|.//li|.//h1|.//h2|.//h3|.//blockquote")
    lines = [" ".join(b.text_content().split()) for b in blocks] or [" ".join(root.text_content().split())]
    return "\n".join(line for line in lines if line)



def item_article(item: FeedItem, fetcher: Optional["Fetcher"], source: str) -> Article:
    """The article an item points to: the text the feed carries, else its page
    (fetched; `fetcher` may be None for an item that carries its text). Raises
    `InputError` (a `FetchError` for the network) with the reason."""
    if item.text:
        require_english(item.text, source)
        text = f"{item.title}\n{item.text}" if item.title else item.text
        return make_article(source, text, id=url_id(item.url or item.key), url=item.url, outlet=item.outlet,
                            title=item.title, published=item.published)
    if not item.url:
        raise InputError(source, "the item has neither a link nor its text")
    if fetcher is None:
        raise InputError(source, "the item's text is on its page, and nothing may be fetched here")
    page = fetcher.get(item.url)
    article = article_from_html(page.body, source, article_id=url_id(item.url), url=item.url,
                                fallback_published=item.published)
    if article.outlet is None:
        article.outlet = item.outlet
    return article
