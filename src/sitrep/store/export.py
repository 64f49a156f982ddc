"""Exports of the store: jsonl, csv, acled, geojson, parquet.

- `jsonl`: one line per article in the contract's shape (EVENTS.md), each event with
  its `incident` and `wave` ids added, so every tool that reads extractor output reads this too.
- `csv`: one row per event, flat, with its incident.
- `acled`: one row per incident in ACLED's public column layout; the type mapping is
  the data file `data/acled.yaml`.
- `geojson`: a FeatureCollection of incidents (a Point at the incident's place; a
  null geometry, as RFC 7946 allows, where no place is known).
- `parquet`: the `csv` table, written by DuckDB.
"""
from __future__ import annotations

import csv
import json
from datetime import date, datetime, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Optional, TextIO

import duckdb
import pycountry
import yaml

from ..errors import StoreError
from ..models import SCHEMA_VERSION, plain_number
from .query import EVENT_COLUMNS, Filters, Table, _event_conditions, _where, events, incidents

FORMATS = ("jsonl", "csv", "acled", "geojson", "parquet")

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]


def export(conn: duckdb.DuckDBPyConnection, fmt: str, out: Optional[TextIO], path: Optional[Path],
           filters: Filters) -> int:
    """Write the store in `fmt` to `out` (or to `path`, which parquet needs); returns rows written."""
    if fmt == "jsonl":
        return write_jsonl(conn, out, filters)
    if fmt == "csv":
        return write_csv(events(conn, filters), out)
    if fmt == "acled":
        return write_acled(conn, out, filters)
    if fmt == "geojson":
        return write_geojson(conn, out, filters)
    if fmt == "parquet":
        if path is None:
            raise StoreError("parquet needs an output file (-o FILE.parquet)")
        return write_parquet(conn, path, filters)
    raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def write_jsonl(conn: duckdb.DuckDBPyConnection, out: TextIO, filters: Filters) -> int:
    where, params = _event_conditions(filters)
    event_filter = f"AND e.event_id IN (SELECT e.event_id FROM events e {_where(where)})" if where else ""
    rows = conn.execute(
        f"""SELECT a.article_id, a.url, a.outlet, a.title, a.published,
                   list(struct_pack(payload := e.payload, incident := l.incident_id, wave := i.wave_id) ORDER BY e.seq)
                       FILTER (WHERE e.event_id IS NOT NULL)
            FROM articles a
            LEFT JOIN events e ON e.article_id = a.article_id {event_filter}
            LEFT JOIN incident_links l USING (event_id)
            LEFT JOIN incidents i USING (incident_id)
            GROUP BY ALL ORDER BY min(a.seq)""", params).fetchall()
    for article_id, url, outlet, title, published, linked in rows:
        if where and not linked:
            continue
        events_out = []
        for item in linked or []:
            event = json.loads(item["payload"])
            event["incident"] = item["incident"]
            event["wave"] = item["wave"]
            events_out.append(event)
        line = {"schema_version": SCHEMA_VERSION,
                "article": {"id": article_id, "url": url, "outlet": outlet, "title": title, "published": published},
                "events": events_out}
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return len(rows)


def write_csv(table: Table, out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(["" if v is None else plain_value(v) for v in row])
    return len(table)


def plain_value(value: Any) -> Any:
    """A cell as readers and JSON want it: days as ISO text, counts as 125, not 125.0."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return plain_number(value) if isinstance(value, float) else value


@lru_cache(maxsize=1)
def acled_mapping() -> dict[str, Any]:
    return yaml.safe_load(resources.files("sitrep").joinpath("data/acled.yaml").read_text(encoding="utf-8"))


def country_name(code: Optional[str]) -> str:
    if not code:
        return ""
    names = acled_mapping().get("country_names") or {}
    if code in names:
        return names[code]
    country = pycountry.countries.get(alpha_2=code)
    return (getattr(country, "common_name", None) or country.name) if country else code


def _incident_sources(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    rows = conn.execute("""SELECT l.incident_id, string_agg(DISTINCT coalesce(a.outlet, a.article_id), '; ')
                           FROM incident_links l JOIN events e USING (event_id) JOIN articles a USING (article_id)
                           GROUP BY l.incident_id""").fetchall()
    return dict(rows)


def acled_row(incident: dict[str, Any], sources: str, timestamp: int) -> list[Any]:
    mapping = acled_mapping()
    by_subtype = mapping["types"].get(incident["type"], {})
    disorder, event_type, sub_event = by_subtype.get(incident["subtype"]) or by_subtype.get("*") or ["", "", ""]
    start, end = incident["date_start"], incident["date_end"]
    span = (end - start).days if start and end else None
    time_precision = "" if span is None else 1 if span == 0 else 2 if span <= 7 else 3
    figures = json.loads(incident["figures"])
    killed = next((f["value"] for f in figures if f["kind"] == "killed"), 0)
    country = pycountry.countries.get(alpha_2=incident["country"]) if incident["country"] else None
    return [
        incident["incident_id"], start.isoformat() if start else "", start.year if start else "", time_precision,
        disorder, event_type, sub_event,
        incident["actor_name"] or "", "", "", incident["target_name"] or "", "", "", "", "",
        int(country.numeric) if country else "", "", country_name(incident["country"]), incident["admin1"] or "",
        "", "", incident["place_name"] or "",
        incident["lat"] if incident["lat"] is not None else "", incident["lon"] if incident["lon"] is not None else "",
        mapping["geo_precision"].get(incident["precision"], "") if incident["precision"] else "",
        sources, "", acled_notes(incident, figures), int(killed), "", timestamp,
    ]


def acled_notes(incident: dict[str, Any], figures: list[dict[str, Any]]) -> str:
    kind = incident["type"] + (f"/{incident['subtype']}" if incident["subtype"] else "")
    claims = "; ".join(
        f"{f['kind']} {plain_value(f['value'])} ({f['claimant'] or 'outlet'}, {f['outlet'] or 'unknown outlet'})"
        + "".join(f"; {f['kind']} {plain_value(a['value'])} ({a['claimant'] or 'outlet'}, {a['outlet'] or '?'})"
                  for a in f["alternatives"])
        for f in figures)
    return f"sitrep {kind}, {incident['n_sources']} source(s)." + (f" Claims: {claims}." if claims else "")


def write_acled(conn: duckdb.DuckDBPyConnection, out: TextIO, filters: Filters) -> int:
    table = incidents(conn, filters)
    sources = _incident_sources(conn)
    timestamp = int(datetime.now(timezone.utc).timestamp())
    writer = csv.writer(out)
    writer.writerow(ACLED_COLUMNS)
    for incident in table.records():
        writer.writerow(acled_row(incident, sources.get(incident["incident_id"], ""), timestamp))
    return len(table)


def write_geojson(conn: duckdb.DuckDBPyConnection, out: TextIO, filters: Filters) -> int:
    table = incidents(conn, filters)
    features = []
    for incident in table.records():
        lat, lon = incident.pop("lat"), incident.pop("lon")
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        properties = {k: plain_value(v) for k, v in incident.items() if k != "figures"}
        properties["figures"] = json.loads(incident["figures"])
        features.append({"type": "Feature", "id": incident["incident_id"], "geometry": geometry,
                         "properties": properties})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


def write_parquet(conn: duckdb.DuckDBPyConnection, path: Path, filters: Filters) -> int:
    where, params = _event_conditions(filters)
    sql = (f"SELECT {EVENT_COLUMNS} FROM events e JOIN articles a USING (article_id) "
           f"JOIN incident_links l USING (event_id) {_where(where)} ORDER BY a.seq, e.seq")
    target = str(path).replace("'", "''")  # COPY takes no parameter for its file name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn.execute(f"COPY ({sql}) TO '{target}' (FORMAT parquet)", params)
        return conn.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()[0]
    except (duckdb.Error, OSError) as exc:
        raise StoreError(f"{path}: cannot write parquet: {str(exc).splitlines()[0]}") from None
