"""Places named in the plan, grouped by kind (by how the name ends) and sorted by pinyin within each kind.

The kind is read from the name's suffix only (城关镇 is a town, 红旗路小学 a school, 交鲁线 a road),
never from outside knowledge, so the same rule holds for every county.
"""

from __future__ import annotations

import functools

from .model import Plan, Task

# Checked in order, the first matching suffix wins: 红旗路小学 is a school before 红旗路 is a road.
KINDS: list[tuple[str, tuple[str, ...]]] = [
    ("乡镇", ("镇", "乡", "街道")),
    ("学校", ("小学", "中学", "初中", "高中", "幼儿园", "学校", "学院", "中")),
    ("村和社区", ("村", "社区", "小区")),
    ("道路", ("大道", "大街", "路", "街", "线", "桥")),
    ("河流和水库", ("河", "水库", "湖", "渠")),
    ("山和景区", ("景区", "公园", "寺", "山", "沟")),
]
OTHER = "其他地点"


def kind(place: str) -> str:
    """Return the kind of place a name ends in, or 其他地点."""
    return next((name for name, suffixes in KINDS if place.endswith(suffixes)), OTHER)


@functools.cache
def pinyin_key(place: str) -> tuple[str, str]:
    """Sort key of a name by its pinyin (then by the characters, for names that sound alike)."""
    from pypinyin import lazy_pinyin  # loading its dictionaries takes half a second: only for plans with places

    return (" ".join(lazy_pinyin(place)), place)


def places_index(plan: Plan) -> dict[str, list[Task]]:
    """Map each place named in the plan to its tasks, places sorted by pinyin."""
    index: dict[str, list[Task]] = {}
    for task in plan.tasks():
        for tag in task.tags:
            index.setdefault(tag, []).append(task)
    return dict(sorted(index.items(), key=lambda item: pinyin_key(item[0])))


def by_kind(places: dict[str, list[Task]]) -> dict[str, dict[str, list[Task]]]:
    """Group places by kind, in the order of KINDS with 其他地点 last, keeping their order within each kind."""
    order = [name for name, _ in KINDS] + [OTHER]
    groups: dict[str, dict[str, list[Task]]] = {name: {} for name in order}
    for place, tasks in places.items():
        groups[kind(place)][place] = tasks
    return {name: found for name, found in groups.items() if found}
