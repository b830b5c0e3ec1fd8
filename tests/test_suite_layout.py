"""The generator's tests never read the shipped data/: a county deletes tests/jiaocheng/ with data/, the rest passes.

Tests of the shipped Jiaocheng plan live in tests/jiaocheng/ (tests/README.md). Everywhere else a test
names no path into the repository's data/ and none of that plan's words; it builds fictional fixtures.
"""

from __future__ import annotations

import pathlib
import re

import pytest

TESTS = pathlib.Path(__file__).resolve().parent
APART = TESTS / "jiaocheng"

# The repository's data folder, however a module reaches it: ROOT / "data", REAL_DATA, REPO / "data",
# Path(__file__).parents[1] / "data", root.parent / "data", Path("data/plan.yaml") (run in the repository).
DATA_PATH = re.compile(
    r"""\b\w*(?:ROOT|REPO)\w*\s*/\s*["']data\b|\bREAL_DATA\b|(?:__file__\)|\.parents?\b)[\w.\[\]()]*\s*/\s*["']data\b"""
    r"""|Path\(\s*["']data\b"""
)
# Words only the shipped plan has: the county and places of its plan. A test may say that 交城 is absent.
PLAN_WORDS = re.compile(r"交城|庞泉沟|西营镇|龙山街小学|夏家营|水峪贯|天宁镇")
SAYS_ABSENT = re.compile(r"""["']交城["']\s+not\s+in\b""")


def mentions(text: str, name: str) -> list[str]:
    """Return each line of a file's text that reads the repository's data/ or names the shipped plan's words."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if DATA_PATH.search(line) or PLAN_WORDS.search(SAYS_ABSENT.sub("", line)):
            found.append(f"{name}:{number}: {line.strip()}")
    return found


def outside_apart() -> list[pathlib.Path]:
    """Return the test sources, golden pages and fixtures outside tests/jiaocheng/ (this module names the words)."""
    files = [p for p in TESTS.rglob("*") if p.is_file() and p.suffix in {".py", ".html", ".yaml", ".txt"}]
    return sorted(p for p in files if APART not in p.parents and p != pathlib.Path(__file__).resolve())


def test_no_test_outside_tests_jiaocheng_reads_the_shipped_data():
    files = outside_apart()
    assert TESTS / "conftest.py" in files and TESTS / "golden" / "source.html" in files  # the scan reaches them
    found = [line for p in files for line in mentions(p.read_text(encoding="utf-8"), str(p.relative_to(TESTS)))]
    assert found == [], "move these tests to tests/jiaocheng/ or give them a fixture:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "line",
    [
        'PLAN = ROOT / "data" / "plan.yaml"',
        'REAL_DATA = ROOT / "data"',
        'DATA = pathlib.Path(__file__).resolve().parents[1] / "data"',
        'for data in (root.parent / "data", root / "fixtures" / "mini"):',
        'REAL = REPO / "data"',
        'text = Path("data/source.txt").read_text()',
        'assert "庞泉沟" in page',
        'assert copied.startswith("交城县人民政府. 任务 ")',
    ],
)
def test_the_scan_finds_a_test_that_reads_the_shipped_data(line):
    assert mentions(f"def test_x():\n    {line}\n", "test_x.py") == [f"test_x.py:2: {line}"]


def test_the_scan_lets_a_test_say_jiaocheng_is_absent():
    assert mentions('def test_x(page):\n    assert "交城" not in page\n', "test_x.py") == []


def test_every_test_folder_is_a_package():
    """Plain `pytest` collects same-named modules of two folders (tests/, tests/jiaocheng/) only in packages."""
    folders = {p.parent for p in TESTS.rglob("test_*.py")}
    assert [str(f) for f in folders if not (f / "__init__.py").is_file()] == []
