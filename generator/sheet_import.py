"""Read the filled 填报表 workbooks (`gongkai import-sheet`): each task's values, with the cell each came from.

Rows are matched by task ID, never by position; a sheet's columns are found by their header names.
Every value is checked by the model's own validators, so a workbook gets the same words as a
progress file; every problem is collected, located as `file!sheet!cell`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
import re
from typing import Any

from pydantic import TypeAdapter, ValidationError

from . import compute
from .fields import Number, StatusField, Url
from .fmt import number
from .model import Evidence, Plan, Status, Task
from .problems import Problem, did_you_mean, echo, visible
from .sheet_columns import TASK_ID, find_header
from .sheet_read import Sheet, Where, file_problem, read_workbook

NUMBER, STATUS, URL = TypeAdapter(Number), TypeAdapter(StatusField), TypeAdapter(Url)
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")  # a number a text cell holds: WPS often stores numbers as text
LOOKS_LIKE_ID = re.compile(r"[\d\s\-－—–]+")
DASHES = str.maketrans("－—–０１２３４５６７８９", "---0123456789")
FILLED = ("actual", "status", "note")  # a sheet with none of these columns is not a 填报表
PERIOD_NOTE = re.compile(r"报告期[:：]\s*(\d{4}-\d{2})")


@dataclasses.dataclass
class Claim:
    """One value a workbook gives, and where."""

    value: Any
    where: Where


@dataclasses.dataclass
class Reported:
    """What the workbooks say about one task this period."""

    task: Task
    where: Where  # its first ID cell
    columns: dict[str, Where]  # the cells of its first row, by role: where to show a problem with a blank one
    claims: dict[str, Claim] = dataclasses.field(default_factory=dict)  # "status", "note", "actual:<metric>"
    evidence: list[Claim] = dataclasses.field(default_factory=list)


def read_reports(
    plan: Plan, month_end: dt.date, month: str, files: list[tuple[pathlib.Path, str]]
) -> tuple[dict[str, Reported], list[Problem], list[str]]:
    """Read every workbook: each reported task's values, every problem, and warnings to print."""
    tasks = {t.id: compute.as_planned(t, month_end) for t in plan.tasks()}
    reports: dict[str, Reported] = {}
    problems: list[Problem] = []
    warnings: list[str] = []
    for path, name in files:
        found = False
        for sheet in read_workbook(path, name, problems):
            header = find_header(sheet.rows, ("id",))
            if header is None or not any(role in header[1] for role in FILLED):
                continue  # a sheet of notes, a list of units …: not a 填报表
            found = True
            warnings += _period_note(sheet, header[0], month)
            _read_sheet(sheet, header, tasks, reports, problems)
        if not found and not any(p.file == name for p in problems):
            message = "找不到填报表：没有哪张工作表的表头同时有“任务编号”和“本期实际值”“状态”“进展情况”中的一列"
            problems.append(file_problem(name, message))
    order = {task_id: i for i, task_id in enumerate(tasks)}
    return dict(sorted(reports.items(), key=lambda kv: order[kv[0]])), problems, warnings


def _period_note(sheet: Sheet, header: int, month: str) -> list[str]:
    """Warn when the sheet's title rows name another period than the one imported."""
    for r, row in enumerate(sheet.rows[:header]):
        for c, cell in enumerate(row):
            match = PERIOD_NOTE.search(str(cell))
            if match and match[1] != month:
                return [f"{sheet.at(r, c)}: 这张表写明的报告期是 {match[1]}，现导入到 {month}；请确认没有用错表"]
    return []


def _read_sheet(
    sheet: Sheet,
    header: tuple[int, dict[str, list[int]]],
    tasks: dict[str, Task],
    reports: dict[str, Reported],
    problems: list[Problem],
) -> None:
    """Read the task rows of one sheet into the reports, adding the problems found."""
    top, columns = header
    col = {role: cols[0] for role, cols in columns.items()}
    notes: dict[str, list[str]] = {}  # one task's notes in this sheet: joined, whether merged or not
    for r in range(top + 1, len(sheet.rows)):
        row = sheet.rows[r]

        def cell(role: str, r: int = r, row: list[Any] = row) -> tuple[Any, Where] | None:
            if role not in col or col[role] >= len(row) or _blank(row[col[role]]):
                return None
            return row[col[role]], sheet.at(r, col[role])

        filled = {role: found for role in (*FILLED, "evidence_title", "evidence_url") if (found := cell(role))}
        task_id = _task_id(row, col["id"], sheet.at(r, col["id"]), problems) if filled else None
        if task_id is None:
            continue  # a blank row, a title or category row, or a task nobody reported on
        if task_id not in tasks:
            hint = did_you_mean(task_id, tasks) or "；请核对编号（形如 3-2-1）"
            problems.append(sheet.at(r, col["id"]).problem(f"plan.yaml 中没有编号为 {task_id} 的任务{hint}"))
            continue
        cells = {role: sheet.at(r, c) for role, c in col.items()}
        report = reports.setdefault(task_id, Reported(tasks[task_id], sheet.at(r, col["id"]), cells))
        if "actual" in filled:
            _read_actual(report, filled["actual"], cell("metric"), problems)
        if "status" in filled:
            value, where = filled["status"]
            _claim(report, "status", _checked(STATUS, value, where, task_id, problems), where, problems)
        if "note" in filled:
            _read_note(report, filled["note"], notes.setdefault(task_id, []), problems)
        _read_evidence(report, filled.get("evidence_title"), filled.get("evidence_url"), problems)


def _read_note(report: Reported, found: tuple[Any, Where], seen: list[str], problems: list[Problem]) -> None:
    """Read a 进展情况 cell; a task's notes in one sheet add up to one note, in row order."""
    text = _text(found[0])
    if text in seen:
        return  # a merged cell, or the same words again
    seen.append(text)
    before = report.claims.get("note")
    if before is not None and before.where.file == found[1].file and before.where.sheet == found[1].sheet:
        before.value = "；".join(seen)
    else:
        _claim(report, "note", text, found[1], problems)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _task_id(row: list[Any], col: int, where: Where, problems: list[Problem]) -> str | None:
    """Return a row's task ID; None for rows without one (titles, categories, blank rows)."""
    value = row[col] if col < len(row) else None
    if isinstance(value, (dt.date, dt.datetime)):
        message = (
            f"任务编号被表格软件当成了日期（{echo(value)}）；请把这一列设为“文本”格式，照原表重新输入编号，如 3-2-1"
        )
        problems.append(where.problem(message))
        return None
    text = str(value).strip().translate(DASHES) if isinstance(value, str) else ""
    if TASK_ID.fullmatch(text):
        return text
    if text and "-" in text and LOOKS_LIKE_ID.fullmatch(text):
        problems.append(where.problem(f"{echo(value)} 不是有效的任务编号；编号形如 3-2-1（行动-举措-任务）"))
    return None


def _checked(adapter: TypeAdapter[Any], value: Any, where: Where, task_id: str, problems: list[Problem]) -> Any:
    """Validate a cell's value as the model does; on failure add the model's message and return None."""
    try:
        return adapter.validate_python(value)
    except ValidationError as err:
        problems.append(where.problem(f"任务 {task_id}：{err.errors(include_url=False)[0]['msg']}"))
        return None


def _read_actual(
    report: Reported, found: tuple[Any, Where], metric_cell: tuple[Any, Where] | None, problems: list[Problem]
) -> None:
    """Read one 本期实际值 cell, naming the task's metric it belongs to."""
    value, where = found
    if isinstance(value, str) and PLAIN_NUMBER.fullmatch(value.strip()):
        value = float(value.strip())  # a number stored as text looks the same as one in a spreadsheet
    checked = _checked(NUMBER, value, where, report.task.id, problems)
    metrics = [t.metric for t in report.task.targets]
    task_id = report.task.id
    if not metrics:
        problems.append(where.problem(f"任务 {task_id} 没有目标值，不填本期实际值；请只填状态和进展情况"))
        return
    metric = _text(metric_cell[0]) if metric_cell else (metrics[0] if len(metrics) == 1 else None)
    if metric is None:
        message = f"任务 {task_id} 有 {len(metrics)} 个指标，请在“指标”列写明这个值属于哪一个：{'、'.join(metrics)}"
        problems.append(where.problem(message))
    elif metric not in metrics:
        hint = did_you_mean(metric, metrics)
        message = f"任务 {task_id} 没有指标 “{visible(metric)}”；允许：{visible('、'.join(metrics))}{hint}"
        problems.append((metric_cell[1] if metric_cell else where).problem(message))
    elif checked is not None:
        _claim(report, f"actual:{metric}", checked, where, problems)


def _read_evidence(
    report: Reported, title: tuple[Any, Where] | None, url: tuple[Any, Where] | None, problems: list[Problem]
) -> None:
    """Read the evidence cells: one item per line, titles and links paired line by line."""
    first = title or url
    if first is None:
        return
    titles = [line.strip() for line in _text(title[0]).splitlines() if line.strip()] if title else []
    links = _text(url[0]).split() if url else []
    where = first[1]
    if len(links) > len(titles):
        message = f"填写了 {len(links)} 个佐证材料链接，但只有 {len(titles)} 个标题；每个链接都要有标题，一行一个"
        problems.append(where.problem(message))
        return
    for i, text in enumerate(titles):
        link = _checked(URL, links[i], url[1], report.task.id, problems) if url and i < len(links) else None
        if i < len(links) and link is None:
            continue  # the problem is listed
        evidence = Evidence(title=text, url=link)
        if evidence not in [e.value for e in report.evidence]:
            report.evidence.append(Claim(evidence, where))


def _claim(report: Reported, key: str, value: Any, where: Where, problems: list[Problem]) -> None:
    """Record a value for a task; a different value already given elsewhere is a conflict naming both cells."""
    if value is None:
        return
    before = report.claims.setdefault(key, Claim(value, where))
    if before.value != value:
        message = (
            f"任务 {report.task.id} 的{field_word(key)}有两个不同的值：{before.where} 写的是 {shown(before.value)}，"
            f"这里写的是 {shown(value)}；请核对后只保留一个"
        )
        problems.append(where.problem(message))


def field_word(key: str) -> str:
    """Name a field the way the 填报表 does."""
    if key.startswith("actual:"):
        return f"本期实际值（{key.split(':', 1)[1]}）"
    return {"status": "状态", "note": "进展情况"}[key]


def shown(value: Any) -> str:
    """Quote a value for a message, numbers as fmt writes them."""
    if isinstance(value, Status):
        return f"“{value.label}”"
    if isinstance(value, float):
        return number(value)
    return echo(value)


def _text(value: Any) -> str:
    """Return a cell's content as text: numbers as fmt writes them, dates as YYYY-MM-DD."""
    if isinstance(value, float):
        return number(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value).strip()
