"""The model's validators at their edges: statuses, numbers, dates, URLs, IDs, text."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from generator.model import (
    TYPED,
    Evidence,
    Period,
    Report,
    Status,
    Target,
    Task,
    Update,
    field_docs,
)


def error_of(model: type, data: dict) -> dict:
    """Validate data that must fail with exactly one error, and return that error."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    errors = caught.value.errors(include_url=False)
    assert len(errors) == 1, errors
    return errors[0]


def actual(value: object) -> Update:
    """Validate an update carrying one actual value."""
    return Update.model_validate({"task": "1-1-1", "actual": {"改厕": value}})


def evidence_url(url: object) -> Evidence:
    """Validate an evidence record with a URL."""
    return Evidence.model_validate({"title": "佐证", "url": url})


# --- statuses ---------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "status"), [(s.label, s) for s in TYPED])
def test_status_by_chinese_word(word, status):
    assert Update.model_validate({"task": "1-1-1", "status": word}).status is status


@pytest.mark.parametrize("status", TYPED)
def test_status_by_key(status):
    assert Update.model_validate({"task": "1-1-1", "status": status.value}).status is status


def test_status_ignores_surrounding_spaces():
    assert Update.model_validate({"task": "1-1-1", "status": " 已完成 "}).status is Status.done


def test_every_status_has_a_chinese_label():
    assert {s.label for s in TYPED} == {"未启动", "推进中", "超序时进度", "达序时进度", "滞后", "已完成", "已调整"}
    assert Status.no_report.label == "尚无报告" and Status.no_report not in TYPED


def test_no_report_is_shown_but_never_typed():
    error = error_of(Update, {"task": "1-1-1", "status": "尚无报告"})
    assert error["type"] == "gk_status"
    assert Status.no_report.data is Status.not_started


@pytest.mark.parametrize(("written", "suggested"), [("完成", "已完成"), ("Done", "done"), ("进行中", "推进中")])
def test_unknown_status_lists_allowed_and_suggests(written, suggested):
    error = error_of(Update, {"task": "1-1-1", "status": written})
    assert error["type"] == "gk_status"
    assert "允许：未启动、推进中、超序时进度、达序时进度、滞后、已完成、已调整" in error["msg"]
    assert f"您是不是想写 “{suggested}”" in error["msg"]


@pytest.mark.parametrize("written", [1, True, ["已完成"]])
def test_status_of_the_wrong_type(written):
    assert error_of(Update, {"task": "1-1-1", "status": written})["type"] == "gk_status"


def test_status_may_be_left_out():
    assert Update.model_validate({"task": "1-1-1", "status": None}).status is None


# --- numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, 1, 2000, 1.2, 0.5, 99.99, 10**12])
def test_numbers_accepted(value):
    assert actual(value).actual["改厕"] == value


@pytest.mark.parametrize(
    ("value", "kind", "words"),
    [
        (-1, "gk_negative", "负数"),
        (-0.5, "gk_negative", "负数"),
        ("２０００", "gk_fullwidth", "全角"),
        ("１．２", "gk_fullwidth", "1.2"),
        ("2000", "gk_number", "引号"),
        ("2,000", "gk_number", "不带逗号"),
        ("2000座", "gk_number", "不带逗号和单位"),
        ("两千", "gk_number", "阿拉伯数字"),
        (True, "gk_number", "“true”"),
        (None, "gk_number", "没有填写"),
        (float("nan"), "gk_number", "不是数字"),
        (float("inf"), "gk_number", "不是数字"),
        (10**400, "gk_number", "过大"),
        ([1], "gk_number", "不是数字"),
    ],
)
def test_numbers_rejected(value, kind, words):
    error = error_of(Update, {"task": "1-1-1", "actual": {"改厕": value}})
    assert error["type"] == kind
    assert words in error["msg"]


def test_target_value_uses_the_same_number_rules():
    error = error_of(Target, {"metric": "改厕", "value": "２０００", "unit": "座"})
    assert error["type"] == "gk_fullwidth"


def test_comparator_defaults_to_at_least():
    assert Target.model_validate({"metric": "改厕", "value": 2000, "unit": "座"}).comparator == "at_least"


def test_year_range():
    base = {"title": "t", "issuer": "i", "source": "s.txt"}
    assert Report.model_validate({**base, "year": 2021}).year == 2021
    assert error_of(Report, {**base, "year": 1900})["type"] == "greater_than_equal"
    assert error_of(Report, {**base, "year": 2021.5})["type"] == "int_from_float"


# --- dates -----------------------------------------------------------------------------


def period(as_of: object) -> dict:
    """Return a progress record with the given as_of."""
    return {"as_of": as_of, "published": "2021-12-31"}


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("2021-06-30", dt.date(2021, 6, 30)),
        (" 2021-06-30 ", dt.date(2021, 6, 30)),
        ("2024-02-29", dt.date(2024, 2, 29)),
        (dt.date(2021, 6, 30), dt.date(2021, 6, 30)),
    ],
)
def test_dates_accepted(written, date):
    assert Period.model_validate(period(written)).as_of == date


@pytest.mark.parametrize(
    "written",
    [
        "2021-13-45",
        "2021-02-29",
        "2021-6-30",
        "2021/06/30",
        "20210630",
        "2021-06-30 10:00",
        "二〇二一年六月",
        None,
        2021,
    ],
)
def test_dates_rejected(written):
    error = error_of(Period, period(written))
    assert error["type"] == "gk_date"
    assert "YYYY-MM-DD" in error["msg"]


def test_datetime_is_not_a_date():
    assert error_of(Period, period(dt.datetime(2021, 6, 30, 10, 0)))["type"] == "gk_date"


# --- URLs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["http://www.jiaocheng.gov.cn/", "https://www.gov.cn/a?b=1&c=2#d", "HTTPS://EXAMPLE.ORG", "https://例子.中国/路径"],
)
def test_urls_accepted(url):
    assert evidence_url(url).url == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "ftp://example.org/a",
        "mailto:a@example.org",
        "//example.org/a",
        "www.gov.cn",
        "http://",
        "https://exa mple.org",
        "https://example.org/\x00",
        "",
        123,
    ],
)
def test_urls_rejected(url):
    error = error_of(Evidence, {"title": "佐证", "url": url})
    assert error["type"] == "gk_url"
    assert "只允许以 http:// 或 https:// 开头" in error["msg"]


def test_url_is_optional():
    assert Evidence.model_validate({"title": "佐证"}).url is None


# --- IDs and text ---------------------------------------------------------------------------


def task(id_: object, **more: object) -> dict:
    """Return a task record with the given ID."""
    return {"id": id_, "title": "标题", "text": "原文。", **more}


@pytest.mark.parametrize(
    ("written", "stored"), [("3-2-1", "3-2-1"), ("10-12-15", "10-12-15"), (" 1-1-1 ", "1-1-1"), (7, "7")]
)
def test_ids_accepted(written, stored):
    assert Task.model_validate(task(written)).id == stored


@pytest.mark.parametrize("written", ["0", "1-0-1", "01-1-1", "1-2-3-4", "1--2", "a-1-1", "3.2.1", 1.5, "", None, True])
def test_ids_rejected(written):
    assert error_of(Task, task(written))["type"] in ("gk_id", "gk_text")


def test_text_is_stripped_and_numbers_kept_as_text():
    parsed = Task.model_validate(task("1-1-1", title="  改厕  ", lead=2021))
    assert parsed.title == "改厕"
    assert parsed.lead == "2021"


@pytest.mark.parametrize(
    ("written", "words"), [("", "没有填写"), ("   ", "没有填写"), (True, "加引号"), (["a"], "不能是列表")]
)
def test_text_rejected(written, words):
    error = error_of(Task, task("1-1-1", title=written))
    assert error["type"] == "gk_text"
    assert words in error["msg"]


# --- records -----------------------------------------------------------------------------


def test_unknown_keys_are_errors():
    error = error_of(Update, {"task": "1-1-1", "stauts": "done"})
    assert error["type"] == "extra_forbidden"
    assert error["loc"] == ("stauts",)


def test_records_are_frozen():
    update = Update.model_validate({"task": "1-1-1"})
    with pytest.raises(ValidationError):
        update.task = "1-1-2"


def test_every_field_is_documented_in_chinese():
    for record, fields in field_docs().items():
        for name, description in fields.items():
            assert description, f"{record}.{name} has no description"
            assert any("\u4e00" <= ch <= "\u9fff" for ch in description), f"{record}.{name}"
