"""The review and overview pages in a real browser: Debian's chromium driven by Playwright.

Skipped as a whole (and only these tests) when /usr/bin/chromium or Playwright is missing:
run scripts/install-browser.sh as root to install the browser and the CJK fonts.
Set POLICYPARSE_UPDATE_SCREENSHOT=1 to refresh docs/review-000.png from sample 000.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Overridable so a run can point at another build (or prove the skip works with a bad path).
CHROMIUM = Path(os.environ.get("POLICYPARSE_CHROMIUM", "/usr/bin/chromium"))
if not CHROMIUM.exists():
    pytest.skip(f"browser tests skipped: {CHROMIUM} is missing "
                "(run scripts/install-browser.sh as root to install Debian's chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="browser tests skipped: Playwright's Python package is not installed")

from policyparse.lexicon.review import RECORD_KIND  # noqa: E402
from policyparse.models import Notice  # noqa: E402
from policyparse.overview import overview_html, read_corpus  # noqa: E402
from policyparse.pipeline import parse_file  # noqa: E402
from policyparse.review import review_html  # noqa: E402
from tests.unit.test_review import expected_counts, rich_notice  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
SCREENSHOT = ROOT / "docs" / "review-000.png"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

COUNT_JS = """() => {
  const counts = {};
  for (const e of document.querySelectorAll('#text span[data-kind][id]')) {
    counts[e.dataset.kind] = (counts[e.dataset.kind] || 0) + 1;
  }
  return counts;
}"""

IN_VIEW_JS = """(id) => {
  const e = document.getElementById(id);
  if (!e) return false;
  // Visible means inside the part of the text pane (it scrolls on its own) that is on screen.
  const r = e.getBoundingClientRect();
  const box = (e.closest('#text') || document.documentElement).getBoundingClientRect();
  const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, window.innerHeight);
  return r.bottom > top && r.top < bottom && r.right > 0 && r.left < window.innerWidth;
}"""


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=ARGS,
            viewport={"width": 1400, "height": 900},
        )
        yield ctx
        ctx.close()


class Opened:
    """A page opened from a file, with every request it made recorded."""

    def __init__(self, context: Any, path: Path) -> None:
        self.requests: list[str] = []
        self.page = context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        self.url = path.as_uri()

    def external_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(self.url)]


@pytest.fixture
def open_page(context: Any, tmp_path: Path) -> Iterator[Any]:
    opened: list[Opened] = []

    def open_(html: str, name: str = "page.html") -> Opened:
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        o = Opened(context, path)
        opened.append(o)
        return o

    yield open_
    for o in opened:
        o.page.close()


def assert_highlights(o: Opened, notice: Notice) -> None:
    counts = o.page.evaluate(COUNT_JS)
    assert {k: counts.get(k, 0) for k in RECORD_KIND.values()} == expected_counts(notice)
    assert o.page.evaluate("() => document.getElementById('text').textContent") == notice.text
    assert o.external_requests() == []


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_sample_review_page_shows_every_record(open_page: Any, path: Path) -> None:
    notice = parse_file(path)
    o = open_page(review_html(notice))
    assert_highlights(o, notice)


def test_rich_review_page_links_land_on_their_items(open_page: Any, tmp_path: Path) -> None:
    notice = rich_notice()
    o = open_page(review_html(notice))
    assert_highlights(o, notice)
    page = o.page
    outline = page.locator("#outline a")
    n = outline.count()
    assert n == len(list(notice.iter_sections()))
    last = outline.nth(n - 1).get_attribute("href")
    assert not page.evaluate(IN_VIEW_JS, last[1:]), "the last heading should start out of view"
    for i in sorted({0, n // 2, n - 1}):
        link = outline.nth(i)
        href = link.get_attribute("href")
        link.click()
        page.wait_for_function("(h) => location.hash === h", arg=href)
        target = href[1:]
        assert page.evaluate("(id) => document.getElementById(id).dataset.kind", target) == "section"
        page.wait_for_function(IN_VIEW_JS, arg=target)
    for table in ("targets", "assignments", "references"):
        link = page.locator(f"aside table.{table} a").last
        href = link.get_attribute("href")
        link.click()
        page.wait_for_function("(h) => location.hash === h", arg=href)
        page.wait_for_function(IN_VIEW_JS, arg=href[1:])
    # The hover note of a target names its value and deadline.
    note = page.get_attribute("#target-0", "title")
    assert note is not None and "30" in note and "2019" in note
    shot = tmp_path / "rich.png"
    page.screenshot(path=str(shot), full_page=False)
    assert_png(shot, 1400, 900)


def test_text_asks_for_cjk_system_fonts(open_page: Any) -> None:
    o = open_page(review_html(rich_notice()))
    family = o.page.evaluate("() => getComputedStyle(document.getElementById('text')).fontFamily")
    assert family.startswith('"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei"')
    assert family.endswith("sans-serif")
    assert o.page.evaluate("() => document.getElementById('text').lang") == "zh-CN"


def test_overview_page(open_page: Any, tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus" / "json"
    corpus_dir.mkdir(parents=True)
    notice = rich_notice()
    (corpus_dir / "a.json").write_text(notice.model_dump_json(), encoding="utf-8")
    o = open_page(overview_html(read_corpus(tmp_path / "corpus")), "overview.html")
    page = o.page
    assert o.external_requests() == []
    assert page.locator("svg.chart").count() == 5
    bars = page.locator("#units svg rect.bar").count()
    assert bars == min(20, len({a.full for a in notice.assignments}))
    box = page.locator("#units svg").bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 20
    shot = tmp_path / "overview.png"
    page.screenshot(path=str(shot), full_page=True)
    assert_png(shot, 1400, None)


def test_screenshot_of_sample_000(open_page: Any, tmp_path: Path) -> None:
    sample = ROOT / "samples" / "000_71d538c51c316347.txt"
    notice = parse_file(sample)
    o = open_page(review_html(notice))
    o.page.evaluate("() => document.fonts.ready")
    # Show the first target and the clauses after it, with the header and legend still in view.
    o.page.evaluate("""() => {
      const t = document.getElementById('target-0'), x = document.getElementById('text');
      if (t) { x.scrollTop += t.getBoundingClientRect().top - x.getBoundingClientRect().top - 80; }
    }""")
    if notice.targets:
        o.page.wait_for_function(IN_VIEW_JS, arg="target-0")
    update = os.environ.get("POLICYPARSE_UPDATE_SCREENSHOT") == "1"
    shot = SCREENSHOT if update else tmp_path / "review-000.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    o.page.screenshot(path=str(shot), full_page=False)
    assert_png(shot, 1400, 900)


def assert_png(path: Path, width: int, height: int | None) -> None:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    w, h = struct.unpack(">II", data[16:24])
    assert w == width
    if height is not None:
        assert h == height
