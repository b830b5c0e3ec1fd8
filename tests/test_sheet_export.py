"""`gongkai export-sheet`: the 填报表 as a department receives it, checked by reading the file back."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from generator.cli import main
from generator.load import load
from generator.sheet_columns import HEADERS
from generator.sheet_export import next_period, safe_file_name
from tests.sheet_helpers import UNIT_PERIOD, UNIT_PLAN, UNIT_SOURCE, header_columns, task_rows


@pytest.fixture
def units_data(make_data):
    return make_data(UNIT_PLAN, {"2021-03.yaml": UNIT_PERIOD}, source=UNIT_SOURCE)


def export(data, out, *extra) -> int:
    return main(["export-sheet", "--data", str(data), "--out", str(out), *extra])


def test_sheet_has_the_contract_headers_and_a_row_per_task_and_metric(units_data, tmp_path, capsys):
    assert export(units_data, tmp_path / "out") == 0
    [path] = (tmp_path / "out").glob("*.xlsx")
    assert path.name == "填报表-2021-06.xlsx"  # the period after 2021-03, a quarter on
    ws = openpyxl.load_workbook(path).worksheets[0]
    top, cols = header_columns(ws)
    assert [ws.cell(top, c).value for c in range(1, len(HEADERS) + 1)] == HEADERS
    assert HEADERS == [
        "任务编号",
        "任务内容",
        "牵头单位",
        "责任单位",
        "完成时限",
        "指标",
        "目标值",
        "单位",
        "上期值",
        "本期实际值",
        "状态",
        "进展情况",
        "佐证材料标题",
        "佐证材料链接",
    ]
    rows = task_rows(ws, top, cols["任务编号"])
    assert {k: len(v) for k, v in rows.items()} == {"1-1-1": 2, "1-1-2": 1, "1-1-3": 1, "2-1": 1}
    first = rows["1-1-1"]
    assert [ws.cell(r, cols["指标"]).value for r in first] == ["改厕", "示范村"]
    assert [ws.cell(r, cols["上期值"]).value for r in first] == ["300", "0"]  # the last value reported
    assert ws.cell(first[0], cols["责任单位"]).value == "示例县卫健局、示例县财政局"
    assert ws.cell(rows["1-1-2"][0], cols["指标"]).value in (None, "")  # no target: one row, 指标 empty
    assert ws.cell(rows["2-1"][0], cols["完成时限"]).value == "长期坚持"
    assert ws.cell(rows["1-1-3"][0], cols["完成时限"]).value == "2021-06-30"
    assert "报告期：2021-06" in ws.cell(2, 1).value and "2021-03" in ws.cell(2, 1).value


def test_status_drop_down_locks_and_printing(units_data, tmp_path):
    export(units_data, tmp_path / "out")
    path = next((tmp_path / "out").glob("*.xlsx"))
    ws = openpyxl.load_workbook(path).worksheets[0]
    top, cols = header_columns(ws)
    [validation] = ws.data_validations.dataValidation
    assert validation.type == "list"
    words = validation.formula1.strip('"').split(",")
    assert words == ["未启动", "推进中", "超序时进度", "达序时进度", "滞后", "已完成", "已调整"]
    status_col = openpyxl.utils.get_column_letter(cols["状态"])
    assert str(validation.sqref).startswith(f"{status_col}{top + 1}:")
    assert ws.protection.sheet and not ws.protection.password  # locked, with no password to lose
    row = top + 1
    for header in ("任务编号", "任务内容", "牵头单位", "上期值"):
        assert ws.cell(row, cols[header]).protection.locked, header
    for header in ("本期实际值", "状态", "进展情况", "佐证材料标题", "佐证材料链接"):
        assert not ws.cell(row, cols[header]).protection.locked, header
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize in (9, "9")
    assert ws.print_title_rows == f"${top}:${top}"  # the header row on every printed page
    assert ws.cell(row, cols["任务内容"]).alignment.wrap_text
    assert ws.column_dimensions[openpyxl.utils.get_column_letter(cols["任务内容"])].width > 20


def test_written_in_ordinary_mode_not_constant_memory(units_data, tmp_path):
    """WPS failed on files written in constant_memory mode, which stores strings inline."""
    export(units_data, tmp_path / "out")
    path = next((tmp_path / "out").glob("*.xlsx"))
    with zipfile.ZipFile(path) as archive:
        assert "xl/sharedStrings.xml" in archive.namelist()
        assert b't="inlineStr"' not in archive.read("xl/worksheets/sheet1.xml")


def test_by_unit_writes_one_workbook_per_lead_unit(units_data, tmp_path):
    assert export(units_data, tmp_path / "out", "--by-unit") == 0
    names = sorted(p.name for p in (tmp_path / "out").glob("*.xlsx"))
    assert names == sorted(["示例县农业农村局.xlsx", "示例县住建局.xlsx", "未明确牵头单位.xlsx"])
    ws = openpyxl.load_workbook(tmp_path / "out" / "示例县住建局.xlsx").worksheets[0]
    top, cols = header_columns(ws)
    assert set(task_rows(ws, top, cols["任务编号"])) == {"1-1-2", "1-1-3"}
    assert "示例县住建局" in ws.cell(1, 1).value


def test_refuses_to_overwrite_and_checks_the_month(units_data, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "填报表-2021-06.xlsx").write_bytes(b"a department's filled file")
    assert export(units_data, out) == 2
    assert "不会覆盖" in capsys.readouterr().err
    assert (out / "填报表-2021-06.xlsx").read_bytes() == b"a department's filled file"
    assert export(units_data, out, "--period", "2021-13") == 2
    assert "YYYY-MM" in capsys.readouterr().err


def test_done_tasks_are_left_out_and_period_is_chosen(units_data, tmp_path):
    (units_data / "progress" / "2021-06.yaml").write_text(
        "as_of: 2021-06-30\npublished: 2021-07-05\nupdates:\n  - task: 1-1-3\n    actual: {老旧小区: 12}\n",
        encoding="utf-8",
    )
    data = load(units_data)
    assert next_period(data) == "2021-09"  # as far on as the last two periods were apart
    export(units_data, tmp_path / "out")
    ws = openpyxl.load_workbook(tmp_path / "out" / "填报表-2021-09.xlsx").worksheets[0]
    top, cols = header_columns(ws)
    assert "1-1-3" not in task_rows(ws, top, cols["任务编号"])


@pytest.mark.parametrize(
    ("unit", "safe"),
    [("示例县住建局", "示例县住建局"), ("县委/县政府办", "县委_县政府办"), ("CON", "_CON"), ("局。. ", "局。")],
)
def test_unit_names_become_windows_file_names(unit, safe):
    assert safe_file_name(unit) == safe
