"""The web edition in a real browser: headless Chromium (Debian's `chromium`) driven by
Playwright for Python. A note marker jumps to its note and back, a name reaches its index entry,
the page reads on a phone without sideways scrolling, and screenshots are kept for review.

Playwright's own browser download cannot be reached here: the test launches /usr/bin/chromium
(or $CHROMIUM) and skips, saying so, when it or Playwright is missing (./setup.sh installs both).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import TEI
from pipeline.building.builder import Settings, build
from pipeline.formats import FORMATS
from pipeline.sources import collect

LETTER = "frus1958-60v18-d11.html"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def chromium() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.skip("Chromium is not installed: run ./setup.sh (apt-get install chromium)")
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    results = build(collect([TEI]), Settings(formats=(FORMATS["html"],), out_dir=out, jobs=1))
    assert not [r.failure for r in results if r.failure]
    return out / "html"


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def in_view(page, selector: str) -> bool:
    return page.eval_on_selector(selector, """e => { const r = e.getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight; }""")


def test_note_marker_jumps_to_its_note_and_back(browser, site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((site / LETTER).as_uri())
    marker = page.locator("a[role='doc-noteref']").nth(2)
    note_id = marker.get_attribute("href")[1:]
    marker_id = marker.get_attribute("id")
    marker.click()
    assert page.evaluate("location.hash") == f"#{note_id}"
    assert in_view(page, f"[id='{note_id}']")
    assert not in_view(page, f"[id='{marker_id}']")
    page.locator(f"[id='{note_id}'] a[role='doc-backlink']").click()
    assert page.evaluate("location.hash") == f"#{marker_id}"
    assert in_view(page, f"[id='{marker_id}']")
    page.close()


def test_a_name_reaches_its_entry_in_the_index(browser, site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((site / LETTER).as_uri())
    name = page.locator("a.name-person[href='persons.html#kishi-nobusuke']").first
    assert "Prime Minister of Japan" in name.get_attribute("title")
    name.click()
    page.wait_for_load_state()
    assert page.url.endswith("persons.html#kishi-nobusuke")
    assert in_view(page, "[id='kishi-nobusuke']")
    assert page.locator("[id='kishi-nobusuke'] .entry-name").inner_text() == "Kishi, Nobusuke"
    # and back from the index to the place the person is named
    page.locator(f"[id='kishi-nobusuke'] a[href^='{LETTER}#']").first.click()
    page.wait_for_load_state()
    target = page.evaluate("location.hash")[1:]
    assert page.locator(f"[id='{target}']").inner_text() == "Kishi"
    assert in_view(page, f"[id='{target}']")
    page.close()


@pytest.mark.parametrize("width, name", [(1280, "desktop"), (390, "phone")])
def test_page_reads_on_desktop_and_phone(browser, site, tmp_path, width, name):
    page = browser.new_page(viewport={"width": width, "height": 1000})
    page.goto((site / LETTER).as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    text = page.locator("main p").nth(1).bounding_box()
    reference = page.locator(".pb").nth(1).bounding_box()
    if name == "desktop":  # page references stand in the margin, right of the text column
        assert reference["x"] >= text["x"] + text["width"]
        assert 30 * 16 <= text["width"] <= 45 * 18  # a reading measure, not the window's width
    else:  # on a phone they stay in the line, inside the column
        assert text["x"] + text["width"] <= width and reference["x"] + reference["width"] <= width
    shot = tmp_path / f"{name}.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    page.close()
