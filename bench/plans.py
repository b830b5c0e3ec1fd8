"""Several plans in one site: build time of 5 plans × 100 tasks × 4 periods (goal < 10 s).

    .venv/bin/python bench/plans.py [--plans 5] [--tasks 100] [--periods 4] [--builds 3]

Each plan is a synthetic data folder (bench/synth.py, a seed per plan) under data/<year>/, so the
site is laid out as a county's site of several years is. Each build is one `gongkai build` in a
subprocess (bench/scale.py: build), timed by the wall clock; the median of --builds runs is printed.
"""

from __future__ import annotations

import argparse
import pathlib
import shutil
import statistics
import sys
import tempfile

BENCH = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import synth  # noqa: E402  (bench/ is not a package)
from scale import REPO, build, measure_site  # noqa: E402

from generator.starter import Government, create  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, default=5)
    parser.add_argument("--tasks", type=int, default=100, help="tasks per plan")
    parser.add_argument("--periods", type=int, default=4)
    parser.add_argument("--builds", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="gongkai-plans-") as scratch:
        # A site as `gongkai init` makes it (its about page fits a site of several plans), with synthetic data
        folder = pathlib.Path(scratch) / "site-src"
        create(folder, Government("示例县人民政府", "示例省示例市示例县", 2021))
        data = folder / "data"
        shutil.rmtree(data)
        for i in range(args.plans):
            synth.write(data / str(2021 + i), args.tasks, args.periods, seed=1 + i)
        times = []
        for n in range(args.builds):
            seconds, cpu, peak, _ = build(data, pathlib.Path(scratch) / f"site-{n}", REPO, folder / "mkdocs.yml")
            times.append(seconds)
            print(f"build {n + 1}: {seconds:.1f} s wall, {cpu:.1f} s CPU, {peak:.0f} MB peak", flush=True)
        pages, site_mb, _, index_gz = measure_site(pathlib.Path(scratch) / "site-0")
    print(
        f"{args.plans} plans × {args.tasks} tasks × {args.periods} periods: {pages} pages, {site_mb:.1f} MB, "
        f"search index {index_gz:.0f} KB gz; build median {statistics.median(times):.1f} s (goal < 10 s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
