"""Compute facts from the model: pace (序时进度), status, each task's history, changes.

The rule is published on /methodology/; keep the two in step.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from .model import Period, Plan, Status, Target, Task, Update

TOLERANCE = 0.05  # ±5 percentage points around pace count as on pace
CHANGES_LISTED = 100  # changes per period on /updates/ and in the feed; each period's own page lists all


def span(task: Task, year: int) -> tuple[dt.date, dt.date]:
    """Return the task's start and due dates, defaulting to the plan year."""
    return task.start or dt.date(year, 1, 1), task.due or dt.date(year, 12, 31)


def pace(task: Task, year: int, as_of: dt.date) -> float:
    """Return the share of the task's span elapsed at a date, from 0 to 1."""
    start, due = span(task, year)
    total = (due - start).days
    if total <= 0:
        return 1.0 if as_of >= due else 0.0
    return min(max((as_of - start).days / total, 0.0), 1.0)


def met(target: Target, actual: float, overdue: bool) -> bool:
    """Tell whether an actual value meets a target (a ceiling only counts once due)."""
    if target.comparator == "at_most":
        return overdue and actual <= target.value
    return actual >= target.value


def computed_status(task: Task, actual: dict[str, float], year: int, as_of: dt.date) -> Status | None:
    """Derive the status from numbers; None when the task has none to go by."""
    if not task.targets or not actual:
        return None
    overdue = as_of >= span(task, year)[1]
    if all(t.metric in actual and met(t, actual[t.metric], overdue) for t in task.targets):
        return Status.done
    if any(t.comparator == "at_most" and actual.get(t.metric, 0) > t.value for t in task.targets):
        return Status.behind
    floors = [t for t in task.targets if t.comparator == "at_least"]
    if not floors:
        return Status.on_pace
    share = min(min(actual.get(t.metric, 0) / t.value, 1.0) if t.value else 1.0 for t in floors)
    if share == 0:
        return Status.not_started
    expected = pace(task, year, as_of)
    if share >= expected + TOLERANCE:
        return Status.ahead
    if share >= expected - TOLERANCE:
        return Status.on_pace
    return Status.behind


def agrees(typed: Status, computed: Status) -> bool:
    """Tell whether a status staff typed fits the one the numbers give."""
    if typed == Status.changed or typed == computed:
        return True
    return typed == Status.in_progress and computed in (Status.ahead, Status.on_pace, Status.behind)


@dataclasses.dataclass(frozen=True)
class State:
    """Where one task stands in one period."""

    period: Period
    name: str  # the period's name, e.g. 2021-06
    status: Status
    actual: dict[str, float]
    update: Update | None  # None when the task was not reported this period
    pace: float


def history(
    plan: Plan, task: Task, periods: list[tuple[str, Period]], reports: list[dict[str, Update]] | None = None
) -> list[State]:
    """Return the task's state in every period, carrying the last report forward.

    reports: each period's updates by task (see `by_task`), when the caller has them already.
    """
    states: list[State] = []
    last: Update | None = None
    for i, (name, period) in enumerate(periods):
        update = (reports[i] if reports is not None else by_task(period)).get(task.id)
        last = update or last
        actual = dict(last.actual) if last else {}
        status = state_status(plan, task, last, period.as_of)
        states.append(State(period, name, status, actual, update, pace(task, plan.report.year, period.as_of)))
    return states


def state_status(plan: Plan, task: Task, update: Update | None, as_of: dt.date) -> Status:
    """Return the status shown: a withdrawal, else the typed one, else the computed one."""
    if task.withdrawn:
        return Status.changed
    if update is None:
        return Status.not_started
    computed = computed_status(task, update.actual, plan.report.year, as_of)
    return update.status or computed or Status.in_progress


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
        """Tell whether any period shown is illustrative."""
        return any(p.demo for _, p in self.periods)

    def current(self, task: Task) -> State | None:
        """Return where a task stands in the newest period."""
        states = self.histories[task.id]
        return states[-1] if states else None

    def status(self, task: Task) -> Status:
        """Return a task's status in the newest period."""
        state = self.current(task)
        if state is None:
            return Status.changed if task.withdrawn else Status.not_started
        return state.status


def by_task(period: Period) -> dict[str, Update]:
    """Map task IDs to their update in a period (the first, should one be listed twice)."""
    reports: dict[str, Update] = {}
    for update in period.updates:
        reports.setdefault(update.task, update)
    return reports


def facts(plan: Plan, periods: list[tuple[str, Period]]) -> Facts:
    """Compute the history of every task over every period."""
    reports = [by_task(period) for _, period in periods]  # one pass per period, not one per task
    return Facts(plan, periods, {t.id: history(plan, t, periods, reports) for t in plan.tasks()})


@dataclasses.dataclass(frozen=True)
class Change:
    """A task whose status or values moved between two periods."""

    task: Task
    before: State | None  # None for the first period
    after: State


def changes(facts: Facts) -> list[tuple[str, Period, list[Change]]]:
    """List, per period, every task whose status or values changed since the period before."""
    out = []
    for i, (name, period) in enumerate(facts.periods):
        moved = []
        for task in facts.plan.tasks():
            states = facts.histories[task.id]
            before, after = (states[i - 1] if i else None), states[i]
            old = (before.status, before.actual) if before else (Status.not_started, {})
            if (after.status, after.actual) != old:
                moved.append(Change(task, before, after))
        out.append((name, period, moved))
    return out
