"""Ingest stage: extraction results read back, so that the store takes articles
extracted elsewhere (`sitrep extract --keep-text`, `--engine ray`, another machine)
without extracting them again.

A results file is a `.jsonl` of `ArticleResult` lines that carry the article's text,
or a `.parquet` with such lines in its `result` column (`sitrep extract -o
FILE.parquet`), read with DuckDB a batch of rows at a time. A line that is not such a
result is an `InputError` naming the file and the line; the others go on.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

import duckdb

from ..errors import InputError, SitrepError
from ..models import ArticleResult
from .files import SUFFIXES, is_url

RESULT_SUFFIXES = (".jsonl", ".parquet")
PARQUET_BATCH = 1000  # rows fetched at a time from a Parquet file


def results_files(paths: Iterable[str]) -> Optional[list[Path]]:
    """The files of `paths` when every input is a file of extraction results; None when
    none is (they are articles). Raises `SitrepError` when the two are mixed."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if raw == "-" or is_url(raw) or not path.exists():
            return None  # read as articles, which reports what is wrong with it
        children = sorted(c for c in path.rglob("*") if c.is_file()) if path.is_dir() else [path]
        files += [c for c in children if c.suffix.lower() in SUFFIXES + RESULT_SUFFIXES]
    kinds = {f: is_results_file(f) for f in files}
    if not any(kinds.values()):
        return None
    if not all(kinds.values()):
        articles = next(f for f, results in kinds.items() if not results)
        raise SitrepError(f"{articles}: articles among files of extraction results; ingest them in two runs")
    return files


def is_results_file(path: Path) -> bool:
    """A Parquet file, or a JSONL whose first line is an extraction result."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return True
    if suffix != ".jsonl":
        return False
    try:
        with open(path, encoding="utf-8-sig") as lines:
            first = next((line for line in lines if line.strip()), "")
        data = json.loads(first)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(data, dict) and "schema_version" in data and "events" in data


def read_results(files: Iterable[Path]) -> Iterator[Union[ArticleResult, InputError]]:
    for path in files:
        lines = _parquet_lines(path) if path.suffix.lower() == ".parquet" else _jsonl_lines(path)
        try:
            for where, line in lines:
                try:
                    yield result_from_line(line, where)
                except InputError as exc:
                    yield exc
        except InputError as exc:
            yield exc


def result_from_line(line: str, source: str) -> ArticleResult:
    """The `ArticleResult` of one result line, or an `InputError` naming `source`."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"broken JSON line: {exc.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("article"), dict):
        raise InputError(source, "not an extraction result (no 'article' object)")
    if not isinstance(data["article"].get("text"), str):
        raise InputError(source, "the result has no article text to store: extract with --keep-text")
    try:
        return ArticleResult.from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(source, f"not an extraction result: {type(exc).__name__} {exc}") from None


def _jsonl_lines(path: Path) -> Iterator[tuple[str, str]]:
    try:
        with open(path, encoding="utf-8-sig") as lines:
            for n, line in enumerate(lines, 1):
                if line.strip():
                    yield f"{path}:{n}", line
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None


def _parquet_lines(path: Path) -> Iterator[tuple[str, str]]:
    try:
        with duckdb.connect() as conn:
            rows = conn.execute("SELECT result FROM read_parquet(?)", [str(path)])
            n = 0
            while batch := rows.fetchmany(PARQUET_BATCH):
                for (line,) in batch:
                    n += 1
                    if line is not None:
                        yield f"{path}[{n}]", line
    except duckdb.Error as exc:
        raise InputError(str(path), f"not a Parquet file of results: {str(exc).splitlines()[0]}") from None
