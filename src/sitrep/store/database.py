"""Store stage: one DuckDB file holds articles, events, quantities, incidents and claims.

    with Store("sitrep.duckdb") as store:
        summary = store.ingest(read_articles(["reports/"]), Extractor())

Writes go in batches, one transaction each, fusion included: a run killed at any
point leaves the store as it was after the last whole batch, and a rerun skips what
is stored and adds the rest.

Sharing the file: DuckDB lets one process write a file, and no other process read
it meanwhile. So `ingest(..., share=True)` (what `sitrep ingest` does) takes the
file only to look up and to commit each batch, never while extracting, and a reader
(`sitrep serve`, `sitrep events`) opens it for one request at a time; each side
waits (`wait` seconds) for the other's moment to pass.

An article is stored once: the same id, or the same normalised text from the same
outlet, is skipped; the same text from another outlet is kept as a wire copy of the
first (one source).
"""
from __future__ import annotations

import json
import time
from contextlib import contextmanager
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence, Union

import duckdb

from ..errors import InputError, NotEnglishError, StoreError
from ..models import Article, ArticleResult, Event, Incident, Party, Place
from .. import fuse
from . import export as exports, query, sources
from .query import Filters, Table
from .schema import migrate

# Articles a transaction: each batch pays a few dozen statements whatever its size, so
# storing with fusion ran 422 articles/s in batches of 32 and 1,150 in batches of 128
# (bench/bench_store.py); a killed run loses at most one batch's extraction, seconds of it.
BATCH_SIZE = 128


@dataclass
class IngestSummary:
    articles: int = 0      # newly stored
    skipped: int = 0       # already in the store
    not_english: int = 0   # skipped for their language (recorded with the reason, not failures)
    wire_copies: int = 0   # stored, counted as one source with an earlier text
    events: int = 0
    new_incidents: int = 0
    failures: list[InputError] = field(default_factory=list)


@dataclass
class _Pending:
    """An article accepted for storing, before its batch commits."""

    result: ArticleResult
    article_id: str
    text_hash: str
    fingerprints: list[int]
    source_group: str = ""


class Store:
    """A sitrep store in one DuckDB file; `read_only` for queries beside a writer-free file."""

    def __init__(self, path: Union[str, Path] = "sitrep.duckdb", *, read_only: bool = False, wait: float = 0.0):
        self.path = Path(path)
        self.read_only = read_only
        self.wait = wait
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no store here (run `sitrep ingest` first)")
        self._open()
        self._column_types: dict[str, list[tuple[str, str]]] = {}
        self._generation = self._read_generation()

    def _open(self) -> None:
        self.conn = _connect(self.path, self.read_only, self.wait)
        try:
            if self.read_only:
                from .schema import SCHEMA_VERSION, current_version
                if current_version(self.conn) != SCHEMA_VERSION:
                    raise StoreError("the store's schema is out of date; open it once for writing to migrate it")
            else:
                migrate(self.conn)
        except StoreError as exc:
            self.conn.close()
            raise StoreError(f"{self.path}: {exc}") from None
        except duckdb.Error as exc:
            self.conn.close()
            raise StoreError(f"{self.path}: cannot read the store: {_first_line(exc)}") from None

    def release(self) -> None:
        """Let other processes at the file until `reacquire`."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def reacquire(self) -> None:
        """Take the file back; forget what another writer may have changed meanwhile."""
        if self.conn is not None:
            return
        self._open()
        generation = self._read_generation()
        self._generation = generation

    @property
    def generation(self) -> int:
        """How many batches the file had committed when this connection took it: what it
        holds is the same for one generation, so a reader may cache what it computed."""
        return self._generation

    def _read_generation(self) -> int:
        """How many batches the file has committed: tells a writer that took the file
        back whether someone else wrote meanwhile."""
        value = self._scalar("SELECT value FROM meta WHERE key = 'generation'")
        return int(value) if value else 0

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.release()

    # --- ingest -----------------------------------------------------------------

    def ingest(self, items: Iterable[Union[Article, InputError]], extractor, *,
               batch_size: int = BATCH_SIZE, share: bool = False,
               on_batch: Optional[Callable[[IngestSummary], None]] = None) -> IngestSummary:
        """Extract and store articles; inputs that failed to read are recorded and skipped.
        With `share`, the file is held only to look up and commit each batch."""
        summary = IngestSummary()
        seen: set[str] = set()
        batch_size = max(1, batch_size)

        def fresh_articles() -> Iterator[Article]:
            for chunk in _chunked(items, batch_size):
                self.reacquire()
                fresh = self._fresh(chunk, seen, summary)
                if share:
                    self.release()
                yield from fresh
                if not fresh and on_batch:
                    on_batch(summary)  # progress through inputs that were all stored already

        # One stream through the extractor, not one call a batch: an extractor with
        # workers keeps extracting the next articles while this process commits.
        for results in _chunked(extractor.extract_many(fresh_articles()), batch_size):
            self._commit_batch(results, summary, share, on_batch)
        self.reacquire()
        return summary

    def ingest_results(self, items: Iterable[Union[ArticleResult, InputError]], *,
                       batch_size: int = BATCH_SIZE, share: bool = False,
                       on_batch: Optional[Callable[[IngestSummary], None]] = None) -> IngestSummary:
        """Store results extracted elsewhere (`--engine ray`, `sitrep extract --keep-text`)
        as `ingest` stores its own: a transaction a batch, articles already stored skipped."""
        summary = IngestSummary()
        for chunk in _chunked(items, max(1, batch_size)):
            self.reacquire()
            results = []
            for item in chunk:
                if isinstance(item, InputError):
                    self._count_failure(item, summary)
                else:
                    results.append(item)
            self._commit_batch(results, summary, share, on_batch)
        self.reacquire()
        return summary

    def _commit_batch(self, results: Sequence[ArticleResult], summary: IngestSummary, share: bool,
                      on_batch: Optional[Callable[[IngestSummary], None]]) -> None:
        """One batch in one transaction; with `share`, the file is let go again after it."""
        self.reacquire()
        self.add(results, summary)
        if share:
            self.release()
        if on_batch:
            on_batch(summary)

    def _count_failure(self, error: InputError, summary: IngestSummary) -> None:
        if isinstance(error, NotEnglishError):
            summary.not_english += 1
        else:
            summary.failures.append(error)
        self._record_failure(error)

    def _fresh(self, chunk: list[Union[Article, InputError]], seen: set[str],
               summary: IngestSummary) -> list[Article]:
        """The articles of `chunk` not stored yet; inputs that failed are recorded."""
        fresh = []
        for item in chunk:
            if isinstance(item, InputError):
                self._count_failure(item, summary)
                continue
            key = self._known_key(item, seen)
            if key is None:
                summary.skipped += 1
                continue
            seen.add(key)
            fresh.append(item)
        return fresh

    def _known_key(self, article: Article, seen: set[str]) -> Optional[str]:
        """The article's identity key, or None when the store (or this run) has it already."""
        article_id = self.article_id(article)
        if article_id in seen or self._scalar("SELECT 1 FROM articles WHERE article_id = ?", [article_id]):
            return None
        return article_id

    @staticmethod
    def article_id(article: Article) -> str:
        return article.id or "sha-" + fuse.normalised_text_hash(article.text)[:16]

    def add(self, results: Sequence[ArticleResult], summary: Optional[IngestSummary] = None) -> IngestSummary:
        """Store extracted articles and fuse their events, all in one transaction."""
        summary = summary or IngestSummary()
        self._require_writable()
        with self._transaction("write failed, the batch was rolled back"):
            pending = self._accept_all(results, summary)
            self._write_articles(pending)
            self._write_events_and_fuse(pending, summary)
            # while this process holds the file nobody else writes, so the count it read is current
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", [str(self._generation + 1)])
        self._generation += 1
        return summary

    @contextmanager
    def _transaction(self, failure: str) -> Iterator[None]:
        """One transaction: committed when the block ends, rolled back on any error; a
        database error comes out as a `StoreError` saying `failure`."""
        try:
            self.conn.execute("BEGIN TRANSACTION")
            yield
            self.conn.execute("COMMIT")
        except duckdb.Error as exc:
            self._rollback()
            raise StoreError(f"{self.path}: {failure}: {_first_line(exc)}") from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        try:
            self.conn.execute("ROLLBACK")
        except duckdb.Error:
            pass

    def _accept_all(self, results: Sequence[ArticleResult], summary: IngestSummary) -> list[_Pending]:
        """The articles of a batch that are new, each with its source group: its own id,
        or the first article whose text it copies (same text from another outlet, or
        most of the same sentences). A few queries a batch, not a few an article."""
        candidates = [_Pending(r, self.article_id(r.article), fuse.normalised_text_hash(r.article.text),
                               fuse.wire_fingerprints(r.article.text)) for r in results]
        if not candidates:
            return []
        stored_ids = self.stored_ids(c.article_id for c in candidates)
        texts: dict[str, tuple[Optional[str], str]] = {row[0]: (row[1], row[2]) for row in self.conn.execute(
            "SELECT text_hash, arg_min(outlet, seq), arg_min(source_group, seq) FROM articles "
            "WHERE text_hash IN (SELECT unnest(?::VARCHAR[])) GROUP BY text_hash",
            [[c.text_hash for c in candidates]]).fetchall()}
        prints = _FingerprintIndex(self.conn.execute(
            "SELECT f.fingerprint, a.article_id, a.source_group, a.n_fingerprints, a.seq "
            "FROM fingerprints f JOIN articles a USING (article_id) "
            "WHERE f.fingerprint IN (SELECT unnest(?::BIGINT[]))",
            [sorted({f for c in candidates for f in c.fingerprints})]).fetchall())
        accepted: list[_Pending] = []
        for c in candidates:
            outlet = c.result.article.outlet
            same_text = texts.get(c.text_hash)
            if c.article_id in stored_ids or (same_text and (same_text[0] == outlet or not same_text[0] or not outlet)):
                summary.skipped += 1  # the same article, or the same text again from the same outlet
                continue
            c.source_group = same_text[1] if same_text else prints.copied_source(c.fingerprints) or c.article_id
            stored_ids.add(c.article_id)
            texts.setdefault(c.text_hash, (outlet, c.source_group))
            prints.add(c)
            summary.articles += 1
            summary.wire_copies += c.source_group != c.article_id
            accepted.append(c)
        return accepted

    def _write_articles(self, pending: list[_Pending]) -> None:
        first_seq = self._scalar("SELECT coalesce(max(seq), 0) + 1 FROM articles")
        self._insert("articles", [
            [p.article_id, first_seq + n, p.text_hash, p.source_group, len(p.fingerprints), a.url, a.outlet, a.title,
             a.published, fuse.parse_day(a.published), a.text, len(p.result.events)]
            for n, (p, a) in enumerate((p, p.result.article) for p in pending)])
        self._insert("fingerprints", [[p.article_id, f] for p in pending for f in p.fingerprints])

    def _write_events_and_fuse(self, pending: list[_Pending], summary: IngestSummary) -> None:
        sightings = []
        event_rows, quantity_rows = [], []
        for p in pending:
            for seq, event in enumerate(p.result.events):
                event_id = f"{p.article_id}/{event.id or seq}"
                sighting = _sighting_of(event, p, event_id)
                sightings.append(sighting)
                event_rows.append(_event_row(event, event_id, p.article_id, seq, sighting))
                quantity_rows += [[event_id, n, q.kind, q.item, float(q.value), q.qualifier, q.text]
                                  for n, q in enumerate(event.quantities)]
        self._insert("events", event_rows)
        self._insert("quantities", quantity_rows)
        if sightings:
            self._refuse(sightings, summary)
        summary.events += len(sightings)

    def _refuse(self, new: list[fuse.Sighting], summary: IngestSummary) -> None:
        """Fuse new sightings with the store: every stored component they link to is
        clustered again whole, with them, so the store holds what fusing everything at
        once would give, whatever order the articles came in."""
        candidates = self._sightings("e.event_id IN (SELECT unnest(?::VARCHAR[]))", [sorted(self._linkable(new))])
        component_of = {s.event_id: component for component, _, s in candidates}
        touched = sorted({component_of[event_id]
                          for event_id in fuse.linked_stored(new, [s for _, _, s in candidates])})
        stored = self._sightings("l.component_id IN (SELECT unnest(?::VARCHAR[]))", [touched]) if touched else []
        old_incidents = sorted({incident for _, incident, _ in stored})
        old_keys = self._wave_keys("incident_id IN (SELECT unnest(?::VARCHAR[]))", [old_incidents])
        clusters = fuse.cluster(new + [s for _, _, s in stored])
        self.conn.execute("DELETE FROM incident_links WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
                          [[s.event_id for _, _, s in stored]])
        self.conn.execute("DELETE FROM incidents WHERE incident_id IN (SELECT unnest(?::VARCHAR[]))", [old_incidents])
        self._insert("incident_links", [[event_id, c.id, score, reasons, c.component]
                                        for c in clusters for event_id, (score, reasons) in c.links.items()])
        self._write_incidents(clusters)
        summary.new_incidents += len({c.id for c in clusters} - set(old_incidents))
        new_keys = self._wave_keys("incident_id IN (SELECT unnest(?::VARCHAR[]))", [[c.id for c in clusters]])
        self._rewave(old_keys | new_keys)

    def _near_in_time(self, etype: str, near: list[tuple]) -> set[str]:
        """Stored events of `etype` within a day of one of `near`'s (country, admin1, day,
        scope, latitude, spot) that `fuse.affinity` does not rule out by place: in no
        other country or admin1 (a missing one fits any), of the same scope, and, between
        two named spots, the same name or within `fuse.NEAR_KM` of latitude. Events of one
        day, nearly all of them, are found by an equality join on the day (a hash join,
        not a comparison of every stored event with every key); events over several
        days by the range itself."""
        slack = range(-fuse.DAY_SLACK, fuse.DAY_SLACK + 1)
        one_day = sorted({(c, a, fuse.shift(day, d), *rest) for c, a, day, *rest in near for d in slack}, key=str)
        # a degree of latitude is 111.2 km whatever the longitude: no pair within NEAR_KM is lost
        same_place = f"""(e.country = k.country OR e.country IS NULL OR k.country IS NULL)
            AND (e.admin1 = k.admin1 OR e.admin1 IS NULL OR k.admin1 IS NULL)
            AND (e.place_name IS NULL OR k.scope IS NULL OR (k.scope = 'leaf') = ({_LEAF}))
            AND (k.spot IS NULL OR e.lat IS NULL OR k.lat IS NULL OR NOT ({_LEAF})
                 OR abs(e.lat - k.lat) <= {fuse.NEAR_KM / 111.2} OR {_SPOT} = k.spot)"""
        keys = """(SELECT unnest(?::VARCHAR[]) AS country, unnest(?::VARCHAR[]) AS admin1, unnest(?::DATE[]) AS day,
                          unnest(?::VARCHAR[]) AS scope, unnest(?::DOUBLE[]) AS lat, unnest(?::VARCHAR[]) AS spot) k"""
        found = self._ids(
            f"""SELECT DISTINCT e.event_id FROM events e JOIN {keys} ON e.first_day = k.day AND {same_place}
                WHERE e.type = ? AND e.last_day = e.first_day""", [*map(list, zip(*one_day)), etype])
        return found | self._ids(
            f"""SELECT DISTINCT e.event_id FROM events e JOIN {keys}
                  ON e.first_day <= k.day + {fuse.DAY_SLACK} AND e.last_day >= k.day - {fuse.DAY_SLACK} AND {same_place}
                WHERE e.type = ? AND e.last_day > e.first_day""", [*map(list, zip(*near)), etype])

    def _linkable(self, new: list[fuse.Sighting]) -> set[str]:
        """Stored events that a new sighting may link to (`fuse.candidate_pairs` in SQL):
        the same type on near days; an undated one at the same spot or with a shared figure."""
        found: set[str] = set()
        for etype in sorted({s.type for s in new}):
            mine = [s for s in new if s.type == etype]
            near = sorted({(*where[:2], day, *where[2:]) for s in mine for where in [_where(s)] for day in s.days()},
                          key=str)
            if near:
                found |= self._near_in_time(etype, near)
            spots = sorted({fuse.spot(s) for s in mine if fuse.spot(s)})
            undated_spots = sorted({fuse.spot(s) for s in mine if fuse.spot(s) and s.first_day is None})
            found |= self._ids(f"SELECT event_id FROM events e WHERE type = ? AND {_LEAF} AND ("
                               f"(first_day IS NULL AND {_SPOT} IN (SELECT unnest(?::VARCHAR[]))) "
                               f"OR {_SPOT} IN (SELECT unnest(?::VARCHAR[])))", [etype, spots, undated_spots])
            # a known happening has its country: the column narrows the rare search of the payloads
            named = sorted({(s.happening, s.place.country if s.place else None) for s in mine if s.happening}, key=str)
            for happening, country in named:
                found |= self._ids("SELECT event_id FROM events WHERE type = ? AND country IS NOT DISTINCT FROM ? "
                                   "AND contains(payload::VARCHAR, ?)", [etype, country, f'"{happening}"'])
            figures = {(q.kind, q.value) for s in mine for q in s.quotes}
            undated_figures = {(q.kind, q.value) for s in mine if s.first_day is None for q in s.quotes}
            # any new figure may link a stored undated event; an undated new one's, any stored event
            for chosen, stored_undated_only in ((figures, True), (undated_figures, False)):
                if chosen:
                    kinds, values = zip(*sorted(chosen))
                    found |= self._ids(
                        "SELECT DISTINCT e.event_id FROM events e JOIN quantities q USING (event_id) "
                        "JOIN (SELECT unnest(?::VARCHAR[]) AS kind, unnest(?::DOUBLE[]) AS value) f USING (kind, value) "
                        f"WHERE e.type = ?{' AND e.first_day IS NULL' if stored_undated_only else ''}",
                        [list(kinds), list(values), etype])
        return found

    def _ids(self, sql: str, params: list) -> set[str]:
        return {row[0] for row in self.conn.execute(sql, params).fetchall()}

    def _sightings(self, where: str, params: list) -> list[tuple[str, str, fuse.Sighting]]:
        """Stored sightings as (component id, incident id, sighting), in ingest order."""
        rows = self.conn.execute(
            f"""SELECT l.component_id, l.incident_id, e.event_id, e.article_id, e.type, e.subtype, e.first_day,
                       e.last_day, e.place_name, e.country, e.admin1, e.lat, e.lon, e.precision,
                       e.actor_name, e.actor_country, e.target_name, e.target_country,
                       e.claimant_name, a.outlet, a.source_group, a.published,
                       list(struct_pack(kind := q.kind, value := q.value, qualifier := q.qualifier, item := q.item)
                            ORDER BY q.seq) FILTER (WHERE q.kind IS NOT NULL) AS quotes,
                       CAST(json_extract(any_value(e.payload), '$.rules') AS VARCHAR[]) AS rules
                FROM events e JOIN incident_links l USING (event_id) JOIN articles a USING (article_id)
                LEFT JOIN quantities q USING (event_id)
                WHERE {where}
                GROUP BY ALL ORDER BY any_value(a.seq), any_value(e.seq)""", params).fetchall()
        result = []
        for r in rows:
            place = Place(r[8], r[9], r[10], r[11], r[12], r[13] or "country") if r[8] else None
            sighting = fuse.Sighting(
                event_id=r[2], article_id=r[3], type=r[4], subtype=r[5], first_day=r[6], last_day=r[7],
                place=fuse.place_as_told(place, r[23] or []), actor=Party(r[14], r[15]) if r[14] else None,
                target=Party(r[16], r[17]) if r[16] else None, source_group=r[20],
                happening=fuse.happening_of(r[23] or []))
            sighting.quotes = [fuse.Quote(q["kind"], q["value"], q["qualifier"], q["item"], r[18], r[19], r[2],
                                          r[20], r[21]) for q in (r[22] or [])]
            result.append((r[0], r[1], sighting))
        return result

    def _write_incidents(self, clusters: list[fuse.Cluster]) -> None:
        rows = []
        for cluster in clusters:
            inc = fuse.summarise(cluster.id, cluster.sightings)
            loc, actor, target = inc.location, inc.actor, inc.target
            rows.append([
                inc.id, inc.type, inc.subtype,
                loc.name if loc else None, loc.country if loc else None, loc.admin1 if loc else None,
                loc.lat if loc else None, loc.lon if loc else None, loc.precision if loc else None,
                inc.date.start, inc.date.end,
                actor.name if actor else None, actor.country if actor else None,
                target.name if target else None, target.country if target else None,
                inc.n_events, inc.n_articles, inc.n_sources,
                json.dumps([f.to_dict() for f in inc.figures], ensure_ascii=False),
                fuse.own_wave_id(cluster.id), cluster.scope])
        self._insert("incidents", rows, replace=True)

    def _wave_keys(self, where: str, params: list) -> set[tuple]:
        """The (family, country, day) groups that the chosen incidents belong to."""
        rows = self.conn.execute(f"SELECT type, country, date_start FROM incidents WHERE {where}", params).fetchall()
        return {(fuse.WAVE_FAMILY.get(t, t), country, day) for t, country, day in rows if country and day}

    def _rewave(self, keys: set[tuple]) -> None:
        """Group again into waves every incident of the touched (family, country, day) groups;
        waves never cross groups, so this is what grouping the whole store gives."""
        places_days = sorted({(country, day) for _, country, day in keys})
        if not places_days:
            return
        countries, days = zip(*places_days)
        rows = self.conn.execute(
            """SELECT i.incident_id, i.type, i.country, i.date_start, i.actor_country, i.subtype,
                      list(DISTINCT e.article_id)
               FROM incidents i
               JOIN (SELECT unnest(?::VARCHAR[]) AS country, unnest(?::DATE[]) AS day) k
                 ON i.country = k.country AND i.date_start = k.day
               JOIN incident_links l USING (incident_id) JOIN events e USING (event_id)
               GROUP BY ALL""", [list(countries), list(days)]).fetchall()
        rows = [r for r in rows if (fuse.WAVE_FAMILY.get(r[1], r[1]), r[2], r[3]) in keys]
        if not rows:
            return
        rows += self._undated_beside(sorted({a for r in rows for a in r[6]}), list(set(countries)))
        members = [fuse.WaveMember(*r[:6], frozenset(r[6])) for r in rows]
        wave_of = fuse.waves(members)
        ids = sorted(wave_of)
        self.conn.execute("UPDATE incidents SET wave_id = w.wave_id FROM (SELECT unnest(?::VARCHAR[]) AS incident_id, "
                          "unnest(?::VARCHAR[]) AS wave_id) w WHERE incidents.incident_id = w.incident_id",
                          [ids, [wave_of[i] for i in ids]])

    def _undated_beside(self, articles: list[str], countries: list[str]) -> list[tuple]:
        """The undated incidents of these countries told in these articles: a wave may lend
        them its day (`fuse.waves`)."""
        return self.conn.execute(
            """SELECT i.incident_id, i.type, i.country, i.date_start, i.actor_country, i.subtype,
                      list(DISTINCT e.article_id)
               FROM incidents i JOIN incident_links l USING (incident_id) JOIN events e USING (event_id)
               WHERE i.date_start IS NULL AND list_contains(?::VARCHAR[], i.country)
                 AND i.incident_id IN (SELECT l2.incident_id FROM incident_links l2 JOIN events e2 USING (event_id)
                                       WHERE list_contains(?::VARCHAR[], e2.article_id))
               GROUP BY ALL""", [countries, articles]).fetchall()

    def _insert(self, table: str, rows: list[list], *, replace: bool = False) -> None:
        """Insert many rows in one statement (executemany runs one statement a row).
        Rows give the table's leading columns in order; the rest take their defaults."""
        if not rows:
            return
        columns = self._columns(table)[:len(rows[0])]
        values = ", ".join(f"unnest(?::{ctype}[])" for _, ctype in columns)
        names = ", ".join(name for name, _ in columns)
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        self.conn.execute(f"{verb} INTO {table} ({names}) SELECT {values}", [list(col) for col in zip(*rows)])

    def _columns(self, table: str) -> list[tuple[str, str]]:
        if table not in self._column_types:
            self._column_types[table] = self.conn.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position", [table]).fetchall()
        return self._column_types[table]

    def _record_failure(self, error: InputError) -> None:
        if self.read_only:
            return
        try:
            self.conn.execute("INSERT OR REPLACE INTO failures (source, reason) VALUES (?, ?)",
                              [error.source, error.reason])
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot record a failure: {_first_line(exc)}") from None

    def _require_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")

    def _scalar(self, sql: str, params: Optional[list] = None):
        row = self.conn.execute(sql, params or []).fetchone()
        return row[0] if row else None

    # --- reading ----------------------------------------------------------------

    def incident(self, incident_id: str) -> Incident:
        """An incident as fused, rebuilt from its stored sightings."""
        stored = self._sightings("l.incident_id = ?", [incident_id])
        if not stored:
            raise StoreError(f"{self.path}: no incident {incident_id!r}")
        return fuse.summarise(incident_id, [s for _, _, s in stored])

    def events(self, filters: Optional[Filters] = None) -> Table:
        return query.events(self.conn, filters or Filters())

    def incidents(self, filters: Optional[Filters] = None) -> Table:
        return query.incidents(self.conn, filters or Filters())

    def wave_of(self, incident_id: str) -> tuple[str, Table]:
        """An incident's wave id, and the other incidents of that wave."""
        (row,) = self.incidents(Filters(incident=incident_id, limit=1)).records()
        wave = self.incidents(Filters(wave=row["wave_id"]))
        at = wave.columns.index("incident_id")
        return row["wave_id"], Table(wave.columns, [r for r in wave.rows if r[at] != incident_id])

    def waves(self, filters: Optional[Filters] = None) -> Table:
        return query.waves(self.conn, filters or Filters())

    def count(self, what: str, filters: Optional[Filters] = None) -> int:
        """How many "events", "incidents" or "waves" pass the filters, paging aside."""
        return query.count(self.conn, what, filters or Filters())

    def ledger(self, filters: Optional[Filters] = None) -> Table:
        """Per day and claimant: launched, intercepted, hit (see `query.ledger`)."""
        return query.ledger(self.conn, filters or Filters())

    def claims(self, incident_id: str) -> Table:
        """Every claim of an incident, with its claimant, outlet, sentence and why it joined."""
        return query.claims(self.conn, incident_id)

    def stats(self, filters: Optional[Filters] = None) -> dict[str, Table]:
        return query.stats(self.conn, filters or Filters())

    def export(self, fmt: str, out=None, path: Optional[Path] = None, filters: Optional[Filters] = None) -> int:
        """Write the store as `fmt` (see `sitrep.store.export.FORMATS`); returns the rows written."""
        return exports.export(self.conn, fmt, out, path, filters or Filters())

    def articles_of(self, incident_id: str) -> Table:
        """The articles that report an incident, with their outlet and source group."""
        return query._table(self.conn, """
            SELECT DISTINCT a.article_id, a.outlet, a.url, a.title, a.published, a.source_group
            FROM incident_links l JOIN events e USING (event_id) JOIN articles a USING (article_id)
            WHERE l.incident_id = ? ORDER BY a.published NULLS LAST, a.article_id""", [incident_id])

    def article(self, article_id: str) -> Optional[dict]:
        """One stored article: its header and text as received."""
        found = query._table(self.conn, "SELECT article_id, url, outlet, title, published, text FROM articles "
                                        "WHERE article_id = ?", [article_id])
        return next(found.records(), None)

    def failures(self) -> Table:
        return query._table(self.conn, "SELECT source, reason, failed_at FROM failures ORDER BY failed_at, source", [])

    # --- watched sources (see store/sources.py) -----------------------------------

    def source_state(self, source: str) -> sources.SourceState:
        return sources.state(self.conn, source)

    def settled_items(self, source: str, keys: Iterable[str]) -> set[str]:
        return sources.settled_items(self.conn, source, keys)

    def stored_ids(self, article_ids: Iterable[str]) -> set[str]:
        """Which of `article_ids` the store has."""
        return self._ids("SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                         [list(article_ids)])

    def record_poll(self, source: str, *, outcomes: Sequence[sources.ItemOutcome] = (), title: Optional[str] = None,
                    cursor: Optional[sources.SourceState] = None, error: Optional[str] = None) -> None:
        """A poll's items and its end, in one transaction (see `sources.record_poll`)."""
        self._require_writable()
        with self._transaction(f"cannot record the poll of {source}"):
            sources.record_items(self.conn, source, list(outcomes))
            sources.record_poll(self.conn, source, title=title, cursor=cursor, error=error)

    def sources(self) -> Table:
        """Each watched source with its last poll, last error and item counts."""
        return query._table(self.conn, sources.SOURCES_QUERY, [])

    def source_items(self, source: str, limit: int = 100) -> Table:
        """The items a source listed, the latest first, each with its outcome."""
        return query._table(self.conn, sources.ITEMS_QUERY, [source, limit])

    def counts(self) -> dict[str, int]:
        tables = ("articles", "events", "quantities", "incidents", "incident_links", "failures")
        return {t: self._scalar(f"SELECT count(*) FROM {t}") for t in tables}


class _FingerprintIndex:
    """Which stored (or just accepted) articles hold each sentence fingerprint."""

    def __init__(self, rows: Iterable[tuple[int, str, str, int, int]]):
        self.holders: dict[int, list[tuple[str, str, int, int]]] = {}
        for fingerprint, article_id, group, n_prints, seq in rows:
            self.holders.setdefault(fingerprint, []).append((article_id, group, n_prints, seq))
        self._next_seq = 1 << 62  # accepted in this batch: after every stored article

    def add(self, pending: _Pending) -> None:
        self._next_seq += 1
        for fingerprint in pending.fingerprints:
            self.holders.setdefault(fingerprint, []).append(
                (pending.article_id, pending.source_group, len(pending.fingerprints), self._next_seq))

    def copied_source(self, fingerprints: list[int]) -> Optional[str]:
        """The source group of the earliest article that shares most of these sentences."""
        shared: Counter = Counter()
        about: dict[str, tuple[str, int, int]] = {}
        for fingerprint in fingerprints:
            for article_id, group, n_prints, seq in self.holders.get(fingerprint, ()):
                shared[article_id] += 1
                about[article_id] = (group, n_prints, seq)
        if not shared:
            return None
        best = min(shared, key=lambda a: (-shared[a], about[a][2]))
        group, n_prints, _ = about[best]
        return group if fuse.same_source(shared[best], len(fingerprints), n_prints) else None


def _sighting_of(event: Event, pending: _Pending, event_id: str) -> fuse.Sighting:
    article = pending.result.article
    first, last = fuse.event_days(event.date, article.published)
    claimant = event.claimant.name if event.claimant else None
    quotes = [fuse.Quote(q.kind, float(q.value), q.qualifier, q.item, claimant, article.outlet, event_id,
                         pending.source_group, article.published) for q in event.quantities]
    return fuse.Sighting(event_id=event_id, article_id=pending.article_id, type=event.type,
                         source_group=pending.source_group, first_day=first, last_day=last, subtype=event.subtype,
                         place=fuse.place_as_told(event.location, event.rules), actor=event.actor, target=event.target, quotes=quotes,
                         happening=fuse.happening_of(event.rules))


def _event_row(event: Event, event_id: str, article_id: str, seq: int, sighting: fuse.Sighting) -> list:
    def party(p: Optional[Party]) -> list:
        return [p.name, p.country] if p else [None, None]

    loc = event.location
    evidence = event.evidence[0] if event.evidence else None
    return [event_id, article_id, seq, event.type, event.subtype, event.status,
            *party(event.actor), *party(event.target),
            *([loc.name, loc.country, loc.admin1, loc.lat, loc.lon, loc.precision] if loc else [None] * 6),
            fuse.parse_day(event.date.start), fuse.parse_day(event.date.end), event.date.precision, event.date.text,
            sighting.first_day, sighting.last_day,
            *party(event.claimant), list(event.weapons),
            evidence.text if evidence else None, evidence.start if evidence else None,
            evidence.end if evidence else None, event.confidence,
            json.dumps(event.to_dict(), ensure_ascii=False)]


def _where(s: fuse.Sighting) -> tuple:
    """A sighting's (country, admin1, scope, latitude, spot), as `_near_in_time` matches them."""
    if s.place is None:
        return None, None, None, None, None
    return s.place.country, s.place.admin1, fuse.scope(s.place), s.place.lat, fuse.spot(s)


# A stored event's spot, as `fuse.spot` gives it, and the places that have one.
_SPOT = "trim(regexp_replace(lower(e.place_name), '[^a-z0-9]+', ' ', 'g'))"
_LEAF = "e.place_name IS NOT NULL AND coalesce(e.precision, 'country') NOT IN ('country', 'region')"


def _chunked(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _connect(path: Path, read_only: bool, wait: float = 0.0) -> duckdb.DuckDBPyConnection:
    """A connection to `path`; while another process holds the file, try again for
    up to `wait` seconds."""
    deadline = time.monotonic() + wait
    pause = 0.01
    while True:
        try:
            return _connect_once(path, read_only)
        except _Locked:
            if time.monotonic() + pause > deadline:
                raise StoreError(f"{path}: in use by another process that holds it for writing "
                                 "(sitrep ingest and sitrep serve share a file; see README, 'Sharing the store')") from None
            time.sleep(pause)
            pause = min(pause * 2, 0.25)


class _Locked(Exception):
    """Another process holds the file."""


def _connect_once(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        message = str(exc)
        if "Could not set lock" in message or "Conflicting lock" in message:
            raise _Locked() from None
        if "not a valid DuckDB database" in message:
            raise StoreError(f"{path}: not a sitrep store (not a DuckDB database file, or corrupt)") from None
        raise StoreError(f"{path}: cannot open the store: {_first_line(exc)}") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store: {exc.strerror or exc}") from None


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
