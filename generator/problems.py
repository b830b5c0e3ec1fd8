"""Problems found in data files, reported to staff as `path:line:col: field: message`."""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable

Path = tuple[str | int, ...]
WARNING = "提醒"  # leads a warning's message, after its place
# Invisible, breaking the line, reordering it (bidi controls), or not UTF-8 at all.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ud800-\udfff\ufffe\uffff]")


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place of one data file."""

    file: str
    line: int
    col: int
    field: str
    message: str
    warning: bool = False  # suspicious but possible: printed as 提醒, an error only under --strict

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}: " + (f"{WARNING}: " if self.warning else "")
        return f"{where}{self.field}: {self.message}" if self.field else f"{where}{self.message}"


def warning(problem: Problem) -> Problem:
    """Mark a problem as a warning: printed as 提醒, an error only under --strict."""
    return dataclasses.replace(problem, warning=True)


class DataError(Exception):
    """Raised with every problem found, so staff can fix them all in one pass."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildFailed(Exception):
    """Raised when MkDocs stops the build; `lines` say why, in Chinese, each naming its file."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


# A list item that is a record staff know by a name: the list's key → (the item's naming key, word, counter).
RECORDS = {
    "updates": ("task", "任务", "条进展"),
    "actions": ("id", "行动", "项行动"),
    "measures": ("id", "举措", "项举措"),
    "tasks": ("id", "任务", "项任务"),
}


NAMING_ID = re.compile(r"[\w-]{1,20}")  # an id short and plain enough to name its record in a message


def field_name(path: Path, data: object = None) -> str:
    """Spell a path inside a file the way staff read it: 任务 3-2-1 的 status, 行动 2 的 title.

    `data` is the file as parsed; without it (or without the record's id) a record is named by
    its place in the list: 第 3 条进展.
    """
    owner, start, node = "", 0, data
    for i, part in enumerate(path):
        if isinstance(part, int) and i and path[i - 1] in RECORDS:
            key, word, counter = RECORDS[str(path[i - 1])]
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            ident = item.get(key) if isinstance(item, dict) else None
            if (
                isinstance(ident, (str, int))
                and not isinstance(ident, bool)
                and NAMING_ID.fullmatch(str(ident).strip())
            ):
                owner = f"{word} {str(ident).strip()}"
            else:
                owner = f"{owner}的第 {part + 1} {counter}" if owner else f"第 {part + 1} {counter}"
            start = i + 1
        node = _child(node, part)
    rest = _spell(path[start:])
    if not owner:
        return rest
    return f"{owner} 的 {rest}" if rest else owner


def _child(node: object, part: str | int) -> object:
    """Step one part down a parsed file; None where the file has nothing there."""
    if isinstance(part, int):
        return node[part] if isinstance(node, list) and 0 <= part < len(node) else None
    return node.get(part) if isinstance(node, dict) else None


def _spell(path: Path) -> str:
    """Spell the fields below a named record: actual.改厕, evidence 第 2 条的 url."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f" 第 {part + 1} 条"
        else:
            joiner = "的 " if out.endswith("条") else "." if out else ""
            out += joiner + visible(str(part))
    return out


def visible(text: str) -> str:
    """Spell each invisible or unprintable character as an escape, so a problem stays one printable line."""
    return CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def did_you_mean(word: str, allowed: Iterable[str]) -> str:
    """Suggest the closest allowed word, or return an empty string."""
    close = difflib.get_close_matches(word, list(allowed), n=1, cutoff=0.6)
    return f"；您是不是想写 “{close[0]}”？" if close else ""


def echo(value: object) -> str:
    """Quote what staff wrote, the way they wrote it (true, not True; blank, not None)."""
    if value is None:
        return "空白（没有填写）"
    if isinstance(value, bool):
        return f"“{str(value).lower()}”"
    text = visible(str(value))  # an invisible NUL must show
    return f"“{text}”" if len(text) <= 40 else f"“{text[:37]}…”"
