"""The whole pipeline, top to bottom: data folder in, generated pages and files out.

This module and everything it calls import nothing from MkDocs; `plugin.py` hands the
result to MkDocs, and `gongkai generate` writes it out for any other engine.
"""

from __future__ import annotations

import dataclasses
import functools
import pathlib
from collections.abc import Callable

from markupsafe import escape

from . import background, compute, export, feed, legacy, pages, published, report, searchindex, searchwords
from .background import Pending
from .compute import as_planned
from .load import Dataset, legacy_prefix, load_site
from .model import Status
from .render import Page, SiteInfo, action_heading, url_of
from .synonyms import Synonyms

ASSETS = pathlib.Path(__file__).parent / "assets"
HANDBOOK = pathlib.Path(__file__).parent / "handbook"  # pages every site has: methodology, staff guide
THEME = pathlib.Path(__file__).parent / "theme"  # Gongkai's Material overrides: banner, plan switcher, sidebar


@dataclasses.dataclass(frozen=True)
class Site:
    """What the generator adds to the hand-written docs."""

    pages: dict[str, Page]  # by path under docs/, as MkDocs knows pages: tasks/1-1-1.md
    ready: dict[str, bytes]  # downloads, assets and redirect pages, by path under the site root
    later: Later  # the 督查通报 (.docx, .xlsx), named now and made meanwhile in another process
    nav: list[dict[str, object]]  # the sidebar: overview, actions, places (tasks stay out of it)
    search_words: list[str]  # words the Chinese word splitter keeps whole (taught by generate)
    demo: bool
    plans: list[tuple[str, str]]  # (path under the site root, title) of each plan, when there are several
    fingerprints: dict[str, dict[str, str]]  # task page URL → what the task promised (see published.py)
    handbook: dict[str, str]  # Markdown pages the tool brings (methodology, guide), unless docs/ has its own

    @property
    def files(self) -> dict[str, bytes]:
        """Every file, by path under the site root; waits for the 督查通报."""
        return self.ready | self.later.files()

    def urls(self) -> list[str]:
        """List the public URLs of the generated pages and downloads, as the published record writes them."""
        found = ["/" + url_of(path) for path in [*self.pages, *self.handbook]]
        files = [
            p for p in [*self.ready, *self.later.names] if not p.startswith("assets/")
        ]  # theme assets may change names
        return found + ["/" + path.removesuffix("index.html") for path in files]


class Later:
    """Files whose names are known now and whose bytes a forked child makes meanwhile."""

    def __init__(
        self, names: list[str], made: Pending[dict[str, bytes]], finish: Callable[[dict[str, bytes]], dict[str, bytes]]
    ) -> None:
        self.names = names
        self._made, self._finish = made, finish  # finish: the files that depend on them (legacy copies)
        self._files: dict[str, bytes] | None = None

    def files(self) -> dict[str, bytes]:
        """Wait for the files; raise what making them raised."""
        if self._files is None:
            made = self._made.result()
            self._files = made | self._finish(made)
        return self._files

    def cancel(self) -> None:
        """Stop making them (a failed build leaves no child behind)."""
        self._made.cancel()


def generate(data_dir: pathlib.Path, info: SiteInfo | None = None, datasets: list[Dataset] | None = None) -> Site:
    """Load, check and compute the data, then render every page and export every file."""
    # Load: read and validate every file under data/ (raises DataError listing every problem),
    # unless the caller has just done so
    datasets = datasets or load_site(data_dir)
    # Compute: each task's status and history over the periods, plan by plan
    views = [pages.PlanView(data, compute.facts(data.plan, data.periods)) for data in datasets]
    info = info or SiteInfo()
    # The 督查通报 (.docx, .xlsx; the slowest files) in a forked child that yields to the rest of the
    # build: it finishes while MkDocs writes the pages, which leaves the other core idle
    reports = background.start(lambda: _reports(views), yielding=True)
    try:
        # Made in another child while this process renders the pages: the downloads and feeds
        with background.start(lambda: _export(views, info)) as made:
            # Search words: jieba learns the words to keep whole before anything is split, so every
            # page's search entry splits alike (the task pages' child inherits what it learnt)
            search = searchwords.vocabulary([t for v in views for t in v.plan.tasks()], data_dir)
            searchwords.teach(search.whole)
            # The task pages, most of the pages, with their search entries: in two more children, half
            # each (one child took longer than everything else this process and the others do)
            halves = [background.start(functools.partial(_tasks, views, info, search.synonyms, (k, 2))) for k in (0, 1)]
            with TaskPages(views, halves) as tasks:
                rendered = _render(views, info, tasks)
            files = made.result()
    except BaseException:
        reports.cancel()
        raise
    # Keep URLs published before the site held several plans: a redirect page or a copy for each
    record = published.read(data_dir / published.FILE)
    keep = functools.partial(legacy.keep, record, rendered, prefix=legacy_prefix(datasets), site_url=info.url)
    files |= keep(files)
    later = _later(reports, [name for v in views for name in report.names(v.facts, v.prefix)], files, keep)
    # Assets: the stylesheet, scripts and Plotly bundle the pages need
    files |= {
        f"assets/{p.relative_to(ASSETS).as_posix()}": p.read_bytes() for p in sorted(ASSETS.rglob("*")) if p.is_file()
    }
    plans = [(v.prefix, v.plan.report.title) for v in views] if len(views) > 1 else []
    prints = {f"/{v.prefix}tasks/{t.id}/": published.fingerprint(t) for v in views for t in v.plan.tasks()}
    demo = any(v.facts.demo for v in views)
    handbook = {p.name: p.read_text(encoding="utf-8") for p in sorted(HANDBOOK.glob("*.md"))}
    return Site(rendered, files, later, navigation(views), list(search.whole), demo, plans, prints, handbook)


class TaskPages:
    """The task pages of every plan, rendered in parts by forked children, put back in the site's order."""

    def __init__(self, views: list[pages.PlanView], parts: list[Pending[list[dict[str, Page]]]]) -> None:
        self._views, self._parts = views, parts
        self._pages: list[dict[str, Page]] | None = None

    def __enter__(self) -> TaskPages:
        return self

    def __exit__(self, *exc: object) -> None:
        for part in self._parts:
            part.cancel()  # a failed build leaves no child behind

    def result(self) -> list[dict[str, Page]]:
        """Wait for every part; each plan's task pages, in order."""
        if self._pages is None:
            made = [part.result() for part in self._parts]
            joined = [{path: page for part in made for path, page in part[i].items()} for i in range(len(self._views))]
            self._pages = [{path: joined[i][path] for path in pages.task_paths(v)} for i, v in enumerate(self._views)]
        return self._pages


def _render(views: list[pages.PlanView], info: SiteInfo, tasks: TaskPages) -> dict[str, Page]:
    """Render every page: HTML from templates, with chart specs and their tables; the task pages come from `tasks`.

    Each status list gets its status as a search word.
    """
    rendered: dict[str, Page] = {}
    for i, view in enumerate(views):
        plan = pages.plan_pages(view, pages.context(view, info, views), functools.partial(_nth, tasks, i))
        indexed = tasks.result()[i]  # the task pages got their search entries in their child
        words = {f"{view.prefix}status/{s.value}.md": (searchwords.status_word(s),) for s in Status}
        for path, page in plan.items():
            rendered[path] = page if path in indexed else _indexed(path, page, words.get(path, ()))
    if len(views) > 1 or views[0].prefix:
        rendered |= {path: _indexed(path, page) for path, page in pages.site_pages(views, info).items()}
    return rendered


def _nth(pending: TaskPages, i: int) -> dict[str, Page]:
    return pending.result()[i]


def _tasks(
    views: list[pages.PlanView], info: SiteInfo, synonyms: Synonyms, part: tuple[int, int]
) -> list[dict[str, Page]]:
    """Render a part of the task pages of every plan (pages.task_pages), each with its search entry.

    A task's search words are the everyday words of the synonym list that its words stand for,
    and its status as a word.
    """
    out = []
    for view in views:
        made = pages.task_pages(view, pages.context(view, info, views), part)
        for task in view.plan.tasks():
            path = f"{view.prefix}tasks/{task.id}.md"
            if path in made:
                found = searchwords.everyday_words(as_planned(task), synonyms)
                made[path] = _indexed(path, made[path], (*found, searchwords.status_word(view.facts.status(task))))
        out.append(made)
    return out


def _indexed(path: str, page: Page, words: tuple[str, ...] = ()) -> Page:
    """Give a page its search words and, where Gongkai writes it, its search entry."""
    found = searchindex.entries(url_of(path), page, words)
    return dataclasses.replace(page, search_words=words, search_entries=found)


def _export(views: list[pages.PlanView], info: SiteInfo) -> dict[str, bytes]:
    """Make the downloads, schemas and feeds, per plan and (for several plans) combined."""
    files: dict[str, bytes] = {}
    for view in views:
        files |= {f"{view.prefix}data/{name}": data for name, data in export.files(view.facts).items()}
        files[f"{view.prefix}feed.xml"] = feed.atom([view.facts], info.url + view.prefix)
    if len(views) > 1 or views[0].prefix:
        files |= {f"data/{name}": data for name, data in export.combined([(v.prefix, v.facts) for v in views]).items()}
        files["feed.xml"] = feed.atom([v.facts for v in views], info.url, [v.prefix for v in views])
    return files


def _later(
    reports: Pending[dict[str, bytes]],
    names: list[str],
    files: dict[str, bytes],
    keep: Callable[[dict[str, bytes]], dict[str, bytes]],
) -> Later:
    """The 督查通报, and the copies of those published before their plan moved into its folder (legacy.keep)."""
    copied = keep(files | dict.fromkeys(names, b"")).keys() - files.keys()  # named before they are made

    def copies(made: dict[str, bytes]) -> dict[str, bytes]:
        return {url: data for url, data in keep(files | made).items() if url in copied}

    return Later([*names, *copied], reports, copies)


def _reports(views: list[pages.PlanView]) -> dict[str, bytes]:
    """Make the 督查通报 of every period of every plan."""
    return {f"{view.prefix}{name}": data for view in views for name, data in report.files(view.facts).items()}


def navigation(views: list[pages.PlanView]) -> list[dict[str, object]]:
    """Build the sidebar: task, place and period pages are reached from their lists, not listed here."""
    if len(views) == 1 and not views[0].prefix:
        return [{"概览": "index.md"}, *_plan_nav(views[0])]
    sections: list[dict[str, object]] = [
        {_escaped(v.plan.report.title): [{"概览": f"{v.prefix}index.md"}, *_plan_nav(v)]} for v in views
    ]
    return [{"首页": "index.md"}, *sections, {"进展更新": "updates.md"}, {"数据下载": "data.md"}]


def _plan_nav(view: pages.PlanView) -> list[dict[str, object]]:
    """One plan's part of the sidebar: its actions, places, source text, changes and downloads."""
    p, style = view.prefix, view.plan.report.numbering
    # Material prints nav titles raw, so they are escaped here like every other value from YAML.
    actions = [{_escaped(action_heading(a, style)): f"{p}actions/{a.id}.md"} for a in view.plan.actions]
    has_units = any(t.lead or t.partners for t in view.plan.tasks())  # pages without units show no unit section
    units: list[dict[str, object]] = [{"责任单位": f"{p}units/index.md"}] if has_units else []
    return [
        {"各项行动": actions},
        {"全部任务": f"{p}status/index.md"},
        {"地点": f"{p}places/index.md"},
        *units,
        {"原文": f"{p}source.md"},
        {"进展更新": f"{p}updates.md"},
        {"数据下载": f"{p}data.md"},
    ]


def nav_paths(nav: list[dict[str, object]]) -> set[str]:
    """Return every page path the sidebar lists."""
    found: set[str] = set()
    for item in nav:
        for value in item.values():
            found |= nav_paths(value) if isinstance(value, list) else {str(value)}
    return found


def _escaped(text: str) -> str:
    return str(escape(text))
