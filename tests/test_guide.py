"""The staff guide documents every YAML field of the model, word for word."""

import pathlib
import re

from generator.model import field_docs

GUIDE = pathlib.Path(__file__).parent.parent / "generator" / "handbook" / "guide.md"


def test_guide_lists_every_field_with_the_models_description():
    guide = GUIDE.read_text(encoding="utf-8")
    missing = [
        f"{record}.{name}"
        for record, fields in field_docs().items()
        for name, description in fields.items()
        if f"| `{name}` | {description} |" not in guide
    ]
    assert not missing, f"docs/guide.md lacks or differs on: {missing} (copy the description from generator/model.py)"


def test_guide_lists_no_field_the_model_lacks():
    guide = GUIDE.read_text(encoding="utf-8")
    section = guide.split("、字段说明", 1)[1]
    documented = set(re.findall(r"^\| `(\w+)` \|", section, flags=re.M))
    known = {name for fields in field_docs().values() for name in fields}
    assert documented <= known, documented - known
