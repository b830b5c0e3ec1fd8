"""`gongkai draft` on the Jiaocheng report: scored against the curated data/plan.yaml with bench/draft_score.py."""

import shutil

from generator.cli import main
from generator.load import load
from tests.jiaocheng.conftest import DATA
from tests.test_draft import _bench, _draft, drafted_texts_are_quoted

SOURCE = DATA / "source.txt"


def test_jiaocheng_draft_scores_against_the_curated_plan(capsys):
    bench = _bench()
    figures = bench.draft_and_score(DATA)
    with capsys.disabled():
        print(
            f"\ndraft vs curated plan: tasks {figures['tasks']:.1%}, targets found {figures['targets_found']:.1%}, "
            f"spurious {figures['spurious']:.1%}, actions {figures['actions_matched']}/{figures['curated_actions']}, "
            f"measures {figures['measures_matched']}/{figures['curated_measures']}"
        )
    assert figures["tasks"] >= bench.GOALS["tasks"]
    assert figures["targets_found"] >= bench.GOALS["targets_found"]
    assert figures["spurious"] <= bench.GOALS["spurious"]


def test_jiaocheng_draft_is_a_valid_plan(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(SOURCE, data / "source.txt")
    assert main(["draft", str(data / "source.txt")]) == 0
    (data / "plan.draft.yaml").rename(data / "plan.yaml")
    plan = load(data).plan  # placeholders included, the untouched draft passes validation
    assert [a.id for a in plan.actions] == [str(n) for n in range(1, 9)]
    assert len(plan.tasks()) == 82
    assert plan.report.year == 2021  # from 建党一百周年
    assert plan.report.title.startswith("待填写") and plan.report.issuer.startswith("待填写")


def test_header_says_draft_and_uncertain_choices_are_marked(tmp_path):
    text, _ = _draft(tmp_path, SOURCE)
    head = text.splitlines()[:12]
    assert head[0] == "# yaml-language-server: $schema=schema/plan.schema.json"
    assert any("草稿" in line and "核对" in line for line in head)
    assert "  year: 2021  # 待核对：原文没有写年份，年度由“建党一百周年”推断为 2021 年，请核对" in text
    assert "# 待核对：原文此处没有引领句，举措标题取自第一句的开头“加快政府自身建设”" in text
    assert "# 待核对：数字“300兆瓦”未列为目标值：是所举项目之一的规模或规格" in text
    assert "# 待核对：短句“全面兑现奖补政策”按任务处理；如它是下面任务的小标题，请改为 group" in text


def test_every_drafted_text_is_quoted_from_the_report(tmp_path):
    drafted_texts_are_quoted(tmp_path, SOURCE)
