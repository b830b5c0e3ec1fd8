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


def materials_entries(url: str, page: Page) -> list[dict]:
    """Index the page as Material's search plugin does (the plugin hands it `searchable`), then complete it."""
    index = SearchIndex(lang=["zh"], separator=r"[\s\u200b\-]", pipeline=[], fields={})
    title = page.meta["title"]
    index.add_entry_from_context(SimpleNamespace(content=page.searchable, toc=[], url=url, meta=page.meta, title=title))
    first, *rest = index.entries
    return [searchindex.complete(first, page.search_words, page.search_result), *map(searchindex.complete, rest)]


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
    written = {path: page for path, page in site.pages.items() if page.search_entries}
    assert {path.split("/")[1] for path in written} == {"tasks", "places", "status", "units", "actions"}
    assert all(path in written for path in site.pages if "/tasks/" in path)
    for path, page in written.items():
        assert page.search_entries == materials_entries(quote(url_of(path)), page), path  # the URL as MkDocs writes it


def test_unit_and_action_pages_are_indexed_as_material_indexes_the_whole_page() -> None:
    """Their `searchable` claims to be what Material makes of the page: a unit's name; an action's headings and aim."""
    site = generate(SHIXIAN)
    whole = {
        p: page for p, page in site.pages.items() if "/units/" in p or "/actions/" in p if not p.endswith("index.md")
    }
    assert sum("/actions/" in p for p in whole) > 8 and sum("/units/" in p for p in whole) > 3
    for path, page in whole.items():
        index = SearchIndex(lang=["zh"], separator=r"[\s\u200b\-]", pipeline=[], fields={})
        toc = get_toc(toc_tokens(page.headings()))
        url = quote(url_of(path))
        index.add_entry_from_context(SimpleNamespace(content=page.html, toc=toc, url=url, meta=page.meta, title=""))
        first, *rest = index.entries
        materials = [
            searchindex.complete(first, page.search_words, page.search_result),
            *map(searchindex.complete, rest),
        ]
        assert materials == page.search_entries, path


@pytest.mark.parametrize(
    "searchable",
    [
        '<h1 id="task">甲 &amp; 乙 &lt;丙&gt; &#34;丁&#34;</h1>\n'
        "<p>二〇二一年 完成「示例」工作 &amp; 其他\n第二行  两个空格</p>\n",
        '<h1 id="place">城东小学</h1>\n<p> </p>\n',
        '<h1 id="unit">示例县财政局</h1>\n',
        '<h1 id="一稳定经济增长">一、稳定经济增长</h1>\n<p>推动高质量发展</p>\n<h2 id="量化目标">量化目标</h2>\n'
        '<h3 id="b">乙 &amp; 丙</h3><p>段落</p>',
        '<h1 id="x">示例Ａ段-B段</h1><p>々〆 ⺁ 豈 𠀀 text-with-dash 2,000座</p>',
    ],
)
def test_an_entry_is_materials_for_any_text(searchable: str) -> None:
    searchwords.teach([])
    page = Page("", {"title": "示例", "search": {"boost": 2}}, searchable, ("学校",), {"status": "done"})
    entries = searchindex.entries("places/城东小学/", page, page.search_words)
    assert entries == materials_entries("places/%E5%9F%8E%E4%B8%9C%E5%B0%8F%E5%AD%A6/", page)


def test_a_page_of_other_html_is_left_to_material() -> None:
    page = Page("", {"title": "示例"}, '<h1 id="a">标题</h1><p>一段<a href="#">链接</a></p>')
    assert searchindex.entries("a/", page, ()) is None
    assert searchindex.entries("a/", Page("", {"title": "示例"}, None), ()) is None
    assert searchindex.entries("a/", Page("", {"title": "示例"}, '<h2 id="a">不是 h1</h2>'), ()) is None


def test_entries_keep_the_order_pages_were_built_in() -> None:
    materials = [{"location": "actions/1/"}, {"location": "actions/1/#a"}, {"location": "units/%E7%94%B2/"}]
    own = [{"location": "tasks/1-1-1/"}, {"location": "tasks/1-1-1/#b"}]
    pages = [("actions/1/", None), ("tasks/1-1-1/", own), ("units/%E7%94%B2/", None)]
    assert searchindex.in_page_order(materials, pages) == [materials[0], materials[1], *own, materials[2]]
