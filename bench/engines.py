"""Try each engine on the 2021 site and report what works: pages, URLs, Chinese search, charts.

    .venv/bin/python bench/engines.py [--engines mkdocs,properdocs,zensical]

MkDocs runs the gongkai plugin (the fast path); ProperDocs and Zensical build the files
`gongkai generate` writes (`gongkai build --engine …`). Zensical is an alpha: this script reports
what works and never fails on its account (install it with `pip install zensical`). Searches run in
Chromium on each built site, served on 127.0.0.1; a word counts as found when a task whose text
holds it is among the first five results.
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import tempfile
import time

import yaml

BENCH = pathlib.Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from run import CHROME, CHROME_FLAGS  # noqa: E402
from serve import serve  # noqa: E402

from generator import published  # noqa: E402
from generator.build import BuildFailed, build_site  # noqa: E402

WORDS = ["庞泉沟", "改厕", "村史馆", "抽水蓄能", "龙山街小学", "排污许可", "就业", "学校"]
CHART_PAGE = "tasks/1-2-5/"


def tasks() -> list[dict]:
    plan = yaml.safe_load((ROOT / "data" / "plan.yaml").read_text(encoding="utf-8"))
    return [t for a in plan["actions"] for m in a["measures"] for t in m["tasks"]]


def browse(site: pathlib.Path) -> tuple[list[str], bool]:
    """Return the words whose task is in the first five results, and whether a chart was drawn."""
    from playwright.sync_api import sync_playwright

    found = []
    with serve(site) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROME, args=CHROME_FLAGS[1:])
        page = browser.new_page()
        page.goto(url)
        box = page.locator("input.md-search__input")
        if not box.count():  # Zensical 0.1's search is a new dialog this script does not drive yet
            print("  (no Material search box on this site: search not measured)")
        for word in WORDS if box.count() else []:
            wanted = {f"tasks/{t['id']}/" for t in tasks() if word in t["text"]}
            box.fill(word)
            box.press("End")
            time.sleep(1.5)
            hrefs = page.eval_on_selector_all(".md-search-result__list a", "as => as.map(a => a.href)")
            if any(w in h for h in hrefs[:5] for w in wanted):
                found.append(word)
        page.goto(url + CHART_PAGE)
        page.locator("figure.gk-chart .gk-chart__plot").first.scroll_into_view_if_needed()
        try:
            page.wait_for_selector("figure.gk-chart--drawn svg.main-svg", timeout=15_000)
            drawn = True
        except Exception:  # a chart that never draws is the finding
            drawn = False
        browser.close()
    return found, drawn


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engines", default="mkdocs,properdocs,zensical")
    args = parser.parse_args(argv)
    reference: list[str] | None = None
    with tempfile.TemporaryDirectory(prefix="gongkai-engines-") as scratch:
        for engine in args.engines.split(","):
            site = pathlib.Path(scratch) / engine
            started = time.perf_counter()
            try:
                build_site(ROOT / "mkdocs.yml", ROOT / "data", site, engine=engine)
            except BuildFailed as err:
                print(f"{engine}: build failed — {' '.join(err.lines)[:300]}")
                continue
            seconds = time.perf_counter() - started
            urls = published.urls_on_disk(site)
            reference = reference or urls
            found, drawn = browse(site)
            same = "same URLs as mkdocs" if urls == reference else f"{len(set(reference) ^ set(urls))} URLs differ"
            print(
                f"{engine}: built in {seconds:.1f} s; {sum(1 for _ in site.rglob('index.html'))} pages; {same}; "
                f"Chinese search {len(found)}/{len(WORDS)} in the first five ({'、'.join(found)}); "
                f"chart {'drawn' if drawn else 'NOT drawn'}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
