"""The whole pipeline, top to bottom: data folder in, generated pages and files out.

This module and everything it calls import nothing from MkDocs; `plugin.py` hands the
result to MkDocs.
"""

from __future__ import annotations

import dataclasses
import pathlib

from markupsafe import escape

from . import compute, export, feed, render, searchwords
from .fmt import numeral
from .load import Dataset, load

ASSETS = pathlib.Path(__file__).parent / "assets"


@dataclasses.dataclass(frozen=True)
class Site:
    """What the generator adds to the hand-written docs."""

    pages: dict[str, render.Page]  # by path under docs/, as MkDocs knows pages: tasks/1-1-1.md
    files: dict[str, bytes]  # downloads and assets, by path under the site root
    nav: list[dict[str, object]]  # the sidebar: overview, actions, places (tasks stay out of it)
    demo: bool


def generate(data_dir: pathlib.Path, info: render.SiteInfo | None = None, data: Dataset | None = None) -> Site:
    """Load, check and compute the data, then render every page and export every file."""
    # Load: read and validate every file under data/ (raises DataError listing every problem),
    # unless the caller has just done so
    data = data or load(data_dir)
    # Compute: each task's status and history over the periods
    facts = compute.facts(data.plan, data.periods)
    # Search words: jieba learns the words to keep whole before anything is split, so pages and
    # the search index split alike; each task page gets the everyday words of the synonym list
    search = searchwords.vocabulary(facts, data_dir)
    searchwords.teach(search.whole)
    # Render: HTML pages from templates, with chart specs and their tables
    info = info or render.SiteInfo()
    pages = render.pages(facts, data, info, lambda task: searchwords.everyday_words(task, search.synonyms))
    # Export: downloads and schemas, then the static assets the pages need
    files = {f"data/{name}": content for name, content in export.files(facts).items()}
    files["feed.xml"] = feed.atom(facts, info.url)
    files |= {
        f"assets/{p.relative_to(ASSETS).as_posix()}": p.read_bytes() for p in sorted(ASSETS.rglob("*")) if p.is_file()
    }
    return Site(pages, files, navigation(facts), facts.demo)


def navigation(facts: compute.Facts) -> list[dict[str, object]]:
    """Build the sidebar: task pages are reached from their action, not listed here."""
    # Material prints nav titles raw, so they are escaped here like every other value from YAML.
    actions = [{str(escape(f"（{numeral(a)}）{a.title}")): f"actions/{a.id}.md"} for a in facts.plan.actions]
    return [{"概览": "index.md"}, {"各项行动": actions}, {"地点": "places/index.md"}]
