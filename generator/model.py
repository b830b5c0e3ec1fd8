"""The typed model of plan and progress data: every field staff may write, documented.

The field descriptions here are the single source for the JSON Schema that editors use and
for the field table in the staff guide (a test keeps the guide in step with this module).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import urllib.parse
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
)
from pydantic_core import PydanticCustomError

from .problems import did_you_mean, echo, visible

ID_PATTERN = r"^[1-9][0-9]*(-[1-9][0-9]*){0,2}$"
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
MAX_NUMBER = 1e15  # beyond any count or sum a county reports; also keeps huge integers out of float
MAX_ID_LENGTH = 20  # an ID names a page file (tasks/3-2-1.md) and is read as a number (行动三)
MAX_PLACE_LENGTH = 60  # a place names a folder (places/庞泉沟/): 60 characters stay within 255 bytes of UTF-8


class Status(enum.StrEnum):
    """A task's status, following the 督查 convention; the value is the YAML key."""

    not_started = "not_started"
    in_progress = "in_progress"
    ahead = "ahead"
    on_pace = "on_pace"
    behind = "behind"
    done = "done"
    changed = "changed"

    @property
    def label(self) -> str:
        """Return the Chinese word shown on the site."""
        return STATUS_LABELS[self]


STATUS_LABELS: dict[Status, str] = {
    Status.not_started: "未启动",
    Status.in_progress: "推进中",
    Status.ahead: "超序时进度",
    Status.on_pace: "达序时进度",
    Status.behind: "滞后",
    Status.done: "已完成",
    Status.changed: "已调整",
}
STATUS_BY_WORD: dict[str, Status] = {label: s for s, label in STATUS_LABELS.items()} | {s.value: s for s in Status}


def _status(value: Any) -> Any:
    """Accept a status by its Chinese word or its key."""
    if isinstance(value, str) and value.strip() in STATUS_BY_WORD:
        return STATUS_BY_WORD[value.strip()]
    allowed = "、".join(STATUS_LABELS.values())
    keys = ", ".join(s.value for s in Status)
    hint = did_you_mean(str(value).strip().lower(), STATUS_BY_WORD)
    raise PydanticCustomError(
        "gk_status",
        "未知状态 {value}；允许：{allowed}（或 {keys}）{hint}",
        {"value": echo(value), "allowed": allowed, "keys": keys, "hint": hint},
    )


def _number(value: Any) -> Any:
    """Accept a real number only: no booleans, no strings, no full-width digits."""
    if value is None:
        raise PydanticCustomError("gk_number", "没有填写数字；请写阿拉伯数字，如 2000 或 1.2", {})
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


def _id(value: Any) -> Any:
    """Accept an ID like 3-2-1 (numbers are accepted and read as text)."""
    text = _text(value)
    if not re.fullmatch(ID_PATTERN, text) or len(text) > MAX_ID_LENGTH:
        raise PydanticCustomError(
            "gk_id", "{value} 不是有效编号；编号形如 3、3-2 或 3-2-1（行动-举措-任务）", {"value": echo(value)}
        )
    return text


# json_schema_input_type tells editors what staff may type, which is wider than what is stored.
def _place(value: Any) -> Any:
    """Accept a place name that can also be a page name in the site's URL."""
    text = _text(value)
    if re.search(r'[/\\<>:"|?*#%&\s]', text) or text.startswith("."):
        raise PydanticCustomError(
            "gk_place",
            "地名 {value} 含有不能用于网址的符号；只写地名本身，如 庞泉沟、龙山街小学",
            {"value": echo(text)},
        )
    if len(text) > MAX_PLACE_LENGTH:
        raise PydanticCustomError(
            "gk_place",
            "地名 {value} 过长（超过 {max} 个字）；标签只写一个地名，如 庞泉沟、龙山街小学",
            {"value": echo(text), "max": MAX_PLACE_LENGTH},
        )
    return text


Number = Annotated[float, BeforeValidator(_number), Field(json_schema_extra={"minimum": 0})]
Date = Annotated[dt.date, BeforeValidator(_date)]
Text = Annotated[str, BeforeValidator(_text, json_schema_input_type=str)]
Id = Annotated[str, BeforeValidator(_id, json_schema_input_type=str), Field(json_schema_extra={"pattern": ID_PATTERN})]
Url = Annotated[
    str,
    BeforeValidator(_http_url, json_schema_input_type=str),
    Field(json_schema_extra={"pattern": "^https?://", "format": "uri"}),
]
Place = Annotated[str, BeforeValidator(_place, json_schema_input_type=str)]
StatusField = Annotated[
    Status,
    BeforeValidator(_status, json_schema_input_type=Literal[tuple(STATUS_BY_WORD)]),  # type: ignore[misc]
]


class Strict(BaseModel):
    """Base for every record: unknown keys are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- plan.yaml ----------------------------------------------------------------------


class Report(Strict):
    """The document the plan comes from."""

    title: Text = Field(description="报告标题，如“交城县2021年政府工作报告”。")
    issuer: Text = Field(description="发布机关，如“交城县人民政府”。")
    year: int = Field(ge=1949, le=2100, description="计划年度，如 2021。")
    source: Text = Field(description="原文文件名（位于 data/ 目录下），网站“原文”页据此显示报告全文。")
    region: Text | None = Field(default=None, description="所属地区全称，如“山西省吕梁市交城县”（可选）。")


class Target(Strict):
    """A number a task promises."""

    metric: Text = Field(description="指标名称，如“改厕”；进展文件的 actual 用它填写实际值，同一任务内不可重复。")
    value: Number = Field(description="目标值，照报告原文数字填写（1.2万亩 写 1.2）。")
    unit: Text = Field(description="单位，照报告原文（万亩、座、%、亿元……）。")
    comparator: Literal["at_least", "at_most"] = Field(
        default="at_least",
        description="at_least：不少于目标值即达成（默认）；at_most：不超过目标值即达成（如登记失业率）。",
    )
    cumulative: bool = Field(
        default=True,
        description="实际值是否为累计值（默认 true，不能比上一期减少）；"
        "比率类指标（如开工率、失业率）写 false，可升可降。",
    )


class Task(Strict):
    """One commitment, quoted from the report; it gets a page and a status."""

    id: Id = Field(description="任务编号，形如 3-2-1（行动-举措-任务）；一经发布，永不改动、永不复用。")
    title: Text = Field(description="简短标题，用于列表和链接。")
    text: Text = Field(description="报告原文中的句子，逐字照录。")
    group: Text | None = Field(default=None, description="原文中该任务之前的小标题（如“改善人居环境”），没有则不写。")
    due: Date | None = Field(default=None, description="完成期限 YYYY-MM-DD；不写则为计划年度的 12 月 31 日。")
    start: Date | None = Field(default=None, description="起始日期 YYYY-MM-DD；不写则为计划年度的 1 月 1 日。")
    targets: list[Target] = Field(default_factory=list, description="目标值列表；原文没有数字时不写。")
    lead: Text | None = Field(default=None, description="牵头单位（可选）。")
    tags: list[Place] = Field(
        default_factory=list, description="标签：原文中出现的地名、学校、道路等，网站据此生成“地点”页。"
    )
    withdrawn: Text | None = Field(
        default=None, description="撤销原因。任务从计划中撤销时填写（不要删除任务），其页面保留并标注。"
    )


class Measure(Strict):
    """A headed group of tasks inside an action."""

    id: Id = Field(description="举措编号，形如 3-2（行动-举措）。")
    title: Text = Field(description="举措标题，照录原文（不含句号）。")
    tasks: list[Task] = Field(min_length=1, description="本举措下的任务列表。")


class Action(Strict):
    """One of the numbered parts of the plan."""

    id: Id = Field(description="行动编号：1 至 8。")
    title: Text = Field(description="行动标题，照录原文，如“实施产业大升级行动”。")
    aim: Text = Field(description="行动目标，照录原文逗号后的部分，如“加快构建高质量经济体系”。")
    measures: list[Measure] = Field(min_length=1, description="本行动下的举措列表。")


class Plan(Strict):
    """The whole year's plan: data/plan.yaml."""

    report: Report = Field(description="报告信息。")
    actions: list[Action] = Field(min_length=1, description="行动列表。")

    def tasks(self) -> list[Task]:
        """Return every task in plan order."""
        return [t for a in self.actions for m in a.measures for t in m.tasks]


# --- progress/YYYY-MM.yaml ------------------------------------------------------------


class Evidence(Strict):
    """A source for an update."""

    title: Text = Field(description="佐证材料标题。")
    date: Date | None = Field(default=None, description="佐证材料日期 YYYY-MM-DD（可选）。")
    url: Url | None = Field(default=None, description="网址，只允许 http:// 或 https://（可选）。")
    ref: Text | None = Field(default=None, description="文件编号等非网络出处（可选）。")


class Update(Strict):
    """One task's progress in one period."""

    task: Id = Field(description="任务编号，必须是 plan.yaml 中已有的任务。")
    status: StatusField | None = Field(
        default=None,
        description="状态：未启动、推进中、超序时进度、达序时进度、滞后、已完成、已调整（或英文键）。"
        "有目标值的任务可不写，由数字计算；没有目标值的任务必须写。",
    )
    actual: dict[Text, Number] = Field(
        default_factory=dict, description="实际完成值（累计）：指标名 → 数字，指标名须与 plan.yaml 的 metric 一致。"
    )
    note: Text | None = Field(default=None, description="进展说明。")
    reason: Text | None = Field(
        default=None, description="说明原因：状态为“已调整”时必填；所写状态与数字不符时也须说明。"
    )
    restated: Text | None = Field(default=None, description="实际值比上一期减少时必填，说明更正原因。")
    evidence: list[Evidence] = Field(default_factory=list, description="佐证材料列表。")


class Period(Strict):
    """One progress report: data/progress/YYYY-MM.yaml."""

    as_of: Date = Field(description="数据截至日期 YYYY-MM-DD，须在文件名所示月份之内。")
    published: Date = Field(description="发布日期 YYYY-MM-DD，不早于 as_of。")
    demo: bool = Field(default=False, description="示例数据写 true；网站在显示这些数据的每一页标注“示例数据”。")
    updates: list[Update] = Field(default_factory=list, description="各任务本期进展。")


def field_docs() -> dict[str, dict[str, str]]:
    """Return each YAML record's fields with their descriptions, for the staff guide."""
    records = (Report, Action, Measure, Task, Target, Plan, Period, Update, Evidence)
    return {r.__name__: {name: f.description or "" for name, f in r.model_fields.items()} for r in records}
