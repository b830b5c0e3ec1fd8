"""End-to-end: build real sites with MkDocs and assert on the HTML and files they contain."""

import csv
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
from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import get_toc

from generator import published, render
from generator.build import COMPRESSIBLE, SMALLEST, BuildFailed, build_site
from generator.cli import main
from generator.load import load
from generator.plugin import toc_tokens
from generator.site import generate

ROOT = pathlib.Path(__file__).parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(ROOT / "mkdocs.yml", ROOT / "data", out)
    return out


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("mini") / "site"
    build_site(ROOT / "mkdocs.yml", MINI, out)
    return out


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
    for task in (t for t in plan.tasks() if "庞泉沟" in t.tags):
        assert f"tasks/{task.id}/" in page


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


def test_headings_nest_like_the_toc_extension_nests_them():
    headings = [(1, "t", "T"), (2, "a", "A"), (3, "a1", "A1"), (3, "a2", "A2"), (2, "b", "B"), (3, "b1", "B1")]
    tree = [
        (t["id"], [(c["id"], [g["id"] for g in c["children"]]) for c in t["children"]]) for t in toc_tokens(headings)
    ]
    assert tree == [("t", [("a", ["a1", "a2"]), ("b", ["b1"])])]
    assert [t["id"] for t in toc_tokens([(2, "a", "A"), (2, "b", "B")])] == ["a", "b"]


@pytest.mark.parametrize("data_dir", [MINI, ROOT / "data"], ids=["mini", "data"])
def test_search_reads_only_the_searchable_part_and_indexes_the_same(data_dir):
    """The search plugin is shown a page's `searchable` part only: Material's own indexer must find the same."""
    data = load(data_dir)
    pages = generate(data_dir).pages
    shortened = 0
    for path, page in pages.items():
        if page.searchable is not None:
            assert page.html.startswith(page.searchable)
            assert search_entries(page, page.searchable) == search_entries(page, page.html), path
            shortened += 1
    assert shortened == len(data.plan.tasks())


def search_entries(page: render.Page, content: str) -> list[dict]:
    index = SearchIndex()
    index.add_entry_from_context(
        SimpleNamespace(meta=page.meta, content=content, toc=get_toc(toc_tokens(page.headings())), url="x/", title="t")
    )
    return index.entries


def sidebar(page: str) -> str:
    return page[page.index('data-md-type="navigation"') : page.index('data-md-type="toc"')]


def test_pages_outside_the_sidebar_share_one_sidebar_per_folder(site):
    tasks = [sidebar(html(site, f"tasks/{t}/")) for t in ("1-1-1", "8-1-1")]
    assert tasks[0] == tasks[1] and 'href="../../places/"' in tasks[0]
    place = sidebar(html(site, "places/庞泉沟/"))
    assert 'href="../"' in place and "../../places/" not in place  # relative links: a sidebar per folder
    assert "md-nav__link--active" in sidebar(html(site, "actions/1/"))  # pages in the sidebar: Material's own


def test_internal_links_resolve(site):
    pages = [*site.glob("*/index.html"), *site.glob("updates/*/index.html"), *site.glob("places/*/index.html")]
    for page in pages + list(site.glob("tasks/*/index.html"))[:20]:
        for href in re.findall(r'href="([^"#?:]+)"', page.read_text(encoding="utf-8")):
            target = (page.parent / href).resolve()
            assert target.exists() or (target / "index.html").exists(), (page, href)


def test_search_index_keeps_place_names_whole(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index, ensure_ascii=False)
    for word in ["庞泉沟", "龙山街小学", "村史馆", "抽水蓄能", "排污许可", "改厕"]:
        assert f"\u200b{word}" in text, word


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


def test_same_commit_builds_a_byte_identical_site(site, tmp_path):
    """A second build, in a fresh process at another moment, writes the same bytes."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    again = tmp_path / "again"
    subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site-dir", str(again)], cwd=ROOT, env=env, check=True
    )
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [str(p) for p in first if first[p] != second[p]] == []


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
