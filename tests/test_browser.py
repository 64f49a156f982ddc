"""The dashboard in a real browser: Playwright driving Debian's chromium (headless, no
sandbox), against the API serving a store built from the written cluster reports.
Screenshots go to docs/screenshots/. `make test` installs chromium where it is missing."""
import socket
import threading
import time
from pathlib import Path

import pytest

import sitrep
from sitrep.store import Store
from sitrep.store.sources import ItemOutcome

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
CLUSTERS = Path(__file__).parent / "data" / "clusters.jsonl"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test installs it)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from sitrep.serve import create_app

    path = tmp_path_factory.mktemp("browser") / "store.duckdb"
    with Store(path) as store:
        extractor = sitrep.Extractor()
        store.ingest(sitrep.read_articles([str(CLUSTERS)]), extractor)
        store.ingest([sitrep.Article(id="xss", title="<script>document.title='owned'</script>Drones over Kursk",
                                     text="Russian air defences destroyed 9 drones over the Kursk region overnight, "
                                          "the ministry said. <img src=x onerror=alert(1)>", published="2025-03-14")],
                     extractor)
        store.record_poll("https://wire.example/world.rss", title="Wire: World",
                          outcomes=[ItemOutcome("https://wire.example/a", "https://wire.example/a", "stored")])
        store.record_poll("https://down.example/feed", error="timed out after 20 s")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(str(path)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.console_errors = []
        page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
        page.on("dialog", lambda d: page.console_errors.append(f"dialog: {d.message}"))
        yield page
        browser.close()


def test_the_map_shows_markers(server, page):
    from playwright.sync_api import expect

    page.goto(server + "/")
    markers = page.locator("#map .leaflet-marker-icon")  # incidents and clusters of them
    expect(markers.first).to_be_visible()
    assert markers.count() >= 3
    assert page.locator("#map path").count() > 100  # the country outlines layer
    clusters = page.locator("#map .marker-cluster")
    if clusters.count():  # a cluster opens into its incidents
        before = markers.count()
        clusters.first.click()
        page.wait_for_timeout(600)
        assert markers.count() >= before
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)


def test_a_filter_changes_the_table(server, page):
    from playwright.sync_api import expect

    page.goto(server + "/")
    rows = page.locator("#incidents tbody tr")
    expect(rows.first).to_be_visible()
    before = rows.count()
    page.select_option("select[name=type]", "territory")
    page.click("#filters button")
    expect(rows).to_have_count(1)
    assert before > 1 and "Toretsk" in rows.first.text_content()


def test_an_incident_page_highlights_the_evidence(server, page):
    from playwright.sync_api import expect

    page.goto(server + "/")
    page.select_option("select[name=type]", "territory")
    page.click("#filters button")
    page.locator("#incidents tbody tr", has_text="Toretsk").click()
    marks = page.locator("#sources mark")
    expect(marks.first).to_be_visible()
    assert "Toretsk" in " ".join(marks.all_text_contents())
    assert page.locator("#claims tbody tr").count() >= 3
    page.screenshot(path=str(SCREENSHOTS / "incident.png"), full_page=True)


def test_article_text_is_shown_as_text(server, page):
    from playwright.sync_api import expect

    page.goto(server + "/")
    page.fill("input[name=text]", "destroyed 9 drones")
    page.click("#filters button")
    expect(page.locator("#incidents tbody tr")).to_have_count(1)
    page.locator("#incidents tbody tr").first.click()
    source = page.locator("#sources article").first
    expect(source).to_be_visible()
    assert "<script>" in source.locator("h3").text_content()       # the title, shown literally
    assert "<img src=x onerror=alert(1)>" in source.text_content()  # the text, shown literally
    assert page.title() == "sitrep" and not [e for e in page.console_errors if "dialog" in e]


def test_at_a_phones_width_nothing_is_wider_than_the_screen(server, page):
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 390, "height": 844})
    try:
        page.goto(server + "/")
        expect(page.locator("#map .leaflet-marker-icon").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.locator("#map").bounding_box()["width"] >= 340
        page.locator("#incidents tbody tr").first.click()
        expect(page.locator("#claims tbody tr").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        why = page.locator("#claims td.why").first.bounding_box()
        assert why["width"] >= 200  # a sentence a line, not a word a line
        page.screenshot(path=str(SCREENSHOTS / "phone-incident.png"), full_page=True)
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_charts_choose_a_range_outlines_do_not_band_and_the_legend_counts(server, page):
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(server + "/")
    expect(page.locator("#map .leaflet-marker-icon").first).to_be_visible()
    legend = page.locator("#legend li").all_text_contents()
    assert any(t.startswith("strike ") and int(t.split()[1]) > 0 for t in legend)
    assert page.locator("#timeline .uplot canvas").count() and page.locator("#ledger .uplot canvas").count()
    # a ring over the 180th meridian continues past it instead of jumping back
    assert page.evaluate("unwrapRing([[179, 65], [-179, 66], [-178, 64], [179, 63]])") == [
        [179, 65], [181, 66], [182, 64], [179, 63]]
    rows = page.locator("#incidents tbody tr")
    before = rows.count()
    over = page.locator("#timeline .u-over").bounding_box()
    page.mouse.move(over["x"] + over["width"] * 0.55, over["y"] + over["height"] / 2)
    page.mouse.down()
    page.mouse.move(over["x"] + over["width"] * 0.98, over["y"] + over["height"] / 2, steps=5)
    page.mouse.up()
    expect(page.locator("input[name=since]")).not_to_have_value("")
    page.wait_for_timeout(500)
    assert 0 < rows.count() < before
    page.fill("input[name=since]", "")
    page.fill("input[name=until]", "")
    page.fill("input[name=claimant]", "Sobyanin")
    page.click("#filters button")
    expect(rows).to_have_count(1)
    assert "Moscow" in rows.first.text_content()
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_sources_page_lists_each_feed_with_its_last_error(server, page):
    page.goto(server + "/")
    page.click("header a.nav")
    page.wait_for_selector("#source-list tbody tr td")
    rows = page.locator("#source-list tbody tr")
    assert rows.count() == 2
    failing = page.locator("#source-list tbody tr.failing")
    assert failing.count() == 1 and "timed out after 20 s" in failing.inner_text()
    assert "Wire: World" in page.locator("#source-list").inner_text()
    assert page.is_hidden("#overview")
    page.screenshot(path=str(SCREENSHOTS / "sources.png"), full_page=True)
    assert not page.console_errors
