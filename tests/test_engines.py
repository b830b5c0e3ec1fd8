"""`gongkai generate` writes the site as files any MkDocs-compatible engine builds; ProperDocs builds the same URLs."""

from __future__ import annotations

import html
import pathlib

import markdown
import pytest
import yaml
from pymdownx.slugs import slugify

from generator import portable, published, settings
from generator.build import build_site
from generator.cli import main
from generator.site import generate

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = [ROOT / "tests" / "fixtures" / "mini", ROOT / "tests" / "fixtures" / "shixian"]
SHIXIAN_2021 = FIXTURES[1] / "2021"  # one plan alone: the URLs of a one-plan site


def flat(tokens: list[dict]) -> list[tuple[int, str, str]]:
    return [(t["level"], t["id"], html.unescape(t["name"])) for t in tokens] + [
        item for t in tokens for item in flat(t["children"])
    ]


@pytest.mark.parametrize("data", FIXTURES, ids=lambda p: p.name)
def test_generated_markdown_keeps_every_heading_for_the_toc_extension(data):
    site = generate(data)
    checked = 0
    for path, page in site.pages.items():
        text = portable.page_markdown(page)
        front, body = text.removeprefix("---\n").split("---\n", 1)
        assert yaml.safe_load(front) == page.meta, path
        md = markdown.Markdown(
            extensions=["attr_list", "tables", "toc"], extension_configs={"toc": {"slugify": slugify(case="lower")}}
        )
        md.convert(body)
        expected = [(level, anchor, html.unescape(name)) for level, anchor, name in page.headings()]
        assert sorted(flat(md.toc_tokens)) == sorted(expected), path
        checked += 1
    assert checked == len(site.pages) > 10


def test_markdown_in_yaml_text_stays_text():
    page = generate(FIXTURES[0]).pages["tasks/1-1-3.md"]
    html_out = markdown.markdown(portable.page_markdown(page).split("---\n", 2)[2], extensions=["attr_list", "toc"])
    assert "<strong>" not in html_out and "**粗体**" in html.unescape(html_out) and "<script>" not in html_out


def test_generate_writes_docs_theme_and_a_config_without_the_plugin(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["generate", "--data", str(SHIXIAN_2021), "--config", str(ROOT / "mkdocs.yml"), "--out", str(out)]) == 0
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "gongkai" not in str(config["plugins"]) and config["plugins"][0]["search"]["jieba_dict_user"]
    assert config["nav"][0] == {"概览": "index.md"} and {"工作人员指南": "guide.md"} in config["nav"]
    assert (out / "docs" / "tasks" / "11-1.md").is_file() and (out / "docs" / "data" / "tasks.csv").is_file()
    assert (out / "overrides" / "main.html").is_file() and "城关镇 100000" in (out / "search-words.txt").read_text()
    assert settings.read(out / "mkdocs.yml").docs_dir == "docs"


def test_properdocs_builds_the_same_urls_as_mkdocs(tmp_path):
    """CI builds with ProperDocs, the maintained fork of MkDocs 1.6, on the files `gongkai generate` writes."""
    build_site(ROOT / "mkdocs.yml", SHIXIAN_2021, tmp_path / "mkdocs")
    build_site(ROOT / "mkdocs.yml", SHIXIAN_2021, tmp_path / "properdocs", engine="properdocs")
    urls = published.urls_on_disk(tmp_path / "mkdocs")
    assert urls == published.urls_on_disk(tmp_path / "properdocs") and len(urls) > 50
    task = (tmp_path / "properdocs" / "tasks" / "1-1-1" / "index.html").read_text(encoding="utf-8")
    assert "gk-demo-banner" in task and 'data-figure="' in task and 'href="#目标值"' in task
    assert (tmp_path / "properdocs" / "search" / "search_index.json").is_file()


def test_an_engine_that_is_not_installed_is_named_in_chinese(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr("sys.executable", str(tmp_path / "python"))
    code = main(["build", "--engine", "zensical", "--data", str(FIXTURES[0]), "--site-dir", str(tmp_path / "s")])
    assert code == 1 and "没有安装 zensical；请先运行 pip install zensical" in capsys.readouterr().err
