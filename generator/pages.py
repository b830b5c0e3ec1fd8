"""Which pages a site has: each plan's overview, actions, tasks, places, changes, data and source,
and, for a site of several plans, the home page and the combined downloads and changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import Counter
from collections.abc import Callable
from typing import Any

from markupsafe import escape

from . import charts, datapackage, news, places, units
from .cite import Citation, cite
from .compute import Facts, as_planned
from .load import Dataset
from .model import Plan, Status, Target, Task
from .quotes import source_links
from .render import HEADING, Page, SiteInfo, render

KIND_WORDS = {"政府工作报告": "政府工作报告", "民生实事": "民生实事项目", "专项行动方案": "专项行动方案"}


@dataclasses.dataclass(frozen=True)
class PlanView:
    """One plan of the site with its computed facts."""

    data: Dataset
    facts: Facts

    @property
    def prefix(self) -> str:
        """Return the plan's path under the site root: "" or "2021/"."""
        return self.data.prefix

    @property
    def plan(self) -> Plan:
        """Return the plan."""
        return self.data.plan


@dataclasses.dataclass(frozen=True)
class Recurring:
    """The same commitment (same metric and unit) in one plan of the site."""

    view: PlanView
    task: Task
    target: Target

    @property
    def actual(self) -> float | None:
        """Return the commitment's latest value in its plan."""
        state = self.view.facts.current(self.task)
        return state.actual.get(self.target.metric) if state else None


def recurring(views: list[PlanView]) -> dict[tuple[str, str], list[Recurring]]:
    """Find commitments that recur across plans: the same metric and unit in more than one plan."""
    found: dict[tuple[str, str], list[Recurring]] = {}
    for view in views:
        for task in view.plan.tasks():
            for target in as_planned(task).targets:
                found.setdefault((target.metric, target.unit), []).append(Recurring(view, task, target))
    return {key: items for key, items in found.items() if len({i.view.prefix for i in items}) > 1}


def plan_pages(view: PlanView, ctx: dict[str, Any], tasks: Callable[[], dict[str, Page]]) -> dict[str, Page]:
    """Render every page of one plan, keyed by its path under docs/ (prefixed by the plan's folder).

    The task pages come from `tasks` (task_pages, maybe rendered meanwhile in another process),
    asked for once the other pages are done; every page keeps its place in the order of the site.
    """
    p, facts = view.prefix, view.facts
    # The demo banner goes only where illustrative values show: the current and previous status on lists,
    # the whole history on a task page, the changes listed on change pages.
    shows = facts.shows_demo
    index = f"{p}index.md"
    overview = render("overview.html.j2", index, ctx, chart=charts.overview(facts), demo=shows(facts.plan.tasks(), 2))
    actions = {}
    for action in facts.plan.actions:
        path = f"{p}actions/{action.id}.md"
        chart, demo = charts.action(facts, action), shows(action.all_tasks(), 2)
        page = render("action.html.j2", path, ctx, action=action, chart=chart, demo=demo)
        actions[action.id] = dataclasses.replace(page, searchable=_outline(page, action.aim))
    rest = {}
    named = places.places_index(facts.plan)
    rest[f"{p}places/index.md"] = render("places.html.j2", f"{p}places/index.md", ctx, kinds=ctx["places"], demo=False)
    for place, tasks_there in named.items():
        path = f"{p}places/{place}.md"
        counts = status_counts(facts, tasks_there)
        demo = shows(tasks_there, 1)
        rest[path] = render("place.html.j2", path, ctx, place=place, tasks=tasks_there, counts=counts, demo=demo)
    periods = news.changes(facts)
    pending = news.pending(facts)
    path = f"{p}updates.md"
    demo = any(c.demo for _, _, moved in periods for c in moved)
    rest[path] = render("updates.html.j2", path, ctx, periods=periods, pending=pending, listed=news.LISTED, demo=demo)
    for name, period, moved in periods:
        path = f"{p}updates/{name}.md"
        demo = any(c.demo for c in moved)
        rest[path] = render("changes.html.j2", path, ctx, name=name, period=period, moved=moved, demo=demo)
    path = f"{p}data.md"
    tables, words = datapackage.TABLES, datapackage.TYPE_WORDS
    rest[path] = render("data.html.j2", path, ctx, tables=tables, downloads=datapackage.downloads(), type_words=words)
    path = f"{p}source.md"
    rest[path] = render("source.html.j2", path, ctx, clauses=source_links(facts.plan, view.data.source_text))
    rest |= status_pages(view, ctx) | unit_pages(view, ctx)
    rendered = tasks()
    out = {index: overview}
    for action in facts.plan.actions:  # each action's page, then its tasks' pages
        out[f"{p}actions/{action.id}.md"] = actions[action.id]
        out |= {f"{p}tasks/{t.id}.md": rendered[f"{p}tasks/{t.id}.md"] for t in action.all_tasks()}
    return out | rest


def _outline(page: Page, aim: str | None) -> str:
    """Write what Material's indexer finds on an action page: its headings, and its aim under the first.

    The rest of the page (status counts, chart, task lists, citation) is left out of the index
    (data-search-exclude), so Gongkai writes the page's search entries (searchindex.entries)
    instead of Material reading the whole page: at 10,000 tasks an action page lists 400.
    """
    h1, *rest = [h for h in HEADING.finditer(page.html) if "data-search-exclude" not in h["attrs"]]
    lines = [f'<h1 id="{h1["id"]}">{h1["text"]}</h1>', *([f"<p>{escape(aim)}</p>"] if aim else [])]
    return "\n".join(lines + [f'<h{h["level"]} id="{h["id"]}">{h["text"]}</h{h["level"]}>' for h in rest]) + "\n"


def task_pages(view: PlanView, ctx: dict[str, Any], part: tuple[int, int] = (0, 1)) -> dict[str, Page]:
    """Render the page of every task of one plan, keyed by its path under docs/.

    part (k, n): only every n-th task, from the k-th on, so that n processes can share the work.
    """
    p, facts = view.prefix, view.facts
    out = {}
    listed = [(a, m, t) for a in facts.plan.actions for m, tasks in a.groups() for t in tasks]
    for action, measure, task in listed[part[0] :: part[1]]:
        path = f"{p}tasks/{task.id}.md"
        chart, demo = charts.task(facts, task), facts.shows_demo([task])
        out[path] = render("task.html.j2", path, ctx, action=action, measure=measure, task=task, chart=chart, demo=demo)
    return out


def task_paths(view: PlanView) -> list[str]:
    """List the task pages' paths in the order task_pages renders them."""
    return [f"{view.prefix}tasks/{t.id}.md" for a in view.facts.plan.actions for _, tasks in a.groups() for t in tasks]


def status_pages(view: PlanView, ctx: dict[str, Any]) -> dict[str, Page]:
    """Render /status/ (every task, to filter by status, action and place) and a list per status.

    Every status has its page, with or without tasks, so a URL once published keeps answering.
    """
    p, facts = view.prefix, view.facts
    out = {f"{p}status/index.md": render("statuses.html.j2", f"{p}status/index.md", ctx)}
    for status in Status:
        path = f"{p}status/{status.value}.md"
        groups = [(a, [t for t in a.all_tasks() if facts.status(t) == status]) for a in view.plan.actions]
        groups = [(a, tasks) for a, tasks in groups if tasks]
        out[path] = render("status.html.j2", path, ctx, status=status, groups=groups)
    return out


def unit_pages(view: PlanView, ctx: dict[str, Any]) -> dict[str, Page]:
    """Render /units/ and a page per department; a plan that names no unit has none."""
    found = units.units(view.facts)
    if not found:
        return {}
    p, facts = view.prefix, view.facts
    counts = {name: status_counts(facts, unit.tasks) for name, unit in found.items()}  # linked to #status-<key>
    demo = facts.shows_demo({t.id: t for u in found.values() for t in u.tasks}.values(), 1)
    index = f"{p}units/index.md"
    out = {index: render("units.html.j2", index, ctx, units=found, counts=counts, demo=demo)}
    for name, unit in found.items():
        path = f"{p}units/{name}.md"
        attention, soon = units.needs_attention(facts, unit.tasks), units.due_soon(facts, unit.tasks)
        demo = facts.shows_demo(unit.tasks, 1)
        out[path] = render(
            "unit.html.j2", path, ctx, unit=unit, counts=counts[name], attention=attention, soon=soon, demo=demo
        )
    return out


def context(view: PlanView, info: SiteInfo, views: list[PlanView]) -> dict[str, Any]:
    """Values every page of a plan may use."""
    facts = view.facts
    latest = facts.latest
    previous = facts.periods[-2][1] if len(facts.periods) > 1 else None
    return {
        "facts": facts,
        "plan": facts.plan,
        "report": facts.plan.report,
        "kind_word": KIND_WORDS[facts.plan.report.kind],
        "prefix": view.prefix,
        "plans": [(v.prefix, v.plan.report) for v in views] if len(views) > 1 else [],
        "latest": latest[1] if latest else None,
        "as_of": latest[1].as_of if latest else None,
        "demo": facts.demo,
        "summaries": {a.id: status_counts(facts, a.all_tasks()) for a in facts.plan.actions},
        "overall": status_counts(facts, facts.plan.tasks()),
        # the same counts one period earlier, to show how each status moved since the last report
        "before": {a.id: status_counts(facts, a.all_tasks(), -2) for a in facts.plan.actions} if previous else {},
        "overall_before": status_counts(facts, facts.plan.tasks(), -2) if previous else None,
        "previous": previous,
        "default_due": dt.date(facts.plan.report.year, 12, 31),
        "cite_page": _citer(facts, info.url + view.prefix, info.name or facts.plan.report.title),
        "edit": _editor(view.data.lines, info.edit_url),
        "recurring": recurring(views) if len(views) > 1 else {},
        "by_status": functools.partial(by_status, facts),
        "places": places.by_kind(places.places_index(facts.plan)),
        "action_word": "方面" if facts.plan.report.kind == "民生实事" else "行动",
    }


def status_counts(facts: Facts, tasks: list[Task], period: int = -1) -> Counter[Status]:
    """Count tasks per status shown in a period (default the newest)."""
    if period == -1:
        return Counter(facts.status(t) for t in tasks)
    return Counter(facts.histories[t.id][period].status for t in tasks)


def by_status(facts: Facts, tasks: list[Task]) -> dict[Status, list[Task]]:
    """Group tasks by the status shown, in the order of Status, keeping their order within each."""
    groups: dict[Status, list[Task]] = {s: [] for s in Status}
    for task in tasks:
        groups[facts.status(task)].append(task)
    return {s: found for s, found in groups.items() if found}


def _editor(lines: dict[str, tuple[str, int]], base: str) -> Callable[[str], str | None]:
    """Return a function giving the web editor's URL of a record's line, or None without a base."""

    def edit(key: str) -> str | None:
        if not base or key not in lines:
            return None
        file, line = lines[key]
        return f"{base}{file}#L{line}"

    return edit


def _citer(facts: Facts, plan_url: str, site_name: str) -> Callable[[str, str, bool], Citation]:
    """Return a function that cites a page of the plan by its title, its path and whether it shows demo values."""
    latest = facts.latest[1] if facts.latest else None
    issuer = facts.plan.report.issuer

    def cite_page(title: str, path: str, demo: bool) -> Citation:
        as_of, changed = (latest.as_of, latest.published) if latest else (None, None)
        return cite(issuer, title, site_name, plan_url + path, as_of, changed, demo=demo)

    return cite_page


def site_pages(views: list[PlanView], info: SiteInfo) -> dict[str, Page]:
    """Render the pages of a site with several plans: the home page, combined changes and downloads."""
    plans = [(v, context(v, info, views)) for v in views]
    downloads = any(v.facts.demo for v in views)  # the combined downloads hold every period
    shown = any(v.facts.shows_demo(v.plan.tasks(), 2) for v in views)  # each plan's current and previous counts
    ctx = {"plans_here": plans, "prefix": "", "demo": downloads, "site_name": info.name or "各年度计划落实情况"}
    return {
        "index.md": render("home.html.j2", "index.md", ctx, demo=shown),
        "updates.md": render("home_updates.html.j2", "updates.md", ctx, demo=False),  # links only
        "data.md": render(
            "home_data.html.j2", "data.md", ctx, tables=datapackage.TABLES, downloads=datapackage.combined_downloads()
        ),
    }
