"""Benchmark the 2021 site: build time, site size, page weight before charts, Lighthouse (mobile).

    python bench/run.py [--builds 3] [--lighthouse-runs 3] [--no-lighthouse]

Prints each figure beside its goal; it asserts nothing. Needs Debian's Chromium (/usr/bin/chromium,
or CHROME_PATH) and, for Lighthouse, `npm install --prefix bench` (the version is pinned in
bench/package.json). Lighthouse reports go to bench/out/.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from serve import serve

BENCH = pathlib.Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
PLOTLY = "/assets/vendor/plotly"  # loaded by gongkai.js only when a chart comes into view
PHONE = {"width": 412, "height": 823}  # Lighthouse's mobile screen

# Goals (see bench/README.md).
GOAL_BUILD_S = 10.0
GOAL_TASK_KB = 150.0
GOAL_LIGHTHOUSE = 95


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB"


def mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def first_task_with_targets() -> str:
    import yaml

    plan = yaml.safe_load((ROOT / "data" / "plan.yaml").read_text(encoding="utf-8"))
    return next(t["id"] for a in plan["actions"] for m in a["measures"] for t in m["tasks"] if t.get("targets"))


# --- build ---------------------------------------------------------------------------------------


def build(site: pathlib.Path) -> float:
    """Run `gongkai build` (as `python -m generator`) once; return the wall time in seconds."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site-dir", str(site)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def site_size(site: pathlib.Path) -> tuple[int, int, int]:
    """Return (files, bytes without the .gz copies, bytes of the .gz copies)."""
    files = [p for p in site.rglob("*") if p.is_file()]
    plain = sum(p.stat().st_size for p in files if p.suffix != ".gz")
    gz = sum(p.stat().st_size for p in files if p.suffix == ".gz")
    return len([p for p in files if p.suffix != ".gz"]), plain, gz


# --- page weight --------------------------------------------------------------------------------


@dataclass
class Weight:
    before_charts: int  # gzipped HTML + CSS + JS the page requests on load, Plotly excluded
    files: list[tuple[str, int]]
    other: list[tuple[str, int]]  # data the page also fetches on load (sitemap, search index)
    plotly: int  # gzipped Plotly bundle, fetched once a chart is in view


def gz_size(site: pathlib.Path, url: str) -> int:
    """Bytes sent for url: the .gz the build wrote beside the file, as the web server sends it."""
    path = site / unquote(urlsplit(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    packed = path.with_name(path.name + ".gz")
    if packed.is_file():
        return packed.stat().st_size
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))  # small: compressed on the fly


def is_code(url: str, kind: str) -> bool:
    """HTML, CSS or JS, whoever asked for it (the search worker loads its scripts itself)."""
    return kind in ("document", "stylesheet", "script") or urlsplit(url).path.endswith((".js", ".css", "/", ".html"))


def page_weights(site: pathlib.Path, base: str, paths: dict[str, str]) -> dict[str, Weight]:
    """Load each page in Chromium on a phone screen and weigh what it requests before any chart."""
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROME, args=CHROME_FLAGS[1:])
        for name, path in paths.items():
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
            page = context.new_page()
            requested: list[tuple[str, str]] = []
            page.on("request", lambda r, seen=requested: seen.append((r.url, r.resource_type)))
            page.goto(base + path, wait_until="load")
            page.wait_for_load_state("networkidle")
            context.close()
            local = [(u, t) for u, t in dict(requested).items() if u.startswith(base)]
            code = [(u, gz_size(site, u)) for u, t in local if is_code(u, t)]
            before = [(u, n) for u, n in code if PLOTLY not in u]
            other = [(u, gz_size(site, u)) for u, t in local if not is_code(u, t)]
            plotly = next(site.glob("assets/vendor/plotly*.js"))
            out[name] = Weight(
                sum(n for _, n in before),
                before,
                [(u, n) for u, n in other if u.endswith((".json", ".xml"))],
                gz_size(site, "/" + plotly.relative_to(site).as_posix()),
            )
        browser.close()
    return out


# --- Lighthouse -----------------------------------------------------------------------------------

METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}


def quoted(flag: str) -> str:
    """Write --name="a value" for Lighthouse's --chrome-flags, which splits on spaces."""
    name, _, value = flag.partition("=")
    return f'{name}="{value}"' if " " in value else flag


def lighthouse(url: str, name: str, run: int) -> dict:
    """Run Lighthouse (mobile, its default) once; return the scores (0-100) and metric values."""
    OUT.mkdir(exist_ok=True)
    report = OUT / f"lighthouse-{name}-{run}.json"
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--only-categories=performance,accessibility",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            "--chrome-flags=" + " ".join(quoted(f) for f in CHROME_FLAGS),
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROME},
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    result = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
    result.update({short: data["audits"][key]["numericValue"] for key, short in METRICS.items()})
    return result


def median_run(url: str, name: str, runs: int) -> dict:
    results = [lighthouse(url, name, i) for i in range(runs)]
    return {key: statistics.median(r[key] for r in results) for key in results[0]} | {
        "all": [r["performance"] for r in results]
    }


# --- report -------------------------------------------------------------------------------------


def table(*header: str) -> None:
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))


def row(*cells: object) -> None:
    print("| " + " | ".join(str(c) for c in cells) + " |", flush=True)


def report_build(site: pathlib.Path, builds: int) -> None:
    times = [build(site) for _ in range(builds)]
    median = statistics.median(times)
    print(f"\n## Build (gongkai build, the 2021 site; median of {len(times)})\n")
    table("figure", "measured", "goal")
    runs = ", ".join(f"{t:.1f}" for t in times)
    row("full build", f"{median:.1f} s ({runs})", f"< {GOAL_BUILD_S:.0f} s: {mark(median < GOAL_BUILD_S)}")
    files, plain, gz = site_size(site)
    row("site size", f"{plain / 2**20:.1f} MB in {files} files (+ {gz / 2**20:.1f} MB of .gz copies)", "")


def report_weights(site: pathlib.Path, base: str, pages: dict[str, str]) -> None:
    weights = page_weights(site, base, pages)
    print("\n## Page weight on load, gzipped (what Chromium requests before any chart is drawn)\n")
    table("page", "HTML + CSS + JS", "data (sitemap, search index)", "total", "goal", "Plotly, when a chart shows")
    for name, w in weights.items():
        data = sum(n for _, n in w.other)
        total = w.before_charts + data
        goal = f"< {GOAL_TASK_KB:.0f} KB: {mark(total / 1024 < GOAL_TASK_KB)}" if name == "task" else ""
        row(f"{name} /{pages[name]}", kb(w.before_charts), kb(data), kb(total), goal, kb(w.plotly))
    for name, w in weights.items():
        print(f"\n{name}: " + ", ".join(f"{urlsplit(u).path} {kb(n)}" for u, n in w.files + w.other))


def report_lighthouse(base: str, pages: dict[str, str], runs: int) -> None:
    if not LIGHTHOUSE.exists():
        print("\nLighthouse is not installed: run `npm install --prefix bench`.")
        return
    version = json.loads((BENCH / "node_modules" / "lighthouse" / "package.json").read_text())["version"]
    print(f"\n## Lighthouse {version}, mobile (median of {runs} runs)\n")
    table("page", "performance (runs)", "accessibility", "FCP", "LCP", "TBT", "CLS", "goal: both >= 95")
    for name, path in pages.items():
        r = median_run(base + path, name, runs)
        ok = r["performance"] >= GOAL_LIGHTHOUSE and r["accessibility"] >= GOAL_LIGHTHOUSE
        performance = f"{r['performance']:.0f} ({'/'.join(str(p) for p in r['all'])})"
        seconds = [f"{r[m] / 1000:.1f} s" for m in ("FCP", "LCP")]
        row(name, performance, f"{r['accessibility']:.0f}", *seconds, f"{r['TBT']:.0f} ms", f"{r['CLS']:.3f}", mark(ok))


def several_plans_site(scratch: pathlib.Path, plans: int = 2, tasks: int = 100) -> pathlib.Path:
    """Build a site of several plans (bench/synth.py data under data/<year>/, as bench/plans.py lays it out)."""
    import shutil

    import synth

    from generator.starter import Government, create

    folder = scratch / "plans-src"
    create(folder, Government("示例县人民政府", "示例省示例市示例县", 2021))
    shutil.rmtree(folder / "data")
    for i in range(plans):
        synth.write(folder / "data" / str(2021 + i), tasks, 4, seed=1 + i)
    site = scratch / "plans-site"
    command = ["build", "--data", str(folder / "data"), "--site-dir", str(site), "--config", str(folder / "mkdocs.yml")]
    subprocess.run(
        [sys.executable, "-m", "generator", *command],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=3, help="full builds to time (median)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args()

    pages = {
        "overview": "",
        "action": "actions/1/",
        "task": f"tasks/{first_task_with_targets()}/",
        "status list": "status/in_progress/",
        "places": "places/",
    }
    print(f"Machine: {os.cpu_count()} cores; Chromium {CHROME}")
    # Issue #12: the home page of a site of several plans and a plan's own home page (synthetic 示例 plans)
    plan_pages = {"several plans: home": "", "several plans: plan": "2022/"}
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        site = pathlib.Path(tmp) / "site"
        report_build(site, args.builds)
        plans_site = several_plans_site(pathlib.Path(tmp))
        with serve(site) as base, serve(plans_site) as plans_base:
            report_weights(site, base, pages)
            report_weights(plans_site, plans_base, plan_pages)
            if not args.no_lighthouse:
                report_lighthouse(base, pages, args.lighthouse_runs)
                report_lighthouse(plans_base, plan_pages, args.lighthouse_runs)


if __name__ == "__main__":
    main()
