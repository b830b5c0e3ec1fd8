"""Write the Atom feed of changes: an entry per period, linking each changed task."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from .compute import CHANGES_LISTED, Change, Facts, changes
from .fmt import cn_date

ATOM = "http://www.w3.org/2005/Atom"


def atom(facts: Facts, site_url: str) -> bytes:
    """Return feed.xml; dates come from the data, never the clock, so builds are reproducible."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    report = facts.plan.report
    _text(root, "title", f"{report.title} · 进展更新")
    _text(root, "id", site_url + "updates/")
    ET.SubElement(root, f"{{{ATOM}}}link", href=site_url + "feed.xml", rel="self")
    ET.SubElement(root, f"{{{ATOM}}}link", href=site_url + "updates/")
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", report.issuer)
    periods = changes(facts)
    newest = max((p.published for _, p, _ in periods), default=dt.date(report.year, 1, 1))
    _text(root, "updated", _stamp(newest))
    for name, period, moved in reversed(periods):
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        demo = "（示例数据）" if period.demo else ""
        _text(entry, "title", f"数据截至{cn_date(period.as_of)}：{len(moved)} 项任务有变化{demo}")
        _text(entry, "id", f"{site_url}updates/#{name}")  # ids never change, or readers show entries twice
        ET.SubElement(entry, f"{{{ATOM}}}link", href=f"{site_url}updates/{name}/")
        _text(entry, "updated", _stamp(period.published))
        content = _text(entry, "content", _summary(moved, site_url, name))
        content.set("type", "html")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _summary(moved: list[Change], site_url: str, name: str) -> str:
    """List the first changed tasks as HTML (escaped once more by the XML writer), and link the rest."""
    items = "".join(
        f'<li><a href="{site_url}tasks/{c.task.id}/#{name}">{_esc(c.task.id)} {_esc(c.task.title)}</a>：'
        f"{(c.before.status.label if c.before else '未启动')} → {c.after.status.label}</li>"
        for c in moved[:CHANGES_LISTED]
    )
    rest = len(moved) - CHANGES_LISTED
    more = f'<p><a href="{site_url}updates/{name}/">另有 {rest} 项变化</a></p>' if rest > 0 else ""
    return f"<ul>{items}</ul>{more}"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = text
    return element


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
