"""The 示例数据 banner appears exactly where illustrative values show, and nowhere else."""

from __future__ import annotations

import shutil

import pytest

from generator.load import load
from generator.site import generate
from tests.test_pages import MINI


def pages_marked(tmp_path, march_demo: bool, june_demo: bool) -> dict[str, bool]:
    """Render the mini site with the two periods marked as given; return each page's demo flag."""
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    for name, demo in (("2021-03", march_demo), ("2021-06", june_demo)):
        path = data / "progress" / f"{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("demo: true", f"demo: {str(demo).lower()}"), "utf-8")
    pages = generate(data, None, [load(data)]).pages
    return {path: bool(page.meta.get("demo")) for path, page in pages.items()}


def test_a_site_of_real_periods_has_no_banner(tmp_path):
    marked = pages_marked(tmp_path, march_demo=False, june_demo=False)
    assert not any(marked.values()), [p for p, demo in marked.items() if demo]


def test_a_site_of_demo_periods_labels_every_page_showing_progress(tmp_path):
    marked = pages_marked(tmp_path, march_demo=True, june_demo=True)
    showing = ["index.md", "actions/1.md", "tasks/1-1-1.md", "places/示范村.md", "updates.md", "updates/2021-06.md"]
    assert all(marked[p] for p in showing), [p for p in showing if not marked[p]]
    assert not marked["source.md"] and not marked["places/index.md"]  # the report's text and a list of names


@pytest.mark.parametrize(
    ("page", "demo", "why"),
    [
        ("tasks/1-1-2.md", False, "reported only in the real period; not reported in the demo one"),
        ("tasks/1-1-3.md", True, "its status is carried from the demo period"),
        ("tasks/1-1-1.md", True, "its history shows the demo period's value"),
        ("places/示范村.md", True, "1-1-3, listed here, shows a status from the demo period"),
        ("updates/2021-03.md", True, "the demo period's changes"),
        ("updates/2021-06.md", True, "改厕 300→1200: the value before is a demo value"),
        ("source.md", False, "the report's own text"),
        ("places/index.md", False, "place names only"),
    ],
)
def test_a_mixed_site_labels_only_pages_showing_demo_values(tmp_path, page, demo, why):
    marked = pages_marked(tmp_path, march_demo=True, june_demo=False)
    assert marked[page] is demo, why


def test_a_real_page_in_a_mixed_site_shows_no_banner_text(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    june = data / "progress" / "2021-06.yaml"
    june.write_text(june.read_text(encoding="utf-8").replace("demo: true", "demo: false"), encoding="utf-8")
    html = generate(data, None, [load(data)]).pages["tasks/1-1-2.md"].html
    assert "示例数据" not in html  # no inline label either: every value on it is real
