"""Extract stage on every core: worker processes, each with its own `Extractor`,
results streamed back in input order.

    with ParallelExtractor(Recipe(), workers=4) as extractor:
        for result in extractor.extract_many(articles):
            ...

An article's events depend on that article alone, so splitting a stream across
processes and putting it back in order gives output identical to one process.
Workers start from a fork server that has sitrep imported, then each builds its
Extractor from a `Recipe` (the lexicon directories, place files and reader the user
chose): nothing unpicklable crosses a process boundary, and no SQLite connection
or parser state is shared between processes. What is read-only and large is shared
by the operating system instead: the gazetteer is one SQLite file in the page cache,
the spaCy model files likewise. Input is read ahead only a bounded window of chunks,
so a stream of millions of articles is never held in memory. A stream shorter than
`min_articles` is extracted in this process: starting workers costs more than it saves.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice
from typing import Iterable, Iterator, Optional

from ..errors import SitrepError
from ..models import Article, ArticleResult
from .engine import Extractor

CHUNK_ARTICLES = 8       # articles a task: large enough to amortise pickling, small enough to balance
CHUNKS_IN_FLIGHT = 4     # per worker: the read-ahead window
MIN_ARTICLES = 64        # below this, one process is faster than starting workers


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Recipe:
    """How to build an Extractor: what a worker needs to build its own."""

    lexicon_dirs: tuple[str, ...] = ()
    place_files: tuple[str, ...] = ()
    reader: Optional[str] = None  # None: no sentence reader; "bundled"; or a directory `make train` wrote
    explain: bool = False

    def build(self) -> Extractor:
        from .reader import load_reader

        reader = None
        if self.reader is not None:
            reader = load_reader(None if self.reader == "bundled" else self.reader)
            if reader is None:
                raise SitrepError("no bundled sentence reader: run `make train`")
        return Extractor(self.lexicon_dirs, self.place_files, reader=reader, explain=self.explain)


_worker_extractor: Optional[Extractor] = None


def _start_worker(recipe: Recipe) -> None:
    global _worker_extractor
    _worker_extractor = recipe.build()


def _extract_chunk(articles: list[Article]) -> list[ArticleResult]:
    assert _worker_extractor is not None, "worker started without its extractor"
    return list(_worker_extractor.extract_many(articles))


class ParallelExtractor:
    """`extract_many` over `workers` processes; the same results, in the same order,
    as `recipe.build().extract_many`. The pool starts on first use and lives until
    `close` (ingest calls `extract_many` once a batch)."""

    def __init__(self, recipe: Recipe, workers: int, *, min_articles: int = MIN_ARTICLES):
        if workers < 1:
            raise ValueError("workers must be 1 or more")
        self.recipe = recipe
        self.workers = workers
        self.min_articles = min_articles
        self._local: Optional[Extractor] = None
        self._pool: Optional[ProcessPoolExecutor] = None

    @property
    def lexicon(self):
        return self.local.lexicon

    @property
    def local(self) -> Extractor:
        """An extractor in this process, for short streams and single articles."""
        if self._local is None:
            self._local = self.recipe.build()
        return self._local

    def extract(self, article: Article) -> ArticleResult:
        return self.local.extract(article)

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        if self.workers == 1:
            yield from self.local.extract_many(articles)
            return
        stream = iter(articles)
        head = list(islice(stream, self.min_articles))
        if len(head) < self.min_articles and self._pool is None:  # the whole stream, and a short one
            yield from self.local.extract_many(head)
            return
        yield from self._in_pool(head, stream)

    def _in_pool(self, head: list[Article], stream: Iterator[Article]) -> Iterator[ArticleResult]:
        pool = self._started()
        pending: deque[Future] = deque()
        for chunk in _chunks(chain(head, stream)):
            pending.append(pool.submit(_extract_chunk, chunk))
            if len(pending) >= self.workers * CHUNKS_IN_FLIGHT:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["sitrep.extract.engine"])
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start_worker,
                                             initargs=(self.recipe,))
        return self._pool

    def worker_pids(self) -> list[int]:
        """The process ids of the running workers (none before the pool starts)."""
        return sorted(self._pool._processes) if self._pool is not None else []  # type: ignore[attr-defined]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "ParallelExtractor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _chunks(articles: Iterable[Article]) -> Iterator[list[Article]]:
    stream = iter(articles)
    while chunk := list(islice(stream, CHUNK_ARTICLES)):
        yield chunk
