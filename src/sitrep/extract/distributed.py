"""Extract stage on a Ray cluster (`--engine ray`): a Ray Data pipeline that reads the
inputs in tasks, extracts them in actors that each hold one `Extractor`, and hands the
results back in input order.

    for row in ray_extract(["shards/"], Recipe(), RaySettings(workers=2)):
        row.result   # the JSONL line `sitrep extract` writes for the article
        row.failure()  # or the InputError that one process would have reported

The pipeline: the inputs are listed here (directories walked as one process walks
them, a JSONL cut at line ends into parts of `ARTICLES_PER_TASK` articles, so that
one large file still spreads over every actor) → a task per part reads its articles
with the same readers as one process, so ids and failure messages are the same → a
pool of actors, one `Extractor` each, built once from the `Recipe` → rows back to
the caller in input order. Output is therefore byte for byte that of one process.
On a cluster every node must see the input files at the same path (a shared
filesystem) and have sitrep installed; `ray job submit` runs the same command.
"""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

from ..errors import InputError, NotEnglishError, SitrepError
from ..models import Article
from .parallel import Recipe

ARTICLES_PER_TASK = 8   # articles an actor extracts at a time: small enough to balance a few large files
# Reading is light, and the actors take every CPU: reading tasks that asked for a CPU
# would never be scheduled, so they ask for none, and so few run at once (each is a
# process of its own), one for every READERS_PER actors, at least two.
READ_CPUS = 0
READERS_PER = 16


@dataclass(frozen=True)
class RaySettings:
    """Where and how wide: `address` None starts a local Ray with `workers` CPUs (or
    joins the cluster named in $RAY_ADDRESS, as `ray job submit` sets it); `workers`
    None uses every CPU the cluster has."""

    workers: Optional[int] = None
    address: Optional[str] = None
    keep_text: bool = False  # put the article's text in each result line, so that `sitrep ingest` can store it


@dataclass(frozen=True)
class RayRow:
    """One input, in input order: its result line, or the reason it was not read."""

    result: Optional[str] = None
    events: int = 0               # the number of events in `result`
    source: Optional[str] = None  # with `reason`: the input that could not be read
    reason: Optional[str] = None
    not_english: bool = False     # an article skipped for its language: reported, not a failure

    def failure(self) -> Optional[InputError]:
        if self.reason is None:
            return None
        return (NotEnglishError if self.not_english else InputError)(self.source or "", self.reason)


def ray_extract(paths: Iterable[str], recipe: Recipe, settings: RaySettings,
                published: Optional[str] = None) -> Iterator[RayRow]:
    """Every input of `paths`, extracted on Ray, in input order."""
    inputs = _inputs(list(paths))
    ray = _import_ray()
    with _session(ray, settings):
        dataset = _pipeline(ray, inputs, recipe, settings, published)
        for batch in dataset.iter_batches(batch_format="pyarrow", batch_size=None):
            for row in batch.to_pylist():
                yield RayRow(**row)


def _import_ray():
    # Ray's notes go to its log files (/tmp/ray/session_latest/logs), not between sitrep's
    # lines on stderr: Ray Data reports each run, and its core warns on every run that an
    # actor's constructor arguments live in the object store. A user's setting wins.
    os.environ.setdefault("RAY_DATA_LOG_LEVEL", "ERROR")
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    try:
        import ray
        import ray.data  # noqa: F401 (the Data library is a separate extra)
    except ImportError:
        raise SitrepError("--engine ray needs Ray: pip install 'sitrep[ray]'") from None
    return ray


@contextmanager
def _session(ray, settings: RaySettings) -> Iterator[None]:
    """Ray for the length of one run: joined when a cluster is named, else started here
    with `workers` CPUs and shut down after."""
    address = settings.address or os.environ.get("RAY_ADDRESS")
    started = not ray.is_initialized()
    if started:
        options: dict[str, Any] = dict(include_dashboard=False, log_to_driver=False, logging_level="ERROR",
                                       configure_logging=True)
        try:
            if address:
                ray.init(address=address, **options)
            else:
                ray.init(num_cpus=settings.workers or os.cpu_count() or 1, **options)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise SitrepError(f"cannot start or join Ray{f' at {address}' if address else ''}: {exc}") from None
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # output in input order, as with one process
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    try:
        yield
    finally:
        if started:
            ray.shutdown()


def _inputs(paths: list[str]) -> list[dict[str, Any]]:
    """The work of the reading tasks, in input order: a row per input file, per part of
    a JSONL file, or per input that cannot be read (its error, reported in its place)."""
    from ..ingest.files import expand

    if "-" in paths:
        raise SitrepError("--engine ray reads files, not stdin: write the articles to a file first")
    rows: list[dict[str, Any]] = []
    for item in expand(paths):
        if isinstance(item, InputError):
            rows.append(_work(source=item.source, reason=item.reason))
        elif isinstance(item, Path) and item.suffix.lower() == ".jsonl":
            rows += _jsonl_parts(item)
        else:
            rows.append(_work(path=str(item)))
    return rows


def _work(path: Optional[str] = None, start: int = 0, end: int = -1, first_line: int = 1,
          source: Optional[str] = None, reason: Optional[str] = None) -> dict[str, Any]:
    return {"path": path, "start": start, "end": end, "first_line": first_line, "source": source, "reason": reason}


def _jsonl_parts(path: Path) -> list[dict[str, Any]]:
    """A JSONL file cut at line ends into parts of about `ARTICLES_PER_TASK` lines: byte
    ranges, each with the number of its first line as one process counts them. A file
    one process could not read stays whole, so that its task reports the same error."""
    from ..ingest.files import _decode, read_file

    try:
        raw = read_file(path)
        _decode(raw, str(path))
    except InputError:
        return [_work(path=str(path))]
    parts, start, line = [], 0, 1
    while start < len(raw):
        end = start
        for _ in range(ARTICLES_PER_TASK):
            cut = raw.find(b"\n", end)
            end = len(raw) if cut < 0 else cut + 1
            if end == len(raw):
                break
        parts.append(_work(path=str(path), start=start, end=end, first_line=line))
        line += len(_part_text(raw[start:end], start).splitlines())
        start = end
    return parts or [_work(path=str(path))]


def _part_text(raw: bytes, start: int) -> str:
    # a cut after a newline byte never splits a UTF-8 character; the BOM only opens the file
    return raw.decode("utf-8-sig" if start == 0 else "utf-8")


def _pipeline(ray, inputs: list[dict[str, Any]], recipe: Recipe, settings: RaySettings, published: Optional[str]):
    from ray.data import ActorPoolStrategy

    cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
    workers = min(settings.workers or cpus, cpus)  # more actors than CPUs would wait for ever
    return (ray.data.from_items(inputs, override_num_blocks=len(inputs))  # a block, and so a task, a part
            .flat_map(_ReadInput(published), num_cpus=READ_CPUS, concurrency=max(2, workers // READERS_PER))
            .map_batches(_ExtractInActor, fn_constructor_args=(recipe, settings.keep_text),
                         batch_size=ARTICLES_PER_TASK, batch_format="pyarrow", num_cpus=1,
                         compute=ActorPoolStrategy(size=workers)))


class _ReadInput:
    """A Ray task's work: the articles of one input file, each as a row (the article as
    JSON), or the error that one process would have reported for it."""

    def __init__(self, published: Optional[str]):
        self.published = published

    def __call__(self, row: dict[str, Any]) -> list[dict[str, Any]]:
        from ..ingest import read_articles
        from ..ingest.files import jsonl_articles

        if row["path"] is None:
            return [_input_row(InputError(row["source"], row["reason"]))]
        if row["end"] < 0:
            return [_input_row(item) for item in read_articles([row["path"]], self.published)]
        with open(row["path"], "rb") as part:
            part.seek(row["start"])
            text = _part_text(part.read(row["end"] - row["start"]), row["start"])
        return [_input_row(item) for item in jsonl_articles(text, row["path"], self.published, row["first_line"])]


def _input_row(item: Union[Article, InputError]) -> dict[str, Any]:
    if isinstance(item, InputError):
        return {"article": None, "source": item.source, "reason": item.reason,
                "not_english": isinstance(item, NotEnglishError)}
    return {"article": json.dumps({**item.header(), "text": item.text}, ensure_ascii=False),
            "source": None, "reason": None, "not_english": False}


def _row_schema(pa):
    """The columns of `RayRow`, as Arrow types."""
    return pa.schema([("result", pa.string()), ("events", pa.int32()), ("source", pa.string()),
                      ("reason", pa.string()), ("not_english", pa.bool_())])


class _ExtractInActor:
    """A Ray actor's state: one Extractor, built once; each call extracts a block."""

    def __init__(self, recipe: Recipe, keep_text: bool):
        self.extractor = recipe.build()
        self.keep_text = keep_text

    def __call__(self, batch):
        import pyarrow as pa

        rows = batch.to_pylist()
        articles = [Article.from_dict(json.loads(row["article"])) for row in rows if row["article"] is not None]
        results = iter(self.extractor.extract_many(articles))
        out = []
        for row in rows:
            line, events = None, 0
            if row["article"] is not None:
                result = next(results)
                line, events = json.dumps(result.to_dict(with_text=self.keep_text), ensure_ascii=False), len(result.events)
            out.append({"result": line, "events": events, "source": row["source"], "reason": row["reason"],
                        "not_english": row["not_english"]})
        return pa.Table.from_pylist(out, schema=_row_schema(pa))

