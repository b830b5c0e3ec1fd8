"""Split a report's text the way a reader does: headings, paragraphs, sentences, clauses.

Used by `draft.py`. Nothing here knows any county: the rules are those of Chinese official
writing (outline numbering 一、（一）1.（1）, sentences ending in 。, clauses joined by ；).
"""

from __future__ import annotations

import dataclasses
import functools
import re

import jieba
import jieba.posseg

# Outline ranks of Chinese official documents, highest first, as `report.numbering` names them.
STYLES = ("一、", "（一）", "1.", "（1）")
CN = "一二三四五六七八九十"
HEADING = re.compile(
    rf"^\s*(?:(?P<s0>[{CN}]+、)|(?P<s1>[（(][{CN}]+[）)])|(?P<s2>\d{{1,2}}(?:[.．](?!\d)|、))|(?P<s3>[（(]\d{{1,2}}[）)]))\s*"
)
SENTENCE_END = "。！？!?"
CLAUSE_END = "；;"
OPENING = {"“": "”", "《": "》", "「": "」", "‘": "’", "（": "）", "(": ")"}
FULL_WIDTH = str.maketrans({";": "；", "(": "（", ")": "）"})  # and "," where it is no thousands separator
LEAD_MAX = 20  # a measure's lead sentence: 推动农业提质增效。 (8), 持续推动人才培养引进。 (10)
GROUP_MAX = 15  # a heading inside a measure: 狠抓散煤替代和清洁取暖改造。 (13)
DEADLINE = re.compile(r"年内|年底|年末|半年|季度|[\d一二三四五六七八九十]月")  # a sentence with a deadline is a task


@dataclasses.dataclass(frozen=True)
class Paragraph:
    """A line of the report's body: its sentences, and where it stands."""

    line: int
    sentences: tuple[str, ...]
    bare: bool = False  # a heading line of its own, without a full stop (（一）教育事业)
    numbered: bool = False  # opened by a lower heading's number: an item of its own ((1) 新建……。)


@dataclasses.dataclass(frozen=True)
class Heading:
    """A numbered line: its style (one of STYLES), the text after the number, where it stands."""

    line: int
    style: str
    text: str


def heading(line: str) -> tuple[str, str] | None:
    """Return (style, text after the number) of a numbered line, or None."""
    match = HEADING.match(line)
    if not match or not line[match.end() :].strip():
        return None
    style = next(STYLES[int(name[1])] for name, value in match.groupdict().items() if value)
    return style, line[match.end() :].strip()


def split_marks(text: str, ends: str, quotes: bool = True) -> list[str]:
    """Split text after each of the end marks that stands outside quotes and brackets, keeping the marks.

    A quote left open (a typo in the report) would hold the rest of the paragraph: then quotes are ignored.
    """
    parts: list[str] = []
    closing: list[str] = []
    start = 0
    for i, char in enumerate(text):
        if quotes and closing and char == closing[-1]:
            closing.pop()
        elif quotes and char in OPENING:
            closing.append(OPENING[char])
        elif char in ends and not closing:
            parts.append(text[start : i + 1])
            start = i + 1
    if closing:
        return split_marks(text, ends, quotes=False)
    if text[start:].strip():
        parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def sentences(text: str) -> tuple[str, ...]:
    """Split a paragraph into sentences, each with its full stop."""
    return tuple(split_marks(text, SENTENCE_END))


def clauses(sentence: str) -> list[str]:
    """Split a sentence into the clauses joined by ；, each with its mark: one task each."""
    return split_marks(sentence, CLAUSE_END)


def full_width(text: str) -> str:
    """Write ASCII , ; ( ) full-width as printed Chinese does (a comma between digits stays)."""
    return re.sub(r"(?<!\d),|,(?!\d)", "，", text).translate(FULL_WIDTH)


def body(sentence: str) -> str:
    """Return a sentence without its end mark."""
    return sentence.rstrip(SENTENCE_END + CLAUSE_END + "，,、")


def is_lead(sentence: str, limit: int = LEAD_MAX, commas: int = 1) -> bool:
    """Tell whether a sentence reads as a heading: short, no number, no list, ending in a full stop or nothing."""
    words = body(sentence)
    return (
        0 < len(words) <= limit
        and sentence[-1:] not in CLAUSE_END + "，,、"
        and not re.search(r"[\d０-９、；;]", words)
        and not DEADLINE.search(words)
        and len(re.findall(r"[，,]", words)) <= commas
    )


def is_group(sentence: str) -> bool:
    """Tell whether a sentence inside a measure may head the tasks after it (推动开发区扩区。)."""
    return sentence.endswith("。") and is_lead(sentence, GROUP_MAX, commas=0)


def first_clause(sentence: str) -> str:
    """Return the words before a sentence's first comma (加快政府自身建设，以创新提效能 → 加快政府自身建设)."""
    return body(re.split(r"[，,]", sentence, maxsplit=1)[0])


def groups(items: list[str]) -> list[bool]:
    """Mark which sentences of a measure are group headings.

    A short sentence is a heading only where at least one short sentence is followed by a
    longer one (otherwise a run of short sentences is a run of tasks); a heading always has a
    task after it. Among the readings that respect this, the one with the most headings wins,
    then the one whose headings more often stand right before a longer sentence.
    """
    n = len(items)
    candidate = [is_group(s) and i + 1 < n for i, s in enumerate(items)]
    if not any(candidate[i] and not is_group(items[i + 1]) for i in range(n - 1)):
        return [False] * n
    best: list[tuple[tuple[int, int], list[bool]]] = [((0, 0), [])] * (n + 1)  # best reading of items[i:]
    # the same, when items[i - 1] is a heading (items[i] is a task)
    after_heading: list[tuple[tuple[int, int], list[bool]]] = [((0, 0), [])] * (n + 1)
    for i in range(n - 1, -1, -1):
        as_task = (best[i + 1][0], [False, *best[i + 1][1]])
        after_heading[i] = as_task
        if candidate[i]:
            (heads, before_long), rest = after_heading[i + 1]
            as_heading = ((heads + 1, before_long + (not is_group(items[i + 1]))), [True, *rest])
            best[i] = max(as_task, as_heading, key=lambda reading: reading[0])
        else:
            best[i] = as_task
    return best[0][1]


@functools.cache
def _tokenizer() -> jieba.posseg.POSTokenizer:
    """Return a tokenizer of jieba's own dictionary, apart from the words other stages add to jieba's default one."""
    jieba.setLogLevel(60)  # jieba logs its dictionary loading at INFO
    return jieba.posseg.POSTokenizer(jieba.Tokenizer())


def words(text: str) -> list[tuple[str, str]]:
    """Split text into words with their part of speech (jieba: ns place, nr person, v verb …)."""
    return [(w.word, w.flag) for w in _tokenizer().cut(text)] if text else []


def frequency(word: str) -> int:
    """Return how often jieba's dictionary has seen a word (0 for a word it does not know)."""
    _tokenizer().tokenizer.check_initialized()
    return _tokenizer().tokenizer.FREQ.get(word, 0)
