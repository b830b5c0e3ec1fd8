"""`gongkai serve` in Chromium: a data error shows as a Chinese page with validate's messages, and the
page comes back by itself once the file is fixed (no hanging browser, no traceback in the terminal)."""

from __future__ import annotations

import os
import pathlib
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytestmark = pytest.mark.browser

GONGKAI = pathlib.Path(sys.executable).parent / "gongkai"
WAIT_MS = 180_000  # a rebuild on a busy two-core machine
PROGRESS = "data/progress/2025-06.yaml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def preview_address(log: pathlib.Path, seconds: float) -> str:
    """Wait for the line telling staff where the preview is, and return that address."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = re.search(r"预览地址：(\S+?)（", log.read_text(encoding="utf-8"))
        if found:
            with urllib.request.urlopen(found[1], timeout=30) as reply:
                assert reply.status == 200
            return found[1]
        time.sleep(0.5)
    raise AssertionError(f"no 预览地址 within {seconds} s: {log.read_text(encoding='utf-8')}")


@pytest.fixture
def site(tmp_path: pathlib.Path) -> pathlib.Path:
    """A fresh site from `gongkai init` (示例县, fictional), so the test may break its data."""
    env = {k: v for k, v in os.environ.items() if k != "GONGKAI_DEBUG"}
    args = ["init", "site", "--name", "示例县人民政府", "--region", "示例省示例市示例县", "--year", "2025"]
    subprocess.run([str(GONGKAI), *args], cwd=tmp_path, env=env, check=True, capture_output=True)
    return tmp_path / "site"


def ctrl_c_as_in_a_terminal() -> None:
    """Let Ctrl+C (SIGINT) stop the preview, as it does in a terminal.

    A test run started in the background (`make test &`, some CI runners) ignores SIGINT, and a
    child inherits that: the preview would never hear the test's Ctrl+C.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_a_data_error_shows_in_the_browser_and_the_page_recovers(site, page, tmp_path):
    port = free_port()
    log_file = tmp_path / "serve.log"
    log = log_file.open("w+", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "GONGKAI_DEBUG"}  # what staff see
    env["PYTHONFAULTHANDLER"] = "1"  # should the preview hang, its threads' stacks are printed (below)
    serving = subprocess.Popen(
        [str(GONGKAI), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=site / "data",
        env=env,
        stderr=log,
        stdout=log,
        preexec_fn=ctrl_c_as_in_a_terminal,
    )
    try:
        address = preview_address(log_file, WAIT_MS / 1000)
        assert address.startswith(f"http://127.0.0.1:{port}/")  # under the site's sub-path, if it has one
        page.goto(address + "tasks/1-1-1/")
        title = page.locator("h1").first.inner_text()
        assert "固定资产投资" in title

        progress = site / PROGRESS
        good = progress.read_text(encoding="utf-8")
        progress.write_text(
            good.replace("actual: {新开工项目: 12}", "actual: {新开工项目: 12}\n    status: 完成"), "utf-8"
        )
        said = subprocess.run([str(GONGKAI), "validate"], cwd=site, env=env, capture_output=True, text=True)
        assert said.returncode == 1
        problems = [line for line in said.stderr.splitlines() if line.startswith("progress/")]
        assert problems and "任务 1-1-2 的 status" in problems[0]

        # The open page reloads by itself and lists the same messages validate prints.
        page.wait_for_selector(".gk-preview-error", timeout=WAIT_MS)
        shown = page.locator("li").all_inner_texts()
        for problem in problems:
            assert any(problem in line for line in shown), (problem, shown)
        assert page.evaluate("document.documentElement.lang") == "zh-CN"

        progress.write_text(good, encoding="utf-8")
        page.wait_for_selector(".gk-preview-error", state="detached", timeout=WAIT_MS)
        page.wait_for_selector("h1", timeout=WAIT_MS)
        assert page.locator("h1").first.inner_text() == title
    finally:
        serving.send_signal(signal.SIGINT)
        try:
            serving.wait(timeout=60)
        except subprocess.TimeoutExpired:
            serving.send_signal(signal.SIGABRT)  # PYTHONFAULTHANDLER: every thread's stack goes to the log
            serving.wait(timeout=30)
        finally:
            if serving.poll() is None:
                serving.kill()
        log.seek(0)
        terminal = log.read()
        log.close()
    assert serving.returncode != -signal.SIGABRT, f"Ctrl+C did not stop the preview within 60 s:\n{terminal}"
    assert "Traceback" not in terminal, terminal
    assert "任务 1-1-2 的 status" in terminal and "浏览器中显示了上面的问题" in terminal
