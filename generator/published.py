"""The published record (data/published-urls.txt): what the site has made public, so it never unsays it.

Every URL once public must keep answering. Each published task also keeps a fingerprint of what
it promised (text, targets, dates, withdrawal) as first written: a change during the year is
recorded under the task's `changes:`, never made by editing those fields, so published history
never rewrites itself. `gongkai urls` writes the record; `validate` and `build` check against it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import pathlib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .fmt import number
from .model import Target, Task
from .problems import Problem

if TYPE_CHECKING:
    from .load import Dataset  # load.py checks against the record: only the type is needed here

FILE = "published-urls.txt"
HEADER = (
    "# 已发布记录：由 `gongkai urls` 生成，请勿手工编辑。每行一个已发布的网址；任务页后附其发布时的指纹。\n"
    "# The published record: every URL once public, and each published task's fingerprint. Written by `gongkai urls`.\n"
)
PUBLIC_FILE = re.compile(
    r"([a-z0-9-]+/)?(data/.+(?<!\.gz)|feed\.xml|updates/\d{4}-\d{2}/report\.(docx|xlsx))"
)  # downloads journalists link to (data, feed, each period's 督查通报); assets may change
FIELDS = {
    "text": "原文（text）",
    "targets": "目标值（targets）",
    "due": "完成期限（due）",
    "start": "起始日期（start）",
}
FIELDS |= {"withdrawn": "撤销（withdrawn）"}


@dataclasses.dataclass(frozen=True)
class Record:
    """The published record: each URL, and for task pages the fingerprint of the task."""

    urls: list[str]
    prints: dict[str, dict[str, str]]  # task page URL → field → fingerprint
    lines: dict[str, int] = dataclasses.field(default_factory=dict)  # URL → its line in the file


def fingerprint(task: Task) -> dict[str, str]:
    """Fingerprint what a task promised as first written (its `changes:` are not part of it)."""
    targets = ";".join(_target(t) for t in task.targets)
    return {
        "text": hashlib.sha256(task.text.encode("utf-8")).hexdigest()[:12],
        "targets": targets,
        "due": str(task.due or ""),
        "start": str(task.start or ""),
        "withdrawn": "1" if task.withdrawn else "",
    }


def _target(target: Target) -> str:
    """Write a target as its fingerprint holds it: 机柜≥4000台, 登记失业率≤3.5%, 开工率≥30%(率)."""
    sign = "≤" if target.comparator == "at_most" else "≥"
    return f"{target.metric}{sign}{number(target.value)}{target.unit}{'' if target.cumulative else '(率)'}"


def fingerprints(datasets: list[Dataset]) -> dict[str, dict[str, str]]:
    """Fingerprint every task of every plan, by its page's URL."""
    return {f"/{d.prefix}tasks/{t.id}/": fingerprint(t) for d in datasets for t in d.plan.tasks()}


def urls_on_disk(site_dir: pathlib.Path) -> list[str]:
    """List the public URLs of a built site: every page, and every download and feed."""
    urls = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if path.name == "index.html":
            urls.append("/" + relative.removesuffix("index.html"))
        elif path.is_file() and PUBLIC_FILE.fullmatch(relative):
            urls.append("/" + relative)
    return urls


def read(path: pathlib.Path) -> Record:
    """Read the record; a missing file is an empty record, a line without a fingerprint a bare URL."""
    if not path.is_file():
        return Record([], {})
    urls, prints, lines = [], {}, {}
    for at, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        url, _, rest = line.strip().partition("\t")
        urls.append(url)
        lines[url] = at
        if rest:
            prints[url] = json.loads(rest)
    return Record(urls, prints, lines)


def write(path: pathlib.Path, urls: Iterable[str], prints: dict[str, dict[str, str]]) -> list[str]:
    """Add this build's URLs and the fingerprints of its tasks to the record; return the new URLs."""
    old = read(path)
    new = sorted(set(urls) - set(old.urls), key=_key)
    merged = old.prints | prints
    lines = [
        url + (f"\t{json.dumps(merged[url], ensure_ascii=False, sort_keys=True)}" if url in merged else "")
        for url in sorted({*old.urls, *new}, key=_key)
    ]
    path.write_text(HEADER + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    return new


def dropped(record: Record, urls: Iterable[str]) -> list[str]:
    """Return the published URLs this build would no longer serve."""
    served = set(urls)
    return [url for url in record.urls if url not in served]


def altered(record: Record, url: str, task: Task) -> list[str]:
    """Name the fields of a published task that differ from its fingerprint."""
    recorded = record.prints.get(url)
    if recorded is None:
        return []
    now = fingerprint(task)
    return [FIELDS[field] for field in FIELDS if field in recorded and recorded[field] != now[field]]


def dropped_problems(record: Record, missing: list[str]) -> list[Problem]:
    """Locate each URL that would disappear at its line of the record, with what to do."""
    message = (
        "这个已发布的网址在本次生成中消失了，记者和群众的引用会失效。任务不能删除或改编号：撤销的任务请保留，"
        "在它的 changes 中写一条 withdrawn: true（附 date 和 reason）；"
        "进展文件须放在 progress/ 目录中，文件名形如 2021-12.yaml"
    )
    return [Problem(FILE, record.lines.get(url, 1), 1, "", f"{url}：{message}") for url in missing]


def explain_dropped(missing: list[str]) -> str:
    """Tell staff, in Chinese, which URLs would break and what to do instead."""
    listed = "\n".join(f"  {url}" for url in missing)
    return (
        f"以下 {len(missing)} 个已发布的网址在本次生成中消失了，记者和群众的引用会失效：\n{listed}\n"
        "任务不能删除或改编号：撤销的任务请保留，在它的 changes 中写一条 withdrawn: true（附 date 和 reason）；"
        "进展文件须放在 progress/ 目录中，文件名形如 2021-12.yaml。若确属有意调整，请改回后再处理。"
    )


def explain_altered(task_id: str, fields: list[str]) -> str:
    """Tell staff which published fields of a task were edited and how to record the change instead."""
    return (
        f"任务 {task_id} 已经发布，它的{'、'.join(fields)}与发布时的记录不同。已发布的内容不能直接改写："
        "请把原值改回，在该任务下的 changes 中新增一条调整记录（date: 生效日期，reason: 调整原因，"
        "再写调整后的 targets、due、text 或 withdrawn: true），网站会保留调整前后的记录。"
        "任务编号也不能互换或挪作他用。"
    )


def _key(url: str) -> tuple[tuple[int, int, str], ...]:
    """Sort naturally, so /tasks/1-2-10/ follows /tasks/1-2-9/."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[-/]", url))
