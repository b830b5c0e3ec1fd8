"""Check a progress file against its name, the plan and the periods before it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Collection

from pydantic import TypeAdapter, ValidationError

from . import reminders, rule
from .compute import as_planned
from .fmt import number
from .model import TYPED, Date, Period, Plan, Status, Task, Update
from .problems import Path, Problem, did_you_mean, field_name, visible, warning
from .yamlfile import Located

PERIOD_NAME = re.compile(r"(\d{4})-(\d{2})\.ya?ml", re.IGNORECASE)


@dataclasses.dataclass
class Previous:
    """What the periods checked so far reported: the values each task carries, and its last report."""

    values: dict[str, dict[str, float]] = dataclasses.field(default_factory=dict)  # task → metric → value
    reports: dict[str, tuple[str, Update]] = dataclasses.field(default_factory=dict)  # task → (period, update)

    def remember(self, name: str, period: Period) -> None:
        """Keep each task's report in this period (a draft entry is none) for the periods after it."""
        for update in period.updates:
            if not update.draft:
                self.reports[update.task] = (name, update)


def check_period(
    filename: str,
    period: Period,
    src: Located,
    plan: Plan | None,
    previous: Previous,
    today: dt.date | None = None,
) -> list[Problem]:
    """Check a period's dates against its file name, then each of its updates."""
    problems: list[Problem] = reminders.period_dates(period, src, plan.report.year if plan else None, today)
    match = PERIOD_NAME.fullmatch(filename)
    if match and (period.as_of.year, period.as_of.month) != (int(match[1]), int(match[2])):
        message = f"数据截至日期 {period.as_of} 不在文件名所示的 {match[1]} 年 {int(match[2])} 月内；请改日期或改文件名"
        problems.append(src.problem(("as_of",), "as_of", message))
    if period.published < period.as_of:
        problems.append(src.problem(("published",), "published", "发布日期不能早于数据截至日期 as_of"))
    if plan is None:
        return problems
    problems += check_updates(list(enumerate(period.updates)), period.as_of, src, plan, previous)
    previous.remember(filename.split(".")[0], period)
    return problems


def check_valid_updates(src: Located, plan: Plan) -> list[Problem]:
    """Check the updates that are valid on their own in a file that is not, so one typo hides nothing."""
    data = src.data if isinstance(src.data, dict) else {}
    items = data.get("updates")
    updates = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        try:
            updates.append((i, Update.model_validate(item)))
        except ValidationError:
            continue  # already reported when the whole file was validated; its task is checked below
    try:
        as_of: dt.date | None = TypeAdapter(Date).validate_python(data.get("as_of"))
    except ValidationError:
        as_of = None
    valid = {i for i, _ in updates}
    known = {t.id for t in plan.tasks()}
    return check_updates(updates, as_of, src, plan, Previous()) + check_known_tasks(src, known, skip=valid)


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
            problems.append(src.problem(path, field_name(path, src.data), message))
            continue
        if update.task in seen:
            message = f"任务 {update.task} 在本期出现了两次（第 {seen[update.task]} 行已写过）；每期每个任务只写一次"
            problems.append(src.problem(path, field_name(path, src.data), message))
        seen.setdefault(update.task, src.where(path)[0])
        planned = as_planned(task, as_of) if as_of else task
        if update.draft:
            problems += _check_metric_names(update, planned, src, ("updates", i))
            problems += _check_draft(update, planned, src, ("updates", i), previous)
        else:
            problems += _check_update(update, planned, as_of, plan.report.year, src, ("updates", i), previous)
    return problems


def _check_draft(update: Update, task: Task, src: Located, path: Path, previous: Previous) -> list[Problem]:
    """A draft entry is no report: warn that it is not filled in, or stop one filled in but still marked."""
    where = (*path, "draft")
    filled = _filled_in(update, previous.values.get(task.id, {}), previous.reports.get(task.id))
    if filled:
        message = (
            f"这一项已经填写了 {'、'.join(filled)}，但仍标着 draft: true（草稿），网站不会显示这些内容；"
            "填写完成请删除 draft: true 这一行"
        )
        return [src.problem(where, field_name(where, src.data), message)]
    message = (
        "还没有填写（仍标着 draft: true）：网站上本期显示为“本期未更新”，沿用上一期的数据；"
        "填写后请删除 draft: true 这一行，本期确无进展的可以不改"
    )
    return [warning(src.problem(where, field_name(where, src.data), message))]


def _filled_in(update: Update, values: dict[str, float], last: tuple[str, Update] | None) -> list[str]:
    """Name what a draft entry says that the last report did not say."""
    before = last[1] if last else None
    filled = [f"actual.{visible(m)}" for m, v in update.actual.items() if values.get(m) != v]
    if update.status is not None and update.status != (before.status if before else None):
        filled.append("status")
    for name in ("note", "reason", "restated"):
        if getattr(update, name) is not None and getattr(update, name) != (getattr(before, name) if before else None):
            filled.append(name)
    if update.evidence and update.evidence != (before.evidence if before else []):
        filled.append("evidence")
    return filled


def _check_update(
    update: Update, task: Task, as_of: dt.date | None, year: int, src: Located, path: Path, previous: Previous
) -> list[Problem]:
    """Check one update's metrics, status and values against the plan and the last period."""
    problems = _check_metric_names(update, task, src, path)
    status_path = (*path, "status")
    if update.status is None and rule.span(task, year)[1] is None:
        message = f"任务 {task.id} 为长期坚持的工作（due: ongoing），不计序时进度，必须写 status；允许：{_allowed()}"
        problems.append(src.problem(path, field_name(status_path, src.data), message))
    elif update.status is None and not task.targets:
        message = f"任务 {task.id} 没有目标值，无法由数字算出状态，必须写 status；允许：{_allowed()}"
        problems.append(src.problem(path, field_name(status_path, src.data), message))
    if update.status == Status.changed and not update.reason:
        message = "状态为“已调整”时必须写 reason，说明调整或撤销的原因"
        problems.append(src.problem(status_path, field_name((*path, "reason"), src.data), message))
    problems += reminders.same_note(update, previous.reports.get(task.id), src, path)
    problems += reminders.fraction_of_percent(update, task, src, path)
    values = previous.values.get(task.id, {}) | update.actual  # a metric not reported keeps its last value
    computed = rule.judge_numbers(task, values, year, as_of) if as_of else None
    if update.status and computed and not rule.agrees(update.status, computed.status) and not update.reason:
        message = (
            f"所写状态“{update.status.label}”与实际值算出的“{computed.status.label}”不符；"
            "请改正状态或实际值，或在 reason 中说明原因"
        )
        problems.append(src.problem(status_path, field_name(status_path, src.data), message))
    return problems + _check_cumulative(update, task, src, path, previous)


def _allowed() -> str:
    return "、".join(s.label for s in TYPED)


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
            problems.append(src.problem(where, field_name(where, src.data), message, key=True))
    return problems


def _check_cumulative(update: Update, task: Task, src: Located, path: Path, previous: Previous) -> list[Problem]:
    """Check that cumulative values never go down unless the update says why (restated)."""
    problems = []
    before = previous.values.setdefault(task.id, {})
    cumulative = {t.metric for t in task.targets if t.cumulative}  # rates may go either way
    for metric, value in update.actual.items():
        if metric in cumulative and metric in before and value < before[metric] and not update.restated:
            where = (*path, "actual", metric)
            message = (
                f"累计值 {number(value)} 比上一期的 {number(before[metric])} 少；累计值不应减少，"
                "如确需更正，请在 restated 中说明原因"
            )
            problems.append(src.problem(where, field_name(where, src.data), message))
    before.update(update.actual)
    return problems


def check_known_tasks(src: Located, known: set[str], skip: Collection[int] = ()) -> list[Problem]:
    """Check each update (but those skipped) names a known task, reading the raw file: it may be invalid."""
    data = src.data if isinstance(src.data, dict) else {}
    items = data.get("updates")
    problems = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        task = item.get("task") if isinstance(item, dict) else None
        if i in skip or not isinstance(task, (str, int)) or isinstance(task, bool) or str(task).strip() in known:
            continue
        path = ("updates", i, "task")
        hint = did_you_mean(str(task).strip(), known) or "；请核对编号（形如 3-2-1）"
        message = f"plan.yaml 中没有编号为 {visible(str(task).strip())} 的任务{hint}"
        problems.append(src.problem(path, field_name(path, src.data), message))
    return problems
