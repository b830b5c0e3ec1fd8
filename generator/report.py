"""Write a period's 督查通报 as .docx (python-docx) and the same tables as .xlsx (XlsxWriter).

The layout follows 公文 conventions (GB/T 9704): A4, margins 37/35/28/26 mm, the title in
方正小标宋简体 二号, body in 仿宋_GB2312 三号, first-level headings in 黑体 and second-level in
楷体_GB2312; the East Asian font names (w:eastAsia) are set, so Word and WPS use them where installed.
The files are byte-reproducible: every date in them, and in their zip entries, is the period's
publishing date, never the clock.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import itertools
import pathlib
from xml.sax.saxutils import escape

import docx
import xlsxwriter
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from . import compute
from .compute import Facts
from .load import Dataset
from .model import Period
from .officezip import fixed_zip
from .report_content import Bulletin, Part, Table, bulletin
from .sheet_export import safe_file_name

LATIN = "Times New Roman"  # digits and Latin letters in 公文 are set in Times New Roman
STYLES = {  # name → (East Asian font, size in points, centred)
    "通报标题": ("方正小标宋简体", 22, True),
    "通报副标题": ("楷体_GB2312", 16, True),
    "Normal": ("仿宋_GB2312", 16, False),
    "Heading 1": ("黑体", 16, False),
    "Heading 2": ("楷体_GB2312", 16, False),
    "表格文字": ("仿宋_GB2312", 10.5, False),
    "表格标题": ("黑体", 10.5, True),
}
MARGINS = {"top_margin": 37, "bottom_margin": 35, "left_margin": 28, "right_margin": 26}  # mm
LINE = Pt(28)  # 固定值 28 磅: 22 lines a page
TWIPS_PER_MM = 1440 / 25.4
# 0.8 mm inside each cell instead of Word's 1.9 mm: a date or a three-character word fits a narrow column
CELL_MARGINS = (
    f'<w:tblCellMar {nsdecls("w")}><w:left w:w="45" w:type="dxa"/><w:right w:w="45" w:type="dxa"/></w:tblCellMar>'
)


PROPERTY_LIMIT = 255  # characters in a core property of a .docx (title, author)


def files(facts: Facts) -> dict[str, bytes]:
    """Return every period's notice as downloads under updates/<period>/, for the site."""
    out = {}
    for name, period in facts.periods:
        content = bulletin(facts, name)
        docx_name, xlsx_name = _names(name)
        out[docx_name] = document(content, facts.plan.report.issuer, period)
        out[xlsx_name] = workbook(content, facts.plan.report.issuer, period)
    return out


def names(facts: Facts, prefix: str = "") -> list[str]:
    """Name the files `files` makes, under the plan's folder, without making them."""
    return [f"{prefix}{file}" for name, _ in facts.periods for file in _names(name)]


def _names(period: str) -> tuple[str, str]:
    return f"updates/{period}/report.docx", f"updates/{period}/report.xlsx"


def write_report(data: Dataset, name: str, out: pathlib.Path) -> list[pathlib.Path]:
    """Write one period's notice into a folder as .docx and .xlsx; never over existing files."""
    facts = compute.facts(data.plan, data.periods)
    period = dict(facts.periods)[name]
    content = bulletin(facts, name)
    stem = safe_file_name(f"{content.title}（{name}）")
    made = {
        out / f"{stem}.docx": document(content, data.plan.report.issuer, period),
        out / f"{stem}.xlsx": workbook(content, data.plan.report.issuer, period),
    }
    existing = [p.name for p in made if p.exists()]
    if existing:
        raise FileExistsError("、".join(existing))
    out.mkdir(parents=True, exist_ok=True)
    for path, content_bytes in made.items():
        partial = path.with_name(f".{path.name}.partial")
        partial.write_bytes(content_bytes)
        partial.replace(path)
    return list(made)


def _stamp(period: Period) -> dt.datetime:
    """Date the files by the period's publishing date."""
    return dt.datetime.combine(period.published, dt.time(), dt.UTC)


def document(content: Bulletin, issuer: str, period: Period) -> bytes:
    """Return the notice as .docx bytes."""
    doc = docx.Document(io.BytesIO(_blank()))
    ids = {name: doc.styles[name].style_id for name in [*STYLES, "Table Grid"]}  # a lookup walks every style
    _paragraph(doc, content.title, ids["通报标题"])
    _paragraph(doc, content.subtitle, ids["通报副标题"])
    if content.demo:
        _paragraph(doc, "（本通报依据示例数据生成，不反映真实进展。）", ids["通报副标题"])
    for part in content.parts:
        _part(doc, part, 1, ids)
    props = doc.core_properties
    # The file's properties hold at most 255 characters each (python-docx refuses more); the page keeps it all.
    props.title, props.author, props.last_modified_by = (
        text[:PROPERTY_LIMIT] for text in (content.title, issuer, issuer)
    )
    props.created = props.modified = _stamp(period)
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return fixed_zip(buffer.getvalue(), _stamp(period))


@functools.cache
def _blank() -> bytes:
    """Return an empty notice, its page and styles set: every notice starts from it (setting them takes a while)."""
    doc = docx.Document()
    _page(doc)
    _styles(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _page(doc: docx.document.Document) -> None:
    """Set A4 and the 公文 margins, and number the pages in the footer: — 1 —."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side, mm in MARGINS.items():
        setattr(section, side, Mm(mm))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    number.append(text)
    field.append(number)
    footer._p.append(field)
    footer.add_run(" —")


def _styles(doc: docx.document.Document) -> None:
    """Define the notice's paragraph styles with explicit fonts: no theme fonts, no colour."""
    for name, (east_asian, size, centred) in STYLES.items():
        try:
            style = doc.styles[name]
        except KeyError:
            style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = doc.styles["Normal"]
        font = style.font
        font.name, font.size, font.bold, font.color.rgb = LATIN, Pt(size), False, RGBColor(0, 0, 0)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        fonts.set(qn("w:eastAsia"), east_asian)
        layout = style.paragraph_format
        layout.space_before = layout.space_after = Pt(0)
        justified = WD_ALIGN_PARAGRAPH.LEFT if name.startswith("表格") else WD_ALIGN_PARAGRAPH.JUSTIFY
        layout.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else justified
        if name.startswith("表格"):
            layout.line_spacing_rule, layout.first_line_indent = WD_LINE_SPACING.SINGLE, Pt(0)
        else:
            layout.line_spacing_rule, layout.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
            layout.first_line_indent = Pt(0) if centred else Pt(32)  # two characters
    doc.styles["通报标题"].paragraph_format.line_spacing = Pt(40)


def _paragraph(doc: docx.document.Document, text: str, style_id: str) -> None:
    doc.add_paragraph(text)._p.style = style_id


def _part(doc: docx.document.Document, part: Part, level: int, ids: dict[str, str]) -> None:
    _paragraph(doc, part.heading, ids[f"Heading {min(level, 2)}"])
    for text in part.paragraphs:
        _paragraph(doc, text, ids["Normal"])
    if part.table is not None:
        _table(doc, part.table, ids)
    for sub in part.parts:
        _part(doc, sub, level + 1, ids)


def _table(doc: docx.document.Document, table: Table, ids: dict[str, str]) -> None:
    """Add a table, its header row repeated on every page.

    The rows are written as XML and parsed at once: python-docx's cell and style lookups walk the
    whole table and every style, which takes seconds for the thousands of rows of a large plan.
    """
    grid = doc.add_table(rows=0, cols=len(table.header))
    grid._tbl.tblStyle_val = ids["Table Grid"]
    grid._tbl.tblPr.append(parse_xml(CELL_MARGINS))
    grid.autofit = False
    for column, mm in zip(grid.columns, table.widths, strict=True):
        column.width = Mm(mm)
    head, body = ids["表格标题"], ids["表格文字"]
    rows = [_rows_xml([table.header], table.widths, head, header=True)]
    rows.append(_rows_xml(table.rows, table.widths, body))
    for tr in parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(rows)}</w:tbl>"):
        grid._tbl.append(tr)
    doc.add_paragraph()


def _rows_xml(rows: list[list[str]], widths: list[int], style_id: str, *, header: bool = False) -> str:
    """Write table rows as WordprocessingML, each cell's text escaped."""
    # A large plan's notices hold hundreds of thousands of cells: each cell's markup is made once per column
    before = [
        f'<w:tc><w:tcPr><w:tcW w:w="{round(mm * TWIPS_PER_MM)}" w:type="dxa"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{escape(style_id)}"/></w:pPr><w:r><w:t xml:space="preserve">'
        for mm in widths
    ]
    after = "</w:t></w:r></w:p></w:tc>"
    start = "<w:tr><w:trPr><w:tblHeader/></w:trPr>" if header else "<w:tr>"
    return "".join(
        start + "".join(b + escape(text) + after for b, text in zip(before, cells, strict=True)) + "</w:tr>"
        for cells in rows
    )


def workbook(content: Bulletin, issuer: str, period: Period) -> bytes:
    """Return the notice's tables as .xlsx bytes: one sheet per part."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_urls": False})
    book.set_properties({"title": content.title, "author": issuer, "created": _stamp(period)})
    base = {"font_name": "宋体", "font_size": 10, "valign": "vcenter", "text_wrap": True}
    fmt = {
        "title": book.add_format({**base, "font_name": "黑体", "font_size": 14}),
        "heading": book.add_format({**base, "font_name": "黑体", "font_size": 11}),
        "text": book.add_format(base),
        "th": book.add_format({**base, "bold": True, "border": 1, "align": "center", "bg_color": "#D9D9D9"}),
        "td": book.add_format({**base, "border": 1}),
    }
    for part in content.parts:
        sheet = book.add_worksheet(part.heading.split("、", 1)[-1][:31])
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)
        sheet.write_string(0, 0, content.title + content.subtitle, fmt["title"])
        _, widths = _sheet_part(sheet, fmt, part, 2, [])
        for col, mm in enumerate(widths):
            sheet.set_column(col, col, mm / 2.2)  # millimetres to characters of 10-point 宋体
    book.close()
    return fixed_zip(buffer.getvalue(), _stamp(period))


def _sheet_part(
    sheet: xlsxwriter.worksheet.Worksheet, fmt: dict, part: Part, at: int, widths: list[int]
) -> tuple[int, list[int]]:
    """Write a part's heading, paragraphs and table from row `at`; return the next row and column widths."""
    sheet.write_string(at, 0, part.heading, fmt["heading"])
    at += 1
    for text in part.paragraphs:
        sheet.write_string(at, 0, text, fmt["text"])
        at += 1
    if part.table is not None:
        write, td = sheet.write_string, fmt["td"]  # looked up once: a large plan's tables have 100,000s of cells
        for col, name in enumerate(part.table.header):
            write(at, col, name, fmt["th"])
        for row in part.table.rows:
            at += 1
            for col, text in enumerate(row):
                write(at, col, text, td)
        at += 2
        widths = [max(a, b) for a, b in itertools.zip_longest(widths, part.table.widths, fillvalue=0)]
    for sub in part.parts:
        at, widths = _sheet_part(sheet, fmt, sub, at, widths)
    return at, widths
