"""Quantities: numbers in an event sentence that count something about the event.

Finds cardinal numbers (digits, "1.2 million", "forty-two", "a dozen"), drops those
that are no quantity (years, dates, distances, calibres, model names, subsets),
and gives each a kind (killed, launched, intercepted, …), an item (drone, person, …)
and a qualifier (at_least, about, at_most, exact) from the words around it.
"""
from __future__ import annotations

import re
from typing import Optional

from ..lexicon import Lexicon
from ..models import Quantity
from ..resolve.dates import MONTHS

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
         "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

MONTH_NAMES = sorted({name.capitalize() for m in MONTHS for name in (m, m[:3])} | {"Sept"})  # "February", "Feb"
NOT_AFTER_A_MONTH = "".join(f"(?<!{month} )(?<!{month}. )" for month in MONTH_NAMES)  # "February 24", "Feb. 24"
_MONTH = "|".join(MONTH_NAMES)
# "February 24, 2022", "24 February 2022", "since 2014": what stands before a year
DATE_BEFORE_A_YEAR = re.compile(rf"\b(?:{_MONTH})\.?(?:\s+\d{{1,2}})?,?\s+$|\b\d{{1,2}}\s+(?:{_MONTH}),?\s+$|"
                                r"\b(?i:since|until|till|before|after|in|during|from|late|early|mid)\s+$|\b(?i:mid)-$")
_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
NUMBER = re.compile(
    r"(?<![\w.,/:-])(?!\d+:\d)(?:"
    r"(?P<digits>(?>\d{1,3}(?:,\d{3})+(?:\.\d+)?|"
    # "1 100 soldiers", thousands set apart by a space as Ukrainian and Russian sources write
    # them; not "February 24 200 drones", a day then a count
    rf"{NOT_AFTER_A_MONTH}\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+(?![\d.,])|"
    r"\d+(?:\.\d+)?))(?:\s*(?P<dscale>million|thousand|billion)\b)?"
    rf"|(?P<words>(?:(?:{_WORD})(?:[-\s](?:{_WORD}))?)(?:\s+(?:hundred|thousand|million|dozen)(?:\s+(?:and\s+)?(?:{_WORD})(?:-(?:{_WORD}))?)?)?)\b"
    r"|(?P<dozen>a dozen|dozen)\b"
    r")",
    re.IGNORECASE)
SHARE_OF = re.compile(r"(?:%|\bpercent|\bper cent|\ball|\bmost|\bhalf|\bnone)\s+of\s+(?:the\s+|its\s+|their\s+)?$",
                      re.IGNORECASE)
RAIDED_ON = re.compile(r"\b(?:attacks?|raids?|assaults?)\s+(?:by\s+(?:\S+\s+){1,3}?)?(?:on|against)\s+$", re.IGNORECASE)
STRONG = re.compile(r"^(?:[-–](?:man|member|troop|soldier))?[-–\s]strong\b(?!\s+(?:[\w-]+\s+)?(?:alliance|bloc|coalition|union|club|membership)\b)",
                    re.IGNORECASE)  # not "the 30-strong military alliance": members, not troops
RANGE_TO = re.compile(r"^\s*(?:to|-|–)\s*$")
RANGE_AHEAD = re.compile(r"\s+(?:to|and)\s+")
SUBSET_BEFORE = re.compile(r"\b(?:including|among them|among whom|of whom|of which)\s+(?:at least\s+|some\s+)?$",
                           re.IGNORECASE)
# "including 18 over the Saratov region": a region's share of a total is its own event (ANNOTATION rule 17)
SHARE_OVER_A_PLACE = re.compile(r"(?:\s+[\w-]+){0,2}?\s+(?:over|above)\s+(?:the\s+)?(?:[A-Z]|territory\b)")
# "350,000 homes were left without electricity", "11,000 people without power": those an outage reached
WITHOUT_SUPPLY = re.compile(r"(?:\s+[\w,-]+){0,6}?\s+(?:were\s+|was\s+|are\s+|remain\s+)?(?:left\s+)?"
                            r"(?:without|lost|losing|cut off from|had no|have no)\s+(?:[\w-]+\s+)?"
                            r"(?:power|electricity|heating|heat|water|gas|light)\b", re.IGNORECASE)
# "100,000 without power after a drone attack": the counted noun stands before these words
COUNT_PHRASE_END = re.compile(r"\b(?:after|before|since|during|following|amid|without|despite|because|when|while)\b",
                              re.IGNORECASE)
AGE_AFTER_A_NAME = re.compile(r"\b[A-Z][a-z’'-]+\s+[A-Z][a-z’'-]+,\s*$")  # "Shay Arvas, " before an age
# "the death toll … has risen to 35", "the death toll in Gaza since October topped 21,600", "… is 25"
TOLL_RISEN = re.compile(r"\bdeath toll\b.*\b(?:rose|risen|climbed|reached|stood|stands|jumped|increased|is|was|"
                        r"topped|tops|surpassed|exceeded|passed|hit)\s+"
                        r"(?:to\s+|at\s+|above\s+)?(?:at least\s+|more than\s+|over\s+|nearly\s+|almost\s+)?$|"
                        r"\b(?:raised|put|puts|revised)\s+the\s+death toll\b.*\b(?:to|at)\s+(?:at least\s+)?$|"
                        # "brought the number of medical staff killed since Oct 7 to 500"
                        r"\b(?:brought|brings|bringing|raised|raising|took|taking|pushed|pushing)\s+the\s+"
                        r"(?:number|total|tally|count)\s+of\s+(?:[\w-]+\s+){0,4}?(?:killed|dead|deaths)\b[^.;]*?"
                        r"\bto\s+(?:at least\s+|more than\s+|over\s+|nearly\s+|almost\s+)?$",
                        re.IGNORECASE)
OF_THOSE = re.compile(r"^\s+of\s+(?:those|them|these|the)\b", re.IGNORECASE)
CLAUSE_BREAK = re.compile(r"[;:()\[\]“”\"]|,\s+(?:while|but|which|and)\b|\.\s")
INTERCEPTABLE = {"drone", "missile", "bomb", "shell", None}  # downed aircraft are counted as "other"
WORD_SPAN = re.compile(r"\S+")
# an aside in brackets, or a subset set off by commas ("12 people, including 11 civilians,
# were killed"), read past for the words that say what the number before it counts; but
# "50 people, including dead and injured" says it
ASIDE = re.compile(r"\s*\([^()]{0,60}\)|(?<=,)\s*(?:including|among them)\s"
                   r"(?![^,;.()]*\b(?:dead|killed|injured|wounded)\b)[^,;.()]{0,60},")
# "including 11 civilians and one soldier": the list a subset's first number opens goes on
SUBSET_GOES_ON = re.compile(r"\s+[\w-]+(?:\s+[\w-]+)?(?:\s*,\s*(?:and\s+)?|\s+and\s+)", re.IGNORECASE)
# "30,457 casualties, including 10,582 dead": a toll's dead and injured, counts of their own
DEAD_OR_HURT = re.compile(r"(?:\s+[\w-]+){0,2}?\s+(?:dead|killed|deaths|fatalities|injured|wounded|injuries)\b",
                          re.IGNORECASE)
# "18 drones and three missiles fired by the Houthis": a participle that says where
# the things came from, not what happened to them
ORIGIN_PARTICIPLE = re.compile(r"^(?:\s*\S+){0,3}?\s+(?:fired|launched|sent|flown)\s+(?:by|from)\b", re.I)
BARE_ONE_CUE = re.compile(r"^\s+(?:dead|killed|injured|wounded|hurt|fatality|death|"
                          r"(?:was|were) (?:shot down|downed|intercepted|destroyed))\b", re.I)


def words_to_number(text: str) -> Optional[float]:
    """Spelled-out cardinals: "forty-two" → 42, "two hundred" → 200, "a dozen" → 12."""
    text = text.lower().replace("-", " ").replace(" and ", " ")
    total, current = 0, 0
    for word in text.split():
        if word in ("a", "dozen"):
            current = max(current, 1) * 12 if word == "dozen" else current
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
    return float(total + current)


def parse_number(m: re.Match[str]) -> Optional[float]:
    if m.group("digits"):
        value = float(re.sub(r"[,\s]", "", m.group("digits")))
        if m.group("dscale"):
            value *= SCALES[m.group("dscale").lower()]
        return value
    return words_to_number(m.group("words") or m.group("dozen"))


PASSIVE_TOLL = re.compile(r"(?<![,;])\s(?:were|was|have been|has been|had been|are being|were being)\s+$", re.IGNORECASE)
NEXT_CLAUSE_CUE = re.compile(r"\s*(?:[\w’'-]+\s+){0,2}?[\w’'-]+\s*,\s*$")  # "… three civilians, " before a cue


def _nearest_cue(lexicon: Lexicon, before: str, after: str) -> tuple[Optional[str], int]:
    """The kind whose cue stands nearest the number, and its distance in words."""
    best: tuple[int, Optional[str]] = (10_000, None)
    for kind, pattern in lexicon.kinds.items():
        for m in pattern.finditer(after):
            distance = len(WORD_SPAN.findall(after[:m.start()]))
            if re.search(r"\b(?:and|but|while|then)\b", after[:m.start()]):
                distance += 3  # "killed 29 people and hit a hospital": "hit" is the next predicate's
            elif (kind in ("killed", "injured", "casualties") and PASSIVE_TOLL.search(after[:m.start()])
                  and not NUMBER.search(after[:m.start()])):
                distance = min(distance, 3)  # "100 soldiers fighting on Russia's side have been killed"
            elif NEXT_CLAUSE_CUE.match(after[:m.start()]):
                distance += 2  # "killing at least three civilians, wounding two others": the next clause's
            if distance < best[0]:
                best = (distance, kind)
            break
        hits = list(pattern.finditer(before))
        if hits:
            distance = len(WORD_SPAN.findall(before[hits[-1].end():])) + 1
            if re.search(r"\b(?:and|but|while|then)\b", before[hits[-1].end():]):
                distance += 3  # "rockets were shot down but two people were hurt": not what was shot down
            if distance < best[0]:
                best = (distance, kind)
    return (best[1], best[0]) if best[0] <= 9 else (None, best[0])


def _item(lexicon: Lexicon, after: str) -> tuple[Optional[str], int]:
    """The noun the number counts, within the next few words and before any verb cue;
    and where that noun ends in `after`."""
    window = " ".join(after.split(", ")[0].split()[:5])
    window = COUNT_PHRASE_END.split(window)[0]  # "100,000 without power after a drone attack": no drones counted
    leading = len(after) - len(after.lstrip())
    found = [(m.start(), m.end(), item) for item, pattern in lexicon.items.items() if (m := pattern.search(window))]
    best: tuple[int, int, Optional[str]] = min(found, key=lambda f: (f[0], -f[1]), default=(10_000, 0, None))
    # "14 missile launchers", "six drone attacks": in a compound the last noun is what is counted
    head = next((f for f in found if f[0] == best[1] + 1), None)
    while head is not None:
        best = head
        head = next((f for f in found if f[0] == best[1] + 1), None)
    if any((m := pattern.search(window)) and m.start() < best[0] for pattern in lexicon.kinds.values()):
        return None, 0  # "2 were killed, 5 drones …": a verb stands between the number and the noun
    return best[2], (leading + best[1] if best[2] else 0)


def _without_items(lexicon: Lexicon, text: str) -> str:
    """The text with the counted nouns blanked, word for word."""
    return lexicon.item_pattern.sub(lambda m: re.sub(r"\S", "_", m.group()), text)


def _qualifier(lexicon: Lexicon, before: str) -> str:
    tail = re.sub(r"\b(?:a record|another|a total of|total of|the|a)\s*$", "", before.rstrip(), flags=re.I).rstrip()
    for qualifier in ("at_most", "at_least", "about"):
        for m in lexicon.qualifiers[qualifier].finditer(tail):
            if m.end() == len(tail):
                return qualifier
    return "exact"


def _clause(text: str, start: int, end: int) -> tuple[str, str]:
    """The text before and after a number, cut at clause breaks; an aside in
    brackets ("46 people (including two children) were injured") is skipped."""
    before, after = text[max(0, start - 160):start], ASIDE.sub("", text[end:end + 150])[:90]
    # a colon opens a list that shares the verb before it: "shot down: six Kinzhals, nine Kalibrs"
    cut = [m for m in CLAUSE_BREAK.finditer(before) if m.group() != ":"]
    if cut:
        before = before[cut[-1].end():]
    m = CLAUSE_BREAK.search(after)
    if m:
        after = after[:m.start()]
    return before, after


def _is_quantity(lexicon: Lexicon, text: str, m: re.Match[str], value: float) -> bool:
    before, after = text[:m.start()], text[m.end():]
    if re.match(r"[\w]|[-–/]\w", after) and not STRONG.match(after):
        return False  # part of a word or a model name: "155mm", "T-72", "1,000km"
    if lexicon.not_after.match(after.lstrip()):
        return False
    if lexicon.not_before.search(before[-20:]):
        return False
    if m.group("digits") and 1900 <= value <= 2100 and "," not in m.group("digits") and (
            not _item(lexicon, after)[0] or DATE_BEFORE_A_YEAR.search(before[-25:])):
        return False  # a year: "in 2014", and "on February 24, 2022 began with strikes" whatever follows
    if re.match(r"^\s*(?:of|on|in)\s+(?:the\s+)?(?:war|month|year|conflict)\b", after, re.I):
        return False
    if AGE_AFTER_A_NAME.search(before[-40:]) and re.match(r"\s*(?:[,;)]|and\b|\.(?!\d))", after):
        return False  # "Staff Sergeant Itay Yehuda, 20, and …": an age
    word = (m.group("words") or "").lower()
    if word == "one" and (not _item(lexicon, after)[0] and not BARE_ONE_CUE.match(after) or re.match(r"\s+of\b", after)):
        return False  # "one of", "no one": a pronoun, not a count
    return value > 0


def find_quantities(text: str, lexicon: Lexicon, event_type: Optional[str] = None,
                    base: int = 0) -> list[Quantity]:
    """The quantities in one sentence. `base` is the sentence's offset in the article."""
    found: list[Quantity] = []
    previous: Optional[Quantity] = None
    previous_end = subset_end = -1
    for m in NUMBER.finditer(text):
        value = parse_number(m)
        if value is None or not _is_quantity(lexicon, text, m, value):
            continue
        # "killed 12 people, including five children" (its list going on: "and one soldier");
        # but a region's share of a total is its own event, and a toll's dead and injured are counts
        share_of_total = previous is not None and bool(
            SUBSET_BEFORE.search(text[max(0, m.start() - 40):m.start()])
            or (subset_end >= 0 and SUBSET_GOES_ON.fullmatch(text, subset_end, m.start())))
        if share_of_total and not SHARE_OVER_A_PLACE.match(text, m.end()) and not (
                previous.kind == "casualties" and DEAD_OR_HURT.match(text, m.end())):
            subset_end = m.end()
            continue
        before, after = _clause(text, m.start(), m.end())
        item, item_end = _item(lexicon, after)
        subset = bool(OF_THOSE.match(after)) and previous is not None
        if subset:
            item = previous.item
        # a cue inside a counted noun ("five multiple launch rocket systems") is no cue; what
        # "40 of them" did is said after it
        cue_words = ("" if subset else _without_items(lexicon, before),
                     re.sub(r"\S", "_", after[:item_end]) + after[item_end:])
        kind = _kind(lexicon, *cue_words, item, event_type)
        if item == "other" and RAIDED_ON.search(before):
            kind = None  # "gunmen attacks on two villages" says where they struck, not what they counted
        if STRONG.match(text[m.end():]):
            kind, item = "troops", "soldier"
        if previous and re.fullmatch(r"\s+(?:out\s+)?of\s+(?:the\s+)?", text[previous_end:m.start()]):
            # "seven of 10 missiles", "two out of three drones": the whole is what was launched
            kind, previous.item = "launched", previous.item or item
        elif item in ("drone", "missile", "bomb", "shell") and SHARE_OF.search(before):
            kind = "launched"  # "99% of the 300 missiles and drones": the whole, of which a share was downed
        joined = previous is not None and re.search(r"(?:,|\band|\bor)\s*$", text[previous_end:m.start()])
        listed = joined and not any(p.search(text[previous_end:m.start()]) for p in lexicon.kinds.values())
        unsaid = (listed and _same_class(item, previous.item)
                  and _kind(lexicon, *cue_words, item, event_type, use_default=False) is None)
        if previous and ((kind is None and joined) or (listed and ORIGIN_PARTICIPLE.match(after)) or unsaid):
            # "shot down six Kinzhals, nine Kalibrs and six drones fired from …": the list shares its verb
            kind, item = previous.kind, item or previous.item
        if kind is None and share_of_total:
            kind, item = previous.kind, item or previous.item  # "downed 40 drones, including 18 over Saratov"
        if kind is None:
            kind, item = _as_its_range_ends(lexicon, text, m, before, event_type) or (None, item)
        if kind is None:
            continue
        if subset and kind == previous.kind:
            continue  # "wounding 21 people, four of them seriously": a subset (ANNOTATION rule 20)
        qualifier = _qualifier(lexicon, before)
        between = text[previous_end:m.start()]
        if previous and (RANGE_TO.match(between) or (re.fullmatch(r"\s+and\s+", between)
                                                     and re.search(r"\bbetween\s+$", text[:previous.start - base], re.I))):
            previous.qualifier, qualifier = "at_least", "at_most"
            kind, item = previous.kind, previous.item
        end = m.end() + item_end
        q = Quantity(kind=kind, value=value, item=item, qualifier=qualifier,
                     text=text[m.start():min(end, len(text))].strip(" ,."), start=base + m.start(),
                     end=base + min(end, len(text)))
        found.append(q)
        previous, previous_end = q, m.end()
    return found


def _as_its_range_ends(lexicon: Lexicon, text: str, m: re.Match[str], before: str,
                       event_type: Optional[str]) -> Optional[tuple[str, Optional[str]]]:
    """"between 20 and 80 fatalities", "20 to 30 soldiers": the first number of a range
    counts what its second does (not "rose from 20 to 30": a figure revised)."""
    joiner = RANGE_AHEAD.match(text, m.end())
    second = NUMBER.match(text, joiner.end()) if joiner else None
    if second is None or re.search(r"\bfrom\s+$", text[:m.start()], re.IGNORECASE):
        return None
    if joiner.group().strip() == "and" and not re.search(r"\bbetween\s+$", text[:m.start()], re.IGNORECASE):
        return None
    _, after = _clause(text, second.start(), second.end())
    item, _ = _item(lexicon, after)
    kind = _kind(lexicon, before, after, item, event_type)
    return (kind, item) if kind else None


LOST_IN_ONE_FIGHT = re.compile(r"\b(?:lost|lose|loses|losing)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)


def _kind(lexicon: Lexicon, before: str, after: str, item: Optional[str], event_type: Optional[str],
          use_default: bool = True) -> Optional[str]:
    """The kind the words around a number give it; without `use_default`, only a cue
    in the text counts, not what the counted noun usually is."""
    if TOLL_RISEN.search(before):
        return "killed"  # "the death toll from the strike has risen to 35"
    if item == "other":
        return "other"  # "fired on 46 communities", "launched 20 attacks": counted, not a weapon or a toll
    if (item in ("person", "civilian") or item is None and re.match(r"\s+(?:people\s+)?without\b", after)) and (
            WITHOUT_SUPPLY.match(after)):
        return "other"  # "left 11,000 people without electricity": an outage's reach, no toll
    if event_type == "losses" and item in ("drone", "missile", "vehicle", "aircraft"):
        return "other"  # "lost 394 unmanned aerial vehicles and 1,948 tanks": equipment losses
    cue, distance = _nearest_cue(lexicon, before, after)
    if item is None and distance > 3:
        cue = None
    if cue == "intercepted" and item == "soldier":
        cue = "casualties"  # "destroyed more than 135 servicemen": a defence ministry's toll
    if cue == "intercepted" and item not in INTERCEPTABLE:
        cue = "other"
    if cue == "intercepted" and item is None and event_type not in ("strike", None):
        cue = None  # "the blast destroyed 15 fuel tankers": nothing was shot down
    if cue == "troops" and item not in ("soldier", None):
        cue = "launched" if item in ("drone", "missile") else None
    if cue == "troops" and item is None and event_type != "deployment":
        cue = None
    if cue in ("killed", "injured") and item in ("drone", "missile", "shell", "vehicle", "flight", "aircraft", "other"):
        cue = None
    if cue == "launched" and item in ("soldier", "person", "civilian"):
        cue = "troops" if event_type == "deployment" else None
    if cue is None and item is not None and use_default:
        cue = _default_kind(item, event_type)
    if cue is None and item is None and event_type == "losses" and distance <= 12:
        cue = "casualties"  # "casualty figures for Russian troops reached 40,000": a bare count is the toll
    if cue == "casualties" and event_type in ("clash", "strike", "violence") and LOST_IN_ONE_FIGHT.search(before):
        cue = "killed"  # "we lost six soldiers in the attack on the base": one fight's dead, not a toll
    if cue == "casualties" and event_type not in ("losses", None) and item in ("vehicle", "other", "drone"):
        cue = "other"
    if cue == "casualties" and item in ("vehicle", "other", "drone", "aircraft", "missile"):
        cue = "other"
    return cue


def _same_class(item: Optional[str], other: Optional[str]) -> bool:
    """Nouns a list may count under one verb: weapons with weapons, people with people."""
    weapons, people = {"drone", "missile", "bomb", "shell", "aircraft"}, {"person", "civilian", "soldier"}
    return item is None or item == other or {item, other} <= weapons or {item, other} <= people


def _default_kind(item: str, event_type: Optional[str]) -> Optional[str]:
    if item in ("drone", "missile", "bomb", "shell") and event_type == "strike":
        return "launched"
    if item == "soldier" and event_type == "deployment":
        return "troops"
    if item == "soldier" and event_type == "losses":
        return "casualties"
    if item == "flight":
        return "flights"
    if item in ("vehicle", "other", "aircraft", "drone") and event_type in ("losses", "clash", "deployment"):
        return "other"
    return None
