"""What pages outside the sidebar share with their folder: the theme's parts, and the whole page.

Task, place and period pages are most of a site (10,000 of 10,700 at 10,000 tasks) and, outside
the sidebar, each prints the same header, sidebar, footer and scripts as the others of its folder.
theme/main.html renders those parts once per folder (`SharedParts.key`, `keep`); the page
template `STAMPED` goes further and renders the whole page once per folder, with a stand-in
page whose own values are markers, then fills in each page's values (`SharedParts.stamped`).
The folder's second page is rendered whole as well and must come out the same, else its folder's
pages are all rendered whole: a theme override that prints more of the page stays correct.
Used by the MkDocs adapter only (plugin.py); nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import jinja2

STAMPED = "gongkai-stamped.html"  # the page template (theme/) of pages outside the sidebar
INDENTATION = re.compile(r"\n[ \t\r\n]+")  # not \s: it would take a no-break space
MARKER = re.compile("\x00gongkai:([^\x00]+)\x00")
# The page's values a stamp fills in, by marker; the stand-in's meta holds markers for these keys
OWN_META = ("title", "description", "edit_url", "progress_edit_url")


def marker(name: str) -> str:
    """Stand in for one of a page's own values in the folder's copy."""
    return f"\x00gongkai:{name}\x00"


class StandIn:
    """A page as Material reads it, but for its own values (title, content, URL…): markers in their place.

    Anything else is the real page's: a stamp made from a page that printed some other value of
    its own shows on the second page's check.
    """

    def __init__(self, page: Any) -> None:
        self._page = page
        self.title = marker("page_title")
        self.meta = {key: marker(key) if key in OWN_META else value for key, value in page.meta.items()}
        self.canonical_url = page.canonical_url and marker("canonical_url")
        # Material prints a heading of its own where the content has none: the stand-in says which
        self.content = marker("content<h1" if "<h1" in page.content else "content")
        self.toc = [SimpleNamespace(url=marker("skip"), title="", children=[])] if page.toc else []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._page, name)


class Stamp:
    """A whole page of a folder, split at the markers where each page's own values go."""

    def __init__(self, whole: str) -> None:
        self.parts = MARKER.split(whole)  # text, marker name, text, …
        self.trusted: bool | None = None  # unknown until the folder's second page is checked

    def fill(self, page: Any, toc: str) -> str | None:
        """Print the page from the stamp; None if the page has a value the stamp has no place for."""
        values = {key: str(page.meta[key]) for key in OWN_META if key in page.meta}
        values |= {"page_title": str(page.title), "canonical_url": page.canonical_url or "", "toc": toc}
        values |= {"content": page.content, "content<h1": page.content}
        values["skip"] = next(iter(page.toc)).url if page.toc else ""
        parts = self.parts[:]
        try:
            parts[1::2] = [values[name] for name in parts[1::2]]
        except KeyError:
            return None
        return "".join(parts)


class SharedParts:
    """The theme's parts that pages outside the sidebar share with their folder, rendered once each.

    A part is keyed by its name, the page's folder and its relative root (base_url), so it is
    reused only where Material would print the same markup. Its indentation is dropped (each run of
    white space that starts a line becomes the line break alone): a tenth of a task page's bytes,
    and the browser shows the same, as white space between tags collapses and the parts hold no
    <pre> or <textarea>.
    """

    TITLE = "\x00gongkai-page-title\x00"  # stands in for the page's title in a shared header
    TOC = marker("toc")  # stands in for the stand-in's table of contents (theme/main.html)

    def __init__(self) -> None:
        self.parts: dict[str, str] = {}
        self.stamps: dict[str, Stamp] = {}
        self.tocs: dict[str, str] = {}  # printed table of contents by the headings it lists (_headings)
        self._page: Any = None
        self._folder = ""
        self.rendered = 0  # parts rendered (not reused) in this build: one per part and folder
        self.stamped_pages = 0  # pages printed from their folder's stamp

    def key(self, part: str, page: Any, nav: Any, base_url: str) -> str:
        """Name a part of a page outside the sidebar by its folder and relative root; other pages: ""."""
        if page is not self._page:  # called ten times a page: find its folder once
            self._page = page
            shares = nav and page and page.file.inclusion.is_not_in_nav()
            self._folder = f"{page.url.rsplit('/', 2)[0]}:{base_url}" if page and shares else ""
        return f"{part}:{self._folder}" if self._folder else ""

    def keep(self, key: str, part: str) -> str:
        """Remember a part under its key (none: the page shares nothing) and return it."""
        if key:
            part = self.parts[key] = INDENTATION.sub("\n", part)
            self.rendered += 1
        return part

    def stand_in(self, page: Any) -> SimpleNamespace:
        """A page that the header prints as the page, but for the stand-in title."""
        return SimpleNamespace(url=page.url, title=self.TITLE, meta={"title": self.TITLE})

    def titled(self, key: str, page: Any) -> str:
        """The shared header with the page's title, as Material's header prints it."""
        title = page.meta["title"] if page.meta and page.meta.get("title") else page.title
        return self.parts[key].replace(self.TITLE, str(title))

    def known_toc(self, page: Any) -> str | None:
        """The table of contents printed for an earlier page with the same headings (but its title), if any."""
        return self.tocs.get(_headings(page.toc))

    def keep_toc(self, page: Any, toc: str) -> str:
        """Remember a page's printed table of contents and return it."""
        self.tocs[_headings(page.toc)] = toc
        return toc

    def is_stand_in(self, page: Any) -> bool:
        """Tell whether the page being rendered is the stand-in of a stamp."""
        return isinstance(page, StandIn)

    @jinja2.pass_context
    def stamped(self, context: jinja2.runtime.Context, toc: str) -> str:
        """Print the page from its folder's stamp, making and checking the stamp on the folder's first two pages."""
        page = context["page"]
        key = self.key("page", page, context["nav"], context["base_url"])
        if not key:
            return self._whole(context, page)
        # Pages print alike only if their meta holds the same other values and their content, URL and toc
        # take the same branches of the theme
        key += repr([(k, "" if k in OWN_META else v) for k, v in sorted(page.meta.items())])
        key += repr(("<h1" in page.content, page.canonical_url is None, not page.toc))
        stamp = self.stamps.get(key)
        if stamp is None:  # the page first: it keeps the shared parts, which print a little differently the first time
            whole = self._whole(context, page)
            self.stamps[key] = Stamp(self._whole(context, StandIn(page)))
            return whole
        if stamp.trusted is None:
            whole = self._whole(context, page)
            stamp.trusted = stamp.fill(page, toc) == whole
            return whole
        printed = stamp.fill(page, toc) if stamp.trusted else None
        if printed is None:
            return self._whole(context, page)
        self.stamped_pages += 1
        return printed

    def _whole(self, context: jinja2.runtime.Context, page: Any) -> str:
        """Render the page as main.html does, with the page's template context."""
        return context.environment.get_template("main.html").render({**context.parent, "page": page})


def _headings(toc: Any) -> str:
    """Name a table of contents by what Material's toc partial prints of it: a page's h1 is left out.

    Task pages differ in their h1 alone, so their tables of contents print alike. Were the partial to
    print the h1, the folder's second page would differ from its stamp and the folder be rendered whole.
    """
    items = list(toc)
    if items and items[0].level == 1:
        items = list(items[0].children)
    return repr(_shape(items))


def _shape(items: Any) -> list[Any]:
    return [(i.url, i.title, i.level, repr(getattr(i, "typeset", None)), _shape(i.children)) for i in items]
