"""Warnings (提醒): suspicious but possible values pass validation (exit 0) and are printed; `--strict`
makes them errors. Size limits are errors. Each test writes the mistake a clerk makes and runs validate."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.load import MAX_PROGRESS_BYTES, load_site
from generator.model import MAX_NOTE_LENGTH
from tests.test_validate import JUNE, PLAN, period, where


def warned(run, file: str, text: str, needle: str) -> str:
    """Assert validation passed with exactly one warning, at the needle; return its message."""
    assert run.code == 0, run.err
    assert run.problems == []
    assert [w.where for w in run.warnings] == [where(file, text, needle)], run.err
    assert run.err.splitlines()[-1].startswith("共 1 条提醒")
    return run.warnings[0].message


def test_a_warning_is_printed_as_a_reminder_and_strict_makes_it_an_error(make_data, validate):
    june = period(published="2099-07-05")
    data = make_data(progress={"2021-06.yaml": june})
    run = validate(data)
    assert f"{JUNE}:{where(JUNE, june, '2099-07-05')[1]}:" in run.err and ": 提醒: published: " in run.err
    strict = validate(data, "--strict")
    assert strict.code == 1
    assert "--strict" in strict.err.splitlines()[-1]


def test_a_publication_date_in_the_future(make_data, validate):
    june = period(published="2099-07-05")
    message = warned(validate(make_data(progress={"2021-06.yaml": june})), JUNE, june, "2099-07-05")
    assert "在今天" in message and str(dt.date.today()) in message


def test_the_build_never_reads_the_clock(make_data):
    data = make_data(progress={"2021-06.yaml": period(published="2099-07-05")})
    [dataset] = load_site(data)  # as the build loads: no `today`
    assert dataset.warnings == ()


def test_a_due_date_years_after_the_plan_year(make_data, validate, mini_plan):
    plan = mini_plan.replace("            targets:\n", "            due: 2201-12-31\n            targets:\n", 1)
    run = validate(make_data(plan=plan))
    message = warned(run, PLAN, plan, "2201-12-31")
    assert run.warnings[0].field == "任务 1-1-1 的 due"
    assert "晚 180 年" in message and "年份" in message


def test_a_due_date_the_next_year_is_no_warning(make_data, validate, mini_plan):
    plan = mini_plan.replace("            targets:\n", "            due: 2022-06-30\n            targets:\n", 1)
    run = validate(make_data(plan=plan))
    assert run.code == 0 and run.warnings == []


def test_a_period_before_the_plan_year(make_data, validate):
    text = period(as_of="2020-12-31", published="2021-01-05")
    run = validate(make_data(progress={"2020-12.yaml": text}))
    message = warned(run, "progress/2020-12.yaml", text, "2020-12-31")
    assert "计划年度 2021 年之前" in message


def test_a_rate_written_as_a_fraction_of_its_percentage_target(make_data, validate, mini_plan):
    plan = mini_plan.replace("{metric: 改厕, value: 2000, unit: 座}", '{metric: 改厕率, value: 85, unit: "%"}')
    june = period("  - task: 1-1-1\n    actual: {改厕率: 0.85}\n")
    run = validate(make_data(plan=plan, progress={"2021-06.yaml": june}))
    message = warned(run, JUNE, june, "0.85")
    assert run.warnings[0].field == "任务 1-1-1 的 actual.改厕率"
    assert "看起来是小数" in message and "请写 85" in message and "85.0000" not in message


def test_a_small_percentage_is_no_warning(make_data, validate, mini_plan):
    plan = mini_plan.replace("{metric: 改厕, value: 2000, unit: 座}", '{metric: 失业率, value: 3.5, unit: "%"}')
    june = period("  - task: 1-1-1\n    actual: {失业率: 0.8}\n")
    assert validate(make_data(plan=plan, progress={"2021-06.yaml": june})).warnings == []


def test_a_note_identical_to_the_last_periods(make_data, validate):
    note = "    note: 已完成选址，正在施工。\n"
    march = period("  - task: 1-1-2\n    status: 推进中\n" + note, as_of="2021-03-31", published="2021-04-05")
    june = period("  - task: 1-1-2\n    status: 推进中\n" + note)
    run = validate(make_data(progress={"2021-03.yaml": march, "2021-06.yaml": june}))
    message = warned(run, JUNE, june, "已完成选址")
    assert run.warnings[0].field == "任务 1-1-2 的 note"
    assert "与 2021-03 期的完全相同" in message


def test_warnings_are_listed_with_errors(make_data, validate):
    march = period("  - task: 1-1-2\n    status: 完成\n", as_of="2021-03-31", published="2021-04-05")
    june = period(published="2099-07-05")
    run = validate(make_data(progress={"2021-03.yaml": march, "2021-06.yaml": june}))
    assert run.code == 1
    assert len(run.problems) == 1 and len(run.warnings) == 1
    assert run.err.splitlines()[-1].startswith("共 1 个问题（另有 1 条提醒）")


# --- size limits are errors ------------------------------------------------------------------


def test_a_note_over_the_limit(make_data, validate):
    long = "很" * (MAX_NOTE_LENGTH + 1)
    june = period(f"  - task: 1-1-2\n    status: 推进中\n    note: {long}\n")
    run = validate(make_data(progress={"2021-06.yaml": june}))
    assert run.code == 1
    assert run.only().field == "任务 1-1-2 的 note"
    assert f"{MAX_NOTE_LENGTH + 1} 个字" in run.only().message and f"{MAX_NOTE_LENGTH} 字" in run.only().message
    at_limit = period(f"  - task: 1-1-2\n    status: 推进中\n    note: {'很' * MAX_NOTE_LENGTH}\n")
    assert validate(make_data(progress={"2021-06.yaml": at_limit})).code == 0


def test_a_progress_file_over_the_limit(make_data, validate):
    big = period("  - task: 1-1-2\n    status: 推进中\n") + "# " + "x" * MAX_PROGRESS_BYTES + "\n"
    run = validate(make_data(progress={"2021-06.yaml": big}))
    assert run.code == 1
    assert run.only().where == (JUNE, 1, 1)
    assert "文件过大" in run.only().message and "进展文件最多 2 MB" in run.only().message


def test_a_plan_over_the_progress_limit_is_still_read(make_data, validate, mini_plan):
    """Plans keep the YAML reader's own limit: a prefecture's plan of 10,000 tasks is ~3 MB."""
    plan = mini_plan + "# " + "x" * (MAX_PROGRESS_BYTES + 1000) + "\n"
    assert validate(make_data(plan=plan)).code == 0


# --- references across files, whatever else is wrong -------------------------------------------


@pytest.mark.parametrize(
    ("plan_mistake", "period_mistake"),
    [
        (("    title: 实施测试行动\n", ""), ("", "")),  # plan.yaml invalid (a missing title)
        (("    title: 实施测试行动\n", ""), ("status: 推进中", "status: 完成")),  # both files invalid
        (("", ""), ("status: 推进中", "status: 完成")),  # the progress file invalid
    ],
)
def test_an_unknown_task_is_reported_whatever_else_is_wrong(
    make_data, validate, mini_plan, plan_mistake, period_mistake
):
    plan = mini_plan.replace(*plan_mistake) if plan_mistake[0] else mini_plan
    june = period("  - task: 1-1-2\n    status: 推进中\n", "  - task: 1-1-9\n    status: 推进中\n")
    june = june.replace(*period_mistake) if period_mistake[0] else june
    run = validate(make_data(plan=plan, progress={"2021-06.yaml": june}))
    assert run.code == 1
    unknown = [p for p in run.problems if p.file == JUNE and p.field == "任务 1-1-9 的 task"]
    assert len(unknown) == 1, run.err
    assert unknown[0].where == where(JUNE, june, "1-1-9")
    assert "plan.yaml 中没有编号为 1-1-9 的任务" in unknown[0].message
