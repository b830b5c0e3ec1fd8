"""End-to-end: build real sites with MkDocs and assert on the HTML and files they contain."""

import csv
import datetime as dt
import gzip
import io
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html import escape as html_escape
from types import SimpleNamespace

import markdown
import pytest
from markupsafe import escape
from material.plugins.search.plugin import SearchIndex
from mkdocs.config import load_config
from mkdocs.structure.toc import get_toc

from generator import compute, published, render
from generator.build import COMPRESSIBLE, SMALLEST, BuildFailed, build_site
from generator.cli import main
from generator.compute import as_planned
from generator.fmt import num
from generator.load import load
from generator.model import Status
from generator.places import places_index
from generator.plugin import toc_tokens
from generator.site import generate

ROOT = pathlib.Path(__file__).parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


def html(site: pathlib.Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def test_every_task_has_a_page_quoting_the_report(site):
    plan = load(ROOT / "data").plan
    for task in plan.tasks():
        page = html(site, f"tasks/{task.id}/")
        assert task.text.replace("“", "&ldquo;") in page or task.text in page, task.id


def test_url_contract_pages_exist(site):
    for url in [
        "",
        "actions/1/",
        "actions/8/",
        "places/",
        "places/庞泉沟/",
        "source/",
        "updates/",
        "data/",
        "methodology/",
        "about/",
        "guide/",
    ]:
        assert (site / url / "index.html").is_file(), url
    for name in [
        "feed.xml",
        "data/plan.json",
        "data/tasks.csv",
        "data/targets.csv",
        "data/progress.csv",
        "data/schema/plan.schema.json",
        "data/schema/progress.schema.json",
        "data/tasks/3-2-1.json",
    ]:
        assert (site / name).is_file(), name


def test_overview_has_chart_with_table_and_as_of(site):
    page = html(site, "")
    assert '<figure class="gk-chart"' in page and "data-figure=" in page
    assert "<table>" in page and "数据截至" in page


def test_place_page_lists_its_tasks(site):
    page = html(site, "places/庞泉沟/")
    plan = load(ROOT / "data").plan
    tagged = [t for t in plan.tasks() if "庞泉沟" in t.tags]
    assert tagged
    assert [t.id for t in tagged if f"tasks/{t.id}/" not in page] == []


def test_no_page_loads_anything_from_another_origin(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for url in re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="([^"]+)"', text):
            assert not re.match(r"(https?:)?//", url) or url.startswith("https://gongkai.example.org/"), (page, url)
        assert "fonts.googleapis" not in text and "unpkg" not in text


def test_every_text_file_has_its_gz_beside_it(site):
    checked = 0
    for path in site.rglob("*"):
        if path.suffix in COMPRESSIBLE and path.stat().st_size > SMALLEST:
            assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == path.read_bytes(), path
            checked += 1
    assert (site / "search" / "search_index.json.gz").is_file()
    assert checked > 200


def test_generated_headings_make_the_table_of_contents(site):
    page = html(site, "actions/1/")
    assert '<a href="#一实施产业大升级行动" class="md-skip">' in page  # the skip link goes to the <h1>
    secondary = page[page.index('data-md-type="toc"') :]
    toc = re.findall(r'<a href="(#[^"]+)" class="md-nav__link">', secondary)
    assert toc[:5] == ["#量化目标", "#推动农业提质增效", "#推动工业转型升级", "#推动三产扩体增量", "#gk-cite-title"]
    assert 'id="推动农业提质增效"' in page


# (level, text) of a page's headings, in the shapes a page may take
HEADING_SHAPES = {
    "h1-then-nested": [(1, "T"), (2, "A"), (3, "A1"), (3, "A2"), (2, "B"), (3, "B1")],
    "skipped-levels": [(1, "T"), (3, "深"), (2, "A"), (4, "A 深"), (4, "A 更深"), (2, "B"), (6, "B 最深"), (3, "B2")],
    "starting-at-h2": [(2, "A"), (3, "A1"), (2, "B"), (2, "C"), (4, "C1")],
    "going-above-the-first": [(3, "c"), (2, "b"), (1, "a"), (2, "b2"), (5, "e")],
    "repeated-names": [
        (1, "量化目标"),
        (2, "量化目标"),
        (2, "量化目标"),
        (3, "推进 A.B 路"),
        (3, "推进 A.B 路"),
        (2, "“”"),
        (2, "“”"),
    ],
    "markup-in-text": [(1, "R&D 1 < 2"), (2, "R&D 1 < 2")],
}


@pytest.fixture(scope="module")
def toc_config() -> dict:
    return load_config(str(ROOT / "mkdocs.yml")).mdx_configs["toc"]


@pytest.mark.parametrize("shape", HEADING_SHAPES.values(), ids=HEADING_SHAPES.keys())
def test_headings_nest_like_the_toc_extension_nests_them(shape, toc_config):
    """The page's anchors and their nesting are those Python-Markdown's toc extension gives the same headings."""
    md = markdown.Markdown(extensions=["toc"], extension_configs={"toc": toc_config})
    md.convert("\n\n".join(f"{'#' * level} {text}" for level, text in shape))
    anchor = render.anchors()
    headings = [(level, anchor(text), str(escape(text))) for level, text in shape]  # as Page.headings() reads them
    assert _tree(toc_tokens(headings)) == _tree(md.toc_tokens)


def _tree(tokens: list[dict]) -> list[tuple]:
    return [(t["level"], t["id"], t["name"], _tree(t["children"])) for t in tokens]


@pytest.mark.parametrize("data_dir", [MINI, ROOT / "data"], ids=["mini", "data"])
def test_search_reads_task_and_place_pages_as_their_results_show_them(data_dir):
    """Task and place pages show the search indexer their `searchable` part: one entry each, as the result reads."""
    data = load(data_dir)
    facts = compute.facts(data.plan, data.periods)
    pages = generate(data_dir).pages
    for action in data.plan.actions:
        for task in (t for _, tasks in action.groups() for t in tasks):
            now = as_planned(task)
            page = pages[f"tasks/{task.id}.md"]
            [entry] = search_entries(page, page.searchable)
            assert entry["title"] == html_escape(now.title, quote=False), task.id
            assert entry["text"].startswith("<p>") and entry["text"].endswith("</p>"), task.id  # one paragraph
            assert html_escape(now.text, quote=False) in entry["text"], task.id
            status = facts.status(task)
            heading = render.action_heading(action, data.plan.report.numbering)
            assert page.search_result == {"status": status.value, "label": status.label, "action": heading}, task.id
            for target in now.targets:  # the metric, where the quote does not name it
                assert target.metric in entry["text"], task.id
                if target.metric not in now.text:
                    assert f"{target.metric} {num(target.value)}{target.unit}" in entry["text"], task.id
            assert all(place in entry["text"] for place in now.tags), task.id
    places = places_index(data.plan)
    for place, tasks in places.items():
        [entry] = search_entries(pages[f"places/{place}.md"], pages[f"places/{place}.md"].searchable)
        assert (entry["title"], entry["text"]) == (html_escape(place, quote=False), f"<p>地点 · {len(tasks)}项任务</p>")
    [entry] = search_entries(pages["places/index.md"], pages["places/index.md"].searchable)
    assert entry["title"] == "地点" and "<li>" not in entry["text"]  # each place has its own entry
    for status in Status:  # a status list: its title, found by its hidden status word (searchwords.status_word)
        page = pages[f"status/{status.value}.md"]
        [entry] = search_entries(page, page.searchable)
        count = sum(facts.status(t) == status for t in data.plan.tasks())
        assert (entry["title"], entry["text"]) == (f"{status.label}的任务", f"<p>状态 · {count}项任务</p>")
    searchable = len(data.plan.tasks()) + len(places) + 1 + len(Status)
    assert sum(p.searchable is not None for p in pages.values()) == searchable


def search_entries(page: render.Page, content: str) -> list[dict]:
    """Material's own indexer on this content, without its jieba segmentation (zero-width spaces)."""
    index = SearchIndex()
    index.add_entry_from_context(
        SimpleNamespace(meta=page.meta, content=content, toc=get_toc(toc_tokens(page.headings())), url="x/", title="t")
    )
    return [{k: v.replace("\u200b", "") if isinstance(v, str) else v for k, v in e.items()} for e in index.entries]


def sidebar(page: str) -> str:
    return page[page.index('data-md-type="navigation"') : page.index('data-md-type="toc"')]


def test_pages_outside_the_sidebar_share_one_sidebar_per_folder(site):
    tasks = [sidebar(html(site, f"tasks/{t}/")) for t in ("1-1-1", "8-1-1")]
    assert tasks[0] == tasks[1] and 'href="../../places/"' in tasks[0]
    place = sidebar(html(site, "places/庞泉沟/"))
    assert 'href="../"' in place and "../../places/" not in place  # relative links: a sidebar per folder
    assert "md-nav__link--active" in sidebar(html(site, "actions/1/"))  # pages in the sidebar: Material's own


def test_search_index_keeps_place_names_whole(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index, ensure_ascii=False)
    for word in ["庞泉沟", "龙山街小学", "村史馆", "抽水蓄能", "排污许可", "改厕"]:
        assert f"\u200b{word}" in text, word


def search_index(site: pathlib.Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_search_index_holds_the_finer_and_everyday_words_of_each_task(site):
    index = search_index(site)
    assert set(index["config"]["fields"]) == {"title", "text", "title_parts", "words"}  # the worker indexes these
    docs = {d["location"]: d for d in index["docs"]}
    tasks = load(ROOT / "data").plan.tasks()

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


def test_search_result_carries_status_and_action_outside_the_words(site):
    index = search_index(site)
    docs = {d["location"]: d for d in index["docs"]}
    data = load(ROOT / "data")
    facts = compute.facts(data.plan, data.periods)
    action = data.plan.actions[6]
    task = action.measures[0].tasks[0]
    status = facts.status(task)
    head = f'<p data-gk-status="{status.value}" data-gk-label="{status.label}" data-gk-action="（七）{action.title}">'
    assert docs[f"tasks/{task.id}/"]["text"].startswith(head)
    separator = re.compile(index["config"]["separator"])
    tasks = [d for d in index["docs"] if d["location"].startswith("tasks/")]
    words = {t for d in tasks for t in separator.split(re.sub("<[^>]+>", " ", d["text"]))}  # as the worker reads it
    assert not {w for w in words if w.startswith(("滞后", "推进中", "已完成", "实施民生"))}
    assert docs["places/%E5%BA%9E%E6%B3%89%E6%B2%9F/"]["text"].replace("\u200b", "") == "<p>地点 · 3项任务</p>"


def test_traditional_characters_table_is_built_from_the_index(site):
    table = json.loads((site / "search" / "t2s.json").read_text(encoding="utf-8"))
    assert table["醫"] == "医" and table["學"] == "学" and table["養"] == "养" and table["車"] == "车"
    indexed = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert all(simplified in indexed for simplified in table.values())  # only what the index holds


def test_feed_is_atom_with_an_entry_per_period(site):
    root = ET.parse(site / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    periods = load(ROOT / "data").periods
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert len(root.findall("a:entry", ns)) == len(periods)
    for entry, (name, _) in zip(root.findall("a:entry", ns), reversed(periods), strict=True):
        assert entry.find("a:id", ns).text == f"https://gongkai.example.org/updates/#{name}"  # stable for readers
        assert entry.find("a:link", ns).get("href") == f"https://gongkai.example.org/updates/{name}/"
        assert (site / "updates" / name / "index.html").is_file()


def test_csv_opens_in_excel_and_matches_plan(site):
    raw = (site / "data" / "targets.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    plan = load(ROOT / "data").plan
    assert len(rows) == sum(len(t.targets) for t in plan.tasks())
    toilets = next(r for r in rows if r["metric"] == "改厕")
    assert (toilets["value"], toilets["unit"]) == ("2000", "座")


def test_hostile_text_is_shown_as_text(mini_site):
    for page in mini_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text and 'href="javascript:' not in text, page
    task = html(mini_site, "tasks/1-1-3/")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in task and "{{ x }} {% if y %}" in task


def test_failed_build_leaves_the_last_good_site(tmp_path, capsys):
    bad = tmp_path / "data"
    bad.mkdir()
    (bad / "plan.yaml").write_text("report: [\n", encoding="utf-8")
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("last good", encoding="utf-8")
    assert main(["build", "--data", str(bad), "--site-dir", str(out)]) == 1
    assert (out / "index.html").read_text(encoding="utf-8") == "last good"
    assert "plan.yaml:" in capsys.readouterr().err


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


def test_datapackage_validates_with_frictionless(site):
    from frictionless import validate

    report = validate(site / "data" / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "type", "note"])[:5]


def test_downloads_agree_with_pages(site):
    """Hold tasks.csv against each task page: same status label, same text."""
    rows = list(csv.DictReader(io.StringIO((site / "data" / "tasks.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == len(load(ROOT / "data").plan.tasks())
    for row in rows:
        page = html(site, f"tasks/{row['task_id']}/")
        assert f">{row['status_label']}</span>" in page.split("当前状态", 1)[1][:200], row["task_id"]


def test_build_fails_naming_a_dropped_url(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    published.write(data / "published-urls.txt", ["/", "/tasks/1-1-1/", "/tasks/9-9-9/"], {})
    with pytest.raises(BuildFailed) as failed:
        build_site(ROOT / "mkdocs.yml", data, tmp_path / "site")
    assert "/tasks/9-9-9/" in str(failed.value) and "withdrawn" in str(failed.value)
    assert "/tasks/1-1-1/" not in str(failed.value)
    assert not (tmp_path / "site").exists()
    assert main(["build", "--data", str(data), "--site-dir", str(tmp_path / "site")]) == 1
    assert "/tasks/9-9-9/" in capsys.readouterr().err


def test_manifest_is_current_for_the_shipped_data(site):
    """Every URL the 2021 site serves is recorded, with each task's fingerprint, so none can silently change."""
    record = published.read(ROOT / "data" / "published-urls.txt")
    served = set(published.urls_on_disk(site))
    assert served - set(record.urls) == set(), "run `gongkai urls` and commit data/published-urls.txt"
    assert {u for u in served if u.startswith("/tasks/")} == set(record.prints)


# Another day, in another time zone, for the clock of a second build; it runs across midnight.
CLOCK, ZONE = "2044-07-15 23:59:56", "Asia/Shanghai"


def test_same_commit_builds_a_byte_identical_site(site, tmp_path):
    """A build in a fresh process whose clock says another day (libfaketime) writes the same bytes."""
    faketime = shutil.which("faketime")
    assert faketime, "faketime not found: apt-get install --no-install-recommends faketime (.ci/run does this)"
    assert dt.date.today().isoformat() != CLOCK[:10]  # `site` was built today, by the real clock
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | {"TZ": ZONE}
    faked = [faketime, CLOCK, sys.executable]
    today = "import datetime, time; print(datetime.date.today(), time.strftime('%Y-%m-%d'))"
    probe = subprocess.run([*faked, "-c", today], env=env, capture_output=True, text=True, check=False)
    assert probe.stdout.split() == [CLOCK[:10]] * 2, probe  # the day the build's process reads off its clock
    again = tmp_path / "again"
    subprocess.run([*faked, "-m", "generator", "build", "--site-dir", str(again)], cwd=ROOT, env=env, check=True)
    first, second = _files(site), _files(again)
    assert len(first) > 500 and first.keys() == second.keys()
    assert [str(p) for p in first if first[p] != second[p]] == []


def _files(site: pathlib.Path) -> dict[pathlib.Path, bytes]:
    return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_citation_carries_url_as_of_and_last_change(site):
    periods = load(ROOT / "data").periods
    as_of, published = periods[-1][1].as_of, periods[-1][1].published
    page = html(site, "tasks/3-2-1/")
    cited = page.split('class="gk-cite"', 1)[1]
    assert "[EB/OL]" in cited and "https://gongkai.example.org/tasks/3-2-1/" in cited
    assert f"({published.isoformat()})" in cited
    assert f"数据截至{as_of.year}年{as_of.month}月{as_of.day}日" in cited
    assert "引用本页" in html(site, "actions/3/")


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
