"""Load and validate everything under data/: the plan, the source text, every period.

All problems in all files are collected before anything fails, so staff see the whole list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
import re
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from .compute import agrees, computed_status
from .messages import problems_from
from .model import STATUS_LABELS, Date, Period, Plan, Status, Task, Update
from .problems import DataError, Path, Problem, did_you_mean, field_name, visible
from .synonyms import check as check_synonyms
from .yamlfile import Located, read_yaml

PERIOD_NAME = re.compile(r"(\d{4})-(\d{2})\.yaml")
YAML_SUFFIXES = (".yaml", ".yml")
M = TypeVar("M", bound=BaseModel)
Previous = dict[str, dict[str, float]]  # task id → metric → the last cumulative value reported


@dataclasses.dataclass(frozen=True)
class Dataset:
    """A validated data folder: the plan, its source text and its periods, oldest first."""

    plan: Plan
    source_text: str
    periods: list[tuple[str, Period]]
    lines: dict[str, tuple[str, int]]  # "task:3-2-1", "action:3", "update:2021-06:3-2-1" → (file, line)


def load(data_dir: pathlib.Path) -> Dataset:
    """Read and check a data folder, raising DataError that lists every problem."""
    problems: list[Problem] = []
    if not data_dir.is_dir():
        raise DataError([Problem(str(data_dir), 1, 1, "", "找不到这个数据目录；请用 --data 指明 plan.yaml 所在的目录")])
    plan_src, plan = _read(data_dir / "plan.yaml", "plan.yaml", Plan, problems)
    if plan and plan_src:
        problems += check_plan(plan, plan_src)
    source_text = _read_source(data_dir, plan, plan_src, problems)
    periods: list[tuple[str, Period]] = []
    previous: Previous = {}
    lines = _plan_lines(plan, plan_src) if plan and plan_src else {}
    for path in progress_files(data_dir):
        name = f"progress/{path.name}"
        src, period = _read(path, name, Period, problems)
        if src and period:
            problems += check_period(path.name, period, src, plan, previous)
            periods.append((path.stem, period))
            lines |= {
                f"update:{path.stem}:{u.task}": (name, src.where(("updates", i))[0])
                for i, u in enumerate(period.updates)
            }
        elif src and plan:
            problems += check_valid_updates(src, plan)
    problems += check_synonyms(data_dir)
    if problems or plan is None:
        raise DataError(problems)
    return Dataset(plan, source_text, periods, lines)


def _plan_lines(plan: Plan, src: Located) -> dict[str, tuple[str, int]]:
    """Remember where each action and task stands in plan.yaml, for "编辑此页" links."""
    lines = {}
    for a_i, action in enumerate(plan.actions):
        lines[f"action:{action.id}"] = (src.name, src.where(("actions", a_i))[0])
        for m_i, measure in enumerate(action.measures):
            for t_i, task in enumerate(measure.tasks):
                lines[f"task:{task.id}"] = (src.name, src.where(("actions", a_i, "measures", m_i, "tasks", t_i))[0])
    return lines


def progress_files(data_dir: pathlib.Path) -> list[pathlib.Path]:
    """List the progress files, whatever the case of their suffix (Windows writes .YAML too)."""
    folder = data_dir / "progress"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in YAML_SUFFIXES)


def _read(path: pathlib.Path, name: str, model: type[M], problems: list[Problem]) -> tuple[Located | None, M | None]:
    """Parse and validate one file, adding its problems to the list."""
    if not path.is_file():
        problems.append(Problem(name, 1, 1, "", f"找不到这个文件（应在 {path.parent} 中）"))
        return None, None
    try:
        src = read_yaml(path, name)
    except DataError as err:
        problems += err.problems
        return None, None
    if not isinstance(src.data, dict):
        problems.append(
            src.problem((), "", f"文件顶层应为一组“字段: 值”（每行形如 as_of: 2021-06-30），而不是{_kind(src.data)}")
        )
        return src, None
    try:
        return src, model.model_validate(src.data)
    except ValidationError as err:
        problems += problems_from(err, src, model)
        return src, None


def _kind(value: Any) -> str:
    """Name a YAML value's kind in words staff know."""
    if isinstance(value, list):
        return "列表（以“- ”开头的若干行）"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "一个数字"
    return "一段文字"


def _read_source(data_dir: pathlib.Path, plan: Plan | None, src: Located | None, problems: list[Problem]) -> str:
    """Read the report's text that the plan quotes, which must lie inside the data folder."""
    if plan is None or src is None:
        return ""
    path = (data_dir / plan.report.source).resolve()
    field = "report.source"
    name = visible(plan.report.source)  # quoted in a message: a line break in it must not split the line
    if not path.is_relative_to(data_dir.resolve()):
        # The text is published on the site, so a path out of data/ could publish any file.
        message = f"原文文件 {name} 不在数据目录中；请把它放进数据目录，只写文件名，如 source.txt"
        problems.append(src.problem(("report", "source"), field, message))
        return ""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        message = f"找不到原文文件 {name}；请把报告全文存为数据目录中的这个文件"
    except UnicodeDecodeError:
        message = f"原文文件 {name} 不是 UTF-8 编码；请在编辑器中“另存为 UTF-8”"
    except OSError as err:
        message = f"无法读取原文文件 {name}（{err.strerror or '读取失败'}）"
    problems.append(src.problem(("report", "source"), field, message))
    return ""


def check_plan(plan: Plan, src: Located) -> list[Problem]:
    """Check what one record cannot: unique IDs, their nesting, unique metrics."""
    problems: list[Problem] = []
    first: dict[str, int] = {}  # id → line where it was first used
    for a_i, action in enumerate(plan.actions):
        path: Path = ("actions", a_i)
        problems += _check_id(action.id, "", "行动", path, src, first)
        for m_i, measure in enumerate(action.measures):
            problems += _check_id(measure.id, action.id, "举措", (*path, "measures", m_i), src, first)
            for t_i, task in enumerate(measure.tasks):
                task_path = (*path, "measures", m_i, "tasks", t_i)
                problems += _check_id(task.id, measure.id, "任务", task_path, src, first)
                problems += _check_metrics(task, task_path, src)
    return problems


def _check_id(id_: str, parent: str, word: str, path: Path, src: Located, first: dict[str, int]) -> list[Problem]:
    """Check an ID is unused so far and nests under its parent's ID (3-2-1 under 3-2 under 3)."""
    problems = []
    id_path = (*path, "id")
    line = src.where(id_path)[0]
    if id_ in first:
        message = f"{word}编号 {id_} 重复（第 {first[id_]} 行已用过）；编号必须唯一，已发布的编号不能改作他用"
        problems.append(src.problem(id_path, field_name(id_path), message))
    first.setdefault(id_, line)
    if id_.count("-") != (parent.count("-") + 1 if parent else 0) or not id_.startswith(f"{parent}-" if parent else ""):
        example = f"{parent}-1" if parent else "1、2、3"
        message = f"{word}编号 {id_} 与所属层级不符；这里的编号应形如 {example}"
        problems.append(src.problem(id_path, field_name(id_path), message))
    return problems


def _check_metrics(task: Task, path: Path, src: Located) -> list[Problem]:
    """Check that no metric is promised twice in one task, since actual values are keyed by it."""
    problems = []
    seen: set[str] = set()
    for i, target in enumerate(task.targets):
        if target.metric in seen:
            where = (*path, "targets", i, "metric")
            message = f"指标 “{visible(target.metric)}” 在同一任务中重复；同一任务的指标名称必须各不相同"
            problems.append(src.problem(where, field_name(where), message))
        seen.add(target.metric)
    return problems


def check_period(filename: str, period: Period, src: Located, plan: Plan | None, previous: Previous) -> list[Problem]:
    """Check a period against its name, the plan and the periods before it."""
    problems: list[Problem] = []
    match = PERIOD_NAME.fullmatch(filename)
    if not match:
        problems.append(src.problem((), "", "文件名应为报告期月份加 .yaml，如 2021-06.yaml"))
    elif (period.as_of.year, period.as_of.month) != (int(match[1]), int(match[2])):
        message = f"数据截至日期 {period.as_of} 不在文件名所示的 {match[1]} 年 {int(match[2])} 月内；请改日期或改文件名"
        problems.append(src.problem(("as_of",), "as_of", message))
    if period.published < period.as_of:
        problems.append(src.problem(("published",), "published", "发布日期不能早于数据截至日期 as_of"))
    if plan is None:
        return problems
    updates = list(enumerate(period.updates))
    return problems + check_updates(updates, period.as_of, src, plan, previous)


def check_valid_updates(src: Located, plan: Plan) -> list[Problem]:
    """Check the updates that are valid on their own in a file that is not, so one typo hides nothing."""
    data = src.data if isinstance(src.data, dict) else {}
    items = data.get("updates")
    updates = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        try:
            updates.append((i, Update.model_validate(item)))
        except ValidationError:
            continue  # already reported when the whole file was validated
    try:
        as_of: dt.date | None = TypeAdapter(Date).validate_python(data.get("as_of"))
    except ValidationError:
        as_of = None
    return check_updates(updates, as_of, src, plan, {})  # a broken file's values do not count as reported


def check_updates(
    updates: list[tuple[int, Update]], as_of: dt.date | None, src: Located, plan: Plan, previous: Previous
) -> list[Problem]:
    """Check each update names a task of the plan once, then check the update itself."""
    problems: list[Problem] = []
    tasks = {t.id: t for t in plan.tasks()}
    seen: dict[str, int] = {}  # task id → line of its first update
    for i, update in updates:
        path = ("updates", i, "task")
        task = tasks.get(update.task)
        if task is None:
            hint = did_you_mean(update.task, tasks) or "；请核对编号（形如 3-2-1）"
            message = f"plan.yaml 中没有编号为 {update.task} 的任务{hint}"
            problems.append(src.problem(path, field_name(path), message))
            continue
        if update.task in seen:
            message = f"任务 {update.task} 在本期出现了两次（第 {seen[update.task]} 行已写过）；每期每个任务只写一次"
            problems.append(src.problem(path, field_name(path), message))
        seen.setdefault(update.task, src.where(path)[0])
        problems += _check_update(update, task, as_of, plan.report.year, src, ("updates", i), previous)
    return problems


def _check_update(
    update: Update, task: Task, as_of: dt.date | None, year: int, src: Located, path: Path, previous: Previous
) -> list[Problem]:
    """Check one update's metrics, status and values against the plan and the last period."""
    problems = _check_metric_names(update, task, src, path)
    status_path = (*path, "status")
    if update.status is None and not task.targets:
        allowed = "、".join(STATUS_LABELS.values())
        message = f"任务 {task.id} 没有目标值，无法由数字算出状态，必须写 status；允许：{allowed}"
        problems.append(src.problem(path, field_name(status_path), message))
    if update.status == Status.changed and not update.reason:
        message = "状态为“已调整”时必须写 reason，说明调整或撤销的原因"
        problems.append(src.problem(status_path, field_name((*path, "reason")), message))
    computed = computed_status(task, update.actual, year, as_of) if as_of else None
    if update.status and computed and not agrees(update.status, computed) and not update.reason:
        message = (
            f"所写状态“{update.status.label}”与实际值算出的“{computed.label}”不符；"
            "请改正状态或实际值，或在 reason 中说明原因"
        )
        problems.append(src.problem(status_path, field_name(status_path), message))
    return problems + _check_cumulative(update, task, src, path, previous)


def _check_metric_names(update: Update, task: Task, src: Located, path: Path) -> list[Problem]:
    """Check that every actual value names a metric the task promises."""
    problems = []
    metrics = [t.metric for t in task.targets]
    for metric in update.actual:
        if metric not in metrics:
            where = (*path, "actual", metric)
            allowed = (
                f"允许：{visible('、'.join(metrics))}" if metrics else "该任务没有目标值，请删除 actual，只写 status"
            )
            message = f"任务 {task.id} 没有指标 “{visible(metric)}”；{allowed}"
            problems.append(src.problem(where, field_name(where), message, key=True))
    return problems


def _check_cumulative(update: Update, task: Task, src: Located, path: Path, previous: Previous) -> list[Problem]:
    """Check that cumulative values never go down unless the update says why (restated)."""
    problems = []
    before = previous.setdefault(task.id, {})
    cumulative = {t.metric for t in task.targets if t.cumulative}  # rates may go either way
    for metric, value in update.actual.items():
        if metric in cumulative and metric in before and value < before[metric] and not update.restated:
            where = (*path, "actual", metric)
            message = (
                f"累计值 {value:g} 比上一期的 {before[metric]:g} 少；累计值不应减少，"
                "如确需更正，请在 restated 中说明原因"
            )
            problems.append(src.problem(where, field_name(where), message))
    before.update(update.actual)
    return problems
