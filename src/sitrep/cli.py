"""The `sitrep` command: a thin face over the Python API.

    sitrep extract PATH... [-o OUT.jsonl] [--published DATE] [--lexicon DIR]
    sitrep eval GOLD_DIR ARTICLES_DIR [--lexicon DIR]

Exit status: 0 when every input was read, 1 when some failed (they are reported
on stderr and skipped), 2 on bad usage.
"""
from __future__ import annotations

import argparse
import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Iterator, Optional

from tqdm import tqdm

from .errors import InputError, SitrepError
from .evaluate import Scorer
from .extract.engine import Extractor
from .ingest import read_articles
from .models import Article


def _articles(paths: list[str], published: Optional[str], failures: list[InputError]) -> Iterator[Article]:
    for item in read_articles(paths, published):
        if isinstance(item, InputError):
            failures.append(item)
            tqdm.write(f"sitrep: skipped {item}", file=sys.stderr)
        else:
            yield item


def cmd_extract(args: argparse.Namespace) -> int:
    extractor = Extractor(args.lexicon)
    failures: list[InputError] = []
    n_articles = n_events = 0
    if args.output:
        try:
            Path(args.output).parent.mkdir(parents=True, exist_ok=True)
            out_cm = open(args.output, "w", encoding="utf-8")
        except OSError as exc:
            raise SitrepError(f"{args.output}: cannot write output: {exc.strerror or exc}") from None
    else:
        out_cm = nullcontext(sys.stdout)
    with out_cm as out:
        progress = tqdm(desc="articles", unit=" art", file=sys.stderr, disable=not sys.stderr.isatty() and not args.progress)
        for result in extractor.extract_many(_articles(args.paths, args.published, failures)):
            out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            n_articles += 1
            n_events += len(result.events)
            progress.update(1)
        progress.close()
    print(f"sitrep: {n_articles} articles, {n_events} events, {len(failures)} failed", file=sys.stderr)
    return 1 if failures else 0


def cmd_eval(args: argparse.Namespace) -> int:
    gold_dir = Path(args.gold_dir)
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
    failures: list[InputError] = []
    predicted = {}
    for result in Extractor(args.lexicon).extract_many(_articles([args.articles_dir], None, failures)):
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitrep", description="War and conflict reporting in, auditable event data out.")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract events from articles (JSONL out, one line per article)")
    ex.add_argument("paths", nargs="+", metavar="PATH", help=".json, .jsonl, .txt, .html, a directory, or - for stdin")
    ex.add_argument("-o", "--output", help="write JSONL here (default: stdout)")
    ex.add_argument("--published", help="publication date (ISO) for articles that lack one")
    ex.add_argument("--progress", action="store_true", help="show the progress bar even when stderr is not a terminal")
    ex.set_defaults(func=cmd_extract)
    ev = sub.add_parser("eval", help="extract ARTICLES_DIR and score it against GOLD_DIR")
    ev.add_argument("gold_dir")
    ev.add_argument("articles_dir")
    ev.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    ev.set_defaults(func=cmd_eval)
    for p in (ex, ev):
        p.add_argument("--lexicon", action="append", default=[], metavar="DIR",
                       help="a directory of extra lexicon files (repeatable)")
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
