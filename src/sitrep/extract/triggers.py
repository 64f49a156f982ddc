"""Triggers: which event types a sentence reports, their subtypes, the weapons it
names, and the status of what it says (asserted, unverified, denied, expected).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..lexicon import Lexicon, Weapon, canonical

def speaks_of_conflict(text: str, lexicon: Lexicon) -> bool:
    """War words (events.yaml's class {war_talk}), or the name of an armed group from
    actors.yaml (a user's too): "the battle for the title" or "rail workers strike" are no events."""
    return bool(lexicon.war_talk_pattern.search(text) or lexicon.armed_group_pattern.search(text))


def article_at_war(text: str, lexicon: Lexicon) -> bool:
    """The article speaks of armed conflict, and not of a storm or a flood."""
    return speaks_of_conflict(text, lexicon) and not NATURAL_HAZARD.search(text)

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
    r"\b\d+-day\s+(?:bombardment|campaign|war|offensive|assault|operation|mark)\b|\b\d+\s+day\s+mark\b)|"
    # the period told first: "weeks of aerial bombardment that has killed more than 2,300 people"
    r"\b(?:weeks|months|years|\d+\s+days)\s+of\s+(?:[\w-]+\s+){0,2}?(?:bombardments?|bombing|strikes|airstrikes|"
    r"air\s+raids|attacks|shelling|fighting|war)\b[^.;]{0,80}?\b(?:killed|killing|deaths|dead)\b|"
    # "Israeli strikes had killed at least 224 people": hundreds dead, the work of many strikes
    r"\b(?:strikes|airstrikes|attacks|bombardment)\s+(?:[\w-]+\s+){0,6}?(?:have|has|had)\s+(?:so\s+far\s+)?killed\s+"
    r"(?:at\s+least\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+|some\s+|about\s+)?(?:\d{3,}|\d{1,3},\d{3})\b",
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
AMID = re.compile(r"\b(?:amid|amidst|against the backdrop of)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
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
FIERCE_FIGHTING = re.compile(r"\b(?:(?:fierce|heavy|intense|bloody|street)\s+(?:fighting|battles?|clashes)|"
                             r"(?:fighting|battles?|clashes)\s+(?:raged|rages|continued|continues))\b", re.IGNORECASE)
CIVILIAN_TARGET = re.compile(r"\b(?:storm(?:ed|ing)|attack(?:ed|ing)|raid(?:ed|ing)|overr?an|besieged)\s+"
                             r"(?:an?\s+|the\s+|two\s+|three\s+|several\s+)?(?:[\w-]+\s+){0,2}?"
                             r"(?:village|town|market|church|mosque|school|camp|hospital|wedding|funeral|"
                             r"villagers|civilians|residents|worshippers|farmers|displaced|neighbou?rhood|"
                             r"homes|houses|islands?)", re.IGNORECASE)
ARMED_OPPONENT = re.compile(r"\b(?:soldiers|troops|army|military|forces|base|positions|police|checkpoint|garrison|"
                            r"security personnel|vigilantes|militia)\b"
                            r"(?!,? (?:said|says|told|reported|spokes\w+))", re.IGNORECASE)  # "police said": a source
# A storm or a fire: its power cuts and evacuations are no conflict events.
NATURAL_HAZARD = re.compile(r"\b(?:hurricane|typhoon|cyclone|(?:tropical|winter|snow|ice) storms?|earthquake|wildfires?|bushfires?|"
                            r"floods?|flooding|tornado|heatwave|blizzard|landslide|tsunami|volcan\w+|"
                            r"(?:heavy|deep) snow|snowfall|snowdrifts?|black ice|avalanches?|mudslides?|"
                            r"(?:burst|broken) (?:water )?mains?|a main burst|pipe burst)\b", re.IGNORECASE)
ATTEMPTED = re.compile(r"\b(?:attempts?|attempting|attempted|trying|tried|try|fail(?:ed|ing|s)?|bid|efforts?|"
                       r"push(?:es|ed|ing)?|seek(?:s|ing)?|sought|aim(?:s|ed|ing)?|press(?:es|ed|ing)?|"
                       r"fight(?:s|ing)?|battl(?:es|ed|ing)|struggl(?:es|ed|ing)|striv(?:es|ing)|scrambl(?:es|ed|ing))"
                       r"\s+to\s+$", re.IGNORECASE)
DRILL_OR_PARADE = re.compile(r"\b(?:(?:military |joint |naval |air )?(?:exercises|drills?)|war games|"
                             r"(?:military )?parade|manoeuvres|maneuvers|"
                             # "the exercise, coined Steadfast Defender", "a joint military exercise"
                             r"(?:military|joint|naval|army|NATO|large-scale|the) exercise|"
                             r"exercise,? (?:coined|dubbed|named|called|code-?named))\b", re.IGNORECASE)
# ANNOTATION rule 30: accidents and sport are no events, whatever words of war they use
NOT_A_WAR_STORY = re.compile(r"\bgas (?:blast|explosion|leak|cylinder)s?\b|\b(?:boiler|gas pipeline) explo|"
                             r"\b(?:World Cup|playoffs?|Champions League|Premier League|Olympics?|football match|"
                             r"friendly match|semi-finals?|quarter-finals?)\b|\bdrone delivery\b", re.IGNORECASE)
# a war long past: "the end of World War I", "back to 1966 during the Vietnam War" (not "the
# largest attack since World War II", a yardstick, nor a strike told beside "the 80th
# anniversary of the end of World War II")
DEATH_WORDS = re.compile(r"\b(?:killed|kill\w*|wounded)\b", re.IGNORECASE)
LONG_PAST_WAR = re.compile(r"\b(?:in|during|of|end of|after)\s+(?:the\s+)?(?:World War\s+(?:I|II|One|Two|1|2)|"
                           r"First World War|Second World War|Great War|Vietnam War|Korean War)\b", re.IGNORECASE)
WAR_WEAPON_ATTACK = re.compile(r"\b(?:drone|missile|rocket|air|artillery)\s+(?:attacks?|strikes?)\b", re.IGNORECASE)
NONE_SUFFERED = re.compile(r"\bno\s+(?:[\w-]+\s+){0,4}?(?:or\s+|and\s+)?$|\bwithout\s+(?:any\s+)?$", re.IGNORECASE)
NOT_SENT = re.compile(r"\b(?:no (?:plans?|intention|consensus|decision|question)(?:[ .…]+\w+){0,3}?[ .…]+(?:to|on|of|about)|"
                      r"not|never|ruled out|rules out|rule out|refused to|refuses to|against)\s+(?:\w+\s+){0,2}$",
                      re.IGNORECASE)
HARM = re.compile(r"\b(?:killed|killing|dead|died|wounded|injured|casualties|destroyed|damaged)\b", re.IGNORECASE)
AHEAD_OF = re.compile(r"\b(?:ahead of|before|eve of)\b[^.;]{0,70}$", re.IGNORECASE)
TO_STOP_FIGHTING = re.compile(r"\b(?:halt|end|stop|ending|halting|stopping|pause|pausing|cease|freeze)\s+"
                              r"(?:(?:to|of)\s+)?(?:the\s+|all\s+)?(?:fighting|hostilities|war|clashes)\b|"
                              # "hopes for a quick end to the fighting", "an effective short-term halt” to the fighting"
                              r"\b(?:end|halt|pause|cessation)[”\"']?\s+(?:to|of)\s+(?:the\s+)?(?:fighting|hostilities)\b",
                              re.IGNORECASE)
# Figures of speech built of attack words: "hit out at critics", "struck a deal".
IDIOM = re.compile(r"\b(?:hit(?:s|ting)? out at|hit(?:s|ting)? back at (?:critics|claims|reports)|"
                   r"str(?:ike|ikes|uck|iking) (?:a|an|the) (?:deal|balance|chord|note|tone|agreement|bargain)|"
                   r"launch(?:ed|es|ing)? (?:a |an |the )?(?:bid|campaign|appeal|probe|inquiry|investigation))\b",
                   re.IGNORECASE)
# Launches that are no attack: space rockets, satellites, tests.
NOT_ATTACKS = re.compile(r"\b(?:space rocket|into orbit|launch vehicle|space launch|satellite launch|"
                         r"launch(?:ed|es|ing)? (?:a |an |its |the )?(?:\w+ )?satellite|test[- ]fired|"
                         r"missile tests?|test launch|detected the launch|"
                         # North Korea's launches are tests and shows of force (ANNOTATION rule 30)
                         r"(?:North Korea|Pyongyang|the North)\b[^.;]{0,40}?\b(?:fired|launched|fires|launches)\b|"
                         # a missile fired into the sea is a test or a show of force (ANNOTATION rule 30)
                         r"(?:fired|launched|landed|fell)\b[^.;]{0,80}?\b(?:into|in|toward|towards|off) (?:the )?"
                         r"(?:sea|ocean|East Sea|Sea of Japan|Yellow Sea|waters)|"
                         r"(?:on|general|hunger|labou?r|national|nationwide|warning|"
                         r"one-day|24-hour|rail|transport|dock|teachers'?|workers'?|union|staged? an?|called an?)"
                         r"\s+strikes?)\b", re.IGNORECASE)  # launches into space; strikes by workers
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
CAPTIVES_AFTER = re.compile(
    r"\s+(?:(?:more than|over|about|around|at least|nearly|some)\s+)?(?:[\d,]+|two|three|four|five|six|seven|eight|"
    r"nine|ten|dozens|hundreds)?\s*(?:\w+\s+){0,2}(?:soldiers|troops|men|people|prisoners|civilians|fighters|"
    r"servicemen|hostages|women|children|POWs)\b", re.IGNORECASE)
NAME_AFTER = re.compile(r"(?:\s+(?:of|the|town|city|village|settlement|to|over|in)){0,4}\s+[A-Z]")
# what a strike is called again in the lines after it: "the explosions", "the bombing"
BARE_BLAST = re.compile(r"explosions?|blasts?|bombings?", re.IGNORECASE)
PLANTED = re.compile(r"\b(?:bombs?|IEDs?|explosive devices?|suicide|car bomb|mines?|planted|detonated|terror\w*|"
                     r"gunm[ae]n)\b", re.IGNORECASE)
CRIMINAL_ASSAULT = re.compile(r"\b(?:sexual(?:ly)?|aggravated|indecent|domestic|physical|criminal|simple|felony)\s+assault|"
                              r"\b(?:charged with|counts? of|charges? of|accused of|arrested for|convicted of)\s+"
                              r"(?:[\w-]+\s+){0,2}assault", re.IGNORECASE)
NOT_GROUND = re.compile(r"\s+(?:on\s+(?:video|camera|film|tape|CCTV)|in\s+(?:a\s+)?(?:photos?|images?|pictures?)|"
                        r"the\s+(?:mood|spirit|imagination|attention|essence|hearts?|moment|title|crown|award)|"
                        # "seized 1,248 bags of heroin", "captured 1.3 percent of the vote": goods and votes
                        r"(?:(?:more than|over|about|some|nearly)\s+)?(?:[\d,.]+\s+|an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
                        r"(?:bags?|kilograms?|kg|pounds?|tons?|tonnes?|drugs|heroin|cocaine|marijuana|cash|guns|rifles|"
                        r"ammunition|vehicles?|cars?|trucks?|trailers?|boats?|ships?|vessels?|tankers?|"
                        r"votes?|seats?|motel|house|home|assets|property|documents|phones?|weapons|arms|munitions|"
                        r"equipment|tanks|drones|artillery pieces|supplies)|"
                        # a share of the vote, not "70 percent of Pokrovsk"
                        r"[\d,.]+\s+(?:percent|per cent|%)\s+of\s+(?:the\s+)?(?:votes?|ballots?|seats|shares?|stake|market))\b",
                        re.IGNORECASE)
# "the junta that seized power in 2021": a coup takes no ground ("the Taliban seized power" did)
COUP = re.compile(r"\b(?:seiz\w*|took|tak\w+|grabb?\w*)\s+power\b(?=[^.;]*\bcoup\b)|"
                  r"\b(?:junta|military|army|generals|officers|soldiers|leaders)\b[^.;]{0,40}\b(?:seiz\w*|took|tak\w+)\s+power\b",
                  re.IGNORECASE)
# "satellite images captured on Wednesday", "footage captured by a drone"
# "killed, captured, wounded and missing", "534 were captured", "222 people were believed
# captured": people or kit taken, not ground
TAKEN_ALIVE_BEFORE = re.compile(
    r"\b(?:killed|wounded|injured|dead|missing|destroyed|damaged)(?:,|\s+or|\s+and)\s+(?:\w+\s+)?$|"
    r"\b(?:\d[\d,]*(?!\s*(?:percent|per cent|%))|people|civilians|soldiers|troops|servicem[ae]n|fighters|tanks|"
    r"vehicles|hostages|foreigners|prisoners|members)\s+(?:[\w-]+\s+){0,3}"
    r"(?:were|was|have been|has been|had been|being)\s+(?:\w+\s+)?$", re.IGNORECASE)
CALM_UNDER_CONTROL = re.compile(r"\b(?:situation|fires?|blaze|flames|outbreak)\s+(?:[\w-]+\s+){0,4}?[“\"']?"
                                r"(?:(?:fully|completely|now|largely)\s+)?under\s+control", re.IGNORECASE)
CAPTURE_WORD = re.compile(r"captur|seiz", re.IGNORECASE)
PICTURES_BEFORE = re.compile(r"\b(?:images?|imagery|photos?|photographs?|pictures?|footage|videos?)\s+(?:\w+\s+){0,2}$",
                             re.IGNORECASE)
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
                  vetoes: Optional[list[str]] = None) -> list[Trigger]:
    """One trigger per event type the sentence reports. `nearby` (the sentences
    around it) may supply the talk of armed conflict that a short sentence lacks;
    a power cut or an evacuation needs only an article that speaks of war (`article_at_war`).
    Each trigger names the rule that fired; `vetoes`, if given, collects the names of
    the exceptions that set a matched trigger aside."""
    vetoes = [] if vetoes is None else vetoes
    triggers: list[Trigger] = []
    # in an article about a storm or a crash, the dead alone are no talk of war
    conflict = speaks_of_conflict(text, lexicon) and (article_at_war or speaks_of_conflict(DEATH_WORDS.sub(" ", text),
                                                                                           lexicon))
    as_written, text = text, _without_group_names(text, lexicon)
    rules = lexicon.strike_alone
    strike = None if NOT_ATTACKS.search(text) else rules.search(text)
    if strike is None and not NOT_ATTACKS.search(text) and any(conflict or not w.civilian_too
                                                               for _, w in weapons_in(text, lexicon)):
        rules = lexicon.strike_with_weapon
        strike = rules.search(text)
    if strike:
        found = Trigger("strike", strike_subtype(text, lexicon), strike.start(), strike.end(), strike.group(),
                        rules.rule_of(strike))
        veto = _strike_exception(text)
        if veto:
            vetoes.append(f"{found.rule} vetoed by strike.{veto}")
        else:
            triggers.append(found)
    near_conflict = bool(nearby) and speaks_of_conflict(nearby, lexicon)
    known = _known_happening(text, lexicon)
    if known and known.type == "strike":  # "the airstrikes carried out under Operation Sindoor"
        known = Trigger("strike", strike_subtype(text, lexicon), known.start, known.end, known.text, known.rule)
        triggers = [known]
    for etype, subtypes in lexicon.triggers.items():
        best: Optional[Trigger] = known if known and known.type == etype else None
        for subtype, pattern in subtypes.items() if best is None else ():
            m = pattern.search(text)
            if m and (best is None or m.start() < best.start) and not (
                    best is not None and (etype, best.subtype) in FIRST_READINGS):
                best = Trigger(etype, subtype, m.start(), m.end(), m.group(), pattern.rule_of(m))
        if best is None:
            continue
        veto = _exception(best, text, as_written, lexicon)
        if veto is None and not (conflict or (article_at_war and near_conflict)
                or (etype == "territory" and article_at_war and NAME_AFTER.match(text, best.end))
                or (etype == "disruption" and (article_at_war or near_conflict))):
            veto = "no_talk_of_war"
        if veto:
            vetoes.append(f"{best.rule} vetoed by {etype}.{veto}")
        else:
            triggers.append(best)
    triggers = [t if t is known else _blast_of_a_strike(_against_civilians(t, text), text, nearby, lexicon)
                for t in triggers]
    triggers = _tally_of_many(triggers, text)
    if not triggers and (conflict or near_conflict):
        triggers = _toll_over_a_period(text)
    # a clash turned violence may meet the sentence's own violence trigger: one per type, the
    # sentence's own reading first
    own_first = sorted(triggers, key=lambda t: " as " in t.rule)
    triggers = [t for t in triggers if t is next(u for u in own_first if u.type == t.type)]
    suppressed = _suppressed(triggers, text)
    for t in triggers:
        if t is known:
            suppressed.pop(t.type, None)  # a known happening is never another reading's detail
    vetoes.extend(f"{t.rule} vetoed by {suppressed[t.type]}" for t in triggers if t.type in suppressed)
    return [t for t in triggers if t.type not in suppressed]


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
                            r"\b(?:lives of|deaths of|death toll[^.;]{0,60}?)\s+(?:more than\s+|over\s+|at least\s+)?\d[\d,.]*\b",
                            re.IGNORECASE)


# a period a count of the dead is summed over, where no single happening is told
LOOSE_PERIOD = re.compile(r"\b(?:(?:last|this|past) year|per (?:day|week|month)|a (?:day|month)|"
                          r"every (?:day|month)|in the first \w+ (?:days|weeks|months)|"
                          # told before the count: "Since the start of the war, 8,000 people have died"
                          r"since (?:the )?(?:beginning|start|outbreak) of|since \d{4})\b", re.IGNORECASE)


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


def _strike_exception(text: str) -> Optional[str]:
    """The exceptions a strike's rules leave to be checked on the whole sentence."""
    drill = DRILL_OR_PARADE.search(text)
    if drill and not HARM.search(text) and not AHEAD_OF.search(text, max(0, drill.start() - 80), drill.start()):
        # ANNOTATION rule 31: missiles shown at a parade, fired in a drill; not drones shot
        # down "ahead of the Victory Day parade", nor strikes that killed troops at a drill
        return "drill_or_parade"
    if NOT_A_WAR_STORY.search(text):
        return "not_a_war_story"
    return None


def _exception(trigger: Trigger, text: str, as_written: str, lexicon: Lexicon) -> Optional[str]:
    """The name of the exception that sets a matched trigger aside, if one does."""
    etype, start, end = trigger.type, trigger.start, trigger.end
    if DRILL_OR_PARADE.search(text):
        return "drill_or_parade"  # ANNOTATION rule 31: exercises and parades are no events
    if NOT_A_WAR_STORY.search(text) and not (etype == "strike" and WAR_WEAPON_ATTACK.search(text)):
        # a gas blast, a football match (ANNOTATION rule 30), unless the sentence also tells an
        # attack ("the gas explosion occurred during the repulsion of a drone attack")
        return "not_a_war_story"
    if etype != "strike" and LONG_PAST_WAR.search(text):
        return "long_past_war"
    if etype == "losses" and NONE_SUFFERED.search(text[max(0, start - 40):start]):
        return "none_suffered"  # "causing material damage but no immediate casualties"
    if etype == "deployment" and NOT_SENT.search(text[max(0, start - 50):start]):
        return "not_sent"  # "no plans to send troops", "ruled out deploying forces"
    if etype == "clash" and TO_STOP_FIGHTING.search(text[max(0, start - 30):end]):
        return "fighting_to_stop"  # "talks to halt the fighting"
    if etype == "disruption" and NATURAL_HAZARD.search(text):
        return "natural_hazard"  # a storm's power cuts and evacuations
    if etype == "clash" and any(m.start() < end and start < m.end() and not WAR_DATED.match(text, m.end())
                                for m in WAR_BEGAN.finditer(text)):
        return "war_as_background"  # "since Russia's military assault began"
    if etype == "clash" and AMID.search(text[max(0, start - 30):start]):
        return "amid_backdrop"  # "gaining ground amid a heavy offensive"
    if etype == "clash" and CRIMINAL_ASSAULT.search(text[max(0, start - 40):end]):
        return "criminal_assault"  # "charged with aggravated assault"
    if etype == "clash" and trigger.subtype == "other" and not _armed_near(trigger, as_written, lexicon):
        return "nobody_armed_near"  # "the mystery surrounding the case"
    if etype == "territory" and CALM_UNDER_CONTROL.search(text, max(0, start - 60), end + 2):
        return "situation_under_control"  # "the situation was 'under control'", "the fire was brought under control"
    if etype == "territory" and COUP.search(text):
        return "coup_takes_no_ground"  # "the junta that seized power in 2021" (ANNOTATION rule 30)
    if etype == "territory" and ATTEMPTED.search(text[max(0, start - 30):start]):
        return "only_attempted"  # "attempts to capture Severodonetsk": an assault, no change of hands
    if etype == "territory" and (CAPTIVES_AFTER.match(text, end) or NOT_GROUND.match(text, end)
                                 or PICTURES_BEFORE.search(text, max(0, start - 40), start)
                                 or (CAPTURE_WORD.match(trigger.text)
                                     and TAKEN_ALIVE_BEFORE.search(text, max(0, start - 80), start))):
        return "people_or_pictures_taken"  # "captured 80 Russian troops", "captured on video"
    if (etype == "deployment" and trigger.subtype == "other"
            and not lexicon.armed_force_pattern.search(as_written[max(0, start - 50):end + 50])):
        return "no_forces_moved"  # "deploying a portable flood wall"
    return None


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
