"""What a journalist does: copy a citation, print a task page to paper."""

import datetime as dt

import pytest

pytestmark = pytest.mark.browser


def test_citation_copies_with_the_readers_date(context, base_url, pages):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + pages["task"])
    today = dt.date.today().isoformat()
    gbt = page.locator(".gk-cite__item").first
    assert today in gbt.locator(".gk-cite__text").inner_text()
    gbt.locator(".gk-copy").click()
    page.wait_for_function("() => document.querySelector('.gk-copy').textContent === '已复制'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("交城县人民政府. 任务 ") and "[EB/OL]" in copied and today in copied
    assert copied.endswith(f"{pages['task']}.")


def test_task_page_prints_with_citation_and_without_navigation(page, base_url, pages):
    page.goto(base_url + pages["task"])
    page.emulate_media(media="print")
    assert page.locator(".gk-cite").is_visible()
    assert page.locator(".gk-history table").first.is_visible()
    for hidden in [".md-header", ".md-sidebar--primary", ".md-footer", ".gk-toolbar", ".gk-copy"]:
        assert not page.locator(hidden).first.is_visible(), hidden
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_task_history_rows_have_citable_anchors(page, base_url, pages):
    page.goto(base_url + pages["task"] + "#2021-06")
    row = page.locator("tr[id='2021-06']")
    assert row.is_visible()
    assert page.evaluate("document.querySelector(':target').id") == "2021-06"
