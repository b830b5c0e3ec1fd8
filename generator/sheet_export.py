"""Write the 填报表: the workbook departments fill in with a period's progress (`gongkai export-sheet`).

One row per task and metric (a task without a target gets one row with 指标 empty), the cells of
one task merged over its rows. The ids and texts are locked; the columns a department fills in are
not. XlsxWriter writes it in its ordinary mode: WPS failed on files written in constant_memory mode.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import math
import pathlib
import re
import unicodedata

import xlsxwriter

from . import compute, rule
from .compute import Facts, State
from .fmt import cn_date, number
from .load import Dataset
from .model import TYPED, Status, Target, Task
from .scaffold import month_end
from .sheet_columns import HEADERS, ROLE_BY_NAME

SHEET = "填报"
NO_LEAD = "未明确牵头单位"
QUARTER = 3  # months from one report to the next when the data cannot tell: counties report quarterly
WIDTHS = {  # column widths in characters of the default font; a Chinese character takes two
    "id": 9, "text": 34, "lead": 13, "partners": 14, "due": 11, "metric": 12, "target": 9, "unit": 7,
    "previous": 9, "actual": 11, "status": 12, "note": 32, "evidence_title": 16, "evidence_url": 16,
}  # fmt: skip
WRAPPED = ("text", "lead", "partners", "metric", "note", "evidence_title", "evidence_url")
LINE_HEIGHT = 14  # points per line of 10-point text
FONT = {"font_name": "宋体", "font_size": 10, "valign": "vcenter", "border": 1}
FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\..*)?", re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class Row:
    """One task of the 填报表, with its targets and where it stood in the period before."""

    task: Task  # as planned on the period's as_of
    before: State | None  # the task's state in the newest period before this one
    due: str  # 完成时限 as the sheet shows it: a date, or 长期坚持 for ongoing work


def next_period(data: Dataset) -> str:
    """Return the period after the newest: as far on as the last two were apart, else a quarter on."""
    names = [name for name, _ in data.periods]
    if not names:
        return f"{data.plan.report.year}-{QUARTER:02d}"
    months = [int(n[:4]) * 12 + int(n[5:7]) - 1 for n in names]
    step = months[-1] - months[-2] if len(months) > 1 and months[-1] > months[-2] else QUARTER
    after = months[-1] + step
    return f"{after // 12}-{after % 12 + 1:02d}"


def rows_for(data: Dataset, facts: Facts, period: str) -> list[Row]:
    """List the tasks still open before the period, as planned on its last day."""
    as_of = month_end(period)
    earlier = [i for i, (name, _) in enumerate(facts.periods) if name < period]
    rows = []
    for task in data.plan.tasks():
        planned = compute.as_planned(task, as_of)
        before = facts.histories[task.id][earlier[-1]] if earlier else None
        if planned.withdrawn or (before is not None and before.status == Status.done):
            continue  # nothing left to report
        due = rule.span(planned, data.plan.report.year)[1]
        rows.append(Row(planned, before, due.isoformat() if due else "长期坚持"))
    return rows


def workbook(data: Dataset, period: str, rows: list[Row], unit: str | None = None) -> bytes:
    """Return the 填报表 of some tasks for a period as .xlsx bytes."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_urls": False})
    report = data.plan.report
    as_of = month_end(period)
    created = dt.datetime.combine(as_of, dt.time(), dt.UTC)  # never the clock: the same data, the same file
    book.set_properties({"title": f"{report.title}任务落实情况填报表", "author": report.issuer, "created": created})
    sheet = book.add_worksheet(SHEET)
    fmt = _formats(book)
    last = len(HEADERS) - 1
    title = f"{report.title}任务落实情况填报表" + (f"（{unit}）" if unit else "")
    sheet.merge_range(0, 0, 0, last, title, fmt["title"])
    sheet.set_row(0, 28)
    sheet.merge_range(1, 0, 1, last, _instructions(period, as_of, rows), fmt["note"])
    sheet.set_row(1, 44)
    for col, name in enumerate(HEADERS):
        sheet.write_string(2, col, name, fmt["header"])
        sheet.set_column(col, col, WIDTHS[ROLE_BY_NAME[name]])
    sheet.set_row(2, 30)
    at = 3
    for row in rows:
        at = _write_task(sheet, fmt, row, at)
    if rows:
        words = [s.label for s in TYPED]
        sheet.data_validation(
            3,
            HEADERS.index("状态"),
            at - 1,
            HEADERS.index("状态"),
            {
                "validate": "list",
                "source": words,
                "input_title": "状态",
                "input_message": "从下拉列表中选择；有目标值的任务可不填，由数字计算",
                "error_title": "状态",
                "error_message": "只能选择：" + "、".join(words),
            },
        )
        sheet.autofilter(2, 0, at - 1, last)
    _page_setup(sheet, last)
    book.close()
    return buffer.getvalue()


def _instructions(period: str, as_of: dt.date, rows: list[Row]) -> str:
    """Say which period the sheet is for and what to fill in."""
    before = next((r.before.name for r in rows if r.before is not None), None)
    previous = f"上期值为 {before} 报告的数值。" if before else ""
    return (
        f"报告期：{period}（数据截至{cn_date(as_of)}）。{previous}请填写白色各列：本期实际值（截至本期的累计数，"
        "只写阿拉伯数字）、状态（从下拉列表选择）、进展情况和佐证材料；灰色各列不要修改。没有进展的任务可以留空。"
    )


def _formats(book: xlsxwriter.Workbook) -> dict[str, xlsxwriter.format.Format]:
    """Make the cell formats: locked grey cells for what the plan says, unlocked white ones to fill in."""
    locked = {**FONT, "text_wrap": True, "bg_color": "#F2F2F2", "locked": True}
    return {
        "title": book.add_format({"font_name": "黑体", "font_size": 16, "align": "center", "valign": "vcenter"}),
        "note": book.add_format({"font_name": "宋体", "font_size": 10, "text_wrap": True, "valign": "top"}),
        "header": book.add_format({**FONT, "bold": True, "align": "center", "text_wrap": True, "bg_color": "#D9D9D9"}),
        "locked": book.add_format(locked),
        "locked_center": book.add_format({**locked, "align": "center"}),
        "open": book.add_format({**FONT, "text_wrap": True, "locked": False}),
        "open_number": book.add_format({**FONT, "locked": False, "num_format": "General"}),
    }


def _write_task(sheet: xlsxwriter.worksheet.Worksheet, fmt: dict, row: Row, at: int) -> int:
    """Write one task's rows from row `at`; return the row after them."""
    task = row.task
    targets: list[Target | None] = list(task.targets) or [None]
    values = row.before.actual if row.before else {}
    last = at + len(targets) - 1
    shared = {
        "id": (task.id, "locked_center"),
        "text": (task.text, "locked"),
        "lead": (task.lead or "", "locked"),
        "partners": ("、".join(task.partners), "locked"),
        "due": (row.due, "locked_center"),
        "status": ("", "open"),
        "note": ("", "open"),
        "evidence_title": ("", "open"),
        "evidence_url": ("", "open"),
    }
    for col, name in enumerate(HEADERS):
        role = ROLE_BY_NAME[name]
        if role in shared:
            text, style = shared[role]
            if last > at:
                sheet.merge_range(at, col, last, col, text, fmt[style])
            else:
                sheet.write_string(at, col, text, fmt[style])
    for i, target in enumerate(targets):
        previous = values.get(target.metric) if target else None
        per_row = {
            "metric": target.metric if target else "",
            "target": number(target.value) if target else "",
            "unit": target.unit if target else "",
            "previous": number(previous) if previous is not None else "",
        }
        for role, text in per_row.items():
            sheet.write_string(at + i, HEADERS.index(_header(role)), text, fmt["locked_center"])
        sheet.write_blank(at + i, HEADERS.index(_header("actual")), None, fmt["open_number"])
    height = max(2, _lines(task, targets))  # two lines at least, to leave room to write
    for i in range(len(targets)):
        sheet.set_row(at + i, math.ceil(height / len(targets)) * LINE_HEIGHT + 4)
    return last + 1


def _header(role: str) -> str:
    return next(h for h in HEADERS if ROLE_BY_NAME[h] == role)


def _lines(task: Task, targets: list[Target | None]) -> int:
    """Estimate the lines the task's longest wrapped cell needs at the column widths set."""
    cells = {"text": task.text, "lead": task.lead or "", "partners": "、".join(task.partners)}
    needed = [_width(text) / (WIDTHS[role] - 1) for role, text in cells.items()]
    needed += [len(targets) * _width(t.metric) / (WIDTHS["metric"] - 1) for t in targets if t]
    return math.ceil(max(needed, default=1))


def _width(text: str) -> int:
    """Count a text's width in columns: a Chinese character is two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _page_setup(sheet: xlsxwriter.worksheet.Worksheet, last: int) -> None:
    """Print on A4 landscape, one page wide, the header row on every page; lock all but the fill-in cells."""
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.repeat_rows(2)
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_footer("&C第 &P 页，共 &N 页")
    sheet.freeze_panes(3, 2)
    # No password: the lock only keeps a slip of the hand from changing an ID; anyone may lift it.
    sheet.protect("", {"format_columns": True, "format_rows": True, "autofilter": True})


def safe_file_name(name: str) -> str:
    """Make a unit's name a file name Windows accepts: no reserved characters or names, no trailing dot."""
    text = FORBIDDEN.sub("_", name).strip().rstrip(". ") or "_"
    return f"_{text}" if RESERVED.fullmatch(text) else text[:100]


def export(data: Dataset, out: pathlib.Path, period: str, *, by_unit: bool) -> list[pathlib.Path]:
    """Write the 填报表 for a period into a folder: one workbook, or one per 牵头单位; refuse to overwrite."""
    facts = compute.facts(data.plan, data.periods)
    rows = rows_for(data, facts, period)
    if by_unit:
        groups: dict[str, list[Row]] = {}
        for row in rows:
            groups.setdefault(row.task.lead or NO_LEAD, []).append(row)
        files = {f"{safe_file_name(unit)}.xlsx": workbook(data, period, group, unit) for unit, group in groups.items()}
    else:
        files = {f"填报表-{period}.xlsx": workbook(data, period, rows)}
    existing = [name for name in files if (out / name).exists()]
    if existing:
        raise FileExistsError("、".join(existing))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in files.items():
        path = out / name
        partial = path.with_name(f".{name}.partial")
        partial.write_bytes(content)
        partial.replace(path)  # whole or not at all
        written.append(path)
    return written
