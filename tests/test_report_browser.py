"""The HTML report in a real browser (headless Debian Chromium over the DevTools protocol): it loads with no
console error and no network request, every part renders, and a clicked count lists exactly its passages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cdp import Browser, find_browser

PARTS = ("corpus", "terms", "entities", "topics", "targets")


def _non_blank(png: Path) -> float:
    """Standard deviation of the screenshot's grey levels (0 for a blank page)."""
    from PIL import Image, ImageStat

    with Image.open(png) as im:
        return float(ImageStat.Stat(im.convert("L")).stddev[0])


@pytest.fixture(scope="module")
def browser() -> Browser:
    binary = find_browser()
    if binary is None:
        pytest.skip("no chromium binary found (Debian: apt-get install chromium); .ci/run installs it")
    b = Browser(binary)
    yield b
    b.close()


def test_report_in_chromium(report_run: Path, browser: Browser, tmp_path: Path) -> None:
    shots = Path(os.environ.get("POLICYTEXT_SHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    browser.open((report_run / "report.html").resolve().as_uri())
    assert browser.wait_for("document.body && document.body.dataset.ready") == "1"
    for part in PARTS:
        browser.evaluate(f'document.querySelector("nav button[data-tab={part}]").click()')
        n = browser.evaluate(f'document.querySelectorAll("#part-{part} canvas, #part-{part} table").length')
        assert n >= 1, part
        assert not browser.evaluate(f'!!document.querySelector("#part-{part} .notice")'), part
        png = browser.screenshot(shots / f"report-{part}.png")
        assert _non_blank(png) > 10, png
    # terms: click the first count in the per-year table; the panel lists that many passages, each with the hit
    browser.evaluate('document.querySelector("nav button[data-tab=terms]").click()')
    count = int(browser.evaluate('document.querySelector("#term-table button.num").textContent').replace(",", ""))
    browser.evaluate('document.querySelector("#term-table button.num").click()')
    assert browser.evaluate('!document.getElementById("passages").hidden')
    rows = browser.evaluate('[...document.querySelectorAll("#p-table tbody tr")].map(r => r.children[2].textContent)')
    assert len(rows) == min(count, 500) and all(rows)
    browser.evaluate('const s = document.getElementById("p-search"); s.value = "\\u0000none";'
                     's.dispatchEvent(new Event("input"))')  # fmt: skip
    assert browser.evaluate('document.querySelectorAll("#p-table tbody tr").length') == 0
    browser.screenshot(shots / "report-passages.png")
    # topics: a cell's units; targets: a source sentence
    browser.evaluate('document.querySelector("nav button[data-tab=topics]").click()')
    browser.evaluate('document.querySelector("#topic-table button.num").click()')
    assert browser.evaluate('document.querySelectorAll("#p-table tbody tr").length') > 0
    # the language switch: Korean page text
    browser.evaluate('const l = document.getElementById("lang"); l.value = "ko"; l.dispatchEvent(new Event("change"))')
    assert browser.evaluate('document.querySelector("nav button[data-tab=terms]").textContent') == "용어와 개념"
    browser.screenshot(shots / "report-topics-ko.png")
    assert browser.console_errors() == []
    network = [u for u in browser.requests() if not u.startswith(("file:", "data:"))]
    assert network == []
