"""The site built from the shipped data/: the words its search finds, its manifest, the repository's own build."""

import csv
import io
import json
import os
import re
import subprocess
import sys

from generator import published
from generator.load import load
from tests.jiaocheng.conftest import DATA, ROOT
from tests.test_build import html, search_index


def test_search_index_keeps_place_names_whole(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index, ensure_ascii=False)
    for word in ["庞泉沟", "龙山街小学", "村史馆", "抽水蓄能", "排污许可", "改厕"]:
        assert f"\u200b{word}" in text, word


def test_search_index_holds_the_finer_and_everyday_words_of_each_task(site):
    index = search_index(site)
    assert set(index["config"]["fields"]) == {"title", "text", "title_parts", "words"}  # the worker indexes these
    docs = {d["location"]: d for d in index["docs"]}
    tasks = load(DATA).plan.tasks()

    def words(text_has: str) -> list[str]:
        task = next(t for t in tasks if text_has in t.text)
        doc = docs[f"tasks/{task.id}/"]
        return " ".join(doc.get(field, "") for field in ("title_parts", "words")).split()

    assert "就业" in words("新增就业") and "宅基地" in words("农村宅基地") and "管网" in words("污水管网")
    assert "学校" in words("龙山街小学") and "医院" in words("医共体") and "修路" in words("公路建设")
    assert "学校" not in words("新增就业") and "医院" not in words("农村宅基地")  # only where the task's words fit


def test_search_index_has_no_single_character_a_query_would_stop_at(site):
    """就 on its own would make Material search 就业 as 就*, which finds 就医 first."""
    index = search_index(site)
    separator = re.compile(index["config"]["separator"])
    tokens = {
        t for d in index["docs"] for f in ("title", "text") for t in separator.split(re.sub("<[^>]+>", " ", d[f]))
    }
    assert not {"就", "上", "医", "学"} & tokens  # 就 and 上 stood alone before (就是, 上级)
    assert "新增就业" in tokens and "建设" in {t[:2] for t in tokens}


def test_traditional_characters_table_is_built_from_the_index(site):
    table = json.loads((site / "search" / "t2s.json").read_text(encoding="utf-8"))
    assert table["醫"] == "医" and table["學"] == "学" and table["養"] == "养" and table["車"] == "车"
    indexed = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert all(simplified in indexed for simplified in table.values())  # only what the index holds


def test_mkdocs_build_strict_works_on_the_repo(tmp_path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "out")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "tasks" / "3-2-1" / "index.html").is_file()


def test_manifest_is_current_for_the_shipped_data(site):
    """Every URL the 2021 site serves is recorded, with each task's fingerprint, so none can silently change."""
    record = published.read(DATA / "published-urls.txt")
    served = set(published.urls_on_disk(site))
    assert served - set(record.urls) == set(), "run `gongkai urls` and commit data/published-urls.txt"
    assert {u for u in served if u.startswith("/tasks/")} == set(record.prints)


def test_progress_csv_has_the_numbers_the_pages_show(site):
    """Round-trip: every latest value in progress.csv appears in its task page's target table."""
    rows = list(csv.DictReader(io.StringIO((site / "data" / "progress.csv").read_text(encoding="utf-8-sig"))))
    latest = max(r["period"] for r in rows)
    checked = 0
    for row in (r for r in rows if r["period"] == latest and r["value"]):
        table = html(site, f"tasks/{row['task_id']}/").split("<h2", 2)[1]
        assert f'<td data-label="指标">{row["metric"]}</td>' in table
        shown = f'<td data-label="当前值">{row["value"]}{row["unit"]}'
        carried = f'<span class="gk-carried">（沿用 {row["value_period"]} 报告）</span>'
        assert (shown + "</td>" if row["reported"] == "true" else shown + carried) in table, row
        checked += 1
    assert checked > 10
    assert any(r["reported"] == "false" and r["value"] for r in rows if r["period"] == latest)  # both kinds seen
