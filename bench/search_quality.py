"""Search quality: how often the first five results hold what a citizen looks for.

    python bench/search_quality.py                      # build the 2021 site, ask every query
    python bench/search_quality.py --site SITE          # ask an already built site
    python bench/search_quality.py --misses             # also list each query that missed

Two sets of queries:
- specific names, generated from data/plan.yaml: every place (its place page must be in the
  top five), every metric and every number with its unit (2000座: a task that promises it),
  every action and measure title (the action's page), every task title and every word of a
  task title that no more than two tasks use (the tasks that use it);
- everyday words, written by hand in bench/search_queries.yaml with the tasks each must find;
- status words (滞后, 已完成 …), one per status the built site's tasks.csv gives some task: the
  status list (status/behind/) must be the first result, and every task among the five must have
  that status.

It measures the real thing: the built site is served on 127.0.0.1 (bench/serve.py) and each
query is typed into Material's search box in Debian's Chromium, so the query goes through the
site's own scripts, Material's search worker and the built search_index.json; the first five
results are read from the list Material renders. A query is a hit when one of the pages it must
find is among them; recall is the share of all the pages it must find (at most five) that are.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import dataclasses
import os
import pathlib
import re
import sys
import tempfile
import time
from urllib.parse import unquote, urlsplit

import yaml

BENCH = pathlib.Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

from run import CHROME_FLAGS  # noqa: E402  (bench/ is not a package)
from serve import serve  # noqa: E402

CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
TOP = 5
GOALS = {"specific": 0.95, "everyday": 0.80, "status": 1.0}
DISTINCT = 2  # a title word used by at most this many tasks is a distinctive term


@dataclasses.dataclass(frozen=True)
class Query:
    kind: str  # specific, everyday or status
    group: str  # where it comes from: place, metric, number, title, term, action, everyday, status
    text: str
    expect: frozenset[str]  # page paths, e.g. tasks/3-2-1/
    first: str | None = None  # a page that must be the first result, where no other task may be listed


@dataclasses.dataclass
class Answer:
    query: Query
    top: list[str]

    @property
    def hit(self) -> bool:
        if self.query.first:  # the page first, then only pages it expects
            return self.top[:1] == [self.query.first] and set(self.top) <= self.query.expect | _not_tasks(self.top)
        return bool(self.query.expect & set(self.top))

    @property
    def found(self) -> int:
        return len(self.query.expect & set(self.top))

    @property
    def wanted(self) -> int:
        return min(len(self.query.expect), TOP)


def task_path(task_id: str) -> str:
    return f"tasks/{task_id}/"


def _not_tasks(paths: list[str]) -> set[str]:
    return {p for p in paths if not p.startswith("tasks/")}


def plan_queries(plan: dict, words) -> list[Query]:
    """The specific names of a plan: places, metrics, numbers, action, measure and task titles, rare title words."""
    tasks = [t for a in plan["actions"] for m in a.get("measures", []) for t in m["tasks"]]
    tasks += [t for a in plan["actions"] for t in a.get("tasks", [])]
    out: dict[str, Query] = {}

    def add(group: str, text: str, expect: set[str]) -> None:
        if text not in out:  # the same text asked twice would ask the same thing
            out[text] = Query("specific", group, text, frozenset(expect))

    for place in sorted({tag for t in tasks for tag in t.get("tags", [])}):
        add("place", place, {f"places/{place}/"})
    for metric in sorted({g["metric"] for t in tasks for g in t.get("targets", [])}):
        add(
            "metric",
            metric,
            {task_path(t["id"]) for t in tasks if any(g["metric"] == metric for g in t.get("targets", []))},
        )
    numbers: dict[str, set[str]] = {}
    for t in tasks:
        for g in t.get("targets", []):
            value = g["value"]
            number = f"{int(value)}" if float(value).is_integer() else f"{value}"
            numbers.setdefault(f"{number}{g['unit']}", set()).add(task_path(t["id"]))
    for text, expect in numbers.items():
        add("number", text, expect)
    for action in plan["actions"]:
        add("action", action["title"], {f"actions/{action['id']}/"})
        for measure in action.get("measures", []):
            add("action", measure["title"], {f"actions/{action['id']}/"})
    for t in tasks:
        add("title", t["title"], {task_path(t["id"])})
    for t in tasks:
        for word in words(t["title"]):
            users = {task_path(u["id"]) for u in tasks if word in u["title"] or word in u["text"]}
            if len(users) <= DISTINCT:
                add("term", word, users)
    return list(out.values())


def title_words(extra: list[str]):
    """Split a title into the words jieba finds (two Han characters or more), with the plan's own words kept whole."""
    import jieba

    jieba.setLogLevel(60)
    for word in extra:
        jieba.add_word(word, freq=100_000)
    return lambda text: [w for w in jieba.cut(text) if len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w)]


def everyday_queries(path: pathlib.Path) -> list[Query]:
    listed = yaml.safe_load(path.read_text(encoding="utf-8"))["everyday"]
    return [Query("everyday", "everyday", q["query"], frozenset(task_path(i) for i in q["expect"])) for q in listed]


def all_queries(data: pathlib.Path) -> list[Query]:
    plan = yaml.safe_load((data / "plan.yaml").read_text(encoding="utf-8"))
    tasks = [t for a in plan["actions"] for m in a.get("measures", []) for t in m["tasks"]]
    known = [tag for t in tasks for tag in t.get("tags", [])] + [
        g["metric"] for t in tasks for g in t.get("targets", [])
    ]
    return plan_queries(plan, title_words(known)) + everyday_queries(BENCH / "search_queries.yaml")


def status_queries(site: pathlib.Path) -> list[Query]:
    """Each status word some task has in the built site: its list first, then only tasks of that status."""
    from generator.fields import Status

    rows = csv.DictReader((site / "data" / "tasks.csv").read_text(encoding="utf-8-sig").splitlines())
    by_label: dict[str, set[str]] = {}
    for row in rows:
        by_label.setdefault(row["status_label"], set()).add(task_path(row["task_id"]))
    out = []
    for status in Status:
        if status.label in by_label:
            listed = f"status/{status.value}/"
            out.append(Query("status", "status", status.label, frozenset(by_label[status.label] | {listed}), listed))
    return out


# --- asking the site ------------------------------------------------------------------------------

WAITING = "\u2026gk-waiting"


def ask_all(site: pathlib.Path, queries: list[Query]) -> list[Answer]:
    """Type each query into the search box of the served site; read the first results Material lists."""
    from playwright.sync_api import sync_playwright

    answers = []
    with serve(site) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROME_FLAGS[1:])
        try:
            page = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
            page.set_default_timeout(30_000)
            page.goto(url, wait_until="load")
            box = page.locator("input.md-search__input")
            box.click()
            page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.trim() !== '"
                                   "正在初始化搜索引擎'")  # fmt: skip
            for query in queries:
                answers.append(Answer(query, _ask(page, box, url, query.text)))
        finally:
            browser.close()
    return answers


def _ask(page, box, base: str, text: str) -> list[str]:
    # Mark the result count line; Material rewrites it when the results of the new query arrive.
    page.evaluate("w => { document.querySelector('.md-search-result__meta').textContent = w }", WAITING)
    box.fill(text)
    box.press("End")  # Material reads the query on keyup
    page.wait_for_function("w => document.querySelector('.md-search-result__meta').textContent !== w", arg=WAITING)
    hrefs = page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item", "items => items.map(i => i.querySelector('a').href)"
    )
    return [unquote(urlsplit(h).path).removeprefix(urlsplit(base).path) for h in hrefs[:TOP]]


# --- report ----------------------------------------------------------------------------------------


def report(answers: list[Answer], misses: bool) -> str:
    lines = ["| queries | how many | hit rate (top 5) | recall (top 5) | goal |", "|---|---:|---:|---:|---|"]
    for kind in GOALS:
        mine = [a for a in answers if a.query.kind == kind]
        groups = sorted({a.query.group for a in mine})
        if not mine:
            continue
        for group in groups if len(groups) > 1 else []:
            lines.append(_row(f"{kind}: {group}", [a for a in mine if a.query.group == group], None))
        lines.append(_row(f"**{kind}**", mine, GOALS[kind]))
    if misses:
        lines.append("\nMissed:")
        for a in answers:
            if not a.hit or a.found < a.wanted:
                want = ", ".join(sorted(a.query.expect))
                lines.append(f"- {a.query.group} {a.query.text}: wanted {want}; top {TOP}: {', '.join(a.top) or '—'}")
    return "\n".join(lines)


def _row(name: str, answers: list[Answer], goal: float | None) -> str:
    hits = sum(a.hit for a in answers) / len(answers)
    recall = sum(a.found for a in answers) / sum(a.wanted for a in answers)
    verdict = "" if goal is None else f"≥ {goal:.0%}: {'ok' if hits >= goal else 'MISSED'}"
    return f"| {name} | {len(answers)} | {hits:.1%} | {recall:.1%} | {verdict} |"


def build(data: pathlib.Path, site: pathlib.Path) -> None:
    from generator.build import build_site

    os.chdir(REPO)
    build_site(REPO / "mkdocs.yml", data, site)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Hit rate of search queries in the first five results.")
    parser.add_argument("--site", type=pathlib.Path, help="an already built site (default: build data/ now)")
    parser.add_argument("--data", type=pathlib.Path, default=REPO / "data")
    parser.add_argument("--misses", action="store_true", help="list the queries that missed")
    args = parser.parse_args(argv)
    queries = all_queries(args.data)
    with contextlib.ExitStack() as stack:
        site = args.site
        if site is None:
            site = pathlib.Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="gongkai-search-"))) / "site"
            build(args.data.resolve(), site)
        queries += status_queries(site)
        started = time.perf_counter()
        answers = ask_all(site.resolve(), queries)
        print(report(answers, args.misses))
        print(f"\n{len(queries)} queries in {time.perf_counter() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
