"""The thin MkDocs adapter: hand the generated pages, finished, and files to MkDocs as virtual files."""

from __future__ import annotations

import json
import pathlib
import re
from typing import Any, TypedDict
from urllib.parse import unquote

from markdown.extensions import toc
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

# searchwords imports jieba: a missing jieba fails the build
from . import lasting, published, render, searchindex, searchwords
from .load import Dataset
from .precompress import Compressor
from .problems import DataError
from .render import SiteInfo
from .sharedparts import STAMPED, SharedParts
from .site import THEME, Site, generate, nav_paths

ANCHOR_ID = re.compile(r'\bid="([^"]+)"')
SEARCH_INDEX = "search/search_index.json"  # where Material's search plugin writes it
SIMPLIFIED = "search/t2s.json"  # traditional → simplified characters of the index, for gongkai.js
HEADING = re.compile(r"<h[1-6][^>]*>.*?</h[1-6]>", re.S)
STAFF_GUIDE = "guide.md"  # the handbook's staff guide (or a site's own docs/guide.md)


class GeneratedPage(Page):
    """A page the generator wrote as HTML: MkDocs puts it in the theme without parsing it again."""

    def __init__(self, generated: render.Page, file: File, config: Any) -> None:
        super().__init__(None, file, config)
        self.generated = generated

    def read_source(self, config: Any) -> None:
        self.markdown, self.meta = "", dict(self.generated.meta)
        if self.generated.search_entries:  # written by Gongkai (searchindex.py): Material's indexer skips the page
            self.meta["search"] = {"exclude": True}
        if self.file.inclusion.is_not_in_nav():  # printed from its folder's copy of the page (sharedparts.py)
            self.meta["template"] = STAMPED

    def render(self, config: Any, files: Files) -> None:
        self.content = self.generated.html
        self.toc = get_toc(toc_tokens(self.generated.headings()))
        self.present_anchor_ids = set(ANCHOR_ID.findall(self.content))  # MkDocs checks links into the page


class TocToken(TypedDict):
    """A heading as the toc extension nests it and MkDocs' get_toc reads it (see INTERNALS.md)."""

    level: int
    id: str
    name: str
    children: list[TocToken]


def toc_tokens(headings: list[tuple[int, str, str]]) -> list[TocToken]:
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
    compressor: Compressor | None = None  # `gongkai build` wants each page's .gz

    def on_config(self, config: Any) -> Any:
        # Gongkai's theme overrides come after the site's own custom_dir and before Material's templates
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        data_dir = (pathlib.Path(config.config_file_path).parent / self.config.data_dir).resolve()
        self.data_dir = data_dir  # watched by `serve` even when this build fails, so a fix rebuilds
        if self.preloaded and self.preloaded[0] != data_dir:
            raise PluginError(
                "mkdocs.yml 中 gongkai 插件的 data_dir 应写作 !ENV [GONGKAI_DATA, data]，才能用 --data 指定目录"
                f"（现为 {data_dir}）"
            )
        try:
            info = SiteInfo(config.site_url or "/", config.site_name, self.config.edit_url)
            self.site = generate(data_dir, info, self.preloaded[1] if self.preloaded else None)
            if self.preloaded:  # `gongkai build`: the site lives to the build's end, which releases it
                lasting.keep()
        except DataError as err:
            raise PluginError(f"数据有 {len(err.problems)} 个问题：\n{err}") from None
        self.search_extras: dict[str, render.Page] = {}  # page URL → its generated page, from on_page_context
        self.search_order: list[tuple[str, list[searchindex.Entry] | None]] = []  # each page built: URL, own entries
        self.guide_body: str | None = None  # the staff guide's HTML while the search plugin reads its headings
        config.nav = self.site.nav + list(config.nav or [])
        config.extra["gongkai_plans"] = self.site.plans  # the plan switcher, on a site of several plans
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        in_nav = nav_paths(self.site.nav)
        for path, page in self.site.pages.items():
            file = File.generated(config, path, content="")  # the page's HTML comes from GeneratedPage
            if path not in in_nav:  # task, place and period pages: reached from their lists
                file.inclusion = InclusionLevel.NOT_IN_NAV
            GeneratedPage(page, file, config)  # MkDocs (1.6+) uses the page a plugin sets on the file
            files.append(file)
        for path, content in self.site.ready.items():
            files.append(File.generated(config, path, content=content))
        for path in self.site.later.names:  # made meanwhile: MkDocs copies them empty, on_post_build writes them
            files.append(File.generated(config, path, content=b""))
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
        env.globals["shared"] = SharedParts()  # theme/main.html fills it, afresh on every build
        return env

    @event_priority(100)  # before the search plugin: it reads only the part of the page it indexes
    def _show_search_its_part(self, context: Any, page: Page, config: Any, nav: Any) -> Any:
        self.search_order.append((page.url, page.generated.search_entries if isinstance(page, GeneratedPage) else None))
        if isinstance(page, GeneratedPage) and page.generated.search_entries is None:
            if page.generated.searchable is not None:
                page.content = page.generated.searchable
            if page.generated.search_words or page.generated.search_result:
                self.search_extras[page.url] = page.generated
        elif page.file.src_uri == STAFF_GUIDE and page.content:
            # Citizens search this index: the guide is found by its title and headings, its body stays
            # out (half of a small plan's index, and its words put it before the tasks they look for).
            self.guide_body = page.content
            page.content = "".join(HEADING.findall(page.content))
        return context

    @event_priority(-100)  # after it: the whole page, for the theme
    def _show_the_theme_all(self, context: Any, page: Page, config: Any, nav: Any) -> Any:
        if isinstance(page, GeneratedPage):
            page.content = page.generated.html
        elif page.file.src_uri == STAFF_GUIDE and self.guide_body is not None:
            page.content, self.guide_body = self.guide_body, None
        return context

    on_page_context = CombinedEvent(_show_search_its_part, _show_the_theme_all)

    @event_priority(-1000)  # last: the page as MkDocs writes it
    def on_post_page(self, output: str, page: Page, config: Any) -> str:
        if self.compressor:
            self.compressor.add(
                pathlib.Path(page.file.abs_dest_path), output.encode("utf-8", errors="xmlcharrefreplace")
            )
        return output

    @event_priority(-100)  # after Material's search plugin has written the index
    def on_post_build(self, config: Any) -> None:
        for name, content in self.site.later.files().items():
            (pathlib.Path(config.site_dir) / name).write_bytes(content)
        path = pathlib.Path(config.site_dir) / SEARCH_INDEX
        if not path.is_file():
            return  # search is off
        index = json.loads(path.read_text(encoding="utf-8"))
        fields = index["config"]["fields"]
        for unused in [f for f in fields if not any(f in doc for doc in index["docs"])]:
            del fields[unused]  # Material's default tags field, without the tags plugin
        fields |= {name: {"boost": boost} for name, boost in searchindex.WORD_FIELDS.items()}
        for doc in index["docs"]:  # Material's entries; the first of a page is at its URL
            page = self.search_extras.get(doc["location"])
            searchindex.complete(doc, page.search_words if page else (), page.search_result if page else None)
        index["docs"] = searchindex.in_page_order(index["docs"], self.search_order)
        # Characters as they are, not \uXXXX escapes: 40 % fewer bytes, 11-22 % fewer gzipped (2021 site, 5,000 tasks)
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        # The index without its entries, for Material's page: search-worker.js reads the entries itself
        config_only = json.dumps({"config": index["config"], "docs": []}, ensure_ascii=False, separators=(",", ":"))
        (path.parent / "config.json").write_text(config_only, encoding="utf-8")
        fields_read = ("title", "text", *searchindex.WORD_FIELDS)
        chars = {c for doc in index["docs"] for field in fields_read for c in doc.get(field, "")}
        table = searchwords.simplified(chars)
        simplified = pathlib.Path(config.site_dir) / SIMPLIFIED
        simplified.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True), encoding="utf-8")

    def on_build_error(self, error: Exception) -> None:
        if hasattr(self, "site"):
            self.site.later.cancel()  # a failed build leaves no child behind

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        server.watch(str(self.data_dir))
        return server
