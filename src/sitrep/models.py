"""Typed models: what flows between the stages, and the contract's JSON shape.

An `Article` comes in; an `ArticleResult` (the article and its `Event`s) goes out.
`to_dict()` gives exactly the shape of `shared/spec/EVENTS.md` (schema_version "1").
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Optional

SCHEMA_VERSION = "1"


def plain_number(value: float) -> Any:
    """A count as people write it: 145, not 145.0; 1.5 stays 1.5."""
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value

EVENT_TYPES = ("strike", "clash", "territory", "deployment", "disruption", "violence", "losses")
STATUSES = ("asserted", "unverified", "denied", "expected")
QUANTITY_KINDS = ("launched", "intercepted", "hit", "killed", "injured", "casualties", "troops",
                  "prisoners", "flights", "evacuated", "other")
QUALIFIERS = ("exact", "at_least", "about", "at_most")
# the rule by which an event names a known happening ("happening.operation_sindoor"): every
# telling of that happening carries it, and fusion joins them by it
HAPPENING_PREFIX = "happening."
# the rule that placed an event in the region its article is about, not one its own sentence names
REGION_OF_THE_ARTICLE = "place.region_of_the_article"


# A UTF-16 surrogate with no partner: scrapers leave one where they cut an emoji in
# half. It cannot be written as UTF-8, so spaCy and every writer would fail on it.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD: one character for one, so
    every offset into the text stays valid."""
    return LONE_SURROGATE.sub("\ufffd", text) if LONE_SURROGATE.search(text) else text


def iso_published(value: Optional[str]) -> Optional[str]:
    """A publication date as ISO 8601 ("2024-11-11" or a datetime), from ISO or from
    RFC 2822 as feeds write it. Raises ValueError naming the value otherwise: words
    such as "yesterday" are refused, since they would move with the day sitrep runs."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        if re.match(r"\d{4}-\d{2}-\d{2}[T ]", text):
            datetime.fromisoformat(re.sub(r"Z$", "+00:00", text))
            return text
        return parsedate_to_datetime(text).isoformat()
    except (ValueError, TypeError, IndexError, OverflowError):
        raise ValueError(f"{text[:40]!r} is not a date (expected YYYY-MM-DD or an ISO 8601 datetime)") from None


def _coordinate(value: Any) -> Optional[float]:
    return None if value is None else float(value)


@dataclass
class Article:
    """One report as received. Only `text` is required; `published` is checked and
    kept as ISO 8601 (ValueError otherwise), lone surrogates become U+FFFD."""

    text: str
    id: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None  # ISO date or datetime

    def __post_init__(self) -> None:
        self.text = without_lone_surrogates(self.text)
        for name in ("id", "url", "outlet", "title"):
            value = getattr(self, name)
            if value is not None:
                setattr(self, name, without_lone_surrogates(value))
        self.published = iso_published(self.published)

    def header(self) -> dict[str, Any]:
        return {"id": self.id, "url": self.url, "outlet": self.outlet, "title": self.title,
                "published": self.published}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        return cls(text=data["text"], id=data.get("id"), url=data.get("url"), outlet=data.get("outlet"),
                   title=data.get("title"), published=data.get("published"))


@dataclass
class Evidence:
    """A span of the article text, by character offsets into the text as received."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Evidence":
        return cls(start=int(data["start"]), end=int(data["end"]), text=str(data["text"]))


@dataclass
class Party:
    """An actor, target or claimant: a state (ISO country) or a named non-state party."""

    name: str
    country: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country}

    @classmethod
    def from_dict(cls, data: Optional[dict[str, Any]]) -> Optional["Party"]:
        return cls(name=str(data["name"]), country=data.get("country")) if data else None


@dataclass
class Place:
    name: str
    country: Optional[str] = None
    admin1: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    precision: str = "country"  # point, city, admin1, country, region

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "admin1": self.admin1,
                "lat": self.lat, "lon": self.lon, "precision": self.precision}

    @classmethod
    def from_dict(cls, data: Optional[dict[str, Any]]) -> Optional["Place"]:
        if not data:
            return None
        return cls(name=str(data["name"]), country=data.get("country"), admin1=data.get("admin1"),
                   lat=_coordinate(data.get("lat")), lon=_coordinate(data.get("lon")),
                   precision=str(data.get("precision") or "country"))


@dataclass
class Toponym:
    """A place named in a text, by offsets, and what it resolves to."""

    start: int
    end: int
    text: str
    place: Place
    source: str  # "seed" (the curated list), "gazetteer", "unlisted" or "demonym" ("Ukrainian")

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, **self.place.to_dict(), "source": self.source}


@dataclass
class DateSpan:
    start: Optional[str] = None  # ISO day
    end: Optional[str] = None
    precision: str = "unknown"   # day, week, month, year, range, unknown
    text: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "precision": self.precision, "text": self.text}

    @classmethod
    def from_dict(cls, data: Optional[dict[str, Any]]) -> "DateSpan":
        data = data or {}
        return cls(start=data.get("start"), end=data.get("end"), precision=str(data.get("precision") or "unknown"),
                   text=data.get("text"))


@dataclass
class Quantity:
    kind: str
    value: float
    item: Optional[str] = None
    qualifier: str = "exact"
    text: str = ""
    start: int = 0  # offsets of `text`, for dedup and evidence; not in the contract
    end: int = 0

    @property
    def key(self) -> tuple[str, float]:
        return (self.kind, self.value)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "item": self.item, "value": plain_number(self.value),
                "qualifier": self.qualifier, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Quantity":
        return cls(kind=str(data["kind"]), value=float(data["value"]), item=data.get("item"),
                   qualifier=str(data.get("qualifier") or "exact"), text=str(data.get("text") or ""))


@dataclass
class Event:
    """One claim about one happening, by one claimant."""

    type: str
    status: str = "asserted"
    subtype: Optional[str] = None
    actor: Optional[Party] = None
    target: Optional[Party] = None
    location: Optional[Place] = None
    date: DateSpan = field(default_factory=DateSpan)
    quantities: list[Quantity] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    claimant: Optional[Party] = None
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5
    id: str = ""
    rules: list[str] = field(default_factory=list)  # the named rules that made it (`sitrep extract --explain`)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "subtype": self.subtype,
            "status": self.status,
            "actor": self.actor.to_dict() if self.actor else None,
            "target": self.target.to_dict() if self.target else None,
            "location": self.location.to_dict() if self.location else None,
            "date": self.date.to_dict(),
            "quantities": [q.to_dict() for q in self.quantities],
            "weapons": list(self.weapons),
            "claimant": self.claimant.to_dict() if self.claimant else None,
            "evidence": [e.to_dict() for e in self.evidence],
            "confidence": round(self.confidence, 2),
            "rules": list(self.rules),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Event":
        """The event `to_dict` wrote; KeyError, TypeError or ValueError when it is not one."""
        if data["type"] not in EVENT_TYPES:
            raise ValueError(f"unknown event type {data['type']!r}")
        return cls(type=data["type"], status=str(data.get("status") or "asserted"), subtype=data.get("subtype"),
                   actor=Party.from_dict(data.get("actor")), target=Party.from_dict(data.get("target")),
                   location=Place.from_dict(data.get("location")), date=DateSpan.from_dict(data.get("date")),
                   quantities=[Quantity.from_dict(q) for q in data.get("quantities") or []],
                   weapons=[str(w) for w in data.get("weapons") or []],
                   claimant=Party.from_dict(data.get("claimant")),
                   evidence=[Evidence.from_dict(e) for e in data.get("evidence") or []],
                   confidence=float(data.get("confidence", 0.5)), id=str(data.get("id") or ""),
                   rules=[str(r) for r in data.get("rules") or []])


@dataclass
class ArticleResult:
    """The extractor's output for one article: one line of the JSONL contract."""

    article: Article
    events: list[Event] = field(default_factory=list)
    # with `Extractor(explain=True)`: per sentence, the rules that fired, those vetoed and
    # the reader's scores (not part of the JSONL contract; `sitrep extract --explain` prints it)
    trace: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        """The contract's line; `with_text` adds the article's text to its header, so that
        the line can be stored later without extracting again (`from_dict`)."""
        article = self.article.header()
        if with_text:
            article["text"] = self.article.text
        return {"schema_version": SCHEMA_VERSION, "article": article, "events": [e.to_dict() for e in self.events]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ArticleResult":
        """A line `to_dict(with_text=True)` wrote; KeyError, TypeError or ValueError when
        it is not one (the article's text is required)."""
        if str(data["schema_version"]) != SCHEMA_VERSION:
            raise ValueError(f"schema_version {data['schema_version']!r}, this sitrep reads {SCHEMA_VERSION!r}")
        return cls(article=Article.from_dict(data["article"]), events=[Event.from_dict(e) for e in data["events"]])


@dataclass
class Figure:
    """An incident's summary number, and the one claim it comes from."""

    kind: str
    value: float
    qualifier: str
    item: Optional[str]
    claimant: Optional[str]
    outlet: Optional[str]
    event_id: str
    sources: int  # independent sources that gave this same value
    alternatives: list[dict[str, Any]] = field(default_factory=list)  # other values, each with its claim

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["value"] = plain_number(self.value)
        data["alternatives"] = [{**other, "value": plain_number(other["value"])} if "value" in other else other
                                for other in data["alternatives"]]
        return data


@dataclass
class Incident:
    """One happening, fused from every event (claim) that reports it."""

    id: str
    type: str
    subtype: Optional[str] = None
    location: Optional[Place] = None
    date: DateSpan = field(default_factory=DateSpan)
    actor: Optional[Party] = None
    target: Optional[Party] = None
    n_events: int = 0
    n_articles: int = 0
    n_sources: int = 0  # wire copies count once
    figures: list[Figure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "subtype": self.subtype,
                "location": self.location.to_dict() if self.location else None,
                "date": self.date.to_dict(),
                "actor": self.actor.to_dict() if self.actor else None,
                "target": self.target.to_dict() if self.target else None,
                "n_events": self.n_events, "n_articles": self.n_articles, "n_sources": self.n_sources,
                "figures": [f.to_dict() for f in self.figures]}
