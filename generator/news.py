"""What changed, period by period: every change to a task that a reader can see.

Status, values, notes, evidence, reasons, withdrawals and recorded plan changes all count, so
`/updates/` and the feed never hide a change the task pages show.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from .compute import Facts, State
from .fmt import num
from .model import Evidence, Period, PlanChange, Status, Target, Task

LISTED = 100  # changes per period on /updates/ and in the feed; each period's own page lists all


@dataclasses.dataclass(frozen=True)
class Moved:
    """One metric whose value moved: its target, the value before and the value now."""

    target: Target
    old: float | None
    new: float | None

    def words(self) -> str:
        """Say it the way a reader scans it: 产能 450→530 万吨."""
        return f"{self.target.metric} {num(self.old)}→{num(self.new)} {self.target.unit}"


@dataclasses.dataclass(frozen=True)
class Change:
    """A task with something new in one period."""

    task: Task  # as planned on the period's as_of
    before: State | None  # None in the first period
    after: State
    moved: list[Moved]
    note: str | None  # a note first given this period
    evidence: list[Evidence]  # evidence first listed this period
    reason: str | None  # a reason first given this period
    plan: list[PlanChange]  # plan changes that took effect since the period before

    @property
    def demo(self) -> bool:
        """Tell whether the change shows illustrative values, before or after."""
        return self.after.demo or (self.before is not None and self.before.demo)

    @property
    def status_before(self) -> Status:
        """Return the status shown the period before (尚无报告 before the first period)."""
        return self.before.status if self.before else Status.no_report

    @property
    def status_moved(self) -> bool:
        """Tell whether the status shown differs from the period before."""
        return self.status_before != self.after.status

    def words(self) -> list[str]:
        """List what changed, in words, for the feed and the change tables."""
        said = [f"状态 {self.status_before.label}→{self.after.status.label}"] if self.status_moved else []
        said += [m.words() for m in self.moved]
        said += [f"计划调整（{c.date.isoformat()}）：{c.reason}" for c in self.plan]
        said += ["新的进展说明"] if self.note else []
        said += [f"新增佐证 {len(self.evidence)} 条"] if self.evidence else []
        said += ["新的原因说明"] if self.reason else []
        return said


def changes(facts: Facts) -> list[tuple[str, Period, list[Change]]]:
    """List, per period, every task with something new since the period before."""
    out = []
    for i, (name, period) in enumerate(facts.periods):
        since = facts.periods[i - 1][1].as_of if i else None
        found = []
        for task in facts.plan.tasks():
            states = facts.histories[task.id]
            change = _change(task, states[i - 1] if i else None, states[i], since)
            if change:
                found.append(change)
        out.append((name, period, found))
    return out


def pending(facts: Facts) -> list[tuple[Task, PlanChange]]:
    """List plan changes recorded to take effect after the newest period (or with no period yet)."""
    after = facts.latest[1].as_of if facts.latest else dt.date.min
    return [(t, c) for t in facts.plan.tasks() for c in t.changes if c.date > after]


def _change(task: Task, before: State | None, after: State, since: dt.date | None) -> Change | None:
    """Compare a task's two states; None when a reader would see nothing new."""
    moved = [
        Moved(t, before.actual.get(t.metric) if before else None, after.actual.get(t.metric))
        for t in after.task.targets
        if (before.actual.get(t.metric) if before else None) != after.actual.get(t.metric)
    ]
    last = before.last[1] if before and before.last else None
    update = after.update
    note = update.note if update and update.note and update.note != (last and last.note) else None
    reason = update.reason if update and update.reason and update.reason != (last and last.reason) else None
    old_evidence = last.evidence if last else []
    evidence = [e for e in update.evidence if e not in old_evidence] if update else []
    plan = [c for c in task.changes if c.date <= after.period.as_of and (since is None or c.date > since)]
    change = Change(after.task, before, after, moved, note, evidence, reason, plan)
    return change if change.words() else None
