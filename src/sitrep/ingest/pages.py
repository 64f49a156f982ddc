"""Ingest stage: an HTML page as an article (trafilatura for the main text, title,
outlet and date), and the identity of an article that came from a URL."""
from __future__ import annotations

import hashlib
import json
from typing import Optional, Union

from courlan import normalize_url

from ..errors import InputError
from ..models import Article, iso_published
from .articles import make_article
from .languages import require_english


def canonical_url(url: str) -> str:
    """The URL as one page has it however it was linked: scheme and host lower-cased,
    default port and fragment dropped, tracking parameters (utm_*) removed."""
    try:
        return normalize_url(url.strip(), strict=True)
    except (ValueError, TypeError):
        return url.strip()


def url_id(url: str) -> str:
    """The id of an article fetched from `url`: the same page has the same id in every
    run and from every feed that links it, so it is stored once."""
    return "url-" + hashlib.sha256(canonical_url(url).encode()).hexdigest()[:16]


def article_from_html(html: Union[str, bytes], source: str, *, published: Optional[str] = None,
                      article_id: Optional[str] = None, url: Optional[str] = None,
                      outlet: Optional[str] = None, fallback_published: Optional[str] = None) -> Article:
    """The article in an HTML page. `published` overrides the page's own date;
    `fallback_published` (a crawl date) is used only when the page gives none.
    Raises `InputError` for a page with no main text or not in English."""
    import trafilatura

    extracted = trafilatura.extract(html, url=url, output_format="json", with_metadata=True, include_comments=False)
    if not extracted:
        raise InputError(source, "no main text found in the HTML")
    meta = json.loads(extracted)
    text = meta.get("text") or ""
    title = meta.get("title")
    require_english(text, source)
    headed = f"{title}\n{text}" if title and not text.startswith(title) else text
    return make_article(source, headed, id=article_id,
                        url=url or meta.get("source"), outlet=outlet or meta.get("sitename") or meta.get("hostname"),
                        title=title,
                        published=published or _page_date(meta.get("date")) or _page_date(fallback_published))


def _page_date(value: Optional[str]) -> Optional[str]:
    """A page's own date, where it is one: a garbled metadata date loses the date, not the article."""
    try:
        return iso_published(value)
    except ValueError:
        return None
