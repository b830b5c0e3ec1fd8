"""Format numbers, dates and numerals the way the report and Chinese readers write them."""

from __future__ import annotations

import datetime as dt

from .model import Action

CN_NUMERALS = "一二三四五六七八九十"


def num(value: float | None, unit: str = "") -> str:
    """Format a number as the report writes it (1.2, 2000, 382.4), or a dash for none."""
    return "—" if value is None else f"{value:.10g}{unit}"


def cn_date(value: dt.date | None) -> str:
    """Format a date the Chinese way: 2021年9月30日."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def numeral(action: Action) -> str:
    """Return an action's Chinese numeral: 三 for action 3."""
    n = int(action.id)
    return CN_NUMERALS[n - 1] if n <= len(CN_NUMERALS) else action.id
