"""Fuse stage: events that report the same happening become one incident.

Each stored event is seen by fusion as a `Sighting` (type, day span, place, actors,
numbers, source). An incident is the `Profile` of its sightings. A new sighting joins
the best-scoring compatible incident, or founds a new one; `match` says why in words,
which `sitrep incidents --explain` prints.

Rules, in the order they apply:
- hard conflicts never join: another type, days that do not overlap (one day of slack:
  "overnight" is one outlet's Sunday and another's Monday), another country or admin1,
  other actors or targets, subtypes of different families (a drone strike may be the
  same wave as a "combined" strike, never an artillery shelling);
- the rest is evidence, summed: the same place name, admin1, country, day, actor,
  target, subtype, and a number that another source also gave. Places of different
  precision (a national tally and a city's hits) weigh against joining.

Wire copies, the same text in several outlets, are recognised by shared sentences and
count as one source (`wire_fingerprints`, `same_source`).
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable, Optional

from .models import DateSpan, Figure, Incident, Party, Place, plain_number

JOIN_THRESHOLD = 2.5
DAY_SLACK = 1
WIRE_CONTAINMENT = 0.6  # share of the shorter text's sentences found in the other
PRECISION_RANK = {"point": 4, "city": 3, "admin1": 2, "region": 1, "country": 0}
# Subtypes that one outlet or another may give the same strike: a "combined" wave is
# also a drone and a missile attack; an air strike may be flown by drones.
COMPATIBLE_SUBTYPES = {frozenset(pair) for pair in (("combined", "drone"), ("combined", "missile"),
                                                    ("combined", "air"), ("air", "drone"), ("other", "drone"),
                                                    ("other", "missile"), ("other", "air"), ("other", "artillery"))}


@dataclass
class Quote:
    """One number as one source gave it."""

    kind: str
    value: float
    qualifier: str
    item: Optional[str]
    claimant: Optional[str]
    outlet: Optional[str]
    event_id: str
    source_group: str
    published: Optional[str]


@dataclass
class Sighting:
    """What fusion knows of one stored event."""

    event_id: str
    type: str
    source_group: str
    first_day: Optional[date] = None
    last_day: Optional[date] = None
    subtype: Optional[str] = None
    place: Optional[Place] = None
    actor: Optional[Party] = None
    target: Optional[Party] = None
    quotes: list[Quote] = field(default_factory=list)
    article_id: str = ""

    @property
    def precise(self) -> bool:
        """A day or a few days, not a week or a month."""
        return self.first_day is not None and (self.last_day - self.first_day).days <= 3

    def days(self) -> list[date]:
        if self.first_day is None:
            return []
        span = min((self.last_day - self.first_day).days, 31)
        return [self.first_day + timedelta(days=n) for n in range(span + 1)]


def shift(day: date, days: int) -> date:
    """`day` moved by `days`, held inside the calendar (a report dated 0001-01-01 or
    9999-12-31 must not overflow the day window)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.min if days < 0 else date.max


def event_days(span: DateSpan, published: Optional[str]) -> tuple[Optional[date], Optional[date]]:
    """The days an event covers: its own date, else the day its article was published."""
    first, last = parse_day(span.start), parse_day(span.end or span.start)
    if first is None:
        first = last = parse_day(published)
    return first, (last or first)


def parse_day(value: Optional[str]) -> Optional[date]:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _norm(text: Optional[str]) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


def _party_key(party: Optional[Party]) -> Optional[str]:
    if party is None:
        return None
    return party.country or _norm(party.name) or None


@dataclass
class Match:
    score: float
    reasons: list[str]


class Profile:
    """An incident as the sum of its sightings."""

    def __init__(self, incident_id: str, sightings: Iterable[Sighting] = ()):
        self.id = incident_id
        self.sightings: list[Sighting] = []
        for sighting in sightings:
            self.add(sighting)

    def add(self, sighting: Sighting) -> None:
        self.sightings.append(sighting)

    @property
    def type(self) -> str:
        return self.sightings[0].type

    def span(self) -> tuple[Optional[date], Optional[date]]:
        dated = [s for s in self.sightings if s.precise] or [s for s in self.sightings if s.first_day]
        if not dated:
            return None, None
        return min(s.first_day for s in dated), max(s.last_day for s in dated)

    def values(self, attribute) -> set:
        return {v for v in (attribute(s) for s in self.sightings) if v}


def match(sighting: Sighting, profile: Profile) -> Optional[Match]:
    """How well `sighting` fits `profile`, or None when something rules it out."""
    if sighting.type != profile.type:
        return None
    reasons: list[str] = []
    score = 0.0

    first, last = profile.span()
    if sighting.first_day is None or first is None:
        return None
    if sighting.first_day > shift(last, DAY_SLACK) or sighting.last_day < shift(first, -DAY_SLACK):
        return None
    if sighting.precise and first == last == sighting.first_day == sighting.last_day:
        score += 1.0
        reasons.append(f"same day {first.isoformat()}")
    elif sighting.first_day == sighting.last_day and first == last:
        score -= 0.5
        reasons.append(f"days {sighting.first_day.isoformat()} and {first.isoformat()} adjoin")
    else:
        score += 0.3
        reasons.append(f"overlapping days {sighting.first_day.isoformat()}..{sighting.last_day.isoformat()}")

    place_score = _place_evidence(sighting.place, profile, reasons)
    if place_score is None:
        return None
    score += place_score

    for role in ("actor", "target"):
        party = getattr(sighting, role)
        if party is None:
            continue
        others = [getattr(s, role) for s in profile.sightings if getattr(s, role)]
        # Two states must agree; a named group and a state may be one side seen two ways.
        countries = {p.country for p in others if p.country}
        if party.country and countries and party.country not in countries:
            return None
        if any(_party_key(p) == _party_key(party) for p in others):
            score += 0.5
            reasons.append(f"same {role} {party.name}")

    subtypes = profile.values(lambda s: s.subtype)
    if sighting.subtype and subtypes:
        if sighting.subtype in subtypes:
            score += 0.5
            reasons.append(f"same subtype {sighting.subtype}")
        elif not all(frozenset((sighting.subtype, other)) in COMPATIBLE_SUBTYPES for other in subtypes):
            return None

    their_numbers = {(q.kind, q.value) for s in profile.sightings for q in s.quotes
                     if s.source_group != sighting.source_group}
    shared = [q for q in sighting.quotes if (q.kind, q.value) in their_numbers]
    if shared:
        score += 1.0
        reasons.append(f"same figure {shared[0].kind} {plain_number(shared[0].value)} as another source")
    return Match(round(score, 2), reasons)


def _place_evidence(place: Optional[Place], profile: Profile, reasons: list[str]) -> Optional[float]:
    places = [s.place for s in profile.sightings if s.place]
    if place is None or not places:
        return 0.0
    countries = {p.country for p in places if p.country}
    if place.country and countries and place.country not in countries:
        return None
    admin1s = {p.admin1 for p in places if p.admin1}
    if place.admin1 and admin1s and place.admin1 not in admin1s:
        return None
    score = 0.0
    if _norm(place.name) in {_norm(p.name) for p in places}:
        score += 2.0
        reasons.append(f"same place {place.name}")
    if place.admin1 and place.admin1 in admin1s:
        score += 1.0
        reasons.append(f"same admin1 {place.admin1}")
    if place.country and place.country in countries:
        score += 0.5
        reasons.append(f"same country {place.country}")
    mine = PRECISION_RANK.get(place.precision, 0)
    theirs = max(PRECISION_RANK.get(p.precision, 0) for p in places)
    if (mine >= PRECISION_RANK["city"]) != (theirs >= PRECISION_RANK["city"]):
        score -= 1.0
        reasons.append("places of different precision")
    return score


class IncidentIndex:
    """Incident profiles by type and day, for matching new sightings fast."""

    def __init__(self) -> None:
        self.profiles: dict[str, Profile] = {}
        self._by_day: dict[tuple[str, date], set[str]] = {}

    def add(self, incident_id: str, sighting: Sighting) -> Profile:
        profile = self.profiles.get(incident_id)
        if profile is None:
            profile = self.profiles[incident_id] = Profile(incident_id)
        profile.add(sighting)
        for day in sighting.days():
            self._by_day.setdefault((sighting.type, day), set()).add(incident_id)
        return profile

    def best(self, sighting: Sighting) -> Optional[tuple[str, Match]]:
        """The incident `sighting` should join, with the reasons; None to found a new one."""
        candidates: set[str] = set()
        for day in sighting.days():
            for offset in range(-DAY_SLACK, DAY_SLACK + 1):
                candidates |= self._by_day.get((sighting.type, shift(day, offset)), set())
        best: Optional[tuple[str, Match]] = None
        for incident_id in sorted(candidates):
            found = match(sighting, self.profiles[incident_id])
            if found and found.score >= JOIN_THRESHOLD and (best is None or found.score > best[1].score):
                best = (incident_id, found)
        return best


def new_incident_id(event_id: str) -> str:
    """Stable: the same first event always founds the same incident id."""
    return "inc-" + hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:12]


def summarise(profile: Profile) -> Incident:
    """The incident's own fields, each taken from its sightings, never averaged."""
    sightings = profile.sightings
    first, last = profile.span()
    places = [s.place for s in sightings if s.place]
    location = None
    if places:  # the place most sightings name; among equals, the most precise
        counts = Counter(_norm_place(p) for p in places)
        location = max(places, key=lambda p: (counts[_norm_place(p)], PRECISION_RANK.get(p.precision, 0)))
    return Incident(
        id=profile.id,
        type=profile.type,
        subtype=_most_common([s.subtype for s in sightings if s.subtype]),
        location=location,
        date=DateSpan(start=first.isoformat() if first else None, end=last.isoformat() if last else None,
                      precision="day" if first and first == last else ("range" if first else "unknown")),
        actor=_most_common([s.actor for s in sightings if s.actor], _party_key),
        target=_most_common([s.target for s in sightings if s.target], _party_key),
        n_events=len(sightings),
        n_articles=len({s.article_id for s in sightings}),
        n_sources=len({s.source_group for s in sightings}),
        figures=figures(q for s in sightings for q in s.quotes),
    )


def _norm_place(place: Place) -> str:
    return _norm(place.name)


def _most_common(items: list, key=lambda x: x):
    if not items:
        return None
    counts = Counter(key(item) for item in items)
    top = max(counts.values())
    return next(item for item in items if counts[key(item)] == top)


def figures(quotes: Iterable[Quote]) -> list[Figure]:
    """One figure per kind and item ("intercepted drones"): the value most sources gave
    (ties: the first published), naming the claim it comes from, with every other value
    listed beside it."""
    quotes = list(quotes)
    items_of_kind: dict[str, set[str]] = {}
    for quote in quotes:
        if quote.item:
            items_of_kind.setdefault(quote.kind, set()).add(quote.item)
    groups: dict[tuple[str, str], list[Quote]] = {}
    for quote in quotes:
        known = items_of_kind.get(quote.kind, set())
        # "shot down 37" counts the same drones as "destroyed 37 drones" when drones are all it counts
        item = quote.item or (next(iter(known)) if len(known) == 1 else "")
        groups.setdefault((quote.kind, item), []).append(quote)
    result = []
    for (_, group_item), group in groups.items():
        sources_by_value: dict[float, set[str]] = {}
        for q in group:
            sources_by_value.setdefault(q.value, set()).add(q.source_group)
        ordered = sorted(group, key=lambda q: (-len(sources_by_value[q.value]), q.published or "9999", q.event_id))
        chosen = ordered[0]
        others = {}
        for q in ordered[1:]:
            if q.value != chosen.value and q.value not in others:
                others[q.value] = {"value": q.value, "claimant": q.claimant, "outlet": q.outlet, "event_id": q.event_id}
        result.append(Figure(kind=chosen.kind, value=chosen.value, qualifier=chosen.qualifier,
                             item=chosen.item or group_item or None,
                             claimant=chosen.claimant, outlet=chosen.outlet, event_id=chosen.event_id,
                             sources=len(sources_by_value[chosen.value]), alternatives=list(others.values())))
    return sorted(result, key=lambda f: (f.kind, f.item or ""))


# --- wire copies -----------------------------------------------------------------

SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
MIN_FINGERPRINT_WORDS = 6


def normalised_text_hash(text: str) -> str:
    """Same for texts that differ only in case, spacing and punctuation."""
    return hashlib.sha256(_norm(text).encode("utf-8")).hexdigest()


def wire_fingerprints(text: str) -> list[int]:
    """One signed 64-bit hash per substantial sentence, for finding wire copies."""
    prints = set()
    for sentence in SENTENCE_END.split(text):
        words = _norm(sentence)
        if words.count(" ") + 1 >= MIN_FINGERPRINT_WORDS:
            digest = hashlib.blake2b(words.encode("utf-8"), digest_size=8).digest()
            prints.add(int.from_bytes(digest, "big", signed=True))
    return sorted(prints)


def same_source(shared: int, mine: int, theirs: int) -> bool:
    """Two texts are copies of one another when most of the shorter one is shared."""
    shorter = min(mine, theirs)
    return shorter > 0 and shared / shorter >= WIRE_CONTAINMENT
