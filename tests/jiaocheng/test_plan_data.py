"""Checks that data/plan.yaml is a faithful, complete transcription of data/source.txt.

The source text is the authority: every measure line of the source must be rebuilt exactly from
the YAML (measure title, group headings and task texts), so nothing can be dropped or invented.
The only allowed difference is ASCII , ; ( ) in the source written as full-width ，；（） in the YAML.
"""

from __future__ import annotations

import re

import pytest
import yaml

from generator.model import Plan, Task
from tests.jiaocheng.conftest import DATA

PLAN_FILE = DATA / "plan.yaml"
SOURCE_FILE = DATA / "source.txt"

CHINESE_NUMERALS = "一二三四五六七八"
ACTION_LINE = re.compile(r"^\(([一二三四五六七八])\)")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
TO_ASCII = str.maketrans({"，": ",", "；": ";", "（": "(", "）": ")"})


def norm(text: str) -> str:
    """Write the full-width punctuation the YAML may use in the ASCII form of the source."""
    return text.translate(TO_ASCII)


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan(raw: dict) -> Plan:
    return Plan.model_validate(raw)


@pytest.fixture(scope="module")
def source_lines() -> list[str]:
    return SOURCE_FILE.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def tasks(plan: Plan) -> dict[str, Task]:
    return {t.id: t for t in plan.tasks()}


# --- the files -------------------------------------------------------------------------


def test_plan_file_starts_with_schema_comment() -> None:
    first = PLAN_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema/plan.schema.json"


def test_source_file_is_present_with_eight_actions(source_lines: list[str]) -> None:
    assert SOURCE_FILE.stat().st_size > 0
    assert [ACTION_LINE.match(line)[1] for line in source_lines if ACTION_LINE.match(line)] == list(CHINESE_NUMERALS)


def test_plan_validates(plan: Plan) -> None:
    assert plan.report.year == 2021
    assert plan.report.source == "source.txt"
    assert (PLAN_FILE.parent / plan.report.source).is_file()


# --- structure and ids -------------------------------------------------------------------


def test_eight_actions(plan: Plan) -> None:
    assert len(plan.actions) == 8


def test_ids_unique_and_consistent(plan: Plan) -> None:
    seen: set[str] = set()
    for n, action in enumerate(plan.actions, start=1):
        assert action.id == str(n)
        seen.add(action.id)
        for m, measure in enumerate(action.measures, start=1):
            assert measure.id == f"{n}-{m}"
            assert measure.id not in seen
            seen.add(measure.id)
            for k, task in enumerate(measure.tasks, start=1):
                assert task.id == f"{n}-{m}-{k}"
                assert task.id not in seen
                seen.add(task.id)


def test_ids_are_quoted_strings(raw: dict) -> None:
    for action in raw["actions"]:
        assert isinstance(action["id"], str)
        for measure in action["measures"]:
            assert isinstance(measure["id"], str)
            assert all(isinstance(t["id"], str) for t in measure["tasks"])


def test_no_lead_is_invented(plan: Plan) -> None:
    assert all(t.lead is None for t in plan.tasks())


# --- coverage and exactness ---------------------------------------------------------------


def test_action_lines_match_source(plan: Plan, source_lines: list[str]) -> None:
    heads = [line for line in source_lines if ACTION_LINE.match(line)]
    assert len(heads) == len(plan.actions)
    for numeral, head, action in zip(CHINESE_NUMERALS, heads, plan.actions, strict=True):
        assert head == f"({numeral})" + norm(action.title) + "," + norm(action.aim)


def reconstruct(measure) -> str:
    """Rebuild a source line from a measure: title, then group headings and task texts in order."""
    parts = []
    if not measure.tasks[0].text.startswith(measure.title):
        parts.append(measure.title + "。")
    previous_group = None
    for task in measure.tasks:
        if task.group and task.group != previous_group:
            parts.append(task.group + "。")
        previous_group = task.group
        parts.append(task.text)
    return norm("".join(parts))


def test_measures_rebuild_source_lines_exactly(plan: Plan, source_lines: list[str]) -> None:
    by_action: list[list[str]] = []
    for line in source_lines:
        if ACTION_LINE.match(line):
            by_action.append([])
        else:
            assert by_action, "the source must start with an action line"
            by_action[-1].append(line)
    assert len(by_action) == len(plan.actions)
    for lines, action in zip(by_action, plan.actions, strict=True):
        assert len(lines) == len(action.measures), f"action {action.id}: one measure per source line"
        for line, measure in zip(lines, action.measures, strict=True):
            assert reconstruct(measure) == line, f"measure {measure.id} does not rebuild its source line"


def test_measure_titles_are_the_first_sentence(plan: Plan, source_lines: list[str]) -> None:
    measure_lines = [line for line in source_lines if not ACTION_LINE.match(line)]
    measures = [m for a in plan.actions for m in a.measures]
    for line, measure in zip(measure_lines, measures, strict=True):
        assert line.startswith(norm(measure.title) + ("" if measure.id == "8-1" else "。"))
        assert "。" not in measure.title


def test_each_task_is_one_sentence_or_clause(plan: Plan) -> None:
    for task in plan.tasks():
        assert task.text[-1] in "。；", task.id
        assert "。" not in task.text[:-1] and "；" not in task.text[:-1], task.id


def test_groups_are_headings_not_sentences(plan: Plan) -> None:
    for task in plan.tasks():
        if task.group:
            assert not re.search(r"[。；，,;]", task.group), task.id
            assert len(task.group) <= 15, task.id


def test_full_width_punctuation_is_used(plan: Plan) -> None:
    texts = [a.title for a in plan.actions] + [a.aim for a in plan.actions]
    texts += [m.title for a in plan.actions for m in a.measures]
    texts += [t.text for t in plan.tasks()] + [t.group for t in plan.tasks() if t.group]
    for text in texts:
        assert not re.search(r"[,;()]", text), text


# --- titles and dates ------------------------------------------------------------------------


def test_task_titles_are_short_and_their_numbers_come_from_the_text(plan: Plan) -> None:
    for task in plan.tasks():
        assert len(task.title) <= 20, task.id
        for number in NUMBER.findall(task.title):
            assert number in NUMBER.findall(task.text), f"{task.id}: {number} is not in the text"


def test_due_is_set_exactly_where_the_text_says_nian_nei(plan: Plan) -> None:
    for task in plan.tasks():
        if "年内" in task.text:
            assert task.due is not None and task.due.isoformat() == "2021-12-31", task.id
        else:
            assert task.due is None, task.id
        assert task.start is None, task.id


# --- targets -----------------------------------------------------------------------------------

# (task id, words of the task text that hold the number, metric, value, unit, comparator)
REQUIRED_TARGETS = [
    ("1-2-1", "600万吨级的绿色焦化产业园", "产能", 600, "万吨", "at_least"),
    ("1-2-2", "500万吨的新型肥料产业园", "产能", 500, "万吨", "at_least"),
    ("1-2-3", "总产值50亿元", "总产值", 50, "亿元", "at_least"),
    ("1-2-5", "4000台机柜", "机柜", 4000, "台", "at_least"),
    ("1-2-6", "10万吨级白酒基地", "产能", 10, "万吨", "at_least"),
    ("2-2-1", "总投资100亿元", "总投资", 100, "亿元", "at_least"),
    ("2-2-1", "16个重点项目", "项目数", 16, "个", "at_least"),
    ("2-2-2", "签约总投资80亿元", "总投资", 80, "亿元", "at_least"),
    ("2-2-2", "12个项目", "项目数", 12, "个", "at_least"),
    ("2-2-2", "签约项目开工率达到30%", "开工率", 30, "%", "at_least"),
    ("2-2-3", "总投资45.4亿元", "总投资", 45.4, "亿元", "at_least"),
    ("2-2-3", "5个项目", "项目数", 5, "个", "at_least"),
    ("2-2-4", "总投资48.2亿元", "总投资", 48.2, "亿元", "at_least"),
    ("2-2-4", "6个续建项目", "项目数", 6, "个", "at_least"),
    ("3-2-1", "改厕任务2000座", "改厕", 2000, "座", "at_least"),
    ("3-2-4", "5个美丽宜居示范村", "美丽宜居示范村", 5, "个", "at_least"),
    ("3-2-6", "10个村史馆", "村史馆", 10, "个", "at_least"),
    ("3-2-8", "15个集中祭祀点", "集中祭祀点", 15, "个", "at_least"),
    ("3-3-3", "9个“村改居”", "村改居", 9, "个", "at_least"),
    ("4-1-1", "总投资382.4亿元", "总投资", 382.4, "亿元", "at_least"),
    ("4-1-1", "45项重大项目", "项目数", 45, "项", "at_least"),
    ("5-1-2", "15个老旧小区供热管网", "老旧小区供热管网改造", 15, "个", "at_least"),
    ("6-1-5", "配套率达到95%以上", "粪污处理设施配套率", 95, "%", "at_least"),
    ("6-1-5", "综合利用率达到85%以上", "粪污综合利用率", 85, "%", "at_least"),
    ("6-3-1", "1.2万亩", "绿化", 1.2, "万亩", "at_least"),
    ("6-3-2", "1500亩", "植被恢复", 1500, "亩", "at_least"),
    ("7-3-3", "新增就业3000人", "新增就业", 3000, "人", "at_least"),
    ("7-3-3", "登记失业率控制在3.5%以内", "登记失业率", 3.5, "%", "at_most"),
    ("7-3-4", "6个日间照料中心", "日间照料中心", 6, "个", "at_least"),
    ("7-3-4", "13个幸福小院", "幸福小院", 13, "个", "at_least"),
]


@pytest.mark.parametrize(("task_id", "words", "metric", "value", "unit", "comparator"), REQUIRED_TARGETS)
def test_required_target(
    tasks: dict[str, Task], task_id: str, words: str, metric: str, value: float, unit: str, comparator: str
) -> None:
    task = tasks[task_id]
    assert words in task.text
    matches = [t for t in task.targets if t.value == value and t.unit == unit]
    assert len(matches) == 1, f"{task_id}: no single target {value} {unit}"
    assert matches[0].metric == metric
    assert matches[0].comparator == comparator


def test_no_targets_beyond_the_required_table(plan: Plan) -> None:
    listed = {(tid, value, unit) for tid, _, _, value, unit, _ in REQUIRED_TARGETS}
    present = {(t.id, g.value, g.unit) for t in plan.tasks() for g in t.targets}
    assert present == listed


def test_metrics_unique_within_task_and_ceilings_only_for_unemployment(plan: Plan) -> None:
    for task in plan.tasks():
        metrics = [g.metric for g in task.targets]
        assert len(metrics) == len(set(metrics)), task.id
        for target in task.targets:
            assert (target.comparator == "at_most") == (target.metric == "登记失业率"), task.id


def test_every_target_value_is_written_in_its_text(plan: Plan) -> None:
    for task in plan.tasks():
        numbers = {float(n) for n in NUMBER.findall(task.text)}
        for target in task.targets:
            assert target.value in numbers, f"{task.id}: {target.value} is not in the text"
            assert target.unit in task.text, f"{task.id}: unit {target.unit} is not in the text"


# Numbers in task texts that describe or qualify rather than promise, so they are not targets.
NON_TARGET_NUMBERS = {
    ("1-3-1", "4"): "4A级景区 is the spots' existing rating",
    ("2-2-5", "50000"): "50000立方空分 is the plant's specification",
    ("3-3-4", "30"): "再延长30年 is the length of a land-contract extension, not an amount of work",
    ("4-1-1", "300"): "300兆瓦 is the specification of one of the 45 projects",
    ("4-2-2", "200"): "200万元 is the reward per listed company, a policy rate, not a goal",
    ("6-2-1", "4.3"): "4.3米及以下焦炉 qualifies which coke ovens are closed",
    ("6-2-3", "1"): "“1+30”区域 is the name of the joint control area",
    ("6-2-3", "30"): "“1+30”区域 is the name of the joint control area",
}


def test_every_number_is_a_target_or_explained(plan: Plan) -> None:
    used = set()
    for task in plan.tasks():
        values = {g.value for g in task.targets}
        for number in NUMBER.findall(task.text):
            if (task.id, number) in NON_TARGET_NUMBERS:
                used.add((task.id, number))
                assert float(number) not in values, f"{task.id}: {number} is listed as non-target"
            else:
                assert float(number) in values, f"{task.id}: number {number} is neither target nor explained"
    assert used == set(NON_TARGET_NUMBERS), "the allow-list names numbers no task has"


# --- tags --------------------------------------------------------------------------------------

# Every place the plan names; a task whose text names one of them must carry it as a tag.
PLACES = [
    "西社镇",
    "水峪贯镇",
    "天宁镇",
    "夏家营镇",
    "西营镇",
    "洪相镇",
    "磁窑村",
    "段村",
    "柰林村",
    "卦山",
    "玄中寺",
    "庞泉沟",
    "交城山",
    "文峪河",
    "磁窑河",
    "瓦窑水库",
    "城东小学",
    "城西初中",
    "龙山街小学",
    "红旗路小学",
    "惠民小学",
    "城西幼儿园",
    "交中",
    "四中",
    "龙门大街",
    "南环路",
    "卧虹南路",
    "锦屏街",
    "甘泉街",
    "红旗路",
    "迎宾大道",
    "却波街",
    "沙河东街",
    "闫交线",
    "潘岔线",
    "段马线",
    "交鲁线",
    "祁方线",
    "滨河西路",
    "迎宾公园",
    "龙门小区",
    "天瑞小区",
    "城东区",
    "城西区",
    "苏家湾",
    "田家山",
    "西社",
    "西营集",
    "市庄",
    "平川东部区域",
    "太原",
]
# Names that contain a place but are a company, so the place inside is not tagged.
NOT_PLACES = ["太原天然气公司"]


def places_in(text: str) -> list[str]:
    """Return the places named in text, longest name first (西社镇 is not also 西社)."""
    for name in NOT_PLACES:
        text = text.replace(name, "\0" * len(name))
    names = sorted(PLACES, key=len, reverse=True)
    found: list[str] = []
    i = 0
    while i < len(text):
        name = next((n for n in names if text.startswith(n, i)), None)
        if name:
            if name not in found:
                found.append(name)
            i += len(name)
        else:
            i += 1
    return found


def test_every_tag_occurs_in_its_text(plan: Plan) -> None:
    for task in plan.tasks():
        assert len(task.tags) == len(set(task.tags)), task.id
        for tag in task.tags:
            assert tag in task.text, f"{task.id}: tag {tag} is not in the text"


def test_every_named_place_is_tagged(plan: Plan) -> None:
    for task in plan.tasks():
        assert set(task.tags) == set(places_in(task.text)), task.id


def test_key_places_are_tagged(plan: Plan) -> None:
    tagged = {tag for task in plan.tasks() for tag in task.tags}
    assert {"庞泉沟", "龙山街小学", "磁窑村", "西社镇"} <= tagged
    pangquangou_road = next(t for t in plan.tasks() if "交城至庞泉沟公路" in t.text)
    assert "庞泉沟" in pangquangou_road.tags


def test_tags_omitted_rather_than_empty(raw: dict) -> None:
    for action in raw["actions"]:
        for measure in action["measures"]:
            for task in measure["tasks"]:
                assert task.get("tags", None) != [], task["id"]
                assert task.get("targets", None) != [], task["id"]
