"""Read workbooks (.xlsx, .xls, .ods, as Excel, WPS or LibreOffice save them) into plain rows of cells.

python-calamine reads all three formats, whatever dimension a file declares (WPS writes a wrong
one). Merged cells are expanded to their top-left value, since in a 分解表 a merged cell belongs to
every row it spans: calamine reports the merged ranges of .xlsx and .xls; those of .ods are read
from its content.xml here.
"""

from __future__ import annotations

import dataclasses
import pathlib
import zipfile
from typing import Any
from xml.etree import ElementTree

import python_calamine

from .problems import Problem
from .sheet_columns import cell_name, expand_merged

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
MAX_BYTES = 50_000_000  # a county's 分解表 is well under 1 MB; stops a wrong file before reading it
ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
Range = tuple[tuple[int, int], tuple[int, int]]


class CellProblem(Problem):
    """A problem in a workbook, shown as `file!sheet!J12: message` (line and col count from 1; 0: no cell)."""

    def __str__(self) -> str:
        where = f"{self.file}!{cell_name(self.line - 1, self.col - 1)}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclasses.dataclass(frozen=True, order=True)
class Where:
    """A cell of a workbook: file, sheet, row and column (counted from 0)."""

    file: str
    sheet: str
    row: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}!{self.sheet}!{cell_name(self.row, self.col)}"

    def problem(self, message: str) -> CellProblem:
        """Make a problem located at this cell."""
        return CellProblem(f"{self.file}!{self.sheet}", self.row + 1, self.col + 1, "", message)


def file_problem(file: str, message: str) -> CellProblem:
    """Make a problem about a whole workbook."""
    return CellProblem(file, 0, 0, "", message)


@dataclasses.dataclass(frozen=True)
class Sheet:
    """One worksheet: its name and its cells, row by row from A1, merged cells expanded."""

    file: str  # the file's name as the command was given it, for messages
    name: str
    rows: list[list[Any]]

    def at(self, row: int, col: int) -> Where:
        """Return one of this sheet's cells."""
        return Where(self.file, self.name, row, col)


def read_workbook(path: pathlib.Path, name: str, problems: list[Problem]) -> list[Sheet]:
    """Read every worksheet of a workbook; a file that cannot be read adds a problem and gives none."""
    if path.suffix.lower() not in SUFFIXES:
        problems.append(file_problem(name, f"不是表格文件；请提供 {'、'.join(SUFFIXES)} 格式的工作簿"))
        return []
    try:
        if path.stat().st_size > MAX_BYTES:
            problems.append(file_problem(name, f"文件过大（超过 {MAX_BYTES // 1_000_000} MB）；请检查是否选错了文件"))
            return []
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        merges = _ods_merges(path) if path.suffix.lower() == ".ods" else {}
        sheets = []
        for sheet_name in book.sheet_names:
            sheet = book.get_sheet_by_name(sheet_name)
            rows = [list(row) for row in sheet.to_python(skip_empty_area=False)]
            expand_merged(rows, merges.get(sheet_name, []) or list(sheet.merged_cell_ranges or []))
            sheets.append(Sheet(name, sheet_name, rows))
        return sheets
    except FileNotFoundError:
        problems.append(file_problem(name, "找不到这个文件；请检查文件名和所在目录"))
    except OSError as err:
        problems.append(file_problem(name, f"无法打开这个文件（{err.strerror or '读取失败'}）"))
    except python_calamine.PasswordError:
        problems.append(file_problem(name, "工作簿设有打开密码；请取消密码后另存一份再导入"))
    except (python_calamine.CalamineError, zipfile.BadZipFile, ElementTree.ParseError, ValueError):
        message = "无法读取这个工作簿：文件已损坏，或扩展名与实际格式不符；请用 Excel 或 WPS 打开后另存为 .xlsx 再试"
        problems.append(file_problem(name, message))
    return []


def _ods_merges(path: pathlib.Path) -> dict[str, list[Range]]:
    """Read the merged ranges of each sheet of an .ods file (calamine does not report them)."""
    t = f"{{{ODS_TABLE}}}"
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
        tree = ElementTree.parse(stream)
    merges: dict[str, list[Range]] = {}
    for table in tree.iter(f"{t}table"):
        found = merges.setdefault(table.get(f"{t}name", ""), [])
        r = 0
        for row in table.iter(f"{t}table-row"):
            c = 0
            for cell in row:
                if cell.tag not in (f"{t}table-cell", f"{t}covered-table-cell"):
                    continue
                rows, cols = int(cell.get(f"{t}number-rows-spanned", 1)), int(cell.get(f"{t}number-columns-spanned", 1))
                if rows > 1 or cols > 1:
                    found.append(((r, c), (r + rows - 1, c + cols - 1)))
                c += int(cell.get(f"{t}number-columns-repeated", 1))
            r += int(row.get(f"{t}number-rows-repeated", 1))
    return merges
