"""The thin MkDocs adapter: hand the generated pages and files to MkDocs as virtual files."""

from __future__ import annotations

import logging
import pathlib
import re
from typing import Any
from urllib.parse import unquote

import jieba  # imported here so that a missing jieba fails the build instead of silently breaking search
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from . import urls
from .problems import DataError
from .render import SiteInfo
from .site import Site, generate

PUBLIC_FILES = ("data/", "feed.xml")  # downloads journalists link to; theme assets may change names
# Parts of generated pages the search index leaves out (the pages still show them): boilerplate
# every page repeats (citation, as-of note, breadcrumbs, status counts), charts and their tables,
# what changes with every period (a task's status, current values and history), and lists that
# repeat what another page says (task lists, change tables, the source sentences each task page
# quotes). A task is found by what it promises: its title, its words, its places and lead unit.
# The index then holds each fact once, and that of a 5,000-task plan loads and searches in a
# browser within 2 s (bench/SCALE.md).
NOT_SEARCHED: dict[str, list[tuple[str, str]]] = {  # page path prefix → (tag, what follows its name)
    "": [
        ("section", ' class="gk-cite"'),
        ("h2", ' id="gk-cite-title"'),
        ("p", ' class="gk-asof"'),
        ("p", ' class="gk-crumbs"'),
        ("ul", ' class="gk-chips"'),
        ("ul", ' class="gk-tasks"'),
        ("figure", ' class="gk-chart"'),
    ],
    "tasks/": [
        ("p", ' class="gk-current"'),
        ("footer", ">"),
        ("h2", ' id="目标值">'),  # the heading excludes its section, up to the next heading
        ("h2", ' id="进展历史">'),
        ("div", ' class="gk-table-wrap gk-history"'),
    ],
    "updates.md": [("div", ' class="gk-table-wrap"')],
    "source.md": [("a", ' id="task-')],
}
# Material's search plugin skips an element so marked, then deletes the mark from the page.
SEARCH_EXCLUDE = ' data-search-exclude="generated"'
SKIPPED = {
    prefix: re.compile("|".join(f"<{tag}(?={re.escape(rest)})" for tag, rest in parts))
    for prefix, parts in NOT_SEARCHED.items()
}
jieba.setLogLevel(logging.WARNING)  # its "building prefix dict" chatter is not news


class GongkaiConfig(base.Config):
    data_dir = opt.Type(str, default="data")
    edit_url = opt.Type(str, default="")  # e.g. https://gitee.com/<org>/<repo>/blob/main/data/
    update_urls = opt.Type(bool, default=False)  # `gongkai urls` records new URLs instead of checking


class GongkaiPlugin(BasePlugin[GongkaiConfig]):
    """Generate the site's pages from the data folder on every build."""

    site: Site

    def on_config(self, config: Any) -> Any:
        data_dir = pathlib.Path(config.config_file_path).parent / self.config.data_dir
        try:
            info = SiteInfo(config.site_url or "/", config.site_name, self.config.edit_url)
            self.site = generate(data_dir, info)
        except DataError as err:
            raise PluginError(f"数据有 {len(err.problems)} 个问题：\n{err}") from None
        for word in self.site.search_words:
            jieba.add_word(word, freq=100_000)
        config.nav = self.site.nav + list(config.nav or [])
        self.data_dir = data_dir
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        for path, markdown in self.site.pages.items():
            file = File.generated(config, path, content=markdown)
            if path.startswith(("tasks/", "places/")) and path != "places/index.md":
                file.inclusion = InclusionLevel.NOT_IN_NAV  # reached from their action and place pages
            files.append(file)
        for path, content in self.site.files.items():
            files.append(File.generated(config, path, content=content))
        self._keep_published_urls(files)
        return files

    def on_page_content(self, html: str, page: Any, config: Any, files: Files) -> str:
        """Mark the parts of a generated page that the search index leaves out (see NOT_SEARCHED)."""
        path = page.file.src_uri
        if path not in self.site.pages or not _searched(config):
            return html
        for prefix, opening in SKIPPED.items():
            if path.startswith(prefix):
                html = opening.sub(lambda m: m[0] + SEARCH_EXCLUDE, html)
        return html

    def _keep_published_urls(self, files: Files) -> None:
        """Fail the build if it would drop a published URL (or record new ones when asked)."""
        served = [
            "/" + unquote(f.url.removeprefix("./"))
            for f in files
            if f.is_documentation_page() or f.src_uri.startswith(PUBLIC_FILES)
        ]
        manifest = self.data_dir / "published-urls.txt"
        if self.config.update_urls:
            urls.write(manifest, served)
        elif missing := urls.dropped(urls.read(manifest), served):
            raise PluginError(urls.explain(missing))

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        server.watch(str(self.data_dir))
        return server


def _searched(config: Any) -> bool:
    """Tell whether Material's search plugin indexes the pages (it removes the marks afterwards)."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return plugin is not None and type(plugin).__module__.startswith("material.") and plugin.config.enabled
