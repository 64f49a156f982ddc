"""Store stage: the state of watched sources, kept in the store beside what they fed it.

A source (a feed) has its conditional-request cursors (ETag, Last-Modified), its
last poll and last error; each item it listed has an outcome: stored, skipped (with
the reason, e.g. its language), failed (a permanent error such as a 404), or retry
(a transient error, tried again at later polls up to `MAX_ATTEMPTS`). Because this
lives in the same file as the articles, a restarted or killed watcher picks up
exactly where the last committed write left it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

import duckdb

MAX_ATTEMPTS = 3
OUTCOMES = ("stored", "skipped", "failed", "retry")


@dataclass
class SourceState:
    source: str
    etag: Optional[str] = None
    last_modified: Optional[str] = None


@dataclass
class ItemOutcome:
    key: str
    url: Optional[str]
    status: str
    reason: Optional[str] = None
    article_id: Optional[str] = None

    def __post_init__(self) -> None:
        if self.status not in OUTCOMES:
            raise ValueError(f"item status {self.status!r} is not one of {', '.join(OUTCOMES)}")


def state(conn: duckdb.DuckDBPyConnection, source: str) -> SourceState:
    row = conn.execute("SELECT etag, last_modified FROM sources WHERE source = ?", [source]).fetchone()
    return SourceState(source, *row) if row else SourceState(source)


def settled_items(conn: duckdb.DuckDBPyConnection, source: str, keys: Iterable[str]) -> set[str]:
    """The keys of `source` needing no more work: done, or out of retries."""
    rows = conn.execute(
        "SELECT item_key FROM source_items WHERE source = ? AND item_key IN (SELECT unnest(?::VARCHAR[])) "
        "AND (status <> 'retry' OR attempts >= ?)", [source, list(keys), MAX_ATTEMPTS]).fetchall()
    return {row[0] for row in rows}


def record_items(conn: duckdb.DuckDBPyConnection, source: str, outcomes: list[ItemOutcome]) -> None:
    if not outcomes:
        return
    conn.executemany(
        "INSERT INTO source_items (source, item_key, url, status, reason, article_id) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (source, item_key) DO UPDATE SET status = excluded.status, reason = excluded.reason, "
        "article_id = excluded.article_id, attempts = source_items.attempts + 1, updated_at = now()",
        [[source, o.key, o.url, o.status, o.reason, o.article_id] for o in outcomes])


def record_poll(conn: duckdb.DuckDBPyConnection, source: str, *, title: Optional[str] = None,
                cursor: Optional[SourceState] = None, error: Optional[str] = None) -> None:
    """A poll's end: its error (None when it worked) and, when given, the new cursors.
    Cursors move only after every item of the poll is settled, so a kill before that
    makes the next poll see the same items again rather than a 304."""
    conn.execute(
        "INSERT INTO sources (source, title, polls) VALUES (?, ?, 0) ON CONFLICT (source) DO NOTHING", [source, title])
    conn.execute(
        "UPDATE sources SET polls = polls + 1, last_poll = current_timestamp, last_error = ?, "
        "last_success = CASE WHEN ? IS NULL THEN current_timestamp ELSE last_success END, "
        "title = coalesce(?, title) WHERE source = ?", [error, error, title, source])
    if cursor is not None:
        conn.execute("UPDATE sources SET etag = ?, last_modified = ? WHERE source = ?",
                     [cursor.etag, cursor.last_modified, source])


SOURCES_QUERY = """
    SELECT s.source, s.title, s.last_poll, s.last_success, s.last_error, s.polls,
           count(i.item_key) FILTER (WHERE i.status = 'stored') AS items_stored,
           count(i.item_key) FILTER (WHERE i.status = 'skipped') AS items_skipped,
           count(i.item_key) FILTER (WHERE i.status IN ('failed', 'retry')) AS items_failed
    FROM sources s LEFT JOIN source_items i USING (source)
    GROUP BY ALL ORDER BY s.source
"""

ITEMS_QUERY = """
    SELECT item_key, url, status, reason, article_id, attempts, first_seen, updated_at
    FROM source_items WHERE source = ? ORDER BY updated_at DESC, item_key LIMIT ?
"""
