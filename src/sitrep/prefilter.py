"""A prefilter for the lexicon's trigger regexes, in the way RE2's FilteredRE2 gates
its patterns: before a large case-insensitive alternation is searched, a few substring
tests ask whether the sentence holds a piece of text that every match must hold.

Python's `re` finds no literal to skip ahead by in an alternation of hundreds of
case-insensitive phrases, so it tries every alternative at every position: a miss
costs as much as a full scan, and most sentences miss most patterns.

`required_pieces(pattern)` reads a compiled pattern's syntax tree and returns pieces of
literal text (lower case), one of which is in every match: for "{state} forces
(?:attacked|shelled)" the verbs, rather than the hundreds of state names. None where
some alternative holds no literal text it must contain. `may_match(pieces, text)` is
exact: it never turns away a text the pattern would match.
"""
from __future__ import annotations

import re
from functools import lru_cache
try:  # the regex parser's modules, named so since Python 3.11
    import re._constants as sre
    import re._parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]
from typing import Optional

import ahocorasick

_MOST_PIECES = 300  # a union of more pieces than this tests slower than the regex runs
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}

Pieces = frozenset  # of str


def required_pieces(pattern: re.Pattern[str] | str, flags: int = 0) -> Optional[Pieces]:
    """Lower-case pieces of text one of which is in every match of `pattern` (compiled,
    or its source and `flags`), or None."""
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags
    try:
        found = _sequence(list(sre_parse.parse(pattern, flags)))
    except RecursionError:
        return None
    if not found or any(_folds_otherwise(letter) for piece in found for letter in piece if not letter.isascii()):
        return None  # a piece that lower case may not show as written
    return Pieces(found)


def _sequence(items: list) -> Optional[set[str]]:
    """The best pieces for a sequence: those of any one item it cannot skip, or a run of
    literal text, whichever has the longest shortest piece. A run goes on through a choice
    of literal words, which the regex parser writes with their common start taken out
    ("co(?:nvoy|lumn)"): the run is then each whole word."""
    candidates = []
    run = {""}
    for op, argument in items + [(None, None)]:
        if op is sre.LITERAL:
            run = {written + chr(argument).lower() for written in run}
            continue
        words = _literal_words(op, argument)
        if words and len(run) * len(words) <= _MOST_PIECES:
            run = {written + word for written in run for word in words}
            continue
        if all(written.strip() for written in run):
            candidates.append(run)
        run = {""}
        if op is not None:
            candidates.append(_item(op, argument))
    candidates = [c for c in candidates if c and len(c) <= _MOST_PIECES and all(p.strip() for p in c)]
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)), default=None)


def _literal_words(op, argument) -> Optional[set[str]]:
    """The words a choice of plain literals ("nvoy|lumn") may write, or None."""
    if op is sre.SUBPATTERN:
        inner = list(argument[-1])
        return _literal_words(*inner[0]) if len(inner) == 1 else None
    if op is not sre.BRANCH:
        return None
    words = set()
    for branch in argument[1]:
        if not branch or any(item_op is not sre.LITERAL for item_op, _ in branch):
            return None  # an empty branch may write nothing
        words.add("".join(chr(code).lower() for _, code in branch))
    return words


def _item(op, argument) -> Optional[set[str]]:
    if op is sre.SUBPATTERN:
        return _sequence(list(argument[-1]))
    if op is sre.BRANCH:
        joined: set[str] = set()
        for branch in argument[1]:
            found = _sequence(list(branch))
            if not found:
                return None  # a branch that need hold nothing: the whole branch may
            joined |= found
        return joined
    if op in _REPEATS and argument[0] > 0:
        return _sequence(list(argument[2]))
    return None


@lru_cache(maxsize=4096)
def _folds_otherwise(letter: str) -> bool:
    """Whether a case-insensitive match may equate `letter` with a letter its lower case
    does not show ("ſ" with "s", "ı" with "I"), or its lower case is longer ("İ"): a text
    holding one is searched without the filter, since its lower case may hide the piece."""
    lower = letter.lower()
    return len(lower) != 1 or letter.upper().lower() != lower


def may_match(pieces: Optional[Pieces], text: str) -> bool:
    """False only where no match of a pattern with these pieces can be in `text`."""
    lowered = lower_case(text)
    if pieces is None or lowered is None:
        return True
    return any(piece in lowered for piece in pieces)


def lower_case(text: str) -> Optional[str]:
    """`text` in lower case, to test pieces against; None where its lower case may hide a
    piece (a letter that folds otherwise), and every pattern must be searched."""
    if not text.isascii() and any(map(_folds_otherwise, set(text))):
        return None
    return text.lower()


class PatternFilter:
    """Which of several patterns, each known by its pieces, a text may match: one pass
    of an Aho-Corasick automaton over the text's lower case finds every piece it holds,
    where testing each pattern's pieces in turn costs a scan per piece."""

    def __init__(self, pieces: list[Optional[Pieces]]):
        self.size = len(pieces)
        self.always = frozenset(i for i, found in enumerate(pieces) if found is None)
        holders: dict[str, list[int]] = {}
        for i, found in enumerate(pieces):
            for piece in found or ():
                holders.setdefault(piece, []).append(i)
        self.automaton: Optional[ahocorasick.Automaton] = None
        if holders:
            self.automaton = ahocorasick.Automaton()
            for piece, patterns in holders.items():
                self.automaton.add_word(piece, tuple(patterns))
            self.automaton.make_automaton()

    def candidates(self, text: str) -> list[int]:
        """The patterns (by index, in order) that may match in `text`; only those
        left out cannot."""
        lowered = lower_case(text)
        if lowered is None:
            return list(range(self.size))
        found = set(self.always)
        if self.automaton is not None:
            for _, patterns in self.automaton.iter(lowered):
                found.update(patterns)
        return sorted(found)
