"""Search words: the synonym list (the tool's and the data folder's), the everyday and finer words
a task is also found by, single characters joined to their word, traditional characters."""

from __future__ import annotations

import pathlib
import re

import pytest

from generator import searchwords, synonyms
from generator.model import Status, Task

PUBLIC_SERVICES = ["学校", "医院", "修路", "就业", "供暖", "养老", "厕所", "污染", "停车", "公园", "饮水", "住房"]


@pytest.fixture(autouse=True)
def pristine_jieba():
    """Start from jieba's own dictionary: an earlier build in this process may have taught it words."""
    searchwords.teach([])


def task(text: str, title: str = "示例任务", **fields) -> Task:
    return Task.model_validate({"id": "1-1-1", "title": title, "text": text, **fields})


# --- the synonym list --------------------------------------------------------------------------------


def test_the_default_list_is_valid_and_covers_the_common_public_services(tmp_path):
    listed, problems = synonyms.read(tmp_path)  # a data folder without its own list
    assert problems == []
    assert [w for w in PUBLIC_SERVICES if w not in listed] == []
    assert "小学" in listed["学校"] and "医共体" in listed["医院"] and "公路" in listed["修路"]


def test_the_data_folders_list_adds_replaces_and_drops_everyday_words(tmp_path):
    (tmp_path / "synonyms.txt").write_text(
        "# 示例\n菜市场 买菜 = 农贸市场\n学校 = 中学  # 只算中学\n修路 =\n", encoding="utf-8"
    )
    listed, problems = synonyms.read(tmp_path)
    assert problems == []
    assert listed["菜市场"] == listed["买菜"] == ("农贸市场",)
    assert listed["学校"] == ("中学",)
    assert "修路" not in listed
    assert "小学" in listed["上学"]  # the rest of the default line stays


def test_every_problem_of_the_list_is_reported_with_its_line(make_data, validate, mini_period):
    data = make_data(progress={"2021-06.yaml": mini_period})
    lines = ["学校 小学", "", "医院 = 医院、分院", " = 小学", "医院 = 卫生院", "污染 = 大气*", "a = b = c"]
    (data / "synonyms.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = validate(data)
    assert run.code == 1
    found = {(p.file, p.line): p.message for p in run.problems}
    assert sorted(found) == [("synonyms.txt", n) for n in (1, 4, 5, 6, 7)]  # 3: Chinese commas separate words
    assert "没有“=”" in found[("synonyms.txt", 1)] and "例如" in found[("synonyms.txt", 1)]
    assert "左边没有写群众说法" in found[("synonyms.txt", 4)]
    assert "第 3 行已经写过" in found[("synonyms.txt", 5)]
    assert "“大气*”不是一个词" in found[("synonyms.txt", 6)]
    assert "不止一个“=”" in found[("synonyms.txt", 7)]


def test_a_list_not_in_utf8_is_reported(make_data, validate, mini_period):
    data = make_data(progress={"2021-06.yaml": mini_period})
    (data / "synonyms.txt").write_bytes("污染 = 排污\n".encode("gbk"))  # not UTF-8 (some GBK text happens to be)
    problem = validate(data).only()
    assert (problem.file, problem.line) == ("synonyms.txt", 1) and "UTF-8" in problem.message


# --- words a task is also found by -------------------------------------------------------------------


def everyday(t: Task) -> list[str]:
    default, _ = synonyms.read(pathlib.Path("/nonexistent"))
    return searchwords.everyday_words(t, default)


def test_a_task_gets_the_everyday_words_of_its_own_words_only():
    assert "学校" in everyday(task("加快推进城东小学建设。"))
    assert "学校" in everyday(task("加快推进城西幼儿园建设。"))  # three characters count anywhere
    assert "厕所" in everyday(task("完成任务2000座。", targets=[{"metric": "改厕", "value": 2000, "unit": "座"}]))
    assert "医院" in everyday(task("推进示例工作。", tags=["城关分院"]))
    assert "学校" not in everyday(task("提高中小企业融资能力。"))  # 高中 is not a word of it
    assert everyday(task("推进示例工作。")) == []  # nothing is added where nothing fits
    assert "学校" not in everyday(task("新建学校一所。"))  # the task says it itself


def test_long_words_bring_their_finer_words():
    finer = searchwords.finer_words(["年内", "城镇", "新增就业", "3000", "人", "农村宅基地"])
    assert {"就业", "新增", "宅基地", "农村"} <= set(finer)
    assert "年内" not in finer and all(len(w) >= 2 for w in finer)


def test_words_search_finds_anyway_are_left_out():
    # 新增 is the start of 新增就业, 宅基 of 宅基地; 就业 is new; 小区 is known already
    assert searchwords.uncovered(["新增", "就业", "宅基", "宅基地", "小区"], ["新增就业", "小区"]) == ["就业", "宅基地"]


@pytest.mark.parametrize(
    ("indexed", "joined"),
    [
        ("建设\u200b的\u200b绿色", "建设的\u200b绿色"),  # joins the word before; 绿色 keeps its start
        ("任务\u200b2000\u200b座\u200b；", "任务\u200b2000座；"),  # punctuation joins the word before it
        ("<p>\u200b推进中\u200b · （\u200b一\u200b）\u200b实施", "<p>\u200b推进中\u200b · （一）\u200b实施"),
        ("治理\u200b，\u200b以\u200b形象\u200b。 · \u200b牵头", "治理，以\u200b形象。 · \u200b牵头"),
        ("构筑\u200b“\u200b两特两优\u200b”\u200b农业", "构筑“\u200b两特两优”\u200b农业"),  # 两特两优 keeps its start
        ("<p>\u200b“\u200b两特", "<p>\u200b“\u200b两特"),  # nothing before it but a tag
        ("在\u200b城关镇", "在\u200b城关镇"),  # nothing before it: joining 城关镇 would hide its start
        ("于\u200b2021\u200b年", "于\u200b2021年"),  # nor a number's start
        ("地点\u200b · 1 \u200b项\u200b任务", "地点\u200b · 1 \u200b项\u200b任务"),
    ],
)
def test_single_characters_join_the_word_before_them(indexed, joined):
    assert searchwords.join_single_characters(indexed) == joined


def test_traditional_characters_map_to_the_simplified_ones_of_the_index():
    table = searchwords.simplified(set("医院学校养老厕所像"))
    assert table["醫"] == "医" and table["學"] == "学" and table["養"] == "养" and table["廁"] == "厕"
    assert "像" not in table  # OpenCC keeps 像 as it is
    assert "國" not in table  # 国 is not in the index: nothing would match it
    assert set(table.values()) <= set("医院学校养老厕所像")


def test_the_staff_guide_names_only_everyday_words_the_default_list_has(tmp_path):
    guide = (pathlib.Path(__file__).parent.parent / "generator" / "handbook" / "guide.md").read_text(encoding="utf-8")
    named = guide.split("、让群众搜得到\n", 1)[1].split("已包括", 1)[1].split("等常见事项", 1)[0].split("、")
    listed, _ = synonyms.read(tmp_path)
    assert len(named) >= 10 and [w for w in named if w not in listed] == []


# --- status words --------------------------------------------------------------------------------


def test_gongkai_js_types_each_status_word_as_the_index_holds_the_status():
    script = (pathlib.Path(searchwords.__file__).parent / "assets" / "gongkai.js").read_text(encoding="utf-8")
    block = re.search(r"var STATUS_WORDS = \{(.*?)\};", script, re.S)[1]
    typed = dict(re.findall(r'"([^"]+)": "([^"]+)"', block))
    assert typed == {s.label: searchwords.status_word(s) for s in Status}
    assert len(set(typed.values())) == len(Status)
    assert all(re.fullmatch("[a-z]+", word) for word in typed.values())  # tidyQuery keeps letters only
