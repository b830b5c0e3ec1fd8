"""Where things stand, at a glance, in a real Chromium: status lists, honest charts, tables that fit a phone,
all in Chinese, large enough to tap."""

from __future__ import annotations

import contextlib
import csv
import io
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from generator.model import Status

from .conftest import tasks
from .test_site import MODES, drawn, page_in, top_results

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
TWO_UNITS = "7-3-3"  # 新增就业 (人) and 登记失业率 (%)


def rows(site_dir) -> list[dict[str, str]]:
    """Read tasks.csv as the site publishes it."""
    return list(csv.DictReader(io.StringIO((site_dir / "data" / "tasks.csv").read_text(encoding="utf-8-sig"))))


SHOWN_JS = (
    "[...document.querySelectorAll('li[data-status]')].filter(li => li.getClientRects().length)"
    ".map(li => new URL(li.querySelector('a').href).pathname.split('/').filter(Boolean).pop())"
)


def shown_tasks(page) -> list[str]:
    """Return the IDs of the tasks the page's lists show (what a filter hid is left out)."""
    return page.evaluate(f"() => {SHOWN_JS}")


# 1. status lists ------------------------------------------------------------------------------------


def test_each_status_list_holds_exactly_the_tasks_tasks_csv_gives_that_status(page, base_url, site_dir):
    by_label = {}
    for row in rows(site_dir):
        by_label.setdefault(row["status_label"], []).append(row["task_id"])
    assert len(by_label) > 3, by_label.keys()
    for status in Status:
        page.goto(f"{base_url}status/{status.value}/")
        assert sorted(shown_tasks(page)) == sorted(by_label.get(status.label, [])), status.label
        assert page.locator("h1").inner_text() == f"{status.label}的任务"


def test_counts_lead_to_the_listed_tasks_and_an_action_count_to_that_action_only(page, base_url, site_dir):
    behind = [r for r in rows(site_dir) if r["status_label"] == Status.behind.label]
    action = behind[0]["action_id"]
    page.goto(f"{base_url}actions/{action}/")
    chip = page.locator(".gk-chips a", has_text=Status.behind.label)
    count = int(re.search(r"(\d+) 项", chip.inner_text())[1])
    chip.click()
    page.wait_for_url(re.compile(rf"/status/behind/#action-{action}$"))
    # the list's filter is built by script once the page has loaded: wait for it, not only for the URL
    page.wait_for_function("() => document.querySelector('.gk-filter__count')?.textContent.includes('显示')")
    wanted = sorted(r["task_id"] for r in behind if r["action_id"] == action)
    assert sorted(shown_tasks(page)) == wanted and len(wanted) == count
    ongoing = [r for r in rows(site_dir) if r["status"] == "in_progress"]
    first, second = sorted({r["action_id"] for r in ongoing})[:2]
    page.goto(f"{base_url}status/in_progress/#action-{first}")
    assert sorted(shown_tasks(page)) == sorted(r["task_id"] for r in ongoing if r["action_id"] == first)
    page.evaluate(f"location.hash = '#action-{second}'")  # a link to another action's part of the same list
    page.wait_for_function(f"() => document.querySelector('select[name=action]')?.value === '{second}'")
    wanted = sorted(r["task_id"] for r in ongoing if r["action_id"] == second)
    with contextlib.suppress(PlaywrightTimeout):  # the filter may apply a moment after the choice shows
        page.wait_for_function(f"() => {SHOWN_JS}.length === {len(wanted)}", timeout=5000)
    assert sorted(shown_tasks(page)) == wanted


def test_the_task_list_filters_by_status_action_and_place_without_leaving_the_page(page, base_url, site_dir):
    table = rows(site_dir)
    page.goto(base_url + "status/")
    page.evaluate("window.__gkMarker = 'same page'")
    assert sorted(shown_tasks(page)) == sorted(r["task_id"] for r in table)
    form = page.locator("form.gk-filter")
    form.locator("select[name=status]").select_option("in_progress")
    assert sorted(shown_tasks(page)) == sorted(r["task_id"] for r in table if r["status"] == "in_progress")
    form.locator("select[name=action]").select_option("3")
    want = sorted(r["task_id"] for r in table if r["status"] == "in_progress" and r["action_id"] == "3")
    assert sorted(shown_tasks(page)) == want and want
    assert page.locator(".gk-filter__count").inner_text() == f"显示 {len(want)} 项任务"
    form.locator("select[name=status]").select_option("")
    form.locator("select[name=action]").select_option("")
    place = next(t["tags"][0] for t in tasks() if t.get("tags"))
    form.locator("select[name=place]").select_option(place)
    assert sorted(shown_tasks(page)) == sorted(r["task_id"] for r in table if place in r["tags"].split(";"))
    assert page.evaluate("window.__gkMarker") == "same page"
    assert "place=" in page.url  # the choice is in the address, to share or come back to
    page.reload()
    assert sorted(shown_tasks(page)) == sorted(r["task_id"] for r in table if place in r["tags"].split(";"))


def test_without_javascript_the_lists_are_plain_and_whole(new_context, base_url, site_dir):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(base_url + "status/")
    assert page.locator("form.gk-filter").is_hidden()
    assert len(shown_tasks(page)) == len(rows(site_dir))
    page.goto(base_url + "status/in_progress/")
    assert page.locator("article h2[id^='action-']").count() > 1  # one plain list per action, each with its anchor


def test_a_status_word_finds_its_list_first_then_only_tasks_of_that_status(page, base_url, site_dir):
    by_label: dict[str, set[str]] = {}
    for row in rows(site_dir):
        by_label.setdefault(row["status_label"], set()).add(row["task_id"])
    page.goto(base_url)
    page.locator("input.md-search__input").click()
    for status in (Status.behind, Status.done, Status.ahead, Status.in_progress):
        assert by_label.get(status.label), status.label  # the data has tasks of this status
        paths = [urlsplit(i.locator("a").first.get_attribute("href")).path for i in top_results(page, status.label)]
        assert paths[0].endswith(f"/status/{status.value}/"), (status.label, paths)
        found = [p.rstrip("/").rsplit("/", 1)[-1] for p in paths[1:] if "/tasks/" in p]
        assert found and set(found) <= by_label[status.label], (status.label, paths)


def test_a_status_badge_says_why_and_links_to_the_rule(page, base_url, site_dir):
    behind = next(r for r in rows(site_dir) if r["status_label"] == Status.behind.label)
    page.goto(f"{base_url}tasks/{behind['task_id']}/")
    verdict = page.locator(".gk-current a.gk-verdict")
    assert re.search(r"(应达 [\d.]+%，实际 [\d.]+%|目标不(低于|超过) )", verdict.inner_text()), verdict.inner_text()
    verdict.click()
    page.wait_for_url(re.compile(r"/methodology/#"))
    heading = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    # instant navigation swaps the page in after the URL has changed
    page.locator(f"h2[id='{heading}']").wait_for(state="visible", timeout=5000)


# 2. honest charts --------------------------------------------------------------------------------------


def test_a_task_with_two_units_draws_them_on_separate_charts(page, base_url):
    page.goto(f"{base_url}tasks/{TWO_UNITS}/")
    drawn(page)
    titles = page.locator("figure.gk-chart .gk-chart__one").evaluate_all(
        "ones => ones.map(o => [...o.querySelectorAll('.g-ytitle')].map(t => t.textContent))"
    )
    assert titles == [["新增就业（人）"], ["登记失业率（%）"]]
    legends = page.locator(".gk-chart__one .legendtext").all_text_contents()
    assert len(legends) == len(set(legends)) and all(t.startswith(("新增就业", "登记失业率")) for t in legends)


OVERLAPS = """plot => {
  const boxes = sel => [...plot.querySelectorAll(sel)].map(e => e.getBoundingClientRect())
    .filter(b => b.width && b.height);
  const meet = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const legend = boxes('.legend .traces'), labels = boxes('.xtick text, .ytick text, .g-xtitle, .g-ytitle');
  const plotBox = plot.getBoundingClientRect();
  const out = labels.filter(b => b.left < plotBox.left - 1 || b.right > plotBox.right + 1).length;
  return {hits: legend.flatMap(l => labels.filter(t => meet(l, t))).length
    + labels.flatMap((a, i) => labels.slice(i + 1).filter(b => meet(a, b))).length, out};
}"""


@pytest.mark.parametrize("width", [360, 1366])
def test_nothing_overlaps_in_the_charts(new_context, base_url, pages, width):
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    for path in [pages["overview"], pages["action"], f"tasks/{TWO_UNITS}/", pages["task"]]:
        page.goto(base_url + path)
        drawn(page)
        for i, plot in enumerate(page.locator(".gk-chart__plot").all()):
            found = plot.evaluate(OVERLAPS)
            assert found == {"hits": 0, "out": 0}, f"/{path} chart {i} at {width} px: {found}"


def test_statuses_are_told_by_words_on_the_bars_not_by_colour_alone(page, base_url):
    page.goto(base_url)
    drawn(page)
    words = page.locator(".gk-chart__one .bartext").all_text_contents()
    assert any(w.startswith(Status.in_progress.label) for w in words), words
    legend = page.locator(".gk-legend li").all_inner_texts()
    assert legend and set(legend) <= {s.label for s in Status}
    labels = page.locator(".gk-chart__one .ytick text").all_text_contents()
    assert labels and not any(re.fullmatch(r"行动\d+", t) for t in labels)


def test_printing_keeps_a_picture_of_each_chart(page, base_url):
    page.goto(f"{base_url}tasks/{TWO_UNITS}/")
    drawn(page)
    page.wait_for_function("() => document.querySelectorAll('img.gk-chart__print').length === 2")
    assert page.locator("img.gk-chart__print").first.is_hidden()
    page.emulate_media(media="print")
    for img in page.locator("img.gk-chart__print").all():
        assert img.is_visible() and img.bounding_box()["height"] > 100
    assert page.locator(".gk-chart__plot").first.is_hidden()
    assert page.locator("figure.gk-chart table").first.is_visible()


# 3. tables, tap targets, 长辈版 ---------------------------------------------------------------------------


def test_tables_become_cards_on_a_phone_with_every_cell_on_screen(new_context, base_url, pages):
    page = new_context(**PHONE).new_page()
    for path in [pages["task"], f"tasks/{TWO_UNITS}/", pages["overview"], pages["data"], pages["period"]]:
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.clientWidth")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        cells = page.locator(".gk-table-wrap td").evaluate_all(
            "tds => tds.map(td => { const b = td.getBoundingClientRect();"
            " return [b.left, b.right, b.height, getComputedStyle(td, '::before').content, td.dataset.label]; })"
        )
        assert cells, path
        for left, right, height, before, label in cells:
            assert left >= 0 and right <= width and height > 0, (path, label, left, right)
            assert f'"{label}："' == before, (path, before)


def test_a_table_that_still_scrolls_shows_it(new_context, base_url):
    page = new_context(**PHONE).new_page()
    page.goto(base_url + "methodology/")
    box = page.locator(".md-typeset__scrollwrap").last
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")  # the examples table has eight columns
    assert "radial-gradient" in box.evaluate("b => getComputedStyle(b).backgroundImage")


TARGETS = ", ".join(
    [
        "button",
        "select",
        ".md-header__button",
        ".gk-chips a",
        ".gk-tasks a",
        ".gk-card__link",
        ".gk-card__meta a",
        ".gk-places a",
        ".gk-verdict",
        ".gk-tag",
        ".gk-plans a",
        ".gk-facts dd a",
    ]
)


def test_every_tap_target_is_at_least_44_px(new_context, base_url, pages):
    page = new_context(**PHONE).new_page()
    small = []
    for name in ("overview", "action", "task", "status", "status_list", "places"):
        page.goto(base_url + pages[name])
        found = page.locator(TARGETS).evaluate_all(
            "els => els.filter(e => { const s = getComputedStyle(e); return e.getClientRects().length"
            " && s.visibility !== 'hidden' && s.pointerEvents !== 'none' && s.opacity !== '0'; })"
            ".map(e => { const b = e.getBoundingClientRect(); return [e.className || e.tagName, b.width, b.height]; })"
        )
        assert len(found) > 3, name
        small += [(name, *f) for f in found if f[1] < 44 or f[2] < 44]
    assert not small, small[:10]


def test_elder_mode_scales_tables_charts_and_buttons(new_context, base_url, pages):
    sizes = {}
    for mode in ("light", "elder"):
        page = page_in(new_context, mode)
        page.goto(base_url + pages["task"])
        drawn(page)
        sizes[mode] = page.evaluate(
            """() => ({
              text: parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize),
              table: parseFloat(getComputedStyle(document.querySelector('.gk-table-wrap td')).fontSize),
              chart: parseFloat(document.querySelector('.gk-chart__one .xtick text').style.fontSize),
              button: parseFloat(getComputedStyle(document.querySelector('.gk-copy')).fontSize),
              tap: document.querySelector('.gk-copy').getBoundingClientRect().height,
            })"""
        )
    for part in ("text", "table", "chart", "button"):
        assert sizes["elder"][part] >= 1.3 * sizes["light"][part], (part, sizes)
    assert sizes["elder"]["tap"] >= 1.15 * sizes["light"]["tap"], sizes  # the 44 px floor grows with the root


CONTRAST = """() => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => {
      v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  return [...document.querySelectorAll('.gk-status')].map(b => {
    const s = getComputedStyle(b); const [hi, lo] = [lum(s.color), lum(s.backgroundColor)].sort((x, y) => y - x);
    return [b.textContent, (hi + 0.05) / (lo + 0.05)];
  });
}"""


@pytest.mark.parametrize("mode", MODES)
def test_status_badges_pass_wcag_contrast(new_context, base_url, pages, mode):
    page = page_in(new_context, mode)
    page.goto(base_url + pages["status"])
    found = page.evaluate(CONTRAST)
    assert {label for label, _ in found} >= {Status.in_progress.label, Status.done.label}
    assert [(label, round(ratio, 2)) for label, ratio in found if ratio < 4.5] == []


# 4. all Chinese ------------------------------------------------------------------------------------------

# Names and codes a Chinese reader meets as they are: file formats, the two citation styles, the licence.
# Gongkai is the tool's name in pinyin. Web addresses are left out before words are looked for.
ALLOWED = {"GB", "EB", "OL", "APA", "CSV", "JSON", "UTF", "BOM", "Excel", "Atom", "Frictionless", "CC", "BY", "Gongkai"}
ALLOWED |= {"Word", "docx", "xlsx"}  # the 督查通报's two files, as a period's page offers them
VISIBLE_TEXT = """() => {
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('code, pre, kbd, script, style, svg, [hidden]') || !el.getClientRects().length) continue;
    if (getComputedStyle(el).visibility === 'hidden') continue;
    out.push(n.textContent);
  }
  return out.join(' ');
}"""


def sample(pages: dict[str, str]) -> list[str]:
    """One page of every type a citizen reads, the 404 page included. The staff guide is left out: it
    teaches the data files' keys (as_of, targets, true) and the tools (VS Code, git) by their names."""
    extra = ["about/", "places/庞泉沟/", "404.html"]
    return [*pages.values(), *extra]


def test_no_english_on_any_page_type(page, base_url, pages):
    found = {}
    for path in sample(pages):
        page.goto(base_url + path)
        if page.locator("figure.gk-chart").count():
            drawn(page)
        text = re.sub(r"https?://\S+", " ", page.evaluate(VISIBLE_TEXT))
        words = set(re.findall(r"[A-Za-z]{2,}", text)) - ALLOWED
        if words:
            found[path] = sorted(words)
    assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())


def test_every_page_type_says_it_is_in_simplified_chinese(page, base_url, pages):
    for path in sample(pages):
        page.goto(base_url + path)
        assert page.evaluate("document.documentElement.lang") == "zh-CN", path
