"""Export the data for download: JSON Schemas, plan.json, CSV tables, per-task JSON.

Every file here is made from the same Facts as the pages, so the two cannot disagree, and every
number is written by `fmt`, as on the pages.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .compute import Facts, State, as_planned
from .datapackage import columns, datapackage
from .fmt import number, plain
from .model import Period, Plan, Task

CSV_BOM = "\ufeff"  # Excel on a Chinese Windows machine reads UTF-8 only with a BOM
TABLES = ("tasks.csv", "targets.csv", "progress.csv")


def schemas() -> dict[str, dict[str, Any]]:
    """Return the JSON Schema of the plan file and of a progress file, by file name."""
    out = {}
    for name, model in (("plan.schema.json", Plan), ("progress.schema.json", Period)):
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[name] = schema
    return out


def files(facts: Facts) -> dict[str, bytes]:
    """Return every download of one plan, keyed by its path under the plan's data/ folder."""
    out = {f"schema/{name}": _json(schema) for name, schema in schemas().items()}
    out["plan.json"] = _json(_plain(facts.plan.model_dump(mode="json", exclude_none=True)))
    for table, rows in zip(TABLES, (task_rows(facts), target_rows(facts), progress_rows(facts)), strict=True):
        out[table] = _csv(columns(table), rows)
    for task in facts.plan.tasks():
        out[f"tasks/{task.id}.json"] = _json(task_record(facts, task))
    out["datapackage.json"] = _json(datapackage(facts.plan, [t.id for t in facts.plan.tasks()]))
    return out


def combined(plans: list[tuple[str, Facts]]) -> dict[str, bytes]:
    """Return the site-wide tables of several plans, each row led by its plan's folder."""
    out = {}
    for table, rows_of in zip(TABLES, (task_rows, target_rows, progress_rows), strict=True):
        rows = [[prefix.strip("/"), *row] for prefix, facts in plans for row in rows_of(facts)]
        out[table] = _csv(["plan", *columns(table)], rows)
    return out


def task_record(facts: Facts, task: Task) -> dict[str, Any]:
    """Return one task as planned now, with its state in every period, for tasks/<id>.json."""
    record = _plain(as_planned(task).model_dump(mode="json", exclude_none=True))
    current = facts.current(task)
    record["status"] = facts.status(task).data.value
    record["reported"] = bool(current and current.last)
    record["history"] = [
        {
            "period": s.name,
            "as_of": s.period.as_of.isoformat(),
            "status": s.status.data.value,
            "status_label": s.status.label,
            "actual": {m: plain(v) for m, v in s.actual.items()},
            "value_period": s.since,
            "reported": s.update is not None,
            "status_from": s.carried(),
            "demo": s.period.demo,
        }
        for s in facts.histories[task.id]
    ]
    return record


def task_rows(facts: Facts) -> list[list[Any]]:
    """One row per task with its status in the newest period."""
    year = facts.plan.report.year
    as_of = facts.latest[1].as_of.isoformat() if facts.latest else ""
    rows = []
    for action in facts.plan.actions:
        for measure, tasks in action.groups():
            for t in (as_planned(t) for t in tasks):
                status = facts.status(t)
                current = facts.current(t)
                rows.append(
                    [
                        t.id,
                        action.id,
                        measure.id if measure else "",
                        t.title,
                        t.text,
                        str(t.due) if t.due else f"{year}-12-31",
                        status.data.value,
                        status.label,
                        as_of,
                        ";".join(t.tags),
                        t.lead or "",
                        ";".join(t.partners),
                        _bool(bool(current and current.last)),
                    ]
                )
    return rows


def target_rows(facts: Facts) -> list[list[Any]]:
    """One row per target of the plan as it stands now."""
    tasks = [as_planned(t) for t in facts.plan.tasks()]
    return [[t.id, g.metric, number(g.value), g.unit, g.comparator] for t in tasks for g in t.targets]


def progress_rows(facts: Facts) -> list[list[Any]]:
    """Long form: one row per period, task and metric (a row without metric for tasks without targets)."""
    rows = []
    for task in facts.plan.tasks():
        for state in facts.histories[task.id]:
            common = [state.name, state.period.as_of.isoformat(), task.id]
            tail = [state.status.data.value, state.status.label, *_report_of(state), _bool(state.period.demo)]
            if not state.task.targets:
                reported = _bool(state.update is not None)
                rows.append([*common, "", "", "", reported, state.last[0] if state.last else "", *tail])
            for target in state.task.targets:
                value = state.actual.get(target.metric)
                since = state.since.get(target.metric, "")
                shown = number(value) if value is not None else ""
                rows.append([*common, target.metric, shown, target.unit, _bool(since == state.name), since, *tail])
    return sorted(rows, key=lambda r: (r[0], _task_key(r[2])))


def _report_of(state: State) -> list[str]:
    """Return the period's note and evidence URLs for a task, empty where it was not reported."""
    if state.update is None:
        return ["", ""]
    return [state.update.note or "", " ".join(e.url for e in state.update.evidence if e.url)]


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _task_key(task_id: str) -> tuple[int, ...]:
    return tuple(int(part) for part in task_id.split("-"))


def _plain(value: Any) -> Any:
    """Write whole numbers in nested data as integers (2000, not 2000.0)."""
    kind = type(value)  # JSON-mode dumps hold only these exact types; plan.json walks every value of the plan
    if kind is dict:
        return {k: _plain(v) for k, v in value.items()}
    if kind is list:
        return [_plain(v) for v in value]
    return plain(value) if kind is float else value


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return (CSV_BOM + buffer.getvalue()).encode("utf-8")
