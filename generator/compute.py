"""Compute facts from the model: each task's state in every period, judged by the status rule.

A metric not reported keeps its last reported value, and every period re-judges every task
against the plan as it stood on that period's as_of (rule.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Iterable
from fractions import Fraction

from . import rule
from .model import Period, Plan, Status, Task, Update


def as_planned(task: Task, on: dt.date | None = None) -> Task:
    """Return the task as the plan stood on a date (None: now), its recorded changes up to then applied."""
    changed: dict[str, object] = {}
    for change in task.changes:
        if on is not None and change.date > on:
            break
        if change.targets is not None:
            changed["targets"] = change.targets
        changed |= {f: getattr(change, f) for f in ("due", "text", "title") if getattr(change, f)}
        if change.withdrawn:
            changed["withdrawn"] = change.reason
    return task.model_copy(update=changed) if changed else task


@dataclasses.dataclass(frozen=True)
class State:
    """Where one task stands in one period."""

    period: Period
    name: str  # the period's name, e.g. 2021-06
    task: Task  # the task as planned on the period's as_of
    verdict: rule.Verdict
    actual: dict[str, float]  # each metric's last reported value
    since: dict[str, str]  # metric → the period whose report gave that value
    update: Update | None  # this period's report; None when the task was not reported in it
    last: tuple[str, Update] | None  # the latest report up to this period: (period, update)
    year: int  # the plan year, which sets default start and due dates
    demo: bool = False  # what it shows is illustrative: judged in a demo period, or carried from one

    @property
    def status(self) -> Status:
        """Return the status shown: 尚无报告 for a task nobody has reported on yet."""
        if self.last is None and self.verdict.basis == "none":
            return Status.no_report
        return self.verdict.status

    @property
    def pace(self) -> Fraction | None:
        """Return the share due by this period's as_of (序时进度), None for ongoing work."""
        return rule.pace(self.task, self.year, self.period.as_of)

    @functools.cached_property
    def why(self) -> str:
        """Return the reasons for the status in words (explain.py); a state never changes, so once is enough."""
        from .explain import words  # explain builds on State

        return words(self)

    def carried(self) -> str | None:
        """Return the earlier period a shown value or typed status comes from, if any."""
        if self.update is not None or self.last is None:
            return None
        return self.last[0]

    def carried_values(self) -> dict[str, str]:
        """Return the metrics whose value was reported in an earlier period, with that period."""
        return {m: p for m, p in self.since.items() if p != self.name}


def history(plan: Plan, task: Task, periods: list[tuple[str, Period]], reports: list[dict[str, Update]]) -> list[State]:
    """Return the task's state in every period: values carried per metric, status judged anew each time."""
    states: list[State] = []
    values: dict[str, float] = {}
    since: dict[str, str] = {}
    last: tuple[str, Update] | None = None
    year = plan.report.year
    demo = {name for name, period in periods if period.demo}
    for (name, period), report in zip(periods, reports, strict=True):
        update = report.get(task.id)
        if update is not None:
            values |= update.actual
            since |= dict.fromkeys(update.actual, name)
            last = (name, update)
        planned = as_planned(task, period.as_of)
        typed = last[1].status if last else None
        verdict = rule.judge(planned, values, typed, year, period.as_of)
        # A task nobody has reported on shows no value, demo period or not; a value carried keeps its source.
        shown = last is not None and (period.demo or last[0] in demo or not demo.isdisjoint(since.values()))
        states.append(State(period, name, planned, verdict, dict(values), dict(since), update, last, year, shown))
    return states


@dataclasses.dataclass(frozen=True)
class Facts:
    """Everything the pages and downloads show, computed once from the data."""

    plan: Plan
    periods: list[tuple[str, Period]]
    histories: dict[str, list[State]]

    @property
    def latest(self) -> tuple[str, Period] | None:
        """Return the newest period, if any."""
        return self.periods[-1] if self.periods else None

    @property
    def demo(self) -> bool:
        """Tell whether any period is illustrative (the downloads hold every period)."""
        return any(p.demo for _, p in self.periods)

    def shows_demo(self, tasks: Iterable[Task], last: int | None = None) -> bool:
        """Tell whether these tasks' states in the last periods (default: all) show illustrative values."""
        return any(s.demo for t in tasks for s in self.histories[t.id][-last if last else 0 :])

    def current(self, task: Task) -> State | None:
        """Return where a task stands in the newest period."""
        states = self.histories[task.id]
        return states[-1] if states else None

    def status(self, task: Task) -> Status:
        """Return a task's status in the newest period, as shown (尚无报告 included)."""
        state = self.current(task)
        if state is None:
            return Status.changed if as_planned(task).withdrawn else Status.no_report
        return state.status


def by_task(period: Period) -> dict[str, Update]:
    """Map task IDs to their update in a period (the first, should one be listed twice).

    A draft entry (draft: true, not filled in yet) is no report: the task counts as not updated.
    """
    reports: dict[str, Update] = {}
    for update in period.updates:
        if not update.draft:
            reports.setdefault(update.task, update)
    return reports


def facts(plan: Plan, periods: list[tuple[str, Period]]) -> Facts:
    """Compute the history of every task over every period."""
    reports = [by_task(period) for _, period in periods]  # one pass per period, not one per task
    return Facts(plan, periods, {t.id: history(plan, t, periods, reports) for t in plan.tasks()})
