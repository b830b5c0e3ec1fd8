"""The publishing path: CI pipelines and the pre-commit hook use the project's own commands."""

import os
import pathlib
import re
import shutil
import subprocess
import sys

import yaml

ROOT = pathlib.Path(__file__).parent.parent


def test_github_pipeline_tests_before_it_publishes():
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    steps = [s.get("run") or s.get("uses") for s in flow["jobs"]["build"]["steps"]]
    assert steps.index("bash .ci/run") < steps.index("make site") < steps.index("actions/upload-pages-artifact@v3")
    assert flow["jobs"]["deploy"]["needs"] == "build"


def test_gitlab_pipeline_publishes_only_after_tests():
    flow = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert flow["stages"] == ["test", "deploy"]
    assert flow["test"]["script"] == ["bash .ci/run"]
    assert flow["pages"]["stage"] == "deploy" and flow["pages"]["script"][0] == "make site"
    assert flow["pages"]["artifacts"]["paths"] == ["public"]


def _hook() -> dict:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return config["repos"][0]["hooks"][0]


def test_pre_commit_hook_runs_on_data_files():
    hook = _hook()
    assert re.search(hook["files"], "data/progress/2021-06.yaml")
    assert not re.search(hook["files"], "generator/model.py")


def test_pre_commit_hook_stops_a_commit_with_bad_data(tmp_path):
    """Run the hook's command as pre-commit would, in a checkout whose data is broken."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", tmp_path / "data")
    (tmp_path / "data" / "progress" / "2021-06.yaml").write_text("as_of: 2021-13-45\n", encoding="utf-8")
    shim = tmp_path / "bin"  # the hook calls python3: make it the interpreter running the tests
    shim.mkdir()
    # a script, not a symlink: a symlinked venv interpreter outside its venv loses the venv's packages
    (shim / "python3").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    (shim / "python3").chmod(0o755)
    env = dict(os.environ, PATH=f"{shim}{os.pathsep}{os.environ['PATH']}", PYTHONPATH=str(ROOT))
    result = subprocess.run(_hook()["entry"], shell=True, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "progress/2021-06.yaml:1:" in result.stderr
