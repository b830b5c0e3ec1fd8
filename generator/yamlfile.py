"""Read one YAML file safely, keeping the line and column of every value.

Staff edit these files by hand in whatever editor they have, so this stage turns every
way a file can be unreadable into a Problem that names the line, instead of a traceback.
Slips YAML explains badly (tabs, full-width spaces, Chinese colons, open quotes, git conflict
markers) are found by `linescan` first; the parser reads its repaired copy to find the rest.
"""

from __future__ import annotations

import dataclasses
import pathlib
import sys
from typing import Any

import yaml

from . import linescan
from .layout import TAB
from .linescan import NON_PRINTABLE
from .problems import DataError, Path, Problem, field_name

MAX_BYTES = 16_000_000  # a prefecture of ten thousand tasks is ~4 MB; stops a runaway file before parsing
MAX_NODES = 2_000_000  # ~15 per task: room for 100,000 tasks
MAX_LISTED = 20  # a binary file pasted in would otherwise list thousands of lines
MAX_DEPTH = 50  # real files nest about 10 deep; PyYAML composes recursively and would overflow the stack
EMPTY = "文件是空的（或只有注释）；请按说明填写内容"
MISSING_DASH = (
    "这一行的 “{key}” 与第 {first} 行的 “{key}” 落在了同一条里：看起来这里是新的一条，但行首漏写了“- ”。"
    "请在 {key} 前面加上“- ”，与上一条的“- ”对齐（若确实是同一条里写重复了，核对后再删去多余的一行）"
)


@dataclasses.dataclass(frozen=True)
class Located:
    """A parsed file: plain Python data plus where each value and key stands."""

    data: Any
    values: dict[Path, tuple[int, int]]
    keys: dict[Path, tuple[int, int]]
    name: str

    def where(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Return (line, col) of a path, falling back to its nearest located parent."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            if path[:end] in table:
                return table[path[:end]]
            if path[:end] in self.values:
                return self.values[path[:end]]
        return (1, 1)

    def problem(self, path: Path, field: str, message: str, *, key: bool = False) -> Problem:
        """Make a Problem located at a path of this file."""
        line, col = self.where(path, key=key)
        return Problem(self.name, line, col, field, message)


def read_text(path: pathlib.Path, name: str) -> str:
    """Read a UTF-8 text file (a BOM is fine), raising DataError naming the line that cannot be read."""
    text = _decode(_read_bytes(path, name), name)
    refused = linescan.control_characters(text)
    if refused:
        raise DataError([Problem(name, f.line, f.col, "", f.message) for f in refused[:MAX_LISTED]])
    return text


def read_yaml(path: pathlib.Path, name: str) -> Located:
    """Parse a data file, raising DataError with every problem that stops reading it."""
    text = _decode(_read_bytes(path, name), name)
    scan = linescan.scan(text)
    root, error = _compose(scan.text)
    if error and not scan.complete:  # a syntax error is worth reading every line: the scan may name its cause
        scan = linescan.scan(text, complete=True)
        if scan.findings:
            root, error = _compose(scan.text)
    # The parser reads the scan's repaired copy, so what it finds has another cause; one message a line.
    explained = {finding.line for finding in scan.findings}
    problems = [Problem(name, f.line, f.col, "", f.message) for f in scan.findings[:MAX_LISTED]]
    if error:
        problems += [p for p in _syntax_problems(error, name) if p.line not in explained]
    if root is None:
        raise DataError(problems or [Problem(name, 1, 1, "", EMPTY)])
    located = Located(None, {}, {}, name)
    built: list[Problem] = []
    data = _build(root, (), located, built)
    problems += [p for p in built if p.line not in explained]
    if problems:
        raise DataError(problems)
    return dataclasses.replace(located, data=data)


def _compose(text: str) -> tuple[yaml.Node | None, yaml.MarkedYAMLError | None]:
    """Compose text into a node tree (None for an empty file), or return the syntax error that stops it."""
    try:
        return _quick_compose(text) or yaml.compose(text, Loader=_NoAliasLoader), None
    except yaml.MarkedYAMLError as err:
        return None, err


def _read_bytes(path: pathlib.Path, name: str) -> bytes:
    """Read at most MAX_BYTES + 1 bytes, so even a device or a huge file cannot exhaust memory."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as err:
        raise DataError(
            [Problem(name, 1, 1, "", f"无法打开这个文件（{err.strerror or '读取失败'}）；请检查文件权限")]
        ) from None
    if len(raw) > MAX_BYTES:
        message = f"文件过大（超过 {MAX_BYTES // 1_000_000} MB）；请检查是否误存了其他内容"
        raise DataError([Problem(name, 1, 1, "", message)])
    return raw


def _decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 (a BOM is fine); name the likely encoding when it is not."""
    try:
        # A lone CR (old Mac files) ends a line for YAML and editors alike: count lines as they do.
        return raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        guess = _guess_encoding(raw)
        message = f"文件不是 UTF-8 编码（看起来是 {guess}）；请在编辑器中“另存为 UTF-8”"
        raise DataError([Problem(name, line, 1, "", message)]) from None


def _guess_encoding(raw: bytes) -> str:
    """Name the encoding a Chinese Windows editor most likely used."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode" writes a UTF-16 BOM
        return "UTF-16，即记事本中的“Unicode”"
    for encoding, label in (("gb18030", "GBK/GB18030，常见于 Windows 记事本"), ("big5", "Big5")):
        try:
            raw.decode(encoding)
            return label
        except UnicodeDecodeError:
            continue
    return "未知编码"


def _syntax_problems(err: yaml.MarkedYAMLError, name: str) -> list[Problem]:
    """Explain a YAML syntax error in Chinese at the line and column it is best shown at."""
    mark = err.problem_mark or err.context_mark
    if isinstance(err, _RefusedError):
        message = str(err.problem)
    elif "'\\t'" in str(err.problem):
        message = TAB  # a tab the line scan did not see, e.g. after a U+2028 line break
    else:
        where, message = _explain(err)
        mark = where or mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return [Problem(name, line, col, "", message)]


# PyYAML's English explanation (by a phrase in it) → whether to point at its context mark, and what
# to tell staff. The first phrase found wins, so the narrower phrase comes first.
SYNTAX_HINTS: list[tuple[str, bool, str]] = [
    ("unknown escape", False, "双引号里的反斜杠 \\ 写法不对；请改用单引号，或把 \\ 写成 \\\\"),
    ("quoted scalar", True, "引号没有闭合；请在这段文字末尾补上配对的引号"),
    ("flow sequence", True, "方括号 [ ] 没有配对，或两项之间缺少英文逗号"),
    ("flow mapping", True, "花括号 { } 没有配对，或两项之间缺少英文逗号"),
    ("mapping values are not allowed", False, "这里不能有冒号；文字中含有“: ”时请给整段文字加引号，或检查上一行的缩进"),
    ("another document", False, "一个文件只能有一份内容；请删除多余的 “---” 行"),
    ("cannot start any token", False, "文字不能以 @ ` % 等符号开头；请给这段文字加引号"),
    (
        "could not find expected ':'",
        True,
        "缺少冒号；请写成“字段: 值”：英文冒号，冒号后加一个空格（不要用中文冒号“：”）",
    ),
    ("expected <block end>", False, "缩进没有对齐；同一层的字段和列表项必须左对齐，且只用空格缩进"),
    ("document start", False, "多出了括号或其他符号；请检查这一行"),
]


def _explain(err: yaml.MarkedYAMLError) -> tuple[Any, str]:
    """Pick the Chinese explanation of a PyYAML error and the mark it is best shown at."""
    said = f"{err.context or ''} {err.problem or ''}"
    for phrase, at_context, message in SYNTAX_HINTS:
        if phrase in said:
            return (err.context_mark if at_context else None), message
    return None, f"YAML 格式错误；请检查这一行及上一行的缩进、冒号和引号（原始提示：{err.problem or said.strip()}）"


def _quick_compose(text: str) -> yaml.Node | None:
    """Compose with libyaml, about five times faster, when the file holds nothing to complain of.

    Anything unusual (a syntax error, an anchor or alias, deep nesting, an empty file) returns
    None, and the pure-Python loader reads the file again to explain the problem precisely.
    """
    if not yaml.__with_libyaml__:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return None
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth >= MAX_DEPTH:
                    return None
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        return yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None


class _RefusedError(yaml.MarkedYAMLError):
    """Something valid YAML that a data file may not hold; its problem is already in Chinese."""


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses anchors and aliases, which can expand to gigabytes, and deep nesting."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            message = "不允许使用 YAML 锚点或别名（& 和 *）；请把内容直接写出来"
            raise _RefusedError(None, None, message, event.start_mark)
        if self.depth >= MAX_DEPTH:
            message = f"嵌套层数过多（超过 {MAX_DEPTH} 层）；请检查括号 [ {{ 是否配对，缩进是否正确"
            raise _RefusedError(None, None, message, event.start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _build(node: yaml.Node, path: Path, out: Located, problems: list[Problem]) -> Any:
    """Turn a node into plain data, recording positions and rejecting duplicate keys."""
    out.values[path] = _position(node)
    if len(out.values) > MAX_NODES:
        raise DataError([out.problem(path, "", "内容条目过多；请检查文件是否损坏")])
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(node, path, out, problems)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), out, problems) for i, item in enumerate(node.value)]
    if node.tag == "tag:yaml.org,2002:int" and len(node.value) > sys.get_int_max_str_digits():
        problems.append(Problem(out.name, *_position(node), field_name(path), "数字位数过多；请检查是否多写了几位数"))
        return node.value  # Python refuses to read an integer this long
    _check_escapes(node.value, node, path, out, problems)
    return _scalar(node)


def _check_escapes(text: str, node: yaml.Node, path: Path, out: Located, problems: list[Problem]) -> None:
    """Refuse a character that only an escape in double quotes ("\\0", "\\ud800") can write.

    Such text could not be printed, saved as UTF-8 or used as a file name later on.
    """
    found = NON_PRINTABLE.search(text)
    if found:
        code = f"U+{ord(found.group()):04X}"
        message = f"双引号中的转义写出了不可见或无效的字符（{code}）；请删除这个以反斜杠 \\ 开头的转义"
        problems.append(Problem(out.name, *_position(node), field_name(path), message))


def _build_mapping(node: yaml.MappingNode, path: Path, out: Located, problems: list[Problem]) -> dict[str, Any]:
    """Build a mapping whose keys are the text staff typed (so `on:` or `2021:` stay names)."""
    result: dict[str, Any] = {}
    # A list item's first key written again, below it, starts the next item whose "- " was left out.
    item = bool(path) and isinstance(path[-1], int) and not node.flow_style
    first = node.value[0][0].value if node.value else None
    seen: dict[str, int] = {}  # key → line, in the item being read
    merged = False  # reading an item YAML merged into this one
    for key_node, value_node in node.value:
        line, col = _position(key_node)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(out.name, line, col, "", "字段名应为文字，不能是列表或“字段: 值”"))
            continue
        key = key_node.value
        child = (*path, key)
        _check_escapes(key, key_node, child, out, problems)
        if key in seen and item and key == first:
            problems.append(
                Problem(out.name, line, col, field_name(child), MISSING_DASH.format(key=key, first=seen[key]))
            )
            seen, merged = {}, True
        elif key in seen:
            message = f"字段重复（第 {seen[key]} 行已写过）；同一层只能写一次"
            problems.append(Problem(out.name, line, col, field_name(child), message))
            continue
        seen[key] = line
        if merged:
            _build(value_node, child, out, problems)  # only for the problems inside it
            continue
        out.keys[child] = (line, col)
        result[key] = _build(value_node, child, out, problems)
    return result


def _position(node: yaml.Node) -> tuple[int, int]:
    """Return a node's 1-based (line, column)."""
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _scalar(node: yaml.Node) -> Any:
    """Read a scalar as YAML 1.1 would, but keep dates as text for the model to check."""
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value
    try:
        return _SCALARS.construct_object(node, deep=True)
    except (yaml.constructor.ConstructorError, ValueError, LookupError, TypeError, ArithmeticError):
        # An unknown tag (!foo), or a wrong one: !!float abc raises ValueError, !!bool abc KeyError.
        # The text goes on for the model to explain what the field needs.
        return node.value
    finally:
        _SCALARS.constructed_objects.clear()  # it caches every node it sees, which would grow forever


_SCALARS = yaml.SafeLoader("")
