"""Draft a plan.yaml from the work-plan part of a report's text (`gongkai draft REPORT.txt`).

The draft is for staff to review, not to publish: whatever the program cannot be sure of is
marked with a `# 待核对：` comment, and what the text does not say is a `待填写` placeholder.
How the text is read (draft_text.py has the rules):
- actions are the numbered headings of the highest rank, （一） or 一、 or 1.; when the text
  holds a whole report, those inside the section on this year's work (工作安排, 重点任务 …);
- a measure is a paragraph opened by a short lead sentence (推动农业提质增效。); an action
  without any is two-level (its tasks stand right under it), unless it is one sentence in a
  three-level report: then that sentence's opening clause is its measure's title;
- tasks are sentences and the clauses joined by ；, quoted verbatim; short sentences that
  head the tasks after them are their `group:`;
- targets (draft_targets.py), dues (draft_dates.py) and places (draft_places.py) are read from
  each task's text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import pathlib
import re

from . import draft_text as dtext
from .draft_dates import find_due, find_year
from .draft_places import find_places
from .draft_targets import DATE, Target, find_targets
from .problems import DataError, Problem, visible
from .scaffold import ENV
from .yamlfile import read_text

TITLE_MAX = 20
WORK_PLAN = re.compile(r"工作安排|重点工作|主要任务|工作任务|重点任务|目标任务|主要工作|工作要点")
REPORT_WORDS = re.compile(r"报告|方案|实事|计划|安排|要点|清单")
KINDS = (("民生实事", "民生实事"), ("专项行动", "专项行动方案"), ("行动方案", "专项行动方案"))
PLACEHOLDER = "待填写"
WRITE_ERRORS = {
    errno.ENOENT: "所在目录不存在",
    errno.EACCES: "没有写入权限",
    errno.EROFS: "只读",
    errno.ENOSPC: "磁盘已满",
}


class DraftError(Exception):
    """Raised when the draft cannot be written where asked (the file is there already, or not writable)."""


@dataclasses.dataclass
class DraftTask:
    """One drafted task, with what the reviewer should check."""

    id: str
    title: str
    text: str
    group: str | None = None
    due: dt.date | None = None
    targets: list[Target] = dataclasses.field(default_factory=list)
    tags: list[str] = dataclasses.field(default_factory=list)
    checks: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class DraftMeasure:
    """One drafted measure."""

    id: str
    title: str
    line: int
    tasks: list[DraftTask]
    checks: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class DraftAction:
    """One drafted action: it holds measures or, two-level, tasks."""

    id: str
    title: str
    aim: str | None
    line: int
    measures: list[DraftMeasure] = dataclasses.field(default_factory=list)
    tasks: list[DraftTask] = dataclasses.field(default_factory=list)
    checks: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Draft:
    """The whole draft: report fields (with what to check about each) and actions."""

    title: str
    issuer: str
    year: int
    kind: str
    numbering: str
    source: str
    actions: list[DraftAction]
    checks: dict[str, str]  # report field → what to check
    notes: list[str]  # about the text as a whole


@dataclasses.dataclass
class _Part:
    """An action's paragraphs, sorted into measures (title, line, sentences) and the loose sentences before them."""

    heading: dtext.Heading
    loose: list[str]
    measures: list[tuple[str, int, list[str], str]]  # title, line, sentences, what to check


def draft(text: str, source: str, year: int | None = None) -> Draft:
    """Read a report's text and return the draft plan."""
    lines = text.splitlines()
    headings = [dtext.Heading(n, *found) for n, line in enumerate(lines, 1) if (found := dtext.heading(line))]
    notes: list[str] = []
    action_heads, stop = _action_headings(headings, lines, notes)
    year, year_check = find_year(text, lines, year)
    parts = [_part(head, lines, action_heads, stop) for head in action_heads]
    three_level = sum(bool(p.measures) for p in parts) > len(parts) / 2
    actions = [_action(str(n), part, three_level, year) for n, part in enumerate(parts, 1)]
    title, issuer, checks = _title_and_issuer(lines, action_heads, notes)
    named = title if not title.startswith(PLACEHOLDER) else " ".join(lines[:3])  # a report's body names 民生实事 too
    kind = next((k for word, k in KINDS if word in named), "政府工作报告")
    checks |= {"year": year_check, "kind": f"类别由程序根据原文用词推断为“{kind}”，请核对"}
    style = action_heads[0].style if action_heads else "（一）"
    numbering = {"（1）": "1."}.get(style, style)
    return Draft(title, issuer, year, kind, numbering, source, actions, checks, notes)


def _action_headings(
    headings: list[dtext.Heading], lines: list[str], notes: list[str]
) -> tuple[list[dtext.Heading], int]:
    """Return the headings that open actions (the highest rank, or the rank below inside the work-plan section)
    and the line where the last action ends."""
    if not headings:
        return [], len(lines) + 1
    top = min(dtext.STYLES.index(h.style) for h in headings)
    tops = [h for h in headings if dtext.STYLES.index(h.style) == top]
    section = next((h for h in tops if WORK_PLAN.search(h.text)), None)
    if section and len(tops) > 1:
        end = next((h.line for h in tops if h.line > section.line), len(lines) + 1)
        inside = [h for h in headings if section.line < h.line < end]
        if inside:
            rank = min(dtext.STYLES.index(h.style) for h in inside)
            notes.append(f"只转录了原文第 {section.line}–{end - 1} 行“{section.text}”一节，其余部分不是工作安排")
            return [h for h in inside if dtext.STYLES.index(h.style) == rank], end
    return tops, len(lines) + 1


def _part(head: dtext.Heading, lines: list[str], heads: list[dtext.Heading], stop: int) -> _Part:
    """Read an action's paragraphs (up to the next action or the stop line) into measures and loose sentences."""
    end = next((h.line for h in heads if h.line > head.line), stop)
    first = dtext.sentences(head.text)[1:]  # a heading line may go on with the first paragraph
    paragraphs = [dtext.Paragraph(head.line, tuple(first))] if first else []
    for n in range(head.line + 1, end):
        words = lines[n - 1].strip()
        found = dtext.heading(words)
        words = found[1] if found else words  # a lower heading's number is not part of the text
        if words:
            bare = not re.search(rf"[{dtext.SENTENCE_END}{dtext.CLAUSE_END}]", words) and dtext.is_lead(words)
            paragraphs.append(dtext.Paragraph(n, dtext.sentences(words), bare, numbered=bool(found)))
    part = _Part(head, [], [])
    for i, para in enumerate(paragraphs):
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        if _opens_measure(para, following):
            check = "" if len(para.sentences) > 1 else f"单独成段的短句“{dtext.body(para.sentences[0])}”作为举措标题"
            part.measures.append((dtext.body(para.sentences[0]), para.line, list(para.sentences[1:]), check))
        elif part.measures:
            part.measures[-1][2].extend(para.sentences)
        else:
            part.loose.extend(para.sentences)
    return part


def _opens_measure(para: dtext.Paragraph, following: dtext.Paragraph | None) -> bool:
    """Tell whether a paragraph opens with a measure's lead sentence that heads what comes after it."""
    if not dtext.is_lead(para.sentences[0]) or not (para.bare or para.sentences[0].endswith("。")):
        return False
    if len(para.sentences) > 1:
        return True
    if para.numbered and not para.bare:
        return False  # (1) 完成……。 is an item of its own, not the head of the next one
    return following is not None and not dtext.is_lead(following.sentences[0])


def _action(number: str, part: _Part, three_level: bool, year: int) -> DraftAction:
    """Make one action with its measures or tasks, numbered."""
    head = dtext.sentences(part.heading.text)[0] if dtext.sentences(part.heading.text) else part.heading.text
    title, _, aim = dtext.full_width(dtext.body(head)).partition("，")
    action = DraftAction(number, title or f"{PLACEHOLDER}：行动标题", aim or None, part.heading.line)
    measures = list(part.measures)
    if part.loose and (measures or (three_level and len(part.loose) == 1)):
        # A lone sentence under a heading (加快政府自身建设，以创新提效能……) is headed by its first clause.
        title_words = dtext.first_clause(part.loose[0])
        check = f"原文此处没有引领句，举措标题取自第一句的开头“{title_words}”"
        measures.insert(0, (title_words, part.heading.line, part.loose, check))
    elif part.loose:
        action.tasks = _tasks(part.loose, number, year)
        action.checks.append("原文此行动下没有引领句，任务直接列在行动之下（两级）；如有举措，请补上 measures")
    elif not measures:
        action.checks.append("这个行动下没有找到任务，请核对原文")
    for m, (words, line, items, check) in enumerate(measures, 1):
        measure = DraftMeasure(f"{number}-{m}", dtext.full_width(words), line, _tasks(items, f"{number}-{m}", year))
        measure.checks += [check] if check else []
        if not measure.tasks:
            measure.checks.append("这个举措下没有找到任务，请核对原文")
        action.measures.append(measure)
    return action


def _tasks(items: list[str], prefix: str, year: int) -> list[DraftTask]:
    """Make the tasks of a measure (or of a two-level action) from its sentences."""
    heads = dtext.groups(items)
    tasks: list[DraftTask] = []
    group = None
    for i, (sentence, is_head) in enumerate(zip(items, heads, strict=True)):
        if is_head:
            group = dtext.full_width(dtext.body(sentence))
            continue
        for clause in dtext.clauses(sentence):
            tasks.append(_task(f"{prefix}-{len(tasks) + 1}", clause, group, year))
        if any(heads) and dtext.is_group(sentence) and i + 1 < len(items):
            tasks[-1].checks.append(f"短句“{dtext.body(sentence)}”按任务处理；如它是下面任务的小标题，请改为 group")
    return tasks


def _task(task_id: str, clause: str, group: str | None, year: int) -> DraftTask:
    """Make one task from a clause: verbatim text, short title, targets, due, places."""
    targets, skipped = find_targets(clause)
    due, due_check = find_due(clause, year)
    title, title_check = _title(clause, targets)
    task = DraftTask(task_id, title, dtext.full_width(clause), group, due, targets, find_places(clause))
    task.checks += [c for c in (title_check, due_check) if c] + [t.check for t in targets if t.check]
    task.checks += [f"数字“{s.words}”未列为目标值：{s.reason}" for s in skipped if s.reason != DATE]
    return task


def _title(clause: str, targets: list[Target]) -> tuple[str, str]:
    """Draw a short title from the text: the clause without its topic label, or its part that holds a target."""
    parts = [dtext.body(p) for p in dtext.split_marks(dtext.full_width(dtext.body(clause)), "，：")]
    if not parts:
        return f"{PLACEHOLDER}：任务标题", "原文这一句没有文字，请核对"
    label = parts[0]
    if len(parts) > 1 and len(label) <= 8 and not re.search(r"\d", label) and not _has_verb(label):
        parts = parts[1:]  # 焦化行业，打造……: the label names the topic, the rest says what is done
    if len("，".join(parts)) <= TITLE_MAX:
        return "，".join(parts), ""
    number = targets[0].value.split(".")[0] if targets else None
    part = next((p for p in parts if number and number in p), parts[0])
    if len(part) <= TITLE_MAX:
        return part, ""
    depth, cut = 0, 0
    for i, char in enumerate(part[: TITLE_MAX + 1]):
        depth += (char in "“《（") - (char in "”》）")
        if depth == 0 and i >= 6 and char in "、的等和及与”》":
            cut = i + (char in "”》")  # before a list's second item, or after a closing quote
    return (part[:cut], "") if cut else (part[:TITLE_MAX], "标题截取自原文，请改为简短完整的说法")


def _has_verb(words: str) -> bool:
    """Tell whether jieba finds a verb in a few words."""
    return any(flag.startswith("v") for _, flag in dtext.words(words))


def _title_and_issuer(
    lines: list[str], heads: list[dtext.Heading], notes: list[str]
) -> tuple[str, str, dict[str, str]]:
    """Find the report's title (a short line naming a report) and issuer (a line opening with …人民政府)."""
    first = heads[0].line - 1 if heads else 3
    before = [(n, line.strip()) for n, line in enumerate(lines[:first], 1) if line.strip()]
    title = next((t for _, t in before[:3] if len(t) <= 40 and "。" not in t and REPORT_WORDS.search(t)), "")
    issuer = next((m[1] for _, t in before if (m := re.match(r"([\u4e00-\u9fff]{2,15}?人民政府)", t))), "")
    checks = {"title": "标题取自原文开头，请核对", "issuer": "发布机关取自原文开头，请核对"}
    place = re.match(r"([\u4e00-\u9fff]{2,12}?[省市县区旗])(?:\d{4}|[一二〇零]{4})年", title)
    if not issuer and place:
        issuer, checks["issuer"] = f"{place[1]}人民政府", f"发布机关由标题推断为“{place[1]}人民政府”，请核对"
    rest = [n for n, t in before if t not in (title, issuer)]
    if rest and not notes:
        where = f"{rest[0]}–{rest[-1]}" if len(rest) > 1 else rest[0]
        notes.append(f"原文第 {where} 行在第一个行动之前，没有转录；如其中有工作任务，请补上")
    if not title:
        title, checks["title"] = f"{PLACEHOLDER}：报告标题", "原文没有标题，请填写，如“××县2022年政府工作报告”"
    if not issuer:
        issuer, checks["issuer"] = f"{PLACEHOLDER}：发布机关", "请填写发布机关，如“××县人民政府”"
    return title, issuer, checks


def render(plan: Draft) -> str:
    """Write the draft as plan.yaml text, each uncertain choice marked with a `# 待核对：` comment."""
    return ENV.get_template("plan.draft.yaml.j2").render(d=plan)


def write(report: pathlib.Path, out: pathlib.Path | None, year: int | None) -> tuple[str, pathlib.Path | None]:
    """Draft the plan of a report file; write it to out (never over an existing file) or return it for stdout."""
    if not report.is_file():
        what = "这是一个目录，不是文件" if report.is_dir() else "找不到这个文件"
        raise DataError(
            [Problem(visible(str(report)), 1, 1, "", f"{what}；请写报告文本文件（UTF-8 编码的 .txt）的路径")]
        )
    name = visible(str(report))
    text = read_text(report, name)
    plan = draft(text, visible(report.name), year)
    if not plan.actions:
        message = "没有找到编号的行动标题；行动标题应单独成行，以（一）、一、或 1. 开头"
        raise DataError([Problem(name, 1, 1, "", message)])
    yaml_text = render(plan)
    if out is None:
        return yaml_text, None
    try:
        with out.open("x", encoding="utf-8") as stream:  # "x": never over an existing file
            stream.write(yaml_text)
    except FileExistsError:
        raise DraftError(f"{visible(str(out))} 已存在，不会覆盖；请先改名或删除，或用 --out 指定另一个文件") from None
    except OSError as err:
        out.unlink(missing_ok=True)
        reason = WRITE_ERRORS.get(err.errno or 0, "写入失败")
        raise DraftError(f"无法写入 {visible(str(out))}（{reason}）；请用 --out 指定另一个文件") from None
    return yaml_text, out
