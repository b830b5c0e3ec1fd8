"""What a citizen reads first: status lists behind every count, statuses that say why, places in order,
the report's own address and licence, and charts that never put two units on one axis (no MkDocs)."""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import re
from collections import Counter
from urllib.parse import unquote, urljoin

import pytest

from generator import charts, compute, explain, places, render, searchwords
from generator.load import load, load_site
from generator.model import Period, Plan, Status, Target, Task, Update
from generator.render import url_of
from generator.site import generate

HERE = pathlib.Path(__file__).parent
MINI = HERE / "fixtures" / "mini"
SHIXIAN = HERE / "fixtures" / "shixian"
CHIP = re.compile(r'<a href="([^"]+)"><span class="gk-status gk-status--(\w+)">[^<]+</span> (\d+) 项</a>')
ITEM = re.compile(r'<li data-status="(\w+)" data-action="(\d+)" data-places="[^"]*"><a href="[^"]*tasks/([^/]+)/">')


@pytest.fixture(scope="module", params=[MINI, SHIXIAN], ids=["mini", "shixian"])  # data/: tests/jiaocheng/
def site(request):
    return generate(request.param, render.SiteInfo("https://example.org/"))


def listed(html: str, anchor: str) -> list[tuple[str, str, str]]:
    """Return (status, action, task) of each task listed on a page, or in its section with that id."""
    if anchor:
        start = html.index(f'id="{anchor}"')
        end = html.find("<h", start)
        html = html[start : end if end > 0 else None]
    return ITEM.findall(html)


def test_every_status_count_links_to_a_list_of_exactly_those_tasks(site):
    checked = 0
    for path, page in site.pages.items():
        for href, status, count in CHIP.findall(page.html):
            target = urljoin("/" + url_of(path), href)
            url, _, anchor = unquote(target).partition("#")
            linked = next(p for p in site.pages if "/" + url_of(p) == url)
            tasks = listed(site.pages[linked].html, anchor)
            assert len(tasks) == int(count), f"{path}: {count} tasks {status}, {href} lists {tasks}"
            assert {s for s, _, _ in tasks} == {status}, f"{path}: {href} lists other statuses"
            checked += 1
    assert checked > 10


def test_a_list_per_status_holds_exactly_the_tasks_of_that_status_by_action():
    data = load(MINI)
    facts = compute.facts(data.plan, data.periods)
    pages = generate(MINI).pages
    for status in Status:  # every status has its page, so a published URL keeps answering when it empties
        page = pages[f"status/{status.value}.md"].html
        want = sorted(t.id for t in data.plan.tasks() if facts.status(t) == status)
        assert sorted(task for _, _, task in listed(page, "")) == want
        for action in data.plan.actions:
            mine = [t.id for t in action.all_tasks() if t.id in want]
            assert (f'id="action-{action.id}"' in page) == bool(mine)
            if mine:
                assert [task for _, _, task in listed(page, f"action-{action.id}")] == mine
    everything = pages["status/index.md"]
    assert sorted(task for _, _, task in listed(everything.html, "")) == sorted(t.id for t in data.plan.tasks())
    assert '<form class="gk-filter"' in everything.html and everything.meta["search"] == {"exclude": True}


def test_place_pages_count_and_group_their_tasks_by_status():
    page = generate(MINI).pages["places/示范村.md"].html
    assert 'href="#status-' in page
    assert 'id="status-' in page and "（1 项）" in page


# --- a status says why -------------------------------------------------------------------------------

YEAR, JUNE, SEPT = 2021, dt.date(2021, 6, 30), dt.date(2021, 9, 30)


def state_of(targets: list[Target], reports: dict[str, Update], as_of: dt.date, **task: object) -> compute.State:
    """Judge one task over the given reports (period name → update) and return its last state."""
    tsk = Task(id="1-1", title="示例", text="示例。", targets=targets, **task)
    plan = Plan.model_validate(
        {
            "report": {"title": "示例", "issuer": "示例县", "year": YEAR, "source": "s.txt"},
            "actions": [{"id": "1", "title": "示例", "tasks": [tsk.model_dump()]}],
        }
    )
    names = sorted(reports) or ["2021-06"]
    periods = [
        (
            n,
            Period(
                as_of=as_of if n == names[-1] else JUNE, published=as_of, updates=[reports[n]] if n in reports else []
            ),
        )
        for n in names
    ]
    return compute.facts(plan, periods).histories["1-1"][-1]


TOILETS = Target(metric="改厕", value=2000, unit="座")
RATE = Target(metric="配套率", value=95, unit="%", cumulative=False)
JOBLESS = Target(metric="登记失业率", value=3.5, unit="%", comparator="at_most")


def test_behind_pace_names_the_pace_the_share_and_the_gap():
    state = state_of([TOILETS], {"2021-06": Update(task="1-1", actual={"改厕": 600})}, JUNE)
    assert state.status == Status.behind
    assert explain.reason(state) == "应达 49.5%，实际 30%，落后 19.5 个百分点"


def test_ahead_of_pace_says_by_how_much():
    state = state_of([TOILETS], {"2021-06": Update(task="1-1", actual={"改厕": 1200})}, JUNE)
    assert explain.reason(state) == "应达 49.5%，实际 60%，超前 10.5 个百分点"


def test_rates_and_caps_are_told_against_their_target_first_when_they_decide():
    state = state_of([RATE], {"2021-06": Update(task="1-1", actual={"配套率": 91})}, JUNE)
    assert state.status == Status.behind and explain.reason(state) == "目标不低于 95%，实际 91%"
    state = state_of(
        [TOILETS, JOBLESS], {"2021-06": Update(task="1-1", actual={"改厕": 1200, "登记失业率": 3.8})}, JUNE
    )
    assert explain.reason(state).startswith("登记失业率目标不超过 3.5%，实际 3.8%；应达 49.5%")


def test_typed_and_carried_statuses_say_where_they_come_from():
    typed = state_of([], {"2021-06": Update(task="1-1", status=Status.in_progress)}, JUNE)
    assert explain.reason(typed) == "按填报状态"
    carried = state_of(
        [], {"2021-06": Update(task="1-1", status=Status.in_progress), "2021-09": Update(task="2-2")}, SEPT
    )
    assert explain.reason(carried) == "按填报状态，沿用 2021-06 报告"
    values = state_of(
        [TOILETS], {"2021-06": Update(task="1-1", actual={"改厕": 600}), "2021-09": Update(task="2-2")}, SEPT
    )
    assert explain.reason(values).endswith("沿用 2021-06 报告的数值")


def test_badges_on_task_pages_link_to_the_rule():
    page = generate(MINI).pages["tasks/1-1-1.md"]
    assert '<a class="gk-verdict" href="../../methodology/#规则">' in page.html
    current = page.html.split('class="gk-current"', 1)[1].split("</p>", 1)[0]
    assert re.search(r'<span class="gk-status gk-status--\w+">[^<]+</span> <span class="gk-why"', current)


def test_a_status_list_and_its_tasks_share_a_hidden_search_word_the_list_is_found_by():
    data = load(MINI)
    facts = compute.facts(data.plan, data.periods)
    pages = generate(MINI).pages
    for status in Status:
        page = pages[f"status/{status.value}.md"]
        assert page.search_words == (searchwords.status_word(status),)
        assert f'<h1 id="status">{status.label}的任务</h1>' in page.searchable
        assert page.meta["search"] == {"boost": 2}  # before its tasks, which hold the same word
    for task in data.plan.tasks():
        words = pages[f"tasks/{task.id}.md"].search_words
        assert [w for w in words if w.startswith("gkstatus")] == [searchwords.status_word(facts.status(task))]


# --- places, the report's address, the licence ----------------------------------------------------------


def test_places_are_grouped_by_how_their_names_end_and_sorted_by_pinyin():
    assert [places.kind(p) for p in ["城关镇", "红旗路小学", "交中", "段村", "交鲁线", "文峪河", "示例沟", "太原"]] == [
        "乡镇",
        "学校",
        "学校",
        "村和社区",
        "道路",
        "河流和水库",
        "山和景区",
        "其他地点",
    ]


def test_the_reports_address_and_date_are_linked_from_the_source_and_every_quote():
    site = generate(SHIXIAN)
    report = load_site(SHIXIAN)[0].plan.report
    assert report.url and report.published
    assert f'<a href="{report.url}" rel="noopener">' in site.pages["2021/source.md"].html
    assert "2021年1月20日发布" in site.pages["2021/source.md"].html
    for path, page in site.pages.items():
        if path.startswith("2021/tasks/"):
            quote = page.html.split('class="gk-quote"', 1)[1].split("</blockquote>", 1)[0]
            assert report.url in quote and "2021年1月20日" in quote, path
    assert "官方发布的原文" not in generate(MINI).pages["tasks/1-1-1.md"].html  # none invented where none is given


def test_the_data_licence_shows_on_data_and_in_datapackage():
    site = generate(SHIXIAN)
    assert "<strong>使用许可：</strong>CC BY 4.0" in site.pages["2021/data.md"].html
    package = json.loads(site.files["2021/data/datapackage.json"])
    assert package["licenses"] == [{"name": "CC-BY-4.0", "title": "CC BY 4.0"}]
    assert "尚未注明" in site.pages["2022/data.md"].html and "licenses" not in json.loads(
        site.files["2022/data/datapackage.json"]
    )


# --- honest charts ---------------------------------------------------------------------------------------


def figures_of(facts: compute.Facts) -> list[dict]:
    made = [charts.overview(facts)] + [charts.action(facts, a) for a in facts.plan.actions]
    made += [charts.task(facts, t) for t in facts.plan.tasks()]
    return [json.loads(f) for chart in made if chart for f in chart.figures]


def test_no_figure_puts_two_units_on_one_axis_and_every_axis_names_its_unit():
    data = load(SHIXIAN / "2021")
    facts = compute.facts(data.plan, data.periods)
    for figure in figures_of(facts):
        layout = figure["layout"]
        for axis in ("xaxis", "yaxis"):
            title = layout.get(axis, {}).get("title", {}).get("text", "")
            assert title or layout[axis].get("autorange") == "reversed", f"{axis} has no title: {layout}"
        lines = [t for t in figure["data"] if t["type"] == "scatter"]
        words = ("实际值", "目标值", "上限", "序时应达")
        metrics = {t["name"].removesuffix(w) for t in lines for w in words if t["name"].endswith(w)}
        assert len(metrics) <= 1, f"one figure, several metrics: {metrics}"
        for metric in metrics:
            unit = re.fullmatch(metric + r"（(.+)）", layout["yaxis"]["title"]["text"])[1]
            assert all(unit in t["hovertemplate"] for t in lines), (unit, [t["hovertemplate"] for t in lines])
        names = [t["name"] for t in figure["data"] if t.get("showlegend", True) is not False]
        assert len(names) == len(set(names)), f"legend entries repeat: {names}"


def test_status_bars_carry_their_words_and_the_page_carries_the_legend():
    data = load(SHIXIAN / "2021")
    facts = compute.facts(data.plan, data.periods)
    chart = charts.overview(facts)
    bars = json.loads(chart.figures[0])["data"]
    for bar in bars:
        status = Status(bar["meta"])
        assert all(text.startswith(status.label) for text in bar["text"] if text)
    assert chart.legend == [Status(b["meta"]) for b in bars]
    assert Counter(c for row in chart.rows for c in row if isinstance(c, tuple))  # counts link to their lists
    labels = json.loads(chart.figures[0])["data"][0]["y"]
    assert all(not re.fullmatch(r"行动\d+", label) for label in labels)
    heading = render.action_heading(data.plan.actions[0], data.plan.report.numbering)
    assert labels[0].replace("<br>", "").startswith(heading[:8])  # the action's heading, not 行动1
