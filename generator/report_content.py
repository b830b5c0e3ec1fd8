"""What a period's 督查通报 says: counts by status and by action, lagging and overdue tasks by 牵头单位,
completed tasks, and a table per unit. `report.py` writes it as .docx and .xlsx.

Every figure comes from the same Facts as the site's progress.csv, and every number is written by
`fmt`, so the notice and the downloads cannot disagree.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from . import rule
from .compute import Facts, State
from .fmt import cn_date, cn_numeral, heading_number, num
from .model import Action, Status, Task
from .units import SETTLED

ORDER = [  # the order a 督查 notice lists statuses in: finished first, then ahead down to not started
    Status.done,
    Status.ahead,
    Status.on_pace,
    Status.in_progress,
    Status.behind,
    Status.not_started,
    Status.no_report,
    Status.changed,
]
NO_LEAD = "未明确牵头单位"
TEXT_WIDTH = 156  # mm between the margins of an A4 page: 210 − 28 − 26


@dataclasses.dataclass(frozen=True)
class Table:
    """A table of the notice: column names, widths in millimetres, rows of text."""

    header: list[str]
    widths: list[int]
    rows: list[list[str]]


@dataclasses.dataclass(frozen=True)
class Part:
    """A headed part of the notice: paragraphs, then a table, then sub-parts."""

    heading: str
    paragraphs: list[str] = dataclasses.field(default_factory=list)
    table: Table | None = None
    parts: list[Part] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True)
class Bulletin:
    """The whole notice."""

    title: str
    subtitle: str
    demo: bool
    counts: Counter[Status]  # tasks per status shown in the period, as progress.csv gives them
    parts: list[Part]


def bulletin(facts: Facts, name: str) -> Bulletin:
    """Compose the notice of one period of a plan."""
    index = [n for n, _ in facts.periods].index(name)
    period = facts.periods[index][1]
    plan = facts.plan
    states = [facts.histories[t.id][index] for t in plan.tasks()]
    counts = Counter(s.status for s in states)
    as_of = cn_date(period.as_of)
    units = any(s.task.lead for s in states)
    overview = f"截至{as_of}，{plan.report.title}确定的 {len(states)} 项任务中，{_counted(counts)}。"
    parts = [
        Part("一、总体情况", [overview, *([period.summary] if period.summary else [])], _by_action(facts, index)),
        _lagging(states, plan.report.year, units),
        Part("三、已完成任务", [] if counts[Status.done] else ["本期没有已完成的任务。"], _done_table(states, units)),
    ]
    if units:
        parts.append(Part("四、各单位任务落实情况", parts=_per_unit(states, plan.report.year)))
    return Bulletin(
        title=f"{plan.report.title}落实情况督查通报",
        subtitle=f"（{name} 报告期，数据截至{as_of}）",
        demo=period.demo,
        counts=counts,
        parts=parts,
    )


def _counted(counts: Counter[Status]) -> str:
    """Say the counts in words: 已完成 3 项，滞后 1 项 …"""
    return "，".join(f"{s.label} {counts[s]} 项" for s in ORDER if counts[s]) or "尚无任务"


def _by_action(facts: Facts, index: int) -> Table | None:
    """Count each action's tasks by status; only the statuses that occur get a column."""
    plan = facts.plan
    rows_of: list[tuple[Action, Counter[Status]]] = [
        (a, Counter(facts.histories[t.id][index].status for t in a.all_tasks())) for a in plan.actions
    ]
    shown = [s for s in ORDER if any(c[s] for _, c in rows_of)]
    if not rows_of:
        return None
    header = ["行动", "任务数", *(s.label for s in shown)]
    rows = [
        [_action_name(a, plan.report.numbering), str(sum(c.values())), *(str(c[s]) for s in shown)] for a, c in rows_of
    ]
    total = Counter(facts.histories[t.id][index].status for t in plan.tasks())
    rows.append(["合计", str(sum(total.values())), *(str(total[s]) for s in shown)])
    counts = len(shown) + 1
    width = min(20, (TEXT_WIDTH - 39) // counts)  # 13 mm at most columns: three characters a line
    return Table(header, [TEXT_WIDTH - width * counts, *[width] * counts], rows)


def _action_name(action: Action, numbering: str) -> str:
    return f"{heading_number(action.id, numbering)}{action.title}"


def _overdue(state: State, year: int) -> bool:
    """Tell whether a task's due date had come by the period without it being settled (units.overdue, any period)."""
    due = rule.span(state.task, year)[1]
    return due is not None and state.period.as_of >= due and state.status not in SETTLED


def _lagging(states: list[State], year: int, units: bool) -> Part:
    """List the lagging and overdue tasks, by 牵头单位 where the plan names them."""
    found = [s for s in states if s.status == Status.behind or _overdue(s, year)]
    heading = "二、滞后及逾期任务"
    if not found:
        return Part(heading, ["本期没有滞后或逾期的任务。"])
    said = f"共 {len(found)} 项任务滞后或已过完成时限而未完成，请各牵头单位对照整改："
    if not units:
        return Part(heading, [said], _task_table(found, year))
    groups = _by_lead(found)
    parts = [
        Part(f"（{cn_numeral(i)}）{unit}", table=_task_table(group, year)) for i, (unit, group) in enumerate(groups, 1)
    ]
    return Part(heading, [said], parts=parts)


def _by_lead(states: list[State]) -> list[tuple[str, list[State]]]:
    """Group states by their task's 牵头单位, in the order units first appear in the plan."""
    groups: dict[str, list[State]] = {}
    for state in states:
        groups.setdefault(state.task.lead or NO_LEAD, []).append(state)
    return sorted(groups.items(), key=lambda kv: kv[0] == NO_LEAD)  # tasks without a unit come last


def _task_table(states: list[State], year: int) -> Table:
    """Each task's ID, title, due date, status, numbers and latest note."""
    header = ["编号", "任务", "完成时限", "状态", "完成情况", "进展情况"]
    rows = [[s.task.id, s.task.title, _due(s.task, year), s.status.label, _numbers(s), _note(s)] for s in states]
    return Table(header, [14, 34, 22, 16, 30, 40], rows)


def _done_table(states: list[State], units: bool) -> Table | None:
    """List the completed tasks, with their 牵头单位 where the plan names units."""
    done = [s for s in states if s.status == Status.done]
    if not done:
        return None
    if not units:
        return Table(["编号", "任务", "完成情况"], [14, 88, 54], [[s.task.id, s.task.title, _numbers(s)] for s in done])
    rows = [[s.task.id, s.task.title, s.task.lead or "", _numbers(s)] for s in done]
    return Table(["编号", "任务", "牵头单位", "完成情况"], [14, 62, 36, 44], rows)


def _per_unit(states: list[State], year: int) -> list[Part]:
    """One part per 牵头单位: its counts in words and a table of its tasks."""
    parts = []
    for i, (unit, group) in enumerate(_by_lead(states), 1):
        counts = Counter(s.status for s in group)
        said = f"牵头 {len(group)} 项任务：{_counted(counts)}。"
        parts.append(Part(f"（{cn_numeral(i)}）{unit}", [said], _task_table(group, year)))
    return parts


def _due(task: Task, year: int) -> str:
    due = rule.span(task, year)[1]
    return due.isoformat() if due else "长期坚持"


def _numbers(state: State) -> str:
    """Write each target's value as reported against its target: 改厕 900/1500座."""
    parts = [f"{t.metric} {num(state.actual.get(t.metric))}/{num(t.value)}{t.unit}" for t in state.task.targets]
    return "；".join(parts) or "—"


def _note(state: State) -> str:
    """Return the task's latest note, saying which period it comes from when carried."""
    if state.update is not None:
        return state.update.note or ""
    if state.last is not None and state.last[1].note:
        return f"{state.last[1].note}（{state.last[0]} 报告）"
    return ""
