"""Read the numbers a report's sentence promises: its targets.

Used by `draft.py`. A number is a target when it counts or measures what the sentence promises
(2000座, 1.2万亩, 30%); it is not when it names, ranks, dates or qualifies something (4A级, 第三,
2021年, 30年, 4.3米及以下焦炉, “1+30”, a reward per listed company, the specification of one
project among examples). Every number left out is returned with the reason, for the reviewer.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from .draft_text import words as _tokens

FOLD_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")  # one for one: positions stay
NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")  # no thousands separators: 2000座,100个 is two
MAGNITUDES = "十百千万亿"
# Units and measure words, longest first. Years, months and days are dates, not amounts.
UNIT_WORDS = (
    "元 吨 公斤 千克 斤 吨标准煤 亩 平方米 平米 平方公里 公顷 公里 千米 米 立方米 立方 方 "  # money, weight, size
    "千瓦时 千瓦 兆瓦 千伏安 度 个百分点 百分点 % ％ ‰ 倍 天 小时 分钟 个工作日 工作日 "  # power, rates, time
    "个 座 台 人次 人 项 户次 户 所 家 套 辆 间 张 处 条 栋 场次 场 次 件 名 只 头 株 棵 "  # measure words
    "片 块 眼 口 盏 部 批 支 架 根 床 册 篇 类 种 门 宗 笔 份 位 班 标箱"
)
UNITS = sorted(UNIT_WORDS.split(), key=len, reverse=True)
DATE_UNITS = ("个月", "周年", "年", "月", "日", "号")
DATE = "是日期"  # not worth a reviewer's note
RATE_UNITS = ("%", "％", "‰", "个百分点", "百分点", "倍")
AT_MOST_WORDS = ("不超过", "不高于", "控制在", "以内", "以下", "之内", "低于", "压减到", "降至", "降到")
AT_LEAST_WORDS = ("不少于", "不低于", "至少", "以上", "达到", "超过", "突破")
CLAUSE_END = "，,；;。！？!?：:"
ITEM_END = CLAUSE_END + "、"
QUOTES = {"“": "”", "《": "》", "「": "」", "‘": "’"}
# Words that open a clause but do not name what is counted (the verb or adverb before the noun).
LEAD_WORD_LIST = "积极 力争 确保 重点 谋划 签约 储备 全力 累计 持续 全面 切实 深入 新建"
LEAD_WORDS = set(LEAD_WORD_LIST.split())
VERB_FLAGS = {"v", "vd", "d", "ad", "t", "p", "c", "u", "uj", "ul", "f", "m", "q", "r"}
TRAILING_VERB = re.compile(
    r"(达到|控制在|保持在|稳定在|提高到|提升到|下降到|降低到|降至|不少于|不低于|不超过|不高于|至少|超过|保持|稳定|为|在)$"
)
SYMBOLS = "+-/×*~"


@dataclasses.dataclass(frozen=True)
class Target:
    """A number the sentence promises, as the plan's `targets:` record it."""

    metric: str
    value: str  # the number as the report writes it: "1.2", "600"
    unit: str
    comparator: str = "at_least"
    cumulative: bool = True
    check: str = ""  # what a reviewer should check, if anything


@dataclasses.dataclass(frozen=True)
class Skipped:
    """A number of the sentence that is not a target, and why."""

    words: str
    reason: str


def find_targets(text: str) -> tuple[list[Target], list[Skipped]]:
    """Return the targets a sentence promises and the numbers it holds that are not targets."""
    folded = text.translate(FOLD_DIGITS)
    quoted = _quoted_positions(folded)
    targets: list[Target] = []
    skipped: list[Skipped] = []
    for match in NUMBER.finditer(folded):
        start, end = match.span()
        unit, unit_end, approximate = _unit(folded, end)
        if unit:
            words = text[start:unit_end]
        else:
            shown = re.match(r"[\d.]+(?:[A-Za-z]+[\u4e00-\u9fff]?|[\u4e00-\u9fff])?", folded[start:])
            assert shown is not None  # folded[start] is the number's first digit
            words = shown[0]
        reason = _why_not_a_target(folded, start, end, unit, unit_end, quoted)
        if reason:
            skipped.append(Skipped(words, reason))
            continue
        targets.append(_target(text, folded, start, end, unit, unit_end, approximate))
    return _unique_metrics(targets), skipped


def number_value(written: str) -> str:
    """Write a number of the report as YAML reads it: ０５ → 5, 1.20 → 1.20."""
    plain = written.translate(FOLD_DIGITS)
    return format(Decimal(plain), "f") if "." in plain else str(int(plain))


def _quoted_positions(text: str) -> set[int]:
    """Return the positions inside quotation marks or book-title marks: names, not amounts."""
    inside: set[int] = set()
    closing: list[str] = []
    for i, char in enumerate(text):
        if closing and char == closing[-1]:
            closing.pop()
        elif char in QUOTES:
            closing.append(QUOTES[char])
        elif closing:
            inside.add(i)
    return inside


def _unit(text: str, end: int) -> tuple[str, int, bool]:
    """Return the unit after a number (magnitude + unit, no 余/多/级), its end, and whether 余/多 came with it."""
    run = len(text[end:]) - len(text[end:].lstrip(MAGNITUDES))
    for cut in range(run, -1, -1):  # 5千米 is 千米, 1.2万亩 is 万 + 亩, 1万千瓦 is 万 + 千瓦
        approximate = text[end + cut : end + cut + 1] in ("余", "多")
        i = end + cut + approximate
        base = next((u for u in DATE_UNITS + tuple(UNITS) if text.startswith(u, i)), "")
        if base:
            i += len(base)
            if base not in DATE_UNITS and text.startswith("级", i):
                i += 1  # 600万吨级: the unit is 万吨
            return text[end : end + cut] + base, i, approximate
    return "", end, False


def _why_not_a_target(text: str, start: int, end: int, unit: str, unit_end: int, quoted: set[int]) -> str:
    """Return why a number is not a target, or an empty string when it is one."""
    before, after = text[start - 1 : start] if start else "", text[end : end + 1]
    if start in quoted:
        return "在引号或书名号内，是名称的一部分"
    if re.fullmatch(r"[A-Za-z]", before or "-") or re.fullmatch(r"[A-Za-z]", after or "-"):
        return "与字母相连，是编号、型号或等级"
    if (before and before in SYMBOLS) or (after and after in SYMBOLS):
        return "与运算符号相连，是名称或编号"
    if before == "第":
        return "是序号"
    if unit in ("月", "日", "号") or (unit == "年" and re.fullmatch(r"(19|20)\d\d", text[start:end])):
        return DATE
    if unit.lstrip(MAGNITUDES) in DATE_UNITS:
        return "是年限或周年，不是要完成的数量"
    if not unit:
        return "后面没有可识别的单位"
    if re.match(r"(及|或)?(以下|以上|以内)[\u4e00-\u9fff]", text[unit_end:]) and not text[unit_end:].startswith(
        ("以上的", "以下的", "以内的")
    ):
        return "限定所指的对象（“及以下”“以上”后面还有名词），不是要完成的数量"
    clause = _clause_before(text, start)
    if clause.endswith(("给予", "奖励", "补助", "补贴", "奖补")) or "每" in clause:
        return "是奖补标准或单价，不是要完成的数量"
    if _is_example_item(text, start, unit_end):
        return "是所举项目之一的规模或规格"
    return ""


def _clause_before(text: str, start: int) -> str:
    """Return the words between the last clause or item break and the number."""
    i = start
    while i > 0 and text[i - 1] not in ITEM_END:
        i -= 1
    return text[i:start]


def _clause_after(text: str, end: int) -> str:
    """Return the words from the unit's end to the next clause or item break."""
    i = end
    while i < len(text) and text[i] not in ITEM_END:
        i += 1
    return text[end:i]


def _is_example_item(text: str, start: int, unit_end: int) -> bool:
    """Tell whether a number specifies one item of a list of examples (“A300兆瓦风电项目、B等45项”)."""
    rest = _clause_after(text, unit_end)
    stop = unit_end + len(rest)
    if "的" in rest or stop >= len(text) or text[stop] != "、":
        return False
    clause_end = next((i for i in range(stop, len(text)) if text[i] in CLAUSE_END), len(text))
    if "等" not in text[stop:clause_end]:
        return False
    words = list(_tokens(_clause_before(text, start)))
    return bool(words) and not words[-1][1].startswith("v") and words[-1][0] != "的"


def _target(text: str, folded: str, start: int, end: int, unit: str, unit_end: int, approximate: bool) -> Target:
    """Make the target of one number: metric, value, unit, comparator."""
    before = _clause_before(folded, start)
    after = _clause_after(folded, unit_end)[:4]
    around = before + "|" + after
    at_most = any(w in around.replace("不低于", "") for w in AT_MOST_WORDS)
    at_least = any(w in around.replace("不超过", "").replace("不高于", "") for w in AT_LEAST_WORDS)
    checks = []
    if approximate:
        checks.append(f"原文写“{text[start:unit_end]}”，是约数，请核对目标值")
    if at_most and at_least:
        checks.append("原文同时有“以上”和“以内”一类的词，请核对 comparator")
    subject = TRAILING_VERB.sub("", text[start - len(before) : start])
    is_rate = unit in RATE_UNITS or subject.endswith("率")
    return Target(
        metric=_metric(subject, text[unit_end:], is_rate),
        value=number_value(text[start:end]),
        unit=unit,
        comparator="at_most" if at_most else "at_least",
        cumulative=not is_rate,
        check="；".join(checks),
    )


def _metric(subject: str, after: str, is_rate: bool) -> str:
    """Name what a number counts, from the words around it (16个重点项目 → 重点项目; 改厕任务2000座 → 改厕任务)."""
    thing = _noun_after(after)
    if thing and not is_rate:
        return thing
    named = _strip_leading_verbs(subject)
    if named:
        return named
    if thing:
        return thing
    tail = re.search(r"^[^，,；;。、]*?的([^，,；;。、的]+)", after)
    return _strip_leading_verbs(tail[1]) if tail else ""


def _noun_after(after: str) -> str:
    """Return the noun right after a number's unit (16个重点项目 → 重点项目), if there is one."""
    if after.startswith("“"):
        return after[1 : after.index("”")] if "”" in after else ""
    if not re.match(r"[\u4e00-\u9fff]", after) or after[0] in "的以及或等和与":
        return ""
    stop = re.search(r"[，,；;。、的和及与（(“]", after)
    words = _tokens(after[: stop.start()] if stop else after)
    kept: list[str] = []
    kept_flags: list[str] = []
    for word, flag in words:
        if any(f.startswith("n") for f in kept_flags) and (flag == "v" or word in ("建设", "工程建设")):
            break  # 15个老旧小区供热管网进行改造 → 老旧小区供热管网
        kept.append(word)
        kept_flags.append(flag)
    return "".join(kept)


def _strip_leading_verbs(words: str) -> str:
    """Drop the verbs, adverbs and time words that open a phrase; nothing is left of a lone verb."""
    tokens = _tokens(words.rsplit("等", 1)[-1].strip())
    while len(tokens) > 1 and (tokens[0][1] in VERB_FLAGS or tokens[0][0] in LEAD_WORDS):
        tokens.pop(0)
    if len(tokens) == 1 and (tokens[0][1] in VERB_FLAGS or tokens[0][0] in LEAD_WORDS):
        return ""
    return "".join(w for w, _ in tokens).strip("“”")


def _unique_metrics(targets: list[Target]) -> list[Target]:
    """Give every target of a sentence its own metric name (a progress report fills values by it)."""
    seen: dict[str, int] = {}
    out = []
    for n, target in enumerate(targets, start=1):
        metric = target.metric or f"指标{n}"
        seen[metric] = seen.get(metric, 0) + 1
        if seen[metric] > 1:
            metric = f"{metric}{seen[metric]}"
        out.append(dataclasses.replace(target, metric=metric))
    return out
