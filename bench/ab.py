"""Lighthouse of this tree's site against another commit's, run by turns in the same minutes.

    python bench/ab.py [--base main] [--rounds 3] [--pages overview,action,...]

On a shared machine Lighthouse scores move by ±5 with the load, so two sets of runs made at
different times compare the machine, not the code. This builds the 2021 site and the several-plan
site from this tree and from --base (its files taken with `git archive`, built by the same Python),
serves all four, and runs Lighthouse on each page of the base and of this tree by turns, --rounds
times. It prints each run and the medians, with the load average before and after. Reports go to
bench/out/ (lighthouse-ab-<side>-<page>-<round>.json).
"""

from __future__ import annotations

import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import tarfile
import tempfile
from contextlib import ExitStack

from run import LIGHTHOUSE, ROOT, first_task_with_targets, lighthouse
from serve import serve

BUILD = (
    "import pathlib, sys; sys.path.insert(0, 'bench'); import run; "
    "out = pathlib.Path(sys.argv[1]); run.build(out / 'site'); run.several_plans_site(out)"
)


def pages() -> dict[str, tuple[str, str]]:
    """Each page bench/run.py measures: its name, the site it is on ("one" or "plans") and its path."""
    return {
        "overview": ("one", ""),
        "action": ("one", "actions/1/"),
        "task": ("one", f"tasks/{first_task_with_targets()}/"),
        "status": ("one", "status/in_progress/"),
        "places": ("one", "places/"),
        "plans-home": ("plans", ""),
        "plans-plan": ("plans", "2022/"),
    }


def checkout(ref: str, into: pathlib.Path) -> pathlib.Path:
    """Write the files of ref into a folder (no .git), as a second tree to build from."""
    archive = into / "tree.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, stdout=out)
    tree = into / "tree"
    with tarfile.open(archive) as tar:
        tar.extractall(tree, filter="data")
    return tree


def build_sites(tree: pathlib.Path, out: pathlib.Path) -> None:
    """Build the 2021 site (out/site) and the several-plan site (out/plans-site) from tree's own code."""
    subprocess.run([sys.executable, "-c", BUILD, str(out)], cwd=tree, check=True)


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main", help="the commit to compare with (default: main)")
    parser.add_argument("--rounds", type=int, default=3, help="runs per page and side")
    parser.add_argument("--pages", default=",".join(pages()), help="comma-separated names: " + ",".join(pages()))
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm install --prefix bench`.")
    wanted = {name: pages()[name] for name in args.pages.split(",")}

    with tempfile.TemporaryDirectory(prefix="gongkai-ab-") as tmp, ExitStack() as stack:
        scratch = pathlib.Path(tmp)
        sides = {"base": checkout(args.base, scratch), "this": ROOT}
        urls: dict[tuple[str, str], str] = {}
        for side, tree in sides.items():
            out = scratch / f"out-{side}"
            out.mkdir()
            build_sites(tree, out)
            urls[side, "one"] = stack.enter_context(serve(out / "site"))
            urls[side, "plans"] = stack.enter_context(serve(out / "plans-site"))
        print(f"base = {args.base}, this = {ROOT.name}; load average before: {load()}", flush=True)
        scores: dict[tuple[str, str], list[dict]] = {}
        for i in range(args.rounds):
            for name, (site, path) in wanted.items():
                for side in sides:
                    r = lighthouse(urls[side, site] + path, f"ab-{side}-{name}", i)
                    scores.setdefault((side, name), []).append(r)
                    print(
                        f"round {i} {name:10} {side:4} perf {r['performance']:3} a11y {r['accessibility']:3} "
                        f"FCP {r['FCP']:5.0f} LCP {r['LCP']:5.0f} TBT {r['TBT']:4.0f} load {load()}",
                        flush=True,
                    )
        print(f"\nload average after: {load()}\n")
        print("| page | base perf (runs) | this perf (runs) | base FCP / LCP / TBT | this FCP / LCP / TBT |")
        print("|---|---|---|---|---|")
        for name in wanted:
            cells = []
            for side in sides:
                runs = scores[side, name]
                perf = statistics.median(r["performance"] for r in runs)
                cells.append(f"{perf:.0f} ({'/'.join(str(r['performance']) for r in runs)})")
            for side in sides:
                runs = scores[side, name]
                fcp, lcp, tbt = (statistics.median(r[m] for r in runs) for m in ("FCP", "LCP", "TBT"))
                cells.append(f"{fcp / 1000:.2f} s / {lcp / 1000:.2f} s / {tbt:.0f} ms")
            print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
