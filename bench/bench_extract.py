"""Benchmark: `sitrep extract` against spaCy's full pipeline over the same text.

About 2 MB of news-like text (the devset articles repeated when ../shared is
present, else the bundled examples), one process each:
  - naive: nlp.pipe over every paragraph with the full en_core_web_sm pipeline;
  - sitrep: Extractor.extract_many over the same articles;
  - sitrep, 2 workers: ParallelExtractor (what `sitrep extract --workers 2` runs);
  - with --ray: Ray Data on a local Ray with N CPUs (what `sitrep extract --engine ray
    --workers N` runs), over the corpus written as 8 JSONL shards; Ray starts outside
    the timing, its actors (each loading the model) inside it.
Prints words/s, articles/s, the ratios, each run's peak memory (resident set,
measured in a fresh child process so runs do not share a high-water mark; for the
workers, the largest worker's), and whether the workers' output is byte for byte
the one process's. Models load and workers start outside the timing.

    python bench/bench_extract.py [--workers N] [--ray]
"""
from __future__ import annotations

import hashlib
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


def naive_pipeline():
    """spaCy's pipeline as the model ships it (its own attribute ruler, not sitrep's
    indexed one), with the parts sitrep never runs left out: the sentence recogniser
    (the parser splits sentences) and the lemmatizer."""
    import spacy
    from sitrep.language import MODEL
    return spacy.load(MODEL, exclude=["senter"], disable=["lemmatizer"])


def run_naive(articles: list[dict], nlp) -> None:
    from sitrep.language import BATCH_SIZE
    paragraphs = (p for a in articles for p in a["text"].split("\n") if p.strip())
    for _ in nlp.pipe(paragraphs, batch_size=BATCH_SIZE):
        pass


def _articles(articles: list[dict]):
    from sitrep import Article
    return [Article(text=a["text"], id=a["id"], published=a.get("published")) for a in articles]


def _digest(results) -> str:
    digest = hashlib.sha256()
    for result in results:
        digest.update(json.dumps(result.to_dict(), ensure_ascii=False).encode())
    return digest.hexdigest()[:16]


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def child(mode: str) -> None:
    articles = corpus()
    from sitrep.language import load_pipeline
    from sitrep.extract.parallel import ParallelExtractor, Recipe
    nlp = naive_pipeline() if mode == "naive" else load_pipeline()  # loaded outside the timing
    workers = int(mode.split("-")[1]) if mode.startswith("workers-") else 1
    if mode == "naive":
        run = lambda: run_naive(articles, nlp)  # noqa: E731
    elif mode.startswith("ray-"):
        run = _ray_run(articles, int(mode.split("-")[1]))
    else:
        extractor = ParallelExtractor(Recipe(), workers, min_articles=1)
        list(extractor.extract_many(_articles(articles[: 8 * workers])))  # start the workers
        run = lambda: _digest(extractor.extract_many(_articles(articles)))  # noqa: E731
    start = time.perf_counter()
    digest = run()
    seconds = time.perf_counter() - start
    words = sum(len(a["text"].split()) for a in articles)
    if mode.startswith("ray-"):
        peak_mb = 0.0  # the actors are Ray's processes; not measured here
    elif workers > 1:  # each worker's high-water mark, from /proc (the workers are the fork server's children)
        peak_mb = max(_peak_mb(pid) for pid in extractor.worker_pids())
        extractor.close()
    else:
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    first = FIRST_RESULT["at"] - start if FIRST_RESULT else None
    print(json.dumps({"mode": mode, "seconds": seconds, "first_result": first, "words": words, "articles": len(articles), "digest": digest,
                      "bytes": sum(len(a["text"].encode()) for a in articles), "peak_mb": peak_mb}))


def _ray_run(articles: list[dict], cpus: int):
    """Ray started and the corpus written as shards; the run itself is left to time."""
    import tempfile

    import ray

    from sitrep.extract.distributed import RaySettings, ray_extract
    from sitrep.extract.parallel import Recipe

    ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    shards = Path(tempfile.mkdtemp(prefix="sitrep-bench-"))
    size = -(-len(articles) // 8)
    for n in range(8):  # in corpus order: shard n holds the n-th eighth
        part = articles[n * size:(n + 1) * size]  # with the fields the other runs read
        (shards / f"part-{n}.jsonl").write_text("".join(
            json.dumps({"id": a["id"], "text": a["text"], "published": a.get("published")}) + "\n" for a in part))

    def run() -> str:
        digest = hashlib.sha256()
        for row in ray_extract([str(shards)], Recipe(), RaySettings(workers=cpus)):
            FIRST_RESULT.setdefault("at", time.perf_counter())
            digest.update(row.result.encode())
        return digest.hexdigest()[:16]
    return run


FIRST_RESULT: dict[str, float] = {}  # when the Ray run handed back its first result


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
        return
    workers = int(sys.argv[sys.argv.index("--workers") + 1]) if "--workers" in sys.argv else 2
    modes = ["naive", "sitrep", f"workers-{workers}"] + ([f"ray-{workers}"] if "--ray" in sys.argv else [])
    results = {}
    for mode in modes:
        out = subprocess.run([sys.executable, __file__, "--child", mode], capture_output=True, text=True, check=True)
        results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    corpus_info = results["sitrep"]
    print(f"corpus: {corpus_info['articles']} articles, {corpus_info['words']:,} words, "
          f"{corpus_info['bytes'] / 1e6:.1f} MB")
    labels = {"naive": "spaCy full pipeline (naive)", "sitrep": "sitrep extract, 1 process",
              f"workers-{workers}": f"sitrep extract, {workers} workers",
              f"ray-{workers}": f"sitrep extract, Ray, {workers} CPUs"}
    speed = {mode: r["words"] / r["seconds"] for mode, r in results.items()}
    for mode in modes:
        r = results[mode]
        memory = "largest worker" if mode.startswith("workers") else "peak"
        print(f"{labels[mode]:30} {speed[mode]:>10,.0f} words/s {r['articles'] / r['seconds']:>8.1f} articles/s"
              f" {r['seconds']:>7.1f} s" + (f"  {memory} {r['peak_mb']:>6.0f} MB" if r["peak_mb"] else ""))
    print(f"speed-up of sitrep (1 process) over the naive pipeline: {speed['sitrep'] / speed['naive']:.2f}x")
    print(f"speed-up of {workers} workers over 1 process: {speed[modes[2]] / speed['sitrep']:.2f}x; output "
          + ("identical" if results[modes[2]]["digest"] == results["sitrep"]["digest"] else "DIFFERENT"))
    if len(modes) == 4:
        ray_run = results[modes[3]]
        print(f"speed-up of Ray ({workers} CPUs) over 1 process: {speed[modes[3]] / speed['sitrep']:.2f}x; output "
              + ("identical" if ray_run["digest"] == results["sitrep"]["digest"] else "DIFFERENT"))
        steady = ray_run["articles"] / (ray_run["seconds"] - ray_run["first_result"])
        one_process = corpus_info["articles"] / corpus_info["seconds"]
        print(f"Ray's first result after {ray_run['first_result']:.1f} s (its actors start, each loading the model); "
              f"after it {steady:.1f} articles/s, {steady / one_process:.2f}x 1 process")


if __name__ == "__main__":
    main()
