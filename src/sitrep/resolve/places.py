"""Places: finds place mentions in text and resolves each to a `Place` (name, ISO
country, admin1, coordinates, precision).

Two passes. The seed list (data/places.csv, extendable) names the countries,
divisions, cities, airports, seas and wider regions conflict reporting names most,
with the aliases reporters use ("the Kharkiv region" is Kharkiv Oblast). Then every
other capitalised name after a place cue ("in", "near", "the village of") is looked
up in the offline gazetteer (resolve/gazetteer.py) and disambiguated by the
countries the article is about, then by population; "Odessa, Texas" follows its
qualifier. A village the gazetteer lacks keeps its name and takes the article's
country, with precision `country` and no admin1.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ..lexicon import Lexicon, PlaceEntry, canonical
from ..models import Place, Toponym
from .gazetteer import Gazetteer, GeoPlace

DIVISION_WORD = re.compile(r"\s+(?:region|oblast|province|governorate|krai|state)\b", re.IGNORECASE)
# "Russia's defence ministry", "Ukraine's air force": the place names a party, not where.
PARTY_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:(?:special|elite|regular|ground|naval|navy|marine|allied|armed)\s+)?"
    # not "the Poltava Military Institute": a school, hospital or academy stands where it is named
    r"(?:(?:defen[cs]e|foreign|health|interior|emergencies?)\s+ministry|ministry|"
    r"military(?!\s+(?:institutes?|academy|academies|schools?|colleges?|hospitals?|universit(?:y|ies)|lyceums?|"
    r"cemetery|enlistment|registration|recruitment))|army|"
    r"armed forces|forces|troops|air force|air defen[cs]es?|navy|general staff|government|president|"
    r"leader|officials?|authorities|regime|border guard|security service|intelligence|foreign minister|"
    r"prime minister|embassy|defen[cs]e minister|military intelligence|statement|drones?|missiles?|"
    r"battle ?groups?|group of forces|units?|soldiers|servicemen|brigades?|commanders?|command|"
    r"special forces|mercenar\w+|diplomats?|ambassador|envoys?|annexation|invasion|aggression|offensive|"
    r"campaign|(?:military |air |naval )?bases?|warships?|destroyers?|vessels?|aircraft carriers?)\b",
    re.IGNORECASE)


# Capitalised names after a word that introduces a place; month and weekday names
# and a few capitalised non-places are filtered after matching.
# lower-case letters of names, with those of Latin-1 and Latin Extended-A: "Ménaka", "Bogotá"
LOWER = "a-zß-öø-ÿā-ž"
NAME_JOINER = r"(?:de|del|de\s+la|du|des|da|do|dos|das|di|es|al|el)"
PLACE_CUE = re.compile(
    r"\b(?:in|near|at|outside|around|from|into|towards?|of|between|capital|village|town|city|settlement|hamlet|district|"
    r"villages|towns|captured|seized|took|overran|stormed|attacked|entered|retook|recaptured|liberated|shelled|"
    r"struck|bombed|besieged|targeted|raided|encircled|surrounded|bound\s+for|"
    r"(?:battle|battles|fight|fighting|struggle|offensive|push|assault)\s+for(?:\s+control\s+of)?|"
    # "troops were deployed to Goma", "sent soldiers to Uvira": where forces went (not where people fled to: an
    # evacuation is placed where they left)
    r"(?:deployed|redeployed|dispatched|troops|soldiers|forces|reinforcements|units)\s+to)\s+(?:the\s+)?"
    r"(?:(?:village|town|city|settlement|hamlet|port|district|area)s?\s+of\s+)?"
    # an Arabic article may open the name in lower case: "el-Obeid", "al-Tina"
    rf"(?P<name>(?:(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|et)-)?[A-Z][{LOWER}'’]+(?:-[A-Za-z][{LOWER}'’]+)*"
    # a Romance or Arabic name joins its words with small ones: "Norte de Santander", "Mocímboa da Praia"
    rf"(?:\s(?:{NAME_JOINER}\s)?[A-Z][{LOWER}'’]+(?:-[A-Za-z][{LOWER}'’]+)*){{0,2}})")
# a list that goes on after a place: ", Gardiz and Ghazni", " and Rubare"
_LISTED = rf"(?:(?:al|el|ad|ar|as)-)?[A-Z][{LOWER}'’]+(?:-[A-Za-z][{LOWER}'’]+)*(?:\s[A-Z][{LOWER}'’]+)?"
LIST_TAIL = re.compile(rf"(?:,\s*{_LISTED})*,?\s+and\s+{_LISTED}\b")
LISTED_NAME = re.compile(_LISTED)
NEAR_ANCHOR = re.compile(r",?\s+(?:near|outside|close to|not far from)\s+(?:the\s+)?(?:(?:town|city)\s+of\s+)?"
                         r"(?P<name>(?:(?:al|el|ad|ar|as)-)?[A-Z][\w'’]+(?:-[A-Za-z][\w'’]+)*(?:\s[A-Z][\w'’]+)?)")
# "Paktika province", "Plateau state": a division the seed list lacks, named as one
DISTRICT_NAMED = re.compile(rf"\b(?P<name>[A-Z][{LOWER}'’-]+)(?:\s+and\s+(?P<other>[A-Z][{LOWER}'’-]+))?\s+"
                            r"(?:districts?|(?:international\s+)?airports?)\b")
DIVISION_NAMED = re.compile(rf"\b(?P<name>[A-Z][{LOWER}'’-]+(?:\s[A-Z][{LOWER}'’-]+)?)\s+"
                            r"(?:region|province|governorate|state|oblast)\b")
# after a place, "Sagaing Region" and "Kayah State" too (not "Islamic State")
STATED_DIVISION_NAMED = re.compile(rf"(?!Islamic\b)(?P<name>[A-Z][{LOWER}'’-]+(?:\s[A-Z][{LOWER}'’-]+)?)\s+"
                                   r"(?i:region|province|governorate|state|oblast)\b")
# ", in the western Tillaberi region" is tried before the bare comma of "X, Kharkiv Oblast"
STATED_DIVISION_GAP = re.compile(
    r"(?:,?\s+(?:(?:village|town|settlement|city|hamlet),?\s+)?in\s+(?:the\s+)?(?:\w+(?:'s|’s)\s+)?"
    r"(?:(?:north|south|east|west|central)\w*\s+)?|,\s*)", re.IGNORECASE)
# "Nyaung Kone village in Pale township in Sagaing Region": a second-order division on the way
# to the first-order one
SUBDIVISION_ON_THE_WAY = re.compile(
    r"[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?\s+(?:township|district|county|municipality|tehsil|commune|department|"
    r"local government area|LGA)\s*(?:,\s*|\s+(?:in|of)\s+(?:the\s+)?(?:\w+(?:'s|’s)\s+)?)"
    r"(?:(?:north|south|east|west|central)\w*\s+)?")
TAKEN_CUE = re.compile(r"\b(?:captured|seized|overran|stormed|retook|recaptured|liberated|took control of)\s+"
                       r"(?:the\s+)?$", re.IGNORECASE)
NOT_GROUND_AFTER = re.compile(r"[\s-]+(?:troops|soldiers|forces|fighters|militants|servicem[ae]n|prisoners|positions|"
                              r"equipment|tanks|drones|weapons|vehicles|military|army|officers?)\b", re.IGNORECASE)
# not "the Kosovar village of Banjska" (an adjective), "a Sagaing Township village" (a division)
VILLAGE_NAMED = re.compile(rf"(?<![\w-])(?P<name>[A-Z][{LOWER}'’]+(?:[\s-][A-Z][{LOWER}'’]+){{0,2}})\s+(?:village|hamlet)\b"
                           r"(?!\s+of\b)")
DIVISION_WORDS = frozenset("township district region state province county municipality".split())
SETTLEMENT_AFTER = re.compile(r"\s+(?:village|hamlet)\b", re.IGNORECASE)  # "Kareto hamlet"
SETTLEMENT_CUE = re.compile(r"(?:(?:village|town|settlement|hamlet|city)s?|outskirts)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
NOT_PLACES = frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday the a an this that his her their its our telegram x facebook "
    "reuters defence defense ministry parliament congress president army navy police north south east west "
    "northern southern eastern western central middle kremlin pentagon white house state republic "
    "government city region province district village town border front control line".split())
# "Slavyansk in Russia's Krasnodar region", "the Slavyansk oil refinery in …"
IN_DIVISION = re.compile(r"(?:\s+(?:oil\s+|fuel\s+|power\s+|chemical\s+)?(?:refinery|depot|plant|terminal|port|"
                         r"airfield|air\s+base|factory|station))?"
                         r",?\s+in\s+(?:the\s+|[A-Z]\w+(?:'s|’s)\s+)?(?:(?:north|south|east|west|central)\w*\s+)?")
QUALIFIER = re.compile(r",\s+(?P<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")
# Where no country the text is about has the name: a big city, unless `strict`.
BIG_CITY = 50_000
# A city of this size that is the only place of its name is itself wherever the article is about.
UNIQUE_CITY = 100_000


@dataclass
class PlaceContext:
    """What the article is about: countries and divisions by how often they come up.
    They decide between namesakes."""

    countries: Counter = field(default_factory=Counter)
    divisions: Counter = field(default_factory=Counter)
    # the divisions named as such ("the Sagaing region"), not through a town: where an unlisted
    # village is likeliest to lie
    named_divisions: Counter = field(default_factory=Counter)
    strict: bool = True  # take no place outside these countries (else: a big city)


@dataclass
class PlaceMention:
    start: int  # offsets into the text searched
    end: int
    text: str
    entry: PlaceEntry
    point: Optional[GeoPlace] = None  # coordinates from the gazetteer
    source: str = "seed"  # seed (the curated list), gazetteer, unlisted (in no list), demonym

    def to_place(self) -> Place:
        e = self.entry
        lat, lon = (round(self.point.lat, 5), round(self.point.lon, 5)) if self.point else (None, None)
        # "the Russian capital" is named by its own name
        name = e.name if self.text.endswith(" capital") else re.sub(r"^the\s+", "", self.text)
        return Place(name=name, country=e.country, admin1=e.admin1, lat=lat, lon=lon, precision=e.precision)

    @property
    def rank(self) -> float:
        """Higher is more specific. A region of several countries (the Middle East, the
        Sahel) ranks last: any country or town named beside it says more; a village no
        gazetteer lists says more than its country, less than a division named beside it."""
        if self.entry.kind == "region" and not self.entry.country:
            return 0
        return {"city": 4, "airport": 4, "settlement": 4, "admin1": 3, "region": 2, "sea": 2, "country": 1,
                "unlisted": 1.5}.get(self.entry.kind, 0)

    @property
    def is_supranational(self) -> bool:
        return self.entry.kind == "region" and not self.entry.country


def _division_of(entry: PlaceEntry) -> PlaceEntry:
    return PlaceEntry(name=entry.admin1 or entry.name, country=entry.country, admin1=entry.admin1, kind="admin1")


def as_division(mention: PlaceMention) -> PlaceMention:
    """The division a city stands for: "Belgorod's governor" speaks for Belgorod Oblast."""
    if mention.entry.kind not in ("city", "airport") or not mention.entry.admin1:
        return mention
    entry = _division_of(mention.entry)
    return PlaceMention(mention.start, mention.end, mention.text, entry, locate(entry), mention.source)


def find_places(text: str, lexicon: Lexicon, context: Optional[PlaceContext] = None,
                gazetteer: bool = True) -> list[PlaceMention]:
    """Every place named in `text`, in order; `gazetteer=False` for the seed list only."""
    mentions = []
    longer_names = []  # "Puerto Jordan": no place to look up by its first word alone
    for m in lexicon.place_pattern.finditer(text):
        entry = lexicon.place_by_alias.get(canonical(m.group()))
        if entry is None:
            continue
        start, end = m.start(), m.end()
        if entry.kind == "country" and ends_a_longer_name(text, start, lexicon):
            longer_names.append((text.rindex(" ", 0, start - 1) + 1, end))
            continue
        division = DIVISION_WORD.match(text, end)
        if entry.kind == "city" and division and entry.admin1:
            entry, end = _division_of(entry), division.end()
        mention = PlaceMention(start, end, text[start:end], entry, locate(entry))
        mentions.append(_requalified(mention, text, lexicon) or _in_other_division(mention, text, lexicon)
                        or mention)
    mentions += _territory_of_a_state(text, lexicon, mentions)
    if gazetteer:
        context = context or PlaceContext()
        found = [m for m in _gazetteer_mentions(text, mentions, context, longer_names)
                 if not _names_another_party(m, lexicon)]
        anchors = {m.entry.country for m in mentions if m.entry.country}
        if context.strict and anchors:
            # "drones hit the Bryansk region as officials met in Paris": the listed
            # places anchor the sentence; a looked-up one must share their country, but
            # for a division of a country the article is about ("Rwanda deployed troops to
            # Cabo Delgado province", in an article about Mozambique)
            found = [m for m in found if m.entry.country in anchors
                     or (m.entry.kind == "admin1" and m.entry.country in context.countries)]
        mentions = sorted(mentions + found, key=lambda m: m.start)
    return [m for m in mentions if not NAMES_A_TEXT_OR_TALKS.match(text, m.end) and not CLOCK_AFTER.match(text, m.end)]


# "the Rome Statute", "the Minsk agreements", "the Astana talks": a treaty or a meeting named
# after a place, not the place
NAMES_A_TEXT_OR_TALKS = re.compile(r"\s+(?:statute|conventions?|protocols?|agreements?|accords?|declaration|treaty|"
                                   r"memorandum|format|summit|conference|charter|talks|peace process|process)\b",
                                   re.IGNORECASE)


# "at 05:00 Moscow time": a clock, not a place
CLOCK_AFTER = re.compile(r"\s+(?:standard\s+)?time\b", re.IGNORECASE)


# the capitalised word just before a country's name, in mid-sentence ("the town of Puerto Jordan")
WORD_BEFORE = re.compile(r"(?:^|\W)[a-z]+\s(?P<word>[A-Z][a-z]+)\s$")
QUALIFYING_WORDS = frozenset(
    "north south east west northern southern eastern western central northeast northwest southeast southwest "
    "northeastern northwestern southeastern southwestern upper lower greater occupied mainland neighbouring "
    "neighboring".split())


def ends_a_longer_name(text: str, start: int, lexicon: Lexicon) -> bool:
    """"Puerto Jordan", "United Russia": a country's name that ends a longer proper name,
    which is no mention of the country ("northern Israel", "the Russia Ukraine war" are)."""
    m = WORD_BEFORE.search(text, max(0, start - 20), start) if text[start:start + 1].isupper() else None
    if m is None:
        return False
    word = m.group("word")
    return (word.lower() not in QUALIFYING_WORDS and word.lower() not in NOT_PLACES and canonical(word) not in lexicon.place_by_alias
            and canonical(word) not in lexicon.actor_by_alias)


STATE_GROUND = re.compile(r"\s+(?:territory|soil|airspace|territorial waters|(?:border |frontier )?(?:town|city|village))\b",
                          re.IGNORECASE)
ONE_OF_ITS_TOWNS = re.compile(r"\b(?:an?|another)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)  # "an Egyptian town", not "the Syrian city of"
TOWN_WORDS = ("town", "city", "village")
# whether a sentence can name a state's ground at all: the scan for parties below is skipped
# in the many sentences that say "city" of no state's
MAY_NAME_GROUND = re.compile(r"(?i:\b(?:territory|soil|airspace|territorial waters)\b)|"
                             r"(?i:\b(?:an?|another)\s+(?:[\w-]+\s+)?)[A-Z][\w-]*\s+"
                             r"(?i:(?:border |frontier )?(?:town|city|village)\b)")


def _territory_of_a_state(text: str, lexicon: Lexicon, taken: list[PlaceMention]) -> list[PlaceMention]:
    """"infiltrated into Israeli territory", "on Russian soil", "an Egyptian town": the
    state's country, named by its adjective."""
    found: list[PlaceMention] = []
    if not MAY_NAME_GROUND.search(text):
        return found  # most sentences name no state's ground: skip the scan for parties
    for m in lexicon.actor_pattern.finditer(text):
        party = lexicon.actor_by_alias.get(canonical(m.group()))
        ground = STATE_GROUND.match(text, m.end())
        if party is None or party.country is None or ground is None or any(t.start <= m.start() < t.end for t in taken):
            continue
        if ground.group().rstrip().endswith(TOWN_WORDS) and not ONE_OF_ITS_TOWNS.search(text, 0, m.start()):
            continue
        entry = next((e for e in lexicon.places if e.kind == "country" and e.country == party.country), None)
        if entry is not None:
            found.append(PlaceMention(m.start(), ground.end(), text[m.start():ground.end()], entry, locate(entry)))
    return found


def _names_another_party(mention: PlaceMention, lexicon: Lexicon) -> bool:
    """"near the Thai border": a party's name ("Thai" is Thailand's) is no namesake village
    elsewhere."""
    party = lexicon.actor_by_alias.get(canonical(mention.text))
    # "a Palestinian village" names no village Palestinian
    return party is not None and (party.country != mention.entry.country or mention.source == "unlisted")


@lru_cache(maxsize=4096)
def locate(entry: PlaceEntry) -> Optional[GeoPlace]:
    """A seed entry's point: the city or airport itself, the middle of a division,
    a country's map point."""
    if entry.lat is not None and entry.lon is not None:
        return GeoPlace(entry.name, entry.country or "", entry.admin1, entry.lat, entry.lon, 0, entry.kind)
    gazetteer = Gazetteer.default()
    if entry.kind in ("city", "airport"):
        found = [p for name in (entry.name, *entry.aliases) for p in gazetteer.lookup(name, entry.country)]
        if entry.kind == "airport":
            found = [p for p in found if p.kind == "airport"] or found
        same_division = [p for p in found if p.admin1 == entry.admin1] if entry.admin1 else []
        return max(same_division or found, key=lambda p: p.prior, default=None)
    if entry.kind == "admin1" and entry.country and entry.admin1:
        return gazetteer.division(entry.country, entry.admin1)
    if entry.kind == "country" and entry.country:
        return next((p for p in gazetteer.lookup(entry.name, entry.country) if p.kind == "country"),
                    gazetteer.country(entry.country))
    return None


def _gazetteer_mentions(text: str, seeded: list[PlaceMention], context: PlaceContext,
                        whole_names: list[tuple[int, int]]) -> list[PlaceMention]:
    """The places the gazetteer knows, named after a cue word; `whole_names` are names
    looked up whole or not at all ("Puerto Jordan" is no "Puerto")."""
    taken = [(m.start, m.end) for m in seeded]
    near = {m.entry.admin1 for m in seeded if m.entry.admin1}  # "… near Pokrovsk", "… in the Donetsk region"
    near |= _possessive_divisions(text)  # "Chhattisgarh's Bijapur district" is Chhattisgarh's, not Karnataka's
    found = []
    for m in PLACE_CUE.finditer(text):
        start = m.start("name")
        if any(s <= start < e for s, e in taken):
            continue
        whole = next((text[s:e] for s, e in whole_names if s == start), None)
        mention = _resolve_span(text, start, whole or m.group("name"), context, near, seeded, whole_only=bool(whole))
        if mention:
            found.append(mention)
            taken.append((mention.start, mention.end))
    found += _listed_after(text, sorted(seeded + found, key=lambda m: m.start), context, near, seeded, taken)
    for m in VILLAGE_NAMED.finditer(text):
        # "an air raid on Nyaung Kone village": named as a village, whatever word comes before
        words = m.group("name").lower().split()
        if (not any(s <= m.start("name") < e for s, e in taken) and words[0] not in NOT_PLACES
                and words[-1] not in DIVISION_WORDS):
            mention = _resolve_span(text, m.start("name"), m.group("name"), context, near, seeded, whole_only=True)
            if mention:
                found.append(mention)
                taken.append((mention.start, mention.end))
    for m in DIVISION_NAMED.finditer(text):
        mention = _named_division(text, m, context, near)
        if mention and not any(s < mention.end and mention.start < e for s, e in taken):
            found.append(mention)
            taken.append((mention.start, mention.end))
    for m in DISTRICT_NAMED.finditer(text):
        # "Kupwara district", "Chhattisgarh's Bijapur district", "Rzeszow and Lublin airports": a
        # district or an airport named after its town
        for group in ("name", "other"):
            if not m.group(group) or any(s <= m.start(group) < e for s, e in taken):
                continue
            best = _choose([p for p in Gazetteer.default().lookup(m.group(group)) if p.kind == "city"], context, near)
            if best:
                found.append(_looked_up(m.start(group), m.group(group), best))
                taken.append((m.start(group), m.end(group)))
    return found


def _listed_after(text: str, heads: list[PlaceMention], context: PlaceContext, near: set[str],
                  seeded: list[PlaceMention], taken: list[tuple[int, int]]) -> list[PlaceMention]:
    """"the cities of Jalalabad, Gardiz and Ghazni", "seized Rubare, Rutshuru and Kako": the
    names listed after a place are places, looked up like it; a town the gazetteer lacks
    in a list of towns taken or named as towns lies where the list's first one does."""
    found = []
    for head in heads:
        tail = LIST_TAIL.match(text, head.end)
        if tail is None:
            continue
        cued = bool(SETTLEMENT_CUE.search(text[max(0, head.start - 30):head.start])
                    or TAKEN_CUE.search(text[max(0, head.start - 30):head.start]))
        for m in LISTED_NAME.finditer(text, head.end, tail.end()):
            start = m.start()
            if any(s <= start < e for s, e in taken) or m.group().lower() in NOT_PLACES:
                continue
            mention = _resolve_span(text, start, m.group(), context, near, seeded)
            if mention is None and cued and head.entry.kind in ("city", "settlement", "unlisted"):
                mention = _unlisted(m.group(), start, head.entry.country, head.entry.admin1, None)
            if mention is not None:
                found.append(mention)
                taken.append((mention.start, mention.end))
    return found


POSSESSIVE = re.compile(r"(?:'s|’s)(?:\s|$)")
POSSESSIVE_NAME = re.compile(r"\b((?:[A-Z][a-z]+\s(?:and\s)?)?[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?:'s|’s)\s")


def _possessive_divisions(text: str) -> set[str]:
    """The first-order divisions named as owners ("Chhattisgarh's Bijapur district",
    "Jammu and Kashmir's Poonch district")."""
    found: set[str] = set()
    for m in POSSESSIVE_NAME.finditer(text):
        words = m.group(1).split()
        for n in range(len(words)):
            if words[n] != "and":
                found |= _divisions_named(" ".join(words[n:]))
    return found


@lru_cache(maxsize=16384)
def _divisions_named(name: str) -> frozenset[str]:
    return frozenset(p.admin1 for p in Gazetteer.default().lookup(name) if p.kind == "admin1" and p.admin1)


def _named_division(text: str, m: re.Match[str], context: PlaceContext, near: set[str]) -> Optional[PlaceMention]:
    """"Paktika province": the division of that name, read from its last words first
    ("Afghanistan's Paktika province")."""
    words = m.group("name").split()
    for n in range(len(words)):
        name = " ".join(words[n:])
        divisions = [p for p in Gazetteer.default().lookup(name) if p.kind == "admin1"]
        # named as a division, one that no other country has is that one
        best = _choose(divisions, context, near) or (divisions[0] if len({p.country for p in divisions}) == 1 else None)
        if best:
            start = m.start("name") + len(m.group("name")) - len(name)
            return _looked_up(start, text[start:m.end()], best)
    return _spelt_otherwise(text, m.start("name"), m.group("name"), context)


def _spelt_otherwise(text: str, start: int, name: str, context: PlaceContext) -> Optional[PlaceMention]:
    """"Lower Shabelle", "Kayah State": a division of a country the article is about,
    spelt otherwise than the gazetteer does."""
    countries = [code for code, _ in context.countries.most_common(3)]
    found = Gazetteer.default().division_spelt_like(name, countries) if countries else None
    return _looked_up(start, text[start:start + len(name)], found) if found else None


def _resolve_span(text: str, start: int, span: str, context: PlaceContext, near: set[str],
                  seeded: list[PlaceMention], whole_only: bool = False) -> Optional[PlaceMention]:
    span = POSSESSIVE.split(span, maxsplit=1)[0]  # "Port-au-Prince's Toussaint Louverture airport" is in Port-au-Prince
    words = span.split()
    for n in range(len(words), len(words) - 1 if whole_only else 0, -1):  # the longest name that is a place
        name = " ".join(words[:n])
        if name.lower() in NOT_PLACES:
            continue
        end = start + len(name)
        stated = _stated_division(text, end, seeded, context)
        candidates = Gazetteer.default().lookup(name)
        if stated and not any(p.admin1 == stated.entry.admin1 for p in candidates):
            # "Zhovte in the Donetsk region", and no Zhovte listed there: trust the text
            return _unlisted(name, start, stated.entry.country, stated.entry.admin1, stated.point)
        anchor = None if stated else _anchor_near(text, end, context)
        if anchor and not any(p.admin1 == anchor.admin1 and p.country == anchor.country for p in candidates):
            # "Zhuravka near Pokrovsk", and the only Zhuravka listed is in another region: trust the text
            return _unlisted(name, start, anchor.country, anchor.admin1, anchor)
        if anchor:
            near = {anchor.admin1}
        best = _choose(candidates, context, {stated.entry.admin1} if stated else near, written=name)
        if best:
            return _looked_up(start, name, best)
    if len(words) > 1 or len(span) >= 8:
        division = _spelt_otherwise(text, start, span, context)
        if division:
            return division
    if (SETTLEMENT_CUE.search(text[max(0, start - 30):start]) or SETTLEMENT_AFTER.match(text, start + len(span))) \
            and context.countries:
        stated = _stated_division(text, start + len(span), seeded, context)
        if stated:
            # "Lay Kay village, in Mindat township, Chin State"
            return _unlisted(span, start, stated.entry.country, stated.entry.admin1, stated.point)
        anchor = _anchor_near(text, start + len(span), context)
        if anchor:
            # "the village of Hawadley, near Bal'ad": in the division of the town it is near
            return _unlisted(span, start, anchor.country, anchor.admin1, anchor)
        # "the village of X" that no gazetteer lists: in the division the article names most
        country = context.countries.most_common(1)[0][0]
        return _unlisted(span, start, country, _named_division_of(context, country), None)
    if (TAKEN_CUE.search(text[max(0, start - 30):start]) and context.countries
            and not NOT_GROUND_AFTER.match(text, start + len(span))):
        # "claims that it has captured Tabaivka": what a side captures is a place, listed or
        # not, in the division the text names after it, else the one the article is about
        stated = _stated_division(text, start + len(span), seeded, context)
        if stated:
            return _unlisted(span, start, stated.entry.country, stated.entry.admin1, stated.point)
        return _unlisted(span, start, context.countries.most_common(1)[0][0], _main_division(context), None)
    return None


def _main_division(context: PlaceContext) -> Optional[str]:
    return context.divisions.most_common(1)[0][0] if context.divisions else None


def _named_division_of(context: PlaceContext, country: str) -> Optional[str]:
    return next((name for name, _ in context.named_divisions.most_common()
                 if any(p.country == country for p in Gazetteer.default().lookup(name) if p.kind == "admin1")), None)


def _anchor_near(text: str, end: int, context: PlaceContext) -> Optional[GeoPlace]:
    """The listed town a village is said to be near ("X, near Bal'ad", "X near Pokrovsk"),
    whose division it shares."""
    m = NEAR_ANCHOR.match(text, end)
    if m is None:
        return None
    towns = [p for p in Gazetteer.default().lookup(m.group("name")) if p.kind == "city" and p.admin1]
    return _choose(towns, context, set())


def _stated_division(text: str, end: int, seeded: list[PlaceMention],
                     context: Optional[PlaceContext] = None) -> Optional[PlaceMention]:
    """The division named right after a place: "X in the Donetsk region", "X, Kharkiv Oblast",
    "X village in Ukraine's southeastern Zaporizhzhia region", "X, in the western Tillaberi
    region", "X village in Pale township in Sagaing Region"; with `context`, also a division
    the seed list lacks but the gazetteer has, named as one."""
    gap = STATED_DIVISION_GAP.match(text[end:end + 60])
    if not gap:
        return None
    position = end + gap.end()
    on_the_way = SUBDIVISION_ON_THE_WAY.match(text, position)
    for at in (position, on_the_way.end()) if on_the_way else (position,):
        seed = next((m for m in seeded if m.start == at and m.entry.kind == "admin1"), None)
        if seed is not None:
            return seed
        named = STATED_DIVISION_NAMED.match(text, at) if context is not None else None
        division = _named_division(text, named, context, set()) if named else None
        if division is not None and division.entry.kind == "admin1":
            return division
    return None


def _looked_up(start: int, name: str, place: GeoPlace, kind: Optional[str] = None) -> PlaceMention:
    """A mention of `name` resolved to a gazetteer place."""
    entry = PlaceEntry(name=name, country=place.country, admin1=place.admin1, kind=kind or place.kind)
    return PlaceMention(start, start + len(name), name, entry, place, "gazetteer")


def _unlisted(name: str, start: int, country: Optional[str], admin1: Optional[str],
              point: Optional[GeoPlace]) -> PlaceMention:
    kind = "settlement" if admin1 else "unlisted"
    return PlaceMention(start, start + len(name), name, PlaceEntry(name, country, admin1, kind), point, "unlisted")


def _choose(candidates: list[GeoPlace], context: PlaceContext, near: set[str], written: str = "") -> Optional[GeoPlace]:
    """Namesakes: one in a division named nearby, else in a division or country the
    article is about (the main one first), by population. When `strict`, nothing
    outside those countries but a big city that is the only place `written` so; else a
    much bigger place elsewhere may still win ("London" in an American story is still
    London, England)."""
    if not candidates:
        return None
    countries, divisions = context.countries, context.divisions
    top = countries.most_common(1)[0][0] if countries else None

    def score(p: GeoPlace) -> float:
        return (p.prior + 1.5 * (p.country in countries) + 1.0 * (p.country == top)
                + 2.0 * bool(p.admin1 and p.admin1 in divisions) + 3.0 * bool(p.admin1 and p.admin1 in near))

    in_context = [p for p in candidates if p.country in countries or (p.admin1 and p.admin1 in near)]
    if context.strict:
        if in_context:
            return max(in_context, key=lambda p: (bool(p.admin1 and p.admin1 in near), score(p)))
        if countries:
            # "Kenyan police arrived in Port-au-Prince": a big city that no other place is named
            # after is that city, in whatever country the article is about
            only = candidates[0]  # by its own name: "Hamas" is also a name of Hamm, in Germany
            unique = len(candidates) == 1 and only.kind == "city" and only.name.lower() == written.lower()
            return only if unique and only.population >= UNIQUE_CITY else None
    best = max(candidates, key=score)
    return best if best in in_context or best.population >= BIG_CITY else None


def _requalified(mention: PlaceMention, text: str, lexicon: Lexicon) -> Optional[PlaceMention]:
    """"Odessa, Texas": a qualifier naming another country or a US state moves the place there."""
    qualifier = QUALIFIER.match(text, mention.end)
    if not qualifier:
        return None
    where = qualifier.group("name")
    country = next((e.country for e in lexicon.places if e.kind == "country" and canonical(e.name) == canonical(where)),
                   None)
    gazetteer = Gazetteer.default()
    if country is None and gazetteer.is_us_state(where):
        country = "US"
    if country is None or country == mention.entry.country:
        return None
    candidates = gazetteer.lookup(mention.text, country)
    if country == "US":
        candidates = [p for p in candidates if p.admin1 == where] or candidates
    if not candidates:
        return None
    return _looked_up(mention.start, mention.text, candidates[0], kind="city")


def _in_other_division(mention: PlaceMention, text: str, lexicon: Lexicon) -> Optional[PlaceMention]:
    """"Rivne in the eastern Donetsk region", "Slavyansk in Russia's Krasnodar region": a
    namesake of a listed town, in the division named beside it, in whatever country (a
    village too small for the gazetteer keeps the division)."""
    if mention.entry.kind != "city":
        return None
    beside = IN_DIVISION.match(text, mention.end)
    named = lexicon.place_pattern.match(text, beside.end()) if beside else None
    division = lexicon.place_by_alias.get(canonical(named.group())) if named else None
    if division is None or division.kind != "admin1" or (division.country, division.admin1) == (
            mention.entry.country, mention.entry.admin1):
        return None
    found = [p for p in Gazetteer.default().lookup(mention.text, division.country) if p.admin1 == division.admin1]
    if found:
        return _looked_up(mention.start, mention.text, found[0], kind="city")
    return _unlisted(mention.text, mention.start, division.country, division.admin1, None)


# "US-UK airstrikes", "Saudi-led raids": a party joined to the next word by a hyphen
HYPHEN_JOINED = r"-[A-Z][\w.]*|-led|-backed"
# "US-UK airstrikes", "Israel strikes", "US-led raids": a country before its attacks is the attacker.
ATTACKER_AFTER = re.compile(rf"^(?:{HYPHEN_JOINED})?\s+(?:air ?strikes?|airstrikes?|strikes|raids?|"
                            r"bombardments?|bombings?|shelling|warplanes?|jets)\b|^-[A-Z][\w.]*\s+attacks?\b|"
                            # "killed in Israel's 11-day bombardment": whose bombardment, not where
                            r"^(?:'s|’s)\s+(?:[\w-]+\s+){0,2}(?:air ?strikes?|airstrikes?|strikes|attacks|raids?|"
                            r"bombardments?|bombings?|shelling|bombing campaign)\b")


def names_party(text: str, mention: PlaceMention) -> bool:
    """True where the place stands for a party ("Russia's defence ministry", "US-UK airstrikes")."""
    after = text[mention.end:mention.end + 40]
    return bool(PARTY_AFTER.match(after) or (mention.entry.kind == "country" and ATTACKER_AFTER.match(after)))


def best_place(mentions: list[PlaceMention]) -> Optional[PlaceMention]:
    """The most specific place; among equals, the first named."""
    if not mentions:
        return None
    return max(mentions, key=lambda m: (m.rank, -m.start))


def division_mention(admin1: str, lexicon: Lexicon) -> Optional[PlaceMention]:
    """A first-order division of the seed list as a place named nowhere in the text."""
    entry = next((e for e in lexicon.places if e.kind == "admin1" and e.admin1 == admin1), None)
    return PlaceMention(-1, -1, entry.name, entry, locate(entry), "seed") if entry else None


def country_place(code: str, lexicon: Lexicon) -> Optional[Place]:
    for entry in lexicon.places:
        if entry.kind == "country" and entry.country == code:
            return Place(name=entry.name, country=code, precision="country")
    return None


GEO_ENTITIES = ("GPE", "LOC", "FAC")


def geoparse(text: str, lexicon: Lexicon) -> list[Toponym]:
    """Every place mention in `text`, resolved: the seed list, names after place cues,
    and the names spaCy's NER marks as places, all through the gazetteer. Two passes:
    the places found in the first are the context that settles namesakes in the second."""
    from ..language import parse  # the parser only when geoparsing on its own

    names = [ent for ent in next(iter(parse([text], entities=True))).ents if ent.label_ in GEO_ENTITIES]
    seeded = find_places(text, lexicon, gazetteer=False)
    context = PlaceContext(Counter(m.entry.country for m in seeded if m.entry.country),
                           Counter(m.entry.admin1 for m in seeded if m.entry.admin1), strict=False)
    for _ in range(2):
        mentions = find_places(text, lexicon, context)
        taken = [(m.start, m.end) for m in mentions]
        for ent in names:
            if any(s < ent.end_char and ent.start_char < e for s, e in taken) or not ent.text[:1].isupper():
                continue
            mention = _resolve_name(ent.start_char, ent.text, context)
            if mention:
                mentions.append(mention)
                taken.append((mention.start, mention.end))
        context = PlaceContext(Counter(m.entry.country for m in mentions if m.entry.country),
                               Counter(m.entry.admin1 for m in mentions if m.entry.admin1), strict=False)
    mentions = _reconsidered(sorted(mentions, key=lambda m: m.start))
    mentions = sorted(mentions + _demonyms(text, lexicon, mentions), key=lambda m: m.start)
    return [Toponym(m.start, m.end, m.text, m.to_place(), m.source) for m in mentions]


DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|ean|an|ese|ish|i|ic)")


def _demonyms(text: str, lexicon: Lexicon, taken: list[PlaceMention]) -> list[PlaceMention]:
    """"Ukrainian", "Russian": the country an adjective names, at precision country."""
    found = []
    for m in lexicon.actor_pattern.finditer(text):
        entry = lexicon.actor_by_alias.get(canonical(m.group()))
        if not (entry and entry.country and DEMONYM.fullmatch(m.group()) and m.group() != entry.name):
            continue
        if any(t.start < m.end() and m.start() < t.end for t in taken):
            continue
        place = PlaceEntry(m.group(), entry.country, None, "country")
        found.append(PlaceMention(m.start(), m.end(), m.group(), place, Gazetteer.default().country(entry.country),
                                  "demonym"))
    return found


def _resolve_name(start: int, name: str, context: PlaceContext) -> Optional[PlaceMention]:
    """A name NER marked as a place, taken whole: "Washington Square" is not Washington."""
    best = _choose(Gazetteer.default().lookup(name), context, set())
    return _looked_up(start, name, best) if best else None


def _reconsidered(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """"Georgia" in a story whose other places are all in the United States is the
    state: a name whose own country nothing else supports moves to a namesake in
    the country the other places are in."""
    result = []
    for m in mentions:
        others = Counter(o.entry.country for o in mentions if canonical(o.text) != canonical(m.text) and o.entry.country)
        if m.entry.country and others and others[m.entry.country] == 0:
            main = others.most_common(1)[0][0]
            namesake = next(iter(Gazetteer.default().lookup(m.text, main)), None)
            if namesake and (namesake.kind == "admin1" or namesake.population >= BIG_CITY):
                m = _looked_up(m.start, m.text, namesake)
        result.append(m)
    return result
