"""The command as staff run it: the installed `gongkai`, from any folder, never an English traceback."""

from __future__ import annotations

import os
import pathlib
import re
import socket
import subprocess
import sys

import pytest

from generator import cli

GONGKAI = pathlib.Path(sys.executable).parent / "gongkai"  # installed by `pip install -e .`, as for staff
ENGLISH = re.compile(r"Traceback|Error\b|usage:|error:|the following|invalid choice|unrecognized|expected one")


def staff_env() -> dict[str, str]:
    """The environment a clerk has: no GONGKAI_DEBUG, so a failure is said in Chinese."""
    return {k: v for k, v in os.environ.items() if k != "GONGKAI_DEBUG"}


def gongkai(*args: str, cwd: pathlib.Path) -> subprocess.CompletedProcess[str]:
    """Run the installed command as staff do, in a folder."""
    return subprocess.run([str(GONGKAI), *args], cwd=cwd, env=staff_env(), capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """A complete site written by `gongkai init` (示例县, fictional)."""
    top = tmp_path_factory.mktemp("cli")
    done = gongkai(
        "init", "site", "--name", "示例县人民政府", "--region", "示例省示例市示例县", "--year", "2025", cwd=top
    )
    assert done.returncode == 0, done.stderr
    return top / "site"


def test_the_command_is_installed():
    assert GONGKAI.is_file() and os.access(GONGKAI, os.X_OK)


@pytest.mark.parametrize("sub", [".", "data", "data/progress", "docs"])
def test_validate_runs_from_any_folder_of_the_site(site, sub):
    done = gongkai("validate", cwd=site / sub)
    assert done.returncode == 0, done.stderr
    assert "数据无误" in done.stdout
    assert not ENGLISH.search(done.stdout + done.stderr)


def test_new_period_from_a_subfolder_writes_into_the_sites_data(site):
    done = gongkai("new-period", "2025-09", cwd=site / "docs")
    assert done.returncode == 0, done.stderr
    written = site / "data" / "progress" / "2025-09.yaml"
    assert written.is_file() and str(written.relative_to(site)) in done.stdout.replace(str(site) + "/", "")
    written.unlink()


def test_outside_any_site_it_says_where_to_run(tmp_path):
    elsewhere = tmp_path / "桌面"
    elsewhere.mkdir()
    for command in (["validate"], ["build"], ["new-period", "2025-09"], ["serve"], ["urls"]):
        done = gongkai(*command, cwd=elsewhere)
        assert done.returncode == 2, (command, done.stderr)
        assert "找不到 mkdocs.yml" in done.stderr and "网站目录" in done.stderr and "--data" in done.stderr
        assert not ENGLISH.search(done.stderr), done.stderr
        assert not list(elsewhere.iterdir())  # nothing written where it was run


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        ([], "缺少参数：命令"),
        (["bogus"], "没有 bogus 这个命令"),
        (["validate", "--bogus"], "不认识的参数：--bogus"),
        (["validate", "--data"], "--data 后面应写一个值"),
        (["new-period"], "缺少参数：月份"),
        (["init", "x", "--year", "abc"], "--year 的值应为整数，写的是 “abc”"),
    ],
)
def test_wrong_usage_is_said_in_chinese(tmp_path, argv, said):
    done = gongkai(*argv, cwd=tmp_path)
    assert done.returncode == 2
    assert said in done.stderr and "用法：gongkai" in done.stderr
    assert re.search(r"运行 gongkai( [\w-]+)? -h 查看说明", done.stderr)
    assert not ENGLISH.search(done.stderr), done.stderr


@pytest.mark.parametrize("argv", [["-h"], ["validate", "-h"], ["new-period", "--help"]])
def test_help_is_chinese(tmp_path, argv):
    done = gongkai(*argv, cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.startswith("用法：gongkai") and "显示本说明并退出" in done.stdout
    assert not re.search(r"usage:|options:|show this help|positional arguments", done.stdout)


def test_an_unexpected_failure_is_one_chinese_line(make_data, mini_period, monkeypatch, capsys):
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    data = make_data(progress={"2021-06.yaml": mini_period})
    monkeypatch.setattr(cli, "load_site", broken)
    monkeypatch.delenv("GONGKAI_DEBUG")
    assert cli.main(["validate", "--data", str(data)]) == 3
    err = capsys.readouterr().err
    assert "程序内部出错（RuntimeError）" in err and "GONGKAI_DEBUG=1" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    monkeypatch.setenv("GONGKAI_DEBUG", "1")  # what the person fixing it sets: the real exception
    with pytest.raises(RuntimeError, match="boom"):
        cli.main(["validate", "--data", str(data)])


def test_a_folder_that_cannot_be_written_is_said_in_chinese(site, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    done = gongkai("schema", "--out", str(blocker / "schema"), cwd=site)  # a file where a folder should be
    assert done.returncode == 3
    assert "无法完成操作" in done.stderr and "不是目录" in done.stderr
    assert not ENGLISH.search(done.stderr), done.stderr


def test_a_broken_mkdocs_yml_is_a_located_problem(site, tmp_path):
    copy = tmp_path / "site"
    subprocess.run(["cp", "-r", str(site), str(copy)], check=True)
    config = copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name:", "site_name: [", 1), encoding="utf-8")
    done = gongkai("validate", cwd=copy / "data")
    assert done.returncode == 1
    assert re.search(r"^mkdocs\.yml:\d+:\d+: mkdocs\.yml 的格式有误", done.stderr, re.M), done.stderr
    assert not ENGLISH.search(done.stderr), done.stderr


def test_serve_on_a_port_in_use_says_so_at_once(site):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = gongkai("serve", "--dev-addr", f"127.0.0.1:{port}", cwd=site)
    assert done.returncode == 3
    assert "端口已被占用" in done.stderr and "--dev-addr" in done.stderr
    assert not ENGLISH.search(done.stderr), done.stderr
