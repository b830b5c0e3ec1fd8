"""Fixtures of the tests that pin the shipped Jiaocheng 2021 data (a county deletes this folder with data/).

`site` here is the site built from the repository's mkdocs.yml and data/; it stands in for the
generator suite's `site` (a fictional plan, tests/conftest.py) in every test under tests/jiaocheng/.
"""

from __future__ import annotations

import pathlib
import shutil

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """Build the 2021 site from the repository's mkdocs.yml and data/, once for every test that reads it."""
    from generator.build import build_site

    out = tmp_path_factory.mktemp("site") / "site"
    build_site(ROOT / "mkdocs.yml", DATA, out)
    return out


@pytest.fixture
def real_data(tmp_path: pathlib.Path) -> pathlib.Path:
    """Copy the real plan and source text (no progress files) into a fresh data folder."""
    data = tmp_path / "real"
    (data / "progress").mkdir(parents=True)
    shutil.copy(DATA / "plan.yaml", data / "plan.yaml")
    shutil.copy(DATA / "source.txt", data / "source.txt")
    return data
