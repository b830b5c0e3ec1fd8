"""The lock files pin every dependency pyproject.toml names, at a version pyproject.toml allows.

A dependency added to pyproject.toml without `make lock` would be missing from every install
(they install the lock with `--no-deps` for the project itself); this says so before CI does.
"""

from __future__ import annotations

import pathlib
import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = pathlib.Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SITE_LOCK = ROOT / "requirements.lock"
TEST_LOCK = ROOT / "requirements-test.lock"
HASH = re.compile(r"\s--hash=sha256:[0-9a-f]{64}")


def pins(lock: pathlib.Path) -> dict[str, Version]:
    """Read a lock as {canonical name: pinned version}, failing on a line that is not pinned with a hash."""
    found: dict[str, Version] = {}
    text = lock.read_text(encoding="utf-8").replace("\\\n", " ")
    for line in (line.split("#", 1)[0].strip() for line in text.splitlines()):
        if not line:
            continue
        requirement = Requirement(HASH.sub("", line).strip())
        assert HASH.search(line), f"{lock.name}: {requirement.name} has no hash"
        (spec,) = requirement.specifier
        assert spec.operator == "==", f"{lock.name}: {requirement} is not pinned"
        found[canonicalize_name(requirement.name)] = Version(spec.version)
    return found


def wanted(*groups: list[str]) -> list[Requirement]:
    """Return the requirements of the given pyproject.toml lists that apply on this Python."""
    found = [Requirement(text) for group in groups for text in group]
    return [r for r in found if r.marker is None or r.marker.evaluate()]


RUNTIME = wanted(PYPROJECT["project"]["dependencies"])
EVERYTHING = wanted(PYPROJECT["project"]["dependencies"], *PYPROJECT["project"]["optional-dependencies"].values())


@pytest.mark.parametrize(
    ("lock", "requirements"), [(SITE_LOCK, RUNTIME), (TEST_LOCK, EVERYTHING)], ids=["site", "test"]
)
def test_lock_pins_every_dependency_at_an_allowed_version(lock, requirements):
    pinned = pins(lock)
    missing = [str(r) for r in requirements if canonicalize_name(r.name) not in pinned]
    assert missing == [], f"{lock.name} lacks {missing}: run `make lock` and commit the lock files"
    outside = [
        f"{r.name}=={pinned[canonicalize_name(r.name)]} (pyproject.toml: {r})"
        for r in requirements
        if not r.specifier.contains(pinned[canonicalize_name(r.name)], prereleases=True)
    ]
    assert outside == [], f"{lock.name} pins versions pyproject.toml excludes: run `make lock`"


def test_the_site_lock_pins_what_the_test_lock_pins():
    """`make site` and `make test` install the same versions of what both need, so tests test that site."""
    site, test = pins(SITE_LOCK), pins(TEST_LOCK)
    assert len(site) > len(RUNTIME)  # the transitive dependencies are pinned too
    assert {name: version for name, version in test.items() if name in site} == site
