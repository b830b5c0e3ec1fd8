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


def write_new_period(data: Dataset, data_dir: pathlib.Path, month: str) -> pathlib.Path:
    """Write progress/YYYY-MM.yaml listing every task not yet done, pre-filled from the last period."""
    match = re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", month)
    if not match:
        raise ScaffoldError(f"报告期月份应写作 YYYY-MM，如 2021-12，而不是 “{month}”")
    path = data_dir / "progress" / f"{month}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} 已存在，不会覆盖；如需重写，请先删除或改名")
    year, mon = int(match[1]), int(match[2])
    as_of = dt.date(year, mon, calendar.monthrange(year, mon)[1])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_draft(data, month, as_of), encoding="utf-8")
    return path


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
