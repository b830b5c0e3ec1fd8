"""The status rule: /methodology/'s examples table is run against the code, and each rule has scenarios."""

from __future__ import annotations

import datetime as dt
import pathlib
import re

import pytest

from generator import compute, rule
from generator.fmt import percent
from generator.model import Period, Plan, Status, Target, Task, Update

METHODOLOGY = pathlib.Path(__file__).resolve().parent.parent / "generator" / "handbook" / "methodology.md"
YEAR = 2021
MARCH, JUNE, SEPT, DEC = dt.date(2021, 3, 31), dt.date(2021, 6, 30), dt.date(2021, 9, 30), dt.date(2021, 12, 31)
TOILETS = Target(metric="改厕", value=2000, unit="座")
HALLS = Target(metric="村史馆", value=10, unit="个")
RATE = Target(metric="配套率", value=95, unit="%", cumulative=False)
JOBLESS = Target(metric="登记失业率", value=3.5, unit="%", comparator="at_most")


# --- the methodology page is a test ----------------------------------------------------------


def examples() -> list[dict[str, str]]:
    """Read the examples table of /methodology/ as a list of rows keyed by column name."""
    section = METHODOLOGY.read_text(encoding="utf-8").split("## 例子", 1)[1]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    return [dict(zip(header, (c.strip() for c in line.strip("|").split("|")), strict=True)) for line in lines[2:]]


def cn_day(text: str) -> dt.date:
    year, month, day = map(int, re.fullmatch(r"(\d+)年(\d+)月(\d+)日", text).groups())  # type: ignore[union-attr]
    return dt.date(year, month, day)


def targets_of(text: str) -> list[Target]:
    """Read 目标 like "不少于 2000 座；不超过 3.5 %" into targets named m0, m1 …"""
    if text == "无":
        return []
    out = []
    for i, part in enumerate(text.split("；")):
        word, value, unit = part.split(" ")
        comparator = "at_most" if word == "不超过" else "at_least"
        out.append(
            Target(
                metric=f"m{i}", value=float(value), unit=unit, comparator=comparator, cumulative=word != "比率不低于"
            )
        )
    return out


def values_of(text: str) -> dict[str, float]:
    """Read 实际值 like "2000 座（沿用）；6 个" (a carried value counts like any other)."""
    if text in ("—", "未报告"):
        return {}
    return {f"m{i}": float(part.split(" ")[0]) for i, part in enumerate(text.split("；"))}


@pytest.mark.parametrize("row", examples(), ids=lambda row: f"{row['目标']}@{row['数据截至']}:{row['实际值']}")
def test_methodology_example_is_what_the_code_computes(row):
    due = "ongoing" if row["完成期限"] == "长期坚持" else cn_day(row["完成期限"])
    task = Task(id="1-1-1", title="例", text="例", targets=targets_of(row["目标"]), due=due)
    as_of = cn_day(row["数据截至"])
    typed = None if row["所写状态"] == "—" else next(s for s in Status if s.label == row["所写状态"])
    values = values_of(row["实际值"])
    period = Period(as_of=as_of, published=as_of)
    updates = [] if row["实际值"] == "未报告" else [Update(task="1-1-1", status=typed, actual=values)]
    carried = "沿用" in row["实际值"]
    periods = [("2021-03", Period(as_of=MARCH, published=MARCH, updates=updates))] if carried else []
    periods.append(("now", period if carried else period.model_copy(update={"updates": updates})))
    state = compute.facts(plan_of(task), periods).histories["1-1-1"][-1]
    assert state.status.label == row["状态"], row["说明"]
    assert (percent(state.pace) if state.pace is not None else "—") == row["序时进度"]


def test_the_examples_cover_every_status_and_every_rule():
    rows = examples()
    assert {row["状态"] for row in rows} == {s.label for s in Status}
    assert any("沿用" in row["实际值"] for row in rows)  # rule 1
    assert any(row["完成期限"] == row["数据截至"] and row["状态"] == "滞后" for row in rows)  # rule 6
    assert any("比率" in row["目标"] for row in rows) and any("不超过" in row["目标"] for row in rows)  # rule 5


# --- each rule with scenario data ------------------------------------------------------------


def plan_of(*tasks: Task) -> Plan:
    return Plan.model_validate(
        {
            "report": {
                "title": "示例县2021年政府工作报告",
                "issuer": "示例县人民政府",
                "year": YEAR,
                "source": "s.txt",
            },
            "actions": [{"id": "1", "title": "示例行动", "measures": [{"id": "1-1", "title": "示例", "tasks": tasks}]}],
        }
    )


def period(as_of: dt.date, *updates: Update) -> tuple[str, Period]:
    return (as_of.strftime("%Y-%m"), Period(as_of=as_of, published=as_of, updates=list(updates)))


def states(task: Task, *periods: tuple[str, Period]) -> list[compute.State]:
    return compute.facts(plan_of(task), list(periods)).histories[task.id]


def test_a_metric_left_out_keeps_its_last_value():
    task = Task(id="1-1-1", title="t", text="t", targets=[TOILETS, HALLS])
    march = period(MARCH, Update(task="1-1-1", actual={"改厕": 2000, "村史馆": 2}))
    june = period(JUNE, Update(task="1-1-1", actual={"村史馆": 6}))
    _, second = states(task, march, june)
    assert second.actual == {"改厕": 2000, "村史馆": 6}
    assert second.since == {"改厕": "2021-03", "村史馆": "2021-06"}
    assert second.carried_values() == {"改厕": "2021-03"}
    assert second.status == Status.ahead  # 60% of the halls against 49.5%, not 未启动


def test_a_typed_status_is_judged_again_when_numbers_can():
    task = Task(id="1-1-1", title="t", text="t", targets=[TOILETS])
    march = period(MARCH, Update(task="1-1-1", status=Status.on_pace, actual={"改厕": 500}))
    june, sept = period(JUNE), period(SEPT)
    shown = [s.status for s in states(task, march, june, sept)]
    assert shown == [Status.on_pace, Status.behind, Status.behind]  # 25% against 24.5%, 49.5%, 74.7%


def test_a_typed_status_stands_where_no_number_can_judge_and_says_where_it_comes_from():
    task = Task(id="1-1-1", title="t", text="t")
    march = period(MARCH, Update(task="1-1-1", status=Status.in_progress))
    march_state, june_state = states(task, march, period(JUNE))
    assert (march_state.status, june_state.status) == (Status.in_progress, Status.in_progress)
    assert (march_state.carried(), june_state.carried()) == (None, "2021-03")


def test_from_the_due_date_short_of_target_is_behind_whatever_the_band():
    task = Task(id="1-1-1", title="t", text="t", targets=[TOILETS])
    verdict = rule.judge(task, {"改厕": 1960}, None, YEAR, DEC)
    assert verdict.status == Status.behind and verdict.overdue
    assert rule.judge(task, {"改厕": 1960}, None, YEAR, dt.date(2021, 12, 30)).status == Status.on_pace


def test_a_cap_broken_at_the_due_date_is_behind_and_kept_is_done():
    task = Task(id="1-1-1", title="t", text="t", targets=[JOBLESS])
    assert rule.judge(task, {"登记失业率": 3.6}, None, YEAR, DEC).status == Status.behind
    assert rule.judge(task, {"登记失业率": 3.5}, None, YEAR, DEC).status == Status.done


def test_rates_are_not_judged_by_elapsed_time():
    task = Task(id="1-1-1", title="t", text="t", targets=[RATE])
    assert rule.judge(task, {"配套率": 91}, None, YEAR, MARCH).status == Status.behind  # was 超序时进度
    assert rule.judge(task, {"配套率": 95}, None, YEAR, MARCH).status == Status.on_pace
    assert rule.judge(task, {"配套率": 95}, None, YEAR, DEC).status == Status.done


def test_the_band_edges_are_exact():
    """A share exactly 5 points above pace is ahead: exact fractions, no float rounding."""
    task = Task(
        id="1-1-1", title="t", text="t", due=dt.date(2021, 1, 21), targets=[Target(metric="x", value=100, unit="个")]
    )
    # 10 of 20 days gone: pace 50%; 55 of 100 is exactly 5 points ahead, 45 exactly 5 behind
    on = dt.date(2021, 1, 11)
    assert rule.judge(task, {"x": 55}, None, YEAR, on).status == Status.ahead
    assert rule.judge(task, {"x": 45}, None, YEAR, on).status == Status.on_pace
    assert rule.judge(task, {"x": 44.9}, None, YEAR, on).status == Status.behind
    assert rule.judge(task, {"x": 0.1 + 0.2 - 0.3 + 55}, None, YEAR, on).status == Status.ahead


def test_ongoing_work_has_no_pace_and_keeps_its_typed_status():
    task = Task(id="1-1-1", title="t", text="t", due="ongoing", targets=[TOILETS])
    assert rule.pace(task, YEAR, JUNE) is None
    assert rule.judge(task, {"改厕": 5}, Status.in_progress, YEAR, DEC).status == Status.in_progress


def test_a_task_never_reported_shows_no_report_and_exports_not_started():
    task = Task(id="1-1-1", title="t", text="t", targets=[TOILETS])
    [state] = states(task, period(JUNE))
    assert state.status == Status.no_report and state.status.data == Status.not_started
    assert state.carried() is None


def test_each_period_is_judged_against_the_plan_as_it_stood():
    """Lowering a target in August changes September's verdict, not June's."""
    task = Task.model_validate(
        {
            "id": "1-1-1",
            "title": "t",
            "text": "t",
            "targets": [{"metric": "改厕", "value": 2000, "unit": "座"}],
            "changes": [
                {
                    "date": "2021-08-01",
                    "reason": "示例：调减",
                    "targets": [{"metric": "改厕", "value": 1000, "unit": "座"}],
                }
            ],
        }
    )
    june = period(JUNE, Update(task="1-1-1", actual={"改厕": 900}))
    first, second = states(task, june, period(SEPT))
    assert first.task.targets[0].value == 2000 and first.status == Status.on_pace  # 45% against 49.5%
    assert second.task.targets[0].value == 1000 and second.status == Status.ahead  # 90% against 74.7%
    assert compute.as_planned(task).targets[0].value == 1000


def test_a_withdrawal_recorded_in_august_leaves_june_alone():
    task = Task.model_validate(
        {
            "id": "1-1-1",
            "title": "t",
            "text": "t",
            "changes": [{"date": "2021-08-01", "reason": "示例：撤销", "withdrawn": True}],
        }
    )
    june = period(JUNE, Update(task="1-1-1", status=Status.not_started))
    first, second = states(task, june, period(SEPT))
    assert (first.status, second.status) == (Status.not_started, Status.changed)
