"""`gongkai import-plan`: a plan.yaml draft from a 分解表 whose hierarchy is its merged cells."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
import yaml

from generator.cli import main
from generator.model import Plan
from generator.plan_import import parse_due

# 示例: a made-up 分解表 of a made-up county; its texts are quoted from SOURCE except one.
SOURCE = (
    "一、稳定经济增长，推动高质量发展\n全年完成固定资产投资50亿元。新开工重点项目20个。\n"
    "二、推进乡村振兴\n完成农村改厕1500座；建设美丽宜居示范村3个。整治农村人居环境。\n"
)
ROWS = [
    (
        1,
        "一、稳定经济增长，推动高质量发展",
        "全年完成固定资产投资50亿元。",
        "示例县发改局",
        "示例县财政局、示例县统计局",
        "年底前",
        "示例副县长",
    ),
    (2, None, "新开工重点项目20个。", "示例县发改局", None, dt.datetime(2021, 10, 31), None),
    (3, "二、推进乡村振兴", "完成农村改厕1500座；", "示例县农业农村局、示例县卫健局", None, "6月底前", None),
    (4, None, "建设美丽宜居示范村3个。", "示例县农业农村局", "示例县住建局 示例县财政局", "长期坚持", None),
    (5, None, "这句话原文里没有。", "示例县农业农村局", None, "尽快", None),
]


def write_table(path, rows=ROWS, header=("序号", "类别", "重点任务", "牵头单位", "责任单位", "完成时限", "牵头领导")):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "分解表"
    ws.append(["示例县2021年政府工作报告重点任务分解表"])
    ws.merge_cells("A1:G1")
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    ws.merge_cells("B3:B4")  # 类别 merged over its tasks: the hierarchy
    ws.merge_cells("B5:B7")
    ws.append(["注：本表由示例县政府办负责解释。"])
    book.save(path)
    return path


@pytest.fixture
def drafted(tmp_path, capsys):
    (tmp_path / "source.txt").write_text(SOURCE, encoding="utf-8")
    table = write_table(tmp_path / "分解表.xlsx")
    assert main(["import-plan", str(table), "--out", str(tmp_path / "plan.yaml")]) == 0
    return tmp_path / "plan.yaml"


def test_merged_categories_become_actions_with_units_and_due_dates(drafted):
    plan = Plan.model_validate(yaml.safe_load(drafted.read_text(encoding="utf-8")))
    assert plan.report.title == "示例县2021年政府工作报告" and plan.report.year == 2021
    assert plan.report.issuer == "示例县人民政府" and plan.report.numbering == "一、"
    assert [(a.id, a.title, a.aim) for a in plan.actions] == [
        ("1", "稳定经济增长", "推动高质量发展"),
        ("2", "推进乡村振兴", None),
    ]
    tasks = {t.id: t for t in plan.tasks()}
    assert list(tasks) == ["1-1", "1-2", "2-1", "2-2", "2-3"]
    assert tasks["1-1"].lead == "示例县发改局" and tasks["1-1"].partners == ["示例县财政局", "示例县统计局"]
    assert tasks["1-1"].leader == "示例副县长" and tasks["1-1"].due == dt.date(2021, 12, 31)
    assert tasks["1-2"].due == dt.date(2021, 10, 31)
    assert tasks["2-1"].lead == "示例县农业农村局" and tasks["2-1"].partners == ["示例县卫健局"]  # co-lead kept
    assert tasks["2-1"].due == dt.date(2021, 6, 30)
    assert tasks["2-2"].due == "ongoing" and tasks["2-2"].partners == ["示例县住建局", "示例县财政局"]
    assert tasks["2-3"].due is None


def test_texts_missing_from_the_source_are_marked(drafted, capsys):
    text = drafted.read_text(encoding="utf-8")
    marked = [line for line in text.splitlines() if "# 待核对：原文中找不到" in line]
    assert len(marked) == 1 and "这句话原文里没有" in marked[0]
    assert "# due: 原表写“尽快”，无法读出日期" in text and "# 原表：年底前" in text
    assert "1 项任务的内容在原文中找不到" in capsys.readouterr().err


def test_draft_with_its_source_validates_once_the_marked_text_is_fixed(drafted, validate):
    data = drafted.parent
    run = validate(data)
    assert run.code == 1 and "任务 2-3 的原文在原文文件 source.txt 中找不到" in run.only().message
    drafted.write_text(drafted.read_text(encoding="utf-8").replace("这句话原文里没有。", "整治农村人居环境。"), "utf-8")
    assert validate(data).code == 0


def test_heading_rows_and_a_category_column_make_actions_and_measures(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["示例县2025年重点工作任务分解"])
    ws.append(["编号", "工作举措", "具体任务", "牵头部门", "配合单位", "完成时间"])
    ws.append(["（一）扩大有效投资"] * 6)  # a heading row merged across the sheet, expanded
    ws.append([1, "抓好重点项目", "完成投资50亿元。", "示例县发改局", "", "2025年12月31日"])
    ws.append([2, "抓好重点项目", "开工项目20个。", "示例县发改局", "", "三季度末"])
    ws.append([3, "优化营商环境", "推进一网通办。", "示例县行政审批局", "", "持续推进"])
    ws.append(["（二）办好民生实事"] * 6)
    ws.append([4, "稳定就业", "新增就业3000人。", "示例县人社局", "", "12月底前"])
    book.save(tmp_path / "t.xlsx")
    out = tmp_path / "draft.yaml"
    assert main(["import-plan", str(tmp_path / "t.xlsx"), "--out", str(out)]) == 0
    plan = Plan.model_validate(yaml.safe_load(out.read_text(encoding="utf-8")))
    assert plan.report.numbering == "（一）" and plan.report.year == 2025
    shape = [(a.title, [(m.id, m.title, [t.id for t in m.tasks]) for m in a.measures]) for a in plan.actions]
    assert shape == [
        ("扩大有效投资", [("1-1", "抓好重点项目", ["1-1-1", "1-1-2"]), ("1-2", "优化营商环境", ["1-2-1"])]),
        ("办好民生实事", [("2-1", "稳定就业", ["2-1-1"])]),
    ]
    tasks = {t.id: t for t in plan.tasks()}
    assert tasks["1-1-2"].due == dt.date(2025, 9, 30) and tasks["1-2-1"].due == "ongoing"


def test_never_overwrites_and_needs_a_year(tmp_path, capsys):
    table = write_table(tmp_path / "分解表.xlsx")
    out = tmp_path / "plan.yaml"
    out.write_text("report: {}\n", encoding="utf-8")
    assert main(["import-plan", str(table), "--out", str(out)]) == 2
    assert "不会覆盖" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "report: {}\n"
    book = openpyxl.Workbook()
    book.active.append(["重点任务", "牵头单位"])
    book.active.append(["做一件事。", "示例县政府办"])
    book.save(tmp_path / "no-year.xlsx")
    assert main(["import-plan", str(tmp_path / "no-year.xlsx"), "--out", str(tmp_path / "x.yaml")]) == 2
    assert "--year" in capsys.readouterr().err
    assert (
        main(["import-plan", str(tmp_path / "no-year.xlsx"), "--out", str(tmp_path / "x.yaml"), "--year", "2025"]) == 0
    )


@pytest.mark.parametrize(
    ("written", "due"),
    [
        ("年底前", "2021-12-31"),
        ("2021年底", "2021-12-31"),
        ("6月底前", "2021-06-30"),
        ("2022年3月", "2022-03-31"),
        ("上半年", "2021-06-30"),
        ("2021-09-15", "2021-09-15"),
        ("2021年9月15日", "2021-09-15"),
        (dt.datetime(2021, 11, 30), "2021-11-30"),
        ("长期坚持", "ongoing"),
        ("持续推进", "ongoing"),
        ("常态化推进", "ongoing"),
        ("尽快", None),
        ("2021年2月30日", None),
    ],
)
def test_due_dates_as_counties_write_them(written, due):
    assert parse_due(written, 2021) == due
