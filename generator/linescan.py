"""Find, line by line, the hand-editing slips that YAML reports far from the mistake or not at all.

Staff edit data files in Notepad, WPS or VS Code with a Chinese input method switched on, and resolve
git conflicts by hand. Some slips make YAML stop lines later, or name the wrong cause: an invisible
control character, a git conflict left unresolved, and the slips in the layout of the lines that
`layout` finds (tabs, full-width spaces, Chinese colons, open quotes). Each is repaired in a copy of
the text, line for line, so the parser can read on and find what else is wrong. A quick look for the
characters involved spares well-formed files the scan.
"""

from __future__ import annotations

import dataclasses
import re

from . import layout

NON_PRINTABLE = re.compile(r"[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
MARKERS = ("<<<<<<<", "|||||||", "=======", ">>>>>>>")
MARKER = re.compile(r"(?:<{7}|\|{7}|>{7})(?: .*)?|={7}[ \t]*")  # a whole line, as git writes it
BLANK_SLIP = re.compile(r"^[ \t\u3000-]*[\t\u3000]|[:-][\t\u3000]", re.MULTILINE)  # where layout looks for them

CONTROL = "含有不可见的控制字符（{code}）；请删除它（常见于从网页、Word 或 PDF 复制的文字）"
CONFLICT = (
    "未解决的 git 合并冲突：第 {lines} 行是冲突标记。<<<<<<< 与 ======= 之间是本地的版本，"
    "======= 与 >>>>>>> 之间是合并进来的版本；请保留正确的一份、删掉另一份，再删掉这 {count} 行标记"
)
CONFLICT_PART = "git 合并冲突标记（从第 {first} 行开始的冲突）；按第 {first} 行的提示解决冲突后删掉这一行"
CONFLICT_LEFT = "git 合并冲突留下的标记行（第 {lines} 行）；请核对前后内容，只保留正确的一份，再删掉这些标记行"


@dataclasses.dataclass(frozen=True)
class Finding:
    """One slip at a 1-based line and column, explained in Chinese."""

    line: int
    col: int
    message: str


@dataclasses.dataclass(frozen=True)
class Scan:
    """What the scan found (one finding a line at most), and the text with every slip repaired."""

    findings: list[Finding]
    text: str  # as many lines as the original, for the parser to read on
    complete: bool  # False when the quick look ruled the slips out and no line was read


def scan(text: str, *, complete: bool = False) -> Scan:
    """Scan text for slips; unless complete, first rule them out cheaply by the characters they need."""
    if not complete and not _suspicious(text):
        return Scan([], text, False)
    lines = text.split("\n")
    found: dict[int, tuple[int, str]] = {}  # line index → (column index, message): the first a line
    if NON_PRINTABLE.search(text):
        _control_characters(lines, found)
    if _has_marker(text):
        _conflicts(lines, found)
    for i, slip in layout.slips(lines).items():
        found.setdefault(i, slip)
    findings = [Finding(i + 1, found[i][0] + 1, found[i][1]) for i in sorted(found)]
    return Scan(findings, "\n".join(lines), True)


def control_characters(text: str) -> list[Finding]:
    """List each line holding a character YAML refuses, for a text file read whole (such as source.txt)."""
    found: dict[int, tuple[int, str]] = {}
    if NON_PRINTABLE.search(text):
        _control_characters(text.split("\n"), found)
    return [Finding(i + 1, col + 1, message) for i, (col, message) in sorted(found.items())]


def _suspicious(text: str) -> bool:
    """Tell, at C speed, whether the text holds a character that any slip needs."""
    if _has_marker(text) or NON_PRINTABLE.search(text):
        return True
    if ("\t" in text or "\u3000" in text) and BLANK_SLIP.search(text):
        return True
    at = text.find("：")
    while at >= 0:  # a Chinese colon after "key: " is in a value; before any colon, or after "{", it may end a key
        start = text.rfind("\n", 0, at) + 1
        maybe_key = text.find(":", start, at) < 0 or text.find("{", start, at) >= 0
        if maybe_key and not text[start:at].lstrip(" ").startswith("#"):
            return True
        end = text.find("\n", at)
        at = text.find("：", end) if end >= 0 else -1
    return False


def _has_marker(text: str) -> bool:
    """Tell whether a line starts like a git conflict marker."""
    return text.startswith(MARKERS) or any(f"\n{marker}" in text for marker in MARKERS)


def _control_characters(lines: list[str], found: dict[int, tuple[int, str]]) -> None:
    """Note each line holding a character YAML refuses (a NUL pasted from another program), and drop it."""
    for i, line in enumerate(lines):
        bad = NON_PRINTABLE.search(line)
        if bad:
            found.setdefault(i, (bad.start(), CONTROL.format(code=f"U+{ord(bad.group()):04X}")))
            lines[i] = NON_PRINTABLE.sub("", line)


def _conflicts(lines: list[str], found: dict[int, tuple[int, str]]) -> None:
    """Note git conflict markers; keep the first version of each conflict and blank the rest."""
    markers: list[tuple[int, str]] = []  # (line index, first character) of the conflict being read
    theirs = False  # in its second version (or in its common base, after "|||||||")
    for i, line in enumerate(lines):
        if line.startswith(MARKERS) and MARKER.fullmatch(line):
            if line[0] == "<":
                _explain_conflict(markers, found)  # an earlier conflict left without its end
                markers = []
            markers.append((i, line[0]))
            theirs = line[0] in "|="
            if line[0] == ">":
                _explain_conflict(markers, found)
                markers, theirs = [], False
        elif not theirs:
            continue
        lines[i] = ""
    _explain_conflict(markers, found)


def _explain_conflict(markers: list[tuple[int, str]], found: dict[int, tuple[int, str]]) -> None:
    """Name every marker line of one conflict; the first tells how to resolve it."""
    if not markers:
        return
    numbers = "、".join(str(i + 1) for i, _ in markers)
    kinds = "".join(kind for _, kind in markers)
    first = markers[0][0]
    if kinds[0] == "<" and kinds[-1] == ">" and "=" in kinds:
        found.setdefault(first, (0, CONFLICT.format(lines=numbers, count=len(markers))))
        for i, _ in markers[1:]:
            found.setdefault(i, (0, CONFLICT_PART.format(first=first + 1)))
    else:
        for i, _ in markers:
            found.setdefault(i, (0, CONFLICT_LEFT.format(lines=numbers)))
