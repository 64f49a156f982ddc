"""Store benchmark: ingest throughput and incident query time.

1. `sitrep ingest` path (extraction + store + fusion) on N generated reports
   (default 10,000): articles/s overall, and the share spent storing and fusing.
2. A store of 100,000 events (built from generated events, no extraction), then the
   incident and event queries the CLI runs, and the HTTP requests the dashboard
   makes, timed: median and p95; and the size of the DuckDB file.

    python bench/bench_store.py [--reports 10000] [--events 100000]   # --reports 0: the store alone
    python bench/bench_store.py --reports 100000 --events 0 --workers 2  # the ingest path as the store fills
    python bench/bench_store.py --reports 0 --events 1000000 --places 400 --days 1095 --db out/bench-1m.duckdb
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import sitrep
from sitrep.models import Article, ArticleResult, DateSpan, Event, Party, Place, Quantity
from sitrep.store import Filters, Store

PLACES = [("Kyiv", "UA", "Kyiv City"), ("Kharkiv", "UA", "Kharkiv Oblast"), ("Odesa", "UA", "Odesa Oblast"),
          ("Dnipro", "UA", "Dnipropetrovsk Oblast"), ("Sumy", "UA", "Sumy Oblast"),
          ("Zaporizhzhia", "UA", "Zaporizhzhia Oblast"), ("Belgorod", "RU", "Belgorod Oblast"),
          ("Kursk", "RU", "Kursk Oblast"), ("Bryansk", "RU", "Bryansk Oblast"), ("Khan Younis", "PS", "Gaza Strip"),
          ("El Fasher", "SD", "North Darfur")]
ATTACKER = {"UA": ("Russia", "RU"), "RU": ("Ukraine", "UA"), "PS": ("Israel", "IL"), "SD": ("Rapid Support Forces", None)}
OUTLETS = ["Capital Wire", "Riverside Times", "Global Desk", "Northern Courier", "Evening Monitor", "Kyiv Daily"]
TEMPLATES = [
    "{attacker} drones struck {place} overnight, injuring {hurt} people, {claimant} said on {weekday}.",
    "A {attacker_adj} missile attack on {place} on {weekday} killed {dead} people and wounded {hurt}, {claimant} said.",
    "Air defences shot down {down} of {launched} drones launched at {place} overnight, according to {claimant}.",
    "{attacker} shelled {place} on {weekday}, damaging {houses} houses, {claimant} reported.",
]
ADJ = {"Russia": "Russian", "Ukraine": "Ukrainian", "Israel": "Israeli", "Rapid Support Forces": "RSF"}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def generated_reports(n: int, seed: int = 7) -> list[Article]:
    """Reports of happenings, each told by one to five outlets with their own numbers."""
    rng = random.Random(seed)
    reports: list[Article] = []
    happening = 0
    while len(reports) < n:
        happening += 1
        place, country, _ = rng.choice(PLACES)
        attacker = ATTACKER[country][0]
        day = date(2025, 1, 1) + timedelta(days=rng.randrange(180))
        template = rng.choice(TEMPLATES)
        for outlet in rng.sample(OUTLETS, rng.randint(1, 5)):
            launched = rng.randint(20, 150)
            text = template.format(
                attacker=attacker, attacker_adj=ADJ[attacker], place=place, weekday=WEEKDAYS[day.weekday()],
                hurt=rng.randint(1, 30), dead=rng.randint(1, 12), down=rng.randint(5, launched), launched=launched,
                houses=rng.randint(2, 40), claimant=rng.choice(["the regional governor", "officials", "the mayor",
                                                                "the military", "local authorities"]))
            text += f" The attack was the {happening}th reported in the area this year, {outlet} noted."
            reports.append(Article(text=text, id=f"gen-{len(reports)}", outlet=outlet,
                                   published=(day + timedelta(days=rng.randint(0, 1))).isoformat()))
    return reports[:n]


class TimedStore(Store):
    """Counts the seconds spent storing and fusing, apart from extraction."""

    store_seconds = 0.0

    def add(self, results, summary=None):
        start = time.perf_counter()
        try:
            return super().add(results, summary)
        finally:
            self.store_seconds += time.perf_counter() - start


def bench_ingest(n_reports: int, workdir: Path, workers: int = 1) -> None:
    from sitrep.extract.parallel import ParallelExtractor, Recipe

    reports = generated_reports(n_reports)
    extractor = ParallelExtractor(Recipe(), workers, min_articles=1)
    list(extractor.extract_many([Article(text="Warm up: drones struck Kyiv.", published="2025-01-01")] * 8 * workers))
    with TimedStore(workdir / "ingest.duckdb") as store:
        start = time.perf_counter()
        summary = store.ingest(reports, extractor, on_batch=_progress(store, n_reports))
        seconds = time.perf_counter() - start
        counts = store.counts()
    extractor.close()
    print(f"ingest: {n_reports:,} generated reports in {seconds:.1f} s = {n_reports / seconds:,.1f} articles/s "
          f"(extraction included); storing + fusion {store.store_seconds:.1f} s = "
          f"{n_reports / store.store_seconds:,.0f} articles/s")
    print(f"        {counts['events']:,} events, {counts['incidents']:,} incidents, "
          f"{summary.wire_copies} wire copies")


def _progress(store: "TimedStore", n_reports: int):
    """Every 10,000 reports of a long run: how fast the last ones were stored and fused,
    as the store fills."""
    mark = {"stored": 0, "seconds": 0.0}

    def report(summary) -> None:
        if n_reports < 20_000 or summary.articles - mark["stored"] < 10_000:
            return
        rate = (summary.articles - mark["stored"]) / max(store.store_seconds - mark["seconds"], 1e-9)
        print(f"  {summary.articles:9,} reports stored; the last {summary.articles - mark['stored']:,} stored and "
              f"fused at {rate:,.0f} articles/s", flush=True)
        mark.update(stored=summary.articles, seconds=store.store_seconds)
    return report


def synthetic_places(n: int) -> list[Place]:
    """The bench's places, then made-up towns in their divisions up to `n` (a store of a
    million events spreads over far more places than eleven). Each stands on a grid
    half a degree apart (40-55 km), since places come with coordinates from the
    gazetteer in real use, and fusion keeps two towns of one region apart by them."""
    places = []
    for i in range(max(n, 1)):
        name, country, admin1 = PLACES[i % len(PLACES)]
        places.append(Place(name if i < len(PLACES) else f"Town {i}", country, admin1,
                            lat=40 + (i // 20) * 0.5, lon=20 + (i % 20) * 0.5, precision="city"))
    return places


def synthetic_results(n_events: int, seed: int = 11, n_places: int = len(PLACES), days: int = 365,
                      in_order: bool = True) -> list[ArticleResult]:
    """Reports of four events each, in order of publication as a feed or an archive
    replayed by date delivers them (`in_order=False`: in random order)."""
    rng = random.Random(seed)
    places = synthetic_places(n_places)
    results, made = [], 0
    while made < n_events:
        article = Article(text=f"Synthetic report {len(results)}.", id=f"syn-{len(results)}",
                          outlet=rng.choice(OUTLETS), published=None)
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(days))
        article.published = day.isoformat()
        events = []
        for n in range(4):
            place = rng.choice(places)
            name, actor_country = ATTACKER[place.country]
            etype = rng.choice(["strike", "strike", "strike", "clash", "territory", "disruption", "violence"])
            events.append(Event(
                type=etype, subtype={"strike": rng.choice(["drone", "missile", "artillery"])}.get(etype, "other"),
                actor=Party(name, actor_country), location=place,
                date=DateSpan(day.isoformat(), day.isoformat(), "day", "on Sunday"),
                quantities=[Quantity("killed", rng.randint(0, 20), "person", text="killed")],
                claimant=Party(rng.choice(["governor", "mayor", "military"]), place.country), id=f"e{n}"))
        results.append(ArticleResult(article, events))
        made += len(events)
    return sorted(results, key=lambda r: r.article.published) if in_order else results


def timed(fn, repeat: int = 20) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def build_store(path: Path, n_events: int, n_places: int, days: int, in_order: bool = True) -> None:
    """Store generated events in batches as `sitrep ingest` does, with fusion, telling
    the rate every 100,000 events (it falls as the store fills)."""
    results = synthetic_results(n_events, n_places=n_places, days=days, in_order=in_order)
    with Store(path) as store:
        start = last = time.perf_counter()
        stored = 0
        for i in range(0, len(results), 256):
            batch = results[i:i + 256]
            store.add(batch)
            before, stored = stored, stored + sum(len(r.events) for r in batch)
            if stored // 100_000 > before // 100_000:
                now = time.perf_counter()
                print(f"  {stored:9,} events stored, {now - start:7.1f} s; the last 100,000 at "
                      f"{100_000 / (now - last):,.0f} events/s", flush=True)
                last = now
        seconds = time.perf_counter() - start
        counts = store.counts()
    print(f"store of {counts['events']:,} events / {counts['incidents']:,} incidents built (with fusion) in "
          f"{seconds:.1f} s = {counts['events'] / seconds:,.0f} events/s")


def bench_queries(n_events: int, path: Path, n_places: int = len(PLACES), days: int = 365,
                  in_order: bool = True) -> None:
    if path.exists():
        print(f"store {path} kept from an earlier run")
    else:
        build_store(path, n_events, n_places, days, in_order)
    size = sum(f.stat().st_size for f in path.parent.glob(path.name + "*"))
    print(f"DuckDB file {size / 2**20:,.0f} MiB")
    with Store(path, read_only=True) as store:
        some_incident = store.incidents(Filters(limit=1)).rows[0][0]
        queries = {
            "incidents, no filter, first 100": lambda: store.incidents(Filters(limit=100)),
            "incidents, type+country+month, 100": lambda: store.incidents(Filters(
                type="strike", country="UA", since=date(2024, 3, 1), until=date(2024, 3, 31), limit=100)),
            "incidents, actor filter, 100": lambda: store.incidents(Filters(actor="RU", limit=100)),
            "events, admin1+claimant, 100": lambda: store.events(Filters(admin1="Kursk Oblast", claimant="mayor",
                                                                         limit=100)),
            "one incident with its claims": lambda: (store.incident(some_incident), store.claims(some_incident)),
            "stats (type, week, country), computed": lambda: store.stats(),
        }
        for name, query in queries.items():
            median, p95 = timed(query)
            print(f"  {name:48} median {median:7.1f} ms   p95 {p95:7.1f} ms")
    bench_api(path, some_incident)


def bench_api(path: Path, incident_id: str) -> None:
    """The HTTP API over the same store, in-process (FastAPI's TestClient)."""
    from fastapi.testclient import TestClient

    from sitrep.serve import create_app

    with TestClient(create_app(str(path))) as client:
        month = {"since": "2024-03-01", "until": "2024-03-31"}
        requests = {
            # what the dashboard asks for as it opens and as a reader filters (static/app.js)
            "dashboard: GET /health": lambda: client.get("/health"),
            # kept by the server until the store changes: the first request after a write
            # costs what "stats …, computed" above does
            "dashboard: GET /stats (kept)": lambda: client.get("/stats"),
            "dashboard: GET /stats (country, month) (kept)": lambda: client.get("/stats", params={
                "country": "UA", **month}),
            "dashboard: GET /incidents?limit=1000": lambda: client.get("/incidents", params={"limit": 1000}),
            "dashboard: GET /incidents (country, month)": lambda: client.get("/incidents", params={
                "country": "UA", "limit": 1000, **month}),
            "dashboard: GET /ledger?limit=1000": lambda: client.get("/ledger", params={"limit": 1000}),
            "GET /incidents?limit=100": lambda: client.get("/incidents", params={"limit": 100}),
            "GET /incidents?type&country&since&until": lambda: client.get("/incidents", params={
                "type": "strike", "country": "UA", "since": "2024-03-01", "until": "2024-03-31"}),
            "GET /incidents/{id}": lambda: client.get(f"/incidents/{incident_id}"),
            "GET /ledger?limit=100": lambda: client.get("/ledger", params={"limit": 100}),
            "GET /ledger (one month)": lambda: client.get("/ledger", params={"since": "2024-03-01",
                                                                            "until": "2024-03-31"}),
        }
        for name, request in requests.items():
            median, p95 = timed(lambda: request().raise_for_status())
            print(f"  {name:48} median {median:7.1f} ms   p95 {p95:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--places", type=int, default=len(PLACES), help="places the generated events spread over")
    parser.add_argument("--days", type=int, default=365, help="days the generated events spread over")
    parser.add_argument("--db", type=Path, help="keep the generated store here, and time the queries on it "
                                                    "without building it again when it exists")
    parser.add_argument("--workers", type=int, default=1, help="extraction processes for the ingest run")
    parser.add_argument("--random-order", action="store_true",
                        help="store the generated reports in random order, not by publication day")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.reports:
            bench_ingest(args.reports, Path(tmp), args.workers)
        if args.events:
            bench_queries(args.events, args.db or Path(tmp) / "queries.duckdb", args.places, args.days,
                      not args.random_order)


if __name__ == "__main__":
    main()
