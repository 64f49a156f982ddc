"""Sources benchmark: the same generated news pages ingested as HTML files and as one
WARC.gz crawl file (the CC-NEWS layout), articles/s each way.

    python bench/bench_sources.py [--pages 1000]

Both runs go through `sitrep.read_articles` and `Store.ingest` (trafilatura, extraction,
store, fusion) into a new store; reading alone (no extraction) is timed too.
"""
from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_store import generated_reports  # noqa: E402

import sitrep  # noqa: E402
from sitrep.store import Store  # noqa: E402


def page_html(article: sitrep.Article) -> bytes:
    sentences = article.text.split(". ")
    title = sentences[0]
    body = "".join(f"<p>{escape(s.rstrip('.'))}.</p>" for s in sentences)
    return (f"<!doctype html><html><head><title>{escape(title)}</title>"
            f'<meta property="article:published_time" content="{article.published}"></head>'
            f"<body><nav>Home | World | Sport</nav><article><h1>{escape(title)}</h1>{body}</article>"
            f"<footer>© {escape(article.outlet or '')}</footer></body></html>").encode()


def write_pages(articles: list[sitrep.Article], folder: Path) -> None:
    folder.mkdir()
    for n, article in enumerate(articles):
        (folder / f"page-{n:05d}.html").write_bytes(page_html(article))


def write_warc(articles: list[sitrep.Article], path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n, article in enumerate(articles):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news.example/{n}", "response", payload=io.BytesIO(page_html(article)), http_headers=http))


def timed_ingest(paths: list[str], db: Path, extractor: sitrep.Extractor) -> tuple[float, int]:
    started = time.perf_counter()
    with Store(db) as store:
        summary = store.ingest(sitrep.read_articles(paths), extractor)
    return time.perf_counter() - started, summary.articles


def timed_read(paths: list[str]) -> tuple[float, int]:
    started = time.perf_counter()
    n = sum(1 for item in sitrep.read_articles(paths) if not isinstance(item, sitrep.InputError))
    return time.perf_counter() - started, n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    articles = generated_reports(args.pages)
    extractor = sitrep.Extractor()
    extractor.extract(sitrep.Article(text="Russian drones struck Kharkiv overnight.", published="2025-01-01"))
    with tempfile.TemporaryDirectory() as tmp:
        folder, warc = Path(tmp) / "pages", Path(tmp) / "crawl.warc.gz"
        write_pages(articles, folder)
        write_warc(articles, warc)
        print(f"{args.pages} generated pages: {sum(p.stat().st_size for p in folder.iterdir()) / 1e6:.1f} MB "
              f"as files, {warc.stat().st_size / 1e6:.1f} MB as one WARC.gz")
        for label, paths in (("HTML files", [str(folder)]), ("WARC.gz", [str(warc)])):
            seconds, n = timed_read(paths)
            print(f"read only   {label:10} {n} articles in {seconds:5.1f} s: {n / seconds:6.0f} articles/s")
        for run in range(2):  # alternate, so neither way gets the warmer machine
            for label, paths in (("HTML files", [str(folder)]), ("WARC.gz", [str(warc)]))[::1 if run == 0 else -1]:
                seconds, n = timed_ingest(paths, Path(tmp) / f"{label[:4]}-{run}.duckdb", extractor)
                print(f"ingest #{run + 1}   {label:10} {n} articles in {seconds:5.1f} s: {n / seconds:6.0f} articles/s")


if __name__ == "__main__":
    main()
