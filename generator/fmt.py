"""Format numbers, dates and numerals the way the report and Chinese readers write them.

One formatter for every output (pages, CSV, JSON, the feed, drafts): integers exact at any size
the model admits (up to 10¹⁵), decimals as written without float noise or exponents, and
computed values rounded to the precision of the target they are measured against.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CN_DIGITS = "零一二三四五六七八九"


def number(value: float | int) -> str:
    """Write a number as the report does: 2000, 1.2, 12345678901, never 1.23e+10."""
    if float(value).is_integer():
        return str(int(value))
    # repr gives the shortest text that reads back as the same float: what staff typed, not 1.2000000000000002
    return format(Decimal(repr(float(value))), "f")


def num(value: float | None, unit: str = "") -> str:
    """Format a number with its unit, or a dash for none."""
    return "—" if value is None else f"{number(value)}{unit}"


def decimals(value: float) -> int:
    """Count the decimal places a number is written with (1.25 → 2, 2000 → 0)."""
    text = number(value)
    return len(text.split(".")[1]) if "." in text else 0


def rounded_like(value: float | Fraction, like: float) -> float:
    """Round a computed value to the precision of the number it is compared with (half up)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator) if isinstance(value, Fraction) else Decimal(value)
    return float(exact.quantize(Decimal(1).scaleb(-decimals(like)), rounding=ROUND_HALF_UP))


def percent(share: float | Fraction | None) -> str:
    """Write a share of 1 as a percentage with at most one decimal: 0.495 → 49.5%."""
    if share is None:
        return "—"
    return f"{number(rounded_like(Fraction(share) * 100, 0.1))}%"


def points(share: Fraction, pace: Fraction) -> str:
    """Write how far a share is from pace in percentage points, from the two values as shown: 60% − 49.5% → 10.5."""
    shown = [Decimal(repr(rounded_like(x * 100, 0.1))) for x in (share, pace)]
    return number(float(abs(shown[0] - shown[1])))


def plain(value: float) -> int | float:
    """Return a whole number as an int, so JSON writes 2000 rather than 2000.0."""
    return int(value) if float(value).is_integer() else value


def cn_date(value: dt.date | None) -> str:
    """Format a date the Chinese way: 2021年9月30日."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def cn_month_day(value: dt.date, year: bool = False) -> str:
    """Format a date as a short axis label: 6月30日, or 2021年6月30日 when the year must be told."""
    return cn_date(value) if year else f"{value.month}月{value.day}日"


def cn_numeral(n: int) -> str:
    """Write a positive integer in Chinese numerals: 3 → 三, 11 → 十一, 23 → 二十三, 105 → 一百零五."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = (
            ""
            if not rest
            else ("零" + CN_DIGITS[rest] if rest < 10 else cn_numeral(rest) if rest >= 20 else "一" + cn_numeral(rest))
        )
        return CN_DIGITS[n // 100] + "百" + tail
    return str(n)


def heading_number(action_id: str, style: str) -> str:
    """Number an action heading in the report's style: （三）, 三、 or 3."""
    n = int(action_id)
    if style == "1.":
        return f"{n}."
    if style == "一、":
        return f"{cn_numeral(n)}、"
    return f"（{cn_numeral(n)}）"
