"""Fuzzing the loader: whatever bytes staff save, `gongkai validate` answers, it never crashes or hangs.

Each property writes a data folder (arbitrary bytes, a mutated copy of the 示例县 fixture's files, or the small
fixture with wild text in every text field) and checks that:

- `main(["validate", "--data", dir])` runs `load()`, which returns a Dataset or raises DataError, and exits 0 or 1
  accordingly, printing each problem and never a traceback;
- each problem is one printable line, located at line >= 1 and col >= 1 of a file in the folder (or the folder
  itself), with a message in Chinese;
- for a Dataset, `site.generate()` runs too, and every page can be saved as a UTF-8 file.

Every example runs under a time limit (see `time_limit`), so a hang fails the test instead of blocking it.
Under CI the examples are derandomized, so a run is repeatable; locally each run explores new inputs, and
GONGKAI_FUZZ_SCALE=20 runs twenty times as many.
The plain tests at the end are the crashes this fuzzing found, kept as regression tests.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import faulthandler
import functools
import io
import os
import pathlib
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator import render
from generator.cli import main
from generator.load import Dataset, load
from generator.model import MAX_ID_LENGTH, MAX_NAME_LENGTH
from generator.problems import DataError, Problem
from generator.site import generate
from generator.yamlfile import MAX_DEPTH

ROOT = pathlib.Path(__file__).resolve().parent.parent
RICH = ROOT / "tests" / "fixtures" / "shixian" / "2021"  # the larger fictional plan: 11 actions, two periods
MINI = ROOT / "tests" / "fixtures" / "mini"


def _files(folder: pathlib.Path) -> dict[str, bytes]:
    """Read a data folder's plan, source text and progress files, by their path inside it."""
    names = ["plan.yaml", "source.txt", *(f"progress/{p.name}" for p in sorted((folder / "progress").glob("*.yaml")))]
    return {name: (folder / name).read_bytes() for name in names}


RICH_FILES = _files(RICH)
MINI_FILES = _files(MINI)
RICH_PERIODS = sorted(name for name in RICH_FILES if name.startswith("progress/"))

SOFT_TIMEOUT = 20.0  # seconds for one example; a normal one takes well under 1 s
HARD_TIMEOUT = 120  # a loop inside C code ignores signals: then faulthandler ends the run with every stack
CJK = re.compile(r"[\u4e00-\u9fff]")
CI = bool(os.environ.get("CI"))
SCALE = float(os.environ.get("GONGKAI_FUZZ_SCALE", "1"))  # e.g. 20 for a longer hunt than the test suite's
HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]


def budget(examples: int, seconds: float = 10) -> settings:
    """Settings for one property: a fixed number of examples, each under a deadline; no example database."""
    return settings(
        max_examples=max(1, round(examples * SCALE)),
        deadline=dt.timedelta(seconds=seconds),
        database=None,  # no failures saved and replayed: a run is exactly what its seed makes it
        derandomize=CI,
        suppress_health_check=HEALTH,
    )


# --- running one example ------------------------------------------------------------------------------


class Hang(Exception):
    """An example ran past SOFT_TIMEOUT."""


@contextlib.contextmanager
def time_limit(seconds: float = SOFT_TIMEOUT) -> Iterator[None]:
    """Fail an example that runs too long: SIGALRM raises Hang in Python code, faulthandler ends a stuck run."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise Hang(f"example ran longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    faulthandler.dump_traceback_later(HARD_TIMEOUT, exit=True)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        faulthandler.cancel_dump_traceback_later()


@contextlib.contextmanager
def folder(files: dict[str, bytes]) -> Iterator[pathlib.Path]:
    """Write a data folder of files (path inside it → bytes) into a fresh temporary folder."""
    top = pathlib.Path(tempfile.mkdtemp(prefix="gongkai-fuzz-"))
    try:
        data = top / "data"
        (data / "progress").mkdir(parents=True)
        for name, content in files.items():
            (data / name).write_bytes(content)
        yield data
    finally:
        shutil.rmtree(top, ignore_errors=True)


def run_cli(data: pathlib.Path) -> tuple[int, str, Dataset | DataError]:
    """Run `gongkai validate --data DIR` in-process; return its exit code, all it printed and what load() gave it.

    load() is watched, not replaced, so each example reads its folder once and the command still does all its work.
    """
    seen: list[Dataset | DataError] = []

    def watched(path: pathlib.Path, **options: object) -> list[Dataset]:
        try:
            seen.append(load(path))
        except DataError as err:
            seen.append(err)
            raise
        return [seen[-1]]  # type: ignore[list-item]

    out = io.StringIO()
    with (
        mock.patch("generator.cli.load_site", watched),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(out),
    ):
        code = main(["validate", "--data", str(data)])
    assert len(seen) == 1
    return code, out.getvalue(), seen[0]


def check(files: dict[str, bytes]) -> dict[str, str] | DataError:
    """Check every property on one data folder; return its rendered pages, or its DataError."""
    with folder(files) as data, time_limit():
        code, printed, result = run_cli(data)
        assert "Traceback" not in printed
        printed.encode("utf-8")  # a lone surrogate from a YAML escape cannot be shown on any terminal
        if isinstance(result, DataError):
            assert code == 1, printed
            assert result.problems, "DataError without a problem"
            for problem in result.problems:
                check_problem(problem, data)
                assert str(problem) in printed.splitlines()
            return result
        assert code == 0, printed
        return check_pages(result)


def check_problem(problem: Problem, data: pathlib.Path) -> None:
    """A problem is located in a real file, one printable line, and explained in Chinese."""
    assert isinstance(problem.line, int) and problem.line >= 1, problem
    assert isinstance(problem.col, int) and problem.col >= 1, problem
    assert problem.file == str(data) or (data / problem.file).is_file(), problem
    assert CJK.search(problem.message), problem
    line = str(problem)
    assert len(line.splitlines()) == 1, repr(line)  # no line break of any kind: \n, \r, \x85, \u2028…
    line.encode("utf-8")
    if problem.file != str(data):
        text = (data / problem.file).read_bytes().decode("utf-8", "replace")
        assert problem.line <= len(text.splitlines()) + 1, (problem, len(text.splitlines()))


def check_pages(dataset: Dataset) -> dict[str, render.Page]:
    """Compute the facts and render every page, which must be writable as UTF-8 files with legal names."""
    pages = generate(pathlib.Path(os.devnull), render.SiteInfo(), [dataset]).pages  # no published record
    for path, page in pages.items():
        page.html.encode("utf-8")
        page.headings()
        # MkDocs writes places/X.md as places/X/index.html: no part of a path may pass 255 bytes
        assert all(len(part.encode("utf-8")) <= 255 for part in path.split("/")), path
    return pages


# --- strategies: bytes --------------------------------------------------------------------------------

# Pieces of YAML, of these files' keys and values, and of what goes wrong in them.
TOKENS = [
    *["\n", "\n  ", "\n    ", "  ", "- ", ": ", ":", ",", "[", "]", "{", "}", "'", '"', "#", "? ", "| ", "> "],
    *["&a ", "*a", "<<: ", "!!float ", "!!int ", "!!bool ", "!!binary ", "!!str ", "!!timestamp ", "!!set ", "!x "],
    *["---\n", "...\n", "%YAML 1.1\n", "%TAG ! x\n", "\t", "\\", "\\0", '"\\ud800"', '"\\x1b"', '"\\N"', '"\\u2028"'],
    *["\r", "\r\n", "\u2028", "\x85", "\ufeff", "\u00a0", "\u3000", "：", "－", "\u202e", "😀", "<script>", "{{ x }}"],
    *["0x1F", "0o17", "0b101", "1_000", "190:20:30", "9" * 5000, "1e999", "-1e999", ".nan", "-.inf", "1.5", "-5"],
    *["~", "null", "yes", "on", "off", "true", "2021-06-30", "2021-02-30", "2021-06-30T12:00:00Z", "２０２１"],
    *["as_of", "published", "demo", "updates", "task", "status", "actual", "note", "reason", "restated", "evidence"],
    *["url", "ref", "date", "report", "title", "issuer", "year", "source", "region", "actions", "id", "aim"],
    *["measures", "tasks", "text", "group", "due", "start", "targets", "metric", "value", "unit", "comparator"],
    *["cumulative", "lead", "tags", "withdrawn", "at_most", "1-1-1", "1-1", "1", "推进中", "已完成", "改厕"],
    *["source.txt", "../plan.yaml", "https://example.org/", "javascript:alert(1)"],
]
token_text = st.lists(st.sampled_from(TOKENS) | st.text(max_size=4), max_size=60).map("".join)
any_bytes = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=200).map(str.encode),
    token_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
)

CONTROL_BYTES = [b"\x00", b"\x01", b"\x08", b"\x0b", b"\x0c", b"\x1b", b"\x7f", b"\xc2\x85", b"\xe2\x80\xa8"]
ENCODINGS = ["gbk", "gb18030", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1"]
BOMS = [b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]
Mutation = Callable[[st.DrawFn, bytes], bytes]


def _at(draw: st.DrawFn, data: bytes) -> int:
    return draw(st.integers(0, len(data)))


def _lines(draw: st.DrawFn, data: bytes) -> tuple[list[bytes], int]:
    lines = data.split(b"\n")
    return lines, draw(st.integers(0, len(lines) - 1))


def delete_slice(draw: st.DrawFn, data: bytes) -> bytes:
    i = _at(draw, data)
    return data[:i] + data[i + draw(st.integers(1, 64)) :]


def insert_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    i = _at(draw, data)
    return data[:i] + draw(st.binary(min_size=1, max_size=16)) + data[i:]


def insert_token(draw: st.DrawFn, data: bytes) -> bytes:
    i = _at(draw, data)
    return data[:i] + draw(st.sampled_from(TOKENS)).encode("utf-8") + data[i:]


def replace_byte(draw: st.DrawFn, data: bytes) -> bytes:
    i = _at(draw, data)
    return data[:i] + bytes([draw(st.integers(0, 255))]) + data[i + 1 :]


def replace_slice(draw: st.DrawFn, data: bytes) -> bytes:
    i = _at(draw, data)
    return data[:i] + draw(st.binary(max_size=32)) + data[i + draw(st.integers(1, 32)) :]


def swap_lines(draw: st.DrawFn, data: bytes) -> bytes:
    lines, i = _lines(draw, data)
    j = draw(st.integers(0, len(lines) - 1))
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def duplicate_line(draw: st.DrawFn, data: bytes) -> bytes:
    lines, i = _lines(draw, data)
    lines.insert(i, lines[i])
    return b"\n".join(lines)


def reindent(draw: st.DrawFn, data: bytes) -> bytes:
    lines, i = _lines(draw, data)
    shift = draw(st.integers(-6, 6))
    lines[i] = b" " * shift + lines[i] if shift > 0 else lines[i][-shift:] if lines[i][:-shift].isspace() else lines[i]
    return b"\n".join(lines)


def insert_tab(draw: st.DrawFn, data: bytes) -> bytes:
    lines, i = _lines(draw, data)
    where = draw(st.sampled_from(["indent", "colon", "anywhere"]))
    if where == "indent":
        lines[i] = b"\t" + lines[i].lstrip(b" ")
    elif where == "colon":
        lines[i] = lines[i].replace(b": ", b":\t", 1)
    else:
        j = draw(st.integers(0, len(lines[i])))
        lines[i] = lines[i][:j] + b"\t" + lines[i][j:]
    return b"\n".join(lines)


def truncate(draw: st.DrawFn, data: bytes) -> bytes:
    return data[: _at(draw, data)]


def insert_control(draw: st.DrawFn, data: bytes) -> bytes:
    i = _at(draw, data)
    return data[:i] + draw(st.sampled_from(CONTROL_BYTES)) + data[i:]


def reencode(draw: st.DrawFn, data: bytes) -> bytes:
    return data.decode("utf-8", "replace").encode(draw(st.sampled_from(ENCODINGS)), "replace")


def add_bom(draw: st.DrawFn, data: bytes) -> bytes:
    return draw(st.sampled_from(BOMS)) + data


def deep_nesting(draw: st.DrawFn, data: bytes) -> bytes:
    i, depth = _at(draw, data), draw(st.integers(MAX_DEPTH - 2, 3000))
    opening = draw(st.sampled_from([b"[", b"{a: ", b"- ", b"\n- "]))
    closing = {b"[": b"]", b"{a: ": b"}"}.get(opening, b"") * draw(st.sampled_from([0, depth]))
    return data[:i] + opening * depth + b"1" + closing + data[i:]


def line_ends(draw: st.DrawFn, data: bytes) -> bytes:
    return data.replace(b"\n", draw(st.sampled_from([b"\r\n", b"\r", b"\n\r", b"\r\r\n"])))


MUTATIONS: list[Mutation] = [
    *[delete_slice, insert_bytes, insert_token, replace_byte, replace_slice, swap_lines, duplicate_line, reindent],
    *[insert_tab, truncate, insert_control, reencode, add_bom, line_ends, deep_nesting],
]


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """Apply one to three byte-level mutations to a file."""
    data = original
    for _ in range(draw(st.integers(1, 3))):
        data = draw(st.sampled_from(MUTATIONS))(draw, data)
    return data


# --- strategies: YAML trees ---------------------------------------------------------------------------

FIELDS = sorted({t for t in TOKENS if re.fullmatch(r"[a-z_]+", t)})
FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
# Text that has broken templates, Markdown, HTML, JSON, terminals or file names somewhere before.
WILD = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}",
    "{% if x %}",
    "{# x #}",
    "{{access}}",
    "{: #x }",
    "[链接](javascript:alert(1))",
    "# 标题",
    "---",
    "| a | b |",
    "\\",
    "&amp;",
    "\u202eRTL\u202c",
    "\u200f\u200e\u200b",
    "👩‍👩‍👧‍👦🇨🇳",
    "\u3000",
    "\ud800",
    "a\udcffb",
    "\x00",
    "\x1b[31m",
    "a\nb",
    "\u2028",
    "\x85",
    "\ufeff",
    "%s{0}$x",
    "庞" * 300,
]
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
printable = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\ufffe\uffff")
wild_printable = st.one_of(
    st.sampled_from([w for w in WILD if not UNPRINTABLE.search(w)]),
    st.text(printable, min_size=1, max_size=30),
    st.lists(st.sampled_from(WILD) | st.text(printable, max_size=8), min_size=1, max_size=4)
    .map("".join)
    .map(lambda text: UNPRINTABLE.sub("", text)),
).map(lambda text: text if text.strip() else f"x{text}")  # blank text is refused: keep most examples valid
wild_text = st.one_of(wild_printable, st.sampled_from(WILD), st.text(min_size=1, max_size=30))
place_text = st.text(
    st.characters(exclude_categories=("Cc", "Cs", "Z"), exclude_characters='/\\<>:"|?*#%&'), min_size=1
)
date_like = st.one_of(
    st.dates(),
    st.dates().map(dt.date.isoformat),
    st.sampled_from(["2021-02-30", "2021-13-45", "0000-00-00", "2021-6-30", "9999-12-31", "0001-01-01", "2021/06/30"]),
    st.dates().map(lambda d: d.isoformat().translate(FULL_WIDTH)),
    st.datetimes().map(dt.datetime.isoformat),
)
odd_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(10**20), 10**20),
    st.sampled_from([0, -1, 10**15, 10**15 + 1, 2**63, 10**4000, -(10**4000)]),
    st.floats(),  # NaN, inf and -0.0 included
    st.decimals(allow_nan=False, allow_infinity=False).map(float),
    wild_text,
    date_like,
    st.integers(0, 10**9).map(lambda n: str(n).translate(FULL_WIDTH)),
    st.sampled_from(["1", "1-1", "1-1-1", "0", "1-1-1-1", "01", "-1", "1.5", "9" * 40, "3-2-1 ", " 1"]),
    st.sampled_from(["推进中", "已完成", "完成", "done", "DONE", " 滞后 ", "changed", "at_most", "at_least"]),
    st.sampled_from(["https://example.org/a?b=1&c=<2>", "http://", "javascript:alert(1)", "HTTP://X.ORG", ""]),
)
odd_value = st.recursive(
    odd_scalar,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=6), inner),
    max_leaves=6,
)


def paths(tree: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value in a tree of dicts and lists, the root first."""
    yield here
    children = tree.items() if isinstance(tree, dict) else enumerate(tree) if isinstance(tree, list) else ()
    for key, value in children:
        yield from paths(value, (*here, key))


def get(tree: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        tree = tree[part]
    return tree


def tweaked(draw: st.DrawFn, value: Any) -> Any:
    """An odd value of the same kind, which the model may well accept."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return draw(st.sampled_from([0, 0.0, 5e-324, 1e-300, 0.5, 1, 10**15, 999999999999999.9]))
    if isinstance(value, dt.date):
        return draw(st.dates() | st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2021, 2, 28)]))
    return draw(wild_printable)


def nested(draw: st.DrawFn, value: Any) -> Any:
    """Wrap a value in many levels of lists and mappings."""
    for _ in range(draw(st.integers(1, MAX_DEPTH + 30))):
        value = [value] if draw(st.booleans()) else {draw(st.sampled_from(FIELDS)): value}
    return value


@functools.cache
def parsed(original: bytes) -> Any:
    return yaml.safe_load(original)


@st.composite
def mutated_tree(draw: st.DrawFn, original: bytes) -> bytes:
    """Parse a file, change its tree one to three times, and write it back as YAML."""
    tree = copy.deepcopy(parsed(original))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(paths(tree))[1:] or [()]))  # the whole file: see test_any_bytes_*
        node = get(tree, path)
        parent = get(tree, path[:-1]) if path else None
        op = draw(st.sampled_from(["drop", "rename", "replace", "duplicate", "nest", "add", "tweak", "tweak"]))
        if op == "drop" and path:
            del parent[path[-1]]
        elif op == "rename" and isinstance(parent, dict):
            new = draw(st.sampled_from(FIELDS) | st.text(max_size=8) | st.just(str(path[-1]).upper()))
            parent[new] = parent.pop(path[-1])
        elif op == "replace" and path:
            parent[path[-1]] = draw(odd_value)
        elif op == "duplicate" and isinstance(node, list) and node:
            node.insert(draw(st.integers(0, len(node))), copy.deepcopy(draw(st.sampled_from(node))))
        elif op == "nest" and path:
            parent[path[-1]] = nested(draw, node)
        elif op == "tweak" and path and not isinstance(node, (dict, list)):
            parent[path[-1]] = tweaked(draw, node)
        elif op == "add" and isinstance(node, dict):
            node[draw(st.sampled_from(FIELDS) | st.text(max_size=8))] = draw(odd_value)
        elif path:
            parent[path[-1]] = draw(odd_scalar)
        else:
            tree = draw(odd_value)
    return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False).encode("utf-8")


# Every field that holds free text, in the plan or a progress file.
TEXT_FIELDS = {"title", "issuer", "region", "aim", "text", "group", "lead", "withdrawn", "unit", "note", "reason"}
TEXT_FIELDS |= {"restated", "ref"}


@st.composite
def wild_texts(draw: st.DrawFn, files: dict[str, bytes]) -> dict[str, bytes]:
    """Put wild text in every text field, metric name, place tag and URL of a data folder's YAML files."""
    trees = {name: copy.deepcopy(parsed(content)) for name, content in files.items() if name.endswith(".yaml")}
    metrics: dict[str, str] = {}  # a metric is renamed alike in the plan's targets and the periods' actual values
    # Mostly text the model accepts, so the pages get rendered; sometimes anything, which it must refuse.
    text = wild_text if draw(st.integers(0, 4)) == 0 else wild_printable
    places = st.one_of(place_text, place_text, wild_text)

    def metric(name: str) -> str:
        return metrics.setdefault(name, draw(text))

    for tree in trees.values():
        for path in list(paths(tree)):
            node, key = get(tree, path[:-1]) if path else None, path[-1] if path else None
            if key in TEXT_FIELDS and isinstance(node[key], str):
                node[key] = draw(text)
            elif key == "metric":
                node[key] = metric(node[key])
            elif key == "tags":
                node[key] = draw(st.lists(places, max_size=3))
            elif key == "url":
                node[key] = "https://example.org/" + re.sub(r"\s", "", draw(text))
            elif key == "actual":
                node[key] = {metric(m): v for m, v in node[key].items()}
    dumped = {name: yaml.safe_dump(tree, allow_unicode=True, sort_keys=False) for name, tree in trees.items()}
    return files | {name: content.encode("utf-8") for name, content in dumped.items()}


def with_file(files: dict[str, bytes], name: str, content: bytes, *, periods: list[str] | None = None) -> dict:
    """A folder of the given files with one replaced; keep only some progress files, to keep examples fast."""
    kept = {n: c for n, c in files.items() if not n.startswith("progress/") or periods is None or n in periods}
    return kept | {name: content}


# --- properties ---------------------------------------------------------------------------------------


@budget(180)
@given(plan=any_bytes)
@example(plan=b"")
@example(plan=b"\xff\xfe\x00")
@example(plan=b"report: [" + b"[" * 3000)
@example(plan=b"report:\n  year: " + b"9" * 5000)
def test_any_bytes_as_the_plan(plan):
    check(MINI_FILES | {"plan.yaml": plan})


@budget(180)
@given(period=any_bytes)
@example(period=b"as_of: !!float x\npublished: !!bool x\nupdates: !!int x\n")
@example(period=b'as_of: 2021-06-30\npublished: 2021-07-01\nupdates:\n  - {task: 1-1-1, "\\ud800": 1}\n')
def test_any_bytes_as_a_progress_file(period):
    check(MINI_FILES | {"progress/2021-06.yaml": period})


@budget(60)
@given(st.data())
def test_byte_mutations_of_the_rich_plan(data):
    files = with_file(RICH_FILES, "plan.yaml", data.draw(mutated(RICH_FILES["plan.yaml"])), periods=RICH_PERIODS[-1:])
    check(files)


@budget(35)
@given(st.data())
def test_byte_mutations_of_a_rich_progress_file_or_the_source(data):
    name = data.draw(st.sampled_from([*RICH_PERIODS, "source.txt"]))
    check(with_file(RICH_FILES, name, data.draw(mutated(RICH_FILES[name])), periods=[name]))


@budget(35)
@given(st.data())
def test_tree_mutations_of_the_rich_plan(data):
    files = with_file(RICH_FILES, "plan.yaml", data.draw(mutated_tree(RICH_FILES["plan.yaml"])), periods=[])
    check(files)


@budget(30)
@given(st.data())
def test_tree_mutations_of_a_rich_progress_file(data):
    name = data.draw(st.sampled_from(RICH_PERIODS))
    check(with_file(RICH_FILES, name, data.draw(mutated_tree(RICH_FILES[name])), periods=[name]))


@budget(120)
@given(st.data())
def test_tree_mutations_of_the_small_fixture(data):
    name = data.draw(st.sampled_from(sorted(n for n in MINI_FILES if n.endswith(".yaml"))))
    check(MINI_FILES | {name: data.draw(mutated_tree(MINI_FILES[name]))})


@budget(140)
@given(files=wild_texts(MINI_FILES))
def test_wild_text_in_every_text_field(files):
    result = check(files)
    pages = {} if isinstance(result, DataError) else result  # valid: the text must show as text, never as markup
    shown = [page.html.lower() + str(page.meta).lower() for page in pages.values()]
    assert not any("<script" in text or "<img" in text for text in shown)


def test_the_time_limit_fails_a_hang():
    with pytest.raises(Hang), time_limit(0.2):
        while True:
            pass


# --- regression tests: the crashes this fuzzing found ---------------------------------------------------


PLAN = MINI_FILES["plan.yaml"].decode("utf-8")


def problems_of(files: dict[str, bytes]) -> list[Problem]:
    """Check a folder as the properties do, and return the problems of an invalid one."""
    result = check(files)
    assert isinstance(result, DataError), "valid"
    return result.problems


def plan_with(old: str, new: str) -> dict[str, bytes]:
    assert old in PLAN
    return MINI_FILES | {"plan.yaml": PLAN.replace(old, new, 1).encode("utf-8")}


def test_an_integer_too_long_for_python_is_a_problem():
    # was: ValueError "Exceeds the limit (4300 digits) for integer string conversion" from PyYAML
    [problem] = problems_of(plan_with("year: 2021", "year: " + "9" * 5000))
    assert (problem.line, problem.col, problem.field) == (5, 9, "report.year")
    assert "位数过多" in problem.message


@pytest.mark.parametrize("tagged", ["!!float abc", "!!int abc", "!!bool abc", "!!int 0x", "!!float", "!!int ''"])
def test_a_wrong_explicit_tag_is_a_problem(tagged):
    # was: ValueError or KeyError from PyYAML's constructors, which read_yaml did not catch
    [problem] = problems_of(plan_with("year: 2021", f"year: {tagged}"))
    assert (problem.line, problem.field) == (5, "report.year")
    assert "整数" in problem.message


@pytest.mark.parametrize(
    "value",
    ["[" * 3000, "[" * 3000 + "]" * 3000, "{a: " * 3000 + "1" + "}" * 3000, "\n    " + "- " * 3000 + "x"],
)
def test_deep_nesting_is_a_problem(value):
    # was: RecursionError from PyYAML's recursive composer
    [problem] = problems_of(plan_with("year: 2021", f"year: {value}"))
    assert f"超过 {MAX_DEPTH} 层" in problem.message
    assert problem.line >= 5


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("source: source.txt", 'source: "a\\0b"', "report.source"),  # was: ValueError "embedded null byte"
        ("source: source.txt", 'source: "\\ud800"', "report.source"),  # was: UnicodeEncodeError resolving the path
        ("title: 实施测试行动", 'title: "实施\\udcff行动"', "行动 1 的 title"),  # was: a page no file could hold
        ("title: 实施测试行动", 'title: "\\x1b[31m实施"', "行动 1 的 title"),
        ("year: 2021", 'year: 2021\n  "\\ud800\\n": 1', "report.\\ud800\\x0a"),  # a key: printed escaped, one line
    ],
)
def test_an_escape_writing_an_unprintable_character_is_a_problem(old, new, field):
    [problem] = problems_of(plan_with(old, new))
    assert problem.field == field
    assert "转义" in problem.message


def test_an_id_too_long_to_be_a_number_is_a_problem():
    # was: ValueError from int() in fmt.numeral while rendering (and tasks/<id>.md too long a file name)
    long = "1" * 5000
    files = plan_with('- id: "1"\n', f'- id: "{long}"\n')
    problems = problems_of(files)
    assert [p.field for p in problems][:1] == [
        "第 1 项行动 的 id"
    ]  # its id is what is wrong, so it cannot name the action
    assert "不是有效编号" in problems[0].message
    assert problems_of(plan_with('- id: "1"\n', f'- id: "{"1" * (MAX_ID_LENGTH + 1)}"\n'))


def test_a_place_too_long_for_a_file_name_is_a_problem():
    # was: OSError "File name too long" from `gongkai build` writing places/<place>/index.html
    [problem] = problems_of(plan_with("tags: [示范村]", "tags: [" + "庞" * (MAX_NAME_LENGTH + 1) + "]"))
    assert problem.field == "任务 1-1-2 的 tags 第 1 条"
    assert "过长" in problem.message
    assert isinstance(check(plan_with("tags: [示范村]", "tags: [" + "庞" * MAX_NAME_LENGTH + "]")), dict)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("tags: [示范村]", 'tags: ["示范\\n村"]'),  # was: the place quoted as written, its newline splitting the line
        ("value: 2000", 'value: "２０００\\n"'),  # was: the corrected digits quoted as written
        ('- id: "1"\n', '- id: "x\\u2028"\n'),  # was: U+2028 kept, a line break to Python and many editors
        ('- id: "1"\n', '- id: "\\u202e1-1"\n'),  # was: a bidi override kept, reordering the printed line
        ("year: 2021", 'year: 2021\n  "a\\nb": 1'),  # was: an unknown key quoted as written
        ("source: source.txt", 'source: "source\\n.txt"'),  # was: the source file name quoted as written
        (
            "{metric: 改厕, value: 2000",
            '{metric: "改\\n厕", value: 1, unit: 座}\n              - {metric: "改\\n厕", value: 2000',
        ),
    ],
)
def test_a_problem_is_one_line_whatever_was_written(old, new):
    problems = problems_of(plan_with(old, new))  # check_problem: each is one line of printable UTF-8
    assert any("\\x0a" in p.message or "\\u20" in p.message for p in problems)


@pytest.mark.parametrize(
    ("plan", "line"),
    [
        (b"\r\t", 2),  # was: no problem at all ("共 0 个问题", exit 1): YAML's line 2 was line 1 for split("\n")
        (b"report:\r  title: x\r\t year: 1\r", 3),  # a lone CR ends a line for editors too
        ("\u2028\t".encode(), 2),  # YAML ends a line at U+2028, an editor may not: the tab is still reported
    ],
)
def test_a_tab_after_a_line_break_other_than_lf_is_a_problem(plan, line):
    [problem] = problems_of(MINI_FILES | {"plan.yaml": plan})
    assert (problem.line, problem.col) == (line, 1)
    assert "制表符" in problem.message
