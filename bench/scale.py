"""Scale benchmark: build time, peak memory, site and search-index size for synthetic plans.

    python bench/scale.py                          # 150, 1,000, 5,000 and 10,000 tasks, 4 periods
    python bench/scale.py --sizes 150,1000 --search-at 0
    python bench/scale.py --write                  # also put the table into bench/SCALE.md
    python bench/scale.py --profile 5000           # cProfile of one in-process build, top entries
    python bench/scale.py --preview                # live preview: seconds from saving a file to the new page

Each size gets a synthetic data folder (bench/synth.py, fixed seed) and one `gongkai build` in a
subprocess, timed by the wall clock; peak memory is that subprocess's maximum resident set size
(os.wait4). At --search-at tasks the built site is served on 127.0.0.1 (bench/serve.py: threaded,
gzip like a web host) and Chromium measures the first search result (see search_latency).
--preview times `gongkai serve` on a copy of data/ instead (see preview).
See bench/SCALE.md for the figures and the goals.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gzip
import os
import pathlib
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

BENCH = pathlib.Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import synth  # noqa: E402  (bench/ is not a package)
from run import CHROME_FLAGS  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = CHROME_FLAGS  # the same offline Chromium as the Lighthouse benchmark
# A build through the command line, with one exception: generator/yamlfile.py refuses files over
# MAX_BYTES, and a plan may be bigger. Past that size the limit is lifted for
# the benchmark only, and the table says so.
RUNNER = (
    "import sys; import generator.yamlfile as y; limit = int(sys.argv.pop(1)); "
    "y.MAX_BYTES = max(y.MAX_BYTES, limit); from generator.cli import main; sys.exit(main(sys.argv[1:]))"
)
MARK_BEGIN, MARK_END = "<!-- scale:begin -->", "<!-- scale:end -->"


@dataclasses.dataclass
class Result:
    tasks: int
    seconds: float  # wall clock
    cpu: float  # user + system time of the build process: what the wall clock is on an idle machine
    peak_mb: float
    pages: int
    site_mb: float  # every file except the precompressed .gz copies
    index_kb: float
    index_gz_kb: float  # gzip -6, as a web server would send it
    lifted: bool  # plan.yaml over the validator's size limit (lifted for this run)
    search_ms: float | None = None
    search_warm_ms: float | None = None


def build(
    data: pathlib.Path, site: pathlib.Path, repo: pathlib.Path = REPO, config: pathlib.Path | None = None
) -> tuple[float, float, float, bool]:
    """Run `gongkai build` in a subprocess; return (wall s, CPU s, peak RSS in MB, size limit lifted)."""
    plan_bytes = max(p.stat().st_size for p in data.rglob("plan.yaml"))  # one plan, or one per folder
    from generator import yamlfile

    lifted = plan_bytes > yamlfile.MAX_BYTES
    cmd = [sys.executable, "-c", RUNNER, str(4 * plan_bytes)] if lifted else [sys.executable, "-m", "generator"]
    cmd += ["build", "--data", str(data), "--site-dir", str(site), "--config", str(config or repo / "mkdocs.yml")]
    env = os.environ | {"PYTHONPATH": str(repo), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GONGKAI_DATA", None)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"build failed ({proc.returncode}):\n{output.decode(errors='replace')[-3000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, lifted


def measure_site(site: pathlib.Path) -> tuple[int, float, float, float]:
    """Return (HTML pages, site MB without .gz copies, search index KB, gzipped KB)."""
    files = [p for p in site.rglob("*") if p.is_file() and p.suffix != ".gz"]
    pages = sum(1 for p in files if p.name == "index.html")
    index = (site / "search" / "search_index.json").read_bytes()
    packed = gzip.compress(index, compresslevel=6, mtime=0)
    return pages, sum(p.stat().st_size for p in files) / 1e6, len(index) / 1e3, len(packed) / 1e3


def search_latency(site: pathlib.Path, word: str, rounds: int = 3) -> tuple[float, float]:
    """Time Material's search in Chromium, in ms: (first result right after load, a second query).

    The overview is opened; as soon as it has loaded the search box is clicked and the word typed,
    so the first figure includes fetching search_index.json and building the index in the search
    worker, which is what a visitor who searches at once waits for. The second figure is a new
    query once the index is ready. Each is the median of `rounds` fresh pages.
    """
    from playwright.sync_api import sync_playwright
    from serve import serve

    timings = []
    with serve(site) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for _ in range(rounds):
                context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
                timings.append(_search_once(context.new_page(), url, word))
                context.close()
        finally:
            browser.close()
    colds, warms = zip(*timings, strict=True)
    return statistics.median(colds), statistics.median(warms)


def _search_once(page, url: str, word: str) -> tuple[float, float]:
    page.set_default_timeout(60_000)
    page.goto(url, wait_until="load")
    box = page.locator("input.md-search__input")
    started = time.perf_counter()
    box.click()
    page.keyboard.type(word)  # Chinese text arrives as one input event, as from an IME
    page.keyboard.press("End")  # Material reads the query on keyup
    page.wait_for_selector(".md-search-result__item", state="visible")
    cold = (time.perf_counter() - started) * 1000
    box.fill("")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", state="detached")
    started = time.perf_counter()
    page.keyboard.type(word[:2])
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", state="visible")
    return cold, (time.perf_counter() - started) * 1000


def run(sizes: list[int], periods: int, seed: int, work: pathlib.Path, search_at: int, word: str, repo: pathlib.Path):
    results = []
    for tasks in sizes:
        data = synth.write(work / f"data-{tasks}", tasks, periods, seed)
        site = work / f"site-{tasks}"
        seconds, cpu, peak, lifted = build(data, site, repo)
        result = Result(tasks, seconds, cpu, peak, *measure_site(site), lifted)
        if tasks == search_at:
            result.search_ms, result.search_warm_ms = search_latency(site, word)
        results.append(result)
        print(row(result), flush=True)
    return results


HEADER = (
    "| tasks | pages | build wall (s) | build CPU (s) | CPU s / 1,000 tasks | peak RSS (MB) | site (MB, no .gz) "
    "| search index (KB) | index gzip -6 (KB) | first search result (ms, median of 3) |\n"
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def row(r: Result) -> str:
    search = f"{r.search_ms:.0f} (again: {r.search_warm_ms:.0f})" if r.search_ms is not None else ""
    mark = "*" if r.lifted else ""
    return (
        f"| {r.tasks:,}{mark} | {r.pages:,} | {r.seconds:.1f} | {r.cpu:.1f} | {r.cpu / r.tasks * 1000:.1f} "
        f"| {r.peak_mb:.0f} "
        f"| {r.site_mb:.0f} | {r.index_kb:,.0f} | {r.index_gz_kb:,.0f} | {search} |"
    )


def table(results: list[Result], periods: int) -> str:
    lines = [HEADER, *map(row, results)]
    wall = {r.tasks: r.seconds for r in results}
    cpu = {r.tasks: r.cpu for r in results}
    if 1000 in wall and 10000 in wall:
        lines.append(
            f"\n10,000 tasks took {wall[10000] / wall[1000]:.1f}× the wall time of 1,000 "
            f"({cpu[10000] / cpu[1000]:.1f}× the CPU time; goal: at most 12×)."
        )
    if any(r.lifted for r in results):
        lines.append("\n\\* plan.yaml is over the validator's file size limit; the limit was lifted for this run.")
    lines.append(f"\n{periods} periods each; measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores.")
    return "\n".join(lines)


def write_markdown(text: str) -> None:
    """Replace the table between the markers in bench/SCALE.md."""
    path = BENCH / "SCALE.md"
    doc = path.read_text(encoding="utf-8")
    block = f"{MARK_BEGIN}\n{text}\n{MARK_END}"
    doc = re.sub(re.escape(MARK_BEGIN) + ".*?" + re.escape(MARK_END), lambda _: block, doc, flags=re.S)
    path.write_text(doc, encoding="utf-8")


def profile(tasks: int, periods: int, seed: int, work: pathlib.Path, top: int = 30) -> None:
    """Build once in this process under cProfile; print the top entries by cumulative and own time."""
    import cProfile
    import pstats

    from generator import yamlfile
    from generator.build import build_site

    data = synth.write(work / f"data-{tasks}", tasks, periods, seed)
    yamlfile.MAX_BYTES = max(yamlfile.MAX_BYTES, 4 * (data / "plan.yaml").stat().st_size)
    os.chdir(REPO)
    profiler = cProfile.Profile()
    profiler.runcall(build_site, REPO / "mkdocs.yml", data, work / f"site-{tasks}")
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def preview(rounds: int = 5, task: str = "1-2-1", data: pathlib.Path = REPO / "data") -> tuple[float, list[float]]:
    """Time the live preview; return (seconds to the first page, seconds per reload).

    `gongkai serve` runs on a copy of the data (GONGKAI_DATA; the repository's data/ is never
    touched) on a free port of 127.0.0.1. Each round rewrites the note of one task in the newest
    progress file, as staff would, and polls the task page over HTTP until it shows the new note.
    """
    with tempfile.TemporaryDirectory(prefix="gongkai-preview-") as scratch:
        copy = shutil.copytree(data, pathlib.Path(scratch) / "data")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        log = pathlib.Path(scratch) / "serve.log"
        env = os.environ | {"GONGKAI_DATA": str(copy), "NO_MKDOCS_2_WARNING": "1"}
        cmd = [sys.executable, "-m", "generator", "serve", "--data", str(copy), "--dev-addr", f"127.0.0.1:{port}"]
        url = f"http://127.0.0.1:{port}/tasks/{task}/"
        with log.open("wb") as out:
            started = time.perf_counter()
            server = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            _poll(url, "", server, log)
            first = time.perf_counter() - started
            newest = sorted((copy / "progress").glob("*.yaml"))[-1]
            times = []
            for n in range(rounds):
                marker = f"预览测试{n}-{random.randrange(10**9)}"
                text = re.sub(
                    rf"(- task: {re.escape(task)}\n(?:    .*\n)*?    note: ).*",
                    lambda m, marker=marker: m[1] + marker,
                    newest.read_text(encoding="utf-8"),
                    count=1,
                )
                assert marker in text, f"no note for task {task} in {newest}"
                saved = time.perf_counter()
                newest.write_text(text, encoding="utf-8")
                _poll(url, marker, server, log)
                times.append(time.perf_counter() - saved)
                time.sleep(1)  # let the server settle, as between two edits by hand
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    return first, times


def _poll(url: str, wanted: str, server: subprocess.Popen, log: pathlib.Path, timeout: float = 120) -> None:
    """Fetch url every 50 ms until the page holds the wanted text."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gongkai serve stopped:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                if wanted in response.read().decode("utf-8"):
                    return
        except OSError:
            pass  # not listening yet
        time.sleep(0.05)
    raise SystemExit(
        f"{url} did not show {wanted!r} within {timeout:.0f} s:\n{log.read_text(errors='replace')[-3000:]}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build synthetic plans of several sizes and measure them.")
    parser.add_argument("--sizes", default="150,1000,5000,10000", help="task counts, comma-separated")
    parser.add_argument("--periods", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--search-at", type=int, default=5000, help="size to time search at (0: none)")
    parser.add_argument("--word", default="庞泉沟", help="the word typed into the search box")
    parser.add_argument("--work", type=pathlib.Path, help="folder for data and sites (default: a temporary one)")
    parser.add_argument("--repo", type=pathlib.Path, default=REPO, help="checkout to build with (compare versions)")
    parser.add_argument("--write", action="store_true", help="put the table into bench/SCALE.md")
    parser.add_argument("--profile", type=int, metavar="TASKS", help="profile one build of this size instead")
    parser.add_argument("--preview", action="store_true", help="time the live preview's reload instead")
    args = parser.parse_args(argv)
    if args.preview:
        first, times = preview()
        print(f"gongkai serve: first page after {first:.1f} s")
        print("reload after saving a progress file: " + ", ".join(f"{t:.2f}" for t in times) + " s")
        print(f"median {sorted(times)[len(times) // 2]:.2f} s (goal: under 3 s)")
        return 0
    with contextlib.ExitStack() as stack:
        work = args.work or pathlib.Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="gongkai-scale-")))
        work.mkdir(parents=True, exist_ok=True)
        if args.profile:
            profile(args.profile, args.periods, args.seed, work)
            return 0
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
        print(HEADER, flush=True)
        results = run(sizes, args.periods, args.seed, work, args.search_at, args.word, args.repo.resolve())
        text = table(results, args.periods)
        print(text.split("\n", 2 + len(results))[-1])
        if args.write:
            write_markdown(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
