"""sitrep: war and conflict reporting in, auditable event data out.

    >>> import sitrep
    >>> result = sitrep.extract("Russia launched 145 drones overnight, Ukraine said.",
    ...                         published="2024-11-11")
    >>> result.events[0].type
    'strike'

The pipeline, one module a stage: ingest → language → extract → resolve → fuse → store.
"""
from __future__ import annotations

from typing import Iterable, Iterator, Optional, Union

from .errors import InputError, LexiconError, SitrepError, StoreError
from .extract.engine import Extractor
from .ingest import read_articles
from .models import (Article, ArticleResult, DateSpan, Event, Evidence, Figure, Incident, Party, Place, Quantity,
                     SCHEMA_VERSION, Toponym)
from .resolve.places import geoparse
from .store import Filters, Store

__all__ = ["extract", "extract_many", "places", "Toponym", "read_articles", "Extractor", "Store", "Filters", "Article", "ArticleResult",
           "Event", "Incident", "Figure", "Quantity", "Place", "Party", "Evidence", "DateSpan", "SitrepError",
           "InputError", "LexiconError", "StoreError", "SCHEMA_VERSION"]

_default: Optional[Extractor] = None


def _extractor() -> Extractor:
    global _default
    if _default is None:
        _default = Extractor()
    return _default


def extract(text: str, published: Optional[str] = None, *, title: Optional[str] = None,
            url: Optional[str] = None, id: Optional[str] = None) -> ArticleResult:
    """Events of one report. `published` (ISO date) anchors "on Sunday", "overnight"."""
    return _extractor().extract(Article(text=text, published=published, title=title, url=url, id=id))


def places(text: str) -> list[Toponym]:
    """Every place named in `text` with offsets, resolved name, country, admin1,
    coordinates and precision: sitrep's geoparser on its own."""
    return geoparse(text, _extractor().lexicon)


def extract_many(articles: Iterable[Union[Article, str]]) -> Iterator[ArticleResult]:
    """Events of many reports, streamed in input order; parsing runs batched."""
    return _extractor().extract_many(a if isinstance(a, Article) else Article(text=a) for a in articles)
