"""Render pages from Jinja2 templates, as finished HTML.

Jinja2 autoescapes every value, so text from YAML always shows as text. The pages are HTML, not
Markdown: MkDocs places them in the theme without parsing them again (see plugin.py), which
halves the build time of a large plan. Which pages a site has is decided in `pages.py`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import jinja2
from markdown.extensions import toc
from markupsafe import Markup, escape
from pymdownx.slugs import slugify

from . import snippets
from .compute import as_planned
from .fmt import cn_date, heading_number, num, percent
from .model import Action, Status

SLUG = slugify(case="lower")  # the toc extension's slugs in mkdocs.yml: one rule for every page's anchors
# A heading as _macros.j2's heading writes it: its level, id, other attributes (data-search-exclude) and text
HEADING = re.compile(r'<h(?P<level>[1-6]) id="(?P<id>[^"]+)"(?P<attrs>[^>]*)>(?P<text>.*?)</h(?P=level)>', re.DOTALL)
ENV = jinja2.Environment(  # templates are read once: no file checks per page (auto_reload)
    auto_reload=False,
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
    # Words the search index holds for the page but never shows: a task's everyday words and its status (site.py).
    search_words: tuple[str, ...] = ()
    # What its search result shows before the indexed text, and nobody searches by (a template's
    # `search_result`): a task's status key and word, and its action.
    search_result: dict[str, str] = dataclasses.field(default_factory=dict)
    # The page's finished entries in the search index (searchindex.entries), or None: Material's indexer reads it.
    search_entries: list[dict[str, Any]] | None = None

    def headings(self) -> list[tuple[int, str, str]]:
        """List (level, id, text as HTML) of each heading, in page order: the table of contents."""
        return [(int(h["level"]), h["id"], h["text"]) for h in HEADING.finditer(self.html)]


@dataclasses.dataclass(frozen=True)
class SiteInfo:
    """What the pages say about where they live (from mkdocs.yml, never from the data)."""

    url: str = "/"  # absolute, ending in /: citations and the feed need it
    name: str = ""
    edit_url: str = ""  # the data folder in the repository's web view, for "编辑此页" links; empty: no links


def page_meta(**meta: Any) -> dict[str, Any]:
    """Collect a page's metadata, HTML-escaped, leaving out what is None."""
    return {key: str(escape(v)) if isinstance(v, str) else v for key, v in meta.items() if v is not None}


def anchors() -> Callable[[str], str]:
    """Return one page's anchor maker: the toc extension's slug, made unique by the toc extension's own rule."""
    used: set[str] = set()
    return lambda text: toc.unique(SLUG(str(text), "-"), used)


def action_heading(action: Action, style: str) -> str:
    """Write an action's heading as the report does: （三）实施…, 三、实施… or 3.实施…"""
    return heading_number(action.id, style) + action.title


CODE = re.compile(r"[\w<>/.-]+\.(?:yaml|json|csv|txt)\b|\b[a-z]+(?:_[a-z]+)+\b")  # file names, snake_case keys


def codes(text: str) -> Markup:
    """Escape text and mark the file names and data keys in it as code (they are typed, not read as words)."""
    return Markup(CODE.sub(lambda m: f"<code>{m.group(0)}</code>", str(escape(text))))


ENV.filters.update(num=num, cn_date=cn_date, percent=percent, codes=codes)
ENV.globals.update(
    page_meta=page_meta,
    Status=Status,
    action_heading=action_heading,
    planned=as_planned,
    one_day=dt.timedelta(days=1),
    badge=snippets.badge,
    verdict=snippets.verdict,
    task_item=snippets.task_item,
)


def url_of(path: str) -> str:
    """Return the URL path of a page under docs/: tasks/1-1-1.md → tasks/1-1-1/, index.md → ''."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def render(template: str, path: str, ctx: dict[str, Any], **extra: Any) -> Page:
    """Render one page; `root` (the site root) and `base` (its plan's root) are relative to the page."""
    root = "../" * url_of(path).count("/")
    module = ENV.get_template(template).make_module(
        ctx | extra | {"anchor": anchors(), "root": root, "base": root + ctx.get("prefix", "")}
    )
    searchable = getattr(module, "searchable", None)
    result = dict(getattr(module, "search_result", {}))
    meta = module.meta  # type: ignore[attr-defined]  # jinja2 types a TemplateModule without the names a template exports
    return Page(str(module), meta, None if searchable is None else str(searchable), search_result=result)
