"""Actors: the parties a sentence names, with metonymy resolved ("Kyiv launched" is
Ukraine, "the Kremlin said" is Russia), and which of them acted, which was acted
against, and which only defended ("Russian air defences downed …").
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from ..lexicon import IRREGULARS, ActorEntry, Lexicon, canonical
from ..models import Party
from ..resolve.places import ends_a_longer_name

TARGET_BEFORE = re.compile(
    r"\b(?:on|against|at|into|toward|towards|targeting|targeted|in|over|across|to|of|from|inside|hit|struck|"
    r"attacked|shelled|bombed|near)\s+(?:the\s+)?"
    # "On Sunday Hezbollah fired …": a day or a month before the name is no target
    r"(?:(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|\d+|night|morning|evening|afternoon|dawn|time)\b)\w+\s+){0,1}$",
    re.IGNORECASE)
DEFENDER_AFTER = re.compile(
    # "Ukraine's air force said it downed 40 drones" defends; "the air force carried out a strike" attacks
    r"^(?:'s|’s)?\s+(?:\w+\s+)?(?:air[- ]defen[cs]es?|anti-aircraft|flak|air-defen[cs]e|"
    r"air force(?!\s+(?:\w+\s+)?(?:carried|conducted|launched|struck|bombed|hit|pounded|targeted|attacked|"
    r"jets|planes|warplanes|aircraft|drones?)\b)|"
    r"electronic warfare|units? (?:shot|downed|intercepted|destroyed))|"
    r"^(?:'s|’s)?\s+(?:(?:military|army|forces|troops|defen[cs]e ministry|ministry of defen[cs]e) )?"
    r"(?:has |have |had )?(?:intercepted|shot down|downed|repelled|repulsed)|"
    r"^(?:'s|’s)?\s+(?:[\w-]+\s+){0,2}(?:came|come|comes|were|was) under (?:heavy |sustained |an? )?(?:attack|fire)",
    re.IGNORECASE)  # "a Ukrainian patrol came under attack": the side attacked
# "killed" with its object after it is what they did: "troops killed six rebels"
KILLED_SOMEONE = (r"(?:killed|eliminated)(?!\s+(?:at least |more than |up to |about |some |dozens |scores |several |"
                  r"many |\d|one |two |three |four |five |six |seven |eight |nine |ten |a |an |the ))")
VICTIM_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:\w+\s+){0,2}(?:losses|casualties|civilians|children|residents|lost|loses|losing|"
    r"suffered|(?:troops|soldiers|servicemen|personnel|army|forces|units|rebels|fighters|militants|insurgents|"
    r"militiamen|border guards|guards|policemen|police officers)\s+(?:\w+\s+){0,3}"
    rf"(?:{KILLED_SOMEONE}|lost|surrendered|wounded|died))|"
    rf"^\s+(?:(?:were|was|have been|has been|had been)\s+)?(?:{KILLED_SOMEONE}|wounded|injured|dead)\b",
    re.IGNORECASE)  # "Russians killed or injured", "Houthi rebels were killed in fighting with …"
# "the Armed Forces of Ukraine", "the defence ministry of Russia": whose they are, not whom they hit
OWNER_BEFORE = re.compile(r"\b(?:forces|army|units|troops|ministry|military|navy|government|president|command|"
                          r"staff|service|guard|intelligence|directorate)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
ORIGIN_BEFORE = re.compile(r"\b(?:(?:launched|fired|sent|coming|came|flying|flown|crossed|crossing|infiltrated|"
                           r"infiltrating|attacks?|missiles?|fire|shelling|barrages?|salvos?|"
                           r"rockets?|drones?|projectiles?)(?:\s+[\w-]+){0,3}?\s+from|originat(?:ed|ing|es)\s+(?:in|from)|"
                           r"(?:claimed|carried out|perpetrated|staged|committed|launched|killed|shot|stabbed|"
                           r"beaten|attacked|abducted|kidnapped|wounded|injured|to death)\s+by)\s+(?:the\s+)?"
                           r"(?:direction\s+of\s+)?(?:(?!(?:at|on|into|toward|towards|against|in|over|near|to)\s)"
                           r"[\w-]+\s+){0,3}$", re.IGNORECASE)
NON_STATE_GENERIC = re.compile(r"\b(?:(?:local|pro-[\w-]+)\s+)?"
                               r"(?:gunmen|militants|insurgents|jihadists|bandits|"
                               r"armed (?:men|assailants|attackers)|attackers|assailants|rebels|partisans|saboteurs|"
                               r"guerrillas?|militias?|militiamen|kidnappers|abductors|"
                               r"suicide bombers?|gang members|gangsters|armed gangs?|(?:organi[sz]ed )?crim(?:e|inal) groups)\b",
                               re.IGNORECASE)
# "killed in armed clashes with members of a 'terrorist' group": the other side of a fight, unnamed
FOUGHT_AN_UNNAMED_GROUP = re.compile(r"\b(?:clash(?:es)?|fighting|battles?|gunfights?|firefights?|encounters?)\s+with\s+"
                                     r"(?:members\s+of\s+)?(?:an?\s+|the\s+)?[\"“']?(?P<group>(?:terrorist|armed|militant|"
                                     r"jihadist|insurgent|rebel|criminal)[\"”']?\s+(?:group|gang|cell)s?|terrorists)\b",
                                     re.IGNORECASE)


@dataclass
class PartyMention:
    start: int
    end: int
    text: str
    entry: ActorEntry

    @property
    def party(self) -> Party:
        return Party(name=self.entry.name, country=self.entry.country)

    @property
    def key(self) -> str:
        return self.entry.country or self.entry.name


# "Syrian rebels", "Israeli settlers": a state's adjective before its irregulars or its
# armed opponents names a party of its own, not the state
IRREGULARS_AFTER = re.compile(rf"\s+({IRREGULARS})\b", re.IGNORECASE)


def find_parties(text: str, lexicon: Lexicon) -> list[PartyMention]:
    found = []
    for m in lexicon.actor_pattern.finditer(text):
        entry = lexicon.actor_by_alias.get(canonical(m.group()))
        if entry is None or (entry.country and ends_a_longer_name(text, m.start(), lexicon)):
            continue  # "the town of Puerto Jordan" names no state
        irregulars = IRREGULARS_AFTER.match(text, m.end()) if entry.country else None
        if irregulars:
            name = f"{m.group()} {irregulars.group(1)}"
            found.append(PartyMention(m.start(), irregulars.end(), name, ActorEntry(name=name, country=None, aliases=[])))
        else:
            found.append(PartyMention(m.start(), m.end(), m.group(), entry))
    return found


POSSESSIVE_AFTER = re.compile(r"['’]s\b")


def resolve_party(text: str, lexicon: Lexicon) -> Optional[ActorEntry]:
    """The party a name or phrase stands for: the first party alias in it, unless that is
    a state owning a group ("Yemen's Houthi group" is the Houthis)."""
    found = [(m, lexicon.actor_by_alias.get(canonical(m.group()))) for m in lexicon.actor_pattern.finditer(text)]
    found = [(m, entry) for m, entry in found if entry]
    if not found:
        return None
    first_match, first = found[0]
    group = next((entry for _, entry in found[1:] if entry.country is None), None)
    if first.country and group and POSSESSIVE_AFTER.match(text, first_match.end()):
        return group
    return first


def unnamed_attacker(text: str, trigger_start: int) -> Optional[re.Match[str]]:
    """"Gunmen killed …", "carried out by local partisans": an attacker the text names
    only by what they are."""
    for m in NON_STATE_GENERIC.finditer(text):
        if m.start() <= trigger_start or text[max(0, m.start() - 3):m.start()].lower() == "by ":
            return m
    fought = FOUGHT_AN_UNNAMED_GROUP.search(text)
    if fought is None:
        return None
    return re.compile(re.escape(fought.group("group"))).match(text, fought.start("group"))  # its own words


# "an Israeli target in the Western Galilee was hit", "Russian positions near Robotyne", "the
# Russian-occupied village was liberated": what the side holds is what was struck or taken
HELD_AFTER = re.compile(r"\s+(?:military\s+)?(?:targets?|positions?|posts?|outposts?)\b|-(?:occupied|held)\b",
                        re.IGNORECASE)


def is_target(text: str, mention: PartyMention) -> bool:
    before = text[max(0, mention.start - 40):mention.start]
    if HELD_AFTER.match(text, mention.end):
        return True
    return bool(TARGET_BEFORE.search(before)) and not is_origin(text, mention) and not OWNER_BEFORE.search(before)


FLAGGED_BEFORE = re.compile(r"\b(?:flagged|registered)\s+(?:in|under)\s+(?:the\s+)?$", re.IGNORECASE)
ORIGIN_AFTER = re.compile(r"-(?:launched|fired)\b", re.IGNORECASE)  # "Iranian-made" is a maker: see names_maker
# "Iranian-made drones", "a Liberian-flagged tanker": who built it or whose flag it flies
MAKER_AFTER = re.compile(r"-(?:made|built|designed|supplied|backed|supported|sponsored|funded|armed|trained|"
                         r"flagged|registered)\b", re.IGNORECASE)
BORDER_AFTER = re.compile(r"(?:-[A-Z][\w-]*)*\s+(?:border|frontier)\b(?!\s+(?:guards?|force|forces|police|troops|"
                          r"service|units?|posts?)\b)")
BORDERING_BEFORE = re.compile(r"\b(?:bordering|borders|adjacent to)\s+(?:the\s+)?$", re.IGNORECASE)


def is_origin(text: str, mention) -> bool:
    """"a missile launched from Yemen", "an attack claimed by the militant group al-Shabaab",
    "Russia-launched drones": the side the attack came from, not its target."""
    return bool(ORIGIN_BEFORE.search(text[max(0, mention.start - 40):mention.start])
                or ORIGIN_AFTER.match(text, mention.end))


# "18 peacekeepers from Chad", "troops from Rwanda": where forces come from, not where it
# happened, unless they are being taken out of it ("withdrew 2,000 troops from Mali")
HOME_BEFORE = re.compile(r"\b(?:peacekeepers|troops|soldiers|servicem[ae]n|personnel|mercenaries|volunteers|"
                         r"contingents?|forces?|units|(?:advance )?(?:group|team)s?)\s+from\s+(?:the\s+|neighbou?ring\s+)?"
                         # "from Malawi and South Africa", "from Republic of Malawi, United Republic of Tanzania"
                         r"(?:[A-Z][\w-]*(?:\s(?:of\s)?[A-Z][\w-]*)*(?:,\s*|\s+and\s+))*$|"
                         # "three crew members, all citizens of the Philippines"
                         r"\b(?:citizens?|nationals?|natives?)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
TAKEN_OUT = re.compile(r"\b(?:withdr\w+|pull\w*|evacuat\w+|remov\w+|redeploy\w*|recall\w*|brought|bring\w*)\b",
                       re.IGNORECASE)


def names_home(text: str, mention) -> bool:
    """"Peacekeepers from Chad" were wounded in Mali, "citizens of the Philippines": the place
    forces or people come from."""
    before = text[max(0, mention.start - 60):mention.start]
    return bool(HOME_BEFORE.search(before[-40:])) and not TAKEN_OUT.search(before)


# "the Houthis in Yemen have launched 83 missiles at Israel": the group's home, not its target
GROUP_IN_BEFORE = re.compile(r"\b(?:Houthis?|Hezbollah|Hamas|rebels|militants|insurgents|jihadists|militias?|"
                             r"militiamen|fighters|group)\s+(?:based\s+)?in\s+(?:the\s+)?$", re.IGNORECASE)


def names_groups_home(text: str, mention) -> bool:
    """"The Houthis in Yemen": where a named group is, which a strike it launches does not target."""
    return bool(GROUP_IN_BEFORE.search(text[max(0, mention.start - 40):mention.start]))


def names_border(text: str, mention) -> bool:
    """"near the Algerian border", "the Niger-Mali border", "a town bordering Algeria": a
    line on the map, not a side ("Russian border guards" still are one)."""
    return bool(BORDER_AFTER.match(text, mention.end)
                or BORDERING_BEFORE.search(text, max(0, mention.start - 20), mention.start))


def names_maker(text: str, mention) -> bool:
    """"Iranian-made drones", "a tanker flagged in Malta": the country that built the weapon or
    whose flag a ship flies, neither where it struck nor who fired it."""
    return bool(MAKER_AFTER.match(text, mention.end) or FLAGGED_BEFORE.search(text, max(0, mention.start - 30),
                                                                               mention.start))


def is_defender(text: str, mention: PartyMention) -> bool:
    return bool(DEFENDER_AFTER.match(text[mention.end:mention.end + 50]))


# "killing 10 Nigerien soldiers", "wounded two Israeli troops": the side that was hit
VICTIM_BEFORE = re.compile(r"\b(?:killing|killed|wounding|wounded|injuring|injured|abducting|abducted|kidnapping|"
                           r"kidnapped)\s+(?:at least |more than |up to |about |around |nearly |some )?"
                           r"(?:[\d,]+|one|two|three|four|five|six|seven|eight|nine|ten|\w+teen|\w+ty|dozens of|another|an?|"
                           r"scores of|several|many)\s+$", re.IGNORECASE)


def is_victim(text: str, mention: PartyMention) -> bool:
    return bool(VICTIM_AFTER.match(text[mention.end:mention.end + 80])
                or VICTIM_BEFORE.search(text[max(0, mention.start - 50):mention.start]))


class Sides:
    """The parties an article is about, most mentioned first: used to name the other
    side when a sentence leaves the attacker implicit (ANNOTATION rule 19)."""

    def __init__(self, mentions: list[PartyMention], lexicon: Lexicon):
        self.counts = Counter(m.key for m in mentions)
        self.entries = {m.key: m.entry for m in mentions}
        self.lexicon = lexicon

    def opponent_of(self, key: Optional[str]) -> Optional[Party]:
        if key is None:
            return None
        # a group's key may come lower-cased (`merge.party_key`): "islamic state" is "Islamic State"
        key = next((k for k in self.counts if k.lower() == key.lower()), key)
        rival = self._rival_of(key)
        if rival is not None and (rival.country or rival.name) in self.counts:
            return rival  # Ukraine's other side is Russia, however often Poland is named
        for other, _ in self.counts.most_common():
            if other != key and not self.lexicon.fights_at_home(other, key):
                entry = self.entries[other]
                return Party(name=entry.name, country=entry.country)
        return self._rival_of(key)

    def _rival_of(self, key: str) -> Optional[Party]:
        """The entry's rival the article names most (Iran, in a report on its missiles that
        mentions Hamas once), else its first rival."""
        entry = next((e for e in self.lexicon.actors if (e.country or e.name).lower() == key.lower()), None)
        if entry is None or not entry.rivals:
            return None
        rivals = [r for r in (self.lexicon.actor_by_alias.get(canonical(name)) for name in entry.rivals) if r]
        if not rivals:
            return None
        named = [r for r in rivals if (r.country or r.name) in self.counts]
        rival = max(named, key=lambda r: self.counts[r.country or r.name]) if named else rivals[0]
        return Party(name=rival.name, country=rival.country)

    def group_at_home(self, country: Optional[str]) -> Optional[Party]:
        """The armed group the article names that fights from `country` ("a missile
        launched from Yemen" in a report on the Houthis)."""
        for entry in self.entries.values():
            if country and entry.country is None and self.lexicon.fights_at_home(entry.name, country):
                return Party(name=entry.name, country=None)
        return None

    def armed_group(self) -> Optional[Party]:
        """The one stateless armed group the article names, if it names exactly one:
        whom "the rebels" or "a suicide bomber" stand for."""
        groups = [e for e in self.entries.values() if e.country is None]
        return Party(name=groups[0].name, country=None) if len(groups) == 1 else None

    def most_named_group(self) -> Optional[Party]:
        """The stateless armed group the article names most often, if one leads."""
        groups = [(count, key) for key, count in self.counts.most_common() if self.entries[key].country is None]
        if not groups or (len(groups) > 1 and groups[0][0] == groups[1][0]):
            return None
        entry = self.entries[groups[0][1]]
        return Party(name=entry.name, country=None)

    def main(self) -> Optional[Party]:
        if not self.counts:
            return None
        entry = self.entries[self.counts.most_common(1)[0][0]]
        return Party(name=entry.name, country=entry.country)
