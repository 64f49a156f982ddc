"""`--engine ray` on a local Ray with 2 CPUs gives what one process gives: the same
bytes from `sitrep extract`, the same failures reported, the same store from `sitrep
ingest`. And results written once (JSONL or Parquet, `--keep-text`) are stored later
without extracting again, with a clear error for a line that cannot be."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.cli import main

CLUSTERS = Path(__file__).parent / "data" / "clusters.jsonl"
RAY_RUN_TIMEOUT = 240  # seconds: Ray starts, two actors load the model, 44 articles


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """A folder as a user hands it in: the written cluster reports with a broken line,
    and a plain-text report beside them."""
    folder = tmp_path_factory.mktemp("ray") / "in"
    folder.mkdir()
    lines = CLUSTERS.read_text().splitlines()
    (folder / "a.jsonl").write_text("\n".join(lines[:20] + ["{not json"] + lines[20:]) + "\n")
    (folder / "b.txt").write_text("Sudanese army drones struck a fuel depot in Nyala on Tuesday, "
                                  "the Rapid Support Forces said, killing four guards.\n")
    return folder


def sitrep(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The command in its own process, as a user runs it: Ray starts and stops with it."""
    return subprocess.run([sys.executable, "-m", "sitrep.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=RAY_RUN_TIMEOUT)


def test_extract_on_ray_writes_the_bytes_one_process_writes(inputs, tmp_path):
    pytest.importorskip("ray")
    local = sitrep("extract", "in", "--workers", "1", "-o", str(tmp_path / "local.jsonl"), cwd=inputs.parent)
    on_ray = sitrep("extract", "in", "--engine", "ray", "--workers", "2", "-o", str(tmp_path / "ray.jsonl"),
                    cwd=inputs.parent)
    assert (local.returncode, on_ray.returncode) == (1, 1), on_ray.stderr  # the broken line
    lines = (tmp_path / "ray.jsonl").read_text().splitlines()
    assert (tmp_path / "local.jsonl").read_bytes() == (tmp_path / "ray.jsonl").read_bytes()
    assert len(lines) == len(CLUSTERS.read_text().splitlines()) + 1
    assert json.loads(lines[-1])["article"]["id"] == "in/b"  # a file's id is its path as given, on every worker
    assert "sitrep: skipped in/a.jsonl:21: broken JSON line" in on_ray.stderr
    assert on_ray.stderr.splitlines()[-1] == local.stderr.splitlines()[-1]  # "N articles, M events, 1 failed"


def test_ingest_on_ray_builds_the_store_one_process_builds(inputs, tmp_path):
    pytest.importorskip("ray")
    exports = []
    for engine in ("local", "ray"):
        db = tmp_path / f"{engine}.duckdb"
        ingest = sitrep("ingest", "in", "--engine", engine, "--workers", "2" if engine == "ray" else "1",
                        "--db", str(db), cwd=inputs.parent)
        assert ingest.returncode == 1 and "1 failed" in ingest.stderr, ingest.stderr
        out = tmp_path / f"{engine}.jsonl"
        assert main(["export", "--format", "jsonl", "--db", str(db), "-o", str(out)]) == 0
        exports.append(out.read_text())
    assert exports[0] == exports[1] and exports[0].count("\n") > 20


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_results_kept_with_their_text_are_stored_without_extracting_again(inputs, tmp_path, capsys, suffix):
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")
    results = tmp_path / f"results{suffix}"
    assert main(["extract", str(inputs / "a.jsonl"), "--keep-text", "--workers", "1", "-o", str(results)]) == 1
    direct, later = tmp_path / "direct.duckdb", tmp_path / "later.duckdb"
    assert main(["ingest", str(inputs / "a.jsonl"), "--workers", "1", "--db", str(direct)]) == 1
    assert main(["ingest", str(results), "--db", str(later)]) == 0
    assert "42 articles stored" in capsys.readouterr().err
    exports = []
    for db in (direct, later):
        assert main(["export", "--format", "jsonl", "--db", str(db), "-o", str(db.with_suffix(".jsonl"))]) == 0
        exports.append(db.with_suffix(".jsonl").read_text())
    assert exports[0] == exports[1]


def test_a_result_line_that_cannot_be_stored_is_named_and_the_rest_are_stored(inputs, tmp_path, capsys):
    with_text, without_text = tmp_path / "with.jsonl", tmp_path / "without.jsonl"
    assert main(["extract", str(inputs / "b.txt"), "--keep-text", "-o", str(with_text)]) == 0
    assert main(["extract", str(inputs / "b.txt"), "-o", str(without_text)]) == 0
    kept = json.loads(with_text.read_text())
    kept["article"]["id"] = "another"
    broken = dict(kept, events=[{"type": "bombardment"}])
    lines = [json.dumps(kept), without_text.read_text().strip(), json.dumps(broken)]
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join(lines) + "\n")
    assert main(["ingest", str(mixed), "--db", str(tmp_path / "s.duckdb")]) == 1
    err = capsys.readouterr().err
    assert f"{mixed}:2: the result has no article text to store: extract with --keep-text" in err
    assert f"{mixed}:3: not an extraction result" in err and "bombardment" in err
    assert "1 articles stored" in err


def test_articles_and_results_together_are_refused_before_anything_is_stored(inputs, tmp_path, capsys):
    results = tmp_path / "in" / "results.jsonl"
    results.parent.mkdir()
    assert main(["extract", str(inputs / "b.txt"), "--keep-text", "-o", str(results)]) == 0
    (tmp_path / "in" / "c.txt").write_text((inputs / "b.txt").read_text())
    db = tmp_path / "s.duckdb"
    assert main(["ingest", str(tmp_path / "in"), "--db", str(db)]) == 1
    assert "c.txt: articles among files of extraction results; ingest them in two runs" in capsys.readouterr().err
    assert not db.exists()


def test_ray_refuses_what_it_cannot_do_in_one_line(inputs, capsys):
    assert main(["extract", str(inputs), "--engine", "ray", "--explain"]) == 1
    assert "--explain prints from one process" in capsys.readouterr().err
    assert main(["extract", "-", "--engine", "ray"]) == 1
    assert "reads files, not stdin" in capsys.readouterr().err
