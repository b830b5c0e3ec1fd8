"""End-to-end: build sites of the fictional fixtures with MkDocs and assert on the HTML and files they contain."""

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

from generator import compute, published, render, settings
from generator.build import BuildFailed, build_site
from generator.cli import main
from generator.compute import as_planned
from generator.fmt import num
from generator.load import load
from generator.model import Status
from generator.places import places_index
from generator.plugin import toc_tokens
from generator.precompress import COMPRESSIBLE, SMALLEST
from generator.site import generate
from tests.conftest import MINI, ROOT, SHIXIAN_2021

SITE_URL = settings.read(ROOT / "mkdocs.yml").site_url


def html(site: pathlib.Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def test_every_task_has_a_page_quoting_the_report(site):
    plan = load(SHIXIAN_2021).plan
    for task in plan.tasks():
        page = html(site, f"tasks/{task.id}/")
        quoted = (task.text, str(escape(task.text)), task.text.replace("“", "&ldquo;"))  # as written, or escaped
        assert any(text in page for text in quoted), task.id


def test_url_contract_pages_exist(site):
    for url in [
        "",
        "actions/1/",
        "actions/11/",
        "places/",
        "places/城关镇/",
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
        "data/tasks/10-1-1.json",
        "data/tasks/11-1.json",
    ]:
        assert (site / name).is_file(), name


def test_overview_has_chart_with_table_and_as_of(site):
    page = html(site, "")
    assert '<figure class="gk-chart"' in page and "data-figure=" in page
    assert "<table>" in page and "数据截至" in page


def test_place_page_lists_its_tasks(site):
    page = html(site, "places/城关镇/")
    plan = load(SHIXIAN_2021).plan
    tagged = [t for t in plan.tasks() if "城关镇" in t.tags]
    assert tagged
    assert [t.id for t in tagged if f"tasks/{t.id}/" not in page] == []


def test_no_page_loads_anything_from_another_origin(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for url in re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="([^"]+)"', text):
            assert not re.match(r"(https?:)?//", url) or url.startswith(SITE_URL), (page, url)
        assert "fonts.googleapis" not in text and "unpkg" not in text


def test_every_text_file_has_its_gz_beside_it(site):
    checked = 0
    for path in site.rglob("*"):
        if path.suffix in COMPRESSIBLE and path.stat().st_size > SMALLEST:
            assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == path.read_bytes(), path
            checked += 1
    assert (site / "search" / "search_index.json.gz").is_file()
    assert checked > 100


def test_generated_headings_make_the_table_of_contents(site):
    page = html(site, "actions/1/")
    assert '<a href="#一稳定经济增长" class="md-skip">' in page  # the skip link goes to the <h1>
    secondary = page[page.index('data-md-type="toc"') :]
    toc = re.findall(r'<a href="(#[^"]+)" class="md-nav__link">', secondary)
    assert toc[:3] == ["#量化目标", "#扩大有效投资", "#gk-cite-title"]
    assert 'id="扩大有效投资"' in page


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


@pytest.mark.parametrize("data_dir", [MINI, SHIXIAN_2021], ids=["mini", "shixian"])
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
    for path in [p for p in pages if p.startswith(("actions/", "units/")) and p != "units/index.md"]:
        # What Material makes of the whole page, these pages say in short (for speed, not for another result)
        assert search_entries(pages[path], pages[path].searchable) == search_entries(pages[path], pages[path].html)
    whole = sum(p.startswith(("actions/", "units/")) and p != "units/index.md" for p in pages)
    searchable = len(data.plan.tasks()) + len(places) + 1 + len(Status) + whole
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
    tasks = [sidebar(html(site, f"tasks/{t}/")) for t in ("1-1-1", "10-1-1", "11-1")]
    assert tasks[0] == tasks[1] == tasks[2] and 'href="../../places/"' in tasks[0]
    place = sidebar(html(site, "places/城关镇/"))
    assert 'href="../"' in place and "../../places/" not in place  # relative links: a sidebar per folder
    assert "md-nav__link--active" in sidebar(html(site, "actions/1/"))  # pages in the sidebar: Material's own


INDENTATION = re.compile(r"\n[ \t\r\n]+")


def test_shared_parts_show_what_materials_own_blocks_show(site, tmp_path, monkeypatch):
    """Header, sidebar, footer and scripts rendered once per folder: the same markup as Material's per page."""
    from generator import plugin

    made: list[plugin.SharedParts] = []
    on_env = plugin.GongkaiPlugin.on_env

    def counted(self, env, config, files):
        env = on_env(self, env, config, files)
        made.append(env.globals["shared"])
        return env

    monkeypatch.setattr(plugin.GongkaiPlugin, "on_env", counted)
    build_site(ROOT / "mkdocs.yml", SHIXIAN_2021, tmp_path / "shared")
    monkeypatch.setattr(plugin.GongkaiPlugin, "on_env", lambda self, env, config, files: env)  # Material's blocks
    build_site(ROOT / "mkdocs.yml", SHIXIAN_2021, tmp_path / "material")
    (shared,) = made
    folders = {key.split(":", 1)[1] for key in shared.parts}
    assert {"tasks:../..", "places:../.."} <= folders
    assert shared.rendered == len(shared.parts) == 9 * len(folders)  # each of 9 parts once per folder, then reused
    pages = sorted(p.relative_to(tmp_path / "shared") for p in (tmp_path / "shared").rglob("*.html"))
    assert len(pages) > 50
    smaller = 0
    for page in pages:
        ours, theirs = ((tmp_path / side / page).read_text(encoding="utf-8") for side in ("shared", "material"))
        # Only indentation may differ (and the sidebars' attribute spacing, as before these parts)
        assert INDENTATION.sub("\n", ours).replace('" >', '">') == INDENTATION.sub("\n", theirs).replace('" >', '">'), (
            page
        )
        smaller += len(ours) < len(theirs)
    task = html(tmp_path / "shared", "tasks/1-1-1/")
    title = re.search(r"<title>(.*?) - ", task)[1]
    assert f'<span class="md-ellipsis">\n{title}\n</span>' in task  # the header names this page
    assert shared.TITLE not in task and smaller >= len(list((tmp_path / "shared" / "tasks").iterdir()))
    # Whole pages came from their folder's stamp, every stamp passed its check, no marker was left
    outside = [p for p in pages if p.parts[0] in ("tasks", "places", "status", "updates") and len(p.parts) == 3]
    assert all(stamp.trusted is not False for stamp in shared.stamps.values())
    assert shared.stamped_pages >= len(outside) - 2 * len(shared.stamps) > 0
    assert not any("\x00" in (tmp_path / "shared" / p).read_text(encoding="utf-8") for p in pages)


def test_a_theme_override_that_prints_more_of_the_page_is_rendered_whole(tmp_path):
    """A site's own partial that prints a value the stamp has no place for: every page still shows its own."""
    from material import templates

    overrides = tmp_path / "overrides" / "partials"
    overrides.mkdir(parents=True)
    content = (pathlib.Path(templates.__file__).parent / "partials" / "content.html").read_text(encoding="utf-8")
    (overrides / "content.html").write_text(f'<p class="where">{{{{ page.url }}}}</p>\n{content}', encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")  # its custom_dir, overrides/, is the one above
    (tmp_path / "mkdocs.yml").write_text(f"{config}\ndocs_dir: {ROOT / 'docs'}\n", encoding="utf-8")
    build_site(tmp_path / "mkdocs.yml", SHIXIAN_2021, tmp_path / "site")
    for page in sorted((tmp_path / "site" / "tasks").glob("*/index.html")):
        assert f'<p class="where">tasks/{page.parent.name}/</p>' in page.read_text(encoding="utf-8")


def search_index(site: pathlib.Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_search_result_carries_status_and_action_outside_the_words(site):
    index = search_index(site)
    docs = {d["location"]: d for d in index["docs"]}
    data = load(SHIXIAN_2021)
    facts = compute.facts(data.plan, data.periods)
    action = data.plan.actions[6]
    task = action.measures[0].tasks[0]
    status = facts.status(task)
    head = f'<p data-gk-status="{status.value}" data-gk-label="{status.label}" data-gk-action="七、{action.title}">'
    assert docs[f"tasks/{task.id}/"]["text"].startswith(head)
    separator = re.compile(index["config"]["separator"])
    tasks = [d for d in index["docs"] if d["location"].startswith("tasks/")]
    words = {t for d in tasks for t in separator.split(re.sub("<[^>]+>", " ", d["text"]))}  # as the worker reads it
    assert not {w for w in words if w.startswith(("滞后", "推进中", "已完成", "提升医疗"))}
    assert docs["places/%E5%9F%8E%E5%85%B3%E9%95%87/"]["text"].replace("\u200b", "") == "<p>地点 · 2项任务</p>"


def test_the_staff_guide_is_found_by_its_headings_not_its_body(site):
    guide = [d for d in search_index(site)["docs"] if d["location"].startswith("guide/")]
    titles = [d["title"].replace("\u200b", "") for d in guide]
    assert titles[0] == "工作人员指南" and "一、第一次使用：安装" in titles  # each section keeps its heading
    assert all(d["text"] == "" for d in guide)  # the citizens' index leaves its body out
    page = html(site, "guide/")
    assert "本指南写给负责更新网站的同志" in page  # the page itself is whole


def test_feed_is_atom_with_an_entry_per_period(site):
    root = ET.parse(site / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    periods = load(SHIXIAN_2021).periods
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert len(root.findall("a:entry", ns)) == len(periods)
    for entry, (name, _) in zip(root.findall("a:entry", ns), reversed(periods), strict=True):
        assert entry.find("a:id", ns).text == f"{SITE_URL}updates/#{name}"  # stable for readers
        assert entry.find("a:link", ns).get("href") == f"{SITE_URL}updates/{name}/"
        assert (site / "updates" / name / "index.html").is_file()


def test_csv_opens_in_excel_and_matches_plan(site):
    raw = (site / "data" / "targets.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    plan = load(SHIXIAN_2021).plan
    assert len(rows) == sum(len(t.targets) for t in plan.tasks())
    toilets = next(r for r in rows if r["metric"] == "改厕")
    assert (toilets["value"], toilets["unit"]) == ("1500", "座")


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


def test_datapackage_validates_with_frictionless(site):
    from frictionless import validate

    report = validate(site / "data" / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "type", "note"])[:5]


def test_downloads_agree_with_pages(site):
    """Hold tasks.csv against each task page: same status label, same text."""
    rows = list(csv.DictReader(io.StringIO((site / "data" / "tasks.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == len(load(SHIXIAN_2021).plan.tasks())
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
    build = [*faked, "-m", "generator", "build", "--data", str(SHIXIAN_2021), "--site-dir", str(again)]
    subprocess.run(build, cwd=ROOT, env=env, check=True)
    first, second = _files(site), _files(again)
    assert len(first) > 200 and first.keys() == second.keys()
    assert [str(p) for p in first if first[p] != second[p]] == []


def _files(site: pathlib.Path) -> dict[pathlib.Path, bytes]:
    return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_citation_carries_url_as_of_and_last_change(site):
    periods = load(SHIXIAN_2021).periods
    as_of, published = periods[-1][1].as_of, periods[-1][1].published
    page = html(site, "tasks/2-1-1/")
    cited = page.split('class="gk-cite"', 1)[1]
    assert "[EB/OL]" in cited and f"{SITE_URL}tasks/2-1-1/" in cited
    assert f"({published.isoformat()})" in cited
    assert f"数据截至{as_of.year}年{as_of.month}月{as_of.day}日" in cited
    assert "引用本页" in html(site, "actions/3/")
