"""Export the data for download: JSON Schemas, plan.json, CSV tables, per-task JSON.

Every file here is made from the same Facts as the pages, so the two cannot disagree.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .compute import Facts
from .datapackage import columns, datapackage
from .model import Period, Plan, Task

CSV_BOM = "\ufeff"  # Excel on a Chinese Windows machine reads UTF-8 only with a BOM


def schemas() -> dict[str, dict[str, Any]]:
    """Return the JSON Schema of the plan file and of a progress file, by file name."""
    out = {}
    for name, model in (("plan.schema.json", Plan), ("progress.schema.json", Period)):
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[name] = schema
    return out


def files(facts: Facts) -> dict[str, bytes]:
    """Return every download, keyed by its path under the site's data/ folder."""
    out = {f"schema/{name}": _json(schema) for name, schema in schemas().items()}
    out["plan.json"] = _json(facts.plan.model_dump(mode="json", exclude_none=True))
    out["tasks.csv"] = _csv(columns("tasks.csv"), task_rows(facts))
    out["targets.csv"] = _csv(columns("targets.csv"), target_rows(facts))
    out["progress.csv"] = _csv(columns("progress.csv"), progress_rows(facts))
    for task in facts.plan.tasks():
        out[f"tasks/{task.id}.json"] = _json(task_record(facts, task))
    out["datapackage.json"] = _json(datapackage(facts.plan, [t.id for t in facts.plan.tasks()]))
    return out


def task_record(facts: Facts, task: Task) -> dict[str, Any]:
    """Return one task with its status in every period, for tasks/<id>.json."""
    record = task.model_dump(mode="json", exclude_none=True)
    record["status"] = facts.status(task).value
    record["history"] = [
        {
            "period": s.name,
            "as_of": s.period.as_of.isoformat(),
            "status": s.status.value,
            "status_label": s.status.label,
            "actual": s.actual,
            "reported": s.update is not None,
            "demo": s.period.demo,
        }
        for s in facts.histories[task.id]
    ]
    return record


def task_rows(facts: Facts) -> list[list[Any]]:
    """One row per task with its status in the newest period."""
    year = facts.plan.report.year
    as_of = facts.latest[1].as_of.isoformat() if facts.latest else ""
    return [
        [
            t.id,
            a.id,
            m.id,
            t.title,
            t.text,
            (t.due.isoformat() if t.due else f"{year}-12-31"),
            facts.status(t).value,
            facts.status(t).label,
            as_of,
            ";".join(t.tags),
        ]
        for a in facts.plan.actions
        for m in a.measures
        for t in m.tasks
    ]


def target_rows(facts: Facts) -> list[list[Any]]:
    """One row per target."""
    return [[t.id, g.metric, g.value, g.unit, g.comparator] for t in facts.plan.tasks() for g in t.targets]


def progress_rows(facts: Facts) -> list[list[Any]]:
    """Long form: one row per period, task and metric (a row without metric for tasks without targets)."""
    rows = []
    for task in facts.plan.tasks():
        for state in facts.histories[task.id]:
            common = [state.name, state.period.as_of.isoformat(), task.id]
            tail = [state.status.value, state.status.label, str(state.period.demo).lower()]
            if not task.targets:
                rows.append([*common, "", "", "", *tail])
            for target in task.targets:
                rows.append([*common, target.metric, state.actual.get(target.metric, ""), target.unit, *tail])
    return sorted(rows, key=lambda r: (r[0], _task_key(r[2])))


def _task_key(task_id: str) -> tuple[int, ...]:
    return tuple(int(part) for part in task_id.split("-"))


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return (CSV_BOM + buffer.getvalue()).encode("utf-8")


def _cell(value: Any) -> Any:
    """Write whole numbers without a trailing .0, as the report does."""
    return f"{value:.10g}" if isinstance(value, float) else value
