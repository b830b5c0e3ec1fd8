"""The thin MkDocs adapter: hand the generated pages, finished, and files to MkDocs as virtual files."""

from __future__ import annotations

import logging
import pathlib
import re
from typing import Any
from urllib.parse import unquote

import jieba  # imported here so that a missing jieba fails the build instead of silently breaking search
from markdown.extensions import toc
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from . import published, render
from .load import Dataset
from .problems import DataError
from .render import SiteInfo
from .site import THEME, Site, generate, nav_paths

jieba.setLogLevel(logging.WARNING)  # its "building prefix dict" chatter is not news
ANCHOR_ID = re.compile(r'\bid="([^"]+)"')


_PRISTINE: tuple[dict[str, int], int] | None = None  # jieba's own dictionary, before any build added to it


def teach_jieba(words: list[str]) -> None:
    """Keep these words whole, starting from jieba's own dictionary on every build.

    jieba is global and add_word also raises its total count, so without the reset words from an
    earlier build (`serve`, tests) would change how this one splits text: builds would differ.
    """
    global _PRISTINE
    jieba.dt.check_initialized()
    if _PRISTINE is None:
        _PRISTINE = (dict(jieba.dt.FREQ), jieba.dt.total)
    jieba.dt.FREQ, jieba.dt.total = dict(_PRISTINE[0]), _PRISTINE[1]
    for word in words:
        jieba.add_word(word, freq=100_000)


class GeneratedPage(Page):
    """A page the generator wrote as HTML: MkDocs puts it in the theme without parsing it again."""

    def __init__(self, generated: render.Page, file: File, config: Any) -> None:
        super().__init__(None, file, config)
        self.generated = generated

    def read_source(self, config: Any) -> None:
        self.markdown, self.meta = "", dict(self.generated.meta)

    def render(self, config: Any, files: Files) -> None:
        self.content = self.generated.html
        self.toc = get_toc(toc_tokens(self.generated.headings()))
        self.present_anchor_ids = set(ANCHOR_ID.findall(self.content))  # MkDocs checks links into the page


def toc_tokens(headings: list[tuple[int, str, str]]) -> list[dict[str, Any]]:
    """Nest (level, id, text) headings into the toc extension's tokens, with its own nesting function."""
    return toc.nest_toc_tokens([{"level": level, "id": anchor, "name": text} for level, anchor, text in headings])


class GongkaiConfig(base.Config):
    data_dir = opt.Type(str, default="data")
    edit_url = opt.Type(str, default="")  # e.g. https://gitee.com/<org>/<repo>/blob/main/data/
    update_urls = opt.Type(bool, default=False)  # `gongkai urls` records new URLs instead of checking


class GongkaiPlugin(BasePlugin[GongkaiConfig]):
    """Generate the site's pages from the data folder on every build."""

    site: Site
    preloaded: tuple[pathlib.Path, list[Dataset]] | None = None  # `gongkai build` validated this folder already

    def on_config(self, config: Any) -> Any:
        # Gongkai's theme overrides come after the site's own custom_dir and before Material's templates
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        data_dir = (pathlib.Path(config.config_file_path).parent / self.config.data_dir).resolve()
        if self.preloaded and self.preloaded[0] != data_dir:
            wanted = "mkdocs.yml 中 gongkai 插件的 data_dir 应写作 !ENV [GONGKAI_DATA, data]，才能用 --data 指定目录"
            raise PluginError(f"{wanted}（现为 {data_dir}）")
        try:
            info = SiteInfo(config.site_url or "/", config.site_name, self.config.edit_url)
            self.site = generate(data_dir, info, self.preloaded[1] if self.preloaded else None)
        except DataError as err:
            raise PluginError(f"数据有 {len(err.problems)} 个问题：\n{err}") from None
        teach_jieba(self.site.search_words)
        config.nav = self.site.nav + list(config.nav or [])
        config.extra["gongkai_plans"] = self.site.plans  # the plan switcher, on a site of several plans
        self.data_dir = data_dir
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        in_nav = nav_paths(self.site.nav)
        for path, page in self.site.pages.items():
            file = File.generated(config, path, content="")  # the page's HTML comes from GeneratedPage
            if path not in in_nav:  # task, place and period pages: reached from their lists
                file.inclusion = InclusionLevel.NOT_IN_NAV
            GeneratedPage(page, file, config)  # MkDocs (1.6+) uses the page a plugin sets on the file
            files.append(file)
        for path, content in self.site.files.items():
            files.append(File.generated(config, path, content=content))
        for path, markdown in self.site.handbook.items():
            if files.get_file_from_path(path) is None:  # a site's own docs/ page of that name wins
                files.append(File.generated(config, path, content=markdown))
        self._keep_published_urls(files)
        return files

    def _keep_published_urls(self, files: Files) -> None:
        """Fail the build if it would drop a published URL (or record new ones when asked)."""
        docs = ["/" + unquote(f.url.removeprefix("./")) for f in files if f.is_documentation_page()]
        served = sorted({*docs, *self.site.urls()})
        record = self.data_dir / published.FILE
        if self.config.update_urls:
            published.write(record, served, self.site.fingerprints)
        elif missing := published.dropped(published.read(record), served):
            raise PluginError(published.explain_dropped(missing))

    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        env.globals["shared_sidebars"] = {}  # theme/main.html fills it: one sidebar per folder, per build
        return env

    @event_priority(100)  # before the search plugin: it reads only the part of the page it indexes
    def _show_search_its_part(self, context: Any, page: Page, config: Any, nav: Any) -> Any:
        if isinstance(page, GeneratedPage) and page.generated.searchable is not None:
            page.content = page.generated.searchable
        return context

    @event_priority(-100)  # after it: the whole page, for the theme
    def _show_the_theme_all(self, context: Any, page: Page, config: Any, nav: Any) -> Any:
        if isinstance(page, GeneratedPage):
            page.content = page.generated.html
        return context

    on_page_context = CombinedEvent(_show_search_its_part, _show_the_theme_all)

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        server.watch(str(self.data_dir))
        return server
