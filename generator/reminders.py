"""Warnings (提醒): values that are possible but usually a slip, printed without failing validation.

`gongkai validate` prints each as `path:line:col: 提醒: …` and exits 0; `--strict` makes them
errors. The clock is read only for the publication-date warning, and only by `validate`: the
build never depends on the day it runs.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .fmt import number
from .model import Period, Task, Update
from .problems import Path, Problem, field_name, warning
from .yamlfile import Located

FAR_YEARS = 2  # a due date this many years after the plan year is more often a typo (2201) than a plan
PERCENT_FLOOR = 10  # a percentage target from 10 % up, reported as 0.85, was meant as 85


def period_dates(period: Period, src: Located, year: int | None, today: dt.date | None) -> list[Problem]:
    """Warn about a period before its plan's year and a publication date still to come."""
    found = []
    if year is not None and period.as_of.year < year:
        message = f"数据截至日期 {period.as_of} 在计划年度 {year} 年之前；请核对年份，或确认这份进展是否放错了计划目录"
        found.append(warning(src.problem(("as_of",), "as_of", message)))
    if today is not None and period.published > today:
        message = f"发布日期 {period.published} 在今天（{today}）之后；请核对日期。提前准备、到期再发布的可以不改"
        found.append(warning(src.problem(("published",), "published", message)))
    return found


def far_due(task: Task, path: Path, year: int, src: Located) -> list[Problem]:
    """Warn about a due date years after the plan year: 2201 for 2021, or 2031 for 2021."""
    if not isinstance(task.due, dt.date) or task.due.year - year < FAR_YEARS:
        return []
    where = (*path, "due")
    message = (
        f"完成期限 {task.due} 比计划年度 {year} 年晚 {task.due.year - year} 年；请核对年份是否写错。"
        "跨年度的任务确实如此时，可以不改"
    )
    return [warning(src.problem(where, field_name(where, src.data), message))]


def same_note(update: Update, last: tuple[str, Update] | None, src: Located, path: Path) -> list[Problem]:
    """Warn about a note copied unchanged from the last report."""
    if not update.note or last is None or last[1].note != update.note:
        return []
    where = (*path, "note")
    message = (
        f"进展说明与 {last[0]} 期的完全相同；请写本期的新进展。本期确无新进展时，可删除整项任务，网站会注明沿用上期"
    )
    return [warning(src.problem(where, field_name(where, src.data), message))]


def fraction_of_percent(update: Update, task: Task, src: Located, path: Path) -> list[Problem]:
    """Warn about a rate written as a fraction (0.85) where the target is a percentage (85 %)."""
    found = []
    for target in task.targets:
        value = update.actual.get(target.metric)
        if value is None or "%" not in target.unit or target.value < PERCENT_FLOOR or not 0 < value <= 1:
            continue
        where = (*path, "actual", target.metric)
        meant = number(float(Decimal(repr(float(value))) * 100))  # 0.85 → 85, without float noise
        message = (
            f"实际值 {number(value)} 看起来是小数，而目标值是 {number(target.value)}{target.unit}；"
            f"如果是 {meant}%，请写 {meant}"
        )
        found.append(warning(src.problem(where, field_name(where, src.data), message)))
    return found
