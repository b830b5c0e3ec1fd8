"""`gongkai new-period`: a draft that lists every open task, pre-filled, and never overwrites."""

import shutil

import yaml

from generator.cli import main
from generator.load import load
from tests.test_pages import MINI


def test_draft_lists_open_tasks_with_last_values(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    assert main(["new-period", "2021-09", "--data", str(data)]) == 0
    draft = (data / "progress" / "2021-09.yaml").read_text(encoding="utf-8")
    period = yaml.safe_load(draft)
    assert str(period["as_of"]) == "2021-09-30" and period["demo"] is False
    by_task = {u["task"]: u for u in period["updates"]}
    assert set(by_task) == {"1-1-1", "1-1-2", "1-1-3", "2-1-1"}  # none is done yet
    assert by_task["1-1-1"]["actual"] == {"改厕": 1200}
    assert by_task["2-1-1"]["actual"] == {"新增就业": 800, "登记失业率": 3.8}
    assert by_task["1-1-3"]["status"] == "推进中"  # no targets: the status is carried, in Chinese
    assert "请改为本期累计值" in draft and "gongkai validate" in draft
    load(data)  # the untouched draft is itself valid data


def test_done_tasks_are_left_out(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    (data / "progress" / "2021-08.yaml").write_text(
        "as_of: 2021-08-31\npublished: 2021-09-10\nupdates:\n  - task: '1-1-1'\n    actual: {改厕: 2000}\n",
        encoding="utf-8",
    )
    assert main(["new-period", "2021-09", "--data", str(data)]) == 0
    period = yaml.safe_load((data / "progress" / "2021-09.yaml").read_text(encoding="utf-8"))
    assert "1-1-1" not in {u["task"] for u in period["updates"]}


def test_large_values_are_written_exactly(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    path = data / "progress" / "2021-06.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{改厕: 1200}", "{改厕: 1234.5678}"), encoding="utf-8")
    assert main(["new-period", "2021-07", "--data", str(data)]) == 0
    assert "1234.5678" in (data / "progress" / "2021-07.yaml").read_text(encoding="utf-8")


def test_refuses_to_overwrite(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    before = (data / "progress" / "2021-06.yaml").read_bytes()
    assert main(["new-period", "2021-06", "--data", str(data)]) == 2
    assert "不会覆盖" in capsys.readouterr().err
    assert (data / "progress" / "2021-06.yaml").read_bytes() == before


def test_rejects_a_malformed_month(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    assert main(["new-period", "2021-13", "--data", str(data)]) == 2
    assert "YYYY-MM" in capsys.readouterr().err
