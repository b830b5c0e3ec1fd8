"""Hostile text in the data shows as text: no dialog fires, no script of the data's runs."""

import pytest

from tests.browser.fixtures import ROOT, serve

pytestmark = pytest.mark.browser
MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    from generator.build import build_site

    site = tmp_path_factory.mktemp("hostile") / "site"
    build_site(ROOT / "mkdocs.yml", MINI, site)
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("path", ["", "tasks/1-1-3/", "updates/", "source/", "places/示范村/", "actions/1/"])
def test_script_and_markup_in_data_show_as_text(page, hostile_url, path):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_url + path)
    page.wait_for_load_state("networkidle")
    assert dialogs == []
    assert page.locator("main img[src=x]").count() == 0
    assert page.locator("main a[href^='javascript:']").count() == 0
    assert page.evaluate("() => [...document.scripts].every(s => !s.textContent.includes('alert('))")
    if path == "tasks/1-1-3/":
        body = page.locator("main").inner_text()
        assert "<script>alert(1)</script> **粗体** {{ 模板 }}" in body
        assert "<img src=x onerror=alert(2)> [链接](javascript:alert(3)) {{ x }} {% if y %}" in body
