"""Time `gongkai serve` from saving a progress file to serving the page that shows it.

    python bench/preview.py            # prints seconds per edit, median of 3 (goal: under 3 s)

Works on a temporary copy of data/, never the real files.
"""

from __future__ import annotations

import pathlib
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
TASK = "3-2-1"  # 改厕, reported in every demo period


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        data = pathlib.Path(scratch) / "data"
        shutil.copytree(ROOT / "data", data)
        port = free_port()
        url = f"http://127.0.0.1:{port}/tasks/{TASK}/"
        serve = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--data", str(data), "--dev-addr", f"127.0.0.1:{port}"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while "改厕" not in fetch(url):
                time.sleep(0.2)
            progress = data / "progress" / "2021-09.yaml"
            times = []
            for n in range(3):
                marker = f"预览计时标记{n}"
                text = progress.read_text(encoding="utf-8")
                # append the marker to the note of the task's update (the first note after its entry)
                entry = re.search(rf"- task: ['\"]?{TASK}['\"]?\n(?:    .*\n)*?    note: [^\n]*", text)
                assert entry, f"{progress.name} has no note for {TASK}"
                start = time.perf_counter()
                progress.write_text(text[: entry.end()] + marker + text[entry.end() :], encoding="utf-8")
                while marker not in fetch(url):
                    time.sleep(0.05)
                times.append(time.perf_counter() - start)
                print(f"edit {n + 1}: page updated after {times[-1]:.2f} s")
            print(f"median: {statistics.median(times):.2f} s (goal: under 3 s)")
        finally:
            serve.terminate()
            serve.wait(timeout=10)


if __name__ == "__main__":
    main()
