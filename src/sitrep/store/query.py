"""Questions over the store: events, incidents, claims and counts, filtered.

Every query is one parameterised SQL statement; a `Filters` value says what to keep,
and the same filters serve the CLI, the exports and the API.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Iterator, Optional

import duckdb

from ..errors import StoreError


MAX_OFFSET = 2**62  # DuckDB's LIMIT and OFFSET are signed 64-bit numbers


@dataclass
class Filters:
    type: Optional[str] = None
    subtype: Optional[str] = None
    country: Optional[str] = None      # ISO code of the place
    admin1: Optional[str] = None
    actor: Optional[str] = None        # name or ISO code, of the actor
    claimant: Optional[str] = None     # part of the claimant's name
    since: Optional[date] = None       # events whose days reach this day or later
    until: Optional[date] = None
    text: Optional[str] = None         # words in the evidence sentence
    incident: Optional[str] = None
    wave: Optional[str] = None         # the incidents of one wave
    limit: Optional[int] = None
    offset: int = 0

    def active(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)
                if getattr(self, f.name) not in (None, 0) and f.name not in ("limit", "offset")}


@dataclass
class Table:
    """A query result: column names and rows, in order."""

    columns: list[str]
    rows: list[tuple] = field(default_factory=list)

    def records(self) -> Iterator[dict[str, Any]]:
        for row in self.rows:
            yield dict(zip(self.columns, row))

    def __len__(self) -> int:
        return len(self.rows)


# A count as people write it: 41, not 41.0
PLAIN_VALUE = ("CASE WHEN q.value = trunc(q.value) AND abs(q.value) < 1e15 "
               "THEN CAST(CAST(q.value AS BIGINT) AS VARCHAR) ELSE CAST(q.value AS VARCHAR) END")

EVENT_COLUMNS = f"""
    e.event_id, l.incident_id, e.type, e.subtype, e.status,
    e.actor_name, e.actor_country, e.target_name, e.target_country,
    e.place_name, e.country, e.admin1, e.lat, e.lon, e.precision,
    e.date_start, e.date_end, e.date_precision, e.date_text,
    e.claimant_name, e.claimant_country,
    (SELECT string_agg(q.kind || coalesce(' (' || q.item || ')', '') || '=' || {PLAIN_VALUE} ||
            CASE q.qualifier WHEN 'at_least' THEN '+' WHEN 'about' THEN '~' WHEN 'at_most' THEN '-' ELSE '' END,
            '; ' ORDER BY q.seq) FROM quantities q WHERE q.event_id = e.event_id) AS quantities,
    array_to_string(e.weapons, '; ') AS weapons,
    a.article_id, a.outlet, a.url, a.published, e.evidence_text, e.evidence_start, e.evidence_end
"""

INCIDENT_COLUMNS = """
    i.incident_id, i.type, i.subtype, i.place_name, i.country, i.admin1, i.lat, i.lon, i.precision,
    i.date_start, i.date_end, i.actor_name, i.actor_country, i.target_name, i.target_country,
    i.n_events, i.n_articles, i.n_sources, i.figures, i.wave_id, i.scope
"""


INCIDENT_CONDITIONS = (
    ("type", "lower(i.type) = lower(?)"),
    ("subtype", "lower(i.subtype) = lower(?)"),
    ("admin1", "lower(i.admin1) = lower(?)"),
    ("country", "upper(i.country) = upper(?)"),
    ("since", "i.date_end >= ?"),
    ("until", "i.date_start <= ?"),
    ("incident", "i.incident_id = ?"),
    ("wave", "i.wave_id = ?"),
)


def _event_conditions(f: Filters, alias: str = "e") -> tuple[list[str], list[Any]]:
    where, params = [], []
    for name, column in (("type", "type"), ("subtype", "subtype"), ("admin1", "admin1")):
        value = getattr(f, name)
        if value:
            where.append(f"lower({alias}.{column}) = lower(?)")
            params.append(value)
    if f.country:
        where.append(f"upper({alias}.country) = upper(?)")
        params.append(f.country)
    if f.actor:
        where.append(f"(upper({alias}.actor_country) = upper(?) OR {_contains(alias + '.actor_name')})")
        params += [f.actor, f.actor]
    if f.claimant:
        where.append(_contains(f"{alias}.claimant_name"))
        params.append(f.claimant)
    if f.since:
        where.append(f"{alias}.last_day >= ?")
        params.append(f.since)
    if f.until:
        where.append(f"{alias}.first_day <= ?")
        params.append(f.until)
    if f.text:
        where.append(_contains(f"{alias}.evidence_text"))
        params.append(f.text)
    return where, params


def _contains(column: str) -> str:
    """Words anywhere in `column`, any case; '%' and '_' are the characters themselves
    (ILIKE would read them as wildcards)."""
    return f"contains(lower({column}), lower(?))"


def _paging(f: Filters) -> str:
    limit = f" LIMIT {int(f.limit)}" if f.limit is not None else ""
    return limit + (f" OFFSET {int(f.offset)}" if f.offset else "")


def _events_sql(f: Filters) -> tuple[str, list[Any]]:
    where, params = _event_conditions(f)
    if f.incident:
        where.append("l.incident_id = ?")
        params.append(f.incident)
    return (f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a USING (article_id) "
            f"JOIN incident_links l USING (event_id) {_where(where)} "
            "ORDER BY e.first_day NULLS LAST, a.seq, e.seq", params)


def _incidents_sql(f: Filters) -> tuple[str, list[Any]]:
    where, params = [], []
    for name, condition in INCIDENT_CONDITIONS:
        if getattr(f, name):
            where.append(condition)
            params.append(getattr(f, name))
    event_where, event_params = _event_conditions(Filters(actor=f.actor, claimant=f.claimant, text=f.text))
    if event_where:
        where.append("i.incident_id IN (SELECT l.incident_id FROM events e JOIN incident_links l USING (event_id) "
                     f"WHERE {' AND '.join(event_where)})")
        params += event_params
    return (f"SELECT {INCIDENT_COLUMNS} FROM incidents i {_where(where)} "
            "ORDER BY i.date_start DESC NULLS LAST, i.n_sources DESC, i.incident_id", params)


def events(conn: duckdb.DuckDBPyConnection, f: Filters) -> Table:
    sql, params = _events_sql(f)
    return _table(conn, sql + _paging(f), params)


def incidents(conn: duckdb.DuckDBPyConnection, f: Filters) -> Table:
    """Incidents with at least one event that passes the filters on events."""
    sql, params = _incidents_sql(f)
    return _table(conn, sql + _paging(f), params)


def waves(conn: duckdb.DuckDBPyConnection, f: Filters) -> Table:
    """Waves (a night's attack, an operation) with their incidents counted, newest first;
    the filters on incidents choose which waves show (any incident passing)."""
    sql, params = _incidents_sql(Filters(**{**f.active(), "limit": None, "offset": 0}))
    return _table(conn, f"""
        SELECT w.wave_id, w.date_start, w.date_end, w.country, w.types, w.n_incidents, w.n_events, w.places
        FROM waves w WHERE w.wave_id IN (SELECT wave_id FROM ({sql}))
        ORDER BY w.date_start DESC NULLS LAST, w.n_events DESC, w.wave_id""" + _paging(f), params)


def count(conn: duckdb.DuckDBPyConnection, what: str, f: Filters) -> int:
    """How many "events", "incidents" or "waves" pass the filters, paging aside."""
    sql, params = (_events_sql if what == "events" else _incidents_sql)(f)
    counted = "DISTINCT wave_id" if what == "waves" else "*"
    return _table(conn, f"SELECT count({counted}) FROM ({sql})", params).rows[0][0]


def ledger(conn: duckdb.DuckDBPyConnection, f: Filters) -> Table:
    """Strikes per day and claimant: drones and missiles launched, intercepted, hit
    (shells and bombs are not counted as launched: the ledger is of the air war).
    Within one incident a claimant's largest figure counts once (ten outlets quoting
    the same air force are one claim); incidents of the day are then summed."""
    where, params = _event_conditions(Filters(claimant=f.claimant, country=f.country, since=f.since, until=f.until))
    where = ["e.type = 'strike'", "q.kind IN ('launched', 'intercepted', 'hit')",
             "(q.item IN ('drone', 'missile') OR (q.item IS NULL AND e.subtype IN ('drone', 'missile', 'combined')))"
             ] + where
    sql = f"""
        WITH per_incident AS (
            SELECT e.first_day AS day, coalesce(e.claimant_name, '(outlet)') AS claimant, e.claimant_country,
                   l.incident_id, q.kind, max(q.value) AS value
            FROM events e JOIN quantities q USING (event_id) JOIN incident_links l USING (event_id)
            {_where(where)}
            GROUP BY ALL)
        SELECT day, claimant, any_value(claimant_country) AS claimant_country,
               sum(value) FILTER (WHERE kind = 'launched') AS launched,
               sum(value) FILTER (WHERE kind = 'intercepted') AS intercepted,
               sum(value) FILTER (WHERE kind = 'hit') AS hit,
               count(DISTINCT incident_id) AS incidents
        FROM per_incident GROUP BY day, claimant ORDER BY day DESC NULLS LAST, claimant"""
    return _table(conn, sql + _paging(f), params)


def claims(conn: duckdb.DuckDBPyConnection, incident_id: str) -> Table:
    """Every claim of an incident: who said how many, in which outlet, with the sentence."""
    sql = """SELECT c.event_id, c.claimant_name, c.claimant_country, c.status, c.kind, c.value, c.qualifier, c.item,
                    c.outlet, c.source_group, c.published, c.article_id, c.evidence_text, c.evidence_start,
                    c.evidence_end, l.score, l.reasons
             FROM claims c JOIN incident_links l USING (event_id, incident_id)
             WHERE c.incident_id = ? ORDER BY c.published NULLS LAST, c.event_id, c.kind"""
    return _table(conn, sql, [incident_id])


def stats(conn: duckdb.DuckDBPyConnection, f: Filters) -> dict[str, Table]:
    """Counts of events and incidents per type, per week and per country: one pass over
    the events and their links (GROUPING SETS), not one join for each of the three."""
    where, params = _event_conditions(f)
    rows = _table(conn, f"""
        SELECT e.type, date_trunc('week', e.first_day)::DATE AS week, coalesce(e.country, '?') AS country,
               GROUPING(e.type) = 0 AS by_type, GROUPING(week) = 0 AS by_week,
               count(*) AS events, count(DISTINCT l.incident_id) AS incidents
        FROM events e JOIN incident_links l USING (event_id) {_where(where)}
        GROUP BY GROUPING SETS ((e.type), (week), (country))""", params).rows
    per_type = sorted(((r[0], r[5], r[6]) for r in rows if r[3]), key=lambda r: (-r[1], r[0]))
    per_week = sorted(((r[1], r[5], r[6]) for r in rows if r[4]), key=lambda r: (r[0] is None, r[0] or date.min))
    per_country = sorted(((r[2], r[5], r[6]) for r in rows if not (r[3] or r[4])), key=lambda r: (-r[1], r[2]))
    return {"per type": Table(["type", "events", "incidents"], per_type),
            "per week": Table(["week", "events", "incidents"], per_week),
            "per country": Table(["country", "events", "incidents"], per_country)}


def _where(conditions: list[str]) -> str:
    return f"WHERE {' AND '.join(conditions)}" if conditions else ""


def _table(conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> Table:
    try:
        cursor = conn.execute(sql, params)
        return Table([d[0] for d in cursor.description], cursor.fetchall())
    except duckdb.Error as exc:
        raise StoreError(f"query failed: {str(exc).splitlines()[0]}") from None
