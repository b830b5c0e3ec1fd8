"""Entries of the search index, as Material's search plugin writes them, with Gongkai's search words.

Material's indexer parses each page's HTML and cuts its Chinese with jieba: a millisecond a page,
most of a big build's indexing. A generated page whose `searchable` is plain sections, each a
heading and at most one paragraph (task, place, status, unit and action pages), gets its entries
here instead, in the same form, while the page is rendered (in forked children for the task
pages); the plugin tells Material to skip it. Every entry, Material's or Gongkai's, then gets the
words it should also be found by (`complete`). This module imports nothing from MkDocs or
Material; tests/test_searchindex.py checks it against Material's indexer.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

import jieba

from . import searchwords
from .render import Page

# Fields of the index that Material's search worker indexes (it indexes every field the index's
# config lists) but its results never show: the words an entry should also be found by, with their
# weight beside the title's 1000 and the text's 1. The finer words of the title weigh less than the
# title's own words; a task's everyday words, and the finer words of its text, more than a
# hand-written page that merely uses the word. Each field costs the worker time for every entry
# when it builds the index, so there are two, and a configured field no entry has is dropped.
WORD_FIELDS = {"title_parts": 100.0, "words": 2.0}
# How the index splits words: the `separator` of the search plugin in mkdocs.yml (a test keeps them equal)
SEPARATOR = re.compile(r"[\s\u200b\-]")
TAG = re.compile(r"<[^>]+>")
# Unicode's Han script, as Material's `\p{script: Han}` (the backrefs package) reads it
HAN_SCRIPT = re.compile(
    "[\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00016fe2\U00016fe3\U00016ff0\U00016ff1"
    "\U00020000-\U0002a6df\U0002a700-\U0002b738\U0002b740-\U0002b81d\U0002b820-\U0002cea1"
    "\U0002ceb0-\U0002ebe0\U0002f800-\U0002fa1d\U00030000-\U0003134a]+"
)
Entry = dict[str, Any]  # an entry of the search index: location, title, text, and more fields
# A `searchable` Gongkai writes itself: sections, each a heading with an id and at most one
# paragraph of plain text, the first an h1
SECTION = re.compile(r'\s*<h([1-6]) id="([^"]*)">([^<]*)</h\1>\s*(?:<p>([^<]*)</p>\s*)?')


def entries(url: str, page: Page, words: Iterable[str]) -> list[Entry] | None:
    """Write a page's entries as Material's indexer would, completed; None if `searchable` is not plain sections."""
    sections = _sections(page.searchable or "")
    if not sections or sections[0][0] != "1" or not all(title.strip() for _, _, title, _ in sections):
        return None
    search = page.meta.get("search") or {}
    docs = []
    for i, (_, anchor, title, text) in enumerate(sections):
        # As Material's parser: unescaped, newlines as spaces, escaped again without quotes; no empty paragraph
        title, text = (html.escape(html.unescape(part).replace("\n", " "), quote=False) for part in (title, text))
        doc: Entry = {"location": quote(url) + (f"#{anchor}" if i else ""), "title": segment(title.strip())}
        doc["text"] = segment(f"<p>{text}</p>" if text.strip() else "")
        if "boost" in search:
            doc["boost"] = search["boost"]
        # The page's words and its result's data go with its first entry, as with Material's (plugin.py)
        docs.append(complete(doc, words, page.search_result) if i == 0 else complete(doc))
    return docs


def _sections(searchable: str) -> list[tuple[str, str, str, str]]:
    """Split plain sections into (level, id, title, text); [] if there is anything else."""
    found, at = [], 0
    while at < len(searchable) and (section := SECTION.match(searchable, at)) and section.end() > at:
        found.append((section[1], section[2], section[3], section[4] or ""))
        at = section.end()
    return found if at == len(searchable) else []


def segment(text: str) -> str:
    """Cut each run of Han characters into jieba's words between zero-width spaces, as Material does."""
    return HAN_SCRIPT.sub(_cut, text).strip(searchwords.ZWSP)


def _cut(run: re.Match[str]) -> str:
    return searchwords.ZWSP + searchwords.ZWSP.join(jieba.cut(run.group(0))) + searchwords.ZWSP


def complete(doc: Entry, everyday: Iterable[str] = (), result: dict[str, str] | None = None) -> Entry:
    """Give an entry the words it should also be found by (WORD_FIELDS), and its result's data.

    Those are the finer words inside the long words of its title and of its text (新增就业: 就业)
    and, for a page's first entry, the page's everyday words; each only where search would not
    find it anyway in a field that weighs as much (searchwords.uncovered). Then single characters
    join the word before them (searchwords.join_single_characters), and the text's first
    paragraph carries what the result shows before it (render.Page.search_result).
    """
    title, text = ([t for t in SEPARATOR.split(TAG.sub(" ", doc[f])) if t] for f in ("title", "text"))
    title_parts = searchwords.uncovered(searchwords.finer_words(title), title)
    text_parts = searchwords.uncovered(searchwords.finer_words(text), [*title, *text, *title_parts])
    everyday = searchwords.uncovered(everyday, [*title, *text, *title_parts, *text_parts])
    doc |= {
        name: " ".join(found)
        for name, found in [("title_parts", title_parts), ("words", text_parts + everyday)]
        if found
    }
    for field in ("title", "text"):
        doc[field] = searchwords.join_single_characters(doc[field])
    if result and doc["text"].startswith("<p>"):
        doc["text"] = paragraph_with(result) + doc["text"].removeprefix("<p>")
    return doc


def paragraph_with(data: dict[str, str]) -> str:
    """Open a paragraph that carries data-gk-* attributes: Material's worker indexes no attribute, and
    its result shows the paragraph as HTML, where gongkai.js reads them."""
    attributes = "".join(f' data-gk-{key}="{html.escape(value)}"' for key, value in data.items())
    return f"<p{attributes}>"


def in_page_order(
    docs: list[dict[str, Any]], pages: list[tuple[str, list[dict[str, Any]] | None]]
) -> list[dict[str, Any]]:
    """Put Gongkai's entries among Material's where Material would have put them: in the order pages were built.

    `docs` are Material's entries, a page's together and in that order; `pages` is each page's URL
    with Gongkai's entries for it, or None. The order decides which of two equally good results comes first.
    """
    by_page: dict[str, list[Entry]] = {}
    for doc in docs:
        by_page.setdefault(doc["location"].partition("#")[0], []).append(doc)
    out: list[Entry] = []
    for url, own in pages:
        out += own if own is not None else by_page.pop(url, [])
    return out + [doc for rest in by_page.values() for doc in rest]  # none, unless a plugin added entries of its own
