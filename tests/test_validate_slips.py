"""`gongkai validate` on the slips of hand-editing YAML: each is reported where it was made, all at once.

Staff type with a Chinese input method on and resolve git conflicts by hand. Each test writes the slip
into a small data folder, runs the real command (the `validate` fixture) and checks file, line, column
and the key words of the message; valid files that look like slips must load with no problem at all.
"""

from __future__ import annotations

import pathlib

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator import catalogue, layout, linescan, yamlfile
from tests.test_validate import JUNE, PLAN, at, period, where

TWO_UPDATES = "  - task: 1-1-1\n    actual: {改厕: 800}\n  - task: 1-1-2\n    status: 推进中\n"


def check_june(make_data, validate, text: str):
    """Validate the mini plan with one progress file; return the run."""
    return validate(make_data(progress={"2021-06.yaml": text}))


# --- git conflict markers --------------------------------------------------------------------------


def test_conflict_markers_are_named_and_explained(make_data, validate):
    text = period(
        "  - task: 1-1-1\n<<<<<<< HEAD\n    actual: {改厕: 800}\n=======\n    actual: {改厕: 900}\n"
        ">>>>>>> zhangsan\n  - task: 1-1-2\n    status: 推进中\n"
    )
    run = check_june(make_data, validate, text)
    assert run.code == 1
    marks = [where(JUNE, text, "<<<<<<<"), where(JUNE, text, "======="), where(JUNE, text, ">>>>>>>")]
    assert [p.where for p in run.problems] == marks  # nothing else: no "missing colon", no "duplicate key"
    lines = "、".join(str(line) for _, line, _ in marks)
    first = run.problems[0].message
    assert "未解决的 git 合并冲突" in first and f"第 {lines} 行" in first
    assert "保留正确的一份" in first and "删掉这 3 行标记" in first
    assert all(f"第 {marks[0][1]} 行" in p.message and "删掉这一行" in p.message for p in run.problems[1:])


def test_a_conflict_left_with_only_its_separator(make_data, validate):
    text = period(TWO_UPDATES.replace("  - task: 1-1-2\n", "=======\n  - task: 1-1-2\n"))
    run = check_june(make_data, validate, text)
    assert run.only().where == where(JUNE, text, "=======")
    assert "git 合并冲突" in run.only().message and "标记行" in run.only().message


def test_equals_signs_inside_text_are_not_conflict_markers(make_data, validate):
    text = period(
        "  - task: 1-1-1\n    actual: {改厕: 800}\n    note: |\n      示例：上半年\n      =======\n"
        "      <<<<<<< 不是标记\n  - task: 1-1-2\n    status: 推进中\n    note: =======\n"
    )
    assert check_june(make_data, validate, text).code == 0


# --- full-width spaces and tabs ----------------------------------------------------------------------


def test_full_width_space_as_indentation(make_data, validate):
    text = period(TWO_UPDATES.replace("    status: 推进中", "\u3000\u3000status: 推进中"))
    run = check_june(make_data, validate, text)
    assert run.only().where == where(JUNE, text, "\u3000")
    assert "行首有全角空格" in run.only().message and "半角空格" in run.only().message


@pytest.mark.parametrize(
    ("old", "new", "mark"),
    [("actual: {", "actual:\u3000{", "冒号"), ("  - task: 1-1-2", "  -\u3000task: 1-1-2", "“-”")],
)
def test_full_width_space_after_a_colon_or_a_dash(make_data, validate, old, new, mark):
    text = period(TWO_UPDATES.replace(old, new))
    run = check_june(make_data, validate, text)
    assert run.only().where == where(JUNE, text, "\u3000")
    assert f"{mark}后面是全角空格" in run.only().message and "半角空格" in run.only().message


def test_tab_after_a_colon(make_data, validate):
    text = period(TWO_UPDATES.replace("status: 推进中", "status:\t推进中"))
    run = check_june(make_data, validate, text)
    assert run.only().where == where(JUNE, text, "\t")
    assert "制表符" in run.only().message


def test_full_width_spaces_and_tabs_inside_text_are_fine(make_data, validate):
    text = period(TWO_UPDATES + "    note: 示例\u3000进展\t顺利\n    reason: |\n      \u3000\u3000段首空两格\n")
    assert check_june(make_data, validate, text).code == 0


# --- a list item without its "- " ----------------------------------------------------------------------


def test_missing_dash_is_not_called_a_duplicate(make_data, validate):
    text = period(TWO_UPDATES.replace("  - task: 1-1-2", "    task: 1-1-2"))
    run = check_june(make_data, validate, text)
    assert run.code == 1
    assert run.only().where == where(JUNE, text, "task: 1-1-2")
    assert run.only().field == "任务 1-1-1 的 task"  # the entry it fell into
    message = run.only().message
    assert "漏写了“- ”" in message and "加上“- ”" in message and "字段重复" not in message
    assert f"第 {at(text, 'task: 1-1-1')[0]} 行" in message
    fixed = text.replace("    task: 1-1-2", "  - task: 1-1-2")  # doing what the message says makes the file valid
    assert check_june(make_data, validate, fixed).code == 0


def test_missing_dash_before_a_task_of_the_plan(make_data, validate, mini_plan):
    plan = mini_plan.replace('          - id: "1-1-2"', '            id: "1-1-2"')
    run = validate(make_data(plan=plan))
    assert run.only().where == where(PLAN, plan, 'id: "1-1-2"')
    assert run.only().field == "任务 1-1-1 的 id"  # the task it fell into
    assert "漏写了“- ”" in run.only().message


def test_a_real_duplicate_keeps_its_message(make_data, validate):
    text = period("  - task: 1-1-1\n    actual: {改厕: 800}\n    actual: {改厕: 900}\n")
    run = check_june(make_data, validate, text)
    assert run.only().where == where(JUNE, text, "actual", 2)
    assert "字段重复" in run.only().message and "- " not in run.only().message


def test_a_duplicate_inside_the_merged_item_is_still_reported(make_data, validate):
    body = "  - task: 1-1-1\n    actual: {改厕: 800}\n    task: 1-1-2\n    status: 推进中\n    status: 已完成\n"
    text = period(body)
    run = check_june(make_data, validate, text)
    assert [p.where for p in run.problems] == [where(JUNE, text, "task: 1-1-2"), where(JUNE, text, "status", 2)]
    assert "漏写了“- ”" in run.problems[0].message and "字段重复" in run.problems[1].message


# --- quotes ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("quote", ['"', "'"])
def test_open_quote_closed_by_a_later_one_points_at_the_opening(make_data, validate, quote):
    text = period(TWO_UPDATES.replace("推进中\n", f"推进中\n    note: {quote}已完成{quote}\n")).replace(
        "{改厕: 800}\n", f"{{改厕: 800}}\n    note: {quote}进展顺利\n"
    )
    run = check_june(make_data, validate, text)
    assert run.only().where == where(JUNE, text, f"{quote}进展顺利")
    message = run.only().message
    assert "引号" in message and "没有闭合" in message and f"第 {at(text, '已完成')[0]} 行" in message


def test_open_quote_never_closed(make_data, validate):
    text = period(TWO_UPDATES.replace("  - task: 1-1-2", '  - task: "1-1-2'))
    run = check_june(make_data, validate, text)
    assert run.only().where == where(JUNE, text, '"1-1-2')
    assert "引号" in run.only().message and "没有配对" in run.only().message


def test_quoted_text_over_several_lines_is_fine(make_data, validate):
    note = '    note: "第一行：\n      其中 \\"引号\\" - 不是列表\n      task: 不是字段"\n'
    note += "    reason: '他说：\n      ''好'''\n"
    assert check_june(make_data, validate, period(TWO_UPDATES + note)).code == 0


# --- Chinese colons --------------------------------------------------------------------------------


def test_chinese_colon_after_the_first_key_of_a_file(make_data, validate):
    text = period(TWO_UPDATES).replace("as_of: ", "as_of：")
    run = check_june(make_data, validate, text)
    assert run.only().where == (JUNE, 1, 6)
    message = run.only().message
    assert "中文冒号" in message and "as_of: " in message and "字段: 值" not in message


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("{改厕: 800}", "{改厕：800}", "改厕"),  # YAML would read the key 改厕：800 with no value
        ("  - task: 1-1-2", "  - task：1-1-2", "task"),  # YAML would read a text item, not a record
        ("    status: 推进中", "    status：推进中", "status"),
        ("    actual: {", "    actual：{", "actual"),
    ],
)
def test_chinese_colon_after_a_key(make_data, validate, old, new, key):
    text = period(TWO_UPDATES.replace(old, new))
    run = check_june(make_data, validate, text)
    assert run.only().where == where(JUNE, text, "：")
    assert "中文冒号" in run.only().message and f"{key}: " in run.only().message


def test_chinese_colons_inside_text_are_fine(make_data, validate, mini_plan):
    plan = mini_plan.replace("title: 推进示例工作", "title: “三稳三建三配套”：示例").replace(
        "    aim: 检验校验器", "    aim: 示例：检验\n      其中：校验器"
    )
    evidence = '    evidence:\n      - {title: "甲：乙", ref: 示例：1号}\n'
    text = period(TWO_UPDATES + "    note: 示例：进展顺利\n    reason:\n      示例：原因\n" + evidence)
    assert validate(make_data(plan=plan, progress={"2021-06.yaml": text})).code == 0


# --- every slip at once, and nothing twice -----------------------------------------------------------


def test_every_slip_in_one_file_is_listed(make_data, validate):
    updates = "".join(f"  - task: 1-1-{n}\n    status: 推进中\n" for n in (1, 2))
    lines = [
        "as_of: 2021-06-30",
        "published：2021-07-05",  # line 2: Chinese colon
        "updates:",
        "  - task: 1-1-1",
        "    actual: {改厕: 800}",
        "\u3000\u3000note: 示例",  # full-width indentation
        '    reason: "上级调整',  # quote left open
        "    task: 1-1-2",  # missing "- "
        "\tstatus: 推进中",  # tab
        *updates.splitlines(),
        *["# 说明"] * 25,
        "<<<<<<< HEAD",
        "  - task: 1-1-3",
        "=======",
        "  - task: 1-1-3",
        ">>>>>>> lisi",
    ]
    text = "\n".join(lines) + "\n"
    run = check_june(make_data, validate, text)
    expected = [
        where(JUNE, text, "："),
        where(JUNE, text, "\u3000"),
        where(JUNE, text, '"上级'),
        where(JUNE, text, "task: 1-1-2"),
        where(JUNE, text, "\t"),
        where(JUNE, text, "<<<<<<<"),
        where(JUNE, text, "======="),
        where(JUNE, text, ">>>>>>>"),
    ]
    assert [p.where for p in run.problems] == expected, run.err
    assert "中文冒号" in run.problems[0].message and "全角空格" in run.problems[1].message
    assert "引号" in run.problems[2].message and "漏写了“- ”" in run.problems[3].message
    assert "制表符" in run.problems[4].message and "git 合并冲突" in run.problems[5].message


def test_missing_dash_is_found_beside_a_slip(make_data, validate):
    text = period(TWO_UPDATES.replace("  - task: 1-1-2", "    task: 1-1-2")).replace("as_of: ", "as_of：")
    run = check_june(make_data, validate, text)
    assert [p.where for p in run.problems] == [(JUNE, 1, 6), where(JUNE, text, "task: 1-1-2")]
    assert "漏写了“- ”" in run.problems[1].message


def test_another_syntax_error_is_still_reported(make_data, validate, mini_plan):
    plan = mini_plan.replace("  issuer: ", "  issuer：").replace("aim: 检验校验器", "aim: 检验: 校验器")
    run = validate(make_data(plan=plan))
    assert [p.where for p in run.problems] == [where(PLAN, plan, "："), where(PLAN, plan, ": 校验器")]
    assert "中文冒号" in run.problems[0].message and "这里不能有冒号" in run.problems[1].message


# --- no slip is found in valid YAML -------------------------------------------------------------------

PIECES = [*"ab 是：:，\"'#-|>{}[],\t\u3000\n", "=======", "<<<<<<< ", "\n=======\n", "- task：x"]
TRICKY = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
# Keys a data file never has, which the scan reads as slips: starting like indentation, an item or a conflict
# marker, or holding ":" and a full-width space, or "：" before a bracket or quote (as in "actual：{改厕: 800}").
# Nor does a text item start with an English word and "：", or hold ":" and a full-width space: the scan reads
# "- task：1-1-2" and "- task:\u30001-1-2" as keys.
KEYS = TRICKY.filter(
    lambda key: (
        not key[:1].isspace()
        and key[:1] not in "-=<>|\u3000"
        and ":\u3000" not in key
        and not any(f"：{c}" in key for c in "{[\"' ")
    )
)
ITEMS = TRICKY.filter(
    lambda item: ":\u3000" not in item and ("：" not in item or not layout.FIELD_LIKE.fullmatch(item.split("：")[0]))
)
TREES = st.recursive(
    ITEMS | st.integers() | st.booleans(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(KEYS, children, max_size=3),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    tree=st.dictionaries(KEYS, TREES, min_size=1, max_size=4),
    flow=st.sampled_from([False, True, None]),
    style=st.sampled_from([None, '"', "'", "|", ">"]),
    width=st.integers(10, 80),
)
def test_yaml_written_by_a_program_has_no_slip(tree, flow, style, width):
    text = yaml.safe_dump(tree, allow_unicode=True, default_flow_style=flow, default_style=style, width=width)
    assume(yaml.safe_load(text) == tree)  # PyYAML's writer misplaces a few odd line breaks: valid YAML only
    scan = linescan.scan(text, complete=True)
    assert scan.findings == [] and scan.text == text


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        (layout.TAB, "含有制表符（Tab）"),
        (layout.WIDE_INDENT, "行首有全角空格"),
        (layout.WIDE_AFTER.format(mark="冒号"), "后面是全角空格"),
        (layout.WIDE_AFTER.format(mark="“-”"), "后面是全角空格"),
        (layout.CN_COLON, "后面用了中文冒号“：”"),
        (layout.QUOTE_NEVER, "没有配对"),
        (layout.QUOTE_UNTIL, "在本行没有闭合"),
        (linescan.CONFLICT, "未解决的 git 合并冲突"),
        (linescan.CONFLICT_PART, "git 合并冲突标记"),
        (linescan.CONFLICT_LEFT, "git 合并冲突留下的标记行"),
        (yamlfile.MISSING_DASH, "行首漏写了“- ”"),
    ],
)
def test_the_guide_explains_each_slip_message(message, shown):
    guide = (pathlib.Path(__file__).parent.parent / "generator" / "handbook" / "guide.md").read_text(encoding="utf-8")
    table = catalogue.section(guide)  # the table of messages, rendered from generator/catalogue.py
    first_column = [row.split("|")[1] for row in table.splitlines() if row.startswith("| ")]
    assert shown in message
    assert any(shown in column for column in first_column), f"the guide's section 四 has no row for {shown}"


# Lines shaped like a data file's, each part either right or slipped.
SLIPPED_LINE = st.tuples(
    st.sampled_from(["", "  ", "    ", "\t", "\u3000", "  \u3000"]),
    st.sampled_from(["", "- ", "-\u3000", "-\t"]),
    st.sampled_from(["task", "改厕", "as_of", '"k"', "", "#"]),
    st.sampled_from([": ", ":", "：", ":\u3000", ":\t", "：\u3000", " ："]),
    st.sampled_from(
        ["1", "示例：x", "{改厕：1}", "{a: 1, 改厕：2}", "[a：b]", '"x', "'y'", "|", "", "=======", "a\tb"]
    ),
).map("".join)
SLIPPED_TEXT = st.lists(SLIPPED_LINE | st.sampled_from(["=======", "<<<<<<< HEAD", ">>>>>>> x", "\x00"]), max_size=8)


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(lines=SLIPPED_TEXT)
def test_the_quick_look_hides_no_slip_of_a_file_yaml_reads(lines):
    """A slip the full scan finds is seen by the quick look, unless YAML fails (which runs the full scan too)."""
    text = "\n".join(lines)
    if not linescan.scan(text, complete=True).findings or linescan.scan(text).complete:
        return
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return
    assert not isinstance(root, yaml.MappingNode)  # a data file's top level is a mapping; the model refuses others
