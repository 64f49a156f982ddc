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
    expect(page.locator("#markers circle").first).to_be_visible()
    assert page.locator("#markers circle").count() >= 3
    assert page.locator("#countries path").count() > 100
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
        expect(page.locator("#markers circle").first).to_be_visible()
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


def test_charts_have_axes_outlines_do_not_band_and_the_legend_counts(server, page):
    from playwright.sync_api import expect

    page.goto(server + "/")
    expect(page.locator("#markers circle").first).to_be_visible()
    labels = page.locator("#timeline text.axis").all_text_contents()
    assert any(len(t) == 10 and t[4] == "-" for t in labels) and "0" in labels
    assert page.locator("#ledger text.axis").count() >= 3
    # no pen stroke across more than half the world (a ring over the 180th meridian)
    longest = page.evaluate("""() => Math.max(...[...document.querySelectorAll('#countries path')].map(p => {
        let widest = 0, last = null;
        for (const [, cmd, x] of p.getAttribute('d').matchAll(/([ML])(-?[\\d.]+),/g)) {
          if (cmd === 'L' && last !== null) widest = Math.max(widest, Math.abs(+x - last));
          last = +x;
        }
        return widest;
      }))""")
    assert 0 < longest < 180
    legend = page.locator("#legend li").all_text_contents()
    assert any(t.startswith("strike ") and int(t.split()[1]) > 0 for t in legend)
