"""Merge what the 填报表 workbooks say into a period's progress file, check the result, then write it.

A value the file already holds is never replaced silently: a different one is a conflict, unless
`--overwrite` says the workbooks win. The result is written to a scratch copy of the plan folder
and loaded as `gongkai validate` would before anything is replaced; a problem the loader finds is
reported at the workbook cell the value came from.
"""

from __future__ import annotations

import dataclasses
import pathlib
import shutil
import tempfile
from typing import Any

from . import compute
from .load import Dataset, load
from .model import Period, Status, Task, Update
from .problems import DataError, Path, Problem
from .scaffold import Entry, month_end, render_period
from .sheet_import import Reported, field_word, read_reports, shown
from .sheet_read import CellProblem, Where
from .yamlfile import read_yaml

TOOL = "gongkai import-sheet"


@dataclasses.dataclass(frozen=True)
class Imported:
    """The outcome of an import: the file written, what changed in it, and warnings."""

    path: pathlib.Path
    changes: list[str]
    warnings: list[str]


def import_sheets(
    data: Dataset, data_dir: pathlib.Path, month: str, files: list[tuple[pathlib.Path, str]], *, overwrite: bool
) -> Imported:
    """Read the workbooks, merge them into progress/<month>.yaml, check and write it; DataError lists every problem."""
    as_of = month_end(month)
    reports, problems, warnings = read_reports(data.plan, as_of, month, files)
    existing = dict(data.periods).get(month)
    name = f"{data.prefix}progress/{month}.yaml"
    before = compute.by_task(existing) if existing else {}
    drafts = {u.task: u for u in existing.updates if u.draft} if existing else {}  # new-period's, not filled in
    entries, changes = [], []
    for task in data.plan.tasks():
        update, report = before.get(task.id), reports.get(task.id)
        if update is None and report is None:
            if task.id in drafts:
                entries.append(_carried(task, drafts[task.id], drafted=True))  # still a draft: kept as it was
            continue
        entry = _carried(task, update) if update else Entry(task)
        if report is not None:
            said = _apply(entry, report, name, overwrite, problems)
            changes += ([f"{task.id} 新增本期进展（{report.where}）"] if update is None else []) + said
        entries.append(entry)
    if problems:
        raise DataError(problems)
    text = render_period(month, existing or Period(as_of=as_of, published=as_of), entries, TOOL, fresh=not existing)
    _check(data_dir / data.slug, data.prefix, month, text, entries, reports)
    path = data_dir / data.slug / "progress" / f"{month}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)  # the old file stays whole until the new one is complete
    return Imported(path, changes, warnings)


def _carried(task: Task, update: Update, *, drafted: bool = False) -> Entry:
    """Carry an update the file already holds (a draft entry stays marked draft: true)."""
    return Entry(
        task,
        actual=dict(update.actual),
        status=update.status,
        note=update.note,
        reason=update.reason,
        restated=update.restated,
        evidence=list(update.evidence),
        drafted=drafted,
    )


def _apply(entry: Entry, report: Reported, name: str, overwrite: bool, problems: list[Problem]) -> list[str]:
    """Put a task's workbook values into its entry; return what changed, in words."""
    changes = []
    for key, claim in report.claims.items():
        old = _get(entry, key)
        if old == claim.value:
            continue
        if old is not None and not overwrite:
            message = (
                f"任务 {entry.task.id} 的{field_word(key)}在 {name} 中已是 {shown(old)}，"
                f"这里写的是 {shown(claim.value)}；核对无误后可加 --overwrite 以填报表为准"
            )
            problems.append(claim.where.problem(message))
            continue
        said = f"{shown(old)} → {shown(claim.value)}" if old is not None else shown(claim.value)
        changes.append(f"{entry.task.id} {field_word(key)}：{said}（{claim.where}）")
        _set(entry, key, claim.value)
        entry.origin[key] = str(claim.where)
    new = [c for c in report.evidence if c.value not in entry.evidence]
    if new:
        entry.evidence = [*entry.evidence, *(c.value for c in new)]
        entry.origin["evidence"] = str(new[0].where)
        changes.append(f"{entry.task.id} 佐证材料：新增 {len(new)} 条（{new[0].where}）")
    if entry.status == Status.changed and not entry.reason and entry.note:
        entry.reason = entry.note  # the 填报表 has no column of its own for why a task was adjusted
        entry.origin["reason"] = entry.origin.get("note", "")
    return changes


def _get(entry: Entry, key: str) -> Any:
    if key.startswith("actual:"):
        return entry.actual.get(key.removeprefix("actual:"))
    return getattr(entry, key)


def _set(entry: Entry, key: str, value: Any) -> None:
    if key.startswith("actual:"):
        entry.actual[key.removeprefix("actual:")] = value
    else:
        setattr(entry, key, value)


def _check(
    plan_dir: pathlib.Path, prefix: str, month: str, text: str, entries: list[Entry], reports: dict[str, Reported]
) -> None:
    """Load the plan folder with the new file in a scratch copy; report its problems at their cells."""
    with tempfile.TemporaryDirectory(prefix="gongkai-import-") as scratch:
        copy = pathlib.Path(scratch) / "plan"
        shutil.copytree(plan_dir, copy, ignore=shutil.ignore_patterns(".*"))
        (copy / "progress").mkdir(exist_ok=True)
        target = copy / "progress" / f"{month}.yaml"
        target.write_text(text, encoding="utf-8")
        try:
            load(copy)  # the plan folder alone, as data/<plan>/ is loaded: its files are named without the prefix
        except DataError as err:
            name = f"progress/{month}.yaml"
            located = read_yaml(target, name)
            by_line: dict[int, Path] = {}
            for path, (line, _) in sorted((located.values | located.keys).items(), key=lambda kv: len(kv[0])):
                by_line[line] = path  # the deepest path on a line wins
            raise DataError(_at_cells(err.problems, by_line, name, prefix, entries, reports)) from None


def _at_cells(
    found: list[Problem],
    by_line: dict[int, Path],
    name: str,
    prefix: str,
    entries: list[Entry],
    reports: dict[str, Reported],
) -> list[Problem]:
    """Report each problem of the new file at the workbook cell its value came from, or would have."""
    out: list[Problem] = []
    for problem in found:
        path = by_line.get(problem.line, ())
        report = reports.get(entries[int(path[1])].task.id) if problem.file == name and len(path) > 1 else None
        if report is None:  # a value that stood before the import: shown where it stands, as validate would
            place = f"{prefix}{problem.file}:{problem.line}:{problem.col}"
            out.append(CellProblem(place, 0, 0, "", _said(problem)))
            continue
        where = _cell_for(report, path, problem.message)
        task_id = report.task.id
        out.append(
            where.problem(problem.message if task_id in problem.message else f"任务 {task_id}：{problem.message}")
        )
    return out


def _said(problem: Problem) -> str:
    return f"{problem.field}: {problem.message}" if problem.field else problem.message


def _cell_for(report: Reported, path: Path, message: str) -> Where:
    """Choose the cell that shows a problem: the value's own, else its column in the task's first row."""
    field = str(path[2]) if len(path) > 2 else ""
    if field == "actual" and len(path) > 3:
        key, role = f"actual:{path[3]}", "actual"
    elif field in ("status", "reason") or "status" in message:
        key, role = "status", "status"
    elif field == "evidence":
        key, role = "evidence", "evidence_title"
    elif field == "note":
        key, role = "note", "note"
    else:
        return report.where
    claim = report.claims.get(key)
    return claim.where if claim else report.columns.get(role, report.where)
