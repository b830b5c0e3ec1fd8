"""`gongkai draft`: a plan.yaml draft from a report's text, and the score of a draft against a curated plan.

The acceptance test on the shipped data/ is in tests/jiaocheng/test_draft.py. The fictional 示例县
report (tests/fixtures/draft/minsheng.txt) is written in another style (一、 headings, a sub-heading
numbered （一）, a two-level action, 民生实事, 以内 and 控制在 targets, 上半年 and 6月底前 dues) and its
draft is checked field by field.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import pathlib
import shutil
import subprocess
import sys

import pytest

from generator.cli import main
from generator.load import load
from generator.quotes import normalise
from generator.yamlfile import read_yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "fixtures" / "draft" / "minsheng.txt"


def _bench():
    spec = importlib.util.spec_from_file_location("draft_score", ROOT / "bench" / "draft_score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _draft(tmp_path: pathlib.Path, report: pathlib.Path, *args: str) -> tuple[str, dict]:
    """Draft a report with the command, read the file it writes with the project's loader."""
    out = tmp_path / "plan.draft.yaml"
    assert main(["draft", str(report), "--out", str(out), *args]) == 0
    return out.read_text(encoding="utf-8"), read_yaml(out, out.name).data


def test_score_counts_missing_and_spurious_targets():
    bench = _bench()
    curated = {
        "actions": [
            {
                "title": "甲",
                "measures": [
                    {
                        "title": "乙",
                        "tasks": [
                            {
                                "text": "建成示范村6个；",
                                "targets": [
                                    {"metric": "村", "value": 6, "unit": "个"},
                                    {"metric": "率", "value": 9, "unit": "%", "comparator": "at_most"},
                                ],
                            }
                        ],
                    }
                ],
            }
        ]
    }
    drafted = {
        "actions": [
            {
                "title": "甲",
                "tasks": [
                    {
                        "text": "建成示范村6个;",
                        "targets": [
                            {"metric": "村", "value": 6, "unit": "个"},
                            {"metric": "率", "value": 9, "unit": "%"},
                            {"metric": "年", "value": 2023, "unit": "年"},
                        ],
                    }
                ],
            }
        ]
    }
    figures = bench.score(drafted, curated)
    assert figures["tasks"] == 1.0  # ; and ； fold
    assert figures["targets_found"] == 0.5  # 9 % drafted with the wrong comparator
    assert figures["spurious"] == pytest.approx(2 / 3)


def drafted_texts_are_quoted(tmp_path: pathlib.Path, report: pathlib.Path) -> None:
    """Draft a report; every task text and group heading of the draft occurs in it."""
    _, data = _draft(tmp_path, report)
    source = normalise(report.read_text(encoding="utf-8"))
    texts = [t["text"] for t in _bench().tasks_of(data)]
    assert texts and all(normalise(text) in source for text in texts)
    groups = [t["group"] for t in _bench().tasks_of(data) if "group" in t]
    assert all(normalise(g) + "。" in source for g in groups)


def test_every_drafted_text_is_quoted_from_the_source(tmp_path):
    drafted_texts_are_quoted(tmp_path, EXAMPLE)


# --- the fictional 示例县 report: another style, checked field by field ----------------------

# (action id, title, aim, measures as (id, title), or None for a two-level action)
EXAMPLE_ACTIONS = [
    ("1", "教育提质", "办好家门口的好学校", [("1-1", "扩大学前教育资源"), ("1-2", "推进义务教育均衡发展")]),
    ("2", "健康惠民", "提升医疗服务水平", [("2-1", "完善医疗设施"), ("2-2", "做实家庭医生签约服务")]),
    ("3", "城乡宜居", "改善群众居住环境", [("3-1", "提升城区供水保障"), ("3-2", "整治农村人居环境")]),
    ("4", "兜牢民生底线", None, None),
]
# (task id, group, text, due, targets as (metric, value, unit, comparator, cumulative), tags)
EXAMPLE_TASKS = [
    (
        "1-1-1",
        None,
        "新建城南幼儿园，新增学位不少于360个；",
        None,
        [("学位", 360, "个", "at_least", True)],
        ["城南幼儿园"],
    ),
    ("1-1-2", None, "上半年完成示例镇中心幼儿园改扩建。", "2023-06-30", [], ["示例镇"]),
    ("1-2-1", None, "改造北关小学、东岭中学运动场，6月底前交付使用。", "2023-06-30", [], ["北关小学", "东岭中学"]),
    ("1-2-2", None, "招聘教师至少80名。", None, [("教师", 80, "名", "at_least", True)], []),
    ("2-1-1", None, "建设县人民医院住院楼，9月底前主体封顶。", "2023-09-30", [], []),
    (
        "2-2-1",
        None,
        "家庭医生签约服务重点人群签约率达到75%以上。",
        None,
        [("家庭医生签约服务重点人群签约率", 75, "%", "at_least", False)],
        [],
    ),
    (
        "3-1-1",
        None,
        "改造供水管网12公里，涉及青石路、柳河大街；",
        None,
        [("供水管网", 12, "公里", "at_least", True)],
        ["青石路", "柳河大街"],
    ),
    ("3-1-2", None, "城区管网漏损率控制在9%以内。", None, [("城区管网漏损率", 9, "%", "at_most", False)], []),
    ("3-2-1", "推进厕所革命", "新建农村卫生厕所1500座。", None, [("农村卫生厕所", 1500, "座", "at_least", True)], []),
    ("3-2-2", "改善村容村貌", "建成美丽乡村示范村6个。", None, [("美丽乡村示范村", 6, "个", "at_least", True)], []),
    (
        "4-1",
        None,
        "城镇新增就业2500人以上，城镇调查失业率控制在5.5%以内。",
        None,
        [("城镇新增就业", 2500, "人", "at_least", True), ("城镇调查失业率", 5.5, "%", "at_most", False)],
        [],
    ),
    ("4-2", None, "发放高龄津贴，80周岁以上老人每人每月100元。", None, [], []),
    ("4-3", None, "改造老旧小区8个，10月底前完工；", "2023-10-31", [("老旧小区", 8, "个", "at_least", True)], []),
    ("4-4", None, "新建城北社区日间照料中心。", None, [], ["城北社区"]),
]


def _target(t: dict) -> tuple:
    return (t["metric"], t["value"], t["unit"], t.get("comparator", "at_least"), t.get("cumulative", True))


def test_example_draft_structure_targets_and_dues_exactly(tmp_path):
    text, data = _draft(tmp_path, EXAMPLE)
    actions = [
        (
            a["id"],
            a["title"],
            a.get("aim"),
            [(m["id"], m["title"]) for m in a["measures"]] if "measures" in a else None,
        )
        for a in data["actions"]
    ]
    assert actions == EXAMPLE_ACTIONS
    tasks = [
        (
            t["id"],
            t.get("group"),
            t["text"],
            str(t["due"]) if "due" in t else None,
            [_target(g) for g in t.get("targets", [])],
            t.get("tags", []),
        )
        for t in _bench().tasks_of(data)
    ]
    assert tasks == EXAMPLE_TASKS
    assert "# 待核对：数字“100元”未列为目标值：是奖补标准或单价，不是要完成的数量" in text
    assert "# 待核对：原文此行动下没有引领句，任务直接列在行动之下（两级）" in text


def test_example_report_fields(tmp_path):
    text, data = _draft(tmp_path, EXAMPLE)
    report = data["report"]
    assert report["title"] == "示例县2023年民生实事项目安排"
    assert report["issuer"] == "示例县人民政府"
    assert report["year"] == 2023 and report["source"] == "minsheng.txt"
    assert (report["kind"], report["numbering"]) == ("民生实事", "一、")
    assert '  kind: "民生实事"  # 待核对：类别由程序根据原文用词推断为“民生实事”，请核对' in text
    assert "# 待核对：原文第 3 行在第一个行动之前，没有转录" in text


def test_example_draft_is_a_valid_plan(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(EXAMPLE, data / "minsheng.txt")
    assert main(["draft", str(data / "minsheng.txt"), "--out", str(data / "plan.yaml")]) == 0
    plan = load(data).plan  # the two-level action too
    assert [bool(a.measures) for a in plan.actions] == [True, True, True, False]
    assert plan.report.kind == "民生实事" and plan.actions[3].aim is None


def test_year_flag_sets_every_due(tmp_path):
    _, data = _draft(tmp_path, EXAMPLE, "--year", "2024")
    assert data["report"]["year"] == 2024
    dues = {t["id"]: str(t["due"]) for t in _bench().tasks_of(data) if "due" in t}
    assert dues == {"1-1-2": "2024-06-30", "1-2-1": "2024-06-30", "2-1-1": "2024-09-30", "4-3": "2024-10-31"}


# --- the command ------------------------------------------------------------------------------


def test_default_output_is_beside_the_report_and_never_overwritten(tmp_path, capsys):
    report = tmp_path / "报告.txt"
    shutil.copy(EXAMPLE, report)
    assert main(["draft", str(report)]) == 0
    written = tmp_path / "plan.draft.yaml"
    assert "已生成草稿" in capsys.readouterr().out
    written.write_text("# 已改过的草稿\n", encoding="utf-8")
    assert main(["draft", str(report)]) == 2
    assert "不会覆盖" in capsys.readouterr().err
    assert written.read_text(encoding="utf-8") == "# 已改过的草稿\n"


def test_out_dash_prints_the_draft(capsys):
    assert main(["draft", str(EXAMPLE), "--out", "-"]) == 0
    assert capsys.readouterr().out.startswith("# yaml-language-server")


def test_bom_is_read(tmp_path):
    report = tmp_path / "bom.txt"
    report.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    _, data = _draft(tmp_path, report)
    assert data["report"]["title"] == "示例县2023年民生实事项目安排"


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        ("一、示例行动\n推进示例工作。\n".encode("gb18030"), 1, "不是 UTF-8"),
        ("一、示例行动\n推进\x00示例工作。\n".encode(), 2, "控制字符"),
        ("示例县没有编号的文字。\n".encode(), 1, "没有找到编号的行动标题"),
    ],
)
def test_unreadable_report_names_file_and_line(tmp_path, capsys, content, line, words):
    report = tmp_path / "report.txt"
    report.write_bytes(content)
    assert main(["draft", str(report)]) == 1
    err = capsys.readouterr().err
    assert f"{report}:{line}:" in err and words in err
    assert not (tmp_path / "plan.draft.yaml").exists()


def test_missing_report_is_named(tmp_path, capsys):
    assert main(["draft", str(tmp_path / "无此文件.txt")]) == 1
    assert "无此文件.txt:1:1: 找不到这个文件" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["draft"], ["draft", "a.txt", "--year", "二〇二三"], ["draft", "a.txt", "--bogus"]])
def test_wrong_usage_exits_2_in_chinese(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "用法错误" in err and "Traceback" not in err and "error:" not in err


def test_year_out_of_range_exits_2(capsys):
    assert main(["draft", str(EXAMPLE), "--year", "21"]) == 2
    assert "计划年度应为" in capsys.readouterr().err


def test_python_m_generator_draft(tmp_path):
    out = tmp_path / "draft.yaml"
    command = [sys.executable, "-m", "generator", "draft", str(EXAMPLE), "--out", str(out)]
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)
    assert result.returncode == 0, result.stderr
    assert read_yaml(out, out.name).data["report"]["year"] == 2023
    missing = subprocess.run([sys.executable, "-m", "generator", "draft"], capture_output=True, text=True, check=False)
    assert missing.returncode == 2 and "缺少参数" in missing.stderr and "Traceback" not in missing.stderr


def test_draft_of_a_year_named_nowhere_is_this_year_marked(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("（一）示例行动\n推进示例工作。建成示例馆2座。\n", encoding="utf-8")
    text, data = _draft(tmp_path, report)
    assert data["report"]["year"] == dt.date.today().year
    assert "原文没有写年份，暂填今年" in text
