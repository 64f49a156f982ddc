"""The API against its own OpenAPI document (schemathesis): every operation, with
generated parameters (huge offsets, odd text, bad dates), answers without a 500 and
in the documented error shape."""
import pytest
import schemathesis
from schemathesis import GenerationMode
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

import sitrep
from sitrep.serve import create_app
from sitrep.store import Store


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    db = tmp_path_factory.mktemp("openapi") / "s.duckdb"
    with Store(db) as store:
        store.ingest([sitrep.Article(text="Russia launched 40 drones overnight; air defences shot down 31 of them, "
                                          "Ukraine's air force said.", id="raid", published="2024-11-11")],
                     sitrep.Extractor())
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(str(db)))


def operations():
    """The API's operations, as its OpenAPI document lists them."""
    return ["GET /health", "GET /events", "GET /incidents", "GET /incidents/{incident_id}", "GET /waves",
            "GET /waves/{wave_id}", "GET /sources", "GET /sources/items",
            "GET /articles/{article_id}", "GET /stats", "GET /ledger", "POST /articles", "GET /docs"]


def test_the_document_lists_every_operation(api_schema):
    listed = {f"{op.ok().method.upper()} {op.ok().path}" for op in api_schema.get_all_operations()}
    assert listed == set(operations())


@pytest.mark.parametrize("mode", list(GenerationMode), ids=lambda m: m.value)
@pytest.mark.parametrize("name", operations())
def test_no_operation_answers_500(api_schema, name, mode):
    """Valid requests (positive) and requests that break the document (negative)."""
    method, path = name.split(" ")
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
    def answers_without_500(case):
        response = case.call()
        assert response.status_code < 500, (case.method, case.path, case.query, response.text)
        if response.status_code >= 400:
            assert set(response.json()) == {"error"}, response.text

    try:
        answers_without_500()
    except Unsatisfiable:
        pytest.skip(f"{name} has no parameter a request could break")
