"""Problems found in data files, reported to staff as `path:line:col: field: message`."""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable

Path = tuple[str | int, ...]
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

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DataError(Exception):
    """Raised with every problem found, so staff can fix them all in one pass."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def field_name(path: Path) -> str:
    """Spell a path inside a file the way staff see it: actions[2].measures[0].title."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{visible(part)}" if out else visible(str(part)))
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
