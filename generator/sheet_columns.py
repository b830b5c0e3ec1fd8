"""The columns of the 填报表 and the 分解表: their header names, the synonyms counties use, and how to find them.

`export-sheet` writes HEADERS exactly; `import-sheet` and `import-plan` find a sheet's header row by
name, accepting the synonyms below, so a workbook that a department re-typed or an office's own
分解表 is read by what its columns say, never by their position.
"""

from __future__ import annotations

import re
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell

# role → the header export-sheet writes, then the names other workbooks use for the same column
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("任务编号", "编号", "任务序号"),
    "text": ("任务内容", "工作任务", "重点任务", "具体任务", "工作内容", "任务", "主要任务", "目标任务"),
    "lead": ("牵头单位", "牵头部门", "主责单位", "牵头责任单位"),
    "partners": ("责任单位", "配合单位", "协办单位", "配合部门", "责任部门", "参与单位"),
    "due": ("完成时限", "完成时间", "时间节点", "完成期限", "时限要求", "时限"),
    "metric": ("指标", "指标名称"),
    "target": ("目标值", "年度目标值", "目标"),
    "unit": ("单位", "计量单位"),
    "previous": ("上期值", "上期完成值"),
    "actual": ("本期实际值", "实际完成值", "本期完成值", "累计完成值", "完成值", "实际值"),
    "status": ("状态", "完成状态", "进展状态", "推进状态", "进度状态"),
    "note": ("进展情况", "完成情况", "工作进展", "推进情况", "进展情况说明", "落实情况"),
    "evidence_title": ("佐证材料标题", "佐证材料", "佐证材料名称"),
    "evidence_url": ("佐证材料链接", "佐证链接", "链接", "网址"),
    "leader": ("牵头领导", "责任领导", "分管领导", "牵头县领导"),
    "category": (
        *("类别", "分类", "领域", "重点领域", "板块", "行动", "举措", "工作举措", "主要举措"),
        *("子类", "二级类别", "项目类别", "工作类别", "任务类别"),
    ),
}
SERIAL = ("序号",)  # a 序号 column is the task ID only where it holds IDs (3-2-1), not a running count
HEADERS = [names[0] for role, names in COLUMNS.items() if role not in ("leader", "category")]
FILL_IN = ("actual", "status", "note", "evidence_title", "evidence_url")  # what a department writes
HEADER_ROWS = 30  # a header row stands within the first rows, below at most a title and notes
TASK_ID = re.compile(r"[1-9][0-9]*(-[1-9][0-9]*){1,2}")  # a task's ID: action-task or action-measure-task


def header_name(value: Any) -> str:
    """Reduce a header cell to its name: no spaces or line breaks, no note in brackets, no * mark."""
    text = re.sub(r"\s+", "", str(value or ""))
    text = re.sub(r"[（(【\[].*?[）)】\]]", "", text)
    return text.strip("*：:")


ROLE_BY_NAME = {name: role for role, names in COLUMNS.items() for name in names}


def find_header(rows: list[list[Any]], needed: tuple[str, ...]) -> tuple[int, dict[str, list[int]]] | None:
    """Find the header row among the first rows: the first naming every needed role; None if none does.

    Returns the row's index and, per role, the columns naming it, left to right (a 分解表 may have
    several 类别 columns). A 序号 column counts as the ID column when the rows below it hold IDs.
    """
    for r, row in enumerate(rows[:HEADER_ROWS]):
        roles: dict[str, list[int]] = {}
        for c, cell in enumerate(row):
            role = ROLE_BY_NAME.get(header_name(cell))
            if role:
                roles.setdefault(role, []).append(c)
        if "id" not in roles:
            serial = [c for c, cell in enumerate(row) if header_name(cell) in SERIAL]
            if serial and any(_holds_ids(rows[r + 1 :], c) for c in serial[:1]):
                roles["id"] = serial[:1]
        if all(role in roles for role in needed):
            return r, roles
    return None


def _holds_ids(rows: list[list[Any]], col: int) -> bool:
    """Tell whether a column holds task IDs (3-2-1) rather than a running count (1, 2, 3)."""
    return any(col < len(row) and TASK_ID.fullmatch(str(row[col]).strip()) for row in rows)


def cell_name(row: int, col: int) -> str:
    """Name a cell the way a spreadsheet does: J12 (row and column counted from 0)."""
    return xl_rowcol_to_cell(row, col)


def expand_merged(rows: list[list[Any]], ranges: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """Give every cell of a merged range the value of its top-left cell (a merged cell belongs to each row)."""
    for (r0, c0), (r1, c1) in ranges:
        if r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            for c in range(c0, min(c1, len(rows[r]) - 1) + 1):
                rows[r][c] = value
