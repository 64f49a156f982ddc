"""Ingest stage: which language an article is in, offline (py3langid's bundled model).

sitrep's extractor reads English; a page in another language is skipped with the
reason recorded rather than mined for false events. The identifier is unsure on a
line or two of text (a short English sentence can come out as Nigerian Pidgin), so
only a confident call on enough text skips an article.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..errors import NotEnglishError

ENGLISH = "en"
MIN_CHARS = 200        # below this, the call is too unsure to skip on
MIN_CONFIDENCE = 0.9   # normalised probability of the language found


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_of(text: str) -> tuple[str, float]:
    """The ISO 639 code of the text's language and the identifier's confidence (0-1)."""
    code, confidence = _identifier().classify(text)
    return code, float(confidence)


def not_english(text: str) -> Optional[str]:
    """Why `text` is skipped (its language, as found), or None when it is read."""
    if len(text) < MIN_CHARS:
        return None
    code, confidence = language_of(text)
    if code == ENGLISH or confidence < MIN_CONFIDENCE:
        return None
    return f"not English (language identified: {code}, confidence {confidence:.2f})"


def require_english(text: str, source: str) -> None:
    """Raise `NotEnglishError` naming `source` when `text` is confidently not English."""
    reason = not_english(text)
    if reason:
        raise NotEnglishError(source, reason)
