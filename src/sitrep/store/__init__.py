"""Store stage: the DuckDB store, its schema, queries and exports.

    from sitrep.store import Store, Filters
    with Store("sitrep.duckdb") as store:
        store.ingest(sitrep.read_articles(["reports/"]), sitrep.Extractor())
        for incident in store.incidents(Filters(type="strike", country="UA")).records(): ...
"""
from .database import BATCH_SIZE, IngestSummary, Store
from .export import FORMATS, plain_value
from .query import MAX_OFFSET, Filters, Table
from .schema import SCHEMA_VERSION

__all__ = ["Store", "Filters", "Table", "IngestSummary", "BATCH_SIZE", "FORMATS", "SCHEMA_VERSION", "MAX_OFFSET", "plain_value"]
