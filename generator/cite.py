"""Citations for a page: GB/T 7714-2015 and APA 7, with the dates a journalist must give.

The page is Chinese, so the APA reference takes the form Chinese journals use for Chinese sources
(dates as 2021年10月15日, 检索日期 … 取自 … for “Retrieved … from …”): no English shows on the site.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from .fmt import cn_date

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
    when = cn_date(changed) if changed else "无日期"
    apa = f"{author}. ({when}). {title}. {site}. 检索日期：{ACCESS}，取自 {url}"
    return Citation(gbt, apa)
