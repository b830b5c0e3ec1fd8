"""Load and validate everything under data/: each plan, its source text, every period, the record.

`data/` holds one plan (plan.yaml, source.txt, progress/) or one folder per plan, each laid out
the same way (data/2021/plan.yaml …). All problems in all files are collected before anything
fails, so staff see the whole list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import published
from .messages import problems_from
from .model import Period, Plan
from .period_checks import PERIOD_NAME, Previous, check_known_tasks, check_period, check_valid_updates
from .plan_checks import check_plan, tasks_with_paths
from .problems import DataError, Problem, name_records, visible
from .synonyms import check as check_synonyms
from .yamlfile import Located, read_yaml

M = TypeVar("M", bound=BaseModel)
# A progress file lists one entry per task: 10,000 tasks with notes make about 1.4 MB (bench/synth.py).
# Plans may be bigger (yamlfile.MAX_BYTES), since a prefecture's plan of 10,000 tasks is its own size.
MAX_PROGRESS_BYTES = 2_000_000
PLAN_FOLDER = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")  # a plan folder names its URLs: /2021/, /minsheng-2023/


@dataclasses.dataclass(frozen=True)
class Dataset:
    """A validated plan folder: the plan, its source text and its periods, oldest first."""

    plan: Plan
    source_text: str
    periods: list[tuple[str, Period]]
    lines: dict[str, tuple[str, int]]  # "task:3-2-1", "action:3", "update:2021-06:3-2-1" → (file, line)
    slug: str = ""  # the plan's folder under data/, which prefixes its URLs; "" for a single plan
    warnings: tuple[Problem, ...] = ()  # suspicious but possible values (提醒), printed by validate

    @property
    def prefix(self) -> str:
        """Return the plan's path under the site root: "" or "2021/"."""
        return f"{self.slug}/" if self.slug else ""


def load(data_dir: pathlib.Path) -> Dataset:
    """Read and check a folder holding one plan, raising DataError that lists every problem."""
    [dataset] = load_site(data_dir, single=True)
    return dataset


def load_site(data_dir: pathlib.Path, *, single: bool = False, today: dt.date | None = None) -> list[Dataset]:
    """Read and check every plan of a data folder and the published record; DataError lists every problem.

    Warnings do not fail: each dataset carries its own. `today` (validate's clock) adds the warning
    about a publication date still to come; the build passes none, so it never reads the clock.
    """
    if not data_dir.is_dir():
        raise DataError([Problem(str(data_dir), 1, 1, "", "找不到这个数据目录；请用 --data 指明 plan.yaml 所在的目录")])
    problems: list[Problem] = []
    folders = [""] if single or (data_dir / "plan.yaml").exists() else plan_folders(data_dir, problems)
    if folders == [""] and not single and (mixed := plan_folders(data_dir, [])):
        message = (
            f"数据目录中既有 plan.yaml，又有计划子目录（{'、'.join(mixed)}）；"
            "请只用一种：单个计划放在数据目录，多个计划各放一个子目录"
        )
        problems.append(Problem("plan.yaml", 1, 1, "", message))
    datasets = [ds for folder in folders if (ds := _load_plan(data_dir, folder, problems, today))]
    if not single:
        problems += _check_record(data_dir, datasets)
    problems += check_synonyms(data_dir)  # one list for the site, beside search-words.txt
    if _errors(problems) or len(datasets) != len(folders):
        raise DataError([*problems, *(w for d in datasets for w in d.warnings)])
    return datasets


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.warning]


def plan_folders(data_dir: pathlib.Path, problems: list[Problem]) -> list[str]:
    """List the plan folders of a site with several plans (each holds a plan.yaml)."""
    folders = sorted(p.name for p in data_dir.iterdir() if p.is_dir() and (p / "plan.yaml").is_file())
    if not folders:
        problems.append(
            Problem("plan.yaml", 1, 1, "", f"在数据目录 {data_dir} 中找不到 plan.yaml（也没有含 plan.yaml 的子目录）")
        )
    for folder in folders:
        if not PLAN_FOLDER.fullmatch(folder):
            message = (
                f"计划目录名 {visible(folder)} 会成为网址的一部分，只能用小写字母、数字和连字符，如 2021、minsheng-2023"
            )
            problems.append(Problem(f"{folder}/plan.yaml", 1, 1, "", message))
    return folders


def _load_plan(data_dir: pathlib.Path, folder: str, problems: list[Problem], today: dt.date | None) -> Dataset | None:
    """Read one plan folder, adding its problems (and warnings) to the list; None if it has errors."""
    found: list[Problem] = []
    root, prefix = data_dir / folder, f"{folder}/" if folder else ""
    plan_src, plan = _read(root / "plan.yaml", f"{prefix}plan.yaml", Plan, found)
    source_text = _read_source(root, plan, plan_src, found)
    if plan and plan_src:
        found += check_plan(plan, plan_src, source_text)
    known = raw_task_ids(plan_src.data) if plan is None and plan_src else None  # still check references
    periods: list[tuple[str, Period]] = []
    previous = Previous()
    lines = _plan_lines(plan, plan_src) if plan and plan_src else {}
    for path in progress_files(root, prefix, found):
        name = f"{prefix}progress/{path.name}"
        src, period = _read(path, name, Period, found, limit=MAX_PROGRESS_BYTES)
        if src and period:
            found += check_period(path.name, period, src, plan, previous, today)
            periods.append((path.name.split(".")[0], period))
            lines |= {
                f"update:{path.name.split('.')[0]}:{u.task}": (name, src.where(("updates", i))[0])
                for i, u in enumerate(period.updates)
            }
        elif src and plan:
            found += check_valid_updates(src, plan)
        if src and known is not None:
            found += check_known_tasks(src, known)
    problems += _errors(found)
    if plan is None or source_text is None or _errors(found):
        problems += [p for p in found if p.warning]
        return None
    return Dataset(plan, source_text, periods, lines, folder, tuple(p for p in found if p.warning))


def raw_task_ids(data: Any) -> set[str]:
    """Read the task IDs of a plan.yaml that failed validation, so progress files can still be checked."""
    ids: set[str] = set()
    actions = data.get("actions") if isinstance(data, dict) else None
    for action in actions if isinstance(actions, list) else []:
        if not isinstance(action, dict):
            continue
        measures = action.get("measures")
        if not isinstance(measures, list):
            measures = []
        groups = [m.get("tasks") for m in measures if isinstance(m, dict)] + [action.get("tasks")]
        for tasks in groups:
            for task in tasks if isinstance(tasks, list) else []:
                if isinstance(task, dict) and isinstance(task.get("id"), (str, int)):
                    ids.add(str(task["id"]).strip())
    return ids


def _plan_lines(plan: Plan, src: Located) -> dict[str, tuple[str, int]]:
    """Remember where each action and task stands in plan.yaml, for "编辑此页" links and messages."""
    lines = {}
    for a_i, action in enumerate(plan.actions):
        lines[f"action:{action.id}"] = (src.name, src.where(("actions", a_i))[0])
        for task, path, _ in tasks_with_paths(action, ("actions", a_i)):
            lines[f"task:{task.id}"] = (src.name, src.where(path)[0])
    return lines


def progress_files(root: pathlib.Path, prefix: str, problems: list[Problem]) -> list[pathlib.Path]:
    """List the period files; a stray file in progress/ or a period file beside it is an error."""
    for path in sorted(root.glob("*")):
        if path.is_file() and PERIOD_NAME.fullmatch(path.name):
            message = f"进展文件 {path.name} 应放在 {prefix}progress/ 目录中，网站不会读取这里的文件"
            problems.append(Problem(f"{prefix}{path.name}", 1, 1, "", message))
    folder = root / "progress"
    if not folder.is_dir():
        return []
    files = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue  # editors' and git's own files
        if path.is_file() and PERIOD_NAME.fullmatch(path.name):
            files.append(path)
            continue
        message = (
            f"progress/ 目录中只能放进展文件，文件名为报告期月份加 .yaml，如 2021-12.yaml；{visible(path.name)} 不是"
        )
        problems.append(Problem(f"{prefix}progress/{visible(path.name)}", 1, 1, "", message))
    return files


def _read(
    path: pathlib.Path, name: str, model: type[M], problems: list[Problem], limit: int | None = None
) -> tuple[Located | None, M | None]:
    """Parse and validate one file, adding its problems to the list."""
    if not path.is_file():
        problems.append(Problem(name, 1, 1, "", f"找不到这个文件（应在 {path.parent} 中）"))
        return None, None
    if limit is not None and path.stat().st_size > limit:
        message = (
            f"文件过大（{path.stat().st_size / 1_000_000:.1f} MB，进展文件最多 {limit // 1_000_000} MB）；"
            "请检查是否误粘贴了其他内容，长篇材料请作为佐证（evidence）附上链接"
        )
        problems.append(Problem(name, 1, 1, "", message))
        return None, None
    try:
        src = read_yaml(path, name)
    except DataError as err:
        problems += name_records(err.problems, path)
        return None, None
    if not isinstance(src.data, dict):
        problems.append(
            src.problem((), "", f"文件顶层应为一组“字段: 值”（每行形如 as_of: 2021-06-30），而不是{_kind(src.data)}")
        )
        return src, None
    try:
        return src, model.model_validate(src.data)
    except ValidationError as err:
        problems += problems_from(err, src, model)
        return src, None


def _kind(value: Any) -> str:
    """Name a YAML value's kind in words staff know."""
    if isinstance(value, list):
        return "列表（以“- ”开头的若干行）"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "一个数字"
    return "一段文字"


def _read_source(root: pathlib.Path, plan: Plan | None, src: Located | None, problems: list[Problem]) -> str | None:
    """Read the report's text that the plan quotes, which must lie inside the plan's folder."""
    if plan is None or src is None:
        return None
    path = (root / plan.report.source).resolve()
    field = "report.source"
    name = visible(plan.report.source)  # quoted in a message: a line break in it must not split the line
    if not path.is_relative_to(root.resolve()):
        # The text is published on the site, so a path out of data/ could publish any file.
        message = f"原文文件 {name} 不在数据目录中；请把它放进数据目录，只写文件名，如 source.txt"
        problems.append(src.problem(("report", "source"), field, message))
        return None
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        message = f"找不到原文文件 {name}；请把报告全文存为数据目录中的这个文件"
    except UnicodeDecodeError:
        message = f"原文文件 {name} 不是 UTF-8 编码；请在编辑器中“另存为 UTF-8”"
    except OSError as err:
        message = f"无法读取原文文件 {name}（{err.strerror or '读取失败'}）"
    problems.append(src.problem(("report", "source"), field, message))
    return None


def legacy_prefix(datasets: list[Dataset]) -> str:
    """Return where URLs published before a site held several plans now live: the oldest plan's prefix."""
    if len(datasets) == 1 and not datasets[0].slug:
        return ""
    return min(datasets, key=lambda d: (d.plan.report.year, d.slug)).prefix


def _check_record(data_dir: pathlib.Path, datasets: list[Dataset]) -> list[Problem]:
    """Check each published task against its fingerprint: a change must be recorded, not made in place."""
    record = published.read(data_dir / published.FILE)
    legacy = legacy_prefix(datasets) if datasets else ""
    problems = []
    for dataset in datasets:
        for task in dataset.plan.tasks():
            urls = [f"/{dataset.prefix}tasks/{task.id}/"]
            if dataset.prefix == legacy:
                urls.append(f"/tasks/{task.id}/")  # published when the site held this plan alone
            fields = [f for url in urls for f in published.altered(record, url, task)]
            if fields:
                file, line = dataset.lines[f"task:{task.id}"]
                message = published.explain_altered(task.id, list(dict.fromkeys(fields)))
                problems.append(Problem(file, line, 1, "", message))
    return problems
