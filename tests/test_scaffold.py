"""`gongkai new-period`: a short draft of the open tasks that is valid as written, never overwrites,
and shows on the site as 本期未更新 (not as a fresh report) until an entry is filled in."""

import shutil

import pytest
import yaml

from generator import compute, news
from generator.cli import main
from generator.load import load
from generator.site import generate
from tests.test_pages import MINI


@pytest.fixture
def data(tmp_path):
    """A copy of the mini fixture: a plan with two periods, 2021-03 and 2021-06."""
    folder = tmp_path / "data"
    shutil.copytree(MINI, folder)
    return folder


def draft_of(data, month="2021-09"):
    """Run `gongkai new-period` and return the draft's text."""
    assert main(["new-period", month, "--data", str(data)]) == 0
    return (data / "progress" / f"{month}.yaml").read_text(encoding="utf-8")


def entries(text):
    """Read the draft's updates by task."""
    return {u["task"]: u for u in yaml.safe_load(text)["updates"]}


def test_draft_lists_open_tasks_with_last_values(data):
    draft = draft_of(data)
    period = yaml.safe_load(draft)
    assert str(period["as_of"]) == "2021-09-30" and period["demo"] is False
    by_task = entries(draft)
    assert set(by_task) == {"1-1-1", "1-1-2", "1-1-3", "2-1-1"}  # none is done yet
    assert all(u["draft"] is True for u in by_task.values())
    assert by_task["1-1-1"]["actual"] == {"改厕": 1200}
    assert by_task["2-1-1"]["actual"] == {"新增就业": 800, "登记失业率": 3.8}
    assert by_task["1-1-3"]["status"] == "推进中"  # no targets: the status is carried, in Chinese
    assert "gongkai validate" in draft


def test_untouched_draft_is_valid_and_warns_once_per_entry(data, validate):
    draft_of(data)
    run = validate(data)
    assert run.code == 0, run.err
    drafts = [w for w in run.warnings if w.file == "progress/2021-09.yaml"]
    assert sorted(w.field for w in drafts) == [f"任务 {t} 的 draft" for t in ("1-1-1", "1-1-2", "1-1-3", "2-1-1")]
    assert all("还没有填写" in w.message and "本期未更新" in w.message for w in drafts)
    assert validate(data, "--strict").code == 1  # --strict: an unfilled draft stops the publication


def test_explanations_are_written_once_at_the_top(data):
    draft = draft_of(data)
    head, body = draft.split("\nupdates:\n")
    assert "draft: true" in head and "还没有填写" in head and "restated" in head  # explained once, here
    comments = [line for line in body.splitlines() if line.strip().startswith("#")]
    assert len(comments) == len(entries(draft))  # below the top: only one heading line per task
    assert "restated" not in body and "请改为" not in body


def test_an_untouched_entry_is_shown_as_not_updated(data):
    draft_of(data)
    dataset = load(data)
    facts = compute.facts(dataset.plan, dataset.periods)
    task = next(t for t in dataset.plan.tasks() if t.id == "1-1-1")
    state = facts.current(task)
    assert state.name == "2021-09" and state.update is None  # the draft entry is no report
    assert state.carried() == "2021-06" and state.actual == {"改厕": 1200}
    [(name, _, moved)] = news.changes(facts)[-1:]
    assert name == "2021-09"
    assert all("新的进展说明" not in c.words() for c in moved)
    page = generate(data, None, [dataset]).pages["tasks/1-1-1.md"].html
    assert "本期未更新，沿用 2021-06 报告" in page


def test_a_filled_entry_counts_once_its_marker_is_removed(data, validate):
    text = draft_of(data).replace('"改厕": 1200', '"改厕": 1500\n    note: 新建成300座', 1)
    path = data / "progress" / "2021-09.yaml"
    path.write_text(text, encoding="utf-8")
    run = validate(data)
    assert run.code == 1
    [problem] = [p for p in run.problems if p.file == "progress/2021-09.yaml"]
    assert problem.field == "任务 1-1-1 的 draft"
    assert "actual.改厕" in problem.message and "note" in problem.message and "删除 draft: true" in problem.message
    first = text.index("    draft: true\n")  # 1-1-1 is the first entry
    path.write_text(text[:first] + text[first + len("    draft: true\n") :], encoding="utf-8")
    assert validate(data).code == 0
    dataset = load(data)
    state = compute.facts(dataset.plan, dataset.periods).current(dataset.plan.tasks()[0])
    assert state.update is not None and state.actual == {"改厕": 1500}


def test_a_changed_task_keeps_its_reason(data, validate):
    june = data / "progress" / "2021-06.yaml"
    june.write_text(
        june.read_text(encoding="utf-8") + '  - task: "1-1-3"\n    status: 已调整\n    reason: 并入其他任务\n',
        encoding="utf-8",
    )
    draft = draft_of(data)
    assert entries(draft)["1-1-3"]["status"] == "已调整"
    assert entries(draft)["1-1-3"]["reason"] == "并入其他任务"
    text = draft.replace('  - task: "1-1-3"\n    draft: true\n', '  - task: "1-1-3"\n')  # filled in: no marker
    (data / "progress" / "2021-09.yaml").write_text(text, encoding="utf-8")
    assert validate(data).code == 0  # the carried reason keeps 已调整 valid


def test_a_first_draft_writes_no_zeros(data, validate):
    for old in (data / "progress").iterdir():
        old.unlink()
    draft = draft_of(data, "2021-03")
    by_task = entries(draft)
    assert by_task["1-1-1"]["actual"] == {"改厕": None}  # empty, not 0
    assert by_task["1-1-3"]["status"] is None  # no status to carry: empty, not 尚无报告
    assert ": 0\n" not in draft and "尚无报告" not in draft
    assert "还没有填写" in draft.split("\nupdates:\n")[1]
    assert validate(data).code == 0  # untouched, it publishes nothing
    filled = draft.replace('  - task: "1-1-1"\n    draft: true\n', '  - task: "1-1-1"\n')  # marker removed, empty
    (data / "progress" / "2021-03.yaml").write_text(filled, encoding="utf-8")
    run = validate(data)
    assert run.code == 1
    assert run.only().field == "任务 1-1-1 的 actual.改厕"
    assert "还没有填写" in run.only().message


def test_large_values_are_written_exactly(data):
    path = data / "progress" / "2021-06.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{改厕: 1200}", "{改厕: 1234.5678}"), encoding="utf-8")
    assert "1234.5678" in draft_of(data, "2021-07")


def test_done_tasks_are_left_out(data):
    (data / "progress" / "2021-08.yaml").write_text(
        "as_of: 2021-08-31\npublished: 2021-09-10\nupdates:\n  - task: '1-1-1'\n    actual: {改厕: 2000}\n",
        encoding="utf-8",
    )
    assert "1-1-1" not in entries(draft_of(data))


def test_refuses_to_overwrite(data, capsys):
    before = (data / "progress" / "2021-06.yaml").read_bytes()
    assert main(["new-period", "2021-06", "--data", str(data)]) == 2
    assert "不会覆盖" in capsys.readouterr().err
    assert (data / "progress" / "2021-06.yaml").read_bytes() == before


def test_rejects_a_malformed_month(data, capsys):
    assert main(["new-period", "2021-13", "--data", str(data)]) == 2
    assert "YYYY-MM" in capsys.readouterr().err
