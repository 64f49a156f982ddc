"""Property tests (hypothesis): written reports mutated the way scrapers and feeds mangle
them (cut surrogates, control characters, huge numbers, extreme dates, junk fields)
go through `sitrep.extract`, `Store.ingest` and POST /articles without a crash, and
every evidence span is exactly the text it points at. 7,300 inputs in all."""
import json
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sitrep
from sitrep.serve import create_app
from sitrep.store import Filters, Store

SENTENCES = [
    "Russia launched 145 drones overnight, Ukraine's air force said; air defences downed 62 of them.",
    "The Rapid Support Forces shelled El Fasher on Sunday, killing 12 civilians, activists said.",
    "Israeli strikes killed at least 30 people in Gaza on Tuesday, the health ministry said.",
    "JNIM fighters attacked an army post near Djibo last night, the junta said.",
    "Myanmar's military bombed a village in Sagaing on 3 March 2024, killing nine, residents said.",
    "Gunmen abducted 20 farmers in Zamfara state on Friday, police said.",
    "The governor said two people were wounded when a missile hit Kharkiv at 5 a.m.",
    "Officials said 1,200 families were evacuated from the border town.",
]
ODD = ["\ud83d", "\udc00", "\x00", "\x1b[31m", "\u200b", "\r\n", "\t", "\ufeff", "\u202e", "9" * 40,
       "1e308", "-0", "٣٤", "½", "\n\n\n", "“", "'", "\\", "<script>", "𝟙𝟚"]


@st.composite
def mutated_text(draw) -> str:
    parts = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3))
    text = " ".join(parts)
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        junk = draw(st.one_of(st.sampled_from(ODD), st.text(max_size=8),
                              st.integers(-10**30, 10**30).map(str)))
        text = text[:at] + junk + text[at:]
    return text


published_dates = st.one_of(
    st.none(),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.sampled_from(["0001-01-01", "9999-12-31", "2024-02-29", "2024-11-11T23:59:59Z"]))


def assert_evidence_points_at_the_text(result, text: str) -> None:
    for event in result.events:
        for evidence in event.evidence:
            assert text[evidence.start:evidence.end] == evidence.text
        json.dumps(event.to_dict(), ensure_ascii=False).encode("utf-8")  # writable as UTF-8


@pytest.fixture(scope="module")
def extractor():
    return sitrep.Extractor()


QUICK = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@settings(max_examples=2400, **QUICK)
@given(text=mutated_text(), published=published_dates)
def test_extract_never_crashes_and_evidence_is_exact(extractor, text, published):
    article = sitrep.Article(text=text, id="p", published=published)
    result = extractor.extract(article)
    assert_evidence_points_at_the_text(result, article.text)


class Stores:
    """A new store every `every` examples: the examples repeat eight sentences, and a store
    of thousands of near-copies of one report makes one fusion component that is
    re-clustered whole at every batch (see README, Not yet done)."""

    def __init__(self, tmp_path_factory, every: int = 100):
        self.tmp_path_factory, self.every, self.used, self.current = tmp_path_factory, every, 0, None

    def next(self) -> Store:
        if self.current is None or self.used % self.every == 0:
            if self.current is not None:
                self.current.close()
            self.current = Store(self.tmp_path_factory.mktemp("prop") / "s.duckdb")
        self.used += 1
        return self.current


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    made = Stores(tmp_path_factory)
    yield made
    if made.current is not None:
        made.current.close()


@settings(max_examples=450, **QUICK)
@given(texts=st.lists(mutated_text(), min_size=1, max_size=3), published=published_dates,
       outlet=st.one_of(st.none(), st.text(max_size=12)))
def test_ingest_never_crashes_and_stores_each_new_text(stores, extractor, texts, published, outlet):
    store = stores.next()
    articles = [sitrep.Article(text=t, outlet=outlet, published=published) for t in texts]
    before = store.counts()["articles"]
    summary = store.ingest(articles, extractor)
    assert summary.articles + summary.skipped == len(articles) and not summary.failures
    assert store.counts()["articles"] == before + summary.articles


@pytest.fixture(scope="module")
def client(tmp_path_factory, extractor):
    app = create_app(str(tmp_path_factory.mktemp("api") / "s.duckdb"), token="t", extractor=extractor)
    with TestClient(app) as c:
        yield c


junk_values = st.one_of(st.none(), st.integers(), st.floats(allow_nan=True), st.text(max_size=10),
                        st.lists(st.integers(), max_size=2), st.booleans())


@settings(max_examples=1100, **QUICK)
@given(text=st.one_of(mutated_text(), junk_values), published=st.one_of(published_dates, junk_values),
       extra=st.dictionaries(st.sampled_from(["id", "outlet", "title", "url"]), junk_values, max_size=2))
def test_post_articles_answers_201_or_a_clear_4xx(client, text, published, extra):
    body = json.dumps({"text": text, "published": published, **extra}, ensure_ascii=True)
    response = client.post("/articles", content=body, headers={"Authorization": "Bearer t"})
    assert response.status_code in (201, 422), response.text
    assert "error" in response.json() if response.status_code == 422 else response.json()["stored"] <= 1


@pytest.fixture(scope="module")
def cluster_results(extractor):
    """The written multi-outlet reports (tests/data/clusters.jsonl), extracted once."""
    path = Path(__file__).parent / "data" / "clusters.jsonl"
    return list(extractor.extract_many(sitrep.read_articles([str(path)])))


def fused(results, batch_size, tmp_path, name):
    """Each event's incident and each incident's wave, after storing `results` in batches."""
    with Store(tmp_path / f"{name}.duckdb") as store:
        for start in range(0, len(results), batch_size):
            store.add(results[start:start + batch_size])
        incidents = {r["event_id"]: r["incident_id"] for r in store.events(Filters(limit=10_000)).records()}
        waves = {r["incident_id"]: r["wave_id"] for r in store.incidents(Filters(limit=10_000)).records()}
    return incidents, waves


@settings(max_examples=15, **QUICK)
@given(order=st.randoms(use_true_random=False), batch_size=st.integers(1, 9))
def test_fusion_does_not_depend_on_the_order_articles_arrive(cluster_results, tmp_path_factory, order, batch_size):
    tmp_path = tmp_path_factory.mktemp("order")
    at_once = fused(cluster_results, len(cluster_results), tmp_path, "at-once")
    shuffled = list(cluster_results)
    order.shuffle(shuffled)
    assert fused(shuffled, batch_size, tmp_path, "shuffled") == at_once
