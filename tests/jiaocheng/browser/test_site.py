"""The built site in a real Chromium: search, charts, instant navigation, privacy, phones, a11y."""

from __future__ import annotations

import importlib.resources
import json
import re
from urllib.parse import unquote, urlsplit

import pytest

from generator import compute
from generator.load import load
from generator.model import Status
from tests.browser.fixtures import drawn

from .conftest import DATA, demo_data, progress_files, tasks

pytestmark = pytest.mark.browser


def idle(page) -> None:
    page.evaluate("() => new Promise(done => requestIdleCallback(() => done(), {timeout: 2000}))")


def swapped(page, action, url: str) -> None:
    """Do action (a click, back, forward) and wait until instant navigation has put in the new page."""
    h1 = page.locator("article h1").first.inner_text()
    action()
    page.wait_for_url(url)
    page.wait_for_function("old => (document.querySelector('article h1') || {}).innerText !== old", arg=h1)


# a. Chinese search ------------------------------------------------------------------------------

WORDS = ["庞泉沟", "改厕", "村史馆", "抽水蓄能", "龙山街小学", "排污许可"]


def test_search_finds_tasks_in_chinese(page, base_url):
    page.goto(base_url)
    box = page.locator("input.md-search__input")
    missed = {}
    for word in WORDS:
        wanted = {f"/tasks/{t['id']}/" for t in tasks() if word in t["text"]}
        assert wanted, f"no task in data/plan.yaml contains {word}"
        box.fill(word)
        box.press("End")  # Material searches on keyup; fill() alone sends no key
        try:
            page.wait_for_function(
                """wanted => [...document.querySelectorAll('.md-search-result__list a')]
                     .some(a => wanted.includes(new URL(a.href).pathname))""",
                arg=sorted(wanted),
                timeout=8_000,
            )
        except Exception:
            found = page.eval_on_selector_all(".md-search-result__list a", "as => as.map(a => a.href)")
            missed[word] = (sorted(wanted), found[:10])
    assert not missed, f"search did not list the task pages: {missed}"


WAITING = "…gk-waiting"


def top_results(page, query: str) -> list:
    """Type a query as a citizen would; return Material's first five result items once they are its."""
    box = page.locator("input.md-search__input")
    # Material rewrites the result count line when the results of a query arrive
    page.evaluate("w => { document.querySelector('.md-search-result__meta').textContent = w }", WAITING)
    box.fill(query)
    box.press("End")  # Material reads the query on keyup
    page.wait_for_function("w => document.querySelector('.md-search-result__meta').textContent !== w", arg=WAITING)
    return page.locator(".md-search-result__list > .md-search-result__item").all()[:5]


def statuses() -> dict[str, Status]:
    data = load(DATA)
    facts = compute.facts(data.plan, data.periods)
    return {t.id: facts.status(t) for t in data.plan.tasks()}


def task_id_with(words: str) -> str:
    return next(t["id"] for t in tasks() if words in t["text"])


# Everyday words, a part of a report word, traditional characters, a number with its unit:
# each must list the task among the first five results, with its status in words and colour.
CITIZEN_QUERIES = {"就业": "新增就业", "学校": "龙山街小学", "醫院": "医共体", "修路": "公路建设", "2000座": "改厕任务"}


def test_citizens_words_find_the_task_and_show_its_status(page, base_url):
    page.goto(base_url)
    page.locator("input.md-search__input").click()
    status = statuses()
    missed = {}
    for query, words in CITIZEN_QUERIES.items():
        wanted = task_id_with(words)
        items = {
            urlsplit(item.locator("a").first.get_attribute("href")).path.rstrip("/").rsplit("/", 1)[-1]: item
            for item in top_results(page, query)
        }
        if wanted not in items:
            missed[query] = (wanted, list(items))
            continue
        badge = items[wanted].locator(".md-search-result__article > p .gk-status").first
        assert badge.inner_text() == status[wanted].label, query
        assert f"gk-status--{status[wanted].value}" in badge.get_attribute("class"), query
        assert badge.evaluate("b => getComputedStyle(b).backgroundColor") not in ("", "rgba(0, 0, 0, 0)"), query
        teaser = items[wanted].locator(".md-search-result__article > p").first.inner_text()
        assert "（" in teaser and "行动" in teaser, f"{query}: the result names no action: {teaser}"
    assert not missed, f"not among the first five results (wanted, found): {missed}"


def test_results_keep_their_status_after_instant_navigation(page, base_url, pages):
    page.goto(base_url)
    page.evaluate("window.__gkMarker = 'no reload'")
    swapped(page, page.locator(f'a.gk-card__link[href$="{pages["action"]}"]').click, base_url + pages["action"])
    page.locator("input.md-search__input").click()
    wanted = task_id_with("新增就业")
    items = [i for i in top_results(page, "就業") if f"/tasks/{wanted}/" in i.locator("a").first.get_attribute("href")]
    assert items, f"task {wanted} is not among the first five results"
    assert items[0].locator(".gk-status").first.inner_text() == statuses()[wanted].label
    assert page.evaluate("window.__gkMarker") == "no reload"


# A worker that builds the site's search index twice with Material's own worker, as search-worker.js
# runs it: with lunr's builder and Material's tokenizer, then with lunr-builder.js's, and posts both
# indexes as lunr writes them, with the position tables Material's tokenizer filled (one per field
# of each entry, read to highlight the words of a result). The index gets one page twice (the second
# copy with other words), which lunr's builder accepts.
BUILD_TWICE = """
const [material, ours, indexUrl] = JSON.parse(decodeURIComponent(location.hash.slice(1)));
const importHere = self.importScripts, post = self.postMessage.bind(self);
self.importScripts = (...urls) => importHere(...urls.map(url => new URL(url, material).href));
importHere(material);
const builder = self.lunr.Builder.prototype, lunrsAdd = builder.add, build = builder.build;
let built = null, ready = null, tables = [], table = null;
builder.build = function () { return (built = build.call(this)); };
Object.defineProperty(self.lunr.tokenizer, "table", { get: () => table, set: t => tables.push((table = t)) });
self.postMessage = message => { if (message && message.type === 1) ready(); };  // Material's READY
async function index() {
  const { config, docs } = await (await fetch(indexUrl)).json();
  docs.push({ ...docs[docs.length - 1], text: "<p>另一份​同一页面​的​文字</p>" });
  tables = [];
  await new Promise(done => {
    ready = done;
    self.dispatchEvent(new MessageEvent("message", { data: { type: 0, data: { config, docs, options: {} } } }));
  });
  return JSON.stringify([built, tables]);
}
(async () => {
  const lunrs = await index();
  importHere(ours);
  post({ lunrs, ours: await index(), replaced: builder.add !== lunrsAdd, version: self.lunr.version });
})().catch(error => post({ error: String(error) }));
"""


def test_the_search_worker_builds_the_index_lunr_would(page, base_url):
    """lunr-builder.js replaces lunr's index builder and Material's tokenizer for speed: the index and the
    position tables must stay theirs, byte for byte."""
    page.goto(base_url)
    material = page.evaluate(
        "new URL(JSON.parse(document.getElementById('__config').textContent).search, location).href"
    )
    urls = [material, base_url + "assets/lunr-builder.js", base_url + "search/search_index.json"]
    result = page.evaluate(
        """([code, urls]) => new Promise(done => {
             const source = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
             const worker = new Worker(source + "#" + encodeURIComponent(JSON.stringify(urls)));
             worker.onmessage = event => done(event.data);
             worker.onerror = event => done({ error: event.message });
           })""",
        [BUILD_TWICE, urls],
    )
    assert "error" not in result, result
    assert result["version"] == "2.3.9" and result["replaced"], "lunr-builder.js did not replace lunr's builder"
    lunrs, tables = json.loads(result["lunrs"])
    assert len(lunrs["invertedIndex"]) > 1000 and len(lunrs["fieldVectors"]) > 400
    assert len(tables) > 400 and sum(len(cells) for table in tables for cells in table if cells) > 2_000
    assert result["ours"] == result["lunrs"]


def test_a_place_finds_its_page_with_its_number_of_tasks(page, base_url):
    place, named = "西营镇", [t["id"] for t in tasks() if "西营镇" in t.get("tags", [])]
    page.goto(base_url)
    page.locator("input.md-search__input").click()
    items = top_results(page, place)
    paths = [unquote(urlsplit(i.locator("a").first.get_attribute("href")).path) for i in items]
    assert f"/places/{place}/" in paths and any(f"/tasks/{t}/" in paths for t in named), paths
    place_item = items[paths.index(f"/places/{place}/")]
    assert f"{len(named)}项任务" in place_item.inner_text().replace("\u200b", "")


# b. charts --------------------------------------------------------------------------------------


def chart_pages(pages: dict[str, str]) -> list[str]:
    """The overview and an action page always have a chart; a task page with targets once there is progress."""
    chosen = [pages["overview"], pages["action"]]
    if progress_files():
        chosen.append(pages["task"])
    return chosen


def test_charts_are_drawn(page, base_url, pages):
    for path in chart_pages(pages):
        page.goto(base_url + path)
        assert page.locator("figure.gk-chart").count() >= 1, f"/{path} has no chart"
        drawn(page)
        box = page.locator("figure.gk-chart svg.main-svg").first.bounding_box()
        assert box and box["height"] > 100 and box["width"] > 200, f"/{path}: chart is drawn too small: {box}"


# c. instant navigation ---------------------------------------------------------------------------


def test_instant_navigation_keeps_charts_drawn(page, base_url, pages):
    page.goto(base_url)
    drawn(page)
    page.evaluate("window.__gkMarker = 'no reload'")
    swapped(page, page.locator(f'a.gk-card__link[href$="{pages["action"]}"]').click, base_url + pages["action"])
    drawn(page)
    swapped(page, page.go_back, base_url)
    drawn(page)
    swapped(page, page.go_forward, base_url + pages["action"])
    drawn(page)
    assert page.evaluate("window.__gkMarker") == "no reload", "the page was fully reloaded: instant navigation is off"


# d. console errors, e. requests stay on 127.0.0.1 -------------------------------------------------


def test_no_console_errors_and_no_foreign_requests(page, base_url, pages):
    for path in pages.values():
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        if page.locator("figure.gk-chart").count():
            drawn(page)
    page.goto(base_url)
    page.locator("input.md-search__input").fill("改厕")
    page.locator("input.md-search__input").press("End")
    page.wait_for_selector(".md-search-result__list a")
    page.wait_for_load_state("networkidle")
    assert not page.watch.errors, "\n".join(page.watch.errors)
    assert page.watch.requests, "no request was recorded"
    assert not page.watch.foreign(), f"requests left 127.0.0.1: {page.watch.foreign()}"


# f. phones ---------------------------------------------------------------------------------------


def test_no_horizontal_scroll_on_phone(new_context, base_url, pages):
    phone = new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = phone.new_page()
    wide = {}
    for name in ("overview", "action", "task", "source", "status", "data"):
        page.goto(base_url + pages[name])
        if page.locator("figure.gk-chart").count():
            drawn(page)
        scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll > client:
            wide[name] = (scroll, client)
    assert not wide, f"pages scroll sideways on a 360 px phone (scrollWidth, clientWidth): {wide}"


# g. accessibility ----------------------------------------------------------------------------------


def axe_script() -> str:
    try:
        return importlib.resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
    except ModuleNotFoundError:
        pytest.fail("axe-core is missing: pip install -e '.[test]' (axe-playwright-python ships axe.min.js)")


ELDER = "localStorage.setItem('gongkai.elder', '1')"  # 长辈版 on before the page's first script runs
MODES = ["light", "dark", "elder"]


def page_in(new_context, mode: str):
    """Open a desktop page in the light or dark colour scheme, or with 长辈版 on."""
    context = new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark" if mode == "dark" else "light")
    if mode == "elder":
        context.add_init_script(ELDER)
    return context.new_page()


@pytest.mark.parametrize("mode", MODES)
def test_no_serious_accessibility_violations(new_context, base_url, pages, mode):
    page = page_in(new_context, mode)
    script = axe_script()
    found = []
    for name in ("overview", "action", "task", "places", "status"):
        page.goto(base_url + pages[name])
        scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert scheme == ("slate" if mode == "dark" else "default"), scheme
        assert page.evaluate("document.documentElement.classList.contains('gk-elder')") == (mode == "elder")
        if page.locator("figure.gk-chart").count():
            drawn(page)
        idle(page)  # gongkai.js finishes its work (scrollable tables become focusable) when idle
        page.add_script_tag(content=script)
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        for v in result["violations"]:
            if v["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in v["nodes"][:3]]
                found.append(f"{name}: {v['id']} ({v['impact']}): {v['help']} — {targets}")
    assert not found, "\n".join(found)


# h. demo banner ----------------------------------------------------------------------------------


def test_demo_banner_only_on_generated_pages_with_demo_data(page, base_url, pages):
    demo = demo_data()
    for name in ("overview", "action", "task", "period"):
        page.goto(base_url + pages[name])
        banner = page.locator(".gk-demo-banner")
        if demo:
            assert banner.is_visible(), f"{name}: demo data but no visible .gk-demo-banner"
        else:
            assert banner.count() == 0, f"{name}: no demo data but a .gk-demo-banner"
    page.goto(base_url + pages["methodology"])
    assert page.locator(".gk-demo-banner").count() == 0, "the hand-written /methodology/ shows the demo banner"


# i. 长辈版 -------------------------------------------------------------------------------------------


def root_font_px(page) -> float:
    return float(page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)"))


def test_elder_mode_persists_across_pages(page, base_url, pages):
    page.goto(base_url)
    normal = root_font_px(page)
    toggle = page.locator(".gk-elder-toggle")
    toggle.click()
    assert root_font_px(page) > normal, "长辈版 did not enlarge the text"
    assert toggle.get_attribute("aria-pressed") == "true"
    page.evaluate("window.__gkMarker = 'no reload'")
    swapped(page, page.locator(f'a.gk-card__link[href$="{pages["action"]}"]').click, base_url + pages["action"])
    assert page.evaluate("window.__gkMarker") == "no reload", "expected an instant navigation"
    assert root_font_px(page) > normal, "长辈版 was lost after instant navigation"
    assert page.locator(".gk-elder-toggle").get_attribute("aria-pressed") == "true"
    page.goto(base_url + pages["task"])
    assert page.evaluate("window.__gkMarker") is None, "expected a full reload"
    assert root_font_px(page) > normal, "长辈版 was lost after a full reload"
    page.locator(".gk-elder-toggle").click()
    assert root_font_px(page) == pytest.approx(normal), "clicking 长辈版 again did not turn it off"
    assert page.locator(".gk-elder-toggle").get_attribute("aria-pressed") == "false"
    page.reload()
    assert root_font_px(page) == pytest.approx(normal), "长辈版 came back after a reload"


# j. without JavaScript -------------------------------------------------------------------------------


def test_overview_without_javascript_shows_the_chart_table(new_context, base_url):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(base_url)
    table = page.locator("figure.gk-chart table")
    assert table.first.is_visible(), "the chart's table is not visible without JavaScript"
    cells = table.first.locator("tbody td").all_inner_texts()
    assert any(re.fullmatch(r"\d+", c.strip()) for c in cells), f"no number in the chart's table: {cells[:10]}"
    assert page.locator(".gk-chart__plot").first.is_hidden(), "an empty chart box takes space without JavaScript"
