"""Draft plan.yaml from a county's 任务分解表 workbook (`gongkai import-plan FILE`).

The 分解表's hierarchy is its merged cells: a 类别 column merged over its tasks' rows, or a heading
row merged across the sheet. The first level becomes the plan's actions, a second its measures.
Each task's 牵头单位, 责任单位 and 完成时限 are read as the model knows them; each text is looked up
in the report's source text, and one not found is marked for checking. The draft never replaces
an existing file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
import re
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .fields import ONGOING_WORDS, Unit
from .problems import DataError, Problem
from .quotes import missing_quotes
from .scaffold import ENV, ScaffoldError, month_end
from .sheet_columns import find_header
from .sheet_read import Sheet, file_problem, read_workbook

NUMBERING = re.compile(r"^\s*(（[一二三四五六七八九十百]+）|[一二三四五六七八九十百]+、|\d+[.、．]|（\d+）|\(\d+\))\s*")
SPLIT_UNITS = re.compile(r"[、，,;；\s]+")
YEAR = re.compile(r"((?:19|20)\d{2})年")
TITLE_WORDS = re.compile(r"(重点)?(工作)?任务(分解|分工)?(表|方案|清单)?$|责任分工表?$|分解表$")
SEASON_END = {"一季度": 3, "上半年": 6, "二季度": 6, "三季度": 9, "四季度": 12, "下半年": 12}
TITLE_LENGTH = 24  # a task's short title: the start of its text, as long as a list shows on one line
UNIT = TypeAdapter(Unit)
UNIT_WORDS = (("lead", "牵头单位"), ("partners", "责任单位"))


@dataclasses.dataclass
class Node:
    """An action or a measure of the draft, and what it holds."""

    id: str
    raw: str  # the heading as the workbook writes it, number and all
    title: str
    aim: str | None = None
    children: list[Node] = dataclasses.field(default_factory=list)
    tasks: list[dict[str, Any]] = dataclasses.field(default_factory=list)


def write_plan_draft(
    file: pathlib.Path, out: pathlib.Path, source: pathlib.Path | None, year: int | None
) -> tuple[pathlib.Path, int]:
    """Write the draft plan and return its path and how many task texts the source lacks."""
    if out.exists():
        raise ScaffoldError(f"{out} 已存在，不会覆盖；请用 --out 指定另一个文件名")
    problems: list[Problem] = []
    sheets = read_workbook(file, str(file), problems)
    found = next(((s, h) for s in sheets if (h := find_header(s.rows, ("text",)))), None)
    if found is None and not problems:
        problems.append(
            file_problem(str(file), "找不到任务分解表：没有哪张工作表的表头有“任务内容”（或“重点任务”“工作任务”）列")
        )
    if problems or found is None:  # found is None only with a problem listed
        raise DataError(problems)
    sheet, (top, columns) = found
    title = _title(sheet, top)
    year = year or _year(title, sheet.name, file.name)
    if year is None:
        raise ScaffoldError("无法从表格标题中读出计划年度；请用 --year 写明，如 --year 2025")
    actions = [a for a in _hierarchy(sheet, top, columns, year) if a.tasks or a.children]
    source = source or next((p for p in (out.parent / "source.txt", file.parent / "source.txt") if p.is_file()), None)
    unquoted = _check_quotes(actions, source)
    text = ENV.get_template("plan_draft.yaml.j2").render(
        file=file.name,
        title=TITLE_WORDS.sub("", title) or f"{year}年工作计划",
        issuer=_issuer(title),
        year=year,
        numbering=_numbering(actions),
        actions=actions,
        source=source.name if source else None,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("x", encoding="utf-8") as stream:  # "x": never over a file that appeared meanwhile
        stream.write(text)
    return out, unquoted


def _title(sheet: Sheet, top: int) -> str:
    """Return the sheet's title: the first text above its header row."""
    return next((str(c).strip() for row in sheet.rows[:top] for c in row if str(c).strip()), "")


def _year(*texts: str) -> int | None:
    return next((int(m[1]) for text in texts if (m := YEAR.search(text))), None)


def _issuer(title: str) -> str:
    """Guess the issuing government from the title (示例县2025年… → 示例县人民政府)."""
    match = re.match(r"(.+?[省市县区旗州盟])(?=\d{4}年)", title)
    return f"{match[1]}人民政府" if match else "（请填写发布机关全称）"


def _numbering(actions: list[Node]) -> str:
    """Tell the numbering style of the first action heading: （一）, 一、 or 1."""
    match = NUMBERING.match(actions[0].raw) if actions else None
    if match is None:
        return "（一）"
    mark = match[1]
    if mark[0] in "（(" and not mark[1].isdigit():
        return "（一）"
    return "一、" if mark.endswith("、") and not mark[0].isdigit() else "1."


def _hierarchy(sheet: Sheet, top: int, columns: dict[str, list[int]], year: int) -> list[Node]:
    """Build actions (and measures) from heading rows and 类别 columns, with the tasks under them."""
    text_col = columns["text"][0]
    levels = columns.get("category", [])
    heading: str | None = None
    actions: list[Node] = []
    for r in range(top + 1, len(sheet.rows)):
        row = sheet.rows[r]
        cells = [str(v).strip() for v in row]
        filled = [v for v in cells if v]
        if not filled:
            continue
        text = cells[text_col] if text_col < len(cells) else ""
        if not text or (len(set(filled)) == 1 and len(filled) > 1):
            heading = max(filled, key=len)  # a heading row, merged across the sheet or beside its number
            continue
        path = ([heading] if heading else []) + [cells[c] or "（未分类）" for c in levels if c < len(cells)]
        _place(actions, path[:2] or [sheet.name], _task(row, columns, text, year))
    return actions


def _place(actions: list[Node], path: list[str], task: dict[str, Any]) -> None:
    """Put a task under its action (and measure), numbering new ones in order."""
    if not actions or actions[-1].raw != path[0]:
        title, aim = _plain_title(path[0])
        actions.append(Node(str(len(actions) + 1), path[0], title, aim))
    action = actions[-1]
    parent = action
    if len(path) > 1:
        if not action.children or action.children[-1].raw != path[1]:
            number = f"{action.id}-{len(action.children) + 1}"
            action.children.append(Node(number, path[1], _plain_title(path[1], split=False)[0]))
        parent = action.children[-1]
    task["id"] = f"{parent.id}-{len(parent.tasks) + 1}"
    parent.tasks.append(task)


def _plain_title(text: str, *, split: bool = True) -> tuple[str, str | None]:
    """Strip a heading's number; an action's aim follows its first comma (实施…行动，加快…)."""
    text = NUMBERING.sub("", text).strip().rstrip("。")
    parts = re.split(r"[，,]", text, maxsplit=1) if split else [text]
    return parts[0].strip(), (parts[1].strip() or None) if len(parts) > 1 else None


def _task(row: list[Any], columns: dict[str, list[int]], text: str, year: int) -> dict[str, Any]:
    """Read one task row: text, units, due date and leader."""

    def cell(role: str) -> str:
        cols = columns.get(role, [])
        return str(row[cols[0]]).strip() if cols and cols[0] < len(row) and row[cols[0]] is not None else ""

    text = re.sub(r"\s*\n\s*", "", text)
    given = [u for u in SPLIT_UNITS.split(cell("lead")) if u]
    others = [u for u in SPLIT_UNITS.split(cell("partners")) if u]
    leads = [u for u in given if _valid_unit(u)]
    lead = leads[0] if leads else None
    partners = [u for u in dict.fromkeys([*leads[1:], *others]) if u != lead and _valid_unit(u)]
    unclear = len(given) > 1 or len(leads) < len(given) or len(partners) < len(set(others) - {lead})
    raw_due = row[columns["due"][0]] if columns.get("due") and columns["due"][0] < len(row) else ""
    due = parse_due(raw_due, year)
    return {
        "title": re.split(r"[，。；,;：:]", text, maxsplit=1)[0][:TITLE_LENGTH],
        "text": text,
        "lead": lead,
        "partners": partners,
        "units_note": "；".join(f"原表{word}：{cell(role)}" for role, word in UNIT_WORDS if cell(role))
        if unclear
        else None,
        "leader": cell("leader") or None,
        "due": due,
        "due_note": None if due and isinstance(raw_due, dt.date) else str(raw_due).strip() or None,
        "unquoted": False,
    }


def _valid_unit(name: str) -> bool:
    try:
        UNIT.validate_python(name)
    except ValidationError:
        return False
    return True


def parse_due(value: Any, year: int) -> str | None:
    """Read a 完成时限 as plan.yaml writes due: YYYY-MM-DD, or ongoing; None when it cannot be read."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = re.sub(r"\s+", "", str(value or ""))
    if not text:
        return None
    if any(word in text for word in (*ONGOING_WORDS, "常态化", "持续")):
        return "ongoing"
    found_year = YEAR.search(text)
    in_year = int(found_year[1]) if found_year else year
    if m := re.search(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    if m := re.search(r"(\d{1,2})月(底|末|份|前|中旬|上旬|下旬)?", text):
        return month_end(f"{in_year}-{int(m[1]):02d}").isoformat() if 1 <= int(m[1]) <= 12 else None
    for word, month in SEASON_END.items():
        if word in text:
            return month_end(f"{in_year}-{month:02d}").isoformat()
    if re.search(r"年底|年末|年内|全年|年前", text):
        return f"{in_year}-12-31"
    return None


def _check_quotes(actions: list[Node], source: pathlib.Path | None) -> int:
    """Mark each task whose text the source lacks; return how many."""
    if source is None:
        return 0
    tasks = [t for a in actions for node in [a, *a.children] for t in node.tasks]
    source_text = source.read_text(encoding="utf-8-sig")
    missing = set(missing_quotes({t["id"]: t["text"] for t in tasks}, source_text))
    for task in tasks:
        task["unquoted"] = task["id"] in missing
    return len(missing)
