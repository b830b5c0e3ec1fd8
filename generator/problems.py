"""Problems found in data files, reported to staff as `path:line:col: field: message`."""

from __future__ import annotations

import dataclasses
import difflib
import pathlib
import re
from collections.abc import Iterable

import yaml

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


STEP = re.compile(r"(?:的)?第 (\d+) (条进展|项行动|项举措|项任务)")  # a record named by its place, as above
BY_COUNTER = {counter: (key, name, word) for key, (name, word, counter) in RECORDS.items()}


def name_records(problems: list[Problem], path: pathlib.Path) -> list[Problem]:
    """Name the records problems point into (任务 1-1-1, not 第 1 条进展), though the file could not be read whole.

    The file is composed, not constructed: duplicate keys are allowed and aliases stay unexpanded.
    """
    if not any(STEP.match(p.field) for p in problems):
        return problems  # a file too big, undecodable or broken has no such problem: it is not read again
    try:
        root = yaml.compose(path.read_bytes().decode("utf-8-sig"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError, UnicodeDecodeError, OSError):
        return problems
    named = []
    for problem in problems:
        node, at, word = root, 0, ""
        while step := STEP.match(problem.field, at):
            key, name, word = BY_COUNTER[step[2]]
            items = _node_value(node, key)
            index = int(step[1]) - 1
            node = items.value[index] if isinstance(items, yaml.SequenceNode) and index < len(items.value) else None
            at = step.end()
        ident = _node_value(node, name) if at else None
        if isinstance(ident, yaml.ScalarNode) and NAMING_ID.fullmatch(ident.value.strip()):
            problem = dataclasses.replace(problem, field=f"{word} {ident.value.strip()}{problem.field[at:]}")
        named.append(problem)
    return named


def _node_value(node: object, key: str) -> yaml.Node | None:
    """Return the first value of a key in a composed mapping."""
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


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
