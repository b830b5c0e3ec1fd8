"""What a citizen sees on the shipped data/: status counts (the generic test, on this `site`), towns, two units."""

import json

import pytest

from generator import charts, compute, places, render
from generator.load import load
from generator.site import generate
from tests.jiaocheng.conftest import DATA
from tests.test_citizen import test_every_status_count_links_to_a_list_of_exactly_those_tasks  # noqa: F401 (on `site`)


@pytest.fixture(scope="module")
def site():
    return generate(DATA, render.SiteInfo("https://example.org/"))


def test_the_towns_come_first_sorted_by_pinyin():
    grouped = places.by_kind(places.places_index(load(DATA).plan))
    assert next(iter(grouped)) == "乡镇" and list(grouped)[-1] == "其他地点"
    assert list(grouped["乡镇"]) == [
        "洪相镇",
        "水峪贯镇",
        "天宁镇",
        "西社镇",
        "西营镇",
        "夏家营镇",
    ]  # hong shui tian xi xi xia


def test_a_task_with_two_units_gets_one_figure_per_unit():
    data = load(DATA)
    facts = compute.facts(data.plan, data.periods)
    task = next(t for t in data.plan.tasks() if t.id == "7-3-3")
    chart = charts.task(facts, task)
    titles = [json.loads(f)["layout"]["yaxis"]["title"]["text"] for f in chart.figures]
    assert titles == ["新增就业（人）", "登记失业率（%）"]
