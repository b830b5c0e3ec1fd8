"""The kinds of value staff write in the data files, each checked with a Chinese message.

Statuses, numbers, dates, URLs, IDs, place names and text: `model.py` builds its records from these.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import urllib.parse
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from .problems import did_you_mean, echo, visible

ID_PATTERN = r"^[1-9][0-9]*(-[1-9][0-9]*){0,2}$"
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
MAX_NUMBER = 1e15  # beyond any count or sum a county reports; also keeps huge integers out of float
MAX_ID_LENGTH = 20  # an ID names a page file (tasks/3-2-1.md) and is read as a number (行动三)
MAX_NAME_LENGTH = 60  # a place or unit names a folder (places/庞泉沟/): 60 characters stay within 255 bytes of UTF-8
MAX_NOTE_LENGTH = 2000  # a 进展说明 is a paragraph or two; a longer one is a pasted document, which belongs in evidence


class Status(enum.StrEnum):
    """A task's status, following the 督查 convention; the value is the YAML key."""

    not_started = "not_started"
    in_progress = "in_progress"
    ahead = "ahead"
    on_pace = "on_pace"
    behind = "behind"
    done = "done"
    changed = "changed"
    # Shown and counted for a task nobody has reported on yet; never typed, and exported as not_started.
    no_report = "no_report"

    @property
    def label(self) -> str:
        """Return the Chinese word shown on the site."""
        return STATUS_LABELS[self]

    @property
    def data(self) -> Status:
        """Return the status as the data files and downloads know it (尚无报告 is 未启动 there)."""
        return Status.not_started if self == Status.no_report else self


STATUS_LABELS: dict[Status, str] = {
    Status.not_started: "未启动",
    Status.in_progress: "推进中",
    Status.ahead: "超序时进度",
    Status.on_pace: "达序时进度",
    Status.behind: "滞后",
    Status.done: "已完成",
    Status.changed: "已调整",
    Status.no_report: "尚无报告",
}
TYPED: list[Status] = [s for s in Status if s != Status.no_report]  # the statuses staff may write
STATUS_BY_WORD: dict[str, Status] = {s.label: s for s in TYPED} | {s.value: s for s in TYPED}


def _status(value: Any) -> Any:
    """Accept a status by its Chinese word or its key."""
    if isinstance(value, str) and value.strip() in STATUS_BY_WORD:
        return STATUS_BY_WORD[value.strip()]
    allowed = "、".join(s.label for s in TYPED)
    keys = ", ".join(s.value for s in TYPED)
    hint = did_you_mean(str(value).strip().lower(), STATUS_BY_WORD)
    raise PydanticCustomError(
        "gk_status",
        "未知状态 {value}；允许：{allowed}（或 {keys}）{hint}",
        {"value": echo(value), "allowed": allowed, "keys": keys, "hint": hint},
    )


def _number(value: Any) -> Any:
    """Accept a real number only: no booleans, no strings, no full-width digits."""
    if value is None:
        raise PydanticCustomError(
            "gk_number", "还没有填写数字；请写阿拉伯数字，如 2000 或 1.2（本期没有数字的指标，删除这一行）", {}
        )
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _not_a_number(value)
    if value != value or value in (float("inf"), float("-inf")):
        raise PydanticCustomError(
            "gk_number", "{value} 不是数字；只写阿拉伯数字，如 2000 或 1.2", {"value": echo(value)}
        )
    if abs(value) > MAX_NUMBER:
        raise PydanticCustomError("gk_number", "{value} 过大；请检查是否多写了几位数", {"value": echo(value)})
    if value < 0:
        raise PydanticCustomError("gk_negative", "不能为负数（写的是 {value}）；请写 0 或正数", {"value": value})
    return value


def _not_a_number(value: Any) -> PydanticCustomError:
    """Explain why what staff wrote is not a number, the likeliest cause first."""
    if isinstance(value, str) and value.translate(FULL_WIDTH_DIGITS) != value:
        return PydanticCustomError(
            "gk_fullwidth",
            "{value} 含全角数字；请改为半角数字，如 {fixed}",
            {"value": echo(value), "fixed": visible(value.translate(FULL_WIDTH_DIGITS))},
        )
    if isinstance(value, str) and re.fullmatch(r"\s*\d+(\.\d+)?\s*", value):
        # A quoted number is text to YAML; the schema and charts need a number.
        return PydanticCustomError(
            "gk_number", "{value} 加了引号，成了文字；请去掉引号，只写数字", {"value": echo(value)}
        )
    return PydanticCustomError(
        "gk_number",
        "{value} 不是数字；只写阿拉伯数字，不带逗号和单位，如 2000 或 1.2",
        {"value": echo(value)},
    )


def _date(value: Any) -> Any:
    """Accept a real calendar date written as YYYY-MM-DD."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if value is None:
        raise PydanticCustomError("gk_date", "没有填写日期；应写 YYYY-MM-DD 格式的日期，如 2021-06-30", {})
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise PydanticCustomError(
        "gk_date",
        "{value} 不是有效日期；应写真实存在的日期，格式 YYYY-MM-DD，如 2021-06-30",
        {"value": echo(value)},
    )


def _http_url(value: Any) -> Any:
    """Accept only absolute http(s) URLs: nothing a browser would run."""
    text = str(value).strip() if isinstance(value, str) else ""
    parts = urllib.parse.urlsplit(text)
    # Control characters are rejected too: browsers drop them, so "java\tscript:" would run.
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"[\s\x00-\x1f\x7f]", text):
        raise PydanticCustomError(
            "gk_url", "{value} 不是网址；只允许以 http:// 或 https:// 开头的完整网址", {"value": echo(value)}
        )
    return text


def _text(value: Any) -> Any:
    """Accept non-empty text; numbers staff typed are kept as text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, bool):
        # YAML reads yes/no/on/off/true/false as a switch, not as words.
        raise PydanticCustomError(
            "gk_text", "应为文字，写的是 {value}；如确是这几个字，请加引号", {"value": echo(value)}
        )
    if value is not None and not isinstance(value, str):
        raise PydanticCustomError("gk_text", "应为一段文字，不能是列表或“字段: 值”", {})
    if value is None or not value.strip():
        raise PydanticCustomError("gk_text", "没有填写内容；这里应写文字", {})
    return value.strip()


def _note(value: Any) -> Any:
    """Accept a 进展说明 of at most MAX_NOTE_LENGTH characters."""
    text = _text(value)
    if len(text) > MAX_NOTE_LENGTH:
        raise PydanticCustomError(
            "gk_note",
            "进展说明有 {length} 个字，超过了 {max} 字的上限；请精简，详细材料请作为佐证（evidence）附上链接",
            {"length": len(text), "max": MAX_NOTE_LENGTH},
        )
    return text


def _id(value: Any) -> Any:
    """Accept an ID like 3-2-1 (numbers are accepted and read as text)."""
    text = _text(value)
    if not re.fullmatch(ID_PATTERN, text) or len(text) > MAX_ID_LENGTH:
        raise PydanticCustomError(
            "gk_id", "{value} 不是有效编号；编号形如 3、3-2 或 3-2-1（行动-举措-任务）", {"value": echo(value)}
        )
    return text


# json_schema_input_type tells editors what staff may type, which is wider than what is stored.
def _page_name(value: Any, word: str, example: str) -> str:
    """Accept a name that also names a page in the site's URL (a place, a unit)."""
    text = _text(value)
    if re.search(r'[/\\<>:"|?*#%&\s]', text) or text.startswith("."):
        raise PydanticCustomError(
            "gk_name",
            "{word} {value} 含有不能用于网址的符号；只写名称本身，如 {example}",
            {"word": word, "value": echo(text), "example": example},
        )
    if len(text) > MAX_NAME_LENGTH:
        raise PydanticCustomError(
            "gk_name",
            "{word} {value} 过长（超过 {max} 个字）；只写一个名称，如 {example}",
            {"word": word, "value": echo(text), "max": MAX_NAME_LENGTH, "example": example},
        )
    return text


def _place(value: Any) -> Any:
    """Accept a place name that can also be a page name in the site's URL."""
    return _page_name(value, "地名", "庞泉沟、龙山街小学")


def _unit(value: Any) -> Any:
    """Accept a unit (department) name that can also be a page name in the site's URL."""
    return _page_name(value, "单位名称", "县住建局、县教育局")


ONGOING = "ongoing"
ONGOING_WORDS = {ONGOING, "长期坚持", "持续推进", "长期"}


def _due(value: Any) -> Any:
    """Accept a due date, or `ongoing` (长期坚持) for work with no end date."""
    if isinstance(value, str) and value.strip() in ONGOING_WORDS:
        return ONGOING
    try:
        return _date(value)
    except PydanticCustomError:
        raise PydanticCustomError(
            "gk_date",
            "{value} 不是有效的完成期限；应写 YYYY-MM-DD 格式的日期（如 2021-12-31），长期坚持的工作写 ongoing",
            {"value": echo(value)},
        ) from None


Number = Annotated[float, BeforeValidator(_number), Field(json_schema_extra={"minimum": 0})]
Date = Annotated[dt.date, BeforeValidator(_date)]
Text = Annotated[str, BeforeValidator(_text, json_schema_input_type=str)]
Note = Annotated[
    str, BeforeValidator(_note, json_schema_input_type=str), Field(json_schema_extra={"maxLength": MAX_NOTE_LENGTH})
]
Id = Annotated[str, BeforeValidator(_id, json_schema_input_type=str), Field(json_schema_extra={"pattern": ID_PATTERN})]
Url = Annotated[
    str,
    BeforeValidator(_http_url, json_schema_input_type=str),
    Field(json_schema_extra={"pattern": "^https?://", "format": "uri"}),
]
Place = Annotated[str, BeforeValidator(_place, json_schema_input_type=str)]
StatusField = Annotated[
    Status,
    BeforeValidator(_status, json_schema_input_type=Literal[tuple(STATUS_BY_WORD)]),
]
Unit = Annotated[str, BeforeValidator(_unit, json_schema_input_type=str)]
Due = Annotated[
    dt.date | Literal["ongoing"],
    BeforeValidator(_due, json_schema_input_type=str),
]
