"""Merging: one event per happening per claimant. Mentions, one sentence's telling
each, join an earlier event of the same type, claimant and place when their numbers
add to it rather than contradict it; a headline restated by the body, and a lead that
a later sentence repeats number for number, fold into the body's event.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..language import Sentence
from ..models import Event, Party, Place, Quantity

MERGE_WINDOW = 3  # sentences


@dataclass
class Mention:
    """One event as one sentence states it, before merging."""
    event: Event
    sentence: Sentence
    claimant_key: Optional[str]
    explicit_place: bool
    explicit_actor: bool
    headline: bool = False
    known: bool = False  # names a known happening ("the October 7 attack"): joins its telling anywhere in the article
    evacuator: Optional[str] = None  # the state that took its people out ("Egypt evacuated 436"): one evacuation each


def party_key(party: Optional[Party]) -> Optional[str]:
    if party is None:
        return None
    return party.country or party.name.lower()


def compatible_place(a: Optional[Place], b: Optional[Place], b_explicit: bool) -> bool:
    if a is None or b is None or not b_explicit:
        return True
    if a.country != b.country:
        return False
    if a.precision == "country" or b.precision == "country":
        return True
    if a.precision == b.precision == "city" and a.name != b.name and not _same_point(a, b):
        return False  # two towns of one region: two strikes ("Kiev" and "Kyiv" are one)
    return (a.admin1 or a.name) == (b.admin1 or b.name)


SPEAKER_FILLER = {"the", "a", "an", "of", "its", "his", "her", "their", "said", "and", "for", "in"}


def _other_speaker(a: Optional[Party], b: Optional[Party]) -> bool:
    """Two named claimants of one state that share no word of their names."""
    if a is None or b is None or a.country != b.country:
        return False
    words = [[w for w in p.name.lower().replace("’s", "").replace("'s", "").split() if w not in SPEAKER_FILLER]
             for p in (a, b)]
    if not words[0] or not words[1] or set(words[0]) & set(words[1]):
        return False
    initials = ["".join(w[0] for w in ws) for ws in words]
    return not any(len(ws) == 1 and ws[0] in initials for ws in words)  # "IDF", "Israel Defense Forces"


def _same_point(a: Place, b: Place) -> bool:
    return None not in (a.lat, b.lat) and (round(a.lat, 2), round(a.lon, 2)) == (round(b.lat, 2), round(b.lon, 2))


def merge(mentions: list[Mention]) -> list[Event]:
    """One event per happening per claimant: a mention joins an earlier event of the
    same type, claimant and place within a few sentences when its numbers add to
    that event's rather than contradict them."""
    events: list[tuple[Event, Mention]] = []
    told_in_body: set[int] = set()  # events that some sentence below the headline tells
    known: set[int] = set()  # events that name a known happening
    for mention in mentions:
        target = None
        for event, last in reversed(events):
            if _can_join(event, last, mention, anywhere=mention.known or id(event) in known):
                target = (event, last)
                break
        if target is None:
            events.append((mention.event, mention))
        else:
            _absorb(target[0], mention)
            events[[e for e, _ in events].index(target[0])] = (target[0], mention)
        if not mention.headline:
            told_in_body.add(id(target[0] if target else mention.event))
        if mention.known:
            known.add(id(target[0] if target else mention.event))
    result = [e for e, _ in events]
    return _drop_headline_duplicates(result, told_in_body)


def _can_join(event: Event, last: Mention, mention: Mention, anywhere: bool = False) -> bool:
    """`anywhere`: one side names a known happening, which the other joins however far
    apart they are told, when both give its day."""
    new = mention.event
    if new.type != event.type or new.status != event.status:
        return False
    far = mention.sentence.index - last.sentence.index > MERGE_WINDOW
    if far and not (anywhere and new.date.start and new.date.start == event.date.start):
        return False
    if mention.claimant_key is not None and mention.claimant_key != party_key(event.claimant):
        return False
    if mention.claimant_key is None and event.claimant is not None:
        return False
    if _other_speaker(event.claimant, new.claimant):
        return False  # one state's police and its defence ministry give two accounts (ANNOTATION rule 3)
    if not compatible_place(event.location, new.location, mention.explicit_place):
        return False
    if mention.sentence is last.sentence and new.location != event.location:
        return False  # one sentence's parts at their own places ("seized Rutshuru and Rubare")
    if any(rule.endswith(".towns_of_the_toll") for rule in new.rules) and new.location != event.location:
        return False  # a town's share of a region's toll is its own event (ANNOTATION rule 17)
    if mention.explicit_place and _barrage_over_a_country(event) and new.location and new.location.precision not in (
            "country", "region"):
        return False  # "Iran fired 180 missiles at Israel" … "explosions over Jerusalem": a part, its own event
    if new.subtype and event.subtype and new.subtype != event.subtype and event.type != "strike":
        return False
    if mention.explicit_actor and new.actor and event.actor and party_key(new.actor) != party_key(event.actor):
        return False
    if mention.evacuator and last.evacuator and mention.evacuator != last.evacuator:
        return False  # "Egypt evacuated 436 … Jordan evacuated 343": two states' evacuations
    kinds = {q.kind for q in event.quantities}
    for q in new.quantities:
        if q.kind in kinds and q.key not in {x.key for x in event.quantities}:
            return False
    if (new.date.start and event.date.start and new.date.start != event.date.start):
        return False
    return True


BARRAGE = 10  # weapons fired in one attack that make it a barrage over a country


def is_barrage(event: Event) -> bool:
    """A strike told as tens of weapons fired or downed."""
    return event.type == "strike" and any(q.kind in ("launched", "intercepted") and q.value >= BARRAGE
                                          for q in event.quantities)


def _barrage_over_a_country(event: Event) -> bool:
    """A barrage at a whole country (ANNOTATION rule 17: a total and a place's share are
    separate events)."""
    return is_barrage(event) and event.location is not None and event.location.precision == "country"


def _absorb(event: Event, mention: Mention) -> None:
    new = mention.event
    _add_quantities(event, new.quantities)
    event.subtype = event.subtype or new.subtype
    event.weapons = list(dict.fromkeys(event.weapons + new.weapons))
    event.actor = event.actor or new.actor
    event.target = event.target or new.target
    if event.claimant is None:
        event.claimant = new.claimant
    if mention.explicit_place and (event.location is None or event.location.precision in ("country", "region")):
        event.location = new.location
    if not event.date.start and new.date.start:
        event.date = new.date
    event.evidence.extend(new.evidence)
    event.rules = list(dict.fromkeys(event.rules + new.rules))
    event.confidence = max(event.confidence, new.confidence)


def _add_quantities(event: Event, quantities: list[Quantity]) -> None:
    """A number told again is one quantity; "six Kinzhals and six Shaheds" are two."""
    unmatched = list(event.quantities)
    for q in quantities:
        repeat = next((old for old in unmatched if old.key == q.key and (old.item == q.item or None in (old.item, q.item))),
                      None)
        if repeat is not None:
            unmatched.remove(repeat)
        else:
            event.quantities.append(q)


def _drop_headline_duplicates(events: list[Event], told_in_body: set[int]) -> list[Event]:
    """A headline restates what the body tells: drop a headline event that a body
    event of the same type and country covers."""
    headline_events = {id(e) for e in events if id(e) not in told_in_body}
    kept = []
    for event in events:
        if id(event) in headline_events and any(
                other is not event and other.type == event.type and id(other) not in headline_events
                and (other.location.country if other.location else None) == (event.location.country if event.location else None)
                for other in events):
            continue
        kept.append(event)
    for event in list(kept):
        if event not in kept:
            continue
        for later in kept[kept.index(event) + 1:]:
            if not _restates(event, later):
                continue
            # the telling that names its claimant's state stands, with both sentences as evidence
            later_knows_state = bool(later.claimant and later.claimant.country) and not (
                event.claimant and event.claimant.country)
            better, worse = (later, event) if later_knows_state else (event, later)
            better.evidence = sorted(event.evidence + later.evidence, key=lambda ev: ev.start)
            better.rules = list(dict.fromkeys(better.rules + worse.rules))
            _add_quantities(better, worse.quantities)
            kept.remove(worse)
            break
    return kept


def _restates(event: Event, later: Event) -> bool:
    """A lead that a later event repeats number for number, the lead's claimant
    left without a state ("Defence ministry says … 77 drones", then "Russia's
    defence ministry said … 77")."""
    numbers = {q.key for q in event.quantities}
    if not numbers or event.type != later.type or not numbers <= {q.key for q in later.quantities}:
        return False
    if not compatible_place(later.location, event.location, True) and not (
            event.location and event.location.precision == "country"):
        return False
    if party_key(event.claimant) == party_key(later.claimant):
        return True
    if len(numbers) > 1 and not any(c and c.country for c in (event.claimant, later.claimant)):
        return True  # a doctors' group, then its statement quoted: two names for one voice
    return bool(later.claimant and later.claimant.country) and (
        event.claimant is None or event.claimant.country is None)
