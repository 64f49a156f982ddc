"""Benchmark: `sitrep extract` against spaCy's full pipeline over the same text.

About 2 MB of news-like text (the devset articles repeated when ../shared is
present, else the bundled examples), one process each:
  - naive: nlp.pipe over every paragraph with the full en_core_web_sm pipeline;
  - sitrep: Extractor.extract_many over the same articles.
Prints words/s, articles/s, the ratio, and each run's peak memory (resident set,
measured in a fresh child process so the two do not share a high-water mark).
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset" / "articles"
TARGET_BYTES = 2_000_000


def corpus() -> list[dict]:
    base = [json.loads(p.read_text()) for p in sorted(DEVSET.glob("*.json"))] if DEVSET.is_dir() else []
    if not base:
        base = [{"id": p.stem, "text": p.read_text()} for p in sorted((ROOT / "examples").glob("*.txt"))]
    articles, size, n = [], 0, 0
    while size < TARGET_BYTES:
        a = dict(base[n % len(base)])
        a["id"] = f"{a.get('id')}-{n}"
        articles.append(a)
        size += len(a["text"].encode())
        n += 1
    return articles


def run_naive(articles: list[dict]) -> None:
    from sitrep.language import BATCH_SIZE, load_pipeline
    nlp = load_pipeline()
    paragraphs = (p for a in articles for p in a["text"].split("\n") if p.strip())
    for _ in nlp.pipe(paragraphs, batch_size=BATCH_SIZE):
        pass


def run_sitrep(articles: list[dict]) -> None:
    from sitrep import Article, Extractor
    extractor = Extractor()
    for _ in extractor.extract_many(Article(text=a["text"], id=a["id"], published=a.get("published")) for a in articles):
        pass


def child(mode: str) -> None:
    articles = corpus()
    from sitrep.language import load_pipeline
    load_pipeline()  # both pay the model load outside the timing
    start = time.perf_counter()
    (run_naive if mode == "naive" else run_sitrep)(articles)
    seconds = time.perf_counter() - start
    words = sum(len(a["text"].split()) for a in articles)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mode": mode, "seconds": seconds, "words": words, "articles": len(articles),
                      "bytes": sum(len(a["text"].encode()) for a in articles), "peak_mb": peak_mb}))


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
        return
    results = {}
    for mode in ("naive", "sitrep"):
        out = subprocess.run([sys.executable, __file__, "--child", mode], capture_output=True, text=True, check=True)
        results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    corpus_info = results["sitrep"]
    print(f"corpus: {corpus_info['articles']} articles, {corpus_info['words']:,} words, "
          f"{corpus_info['bytes'] / 1e6:.1f} MB, 1 process each")
    for mode, label in (("naive", "spaCy full pipeline (naive)"), ("sitrep", "sitrep extract")):
        r = results[mode]
        print(f"{label:30} {r['words'] / r['seconds']:>10,.0f} words/s {r['articles'] / r['seconds']:>8.1f} articles/s"
              f" {r['seconds']:>7.1f} s  peak {r['peak_mb']:>6.0f} MB")
    ratio = (results["sitrep"]["words"] / results["sitrep"]["seconds"]) / (results["naive"]["words"] / results["naive"]["seconds"])
    print(f"speed-up of sitrep over the naive pipeline: {ratio:.2f}x")


if __name__ == "__main__":
    main()
