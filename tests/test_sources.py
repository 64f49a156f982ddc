"""Feeds, pages, URL lists, WARC files and the watch loop, against a web server on
127.0.0.1 that serves text written for these tests. Nothing leaves the machine."""
from __future__ import annotations

import gzip
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep import Extractor, InputError, Store, read_articles
from sitrep.ingest.feeds import parse_feed
from sitrep.ingest.languages import not_english
from sitrep.ingest.watch import Watcher, expand_sources, parse_every, watch
from sitrep.ingest.web import FetchError, Fetcher

sys.path.insert(0, str(Path(__file__).parent))
from sites import Route, Site, page, rss, serve  # noqa: E402

DJIBO = ("Fourteen soldiers killed near Djibo",
         "Militants attacked an army base near Djibo in northern Burkina Faso on Monday, killing 14 soldiers, "
         "the army said in a statement on Tuesday.",
         "The attackers arrived on motorbikes before dawn and set fire to vehicles, according to a local "
         "official who asked not to be named.")
DRONES = ("Drones downed overnight",
          "Ukraine's air force said Russia launched 83 drones at the country overnight, and air defences shot "
          "down 61 of them.",
          "Debris fell on a residential building in Kharkiv, injuring four people, the regional governor said.")
FASHER = ("Shelling of El Fasher market",
          "Sudan's Rapid Support Forces shelled the city of El Fasher on Thursday, killing at least 22 civilians, "
          "a local medical group said.",
          "The shelling hit a crowded market in the south of the city, the group said in a statement.")
FRENCH = ("Attaque repoussée près de Tombouctou",
          "L'armée malienne a affirmé mardi avoir repoussé une attaque contre un camp militaire près de "
          "Tombouctou, tuant une dizaine d'assaillants.",
          "Selon un communiqué publié à Bamako, deux soldats ont été blessés lors des combats qui ont duré "
          "plusieurs heures dans la nuit de lundi à mardi.")


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


@pytest.fixture()
def site():
    site = Site()
    server = serve(site)
    yield site
    server.shutdown()
    server.server_close()


def fetcher(**options) -> Fetcher:
    options = {"timeout": 0.5, "retries": 0, "backoff": 0.0, "per_host_interval": 0.0, **options}
    return Fetcher(**options)


def item(site: Site, path: str, title: str, date: str = "2025-03-04") -> dict:
    return {"link": site.url(path), "title": title, "date": date}


def articles_by_url(store: Store) -> dict[str, int]:
    rows = store.conn.execute("SELECT url, count(*) FROM articles GROUP BY url").fetchall()
    return dict(rows)


def outcomes(store: Store, source: str) -> dict[str, tuple[str, str]]:
    return {r["url"]: (r["status"], r["reason"]) for r in store.source_items(source).records()}


# --- watch --------------------------------------------------------------------------


def test_a_feed_that_changes_between_polls_gives_each_item_once(tmp_path, site, extractor):
    site.routes["/a"] = page(*DJIBO, published="2025-03-04")
    site.routes["/b"] = page(*DRONES, published="2025-03-05")
    site.routes["/feed"] = rss("Test Wire", [item(site, "/a", DJIBO[0]), item(site, "/b", DRONES[0])], etag='"v1"')
    source = site.url("/feed")
    with Store(tmp_path / "s.duckdb") as store, fetcher() as web:
        watcher = Watcher(store, extractor, web, share=False)
        first = watcher.poll(source)
        assert (first.listed, first.new, first.stored, first.error) == (2, 2, 2, None)

        second = watcher.poll(source)  # the server sees our ETag and says nothing changed
        assert second.not_modified
        assert site.hits("/feed")[-1].get("if-none-match") == '"v1"'

        site.routes["/c"] = page(*FASHER, published="2025-03-06")
        site.routes["/feed"] = rss("Test Wire", [item(site, "/c", FASHER[0]), item(site, "/a", DJIBO[0]),
                                                 item(site, "/b", DRONES[0])], etag='"v2"')
        third = watcher.poll(source)
        assert (third.listed, third.new, third.stored) == (3, 1, 1)
        assert len(site.hits("/a")) == 1  # an item settled once is never fetched again

        assert articles_by_url(store) == {site.url("/a"): 1, site.url("/b"): 1, site.url("/c"): 1}
        stored = {r[0]: r[1:] for r in store.conn.execute(
            "SELECT url, published_day, n_events FROM articles").fetchall()}
        assert str(stored[site.url("/c")][0]) == "2025-03-06"
        assert all(n_events >= 1 for _, n_events in stored.values())
        (row,) = store.sources().records()
        assert row["source"] == source and row["title"] == "Test Wire"
        assert row["last_error"] is None and row["polls"] == 3 and row["items_stored"] == 3


def test_each_item_failure_is_recorded_with_its_reason_and_the_rest_are_stored(tmp_path, site, extractor):
    site.routes["/good"] = page(*DJIBO)
    site.routes["/french"] = page(*FRENCH)
    site.routes["/loop"] = Route(status=302, location="/loop")
    site.routes["/huge"] = Route(stream_bytes=50 * 1024 * 1024)
    site.routes["/slow"] = Route(page(*FASHER).body, delay=2.0)
    links = ["/good", "/missing", "/french", "/loop", "/huge", "/slow"]
    site.routes["/feed"] = rss("Test Wire", [item(site, path, f"story {path}") for path in links], etag='"v1"')
    source = site.url("/feed")
    with Store(tmp_path / "s.duckdb") as store, fetcher(max_bytes=5 * 1024 * 1024) as web:
        watcher = Watcher(store, extractor, web, share=False)
        report = watcher.poll(source)
        assert (report.stored, report.skipped, report.failed, report.retry) == (1, 1, 3, 1)
        seen = outcomes(store, source)
        assert seen[site.url("/good")][0] == "stored"
        assert seen[site.url("/missing")] == ("failed", "HTTP 404 Not Found")
        assert seen[site.url("/french")][0] == "skipped" and "not English" in seen[site.url("/french")][1]
        assert "language identified: fr" in seen[site.url("/french")][1]
        assert "redirect loop" in seen[site.url("/loop")][1]
        assert "over the 5 MB limit" in seen[site.url("/huge")][1]
        assert seen[site.url("/slow")] == ("retry", "timed out after 0.5 s")

        # an item to retry keeps the cursor back: the next poll asks for the whole feed
        site.routes["/slow"].delay = 0
        again = watcher.poll(source)
        assert "if-none-match" not in site.hits("/feed")[-1]
        assert (again.new, again.stored) == (1, 1)
        assert len(site.hits("/missing")) == 1 and len(site.hits("/french")) == 1
        assert outcomes(store, source)[site.url("/slow")][0] == "stored"
        assert watcher.poll(source).not_modified  # now settled, the cursor moved


def test_an_item_that_keeps_failing_for_a_moment_is_given_up_after_three_tries(tmp_path, site, extractor):
    site.routes["/slow"] = Route(page(*FASHER).body, delay=2.0)
    site.routes["/feed"] = rss("Test Wire", [item(site, "/slow", "slow")])
    source = site.url("/feed")
    with Store(tmp_path / "s.duckdb") as store, fetcher() as web:
        watcher = Watcher(store, extractor, web, share=False)
        news = [watcher.poll(source).new for _ in range(4)]
        assert news == [1, 1, 1, 0]
        (row,) = store.source_items(source).records()
        assert (row["status"], row["attempts"]) == ("retry", 3)


def test_a_source_that_fails_is_recorded_and_the_others_still_polled(tmp_path, site, extractor):
    site.routes["/a"] = page(*DJIBO)
    site.routes["/good-feed"] = rss("Good", [item(site, "/a", DJIBO[0])])
    site.routes["/slow-feed"] = Route(rss("Slow", []).body, delay=2.0)
    site.routes["/broken-feed"] = Route(b"<rss><channel><item><title>cut off", content_type="application/rss+xml")
    site.routes["/not-a-feed"] = page(*DRONES)
    site.routes["/loop-feed"] = Route(status=301, location="/loop-feed")
    sources = [site.url(p) for p in ("/slow-feed", "/missing-feed", "/broken-feed", "/not-a-feed", "/loop-feed",
                                     "/good-feed")]
    with Store(tmp_path / "s.duckdb") as store, fetcher() as web:
        watcher = Watcher(store, extractor, web, share=False)
        assert watch(watcher, sources, once=True) == 1
        errors = {r["source"]: r["last_error"] for r in store.sources().records()}
        assert errors[site.url("/slow-feed")] == "timed out after 0.5 s"
        assert errors[site.url("/missing-feed")] == "HTTP 404 Not Found"
        assert errors[site.url("/broken-feed")].startswith("malformed feed, no item could be read")
        assert errors[site.url("/not-a-feed")].startswith("not an RSS or Atom feed")
        assert "redirect loop" in errors[site.url("/loop-feed")]
        assert errors[site.url("/good-feed")] is None
        assert articles_by_url(store) == {site.url("/a"): 1}

        site.routes["/slow-feed"].delay = 0  # recovered: the error clears at the next poll
        watcher.poll(site.url("/slow-feed"))
        errors = {r["source"]: r["last_error"] for r in store.sources().records()}
        assert errors[site.url("/slow-feed")] is None


def test_a_crash_after_a_commit_stores_nothing_twice_on_the_next_run(tmp_path, site, extractor):
    """The watcher dies after the articles commit and before their outcomes do."""
    for n in range(4):
        site.routes[f"/p{n}"] = page(f"Report {n}", *DJIBO[1:])
    site.routes["/feed"] = rss("Test Wire", [item(site, f"/p{n}", f"Report {n}") for n in range(4)], etag='"v1"')
    source = site.url("/feed")

    class CrashAfterIngest(Store):
        def ingest(self, *args, **kwargs):
            super().ingest(*args, **kwargs)
            raise KeyboardInterrupt  # as a kill would, after the commit

    with CrashAfterIngest(tmp_path / "s.duckdb") as store, fetcher() as web:
        with pytest.raises(KeyboardInterrupt):
            Watcher(store, extractor, web, share=False).poll(source)
    with Store(tmp_path / "s.duckdb") as store, fetcher() as web:
        assert len(store.source_items(source)) == 0  # no outcome was committed
        report = Watcher(store, extractor, web, share=False).poll(source)
        assert (report.new, report.stored) == (4, 4)
        assert set(articles_by_url(store).values()) == {1} and len(articles_by_url(store)) == 4
        assert len(site.hits("/p0")) == 1  # stored before the crash: not even fetched again


def test_watch_killed_at_any_moment_neither_loses_nor_duplicates(tmp_path, site):
    """A real `kill -9` of `sitrep watch`, wherever it is, then a restart."""
    n_items = 6
    for n in range(n_items):
        site.routes[f"/p{n}"] = Route(page(f"Report {n}", *DRONES[1:]).body, delay=0.3)
    site.routes["/feed"] = rss("Test Wire", [item(site, f"/p{n}", f"Report {n}") for n in range(n_items)])
    db = tmp_path / "s.duckdb"
    command = [sys.executable, "-m", "sitrep.cli", "watch", site.url("/feed"), "--once", "--db", str(db),
               "--host-interval", "0", "--batch", "2"]
    first = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len([p for p, _ in site.requests if p.startswith("/p")]) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait()
    done = subprocess.run(command, stderr=subprocess.PIPE, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with Store(db, read_only=True) as store:
        assert articles_by_url(store) == {site.url(f"/p{n}"): 1 for n in range(n_items)}
        statuses = [r["status"] for r in store.source_items(site.url("/feed")).records()]
        assert statuses == ["stored"] * n_items


def test_robots_txt_is_obeyed(tmp_path, site, extractor):
    site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.routes["/private/a"] = page(*DJIBO)
    site.routes["/b"] = page(*DRONES)
    site.routes["/feed"] = rss("Test Wire", [item(site, "/private/a", "a"), item(site, "/b", "b")])
    with Store(tmp_path / "s.duckdb") as store, fetcher() as web:
        report = Watcher(store, extractor, web, share=False).poll(site.url("/feed"))
        assert (report.stored, report.failed) == (1, 1)
        assert outcomes(store, site.url("/feed"))[site.url("/private/a")] == \
            ("failed", "robots.txt disallows fetching it")
        assert not site.hits("/private/a")


def test_the_watch_command_reports_each_poll(tmp_path, site, capsys):
    from sitrep.cli import main

    site.routes["/a"] = page(*DJIBO)
    site.routes["/feed"] = rss("Test Wire", [item(site, "/a", DJIBO[0]), item(site, "/gone", "gone")])
    listing = tmp_path / "feeds.urls"
    listing.write_text(f"# my feeds\n{site.url('/feed')}\n{site.url('/missing-feed')}\n")
    db = tmp_path / "s.duckdb"
    assert main(["watch", str(listing), "--once", "--db", str(db), "--host-interval", "0", "--timeout", "2"]) == 1
    err = capsys.readouterr().err
    assert f"{site.url('/feed')}: 2 items, 2 new: 1 stored, 0 skipped, 1 failed" in err
    assert f"skipped {site.url('/gone')}: HTTP 404 Not Found" in err
    assert f"{site.url('/missing-feed')}: failed: HTTP 404 Not Found" in err
    assert main(["sources", "--db", str(db), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert site.url("/missing-feed") in out and "HTTP 404 Not Found" in out


# --- reading feeds, pages, URL lists and WARC files ----------------------------------


def test_a_feed_file_that_carries_its_stories_is_read_without_the_network(tmp_path):
    story = " ".join(DJIBO[1:]) + " " + " ".join(FASHER[1:])
    feed = rss("Test Wire", [{"link": "http://example.invalid/djibo", "title": DJIBO[0], "date": "2025-03-04",
                              "content": f"<p>{story}</p>"}])
    path = tmp_path / "wire.rss"
    path.write_bytes(feed.body)
    (article,) = list(read_articles([str(path)]))
    assert article.url == "http://example.invalid/djibo" and article.outlet == "Test Wire"
    assert article.published == "2025-03-04T00:00:00Z"
    assert article.text.startswith(DJIBO[0] + "\n" + DJIBO[1])


def test_an_atom_feed_is_read_too(tmp_path):
    story = " ".join(FASHER[1:]) * 2
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:desk</id><updated>2025-03-06T12:00:00Z</updated>
<entry><title>{FASHER[0]}</title><id>urn:desk:1</id><link href="http://example.invalid/fasher"/>
<updated>2025-03-06T12:00:00Z</updated><content type="html">&lt;p&gt;{story}&lt;/p&gt;</content></entry></feed>"""
    path = tmp_path / "desk.atom"
    path.write_text(atom)
    (article,) = list(read_articles([str(path)]))
    assert (article.outlet, article.published, article.url) == ("Atom Desk", "2025-03-06T12:00:00Z",
                                                                 "http://example.invalid/fasher")


def test_a_malformed_feed_file_is_an_error_naming_it(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("this is not a feed at all")
    (error,) = list(read_articles([str(path)]))
    assert isinstance(error, InputError) and error.source == str(path)
    assert error.reason.startswith("not an RSS or Atom feed")


def test_urls_pages_and_feeds_by_url_each_stored_once(tmp_path, site, extractor):
    site.routes["/a"] = page(*DJIBO, published="2025-03-04")
    site.routes["/b"] = page(*DRONES)
    site.routes["/feed"] = rss("Test Wire", [item(site, "/a", DJIBO[0]), item(site, "/b", DRONES[0])])
    listing = tmp_path / "reading.urls"
    listing.write_text(f"{site.url('/a')}\n\n# the same page again, by the feed\n{site.url('/feed')}\n"
                       f"{site.url('/nowhere')}\n")
    with fetcher() as web:
        items = list(read_articles([str(listing), site.url("/b")], fetcher=web))
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.reason for e in errors] == ["HTTP 404 Not Found"]
    articles = [i for i in items if not isinstance(i, InputError)]
    assert [a.url for a in articles] == [site.url("/a"), site.url("/a"), site.url("/b"), site.url("/b")]
    assert articles[0].published == "2025-03-04" and articles[0].title == DJIBO[0]
    with Store(tmp_path / "s.duckdb") as store:
        summary = store.ingest(items, extractor)
        assert (summary.articles, summary.skipped, len(summary.failures)) == (2, 2, 1)


def _warc_record(kind: str, url: str, block: bytes, content_type: str, n: int) -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012d}>\r\n"
            f"WARC-Date: 2025-03-07T06:00:00Z\r\n" + (f"WARC-Target-URI: {url}\r\n" if url else "") +
            f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def _warc(path: Path, pages: list[tuple[str, bytes, str]], compress: bool) -> None:
    """A crawl file as CC-NEWS lays one out: warcinfo, then a request and a response a page.
    Compressed, every record is its own gzip member, as crawlers write them."""
    records = [_warc_record("warcinfo", "", b"software: sitrep tests\r\n", "application/warc-fields", 0)]
    for n, (url, body, content_type) in enumerate(pages, 1):
        request = f"GET {url} HTTP/1.1\r\nHost: wire.example\r\n\r\n".encode()
        response = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n".encode() + body
        records.append(_warc_record("request", url, request, "application/http; msgtype=request", 2 * n))
        records.append(_warc_record("response", url, response, "application/http; msgtype=response", 2 * n + 1))
    path.write_bytes(b"".join(gzip.compress(r) for r in records) if compress else b"".join(records))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_warc_of_news_pages_reads_as_articles(tmp_path, name, extractor):
    path = tmp_path / name
    _warc(path, [("https://wire.example/djibo", page(*DJIBO, published="2025-03-04").body, "text/html"),
                 ("https://wire.example/drones", page(*DRONES).body, "text/html; charset=utf-8"),
                 ("https://wire.example/logo.png", b"\x89PNG\r\n", "image/png"),
                 ("https://wire.example/tombouctou", page(*FRENCH).body, "text/html")],
          compress=name.endswith(".gz"))
    items = list(read_articles([str(tmp_path)]))
    articles = [i for i in items if not isinstance(i, InputError)]
    assert [(a.url, a.published) for a in articles] == [
        ("https://wire.example/djibo", "2025-03-04"),
        ("https://wire.example/drones", "2025-03-07T06:00:00Z")]  # no date on the page: the crawl's
    (error,) = [i for i in items if isinstance(i, InputError)]
    assert "wire.example/tombouctou" in error.source and error.reason.startswith("not English")
    with Store(tmp_path / "s.duckdb") as store:
        summary = store.ingest(items, extractor)
        assert (summary.articles, summary.not_english, len(summary.failures)) == (2, 1, 0)
        assert [r["reason"][:11] for r in store.failures().records()] == ["not English"]
        assert summary.events >= 2


def test_a_truncated_warc_keeps_what_came_before_the_cut(tmp_path):
    path = tmp_path / "cut.warc.gz"
    _warc(path, [("https://wire.example/djibo", page(*DJIBO).body, "text/html"),
                 ("https://wire.example/drones", page(*DRONES).body, "text/html")], compress=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    items = list(read_articles([str(path)]))
    assert not isinstance(items[0], InputError) and items[0].url == "https://wire.example/djibo"
    assert isinstance(items[-1], InputError) and items[-1].source.startswith(str(path))


# --- parts --------------------------------------------------------------------------


def test_language_identification_skips_only_confident_calls_on_enough_text():
    assert not_english(" ".join(FRENCH[1:])).startswith("not English (language identified: fr")
    assert not_english(" ".join(DJIBO[1:])) is None
    assert not_english("Hezbollah captured Djibo on Monday.") is None  # too short to judge


def test_fetcher_retries_transient_errors_with_backoff(site):
    site.routes["/flaky"] = Route(b"busy", status=503)
    waits: list[float] = []
    with Fetcher(retries=2, backoff=0.5, per_host_interval=0.0, sleep=waits.append) as web:
        with pytest.raises(FetchError) as failed:
            web.get(site.url("/flaky"))
    assert failed.value.transient and failed.value.reason == "HTTP 503 Service Unavailable"
    assert waits == [0.5, 1.0] and len(site.hits("/flaky")) == 3


def test_fetcher_waits_between_requests_to_one_host(site):
    site.routes["/a"] = Route(b"a")
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    with Fetcher(per_host_interval=2.0, sleep=sleep, clock=lambda: now[0], obey_robots=False) as web:
        web.get(site.url("/a"))
        now[0] += 0.5
        web.get(site.url("/a"))
    assert waits == [1.5]


def test_durations_and_source_lists(tmp_path):
    assert [parse_every(v) for v in ("90", "30s", "15m", "2h", "1d")] == [90, 30, 900, 7200, 86400]
    with pytest.raises(ValueError):
        parse_every("soon")
    listing = tmp_path / "feeds.urls"
    listing.write_text("# world desks\nhttps://a.example/rss\n\nhttps://b.example/atom\nhttps://a.example/rss\n")
    assert expand_sources([str(listing), "local.rss"]) == ["https://a.example/rss", "https://b.example/atom",
                                                           "local.rss"]


def test_feed_items_without_link_or_guid_are_left_out():
    feed = parse_feed(b'<rss version="2.0"><channel><title>T</title><item><title>no link</title></item>'
                      b"<item><title>linked</title><link>http://example.invalid/x</link></item></channel></rss>",
                      "t.rss")
    assert [i.url for i in feed.items] == ["http://example.invalid/x"]
