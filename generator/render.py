"""Render the generated pages from Jinja2 templates, as finished HTML.

Jinja2 autoescapes every value, so text from YAML always shows as text. The pages are HTML, not
Markdown: MkDocs places them in the theme without parsing them again (see plugin.py), which
halves the build time of a large plan.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

import jinja2
from markupsafe import escape
from pymdownx.slugs import slugify

from . import charts, compute, datapackage
from .cite import Citation, cite
from .compute import Facts
from .fmt import cn_date, num, numeral
from .load import Dataset
from .model import Status, Task

QUOTE_KEY = 8  # characters of a quote's start used to find where it may stand in a source line
FOLD = str.maketrans("，；（）：", ",;():")  # full-width punctuation the source may write in ASCII
SLUG = slugify(case="lower")  # the toc extension's slugs in mkdocs.yml: one rule for every page's anchors
HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)  # as _macros.j2's heading writes them
ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)


@dataclasses.dataclass(frozen=True)
class Page:
    """A generated page: its article as finished HTML, and what the theme prints around it."""

    html: str  # from the <h1> on; every value from YAML escaped
    meta: dict[str, Any]  # title, description, demo flag, edit links: escaped, as Material prints them raw
    # What the search indexer reads instead of html (a template's `searchable`), shaped as the search
    # result shows it; the page itself never shows it. None: the page's html, less its data-search-exclude parts.
    searchable: str | None = None
    # Words the search index holds for the page but never shows (a template's `search_words`).
    search_words: tuple[str, ...] = ()
    # What its search result shows before the indexed text, and nobody searches by (a template's
    # `search_result`): a task's status key and word, and its action.
    search_result: dict[str, str] = dataclasses.field(default_factory=dict)

    def headings(self) -> list[tuple[int, str, str]]:
        """List (level, id, text as HTML) of each heading, in page order: the table of contents."""
        return [(int(level), anchor, text) for level, anchor, text in HEADING.findall(self.html)]


def page_meta(**meta: Any) -> dict[str, Any]:
    """Collect a page's metadata, HTML-escaped, leaving out what is None."""
    return {key: str(escape(v)) if isinstance(v, str) else v for key, v in meta.items() if v is not None}


def anchors() -> Callable[[str], str]:
    """Return one page's anchor maker: the toc extension's slug, made unique with _1, _2 as it does."""
    used: set[str] = set()

    def anchor(text: str) -> str:
        slug = base = SLUG(str(text), "-")
        count = 0
        while not slug or slug in used:
            count += 1
            slug = f"{base}_{count}"
        used.add(slug)
        return slug

    return anchor


ENV.filters.update(num=num, cn_date=cn_date, numeral=numeral)
ENV.globals.update(page_meta=page_meta, Status=Status)


@dataclasses.dataclass(frozen=True)
class SiteInfo:
    """What the pages say about where they live (from mkdocs.yml, never from the data)."""

    url: str = "/"  # absolute, ending in /: citations and the feed need it
    name: str = ""
    edit_url: str = ""  # the data folder in the repository's web view, for "编辑此页" links; empty: no links


def pages(
    facts: Facts, data: Dataset, info: SiteInfo, everyday: Callable[[Task], list[str]] = lambda task: []
) -> dict[str, Page]:
    """Render every generated page, keyed by its path under docs/; everyday(task): its everyday search words."""
    out: dict[str, Page] = {}
    ctx = _common(facts) | {
        "cite_page": _citer(facts, info.url, info.name or facts.plan.report.title),
        "edit": _editor(data.lines, info.edit_url),
        "everyday": everyday,
    }
    out["index.md"] = _render("overview.html.j2", ctx, root="", chart=charts.overview(facts, ctx["summaries"]))
    for action in facts.plan.actions:
        out[f"actions/{action.id}.md"] = _render(
            "action.html.j2", ctx, root="../../", action=action, chart=charts.action(facts, action)
        )
        for measure in action.measures:
            for task in measure.tasks:
                out[f"tasks/{task.id}.md"] = _render(
                    "task.html.j2",
                    ctx,
                    root="../../",
                    action=action,
                    measure=measure,
                    task=task,
                    chart=charts.task(facts, task),
                )
    places = places_index(facts)
    out["places/index.md"] = _render("places.html.j2", ctx, root="../", places=places)
    for place, tasks in places.items():
        out[f"places/{place}.md"] = _render("place.html.j2", ctx, root="../../", place=place, tasks=tasks)
    periods = compute.changes(facts)
    out["updates.md"] = _render("updates.html.j2", ctx, root="../", periods=periods, listed=compute.CHANGES_LISTED)
    for name, period, moved in periods:
        out[f"updates/{name}.md"] = _render(
            "changes.html.j2", ctx, root="../../", name=name, period=period, moved=moved
        )
    out["data.md"] = _render(
        "data.html.j2", ctx, root="../", tables=datapackage.TABLES, downloads=datapackage.downloads()
    )
    out["source.md"] = _render("source.html.j2", ctx, root="../", clauses=source_links(facts, data.source_text))
    return out


def _render(template: str, ctx: dict[str, Any], **extra: Any) -> Page:
    module = ENV.get_template(template).make_module(ctx | extra | {"anchor": anchors()})
    searchable = getattr(module, "searchable", None)
    words = tuple(getattr(module, "search_words", ()))
    result = dict(getattr(module, "search_result", {}))
    return Page(str(module), module.meta, None if searchable is None else str(searchable), words, result)


def _common(facts: Facts) -> dict[str, Any]:
    """Values every template may use."""
    latest = facts.latest
    return {
        "facts": facts,
        "plan": facts.plan,
        "report": facts.plan.report,
        "latest": latest[1] if latest else None,
        "as_of": latest[1].as_of if latest else None,
        "demo": facts.demo,
        "summaries": {a.id: status_counts(facts, a.id) for a in facts.plan.actions},
        "overall": status_counts(facts, None),
        # the same counts one period earlier, to show how each status moved since the last report
        "before": {a.id: status_counts(facts, a.id, -2) for a in facts.plan.actions} if len(facts.periods) > 1 else {},
        "overall_before": status_counts(facts, None, -2) if len(facts.periods) > 1 else None,
        "previous": facts.periods[-2][1] if len(facts.periods) > 1 else None,
        "default_due": dt.date(facts.plan.report.year, 12, 31),
    }


def _editor(lines: dict[str, tuple[str, int]], base: str) -> Callable[[str], str | None]:
    """Return a function giving the web editor's URL of a record's line, or None without a base."""

    def edit(key: str) -> str | None:
        if not base or key not in lines:
            return None
        file, line = lines[key]
        return f"{base}{file}#L{line}"

    return edit


def _citer(facts: Facts, site_url: str, site_name: str) -> Callable[[str, str], Citation]:
    """Return a function that cites a page by its title and path under the site."""
    latest = facts.latest[1] if facts.latest else None
    issuer = facts.plan.report.issuer

    def cite_page(title: str, path: str) -> Citation:
        return cite(issuer, title, site_name, site_url + path, latest and latest.as_of, latest and latest.published)

    return cite_page


def status_counts(facts: Facts, action_id: str | None, period: int = -1) -> Counter[Status]:
    """Count tasks per status in a period (default the newest), for one action or (None) the whole plan."""
    tasks = (t for a in facts.plan.actions if action_id in (None, a.id) for m in a.measures for t in m.tasks)
    if period == -1:
        return Counter(facts.status(t) for t in tasks)
    return Counter(facts.histories[t.id][period].status for t in tasks)


def places_index(facts: Facts) -> dict[str, list[Task]]:
    """Map each place named in the plan to its tasks, places sorted by name."""
    index: dict[str, list[Task]] = {}
    for task in facts.plan.tasks():
        for tag in task.tags:
            index.setdefault(tag, []).append(task)
    return dict(sorted(index.items()))


def source_links(facts: Facts, source_text: str) -> list[list[tuple[str, Task | None]]]:
    """Split each source line into runs, each linked to the task that quotes it.

    Tasks are tried in plan order, each in what is left of the line after the one before. Only
    a task whose text occurs in the line can match, so the tasks worth trying are looked up by
    the first characters of their text at each position of the line: linear in the size of the
    text instead of lines × tasks.
    """
    quotes = [(task, normalise(task.text)) for task in facts.plan.tasks()]
    starts: dict[str, list[int]] = {}  # the first QUOTE_KEY characters of a quote → its tasks, in plan order
    for i, (_, quoted) in enumerate(quotes):
        if quoted:
            starts.setdefault(quoted[:QUOTE_KEY], []).append(i)
    widths = sorted({len(key) for key in starts})
    lines = []
    for line in source_text.splitlines():
        folded = normalise(line)
        found = {i for at in range(len(folded)) for w in widths for i in starts.get(folded[at : at + w], ())}
        runs: list[tuple[str, Task | None]] = []
        rest = line
        for task, quoted in (quotes[i] for i in sorted(found) if quotes[i][1] in folded):
            at = normalise(rest).find(quoted)
            if at >= 0:
                if at:
                    runs.append((rest[:at], None))
                runs.append((rest[at : at + len(quoted)], task))
                rest = rest[at + len(quoted) :]
        if rest:
            runs.append((rest, None))
        lines.append(runs)
    return lines


def normalise(text: str) -> str:
    """Fold the punctuation the source may write in ASCII, so quotes compare equal."""
    return text.translate(FOLD)
