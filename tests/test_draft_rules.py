"""The reading rules of `gongkai draft`, one by one, on made-up 示例 sentences."""

from __future__ import annotations

import datetime as dt
import os
import pathlib
import tempfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import draft_text as dtext
from generator.draft import draft, render
from generator.draft_dates import find_due, find_year
from generator.draft_places import find_places
from generator.draft_targets import find_targets
from generator.quotes import normalise
from generator.yamlfile import read_yaml

# --- targets --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("新建示例馆3座。", [("3", "座", "at_least", True)]),
        ("完成植树造林1.2万亩。", [("1.2", "万亩", "at_least", True)]),
        ("打造600万吨级的示例产业园。", [("600", "万吨", "at_least", True)]),
        ("示例指标不少于50个，示例率达到95%以上。", [("50", "个", "at_least", True), ("95", "%", "at_least", False)]),
        ("示例失业率控制在4%以内。", [("4", "%", "at_most", False)]),
        ("示例处理时限不超过3个工作日。", [("3", "个工作日", "at_most", True)]),
        ("示例能耗下降到0.5吨标准煤以下。", [("0.5", "吨标准煤", "at_most", True)]),
        ("示例投资至少20亿元。", [("20", "亿元", "at_least", True)]),
        ("示例线路５公里。", [("5", "公里", "at_least", True)]),  # full-width digits
        ("新增示例岗位3000余个。", [("3000", "个", "at_least", True)]),
    ],
)
def test_targets(sentence, expected):
    targets, _ = find_targets(sentence)
    assert [(t.value, t.unit, t.comparator, t.cumulative) for t in targets] == expected


@pytest.mark.parametrize(
    ("sentence", "words", "reason"),
    [
        ("巩固示例山4A级景区。", "4A级", "字母"),
        ("举办第3届示例节。", "3届", "序号"),
        ("示例承包期再延长30年。", "30年", "年限"),
        ("淘汰4.3米及以下示例炉。", "4.3米", "限定"),
        ("强化“1+30”示例区域联防联控。", ["1", "30"], "引号"),
        ("对上市企业给予200万元的奖励。", "200万元", "奖补"),
        ("示例老人每人每月100元。", "100元", "奖补"),
        ("推动示例公司50000立方空分、示例制氢等项目建设。", "50000立方", "所举项目"),
    ],
)
def test_numbers_that_are_not_targets(sentence, words, reason):
    targets, skipped = find_targets(sentence)
    assert targets == []
    assert [s.words for s in skipped] == ([words] if isinstance(words, str) else words)
    assert all(reason in s.reason for s in skipped)


def test_dates_are_neither_targets_nor_noted():
    targets, skipped = find_targets("2023年6月底前完成示例工程。")
    assert targets == [] and all(s.reason == "是日期" for s in skipped)


def test_metrics_name_what_is_counted_and_stay_unique():
    targets, _ = find_targets("谋划总投资100亿元的示例项目等16个重点项目，建成示例站3个、示例点3个。")
    assert [t.metric for t in targets] == ["总投资", "重点项目", "示例站", "示例点"]
    targets, _ = find_targets("建成示例馆3个、示例馆5个。")
    assert [t.metric for t in targets] == ["示例馆", "示例馆2"]


def test_approximate_numbers_are_marked():
    (target,), _ = find_targets("新增示例岗位3000余个。")
    assert "约数" in target.check


# --- dues -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("年内完成示例工程。", "2023-12-31"),
        ("示例工程年底前完工。", "2023-12-31"),
        ("上半年完成示例工程。", "2023-06-30"),
        ("下半年启动示例工程。", "2023-12-31"),
        ("6月底前交付使用。", "2023-06-30"),
        ("9月前完成。", "2023-09-30"),
        ("十一月底前完成。", "2023-11-30"),
        ("10月15日前完成。", "2023-10-15"),
        ("三季度完成示例工程。", "2023-09-30"),
        ("第一季度完成。", "2023-03-31"),
        ("2024年6月底前完成。", "2024-06-30"),
        ("三年内完成示例工程。", None),
        ("6月启动示例工程。", None),
        ("推进示例工作。", None),
    ],
)
def test_dues(sentence, due):
    found, _ = find_due(sentence, 2023)
    assert (found.isoformat() if found else None) == due


def test_several_dues_take_the_latest_and_are_marked():
    due, check = find_due("6月底前开工，年内完工。", 2023)
    assert due == dt.date(2023, 12, 31) and "取最晚" in check
    due, check = find_due("2025年底前完成。", 2023)
    assert due == dt.date(2025, 12, 31) and "不在计划年度" in check


@pytest.mark.parametrize(
    ("text", "year", "words"),
    [
        ("示例县2023年政府工作报告\n（一）示例", 2023, "开头"),
        ("（一）示例\n2022年完成示例。2023年完成示例。2023年启动示例。", 2023, "最多"),
        ("（一）示例\n庆祝建党一百周年。", 2021, "建党一百周年"),
        ("（一）示例\n纪念改革开放45周年。", 2023, "改革开放45周年"),
    ],
)
def test_year_found_in_the_text_is_marked(text, year, words):
    found, check = find_year(text, text.splitlines(), None)
    assert found == year and words in check


def test_year_given_is_not_marked():
    assert find_year("2022年", ["2022年"], 2023) == (2023, "")


# --- places -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        ("加快推进青石村、柳河镇传统村落保护。", ["青石村", "柳河镇"]),
        ("加大东关街小学、城西幼儿园建设力度。", ["东关街小学", "城西幼儿园"]),
        ("完成示例河治理和白石水库除险加固。", ["示例河", "白石水库"]),
        ("推进农村道路和城区管网改造。", []),
        ("打造5个美丽宜居示范村。", []),
        ("开展“山水示例”系列活动。", []),
    ],
)
def test_places(sentence, places):
    assert find_places(sentence) == places


# --- text -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("（一）示例行动，示例目标", ("（一）", "示例行动，示例目标")),
        ("(二)示例行动", ("（一）", "示例行动")),
        ("三、示例行动", ("一、", "示例行动")),
        ("4. 示例行动", ("1.", "示例行动")),
        ("5、示例行动", ("1.", "示例行动")),
        ("（6）示例行动", ("（1）", "示例行动")),
        ("1.2万亩示例林。", None),
        ("一是推进示例工作。", None),
    ],
)
def test_headings(line, found):
    assert dtext.heading(line) == found


def test_sentences_and_clauses_keep_quotes_whole():
    assert dtext.sentences("推进示例。开展“示例。活动”；完成示例") == ("推进示例。", "开展“示例。活动”；完成示例")
    assert dtext.clauses("建成示例馆;推进示例(含示例;二期)。") == ["建成示例馆;", "推进示例(含示例;二期)。"]


def test_full_width_keeps_a_comma_between_digits():
    assert dtext.full_width("示例,建成1,200个(示例);") == "示例，建成1,200个（示例）；"


@pytest.mark.parametrize(
    ("items", "heads"),
    [
        (["推进示例甲。", "推进示例乙。", "推进示例丙。"], [False, False, False]),  # a run of short sentences: tasks
        (
            ["推动示例扩区。", "解决示例问题。", "推进示例提质。", "推进示例路网，提高示例保障率；引进示例。"],
            [True, False, True, False],
        ),
        (["兑现示例政策。", "支持示例融资。", "凡在示例上市的，给予示例奖励。"], [False, True, False]),
        (["建成示例馆3座。", "建成示例站5个。", "启动示例工作。"], [False, False, False]),  # numbers are no headings
    ],
)
def test_groups(items, heads):
    assert dtext.groups(items) == heads


def test_work_plan_section_of_a_whole_report():
    text = (
        "示例县2023年政府工作报告\n"
        "一、2022年工作回顾\n（一）示例回顾。去年建成示例馆3座。\n"
        "二、2023年工作安排\n（一）实施示例行动，示例目标\n推动示例工作。建成示例站5个。\n"
        "办好十件民生实事。\n"
        "（二）实施示例改革\n深化示例改革。推进示例工作。\n"
        "三、加强政府自身建设\n（一）示例作风。\n"
    )
    plan = draft(text, "r.txt", None)
    assert [a.title for a in plan.actions] == ["实施示例行动", "实施示例改革"]
    texts = [[t.text for m in a.measures for t in m.tasks] for a in plan.actions]
    assert texts == [["建成示例站5个。", "办好十件民生实事。"], ["推进示例工作。"]]  # nothing from other sections
    assert plan.actions[0].aim == "示例目标" and plan.numbering == "（一）"
    assert plan.notes == ["只转录了原文第 4–9 行“2023年工作安排”一节，其余部分不是工作安排"]
    assert plan.issuer == "示例县人民政府" and "由标题推断" in plan.checks["issuer"]
    assert plan.kind == "政府工作报告"  # the body's 办好十件民生实事 does not make it a 民生实事 list


@pytest.mark.parametrize(
    ("clause", "title"),
    [
        ("焦化行业，打造600万吨级的示例产业园。", "打造600万吨级的示例产业园"),  # the topic label goes
        ("新建普惠性幼儿园3所，11月底前投入使用。", "新建普惠性幼儿园3所，11月底前投入使用"),  # a count stays
        ("完成示例甲、示例乙、示例丙、示例丁、示例戊和示例己改造工程。", "完成示例甲、示例乙、示例丙、示例丁"),
    ],
)
def test_titles_are_short_and_from_the_text(clause, title):
    plan = draft("（一）示例行动\n" + clause + "\n", "r.txt", 2023)
    assert plan.actions[0].tasks[0].title == title


def test_lead_on_its_own_line_heads_the_next_paragraph():
    text = "1. 示例行动\n推动示例工作。\n建成示例站5个；启动示例工程。\n2. 示例行动二\n推进示例改革。完成示例改革。\n"
    plan = draft(text, "r.txt", 2023)
    first = plan.actions[0].measures[0]
    assert first.title == "推动示例工作" and [t.text for t in first.tasks] == ["建成示例站5个；", "启动示例工程。"]
    assert "单独成段" in first.checks[0]
    assert plan.numbering == "1."


# --- any text -----------------------------------------------------------------------------------

LINE_PARTS = st.sampled_from(
    [
        "（一）",
        "(二)",
        "三、",
        "4.",
        "5、",
        "（6）",
        "推进示例工作",
        "示例县",
        "青石村",
        "“",
        "”",
        "《",
        "》",
        "（",
        "）",
        "。",
        "；",
        ";",
        "，",
        ",",
        "、",
        "3",
        "1.2",
        "万亩",
        "个",
        "%",
        "以上",
        "以内",
        "控制在",
        "年内",
        "6月底前",
        "上半年",
        "第",
        "A",
        "+",
        "\\",
        '"',
        "'",
        ":",
        "#",
        "- ",
        "{",
        "}",
        "[",
        "\t",
        " ",
        "\u2028",
        "人民政府",
        "2023年",
    ]
)


@settings(max_examples=150, deadline=None, database=None, derandomize=bool(os.environ.get("CI")))
@given(st.lists(st.lists(LINE_PARTS, max_size=12).map("".join), min_size=1, max_size=12).map("\n".join))
def test_any_text_drafts_a_loadable_yaml_quoting_the_text(text):
    plan = draft(text, "r.txt", 2023)
    with tempfile.TemporaryDirectory() as scratch:
        path = pathlib.Path(scratch) / "plan.yaml"
        path.write_text(render(plan), encoding="utf-8")
        data = read_yaml(path, "plan.yaml").data
    folded = normalise(text)
    tasks = [t for a in data["actions"] or [] for m in a.get("measures") or [] for t in m["tasks"] or []]
    tasks += [t for a in data["actions"] or [] for t in a.get("tasks") or []]
    assert all(normalise(t["text"]) in folded for t in tasks)
    assert all(isinstance(g["value"], int | float) for t in tasks for g in t.get("targets", []))


def test_numbered_items_of_an_action_plan_are_tasks():
    text = (
        "示例县人居环境整治专项行动方案\n"
        "1. 示例厕所革命\n（1）一季度完成示例摸底。\n（2）新建示例厕所800座，9月前全部完工；合格率达到98%。\n"
        "2. 示例垃圾治理\n（1）配备保洁员不少于300名。\n"
    )
    plan = draft(text, "r.txt", 2023)
    assert (plan.kind, plan.numbering) == ("专项行动方案", "1.")
    first, second = plan.actions
    assert not first.measures and not second.measures  # (1) 一季度完成…… heads nothing: it is a task
    assert [(t.text, t.due and t.due.isoformat()) for t in first.tasks] == [
        ("一季度完成示例摸底。", "2023-03-31"),
        ("新建示例厕所800座，9月前全部完工；", "2023-09-30"),
        ("合格率达到98%。", None),
    ]
    assert [(g.value, g.unit) for t in first.tasks + second.tasks for g in t.targets] == [
        ("800", "座"),
        ("98", "%"),
        ("300", "名"),
    ]
