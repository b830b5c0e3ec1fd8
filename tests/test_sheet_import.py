"""`gongkai import-sheet`: filled workbooks (.xlsx from Excel or WPS, .xls, .ods) become a progress file."""

from __future__ import annotations

import csv
import io
import re
import shutil

import openpyxl
import pytest
import xlwt
import yaml
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P

from generator.cli import main
from generator.load import load
from generator.site import generate
from tests.sheet_helpers import UNIT_PERIOD, UNIT_PLAN, UNIT_SOURCE, declare_wrong_dimension, fill


@pytest.fixture
def units_data(make_data):
    return make_data(UNIT_PLAN, {"2021-03.yaml": UNIT_PERIOD}, source=UNIT_SOURCE)


@pytest.fixture
def blank(units_data, tmp_path):
    """The 填报表 for 2021-06 as export-sheet writes it."""
    assert main(["export-sheet", "--data", str(units_data), "--out", str(tmp_path / "out")]) == 0
    return tmp_path / "out" / "填报表-2021-06.xlsx"


def run_import(data, *files, extra=()) -> int:
    return main(["import-sheet", "2021-06", *map(str, files), "--data", str(data), *extra])


def progress(data) -> dict:
    return yaml.safe_load((data / "progress" / "2021-06.yaml").read_text(encoding="utf-8"))


def updates(data) -> dict[str, dict]:
    return {u["task"]: u for u in progress(data)["updates"]}


# A department's answers: 1-1-1's note merged over its two metric rows, statuses typed as the drop-down offers.
FILLED = {
    ("1-1-1", "本期实际值", 0): 900,
    ("1-1-1", "本期实际值", 1): 2,
    ("1-1-1", "进展情况", 0): "示例：已完成改厕900座，示范村2个。",
    ("1-1-2", "状态", 0): "推进中",
    ("1-1-2", "进展情况", 0): "示例：清理垃圾堆。",
    ("1-1-3", "本期实际值", 0): 12,
    ("1-1-3", "状态", 0): "已完成",
    ("1-1-3", "佐证材料标题", 0): "示例：竣工验收通知",
    ("1-1-3", "佐证材料链接", 0): "https://www.example.gov.cn/notice/1",
}


def test_round_trip_export_fill_import_build(units_data, blank, tmp_path, capsys):
    filled = tmp_path / "住建局.xlsx"
    fill(blank, filled, FILLED, merge=[("1-1-1", "进展情况")])
    capsys.readouterr()
    assert run_import(units_data, filled) == 0
    out = capsys.readouterr().out
    assert "1-1-1 本期实际值（改厕）：900（住建局.xlsx!填报!J4）" in out.replace(str(tmp_path) + "/", "")
    got = updates(units_data)
    assert got["1-1-1"]["actual"] == {"改厕": 900, "示范村": 2}
    assert got["1-1-1"]["note"] == "示例：已完成改厕900座，示范村2个。"  # the merged cell belongs to both rows, once
    assert got["1-1-2"] == {"task": "1-1-2", "status": "推进中", "note": "示例：清理垃圾堆。"}
    assert got["1-1-3"]["evidence"] == [{"title": "示例：竣工验收通知", "url": "https://www.example.gov.cn/notice/1"}]
    assert "2-1" not in got  # nothing filled in: not reported, its last state carries
    text = (units_data / "progress" / "2021-06.yaml").read_text(encoding="utf-8")
    assert "住建局.xlsx!填报!J4" in text  # each value says which cell it came from
    assert progress(units_data)["as_of"].isoformat() == "2021-06-30"
    assert main(["validate", "--data", str(units_data)]) == 0
    site = generate(units_data)
    rows = list(csv.DictReader(io.StringIO(site.files["data/progress.csv"].decode("utf-8-sig"))))
    shown = {(r["task_id"], r["metric"]): r for r in rows if r["period"] == "2021-06"}
    assert shown[("1-1-1", "改厕")]["value"] == "900" and shown[("1-1-3", "老旧小区")]["status_label"] == "已完成"
    page = site.pages["tasks/1-1-1.md"].html
    assert re.search(r'<td data-label="[^"]+">900座</td>', page) and "示例：已完成改厕900座，示范村2个。" in page


def test_wps_xls_and_ods_workbooks_read_alike(units_data, blank, tmp_path):
    """The same answers in a WPS-saved .xlsx (wrong dimension), an .xls and an .ods give the same file."""
    wps = tmp_path / "wps.xlsx"
    fill(blank, wps, FILLED, merge=[("1-1-1", "进展情况")])
    declare_wrong_dimension(wps)
    assert run_import(units_data, wps) == 0
    expected = updates(units_data)
    rows = table_of(wps)
    for name, writer in (("a.xls", write_xls), ("a.ods", write_ods)):
        (units_data / "progress" / "2021-06.yaml").unlink()
        writer(tmp_path / name, rows)
        assert run_import(units_data, tmp_path / name) == 0, name
        assert updates(units_data) == expected, name


def table_of(path) -> list[list]:
    """Read a workbook's first sheet as rows, merged cells noted as (value, rows spanned)."""
    ws = openpyxl.load_workbook(path).worksheets[0]
    spans = {
        (m.min_row, m.min_col): m.max_row - m.min_row + 1 for m in ws.merged_cells.ranges if m.min_col == m.max_col
    }
    return [
        [(c.value, spans.get((c.row, c.column), 1)) for c in row] for row in ws.iter_rows(min_row=1, max_row=ws.max_row)
    ]


def write_xls(path, rows) -> None:
    book = xlwt.Workbook()
    sheet = book.add_sheet("填报")
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        for c, (value, span) in enumerate(row):
            if (r, c) in covered:
                continue
            if span > 1:
                sheet.write_merge(r, r + span - 1, c, c, "" if value is None else value)
                covered |= {(r + i, c) for i in range(1, span)}
            elif value is not None:
                sheet.write(r, c, value)
    book.save(str(path))


def write_ods(path, rows) -> None:
    doc = OpenDocumentSpreadsheet()
    table = Table(name="填报")
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        tr = TableRow()
        for c, (value, span) in enumerate(row):
            if (r, c) in covered:
                tr.addElement(CoveredTableCell())
                continue
            attrs = {"numberrowsspanned": span} if span > 1 else {}
            covered |= {(r + i, c) for i in range(1, span)}
            if isinstance(value, (int, float)):
                cell = TableCell(valuetype="float", value=value, **attrs)
            else:
                cell = TableCell(valuetype="string", **attrs)
            if value is not None:
                cell.addElement(P(text=str(value)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))


def test_bad_cells_are_all_listed_with_file_sheet_and_cell(units_data, blank, tmp_path, capsys):
    one, two = tmp_path / "农业农村局.xlsx", tmp_path / "住建局.xlsx"
    fill(
        blank,
        one,
        {("1-1-1", "本期实际值", 0): "约3000", ("1-1-2", "状态", 0): "差不多了", ("1-1-3", "本期实际值", 0): 10},
    )
    fill(blank, two, {("1-1-3", "本期实际值", 0): 11})
    book = openpyxl.load_workbook(two)
    ws = book.worksheets[0]
    ws.cell(ws.max_row + 1, 1, "1-1-9")  # an ID the plan does not have, with a value
    ws.cell(ws.max_row, 10, 5)
    book.save(two)
    before = sorted((units_data / "progress").iterdir())
    capsys.readouterr()
    assert run_import(units_data, one, two) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert any(
        line.endswith(
            "农业农村局.xlsx!填报!J4: 任务 1-1-1：“约3000” 不是数字；只写阿拉伯数字，不带逗号和单位，如 2000 或 1.2"
        )
        for line in lines
    ), err
    assert any("农业农村局.xlsx!填报!K6: 任务 1-1-2：未知状态 “差不多了”" in line for line in lines), err
    assert any(
        "住建局.xlsx!填报!J7: 任务 1-1-3 的本期实际值（老旧小区）有两个不同的值" in line
        and "农业农村局.xlsx!填报!J7 写的是 10" in line
        for line in lines
    ), err
    assert any(
        "住建局.xlsx!填报!A" in line and "plan.yaml 中没有编号为 1-1-9 的任务；您是不是想写 “1-1-" in line
        for line in lines
    ), err
    assert lines[-1] == "共 4 个问题，请逐条改正后再试。"
    assert sorted((units_data / "progress").iterdir()) == before  # nothing written


def test_merging_into_an_existing_file_reports_conflicts_unless_overwrite(units_data, blank, tmp_path, capsys):
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    fill(blank, first, {("1-1-1", "本期实际值", 0): 900, ("1-1-2", "状态", 0): "推进中"})
    fill(blank, second, {("1-1-1", "本期实际值", 0): 950, ("1-1-1", "本期实际值", 1): 2})
    assert run_import(units_data, first) == 0
    path = units_data / "progress" / "2021-06.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("published: 2021-06-30", "published: 2021-07-08"), encoding="utf-8"
    )
    before = path.read_bytes()
    capsys.readouterr()
    assert run_import(units_data, second) == 1
    err = capsys.readouterr().err
    assert (
        "second.xlsx!填报!J4: 任务 1-1-1 的本期实际值（改厕）在 progress/2021-06.yaml 中已是 900，这里写的是 950" in err
    )
    assert path.read_bytes() == before
    assert run_import(units_data, second, extra=["--overwrite"]) == 0
    out = capsys.readouterr().out
    assert "1-1-1 本期实际值（改厕）：900 → 950" in out and "1-1-1 本期实际值（示范村）：2" in out
    got = progress(units_data)
    assert str(got["published"]) == "2021-07-08"  # what the clerk set stays
    assert {u["task"]: u for u in got["updates"]}["1-1-1"]["actual"] == {"改厕": 950, "示范村": 2}
    assert {u["task"]: u for u in got["updates"]}["1-1-2"]["status"] == "推进中"  # kept from the first import


def test_a_problem_the_loader_finds_is_shown_at_its_cell(units_data, blank, tmp_path, capsys):
    """A task without targets needs a status: reported at the 状态 cell of its row, nothing written."""
    filled = tmp_path / "a.xlsx"
    fill(blank, filled, {("1-1-2", "进展情况", 0): "示例：有进展。", ("1-1-1", "本期实际值", 0): 100})
    capsys.readouterr()
    assert run_import(units_data, filled) == 1
    err = capsys.readouterr().err
    assert "a.xlsx!填报!K6: 任务 1-1-2 没有目标值，无法由数字算出状态，必须写 status" in err
    assert "a.xlsx!填报!J4: 任务 1-1-1" in err and "比上一期的 300 少" in err  # cumulative value went down
    assert not (units_data / "progress" / "2021-06.yaml").exists()


def test_a_retyped_workbook_is_read_by_its_header_names(units_data, tmp_path):
    """Another column order, synonyms, title rows, an extra sheet, a 序号 column of IDs, numbers as text."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "说明"
    notes["A1"] = "填报说明：本期实际值为累计数。"
    ws = book.create_sheet("住建局")
    ws.append(["示例县住建局 2021年二季度进展"])
    ws.append([])
    ws.append(["工作进展", "序号", "实际完成值（累计）", "完成状态"])
    ws.append(["一、推进乡村振兴", None, None, None])
    ws.append(["示例：完成12个。", "1-1-3", "12", "已完成"])
    ws.append(["示例：按计划推进。", "1-1-2", None, "推进中"])
    ws.append([None, None, None, None])
    path = tmp_path / "retyped.xlsx"
    book.save(path)
    assert run_import(units_data, path) == 0
    got = updates(units_data)
    assert got["1-1-3"]["actual"] == {"老旧小区": 12} and got["1-1-3"]["status"] == "已完成"
    assert got["1-1-2"] == {"task": "1-1-2", "status": "推进中", "note": "示例：按计划推进。"}


def test_an_id_turned_into_a_date_is_explained(units_data, tmp_path, capsys):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["任务编号", "状态"])
    ws.append(["1-1-2", "推进中"])
    ws.append([__import__("datetime").datetime(2021, 2, 1), "推进中"])
    path = tmp_path / "dates.xlsx"
    book.save(path)
    capsys.readouterr()
    assert run_import(units_data, path) == 1
    assert "dates.xlsx!Sheet!A3: 任务编号被表格软件当成了日期" in capsys.readouterr().err


def test_unreadable_and_missing_files_are_problems_not_tracebacks(units_data, tmp_path, capsys):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    notes = tmp_path / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    capsys.readouterr()
    assert run_import(units_data, broken, notes, tmp_path / "missing.xlsx") == 1
    err = capsys.readouterr().err
    assert (
        "broken.xlsx: 无法读取这个工作簿" in err
        and "notes.txt: 不是表格文件" in err
        and "missing.xlsx: 找不到这个文件" in err
    )
    assert "Traceback" not in err


def test_wrong_usage_exits_2(units_data, blank, capsys):
    assert main(["import-sheet", "2021-6", str(blank), "--data", str(units_data)]) == 2
    two_plans = units_data.parent / "two"
    (two_plans / "a").mkdir(parents=True)
    (two_plans / "b").mkdir()
    for folder in ("a", "b"):
        shutil.copy(units_data / "plan.yaml", two_plans / folder / "plan.yaml")
        shutil.copy(units_data / "source.txt", two_plans / folder / "source.txt")
    assert main(["import-sheet", "2022-06", str(blank), "--data", str(two_plans)]) == 2
    assert "--plan" in capsys.readouterr().err
    load(units_data)


def test_an_import_into_a_new_period_draft_fills_entries_and_keeps_the_rest_draft(units_data, blank, tmp_path):
    """A workbook's answers replace their tasks' draft entries; the others stay draft: true, shown as 本期未更新."""
    assert main(["new-period", "2021-06", "--data", str(units_data)]) == 0
    filled = tmp_path / "住建局.xlsx"
    fill(blank, filled, {("1-1-2", "状态", 0): "推进中", ("1-1-2", "进展情况", 0): "示例：清理垃圾堆。"})
    assert run_import(units_data, filled) == 0
    got = updates(units_data)
    assert got["1-1-2"] == {"task": "1-1-2", "status": "推进中", "note": "示例：清理垃圾堆。"}  # a report now
    assert got["1-1-1"]["draft"] is True and got["1-1-3"]["draft"] is True  # untouched: still drafts
    dataset = load(units_data)
    reported = {u.task for u in dataset.periods[-1][1].updates if not u.draft}
    assert reported == {"1-1-2"}
