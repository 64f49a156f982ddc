"""Knowledge as data: loads the lexicons under `sitrep/data/` (and a user's extra
directory) into one `Lexicon` with compiled patterns.

Files: events.yaml (triggers, status cues, word classes), weapons.yaml, actors.yaml,
quantities.yaml, claimants.yaml, places.csv, states.csv. A user directory given with
`--lexicon DIR` may hold any of them; its entries are added to the bundled ones.

states.csv lists every state (built from countryinfo by tools/build_states.py): each
becomes a place of kind `country` and a state party with its names and adjectives,
unless places.csv or actors.yaml keeps an entry of that country by hand.

A trigger may name a word class in braces, as PETRARCH2's dictionaries name their
synsets: `{state}` (every alias of a state in actors.yaml, "Russia", "Israeli"),
`{armed_group}` (every alias of a stateless party), `{weapon}` (every weapon alias in
weapons.yaml), or a class of events.yaml's own `classes:` ("{forces}"). A user's
actors.yaml or weapons.yaml thus widens every trigger that names the class. Three of
events.yaml's classes qualify triggers from outside: `{war_talk}` (the words a sentence
needs for a trigger other than a strike's to count), `{armed_force}` (the forces that
make "besieged" or "deployed" a happening of war) and `{armed_conflict}` (the words an
article needs for a shooting or a stabbing to be violence, not crime); a user's file
extends them too.

A named trigger may carry `known:` (actor, target, country, day): it names one
happening whose sides, country and day are known whatever its sentence says, the
attack a war is dated from ("the October 7 attack").

events.yaml's `exceptions:` are the named patterns that set a matched trigger aside
("captured 80 troops" takes no ground): each with the event types it applies to and
the window around the trigger word it is looked for in (`TriggerException`).
"""
from __future__ import annotations

import csv
import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

import yaml

from .errors import LexiconError
from .prefilter import PatternFilter, Pieces, required_pieces

DATA_FILES = ("events.yaml", "weapons.yaml", "actors.yaml", "quantities.yaml", "claimants.yaml")
# The event types and subtypes of docs/spec/EVENTS.md: events.yaml may use no others.
SUBTYPES = {
    "strike": ("drone", "missile", "air", "artillery", "other"),
    "clash": ("assault", "battle", "other"),
    "territory": ("captured", "withdrawn"),
    "deployment": ("mobilisation", "foreign_troops", "other"),
    "disruption": ("air_traffic", "power", "evacuation", "other"),
    "violence": ("explosion", "sabotage", "shooting", "other"),
    "losses": ("personnel", "equipment"),
}
STATUS_CUES = ("expected", "denied", "unverified", "denies_the_last", "owns_the_last")


NEVER = r"(?!x)x"  # a pattern that matches nothing: an empty list of terms
NEVER_PATTERN = re.compile(NEVER)


def whole_words(alternatives: list[str], flags: int) -> re.Pattern[str]:
    """One regex matching any of `alternatives` (already grouped) as whole words."""
    return re.compile(whole_words_source(alternatives), flags)


def whole_words_source(alternatives: list[str]) -> str:
    if not alternatives:
        return NEVER
    return rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w])"


def compile_terms(terms: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One regex matching any of `terms` as whole words (longest alternatives first)."""
    ordered = sorted({t for t in terms if t}, key=len, reverse=True)
    return whole_words([f"(?:{t})" for t in ordered], flags)


def literal_terms(terms: Iterable[str]) -> list[str]:
    return [re.escape(t) for t in terms]


_GROUP_IDS = itertools.count()
# A sentence holding the text of more rules than this is searched with the joined pattern,
# in one pass; below it, each of those rules alone costs less than the joined pattern
MOST_RULES_ALONE = 8


@dataclass
class Rule:
    """One named trigger pattern of a `Rules`, alone, with the text every match of it holds.
    Compiled when first searched: most rules are never searched alone."""

    source: str  # the rule's group in the joined pattern, as whole words
    pieces: Optional[Pieces]

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.source, re.IGNORECASE)


@dataclass
class Rules:
    """Named trigger patterns compiled into one regex; `rule_of` says which one matched.

    Each pattern sits in its own named group, so a match's `lastgroup` (the
    outermost group, closed last) is the rule that fired. A sentence is searched only
    with the rules whose text it holds (`search`)."""

    pattern: re.Pattern[str]
    names: dict[str, str]  # regex group → rule name
    rules: list[Rule]  # each rule alone, in the joined pattern's order
    filter: PatternFilter = field(init=False)

    def __post_init__(self) -> None:
        self.filter = PatternFilter([rule.pieces for rule in self.rules])

    @property
    def pieces(self) -> Optional[Pieces]:
        """Text one of which every match holds (None where some rule needs none)."""
        each = [rule.pieces for rule in self.rules]
        return None if None in each else Pieces().union(*each)  # type: ignore[arg-type]

    def search(self, text: str, pos: int = 0) -> Optional[re.Match[str]]:
        """The joined pattern's first match, found the cheap way: a rule whose text the
        sentence lacks cannot match, and where only a few rules are left, each is searched
        alone and the leftmost match kept (the first rule's of two at one spot, as the
        joined alternation would choose)."""
        live = self.filter.candidates(text)
        if len(live) > MOST_RULES_ALONE:
            return self.pattern.search(text, pos)
        first = None
        for i in live:
            found = self.rules[i].pattern.search(text, pos)
            if found and (first is None or found.start() < first.start()):
                first = found
        return first

    def rule_of(self, match: re.Match[str]) -> str:
        return self.names.get(match.lastgroup or "", "?")


def compile_rules(rules: Iterable[tuple[str, str]]) -> Rules:
    """`(name, pattern)` pairs as one `Rules`, matched case-insensitively on word boundaries."""
    names: dict[str, str] = {}
    parts = []
    for name, term in sorted(set(rules), key=lambda r: len(r[1]), reverse=True):
        group = f"r{next(_GROUP_IDS)}"  # unique across every Rules, so their patterns can be joined
        names[group] = name
        parts.append(f"(?P<{group}>{term})")
    alone = [Rule(whole_words_source([part]), required_pieces(whole_words_source([part]), re.IGNORECASE))
             for part in parts]
    return Rules(whole_words(parts, re.IGNORECASE), names, alone)


@dataclass
class Weapon:
    name: str
    subtype: str
    item: str
    aliases: list[str]
    generic: bool = False
    civilian_too: bool = False  # "aircraft": a weapon only where the sentence speaks of war


@dataclass
class ActorEntry:
    name: str
    country: Optional[str]
    aliases: list[str]
    rivals: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class KnownHappening:
    """What is known of the one happening a named trigger names (the attack a war is
    dated from): its sides, its country and its day, whatever the sentence around it says."""

    actor: Optional[str] = None
    target: Optional[str] = None
    country: Optional[str] = None
    day: Optional[str] = None  # ISO date
    year: Optional[str] = None  # where only the year is known: "which Russia annexed in 2014"
    pattern: str = ""  # the trigger that names it


WINDOW = re.compile(r"(?P<whole>sentence|after)|(?P<side>before|around) (?P<before>\d+)(?: (?P<after>\d+))?")


@dataclass(frozen=True)
class TriggerException:
    """A named pattern that sets a matched trigger aside (events.yaml `exceptions:`):
    "captured 80 troops" takes no ground, "talks to halt the fighting" tell no fight."""

    name: str
    pattern: re.Pattern[str]
    types: frozenset[str]
    window: str = "sentence"  # sentence, before, around, after
    before: int = 0  # characters before the trigger word (before, around)
    after: int = 0  # characters past its end (around)
    unless: Optional[re.Pattern[str]] = None  # on the sentence: keeps the trigger
    when: Optional[re.Pattern[str]] = None  # on the trigger word: the exception holds only for these

    def sets_aside(self, etype: str, text: str, start: int, end: int) -> bool:
        """Whether this exception sets aside a trigger of `etype` at `start:end` of `text`."""
        if etype not in self.types or (self.when is not None and not self.when.match(text, start, end)):
            return False
        if self.window == "sentence":
            found = self.pattern.search(text)
        elif self.window == "after":
            found = self.pattern.match(text, end)
        else:
            found = self.pattern.search(text, max(0, start - self.before),
                                        start if self.window == "before" else end + self.after)
        return bool(found) and not (self.unless is not None and self.unless.search(text))


@dataclass(frozen=True)
class PlaceEntry:
    name: str
    country: Optional[str]
    admin1: Optional[str]
    kind: str
    aliases: tuple[str, ...] = ()
    lat: Optional[float] = None  # optional in places files; else the gazetteer's point
    lon: Optional[float] = None

    @property
    def precision(self) -> str:
        # "settlement": a village the gazetteer lacks, placed by the division the text names
        return {"sea": "region", "airport": "city", "unlisted": "country", "settlement": "admin1"}.get(self.kind, self.kind)


@dataclass
class Lexicon:
    triggers: dict[str, dict[str, Rules]]
    strike_with_weapon: Rules
    strike_alone: Rules
    strike_subtypes: dict[str, re.Pattern[str]]
    status_cues: dict[str, re.Pattern[str]]
    weapons: list[Weapon]
    weapon_pattern: re.Pattern[str]
    weapon_by_alias: dict[str, Weapon]
    actors: list[ActorEntry]
    theatres: list[tuple[frozenset[str], str]]  # the parties of a war → the country it is fought in
    actor_by_alias: dict[str, ActorEntry]
    actor_pattern: re.Pattern[str]
    armed_group_pattern: re.Pattern[str]  # the names of stateless parties: a sign of conflict by themselves
    war_talk_pattern: re.Pattern[str]  # events.yaml's class {war_talk}: a sentence that speaks of war
    armed_force_pattern: re.Pattern[str]  # events.yaml's class {armed_force}: troops, units, their weapons
    armed_conflict_pattern: re.Pattern[str]  # events.yaml's class {armed_conflict}: war, not crime
    places: list[PlaceEntry]
    place_by_alias: dict[str, PlaceEntry]
    place_pattern: re.Pattern[str]
    items: dict[str, re.Pattern[str]]
    item_pattern: re.Pattern[str]
    kinds: dict[str, re.Pattern[str]]
    qualifiers: dict[str, re.Pattern[str]]
    not_after: re.Pattern[str]
    not_before: re.Pattern[str]
    reporting_verbs: frozenset[str]
    attribution_pattern: re.Pattern[str]
    outlets: frozenset[str]
    outlet_pattern: re.Pattern[str]
    official_pattern: re.Pattern[str]
    exceptions: list[TriggerException] = field(default_factory=list)  # in the order events.yaml lists them
    known_happenings: dict[str, KnownHappening] = field(default_factory=dict)  # rule name → what it names
    known_rules: Optional[Rules] = None  # their triggers alone: one wins over its type's other triggers
    trigger_rules: list[Rules] = field(init=False)
    exception_patterns: dict[str, re.Pattern[str]] = field(init=False)

    def __post_init__(self) -> None:
        self.exception_patterns = {}
        for exception in self.exceptions:
            self.exception_patterns.setdefault(exception.name, exception.pattern)
        self.trigger_rules = [rules for sub in self.triggers.values() for rules in sub.values()]
        self.trigger_rules += [self.strike_with_weapon, self.strike_alone]
        # the short patterns first: most sentences that hold a trigger hold a common word
        # ("attack", "killed"), and `any_trigger` stops at the first that matches
        self.trigger_rules.sort(key=lambda rules: len(rules.pattern.pattern))

    def exception_to(self, etype: str, text: str, start: int, end: int) -> Optional[str]:
        """The name of the first exception that sets aside a trigger of `etype` at `start:end`."""
        return next((e.name for e in self.exceptions if e.sets_aside(etype, text, start, end)), None)

    def exception_is_local(self, name: str) -> bool:
        """Whether the named exception looks around the trigger word only, so that another
        trigger word of the sentence may still stand."""
        return any(e.name == name and e.window != "sentence" for e in self.exceptions)

    def exception_pattern(self, name: str) -> re.Pattern[str]:
        """The pattern of a named exception (its first entry), for the checks that need more
        than a window."""
        return self.exception_patterns.get(name, NEVER_PATTERN)

    def any_trigger(self, text: str) -> bool:
        """Whether any trigger word is in `text`. Each pattern on its own: one regex of them
        all is four times slower, since Python's re then finds no literal to skip ahead by."""
        return any(rules.search(text) for rules in self.trigger_rules)

    def state(self, country: Optional[str]) -> Optional[ActorEntry]:
        """The party that is the state of `country`, as actors.yaml names it."""
        return next((e for e in self.actors if country and e.country == country), None)

    def home_of(self, group: str) -> Optional[str]:
        """The country a stateless party fights its war in, if actors.yaml says so."""
        return next((theatre for _, theatre in self.theatres if self.fights_at_home(group, theatre)), None)

    def grounds_of(self, group: str) -> set[str]:
        """The countries a stateless party's wars are fought in (actors.yaml `theatres`):
        an article that names JNIM is about the Sahel, so its "Djibo" is Burkina Faso's."""
        entry = self.actor_by_alias.get(canonical(group))
        if entry is None or entry.country is not None:
            return set()
        return {theatre for parties, theatre in self.theatres if entry.name in parties}

    def fights_at_home(self, group: str, country: str) -> bool:
        """Whether a stateless party fights its war in `country` (Hamas in Gaza,
        Hezbollah in Lebanon), so a strike there is against it, not by it."""
        entry = self.actor_by_alias.get(canonical(group))
        if entry is None or entry.country is not None:
            return False
        for parties, theatre in self.theatres:
            if theatre == country and entry.name in parties:
                others = [self.actor_by_alias.get(canonical(p)) for p in parties - {entry.name}]
                if all(o is not None and o.country not in (None, country) for o in others):
                    return True
        return False


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, ValueError) as exc:  # ValueError: a date like 2023-13-40
        raise LexiconError(f"{path}: cannot read lexicon: {exc}") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: a lexicon file must hold a mapping at the top")
    return data


def _fail(path: Path, where: str, reason: str) -> LexiconError:
    return LexiconError(f"{path}: {where}: {reason}")


def _check_keys(path: Path, where: str, value: Any, allowed: Iterable[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(path, where, "must be a mapping")
    allowed = tuple(allowed)
    for key in value:
        if key not in allowed:
            raise _fail(path, f"{where}.{key}" if where else str(key),
                        f"unknown key (expected one of: {', '.join(allowed)})")
    return value


GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P[<=]")


def _check_patterns(path: Path, where: str, entries: Any, literal: bool = False) -> None:
    """A list of patterns (or, for triggers, of {name, pattern}); each must compile."""
    if not isinstance(entries, list):
        raise _fail(path, where, "must be a list")
    for n, entry in enumerate(entries, 1):
        if isinstance(entry, dict) and not literal:
            _check_keys(path, f"{where}[{n}]", entry, ("name", "pattern", "known"))
            if not isinstance(entry.get("name"), str) or not re.fullmatch(r"[\w-]+", entry["name"]):
                raise _fail(path, f"{where}[{n}]", "a named trigger needs a `name` of letters, digits, _ or -")
            if "known" in entry:
                _check_known(path, f"{where}[{n}].known", entry["known"])
            entry = entry.get("pattern")
        if not isinstance(entry, str) or not entry.strip():
            raise _fail(path, f"{where}[{n}]", f"{entry!r} is not a non-empty string")
        if literal:
            continue
        try:
            re.compile(entry, re.IGNORECASE)
        except re.error as exc:
            raise _fail(path, f"{where}[{n}]", f"bad pattern {entry!r}: {exc}") from None
        if GROUP_REFERENCE.search(entry):
            # each rule sits in the named group of one joined pattern, and is also searched alone
            raise _fail(path, f"{where}[{n}]", f"bad pattern {entry!r}: named groups and backreferences "
                                               "cannot be used (patterns are joined into one)")


def _check_known(path: Path, where: str, known: Any) -> None:
    _check_keys(path, where, known, ("actor", "target", "country", "day", "year"))
    if known.get("year") is not None and not re.fullmatch(r"\d{4}", str(known["year"])):
        raise _fail(path, f"{where}.year", f"{known['year']!r} is not a year (YYYY)")
    if known.get("country") is not None and not re.fullmatch(r"[A-Z]{2}", str(known["country"])):
        raise _fail(path, f"{where}.country", f"{known['country']!r} is not a two-letter country code")
    if known.get("day") is not None:
        try:
            date.fromisoformat(str(known["day"]))
        except ValueError:
            raise _fail(path, f"{where}.day", f"{known['day']!r} is not a day (YYYY-MM-DD)") from None


WORD_CLASS = re.compile(r"\{([a-z_]+)\}")
BUILT_IN_CLASSES = ("state", "armed_group", "weapon")  # from actors.yaml and weapons.yaml


def _validate_events(path: Path, data: dict[str, Any]) -> None:
    _check_keys(path, "", data, (*SUBTYPES, *STATUS_CUES, "classes", "exceptions"))
    for key, value in data.items():
        if key == "exceptions":
            _validate_exceptions(path, value)
        elif key == "classes":
            if not isinstance(value, dict):
                raise _fail(path, key, "must be a mapping of class names to lists of patterns")
            for name, terms in value.items():
                if not re.fullmatch(r"[a-z_]+", str(name)) or name in BUILT_IN_CLASSES:
                    raise _fail(path, f"classes.{name}", "a class name is lower-case letters and _, "
                                f"and not one of the built-in classes ({', '.join(BUILT_IN_CLASSES)})")
                _check_patterns(path, f"classes.{name}", terms)
        elif key in STATUS_CUES:
            _check_patterns(path, key, value)
        elif key == "strike":
            _check_keys(path, key, value, ("with_weapon", "alone", "subtypes"))
            for part in ("with_weapon", "alone"):
                if part in value:
                    _check_patterns(path, f"strike.{part}", value[part])
            for sub, terms in _check_keys(path, "strike.subtypes", value.get("subtypes", {}), SUBTYPES["strike"]).items():
                _check_patterns(path, f"strike.subtypes.{sub}", terms)
        else:
            for sub, terms in _check_keys(path, key, value, SUBTYPES[key]).items():
                _check_patterns(path, f"{key}.{sub}", terms)


def _validate_exceptions(path: Path, entries: Any) -> None:
    """Each exception: a name, a pattern (or a list of alternatives), known types, a window."""
    if not isinstance(entries, list):
        raise _fail(path, "exceptions", "must be a list")
    for n, entry in enumerate(entries, 1):
        at = f"exceptions[{n}]"
        _check_keys(path, at, entry, ("name", "pattern", "types", "window", "unless", "when"))
        if not isinstance(entry.get("name"), str) or not re.fullmatch(r"[a-z_]+", entry["name"]):
            raise _fail(path, at, "an exception needs a `name` of lower-case letters and _")
        at = f"exceptions.{entry['name']}"
        if "pattern" not in entry:
            raise _fail(path, at, "needs `pattern`")
        for key in ("pattern", "unless", "when"):
            if key in entry:
                _check_patterns(path, f"{at}.{key}", _alternatives(entry[key]))
        types = entry.get("types", list(SUBTYPES))
        if not isinstance(types, list) or not all(t in SUBTYPES for t in types):
            raise _fail(path, f"{at}.types", f"{types!r} is not a list of event types ({', '.join(SUBTYPES)})")
        if not WINDOW.fullmatch(str(entry.get("window", "sentence"))):
            raise _fail(path, f"{at}.window", f"{entry['window']!r} is not sentence, after, before N, around N or "
                        "around N M")


def _alternatives(value: Any) -> list[Any]:
    """A pattern written as one string or as a list of alternatives."""
    return value if isinstance(value, list) else [value]


def _check_word_classes(path: Path, data: dict[str, Any], known: set[str]) -> None:
    """Every `{class}` a trigger of events.yaml names is built in, or defined in this
    file or one loaded before it; an error names the file, the key and the pattern."""
    known = known | set(BUILT_IN_CLASSES) | set(data.get("classes") or {})
    for where, pattern in _trigger_patterns(data):
        for name in WORD_CLASS.findall(pattern):
            if name not in known:
                raise _fail(path, where, f"unknown word class {{{name}}} in {pattern!r} (known: {', '.join(sorted(known))})")


def _trigger_patterns(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Each trigger and exception pattern of an events.yaml, with where it sits
    ("clash.assault[2]", "exceptions.not_sent.pattern")."""
    for key, entries in _trigger_groups(data):
        for n, entry in enumerate(entries, 1):
            yield f"{key}[{n}]", entry["pattern"] if isinstance(entry, dict) else entry
    for entry in data.get("exceptions") or []:
        for key in ("pattern", "unless", "when"):
            for pattern in _alternatives(entry.get(key, [])):
                yield f"exceptions.{entry['name']}.{key}", pattern


def _trigger_groups(data: dict[str, Any]) -> Iterator[tuple[str, list[Any]]]:
    """Each list of triggers of an events.yaml with its rule-name prefix ("clash.assault")."""
    for etype, value in data.items():
        if etype not in SUBTYPES:
            continue
        groups = {f"strike.{part}": value.get(part, []) for part in ("with_weapon", "alone")} if etype == "strike" \
            else {f"{etype}.{sub}": terms for sub, terms in value.items()}
        yield from groups.items()


def _validate_records(path: Path, where: str, records: Any, required: tuple[str, ...],
                      optional: tuple[str, ...]) -> None:
    if not isinstance(records, list):
        raise _fail(path, where, "must be a list")
    for n, record in enumerate(records, 1):
        at = f"{where}[{n}]"
        _check_keys(path, at, record, required + optional)
        for key in required:
            if record.get(key) in (None, "", []):
                raise _fail(path, at, f"needs `{key}`")
        if "aliases" in record:
            _check_patterns(path, f"{at}.aliases", record["aliases"], literal=True)
        country = record.get("country")
        if country is not None and not (isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country)):
            raise _fail(path, f"{at}.country", f"{country!r} is not an ISO 3166 code such as UA (or null)")


def _validate_weapons(path: Path, data: dict[str, Any]) -> None:
    _check_keys(path, "", data, ("weapons",))
    _validate_records(path, "weapons", data.get("weapons", []), ("name", "subtype", "item", "aliases"),
                      ("generic", "civilian_too"))
    for n, weapon in enumerate(data.get("weapons", []), 1):
        if weapon["subtype"] not in SUBTYPES["strike"]:
            raise _fail(path, f"weapons[{n}].subtype", f"{weapon['subtype']!r} is not a strike subtype "
                        f"({', '.join(SUBTYPES['strike'])})")


def _validate_actors(path: Path, data: dict[str, Any]) -> None:
    _check_keys(path, "", data, ("actors", "theatres"))
    _validate_records(path, "actors", data.get("actors", []), ("name",), ("country", "aliases", "rivals"))
    _validate_records(path, "theatres", data.get("theatres", []), ("parties", "theatre"), ())


def _validate_quantities(path: Path, data: dict[str, Any]) -> None:
    _check_keys(path, "", data, ("items", "kinds", "qualifiers", "not_after", "not_before"))
    for group in ("items", "kinds", "qualifiers"):
        terms_by_key = data.get(group, {})
        if not isinstance(terms_by_key, dict):
            raise _fail(path, group, "must be a mapping")
        for key, terms in terms_by_key.items():
            _check_patterns(path, f"{group}.{key}", terms)
    for key in ("not_after", "not_before"):
        if key in data:
            _check_patterns(path, key, data[key])


def _validate_claimants(path: Path, data: dict[str, Any]) -> None:
    keys = ("reporting_verbs", "attribution_phrases", "outlets", "official_nouns")
    _check_keys(path, "", data, keys)
    for key in keys:
        if key in data:
            _check_patterns(path, key, data[key], literal=True)


VALIDATORS = {"events.yaml": _validate_events, "weapons.yaml": _validate_weapons, "actors.yaml": _validate_actors,
              "quantities.yaml": _validate_quantities, "claimants.yaml": _validate_claimants}


def _read_lexicon_file(path: Path) -> dict[str, Any]:
    """One lexicon file, checked against its shape: an error names the file, the key and the pattern."""
    data = _read_yaml(path)
    VALIDATORS[path.name](path, data)
    return data


def _merge(base: Any, extra: Any) -> Any:
    """Deep-merge: mappings merge key by key, lists are extended."""
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = _merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + extra
    return extra


def _csv_rows(path: Path, what: str) -> Iterator[tuple[int, dict[str, str]]]:
    """A lexicon CSV's rows with their line numbers (for errors), comment lines left out."""
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read {what}: {exc}") from exc
    return enumerate(csv.DictReader(lines), 2)


def _listed(row: dict[str, str], key: str) -> list[str]:
    """A |-separated column: "Britain|UK"."""
    return [a.strip() for a in (row.get(key) or "").split("|") if a.strip()]


def _read_places(path: Path) -> list[PlaceEntry]:
    places = []
    for n, row in _csv_rows(path, "places"):
        if not row.get("name") or not row.get("kind"):
            raise LexiconError(f"{path}: row {n} needs a name and a kind")
        try:
            lat, lon = (float(row[k]) if (row.get(k) or "").strip() else None for k in ("lat", "lon"))
        except ValueError:
            raise LexiconError(f"{path}: row {n}: lat and lon must be numbers") from None
        places.append(PlaceEntry(
            name=row["name"].strip(), country=(row.get("country") or "").strip() or None,
            admin1=(row.get("admin1") or "").strip() or None, kind=row["kind"].strip(),
            aliases=tuple(_listed(row, "aliases")),
            lat=lat, lon=lon))
    return places


STATE_CODE = re.compile(r"^[A-Z]{2}$")


def _read_states(path: Path) -> list[dict[str, Any]]:
    """states.csv: country code, English name, |-separated other names and adjectives."""
    states = []
    for n, row in _csv_rows(path, "states"):
        code, name = (row.get("country") or "").strip(), (row.get("name") or "").strip()
        if not STATE_CODE.match(code) or not name:
            raise LexiconError(f"{path}: row {n} needs a two-letter country code and a name")
        states.append({"country": code, "name": name, "aliases": _listed(row, "aliases"),
                       "adjectives": _listed(row, "adjectives")})
    return states


def _with_states(states: list[dict[str, Any]], places: list[PlaceEntry],
                 actors: list[dict[str, Any]]) -> tuple[list[PlaceEntry], list[dict[str, Any]]]:
    """Each listed state as a country place and a state party, where no hand-kept entry
    has its country; a name a hand-kept entry already uses stays with that entry."""
    placed = {p.country for p in places if p.kind == "country"}
    parties = {a.get("country") for a in actors}
    place_names = {_case_key(n) for p in places for n in (p.name, *p.aliases)}
    party_names = {_case_key(n) for a in actors for n in (a["name"], *(a.get("aliases") or []))}
    places, actors = list(places), list(actors)
    for state in states:
        names = [state["name"], *state["aliases"]]
        if state["country"] not in placed:
            own = [n for n in names if _case_key(n) not in place_names]
            if own:
                places.append(PlaceEntry(name=own[0], country=state["country"], admin1=None, kind="country",
                                         aliases=tuple(own[1:])))
                placed.add(state["country"])
                place_names.update(_case_key(n) for n in own)
        if state["country"] not in parties:
            own = [n for n in names + state["adjectives"] if _case_key(n) not in party_names]
            if own:
                actors.append({"name": state["name"], "country": state["country"], "aliases": own})
                parties.add(state["country"])
                party_names.update(_case_key(n) for n in own)
    return places, actors


def _case_key(text: str) -> str:
    return text.lower().replace("’", "'")


def _build(raw: dict[str, dict[str, Any]], places: list[PlaceEntry]) -> Lexicon:
    events = raw["events.yaml"]
    weapons = [Weapon(name=w["name"], subtype=w["subtype"], item=w["item"], aliases=list(w["aliases"]),
                      generic=bool(w.get("generic")), civilian_too=bool(w.get("civilian_too")))
               for w in raw["weapons.yaml"].get("weapons", [])]
    weapon_by_alias = {_case_key(a): w for w in weapons for a in w.aliases}

    actors = [ActorEntry(name=a["name"], country=a.get("country"), aliases=list(a.get("aliases") or []) + [a["name"]],
                         rivals=list(a.get("rivals") or []))
              for a in raw["actors.yaml"].get("actors", [])]
    actor_by_alias = {_case_key(alias): a for a in actors for alias in a.aliases}

    classes = word_classes(events.get("classes") or {}, actors, weapons)

    def rules(prefix: str, entries: Iterable[Any]) -> Rules:
        return compile_rules(with_classes(named_rules(prefix, entries), classes))

    strike = events.get("strike", {})
    triggers: dict[str, dict[str, Rules]] = {}
    for etype in ("clash", "territory", "deployment", "disruption", "violence", "losses"):
        triggers[etype] = {sub: rules(f"{etype}.{sub}", terms) for sub, terms in (events.get(etype) or {}).items()}
    status_cues = {s: compile_terms(events.get(s, [])) for s in STATUS_CUES}
    known_happenings = _known_happenings(events, actor_by_alias)

    place_by_alias: dict[str, PlaceEntry] = {}
    for p in places:
        for alias in [p.name, *p.aliases]:
            place_by_alias.setdefault(_case_key(alias), p)

    quantities = raw["quantities.yaml"]
    items = {k: compile_terms(v) for k, v in quantities.get("items", {}).items()}
    claimants = raw["claimants.yaml"]
    return Lexicon(
        triggers=triggers,
        strike_with_weapon=rules("strike.with_weapon", strike.get("with_weapon", [])),
        strike_alone=rules("strike.alone", strike.get("alone", [])),
        strike_subtypes={k: compile_terms(v) for k, v in strike.get("subtypes", {}).items()},
        status_cues=status_cues,
        weapons=weapons,
        weapon_pattern=compile_terms(literal_terms(weapon_by_alias_keys(weapons))),
        weapon_by_alias=weapon_by_alias,
        actors=actors,
        theatres=[(frozenset(t["parties"]), t["theatre"]) for t in raw["actors.yaml"].get("theatres") or []],
        actor_by_alias=actor_by_alias,
        # Case-sensitive ("US" is a party, "us" is not), but "al-Shabaab" opens a sentence as "Al-Shabaab".
        actor_pattern=compile_terms(literal_terms(opening_sentence_too(a for e in actors for a in e.aliases)), flags=0),
        armed_group_pattern=compile_terms(literal_terms(opening_sentence_too(
            a for e in actors if e.country is None for a in e.aliases)), flags=0),
        war_talk_pattern=class_pattern(classes, "war_talk"),
        armed_force_pattern=class_pattern(classes, "armed_force"),
        armed_conflict_pattern=class_pattern(classes, "armed_conflict"),
        places=places,
        place_by_alias=place_by_alias,
        place_pattern=compile_terms(literal_terms(a for p in places for a in [p.name, *p.aliases]), flags=0),
        items=items,
        item_pattern=compile_terms(t for v in quantities.get("items", {}).values() for t in v),
        kinds={k: compile_terms(v) for k, v in quantities.get("kinds", {}).items()},
        qualifiers={k: compile_terms(v) for k, v in quantities.get("qualifiers", {}).items()},
        not_after=compile_terms(quantities.get("not_after", [])),
        not_before=re.compile("(?:" + "|".join(quantities.get("not_before", [])) + r")\s*$", re.IGNORECASE),
        reporting_verbs=frozenset(claimants.get("reporting_verbs", [])),
        attribution_pattern=compile_terms(literal_terms(claimants.get("attribution_phrases", []))),
        outlets=frozenset(_case_key(o) for o in claimants.get("outlets", [])),
        outlet_pattern=compile_terms(literal_terms(claimants.get("outlets", []))),
        official_pattern=compile_terms(literal_terms(claimants.get("official_nouns", []))),
        exceptions=[_exception(entry, classes) for entry in events.get("exceptions") or []],
        known_happenings=known_happenings,
        known_rules=compile_rules(with_classes([(n, k.pattern) for n, k in known_happenings.items()], classes))
        if known_happenings else None,
    )


def _exception(entry: dict[str, Any], classes: dict[str, str]) -> TriggerException:
    def compiled(value: Any) -> re.Pattern[str]:
        pattern = "|".join(f"(?:{p})" for p in _alternatives(value))
        return re.compile(expand_classes(pattern, classes), re.IGNORECASE)

    window = WINDOW.fullmatch(str(entry.get("window", "sentence")))
    assert window is not None  # validated when read
    return TriggerException(
        name=entry["name"], pattern=compiled(entry["pattern"]), types=frozenset(entry.get("types", SUBTYPES)),
        window=window.group("whole") or window.group("side"), before=int(window.group("before") or 0),
        after=int(window.group("after") or 0),
        unless=compiled(entry["unless"]) if "unless" in entry else None,
        when=compiled(entry["when"]) if "when" in entry else None)


def _known_happenings(events: dict[str, Any], actor_by_alias: dict[str, ActorEntry]) -> dict[str, KnownHappening]:
    """Rule name → the happening a named trigger with `known:` names; its sides must be
    parties of actors.yaml."""
    found = {}
    for prefix, entries in _trigger_groups(events):
        for entry in entries:
            if not (isinstance(entry, dict) and entry.get("known")):
                continue
            known = KnownHappening(**{k: (str(v) if v is not None else None) for k, v in entry["known"].items()},
                                   pattern=entry["pattern"])
            for role in ("actor", "target"):
                name = getattr(known, role)
                if name is not None and _case_key(name) not in actor_by_alias:
                    raise LexiconError(f"events.yaml: {prefix}.{entry['name']}.known.{role}: "
                                       f"{name!r} is no party of actors.yaml")
            found[f"{prefix}.{entry['name']}"] = known
    return found


def named_rules(prefix: str, entries: Iterable[Any]) -> list[tuple[str, str]]:
    """A list of triggers as `(name, pattern)`: an entry is a pattern (named by its place,
    "clash.assault.3") or a mapping with `name` and `pattern`."""
    out = []
    for n, entry in enumerate(entries, 1):
        if isinstance(entry, dict):
            out.append((f"{prefix}.{entry['name']}", entry["pattern"]))
        else:
            out.append((f"{prefix}.{n}", entry))
    return out


def opening_sentence_too(names: Iterable[str]) -> set[str]:
    """Names as written and as they open a sentence: "al-Shabaab" and "Al-Shabaab"."""
    return {v for name in names for v in (name, name[:1].upper() + name[1:])}


# "Syrian rebels", "Israeli settlers": a state's adjective before these names a party of its own
IRREGULARS = (r"(?:anti-government |opposition |armed )?(?:rebels|rebel (?:forces|fighters|groups?)|insurgents|"
              r"separatists|settlers|jihadists|opposition (?:fighters|forces|groups?)|dissidents|gangs?|gang members|"
              r"bandits|cartels?)")


def word_classes(own: dict[str, list[str]], actors: list[ActorEntry], weapons: list[Weapon]) -> dict[str, str]:
    """Each word class as one regex group: events.yaml's own, matched without regard to
    case like the triggers, and the built-in ones, whose names keep their case ("US" is a
    state, "us" is not) but may open a sentence."""
    def names(aliases: Iterable[str]) -> str:
        variants = sorted(opening_sentence_too(aliases), key=len, reverse=True)
        return "(?-i:" + "|".join(re.escape(v) for v in variants) + ")" if variants else NEVER

    classes = {name: "(?:" + "|".join(f"(?:{t})" for t in sorted(terms, key=len, reverse=True)) + ")"
               for name, terms in own.items()}
    state = names(a for e in actors if e.country for a in e.aliases)
    # "US-UK strikes", "the Saudi-UAE coalition": two states joined by a hyphen act as one
    classes["state"] = rf"{state}(?:-{state})?(?!\s+{IRREGULARS}\b)"
    classes["armed_group"] = names(a for e in actors if not e.country for a in e.aliases)
    classes["weapon"] = "(?:" + "|".join(re.escape(a) for a in sorted(weapon_by_alias_keys(weapons), key=len, reverse=True)) + ")"
    return classes


def class_pattern(classes: dict[str, str], name: str) -> re.Pattern[str]:
    """One word class of events.yaml on its own, as whole words ("counter-offensive" holds
    "offensive"); an events.yaml without it leaves the class empty."""
    return re.compile(rf"\b{classes[name]}\b", re.IGNORECASE) if name in classes else re.compile(NEVER)


def with_classes(rules: list[tuple[str, str]], classes: dict[str, str]) -> list[tuple[str, str]]:
    """The rules with each `{class}` replaced by the class's pattern (every class a rule
    names was checked when its file was loaded)."""
    return [(name, expand_classes(pattern, classes)) for name, pattern in rules]


def expand_classes(pattern: str, classes: dict[str, str]) -> str:
    """`pattern` with each `{class}` replaced by the class's pattern."""
    return WORD_CLASS.sub(lambda m: classes[m.group(1)], pattern)


def weapon_by_alias_keys(weapons: list[Weapon]) -> list[str]:
    return [a for w in weapons for a in w.aliases]


@lru_cache(maxsize=8)
def load_lexicon(extra_dirs: tuple[str, ...] = (), place_files: tuple[str, ...] = ()) -> Lexicon:
    """The bundled lexicons, plus those found in each of `extra_dirs`, plus places
    files (places.csv's columns, with optional lat and lon) that take precedence."""
    bundled = resources.files("sitrep") / "data"
    raw = {name: _read_lexicon_file(Path(str(bundled / name))) for name in DATA_FILES}
    _check_word_classes(Path(str(bundled / "events.yaml")), raw["events.yaml"], set())
    places = _read_places(Path(str(bundled / "places.csv")))
    states = _read_states(Path(str(bundled / "states.csv")))
    for directory in extra_dirs:
        root = Path(directory)
        if not root.is_dir():
            raise LexiconError(f"{directory}: not a directory of lexicon files")
        for name in DATA_FILES:
            if (root / name).exists():
                data = _read_lexicon_file(root / name)
                if name == "events.yaml":
                    _check_word_classes(root / name, data, set(raw[name].get("classes") or {}))
                raw[name] = _merge(raw[name], data)
        if (root / "places.csv").exists():
            places = places + _read_places(root / "places.csv")
        if (root / "states.csv").exists():
            states = _read_states(root / "states.csv") + states
    for path in place_files:
        places = places + _read_places(Path(path))
    places, actors = _with_states(states, places, raw["actors.yaml"].get("actors", []))
    raw["actors.yaml"] = {**raw["actors.yaml"], "actors": actors}
    return _build(raw, places)


def canonical(text: str) -> str:
    """The lookup key of a name in the alias tables."""
    return _case_key(text)
