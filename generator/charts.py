"""Build Plotly figure specs (JSON) in Python; the page draws them with a self-hosted bundle.

Every chart comes with the rows of the plain table shown beside it, built from the same
numbers, so a page is complete without JavaScript (and on paper). A chart never puts two units
on one axis: a task with several metrics gets one small figure per metric, each axis titled
with its unit. Statuses are told apart by their words on the bars and by patterns, not by
colour alone.
Figures are written as JSON by `figures.py`, byte for byte as Plotly writes them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from typing import Any

from . import figures as plotly
from .compute import Facts, State
from .figures import axis_title, trace
from .fmt import cn_month_day, heading_number, num, percent, plain, rounded_like
from .model import Action, Status, Target, Task
from .rule import completion, exact, paced

# The light scheme's colours (gongkai.css holds them, and the dark scheme's, as --gk-c-<key>): colour-blind
# safe and dark enough for white text. Each trace names its key in `meta`; gongkai.js recolours by it.
STATUS_COLOURS = {
    Status.not_started: "#5f6670",
    Status.in_progress: "#1b4fa0",
    Status.ahead: "#1a4d2e",
    Status.on_pace: "#0978ae",
    Status.behind: "#c2360a",
    Status.done: "#4c8225",
    Status.changed: "#7b16c9",
    Status.no_report: "#343840",
}
LINE_COLOURS = {"actual": "#1b4fa0", "target": "#5f6670", "pace": "#c2360a"}
ON_STATUS = "#ffffff"  # text on a status colour
TEXT = "#1f2328"  # text beside a bar, on the page
# A pattern for the statuses that call for attention, so they stand out without colour too.
PATTERNS = {Status.behind: "x", Status.changed: "/", Status.no_report: "."}

Cell = str | tuple[str, str]  # a table cell: text, or (text, path under the plan's root) for a link


@dataclasses.dataclass(frozen=True)
class Chart:
    """Figures and the table that carries the same numbers."""

    figures: list[str]  # Plotly JSON, one figure per unit shown
    caption: str
    header: list[str]
    rows: list[list[Cell]]
    # The statuses a chart colours, as the page's own legend above it: it wraps with the text on any
    # screen, where Plotly's would squeeze a phone's plot (status keys, in the order of the bars).
    legend: list[Status] = dataclasses.field(default_factory=list)


def overview(facts: Facts) -> Chart:
    """Stack each action's tasks by status: one bar per action, named as the report numbers it."""
    style = facts.plan.report.numbering
    actions = facts.plan.actions
    summaries = {a.id: Counter(facts.status(t) for t in a.all_tasks()) for a in actions}
    names = [_wrapped(heading_number(a.id, style) + a.title) for a in actions]
    shown = [s for s in Status if any(summaries[a.id][s] for a in actions)]
    bars = [_status_bar(s, names, [summaries[a.id][s] for a in actions]) for s in shown]
    most = max((sum(summaries[a.id].values()) for a in actions), default=1)
    spec = plotly.figure(
        bars,
        44 * len(names) + 70,
        xaxis={"title": axis_title("任务数（项）"), "dtick": _step(most), "rangemode": "tozero"},
        yaxis={"autorange": "reversed", "automargin": True},
        uniformtext={"minsize": 11, "mode": "hide"},  # a word that does not fit its bar is left out, not shrunk
        barmode="stack",
        showlegend=False,
    )
    rows: list[list[Cell]] = []
    for a in actions:
        counts: list[Cell] = [_count(summaries[a.id][s], f"status/{s.value}/#action-{a.id}") for s in shown]
        rows.append([(heading_number(a.id, style) + a.title, f"actions/{a.id}/"), *counts])
    word = "方面" if facts.plan.report.kind == "民生实事" else "行动"
    return Chart([spec], f"各项{word}任务状态（项）", [word, *[s.label for s in shown]], rows, shown)


def _status_bar(status: Status, names: list[str], counts: list[int]) -> dict[str, Any]:
    """One status's part of the stacked bars, its word written on every part wide enough for it."""
    marker: dict[str, Any] = {"color": STATUS_COLOURS[status]}
    if status in PATTERNS:
        marker["pattern"] = {"fgopacity": 0.35, "shape": PATTERNS[status], "size": 7}
    return trace(
        "bar",
        name=status.label,
        y=names,
        x=counts,
        orientation="h",
        marker=marker,
        meta=status.value,
        text=[f"{status.label} {n}" if n else "" for n in counts],
        textposition="inside",
        insidetextanchor="middle",
        textfont={"color": ON_STATUS},
        hovertemplate="%{y}<br>" + status.label + "：%{x} 项<extra></extra>",
    )


def _count(n: int, path: str) -> Cell:
    return (str(n), path) if n else "0"


def _step(most: int) -> int:
    """Return a tick step that gives whole numbers of tasks and at most about six ticks."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        if most / step <= 6:
            return step
    return 1000


def _wrapped(title: str, width: int = 8) -> str:
    """Break a title for an axis label into two lines, shortened if need be, so the bars keep room on a phone."""
    if len(title) <= width:
        return title
    return title[:width] + "<br>" + _short(title[width:], width)


def _short(title: str, limit: int = 10) -> str:
    """Shorten a long title for an axis label; the table beside the chart has it whole."""
    return title if len(title) <= limit else title[: limit - 1] + "…"


def action(facts: Facts, act: Action) -> Chart | None:
    """Show each quantitative floor of an action as a share of its target (caps are kept or broken: table only)."""
    labels, shares, fractions, statuses, details = [], [], [], [], []
    rows: list[list[Cell]] = []
    for task in act.all_tasks():
        state = facts.current(task)
        status = facts.status(task)
        for target in (state.task if state else task).targets:
            actual = state.actual.get(target.metric) if state else None
            link = (task.id, f"tasks/{task.id}/")
            if target.comparator == "at_most":  # a cap has no completion: it is kept or broken
                kept = "—" if actual is None else ("未突破" if actual <= target.value else "已突破")
                rows.append(
                    [link, target.metric, "不超过" + num(target.value, target.unit), num(actual, target.unit), kept]
                )
                continue
            share = completion(target, actual)
            labels.append(f"{_short(task.title, 9)}<br>{_short(target.metric, 9)}（{task.id}）")
            shares.append(plain(rounded_like(share * 100, 0.1)))
            fractions.append(share)
            statuses.append(status)
            goal, done = num(target.value, target.unit), num(actual, target.unit)
            details.append(f"{task.title}<br>{target.metric}：实际 {done}，目标 {goal}")
            rows.append([link, target.metric, goal, done, percent(share)])
    if not rows:
        return None
    header = ["任务", "指标", "目标值", "实际值", "完成比例"]
    caption = "量化目标完成比例（实际值 ÷ 目标值），柱上注明任务状态"
    if not labels:
        return Chart([], caption, header, rows)
    bar = trace(
        "bar",
        y=labels,
        x=shares,
        orientation="h",
        name="完成比例",
        marker={"color": [STATUS_COLOURS[s] for s in statuses]},
        meta=[s.value for s in statuses],
        text=[f"{percent(f)} {s.label}" for f, s in zip(fractions, statuses, strict=True)],
        textposition="auto",
        insidetextfont={"color": ON_STATUS},
        outsidetextfont={"color": TEXT},
        customdata=details,
        hovertemplate="%{customdata}<br>完成 %{x}%<extra></extra>",
        showlegend=False,
    )
    spec = plotly.figure(
        [bar],
        44 * len(labels) + 90,
        xaxis={"range": [0, 105], "ticksuffix": "%", "title": axis_title("完成比例（%）"), "dtick": 25},
        yaxis={"autorange": "reversed", "automargin": True},
        shapes=[
            {
                "line": {"color": LINE_COLOURS["target"], "dash": "dot"},
                "type": "line",
                "x0": 100,
                "x1": 100,
                "y0": 0,
                "y1": 1,
                "yref": "paper",
            }
        ],
    )
    return Chart([spec], caption, header, rows)


def task(facts: Facts, tsk: Task) -> Chart | None:
    """Plot each metric in its own small figure: values over the periods, the target and, for floors, the pace."""
    states = facts.histories[tsk.id]
    metrics = {t.metric: t for s in states for t in s.task.targets}
    if not metrics or not states:
        return None
    dates = [s.period.as_of for s in states]
    years = {d.year for d in dates}
    x = [d.isoformat() for d in dates]
    margin = max((dates[-1] - dates[0]) / 5, dt.timedelta(days=20))  # date labels clear of the y axis's on a phone
    xaxis = {
        "type": "date",
        "range": [(dates[0] - margin).isoformat(), (dates[-1] + margin).isoformat()],
        "tickvals": x,
        "ticktext": [cn_month_day(d, year=len(years) > 1) for d in dates],
        "title": axis_title("数据截至" + (f"（{dates[0].year}年）" if len(years) == 1 else "")),
        "hoverformat": "%Y年%-m月%-d日",  # Plotly's own date words would be English
    }
    figures: list[str] = []
    rows: list[list[Cell]] = []
    for metric, target in metrics.items():
        planned = [next((t for t in s.task.targets if t.metric == metric), None) for s in states]
        traces = _metric_traces(metric, target, states, planned, x)
        yaxis = {"rangemode": "tozero", "title": axis_title(f"{metric}（{target.unit}）"), "automargin": True}
        figures.append(plotly.figure(traces, 260, xaxis=xaxis, yaxis=yaxis, hovermode="x unified"))
        for state, t in zip(states, planned, strict=True):
            if t is not None:
                value = state.actual.get(metric)
                due = _expected(t, state)
                rows.append(
                    [
                        state.name,
                        metric,
                        num(value, t.unit) + _carried_note(state, metric),
                        num(t.value, t.unit),
                        num(due, t.unit),
                    ]
                )
    header = ["报告期", "指标", "实际值", "目标值", "按序时应达"]
    return Chart(figures, "各报告期实际值、目标值与序时进度，每个指标一张图", header, rows)


def _metric_traces(
    metric: str, target: Target, states: list[State], planned: list[Target | None], x: list[str]
) -> list[dict[str, Any]]:
    """Return one metric's lines: what was reported, the target (or cap) and, for cumulative floors, the pace."""
    unit = target.unit
    values = [s.actual.get(metric) for s in states]
    traces = [
        trace(
            "scatter",
            x=x,
            y=[None if v is None else plain(v) for v in values],
            text=[_carried_note(s, metric) for s in states],
            name=f"{metric}实际值",
            mode="lines+markers",
            line={"color": LINE_COLOURS["actual"]},
            marker={"size": 8},
            meta="actual",
            hovertemplate=f"实际值 %{{y}}{unit}%{{text}}<extra></extra>",
        ),
        trace(
            "scatter",
            x=x,
            y=[plain(t.value) if t else None for t in planned],
            name=metric + ("上限" if target.comparator == "at_most" else "目标值"),
            mode="lines",
            line={"color": LINE_COLOURS["target"], "dash": "dot"},
            meta="target",
            hovertemplate=("上限" if target.comparator == "at_most" else "目标值") + f" %{{y}}{unit}<extra></extra>",
        ),
    ]
    expected = [_expected(t, s) for t, s in zip(planned, states, strict=True)]
    if any(e is not None for e in expected):
        traces.append(
            trace(
                "scatter",
                x=x,
                y=expected,
                name=f"{metric}序时应达",
                mode="lines",
                line={"color": LINE_COLOURS["pace"], "dash": "dash"},
                meta="pace",
                hovertemplate=f"按序时应达 %{{y}}{unit}<extra></extra>",
            )
        )
    return traces


def _expected(target: Target | None, state: State) -> float | None:
    """Return what a cumulative floor should have reached by a period (序时应达), rounded like its target."""
    pace = state.pace
    if target is None or not paced(target) or pace is None:
        return None  # rates and caps are judged against the target itself, not elapsed time
    return plain(rounded_like(exact(target.value) * pace, target.value))


def _carried_note(state: State, metric: str) -> str:
    """Say where a value shown for a period comes from, when it was reported in an earlier one."""
    since = state.since.get(metric)
    return f"（沿用 {since} 报告）" if since and since != state.name else ""
