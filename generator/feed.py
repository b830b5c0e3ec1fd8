"""Write the Atom feed of changes: an entry per period, listing what changed for each task, with values."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from .compute import Facts
from .fmt import cn_date
from .news import LISTED, Change, changes, pending

ATOM = "http://www.w3.org/2005/Atom"


def atom(plans: list[Facts], site_url: str, prefixes: list[str] | None = None) -> bytes:
    """Return feed.xml for one plan, or several (each under its prefix); dates come from the data, never the clock."""
    ET.register_namespace("", ATOM)
    prefixes = prefixes or [""] * len(plans)
    root = ET.Element(f"{{{ATOM}}}feed")
    first = plans[0].plan.report
    _text(root, "title", f"{first.title if len(plans) == 1 else first.issuer} · 进展更新")
    _text(root, "id", site_url + "updates/")
    ET.SubElement(root, f"{{{ATOM}}}link", href=site_url + "feed.xml", rel="self")
    ET.SubElement(root, f"{{{ATOM}}}link", href=site_url + "updates/")
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", first.issuer)
    named = len(plans) > 1  # in a combined feed each entry names its plan
    entries = [
        entry
        for facts, prefix in zip(plans, prefixes, strict=True)
        for entry in _entries(facts, site_url + prefix, f"{facts.plan.report.title}：" if named else "")
    ]
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    newest = max((day for day, *_ in entries), default=dt.date(first.year, 1, 1))
    _text(root, "updated", _stamp(newest))
    for day, entry_id, title, link, content in entries:
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        _text(entry, "title", title)
        _text(entry, "id", entry_id)  # ids never change, or readers show entries twice
        ET.SubElement(entry, f"{{{ATOM}}}link", href=link)
        _text(entry, "updated", _stamp(day))
        _text(entry, "content", content).set("type", "html")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _entries(facts: Facts, plan_url: str, label: str) -> list[tuple[dt.date, str, str, str, str]]:
    """List a plan's entries: one per period, and one per plan change not yet in any period."""
    out = []
    for name, period, moved in changes(facts):
        demo = "（示例数据）" if period.demo else ""
        title = f"{label}数据截至{cn_date(period.as_of)}：{len(moved)} 项任务有变化{demo}"
        content = _summary(moved, plan_url, name)
        out.append((period.published, f"{plan_url}updates/#{name}", title, f"{plan_url}updates/{name}/", content))
    for task, change in pending(facts):
        title = f"{label}计划调整：任务 {task.id} {task.title}（{cn_date(change.date)}起）"
        link = f"{plan_url}tasks/{task.id}/#调整记录"
        out.append((change.date, f"{link}-{change.date.isoformat()}", title, link, f"<p>{_esc(change.reason)}</p>"))
    return out


def _summary(moved: list[Change], plan_url: str, name: str) -> str:
    """List the first changed tasks with what changed, as HTML (escaped once more by the XML writer)."""
    items = "".join(
        f'<li><a href="{plan_url}tasks/{c.task.id}/#{name}">{_esc(c.task.id)} {_esc(c.task.title)}</a>：'
        f"{_esc('；'.join(c.words()))}</li>"
        for c in moved[:LISTED]
    )
    rest = len(moved) - LISTED
    more = f'<p><a href="{plan_url}updates/{name}/">另有 {rest} 项变化</a></p>' if rest > 0 else ""
    return f"<ul>{items}</ul>{more}"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = text
    return element


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
