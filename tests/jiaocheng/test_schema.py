"""data/schema/: the JSON Schemas committed beside the shipped data are the generated ones, and true of that data."""

import json

import jsonschema
import pytest

from generator import export
from tests.jiaocheng.conftest import DATA
from tests.test_schema import load_yaml, validator

SCHEMA_DIR = DATA / "schema"
PROGRESS_FILES = sorted((DATA / "progress").glob("*.yaml"))


def committed(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["plan.schema.json", "progress.schema.json"])
def test_committed_schema_is_the_generated_one(name):
    assert committed(name) == export.schemas()[name], (
        f"data/schema/{name} 与模型不一致：请运行 `gongkai schema` 重新生成"
    )


def test_data_schema_holds_both_files():
    assert sorted(p.name for p in SCHEMA_DIR.glob("*.json")) == ["plan.schema.json", "progress.schema.json"]


def test_real_plan_validates_against_the_schema():
    errors = list(
        validator(jsonschema, "plan.schema.json", committed("plan.schema.json")).iter_errors(
            load_yaml(DATA / "plan.yaml")
        )
    )
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


@pytest.mark.parametrize("path", PROGRESS_FILES, ids=[p.name for p in PROGRESS_FILES])
def test_real_progress_validates_against_the_schema(path):
    errors = list(
        validator(jsonschema, "progress.schema.json", committed("progress.schema.json")).iter_errors(load_yaml(path))
    )
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]
