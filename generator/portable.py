"""Write the site as plain files that any MkDocs-compatible engine can build (`gongkai generate --out DIR`).

MkDocs with the gongkai plugin is the fast path; this is the portable one. DIR gets a docs folder
(generated pages as Markdown around their finished HTML, the handbook and hand-written pages, the
downloads and assets), an overrides folder (Gongkai's theme under the site's own) and an mkdocs.yml
without the plugin, whose nav and Chinese search dictionary are written out.
"""

from __future__ import annotations

import os
import pathlib
import shutil

import yaml

from .render import HEADING, Page
from .settings import Settings
from .site import THEME, Site

ENGINES = ("mkdocs", "properdocs", "zensical")  # what `gongkai build --engine` can run
CONFIG_NAME = "mkdocs.yml"
WORDS_FILE = "search-words.txt"  # jieba's user dictionary: one word and its frequency per line
MARKDOWN_SAFE = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]#!|"})  # written as entities


def write(site: Site, settings: Settings, out: pathlib.Path, engine: str = "mkdocs") -> list[pathlib.Path]:
    """Write docs/, overrides/ and mkdocs.yml for the site into out; return the files written."""
    docs, overrides = out / "docs", out / "overrides"
    for folder in (docs, overrides):
        shutil.rmtree(folder, ignore_errors=True)
    # The partials are copies of Material 9's; Zensical's own differ (its search is a new dialog)
    shutil.copytree(THEME, overrides, ignore=shutil.ignore_patterns("partials") if engine == "zensical" else None)
    own = settings.folder / "overrides"
    if own.is_dir():  # the site's own overrides win
        shutil.copytree(own, overrides, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    if settings.docs.is_dir():
        shutil.copytree(settings.docs, docs)
    files = {path: markdown.encode("utf-8") for path, markdown in site.handbook.items()}
    files |= {path: page_markdown(page).encode("utf-8") for path, page in site.pages.items()}
    files |= site.files
    words = out / WORDS_FILE  # beside docs/, not in it: the engine would publish it
    words.write_text("".join(f"{word} 100000\n" for word in site.search_words), encoding="utf-8")
    written = [words]
    for relative, content in files.items():
        path = docs / relative
        if path.exists() and relative in site.handbook:
            continue  # a site's own docs/ page of that name wins
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    config = out / CONFIG_NAME
    config.write_text(engine_config(site, settings, out), encoding="utf-8")
    return [*written, config]


def page_markdown(page: Page) -> str:
    """Write a generated page as Markdown: front matter, its headings as Markdown, the rest as raw HTML."""
    parts = []
    at = 0
    for found in HEADING.finditer(page.html):
        parts.append(page.html[at : found.start()].strip())
        level, anchor, text = found["level"], found["id"], found["text"]
        exclude = ' data-search-exclude=""' if "data-search-exclude" in found["attrs"] else ""
        parts.append(f"{'#' * int(level)} {text.translate(MARKDOWN_SAFE)} {{ #{anchor}{exclude} }}")
        at = found.end()
    parts.append(page.html[at:].strip())
    front = yaml.safe_dump(page.meta, allow_unicode=True, sort_keys=True)
    return f"---\n{front}---\n\n" + "\n\n".join(p for p in parts if p) + "\n"


def engine_config(site: Site, settings: Settings, out: pathlib.Path) -> str:
    """Return an mkdocs.yml that inherits the site's settings, with the plugin's work written out."""
    parent = settings.read_raw()
    plugins = [p for p in parent.get("plugins") or [] if not (isinstance(p, dict) and "gongkai" in p)]
    plugins = [_with_dictionary(p) for p in plugins]
    config = {
        "INHERIT": os.path.relpath(settings.folder / CONFIG_NAME, out),
        "docs_dir": "docs",
        "theme": {"custom_dir": "overrides"},
        "plugins": plugins,
        "nav": site.nav + list(parent.get("nav") or []),
        "extra": {**(parent.get("extra") or {}), "gongkai_plans": [list(p) for p in site.plans]},
    }
    header = "# Written by `gongkai generate`: the site's mkdocs.yml with the gongkai plugin's pages written out.\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def _with_dictionary(plugin: object) -> object:
    """Give Material's search plugin the words jieba must keep whole (its documented option)."""
    if plugin == "search" or (isinstance(plugin, dict) and "search" in plugin):
        options = dict(plugin["search"] or {}) if isinstance(plugin, dict) else {}
        return {"search": {**options, "jieba_dict_user": WORDS_FILE}}  # read from where the engine runs
    return plugin
