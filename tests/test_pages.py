"""Golden tests of generated pages, escaping, history and change detection (no MkDocs)."""

import json
import os
import pathlib

import pytest

from generator import compute, news, render
from generator.load import load
from generator.model import Status
from generator.site import generate

HERE = pathlib.Path(__file__).parent
MINI = HERE / "fixtures" / "mini"
GOLDEN = HERE / "golden"


@pytest.fixture(scope="module")
def mini():
    data = load(MINI)
    facts = compute.facts(data.plan, data.periods)
    info = render.SiteInfo("https://example.org/", "测试站", "https://git.example.org/county/site/blob/main/data/")
    return data, facts, generate(MINI, info).pages


@pytest.mark.parametrize(
    "page", ["tasks/1-1-1.md", "tasks/1-1-3.md", "updates.md", "updates/2021-06.md", "actions/2.md", "source.md"]
)
def test_page_matches_golden(mini, page):
    """Compare with tests/golden/; run with UPDATE_GOLDEN=1 to accept a deliberate change."""
    generated = mini[2][page]
    rendered = f"<!-- meta: {json.dumps(generated.meta, ensure_ascii=False)} -->\n{generated.html}"
    golden = GOLDEN / (page.removesuffix(".md").replace("/", "__") + ".html")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8"), f"{page} differs from {golden}"


def test_every_task_action_and_place_has_a_page(mini):
    data, _, pages = mini
    for task in data.plan.tasks():
        assert f"tasks/{task.id}.md" in pages
    assert {"actions/1.md", "actions/2.md", "places/示范村.md", "index.md"} <= set(pages)


def test_yaml_text_is_escaped_for_html(mini):
    page = mini[2]["tasks/1-1-3.md"]
    assert "<script>" not in page.html and "<img" not in page.html
    assert '<h1 id="alert1-粗体--模板-">&lt;script&gt;alert(1)&lt;/script&gt; **粗体** {{ 模板 }}</h1>' in page.html
    assert "&lt;img src=x onerror=alert(2)&gt;" in page.html
    assert "**粗体**" in page.html  # no Markdown reads the page: emphasis stays as typed (the title)
    assert "{{ x }} {% if y %}" in page.html  # template syntax stays literal
    assert page.meta["title"].startswith("&lt;script&gt;alert(1)&lt;/script&gt;")  # Material prints it raw


def test_headings_get_the_toc_extensions_anchors_once_each(mini):
    page = mini[2]["actions/2.md"]
    assert page.headings()[:2] == [(1, "二实施第二行动", "（二）实施第二行动"), (2, "量化目标", "量化目标")]
    anchor = render.anchors()
    assert [anchor("推进 A.B 路"), anchor("推进 A.B 路"), anchor("推进 A.B 路"), anchor("“”")] == [
        "推进-ab-路",
        "推进-ab-路_1",
        "推进-ab-路_2",
        "_1",
    ]


def test_history_carries_last_report_forward(mini):
    _data, facts, _ = mini
    states = facts.histories["1-1-3"]
    assert [s.update is not None for s in states] == [True, False]
    assert [s.status for s in states] == [Status.in_progress, Status.in_progress]


def test_restated_value_is_shown(mini):
    assert "一季度数据核减" in mini[2]["tasks/2-1-1.md"].html


def test_changes_list_what_moved_from_and_to(mini):
    _, facts, _ = mini
    periods = news.changes(facts)
    assert [name for name, _, _ in periods] == ["2021-03", "2021-06"]
    first = {c.task.id: c for c in periods[0][2]}
    assert set(first) == {"1-1-1", "1-1-3", "2-1-1"}
    second = {c.task.id: (c.before.status, c.after.status) for c in periods[1][2] if c.status_moved}
    assert second == {
        "1-1-1": (Status.behind, Status.ahead),
        "1-1-2": (Status.no_report, Status.behind),
        "2-1-1": (Status.ahead, Status.behind),  # 30% vs pace 24.5%, then the ceiling broke
    }


def test_source_page_links_every_task_clause(mini):
    data, _, pages = mini
    source = pages["source.md"].html
    for task in data.plan.tasks():
        assert f'id="task-{task.id}"' in source
    assert "&lt;script&gt;" in source and "<script>" not in source


def test_generated_pages_link_to_the_yaml_line_they_come_from(mini):
    meta = mini[2]["tasks/1-1-2.md"].meta
    plan_line = 1 + (MINI / "plan.yaml").read_text(encoding="utf-8").splitlines().index('          - id: "1-1-2"')
    assert meta["edit_url"] == f"https://git.example.org/county/site/blob/main/data/plan.yaml#L{plan_line}"
    assert meta["progress_edit_url"].startswith(
        "https://git.example.org/county/site/blob/main/data/progress/2021-06.yaml#L"
    )


def test_no_edit_links_without_an_edit_url(mini):
    page = generate(MINI, render.SiteInfo()).pages["tasks/1-1-2.md"]
    assert "edit_url" not in page.meta and "progress_edit_url" not in page.meta


def test_action_page_shows_how_statuses_moved_since_last_period(mini):
    page = mini[2]["actions/2.md"].html
    assert '滞后</span> 1 项</a><span class="gk-delta">（较上期 +1）' in page
    assert 'href="../../status/behind/#action-2"' in page  # the count links to exactly those tasks
    assert '超序时进度</span> 0 项<span class="gk-delta">（较上期 -1）' in page
    assert "上期数据截至 2021年3月31日" in page
