"""A small fictional plan with units, and ways to fill a 填报表 as a department would (openpyxl)."""

from __future__ import annotations

import pathlib
import re
import zipfile
from typing import Any

import openpyxl

# 示例: a made-up county; two actions, a task with two metrics, one without targets, one ongoing.
UNIT_PLAN = """\
# 示例数据：虚构的示例县计划，仅供测试。
report:
  title: 示例县2021年政府工作报告
  issuer: 示例县人民政府
  year: 2021
  source: source.txt
actions:
  - id: "1"
    title: 推进乡村振兴
    measures:
      - id: "1-1"
        title: 改善人居环境
        tasks:
          - id: "1-1-1"
            title: 改厕1500座、示范村3个
            text: 完成农村改厕1500座，建设美丽宜居示范村3个。
            lead: 示例县农业农村局
            partners: [示例县卫健局, 示例县财政局]
            targets:
              - {metric: 改厕, value: 1500, unit: 座}
              - {metric: 示范村, value: 3, unit: 个}
          - id: "1-1-2"
            title: 整治农村人居环境
            text: 整治农村人居环境。
            lead: 示例县住建局
          - id: "1-1-3"
            title: 改造老旧小区12个
            text: 上半年改造老旧小区12个。
            lead: 示例县住建局
            due: 2021-06-30
            targets:
              - {metric: 老旧小区, value: 12, unit: 个}
  - id: "2"
    title: 加强政府建设
    tasks:
      - id: "2-1"
        title: 坚持政务公开
        text: 长期坚持政务公开。
        due: ongoing
"""
UNIT_SOURCE = (
    "一、推进乡村振兴\n改善人居环境。完成农村改厕1500座，建设美丽宜居示范村3个。整治农村人居环境。"
    "上半年改造老旧小区12个。\n二、加强政府建设\n长期坚持政务公开。\n"
)
UNIT_PERIOD = """\
# 示例数据
as_of: 2021-03-31
published: 2021-04-10
demo: true
updates:
  - task: 1-1-1
    actual: {改厕: 300, 示范村: 0}
    note: 示例：一季度开工。
  - task: 1-1-2
    status: 推进中
"""


def header_columns(ws: Any) -> tuple[int, dict[str, int]]:
    """Find the header row of a 填报表 sheet as a person would: the row that says 任务编号."""
    for row in ws.iter_rows(min_row=1, max_row=10):
        names = {str(c.value): c.column for c in row if c.value}
        if "任务编号" in names:
            return row[0].row, names
    raise AssertionError("no header row")


def task_rows(ws: Any, top: int, col: int) -> dict[str, list[int]]:
    """Map each task ID to its rows, reading merged ID cells as one person would see them."""
    rows: dict[str, list[int]] = {}
    current = None
    for r in range(top + 1, ws.max_row + 1):
        value = ws.cell(r, col).value
        if value:
            current = str(value)
        merged = any(r in range(m.min_row, m.max_row + 1) and m.min_col == col for m in ws.merged_cells.ranges)
        if value or merged:
            rows.setdefault(current, []).append(r)
    return rows


def fill(
    source: pathlib.Path,
    target: pathlib.Path,
    values: dict[tuple[str, str, int], Any],
    merge: list[tuple[str, str]] = (),
) -> None:
    """Fill a 填报表 like a department: values by (task ID, header, row of the task); merge cells over a task's rows."""
    book = openpyxl.load_workbook(source)
    ws = book.worksheets[0]
    top, cols = header_columns(ws)
    rows = task_rows(ws, top, cols["任务编号"])
    for task_id, header in merge:
        first, last = rows[task_id][0], rows[task_id][-1]
        for rng in list(ws.merged_cells.ranges):
            if rng.min_col == cols[header] and rng.min_row == first:
                ws.unmerge_cells(str(rng))
        ws.merge_cells(start_row=first, end_row=last, start_column=cols[header], end_column=cols[header])
    for (task_id, header, i), value in values.items():
        ws.cell(rows[task_id][i], cols[header], value)
    book.save(target)


def declare_wrong_dimension(path: pathlib.Path) -> None:
    """Rewrite a workbook the way WPS saves some: every sheet declares its dimension as A1 only."""
    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, content in items:
            if info.filename.startswith("xl/worksheets/sheet"):
                content = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', content)
                assert b'<dimension ref="A1"/>' in content
            archive.writestr(info, content)
