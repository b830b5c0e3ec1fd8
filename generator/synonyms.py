"""Read and check the synonym list: the everyday words citizens type, and the report's words for them.

The tool's default list is generator/synonyms.txt; a data folder's synonyms.txt adds groups, and
replaces or drops default ones. Nothing here needs jieba, so `gongkai validate` checks the list
wherever it runs (the pre-commit hook may use a plain python3).
"""

from __future__ import annotations

import pathlib
import re

from .problems import Problem, visible

DEFAULT = pathlib.Path(__file__).parent / "synonyms.txt"
FILE = "synonyms.txt"  # in the data folder: extends or overrides the default list
EQUALS = re.compile(r"[=＝]")
SPLIT = re.compile(r"[\s、，,；;]+")  # staff may separate words with spaces or Chinese commas
WORD = re.compile(r"[^\W_]+")  # letters, digits and Han characters, nothing else

Synonyms = dict[str, tuple[str, ...]]  # everyday word → the report's words that stand for it


def read(data_dir: pathlib.Path) -> tuple[Synonyms, list[Problem]]:
    """Read the default list, then the data folder's, which adds groups and replaces or drops default ones."""
    synonyms, problems = _parse(DEFAULT, "generator/synonyms.txt")
    local = data_dir / FILE
    if local.is_file():
        changes, problems_here = _parse(local, FILE)
        problems += problems_here
        for word, report in changes.items():
            if report:
                synonyms[word] = report
            else:
                synonyms.pop(word, None)
    return synonyms, problems


def check(data_dir: pathlib.Path) -> list[Problem]:
    """List what is wrong in the synonym lists (none without a data folder's one)."""
    return read(data_dir)[1]


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
