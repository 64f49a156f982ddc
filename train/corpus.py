"""Build the sentence reader's training data from the trainset.

Every sentence of every article outside the set-aside slices (train/split.yaml)
becomes one example: the reader's input (see sitrep.extract.reader.reader_input) and
one label per event type, true where a gold event's evidence overlaps the sentence.
Events the gold marks `expected` are no happening and label nothing.

One article in five (by sorted id) is kept from the model to choose its thresholds:
it goes to tune.spacy and tune.jsonl, the rest to train.spacy.

usage: python train/corpus.py TRAINSET_DIR OUT_DIR
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import spacy
import yaml
from spacy.tokens import DocBin

from sitrep.extract.actors import find_parties
from sitrep.extract.engine import rule_triggers_by_sentence
from sitrep.extract.reader import reader_input
from sitrep.extract.triggers import article_at_war
from sitrep.language import split_sentences
from sitrep.lexicon import load_lexicon
from sitrep.models import EVENT_TYPES

HERE = Path(__file__).parent
TUNE_EVERY = 5


def set_aside_slices() -> list[str]:
    return list(yaml.safe_load((HERE / "split.yaml").read_text(encoding="utf-8"))["set_aside"])


def is_set_aside(article_id: str, slices: list[str]) -> bool:
    return any(article_id.startswith(f"{s}-") for s in slices)


def sentence_examples(article: dict, gold: dict, lexicon) -> list[dict]:
    text = article["text"]
    spans = [(ev["start"], ev["end"], event["type"]) for event in gold["events"]
             if event.get("status") != "expected" for ev in event.get("evidence") or []]
    sentences = split_sentences(text)
    at_war = article_at_war(text, lexicon)
    rules = rule_triggers_by_sentence(sentences, lexicon, at_war)
    examples = []
    for sentence in sentences:
        if sentence.noise:
            continue
        types = {etype for start, end, etype in spans if start < sentence.end and end > sentence.start}
        rule_types = sorted({t.type for t in rules[sentence.index]})
        text = reader_input(sentence.text, rule_types, find_parties(sentence.text, lexicon))
        examples.append({"article": article["id"], "text": text,
                         "rules": rule_types, "gold": sorted(types), "at_war": at_war})
    return examples


def main(trainset: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    lexicon = load_lexicon()
    aside = set_aside_slices()
    nlp = spacy.blank("en")
    bins = {"train": DocBin(), "tune": DocBin()}
    counts = {"train": 0, "tune": 0}
    with open(out / "tune.jsonl", "w", encoding="utf-8") as tune_file:
        paths = sorted((trainset / "articles").glob("*.json"))
        for n, path in enumerate(p for p in paths if not is_set_aside(p.stem, aside)):
            part = "tune" if n % TUNE_EVERY == 0 else "train"
            article = json.loads(path.read_text(encoding="utf-8"))
            gold = json.loads((trainset / "gold" / path.name).read_text(encoding="utf-8"))
            for example in sentence_examples(article, gold, lexicon):
                doc = nlp.make_doc(example["text"])
                doc.cats = {t: float(t in example["gold"]) for t in EVENT_TYPES}
                bins[part].add(doc)
                counts[part] += 1
                if part == "tune":
                    tune_file.write(json.dumps(example) + "\n")
    for part, docbin in bins.items():
        docbin.to_disk(out / f"{part}.spacy")
    print(f"corpus: {counts['train']} training sentences, {counts['tune']} tuning sentences "
          f"(slices set aside: {', '.join(aside)})")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
