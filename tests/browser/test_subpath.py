"""A 专栏 under the county portal: the site served under a sub-path by nginx, browsed in Chromium.

Government rules put such a site under the county's .gov.cn portal, so the fictional 示例县 site
(two plans) is built with site_url …/zwgk/gongkai/ and served from that sub-path of a web root.
"""

from __future__ import annotations

import pathlib
import re
import shutil
import urllib.request
import xml.etree.ElementTree as ET

import pytest

from generator.build import build_site
from generator.starter import Government, create

from .fixtures import ROOT, drawn
from .test_nginx import inline_script_hashes, listed_hashes, nginx_serving

pytestmark = pytest.mark.browser
SUBPATH = "zwgk/gongkai/"
SITE_URL = "https://www.example.gov.cn/" + SUBPATH
FIXTURE = ROOT / "tests" / "fixtures" / "shixian"


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> pathlib.Path:
    """Build the 示例县 site for the sub-path and put it where the portal's web root serves it."""
    source = tmp_path_factory.mktemp("subpath") / "src"
    create(source, Government("示例县人民政府", "示例省示例市示例县", 2021, SITE_URL))
    shutil.rmtree(source / "data")
    shutil.copytree(FIXTURE, source / "data")
    www = source.parent / "www"
    build_site(source / "mkdocs.yml", source / "data", www / SUBPATH)
    return www


@pytest.fixture(scope="module")
def portal_url(portal, tmp_path_factory):
    with nginx_serving(portal, tmp_path_factory.mktemp("nginx-subpath")) as url:
        yield url + SUBPATH


def test_every_request_stays_under_the_sub_path_and_succeeds(page, portal_url):
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    for path in ["", "2021/", "2021/actions/11/", "2021/tasks/8-1-1/", "2022/", "2021/places/城关镇/", "methodology/"]:
        page.goto(portal_url + path)
        drawn(page)
    assert failed == [] and page.watch.errors == [] and page.watch.foreign() == []
    local = [u for u in page.watch.requests if not u.startswith(("data:", "blob:"))]
    assert all(f"/{SUBPATH}" in u for u in local), [u for u in local if f"/{SUBPATH}" not in u]


def test_fingerprinted_assets_are_cached_under_the_sub_path(portal_url):
    home = urllib.request.urlopen(portal_url).read().decode()
    asset = re.search(r'src="(assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"', home)[1]
    with urllib.request.urlopen(portal_url + asset) as response:
        assert "immutable" in response.headers["Cache-Control"]


def test_links_lead_through_the_site_under_the_sub_path(page, portal_url):
    page.goto(portal_url)
    page.locator("article a", has_text="查看示例县2021年政府工作报告落实情况").click()
    page.wait_for_url(re.compile(f"/{SUBPATH}2021/$"))
    page.locator("a.gk-card__link").last.click()
    page.wait_for_url(re.compile(f"/{SUBPATH}2021/actions/11/$"))
    page.locator("ul.gk-tasks a").first.click()
    page.wait_for_url(re.compile(f"/{SUBPATH}2021/tasks/11-1/$"))
    page.locator("nav.gk-plans a", has_text="示例县2022年民生实事").click()
    page.wait_for_url(re.compile(f"/{SUBPATH}2022/$"))


def test_search_results_open_under_the_sub_path(page, portal_url):
    page.goto(portal_url)
    box = page.locator("input.md-search__input")
    box.fill("日间照料中心")
    box.press("End")
    link = page.locator(".md-search-result__list a", has_text="新建社区日间照料中心5个").first
    link.wait_for()
    assert f"/{SUBPATH}2021/tasks/9-1-1/" in link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile(f"/{SUBPATH}2021/tasks/9-1-1/"))


def test_the_search_worker_not_the_page_downloads_the_search_index(page, portal_url):
    """search-setup.js hands Material's page the index without its entries; the worker fetches the rest."""
    requests: list[tuple[str, str]] = []
    page.on("request", lambda r: requests.append((r.url, r.resource_type)))
    page.goto(portal_url)
    box = page.locator("input.md-search__input")
    box.fill("日间照料中心")
    box.press("End")
    page.locator(".md-search-result__list a", has_text="新建社区日间照料中心5个").first.wait_for()
    kinds = {url.removeprefix(portal_url): kind for url, kind in requests if "/search/" in url}
    # Material's page would ask for the index with XMLHttpRequest and copy it into the worker
    assert kinds == {"search/config.json": "xhr", "search/search_index.json": "fetch", "search/t2s.json": "fetch"}


def test_the_csp_lists_the_inline_scripts_of_deeper_pages(portal, site_dir):
    """Material's inline scripts differ with a page's depth; a site of several plans under a
    sub-path has deeper pages, and deploy/nginx.conf lists them all, and nothing else."""
    here, there = inline_script_hashes(portal), inline_script_hashes(site_dir)
    listed = listed_hashes()
    assert here <= listed, f"update deploy/nginx.conf: {' '.join(sorted(here | there))}"
    assert listed <= here | there


def test_absolute_urls_name_the_sub_path(portal):
    site = portal / SUBPATH
    task = (site / "2021" / "tasks" / "8-1-1" / "index.html").read_text(encoding="utf-8")
    assert f'<meta property="og:url" content="{SITE_URL}2021/tasks/8-1-1/">' in task
    assert f"{SITE_URL}2021/tasks/8-1-1/." in task  # the GB/T 7714 citation
    atom = "{http://www.w3.org/2005/Atom}"
    for feed in [site / "feed.xml", site / "2021" / "feed.xml"]:
        links = [e.get("href") for e in ET.parse(feed).getroot().iter(f"{atom}link")]
        assert links and all(link.startswith(SITE_URL) for link in links), links
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}2021/tasks/8-1-1/</loc>" in sitemap
