"""The store end to end on reports written for these tests (tests/data/clusters.jsonl:
42 reports of 17 happenings by several outlets, with differing numbers, one wire copy
and unrelated strikes on the same days and in the same cities)."""
import csv
import io
import itertools
import json
import resource
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import jsonschema
import pytest

import sitrep
from sitrep.cli import main
from sitrep.errors import StoreError
from sitrep.resolve.gazetteer import ensure_index
from sitrep.store import Filters, Store

CLUSTERS = Path(__file__).parent / "data" / "clusters.jsonl"
REPORTS = [json.loads(line) for line in CLUSTERS.read_text().splitlines()]
SITREP = [sys.executable, "-m", "sitrep.cli"]


@pytest.fixture(scope="module")
def extractor():
    return sitrep.Extractor()


@pytest.fixture(scope="module")
def store(tmp_path_factory, extractor):
    path = tmp_path_factory.mktemp("store") / "clusters.duckdb"
    with Store(path) as s:
        s.ingest(sitrep.read_articles([str(CLUSTERS)]), extractor, batch_size=8)
    with Store(path, read_only=True) as s:
        yield s


def incidents_of(store, report):
    return {r["incident_id"] for r in store.events(Filters(type=report["type"])).records()
            if r["article_id"] == report["id"]}


def test_pairwise_fusion_precision_and_recall(store):
    tp = fp = fn = 0
    for a, b in itertools.combinations(REPORTS, 2):
        same = a["cluster"] == b["cluster"]
        fused = bool(incidents_of(store, a) & incidents_of(store, b))
        tp += same and fused
        fp += fused and not same
        fn += same and not fused
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"pairwise fusion on {len(REPORTS)} reports: P {precision:.3f} R {recall:.3f}")
    assert precision >= 0.9 and recall >= 0.9


def test_incident_keeps_every_claim_and_names_the_claim_behind_each_figure(store):
    (incident_id,) = incidents_of(store, next(r for r in REPORTS if r["id"] == "c1"))
    incident = store.incident(incident_id)
    destroyed = next(f for f in incident.figures if f.kind == "intercepted")
    assert destroyed.value == 37 and "defence ministry" in destroyed.claimant.lower()
    assert [a["value"] for a in destroyed.alternatives] == [34]
    assert "Sobyanin" in destroyed.alternatives[0]["claimant"]
    claims = list(store.claims(incident_id).records())
    assert {c["outlet"] for c in claims} >= {"Capital Wire", "Riverside Times", "Global Desk", "Northern Courier"}


def test_a_wire_copy_counts_as_one_source(store):
    (incident_id,) = incidents_of(store, next(r for r in REPORTS if r["id"] == "c1"))
    incident = store.incident(incident_id)
    # c2 is c1 under another outlet's name; d1 mentions the same drone attack in passing
    assert incident.n_articles >= 5 and incident.n_sources == incident.n_articles - 1


def test_filters(store):
    strikes_in_russia = list(store.events(Filters(type="strike", country="RU")).records())
    assert strikes_in_russia and all(r["country"] == "RU" and r["type"] == "strike" for r in strikes_in_russia)
    by_actor = list(store.incidents(Filters(actor="UA")).records())
    assert by_actor and all(r["actor_country"] == "UA" for r in by_actor)
    import datetime as dt
    day = list(store.incidents(Filters(since=dt.date(2025, 3, 11), until=dt.date(2025, 3, 11))).records())
    assert day and all(r["date_start"] <= dt.date(2025, 3, 11) <= r["date_end"] for r in day)
    sobyanin = list(store.events(Filters(claimant="sobyanin")).records())
    assert sobyanin and all("Sobyanin" in r["claimant_name"] for r in sobyanin)
    assert all("Toretsk" in r["evidence_text"] for r in store.events(Filters(text="toretsk")).records())
    assert len(store.events(Filters(limit=5))) == 5
    page2 = store.events(Filters(limit=5, offset=5)).rows
    assert page2 and page2[0] not in store.events(Filters(limit=5)).rows


def test_stats_count_every_event(store):
    stats = store.stats()
    assert sum(r["events"] for r in stats["per type"].records()) == len(store.events())
    assert {r["type"] for r in stats["per type"].records()} >= {"strike", "territory", "deployment", "disruption"}


def test_reingest_changes_nothing(tmp_path, extractor):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        first = s.ingest(sitrep.read_articles([str(CLUSTERS)]), extractor)
        before = s.counts()
        again = s.ingest(sitrep.read_articles([str(CLUSTERS)]), extractor)
        # the same text without an id, and again with other spacing and case, is the same article
        s.ingest([sitrep.Article(text="Russian drones hit Kyiv overnight, the mayor said.", published="2025-03-09")],
                 extractor)
        once = s.counts()
        s.ingest([sitrep.Article(text="russian drones hit  Kyiv overnight; the mayor said", published="2025-03-09")],
                 extractor)
        assert s.counts() == once
    assert first.articles == 42 and again.articles == 0 and again.skipped == 42
    assert once["articles"] == before["articles"] + 1


def test_the_same_text_from_another_outlet_is_a_wire_copy(tmp_path, extractor):
    text = "Russian drones struck Odesa overnight, injuring three people, the regional governor said on Monday."
    with Store(tmp_path / "s.duckdb") as s:
        summary = s.ingest([sitrep.Article(text=text, id="x1", outlet="Wire A", published="2025-03-10"),
                            sitrep.Article(text=text, id="x2", outlet="Paper B", published="2025-03-10")], extractor)
        (incident,) = s.incidents().records()
    assert (summary.articles, summary.wire_copies) == (2, 1)
    assert (incident["n_articles"], incident["n_sources"]) == (2, 1)


def test_failed_inputs_are_recorded_and_the_batch_goes_on(tmp_path, capsys):
    reports = tmp_path / "in"
    reports.mkdir()
    (reports / "good.txt").write_text("Russian drones hit Kyiv overnight, the mayor said.")
    (reports / "bad.json").write_text("{not json")
    db = tmp_path / "s.duckdb"
    assert main(["ingest", str(reports), "--db", str(db), "--published", "2025-03-09"]) == 1
    err = capsys.readouterr().err
    assert "bad.json: broken JSON" in err and "1 articles stored" in err and "1 failed" in err
    with Store(db, read_only=True) as s:
        (failure,) = s.failures().records()
    assert failure["source"].endswith("bad.json")


def _counts(db: Path) -> dict:
    with Store(db, read_only=True) as s:
        return s.counts()


@pytest.fixture(scope="module")
def clean_counts(tmp_path_factory):
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    subprocess.run(SITREP + ["ingest", str(CLUSTERS), "--db", str(db)], check=True, capture_output=True)
    return _counts(db)


def test_kill_9_during_ingest_then_rerun_loses_and_duplicates_nothing(tmp_path, clean_counts):
    db = tmp_path / "s.duckdb"
    with subprocess.Popen(SITREP + ["ingest", str(CLUSTERS), "--db", str(db), "--batch", "4", "-v"],
                          stderr=subprocess.PIPE, text=True) as proc:
        committed = 0
        for line in proc.stderr:
            committed += "committed" in line
            if committed == 3:
                proc.send_signal(signal.SIGKILL)
                break
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    partial = _counts(db)
    assert 12 <= partial["articles"] < 42
    rerun = subprocess.run(SITREP + ["ingest", str(CLUSTERS), "--db", str(db)], capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert _counts(db) == clean_counts


def test_disk_full_is_a_clear_error_and_the_rerun_completes(tmp_path, clean_counts):
    db = tmp_path / "s.duckdb"
    ensure_index()  # the gazetteer is built already; only the store's writes hit the cap

    def small_disk():  # writes past 100 kB fail as they would on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    full = subprocess.run(SITREP + ["ingest", str(CLUSTERS), "--db", str(db), "--batch", "4"],
                          preexec_fn=small_disk, capture_output=True, text=True)
    assert full.returncode == 1
    assert "write failed, the batch was rolled back" in full.stderr and "Traceback" not in full.stderr
    rerun = subprocess.run(SITREP + ["ingest", str(CLUSTERS), "--db", str(db)], capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert _counts(db) == clean_counts


def test_corrupt_locked_and_newer_stores_are_refused_clearly(tmp_path):
    corrupt = tmp_path / "corrupt.duckdb"
    corrupt.write_bytes(b"this is not a database" * 500)
    with pytest.raises(StoreError, match="not a sitrep store"):
        Store(corrupt)
    newer = tmp_path / "newer.duckdb"
    with Store(newer) as s:
        s.conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 99"):
        Store(newer)
    locked = tmp_path / "locked.duckdb"
    with Store(locked):
        other = subprocess.run(SITREP + ["stats", "--db", str(locked)], capture_output=True, text=True)
    assert other.returncode == 1
    assert "in use by another process" in other.stderr and "Traceback" not in other.stderr
    missing = subprocess.run(SITREP + ["events", "--db", str(tmp_path / "none.duckdb")], capture_output=True, text=True)
    assert missing.returncode == 1 and "no store here" in missing.stderr


GEOJSON_SCHEMA = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {"type": "array", "items": {
            "type": "object",
            "required": ["type", "geometry", "properties"],
            "properties": {
                "type": {"const": "Feature"},
                "geometry": {"oneOf": [
                    {"type": "null"},
                    {"type": "object", "required": ["type", "coordinates"],
                     "properties": {"type": {"const": "Point"},
                                    "coordinates": {"type": "array", "minItems": 2, "maxItems": 3,
                                                    "items": {"type": "number"}}}}]},
                "properties": {"type": ["object", "null"]},
            }}},
    },
}


def _export(store_path, fmt, *extra):
    out = io.StringIO()
    with Store(store_path, read_only=True) as s:
        s.export(fmt, out, filters=Filters(*extra))
    return out.getvalue()


def test_exports_read_back(store, tmp_path):
    path = store.path
    lines = [json.loads(line) for line in _export(path, "jsonl").splitlines()]
    assert len(lines) == 42 and all(line["schema_version"] == "1" for line in lines)
    events = [e for line in lines for e in line["events"]]
    assert events and all(e["incident"].startswith("inc-") and "evidence" in e for e in events)

    rows = list(csv.DictReader(io.StringIO(_export(path, "csv"))))
    assert len(rows) == len(events) and {"incident_id", "claimant_name", "evidence_text"} <= set(rows[0])

    acled = list(csv.DictReader(io.StringIO(_export(path, "acled"))))
    assert len(acled) == len(store.incidents())
    khan_younis = next(r for r in acled if r["location"] == "Khan Younis" and r["event_date"] == "2025-03-10")
    assert (khan_younis["event_type"], khan_younis["sub_event_type"]) == ("Explosions/Remote violence",
                                                                           "Air/drone strike")
    assert khan_younis["country"] == "Palestine" and khan_younis["fatalities"] == "12"
    assert "Global Desk" in khan_younis["source"]

    collection = json.loads(_export(path, "geojson"))
    jsonschema.validate(collection, GEOJSON_SCHEMA)
    assert len(collection["features"]) == len(store.incidents())
    kharkiv = [f for f in collection["features"] if f["properties"]["place_name"] == "Kharkiv"]
    lon, lat = kharkiv[0]["geometry"]["coordinates"]
    assert abs(lat - 49.98) < 0.2 and abs(lon - 36.25) < 0.2

    parquet = tmp_path / "events.parquet"
    with Store(path, read_only=True) as s:
        written = s.export("parquet", path=parquet)
    assert written == len(events)
    counted = duckdb.execute("SELECT count(DISTINCT incident_id) FROM read_parquet(?)", [str(parquet)]).fetchall()
    assert counted[0][0] == len(store.incidents())


def test_cli_incidents_explain_and_export(store, capsys, tmp_path):
    assert main(["incidents", "--db", str(store.path), "--type", "territory", "--format", "json"]) == 0
    (territory,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert territory["place_name"] == "Toretsk" and territory["n_sources"] == 3
    assert main(["incidents", "--db", str(store.path), "--explain", territory["incident_id"]]) == 0
    explained = capsys.readouterr().out
    assert "same place Toretsk" in explained and "wave wave-" in explained
    out = tmp_path / "incidents.acled.csv"
    assert main(["export", "--db", str(store.path), "--format", "acled", "-o", str(out), "--country", "UA"]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert rows and all(row["country"] == "Ukraine" for row in rows)


def test_fusion_scores_count_pairs_at_both_levels():
    from sitrep.evaluate import fusion_scores

    def event(incident, wave, place="Kyiv"):
        return {"type": "strike", "location": {"name": place, "country": "UA"}, "date": {"start": "2025-03-09"},
                "incident": incident, "wave": wave}
    gold = {"a": [event("night/kyiv", None)], "b": [event("night/kyiv", None)], "c": [event("night/odesa", None)]}
    pred = {"a": [event("i1", "w1")], "b": [event("i2", "w1")], "c": [event("i3", "w1")]}
    figures = fusion_scores(gold, pred)
    assert (figures["incident_precision"], figures["incident_recall"]) == (0.0, 0.0)
    assert (figures["wave_precision"], figures["wave_recall"], figures["wave_f1"]) == (1.0, 1.0, 1.0)
    assert figures["naive_incident_precision"] == round(1 / 3, 3)


def test_cli_eval_fusion_scores_a_store_it_builds(tmp_path, capsys):
    articles, gold = tmp_path / "articles", tmp_path / "gold"
    articles.mkdir()
    gold.mkdir()
    for report in (r for r in REPORTS if r["cluster"] == "B"):
        (articles / f"{report['id']}.json").write_text(json.dumps(report))
        (gold / f"{report['id']}.json").write_text(json.dumps({"events": [
            {"type": "strike", "location": {"name": "Kharkiv", "country": "UA"}, "incident": "kharkiv-strike"}]}))
    assert main(["eval-fusion", str(gold), str(articles), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["paired"] == 4 and figures["incident_f1"] == 1.0 and figures["wave_f1"] == 1.0
    assert main(["eval-fusion", str(tmp_path / "missing"), str(articles)]) == 1
    assert "missing: not a directory of gold files" in capsys.readouterr().err


def test_reports_of_one_named_operation_join_in_the_store_dated_or_not(tmp_path, extractor):
    first = sitrep.Article(id="op1", outlet="Wire A", published="2025-05-07",
                           text="India launched Operation Sindoor early on Wednesday, striking nine sites in Pakistan, "
                                "the defence ministry said.")
    later = sitrep.Article(id="op2", outlet="Wire B",
                           text="The Indian armed forces carried out Operation Sindoor against camps across the border, "
                                "officials said.")
    with Store(tmp_path / "op.duckdb") as s:
        s.ingest([first], extractor)
        s.ingest([later], extractor)  # a later batch: found among the stored by the happening it names
        rows = [r for r in s.events(Filters(type="strike")).records()]
    assert {r["article_id"] for r in rows} == {"op1", "op2"}
    assert len({r["incident_id"] for r in rows}) == 1


def test_a_nights_wave_holds_the_towns_its_reports_tell_and_not_another_strike_that_day(tmp_path, extractor):
    told = sitrep.Article(id="w1", outlet="Wire A", published="2024-11-17",
                          text="Russia launched 120 missiles and 90 drones at Ukraine overnight, the air force said. "
                               "In Mykolaiv, a drone strike killed two people, the governor said.")
    undated = sitrep.Article(id="w2", outlet="Paper B",
                             text="Russia fired 120 missiles and 90 drones at Ukraine, the air force said. "
                                  "In Odesa, a drone strike killed one man, the regional governor said.")
    evening = sitrep.Article(id="w3", outlet="Paper C", published="2024-11-17",
                             text="A Russian ballistic missile struck an apartment block in Sumy on Sunday evening, "
                                  "killing eight people, officials said.")
    with Store(tmp_path / "wave.duckdb") as s:
        s.ingest([evening, undated], extractor)
        s.ingest([told], extractor)  # the dated report comes last: the undated Odesa strike joins its wave
        wave_of = {r["place_name"]: r["wave_id"] for r in s.incidents(Filters()).records()}
    assert wave_of["Ukraine"] == wave_of["Mykolaiv"] == wave_of["Odesa"]
    assert wave_of["Sumy"] != wave_of["Ukraine"]
