"""The synthetic plan of bench/synth.py: valid, deterministic, and the whole pipeline runs on it.

It also checks, on the many figures of a synthetic plan, that Plotly itself reads the chart JSON
charts.py writes by hand, every property of it, as the same figure.
"""

from __future__ import annotations

import importlib.util
import json
import pathlib
import sys
from collections import Counter

import plotly.graph_objects as go
import pytest

from generator import charts, compute, news, render
from generator.load import load
from generator.quotes import source_links
from generator.site import generate

ROOT = pathlib.Path(__file__).resolve().parents[2]  # bench/synth.py recombines the words of data/plan.yaml


def _synth():
    spec = importlib.util.spec_from_file_location("synth", ROOT / "bench" / "synth.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synth", module)  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


synth = _synth()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    return synth.write(tmp_path_factory.mktemp("synth") / "data", tasks=300, periods=2, seed=7)


@pytest.fixture(scope="module")
def dataset(data_dir):
    return load(data_dir)


def test_synthetic_plan_is_valid_and_shaped_like_a_plan(dataset):
    tasks = dataset.plan.tasks()
    assert len(tasks) == 300
    assert len(dataset.plan.actions) >= 8
    assert [name for name, _ in dataset.periods] == ["2021-06", "2021-12"]
    assert all(period.demo for _, period in dataset.periods)
    assert 0.2 < sum(1 for t in tasks if t.targets) / len(tasks) < 0.45  # about a third have targets
    assert sum(1 for t in tasks if t.tags) > 50
    assert 15 < sum(len(t.text) for t in tasks) / len(tasks) < 60  # like the real plan (about 28)


def test_same_seed_writes_the_same_files(data_dir, tmp_path):
    again = synth.write(tmp_path / "again", tasks=300, periods=2, seed=7)
    files = sorted(p.relative_to(data_dir) for p in data_dir.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert all((data_dir / f).read_bytes() == (again / f).read_bytes() for f in files)
    other = synth.write(tmp_path / "other", tasks=300, periods=2, seed=8)
    assert (other / "plan.yaml").read_bytes() != (data_dir / "plan.yaml").read_bytes()


def test_source_text_links_every_task_once(dataset):
    linked = Counter(task.id for runs in source_links(dataset.plan, dataset.source_text) for _, task in runs if task)
    assert set(linked) == {t.id for t in dataset.plan.tasks()}
    assert set(linked.values()) == {1}


def test_whole_pipeline_runs(data_dir, dataset):
    site = generate(data_dir)
    assert {f"tasks/{t.id}.md" for t in dataset.plan.tasks()} <= set(site.pages)
    assert f"data/tasks/{dataset.plan.tasks()[-1].id}.json" in site.files
    assert any(path.startswith("places/") and path != "places/index.md" for path in site.pages)


def test_updates_page_and_feed_stay_small_and_each_period_page_lists_every_change(data_dir, dataset):
    site = generate(data_dir, render.SiteInfo("https://example.org/"))
    facts = compute.facts(dataset.plan, dataset.periods)
    (name, _, moved), *_ = news.changes(facts)
    assert len(moved) > news.LISTED  # every task moves in the first period of a synthetic plan
    updates = site.pages["updates.md"].html
    assert updates.count('<tr><td data-label="任务">') == news.LISTED * len(dataset.periods)
    assert f'<a href="../updates/{name}/">查看本期全部 {len(moved)} 项变化' in updates
    period = site.pages[f"updates/{name}.md"]
    assert period.html.count('<tr><td data-label="任务">') == len(moved)
    assert period.meta["search"] == {"exclude": True}  # its rows are excluded from search anyway
    feed = site.files["feed.xml"].decode()
    assert feed.count("&lt;li&gt;") == news.LISTED * len(dataset.periods)
    assert f"另有 {len(moved) - news.LISTED} 项变化" in feed


def test_figures_are_what_plotly_reads(dataset):
    """Plotly knows every property of each figure, and writes the figure back as the same data."""
    facts = compute.facts(dataset.plan, dataset.periods)
    made = [charts.overview(facts)]
    made += [charts.action(facts, a) for a in dataset.plan.actions]
    made += [charts.task(facts, t) for t in dataset.plan.tasks()]
    figures = [json.loads(figure) for chart in made if chart for figure in chart.figures]
    kinds = Counter(trace["type"] for figure in figures for trace in figure["data"])
    assert kinds["scatter"] > 100 and kinds["bar"] > 8
    for figure in figures:
        # go.Figure raises ValueError on a property (or a value) Plotly does not know
        assert json.loads(go.Figure(figure).to_json(validate=True, engine="json")) == figure
