"""The command line end to end, and bad input: reported, skipped, never a traceback."""
import json
import subprocess
import sys

import pytest

from conftest import SHARED

from sitrep.cli import main

GOOD = {"id": "good", "published": "2024-11-12", "text": "Russian drones struck Odesa overnight, wounding three people."}


def run(args, capsys):
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_extract_json_file_to_stdout(tmp_path, capsys):
    path = tmp_path / "a.json"
    path.write_text(json.dumps(GOOD))
    code, out, err = run(["extract", str(path)], capsys)
    line = json.loads(out)
    assert code == 0 and line["article"]["id"] == "good" and line["events"][0]["type"] == "strike"
    assert "1 articles, 1 events, 0 failed" in err


def test_extract_directory_with_every_kind_of_bad_input(tmp_path, capsys):
    (tmp_path / "good.json").write_text(json.dumps(GOOD))
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 bombed".encode("latin-1"))
    (tmp_path / "notext.json").write_text(json.dumps({"id": "x", "title": "no text"}))
    (tmp_path / "batch.jsonl").write_text(json.dumps(GOOD) + "\n{broken\n" + json.dumps({**GOOD, "id": "g2"}) + "\n")
    out_file = tmp_path / "out.jsonl"
    code, _, err = run(["extract", str(tmp_path), "-o", str(out_file)], capsys)
    ids = [json.loads(line)["article"]["id"] for line in out_file.read_text().splitlines()]
    assert code == 1
    assert sorted(ids) == ["g2", "good", "good"]
    assert "binary.txt: binary file, not text" in err
    assert "latin1.txt: not UTF-8 text" in err
    assert "notext.json: the article has no 'text' field" in err
    assert "batch.jsonl:2: broken JSON line" in err
    assert "Traceback" not in err
    assert "3 articles" in err and "4 failed" in err


def test_missing_path_is_reported(tmp_path, capsys):
    code, _, err = run(["extract", str(tmp_path / "nope.json")], capsys)
    assert code == 1 and "nope.json: no such file or directory" in err


def test_html_main_text(tmp_path, capsys):
    page = ("<html><head><title>Strike on port</title></head><body><nav>Home | World</nav><article>"
            "<h1>Strike on port</h1><p>Russian missiles struck the port of Odesa on Sunday, killing four people, "
            "the regional governor said.</p><p>Rescue work went on through the night in the damaged district "
            "near the harbour, where several warehouses burned.</p></article><footer>Comments 0</footer></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page)
    code, out, _ = run(["extract", str(path), "--published", "2024-11-12"], capsys)
    event = json.loads(out)["events"][0]
    assert code == 0 and event["type"] == "strike" and event["date"]["start"] == "2024-11-10"
    assert ("killed", 4) in [(q["kind"], q["value"]) for q in event["quantities"]]


def test_stdin_plain_text():
    proc = subprocess.run([sys.executable, "-m", "sitrep.cli", "extract", "-", "--published", "2024-11-12"],
                          input="Russian drones struck Odesa overnight.".encode(), capture_output=True, timeout=120)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["events"][0]["location"]["name"] == "Odesa"


def test_large_text_in_bounded_memory(tmp_path, capsys):
    filler = "The council met to discuss the new budget for parks and libraries. " * 20
    body = (filler + "\n") * 1500  # about 2 MB: ten of the pieces a long text is extracted in
    text = body + "Russian drones struck Odesa overnight, wounding three people.\n"
    path = tmp_path / "big.txt"
    path.write_text(text)
    assert path.stat().st_size > 2_000_000
    code, out, _ = run(["extract", str(path), "--published", "2024-11-12"], capsys)
    event = json.loads(out)["events"][0]
    assert code == 0 and text[event["evidence"][0]["start"]:event["evidence"][0]["end"]].startswith("Russian drones")


@pytest.mark.skipif(not (SHARED / "devset" / "gold").is_dir(), reason="shared devset not present")
def test_eval_figures_equal_the_reference_scorer(tmp_path, capsys):
    articles, gold = SHARED / "devset" / "articles", SHARED / "devset" / "gold"
    pred = tmp_path / "pred.jsonl"
    assert run(["extract", str(articles), "-o", str(pred)], capsys)[0] == 0
    reference = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(pred), "--json"],
                               capture_output=True, text=True, check=True)
    expected = json.loads(reference.stdout)
    code, out, _ = run(["eval", str(gold), str(articles), "--json"], capsys)
    ours = json.loads(out)
    assert code == 0
    for key, value in ours.items():
        assert expected[key] == value, key
