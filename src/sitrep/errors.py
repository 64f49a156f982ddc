"""The exception tree. Callers catch `SitrepError`; each subclass names a stage.

    SitrepError
    ├── InputError      an article could not be read (names the input and the reason)
    │   └── NotEnglishError  an article deliberately not read: its language
    ├── LexiconError    a lexicon data file is malformed
    └── StoreError      the store cannot be opened, read or written
"""


class SitrepError(Exception):
    """Base of every error sitrep raises on purpose."""


class InputError(SitrepError):
    """An input could not be read as an article."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class NotEnglishError(InputError):
    """An article skipped for its language: recorded with the reason, not a failure."""


class LexiconError(SitrepError):
    """A lexicon data file is malformed."""


class StoreError(SitrepError):
    """The store cannot be opened, read or written (corrupt, locked, disk full, newer schema)."""
