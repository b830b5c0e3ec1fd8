"""Write progress-file drafts: the next period's (`gongkai new-period YYYY-MM`) and imported ones.

One template writes both, so a draft `import-sheet` writes reads like one `new-period` writes.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import json
import pathlib
import re

import jinja2

from . import compute, rule
from .fmt import num
from .load import Dataset
from .model import MAX_NOTE_LENGTH, Evidence, Period, Status, Task

ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    autoescape=False,  # YAML, not HTML: every value goes through the `q` filter instead
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)
ENV.filters["q"] = lambda value: json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string
ENV.filters["num"] = num
MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


class ScaffoldError(Exception):
    """Raised when the draft cannot be written: bad month or file already there."""


@dataclasses.dataclass
class Entry:
    """One task's update as a draft writes it."""

    task: Task
    actual: dict[str, float | None] = dataclasses.field(default_factory=dict)  # None: never reported, left empty
    status: Status | None = None
    note: str | None = None
    reason: str | None = None
    restated: str | None = None
    evidence: list[Evidence] = dataclasses.field(default_factory=list)
    drafted: bool = False  # a new-period entry: marked draft: true, carrying what the task stands on
    needs_status: bool = False  # a task without numbers (or ongoing): an empty status is left to fill in
    origin: dict[str, str] = dataclasses.field(default_factory=dict)  # "actual:<metric>", "status" … → where from


def check_month(month: str) -> str:
    """Return a period's month if written YYYY-MM, else raise ScaffoldError."""
    if not MONTH.fullmatch(month):
        raise ScaffoldError(f"报告期月份应写作 YYYY-MM，如 2021-12，而不是 “{month}”")
    return month


def month_end(month: str) -> dt.date:
    """Return the last day of a month written YYYY-MM: a period's as_of."""
    year, mon = int(month[:4]), int(month[5:7])
    return dt.date(year, mon, calendar.monthrange(year, mon)[1])


def write_new_period(datasets: list[Dataset], data_dir: pathlib.Path, month: str, plan: str | None) -> pathlib.Path:
    """Write progress/YYYY-MM.yaml listing every task not yet done, each a draft entry carrying its last values."""
    data = pick_plan(datasets, int(check_month(month)[:4]), plan)
    path = data_dir / data.slug / "progress" / f"{month}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} 已存在，不会覆盖；如需重写，请先删除或改名")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_draft(data, month, month_end(month)), encoding="utf-8")
    return path


def pick_plan(datasets: list[Dataset], year: int | None, plan: str | None) -> Dataset:
    """Choose the plan a period belongs to: the one named, the only one, or the one of that year."""
    if plan is not None:
        found = [d for d in datasets if d.slug == plan]
    elif len(datasets) == 1:
        found = datasets
    else:
        found = [d for d in datasets if d.plan.report.year == year]
    if len(found) != 1:
        names = "、".join(d.slug for d in datasets)
        raise ScaffoldError(f"请用 --plan 指明报告期属于哪个计划（可选：{names}）")
    return found[0]


def render_draft(data: Dataset, month: str, as_of: dt.date) -> str:
    """Render the draft: one entry per open task, marked draft and carrying what the task stands on."""
    facts = compute.facts(data.plan, data.periods)
    entries = []
    for task in data.plan.tasks():
        planned = compute.as_planned(task, as_of)
        if facts.status(task) == Status.done or planned.withdrawn:
            continue
        state = facts.current(task)
        last = state.last[1] if state and state.last else None
        actual = state.actual if state else {}
        # Carry the status staff typed last (a task without numbers needs one), and its reason with it:
        # 已调整 always has one, and a status the numbers contradict is valid only with one.
        typed = last.status if last else None
        entry = Entry(
            planned,
            actual={t.metric: actual.get(t.metric) for t in planned.targets},  # never a 0 nobody reported
            status=typed,
            reason=last.reason if last and typed else None,
            drafted=True,
            needs_status=not planned.targets or rule.span(planned, data.plan.report.year)[1] is None,
        )
        entries.append(entry)
    return render_period(
        month, Period(as_of=as_of, published=as_of), entries, "gongkai new-period", fresh=True, drafted=True
    )


def render_period(
    month: str, period: Period, entries: list[Entry], tool: str, *, fresh: bool, drafted: bool = False
) -> str:
    """Render a progress file; a fresh one leaves its publishing date to fill in, a drafted one says what to change."""
    return ENV.get_template("period.yaml.j2").render(
        month=month,
        as_of=period.as_of,
        published=None if fresh else period.published,
        demo=period.demo,
        summary=period.summary,
        entries=entries,
        tool=tool,
        drafted=drafted,
        max_note=MAX_NOTE_LENGTH,
    )
