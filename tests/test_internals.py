"""The adapter's reliances on MkDocs and Material internals are listed, and checked against what is installed."""

from __future__ import annotations

import hashlib
import importlib.metadata
import pathlib
import re

import material
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
INTERNALS = ROOT / "generator" / "INTERNALS.md"
PARTIALS = sorted((ROOT / "generator" / "theme" / "partials").glob("*.html"))


def test_the_list_was_checked_against_the_installed_versions():
    checked = re.search(r"^Checked against: (.+)\.$", INTERNALS.read_text(encoding="utf-8"), re.M)[1]
    versions = dict(item.rsplit(" ", 1) for item in checked.split(", "))
    assert {name: importlib.metadata.version(name) for name in versions} == versions, (
        "a dependency changed: re-check every reliance in generator/INTERNALS.md, then update its versions"
    )


@pytest.mark.parametrize("copy", PARTIALS, ids=lambda p: p.name)
def test_each_copied_material_partial_matches_its_upstream(copy):
    recorded = re.search(r"partials/(\S+), sha256 ([0-9a-f]{64})", copy.read_text(encoding="utf-8"))
    assert recorded, f"{copy.name} must name the Material partial it was copied from and its hash"
    upstream = pathlib.Path(material.__file__).parent / "templates" / "partials" / recorded[1]
    assert hashlib.sha256(upstream.read_bytes()).hexdigest() == recorded[2], (
        f"Material's {recorded[1]} changed: compare it with {copy.name}, copy it again, record the new hash"
    )
