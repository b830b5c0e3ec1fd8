"""Write the draft progress file for the next period (`gongkai new-period YYYY-MM`)."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import pathlib
import re

import jinja2

from . import compute
from .fmt import num
from .load import Dataset
from .model import Status

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


class ScaffoldError(Exception):
    """Raised when the draft cannot be written: bad month or file already there."""


def write_new_period(datasets: list[Dataset], data_dir: pathlib.Path, month: str, plan: str | None) -> pathlib.Path:
    """Write progress/YYYY-MM.yaml listing every task not yet done, pre-filled from the last period."""
    match = re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", month)
    if not match:
        raise ScaffoldError(f"报告期月份应写作 YYYY-MM，如 2021-12，而不是 “{month}”")
    data = _pick(datasets, int(match[1]), plan)
    path = data_dir / data.slug / "progress" / f"{month}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} 已存在，不会覆盖；如需重写，请先删除或改名")
    year, mon = int(match[1]), int(match[2])
    as_of = dt.date(year, mon, calendar.monthrange(year, mon)[1])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_draft(data, month, as_of), encoding="utf-8")
    return path


def _pick(datasets: list[Dataset], year: int, plan: str | None) -> Dataset:
    """Choose the plan a new period belongs to: the one named, the only one, or the one of that year."""
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
    """Render the draft: one entry per open task with its last values and status."""
    facts = compute.facts(data.plan, data.periods)
    entries = []
    for task in data.plan.tasks():
        state = facts.current(task)
        status = facts.status(task)
        if status == Status.done or task.withdrawn:
            continue
        typed = state.update.status if state and state.update else None
        last_update = next((s.update for s in reversed(facts.histories[task.id]) if s.update), None)
        entries.append(
            {
                "task": task,
                "actual": state.actual if state else {},
                "status": typed or (None if task.targets else status),
                "note": last_update.note if last_update else None,
            }
        )
    return ENV.get_template("period.yaml.j2").render(month=month, as_of=as_of, entries=entries, Status=Status)
