"""Citations for a page: GB/T 7714-2015 and APA 7, with the dates a journalist must give."""

from __future__ import annotations

import dataclasses
import datetime as dt

from .fmt import cn_date

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)  # APA writes English month names whatever the machine's locale
ACCESS = "{{access}}"  # filled with the reader's date by the copy button; see gongkai.js


@dataclasses.dataclass(frozen=True)
class Citation:
    """The two reference styles of one page."""

    gbt: str
    apa: str


def cite(
    author: str, title: str, site: str, url: str, as_of: dt.date | None, changed: dt.date | None, *, demo: bool = False
) -> Citation:
    """Cite a page: its title names the as-of date (and demo figures as such), the reference its last change and URL."""
    if as_of:
        title = f"{title}（数据截至{cn_date(as_of)}）"
    if demo:
        title = f"{title}（示例数据）"
    updated = f"({changed.isoformat()})" if changed else ""
    gbt = f"{author}. {title}[EB/OL]. {updated}[{ACCESS}]. {url}."
    when = f"{changed.year}, {MONTHS[changed.month - 1]} {changed.day}" if changed else "n.d."
    apa = f"{author}. ({when}). {title}. {site}. Retrieved {ACCESS}, from {url}"
    return Citation(gbt, apa)
