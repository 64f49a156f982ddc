"""Triggers: which event types a sentence reports, their subtypes, the weapons it
names, and the status of what it says (asserted, unverified, denied, expected).

The trigger patterns and the exceptions that set them aside come from the lexicon
(events.yaml); what stays here is how readings of one sentence swallow one another
and the few checks that need more than one pattern.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from ..lexicon import Lexicon, Rules, Weapon, canonical

def speaks_of_conflict(text: str, lexicon: Lexicon) -> bool:
    """War words (events.yaml's class {war_talk}), or the name of an armed group from
    actors.yaml (a user's too): "the battle for the title" or "rail workers strike" are no events."""
    return bool(lexicon.war_talk_pattern.search(text) or lexicon.armed_group_pattern.search(text))


def article_at_war(text: str, lexicon: Lexicon) -> bool:
    """The article speaks of armed conflict, and not of a storm or a flood."""
    return speaks_of_conflict(text, lexicon) and not lexicon.exception_pattern("natural_hazard").search(text)


def tells_of_armed_conflict(text: str, lexicon: Lexicon) -> bool:
    """Words of armed conflict (events.yaml's class {armed_conflict}) or an armed group's
    name: without them, an article's shootings and stabbings are crime (ANNOTATION rule 31)."""
    return bool(lexicon.armed_conflict_pattern.search(text) or lexicon.armed_group_pattern.search(text))


# "Moscow claimed to have captured Toretsk." needs its neighbours to be about war;
# "Thousands were left without power." needs an article about war: a hurricane's
# power cuts are no event. Airports closed or restricted count anywhere.

# When a sentence fires several types, some readings swallow others.
SUPPRESSES = {
    "territory": {"clash"},
    "strike": {"violence", "losses"},
    "violence": {"losses"},
    "losses": {"clash"},
}


MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
         r"Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.?")
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
TALLY_OVER_A_PERIOD = re.compile(
    r"\b(?:killed|died|dead|deaths|death toll|fatalities|slain|lost their lives|homicides|massacres|wounded|injured)\b"
    r"(?:(?!\b(?:on|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|night)\b).){0,80}?\b"
    r"(?:since\s+(?:the\s+)?(?:beginning|start|end|outbreak|war|invasion|conflict|full-scale|early|late|last|mid-|"
    rf"{MONTH}|\d{{4}}\b)|(?:in|during|over)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+)?(?:weeks?|months?|years?)\b|"
    r"(?:in|during|over|within)\s+the\s+(?:past|last|previous)\s+(?:day|24\s+hours|48\s+hours|two\s+days|three\s+days)\b|"
    r"within\s+24\s+hours|"
    rf"so far this year|(?:in|during)\s+(?:the\s+first\s+half\s+of\s+)?\d{{4}}\b|between\s+{MONTH}\s+and\s+{MONTH}|"
    r"in\s+the\s+(?:conflict|war)\b|"
    # "in Israel's 11-day bombardment", "reached the 20-day mark"
    r"\b\d+-day\s+(?:bombardment|bombing|air\s+campaign|campaign|war|offensive|assault|operation|mark)\b|"
    r"\b\d+\s+day\s+mark\b|"
    # "the death toll from two days of Israeli airstrikes": many strikes, not one happening
    r"\b(?:two|three|four|five|six|seven|several|\d+)\s+days\s+of\s+(?:[\w-]+\s+){0,2}?(?:air\s?strikes|strikes|"
    r"bombardments?|bombing|shelling|attacks)\b)|"
    # the period told first: "In the first six months of 2024, the junta's violence resulted in the deaths of"
    r"\b(?:(?:in|during|over)\s+the\s+(?:first|past|last)\s+(?:\w+\s+)?(?:weeks|months|years)|"
    r"in\s+recent\s+(?:days|weeks|months))\b[^.;]{0,120}?\b(?:killed|killing|deaths|dead|died|lives)\b|"
    # the period told first: "weeks of aerial bombardment that has killed more than 2,300 people"
    r"\b(?:weeks|months|years|\d+\s+days)\s+of\s+(?:[\w-]+\s+){0,2}?(?:bombardments?|bombing|strikes|airstrikes|"
    r"air\s+raids|attacks|shelling|fighting|war)\b[^.;]{0,80}?\b(?:killed|killing|deaths|dead)\b|"
    # "Israeli strikes had killed at least 224 people": hundreds dead, the work of many strikes
    r"\b(?:strikes|airstrikes|attacks|bombardment)\s+(?:[\w-]+\s+){0,6}?(?:have|has|had)\s+(?:so\s+far\s+)?killed\s+"
    r"(?:at\s+least\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+|some\s+|about\s+)?(?:\d{3,}|\d{1,3},\d{3})\b|"
    # "more than 580 people have since been killed", "the war on Gaza, which has killed nearly 41,500"
    r"\b(?:have|has|had)\s+since\s+(?:been\s+killed|died)\b|"
    r"\b(?:war|conflict|invasion)\b[^.;]{0,60}?\b(?:has|have|had)\s+(?:so\s+far\s+)?killed\b|"
    # the period told first: "the bombardment reached the 20-day mark, killing 7,028", "Since the
    # coup in 2021, the junta has killed over 5,300 people"
    r"\b(?:\d+[- ]day\s+mark|since\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:in\s+)?\d{4})\b(?!,?\s+when\b)[^.;]{0,120}?\b(?:killed|killing|deaths|died)\b|"
    # a campaign going on: "has been carrying out airstrikes on Gaza, which have killed scores"
    r"\b(?:has|have|had)\s+been\s+(?:carrying\s+out|conducting|launching|pounding|bombarding|shelling|bombing)\b"
    rf"(?![^.;]*\b(?:on\s+{WEEKDAY}|overnight|last\s+night|yesterday|today)\b)[^.;]{{0,100}}?\b(?:killed|killing)\b",
    re.IGNORECASE)
TOLL_OF_ONE_CLASH = re.compile(r"\b(?:(?:death )?toll|casualties|losses) (?:from|of|in) (?:the |an? |last \w+['’]s |\w+['’]s )?"
                               r"(?:[\w-]+ ){0,3}?(?:ambush|assault|raid|clash|battle|massacre|attack on (?:an? |the )?"
                               r"(?:[\w-]+ ){0,2}?(?:base|camp|outpost|post|convoy|patrol|checkpoint|barracks))\b",
                               re.IGNORECASE)
# "killed 84 fighters after three days of intense fighting", "fighting last week in Goma left at
# least 900 dead": the toll of one battle, however long
TOLL_OF_ONE_BATTLE = re.compile(r"\b(?:in|after|during|following) (?:two|three|four|five|six|seven|\d+|several) "
                                r"days of (?:[\w-]+ ){0,2}?(?:fighting|clashes|battles?|combat)\b|"
                                r"\bfighting (?:last week|last night|on \w+day|this week)\b[^.;]{0,80}?\bleft\b",
                                re.IGNORECASE)
AT_THE_BORDER = re.compile(r"\b(?:borders?|frontier)$", re.IGNORECASE)
WEAPON_ASSAULT = re.compile(r"\b(?:drone|missile|rocket|air|aerial|artillery|bombing)\s+(?:\w+\s+)?"
                            r"(?:assault|attack|offensive|counter-?attack|counter-?offensive)s?\b",
                            re.IGNORECASE)
REMOTE_WEAPON = re.compile(r"\b(?:drones?|missiles?|rockets?|artillery|mortars?|shell(?:s|ing|ed)?|air ?strikes?|"
                           r"airstrikes?|warplanes|jets|bomb(?:s|ing|ed)?|aerial)\b", re.IGNORECASE)
BARE_ASSAULT = re.compile(r"assaults?|attacks?", re.IGNORECASE)
GROUND = re.compile(r"\b(?:troops|soldiers|ground|infantry|tanks|fighters|militants|stormed|storming|pressed|pressing|"
                    r"pushed|pushing|advanc\w+|siege)\b", re.IGNORECASE)
BASE_ASSAULT = re.compile(r"\b(?:base|outpost|checkpoint|garrison|barracks|army post|patrol|convoy|military camp|army camp|"
                          r"military post|police station|military position)s?\b", re.IGNORECASE)
DEPLOYED_WEAPONS = re.compile(r"\bdeploy\w*\s+(?:[\w\"“”-]+\s+){0,4}?(?:drones|missiles|rockets|UAVs|Shaheds|bombs)\b|"
                              r"\b(?:drones|missiles|rockets|UAVs|Shaheds|bombs)\s+deployed\b", re.IGNORECASE)
WEAPONS_IN_ASSAULT = re.compile(r"\b(?:drones?|missiles?|rockets?|shells?|bombs?)\s+(?:in|during)\s+(?:an?\s+|the\s+)?"
                                r"(?:\w+\s+){0,2}(?:assault|attack|offensive)\b", re.IGNORECASE)
ASSAULTED_AND_TOOK = re.compile(r"\b(?:attacked|stormed|assaulted|overran|raided)\s+and\s+(?:captured|seized|took|occupied)\b|"
                                r"\b(?:captured|seized|took|occupied)\b.{0,80}\bafter\s+(?:\w+\s+){0,3}(?:days?|hours?|weeks?)\s+of\s+(?:heavy\s+|fierce\s+)?(?:fighting|clashes|battles?)\b",
                                re.IGNORECASE)
FIERCE_FIGHTING = re.compile(r"\b(?:(?:fierce|heavy|intense|bloody|street|deadly|violent)\s+(?:fighting|battles?|clashes)|"
                             r"(?:fighting|battles?|clashes)\s+(?:raged|rages|continued|continues))\b", re.IGNORECASE)
# "seized el-Fasher and advanced into Kordofan", "liberated Hareb and are battling the Houthis in
# Abedia": ground taken, then a fight of its own told as the next act
TOOK_THEN_FOUGHT = re.compile(r"\b(?:captured|seized|took|taken|liberated|retook|recaptured|occupied|control)\b[^.;]{0,120}?"
                              r"\band\s+(?:(?:are|were|is|was|have|has|had)\s+)?(?:(?:currently|now|still|then|later|also)\s+)?"
                              r"(?:advanc\w+|battl\w+|fight\w+|push\w+|attack\w+|clash\w+|besieg\w+|encircl\w+|storm\w+|assault\w+)\b",
                              re.IGNORECASE)
CIVILIAN_TARGET = re.compile(r"\b(?:storm(?:ed|ing)|attack(?:ed|ing)|raid(?:ed|ing)|overr?an|besieged)\s+"
                             r"(?:an?\s+|the\s+|two\s+|three\s+|several\s+)?(?:[\w-]+\s+){0,2}?"
                             r"(?:village|town|market|church|mosque|school|camp|hospital|wedding|funeral|"
                             r"villagers|civilians|residents|worshippers|farmers|displaced|neighbou?rhood|"
                             r"homes|houses|islands?)", re.IGNORECASE)
ARMED_OPPONENT = re.compile(r"\b(?:soldiers|troops|army|military|forces|base|positions|police|checkpoint|garrison|"
                            r"security personnel|vigilantes|militia)\b"
                            r"(?!,? (?:said|says|told|reported|spokes\w+))", re.IGNORECASE)  # "police said": a source
# in an article about a storm or a crash, the dead alone are no talk of war
DEATH_WORDS = re.compile(r"\b(?:killed|kill\w*|wounded)\b", re.IGNORECASE)
# a drill that harmed no one and is not told "ahead of" a parade sets a strike aside (events.yaml's
# exception drill_or_parade names the drill)
HARM = re.compile(r"\b(?:killed|killing|dead|died|wounded|injured|casualties|destroyed|damaged)\b", re.IGNORECASE)
AHEAD_OF = re.compile(r"\b(?:ahead of|before|eve of)\b[^.;]{0,70}$", re.IGNORECASE)
# Figures of speech built of attack words: "hit out at critics", "struck a deal".
IDIOM = re.compile(r"\b(?:hit(?:s|ting)? out at|hit(?:s|ting)? back at (?:critics|claims|reports)|"
                   r"str(?:ike|ikes|uck|iking) (?:a|an|the) (?:deal|balance|chord|note|tone|agreement|bargain)|"
                   r"launch(?:ed|es|ing)? (?:a |an |the )?(?:bid|campaign|appeal|probe|inquiry|investigation))\b",
                   re.IGNORECASE)
WAR_BEGAN = re.compile(r"\b(?:assault|invasion|offensive|war|aggression)\s+(?:\w+\s+){0,2}(?:began|started)\b|"
                       r"\bsince\s+(?:the\s+)?(?:start|beginning|outbreak)\s+of\s+(?:the\s+)?(?:\w+\s+){0,3}"
                       r"(?:war|invasion|offensive|assault)\b|"
                       # "amid tensions following Russia's invasion of Ukraine", "an update on the invasion of"
                       r"\b(?:following|after|since|during|amid|in the wake of|update on|years? of|anniversary of)\s+"
                       r"(?:the\s+)?(?:[\w’']+\s+){0,2}(?:full-scale\s+)?invasion\s+of\b", re.IGNORECASE)
# "began on February 24", "began on Wednesday", "began five months ago": a war's or an
# offensive's start told with its day is a happening, not a time reference
WAR_DATED = re.compile(r"\s+(?:(?:on|in)\s+(?:(?:January|February|March|April|May|June|July|August|September|"
                       r"October|November|December|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|"
                       r"Thursday|Friday|Saturday|Sunday)\b|(?<=on\s)\d)|"
                       r"(?:[\w-]+\s+){1,2}ago\b|last\s+(?:week|month|year)\b)", re.IGNORECASE)
NAME_AFTER = re.compile(r"(?:\s+(?:of|the|town|city|village|settlement|to|over|in)){0,4}\s+[A-Z]")
# what a strike is called again in the lines after it: "the explosions", "the bombing"
BARE_BLAST = re.compile(r"explosions?|blasts?|bombings?", re.IGNORECASE)
PLANTED = re.compile(r"\b(?:bombs?|IEDs?|explosive devices?|suicide|car bomb|mines?|planted|detonated|terror\w*|"
                     r"gunm[ae]n)\b", re.IGNORECASE)
KILLING = re.compile(r"\b(?:killing|killed|wounding|dead)\b", re.IGNORECASE)  # the dead of a fight for ground
LOSS_WORD = re.compile(r"\b(?:loss(?:es)?|lost|loses|losing|casualt(?:y|ies))\b", re.IGNORECASE)


@dataclass
class Trigger:
    type: str
    subtype: Optional[str]
    start: int  # offsets within the sentence
    end: int
    text: str
    rule: str = ""  # the name of the rule that fired: "clash.assault.3", "reader.clash"


def weapons_in(text: str, lexicon: Lexicon) -> list[tuple[int, Weapon]]:
    found = []
    for m in lexicon.weapon_pattern.finditer(text):
        weapon = lexicon.weapon_by_alias.get(canonical(m.group()))
        if weapon:
            found.append((m.start(), weapon))
    return found


def weapon_names(text: str, lexicon: Lexicon) -> list[str]:
    """Canonical weapon names, specific systems first; a generic word only alone."""
    found = weapons_in(text, lexicon)
    specific = [w.name for _, w in found if not w.generic]
    names = specific or [w.name for _, w in found if w.name in ("UAV", "missile")]
    return list(dict.fromkeys(names))


def strike_subtype(text: str, lexicon: Lexicon) -> Optional[str]:
    """The weapon named first decides (ANNOTATION rule 16)."""
    found = [(start, w.subtype) for start, w in weapons_in(text, lexicon)]
    for subtype, pattern in lexicon.strike_subtypes.items():
        m = pattern.search(text)
        if m:
            found.append((m.start(), subtype))
    if not found:
        return None
    return min(found)[1]


# A sentence that tells an assault and the fighting it brought is an assault, wherever
# each is told ("fighting raged as Russian forces stormed the town")
FIRST_READINGS = {("clash", "assault")}


def find_triggers(text: str, lexicon: Lexicon, nearby: str = "", article_at_war: bool = True,
                  vetoes: Optional[list[str]] = None, armed_conflict: bool = True) -> list[Trigger]:
    """One trigger per event type the sentence reports. `nearby` (the sentences
    around it) may supply the talk of armed conflict that a short sentence lacks;
    a power cut or an evacuation needs only an article that speaks of war (`article_at_war`),
    and a shooting or a raid an article that tells of armed conflict (`armed_conflict`,
    see `tells_of_armed_conflict`). Each trigger names the rule that fired; `vetoes`, if
    given, collects the names of the exceptions that set a matched trigger aside."""
    vetoes = [] if vetoes is None else vetoes
    triggers: list[Trigger] = []
    # in an article about a storm or a crash, the dead alone are no talk of war
    conflict = speaks_of_conflict(text, lexicon) and (article_at_war or speaks_of_conflict(DEATH_WORDS.sub(" ", text),
                                                                                           lexicon))
    as_written, text = text, _without_group_names(text, lexicon)
    rules = lexicon.strike_alone
    strike = rules.search(text)
    if strike is None and any(conflict or not w.civilian_too for _, w in weapons_in(text, lexicon)):
        rules = lexicon.strike_with_weapon
        strike = rules.search(text)
    if strike:
        # the weapon named first decides the subtype, whichever trigger word stands (ANNOTATION rule 16)
        found = _standing_trigger("strike", {strike_subtype(text, lexicon): rules}, None, text,
                                  lambda trigger: _strike_exception(trigger, text, lexicon), lexicon, vetoes)
        if found is not None:
            triggers.append(found)
    near_conflict = bool(nearby) and speaks_of_conflict(nearby, lexicon)
    known = _known_happening(text, lexicon)
    if known and known.type == "strike":  # "the airstrikes carried out under Operation Sindoor"
        known = Trigger("strike", strike_subtype(text, lexicon), known.start, known.end, known.text, known.rule)
        triggers = [known]

    def veto_of(trigger: Trigger) -> Optional[str]:
        veto = _exception(trigger, text, as_written, lexicon)
        if veto is None and not (conflict or (article_at_war and near_conflict)
                or (trigger.type == "territory" and article_at_war and NAME_AFTER.match(text, trigger.end))
                or (trigger.type == "disruption" and (article_at_war or near_conflict))):
            veto = "no_talk_of_war"
        return veto

    for etype, subtypes in lexicon.triggers.items():
        own = known if known and known.type == etype else None
        found = _standing_trigger(etype, subtypes, own, text, veto_of, lexicon, vetoes)
        if found is not None:
            triggers.append(found)
    triggers = [t if t is known else _blast_of_a_strike(_against_civilians(t, text), text, nearby, lexicon)
                for t in triggers]
    triggers = _tally_of_many(triggers, text)
    if not any(t.type in ("losses", "strike", "violence") for t in triggers) and (conflict or near_conflict):
        # "More than 40,000 people have died in the conflict, and two million have been displaced"
        triggers += _toll_over_a_period(text)
    # a clash turned violence may meet the sentence's own violence trigger: one per type, the
    # sentence's own reading first
    own_first = sorted(triggers, key=lambda t: " as " in t.rule)
    triggers = [t for t in triggers if t is next(u for u in own_first if u.type == t.type)]
    suppressed = _suppressed(triggers, text)
    for t in triggers:
        if t is known:
            suppressed.pop(t.type, None)  # a known happening is never another reading's detail
    vetoes.extend(f"{t.rule} vetoed by {suppressed[t.type]}" for t in triggers if t.type in suppressed)
    triggers = [t for t in triggers if t.type not in suppressed]
    if not armed_conflict:
        peacetime = _peacetime(triggers, as_written, lexicon)
        vetoes.extend(f"{t.rule} vetoed by {t.type}.no_armed_conflict" for t in peacetime)
        triggers = [t for t in triggers if t not in peacetime]
    return triggers


CRIME_TOO = ("violence", "clash")  # what a town without war also has: shootings, stabbings, police raids


def _peacetime(triggers: list[Trigger], text: str, lexicon: Lexicon) -> list[Trigger]:
    """In an article that tells of no armed conflict, a shooting or a police raid is
    ordinary crime, and a power cut or a closed road whose sentence names no attack is
    no disruption of war (ANNOTATION rules 30 and 31)."""
    war_told = speaks_of_conflict(text, lexicon)
    return [t for t in triggers if t.type in CRIME_TOO or (t.type == "disruption" and not war_told)]


def _tally_of_many(triggers: list[Trigger], text: str) -> list[Trigger]:
    """ANNOTATION rule 28: "Russian attacks killed seven people over the past day" sums
    many happenings, a toll even where no word of loss fired; the first strike or act of
    violence becomes it."""
    if any(t.type == "losses" for t in triggers) or not TALLY_OVER_A_PERIOD.search(text):
        return triggers
    first = next((t for t in triggers if t.type in ("strike", "violence")), None)
    if first is None:
        return triggers
    toll = Trigger("losses", "personnel", first.start, first.end, first.text, f"{first.rule} as losses.tally_of_many")
    return [toll if t is first else t for t in triggers]


# "8,485 people have died in Gaza since October 7", "37 Maoists killed so far this year"
COUNTED_DEATHS = re.compile(r"\b\d[\d,.]*(?:\s+(?:thousand|million))?\s+(?:[\w-]+\s+){0,4}?"
                            r"(?:killed|died|dead|deaths|fatalities|were killed|have died|have been killed|homicides|murders)\b|"
                            # "Israel's attacks killed at least 47 Palestinians within 24 hours"
                            r"\b(?:killed|killing)\s+(?:at least\s+|more than\s+|over\s+|nearly\s+|some\s+|about\s+)?"
                            r"\d[\d,.]*(?:\s+(?:thousand|million))?\b|"
                            r"\b(?:lives of|deaths of|death toll[^.;]{0,60}?)\s+(?:more than\s+|over\s+|at least\s+)?\d[\d,.]*\b|"
                            # "resulting in the loss of at least 16,650 lives"
                            r"\b\d[\d,.]*(?:\s+(?:thousand|million))?\s+(?:lives|deaths)\b",
                            re.IGNORECASE)


# a period a count of the dead is summed over, where no single happening is told
LOOSE_PERIOD = re.compile(r"\b(?:(?:last|this|past) year|per (?:day|week|month)|a (?:day|month)|"
                          r"every (?:day|month)|in the first \w+ (?:days|weeks|months)|"
                          # told before the count: "Since the start of the war, 8,000 people have died"
                          rf"since (?:the )?(?:beginning|start|outbreak) of|since \d{{4}}|since {MONTH} \d)\b", re.IGNORECASE)


def _toll_over_a_period(text: str) -> list[Trigger]:
    """ANNOTATION rule 28: deaths counted over a period, told with no word of loss
    ("8,485 people have died since October 7"), are a toll."""
    period = TALLY_OVER_A_PERIOD.search(text) or LOOSE_PERIOD.search(text)
    deaths = COUNTED_DEATHS.search(text)
    if not (period and deaths):
        return []
    return [Trigger("losses", "personnel", deaths.start(), deaths.end(), deaths.group(),
                    "losses.personnel.toll_over_a_period")]


def _known_happening(text: str, lexicon: Lexicon) -> Optional[Trigger]:
    """A trigger naming a known happening ("the October 7 attack"), which wins over the
    other triggers of its type wherever they stand in the sentence."""
    m = lexicon.known_rules.search(text) if lexicon.known_rules else None
    if m is None:
        return None
    rule = lexicon.known_rules.rule_of(m)
    etype, subtype, _ = rule.split(".", 2)
    return Trigger(etype, subtype, m.start(), m.end(), m.group(), rule)


def _standing_trigger(etype: str, subtypes: dict[str, Rules], known: Optional[Trigger], text: str,
                      veto_of: Callable[[Trigger], Optional[str]], lexicon: Lexicon,
                      vetoes: list[str]) -> Optional[Trigger]:
    """The sentence's first trigger word of `etype` that nothing sets aside (the known
    happening it names, if any). An exception that looks only around its word leaves the
    sentence's next word of the type ("drones and attack helicopters targeted the city");
    one that reads the whole sentence, or sets a known happening aside, leaves none."""
    searched_from = dict.fromkeys(subtypes, 0)
    while True:
        best = known or _first_trigger(etype, subtypes, text, searched_from)
        if best is None:
            return None
        veto = veto_of(best)
        if not veto:
            return best
        vetoes.append(f"{best.rule} vetoed by {etype}.{veto}")
        if best is known or not lexicon.exception_is_local(veto):
            return None
        searched_from[best.subtype] = best.end


def _first_trigger(etype: str, subtypes: dict[str, Rules], text: str,
                   searched_from: dict[str, int]) -> Optional[Trigger]:
    """The sentence's first trigger word of `etype` (an assault before any other reading of a
    clash), each subtype searched from where `searched_from` says."""
    best: Optional[Trigger] = None
    for subtype, pattern in subtypes.items():
        m = pattern.search(text, searched_from[subtype])
        if m and (best is None or m.start() < best.start) and not (
                best is not None and (etype, best.subtype) in FIRST_READINGS):
            best = Trigger(etype, subtype, m.start(), m.end(), m.group(), pattern.rule_of(m))
    return best


def _strike_exception(trigger: Trigger, text: str, lexicon: Lexicon) -> Optional[str]:
    """The exceptions that set a strike aside: a drill that harmed no one, and those of
    events.yaml that apply to strikes."""
    drill = lexicon.exception_pattern("drill_or_parade").search(text)
    if drill and not HARM.search(text) and not AHEAD_OF.search(text, max(0, drill.start() - 80), drill.start()):
        # ANNOTATION rule 31: missiles shown at a parade, fired in a drill; not drones shot
        # down "ahead of the Victory Day parade", nor strikes that killed troops at a drill
        return "drill_or_parade"
    return lexicon.exception_to("strike", text, trigger.start, trigger.end)


def _exception(trigger: Trigger, text: str, as_written: str, lexicon: Lexicon) -> Optional[str]:
    """The name of the exception that sets a matched trigger aside, if one does: those of
    events.yaml first, then those that need more than one pattern."""
    etype, start, end = trigger.type, trigger.start, trigger.end
    named = lexicon.exception_to(etype, text, start, end)
    if named:
        return named
    if etype == "clash" and any(m.start() < end and start < m.end() and not WAR_DATED.match(text, m.end())
                                for m in WAR_BEGAN.finditer(text)):
        return "war_as_background"  # "since Russia's military assault began"
    if etype == "clash" and trigger.subtype == "other" and not _armed_near(trigger, as_written, lexicon):
        return "nobody_armed_near"  # "the mystery surrounding the case"
    around = as_written[max(0, start - 50):end + 50]
    if (etype == "deployment" and trigger.subtype == "other" and not lexicon.armed_force_pattern.search(around)
            and not lexicon.armed_group_pattern.search(around)):
        return "no_forces_moved"  # "deploying a portable flood wall"; not "the RSF set up bases"
    return None


INVADED = re.compile(r"invad(?:ed|es|ing)|invasion", re.IGNORECASE)
OBJECT_AFTER = re.compile(r"(?:\s+(?:of\s+)?[A-Z][\w'’-]+){1,2}")


def _words_after(text: str, end: int) -> int:
    """The length of the country named after "invaded" ("invaded Ukraine in late February")."""
    m = OBJECT_AFTER.match(text, end)
    return len(m.group()) if m else 0


def _suppressed(triggers: list[Trigger], text: str) -> dict[str, str]:
    """When a sentence fires several types, some readings swallow others: the type
    swallowed → the name of the rule that swallows it."""
    kinds = {t.type for t in triggers}
    suppressed = {other: f"{kind}.swallows_{other}" for kind in kinds for other in SUPPRESSES.get(kind, set())}
    if "losses" in kinds and any(t.type == "strike" and t.rule.endswith(".weapon_harmed") for t in triggers):
        # "100 soldiers have been killed, with drones among the causes": a toll that names a weapon
        suppressed.pop("losses", None)
        suppressed["strike"] = "losses.toll_not_strike"
    if "territory" in kinds and FIERCE_FIGHTING.search(text):
        suppressed.pop("clash", None)  # "fierce fighting raged in Donetsk, where Russia says it took Soledar"
    if "territory" in kinds and KILLING.search(text):
        suppressed.pop("clash", None)  # "overran bases in Osweyne, killing dozens of soldiers": a fight with its dead
    if "territory" in kinds and TOOK_THEN_FOUGHT.search(text):
        suppressed.pop("clash", None)  # "seized el-Fasher and advanced into Kordofan": two acts
    if "territory" in kinds and ASSAULTED_AND_TOOK.search(text):
        suppressed.pop("clash", None)  # "attacked and captured an outpost after four days of fighting": both
    if "strike" in kinds and any(t.type == "clash" and (WEAPON_ASSAULT.search(text) or WEAPONS_IN_ASSAULT.search(text)
                                                        or (BARE_ASSAULT.fullmatch(t.text) and not GROUND.search(text)))
                                 for t in triggers):
        suppressed["clash"] = "strike.remote_assault"  # "a drone assault", "138 drones in a massive assault"
    if any(t.type == "clash" and t.rule.endswith((".forces_came_under_attack", ".attack_by_fighters"))
           for t in triggers) and not REMOTE_WEAPON.search(text):
        # "Malian troops came under attack near Tinzaouaten", "came under attack by al-Shabaab militants"
        suppressed["strike"] = "clash.forces_under_attack"
    if any(t.type == "clash" and t.rule.endswith(".armed_men_killed_forces") for t in triggers) and not (
            TALLY_OVER_A_PERIOD.search(text)):
        suppressed.pop("clash", None)  # "JNIM said it killed 20 soldiers and briefly took the base": one attack's toll
        suppressed["losses"] = "clash.soldiers_killed_in_an_attack"
    if any(t.type == "clash" and t.rule.endswith(".forces_killed_fighters") for t in triggers):
        suppressed["violence"] = "clash.fighters_killed_by_forces"  # "security forces gunned down three militants"
    if any(t.type == "clash" and BASE_ASSAULT.search(text, t.start, t.end + 40) for t in triggers):
        suppressed["violence"] = "clash.bombs_of_the_assault"  # "attacked a base with vehicle-borne bombs"
    if any(t.type == "deployment" and AT_THE_BORDER.search(t.text) for t in triggers) and "clash" in kinds:
        suppressed["deployment"] = "clash.fighting_at_the_border"  # "troops traded fire along the border"
    if "strike" in kinds and DEPLOYED_WEAPONS.search(text):
        suppressed["deployment"] = "strike.weapons_deployed"  # "launched an assault, deploying 267 Shahed drones"
    if "losses" in kinds and any(t.type == "clash" and (t.rule.endswith(".war_launched") or (
            INVADED.fullmatch(t.text) and WAR_DATED.match(text, t.end + _words_after(text, t.end))))
            for t in triggers):
        # "killed since Russia launched a war against its neighbour on Feb. 24": the toll, and the
        # war's start told with its day, an event of its own (ANNOTATION rules 2 and 28)
        suppressed.pop("clash", None)
    if ("clash" in kinds and "losses" in kinds and (TOLL_OF_ONE_CLASH.search(text) or TOLL_OF_ONE_BATTLE.search(text))
            and not TALLY_OVER_A_PERIOD.search(text)):
        # "the death toll from Tuesday's ambush rose to 28": the toll of one happening is its own
        suppressed.pop("clash", None)
        suppressed["losses"] = "clash.toll_of_one_clash"
    if "losses" in kinds and TALLY_OVER_A_PERIOD.search(text):
        # ANNOTATION rule 28: "Israeli strikes have killed 30,000 people in Gaza since October"
        # sums many happenings; one happening or one night's wave stays a strike
        suppressed.pop("losses", None)
        for kind in ("strike", "violence"):
            suppressed[kind] = "losses.tally_over_a_period"
    if any(t.type == "losses" and (LOSS_WORD.search(t.text) or t.rule.endswith(".personnel_destroyed"))
           for t in triggers):
        # "artillery losses peaked", "lost eight tanks", "destroyed 135 servicemen": a toll, not a strike
        suppressed.pop("losses", None)
        suppressed["strike"] = "losses.toll_not_strike"
    return suppressed


def _armed_near(trigger: Trigger, text: str, lexicon: Lexicon) -> bool:
    """Whether forces or a party are named near a word that only means war with them
    ("surrounded", "besieged")."""
    window = text[max(0, trigger.start - 50):trigger.end + 50]
    return bool(lexicon.armed_force_pattern.search(window) or lexicon.actor_pattern.search(window))


def _against_civilians(trigger: Trigger, text: str) -> Trigger:
    """"Militants stormed a village, killing nine", "nine killed in an attack by gunmen": an
    assault on people who do not fight back is violence against civilians, not a clash (as
    ACLED counts it)."""
    by_fighters = trigger.rule.endswith(".attack_by_fighters")  # whom they attacked is not said
    if trigger.type != "clash" or not (by_fighters or CIVILIAN_TARGET.search(text)) or ARMED_OPPONENT.search(text):
        return trigger
    return Trigger("violence", "other", trigger.start, trigger.end, trigger.text,
                   f"{trigger.rule} as violence.against_civilians")


def _without_group_names(text: str, lexicon: Lexicon) -> str:
    """The text with the names of armed groups and idioms blanked out, offsets kept: the
    Baloch Liberation Army liberated nothing, the Rapid Support Forces deployed nothing,
    a minister who "hit out at" a president struck nothing."""
    def blank(m: re.Match[str]) -> str:
        # one placeholder word, so that "repelled an Islamic State attack" still reads as
        # "repelled an ___ attack"
        entry = lexicon.actor_by_alias.get(canonical(m.group()))
        return "_" * len(m.group()) if entry and entry.country is None and " " in m.group() else m.group()
    return IDIOM.sub(lambda m: " " * len(m.group()), lexicon.actor_pattern.sub(blank, text))


def _is_bare_blast(trigger: Trigger, text: str) -> bool:
    """"Explosions were heard", "the attack killed eight people": a blast or an attack
    with nothing that says it was a bomb or a shooting."""
    bare = bool(BARE_BLAST.fullmatch(trigger.text)) or trigger.rule.endswith(".deadly_attack")
    return trigger.type == "violence" and bare and not PLANTED.search(text)


def blast_of_the_strike(trigger: Trigger, text: str) -> Trigger:
    """A bare blast a few lines after a strike was told: the strike's, not a bombing."""
    if _is_bare_blast(trigger, text):
        return Trigger("strike", None, trigger.start, trigger.end, trigger.text, f"{trigger.rule} as strike.echo_of_strike")
    return trigger


def _blast_of_a_strike(trigger: Trigger, text: str, nearby: str, lexicon: Lexicon) -> Trigger:
    """"Five explosions were heard in Ryazan" amid reports of drones: the strike's
    blasts, not a bombing."""
    if not _is_bare_blast(trigger, text):
        return trigger
    found = weapons_in(text, lexicon) or weapons_in(nearby, lexicon)
    if not any(w.name in ("UAV", "missile", "rocket") or w.subtype in ("drone", "missile") for _, w in found):
        return trigger
    subtype = strike_subtype(text, lexicon) or strike_subtype(nearby, lexicon)
    return Trigger("strike", subtype, trigger.start, trigger.end, trigger.text,
                   f"{trigger.rule} as strike.blast_amid_drones")


def status_of(text: str, trigger: Trigger, lexicon: Lexicon) -> str:
    """asserted, unverified, denied or expected, from the words around the trigger."""
    before = text[max(0, trigger.start - 60):trigger.start]
    clause_start = max(before.rfind(","), before.rfind(";"))
    near = before[clause_start + 1:] if clause_start >= 0 else before
    denial = lexicon.status_cues["denied"].search(text)
    if denial and not (denial.start() > trigger.end and re.search(r"\b(?:but|while|although|though|yet)\b|;",
                                                              text[trigger.end:denial.start()], re.I)):
        return "denied"  # not "deployed troops to the border but denies planning an invasion"
    if lexicon.status_cues["unverified"].search(text):
        return "unverified"
    if lexicon.status_cues["expected"].search(near) or re.search(
            r"\b(?:possible|imminent|planned|coming|upcoming|expected|potential|future)\s+(?:\w+\s+)?$", near, re.I):
        return "expected"
    return "asserted"
