"""Extraction over several processes gives what one process gives, in the same order,
through the Python API, `sitrep extract --workers` and `sitrep ingest --workers`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import sitrep
from sitrep.cli import main
from sitrep.extract.parallel import ParallelExtractor, Recipe

CLUSTERS = Path(__file__).parent / "data" / "clusters.jsonl"


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    """The written cluster reports three times over (126 articles, new ids), with a
    broken line in the middle: enough for the workers to start."""
    lines = CLUSTERS.read_text().splitlines()
    out = []
    for copy in range(3):
        for line in lines:
            record = json.loads(line)
            record["id"] = f"{record['id']}-{copy}"
            out.append(json.dumps(record))
        if copy == 1:
            out.append("{not json")
    path = tmp_path_factory.mktemp("workers") / "many.jsonl"
    path.write_text("\n".join(out) + "\n")
    return path


def test_workers_give_one_process_results_in_order():
    articles = [a for a in sitrep.read_articles([str(CLUSTERS)])]
    expected = [r.to_dict() for r in sitrep.Extractor().extract_many(articles)]
    with ParallelExtractor(Recipe(), workers=2, min_articles=1) as extractor:
        got = [r.to_dict() for r in extractor.extract_many(articles)]
        again = [r.to_dict() for r in extractor.extract_many(articles[:5])]  # the pool, reused
    assert got == expected
    assert again == expected[:5]


def test_extract_with_two_workers_writes_the_same_bytes(many, tmp_path, capsys):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["extract", str(many), "--workers", "1", "-o", str(one)]) == 1  # the broken line
    first = capsys.readouterr().err
    assert main(["extract", str(many), "--workers", "2", "-o", str(two)]) == 1
    second = capsys.readouterr().err
    assert one.read_bytes() == two.read_bytes()
    assert len(one.read_text().splitlines()) == 126
    assert first == second and "many.jsonl:85: broken JSON line" in second


def test_ingest_with_two_workers_builds_the_same_store(many, tmp_path, capsys):
    exports = []
    for workers in ("1", "2"):
        db = tmp_path / f"w{workers}.duckdb"
        assert main(["ingest", str(many), "--workers", workers, "--db", str(db)]) == 1
        out = tmp_path / f"w{workers}.jsonl"
        assert main(["export", "--format", "jsonl", "--db", str(db), "-o", str(out)]) == 0
        exports.append(out.read_text())
    capsys.readouterr()
    # the copies are the same texts from the same outlets: extracted (by the workers), then stored once
    assert exports[0] == exports[1] and exports[0].count("\n") >= len(CLUSTERS.read_text().splitlines())


def test_a_bad_option_fails_before_any_worker_starts(tmp_path, capsys):
    assert main(["extract", str(CLUSTERS), "--workers", "2", "--lexicon", str(tmp_path / "nowhere")]) == 1
    assert "nowhere" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["extract", str(CLUSTERS), "--workers", "0"])
