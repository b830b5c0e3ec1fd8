"""Build Plotly figure specs (JSON) in Python; the page draws them with a self-hosted bundle.

Every figure comes with the rows of the plain table shown beside it, built from the same
numbers, so a page is complete without JavaScript.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

import plotly.graph_objects as go

from .compute import Facts
from .fmt import num, numeral
from .model import Action, Status, Task

# Colours pass WCAG contrast with white text; the page repeats every status in words.
STATUS_COLOURS = {
    Status.not_started: "#6b7280",
    Status.in_progress: "#1d4ed8",
    Status.ahead: "#047857",
    Status.on_pace: "#0f766e",
    Status.behind: "#b91c1c",
    Status.done: "#15803d",
    Status.changed: "#92400e",
}
TARGET_COLOUR = "#9ca3af"


@dataclasses.dataclass(frozen=True)
class Chart:
    """A figure and the table that carries the same numbers."""

    figure: str  # Plotly JSON
    caption: str
    header: list[str]
    rows: list[list[str]]


def _figure(data: list[go.BaseTraceType], height: int, **layout: object) -> str:
    """Serialise a compact figure: no template, transparent background, fixed margins."""
    fig = go.Figure(data=data)
    fig.update_layout(
        template="none",
        height=height,
        margin={"l": 10, "r": 10, "t": 10, "b": 30},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        font={"family": "inherit", "size": 13},
        legend={"orientation": "h", "y": -0.15},
        **layout,
    )
    return fig.to_json(validate=False)


def overview(facts: Facts, summaries: dict[str, Counter[Status]]) -> Chart:
    """Stack each action's tasks by status: one bar per action."""
    names = [f"行动{a.id}" for a in facts.plan.actions]
    shown = [s for s in Status if any(summaries[a.id][s] for a in facts.plan.actions)]
    bars = [
        go.Bar(
            name=s.label,
            y=names,
            x=[summaries[a.id][s] for a in facts.plan.actions],
            orientation="h",
            marker_color=STATUS_COLOURS[s],
            hovertemplate="%{y} " + s.label + "：%{x} 项<extra></extra>",
        )
        for s in shown
    ]
    figure = _figure(bars, 40 * len(names) + 90, barmode="stack", yaxis={"autorange": "reversed", "automargin": True})
    rows = [[f"（{numeral(a)}）{a.title}", *[str(summaries[a.id][s]) for s in shown]] for a in facts.plan.actions]
    return Chart(figure, "各项行动任务状态（项）", ["行动", *[s.label for s in shown]], rows)


def action(facts: Facts, act: Action) -> Chart | None:
    """Show each quantitative target of an action as a share of its target value."""
    labels, shares, rows = [], [], []
    for task in (t for m in act.measures for t in m.tasks):
        state = facts.current(task)
        for target in task.targets:
            actual = state.actual.get(target.metric) if state else None
            share = _share(target.value, actual, target.comparator)
            labels.append(f"{task.id} {target.metric}")
            shares.append(share)
            rows.append(
                [task.id, target.metric, num(target.value) + target.unit, num(actual, target.unit), f"{share:.0f}%"]
            )
    if not rows:
        return None
    bar = go.Bar(
        y=labels,
        x=shares,
        orientation="h",
        marker_color=[STATUS_COLOURS[Status.done] if s >= 100 else STATUS_COLOURS[Status.in_progress] for s in shares],
        hovertemplate="%{y}：%{x:.0f}%<extra></extra>",
    )
    figure = _figure(
        [bar],
        28 * len(labels) + 70,
        xaxis={"range": [0, 105], "ticksuffix": "%"},
        yaxis={"autorange": "reversed", "automargin": True},
        shapes=[
            {
                "type": "line",
                "x0": 100,
                "x1": 100,
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "line": {"color": TARGET_COLOUR, "dash": "dot"},
            }
        ],
    )
    return Chart(figure, "量化目标完成比例（实际值 ÷ 目标值）", ["任务", "指标", "目标值", "实际值", "完成比例"], rows)


def task(facts: Facts, tsk: Task) -> Chart | None:
    """Plot each target's actual values over the periods against the target and the pace line."""
    states = facts.histories[tsk.id]
    if not tsk.targets or not states:
        return None
    dates = [s.period.as_of.isoformat() for s in states]
    traces: list[go.BaseTraceType] = []
    rows = []
    for target in tsk.targets:
        values = [s.actual.get(target.metric) for s in states]
        traces.append(go.Scatter(x=dates, y=values, name=f"{target.metric}实际值", mode="lines+markers"))
        traces.append(
            go.Scatter(
                x=dates,
                y=[target.value] * len(dates),
                name=f"{target.metric}目标值",
                mode="lines",
                line={"dash": "dot", "color": TARGET_COLOUR},
            )
        )
        if target.comparator == "at_least":
            traces.append(
                go.Scatter(
                    x=dates,
                    y=[round(target.value * s.pace, 4) for s in states],
                    name="序时进度",
                    mode="lines",
                    line={"dash": "dash"},
                )
            )
        for state, value in zip(states, values, strict=False):
            rows.append(
                [
                    state.name,
                    target.metric,
                    num(value, target.unit),
                    num(target.value) + target.unit,
                    num(target.value * state.pace if target.comparator == "at_least" else None, target.unit),
                ]
            )
    figure = _figure(traces, 300, xaxis={"type": "date"}, yaxis={"rangemode": "tozero"})
    return Chart(figure, "各报告期实际值、目标值与序时进度", ["报告期", "指标", "实际值", "目标值", "按序时应达"], rows)


def _share(value: float, actual: float | None, comparator: str) -> float:
    """Return completion in percent; a ceiling kept counts as 100."""
    if actual is None:
        return 0.0
    if comparator == "at_most":
        return 100.0 if actual <= value else 0.0
    return min(actual / value * 100, 100.0) if value else 100.0
