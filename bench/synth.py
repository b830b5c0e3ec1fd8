"""Write a synthetic, valid data folder of any size, for scale benchmarks and tests.

    python bench/synth.py --tasks 5000 --periods 4 --out DIR [--seed 1]

The texts are recombined from the real plan (data/plan.yaml) and its source text
(data/source.txt): clauses, measure titles, place names, metrics and units, so lengths and
vocabulary look like a real county plan. The folder holds plan.yaml, source.txt (every task's
text, so the 原文 page links each one) and progress/YYYY-MM.yaml files with cumulative values
that `gongkai validate` accepts. The same seed always writes the same bytes.
"""

from __future__ import annotations

import argparse
import calendar
import dataclasses
import datetime as dt
import json
import math
import pathlib
import random
import re
import sys
from typing import Any

import yaml

REPO = pathlib.Path(__file__).resolve().parent.parent
REAL_DATA = REPO / "data"
YEAR = 2021

# What the real plan lacks for a bigger one: more action themes, bureaus, place-name parts, metrics.
THEMES = [
    "产业大升级", "园区大提质", "乡村大治理", "改革大深化", "城市大更新", "环境大优化", "民生大改善", "效能大提升",
    "交通大建设", "水利大保障", "文旅大融合", "科技大创新", "教育大提升", "健康大保障", "安全大防控", "开放大合作",
]  # fmt: skip
BUREAUS = [
    "县发改局", "县工信局", "县农业农村局", "县住建局", "县交通运输局", "县水利局", "县教育局", "县卫健局",
    "县文旅局", "县民政局", "县人社局", "县自然资源局", "县生态环境分局", "县应急管理局", "县市场监管局",
    "县行政审批局", "县财政局", "县商务局", "县林业局", "县能源局", "开发区管委会", "县城管局",
]  # fmt: skip
PLACE_HEADS = "东西南北上下前后大小新古石柳杨王李张刘赵龙凤白红青清泉河沟坡峪庄营堡岭"
PLACE_TAILS = "家营庄峪沟坪坡湾河屯头寨口窑堡岭"
PLACE_KINDS = ["村", "村", "村", "镇", "社区", "街", "路", "小学", "中学", "水库", "公园"]
EXTRA_TARGETS = [
    ("新建农村公路", "公里", 40.0, "at_least", True),
    ("改造农村危房", "户", 300.0, "at_least", True),
    ("新建学校", "所", 4.0, "at_least", True),
    ("植树造林", "万亩", 2.0, "at_least", True),
    ("污水处理率", "%", 95.0, "at_least", False),
    ("空气质量优良天数比例", "%", 75.0, "at_least", False),
    ("PM2.5平均浓度", "微克/立方米", 45.0, "at_most", False),
    ("城镇调查失业率", "%", 5.5, "at_most", False),
]
VERBS = ["完成", "新增", "实现", "建成", "改造", "达到"]
VERB_LIKE = {"新建", "新增", "改造", "植树", "项目"}  # metrics that read badly after another verb
NO_TARGET_STATUSES = ["推进中", "推进中", "推进中", "达序时进度", "超序时进度", "滞后"]


@dataclasses.dataclass
class Fragments:
    """Pieces of the real plan to build texts from."""

    clauses: list[str]
    measures: list[str]
    aims: list[str]
    places: list[str]
    targets: list[tuple[str, str, float, str, bool]]


def fragments(data: pathlib.Path = REAL_DATA) -> Fragments:
    """Collect clauses, titles, places and metrics from the real plan and its source text."""
    plan = yaml.safe_load((data / "plan.yaml").read_text(encoding="utf-8"))
    tasks = [t for a in plan["actions"] for m in a["measures"] for t in m["tasks"]]
    texts = [t["text"] for t in tasks] + (data / "source.txt").read_text(encoding="utf-8").splitlines()
    clauses: dict[str, None] = {}  # ordered, so the seed alone decides the output
    for text in texts:
        for clause in re.split(r"[，；。：,;:()（）]", text):
            if 4 <= len(clause) <= 30 and _clean(clause):
                clauses[clause] = None
    targets = {
        (g["metric"], g["unit"], float(g["value"]), g.get("comparator", "at_least"), g.get("cumulative", True)): None
        for t in tasks
        for g in t.get("targets", [])
    }
    places = {tag: None for t in tasks for tag in t.get("tags", [])}
    return Fragments(
        clauses=list(clauses),
        measures=[m["title"] for a in plan["actions"] for m in a["measures"]],
        aims=[a["aim"] for a in plan["actions"]],
        places=list(places),
        targets=[*targets, *EXTRA_TARGETS],
    )


def _clean(clause: str) -> bool:
    """Keep clauses that read as a whole: Chinese text, balanced quotes, no stray list mark."""
    return (
        not clause.startswith(("、", "等", "和"))
        and clause.count("“") == clause.count("”")
        and clause.count("《") == clause.count("》")
        and re.fullmatch(r"[\u4e00-\u9fff0-9.%“”《》、]+", clause) is not None
    )


def normalise(text: str) -> str:
    """Write the punctuation as the real source text does (half-width), like generator.render.normalise."""
    return text.translate(str.maketrans("，；（）：", ",;():"))


def shape(tasks: int) -> list[list[int]]:
    """Spread the tasks over actions and measures: the number of tasks of each measure, per action.

    About ten tasks a measure, and at least eight actions (more, slowly, for bigger plans).
    """
    n_measures = max(1, min(tasks, max(8, round(tasks / 10))))
    n_actions = min(n_measures, max(8, round(math.sqrt(tasks) / 4)))
    per_measure = [tasks // n_measures + (i < tasks % n_measures) for i in range(n_measures)]
    out, at = [], 0
    for a_i in range(n_actions):
        count = n_measures // n_actions + (a_i < n_measures % n_actions)
        out.append(per_measure[at : at + count])
        at += count
    return out


def place_names(rng: random.Random, known: list[str], count: int) -> list[str]:
    """Return the real place names plus invented ones in the same style, up to count."""
    names = dict.fromkeys(known)
    while len(names) < count:
        names[rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS) + rng.choice(PLACE_KINDS)] = None
    return list(names)


def _round(value: float, like: float) -> float:
    """Round a value as the report would write one of its size."""
    return float(round(value)) if like >= 100 else round(value, 1)


class Writer:
    """Build the plan, the source text and the periods from one random generator."""

    def __init__(self, tasks: int, periods: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.frag = fragments()
        self.n_tasks = tasks
        self.n_periods = periods
        self.places = place_names(self.rng, self.frag.places, max(len(self.frag.places), tasks // 15))

    # --- plan ---------------------------------------------------------------------------

    def clause(self) -> str:
        return self.rng.choice(self.frag.clauses)

    def target(self) -> dict[str, Any]:
        metric, unit, value, comparator, cumulative = self.rng.choice(self.frag.targets)
        scaled = value if unit == "%" else _round(value * self.rng.uniform(0.3, 3.0), value) or value
        target: dict[str, Any] = {"metric": metric, "value": scaled, "unit": unit}
        if comparator != "at_least":
            target["comparator"] = comparator
        if not cumulative:
            target["cumulative"] = False
        return target

    def task_text(self, targets: list[dict[str, Any]], tags: list[str], extra: int = 0) -> tuple[str, str]:
        """Return (title, text): one to three clauses, the places named, each number promised."""
        rng = self.rng
        parts = [self.clause() for _ in range(rng.choices([1, 2, 3], [55, 35, 10])[0] + extra)]
        if tags:
            parts[0] = "、".join(tags) + parts[0]
        for g in targets:
            value = f"{g['value']:.10g}"
            if g.get("comparator") == "at_most":
                parts.append(f"{g['metric']}控制在{value}{g['unit']}以内")
            else:
                verb = "完成" if g["metric"][:2] in VERB_LIKE else rng.choice(VERBS)
                parts.append(f"{verb}{g['metric']}{value}{g['unit']}")
        title = parts[-1] if targets else parts[0]
        return title[:20], "，".join(parts) + "。"

    def plan(self) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """Return the plan and a flat list of its tasks (the same dicts)."""
        rng = self.rng
        actions, flat = [], []
        for a_i, measures in enumerate(shape(self.n_tasks), start=1):
            theme = THEMES[(a_i - 1) % len(THEMES)]
            round_ = (a_i - 1) // len(THEMES)
            action: dict[str, Any] = {
                "id": str(a_i),
                "title": f"实施{theme}行动" + (f"（第{round_ + 1}批）" if round_ else ""),
                "aim": self.frag.aims[(a_i - 1) % len(self.frag.aims)],
                "measures": [],
            }
            for m_i, count in enumerate(measures, start=1):
                measure = {"id": f"{a_i}-{m_i}", "title": rng.choice(self.frag.measures), "tasks": []}
                for t_i in range(1, count + 1):
                    task = self.task(f"{a_i}-{m_i}-{t_i}")
                    measure["tasks"].append(task)
                    flat.append(task)
                action["measures"].append(measure)
            actions.append(action)
        self.make_texts_distinct(actions)
        report = {
            "title": f"示例县{YEAR}年政府工作报告（合成数据）",
            "issuer": "示例县人民政府",
            "year": YEAR,
            "source": "source.txt",
            "region": "示例省示例市示例县",
        }
        return {"report": report, "actions": actions}, flat

    def task(self, task_id: str) -> dict[str, Any]:
        rng = self.rng
        tags = rng.sample(self.places, rng.choice([1, 1, 2, 3])) if rng.random() < 0.4 else []
        targets: list[dict[str, Any]] = []
        if rng.random() < 1 / 3:
            for _ in range(rng.choices([1, 2], [85, 15])[0]):
                target = self.target()
                if all(t["metric"] != target["metric"] for t in targets):
                    targets.append(target)
        title, text = self.task_text(targets, tags)
        task: dict[str, Any] = {"id": task_id, "title": title, "text": text}
        if rng.random() < 0.15:
            month = rng.randint(6, 11)
            task["due"] = dt.date(YEAR, month, calendar.monthrange(YEAR, month)[1])
        if targets:
            task["targets"] = targets
        if rng.random() < 0.5:
            task["lead"] = rng.choice(BUREAUS)
        if tags:
            task["tags"] = tags
        if rng.random() < 0.005:
            task["withdrawn"] = "因规划调整，本任务不再实施（合成数据）。"
        return task

    def make_texts_distinct(self, actions: list[dict[str, Any]]) -> None:
        """Rewrite any text that another text (or a measure title) ends with, so each is quoted once.

        A text holds one 。 at its end, so it can only occur in the source where another sentence
        ends with it; such a text would be linked twice on the 原文 page.
        """
        tasks = [t for a in actions for m in a["measures"] for t in m["tasks"]]
        titles = [f"{m['title']}。" for a in actions for m in a["measures"]]
        while True:
            texts: dict[str, int] = {}
            clash: list[int] = []
            for i, task in enumerate(tasks):
                key = normalise(task["text"])
                if key in texts:
                    clash.append(i)
                texts.setdefault(key, i)
            for sentence in [normalise(t["text"]) for t in tasks]:
                clash += [texts[sentence[i:]] for i in range(1, len(sentence)) if sentence[i:] in texts]
            for sentence in titles:
                clash += [texts[sentence[i:]] for i in range(len(sentence)) if sentence[i:] in texts]
            if not clash:
                return
            for i in sorted(set(clash)):
                task = tasks[i]
                _, text = self.task_text(task.get("targets", []), task.get("tags", []), extra=1)
                task["text"] = text

    def source(self, plan: dict[str, Any]) -> str:
        """Write the report's text: a line per action heading, a paragraph per measure."""
        report = plan["report"]
        lines = [report["title"], ""]
        for action in plan["actions"]:
            n = int(action["id"])
            numeral = "一二三四五六七八九十"[n - 1] if n <= 10 else str(n)
            lines.append(f"({numeral}){action['title']},{action['aim']}")
            for m in action["measures"]:
                lines.append(f"{m['title']}。" + "".join(normalise(t["text"]) for t in m["tasks"]))
        return "\n".join(lines) + "\n"

    # --- progress -------------------------------------------------------------------------

    def months(self) -> list[int]:
        if not 1 <= self.n_periods <= 12:
            raise SystemExit("--periods must be between 1 and 12")
        return sorted({max(1, round(12 * (i + 1) / self.n_periods)) for i in range(self.n_periods)})

    def progress(self, flat: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """Return every period's file content, by its name (YYYY-MM)."""
        rng = self.rng
        months = self.months()
        plans = {t["id"]: self.trajectory(t, len(months)) for t in flat}
        out = {}
        for p_i, month in enumerate(months):
            as_of = dt.date(YEAR, month, calendar.monthrange(YEAR, month)[1])
            updates = []
            for task in flat:
                update = plans[task["id"]][p_i]
                if update is not None:
                    updates.append(update)
            out[f"{YEAR}-{month:02d}"] = {
                "as_of": as_of,
                "published": as_of + dt.timedelta(days=rng.randint(5, 20)),
                "demo": True,
                "updates": updates,
            }
        return out

    def trajectory(self, task: dict[str, Any], periods: int) -> list[dict[str, Any] | None]:
        """Return a task's update in each period (None when it is not reported), values cumulative."""
        rng = self.rng
        start = rng.choices(range(periods), [6] + [1] * (periods - 1))[0]  # most report from the first period
        reach = rng.uniform(0.3, 1.25)  # how far toward its targets the task gets by the last period
        stage = 0
        last: dict[str, float] = {}
        out: list[dict[str, Any] | None] = []
        for p_i in range(periods):
            if p_i < start or rng.random() < 0.08:
                out.append(None)
                continue
            update: dict[str, Any] = {"task": task["id"]}
            if task.get("withdrawn"):
                update["status"] = "已调整"
                update["reason"] = task["withdrawn"]
                out.append(update)
                continue
            targets = task.get("targets", [])
            share = reach * (p_i + 1) / periods
            if targets:
                actual = {}
                for g in targets:
                    actual[g["metric"]] = self.actual(g, share, last.get(g["metric"]))
                last |= actual
                update["actual"] = actual
            else:  # not started → under way → done, each step taken in some period or never
                stage += rng.random() < (0.7 if stage == 0 else 0.25 if stage == 1 else 0)
                update["status"] = ["未启动", rng.choice(NO_TARGET_STATUSES), "已完成"][stage]
            update["note"] = (
                f"示例：{self.clause()}，{rng.choice(['正在推进', '已完成阶段任务', '进度偏慢', '按计划实施'])}。"
            )
            if rng.random() < 0.2:
                update["evidence"] = [self.evidence()]
            out.append(update)
        return out

    def actual(self, target: dict[str, Any], share: float, before: float | None) -> float:
        value = float(target["value"])
        if target.get("comparator") == "at_most":
            return round(value * self.rng.uniform(0.8, 1.1), 1)
        if not target.get("cumulative", True):
            return round(min(100.0, value * min(share * 1.2, 1.1)), 1)
        now = _round(value * share, value)
        return max(now, before or 0.0)

    def evidence(self) -> dict[str, Any]:
        rng = self.rng
        n = rng.randint(1, 999)
        if rng.random() < 0.5:
            return {"title": f"关于{self.clause()}的通知", "url": f"https://example.org/docs/{n}.html"}
        return {"title": f"关于{self.clause()}的报告", "ref": f"示政办发〔{YEAR}〕{n}号"}


# --- YAML in the style staff write (block style, flow style for targets, strings as in data/) ---

PLAIN = re.compile(r"[^\s:#{}\[\],&*!|>'\"%@`?\-][^:#{}\[\],]*")
RESOLVED = re.compile(r"[-+.0-9]|(?i:true|false|yes|no|on|off|null|~)$")


def scalar(value: object) -> str:
    """Write a scalar plainly when YAML reads it back as the same string, else in double quotes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.10g}"
    if isinstance(value, int | dt.date):
        return str(value)
    text = str(value)
    if PLAIN.fullmatch(text) and not RESOLVED.match(text) and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(mapping: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in mapping.items()) + "}"


def dump_plan(plan: dict[str, Any]) -> str:
    out = ["# 合成数据：由 bench/synth.py 生成，仅用于测试网站的规模；内容是真实报告语句的随机组合。", "", "report:"]
    out += [f"  {k}: {scalar(v)}" for k, v in plan["report"].items()]
    out += ["", "actions:"]
    for action in plan["actions"]:
        out.append(f'  - id: "{action["id"]}"')
        out += [f"    {k}: {scalar(action[k])}" for k in ("title", "aim")]
        out.append("    measures:")
        for measure in action["measures"]:
            out += [f'      - id: "{measure["id"]}"', f"        title: {scalar(measure['title'])}", "        tasks:"]
            for task in measure["tasks"]:
                out.append(f'          - id: "{task["id"]}"')
                for key, value in task.items():
                    if key == "id":
                        continue
                    if key == "targets":
                        out.append("            targets:")
                        out += [f"              - {_flow(g)}" for g in value]
                    elif key == "tags":
                        out.append(f"            tags: [{', '.join(scalar(v) for v in value)}]")
                    else:
                        out.append(f"            {key}: {scalar(value)}")
    return "\n".join(out) + "\n"


def dump_period(period: dict[str, Any]) -> str:
    out = ["# 示例数据：由 bench/synth.py 生成，数值和状态均为虚构。", ""]
    out += [f"{k}: {scalar(period[k])}" for k in ("as_of", "published", "demo")]
    out += ["", "updates:"]
    for update in period["updates"]:
        out.append(f"  - task: {update['task']}")
        for key, value in update.items():
            if key == "task":
                continue
            if key == "actual":
                out.append(f"    actual: {_flow(value)}")
            elif key == "evidence":
                out.append("    evidence:")
                out += [f"      - {_flow(e)}" for e in value]
            else:
                out.append(f"    {key}: {scalar(value)}")
    return "\n".join(out) + "\n"


def write(out: pathlib.Path, tasks: int, periods: int, seed: int = 1) -> pathlib.Path:
    """Write a synthetic data folder into out (created; existing progress files are replaced)."""
    writer = Writer(tasks, periods, seed)
    plan, flat = writer.plan()
    (out / "progress").mkdir(parents=True, exist_ok=True)
    for old in (out / "progress").glob("*.yaml"):
        old.unlink()
    (out / "plan.yaml").write_text(dump_plan(plan), encoding="utf-8")
    (out / "source.txt").write_text(writer.source(plan), encoding="utf-8")
    for name, period in writer.progress(flat).items():
        (out / "progress" / f"{name}.yaml").write_text(dump_period(period), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=1000, help="number of tasks (default 1000)")
    parser.add_argument("--periods", type=int, default=4, help="progress periods, 1 to 12 (default 4)")
    parser.add_argument("--seed", type=int, default=1, help="random seed; the same seed writes the same files")
    parser.add_argument("--out", type=pathlib.Path, required=True, help="data folder to write")
    args = parser.parse_args(argv)
    if args.tasks < 1:
        parser.error("--tasks must be at least 1")
    write(args.out, args.tasks, args.periods, args.seed)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"{args.out}: {args.tasks} tasks, {args.periods} periods, {size / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
