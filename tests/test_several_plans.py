"""Several plans in one site: the fictional 示例县 with two years, built through MkDocs.

The fixture has eleven actions (一、… 十一、), a two-level action, ongoing work, units, a 民生实事
plan numbered 1. and a commitment (城镇新增就业) that recurs from one year to the next.
"""

from __future__ import annotations

import csv
import io
import json
import pathlib
import re
import shutil
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import pytest

from generator import published
from generator.build import build_site
from generator.cli import main
from generator.starter import Government, create

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "shixian"


def new_site(folder: pathlib.Path, data: pathlib.Path) -> pathlib.Path:
    """Make a site with `gongkai init`'s files and the given data folder in place of the example."""
    create(folder, Government("示例县人民政府", "示例省示例市示例县", 2021, "https://www.example.gov.cn/zwgk/gongkai/"))
    shutil.rmtree(folder / "data")
    shutil.copytree(data, folder / "data")
    return folder


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    folder = new_site(tmp_path_factory.mktemp("shixian") / "site-src", FIXTURE)
    build_site(folder / "mkdocs.yml", folder / "data", folder / "site")
    return folder / "site"


def page(site: pathlib.Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def test_each_plan_lives_under_its_folder(site):
    for url in ["", "2021/", "2021/actions/11/", "2021/tasks/11-1/", "2021/tasks/1-1-1/", "2022/", "2022/tasks/1-1/"]:
        assert (site / url / "index.html").is_file(), url
    for url in ["2021/places/城关镇/", "2021/updates/", "2021/updates/2021-06/", "2021/source/", "2021/data/"]:
        assert (site / url / "index.html").is_file(), url
    for name in ["2021/feed.xml", "2022/feed.xml", "feed.xml", "2021/data/tasks.csv", "data/tasks.csv"]:
        assert (site / name).is_file(), name


def test_home_lists_every_plan_with_its_status_summary(site):
    home = page(site, "")
    assert '<a href="2021/">查看示例县2021年政府工作报告落实情况</a>' in home
    assert '<a href="2022/">查看示例县2022年民生实事落实情况</a>' in home
    assert home.count('class="gk-chips"') == 2


def test_every_page_has_the_plan_switcher(site):
    for url in ["", "2021/tasks/11-1/", "2022/", "methodology/"]:
        switcher = re.search(r'<nav class="gk-plans".*?</nav>', page(site, url), re.S)
        assert switcher, url
        assert "示例县2021年政府工作报告" in switcher.group() and "示例县2022年民生实事" in switcher.group()


def test_headings_follow_each_plans_numbering_beyond_ten(site):
    assert ">十一、加强政府建设</h1>" in page(site, "2021/actions/11/")
    assert ">1.就业</h1>" in page(site, "2022/actions/1/")
    assert "确定的 2022 年民生实事共 3 个方面、4 项任务" in page(site, "2022/")
    assert "在 2021 年政府工作报告中提出了 11 项行动、19 项任务" in page(site, "2021/")


def test_a_two_level_action_lists_its_tasks(site):
    action = page(site, "2021/actions/11/")
    for task in ("11-1", "11-2", "11-3"):
        assert f'href="../../../2021/tasks/{task}/"' in action
    assert "长期坚持" in page(site, "2021/tasks/11-3/")


def test_a_recurring_commitment_links_the_other_years(site):
    this_year = page(site, "2022/tasks/1-1/")
    assert '<a href="../../../2021/tasks/8-1-1/">城镇新增就业3000人</a>' in this_year
    assert "城镇新增就业3200人（本任务）" in this_year
    assert '<a href="../../../2022/tasks/1-1/">' in page(site, "2021/tasks/8-1-1/")


def test_combined_downloads_carry_the_plan(site):
    rows = list(csv.DictReader(io.StringIO((site / "data" / "tasks.csv").read_text(encoding="utf-8-sig"))))
    assert {r["plan"] for r in rows} == {"2021", "2022"}
    assert len(rows) == 19 + 4
    assert {r["lead"] for r in rows if r["plan"] == "2022"} >= {"示例县人社局"}


def test_feeds_per_plan_and_combined(site):
    atom = "{http://www.w3.org/2005/Atom}"
    combined = ET.parse(site / "feed.xml").getroot()
    titles = [e.findtext(f"{atom}title") for e in combined.iter(f"{atom}entry")]
    assert any(t.startswith("示例县2021年政府工作报告：") for t in titles)
    assert any(t.startswith("示例县2022年民生实事：") for t in titles)
    single = ET.parse(site / "2022" / "feed.xml").getroot()
    assert len(list(single.iter(f"{atom}entry"))) == 1


def test_search_covers_every_plan(site):
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "2021/tasks/11-1/" in index and "2022/tasks/2-1/" in index


# --- a site that published single-plan URLs moves to one folder per plan ------------------------


def single_plan_record(tmp_path: pathlib.Path) -> pathlib.Path:
    """Publish the 2021 plan alone (today's layout), then move it into data/2021/ beside 2022."""
    folder = new_site(tmp_path / "site-src", FIXTURE / "2021")
    assert main(["urls", "--data", str(folder / "data"), "--config", str(folder / "mkdocs.yml")]) == 0
    record = published.read(folder / "data" / published.FILE)
    assert "/tasks/1-1-1/" in record.urls and "/feed.xml" in record.urls
    (folder / "data" / "2021").mkdir()
    for item in ["plan.yaml", "source.txt", "progress"]:
        shutil.move(folder / "data" / item, folder / "data" / "2021" / item)
    shutil.copytree(FIXTURE / "2022", folder / "data" / "2022")
    return folder


def test_published_single_plan_urls_keep_answering(tmp_path, capsys):
    folder = single_plan_record(tmp_path)
    assert main(["validate", "--data", str(folder / "data"), "--config", str(folder / "mkdocs.yml")]) == 0
    build_site(folder / "mkdocs.yml", folder / "data", folder / "site")
    site = folder / "site"
    redirect = (site / "tasks" / "1-1-1" / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../../2021/tasks/1-1-1/"' in redirect
    assert '<link rel="canonical" href="https://www.example.gov.cn/zwgk/gongkai/2021/tasks/1-1-1/">' in redirect
    assert (site / "data" / "tasks" / "1-1-1.json").read_bytes() == (
        site / "2021" / "data" / "tasks" / "1-1-1.json"
    ).read_bytes()
    for url in published.read(folder / "data" / published.FILE).urls:
        path = site / url.strip("/")
        assert (path / "index.html").is_file() or path.is_file(), url
    # A 督查通报, made while the pages were written, is copied whole to its old address too
    moved = sorted((site / "2021" / "updates").glob("*/report.docx"))
    assert moved and all(
        (site / "updates" / p.parent.name / p.name).read_bytes() == p.read_bytes() != b"" for p in moved
    )


def test_a_published_url_no_plan_serves_fails_validation(tmp_path, capsys):
    folder = single_plan_record(tmp_path)
    shutil.rmtree(folder / "data" / "2021" / "progress")
    code = main(["validate", "--data", str(folder / "data"), "--config", str(folder / "mkdocs.yml")])
    err = capsys.readouterr().err
    assert code == 1
    assert "published-urls.txt:" in err and "/updates/2021-06/：这个已发布的网址在本次生成中消失了" in err


def test_a_page_per_unit_with_what_needs_its_attention(site):
    index = page(site, "2021/units/")
    assert '<a href="../../2021/units/示例县住建局/">示例县住建局</a>' in index
    unit = page(site, "2021/units/示例县住建局/")
    attention = unit.split('id="滞后或逾期的任务"', 1)[1].split("</ul>", 1)[0]
    assert "4-1-2" in attention and "4-1-1" not in attention  # 650 of 800 parking spaces at the due date
    assert 'id="牵头的任务"' in unit and "配合的任务" not in unit.split("</article>")[0].split("牵头的任务")[0]
    health = page(site, "2021/units/示例县卫健局/")
    assert "7-1-1" in health.split('id="滞后或逾期的任务"', 1)[1].split("</ul>", 1)[0]  # typed 推进中, past due
    assert "2-1-1" in health.split('id="配合的任务"', 1)[1]  # a partner of the toilets task
    assert '<a href="../../units/示例县卫健局/">示例县卫健局</a>' in page(site, "2021/tasks/2-1-1/").replace(
        "../../../2021/", "../../"
    )


def test_units_are_in_search(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(unquote(doc["location"]) == "2021/units/示例县住建局/" for doc in index["docs"])


def test_units_due_within_thirty_days(tmp_path):
    from generator import compute, units
    from generator.load import load

    data = tmp_path / "data"
    shutil.copytree(FIXTURE / "2021", data)
    (data / "progress" / "2021-12.yaml").unlink()
    dataset = load(data)
    facts = compute.facts(dataset.plan, dataset.periods)
    unit = units.units(facts)["示例县大数据中心"]
    assert [t.id for t in units.due_soon(facts, unit.tasks)] == []  # 11-2 fell due on the as-of day, done
    lead = units.units(facts)["示例县行政审批局"]
    assert [t.id for t in units.needs_attention(facts, lead.tasks)] == []
