"""Time each stage of one `gongkai build` in this process, without a profiler's overhead.

    python bench/synth.py --tasks 10000 --periods 4 --out /tmp/data-10000
    python bench/stages.py /tmp/data-10000 /tmp/site-10000

Wraps the functions that do the work (MkDocs' page loop, Material's search indexer, the
generator's stages, gzip) with timers, builds once, and prints seconds per stage, largest
first. Stages nest: "build pages" includes "search index" and "write files". See bench/SCALE.md.

The task pages, the downloads, the feeds and the 督查通报 are made in forked children
(generator/background.py), whose time these wrappers do not see: they show as 0, and "waiting for
the children" is how long this process waited for them once it had rendered the other pages.
"""

from __future__ import annotations

import collections
import functools
import os
import pathlib
import resource
import sys
import time
from typing import Any

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import material.plugins.search.plugin as search  # noqa: E402
from mkdocs import utils  # noqa: E402
from mkdocs.commands import build as mkdocs_build  # noqa: E402
from mkdocs.structure.files import Files  # noqa: E402

from generator import (  # noqa: E402
    background,
    build,
    cli,
    compute,
    export,
    feed,
    legacy,
    pages,
    plugin,
    report,
    searchindex,
    searchwords,
)

SECONDS: collections.Counter[str] = collections.Counter()
CPU: collections.Counter[str] = collections.Counter()  # process CPU time (every thread) during the stage
STAGES = [
    (cli, "load_site", "load and validate the data"),  # the names as the callers imported them
    (plugin, "generate", "generate (compute, render, export)"),
    (compute, "facts", "  compute statuses and histories"),
    (pages, "plan_pages", "  render every page"),
    (pages, "task_pages", "  render the task pages (in a child)"),
    (background.Pending, "result", "  waiting for the children"),
    (export, "files", "  downloads (CSV, JSON, schemas; in a child)"),
    (feed, "atom", "  feeds (in a child)"),
    (report, "files", "  督查通报 of every period (.docx, .xlsx; in a child)"),
    (legacy, "keep", "  legacy redirects"),
    (searchwords, "teach", "  jieba's dictionary"),
    (searchwords, "everyday_words", "  everyday search words of each task"),
    (mkdocs_build, "_populate_page", "read pages (MkDocs)"),
    (Files, "copy_static_files", "copy theme assets (MkDocs)"),
    (mkdocs_build, "_build_theme_template", "sitemap and 404 (MkDocs)"),
    (mkdocs_build, "_build_page", "build pages (theme, search, write)"),
    (search.SearchIndex, "add_entry_from_context", "  search index (Material)"),
    (searchindex, "entries", "search entries of generated pages (Gongkai)"),
    (searchindex, "complete", "  search words into the index (Gongkai)"),
    (searchwords, "simplified", "traditional characters table"),
    (utils, "write_file", "  write files"),
    (build, "precompress", "gzip every text file not compressed yet"),
    (build, "_swap", "swap in the new site"),
]


def timed(owner: Any, name: str, label: str) -> None:
    """Replace owner.name with a wrapper that adds its time to SECONDS[label]."""
    inner = getattr(owner, name)

    @functools.wraps(inner)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            SECONDS[label] += time.perf_counter() - started
            CPU[label] += time.process_time() - cpu

    setattr(owner, name, wrapper)


def run(data: pathlib.Path, site_dir: pathlib.Path) -> None:
    for owner, name, label in STAGES:
        timed(owner, name, label)
    started, cpu = time.perf_counter(), time.process_time()
    cli.main(["build", "--data", str(data), "--site-dir", str(site_dir), "--config", str(REPO / "mkdocs.yml")])
    total, total_cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{'stage':40s} {'wall':>7s}   {'CPU':>7s}")
    for _, _, label in STAGES:
        print(f"{label:40s} {SECONDS[label]:7.1f} s {CPU[label]:7.1f} s")
    print(f"{'total':40s} {total:7.1f} s {total_cpu:7.1f} s")
    used = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    print(f"{'CPU, this process and its children':40s} {'':7s}   {sum(u.ru_utime + u.ru_stime for u in used):7.1f} s")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    run(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]))
