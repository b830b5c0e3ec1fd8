"""Workbook benchmark: export-sheet, import-sheet and the 督查通报 on a synthetic plan.

    python bench/sheets.py                      # 300 tasks, 30 workbooks, median of 3 runs
    python bench/sheets.py --tasks 10000 --workbooks 100 --runs 1

The plan comes from bench/synth.py (fixed seed; about half its tasks name a 牵头单位). The export
writes the whole 填报表 and one workbook per 牵头单位. For the import, the open tasks are split
into --workbooks workbooks written by export-sheet's own code, each filled with openpyxl as a
department would (a value for every metric, a status for tasks without targets, a note), and
`gongkai import-sheet` reads them all into a fresh copy of the data: reading, checking, merging,
validating the result and writing it. The notice is timed for one period, and for every period
as a site build makes it. Goals: import of 30 workbooks for 300 tasks < 5 s; export < 5 s.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import pathlib
import shutil
import statistics
import sys
import tempfile
import time

import openpyxl

BENCH = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

import synth  # noqa: E402  (bench/ is not a package)

from generator import compute, report  # noqa: E402
from generator.cli import main  # noqa: E402
from generator.load import load  # noqa: E402
from generator.sheet_export import next_period, rows_for, workbook  # noqa: E402


def timed(runs: int, setup, action) -> list[float]:
    """Time `action(setup())` `runs` times by the wall clock; the setup is not timed."""
    seconds = []
    for _ in range(runs):
        prepared = setup()
        start = time.perf_counter()
        action(prepared)
        seconds.append(time.perf_counter() - start)
    return seconds


def quiet(argv: list[str]) -> None:
    """Run a gongkai command, keeping its output off the figures; fail loudly if it fails."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    if code != 0:
        raise SystemExit(f"{' '.join(argv[:2])} failed ({code}):\n{err.getvalue()[:2000]}")


def filled_workbooks(data_dir: pathlib.Path, folder: pathlib.Path, count: int) -> tuple[list[pathlib.Path], int]:
    """Write the open tasks into `count` workbooks and fill each as a department would; return them and the tasks."""
    data = load(data_dir)
    period = next_period(data)
    rows = rows_for(data, compute.facts(data.plan, data.periods), period)
    paths = []
    for i in range(count):
        part = rows[i::count]
        path = folder / f"单位{i + 1:02d}.xlsx"
        path.write_bytes(workbook(data, period, part, f"单位{i + 1:02d}"))
        fill(path, {r.task.id: r for r in part})
        paths.append(path)
    return paths, len(rows)


def fill(path: pathlib.Path, rows: dict) -> None:
    """Type a value into every metric row, a status where there is no target, and a note."""
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    cols = {c.value: c.column for c in ws[3]}
    current = None
    for r in range(4, ws.max_row + 1):
        current = ws.cell(r, cols["任务编号"]).value or current
        row = rows[current]
        metric = ws.cell(r, cols["指标"]).value
        target = next((t for t in row.task.targets if t.metric == metric), None)
        if target is not None:
            before = row.before.actual.get(metric, 0) if row.before else 0
            ws.cell(r, cols["本期实际值"], max(before, target.value * 0.6) if target.cumulative else target.value)
        elif ws.cell(r, cols["任务编号"]).value:
            ws.cell(r, cols["状态"], "推进中")
        if ws.cell(r, cols["任务编号"]).value:
            ws.cell(r, cols["进展情况"], "示例：按计划推进，完成阶段性任务。")
    book.save(path)


GOAL_AT = (300, 30)  # the goals are set for 300 tasks in 30 workbooks; other sizes print figures only


def figure(label: str, seconds: list[float], goal: float | None = None) -> None:
    runs = ", ".join(f"{s:.2f}" for s in seconds)
    verdict = "" if goal is None else f"  goal < {goal:g} s: {'ok' if statistics.median(seconds) < goal else 'MISSED'}"

    print(f"{label:<48} {statistics.median(seconds):6.2f} s  ({runs}){verdict}")


def main_bench(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=300)
    parser.add_argument("--workbooks", type=int, default=30)
    parser.add_argument("--periods", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    goal = 5 if (args.tasks, args.workbooks) == GOAL_AT else None
    with tempfile.TemporaryDirectory(prefix="gongkai-sheets-") as scratch:
        root = pathlib.Path(scratch)
        data_dir = synth.write(root / "data", args.tasks, args.periods)
        books, open_tasks = filled_workbooks(data_dir, root, args.workbooks)
        print(f"{args.tasks} tasks ({open_tasks} open), {args.periods} periods, {args.workbooks} filled workbooks")
        counter = iter(range(10_000))

        def fresh_out() -> pathlib.Path:
            return root / f"out{next(counter)}"

        figure("export-sheet, whole table", timed(args.runs, fresh_out, lambda out: quiet(
            ["export-sheet", "--data", str(data_dir), "--out", str(out)])), goal)  # fmt: skip
        figure("export-sheet --by-unit", timed(args.runs, fresh_out, lambda out: quiet(
            ["export-sheet", "--data", str(data_dir), "--out", str(out), "--by-unit"])), goal)  # fmt: skip

        def fresh_data() -> pathlib.Path:
            copy = root / f"data{next(counter)}"
            shutil.copytree(data_dir, copy)
            return copy

        month = next_period(load(data_dir))
        figure(f"import-sheet, {len(books)} workbooks", timed(args.runs, fresh_data, lambda copy: quiet(
            ["import-sheet", month, *map(str, books), "--data", str(copy)])), goal)  # fmt: skip
        data = load(data_dir)
        facts = compute.facts(data.plan, data.periods)
        last = data.periods[-1][0]
        figure("report, one period (.docx + .xlsx)", timed(args.runs, fresh_out, lambda out: quiet(
            ["report", last, "--data", str(data_dir), "--out", str(out)])))  # fmt: skip
        figure(f"site's notices, {len(data.periods)} periods", timed(args.runs, lambda: facts, report.files))
    return 0


if __name__ == "__main__":
    sys.exit(main_bench())
