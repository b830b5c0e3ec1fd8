"""Every internal link of a built site leads to a file, and every #anchor to an id on its page."""

from __future__ import annotations

import html.parser
import os
import pathlib
import re
from urllib.parse import unquote, urlsplit

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


class Anchors(html.parser.HTMLParser):
    """Collect a page's ids and the URLs its href and src attributes point to."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name in ("href", "src") and value is not None:
                self.urls.append(value)


def site_url() -> str:
    """Return mkdocs.yml's site_url: links to it are internal links written in full."""
    found = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    assert found, "mkdocs.yml has no site_url"
    return found.group(1).rstrip("/") + "/"


def broken_links(site: pathlib.Path) -> tuple[int, list[str]]:
    """Return how many internal links the site's pages hold, and those that lead nowhere."""
    pages: dict[pathlib.Path, Anchors] = {}
    for path in site.rglob("*.html"):
        pages[path] = Anchors()
        pages[path].feed(path.read_text(encoding="utf-8"))
        pages[path].close()
    own, checked, broken = site_url(), 0, []
    for page, parsed in pages.items():
        for url in parsed.urls:
            target = _target(site, page, url, own)
            if target is None:
                continue
            checked += 1
            path, anchor = target
            if path.is_dir():
                path = path / "index.html"
            outside = site not in path.parents
            if outside or not path.is_file() or (anchor and anchor not in getattr(pages.get(path), "ids", ())):
                broken.append(f"{page.relative_to(site)}: {url}")
    return checked, broken


def _target(site: pathlib.Path, page: pathlib.Path, url: str, own: str) -> tuple[pathlib.Path, str] | None:
    """Return the file and #anchor a link leads to, or None for another origin (or mailto:, data:)."""
    if url.startswith(own):
        url = "/" + url[len(own) :]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        joined = os.path.join(site, path.lstrip("/"))
    else:
        joined = os.path.join(page.parent, path) if path else str(page)
    return pathlib.Path(os.path.normpath(joined)), unquote(parts.fragment)


@pytest.mark.parametrize("built", ["site", "mini_site"], ids=["shixian", "mini"])
def test_every_internal_link_and_anchor_resolves(built, request):
    site = request.getfixturevalue(built)
    checked, broken = broken_links(site)
    assert broken == []
    assert checked > 20 * sum(1 for _ in site.rglob("*.html"))  # the pages were read: each has its menus
