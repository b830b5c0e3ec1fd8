"""Published history on the shipped data/: edits to published tasks are refused, recorded changes shown and judged.

The plan's task 1-2-5 (机柜 4000 台) has been reported in every period and is in data/published-urls.txt.
"""

import json
import pathlib
import shutil

import pytest

from generator import published
from generator.cli import main
from generator.site import generate
from tests.jiaocheng.conftest import DATA
from tests.test_history import CHANGE, edit


@pytest.fixture
def real(tmp_path: pathlib.Path) -> pathlib.Path:
    """Copy the shipped data folder (plan, source, demo periods, published record)."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    return data


def test_editing_a_published_target_in_place_fails_naming_the_task(real, validate):
    edit(real / "plan.yaml", "{metric: 机柜, value: 4000, unit: 台}", "{metric: 机柜, value: 3000, unit: 台}")
    run = validate(real)
    assert run.code == 1
    problem = run.only()
    line = (real / "plan.yaml").read_text(encoding="utf-8").splitlines().index('          - id: "1-2-5"') + 1
    assert (problem.file, problem.line) == ("plan.yaml", line)
    assert "任务 1-2-5 已经发布" in problem.message and "目标值（targets）" in problem.message
    assert "changes" in problem.message and "date" in problem.message and "reason" in problem.message


def test_swapping_two_task_ids_fails_for_both(real, validate):
    plan = real / "plan.yaml"
    edit(plan, 'id: "1-1-1"', 'id: "TMP"')
    edit(plan, 'id: "1-1-2"', 'id: "1-1-1"')
    edit(plan, 'id: "TMP"', 'id: "1-1-2"')
    run = validate(real)
    assert run.code == 1
    named = sorted(p.message.split(" ")[1] for p in run.problems)
    assert named == ["1-1-1", "1-1-2"] and all("原文（text）" in p.message for p in run.problems)


def test_withdrawing_a_published_task_without_a_date_fails(real, validate):
    edit(
        real / "plan.yaml",
        "            text: 培育新型农业产业集群。\n",
        "            text: 培育新型农业产业集群。\n            withdrawn: 示例\n",
    )
    run = validate(real)
    assert "撤销（withdrawn）" in run.only().message


def test_a_recorded_change_passes_and_is_shown_judged_and_news(real, validate):
    edit(
        real / "plan.yaml",
        "              - {metric: 机柜, value: 4000, unit: 台}\n",
        "              - {metric: 机柜, value: 4000, unit: 台}\n" + CHANGE,
    )
    assert validate(real).code == 0
    site = generate(real)
    page = site.pages["tasks/1-2-5.md"].html
    assert '<h2 id="调整记录" data-search-exclude>调整记录</h2>' in page
    assert "目标值：机柜 4000台 → 机柜 3000台" in page and "示例：经县政府常务会议研究" in page
    # September is judged against 3000, June still against 4000
    history = json.loads(site.files["data/tasks/1-2-5.json"])["history"]
    assert [h["period"] for h in history] == ["2021-03", "2021-06", "2021-09"]
    updates = site.pages["updates.md"].html
    assert "计划调整（2021年8月1日）：示例：经县政府常务会议研究" in updates
    feed = site.files["feed.xml"].decode()
    assert "计划调整（2021-08-01）" in feed


def test_a_lowered_target_does_not_rejudge_earlier_periods(real):
    before = json.loads(generate(real).files["data/tasks/1-2-5.json"])["history"]
    edit(
        real / "plan.yaml",
        "              - {metric: 机柜, value: 4000, unit: 台}\n",
        "              - {metric: 机柜, value: 4000, unit: 台}\n" + CHANGE,
    )
    after = json.loads(generate(real).files["data/tasks/1-2-5.json"])["history"]
    assert [h["status"] for h in after[:2]] == [h["status"] for h in before[:2]]  # March and June unchanged
    assert after[2]["status"] != before[2]["status"]  # September: 3000 台 at 3000 → done


def test_gongkai_urls_records_fingerprints_that_later_validation_checks(real, capsys):
    (real / published.FILE).unlink()
    assert main(["urls", "--data", str(real)]) == 0
    record = published.read(real / published.FILE)
    assert record.prints["/tasks/1-2-5/"]["targets"] == "机柜≥4000台"
    assert "/tasks/1-2-5/" in record.urls and "/data/tasks/1-2-5.json" in record.urls
