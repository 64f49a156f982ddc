"""Sentence reader: a trained spaCy text classifier that says which event types a
sentence reports, read over the rules' own findings.

The rules are exact where a lexicon word names the happening; they miss what a new
outlet or a new conflict words differently ("gunmen overran the camp", "the fall of
the town"). The reader sees each sentence as the rules see it: party names replaced
by what they are (a state, an armed group), digits by their shape, and the types the
rules fired added as cue words. So it learns from the trainset which wordings report
a happening, without learning the names of one war.

The engine uses its decisions (`Reading`) one way: a type the reader is sure of, where
no rule fired, adds a trigger. It vetoes nothing: dropping what the rules fired cost
recall on the devset and the set-aside slices. The threshold per type is chosen by
`make train` on a part of the training articles kept from the model, and ships with it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional, Sequence

import spacy
from spacy.language import Language as SpacyLanguage

from ..errors import LexiconError
from ..models import EVENT_TYPES
from .actors import PartyMention

# The subtype a learned trigger takes where no rule word names one (the commonest in the trainset).
DEFAULT_SUBTYPE = {"clash": "assault", "deployment": "other", "disruption": "other", "losses": "personnel",
                   "strike": None, "territory": "captured", "violence": "other"}
DIGITS = re.compile(r"\d+")
MODEL_NAME = "sentence_types"


def bundled_model_path() -> Path:
    return Path(str(resources.files("sitrep") / "data" / "models" / MODEL_NAME))


def reader_input(text: str, rule_types: Iterable[str], parties: Iterable[PartyMention]) -> str:
    """The sentence as the reader sees it: its parties (`find_parties`) as their kind,
    digits as shape, and one cue word per type the rules fired ("xrulestrike")."""
    pieces, last = [], 0
    for mention in parties:
        if mention.start < last:
            continue
        kind = "xstate" if mention.entry.country else "xgroup"
        pieces.extend([text[last:mention.start], kind])
        last = mention.end
    pieces.append(text[last:])
    masked = DIGITS.sub(lambda m: "0" * min(len(m.group()), 4), "".join(pieces))
    cues = " ".join(f"xrule{t}" for t in sorted(set(rule_types)))
    return f"{masked} {cues}".strip()


@dataclass(frozen=True)
class Thresholds:
    add: dict[str, float]  # a type scored at least this, with no rule for it, becomes a trigger


@dataclass
class Reading:
    scores: dict[str, float]

    def adds(self, thresholds: Thresholds, rule_types: set[str]) -> list[str]:
        return [t for t in EVENT_TYPES if t not in rule_types and self.scores.get(t, 0.0) >= thresholds.add.get(t, 2.0)]


class SentenceReader:
    """A trained `textcat_multilabel` pipeline and the thresholds chosen for it."""

    def __init__(self, nlp: SpacyLanguage, thresholds: Thresholds, path: Path):
        self.nlp, self.thresholds, self.path = nlp, thresholds, path

    @classmethod
    def load(cls, path: Path) -> "SentenceReader":
        try:
            nlp = spacy.load(path)
            raw = json.loads((path / "thresholds.json").read_text(encoding="utf-8"))
            thresholds = Thresholds(add={k: float(v) for k, v in raw["add"].items()})
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise LexiconError(f"{path}: not a sentence reader model ({exc})") from None
        return cls(nlp, thresholds, path)

    def read(self, inputs: Sequence[str]) -> list[Reading]:
        return [Reading(dict(doc.cats)) for doc in self.nlp.pipe(inputs, batch_size=256)]


@lru_cache(maxsize=4)
def load_reader(path: Optional[str] = None) -> Optional[SentenceReader]:
    """The bundled reader (or the one at `path`); None where none was trained."""
    where = Path(path) if path else bundled_model_path()
    if not (where / "thresholds.json").exists():
        if path:
            raise LexiconError(f"{where}: no sentence reader model here (run `make train`)")
        return None
    return SentenceReader.load(where)
