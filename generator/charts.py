"""Build Plotly figure specs (JSON) in Python; the page draws them with a self-hosted bundle.

Every figure comes with the rows of the plain table shown beside it, built from the same
numbers, so a page is complete without JavaScript.

The figures are written as plain dicts, not through plotly.graph_objects: building and
serialising a graph object took about 8 ms a figure, most of a big site's build. The JSON is
byte for byte what `go.Figure(...).to_json()` wrote (its json engine): trace properties in
alphabetical order then `type`, the layout's nested settings before its plain ones, and
`<`, `>`, `/` escaped; tests/test_synth.py checks that Plotly reads every figure back unchanged.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from typing import Any

from .compute import Facts, State
from .fmt import heading_number, num, plain, rounded_like
from .model import Action, Status, Target, Task
from .rule import exact, paced

# Colours pass WCAG contrast with white text; the page repeats every status in words.
STATUS_COLOURS = {
    Status.not_started: "#6b7280",
    Status.in_progress: "#1d4ed8",
    Status.ahead: "#047857",
    Status.on_pace: "#0f766e",
    Status.behind: "#b91c1c",
    Status.done: "#15803d",
    Status.changed: "#92400e",
    Status.no_report: "#9ca3af",
}
TARGET_COLOUR = "#9ca3af"


@dataclasses.dataclass(frozen=True)
class Chart:
    """A figure and the table that carries the same numbers."""

    figure: str  # Plotly JSON
    caption: str
    header: list[str]
    rows: list[list[str]]


# What Plotly writes for template="none": no theme at all, which keeps each figure small.
NO_TEMPLATE = {"data": {"scatter": [{"type": "scatter"}]}}
HTML_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("/", "\\u002f"))  # as plotly.io escapes them


def _trace(kind: str, **props: Any) -> dict[str, Any]:
    """Return a trace the way Plotly writes one: properties sorted by name, then its type."""
    return {key: _sorted(props[key]) for key in sorted(props)} | {"type": kind}


def _sorted(value: Any) -> Any:
    return {key: _sorted(value[key]) for key in sorted(value)} if isinstance(value, dict) else value


def _figure(data: list[dict[str, Any]], height: int, **layout: Any) -> str:
    """Serialise a compact figure: no template, transparent background, fixed margins."""
    nested = {key: value for key, value in layout.items() if isinstance(value, dict)}
    plain = {key: value for key, value in layout.items() if not isinstance(value, dict)}
    figure = {
        "data": data,
        "layout": {
            "template": NO_TEMPLATE,
            "margin": {"l": 10, "r": 10, "t": 10, "b": 30},
            "font": {"family": "inherit", "size": 13},
            "legend": {"orientation": "h", "y": -0.15},
            **nested,
            "height": height,
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
            **plain,
        },
    }
    text = json.dumps(figure, separators=(",", ":"))
    if "NaN" in text or "Infinity" in text:  # Plotly writes a number JSON cannot hold as null
        text = json.dumps(json.loads(text, parse_constant=lambda _: None), separators=(",", ":"))
    for unsafe, safe in HTML_SAFE:
        text = text.replace(unsafe, safe)
    return text


def overview(facts: Facts) -> Chart:
    """Stack each action's tasks by status: one bar per action, named as the report numbers it."""
    style = facts.plan.report.numbering
    summaries = {a.id: Counter(facts.status(t) for t in a.all_tasks()) for a in facts.plan.actions}
    names = [heading_number(a.id, style) + _short(a.title) for a in facts.plan.actions]
    shown = [s for s in Status if any(summaries[a.id][s] for a in facts.plan.actions)]
    bars = [
        _trace(
            "bar",
            name=s.label,
            y=names,
            x=[summaries[a.id][s] for a in facts.plan.actions],
            orientation="h",
            marker={"color": STATUS_COLOURS[s]},
            hovertemplate="%{y} " + s.label + "：%{x} 项<extra></extra>",
        )
        for s in shown
    ]
    figure = _figure(bars, 40 * len(names) + 90, barmode="stack", yaxis={"autorange": "reversed", "automargin": True})
    rows = [
        [heading_number(a.id, style) + a.title, *[str(summaries[a.id][s]) for s in shown]] for a in facts.plan.actions
    ]
    return Chart(figure, "各项行动任务状态（项）", ["行动", *[s.label for s in shown]], rows)


def _short(title: str, limit: int = 10) -> str:
    """Shorten a long action title for an axis label; the table beside the chart has it whole."""
    return title if len(title) <= limit else title[: limit - 1] + "…"


def action(facts: Facts, act: Action) -> Chart | None:
    """Show each quantitative target of an action as a share of its target value (caps are kept or broken)."""
    labels, shares, rows = [], [], []
    for task in act.all_tasks():
        state = facts.current(task)
        for target in (state.task if state else task).targets:
            actual = state.actual.get(target.metric) if state else None
            if target.comparator == "at_most":  # a cap has no completion: it is kept or broken
                kept = "—" if actual is None else ("未突破" if actual <= target.value else "已突破")
                rows.append(
                    [task.id, target.metric, "不超过" + num(target.value, target.unit), num(actual, target.unit), kept]
                )
                continue
            share = _share(target.value, actual)
            labels.append(f"{task.id} {target.metric}")
            shares.append(share)
            rows.append(
                [task.id, target.metric, num(target.value, target.unit), num(actual, target.unit), f"{share:.0f}%"]
            )
    if not rows:
        return None
    bar = _trace(
        "bar",
        y=labels,
        x=shares,
        orientation="h",
        marker={
            "color": [STATUS_COLOURS[Status.done] if s >= 100 else STATUS_COLOURS[Status.in_progress] for s in shares]
        },
        hovertemplate="%{y}：%{x:.0f}%<extra></extra>",
    )
    figure = _figure(
        [bar],
        28 * len(labels) + 70,
        xaxis={"range": [0, 105], "ticksuffix": "%"},
        yaxis={"autorange": "reversed", "automargin": True},
        shapes=[
            {
                "line": {"color": TARGET_COLOUR, "dash": "dot"},
                "type": "line",
                "x0": 100,
                "x1": 100,
                "y0": 0,
                "y1": 1,
                "yref": "paper",
            }
        ],
    )
    header = ["任务", "指标", "目标值", "实际值", "完成比例"]
    return Chart(figure, "量化目标完成比例（实际值 ÷ 目标值）", header, rows)


def task(facts: Facts, tsk: Task) -> Chart | None:
    """Plot each target's values over the periods against the target and, for cumulative floors, the pace."""
    states = facts.histories[tsk.id]
    metrics = {t.metric: t for s in states for t in s.task.targets}
    if not metrics or not states:
        return None
    dates = [s.period.as_of.isoformat() for s in states]
    traces: list[dict[str, Any]] = []
    rows = []
    for metric, target in metrics.items():
        planned = [next((t for t in s.task.targets if t.metric == metric), None) for s in states]
        values = [s.actual.get(metric) for s in states]
        shown = [None if v is None else plain(v) for v in values]
        notes = [_carried_note(s, metric) for s in states]
        traces.append(
            _trace(
                "scatter",
                x=dates,
                y=shown,
                text=notes,
                name=f"{metric}实际值",
                mode="lines+markers",
                hovertemplate=f"%{{x}}：%{{y}}{target.unit}%{{text}}<extra>{metric}</extra>",
            )
        )
        traces.append(
            _trace(
                "scatter",
                x=dates,
                y=[plain(t.value) if t else None for t in planned],
                name=f"{metric}目标值",
                mode="lines",
                line={"dash": "dot", "color": TARGET_COLOUR},
            )
        )
        expected = [_expected(t, s) for t, s in zip(planned, states, strict=True)]
        if any(e is not None for e in expected):
            traces.append(
                _trace("scatter", x=dates, y=expected, name=f"{metric}序时进度", mode="lines", line={"dash": "dash"})
            )
        for state, t, value, note, due in zip(states, planned, values, notes, expected, strict=True):
            if t is None:
                continue
            rows.append([state.name, metric, num(value, t.unit) + note, num(t.value, t.unit), num(due, t.unit)])
    figure = _figure(traces, 300, xaxis={"type": "date"}, yaxis={"rangemode": "tozero"})
    return Chart(figure, "各报告期实际值、目标值与序时进度", ["报告期", "指标", "实际值", "目标值", "按序时应达"], rows)


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


def _share(value: float, actual: float | None) -> float:
    """Return a floor's completion in percent."""
    if actual is None:
        return 0.0
    return min(actual / value * 100, 100.0) if value else 100.0
