"""What a new user met on a fresh machine (issue 11): articles lost without a word,
crashes on odd input, dates taken from the wall clock, a store the server locked,
errors with tracebacks or internal messages. Each test failed before its fix."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import sitrep
from sitrep.cli import main
from sitrep.serve import create_app
from sitrep.store import Store

SHELLING = "Russian forces shelled Kharkiv on Sunday, killing two people, the regional governor said."
RAID = "Russian drones struck Odesa overnight, wounding three people, the regional governor said."
SITREP = [sys.executable, "-m", "sitrep.cli"]


def run(args, capsys):
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def extracted(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


# --- articles lost without a word ----------------------------------------------

def test_same_file_name_in_two_folders_is_two_articles(tmp_path, capsys):
    for folder, text in (("a", SHELLING), ("b", RAID)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text)
    db = str(tmp_path / "s.duckdb")
    code, _, err = run(["ingest", str(tmp_path / "a"), str(tmp_path / "b"), "--db", db], capsys)
    assert code == 0 and "2 articles stored" in err and "0 already stored" in err


def test_articles_on_stdin_and_in_jsonl_without_ids_get_their_own_ids(tmp_path):
    db = str(tmp_path / "s.duckdb")
    for text in (SHELLING, RAID):
        done = subprocess.run(SITREP + ["ingest", "-", "--db", db], input=text, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert "1 articles stored" in done.stderr
    lines = "\n".join(json.dumps({"text": t, "published": "2024-11-11"}) for t in (SHELLING, RAID))
    done = subprocess.run(SITREP + ["extract", "-"], input=lines, capture_output=True, text=True)
    results = extracted(done.stdout)
    ids = [r["article"]["id"] for r in results]
    assert None not in ids and len(set(ids)) == 2
    event_ids = [e["id"] for r in results for e in r["events"]]
    assert len(event_ids) == len(set(event_ids)) >= 2


def test_a_lone_surrogate_neither_crashes_nor_loses_the_rest(tmp_path, capsys):
    half_emoji = json.dumps({"id": "cut", "published": "2024-11-11", "text": "Cut \ud83d here. " + RAID})
    assert "\\ud83d" in half_emoji
    (tmp_path / "batch.jsonl").write_text(half_emoji + "\n" + json.dumps({"id": "next", "text": SHELLING,
                                                                       "published": "2024-11-11"}) + "\n")
    code, out, _ = run(["extract", str(tmp_path / "batch.jsonl")], capsys)
    results = extracted(out)
    assert code == 0 and [r["article"]["id"] for r in results] == ["cut", "next"]
    assert results[0]["events"] and all(r["events"] for r in results)
    code, _, err = run(["ingest", str(tmp_path / "batch.jsonl"), "--db", str(tmp_path / "s.duckdb")], capsys)
    assert code == 0 and "2 articles stored" in err


def test_a_report_dated_year_one_that_says_on_sunday_does_not_crash(tmp_path, capsys):
    result = sitrep.extract(SHELLING, published="0001-01-01")
    assert result.events and result.events[0].type == "strike"
    with Store(tmp_path / "s.duckdb") as store:
        summary = store.ingest([sitrep.Article(text=SHELLING, id="old", published="0001-01-01"),
                                sitrep.Article(text=RAID, id="late", published="9999-12-31")], sitrep.Extractor())
    assert summary.articles == 2


def test_empty_text_outlet_list_and_empty_folder_are_refused(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "odd.jsonl").write_text(json.dumps({"text": RAID, "outlet": ["a"]}) + "\n")
    (tmp_path / "nothing").mkdir()
    code, out, err = run(["extract", str(tmp_path / "empty.txt"), str(tmp_path / "odd.jsonl"),
                          str(tmp_path / "nothing")], capsys)
    assert code == 1 and out == ""
    assert "empty.txt: the article's text is empty" in err
    assert "odd.jsonl:1: 'outlet' must be a string, not list" in err
    assert "nothing: no articles in this directory" in err


# --- dates never from the wall clock ---------------------------------------------

@pytest.mark.parametrize("text", [
    "Hamas gunmen attacked Israeli towns early on Oct. 7, killing 1,200 people, Israel said.",
    "Russian drones struck Odesa on 3 November, wounding three people, the governor said.",
])
def test_without_a_publication_date_a_day_without_a_year_stays_undated(text):
    for event in sitrep.extract(text).events:
        assert event.date.start is None, event.to_dict()


def test_an_explicit_year_still_dates_an_undated_report():
    event = sitrep.extract("Russian drones struck Odesa on 3 November 2024, wounding three people.").events[0]
    assert event.date.start == "2024-11-03"


@pytest.mark.parametrize("bad", ["yesterday", "2025-13-45", "not a date"])
def test_a_bad_publication_date_is_refused(bad, tmp_path, capsys):
    (tmp_path / "a.txt").write_text(RAID)
    with pytest.raises(SystemExit) as stop:
        main(["extract", str(tmp_path / "a.txt"), "--published", bad])
    assert stop.value.code == 2 and "is not a date" in capsys.readouterr().err
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": RAID, "published": bad}) + "\n")
    code, out, err = run(["extract", str(tmp_path / "b.jsonl")], capsys)
    assert code == 1 and out == "" and "'published':" in err and "is not a date" in err


def test_feed_dates_are_read_as_iso():
    article = sitrep.Article(text=RAID, published="Mon, 11 Nov 2024 06:00:00 GMT")
    assert article.published.startswith("2024-11-11T06:00")


# --- the store while serving -------------------------------------------------------

def test_ingest_and_queries_run_while_the_dashboard_serves(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.ingest([sitrep.Article(text=RAID, id="first", published="2024-11-11")], sitrep.Extractor())
    with TestClient(create_app(str(db))) as client:
        assert client.get("/health").json()["articles"] == 1
        (tmp_path / "more.txt").write_text(SHELLING)
        done = subprocess.run(SITREP + ["ingest", str(tmp_path / "more.txt"), "--db", str(db),
                                        "--published", "2024-11-12"], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        listed = subprocess.run(SITREP + ["incidents", "--db", str(db), "--format", "json"],
                                capture_output=True, text=True)
        assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 2, listed.stderr
        assert client.get("/health").json()["articles"] == 2


def test_serving_a_mistyped_store_is_refused(tmp_path, capsys):
    code, _, err = run(["serve", "--db", str(tmp_path / "typo.duckdb")], capsys)
    assert code == 1 and "no store here" in err and not (tmp_path / "typo.duckdb").exists()


def test_a_bad_port_and_a_port_in_use_are_one_line_each(tmp_path, capsys):
    import socket

    db = tmp_path / "s.duckdb"
    Store(db).close()
    with pytest.raises(SystemExit) as stop:
        main(["serve", "--db", str(db), "--port", "99999"])
    assert stop.value.code == 2 and "not a port" in capsys.readouterr().err
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        code, _, err = run(["serve", "--db", str(db), "--port", str(taken.getsockname()[1])], capsys)
    assert code == 1 and "cannot listen on" in err and "serving" not in err


# --- errors and outputs --------------------------------------------------------------

@pytest.fixture(scope="module")
def served(tmp_path_factory):
    db = tmp_path_factory.mktemp("served") / "s.duckdb"
    articles = [sitrep.Article(text=f"Russia launched {n} drones overnight, Ukraine's air force said; "
                                    f"air defences shot down {n - 3} of them.", id=f"raid-{n}",
                               published=f"2024-11-{n:02d}") for n in range(10, 15)]
    with Store(db) as store:
        store.ingest(articles, sitrep.Extractor())
    return db


def test_api_errors_keep_the_documented_shape(served):
    with TestClient(create_app(str(served))) as client:
        huge = client.get("/events", params={"offset": "99999999999999999999"})
        assert huge.status_code == 422 and "error" in huge.json()
        unknown = client.get("/no/such/route")
        assert unknown.status_code == 404 and set(unknown.json()) == {"error"}
        for wildcard in ("%", "_"):
            assert client.get("/events", params={"text": wildcard}).json()["total"] == 0
        assert client.get("/events", params={"text": "drones"}).json()["total"] == 5
        nights = client.get("/ledger").json()["items"]
        assert sorted(n["launched"] for n in nights) == [10, 11, 12, 13, 14]
        assert all(isinstance(n["launched"], int) for n in nights)
        figures = client.get("/incidents").json()["items"][0]["figures"]
        assert figures and all(isinstance(f["value"], int) for f in figures)


def test_cli_outputs_are_clean_and_say_when_cut(served, capsys):
    db = str(served)
    with pytest.raises(SystemExit) as stop:
        main(["events", "--db", db, "--limit", "-1"])
    assert stop.value.code == 2 and "not a count" in capsys.readouterr().err
    code, out, err = run(["stats", "--db", db, "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["per type"][0]["events"] >= 5
    code, out, _ = run(["stats", "--db", db, "--format", "csv"], capsys)
    assert out.splitlines()[0] == "breakdown,value,events,incidents" and "per type,strike," in out
    code, out, _ = run(["incidents", "--db", db, "--format", "json"], capsys)
    first = json.loads(out.splitlines()[0])
    assert isinstance(first["figures"], list) and isinstance(first["figures"][0]["value"], int)
    code, out, _ = run(["events", "--db", db], capsys)
    assert "launched (drone)=14" in out and ".0" not in out.split("launched")[1][:20]
    code, out, err = run(["events", "--db", db, "--limit", "2", "--format", "csv"], capsys)
    assert len(out.splitlines()) == 3 and "rows 1-2 of" in err
    code, out, _ = run(["incidents", "--db", db], capsys)
    assert "(drone)=" in out


def test_ctrl_c_during_ingest_says_what_was_committed(tmp_path, capsys, monkeypatch):
    calls = []

    def interrupted(self, results, summary=None):
        calls.append(len(results))
        if len(calls) == 2:
            raise KeyboardInterrupt
        return original(self, results, summary)

    original = Store.add
    monkeypatch.setattr(Store, "add", interrupted)
    for n in range(4):
        (tmp_path / f"r{n}.txt").write_text(RAID.replace("three", str(n + 3)))
    code, _, err = run(["ingest", str(tmp_path), "--db", str(tmp_path / "s.duckdb"), "--batch", "2",
                        "--published", "2024-11-11"], capsys)
    assert code == 130 and "interrupted; 2 articles" in err and "rolled back" in err


def test_the_lock_pins_every_package_with_a_hash():
    lock = (Path(__file__).parents[1] / "requirements.lock").read_text().splitlines()
    entries = [line for line in lock if line.strip() and not line.startswith("#")]
    assert entries and all("==" in line and "--hash=sha256:" in line for line in entries)
    # a venv brings pip and setuptools itself; `pip check` in the Makefile vouches for them
    pinned = {line.split("==")[0].lower().replace("_", "-") for line in entries} | {"pip", "setuptools"}
    from importlib.metadata import distribution
    from packaging.requirements import Requirement

    # every dependency of what the lock installs is in the lock: `pip install --no-deps`
    # would otherwise leave it out without a word
    for name in sorted(pinned - {"pip", "setuptools"}):
        for spec in distribution(name).requires or []:
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                assert req.name.lower().replace("_", "-") in pinned, f"{name} needs {req.name}, not in the lock"


def test_a_claimant_drags_no_time_stamp_or_weekday_along(extract):
    event = extract("05-03 Russian authorities on Wednesday said 12 drones were shot down over the "
                    "Belgorod region.", published="2025-03-07").events[0]
    assert event.claimant.name == "Russian authorities"


def test_the_strike_ledger_counts_drones_and_missiles_not_shells(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.ingest([
            sitrep.Article(text="Russian forces fired 300 artillery shells at Kherson overnight, the governor said.",
                           id="shells", published="2024-11-11"),
            sitrep.Article(text="Russia launched 50 drones at Ukraine overnight, Ukraine's air force said.",
                           id="drones", published="2024-11-11")], sitrep.Extractor())
    with TestClient(create_app(str(db))) as client:
        nights = client.get("/ledger").json()["items"]
    assert [n["launched"] for n in nights] == [50]
