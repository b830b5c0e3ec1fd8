"""Read one YAML file safely, keeping the line and column of every value.

Staff edit these files by hand in whatever editor they have, so this stage turns every
way a file can be unreadable into a Problem that names the line, instead of a traceback.
"""

from __future__ import annotations

import dataclasses
import pathlib
from typing import Any

import yaml

from .problems import DataError, Path, Problem

MAX_BYTES = 2_000_000  # far above any real plan; stops a runaway file before parsing
MAX_NODES = 200_000


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


def read_yaml(path: pathlib.Path, name: str) -> Located:
    """Parse a data file, raising DataError with every problem that stops reading it."""
    text = _decode(path.read_bytes() if path.stat().st_size <= MAX_BYTES else None, name)
    try:
        root = yaml.compose(text, Loader=_NoAliasLoader)
    except yaml.MarkedYAMLError as err:
        raise DataError([_syntax_problem(err, name, text)]) from None
    if root is None:
        raise DataError([Problem(name, 1, 1, "", "文件是空的；请按说明填写内容")])
    located = Located(None, {}, {}, name)
    problems: list[Problem] = []
    data = _build(root, (), located, problems)
    if problems:
        raise DataError(problems)
    return dataclasses.replace(located, data=data)


def _decode(raw: bytes | None, name: str) -> str:
    """Decode UTF-8 (a BOM is fine); name the likely encoding when it is not."""
    if raw is None:
        raise DataError([Problem(name, 1, 1, "", f"文件过大（超过 {MAX_BYTES // 1_000_000} MB）；请检查是否误存了其他内容")])
    try:
        return raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        guess = _guess_encoding(raw)
        raise DataError(
            [Problem(name, line, 1, "", f"文件不是 UTF-8 编码（看起来是 {guess}）；请在编辑器中“另存为 UTF-8”")]
        ) from None


def _guess_encoding(raw: bytes) -> str:
    """Name the encoding a Chinese Windows editor most likely used."""
    for encoding, label in (("gb18030", "GBK/GB18030，常见于 Windows 记事本"), ("big5", "Big5"), ("utf-16", "UTF-16")):
        try:
            raw.decode(encoding)
            return label
        except UnicodeDecodeError:
            continue
    return "未知编码"


def _syntax_problem(err: yaml.MarkedYAMLError, name: str, text: str) -> Problem:
    """Explain a YAML syntax error in Chinese at its line."""
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    source_line = text.split("\n")[line - 1] if 0 < line <= text.count("\n") + 1 else ""
    if "\t" in source_line or "tab" in str(err.problem):
        return Problem(name, line, col, "", "含有制表符（Tab）；YAML 只能用空格缩进，请把 Tab 换成两个空格")
    if isinstance(err, _AliasError):
        return Problem(name, line, col, "", str(err.problem))
    detail = err.problem or "格式错误"
    return Problem(name, line, col, "", f"YAML 格式错误（{detail}）；请检查这一行及上一行的缩进、冒号和引号")


class _AliasError(yaml.MarkedYAMLError):
    pass


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses anchors and aliases, which can expand to gigabytes."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _AliasError(
                None, None, "不允许使用 YAML 锚点或别名（& 和 *）；请把内容直接写出来", event.start_mark
            )
        return super().compose_node(parent, index)


_SCALARS = yaml.SafeLoader("")


def _build(node: yaml.Node, path: Path, out: Located, problems: list[Problem]) -> Any:
    """Turn a node into plain data, recording positions and rejecting duplicate keys."""
    out.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if len(out.values) > MAX_NODES:
        raise DataError([out.problem(path, "", "内容条目过多；请检查文件是否损坏")])
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            child = (*path, key if isinstance(key, (str, int)) else str(key))
            out.keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                problems.append(out.problem(child, str(key), "字段重复出现；同一层只能写一次", key=True))
            result[key] = _build(value_node, child, out, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), out, problems) for i, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    """Read a scalar as YAML 1.1 would, but keep dates as text for the model to check."""
    if not isinstance(node, yaml.ScalarNode):
        return str(node.start_mark)
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value
    try:
        return _SCALARS.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError:
        return node.value
