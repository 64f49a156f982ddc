"""The store's schema, as numbered migrations.

`migrate` brings a database to `SCHEMA_VERSION`, one migration per transaction; the
version lives in `meta`. A database made by a newer sitrep is refused, not touched.
To change the schema, append a migration; never edit one that has shipped.
"""
from __future__ import annotations

import duckdb

from ..errors import StoreError

MIGRATIONS: list[str] = [
    # 1: articles, events, quantities, incidents, the event → incident link, claims
    """
    CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
    CREATE TABLE articles (
        article_id    VARCHAR PRIMARY KEY,
        seq           BIGINT NOT NULL,            -- ingest order
        text_hash     VARCHAR NOT NULL,           -- of the normalised text
        source_group  VARCHAR NOT NULL,           -- the first article of its wire text
        n_fingerprints INTEGER NOT NULL,
        url VARCHAR, outlet VARCHAR, title VARCHAR,
        published     VARCHAR,
        published_day DATE,
        text          VARCHAR NOT NULL,
        n_events      INTEGER NOT NULL,
        ingested_at   TIMESTAMP DEFAULT current_timestamp
    );
    CREATE INDEX articles_by_hash ON articles (text_hash);
    CREATE TABLE fingerprints (article_id VARCHAR NOT NULL, fingerprint BIGINT NOT NULL);
    CREATE TABLE failures (
        source VARCHAR PRIMARY KEY, reason VARCHAR NOT NULL, failed_at TIMESTAMP DEFAULT current_timestamp
    );
    CREATE TABLE events (
        event_id      VARCHAR PRIMARY KEY,        -- article id / event id
        article_id    VARCHAR NOT NULL,
        seq           INTEGER NOT NULL,           -- order within the article
        type VARCHAR NOT NULL, subtype VARCHAR, status VARCHAR NOT NULL,
        actor_name VARCHAR, actor_country VARCHAR, target_name VARCHAR, target_country VARCHAR,
        place_name VARCHAR, country VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE, precision VARCHAR,
        date_start DATE, date_end DATE, date_precision VARCHAR, date_text VARCHAR,
        first_day DATE, last_day DATE,            -- what fusion uses: the date, else the publication day
        claimant_name VARCHAR, claimant_country VARCHAR,
        weapons VARCHAR[],
        evidence_text VARCHAR, evidence_start INTEGER, evidence_end INTEGER,
        confidence DOUBLE,
        payload JSON NOT NULL                     -- the event exactly as extracted
    );
    CREATE TABLE quantities (
        event_id VARCHAR NOT NULL, seq INTEGER NOT NULL,
        kind VARCHAR NOT NULL, item VARCHAR, value DOUBLE NOT NULL, qualifier VARCHAR NOT NULL, text VARCHAR
    );
    CREATE TABLE incidents (
        incident_id VARCHAR PRIMARY KEY,
        type VARCHAR NOT NULL, subtype VARCHAR,
        place_name VARCHAR, country VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE, precision VARCHAR,
        date_start DATE, date_end DATE,
        actor_name VARCHAR, actor_country VARCHAR, target_name VARCHAR, target_country VARCHAR,
        n_events INTEGER NOT NULL, n_articles INTEGER NOT NULL, n_sources INTEGER NOT NULL,
        figures JSON NOT NULL,
        updated_at TIMESTAMP DEFAULT current_timestamp
    );
    CREATE TABLE incident_links (
        event_id VARCHAR PRIMARY KEY, incident_id VARCHAR NOT NULL, score DOUBLE, reasons VARCHAR[]
    );
    CREATE VIEW claims AS
        SELECT l.incident_id, e.event_id, e.article_id, a.outlet, a.source_group, a.published,
               e.claimant_name, e.claimant_country, e.status,
               q.kind, q.item, q.value, q.qualifier, q.text AS quantity_text,
               e.evidence_text, e.evidence_start, e.evidence_end
        FROM events e
        JOIN articles a USING (article_id)
        JOIN incident_links l USING (event_id)
        LEFT JOIN quantities q USING (event_id);
    """,
    # 2: fusion by components (each link names the component it was clustered in) and
    # waves (each incident its wave, a summary or a leaf scope). A store fused before
    # keeps its incidents; each counts as its own component and wave until re-fused.
    """
    ALTER TABLE incident_links ADD COLUMN component_id VARCHAR;
    UPDATE incident_links SET component_id = incident_id;
    CREATE INDEX incident_links_by_component ON incident_links (component_id);
    CREATE TABLE incidents_v2 (
        incident_id VARCHAR PRIMARY KEY,
        type VARCHAR NOT NULL, subtype VARCHAR,
        place_name VARCHAR, country VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE, precision VARCHAR,
        date_start DATE, date_end DATE,
        actor_name VARCHAR, actor_country VARCHAR, target_name VARCHAR, target_country VARCHAR,
        n_events INTEGER NOT NULL, n_articles INTEGER NOT NULL, n_sources INTEGER NOT NULL,
        figures JSON NOT NULL,
        wave_id VARCHAR,                          -- the night's attack or operation it is part of
        scope VARCHAR,                            -- summary (a country, several regions) or leaf
        updated_at TIMESTAMP DEFAULT current_timestamp
    );
    INSERT INTO incidents_v2
        SELECT incident_id, type, subtype, place_name, country, admin1, lat, lon, precision, date_start, date_end,
               actor_name, actor_country, target_name, target_country, n_events, n_articles, n_sources, figures,
               'wave-' || substr(incident_id, 5),
               CASE WHEN precision IS NULL OR precision IN ('country', 'region') THEN 'summary' ELSE 'leaf' END,
               updated_at
        FROM incidents;
    DROP TABLE incidents;
    ALTER TABLE incidents_v2 RENAME TO incidents;
    CREATE INDEX incidents_by_wave_key ON incidents (country, date_start);
    CREATE VIEW waves AS
        SELECT wave_id, min(date_start) AS date_start, max(date_end) AS date_end, any_value(country) AS country,
               list(DISTINCT type ORDER BY type) AS types, count(*) AS n_incidents, sum(n_events) AS n_events,
               list(place_name ORDER BY scope DESC, place_name) FILTER (WHERE place_name IS NOT NULL) AS places
        FROM incidents GROUP BY wave_id;
    """,
    # 3: what `sitrep watch` knows about each source and each item it has seen
    """
    CREATE TABLE sources (
        source        VARCHAR PRIMARY KEY,        -- the feed's URL or path as the user gave it
        title         VARCHAR,
        etag          VARCHAR,                    -- cursors for the next conditional request
        last_modified VARCHAR,
        last_poll     TIMESTAMP,
        last_success  TIMESTAMP,
        last_error    VARCHAR,                    -- NULL after a poll that worked
        polls         INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE source_items (
        source     VARCHAR NOT NULL,
        item_key   VARCHAR NOT NULL,              -- the item's canonical link, else its guid
        url        VARCHAR,
        status     VARCHAR NOT NULL,              -- stored, skipped, failed, or retry (a transient failure)
        reason     VARCHAR,
        article_id VARCHAR,
        attempts   INTEGER NOT NULL DEFAULT 1,
        first_seen TIMESTAMP DEFAULT current_timestamp,
        updated_at TIMESTAMP DEFAULT current_timestamp,
        PRIMARY KEY (source, item_key)
    );
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: duckdb.DuckDBPyConnection) -> int:
    has_meta = conn.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'").fetchone()[0]
    if not has_meta:
        tables = conn.execute("SELECT count(*) FROM information_schema.tables").fetchone()[0]
        if tables:
            raise StoreError("the database has tables but is not a sitrep store")
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: duckdb.DuckDBPyConnection) -> int:
    """Apply the migrations the database lacks; returns the version it is at."""
    version = current_version(conn)
    if version > SCHEMA_VERSION:
        raise StoreError(f"the store has schema version {version}; this sitrep knows up to {SCHEMA_VERSION}. "
                         "Upgrade sitrep")
    for number in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN TRANSACTION")
        conn.execute(MIGRATIONS[number - 1])
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(number)])
        conn.execute("COMMIT")
    return SCHEMA_VERSION
