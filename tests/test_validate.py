"""`gongkai validate`: every way staff can get a data file wrong is reported, located, in Chinese.

Each test writes a small data folder into tmp_path, runs the command in-process and checks the exit
code, the exact file:line:col (computed from the fixture text), the field and key words of the message.
The `validate` fixture also checks that no Python traceback is ever printed.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest
import yaml

from generator import yamlfile
from generator.cli import main

PLAN = "plan.yaml"
JUNE = "progress/2021-06.yaml"


def at(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """Return the 1-based (line, col) where the nth occurrence of needle starts in text."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def where(file: str, text: str, needle: str, nth: int = 1) -> tuple[str, int, int]:
    """Return (file, line, col) of a needle, the way a problem is located."""
    return (file, *at(text, needle, nth))


def period(*updates: str, as_of: str = "2021-06-30", published: str = "2021-07-05") -> str:
    """Write a progress file with the given update items (each already indented as a list item)."""
    return f"as_of: {as_of}\npublished: {published}\nupdates:" + ("\n" + "".join(updates) if updates else " []\n")


# --- exit codes and usage ---------------------------------------------------------------


def test_valid_mini_data_exits_0(make_data, validate, mini_period):
    run = validate(make_data(progress={"2021-06.yaml": mini_period}))
    assert run.code == 0
    assert run.err == ""
    assert "数据无误" in run.out


@pytest.mark.parametrize("argv", [["validate", "--bogus"], [], ["bogus"], ["validate", "--data"]])
def test_wrong_usage_exits_2(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse exits rather than returns
        code = exit_.code
    assert code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_missing_data_folder_is_a_problem_not_a_crash(tmp_path, validate):
    run = validate(tmp_path / "nowhere")
    assert run.code == 1
    assert "数据目录" in run.only().message


def test_missing_plan_file(make_data, validate):
    run = validate(make_data(plan=None))
    assert run.code == 1
    assert run.only().where == (PLAN, 1, 1)
    assert "找不到" in run.only().message


# --- reading the file: syntax, encoding, size -------------------------------------------


def test_yaml_syntax_error_names_line_and_column(make_data, validate, mini_plan):
    plan = mini_plan.replace("aim: 检验校验器", "aim: 检验: 校验器")
    run = validate(make_data(plan=plan))
    assert run.code == 1
    assert run.only().where == where(PLAN, plan, ": 校验器")
    assert "冒号" in run.only().message and "引号" in run.only().message


def test_chinese_colon_is_pointed_at(make_data, validate, mini_plan):
    plan = mini_plan.replace("  issuer: 测试县人民政府", "  issuer：测试县人民政府")
    run = validate(make_data(plan=plan))
    assert run.only().where == where(PLAN, plan, "：")
    assert "中文冒号" in run.only().message and "issuer: " in run.only().message


def test_unclosed_quote_points_at_the_quote(make_data, validate, mini_plan):
    plan = mini_plan.replace("aim: 检验校验器", 'aim: "检验校验器')
    run = validate(make_data(plan=plan))
    assert run.code == 1
    assert run.only().where == where(PLAN, plan, '"检验')
    assert "引号" in run.only().message and "没有闭合" in run.only().message


def test_unclosed_bracket_points_at_the_bracket(make_data, validate, mini_plan):
    plan = mini_plan.replace("unit: 座}", "unit: 座")
    run = validate(make_data(plan=plan))
    assert run.only().where == where(PLAN, plan, "{metric")
    assert "花括号" in run.only().message


def test_backslash_in_double_quotes(make_data, validate, mini_plan):
    plan = mini_plan.replace("text: 推进示例工作。", 'text: "见 C:\\示例\\工作"')
    run = validate(make_data(plan=plan))
    assert run.only().line == at(plan, "C:")[0]
    assert "反斜杠" in run.only().message and "单引号" in run.only().message


def test_tab_indentation_lists_every_tab_line(make_data, validate, mini_plan):
    plan = mini_plan.replace("  year: 2021", "\tyear: 2021").replace("    aim: 检验校验器", "  \taim: 检验校验器")
    run = validate(make_data(plan=plan))
    assert run.code == 1
    assert [p.where for p in run.problems] == [where(PLAN, plan, "\tyear"), where(PLAN, plan, "\taim")]
    assert all("Tab" in p.message and "制表符" in p.message and "空格" in p.message for p in run.problems)


def test_file_saved_as_gbk_says_gbk(make_data, validate, mini_plan):
    run = validate(make_data(plan=mini_plan.encode("gbk")))
    assert run.code == 1
    first_chinese_line = next(n for n, line in enumerate(mini_plan.splitlines(), 1) if not line.isascii())
    assert run.only().where == (PLAN, first_chinese_line, 1)
    assert "GBK" in run.only().message and "UTF-8" in run.only().message


def test_file_saved_as_utf16_says_utf16(make_data, validate, mini_plan):
    run = validate(make_data(plan=mini_plan.encode("utf-16")))
    assert "UTF-16" in run.only().message


def test_bom_and_crlf_are_accepted(make_data, validate, mini_plan, mini_period):
    def windows(text: str) -> bytes:
        return ("\ufeff" + text).replace("\n", "\r\n").encode("utf-8")

    run = validate(make_data(plan=windows(mini_plan), progress={"2021-06.yaml": windows(mini_period)}))
    assert run.code == 0, run.err


def test_crlf_keeps_line_numbers_right(make_data, validate, mini_plan):
    plan = mini_plan.replace("    aim: 检验校验器\n", "    aim: 检验校验器\n    titel: x\n")
    run = validate(make_data(plan=plan.replace("\n", "\r\n").encode("utf-8")))
    assert run.only().where == where(PLAN, plan, "titel")


@pytest.mark.parametrize("content", ["", "\n\n", "# 只有注释\n", "\ufeff"])
def test_empty_file(make_data, validate, mini_period, content):
    run = validate(make_data(progress={"2021-06.yaml": content}))
    assert run.code == 1
    assert run.only().where == (JUNE, 1, 1)
    assert "空" in run.only().message


@pytest.mark.parametrize(
    ("content", "kind"), [("- 1-1-1\n- 1-1-2\n", "列表"), ("进展良好\n", "文字"), ("42\n", "数字")]
)
def test_top_level_of_wrong_type(make_data, validate, content, kind):
    run = validate(make_data(progress={"2021-06.yaml": content}))
    assert run.code == 1
    assert run.only().where == (JUNE, 1, 1)
    assert "字段: 值" in run.only().message and kind in run.only().message


def test_control_character_is_located(make_data, validate, mini_plan):
    plan = mini_plan.replace("推动示例工作", "推动示例\x00工作")
    run = validate(make_data(plan=plan))
    assert run.code == 1
    assert run.only().where == where(PLAN, plan, "\x00")
    assert "控制字符" in run.only().message and "U+0000" in run.only().message


def test_aliases_are_rejected_so_they_cannot_blow_up_memory(make_data, validate):
    laughs = 'a: &a ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]\n'
    laughs += "".join(
        f"{y}: &{y} [*{x}, *{x}, *{x}, *{x}, *{x}, *{x}, *{x}, *{x}, *{x}]\n"
        for x, y in zip("abcdefgh", "bcdefghi", strict=True)
    )
    run = validate(make_data(plan=laughs))
    assert run.code == 1
    assert run.only().where == where(PLAN, laughs, "&a")
    assert "锚点" in run.only().message and "别名" in run.only().message


def test_merge_key_with_alias_is_rejected(make_data, validate, mini_period):
    text = mini_period + "base: &base {task: 1-1-2}\n"
    run = validate(make_data(progress={"2021-06.yaml": text}))
    assert run.only().where == where(JUNE, text, "&base")


def test_file_over_the_size_limit(make_data, validate):
    big = "# " + "很" * (yamlfile.MAX_BYTES // 3 + 10) + "\n"
    run = validate(make_data(progress={"2021-06.yaml": big}))
    assert run.code == 1
    assert run.only().where == (JUNE, 1, 1)
    assert "过大" in run.only().message and "MB" in run.only().message


def test_too_many_entries(make_data, validate, mini_plan, monkeypatch):
    monkeypatch.setattr(yamlfile, "MAX_NODES", 10)
    run = validate(make_data(plan=mini_plan))
    assert run.code == 1
    assert "条目过多" in run.only().message


def test_duplicate_key_in_one_mapping(make_data, validate):
    text = period("  - task: 1-1-1\n    actual: {改厕: 800}\n    actual: {改厕: 900}\n")
    run = validate(make_data(progress={"2021-06.yaml": text}))
    assert run.code == 1
    assert run.only().where == where(JUNE, text, "actual", 2)
    assert run.only().field == "任务 1-1-1 的 actual"  # named, though the file could not be read whole
    assert "重复" in run.only().message and f"第 {at(text, 'actual')[0]} 行" in run.only().message


# --- fields: missing, unknown, values ------------------------------------------------------


def test_missing_key_is_located_at_its_record(make_data, validate, mini_plan):
    plan = mini_plan.replace("    title: 实施测试行动\n", "")
    run = validate(make_data(plan=plan))
    assert run.code == 1
    assert run.only().where == where(PLAN, plan, 'id: "1"')
    assert run.only().field == "行动 1 的 title"
    assert "缺少必填字段 “title”" in run.only().message


def test_unknown_key_suggests_the_close_one(make_data, validate, mini_plan):
    plan = mini_plan.replace("    aim: 检验校验器\n", "    aim: 检验校验器\n    titel: 重复的标题\n")
    run = validate(make_data(plan=plan))
    assert run.code == 1
    assert run.only().where == where(PLAN, plan, "titel")
    assert run.only().field == "行动 1 的 titel"
    message = run.only().message
    assert "未知字段 “titel”" in message and "允许的字段" in message and "您是不是想写 “title”" in message


def test_unknown_key_without_a_close_one_lists_the_allowed(make_data, validate, mini_plan):
    plan = mini_plan.replace("  year: 2021\n", "  year: 2021\n  负责人: 张三\n")
    run = validate(make_data(plan=plan))
    assert run.only().where == where(PLAN, plan, "负责人")
    assert "title, issuer, year, source, region" in run.only().message
    assert "您是不是想写" not in run.only().message


def test_unknown_key_that_yaml_reads_as_a_switch_keeps_its_name(make_data, validate, mini_period):
    text = mini_period.replace("    status: 推进中\n", "    status: 推进中\n    on: 是\n")
    run = validate(make_data(progress={"2021-06.yaml": text}))
    assert run.only().field == "任务 1-1-2 的 on"
    assert "未知字段 “on”" in run.only().message


def test_impossible_date(make_data, validate):
    text = period(as_of="2021-13-45")
    run = validate(make_data(progress={"2021-06.yaml": text}))
    assert run.code == 1
    assert run.only().where == where(JUNE, text, "2021-13-45")
    assert run.only().field == "as_of"
    assert "不是有效日期" in run.only().message and "YYYY-MM-DD" in run.only().message


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("-5", ["负数", "0 或正数"]),
        ("两千", ["不是数字", "阿拉伯数字"]),
        ("2000座", ["不是数字", "不带逗号和单位"]),
        ('"2000"', ["引号", "只写数字"]),
        ("２０００", ["全角", "2000"]),
        ("true", ["“true”", "不是数字"]),
    ],
)
def test_bad_number(make_data, validate, value, words):
    text = period(f"  - task: 1-1-1\n    actual: {{改厕: {value}}}\n")
    run = validate(make_data(progress={"2021-06.yaml": text}))
    assert run.code == 1
    assert run.only().where == where(JUNE, text, value)
    assert run.only().field == "任务 1-1-1 的 actual.改厕"
    assert all(word in run.only().message for word in words), run.only().message


def test_full_width_digits_in_the_plan(make_data, validate, mini_plan):
    plan = mini_plan.replace("value: 2000", "value: ２０００").replace("year: 2021", "year: ２０２１")
    run = validate(make_data(plan=plan))
    assert [p.where for p in run.problems] == [where(PLAN, plan, "２０２１"), where(PLAN, plan, "２０００")]
    assert all("全角" in p.message for p in run.problems)


def test_unknown_status_names_the_allowed_and_the_close_one(make_data, validate):
    text = period("  - task: 1-1-2\n    status: 完成\n")
    run = validate(make_data(progress={"2021-06.yaml": text}))
    assert run.code == 1
    assert run.only().where == where(JUNE, text, "完成")
    message = run.only().message
    assert "未知状态 “完成”" in message and "允许：未启动、推进中" in message and "您是不是想写 “已完成”" in message


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", " JavaScript:alert(1)", "ftp://example.org/a", "data:text/html,x", "www.gov.cn", "http://"],
)
def test_only_http_urls(make_data, validate, url):
    text = period(f'  - task: 1-1-2\n    status: 推进中\n    evidence:\n      - title: 佐证\n        url: "{url}"\n')
    run = validate(make_data(progress={"2021-06.yaml": text}))
    assert run.code == 1
    assert run.only().where == where(JUNE, text, f'"{url}"')
    assert run.only().field == "任务 1-1-2 的 evidence 第 1 条的 url"
    assert "只允许" in run.only().message and "http://" in run.only().message and "https://" in run.only().message


def test_https_url_is_fine(make_data, validate):
    text = period(
        '  - task: 1-1-2\n    status: 推进中\n    evidence:\n      - {title: 佐证, url: "https://www.gov.cn/a?b=1"}\n'
    )
    assert validate(make_data(progress={"2021-06.yaml": text})).code == 0


def test_blank_required_value(make_data, validate, mini_plan):
    plan = mini_plan.replace("  issuer: 测试县人民政府", "  issuer:")
    run = validate(make_data(plan=plan))
    assert run.only().field == "report.issuer"
    assert "没有填写" in run.only().message


def test_wrong_value_of_a_closed_list(make_data, validate, mini_plan):
    plan = mini_plan.replace("unit: 座}", "unit: 座, comparator: 不少于}")
    run = validate(make_data(plan=plan))
    assert run.only().where == where(PLAN, plan, "不少于")
    assert "允许：at_least、at_most" in run.only().message


# --- the plan as a whole ----------------------------------------------------------------------


def test_duplicate_task_id(make_data, validate, mini_plan):
    plan = mini_plan.replace('id: "1-1-2"', 'id: "1-1-1"')
    run = validate(make_data(plan=plan))
    assert run.code == 1
    assert run.only().where == where(PLAN, plan, '"1-1-1"', 2)
    assert run.only().field == "任务 1-1-1 的 id"
    assert "重复" in run.only().message and f"第 {at(plan, '1-1-1')[0]} 行" in run.only().message


def test_task_id_outside_its_measure(make_data, validate, mini_plan):
    plan = mini_plan.replace('id: "1-1-2"', 'id: "2-1-2"')
    run = validate(make_data(plan=plan))
    assert run.only().where == where(PLAN, plan, '"2-1-2"')
    assert "1-1-1" in run.only().message  # names the form allowed here


def test_source_file_missing_is_located_at_report_source(make_data, validate, mini_plan):
    plan = mini_plan.replace("source: source.txt", "source: 原文.txt")
    run = validate(make_data(plan=plan))
    assert run.only().where == where(PLAN, plan, "原文.txt")
    assert "找不到原文文件" in run.only().message


def test_source_file_outside_the_data_folder_is_refused(make_data, validate, mini_plan):
    plan = mini_plan.replace("source: source.txt", "source: ../../../etc/passwd")
    run = validate(make_data(plan=plan))
    assert run.code == 1
    assert "不在数据目录中" in run.only().message


# --- progress files against the plan --------------------------------------------------------


def test_update_naming_a_task_that_does_not_exist(make_data, validate):
    text = period("  - task: 1-1-9\n    status: 推进中\n")
    run = validate(make_data(progress={"2021-06.yaml": text}))
    assert run.code == 1
    assert run.only().where == where(JUNE, text, "1-1-9")
    assert run.only().field == "任务 1-1-9 的 task"
    assert "没有编号为 1-1-9 的任务" in run.only().message


def test_update_without_status_for_task_without_targets(make_data, validate):
    text = period("  - task: 1-1-2\n    note: 正在推进。\n")
    run = validate(make_data(progress={"2021-06.yaml": text}))
    assert run.code == 1
    assert run.only().where == where(JUNE, text, "task: 1-1-2")
    assert run.only().field == "任务 1-1-2 的 status"
    assert "必须写 status" in run.only().message and "允许：未启动" in run.only().message


def test_changed_needs_a_reason(make_data, validate):
    text = period("  - task: 1-1-2\n    status: 已调整\n")
    run = validate(make_data(progress={"2021-06.yaml": text}))
    assert run.code == 1
    assert run.only().where == where(JUNE, text, "已调整")
    assert run.only().field == "任务 1-1-2 的 reason"
    assert "已调整" in run.only().message and "reason" in run.only().message


def test_changed_with_a_reason_is_fine(make_data, validate):
    text = period("  - task: 1-1-2\n    status: changed\n    reason: 上级文件调整。\n")
    assert validate(make_data(progress={"2021-06.yaml": text})).code == 0


def test_typed_status_contradicting_the_numbers(make_data, validate):
    text = period("  - task: 1-1-1\n    status: 已完成\n    actual: {改厕: 800}\n")
    run = validate(make_data(progress={"2021-06.yaml": text}))
    assert run.code == 1
    assert run.only().where == where(JUNE, text, "已完成")
    assert run.only().field == "任务 1-1-1 的 status"
    assert "已完成" in run.only().message and "不符" in run.only().message and "reason" in run.only().message


def test_typed_status_contradicting_the_numbers_is_fine_with_a_reason(make_data, validate):
    text = period("  - task: 1-1-1\n    status: 已完成\n    actual: {改厕: 800}\n    reason: 其余1200座由乡镇自建。\n")
    assert validate(make_data(progress={"2021-06.yaml": text})).code == 0


def test_cumulative_value_going_down(make_data, validate):
    march = period("  - task: 1-1-1\n    actual: {改厕: 800}\n", as_of="2021-03-31", published="2021-04-05")
    june = period("  - task: 1-1-1\n    actual: {改厕: 700}\n")
    run = validate(make_data(progress={"2021-03.yaml": march, "2021-06.yaml": june}))
    assert run.code == 1
    assert run.only().where == where(JUNE, june, "700")
    assert run.only().field == "任务 1-1-1 的 actual.改厕"
    assert "700" in run.only().message and "800" in run.only().message and "restated" in run.only().message


def test_cumulative_value_going_down_is_fine_when_restated(make_data, validate):
    march = period("  - task: 1-1-1\n    actual: {改厕: 800}\n", as_of="2021-03-31", published="2021-04-05")
    june = period("  - task: 1-1-1\n    actual: {改厕: 700}\n    restated: 一季度数据重复统计，核减100座。\n")
    assert validate(make_data(progress={"2021-03.yaml": march, "2021-06.yaml": june})).code == 0


def test_a_rate_may_go_down_without_restated(make_data, validate, mini_plan):
    plan = mini_plan.replace("unit: 座}", "unit: 座, cumulative: false}")
    march = period("  - task: 1-1-1\n    actual: {改厕: 800}\n", as_of="2021-03-31", published="2021-04-05")
    june = period("  - task: 1-1-1\n    actual: {改厕: 700}\n")
    assert validate(make_data(plan=plan, progress={"2021-03.yaml": march, "2021-06.yaml": june})).code == 0


def test_actual_naming_a_metric_the_task_does_not_have(make_data, validate):
    text = period("  - task: 1-1-1\n    actual: {面积: 800}\n")
    run = validate(make_data(progress={"2021-06.yaml": text}))
    assert run.code == 1
    assert run.only().where == where(JUNE, text, "面积")
    assert "没有指标 “面积”" in run.only().message and "允许：改厕" in run.only().message


def test_as_of_outside_the_month_of_the_file_name(make_data, validate):
    text = period(as_of="2021-07-01", published="2021-07-05")
    run = validate(make_data(progress={"2021-06.yaml": text}))
    assert run.code == 1
    assert run.only().where == where(JUNE, text, "2021-07-01")
    assert run.only().field == "as_of"
    assert "不在文件名所示的 2021 年 6 月内" in run.only().message


def test_published_before_as_of(make_data, validate):
    text = period(published="2021-06-01")
    run = validate(make_data(progress={"2021-06.yaml": text}))
    assert run.only().where == where(JUNE, text, "2021-06-01")


@pytest.mark.parametrize("name", ["2021-6.yaml", "六月.yml", "2021-06.yaml.txt", "2021-06.docx"])
def test_progress_file_name_must_be_its_month(make_data, validate, mini_period, name):
    run = validate(make_data(progress={name: mini_period}))
    assert run.code == 1
    assert run.only().where == (f"progress/{name}", 1, 1)
    assert "文件名为报告期月份加 .yaml，如 2021-12.yaml" in run.only().message


def test_progress_file_name_may_use_any_case_of_yaml(make_data, validate, mini_period):
    assert validate(make_data(progress={"2021-06.YAML": mini_period})).code == 0


def test_period_file_outside_progress_is_named(make_data, validate, mini_period):
    data = make_data()
    (data / "2021-06.yaml").write_text(mini_period, encoding="utf-8")
    run = validate(data)
    assert run.only().where == ("2021-06.yaml", 1, 1)
    assert "应放在 progress/ 目录中" in run.only().message


def test_same_task_twice_in_one_period(make_data, validate):
    text = period("  - task: 1-1-2\n    status: 推进中\n", "  - task: 1-1-2\n    status: 已完成\n")
    run = validate(make_data(progress={"2021-06.yaml": text}))
    assert run.only().where == where(JUNE, text, "1-1-2", 2)
    assert "两次" in run.only().message


# --- every problem, in one run ---------------------------------------------------------------


def test_one_bad_update_does_not_hide_the_others(make_data, validate):
    text = period("  - task: 1-1-2\n    status: 完成\n", "  - task: 1-1-9\n    status: 推进中\n")
    run = validate(make_data(progress={"2021-06.yaml": text}))
    assert [p.where for p in run.problems] == [where(JUNE, text, "完成"), where(JUNE, text, "1-1-9")]


def test_several_problems_in_several_files_listed_by_file_then_line(make_data, validate, mini_plan, mini_source):
    plan = mini_plan + '          - id: "1-1-1"\n            title: 重复\n            text: 重复。\n'
    march = period("  - task: 1-1-1\n    stauts: 推进中\n", as_of="2021-03-31", published="2021-02-30")
    june = period("  - task: 1-1-9\n    status: 推进中\n", "  - task: 1-1-1\n    actual: {改厕: -5}\n")
    source = mini_source + "重复。\n"
    run = validate(make_data(plan=plan, progress={"2021-06.yaml": june, "2021-03.yaml": march}, source=source))
    march_file, june_file = "progress/2021-03.yaml", JUNE
    assert run.code == 1
    assert [p.where for p in run.problems] == [
        where(PLAN, plan, '"1-1-1"', 2),
        where(march_file, march, "2021-02-30"),
        where(march_file, march, "stauts"),
        where(june_file, june, "1-1-9"),
        where(june_file, june, "-5"),
    ]
    assert [p.field for p in run.problems] == [
        "任务 1-1-1 的 id",
        "published",
        "任务 1-1-1 的 stauts",
        "任务 1-1-9 的 task",
        "任务 1-1-1 的 actual.改厕",
    ]
    assert run.err.splitlines()[-1].startswith("共 5 个问题")


# --- end to end -------------------------------------------------------------------------------


def test_command_line_gives_the_same_output_and_no_traceback(make_data, validate, mini_plan):
    plan = mini_plan.replace("    aim: 检验校验器\n", "    aim: 检验校验器\n    titel: x\n")
    data = make_data(plan=plan, progress={"2021-06.yaml": "as_of: 2021-13-45\n", "2021-03.yaml": b"\xff\xfe\x00"})
    in_process = validate(data)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "generator", "validate", "--data", str(data)]
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env, check=False)
    assert result.returncode == in_process.code == 1
    assert result.stderr == in_process.err
    assert "Traceback" not in result.stderr + result.stdout
    assert len(in_process.problems) == 4  # unknown key, bad encoding, bad date, missing published


def test_command_line_wrong_usage_exits_2():
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--bogus"], capture_output=True, check=False
    )
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr


# YAML shapes where a reader could count lines or columns differently: block and folded scalars,
# quoting and escapes, flow collections, wide and astral characters, comments, empty values, CRLF.
# (Not an empty value inside a flow mapping, `{x: , y: 1}`: libyaml puts it at the comma, one column
# after the pure-Python reader. A data file's mappings are block style, as the guide writes them.)
TRICKY_YAML = (
    "# 注释\r\nreport:\r\n  title: \"测试\\u53bf\\t“引号”\"   # 行尾注释\r\n  issuer: '单引号 ''内'' 文'\r\n"
    "  note: |\r\n    第一行\r\n      缩进行\r\n  folded: >-\r\n    折叠\r\n    文本\r\n"
    "actions: [{id: \"1\", tags: [甲, 乙, 𠀀丙]}, {id: '2', list: []}]\r\n"
    "? 复杂键\r\n: {a: 1, b: [2, 3.5, true, null, ~, 2021-06-30]}\r\n"
    "deep:\r\n  - - - 𠀀\r\n      - x: y\r\n        empty:\r\n  -\r\n"
)


def test_libyaml_fast_path_reads_the_same_data_and_positions(monkeypatch, tmp_path):
    """The fast libyaml reading must give what the pure-Python reading gives, positions included."""
    assert yaml.__with_libyaml__, "PyYAML has no libyaml: install the wheel requirements-test.lock pins"
    from generator import yamlfile

    tricky = tmp_path / "tricky.yaml"
    tricky.write_bytes(TRICKY_YAML.encode("utf-8"))
    root = pathlib.Path(__file__).parent
    paths = [tricky]
    for data in (root / "fixtures" / "shixian" / "2021", root / "fixtures" / "mini"):
        paths += [data / "plan.yaml", *sorted((data / "progress").glob("*.yaml"))]
    quick, composed = yamlfile._quick_compose, []

    def recorded(text: str) -> yaml.Node | None:
        composed.append(quick(text))
        return composed[-1]

    for path in paths:
        composed.clear()
        monkeypatch.setattr(yamlfile, "_quick_compose", recorded)
        fast = yamlfile.read_yaml(path, path.name)
        assert len(composed) == 1 and composed[0] is not None, f"{path.name}: libyaml did not read it"
        monkeypatch.setattr(yamlfile, "_quick_compose", lambda text: None)
        slow = yamlfile.read_yaml(path, path.name)
        assert (fast.data, fast.values, fast.keys) == (slow.data, slow.values, slow.keys), path.name
    assert len(paths) > 5
