"""`gongkai report` and the 督查通报 published with each period: its figures are the site's figures."""

from __future__ import annotations

import csv
import datetime as dt
import io
import pathlib
import re
import shutil
import time
import zipfile
from collections import Counter

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt
from python_calamine import CalamineWorkbook

from generator import report
from generator.cli import main
from generator.compute import facts
from generator.load import load, load_site
from generator.report_content import bulletin
from generator.site import generate

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHIXIAN = ROOT / "tests" / "fixtures" / "shixian"


def progress_csv(files: dict[str, bytes], prefix: str = "") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[f"{prefix}data/progress.csv"].decode("utf-8-sig"))))


def tables(document: docx.document.Document) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def headings(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]


def check_against_progress_csv(document: docx.document.Document, rows: list[dict[str, str]], period: str) -> int:
    """Hold every count and every reported value in the notice equal to progress.csv; return values checked."""
    mine = [r for r in rows if r["period"] == period]
    statuses = Counter({r["task_id"]: r["status_label"] for r in mine}.values())
    by_action = tables(document)[0]
    header, total = by_action[0], by_action[-1]
    assert total[0] == "合计" and int(total[1]) == len({r["task_id"] for r in mine})
    assert {label: int(n) for label, n in zip(header[2:], total[2:], strict=True)} == dict(statuses)
    said = next(p.text for p in document.paragraphs if p.text.startswith("截至"))
    assert {w: int(n) for w, n in re.findall(r"([^，\d]+?) (\d+) 项", said.split("中，", 1)[1])} == dict(statuses)
    values = {(r["task_id"], r["metric"]): r["value"] or "—" for r in mine if r["metric"]}
    checked = 0
    for table in tables(document)[1:]:
        head = table[0]
        for row in table[1:]:
            cells = dict(zip(head, row, strict=True))
            for metric, value in re.findall(r"(?:^|；)([^；]+?) ([\d.—]+)/", cells.get("完成情况", "")):
                assert values[(cells["编号"], metric)] == value, (period, cells)
                checked += 1
            if "状态" in cells:
                status = next(r["status_label"] for r in mine if r["task_id"] == cells["编号"])
                assert cells["状态"] == status
    return checked


def test_notice_figures_equal_progress_csv_with_units(tmp_path):
    site = generate(SHIXIAN)
    checked = 0
    for name, _ in load(SHIXIAN / "2021").periods:
        document = docx.Document(io.BytesIO(site.files[f"2021/updates/{name}/report.docx"]))
        checked += check_against_progress_csv(document, progress_csv(site.files, "2021/"), name)
        assert "四、各单位任务落实情况" in headings(document)
        assert "（一）示例县发改局" in headings(document)
    assert checked > 20


def test_layout_follows_official_document_conventions():
    data = load(SHIXIAN / "2021")
    document = docx.Document(io.BytesIO(report.files(facts(data.plan, data.periods))["updates/2021-06/report.docx"]))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    fonts = {}
    for name in ("通报标题", "Normal", "Heading 1", "Heading 2"):
        style = document.styles[name]
        east_asian = style.element.rPr.rFonts.get(qn("w:eastAsia"))
        assert style.element.rPr.rFonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would win over it
        fonts[name] = (east_asian, style.font.size)
    assert fonts == {
        "通报标题": ("方正小标宋简体", Pt(22)),
        "Normal": ("仿宋_GB2312", Pt(16)),
        "Heading 1": ("黑体", Pt(16)),
        "Heading 2": ("楷体_GB2312", Pt(16)),
    }
    assert document.paragraphs[0].text == "示例县2021年政府工作报告落实情况督查通报"
    assert "（本通报依据示例数据生成，不反映真实进展。）" in [p.text for p in document.paragraphs]  # demo data said
    assert "PAGE" in section.footer._element.xml


def test_the_same_data_gives_the_same_bytes_whatever_the_clock(monkeypatch):
    data = load(SHIXIAN / "2021")
    first = report.files(facts(data.plan, data.periods))
    monkeypatch.setattr(time, "time", lambda: 2_000_000_000.0)  # zip entries would take this moment
    second = report.files(facts(data.plan, data.periods))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first["updates/2021-06/report.docx"])) as archive:
        assert {info.date_time[:3] for info in archive.infolist()} == {(2021, 7, 10)}  # the period's published date
    document = docx.Document(io.BytesIO(first["updates/2021-06/report.docx"]))
    assert document.core_properties.created.date().isoformat() == "2021-07-10"


@pytest.mark.parametrize(("published", "dated"), [("9999-12-31", (2107, 12, 31)), ("1970-01-01", (1980, 1, 1))])
def test_a_publishing_date_beyond_what_zip_can_hold_takes_the_nearest(published, dated):
    data = load(SHIXIAN / "2021")
    name, period = data.periods[0]
    odd = [(name, period.model_copy(update={"published": dt.date.fromisoformat(published)})), *data.periods[1:]]
    made = report.files(facts(data.plan, odd))[f"updates/{name}/report.docx"]
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        assert {info.date_time[:3] for info in archive.infolist()} == {dated}


def test_a_title_longer_than_a_file_property_holds_stays_whole_on_the_page():
    data = load(SHIXIAN / "2021")
    long = "示例" * 200  # 400 characters: a .docx property holds 255
    plan = data.plan.model_copy(update={"report": data.plan.report.model_copy(update={"title": long})})
    name = data.periods[0][0]
    document = docx.Document(io.BytesIO(report.files(facts(plan, data.periods))[f"updates/{name}/report.docx"]))
    assert document.core_properties.title == (long + "落实情况督查通报")[: report.PROPERTY_LIMIT]
    assert document.paragraphs[0].text.startswith(long)


def test_spreadsheet_holds_the_same_tables(tmp_path):
    data = load(SHIXIAN / "2021")
    files = report.files(facts(data.plan, data.periods))
    document = docx.Document(io.BytesIO(files["updates/2021-12/report.docx"]))
    path = tmp_path / "report.xlsx"
    path.write_bytes(files["updates/2021-12/report.xlsx"])
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["总体情况", "滞后及逾期任务", "已完成任务", "各单位任务落实情况"]
    rows = [[str(c) for c in row] for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python()]
    for table in tables(document):
        for row in table:
            assert [*row] in [r[: len(row)] for r in rows], row


def test_report_command_writes_both_files_and_never_overwrites(tmp_path, capsys):
    data = tmp_path / "data"

    shutil.copytree(SHIXIAN, data)
    out = tmp_path / "out"
    assert main(["report", "2021-06", "--data", str(data), "--plan", "2021", "--out", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "示例县2021年政府工作报告落实情况督查通报（2021-06）.docx",
        "示例县2021年政府工作报告落实情况督查通报（2021-06）.xlsx",
    ]
    assert main(["report", "2021-06", "--data", str(data), "--plan", "2021", "--out", str(out)]) == 2
    assert "不会覆盖" in capsys.readouterr().err
    assert main(["report", "2021-09", "--data", str(data), "--plan", "2021", "--out", str(out)]) == 2
    assert "已有的报告期：2021-06、2021-12" in capsys.readouterr().err


def test_period_page_links_its_notice():
    site = generate(SHIXIAN)
    html = site.pages["2021/updates/2021-06.md"].html
    assert 'href="../../../2021/updates/2021-06/report.docx"' in html or "updates/2021-06/report.docx" in html
    assert 'download="示例县2021年政府工作报告落实情况督查通报（2021-06）.docx"' in html
    assert "2021/updates/2021-06/report.xlsx" in site.files and "/2021/updates/2021-06/report.xlsx" in site.urls()
    datasets = load_site(SHIXIAN)
    assert all(f"{d.prefix}updates/{n}/report.docx" in site.files for d in datasets for n, _ in d.periods)


@pytest.mark.parametrize("month", ["2021-06", "2021-12"])
def test_notice_lists_lagging_tasks_by_lead_unit(month):
    data = load(SHIXIAN / "2021")
    content = bulletin(facts(data.plan, data.periods), month)
    lagging = next(p for p in content.parts if p.heading.startswith("二、"))
    listed = {row[0] for part in lagging.parts for row in part.table.rows}
    states = {t.id: facts(data.plan, data.periods).histories[t.id] for t in data.plan.tasks()}
    index = [n for n, _ in data.periods].index(month)
    behind = {i for i, s in states.items() if s[index].status.label == "滞后"}
    assert behind <= listed
    for part in lagging.parts:
        unit = part.heading.split("）", 1)[1]
        assert all(next(t for t in data.plan.tasks() if t.id == row[0]).lead in (unit, None) for row in part.table.rows)
