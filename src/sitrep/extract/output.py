"""Extract stage's output: one result line per article, written as JSONL or as Parquet.

    with open_results("out/results.parquet") as out:
        out.write(line)

JSONL is the contract's form (one `ArticleResult.to_dict()` a line). Parquet, chosen by
the `.parquet` suffix, keeps the same line in its `result` column beside the article's
id, publication date and number of events, so a data lake can filter on those without
parsing JSON; `sitrep ingest` reads either back. Both engines, one process or Ray,
write through here, so their outputs are identical.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional, TextIO

from ..errors import SitrepError

PARQUET_ROWS_PER_GROUP = 1000  # rows held before a row group is written: bounded memory on any stream


class JsonlResults:
    def __init__(self, out: TextIO, owned: bool):
        self._out = out
        self._owned = owned

    def write(self, line: str) -> None:
        self._out.write(line + "\n")

    def close(self) -> None:
        if self._owned:
            self._out.close()
        else:
            self._out.flush()

    def __enter__(self) -> "JsonlResults":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class ParquetResults:
    """Result lines as Parquet rows, written a row group at a time."""

    def __init__(self, path: Path):
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise SitrepError(f"{path}: writing Parquet needs pyarrow: pip install 'sitrep[ray]'") from None
        self._pa = pa
        self._schema = pa.schema([("article_id", pa.string()), ("published", pa.string()),
                                  ("events", pa.int32()), ("result", pa.string())])
        try:
            self._writer = pq.ParquetWriter(str(path), self._schema)
        except OSError as exc:
            raise SitrepError(f"{path}: cannot write output: {exc}") from None
        self._rows: list[dict] = []

    def write(self, line: str) -> None:
        result = json.loads(line)
        self._rows.append({"article_id": result["article"]["id"], "published": result["article"]["published"],
                           "events": len(result["events"]), "result": line})
        if len(self._rows) >= PARQUET_ROWS_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(self._pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()

    def __enter__(self) -> "ParquetResults":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_results(output: Optional[str]):
    """A writer of result lines to `output` (Parquet for `.parquet`, else JSONL), or
    JSONL on stdout when `output` is None."""
    if output is None:
        return JsonlResults(sys.stdout, owned=False)
    path = Path(output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix.lower() == ".parquet":
            return ParquetResults(path)
        return JsonlResults(open(path, "w", encoding="utf-8"), owned=True)
    except OSError as exc:
        raise SitrepError(f"{output}: cannot write output: {exc.strerror or exc}") from None
