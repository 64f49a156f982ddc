"""The HTTP API (FastAPI's TestClient) over a store built from the written cluster
reports: filters, paging, the ledger, writes with and without the token, limits."""
import json
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import sitrep
from sitrep.serve import create_app
from sitrep.serve.app import READER_IDLE
from sitrep.store import Store

CLUSTERS = Path(__file__).parent / "data" / "clusters.jsonl"


@pytest.fixture(scope="module")
def extractor():
    return sitrep.Extractor()


@pytest.fixture(scope="module")
def client(tmp_path_factory, extractor):
    path = tmp_path_factory.mktemp("serve") / "store.duckdb"
    with Store(path) as store:
        store.ingest(sitrep.read_articles([str(CLUSTERS)]), extractor)
    app = create_app(str(path), token="s3cret", extractor=extractor, max_body=50_000)
    with TestClient(app) as c:
        yield c


def test_health_and_security_headers(client):
    response = client.get("/health")
    assert response.status_code == 200 and response.json()["articles"] == 42
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_filters_and_paging(client):
    everything = client.get("/events", params={"limit": 1000}).json()
    assert everything["total"] == len(everything["items"]) > 10
    first = client.get("/events", params={"limit": 5}).json()
    second = client.get("/events", params={"limit": 5, "offset": 5}).json()
    assert first["total"] == everything["total"] and len(first["items"]) == 5
    assert {e["event_id"] for e in first["items"]}.isdisjoint(e["event_id"] for e in second["items"])
    russian = client.get("/incidents", params={"type": "strike", "country": "RU"}).json()
    assert russian["total"] and all(i["country"] == "RU" and i["type"] == "strike" for i in russian["items"])
    assert isinstance(russian["items"][0]["figures"], list)
    march_11 = client.get("/incidents", params={"since": "2025-03-11", "until": "2025-03-11"}).json()
    assert {i["place_name"] for i in march_11["items"]} >= {"Toretsk", "El Fasher"}


def test_one_incident_with_claims_and_sources(client):
    moscow = next(i for i in client.get("/incidents", params={"claimant": "Sobyanin"}).json()["items"])
    detail = client.get(f"/incidents/{moscow['incident_id']}").json()
    values = {c["value"] for c in detail["claims"] if c["kind"] == "intercepted"}
    assert {37, 34} <= values
    assert {"Capital Wire", "Riverside Times", "Northern Courier"} <= {s["outlet"] for s in detail["sources"]}
    assert all(c["evidence_text"] for c in detail["claims"])


def test_ledger_counts_one_claim_once_per_incident(client):
    rows = client.get("/ledger", params={"since": "2025-03-09", "until": "2025-03-09"}).json()["items"]
    air_force = [r for r in rows if r["claimant"].lower().endswith("air force")]
    # three outlets quote the Ukrainian air force's 120 drones for one night: one claim, not 360
    assert air_force and max(r["launched"] or 0 for r in air_force) == 120


def test_errors_are_json_with_their_status(client):
    missing = client.get("/incidents/inc-nothing")
    assert missing.status_code == 404 and "no incident" in missing.json()["error"]
    bad = client.get("/events", params={"limit": 0})
    assert bad.status_code == 422 and "limit" in bad.json()["error"]
    bad_day = client.get("/events", params={"since": "yesterday"})
    assert bad_day.status_code == 422 and "since" in bad_day.json()["error"]


def test_writes_need_the_token(client):
    article = {"id": "w1", "text": "Russian drones hit Sumy overnight, the governor said.", "published": "2025-03-13"}
    assert client.post("/articles", json=article).status_code == 401
    assert client.post("/articles", json=article, headers={"Authorization": "Bearer wrong"}).status_code == 401
    ok = client.post("/articles", json=article, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 201 and ok.json()["stored"] == 1 and ok.json()["events"] >= 1
    again = client.post("/articles", json=[article], headers={"Authorization": "Bearer s3cret"})
    assert again.json()["stored"] == 0 and again.json()["skipped"] == 1
    no_text = client.post("/articles", json={"id": "w2"}, headers={"Authorization": "Bearer s3cret"})
    assert no_text.status_code == 422 and "no 'text'" in no_text.json()["error"]


def test_oversized_bodies_are_refused(client):
    huge = {"text": "Drones hit Kyiv. " * 5000}
    response = client.post("/articles", content=json.dumps(huge), headers={"Authorization": "Bearer s3cret",
                                                                         "Content-Type": "application/json"})
    assert response.status_code == 413 and "over 50000 bytes" in response.json()["error"]


def test_article_text_comes_back_as_data_never_markup(client):
    title = '<script>alert("x")</script> Drones over Kursk'
    article = {"id": "x1", "title": title, "published": "2025-03-14",
               "text": "Russian air defences destroyed 9 drones over the Kursk region overnight, the ministry said."}
    assert client.post("/articles", json=article, headers={"Authorization": "Bearer s3cret"}).status_code == 201
    incident = client.get("/incidents", params={"since": "2025-03-14", "admin1": "Kursk Oblast"}).json()["items"][0]
    detail = client.get(f"/incidents/{incident['incident_id']}")
    assert detail.headers["content-type"].startswith("application/json")
    assert [s["title"] for s in detail.json()["sources"]] == [title]


def test_read_only_server_refuses_writes(tmp_path, extractor):
    path = tmp_path / "empty.duckdb"
    Store(path).close()
    with TestClient(create_app(str(path), token="t", read_only=True, extractor=extractor)) as c:
        response = c.post("/articles", json={"text": "x"}, headers={"Authorization": "Bearer t"})
    assert response.status_code == 403


def test_docs_work_offline(client):
    page = client.get("/docs")
    assert page.status_code == 200 and "GET /incidents" in page.text and "<script" not in page.text
    assert "/ledger" in client.get("/openapi.json").json()["paths"]


def test_waves_list_their_incidents(client):
    waves = client.get("/waves", params={"limit": 1000}).json()
    incidents = client.get("/incidents", params={"limit": 1000}).json()["items"]
    assert waves["total"] == len({i["wave_id"] for i in incidents}) == len(waves["items"])
    assert sum(w["n_incidents"] for w in waves["items"]) == len(incidents)
    wave = max(waves["items"], key=lambda w: w["n_incidents"])
    detail = client.get(f"/waves/{wave['wave_id']}").json()
    assert len(detail["incidents"]) == wave["n_incidents"]
    assert all(i["wave_id"] == wave["wave_id"] for i in detail["incidents"])
    one = client.get(f"/incidents/{detail['incidents'][0]['incident_id']}").json()["wave"]
    assert one["wave_id"] == wave["wave_id"] and len(one["other_incidents"]) == wave["n_incidents"] - 1
    assert client.get("/waves/wave-nothing").status_code == 404


def test_sources_show_their_last_poll_error_and_items(tmp_path, extractor):
    from sitrep.store.sources import ItemOutcome, SourceState

    path = tmp_path / "watched.duckdb"
    with Store(path) as store:
        store.record_poll("https://wire.example/rss", title="Wire", cursor=SourceState("x", '"e1"', None),
                          outcomes=[ItemOutcome("https://wire.example/a", "https://wire.example/a", "stored",
                                                article_id="url-a"),
                                    ItemOutcome("https://wire.example/b", "https://wire.example/b", "skipped",
                                                "not English (language identified: fr, confidence 1.00)")])
        store.record_poll("https://down.example/rss", error="timed out after 20 s")
    with TestClient(create_app(str(path), extractor=extractor)) as c:
        listed = c.get("/sources").json()
        items = c.get("/sources/items", params={"source": "https://wire.example/rss"}).json()["items"]
    by_source = {s["source"]: s for s in listed["items"]}
    assert listed["total"] == 2
    assert by_source["https://down.example/rss"]["last_error"] == "timed out after 20 s"
    assert by_source["https://down.example/rss"]["last_success"] is None
    wire = by_source["https://wire.example/rss"]
    assert (wire["title"], wire["last_error"], wire["items_stored"], wire["items_skipped"]) == ("Wire", None, 1, 1)
    assert wire["last_poll"] and wire["last_success"]
    assert {i["status"] for i in items} == {"stored", "skipped"}


def test_requests_close_together_share_one_reader_that_lets_go_when_idle(tmp_path, extractor, monkeypatch):
    import time

    from sitrep.serve import app as app_module

    path = tmp_path / "shared.duckdb"
    with Store(path) as store:
        store.ingest(sitrep.read_articles([str(CLUSTERS)]), extractor)
    opened = []

    class CountingStore(Store):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            opened.append(kwargs.get("read_only", False))

    monkeypatch.setattr(app_module, "Store", CountingStore)
    with TestClient(create_app(str(path))) as c:
        opened.clear()
        for _ in range(5):
            assert c.get("/incidents", params={"limit": 5}).status_code == 200
        assert opened == [True]  # one connection for the burst
        time.sleep(app_module.READER_IDLE + 0.5)
        with Store(path) as writer:  # the file is free again: a writer gets it at once
            assert writer.counts()["articles"] == 42
        assert c.get("/health").json()["articles"] == 42
        assert opened == [True, True]


def test_stats_are_kept_until_the_store_changes(tmp_path, extractor):
    path = tmp_path / "store.duckdb"
    with Store(path) as store:
        store.ingest(sitrep.read_articles([str(CLUSTERS)]), extractor)
    with TestClient(create_app(str(path), token="t", extractor=extractor)) as c:
        def strikes() -> int:
            return next(r["events"] for r in c.get("/stats").json()["per type"] if r["type"] == "strike")
        before = strikes()
        assert strikes() == before  # kept
        article = {"id": "s1", "text": "Russian drones hit Sumy overnight, the governor said.", "published": "2025-03-13"}
        assert c.post("/articles", json=article, headers={"Authorization": "Bearer t"}).status_code == 201
        assert strikes() == before + 1
        time.sleep(READER_IDLE + 0.5)  # the shared reader lets go of the file
        with Store(path, wait=5) as store:  # a write from outside the server
            store.ingest([sitrep.Article(id="s2", text="Russian missiles hit Odesa overnight, the governor said.",
                                         published="2025-03-14")], extractor)
        assert strikes() == before + 2
