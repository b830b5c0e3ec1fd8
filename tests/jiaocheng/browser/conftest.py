"""Browser tests of the Jiaocheng site: its data read at test time (the browser fixtures: tests/browser/fixtures.py)."""

from __future__ import annotations

import pathlib
from collections.abc import Iterator

import pytest
import yaml

from tests.browser.fixtures import serve
from tests.jiaocheng.conftest import DATA

# --- the site: defined here again, as the plugin's session-wide ones would keep the fictional site ---------


@pytest.fixture(scope="session")
def site_dir(site: pathlib.Path) -> pathlib.Path:
    """The site built from the repository's mkdocs.yml and data/ (tests/jiaocheng/conftest.py builds it once)."""
    return site


@pytest.fixture(scope="session")
def base_url(site_dir: pathlib.Path) -> Iterator[str]:
    """The Jiaocheng site, served on 127.0.0.1."""
    with serve(site_dir) as url:
        yield url


# --- data read at test time -------------------------------------------------------------------


def plan() -> dict:
    return yaml.safe_load((DATA / "plan.yaml").read_text(encoding="utf-8"))


def tasks() -> list[dict]:
    return [t for a in plan()["actions"] for m in a["measures"] for t in m["tasks"]]


def progress_files() -> list[pathlib.Path]:
    return sorted((DATA / "progress").glob("*.yaml"))


def demo_data() -> bool:
    """Tell whether any progress file is marked as illustrative data."""
    return any((yaml.safe_load(p.read_text(encoding="utf-8")) or {}).get("demo") is True for p in progress_files())


# --- pages ----------------------------------------------------------------------------------------


def first_task_with_targets() -> str:
    return next(t["id"] for t in tasks() if t.get("targets"))


@pytest.fixture(scope="session")
def pages() -> dict[str, str]:
    """Paths of one page of each kind of the Jiaocheng site, relative to its root."""
    return {
        "overview": "",
        "action": "actions/1/",
        "task": f"tasks/{first_task_with_targets()}/",
        "places": "places/",
        "source": "source/",
        "updates": "updates/",
        "period": f"updates/{progress_files()[-1].stem}/",
        "data": "data/",
        "methodology": "methodology/",
        "status": "status/",
        "status_list": "status/behind/",
    }
