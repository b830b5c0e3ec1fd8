"""Quotes are quotes: every task's text occurs in the report's source text.

The source may write some punctuation in ASCII where the plan writes it full-width (the plan's
header comment says which); nothing else may differ.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TypeVar

from .model import Plan, Task

Key = TypeVar("Key", bound=Hashable)

QUOTE_KEY = 8  # characters of a quote's start used to find where it may stand in a source line
ASCII_FORMS = str.maketrans("，；（）", ",;()")  # the full-width punctuation the source may write in ASCII


def normalise(text: str) -> str:
    """Fold the punctuation the source may write in ASCII, so quotes compare equal."""
    return text.translate(ASCII_FORMS)


def missing_quotes(texts: dict[Key, str], source_text: str) -> list[Key]:
    """Return the keys whose text does not occur in the source, punctuation folded."""
    source = normalise(source_text)
    return [key for key, text in texts.items() if normalise(text) not in source]


def source_links(plan: Plan, source_text: str) -> list[list[tuple[str, Task | None]]]:
    """Split each source line into runs, each linked to the task that quotes it.

    Tasks are tried in plan order, each in what is left of the line after the one before. Only
    a task whose text occurs in the line can match, so the tasks worth trying are looked up by
    the first characters of their text at each position of the line: linear in the size of the
    text instead of lines × tasks.
    """
    quotes = [(task, normalise(task.text)) for task in plan.tasks()]
    starts: dict[str, list[int]] = {}  # the first QUOTE_KEY characters of a quote → its tasks, in plan order
    for i, (_, quoted) in enumerate(quotes):
        if quoted:
            starts.setdefault(quoted[:QUOTE_KEY], []).append(i)
    widths = sorted({len(key) for key in starts})
    lines = []
    for line in source_text.splitlines():
        folded = normalise(line)
        found = {i for at in range(len(folded)) for w in widths for i in starts.get(folded[at : at + w], ())}
        runs: list[tuple[str, Task | None]] = []
        rest = line
        for task, quoted in (quotes[i] for i in sorted(found) if quotes[i][1] in folded):
            at = normalise(rest).find(quoted)
            if at >= 0:
                if at:
                    runs.append((rest[:at], None))
                runs.append((rest[at : at + len(quoted)], task))
                rest = rest[at + len(quoted) :]
        if rest:
            runs.append((rest, None))
        lines.append(runs)
    return lines
