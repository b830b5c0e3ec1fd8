"""Check plan.yaml for what one record alone cannot: IDs and their nesting, quotes, dates, changes.

Each function returns a list of Problems, located in the file staff edit, so `load` can list
every problem of every file at once.
"""

from __future__ import annotations

import datetime as dt

from . import reminders, rule
from .compute import as_planned
from .model import Action, Plan, Target, Task
from .problems import Path, Problem, field_name, visible
from .quotes import missing_quotes
from .yamlfile import Located


def check_plan(plan: Plan, src: Located, source_text: str | None) -> list[Problem]:
    """Check IDs, metrics, dates and plan changes; and, given the source text, every quote."""
    problems: list[Problem] = []
    first: dict[str, int] = {}  # id → line where it was first used
    for a_i, action in enumerate(plan.actions):
        path: Path = ("actions", a_i)
        problems += _check_id(action.id, "", "行动", path, src, first)
        for m_i, measure in enumerate(action.measures):
            problems += _check_id(measure.id, action.id, "举措", (*path, "measures", m_i), src, first)
        for task, task_path, parent in tasks_with_paths(action, path):
            problems += _check_id(task.id, parent, "任务", task_path, src, first)
            problems += _check_task(task, task_path, plan.report.year, src)
    if source_text is not None:
        problems += _check_quotes(plan, src, source_text)
    return problems


def tasks_with_paths(action: Action, path: Path) -> list[tuple[Task, Path, str]]:
    """List each task of an action with its path in the file and the ID it nests under."""
    if action.measures:
        return [
            (task, (*path, "measures", m_i, "tasks", t_i), measure.id)
            for m_i, measure in enumerate(action.measures)
            for t_i, task in enumerate(measure.tasks)
        ]
    return [(task, (*path, "tasks", t_i), action.id) for t_i, task in enumerate(action.tasks)]


def _check_id(id_: str, parent: str, word: str, path: Path, src: Located, first: dict[str, int]) -> list[Problem]:
    """Check an ID is unused so far and nests under its parent's ID (3-2-1 under 3-2 under 3)."""
    problems = []
    id_path = (*path, "id")
    line = src.where(id_path)[0]
    if id_ in first:
        message = f"{word}编号 {id_} 重复（第 {first[id_]} 行已用过）；编号必须唯一，已发布的编号不能改作他用"
        problems.append(src.problem(id_path, field_name(id_path, src.data), message))
    first.setdefault(id_, line)
    if id_.count("-") != (parent.count("-") + 1 if parent else 0) or not id_.startswith(f"{parent}-" if parent else ""):
        example = f"{parent}-1" if parent else "1、2、3"
        message = f"{word}编号 {id_} 与所属层级不符；这里的编号应形如 {example}"
        problems.append(src.problem(id_path, field_name(id_path, src.data), message))
    return problems


def _check_task(task: Task, path: Path, year: int, src: Located) -> list[Problem]:
    """Check one task: unique metrics, start before due, and its changes in date order."""
    problems = _check_metrics(task.targets, (*path, "targets"), src)
    problems += _check_span(task, path, year, src)
    problems += reminders.far_due(task, path, year, src)
    previous: dt.date | None = None
    for c_i, change in enumerate(task.changes):
        where: Path = (*path, "changes", c_i)
        if previous and change.date < previous:
            message = f"任务 {task.id} 的调整记录应按日期先后排列（{change.date} 早于上一条的 {previous}）"
            problems.append(src.problem((*where, "date"), field_name((*where, "date"), src.data), message))
        previous = change.date
        if change.targets is not None:
            problems += _check_metrics(change.targets, (*where, "targets"), src)
        problems += _check_span(as_planned(task, change.date), where, year, src, after_change=True)
        if change.due:
            problems += reminders.far_due(as_planned(task, change.date), where, year, src)
    return problems


def _check_span(task: Task, path: Path, year: int, src: Located, *, after_change: bool = False) -> list[Problem]:
    """Check that a task does not start after it is due."""
    start, due = rule.span(task, year)
    if due is None or start <= due:
        return []
    word = "调整后的" if after_change else ""
    message = f"任务 {task.id} {word}起始日期 {start} 晚于完成期限 {due}；请检查 start 和 due"
    where = (*path, "due") if after_change or task.due else (*path, "start")
    return [src.problem(where, field_name(where, src.data), message)]


def _check_metrics(targets: list[Target], path: Path, src: Located) -> list[Problem]:
    """Check that no metric is promised twice in one task, since actual values are keyed by it."""
    problems = []
    seen: set[str] = set()
    for i, target in enumerate(targets):
        if target.metric in seen:
            where = (*path, i, "metric")
            message = f"指标 “{visible(target.metric)}” 在同一任务中重复；同一任务的指标名称必须各不相同"
            problems.append(src.problem(where, field_name(where, src.data), message))
        seen.add(target.metric)
    return problems


def _check_quotes(plan: Plan, src: Located, source_text: str) -> list[Problem]:
    """Check that every task text (and every corrected text) occurs in the source text."""
    texts: dict[Path, str] = {}
    for action_i, action in enumerate(plan.actions):
        for task, path, _ in tasks_with_paths(action, ("actions", action_i)):
            corrected = [(c_i, c.text) for c_i, c in enumerate(task.changes) if c.text]
            if corrected:  # a corrected text replaces the original, which was a typing error
                c_i, text = corrected[-1]
                texts[(*path, "changes", c_i, "text")] = text
            else:
                texts[(*path, "text")] = task.text
    problems = []
    for where in missing_quotes(texts, source_text):
        task_id = _task_id(plan, where)
        message = (
            f"任务 {task_id} 的原文在原文文件 {plan.report.source} 中找不到；text 必须逐字照录报告原文"
            "（只允许把半角 , ; ( ) 写成全角 ，；（））。请对照原文改正错字、漏字或多余的空格"
        )
        problems.append(src.problem(where, field_name(where, src.data), message))
    return problems


def _task_id(plan: Plan, path: Path) -> str:
    """Return the id of the task at a path of plan.yaml."""
    action = plan.actions[int(path[1])]
    if path[2] == "measures":
        return action.measures[int(path[3])].tasks[int(path[5])].id
    return action.tasks[int(path[3])].id
