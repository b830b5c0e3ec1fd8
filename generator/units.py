"""Departments (牵头单位 and 责任单位): which tasks each leads or supports, and what needs its attention."""

from __future__ import annotations

import dataclasses
import datetime as dt

from . import rule
from .compute import Facts, as_planned
from .model import Status, Task

SOON = dt.timedelta(days=30)  # "falls due within 30 days" of the newest report
SETTLED = (Status.done, Status.changed)


@dataclasses.dataclass(frozen=True)
class Unit:
    """One department and its tasks, as the plan now stands."""

    name: str
    leads: list[Task]
    supports: list[Task]

    @property
    def tasks(self) -> list[Task]:
        """Return every task of the unit, led ones first."""
        return self.leads + [t for t in self.supports if t not in self.leads]


def units(facts: Facts) -> dict[str, Unit]:
    """Map each unit named in the plan to its tasks, in the order the plan first names them."""
    found: dict[str, Unit] = {}
    for task in facts.plan.tasks():
        planned = as_planned(task)
        for name, role in [(planned.lead, "leads"), *((p, "supports") for p in planned.partners)]:
            if name:
                getattr(found.setdefault(name, Unit(name, [], [])), role).append(task)
    return found


def overdue(facts: Facts, task: Task) -> bool:
    """Tell whether a task's due date has passed by the newest report without it being done."""
    latest = facts.latest
    due = rule.span(as_planned(task), facts.plan.report.year)[1]
    return bool(latest and due and latest[1].as_of >= due and facts.status(task) not in SETTLED)


def needs_attention(facts: Facts, tasks: list[Task]) -> list[Task]:
    """List the tasks that are behind (滞后) or overdue."""
    return [t for t in tasks if facts.status(t) == Status.behind or overdue(facts, t)]


def due_soon(facts: Facts, tasks: list[Task]) -> list[Task]:
    """List the open tasks falling due within 30 days after the newest report."""
    if not facts.latest:
        return []
    as_of = facts.latest[1].as_of
    soon = []
    for task in tasks:
        due = rule.span(as_planned(task), facts.plan.report.year)[1]
        if due and as_of < due <= as_of + SOON and facts.status(task) not in SETTLED:
            soon.append(task)
    return soon
