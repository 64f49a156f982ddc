"""Choose the sentence reader's thresholds on the tuning sentences and report.

For each event type, the rules alone say a sentence reports it or not. With the
reader, a sentence the rules pass over is added where its score reaches `add`, chosen
to give the best sentence-level F0.5 for that type on tune.jsonl (sentences of articles
the model never saw); a type the reader cannot improve keeps the rules alone. Nothing
the rules fired is vetoed: vetoes cost the devset and the set-aside slices recall
(measured 2026-12-05).

Writes MODEL_DIR/thresholds.json and MODEL_DIR/report.md (per type: the rules' and
the combined precision, recall, F1 on the tuning sentences).

usage: python train/thresholds.py MODEL_DIR TUNE_JSONL
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import spacy

from sitrep.models import EVENT_TYPES

ADD_GRID = [round(0.50 + 0.05 * i, 2) for i in range(10)] + [2.0]  # 2.0: never add
# Precision weighs double: a sentence wrongly added costs a whole false event, while one
# rightly added still has to find its place and parties before it pairs with the gold.
BETA = 0.5


def f1(tp: int, fp: int, fn: int, beta: float = 1.0) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    b2 = beta * beta
    return p, r, ((1 + b2) * p * r / (b2 * p + r) if p + r else 0.0)


def counts(rows: list[dict], etype: str, add: float) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for row in rows:
        ruled = etype in row["rules"]
        score = row["scores"][etype]
        said = ruled or (row["at_war"] and score >= add)
        truth = etype in row["gold"]
        tp += said and truth
        fp += said and not truth
        fn += truth and not said
    return tp, fp, fn


def main(model_dir: Path, tune_path: Path) -> None:
    nlp = spacy.load(model_dir)
    rows = [json.loads(line) for line in tune_path.read_text(encoding="utf-8").splitlines()]
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows)):
        row["scores"] = dict(doc.cats)
    chosen: dict[str, dict[str, float]] = {"add": {}}
    lines = ["# Sentence reader: tuning report", "",
             f"{len(rows)} sentences of articles the model did not see. Sentence-level, per type.", "",
             "| type | sentences | rules P / R / F1 | with reader P / R / F1 | add at |",
             "|---|---|---|---|---|"]
    for etype in EVENT_TYPES:
        base = f1(*counts(rows, etype, 2.0))
        add = max(ADD_GRID, key=lambda a: (f1(*counts(rows, etype, a), beta=BETA)[2], a))
        combined = f1(*counts(rows, etype, add))
        chosen["add"][etype] = add
        gold = sum(etype in r["gold"] for r in rows)
        lines.append(f"| {etype} | {gold} | {base[0]:.2f} / {base[1]:.2f} / {base[2]:.2f} | "
                     f"{combined[0]:.2f} / {combined[1]:.2f} / {combined[2]:.2f} | "
                     f"{'never' if add > 1 else add} |")
    (model_dir / "thresholds.json").write_text(json.dumps(chosen, indent=2) + "\n", encoding="utf-8")
    (model_dir / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
