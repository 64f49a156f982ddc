"""The `sitrep` command: a thin face over the Python API.

    sitrep extract PATH... [-o OUT.jsonl|OUT.parquet] [--published DATE] [--lexicon DIR] [--explain]
                  [--workers N] [--engine local|ray] [--keep-text]
    sitrep eval GOLD_DIR ARTICLES_DIR [--lexicon DIR]
    sitrep places PATH... [--format jsonl|table]            the geoparser on its own
    sitrep ingest PATH... [--db FILE] [--engine local|ray]  extract (or read results), store, fuse
    sitrep watch SOURCE... [--every 15m] [--once]           poll feeds into the store
    sitrep sources [--db FILE]                              each watched source: last poll, last error
    sitrep events [FILTERS] [--format table|json|csv]
    sitrep incidents [FILTERS] [--explain ID] [--format table|json|csv]
    sitrep stats [FILTERS]
    sitrep export --format jsonl|csv|acled|geojson|parquet [-o FILE] [FILTERS]
    sitrep serve [--db FILE] [--host] [--port] [--read-only] the API and the dashboard

Exit status: 0 when every input was read, 1 when some failed (they are reported
on stderr and skipped), 2 on bad usage.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
from contextlib import nullcontext
from pathlib import Path
from typing import Iterator, Optional

from tqdm import tqdm

from .errors import InputError, NotEnglishError, SitrepError
from .evaluate import Scorer, fusion_scores
from .extract.output import open_results
from .extract.parallel import MIN_ARTICLES, ParallelExtractor, Recipe, available_cores
from .ingest import read_articles
from .ingest.results import read_results, result_from_line, results_files
from .models import Article, ArticleResult, iso_published, plain_number
from .resolve.places import geoparse
from .show import explain, explain_extraction
from .store import BATCH_SIZE, FORMATS, MAX_OFFSET, Filters, Store, Table, plain_value

LOCK_WAIT = 30.0  # seconds to wait while another process (sitrep serve, another ingest) holds the store


def _articles(paths: list[str], published: Optional[str], failures: list[InputError]) -> Iterator[Article]:
    for item in _reported(read_articles(paths, published)):
        if isinstance(item, NotEnglishError):
            continue  # reported, and not a failure: exit status 0
        if isinstance(item, InputError):
            failures.append(item)
        else:
            yield item


def _extractor(args: argparse.Namespace, *, explain: bool = False, min_articles: int = MIN_ARTICLES,
               workers: Optional[int] = None) -> ParallelExtractor:
    """The extractor the options ask for, over `--workers` processes. The one in this
    process is built now, so a bad lexicon or a missing reader fails before any work."""
    extractor = ParallelExtractor(_recipe(args, explain), workers or _local_workers(args), min_articles=min_articles)
    extractor.local
    return extractor


def _recipe(args: argparse.Namespace, explain: bool = False) -> Recipe:
    return Recipe(tuple(args.lexicon), tuple(args.places), reader=getattr(args, "reader", None), explain=explain)


def _local_workers(args: argparse.Namespace) -> int:
    return getattr(args, "workers", None) or available_cores()


def _ray_settings(args: argparse.Namespace, keep_text: bool):
    from .extract.distributed import RaySettings

    return RaySettings(workers=args.workers, address=args.ray_address, keep_text=keep_text)


def cmd_extract(args: argparse.Namespace) -> int:
    failures: list[InputError] = []
    if args.engine == "ray":
        if args.explain:
            raise SitrepError("--explain prints from one process: leave out --engine ray")
        return _extract_to_output(args, _ray_lines(args, failures), failures)
    with _extractor(args, explain=args.explain) as extractor:
        return _extract_to_output(args, _local_lines(args, extractor, failures), failures)


def _local_lines(args: argparse.Namespace, extractor: ParallelExtractor,
                 failures: list[InputError]) -> Iterator[tuple[str, int]]:
    """Each article's result line and number of events, extracted in this machine's processes."""
    for result in extractor.extract_many(_articles(args.paths, args.published, failures)):
        if args.explain:
            print(explain_extraction(result), file=sys.stderr)
        yield json.dumps(result.to_dict(with_text=args.keep_text), ensure_ascii=False), len(result.events)


def _ray_lines(args: argparse.Namespace, failures: list[InputError]) -> Iterator[tuple[str, int]]:
    """The same lines, extracted on Ray; inputs that failed are reported as one process reports them."""
    from .extract.distributed import ray_extract

    for row in ray_extract(args.paths, _recipe(args), _ray_settings(args, args.keep_text), args.published):
        failure = row.failure()
        if failure is None:
            yield row.result, row.events
            continue
        tqdm.write(f"sitrep: skipped {failure}", file=sys.stderr)
        if not isinstance(failure, NotEnglishError):
            failures.append(failure)


def _extract_to_output(args: argparse.Namespace, lines: Iterator[tuple[str, int]], failures: list[InputError]) -> int:
    n_articles = n_events = 0
    with open_results(args.output) as out:
        progress = tqdm(desc="articles", unit=" art", file=sys.stderr, disable=not sys.stderr.isatty() and not args.progress)
        for line, events in lines:
            out.write(line)
            n_articles += 1
            n_events += events
            progress.update(1)
        progress.close()
    print(f"sitrep: {n_articles} articles, {n_events} events, {len(failures)} failed", file=sys.stderr)
    return 1 if failures else 0


def _read_gold(gold_dir: Path) -> dict[str, list]:
    """Gold events by article id, from a directory of gold files."""
    if not gold_dir.is_dir():
        raise SitrepError(f"{gold_dir}: not a directory of gold files")
    gold: dict[str, list] = {}
    for path in sorted(gold_dir.glob("*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise SitrepError(f"{path}: unreadable gold file: {exc}") from None
        gold[str((doc.get("article") or {}).get("id") or path.stem)] = [
            e for e in doc.get("events") or [] if isinstance(e, dict)]
    return gold


def cmd_eval(args: argparse.Namespace) -> int:
    gold = _read_gold(Path(args.gold_dir))
    failures: list[InputError] = []
    predicted = {}
    with _extractor(args) as extractor:
        for result in extractor.extract_many(_articles([args.articles_dir], None, failures)):
            predicted[str(result.article.id)] = result.to_dict()["events"]
    scorer = Scorer()
    for art_id, gold_events in gold.items():
        scorer.add(predicted.get(art_id, []), gold_events)
    figures = scorer.figures()
    if args.json:
        print(json.dumps(figures))
        return 0
    print(f"{'articles':36} {len(gold)}")
    for key, value in figures.items():
        print(f"{key:36} {value}")
    print("\nper type       gold  pred  paired")
    for etype, (g, p, tp) in scorer.per_type().items():
        print(f"  {etype:12} {g:5} {p:5} {tp:7}")
    return 1 if failures else 0


def cmd_eval_fusion(args: argparse.Namespace) -> int:
    """Ingest ARTICLES_DIR into a new store, fuse it, and score its incidents and waves
    against the gold slugs, pair by pair."""
    gold = _read_gold(Path(args.gold_dir))
    db = Path(args.db) if args.db else None
    with (nullcontext(db) if db else tempfile.TemporaryDirectory(prefix="sitrep-fusion-")) as where:
        path = db or Path(where) / "fusion.duckdb"
        if path.exists():
            raise SitrepError(f"{path}: exists; eval-fusion builds a new store (give another --db)")
        failures: list[InputError] = []
        with Store(path) as store, _extractor(args, workers=1) as extractor:
            summary = store.ingest(_articles([args.articles_dir], None, failures), extractor)
            lines = io.StringIO()
            store.export("jsonl", lines)
    predicted = {doc["article"]["id"]: doc["events"] for doc in map(json.loads, lines.getvalue().splitlines())}
    figures = fusion_scores(gold, predicted)
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"articles {summary.articles}, events {summary.events}; gold events {figures['gold_events']}, "
              f"paired with an extracted event {figures['paired']}")
        print(f"{'pairwise':12} {'precision':>9} {'recall':>7} {'F1':>6}   naive key (type, country, day): P R F1")
        for level in ("incident", "wave"):
            own = [figures[f"{level}_{m}"] for m in ("precision", "recall", "f1")]
            naive = [figures[f"naive_{level}_{m}"] for m in ("precision", "recall", "f1")]
            print(f"{level:12} {own[0]:9.3f} {own[1]:7.3f} {own[2]:6.3f}   {naive[0]:.3f} {naive[1]:.3f} {naive[2]:.3f}")
    for failure in failures:
        print(f"sitrep: {failure}", file=sys.stderr)
    return 1 if failures else 0


def cmd_places(args: argparse.Namespace) -> int:
    lexicon = _extractor(args, workers=1).lexicon
    failures: list[InputError] = []
    for article in _articles(args.paths, None, failures):
        toponyms = geoparse(article.text, lexicon)
        if args.format == "table":
            print(f"# {article.id}")
            for t in toponyms:
                p = t.place
                where = f"{p.lat:.4f},{p.lon:.4f}" if p.lat is not None else "-"
                print(f"{t.start:6}-{t.end:<6} {t.text[:28]:28} {p.country or '-':3} {(p.admin1 or '-')[:24]:24} "
                      f"{where:20} {p.precision:8} {t.source}")
        else:
            for t in toponyms:
                print(json.dumps({"article": article.id, **t.to_dict()}, ensure_ascii=False))
    return 1 if failures else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    """Articles extracted here or on Ray, or results extracted earlier, into the store."""
    files = results_files(args.paths)
    if files is not None:
        if args.engine == "ray":
            raise SitrepError("these are extraction results already: leave out --engine ray")
        return _ingest(args, lambda store, **batching: store.ingest_results(_reported(read_results(files)),
                                                                            **batching))
    if args.engine == "ray":
        return _ingest(args, lambda store, **batching: store.ingest_results(_reported(_ray_results(args)),
                                                                            **batching))
    with _extractor(args) as extractor:
        return _ingest(args, lambda store, **batching: store.ingest(
            _reported(read_articles(args.paths, args.published)), extractor, **batching))


def _ray_results(args: argparse.Namespace) -> Iterator[ArticleResult | InputError]:
    from .extract.distributed import ray_extract

    for row in ray_extract(args.paths, _recipe(args), _ray_settings(args, keep_text=True), args.published):
        yield row.failure() or result_from_line(row.result, "--engine ray")


def _ingest(args: argparse.Namespace, store_inputs) -> int:
    progress = tqdm(desc="articles", unit=" art", file=sys.stderr, disable=not sys.stderr.isatty() and not args.progress)
    committed = [0, 0]  # articles and events in whole batches

    def on_batch(summary) -> None:
        progress.update(summary.articles + summary.skipped - progress.n)
        committed[:] = [summary.articles, summary.events]
        if args.verbose:
            tqdm.write(f"sitrep: committed {summary.articles} articles, {summary.events} events", file=sys.stderr)

    with Store(args.db, wait=LOCK_WAIT) as store:
        try:
            summary = store_inputs(store, batch_size=args.batch, share=True, on_batch=on_batch)
        except KeyboardInterrupt:
            progress.close()
            print(f"sitrep: interrupted; {committed[0]} articles and {committed[1]} events were committed to "
                  f"{args.db}, the batch in progress was rolled back. Run the same command again to add the rest.",
                  file=sys.stderr)
            return 130
        progress.close()
        totals = store.counts()
    print(f"sitrep: {summary.articles} articles stored ({summary.wire_copies} wire copies), "
          f"{summary.skipped} already stored, {summary.not_english} not in English, "
          f"{len(summary.failures)} failed; {summary.events} events, "
          f"{summary.new_incidents} new incidents. Store {args.db}: {totals['articles']} articles, "
          f"{totals['events']} events, {totals['incidents']} incidents", file=sys.stderr)
    return 1 if summary.failures else 0


def cmd_watch(args: argparse.Namespace) -> int:
    from .ingest.watch import Watcher, expand_sources, watch
    from .ingest.web import Fetcher

    sources = expand_sources(args.sources)
    if not sources:
        raise SitrepError("no sources to watch")
    extractor = _extractor(args, workers=1).local

    def report(poll) -> None:
        for problem in poll.problems:
            print(f"sitrep: skipped {problem}", file=sys.stderr)
        print(f"sitrep: {poll.line()}", file=sys.stderr)

    with Store(args.db, wait=LOCK_WAIT) as store, \
            Fetcher(timeout=args.timeout, per_host_interval=args.host_interval) as fetcher:
        watcher = Watcher(store, extractor, fetcher, batch_size=args.batch)
        try:
            return watch(watcher, sources, every=args.every, once=args.once, on_report=report)
        except KeyboardInterrupt:
            print(f"sitrep: stopped; what was committed to {args.db} stays, and the next run goes on from there",
                  file=sys.stderr)
            return 130


def cmd_sources(args: argparse.Namespace) -> int:
    with Store(args.db, read_only=True, wait=LOCK_WAIT) as store:
        table = store.source_items(args.items, limit=args.limit or 1_000_000) if args.items else store.sources()
        print_table(table, args.format)
    return 0


def _workers(value: str) -> int:
    return _whole_number(value, 1, 256, "a number of workers (1 to 256)")


def _every(value: str) -> float:
    from .ingest.watch import parse_every

    try:
        return parse_every(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _reported(items):
    """Inputs as they come, each one that failed to read reported on stderr."""
    for item in items:
        if isinstance(item, InputError):
            tqdm.write(f"sitrep: skipped {item}", file=sys.stderr)
        yield item


def _filters(args: argparse.Namespace) -> Filters:
    return Filters(type=args.type, subtype=args.subtype, country=args.country, admin1=args.admin1,
                   actor=args.actor, claimant=args.claimant, since=args.since, until=args.until, text=args.text,
                   limit=args.limit or None, offset=args.offset)


def cmd_events(args: argparse.Namespace) -> int:
    with Store(args.db, read_only=True, wait=LOCK_WAIT) as store:
        filters = _filters(args)
        table = store.events(filters)
        print_table(table, args.format)
        _say_if_cut(table, store.count("events", filters), filters)
    return 0


def cmd_incidents(args: argparse.Namespace) -> int:
    with Store(args.db, read_only=True, wait=LOCK_WAIT) as store:
        if args.explain:
            print(explain(store, args.explain))
            return 0
        filters = _filters(args)
        table = store.incidents(filters)
        if args.format == "table":
            table = _compact_figures(table)
        elif args.format == "json":
            table = _figures_as_lists(table)
        print_table(table, args.format)
        _say_if_cut(table, store.count("incidents", filters), filters)
    return 0


def _say_if_cut(table: Table, total: int, filters: Filters) -> None:
    """On stderr, so that JSON and CSV on stdout stay whole: the rows not shown."""
    if len(table) < total:
        first = filters.offset + 1
        print(f"sitrep: rows {first}-{filters.offset + len(table)} of {total}; "
              "--limit 0 shows all, --offset N the rest", file=sys.stderr)


def _figures(row: tuple, at: int) -> list[dict]:
    return json.loads(row[at]) if row[at] else []


def _figures_as_lists(table: Table) -> Table:
    at = table.columns.index("figures")
    return Table(table.columns, [row[:at] + (_figures(row, at),) + row[at + 1:] for row in table.rows])


def _compact_figures(table: Table) -> Table:
    """Figures as "launched (drone)=120; intercepted (drone)=80" for reading in a terminal."""
    at = table.columns.index("figures")
    rows = []
    for row in table.rows:
        figures = "; ".join(f"{f['kind']}" + (f" ({f['item']})" if f.get("item") else "") + f"={plain_number(f['value'])}"
                            for f in _figures(row, at))
        rows.append(row[:at] + (figures,) + row[at + 1:])
    return Table(table.columns, rows)


def cmd_stats(args: argparse.Namespace) -> int:
    with Store(args.db, read_only=True, wait=LOCK_WAIT) as store:
        tables = store.stats(_filters(args))
    if args.format == "json":
        print(json.dumps({title: [_plain_record(r) for r in table.records()] for title, table in tables.items()},
                         default=str))
    elif args.format == "csv":
        # the three breakdowns share their shape: one CSV, the breakdown named in a column
        rows = [(title, *row) for title, table in tables.items() for row in table.rows]
        print_table(Table(["breakdown", "value", "events", "incidents"], rows), "csv")
    else:
        for title, table in tables.items():
            print(f"\n{title}")
            print_table(table, "table")
    return 0


def _plain_record(record: dict) -> dict:
    return {k: plain_value(v) for k, v in record.items()}


def cmd_export(args: argparse.Namespace) -> int:
    path = Path(args.output) if args.output else None
    with Store(args.db, read_only=True, wait=LOCK_WAIT) as store:
        if path is None or args.to == "parquet":
            rows = store.export(args.to, sys.stdout, path, _filters(args))
        else:
            try:
                with open(path, "w", encoding="utf-8", newline="") as out:
                    rows = store.export(args.to, out, path, _filters(args))
            except OSError as exc:
                raise SitrepError(f"{path}: cannot write: {exc.strerror or exc}") from None
    print(f"sitrep: exported {rows} rows as {args.to}" + (f" to {path}" if path else ""), file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .serve import create_app

    token = os.environ.get("SITREP_TOKEN")
    if args.token_file:
        try:
            token = Path(args.token_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise SitrepError(f"{args.token_file}: cannot read the token: {exc.strerror or exc}") from None
    app = create_app(args.db, token=token, read_only=args.read_only)
    mode = "read-only" if args.read_only or not token else "writes with the token"
    _check_port_free(args.host, args.port)
    print(f"sitrep: serving {args.db} on http://{args.host}:{args.port} ({mode}); API docs at /docs",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def _check_port_free(host: str, port: int) -> None:
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise SitrepError(f"--host {host}: not an address this machine knows ({exc.strerror})") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise SitrepError(f"cannot listen on {host}:{port}: {exc.strerror or exc}"
                              " (another server there? choose another --port)") from None


def _port(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port (1-65535)")
    return int(value)


def print_table(table: Table, fmt: str, out=None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        for record in table.records():
            out.write(json.dumps(_plain_record(record), ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        from .store.export import write_csv
        write_csv(table, out)
    else:
        cells = [[_cell(v) for v in row] for row in table.rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(table.columns)]
        out.write("  ".join(c.ljust(w) for c, w in zip(table.columns, widths)).rstrip() + "\n")
        for row in cells:
            out.write("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() + "\n")
        out.write(f"({len(table)} rows)\n")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(plain_number(value)) if value.is_integer() else f"{value:.4g}"
    text = str(value)
    return text if len(text) <= 48 else text[:47] + "\u2026"


def _add_filters(p: argparse.ArgumentParser, limit: Optional[int]) -> None:
    f = p.add_argument_group("filters")
    f.add_argument("--type", help="event type (strike, clash, territory, ...)")
    f.add_argument("--subtype")
    f.add_argument("--country", help="ISO code of the place, e.g. UA")
    f.add_argument("--admin1", help='first-order division, e.g. "Kursk Oblast"')
    f.add_argument("--actor", help="actor name or ISO code")
    f.add_argument("--claimant", help="part of the claimant's name")
    f.add_argument("--since", type=_iso_day, help="first day (YYYY-MM-DD)")
    f.add_argument("--until", type=_iso_day, help="last day (YYYY-MM-DD)")
    f.add_argument("--text", help="words in the evidence sentence")
    f.add_argument("--limit", type=_count, default=limit,
                   help=f"at most this many rows, 0 for all (default {limit or 'all'})")
    f.add_argument("--offset", type=_count, default=0, help="skip this many rows first")


def _count(value: str) -> int:
    return _whole_number(value, 0, MAX_OFFSET, "a count (0 or more)")


def _whole_number(value: str, low: int, high: int, what: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = low - 1
    if not low <= number <= high:
        raise argparse.ArgumentTypeError(f"{value!r} is not {what}")
    return number


def _published(value: str) -> str:
    try:
        return iso_published(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _iso_day(value: str):
    from datetime import date
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a day as YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitrep", description="War and conflict reporting in, auditable event data out.")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract events from articles (JSONL out, one line per article)")
    ex.add_argument("paths", nargs="+", metavar="PATH",
                    help=".json, .jsonl, .txt, .html, an RSS/Atom feed, a .warc(.gz), a .urls list, a URL, "
                         "a directory, or - for stdin")
    ex.add_argument("-o", "--output", help="write JSONL here (default: stdout)")
    ex.add_argument("--published", type=_published, help="publication date (ISO) for articles that lack one")
    ex.add_argument("--progress", action="store_true", help="show the progress bar even when stderr is not a terminal")
    ex.add_argument("--reader", nargs="?", const="bundled", metavar="DIR",
                    help="also let the trained sentence reader add event types the rules miss "
                         "(the bundled model, or one `make train` wrote to DIR)")
    ex.add_argument("--explain", action="store_true",
                    help="print on stderr, per sentence, the named rules that fired and were vetoed, "
                         "the sentence reader's scores, and the rules behind each event")
    ex.set_defaults(func=cmd_extract)
    ev = sub.add_parser("eval", help="extract ARTICLES_DIR and score it against GOLD_DIR")
    ev.add_argument("gold_dir")
    ev.add_argument("articles_dir")
    ev.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    ev.add_argument("--reader", nargs="?", const="bundled", metavar="DIR", help="as for extract")
    ev.set_defaults(func=cmd_eval)
    evf = sub.add_parser("eval-fusion", help="ingest ARTICLES_DIR into a new store and score its incidents "
                                             "and waves against GOLD_DIR's incident slugs (pairwise)")
    evf.add_argument("gold_dir")
    evf.add_argument("articles_dir")
    evf.add_argument("--db", help="build the store here and keep it (default: a temporary file)")
    evf.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    evf.add_argument("--reader", nargs="?", const="bundled", metavar="DIR", help="as for extract")
    evf.set_defaults(func=cmd_eval_fusion)
    pl = sub.add_parser("places", help="every place mention with offsets, country, admin1, coordinates")
    pl.add_argument("paths", nargs="+", metavar="PATH", help="as for extract")
    pl.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
    pl.set_defaults(func=cmd_places)
    ing = sub.add_parser("ingest", help="extract articles into the store and fuse them into incidents")
    ing.add_argument("paths", nargs="+", metavar="PATH", help="as for extract")
    ing.add_argument("--published", type=_published, help="publication date (ISO) for articles that lack one")
    ing.add_argument("--progress", action="store_true", help="show the progress bar even when stderr is not a terminal")
    ing.add_argument("-v", "--verbose", action="store_true", help="report each committed batch")
    ing.add_argument("--batch", type=int, default=BATCH_SIZE, metavar="N",
                     help=f"articles per transaction (default {BATCH_SIZE}); a killed run loses at most one batch")
    ing.set_defaults(func=cmd_ingest)
    wat = sub.add_parser("watch", help="poll RSS/Atom feeds; extract, store and fuse each new item once")
    wat.add_argument("sources", nargs="+", metavar="SOURCE",
                     help="a feed URL, a feed file, or a .urls file listing feed URLs (one a line)")
    wat.add_argument("--every", type=_every, default="15m", metavar="DURATION",
                     help="time between polls: 30s, 15m, 2h (default 15m)")
    wat.add_argument("--once", action="store_true", help="poll every source once, then stop")
    wat.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS", help="per request (default 20)")
    wat.add_argument("--host-interval", type=float, default=1.0, metavar="SECONDS",
                     help="least time between two requests to one host (default 1)")
    wat.add_argument("--batch", type=int, default=32, metavar="N", help="articles per transaction (default 32)")
    wat.set_defaults(func=cmd_watch)
    srcs = sub.add_parser("sources", help="watched sources with their last poll and last error, or one's items")
    srcs.add_argument("--items", metavar="SOURCE", help="list this source's items and what became of each")
    srcs.add_argument("--limit", type=_count, default=100, help="items to list (0: all)")
    srcs.add_argument("--format", choices=("table", "json", "csv"), default="table")
    srcs.set_defaults(func=cmd_sources)
    for p in (ex, ev, ing):
        p.add_argument("--workers", type=_workers, metavar="N",
                       help="extract in N processes, or N Ray actors (default: the cores available, here "
                            f"{available_cores()}, or every CPU of the Ray cluster); the output is the same for every N")
    for p in (ex, ing):
        p.add_argument("--engine", choices=("local", "ray"), default="local",
                       help="local: this machine's processes (default); ray: a Ray Data pipeline, on a local "
                            "Ray or the cluster of --ray-address / $RAY_ADDRESS. The output is the same")
        p.add_argument("--ray-address", metavar="ADDRESS",
                       help="join this Ray cluster (default: $RAY_ADDRESS, else start Ray on this machine)")
    ex.add_argument("--keep-text", action="store_true",
                    help="put each article's text in its result line, so that `sitrep ingest` can store the "
                         "results later without extracting again")
    for p in (ex, ev, evf, ing, pl, wat):
        p.add_argument("--lexicon", action="append", default=[], metavar="DIR",
                       help="a directory of extra lexicon files (repeatable)")
        p.add_argument("--places", action="append", default=[], metavar="FILE",
                       help="extra places: a CSV like data/places.csv, lat and lon optional (repeatable)")
    evs = sub.add_parser("events", help="list stored events")
    inc = sub.add_parser("incidents", help="list incidents, or explain one")
    inc.add_argument("--explain", metavar="ID", help="show one incident: its figures, claims and why each event joined")
    st = sub.add_parser("stats", help="counts per type, per week and per country")
    exp = sub.add_parser("export", help="write the store as jsonl, csv, acled, geojson or parquet")
    exp.add_argument("--format", dest="to", choices=FORMATS, required=True)
    exp.add_argument("-o", "--output", help="file to write (default: stdout; parquet needs a file)")
    for p, func, limit in ((evs, cmd_events, 100), (inc, cmd_incidents, 100), (st, cmd_stats, None),
                           (exp, cmd_export, None)):
        _add_filters(p, limit)
        p.set_defaults(func=func)
        if p is not exp:
            p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    srv = sub.add_parser("serve", help="serve the store over HTTP (API docs at /docs)")
    srv.add_argument("--host", default="127.0.0.1")
    srv.add_argument("--port", type=_port, default=8000)
    srv.add_argument("--read-only", action="store_true", help="refuse every write")
    srv.add_argument("--token-file", metavar="FILE",
                     help="the token POST /articles needs (default: $SITREP_TOKEN; none: read-only)")
    srv.set_defaults(func=cmd_serve)
    for p in (ing, wat, srcs, evs, inc, st, exp, srv):
        p.add_argument("--db", default=os.environ.get("SITREP_DB", "sitrep.duckdb"),
                       help="the store file (default: $SITREP_DB or sitrep.duckdb)")
    return parser


def main(argv: Optional[list[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except SitrepError as exc:
        print(f"sitrep: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
