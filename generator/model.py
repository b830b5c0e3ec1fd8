"""The typed model of plan and progress data: every field staff may write, documented.

The field descriptions here are the single source for the JSON Schema that editors use and
for the field table in the staff guide (a test keeps the guide in step with this module).
The kinds of value (numbers, dates, statuses ...) and their checks are in `fields.py`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from .fields import (
    FULL_WIDTH_DIGITS,
    MAX_ID_LENGTH,
    MAX_NAME_LENGTH,
    MAX_NOTE_LENGTH,
    ONGOING,
    STATUS_BY_WORD,
    STATUS_LABELS,
    TYPED,
    Date,
    Due,
    Id,
    Note,
    Number,
    Place,
    Status,
    StatusField,
    Text,
    Unit,
    Url,
)

__all__ = [  # the value kinds other modules take from here along with the records
    "FULL_WIDTH_DIGITS",
    "MAX_ID_LENGTH",
    "MAX_NAME_LENGTH",
    "MAX_NOTE_LENGTH",
    "ONGOING",
    "STATUS_BY_WORD",
    "STATUS_LABELS",
    "TYPED",
    "Date",
    "Status",
]
Kind = Literal["政府工作报告", "民生实事", "专项行动方案"]
Numbering = Literal["（一）", "一、", "1."]


class Strict(BaseModel):
    """Base for every record: unknown keys are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- plan.yaml ----------------------------------------------------------------------


class Report(Strict):
    """The document the plan comes from."""

    title: Text = Field(description="报告标题，如“××县2021年政府工作报告”。")
    issuer: Text = Field(description="发布机关，如“××县人民政府”。")
    year: int = Field(ge=1949, le=2100, description="计划年度，如 2021。")
    source: Text = Field(description="原文文件名（位于 data/ 目录下），网站“原文”页据此显示报告全文。")
    region: Text | None = Field(default=None, description="所属地区全称，如“××省××市××县”（可选）。")
    kind: Kind = Field(
        default="政府工作报告",
        description="计划的类别：政府工作报告（默认）、民生实事 或 专项行动方案；概览页的说法随之改变。",
    )
    numbering: Numbering = Field(
        default="（一）",
        description="行动标题的编号样式，照原文：（一）（默认）、一、 或 1.",
    )
    url: Url | None = Field(default=None, description="报告正式发布的网址（可选），“原文”页和每段引文都链接到它。")
    published: Date | None = Field(default=None, description="报告正式发布或通过的日期 YYYY-MM-DD（可选）。")
    license: Text | None = Field(
        default=None, description="数据的使用许可（可选），如“CC BY 4.0”；显示在“数据下载”页和 datapackage.json 中。"
    )


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
        "比率类指标（如开工率、失业率）写 false，可升可降，不按时间进度而按目标本身判断。",
    )


class PlanChange(Strict):
    """A change made to a task during the year, recorded instead of editing the task."""

    date: Date = Field(description="调整生效日期 YYYY-MM-DD；此后的报告期按调整后的计划评判，此前的不变。")
    reason: Text = Field(description="调整原因及依据，如“经县政府常务会议研究同意”。")
    targets: list[Target] | None = Field(default=None, description="调整后的全部目标值（可选）。")
    due: Due | None = Field(default=None, description="调整后的完成期限（可选）。")
    text: Text | None = Field(default=None, description="更正后的原文（可选），用于更正录入错误，须与原文一致。")
    title: Text | None = Field(default=None, description="调整后的简短标题（可选）。")
    withdrawn: bool = Field(default=False, description="写 true 表示自该日起撤销本任务（页面保留并标注）。")

    @model_validator(mode="after")
    def _changes_something(self) -> PlanChange:
        if not (self.targets is not None or self.due or self.text or self.title or self.withdrawn):
            raise PydanticCustomError(
                "gk_change",
                "这条调整没有写改了什么；请写 targets、due、text、title 或 withdrawn: true 中的至少一项",
                {},
            )
        return self


class Task(Strict):
    """One commitment, quoted from the report; it gets a page and a status."""

    id: Id = Field(
        description="任务编号，形如 3-2-1（行动-举措-任务）或 3-1（行动-任务）；一经发布，永不改动、永不复用。"
    )
    title: Text = Field(description="简短标题，用于列表和链接。")
    text: Text = Field(description="报告原文中的句子，逐字照录（必须能在原文文件中找到）。")
    group: Text | None = Field(default=None, description="原文中该任务之前的小标题（如“改善人居环境”），没有则不写。")
    due: Due | None = Field(
        default=None,
        description="完成期限 YYYY-MM-DD；不写则为计划年度的 12 月 31 日；长期坚持、持续推进的工作写 ongoing"
        "（不计序时进度，状态由填报人员填写）。",
    )
    start: Date | None = Field(default=None, description="起始日期 YYYY-MM-DD；不写则为计划年度的 1 月 1 日。")
    targets: list[Target] = Field(default_factory=list, description="目标值列表；原文没有数字时不写。")
    lead: Unit | None = Field(default=None, description="牵头单位（可选），如“县住建局”。")
    partners: list[Unit] = Field(default_factory=list, description="责任单位或配合单位列表（可选）。")
    leader: Text | None = Field(default=None, description="牵头领导（可选）。")
    tags: list[Place] = Field(
        default_factory=list, description="标签：原文中出现的地名、学校、道路等，网站据此生成“地点”页。"
    )
    withdrawn: Text | None = Field(
        default=None,
        description="撤销原因：任务在发布前即已撤销时填写（不要删除任务）。"
        "已发布的任务撤销时，请在 changes 中记录日期和原因。",
    )
    changes: list[PlanChange] = Field(
        default_factory=list,
        description="计划调整记录：年中调整目标值、期限、撤销任务或更正原文时，不改上面的原值，"
        "而在这里按日期先后各写一条（date、reason 及改后的内容）。",
    )


class Measure(Strict):
    """A headed group of tasks inside an action."""

    id: Id = Field(description="举措编号，形如 3-2（行动-举措）。")
    title: Text = Field(description="举措标题，照录原文（不含句号）。")
    tasks: list[Task] = Field(min_length=1, description="本举措下的任务列表。")


class Action(Strict):
    """One of the numbered parts of the plan."""

    id: Id = Field(description="行动编号：1、2、3……")
    title: Text = Field(description="行动标题，照录原文，如“实施产业大升级行动”。")
    aim: Text | None = Field(
        default=None, description="行动目标，照录原文逗号后的部分，如“加快构建高质量经济体系”（可选）。"
    )
    measures: list[Measure] = Field(
        default_factory=list, description="本行动下的举措列表（三级计划：行动 → 举措 → 任务）。"
    )
    tasks: list[Task] = Field(
        default_factory=list, description="本行动下直接列出的任务（两级计划：行动 → 任务，编号形如 3-1）。"
    )

    @model_validator(mode="after")
    def _holds_measures_or_tasks(self) -> Action:
        if bool(self.measures) == bool(self.tasks):
            raise PydanticCustomError(
                "gk_action",
                "行动 {id} 应写 measures（举措，其下再列任务）或 tasks（直接列任务），二者只写其一",
                {"id": self.id},
            )
        return self

    def groups(self) -> list[tuple[Measure | None, list[Task]]]:
        """Return the action's tasks by measure; one group without a measure for a two-level action."""
        return [(m, m.tasks) for m in self.measures] if self.measures else [(None, self.tasks)]

    def all_tasks(self) -> list[Task]:
        """Return the action's tasks in plan order."""
        return [t for _, tasks in self.groups() for t in tasks]


class Plan(Strict):
    """The whole year's plan: data/plan.yaml."""

    report: Report = Field(description="报告信息。")
    actions: list[Action] = Field(min_length=1, description="行动列表。")

    def tasks(self) -> list[Task]:
        """Return every task in plan order."""
        return [t for a in self.actions for t in a.all_tasks()]


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
        default_factory=dict,
        description="实际完成值（累计）：指标名 → 数字，指标名须与 plan.yaml 的 metric 一致；"
        "本期没有新数字的指标可以不写，网站沿用上一期的数值并注明。",
    )
    note: Note | None = Field(default=None, description=f"进展说明（不超过 {MAX_NOTE_LENGTH} 字）。")
    reason: Text | None = Field(
        default=None, description="说明原因：状态为“已调整”时必填；所写状态与数字不符时也须说明。"
    )
    restated: Text | None = Field(default=None, description="实际值比上一期减少时必填，说明更正原因。")
    evidence: list[Evidence] = Field(default_factory=list, description="佐证材料列表。")
    draft: bool = Field(
        default=False,
        description="草稿标记：gongkai new-period 生成的每一项都带有 draft: true，表示还没有填写。"
        "带此标记的一项不算本期进展：网站显示“本期未更新”，沿用上一期的数值和状态。"
        "填写好这一项后，删除 draft: true 这一行。",
    )

    @model_validator(mode="before")
    @classmethod
    def _leave_out_unfilled_values(cls, data: Any) -> Any:
        """Read a draft's empty values as not filled in yet, rather than as errors."""
        if isinstance(data, dict) and data.get("draft") is True and isinstance(data.get("actual"), dict):
            return {**data, "actual": {k: v for k, v in data["actual"].items() if v is not None}}
        return data


class Period(Strict):
    """One progress report: data/progress/YYYY-MM.yaml."""

    as_of: Date = Field(description="数据截至日期 YYYY-MM-DD，须在文件名所示月份之内。")
    published: Date = Field(description="发布日期 YYYY-MM-DD，不早于 as_of。")
    demo: bool = Field(default=False, description="示例数据写 true；网站在显示这些数据的每一页标注“示例数据”。")
    summary: Text | None = Field(default=None, description="本期总体情况（可选），用于进展更新页和督查通报。")
    updates: list[Update] = Field(default_factory=list, description="各任务本期进展。")


def field_docs() -> dict[str, dict[str, str]]:
    """Return each YAML record's fields with their descriptions, for the staff guide."""
    records = (Report, Action, Measure, Task, Target, PlanChange, Plan, Period, Update, Evidence)
    return {r.__name__: {name: f.description or "" for name, f in r.model_fields.items()} for r in records}
