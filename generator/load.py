"""Load and validate everything under data/: the plan, the source text, every period.

All problems in all files are collected before anything fails, so staff see the whole list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
import re
from collections import Counter
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .compute import agrees, computed_status
from .messages import problems_from
from .model import Period, Plan, Status, Task, Update
from .problems import DataError, Path, Problem
from .yamlfile import Located, read_yaml

PERIOD_NAME = re.compile(r"(\d{4})-(\d{2})\.yaml")
M = TypeVar("M", bound=BaseModel)


@dataclasses.dataclass(frozen=True)
class Dataset:
    """A validated data folder: the plan, its source text and its periods, oldest first."""

    plan: Plan
    source_text: str
    periods: list[tuple[str, Period]]

    @property
    def demo(self) -> bool:
        """Tell whether any period shown is illustrative."""
        return any(p.demo for _, p in self.periods)


def load(data_dir: pathlib.Path) -> Dataset:
    """Read and check a data folder, raising DataError that lists every problem."""
    problems: list[Problem] = []
    plan_src, plan = _read(data_dir / "plan.yaml", "plan.yaml", Plan, problems)
    if plan and plan_src:
        problems += check_plan(plan, plan_src)
    source_text = _read_source(data_dir, plan, problems)
    periods: list[tuple[str, Period]] = []
    previous: dict[str, dict[str, float]] = {}
    for path in sorted((data_dir / "progress").glob("*.y*ml")):
        name = f"progress/{path.name}"
        src, period = _read(path, name, Period, problems)
        if src and period:
            problems += check_period(path.name, period, src, plan, previous)
            periods.append((path.stem, period))
    if problems or plan is None:
        raise DataError(problems)
    return Dataset(plan, source_text, periods)


def _read(path: pathlib.Path, name: str, model: type[M], problems: list[Problem]) -> tuple[Located | None, M | None]:
    """Parse and validate one file, adding its problems to the list."""
    if not path.is_file():
        problems.append(Problem(name, 1, 1, "", "找不到这个文件"))
        return None, None
    try:
        src = read_yaml(path, name)
    except DataError as err:
        problems += err.problems
        return None, None
    if not isinstance(src.data, dict):
        problems.append(src.problem((), "", f"文件顶层应为一组“字段: 值”，而不是{type(src.data).__name__}"))
        return src, None
    try:
        return src, model.model_validate(src.data)
    except ValidationError as err:
        problems += problems_from(err, src, model)
        return src, None


def _read_source(data_dir: pathlib.Path, plan: Plan | None, problems: list[Problem]) -> str:
    """Read the report's text that the plan quotes."""
    if plan is None:
        return ""
    path = data_dir / plan.report.source
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        problems.append(Problem("plan.yaml", 1, 1, "report.source", f"无法读取原文文件 {plan.report.source}（{err}）"))
        return ""


def check_plan(plan: Plan, src: Located) -> list[Problem]:
    """Check what one record cannot: unique IDs, their nesting, unique metrics."""
    problems: list[Problem] = []
    seen: Counter[str] = Counter()
    for a_i, action in enumerate(plan.actions):
        for m_i, measure in enumerate(action.measures):
            for t_i, task in enumerate(measure.tasks):
                path = ("actions", a_i, "measures", m_i, "tasks", t_i)
                seen[task.id] += 1
                if seen[task.id] == 2:
                    problems.append(src.problem((*path, "id"), "id", f"任务编号 {task.id} 重复；编号必须唯一"))
                if not task.id.startswith(measure.id + "-") or task.id.count("-") != 2:
                    problems.append(src.problem((*path, "id"), "id", f"任务编号 {task.id} 应以所属举措编号 {measure.id}- 开头，形如 {measure.id}-1"))
                metrics = Counter(t.metric for t in task.targets)
                for metric in (m for m, n in metrics.items() if n > 1):
                    problems.append(src.problem((*path, "targets"), "targets", f"指标 “{metric}” 在同一任务中重复"))
            seen[measure.id] += 1
            if seen[measure.id] == 2 or not measure.id.startswith(action.id + "-") or measure.id.count("-") != 1:
                problems.append(src.problem(("actions", a_i, "measures", m_i, "id"), "id", f"举措编号 {measure.id} 应唯一，并以行动编号 {action.id}- 开头"))
        seen[action.id] += 1
        if seen[action.id] == 2 or "-" in action.id:
            problems.append(src.problem(("actions", a_i, "id"), "id", f"行动编号 {action.id} 应唯一，形如 1、2、3"))
    return problems


def check_period(
    filename: str, period: Period, src: Located, plan: Plan | None, previous: dict[str, dict[str, float]]
) -> list[Problem]:
    """Check a period against its name, the plan and the periods before it."""
    problems: list[Problem] = []
    match = PERIOD_NAME.fullmatch(filename)
    if not match:
        problems.append(src.problem((), "", "文件名应为报告期月份，如 2021-06.yaml"))
    elif (period.as_of.year, period.as_of.month) != (int(match[1]), int(match[2])):
        problems.append(src.problem(("as_of",), "as_of", f"数据截至日期 {period.as_of} 不在文件名所示的 {match[1]}-{match[2]} 月内"))
    if period.published < period.as_of:
        problems.append(src.problem(("published",), "published", "发布日期不能早于数据截至日期 as_of"))
    if plan is None:
        return problems
    tasks = {t.id: t for t in plan.tasks()}
    seen: set[str] = set()
    for i, update in enumerate(period.updates):
        path = ("updates", i)
        task = tasks.get(update.task)
        if task is None:
            problems.append(src.problem((*path, "task"), "task", f"plan.yaml 中没有编号为 {update.task} 的任务；请核对编号"))
            continue
        if update.task in seen:
            problems.append(src.problem((*path, "task"), "task", f"任务 {update.task} 在本期出现了两次；每期每个任务只写一次"))
        seen.add(update.task)
        problems += _check_update(update, task, period.as_of, plan.report.year, src, path, previous)
    return problems


def _check_update(
    update: Update, task: Task, as_of: dt.date, year: int, src: Located, path: Path, previous: dict[str, dict[str, float]]
) -> list[Problem]:
    """Check one update's metrics, status and values against the plan and the last period."""
    problems: list[Problem] = []
    metrics = [t.metric for t in task.targets]
    for metric in update.actual:
        if metric not in metrics:
            allowed = "、".join(metrics) or "（该任务没有目标值，请删除 actual）"
            problems.append(src.problem((*path, "actual", metric), f"actual.{metric}", f"任务 {task.id} 没有指标 “{metric}”；允许：{allowed}", key=True))
    if update.status is None and not task.targets:
        problems.append(src.problem(path, "status", f"任务 {task.id} 没有目标值，必须写状态：未启动、推进中、已完成或已调整"))
    if update.status == Status.changed and not update.reason:
        problems.append(src.problem((*path, "status"), "reason", "状态为“已调整”时必须在 reason 中说明原因"))
    computed = computed_status(task, update.actual, year, as_of)
    if update.status and computed and not agrees(update.status, computed) and not update.reason:
        problems.append(src.problem((*path, "status"), "status", f"所写状态“{update.status.label}”与数字算出的“{computed.label}”不符；请改正，或在 reason 中说明原因"))
    before = previous.setdefault(task.id, {})
    for metric, value in update.actual.items():
        if value < before.get(metric, 0) and not update.restated:
            problems.append(src.problem((*path, "actual", metric), f"actual.{metric}", f"累计值 {value:g} 比上一期的 {before[metric]:g} 少；如确需更正，请在 restated 中说明原因"))
    before.update(update.actual)
    return problems
