"""Gongkai writes the search entries of task, place and status pages: they must be Material's own.

Material's indexer (its search plugin's SearchIndex) is the reference: each entry Gongkai writes
is compared with the one Material writes from the same page, completed with the same words.
"""

from __future__ import annotations

import re
import sys
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from backrefs import bre  # Material's search plugin reads Han script with it
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import get_toc

from generator import searchindex, searchwords
from generator.plugin import toc_tokens
from generator.render import Page
from generator.site import generate, url_of

from .conftest import ROOT, SHIXIAN


def materials_entry(url: str, page: Page) -> dict:
    """Index the page as Material's search plugin does (the plugin hands it `searchable`), then complete it."""
    index = SearchIndex(lang=["zh"], separator=r"[\s\u200b\-]", pipeline=[], fields={})
    title = page.meta["title"]
    index.add_entry_from_context(SimpleNamespace(content=page.searchable, toc=[], url=url, meta=page.meta, title=title))
    (doc,) = index.entries
    return searchindex.complete(doc, page.search_words, page.search_result)


def test_han_script_is_the_one_materials_indexer_reads() -> None:
    theirs = bre.compile(r"\p{script: Han}", bre.UNICODE)
    differ = [
        hex(c)
        for c in range(sys.maxunicode + 1)
        if bool(theirs.match(chr(c))) != bool(searchindex.HAN_SCRIPT.match(chr(c)))
    ]
    assert differ == []


def test_the_separator_is_mkdocs_ymls() -> None:
    for config in [ROOT / "mkdocs.yml", ROOT / "generator" / "starter" / "mkdocs.yml.j2"]:
        (written,) = re.findall(r"separator: '(.*)'", config.read_text(encoding="utf-8"))
        assert written == searchindex.SEPARATOR.pattern, config


def test_every_entry_gongkai_writes_is_materials() -> None:
    site = generate(SHIXIAN)  # two plans: tasks, places, units, status lists, withdrawn and changed tasks
    written = {path: page for path, page in site.pages.items() if page.search_entry}
    assert {path.split("/")[1] for path in written} == {"tasks", "places", "status", "units"}
    assert all(path in written for path in site.pages if "/tasks/" in path)
    for path, page in written.items():
        assert page.search_entry == materials_entry(page.search_entry["location"], page), path
        assert page.search_entry["location"] == quote(url_of(path))  # as MkDocs writes a page's URL


def test_a_unit_page_is_indexed_as_material_indexes_the_whole_page() -> None:
    """A unit's `searchable` claims to be what Material makes of the page: its name alone."""
    site = generate(SHIXIAN)
    units = {path: page for path, page in site.pages.items() if "/units/" in path and not path.endswith("index.md")}
    assert len(units) > 3
    for path, page in units.items():
        index = SearchIndex(lang=["zh"], separator=r"[\s\u200b\-]", pipeline=[], fields={})
        toc = get_toc(toc_tokens(page.headings()))
        url = quote(url_of(path))
        index.add_entry_from_context(SimpleNamespace(content=page.html, toc=toc, url=url, meta=page.meta, title=""))
        (whole,) = index.entries
        assert searchindex.complete(whole, page.search_words, page.search_result) == page.search_entry, path


@pytest.mark.parametrize(
    "searchable",
    [
        '<h1 id="task">甲 &amp; 乙 &lt;丙&gt; &#34;丁&#34;</h1>\n'
        "<p>二〇二一年 完成「示例」工作 &amp; 其他\n第二行  两个空格</p>\n",
        '<h1 id="place">城东小学</h1>\n<p> </p>\n',
        '<h1 id="unit">示例县财政局</h1>\n',
        '<h1 id="x">示例Ａ段-B段</h1><p>々〆 ⺁ 豈 𠀀 text-with-dash 2,000座</p>',
    ],
)
def test_an_entry_is_materials_for_any_text(searchable: str) -> None:
    searchwords.teach([])
    page = Page("", {"title": "示例", "search": {"boost": 2}}, searchable, ("学校",), {"status": "done"})
    entry = searchindex.entry("places/城东小学/", page, page.search_words)
    assert entry == materials_entry("places/%E5%9F%8E%E4%B8%9C%E5%B0%8F%E5%AD%A6/", page)


def test_a_page_of_other_html_is_left_to_material() -> None:
    page = Page("", {"title": "示例"}, '<h1 id="a">标题</h1><p>一段<a href="#">链接</a></p>')
    assert searchindex.entry("a/", page, ()) is None
    assert searchindex.entry("a/", Page("", {"title": "示例"}, None), ()) is None


def test_entries_keep_the_order_pages_were_built_in() -> None:
    materials = [{"location": "actions/1/"}, {"location": "actions/1/#a"}, {"location": "units/%E7%94%B2/"}]
    own = {"location": "tasks/1-1-1/"}
    pages = [("actions/1/", None), ("tasks/1-1-1/", own), ("units/%E7%94%B2/", None)]
    assert searchindex.in_page_order(materials, pages) == [materials[0], materials[1], own, materials[2]]
