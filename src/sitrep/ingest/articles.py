"""Ingest stage: an `Article` from what a reader hands in, or an `InputError` naming
the input and the reason."""
from __future__ import annotations

from typing import Any, Optional

from ..errors import InputError
from ..fuse import normalised_text_hash
from ..models import Article


def content_id(text: str) -> str:
    """The id of an article that came without one: from its text, so the same text
    gets the same id in every run and two texts never share one."""
    return "sha-" + normalised_text_hash(text)[:16]


def make_article(source: str, text: str, *, id: Optional[str] = None, published: Optional[str] = None,
                 **header: Optional[str]) -> Article:
    """An `Article`, or an `InputError` naming `source` when it cannot be one."""
    if not text.strip():
        raise InputError(source, "the article's text is empty")
    try:
        return Article(text=text, id=id or content_id(text), published=published, **header)
    except ValueError as exc:
        raise InputError(source, f"'published': {exc}") from None


def article_from_dict(data: Any, source: str, published: Optional[str] = None) -> Article:
    if not isinstance(data, dict):
        raise InputError(source, "an article must be a JSON object")
    text = data.get("text")
    if text is None:
        raise InputError(source, "the article has no 'text' field")
    if not isinstance(text, str):
        raise InputError(source, "'text' must be a string")

    def field(name: str) -> Optional[str]:
        value = data.get(name)
        if value is None or isinstance(value, str):
            return value
        if name == "id" and isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        raise InputError(source, f"'{name}' must be a string, not {type(value).__name__}")

    return make_article(source, text, id=field("id"), url=field("url"), outlet=field("outlet"),
                        title=field("title"), published=field("published") or published)
