"""Shared fixtures of the generator's tests: fictional data folders only (tests/README.md), and `gongkai validate`."""

from __future__ import annotations

import dataclasses
import pathlib
import re
from collections.abc import Callable

import pytest

from generator.cli import main

# One Chromium for the whole run, for tests/browser/ and tests/jiaocheng/browser/ alike: a fixture module
# imported by two conftests would launch a second Playwright, which refuses to run beside the first.
pytest_plugins = ["tests.browser.fixtures"]

ROOT = pathlib.Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
# The fictional 示例县: eleven actions (一、 headings), a two-level action, places, units and two
# periods. Its 2021 plan alone is a one-plan data folder; with 2022 beside it, a site of two plans.
SHIXIAN = ROOT / "tests" / "fixtures" / "shixian"
SHIXIAN_2021 = SHIXIAN / "2021"

# The smallest valid plan: one task with a target, one without. Tests find lines in it by text.
MINI_PLAN = """\
report:
  title: 测试县2021年政府工作报告
  issuer: 测试县人民政府
  year: 2021
  source: source.txt
actions:
  - id: "1"
    title: 实施测试行动
    aim: 检验校验器
    measures:
      - id: "1-1"
        title: 推动示例工作
        tasks:
          - id: "1-1-1"
            title: 改厕2000座
            text: 完成改厕任务2000座。
            targets:
              - {metric: 改厕, value: 2000, unit: 座}
          - id: "1-1-2"
            title: 推进示例工作
            text: 推进示例工作。
"""

# The report text the mini plan quotes (every task text must occur in it).
MINI_SOURCE = "（一）实施测试行动，检验校验器\n推动示例工作。完成改厕任务2000座。推进示例工作。\n"

MINI_PERIOD = """\
as_of: 2021-06-30
published: 2021-07-05
updates:
  - task: 1-1-1
    actual: {改厕: 800}
  - task: 1-1-2
    status: 推进中
"""

# A field is a path (as_of, report.source) or names its record the way staff read it: 任务 3-2-1 的 status,
# 行动 2 的 title, 第 3 条进展 的 actual.改厕, 任务 1-1-1 的 evidence 第 2 条的 url.
FIELD = r"(?:(?:任务|行动|举措) \S+?|第 \d+ \S+?)(?:的第 \d+ \S+?)*(?: 的 .+?)?|[\w.\[\]-]+"
PROBLEM_LINE = re.compile(
    rf"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?:(?P<level>提醒): )?(?:(?P<field>{FIELD}): )?(?P<message>.*)$"
)


@pytest.fixture(autouse=True)
def show_tracebacks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let a real bug raise in tests: commands otherwise turn it into one Chinese line (generator/crash.py)."""
    monkeypatch.setenv("GONGKAI_DEBUG", "1")


@dataclasses.dataclass(frozen=True)
class Reported:
    """One problem line as `gongkai validate` printed it."""

    file: str
    line: int
    col: int
    field: str
    message: str
    warning: bool = False  # printed as 提醒: suspicious but possible

    @property
    def where(self) -> tuple[str, int, int]:
        """Return (file, line, col)."""
        return (self.file, self.line, self.col)


@dataclasses.dataclass(frozen=True)
class Run:
    """The outcome of one `gongkai validate` run."""

    code: int
    out: str
    err: str

    @property
    def reported(self) -> list[Reported]:
        """Parse every problem and warning line of stderr (the closing summary line is not one)."""
        found = [PROBLEM_LINE.match(line) for line in self.err.splitlines()]
        return [
            Reported(m["file"], int(m["line"]), int(m["col"]), m["field"] or "", m["message"], bool(m["level"]))
            for m in found
            if m
        ]

    @property
    def problems(self) -> list[Reported]:
        """Return the problems (errors) printed."""
        return [r for r in self.reported if not r.warning]

    @property
    def warnings(self) -> list[Reported]:
        """Return the warnings (提醒) printed."""
        return [r for r in self.reported if r.warning]

    def only(self) -> Reported:
        """Return the single problem reported, failing if there is not exactly one."""
        assert len(self.problems) == 1, self.err
        return self.problems[0]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """Build the fictional 示例县 2021 plan as a one-plan site, once for every test that reads it.

    tests/jiaocheng/conftest.py gives the tests under it the site of the shipped data/ by this name.
    """
    from generator.build import build_site

    out = tmp_path_factory.mktemp("site") / "site"
    build_site(ROOT / "mkdocs.yml", SHIXIAN_2021, out)
    return out


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """Build the small fixture site of tests/fixtures/mini once."""
    from generator.build import build_site

    out = tmp_path_factory.mktemp("mini") / "site"
    build_site(ROOT / "mkdocs.yml", MINI, out)
    return out


@pytest.fixture
def mini_plan() -> str:
    """Return the text of the smallest valid plan.yaml (one task with a target, one without)."""
    return MINI_PLAN


@pytest.fixture
def mini_source() -> str:
    """Return the report text that mini_plan quotes."""
    return MINI_SOURCE


@pytest.fixture
def mini_period() -> str:
    """Return the text of a valid progress file for 2021-06 that fits mini_plan."""
    return MINI_PERIOD


@pytest.fixture
def make_data(tmp_path: pathlib.Path) -> Callable[..., pathlib.Path]:
    """Return a function that writes a data folder: plan.yaml, source.txt and progress files."""

    def make(
        plan: str | bytes | None = MINI_PLAN,
        progress: dict[str, str | bytes] | None = None,
        name: str = "data",
        source: str = MINI_SOURCE,
    ) -> pathlib.Path:
        data = tmp_path / name
        (data / "progress").mkdir(parents=True, exist_ok=True)
        (data / "source.txt").write_text(source, encoding="utf-8")
        if plan is not None:
            _write(data / "plan.yaml", plan)
        for file_name, text in (progress or {}).items():
            _write(data / "progress" / file_name, text)
        return data

    return make


@pytest.fixture
def validate(capsys: pytest.CaptureFixture[str]) -> Callable[[pathlib.Path], Run]:
    """Return a function that runs `gongkai validate --data DIR` in-process and captures its output."""

    def run(data: pathlib.Path, *flags: str) -> Run:
        code = main(["validate", "--data", str(data), *flags])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.out + captured.err
        return Run(code, captured.out, captured.err)

    return run


def _write(path: pathlib.Path, content: str | bytes) -> None:
    """Write text as UTF-8 exactly as given (no newline translation), or bytes as they are."""
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
