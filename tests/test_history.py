"""Published history never rewrites itself: plan changes are recorded, checked against the published
record, judged as of their date and reported as news; numbers and quotes are exact."""

from __future__ import annotations

import csv
import io
import json
import pathlib

from generator.cli import main
from generator.site import generate

CHANGE = """            changes:
              - date: 2021-08-01
                reason: 示例：经县政府常务会议研究，目标调整为 3000 台
                targets:
                  - {metric: 机柜, value: 3000, unit: 台}
"""


def edit(path: pathlib.Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_task_text_not_in_the_source_fails_naming_the_task(make_data, validate, mini_plan):
    plan = mini_plan.replace("text: 完成改厕任务2000座。", "text: 完成改厕任务3000座。")
    run = validate(make_data(plan=plan))
    assert "任务 1-1-1 的原文在原文文件 source.txt 中找不到" in run.only().message
    assert run.only().field == "任务 1-1-1 的 text"


def test_full_width_punctuation_may_stand_for_the_sources_ascii(make_data, validate, mini_plan, mini_source):
    plan = mini_plan.replace("text: 推进示例工作。", "text: 推进示例工作（试点），扩大范围；")
    source = mini_source + "推进示例工作(试点),扩大范围;\n"
    assert validate(make_data(plan=plan, source=source)).code == 0


def test_start_after_due_is_refused(make_data, validate, mini_plan):
    plan = mini_plan.replace(
        "            text: 推进示例工作。\n",
        "            text: 推进示例工作。\n            start: 2021-09-01\n            due: 2021-06-30\n",
    )
    run = validate(make_data(plan=plan))
    assert "起始日期 2021-09-01 晚于完成期限 2021-06-30" in run.only().message


def test_huge_numbers_are_exact_everywhere_and_the_draft_validates(make_data, validate, mini_plan, mini_period, capsys):
    plan = mini_plan.replace("value: 2000, unit: 座", "value: 123456789012345, unit: 元")
    period = mini_period.replace("{改厕: 800}", "{改厕: 12345678901}")
    data = make_data(plan=plan, progress={"2021-06.yaml": period})
    assert validate(data).code == 0
    site = generate(data)
    page = site.pages["tasks/1-1-1.md"].html
    assert "123456789012345元" in page and "12345678901元" in page and "e+" not in page
    rows = list(csv.DictReader(io.StringIO(site.files["data/progress.csv"].decode("utf-8-sig"))))
    assert {r["value"] for r in rows if r["metric"] == "改厕"} == {"12345678901"}
    assert json.loads(site.files["data/tasks/1-1-1.json"])["history"][0]["actual"]["改厕"] == 12345678901
    assert main(["new-period", "2021-09", "--data", str(data)]) == 0
    draft = (data / "progress" / "2021-09.yaml").read_text(encoding="utf-8")
    assert "12345678901" in draft and "e+" not in draft
    assert validate(data).code == 0


def test_computed_values_are_rounded_to_their_targets_precision(make_data, mini_period):
    site = generate(make_data(progress={"2021-06.yaml": mini_period}))
    page = site.pages["tasks/1-1-1.md"].html
    assert '<td data-label="按序时应达">989座</td>' in page  # 2000 × 180/364 = 989.0109…


def test_decimals_show_as_written(make_data, mini_plan, mini_period):
    plan = mini_plan.replace("value: 2000, unit: 座", "value: 0.3, unit: 万亩")
    period = mini_period.replace("{改厕: 800}", "{改厕: 0.1}")
    page = generate(make_data(plan=plan, progress={"2021-06.yaml": period})).pages["tasks/1-1-1.md"].html
    assert "0.3万亩" in page and "0.1万亩" in page and "0.1000" not in page and "0.30000" not in page
