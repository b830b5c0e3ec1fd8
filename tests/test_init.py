"""`gongkai init`: a complete new site for another government, built as it is, naming no other county."""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

from generator import settings
from generator.build import build_site
from generator.load import load
from generator.starter import STARTER, render_mkdocs

ROOT = pathlib.Path(__file__).resolve().parent.parent
FLAGS = ["--name", "示例县人民政府", "--region", "示例省示例市示例县", "--year", "2025"]


def gongkai(*args: str, cwd: pathlib.Path) -> subprocess.CompletedProcess[str]:
    """Run the installed command as staff would, from a folder of their choosing."""
    command = [str(pathlib.Path(sys.executable).with_name("gongkai")), *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    here = tmp_path_factory.mktemp("office")
    result = gongkai("init", "示例县网站", *FLAGS, cwd=here)
    assert result.returncode == 0, result.stderr
    return here / "示例县网站"


def test_init_writes_a_complete_site(new_site):
    for name in ["mkdocs.yml", "data/plan.yaml", "data/source.txt", "data/progress/2025-06.yaml", "docs/about.md"]:
        assert (new_site / name).is_file(), name
    for name in [".ci/run", ".github/workflows/publish.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml"]:
        assert (new_site / name).is_file(), name
    assert os.access(new_site / ".ci" / "run", os.X_OK)
    site = settings.read(new_site / "mkdocs.yml")
    assert site.site_name == "示例县2025年重点工作落实情况"
    plan = (new_site / "data" / "plan.yaml").read_text(encoding="utf-8")
    assert 'issuer: "示例县人民政府"' in plan and 'region: "示例省示例市示例县"' in plan and "year: 2025" in plan
    assert "示例" in (new_site / "data" / "source.txt").read_text(encoding="utf-8").splitlines()[0]
    assert "demo: true" in (new_site / "data" / "progress" / "2025-06.yaml").read_text(encoding="utf-8")


def test_the_new_site_validates_and_builds_as_it_is(new_site):
    assert gongkai("validate", cwd=new_site).returncode == 0
    build_site(new_site / "mkdocs.yml", new_site / "data", new_site / "site")
    pages = list((new_site / "site").rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        assert "交城" not in page.read_text(encoding="utf-8"), page
    home = (new_site / "site" / "index.html").read_text(encoding="utf-8")
    assert "示例县2025年政府工作报告（示例）落实情况" in home and "示例数据" in home


def test_init_never_overwrites_and_asks_for_what_is_missing(tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("x", encoding="utf-8")
    refused = gongkai("init", "used", *FLAGS, cwd=tmp_path)
    assert refused.returncode == 2 and "不是空目录" in refused.stderr
    assert (tmp_path / "used" / "notes.txt").read_text(encoding="utf-8") == "x"
    missing = gongkai("init", "new", "--name", "示例县人民政府", cwd=tmp_path)
    assert missing.returncode == 2 and "--region" in missing.stderr and "Traceback" not in missing.stderr
    assert not (tmp_path / "new").exists()


def test_this_repositorys_settings_file_is_the_starter_one():
    """The Jiaocheng site's mkdocs.yml differs from a new site's only in its settings."""
    site = settings.read(ROOT / "mkdocs.yml")
    values = {"site_name": site.site_name, "site_description": site.site_description}
    values |= {"site_url": site.site_url, "copyright": site.copyright}
    assert (ROOT / "mkdocs.yml").read_text(encoding="utf-8") == render_mkdocs(values)
    assert (ROOT / "overrides" / "README.md").read_bytes() == (STARTER / "overrides" / "README.md").read_bytes()


def test_nothing_in_the_tool_names_a_county():
    tool = [*(ROOT / "generator").rglob("*")]
    texts = [
        p for p in tool if p.is_file() and p.suffix in {".py", ".j2", ".html", ".md", ".css", ".js", ".yml", ".txt"}
    ]
    assert len(texts) > 30
    for path in texts:
        if "vendor" not in path.parts:
            assert "交城" not in path.read_text(encoding="utf-8"), path


def test_the_new_plan_shows_where_the_reports_address_date_and_licence_go(new_site, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(new_site / "data", data)
    text = (data / "plan.yaml").read_text(encoding="utf-8")
    filled = re.sub(r"^  # (url|published|license): ", r"  \1: ", text, flags=re.M)
    assert filled != text
    (data / "plan.yaml").write_text(filled, encoding="utf-8")
    report = load(data).plan.report
    assert report.url.startswith("https://") and report.published.year == 2025 and report.license
