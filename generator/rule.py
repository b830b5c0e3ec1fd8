"""The status rule: how one task is judged on one date. `/methodology/` states it; keep the two in step.

Everything here is exact: shares and pace are fractions, never floats, so a value on the edge of
the ±5-point band is judged the same on every machine.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from fractions import Fraction
from typing import Literal

from .model import ONGOING, Status, Target, Task

TOLERANCE = Fraction(5, 100)  # ±5 percentage points around pace count as on pace
Basis = Literal["withdrawn", "numbers", "typed", "none"]


@dataclasses.dataclass(frozen=True)
class Verdict:
    """A task's status on a date, and what it rests on."""

    status: Status
    basis: Basis  # withdrawn; judged from numbers; a status staff typed; nothing reported yet
    pace: Fraction | None = None  # share due by the date (序时进度), where elapsed time is the yardstick
    share: Fraction | None = None  # the slowest cumulative target's completion, where there is one
    overdue: bool = False  # the date is on or after the due date


def span(task: Task, year: int) -> tuple[dt.date, dt.date | None]:
    """Return the task's start and due dates (None for ongoing work), defaulting to the plan year."""
    due = task.due if isinstance(task.due, dt.date) else None if task.due == ONGOING else dt.date(year, 12, 31)
    return task.start or dt.date(year, 1, 1), due


def pace(task: Task, year: int, as_of: dt.date) -> Fraction | None:
    """Return the share of the task's span elapsed at a date, from 0 to 1; None for ongoing work."""
    start, due = span(task, year)
    if due is None:
        return None
    total = (due - start).days
    if total <= 0:
        return Fraction(1 if as_of >= due else 0)
    return min(max(Fraction((as_of - start).days, total), Fraction(0)), Fraction(1))


def exact(value: float) -> Fraction:
    """Read a number as the decimal staff wrote (0.1 is one tenth, not its binary neighbour)."""
    return Fraction(repr(float(value)))


def paced(target: Target) -> bool:
    """Tell whether a target is judged against elapsed time: cumulative floors are; rates and caps are not."""
    return target.cumulative and target.comparator == "at_least"


def meets(target: Target, value: float) -> bool:
    """Tell whether a value reaches a target (a floor from below, a cap from above)."""
    if target.comparator == "at_most":
        return exact(value) <= exact(target.value)
    return exact(value) >= exact(target.value)


def completion(target: Target, value: float | None) -> Fraction:
    """Return a floor's completion from 0 to 1 (a metric never reported counts as nothing done)."""
    if value is None:
        return Fraction(0)
    if not target.value:
        return Fraction(1)
    return min(exact(value) / exact(target.value), Fraction(1))


def judge(task: Task, values: dict[str, float], typed: Status | None, year: int, as_of: dt.date) -> Verdict:
    """Judge a task as planned on a date from its last values and the status last typed for it."""
    if task.withdrawn:
        return Verdict(Status.changed, "withdrawn")
    if typed == Status.changed:
        return Verdict(Status.changed, "typed")  # numbers cannot tell whether a task was adjusted
    numeric = judge_numbers(task, values, year, as_of)
    if numeric is not None:
        return numeric
    if typed is not None:
        return Verdict(typed, "typed")  # a typed status stands only where no number can judge it
    return Verdict(Status.not_started, "none")


def judge_numbers(task: Task, values: dict[str, float], year: int, as_of: dt.date) -> Verdict | None:
    """Judge a task from its numbers; None where no number can judge it."""
    _, due = span(task, year)
    if due is None or not any(t.metric in values for t in task.targets):
        return None  # ongoing work has no pace; a task with nothing reported has no numbers
    overdue = as_of >= due
    expected = pace(task, year, as_of)
    floors = [t for t in task.targets if paced(t)]
    share = min((completion(t, values.get(t.metric)) for t in floors), default=None)
    verdict = functools.partial(Verdict, basis="numbers", pace=expected, share=share, overdue=overdue)

    def met(t: Target) -> bool:
        return t.metric in values and meets(t, values[t.metric])

    # A cumulative floor reached is reached for good; a rate or cap holds only once the due date comes.
    if all(met(t) for t in task.targets) and (overdue or all(paced(t) for t in task.targets)):
        return verdict(Status.done)
    if overdue:
        return verdict(Status.behind)  # from the due date on, anything short of the target is behind
    if any(t.metric in values and not paced(t) and not met(t) for t in task.targets):
        return verdict(Status.behind)  # a rate below its target, or a cap broken, is off track now
    if share is None:
        return verdict(Status.on_pace)  # only rates and caps, all on track
    if share == 0:
        return verdict(Status.not_started)
    assert expected is not None  # a task with a due date has a pace
    if share >= expected + TOLERANCE:
        return verdict(Status.ahead)
    if share >= expected - TOLERANCE:
        return verdict(Status.on_pace)
    return verdict(Status.behind)


def agrees(typed: Status, computed: Status) -> bool:
    """Tell whether a status staff typed fits the one the numbers give."""
    if typed == Status.changed or typed == computed:
        return True
    return typed == Status.in_progress and computed in (Status.ahead, Status.on_pace, Status.behind)
