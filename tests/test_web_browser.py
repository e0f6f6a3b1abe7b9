"""The web edition in a real browser (headless Chromium, one for the session), on a desktop and on a phone:
nothing goes wrong in the console, the page never scrolls sideways, every contents link lands on its heading,
and axe-core finds no serious or critical accessibility problem, in the light and the dark scheme."""

from __future__ import annotations

import pytest

from .conftest import axe_script, needs_browser, serving

pytestmark = needs_browser()

WIDTHS = (1280, 375)
SHOWN = ("2021", "2019", "qinghe", "official")


# every edition at both widths; 2021 in the dark scheme too (on a phone, where most read it)
CASES = [(name, width, "light") for name in SHOWN for width in WIDTHS] + [("2021", 375, "dark")]
# axe takes seconds a page: each edition once, 2021 in both schemes and at both widths
CHECKED = [("2021", 1280, "light"), ("2021", 375, "dark"), ("2019", 375, "light"), ("qinghe", 375, "light"),
           ("official", 1280, "light")]


@pytest.fixture(scope="module")
def pages(browser, editions):
    """Each case's page, opened once: (page, console errors and warnings, requests made)."""
    opened = {}
    contexts = []
    for name, width, scheme in CASES:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        requests: list[str] = []
        page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type in ("error", "warning")
                else None)
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.on("request", lambda r, requests=requests: requests.append(r.url))
        page.goto(editions[name].index.as_uri(), wait_until="load")
        opened[(name, width, scheme)] = (page, errors, requests)
    yield opened
    for context in contexts:
        context.close()


@pytest.mark.parametrize("name, width, scheme", CASES)
def test_the_page_loads_without_console_errors_and_fetches_only_its_own_files(pages, editions, name, width, scheme):
    page, errors, requests = pages[(name, width, scheme)]
    assert errors == []
    folder = editions[name].folder.as_uri()
    assert requests and all(url.startswith(folder) for url in requests), requests


@pytest.mark.parametrize("name, width, scheme", CASES)
def test_the_page_never_scrolls_sideways(pages, name, width, scheme):
    page, _errors, _requests = pages[(name, width, scheme)]
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= width
    # a table wider than the screen scrolls in its own box, which a keyboard can reach
    boxes = page.evaluate("""[...document.querySelectorAll('.table-box')].map(box => ({
        scrolls: box.scrollWidth > box.clientWidth, focusable: box.tabIndex >= 0,
        overflow: getComputedStyle(box).overflowX}))""")
    assert boxes and all(box["focusable"] and box["overflow"] == "auto" for box in boxes)
    if width == 375 and name == "2021":
        assert any(box["scrolls"] for box in boxes), "the media table is wider than a phone"


@pytest.mark.parametrize("name, width", [(n, w) for n in SHOWN for w in WIDTHS])
def test_every_contents_link_lands_on_its_heading(pages, name, width):
    page, _errors, _requests = pages[(name, width, "light")]
    links = page.locator("nav.contents a")
    assert links.count() > 0
    for k in range(links.count()):
        link = links.nth(k)
        target = link.get_attribute("href")
        text = link.inner_text()
        link.click()
        landed = page.evaluate("""target => {
            const h = document.getElementById(target.slice(1));
            const box = h.getBoundingClientRect();
            return {tag: h.tagName, text: h.innerText, top: box.top, hash: location.hash,
                    bottom: document.documentElement.scrollHeight - innerHeight - scrollY};
        }""", target)
        assert landed["hash"] == target and landed["text"] == text and landed["tag"] in ("H2", "H3", "H4")
        # at the top of the window (below its scroll margin), or as high as the page's end lets it come
        assert 0 <= landed["top"] <= 40 or (landed["bottom"] <= 1 and 0 <= landed["top"] < 900), landed


@pytest.mark.parametrize("name, width, scheme", CHECKED)
def test_axe_finds_no_serious_or_critical_problem(pages, name, width, scheme):
    page, _errors, _requests = pages[(name, width, scheme)]
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # the charts' data too
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe_script())
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results["violations"]
             if v["impact"] in ("serious", "critical")]
    assert found == []


def test_headings_are_in_order_under_one_h1_and_charts_say_what_they_show(pages):
    page, _errors, _requests = pages[("2021", 1280, "light")]
    levels = page.evaluate("[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])")
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), "no heading skips a level"
    charts = page.evaluate("""[...document.querySelectorAll('svg.chart')].map(svg => ({
        role: svg.getAttribute('role'), name: svg.querySelector('title').textContent,
        words: svg.querySelector('desc').textContent,
        table: svg.closest('figure').querySelectorAll('details table tbody tr').length}))""")
    assert charts
    for chart in charts:
        assert chart["role"] == "img" and chart["name"] and "展览" in chart["words"] and chart["table"] == 4
    tables = page.evaluate("""[...document.querySelectorAll('main table')].map(t => ({
        caption: t.caption && t.caption.textContent, th: t.querySelectorAll('thead th').length}))""")
    assert all(t["caption"] and t["th"] > 0 for t in tables)


def test_the_print_stylesheet_leaves_out_what_only_the_screen_needs(pages):
    page, _errors, _requests = pages[("2021", 1280, "light")]
    page.emulate_media(media="print")
    try:
        hidden = page.evaluate("""['nav.contents', 'footer.edition', 'details.chart-data'].map(
            s => getComputedStyle(document.querySelector(s)).display)""")
        assert hidden == ["none", "none", "none"]
    finally:
        page.emulate_media(media="screen")


def test_serve_reloads_the_page_in_the_browser_after_a_save(browser, project):
    with serving(project, "2021") as served:
        context = browser.new_context(viewport={"width": 375, "height": 900})
        try:
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(served.url, wait_until="load")
            assert page.locator("#libreport-serve").is_visible()
            summary = project / "years" / "2021" / "summary.md"
            summary.write_text(summary.read_text(encoding="utf-8") + "\n保存后页面自己刷新。\n", encoding="utf-8")
            page.wait_for_function("document.body.innerText.includes('保存后页面自己刷新。')", timeout=60_000)
            assert errors == []
        finally:
            context.close()
    assert served.returncode == 0
