"""`gongkai validate` on the shipped data/: it passes, and problems put into it are found where they are."""

import shutil

from tests.jiaocheng.conftest import DATA
from tests.test_validate import period, where


def test_real_data_exits_0(validate):
    run = validate(DATA)
    assert run.code == 0, run.err
    assert "8 项行动" in run.out


def test_real_plan_and_source_copied_exit_0(real_data, validate):
    assert validate(real_data).code == 0


def test_real_plan_with_a_broken_progress_file(real_data, validate):
    text = period(
        "  - task: 1-2-1\n    actual: {产能: ６００}\n",
        "  - task: 1-1-1\n    status: 已完工\n",
        '  - task: 3-1-1\n    status: 推进中\n    evidence:\n      - {title: 通报, url: "javascript:alert(1)"}\n',
        as_of="2021-12-31",
        published="2022-01-10",
    )
    (real_data / "progress" / "2021-12.yaml").write_text(text, encoding="utf-8")
    run = validate(real_data)
    file = "progress/2021-12.yaml"
    assert run.code == 1
    assert [p.where for p in run.problems] == [
        where(file, text, "６００"),
        where(file, text, "已完工"),
        where(file, text, '"javascript:'),
    ]
    assert "600" in run.problems[0].message
    assert "您是不是想写 “已完成”" in run.problems[1].message


def test_real_progress_with_a_value_going_down(real_data, validate):
    shutil.copytree(DATA / "progress", real_data / "progress", dirs_exist_ok=True)
    text = period("  - task: 1-2-1\n    actual: {产能: 1}\n", as_of="2021-12-31", published="2022-01-10")
    (real_data / "progress" / "2021-12.yaml").write_text(text, encoding="utf-8")
    run = validate(real_data)
    assert run.only().where == where("progress/2021-12.yaml", text, "1}")
    assert "restated" in run.only().message
