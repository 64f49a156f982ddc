"""Places: finds place mentions in text with the bundled gazetteer (data/places.csv)
and resolves each to a `Place` (name, ISO country, admin1, precision).

The seed gazetteer covers the countries, first-order divisions, cities, airports,
seas and named regions that conflict reporting names most. "The Kharkiv region"
resolves to Kharkiv Oblast even when only the city is listed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..lexicon import Lexicon, PlaceEntry, canonical
from ..models import Place

DIVISION_WORD = re.compile(r"\s+(?:region|oblast|province|governorate|krai|state)\b", re.IGNORECASE)
# "Russia's defence ministry", "Ukraine's air force": the place names a party, not where.
PARTY_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:(?:defen[cs]e|foreign|health|interior|emergencies?)\s+ministry|ministry|military|army|"
    r"armed forces|forces|troops|air force|air defen[cs]es?|navy|general staff|government|president|"
    r"leader|officials?|authorities|regime|border guard|security service|intelligence|foreign minister|"
    r"prime minister|embassy|defen[cs]e minister|military intelligence|statement|drones?|missiles?)\b",
    re.IGNORECASE)


@dataclass
class PlaceMention:
    start: int  # offsets into the text searched
    end: int
    text: str
    entry: PlaceEntry

    def to_place(self) -> Place:
        e = self.entry
        return Place(name=re.sub(r"^the\s+", "", self.text), country=e.country, admin1=e.admin1, precision=e.precision)

    @property
    def rank(self) -> int:
        """Higher is more specific."""
        return {"city": 4, "airport": 4, "admin1": 3, "region": 2, "sea": 2, "country": 1}.get(self.entry.kind, 0)


def _division_of(entry: PlaceEntry) -> PlaceEntry:
    return PlaceEntry(name=entry.admin1 or entry.name, country=entry.country, admin1=entry.admin1, kind="admin1")


def find_places(text: str, lexicon: Lexicon) -> list[PlaceMention]:
    """Every gazetteer place named in `text`, in order."""
    mentions = []
    for m in lexicon.place_pattern.finditer(text):
        entry = lexicon.place_by_alias.get(canonical(m.group()))
        if entry is None:
            continue
        start, end = m.start(), m.end()
        division = DIVISION_WORD.match(text, end)
        if entry.kind == "city" and division and entry.admin1:
            entry, end = _division_of(entry), division.end()
        mentions.append(PlaceMention(start, end, text[start:end], entry))
    return mentions


def names_party(text: str, mention: PlaceMention) -> bool:
    """True where the place stands for a party ("Russia's defence ministry")."""
    return bool(PARTY_AFTER.match(text[mention.end:mention.end + 40]))


def best_place(mentions: list[PlaceMention]) -> Optional[PlaceMention]:
    """The most specific place; among equals, the first named."""
    if not mentions:
        return None
    return max(mentions, key=lambda m: (m.rank, -m.start))


def country_place(code: str, lexicon: Lexicon) -> Optional[Place]:
    for entry in lexicon.places:
        if entry.kind == "country" and entry.country == code:
            return Place(name=entry.name, country=code, precision="country")
    return None
