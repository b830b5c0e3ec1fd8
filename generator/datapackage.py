"""Describe the downloads: the data dictionary shown on /data/ and datapackage.json.

One table here feeds the CSV headers, the page's field tables and the Frictionless Data
Package, so the three always name the same columns.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .model import Plan


class Column(NamedTuple):
    """One column of a CSV download."""

    name: str
    type: str  # a Frictionless field type
    zh: str
    en: str


TABLES: dict[str, tuple[str, str, list[Column]]] = {
    "tasks.csv": (
        "任务表：每项任务一行，含原文与最新状态",
        "Tasks: one row per task with its text and latest status",
        [
            Column("task_id", "string", "任务编号（行动-举措-任务）", "Task ID (action-measure-task), permanent"),
            Column("action_id", "string", "行动编号", "Action ID"),
            Column("measure_id", "string", "举措编号", "Measure ID"),
            Column("title", "string", "任务简称", "Short title"),
            Column("text", "string", "报告原文", "The report's sentence, quoted exactly"),
            # ongoing work (长期坚持) has no date: a date type would make its rows invalid
            Column("due", "string", "完成期限", "Due date (YYYY-MM-DD), or ongoing for work with no end date"),
            Column("status", "string", "最新状态（英文键）", "Latest status key"),
            Column("status_label", "string", "最新状态（中文）", "Latest status in Chinese"),
            Column("as_of", "string", "数据截至日期", "As-of date of the latest period (empty without progress data)"),
            Column("tags", "string", "涉及地点，以分号分隔", "Places named, separated by semicolons"),
            Column("lead", "string", "牵头单位", "Lead unit (department), if any"),
            Column("partners", "string", "责任单位，以分号分隔", "Partner units, separated by semicolons"),
            Column("reported", "boolean", "是否已有进展报告", "Whether any period has reported on the task"),
        ],
    ),
    "targets.csv": (
        "目标值表：每个目标值一行",
        "Targets: one row per numeric target",
        [
            Column("task_id", "string", "任务编号", "Task ID"),
            Column("metric", "string", "指标名称", "Metric name"),
            Column("value", "number", "目标值", "Target value as the report writes it"),
            Column("unit", "string", "单位", "Unit as the report writes it"),
            Column("comparator", "string", "at_least 不少于 / at_most 不超过", "at_least or at_most"),
        ],
    ),
    "progress.csv": (
        "进展表（长表）：每个报告期、每项任务、每个指标一行",
        "Progress, long form: one row per period, task and metric",
        [
            Column("period", "string", "报告期（年-月）", "Period (year-month)"),
            Column("as_of", "date", "数据截至日期", "As-of date"),
            Column("task_id", "string", "任务编号", "Task ID"),
            Column("metric", "string", "指标名称（无目标值的任务为空）", "Metric (empty for tasks without targets)"),
            Column("value", "number", "实际值（累计值或比率）", "Actual value (cumulative, or a rate)"),
            Column("unit", "string", "单位", "Unit"),
            Column(
                "reported", "boolean", "该值是否在本期报告", "Whether this period reported the value (false: carried)"
            ),
            Column("value_period", "string", "该值出自哪一期报告", "The period whose report gave the value"),
            Column("status", "string", "该期状态（英文键）", "Status key in that period"),
            Column("status_label", "string", "该期状态（中文）", "Status in Chinese in that period"),
            Column("note", "string", "该期进展说明", "The period's progress note for the task"),
            Column("evidence_urls", "string", "佐证材料网址，以空格分隔", "Evidence URLs, separated by spaces"),
            Column("demo", "boolean", "是否为示例数据", "Whether the period is illustrative"),
        ],
    ),
}
JSON_FILES: list[tuple[str, str, str]] = [
    (
        "plan.json",
        "完整计划：报告信息、行动、举措、任务与目标值",
        "The whole plan: report, actions, measures, tasks, targets",
    ),
    ("schema/plan.schema.json", "plan.yaml 的 JSON 格式定义", "JSON Schema of plan.yaml"),
    ("schema/progress.schema.json", "进展文件的 JSON 格式定义", "JSON Schema of a progress file"),
]
TYPE_WORDS = {
    "string": "文本",
    "number": "数字",
    "date": "日期",
    "boolean": "是或否",
}  # Frictionless types, as /data/ names them
PER_TASK = ("tasks/<任务编号>.json", "单项任务及其各期状态，如 tasks/3-2-1.json")


def columns(table: str) -> list[str]:
    """Return a CSV download's header."""
    return [c.name for c in TABLES[table][2]]


def downloads() -> list[tuple[str, str]]:
    """List every download with its Chinese description, for the /data/ page."""
    csvs = [(name, zh) for name, (zh, _, _) in TABLES.items()]
    jsons = [(p, zh) for p, zh, _ in JSON_FILES]
    return [jsons[0], *csvs, PER_TASK, ("datapackage.json", "数据包说明（Frictionless 格式）"), *jsons[1:]]


def combined_downloads() -> list[tuple[str, str]]:
    """List the site-wide tables of a site with several plans, for its /data/ page."""
    return [(name, f"{zh}（全部计划，首列 plan 为计划目录）") for name, (zh, _, _) in TABLES.items()]


def datapackage(plan: Plan, task_ids: list[str]) -> dict[str, Any]:
    """Describe every file and field as a Frictionless Data Package, in Chinese and English."""
    resources: list[dict[str, Any]] = [
        {
            "name": path.removesuffix(".csv"),
            "path": path,
            "title": zh,
            "description": en,
            "type": "table",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": [{"name": c.name, "type": c.type, "title": c.zh, "description": c.en} for c in cols]},
        }
        for path, (zh, en, cols) in TABLES.items()
    ]
    resources += [
        {
            "name": _name(path),
            "path": path,
            "title": zh,
            "description": en,
            "type": "json",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
        }
        for path, zh, en in JSON_FILES
    ]
    resources += [
        {
            "name": f"task-{tid}",
            "path": f"tasks/{tid}.json",
            "title": f"任务 {tid}",
            "description": f"Task {tid}",
            "type": "json",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
        }
        for tid in task_ids
    ]
    report = plan.report
    package: dict[str, Any] = {
        "name": f"gongkai-plan-{report.year}",
        "title": f"{report.title}：任务、目标值与进展",
        "description": f"Tasks, targets and progress of the {report.year} work plan issued by {report.issuer}.",
    }
    if report.license:
        package["licenses"] = [licence(report.license)]
    return package | {"resources": resources}


def licence(text: str) -> dict[str, str]:
    """Describe the data licence as a Data Package does: a web address as path, else an identifier like CC-BY-4.0."""
    if text.startswith(("http://", "https://")):
        return {"path": text, "title": text}
    return {"name": "-".join(text.split()), "title": text}


def _name(path: str) -> str:
    return path.removesuffix(".json").replace("/", "-").replace(".", "-")
