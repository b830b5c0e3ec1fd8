"""The JSON Schemas generated from the model: true of the fictional data, and catching what the validator catches.

tests/jiaocheng/test_schema.py holds data/schema/ (the committed copies) against them.
"""

from __future__ import annotations

import datetime as dt
import pathlib
from typing import Any

import pytest
import yaml

from generator import export

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
PLAN_FILES = sorted(FIXTURES.rglob("plan.yaml"))
PROGRESS_FILES = sorted(FIXTURES.rglob("progress/*.yaml"))


def as_json(value: Any) -> Any:
    """Turn what yaml.safe_load gives into what a JSON editor sees: dates become ISO strings."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def load_yaml(path: pathlib.Path) -> Any:
    """Read a data file as an editor's YAML plugin would."""
    return as_json(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def jsonschema() -> Any:
    """Return the jsonschema package: a test dependency, so without it these tests fail, never skip."""
    import jsonschema

    return jsonschema


def validator(jsonschema: Any, name: str, schema: dict | None = None) -> Any:
    """Return a validator for a generated schema (or the one given) that also checks date formats."""
    schema = export.schemas()[name] if schema is None else schema
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_schemas_cover_both_files():
    assert set(export.schemas()) == {"plan.schema.json", "progress.schema.json"}


@pytest.mark.parametrize("path", PLAN_FILES, ids=[str(p.parent.relative_to(FIXTURES)) for p in PLAN_FILES])
def test_fixture_plans_validate_against_the_schema(jsonschema, path):
    errors = list(validator(jsonschema, "plan.schema.json").iter_errors(load_yaml(path)))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


@pytest.mark.parametrize("path", PROGRESS_FILES, ids=[str(p.relative_to(FIXTURES)) for p in PROGRESS_FILES])
def test_fixture_progress_validates_against_the_schema(jsonschema, path):
    errors = list(validator(jsonschema, "progress.schema.json").iter_errors(load_yaml(path)))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


@pytest.mark.parametrize(
    "update",
    [
        {"task": "1-1-1", "status": "完成"},
        {"task": "1-1-1", "actual": {"改厕": -1}},
        {"task": "1-1-1", "actual": {"改厕": "２０００"}},
        {"task": "1-1-1", "evidence": [{"title": "佐证", "url": "javascript:alert(1)"}]},
        {"task": "1-1-1", "stauts": "done"},
        {"task": "1-1-1-1"},
    ],
    ids=["unknown-status", "negative", "full-width", "javascript-url", "unknown-key", "bad-id"],
)
def test_schema_lets_an_editor_catch_what_the_validator_catches(jsonschema, update):
    period = {"as_of": "2021-06-30", "published": "2021-07-05", "updates": [update]}
    assert list(validator(jsonschema, "progress.schema.json").iter_errors(period))


def test_schema_accepts_a_status_by_word_or_key(jsonschema):
    updates = [{"task": "1-1-1", "status": "已完成"}, {"task": "1-1-2", "status": "in_progress"}]
    period = {"as_of": "2021-06-30", "published": "2021-07-05", "updates": updates}
    assert not list(validator(jsonschema, "progress.schema.json").iter_errors(period))


def test_schema_checks_dates_when_the_editor_checks_formats(jsonschema):
    period = {"as_of": "2021-13-45", "published": "2021-07-05"}
    assert list(validator(jsonschema, "progress.schema.json").iter_errors(period))


def test_schema_status_list_matches_the_model():
    from generator.model import STATUS_BY_WORD

    status = export.schemas()["progress.schema.json"]["$defs"]["Update"]["properties"]["status"]["anyOf"][0]
    assert status["enum"] == list(STATUS_BY_WORD)
