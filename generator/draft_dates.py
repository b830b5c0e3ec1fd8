"""Read the dates a report sets: the deadline of each task (due) and the plan's year.

Used by `draft.py`: 年内 and 年底 end with the year, 上半年 on June 30, 三季度 on September 30,
6月底前 and 6月前 with June; the year is the one given, else the one the text names.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter

from .draft_targets import FOLD_DIGITS

DUE_MONTH = re.compile(
    r"(?:(\d{4})年)?(\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:(\d{1,2})日|底|末|份)?(以前|之前|前)?"
)
DUE_QUARTER = re.compile(r"(?:(\d{4})年)?第?([一二三四1234])季度")
DUE_HALF = re.compile(r"(?:(\d{4})年)?([上下])半年")
DUE_YEAR_END = re.compile(r"(?:(\d{4})|(?<![\d一二三四五六七八九十两多]))年(?:内|底|末)")
CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


ANNIVERSARIES = (("建党", 1921), ("新中国成立", 1949), ("建国", 1949), ("改革开放", 1978))


def find_due(text: str, year: int) -> tuple[dt.date | None, str]:
    """Return the deadline a sentence sets (the latest if several) and what a reviewer should check."""
    folded = text.translate(FOLD_DIGITS)
    dates = [d for d in _month_dues(folded, year) + _period_dues(folded, year) if d]
    if not dates:
        return None, ""
    due = max(dates)
    checks = []
    if len(set(dates)) > 1:
        checks.append(f"原文有 {len(set(dates))} 个期限，取最晚的 {due.isoformat()}")
    if due.year != year:
        checks.append(f"期限 {due.isoformat()} 不在计划年度 {year} 年内")
    return due, "；".join(checks)


def _number(word: str) -> int:
    """Read 6, 六, 十一 or 十二 as a number."""
    if word.isdigit():
        return int(word)
    if word.startswith("十"):
        return 10 + (CN_DIGITS[word[1]] if len(word) > 1 else 0)
    return CN_DIGITS[word]


def _month_end(year: int, month: int) -> dt.date:
    """Return the last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_dues(text: str, year: int) -> list[dt.date | None]:
    """Read “6月底前”, “9月前”, “10月15日前”, “2022年3月底”: a month (or day) that ends a task."""
    dues: list[dt.date | None] = []
    for m in DUE_MONTH.finditer(text):
        the_year, month, day, before = int(m[1] or year), _number(m[2]), m[3], m[4]
        is_deadline = before or m[0].endswith(("底", "末"))
        if not is_deadline or not 1 <= month <= 12:
            continue
        try:
            dues.append(dt.date(the_year, month, int(day)) if day else _month_end(the_year, month))
        except ValueError:
            dues.append(None)  # 2月30日: not a date; the reviewer sees no due and the text
    return dues


def _period_dues(text: str, year: int) -> list[dt.date | None]:
    """Read 上半年, 下半年, 年内, 年底 and 一季度 … 四季度."""
    dues: list[dt.date | None] = []
    for m in DUE_HALF.finditer(text):
        dues.append(dt.date(int(m[1] or year), 6, 30) if m[2] == "上" else dt.date(int(m[1] or year), 12, 31))
    for m in DUE_YEAR_END.finditer(text):
        dues.append(dt.date(int(m[1] or year), 12, 31))
    for m in DUE_QUARTER.finditer(text):
        quarter = "一二三四".index(m[2]) + 1 if m[2] in "一二三四" else int(m[2])
        dues.append(_month_end(int(m[1] or year), quarter * 3))
    return dues


def find_year(text: str, lines: list[str], given: int | None) -> tuple[int, str]:
    """Return the plan's year and what to check: the flag, a year in the text, or an anniversary it names."""
    if given:
        return given, ""
    opening = [line for line in lines[:3] if len(line.strip()) <= 40 and "。" not in line]  # a title, a date line
    title_years = re.findall(r"((?:19|20)\d\d)年", " ".join(opening))
    if title_years:
        return int(title_years[0]), f"年度取自原文开头的“{title_years[0]}年”，请核对"
    years = Counter(re.findall(r"((?:19|20)\d\d)年", text))
    if years:
        year = max(years, key=lambda y: (years[y], y))
        return int(year), f"年度取自原文中出现最多的“{year}年”，请核对"
    for word, founded in ANNIVERSARIES:
        found = re.search(rf"{word}([一二三四五六七八九十百\d]+)周年", text)
        if found:
            year = founded + _cn_number(found[1])
            return year, f"原文没有写年份，年度由“{found[0]}”推断为 {year} 年，请核对"
    this_year = dt.date.today().year
    return this_year, f"原文没有写年份，暂填今年 {this_year}；请改为计划年度，或用 --year 指定"


def _cn_number(words: str) -> int:
    """Read a number written in Chinese up to the hundreds (一百, 七十五) or in digits."""
    if words.isdigit():
        return int(words)
    digits = dict(zip("一二三四五六七八九", range(1, 10), strict=True))
    total, current = 0, 0
    for char in words:
        if char in digits:
            current = digits[char]
        elif char in "十百":
            total += (current or 1) * (10 if char == "十" else 100)
            current = 0
    return total + current
