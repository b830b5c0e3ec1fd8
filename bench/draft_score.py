"""Score `gongkai draft` against a curated plan: how much of the plan the draft gets right.

    python bench/draft_score.py                      # drafts data/source.txt, scores against data/plan.yaml
    python bench/draft_score.py --data DIR           # another plan folder (plan.yaml + its source)

Figures (the acceptance test, tests/test_draft.py, asserts the goals):
- tasks: share of the curated tasks drafted with identical text (full-width ，；（） folded to ASCII);
- targets found: share of the curated targets drafted in the same task with the same value, unit and comparator;
- spurious: share of the drafted targets that match no curated target of their task;
- actions and measures drafted with the curated title, tasks whose due date is the curated one, and place tags.
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import tempfile
from collections import Counter
from typing import Any

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.draft import draft, render  # noqa: E402  (bench/ is not a package)
from generator.quotes import normalise  # noqa: E402
from generator.yamlfile import read_text, read_yaml  # noqa: E402

GOALS = {"tasks": 0.90, "targets_found": 0.90, "spurious": 0.10}


def tasks_of(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """Return every task of a plan read as plain data, three-level or two-level."""
    out = []
    for action in plan.get("actions") or []:
        for measure in action.get("measures") or []:
            out += measure.get("tasks") or []
        out += action.get("tasks") or []
    return out


def _targets(task: dict[str, Any]) -> Counter:
    """Return a task's targets as (value, unit, comparator), counted."""
    return Counter(
        (float(t["value"]), str(t["unit"]), t.get("comparator", "at_least")) for t in task.get("targets") or []
    )


def score(drafted: dict[str, Any], curated: dict[str, Any]) -> dict[str, float | int]:
    """Compare a drafted plan with the curated one (both as plain data) and return the figures."""
    by_text = {normalise(t["text"]): t for t in tasks_of(drafted)}
    wanted = tasks_of(curated)
    same_text = [t for t in wanted if normalise(t["text"]) in by_text]
    found = spurious = curated_targets = 0
    for task in wanted:
        want = _targets(task)
        got = _targets(by_text.get(normalise(task["text"]), {}))
        curated_targets += sum(want.values())
        found += sum((want & got).values())
    drafted_targets = sum(sum(_targets(t).values()) for t in tasks_of(drafted))
    for text, task in by_text.items():
        want = next((_targets(t) for t in wanted if normalise(t["text"]) == text), Counter())
        spurious += sum((_targets(task) - want).values())
    tags = [(set(t.get("tags") or []), set(by_text[normalise(t["text"])].get("tags") or [])) for t in same_text]
    measures = lambda plan: [m["title"] for a in plan["actions"] for m in a.get("measures") or []]  # noqa: E731
    due = [t for t in same_text if str(t.get("due", "")) == str(by_text[normalise(t["text"])].get("due", ""))]
    return {
        "tasks": len(same_text) / len(wanted),
        "targets_found": found / curated_targets if curated_targets else 1.0,
        "spurious": spurious / drafted_targets if drafted_targets else 0.0,
        "curated_tasks": len(wanted),
        "drafted_tasks": len(tasks_of(drafted)),
        "curated_targets": curated_targets,
        "drafted_targets": drafted_targets,
        "curated_actions": len(curated["actions"]),
        "drafted_actions": len(drafted["actions"]),
        "actions_matched": sum(a == b for a, b in zip(_titles(curated), _titles(drafted), strict=False)),
        "curated_measures": len(measures(curated)),
        "drafted_measures": len(measures(drafted)),
        "measures_matched": len(set(measures(curated)) & set(measures(drafted))),
        "due_matched": len(due),
        "curated_tags": sum(len(want) for want, _ in tags),
        "tags_found": sum(len(want & got) for want, got in tags),
        "tags_wrong": sum(len(got - want) for want, got in tags),
    }


def _titles(plan: dict[str, Any]) -> list[str]:
    """Return the action titles of a plan."""
    return [a["title"] for a in plan["actions"]]


def draft_and_score(data: pathlib.Path) -> dict[str, float | int]:
    """Draft the plan of a data folder's source text and score it against the folder's plan.yaml."""
    curated = read_yaml(data / "plan.yaml", "plan.yaml").data
    source = data / curated["report"]["source"]
    text = render(draft(read_text(source, source.name), source.name, curated["report"]["year"]))
    with tempfile.TemporaryDirectory() as scratch:
        path = pathlib.Path(scratch) / "plan.draft.yaml"
        path.write_text(text, encoding="utf-8")
        drafted = read_yaml(path, path.name).data  # the project's own loader reads the draft
    return score(drafted, curated)


def main() -> None:
    """Print the figures beside their goals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=pathlib.Path, default=REPO / "data")
    f = draft_and_score(parser.parse_args().data)
    tasks = f"{f['curated_tasks']} curated, {f['drafted_tasks']} drafted"
    print(f"tasks with identical text    {f['tasks']:7.1%}  ({tasks}; goal ≥ 90 %)")
    print(f"curated targets found        {f['targets_found']:7.1%}  ({f['curated_targets']} curated; goal ≥ 90 %)")
    print(f"spurious drafted targets     {f['spurious']:7.1%}  ({f['drafted_targets']} drafted; goal ≤ 10 %)")
    for word in ("actions", "measures"):
        matched = f"{f[word + '_matched']} of {f['curated_' + word]}"
        print(f"{word + ' with curated title':28} {matched:>7}  ({f['drafted_' + word]} drafted)")
    print(f"{'tasks with the curated due':28} {f['due_matched']} of {f['curated_tasks']}")
    print(f"{'places tagged as curated':28} {f['tags_found']} of {f['curated_tags']}  ({f['tags_wrong']} not curated)")


if __name__ == "__main__":
    main()
