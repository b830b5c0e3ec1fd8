"""Say in words why a task has the status it shows: the numbers of the verdict behind each badge.

The words follow the rule (rule.py) and name the numbers it weighed: the pace and the share done
for cumulative floors (“应达 75%，实际 60%，落后 15 个百分点”), the target itself for rates and caps
(“目标不低于 95%，实际 91%”), the report a typed status or a value was carried from.
"""

from __future__ import annotations

from .compute import State
from .fmt import num, percent, points
from .model import Status
from .rule import completion, paced

RULES = "规则"  # the heading of /methodology/ that states the rule (its anchor, as the toc extension writes it)
STATUSES = "状态"  # the heading that says what each status means


def reason(state: State | None, status: Status | None = None) -> str:
    """Return the reasons for a state's status in one line of Chinese (no state: the plan has no period yet)."""
    if state is None and status == Status.changed:
        return "任务已撤销"
    if state is None:
        return "尚无进展报告"
    return state.why  # worked out once per state (words), though lists and the task page ask again


def words(state: State) -> str:
    """Return the reasons for a state's status in one line of Chinese."""
    if state.verdict.basis == "none":
        return "尚无进展报告" if state.last is None else "已有报告，尚未填报数值或状态"
    verdict = state.verdict
    if verdict.basis == "withdrawn":
        return "任务已撤销"
    if verdict.basis == "typed":
        carried = state.carried()
        return "按填报状态" + (f"，沿用 {carried} 报告" if carried else "")
    # What decided the status comes first: a rate or cap off target makes a task 滞后 whatever its pace.
    rates = _against_target(state)
    pace = [] if verdict.status == Status.done else _against_pace(state)
    parts = rates + pace if verdict.status == Status.behind else pace + rates
    if verdict.status == Status.done:
        parts.insert(0, "已达到全部目标")
    if verdict.overdue and verdict.status == Status.behind:
        parts.insert(0, "已到完成期限")
    sources = sorted(set(state.carried_values().values()))
    if sources:
        parts.append("沿用 " + "、".join(sources) + " 报告的数值")
    return "；".join(parts)


def anchor(state: State | None) -> str:
    """Return the heading of /methodology/ that explains a state's status."""
    return STATUSES if state is None or state.verdict.basis == "none" else RULES


def _against_pace(state: State) -> list[str]:
    """Compare the slowest cumulative floor with the pace: 应达 49.5%，实际 30%，落后 19.5 个百分点."""
    verdict = state.verdict
    if verdict.share is None or verdict.pace is None:
        return []
    floors = [t for t in state.task.targets if paced(t)]
    slowest = min(floors, key=lambda t: completion(t, state.actual.get(t.metric)))
    shares = {completion(t, state.actual.get(t.metric)) for t in floors}
    which = f"（{slowest.metric}）" if len(shares) > 1 else ""  # name the slowest target where they differ
    words = f"应达 {percent(verdict.pace)}，实际 {percent(verdict.share)}{which}"
    gap = points(verdict.share, verdict.pace)
    if gap == "0":
        return [words]
    return [words + ("，落后 " if verdict.share < verdict.pace else "，超前 ") + gap + " 个百分点"]


def _against_target(state: State) -> list[str]:
    """Compare each rate or cap with its target: 目标不低于 95%，实际 91%."""
    out = []
    several = len(state.task.targets) > 1
    for target in state.task.targets:
        value = state.actual.get(target.metric)
        if paced(target) or value is None:
            continue
        word = "不超过" if target.comparator == "at_most" else "不低于"
        name = target.metric if several else ""
        out.append(f"{name}目标{word} {num(target.value, target.unit)}，实际 {num(value, target.unit)}")
    return out
