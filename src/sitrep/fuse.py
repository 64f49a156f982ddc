"""Fuse stage: events that report the same happening become one incident, and the
incidents of one night's attack or one operation one wave.

Each stored event is seen by fusion as a `Sighting` (type, day span, place, actors,
numbers, source). `affinity` scores two sightings and says why in words, which
`sitrep incidents --explain` prints; `cluster` groups sightings into incidents.

Rules for a pair, in the order they apply:
- hard conflicts never join: another type, days that do not overlap (one day of slack:
  "overnight" is one outlet's Sunday and another's Monday), tallies over different
  periods, another country or admin1, two spots far apart or two towns of other names
  (Engels is not Saratov; Kiev is Kyiv, one point), a country-wide report and a city's,
  other actors or targets;
- the rest is evidence, summed: the same place name (or a region named after its city),
  admin1, country, day, actor, target, subtype, and a number that another source also
  gave; a different weapon (outlets call one strike a missile, an air or an artillery
  strike) counts against. Reports a day apart link only through a shared figure of 10
  or more (small tolls coincide by chance). An undated report is neutral on the day,
  so it joins only a report of the same spot or figure.

Grouping is order-free: linked pairs (score >= LINK_SCORE) make connected components,
and inside each, groups merge by average affinity (>= MERGE_SCORE) unless any pair
across them cannot be one incident. An incident is named after its lowest event id.
The store re-clusters whole components, so an article that bridges two incidents
merges them, and the incidents never depend on arrival order.

Waves (`waves`): incidents of one family, country and day that an article tells
together ("a massive attack across Ukraine … two killed in Mykolaiv"), directly or
through other incidents; an undated one takes the day of the wave its article tells.

Wire copies, the same text in several outlets, are recognised by shared sentences and
count as one source (`wire_fingerprints`, `same_source`).
"""
from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from datetime import date, timedelta
from typing import Iterable, Optional, Sequence

from .models import HAPPENING_PREFIX, REGION_OF_THE_ARTICLE, DateSpan, Figure, Incident, Party, Place, plain_number

LINK_SCORE = 2.5   # a pair at least this strong links two sightings
MERGE_SCORE = 2.0  # the average affinity two groups need to merge
MERGE_HUNDREDTHS = round(MERGE_SCORE * 100)  # the same, as the merging sums scores (in hundredths)
DAY_SLACK = 1
TELLING_FIGURE = 10  # a figure two sources a day apart share links them only from this size on
PARTY_CONFLICT = 2.0  # two states on one side: only a named spot or a shared figure still links
NEAR_KM = 30.0     # two differently named spots farther apart are two incidents
TOWN_KM = 3.0      # two differently named towns farther apart are two incidents (Kyiv and Kiev are one point)
WIRE_CONTAINMENT = 0.6  # share of the shorter text's sentences found in the other
PRECISION_RANK = {"point": 4, "city": 3, "admin1": 2, "region": 1, "country": 0}
SUMMARY_PRECISIONS = {"country", "region"}
TALLY_TYPES = {"losses"}
# A wave holds the strikes of a night and what they knocked out.
WAVE_FAMILY = {"strike": "strike", "disruption": "strike"}
# Subtypes that one outlet or another may give the same strike: a "combined" wave is
# also a drone and a missile attack; an air strike may be flown by drones.
FLOWN_FROM_AFAR = {"drone", "missile", "air", "combined", None}
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
    happening: Optional[str] = None  # the known happening it names ("happening.operation_sindoor"), if any

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


_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def _norm(text: Optional[str]) -> str:
    # cached: fusion compares the same few thousand names millions of times
    return _NOT_ALPHANUMERIC.sub(" ", (text or "").lower()).strip()


def _party_key(party: Optional[Party]) -> Optional[str]:
    if party is None:
        return None
    return party.country or _norm(party.name) or None


@dataclass
class Match:
    """How strongly two sightings look like one happening, and why in words."""

    score: float
    reasons: list[str]

    @property
    def is_link(self) -> bool:
        return self.score >= LINK_SCORE


def scope(place: Optional[Place]) -> str:
    """"summary" for a country or several regions (a night's wave told whole), else "leaf"."""
    return "summary" if place is None or place.precision in SUMMARY_PRECISIONS else "leaf"


def affinity(a: Sighting, b: Sighting) -> Optional[Match]:
    """How well two sightings fit one incident; None when they cannot be one.
    Symmetric, and a function of the two sightings alone, so that the incidents that
    come out do not depend on the order articles arrive in."""
    if a.type != b.type:
        return None
    if a.happening and a.happening == b.happening:
        # "India launched Operation Sindoor", told by four outlets, dated or not: one happening
        return Match(LINK_SCORE + 1.0, [f"both name {a.happening.removeprefix(HAPPENING_PREFIX)}"])
    reasons: list[str] = []
    day_score = _day_evidence(a, b, reasons)
    if day_score is None:
        return None
    place_score = _place_evidence(a.place, b.place, reasons)
    if place_score is None:
        return None
    party_score = _party_evidence(a, b, reasons)
    subtype_score = _subtype_evidence(a.subtype, b.subtype, reasons)
    if subtype_score < 0 and day_score < 0:
        return None  # the next day with another weapon is another attack
    shared = _shared_figures(a, b)
    figure_score = _figure_evidence(shared, reasons)
    score = day_score + place_score + party_score + subtype_score + figure_score
    if day_score < 0 and not any(q.value >= TELLING_FIGURE for q in shared):
        # Reports a day apart link only through a shared figure, and one too large to be
        # chance: otherwise a city struck every night would chain a year of strikes into
        # one component ("one killed" on Monday and "one killed" on Tuesday).
        score = min(score, LINK_SCORE - 0.5)
    if a.first_day is None or b.first_day is None:
        # An undated report is no conflict, but no support either: it joins only what
        # names its spot or quotes its figure, or, in its own article, the same place
        # (one article's competing accounts of its happening, none of them dated)
        if _same_article_and_place(a, b):
            reasons.append("one article's accounts of one place")
        elif not ((spot(a) and spot(a) == spot(b)) or figure_score):
            score = min(score, LINK_SCORE - 0.5)
    return Match(round(score, 2), reasons)


def _same_article_and_place(a: Sighting, b: Sighting) -> bool:
    return (a.article_id == b.article_id and a.place is not None and b.place is not None
            and _norm(a.place.name) == _norm(b.place.name))


def _day_evidence(a: Sighting, b: Sighting, reasons: list[str]) -> Optional[float]:
    if a.first_day is None or b.first_day is None:
        reasons.append("one report gives no day")
        return 0.0
    if a.first_day > shift(b.last_day, DAY_SLACK) or b.first_day > shift(a.last_day, DAY_SLACK):
        return None
    single = a.first_day == a.last_day and b.first_day == b.last_day
    if a.type in TALLY_TYPES and (a.first_day, a.last_day) != (b.first_day, b.last_day) and not single:
        return None  # tallies over different periods are different figures
    if single and a.first_day == b.first_day:
        reasons.append(f"same day {a.first_day.isoformat()}")
        return 1.0
    if single:
        reasons.append(f"days {a.first_day.isoformat()} and {b.first_day.isoformat()} adjoin")
        return -0.5
    reasons.append(f"overlapping days {a.first_day.isoformat()}..{a.last_day.isoformat()}")
    return 0.3


def _place_evidence(a: Optional[Place], b: Optional[Place], reasons: list[str]) -> Optional[float]:
    if a is None or b is None:
        return 0.0
    if a.country and b.country and a.country != b.country:
        return None
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return None
    if scope(a) != scope(b):
        return None  # a nationwide night is a wave; each city's hits are incidents in it
    # two places told of one whole country are one place, however each outlet names it
    same_name = _norm(a.name) == _norm(b.name) or (a.precision == b.precision == "country" and a.country is not None)
    if not same_name and scope(a) == "leaf" and _kilometres_apart(a, b) > NEAR_KM:
        return None
    if not same_name and a.precision == b.precision == "city" and _kilometres_apart(a, b) > TOWN_KM:
        return None  # Engels and Saratov, across the river from one another: two towns, two incidents
    score = 0.0
    if same_name:
        score += 2.0
        reasons.append(f"same place {a.name}")
    elif _stem(a.name) == _stem(b.name):
        score += 1.0  # "the Saratov region" and "Saratov": a region named after its city
        reasons.append(f"{a.name} and {b.name} share a name")
    if a.admin1 and a.admin1 == b.admin1:
        score += 1.0
        reasons.append(f"same admin1 {a.admin1}")
    if a.country and a.country == b.country:
        score += 0.5
        reasons.append(f"same country {a.country}")
    return score


DIVISION_WORDS = re.compile(r"\b(?:oblast|region|province|governorate|state|district|krai|city)\b")


@lru_cache(maxsize=65536)
def _stem(name: Optional[str]) -> str:
    """A place's name without the word for its kind: "Saratov Oblast" → "saratov"."""
    return " ".join(DIVISION_WORDS.sub(" ", _norm(name)).split())


def _kilometres_apart(a: Place, b: Place) -> float:
    """Great-circle distance; 0 when either has no coordinates (no evidence either way)."""
    if None in (a.lat, a.lon, b.lat, b.lon):
        return 0.0
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _party_evidence(a: Sighting, b: Sighting, reasons: list[str]) -> float:
    """Shared sides support a join; two different states on one side weigh heavily
    against it without forbidding it, since each outlet's sides are read from its own
    sentences and one misread actor must not keep two groups of reports apart for good.
    A claimant's account ("Russia said it downed drones over Saratov") is easily read
    with the sides turned round, so a whole swap counts for nothing either way."""
    if _swapped(a, b):
        reasons.append("sides named the other way round")
        return 0.0
    score = 0.0
    for role in ("actor", "target"):
        mine, theirs = getattr(a, role), getattr(b, role)
        if mine is None or theirs is None:
            continue
        # a named group and a state may be one side seen two ways
        if mine.country and theirs.country and mine.country != theirs.country:
            score -= PARTY_CONFLICT
            reasons.append(f"different {role}s {mine.name} and {theirs.name}")
        elif _party_key(mine) == _party_key(theirs):
            score += 0.5
            reasons.append(f"same {role} {mine.name}")
    return score


def _swapped(a: Sighting, b: Sighting) -> bool:
    def country(party: Optional[Party]) -> Optional[str]:
        return party.country if party else None
    return (None not in (country(a.actor), country(a.target)) and country(a.actor) != country(a.target)
            and (country(a.actor), country(a.target)) == (country(b.target), country(b.actor)))


def _subtype_evidence(a: Optional[str], b: Optional[str], reasons: list[str]) -> float:
    """Outlets name one strike's weapon differently ("missile", "air strike", "shelling"),
    so a different weapon weighs against joining but does not forbid it."""
    if not a or not b:
        return 0.0
    if a == b:
        reasons.append(f"same subtype {a}")
        return 0.5
    if frozenset((a, b)) in COMPATIBLE_SUBTYPES:
        return 0.0
    reasons.append(f"different subtypes {a} and {b}")
    return -1.0


def _shared_figures(a: Sighting, b: Sighting) -> list[Quote]:
    """`a`'s numbers that another source, `b`, also gave; one source repeating itself shares none."""
    if a.source_group == b.source_group:
        return []
    theirs = {(q.kind, q.value) for q in b.quotes}
    return [q for q in a.quotes if (q.kind, q.value) in theirs]


def _figure_evidence(shared: list[Quote], reasons: list[str]) -> float:
    """A number two sources both give is strong evidence."""
    if not shared:
        return 0.0
    reasons.append(f"same figure {shared[0].kind} {plain_number(shared[0].value)} from another source")
    return 1.0


# --- clustering -------------------------------------------------------------------

@dataclass
class Cluster:
    """One incident: its sightings (by event id), and for each the link that holds it in."""

    id: str
    sightings: list[Sighting]
    links: dict[str, tuple[Optional[float], list[str]]]  # event id → (score, reasons)
    component: str  # the lowest event id of the linked component it was cut from

    @property
    def scope(self) -> str:
        return "leaf" if any(scope(s.place) == "leaf" for s in self.sightings) else "summary"


def candidate_pairs(sightings: Sequence[Sighting], new: Optional[int] = None) -> set[tuple[int, int]]:
    """The pairs worth scoring: same type and near days, or, where a report is undated,
    the same spot or a shared figure. Every pair that `affinity` could link is among them.
    Given `new`, only the pairs with one of the first `new` sightings."""
    new = len(sightings) if new is None else new
    every = _buckets(sightings)
    # the new sightings' own buckets, for the stored ones to probe: read off `every`, not keyed again
    fresh = every if new >= len(sightings) else {key: [i for i in found if i < new] for key, found in every.items()}
    pairs: set[tuple[int, int]] = set()
    for i, s in enumerate(sightings):
        for key in probe_keys(s):
            for j in (every if i < new else fresh).get(key, ()):
                if i != j:
                    pairs.add((min(i, j), max(i, j)))
    return pairs


def _buckets(sightings: Sequence[Sighting]) -> dict[tuple, list[int]]:
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for i, s in enumerate(sightings):
        for key in blocking_keys(s):
            buckets[key].append(i)
    return buckets


def spot(s: Sighting) -> Optional[str]:
    """The named spot of a city-or-finer report, as compared across outlets."""
    return _norm(s.place.name) if s.place and scope(s.place) == "leaf" else None


ANY = "*"


def _region(s: Sighting) -> tuple[Optional[str], Optional[str]]:
    return (s.place.country, s.place.admin1) if s.place else (None, None)


def _filed_under(s: Sighting) -> set[tuple]:
    """Places in different countries or admin1s never join, so a dated report is filed
    under its region, and under wildcards where a report that names less looks."""
    country, admin1 = _region(s)
    return {(country, admin1), (country, ANY), (ANY, ANY)}


def _looks_under(s: Sighting) -> set[tuple]:
    country, admin1 = _region(s)
    if country is None:
        return {(ANY, ANY)}
    if admin1 is None:
        return {(country, ANY), (None, None)}
    return {(country, admin1), (country, None), (None, None)}


def place_as_told(place: Optional[Place], rules: Iterable[str]) -> Optional[Place]:
    """The place an event's own sentence gives: one the extractor put in the region its
    article is about was told of the whole country, and joins what is told of the country."""
    if place is None or REGION_OF_THE_ARTICLE not in rules:
        return place
    return Place(name=place.country or place.name, country=place.country, precision="country")


def happening_of(rules: Iterable[str]) -> Optional[str]:
    """The known happening an event's rules say it names (see `_as_known` in extract)."""
    return next((rule for rule in rules if rule.startswith(HAPPENING_PREFIX)), None)


def blocking_keys(s: Sighting) -> set[tuple]:
    keys = {("day", s.type, region, day) for day in s.days() for region in _filed_under(s)}
    if s.happening:
        keys.add(("happening", s.type, s.happening))
    named = spot(s)
    if named:
        keys.add(("spot", s.type, named))
    keys.add(("article", s.type, s.article_id))  # where its undated siblings look
    return keys | {("figure", s.type, q.kind, q.value) for q in s.quotes}


def probe_keys(s: Sighting) -> set[tuple]:
    """The blocking keys of the sightings `s` may link to (an undated pair is found from
    its undated side)."""
    named = {("happening", s.type, s.happening)} if s.happening else set()
    if s.first_day is not None:
        return named | {("day", s.type, region, shift(day, offset)) for day in s.days() for region in _looks_under(s)
                        for offset in range(-DAY_SLACK, DAY_SLACK + 1)}
    keys = named | {("figure", s.type, q.kind, q.value) for q in s.quotes} | {("article", s.type, s.article_id)}
    named = spot(s)
    return keys | ({("spot", s.type, named)} if named else set())


def cluster(sightings: Iterable[Sighting]) -> list[Cluster]:
    """Sightings grouped into incidents: linked pairs make connected components, and
    inside each, groups merge by average affinity, never across a pair that cannot be
    one incident. The result depends on the set of sightings, not on their order."""
    ordered, scores, components = _linked(sightings)
    clusters = []
    for members in components:
        for group in _merge_by_average(members, ordered, scores):
            clusters.append(_make_cluster(ordered, group, scores, component=ordered[members[0]].event_id))
    return sorted(clusters, key=lambda c: c.id)


def linked_stored(new: Sequence[Sighting], stored: Sequence[Sighting]) -> set[str]:
    """The stored sightings that a new one links to directly, by event id. Stored
    components are closed under links among themselves, so these name every component
    that the new sightings touch; pairs of two stored sightings are not scored again."""
    ordered = list(new) + list(stored)
    linked = set()
    for i, j in candidate_pairs(ordered, new=len(new)):
        if j >= len(new):
            match = affinity(ordered[i], ordered[j])
            if match and match.is_link:
                linked.add(ordered[j].event_id)
    return linked


def _linked(sightings: Iterable[Sighting]):
    """The sightings in canonical order, the scores of their candidate pairs, and the
    connected components (by index) of the pairs that link."""
    ordered = sorted(sightings, key=lambda s: s.event_id)
    scores = {pair: affinity(ordered[pair[0]], ordered[pair[1]]) for pair in sorted(candidate_pairs(ordered))}
    return ordered, scores, _components(len(ordered), [pair for pair, m in scores.items() if m and m.is_link])


def _components(n: int, links: list[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in links:
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[root(i)].append(i)
    return sorted(groups.values())


def _merge_by_average(members: list[int], ordered: list[Sighting],
                      scores: dict[tuple[int, int], Optional[Match]]) -> list[list[int]]:
    """Average-linkage merging with cannot-links, highest average first, ties broken by
    the lowest member indices: deterministic for a given set. Each pair of groups keeps
    the sum of its members' pair scores (in hundredths, so sums are exact), and a merge
    adds the two sums it replaces (the Lance-Williams update of average linkage): a
    merge costs a pass over the other groups, not over every pair of their members."""
    if len(members) == 1:
        return [members]
    groups = {i: [i] for i in members}  # by the group's lowest member
    version = dict.fromkeys(members, 0)
    totals: dict[tuple[int, int], Optional[int]] = {}
    heap: list[tuple[float, int, int, int, int]] = []

    def offer(a: int, b: int) -> None:
        total = totals[(a, b)]
        size = len(groups[a]) * len(groups[b])
        if total is not None and total >= MERGE_HUNDREDTHS * size:
            # an exact ratio of integers: equal averages give equal floats, so ties fall to the ids
            heapq.heappush(heap, (-total / size, a, b, version[a], version[b]))

    for n, i in enumerate(members):
        for j in members[n + 1:]:
            key = (min(i, j), max(i, j))
            if key not in scores:
                scores[key] = affinity(ordered[key[0]], ordered[key[1]])
            match = scores[key]
            totals[key] = None if match is None else round(match.score * 100)
            offer(*key)
    while heap:
        _, a, b, version_a, version_b = heapq.heappop(heap)
        if a not in groups or b not in groups or (version[a], version[b]) != (version_a, version_b):
            continue  # a group since merged
        groups[a] = sorted(groups[a] + groups.pop(b))
        version[a] += 1
        for other in groups:
            if other == a:
                continue
            mine, theirs = totals[(min(a, other), max(a, other))], totals[(min(b, other), max(b, other))]
            totals[(min(a, other), max(a, other))] = None if None in (mine, theirs) else mine + theirs
            offer(min(a, other), max(a, other))
    return [groups[key] for key in sorted(groups)]


def _make_cluster(ordered: list[Sighting], group: list[int], scores: dict[tuple[int, int], Optional[Match]],
                  component: str) -> Cluster:
    links: dict[str, tuple[Optional[float], list[str]]] = {}
    for i in group:
        partners = [(scores.get((min(i, j), max(i, j))), j) for j in group if j != i]
        partners = [(m, j) for m, j in partners if m is not None]
        if not partners:
            links[ordered[i].event_id] = (None, ["no other report matched"])
            continue
        best, j = max(partners, key=lambda mj: (mj[0].score, -mj[1]))
        links[ordered[i].event_id] = (best.score, [f"with {ordered[j].event_id}"] + best.reasons)
    sightings = [ordered[i] for i in group]
    return Cluster(new_incident_id(sightings[0].event_id), sightings, links, component)


def new_incident_id(event_id: str) -> str:
    """Stable: named after its lowest event id, whatever order the reports came in."""
    return "inc-" + hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:12]


# --- waves --------------------------------------------------------------------------

@dataclass
class WaveMember:
    """What wave grouping knows of one incident."""

    incident_id: str
    type: str
    country: Optional[str]
    day: Optional[date]
    actor_country: Optional[str]
    subtype: Optional[str]
    articles: frozenset[str]


def wave_key(member: WaveMember) -> Optional[tuple]:
    """Incidents of one wave share this key; None for one that belongs to no wave but its own."""
    if member.day is None or member.country is None:
        return None
    return (WAVE_FAMILY.get(member.type, member.type), member.country, member.day)


def waves(members: Iterable[WaveMember]) -> dict[str, str]:
    """Incident id → wave id. Incidents of a family (a strike and the outage it caused),
    in one country on one day, form a wave when an article reports them together ("a
    massive attack across Ukraine … two killed in Mykolaiv"), directly or through other
    incidents; sides and weapons must not conflict. A strike on the same day that no
    report tells beside the night's attack stays a wave of its own: the evening's missile
    on Sumy is not part of the morning's barrage merely because both hit Ukraine that day."""
    members = _with_days_of_their_articles(sorted(members, key=lambda m: m.incident_id))
    by_key: dict[Optional[tuple], list[int]] = defaultdict(list)
    for i, m in enumerate(members):
        by_key[wave_key(m)].append(i)
    links = [(i, j) for key, group in by_key.items() if key is not None
             for i, j in sorted(_wave_pairs(group, members)) if _same_wave(members[i], members[j])]
    result = {}
    for component in _components(len(members), links):
        wave_id = own_wave_id(members[component[0]].incident_id)
        for i in component:
            result[members[i].incident_id] = wave_id
    return result


def _with_days_of_their_articles(members: list[WaveMember]) -> list[WaveMember]:
    """An undated incident told in an article beside a dated one of its family and country
    has that one's day ("two killed in Mykolaiv", told in an undated report of the night's
    wave that other outlets date); an article beside incidents of several days lends none."""
    days: dict[tuple, set[date]] = defaultdict(set)
    for m in members:
        if m.day is not None:
            for article in m.articles:
                days[(article, WAVE_FAMILY.get(m.type, m.type), m.country)].add(m.day)

    def lent(m: WaveMember) -> Optional[date]:
        found = set().union(*(days.get((a, WAVE_FAMILY.get(m.type, m.type), m.country), set()) for a in m.articles))
        return found.pop() if len(found) == 1 else None

    return [replace(m, day=lent(m)) if m.day is None and m.country else m for m in members]


def own_wave_id(incident_id: str) -> str:
    """The wave an incident makes alone, and the id of a wave its lowest incident leads."""
    return "wave-" + incident_id.removeprefix("inc-")


def _wave_pairs(group: list[int], members: list[WaveMember]) -> set[tuple[int, int]]:
    """The pairs of one key's incidents that one article tells together (a busy day holds
    hundreds of incidents, and comparing all their pairs would cost their square)."""
    sharing: dict[str, list[int]] = defaultdict(list)
    for i in group:
        for article in members[i].articles:
            sharing[article].append(i)
    return {(i, j) for together in sharing.values() for x, i in enumerate(together) for j in together[x + 1:]}


def _same_wave(a: WaveMember, b: WaveMember) -> bool:
    if a.actor_country and b.actor_country and a.actor_country != b.actor_country:
        return False
    if {a.subtype, b.subtype} <= FLOWN_FROM_AFAR:
        return True  # a night's wave flies missiles and drones together; each city names what hit it
    return not (a.type == b.type and _subtype_evidence(a.subtype, b.subtype, []) < 0)


def span(sightings: Sequence[Sighting]) -> tuple[Optional[date], Optional[date]]:
    """The incident's days: those of its precise reports, else of any dated one."""
    dated = [s for s in sightings if s.precise] or [s for s in sightings if s.first_day]
    if not dated:
        return None, None
    return min(s.first_day for s in dated), max(s.last_day for s in dated)


def summarise(incident_id: str, sightings: Sequence[Sighting]) -> Incident:
    """The incident's own fields, each taken from its sightings, never averaged."""
    first, last = span(sightings)
    places = [s.place for s in sightings if s.place]
    location = None
    if places:  # the place most sightings name; among equals, the most precise
        counts = Counter(_norm_place(p) for p in places)
        location = max(places, key=lambda p: (counts[_norm_place(p)], PRECISION_RANK.get(p.precision, 0)))
    return Incident(
        id=incident_id,
        type=sightings[0].type,
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
