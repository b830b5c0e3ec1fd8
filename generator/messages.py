"""Chinese messages for the model's validation errors, naming what is allowed."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError

from .model import FULL_WIDTH_DIGITS
from .problems import Path, Problem, did_you_mean, echo, field_name, visible
from .yamlfile import Located

TYPE_WORDS = {
    "dict": "一组“字段: 值”",
    "model": "一组“字段: 值”",
    "list": "列表（每项以“- ”开头）",
    "string": "文字",
    "bool": "true 或 false",
    "int": "整数",
    "float": "数字",
}
KEY = "[key]"  # pydantic's marker for an error in a mapping's key rather than its value


def problems_from(error: ValidationError, src: Located, model: type[BaseModel]) -> list[Problem]:
    """Turn every error pydantic found into a located Problem in Chinese."""
    return [_one(e, src, model) for e in error.errors(include_url=False)]


def _one(err: Any, src: Located, model: type[BaseModel]) -> Problem:
    """Translate one pydantic error dict."""
    loc: Path = tuple(err["loc"])
    kind: str = err["type"]
    if loc and loc[-1] == KEY:
        return src.problem(loc[:-1], field_name(loc[:-1], src.data), f"名称（冒号前的部分）{err['msg']}", key=True)
    field = field_name(loc, src.data)
    if kind == "missing":
        name = loc[-1]
        return src.problem(loc[:-1], field, f"缺少必填字段 “{name}”；请在这一层加上 {name}: …")
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        hint = did_you_mean(str(loc[-1]), allowed)
        message = f"未知字段 “{visible(str(loc[-1]))}”；这里允许的字段：{', '.join(allowed)}{hint}"
        return src.problem(loc, field, message, key=True)
    if kind.startswith("gk_"):
        return src.problem(loc, field, err["msg"])
    return src.problem(loc, field, _builtin_message(kind, err))


def _builtin_message(kind: str, err: Any) -> str:
    """Explain pydantic's own error kinds."""
    ctx = err.get("ctx") or {}
    given = err.get("input")
    if kind == "int_from_float":
        return f"应为整数，写的是 {echo(given)}"
    for word, label in TYPE_WORDS.items():
        if kind.startswith(word) and kind.endswith(("_type", "_parsing")):
            return f"应为{label}，写的是 {echo(given)}{_full_width_hint(given)}"
    if kind == "too_short":
        return "不能为空；至少要写一项"
    if kind == "literal_error":
        allowed = "、".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        return f"{echo(given)} 不是允许的值；允许：{allowed}"
    if kind == "greater_than_equal":
        return f"应不小于 {ctx.get('ge')}，写的是 {echo(given)}"
    if kind == "less_than_equal":
        return f"应不大于 {ctx.get('le')}，写的是 {echo(given)}"
    return f"值 {echo(given)} 不符合要求（{err['msg']}）"


def _full_width_hint(given: Any) -> str:
    """Point out full-width digits, which look right on screen but are not numbers."""
    if isinstance(given, str) and given.translate(FULL_WIDTH_DIGITS) != given:
        return f"；其中含全角数字，请改为半角：{visible(given.translate(FULL_WIDTH_DIGITS))}"
    return ""


def _allowed_fields(model: type[BaseModel], path: Path) -> list[str]:
    """Find the record type at a path and list its field names."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _inner_model(annotation: Any) -> Any:
    """Dig a model class out of list[X] or X | None."""
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if hasattr(found, "model_fields"):
            return found
    return annotation
