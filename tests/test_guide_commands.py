"""The staff guide works when followed literally: its command blocks, typed line by line into a terminal.

Each ```sh block of generator/handbook/guide.md is marked: `<!-- 测试：名称 -->` (this test runs it) or
`<!-- 不测试：why, naming the test that covers it -->`. The scenario below is a clerk's year: clone the
site from its "remote" (a bare repository made from this working tree), install, go live, add a
period, publish, and resolve a conflict with a colleague who edited the same progress file. The
human steps between blocks (filling in the draft, editing a conflicted file) are done as the guide
says. Every block marked 测试 must be run, so none can be skipped silently.

One departure from a fresh machine: the test cannot download every package each run, so before the
guide's `make install` it creates `.venv` with this environment's packages visible (a .pth file);
`make install` then installs the site's code into it as written (pip still fetches its build tool).
"""

from __future__ import annotations

import os
import pathlib
import queue
import re
import shutil
import subprocess
import sys
import sysconfig
import threading
import uuid

from generator.cli import main

ROOT = pathlib.Path(__file__).resolve().parent.parent
GUIDE = ROOT / "generator" / "handbook" / "guide.md"
EXAMPLE_REMOTE = "https://gitee.com/示例单位/gongkai-site.git"  # the guide says to put the unit's own here
MARKED = re.compile(
    r"^(?P<indent>[ ]*)<!-- (?P<kind>测试|不测试|示例)(?:：(?P<name>.+?))? -->\n"
    r"(?P=indent)```(?P<lang>\w*)\n(?P<body>.*?)\n(?P=indent)```",
    re.M | re.S,
)
SCENARIO = [
    "取得仓库",
    "设置提交人",
    "安装",
    "开始工作",
    "正式上线",
    "新增报告期",
    "检查",
    "发布",
    "查看冲突",
    "解决冲突",
]


def guide_blocks() -> dict[str, list[str]]:
    """Return the guide's blocks marked 测试, by name, each as the lines a clerk types."""
    text = GUIDE.read_text(encoding="utf-8")
    found: dict[str, list[str]] = {}
    for m in MARKED.finditer(text):
        if m["kind"] == "测试":
            assert m["name"] not in found, f"two blocks are named {m['name']}"
            found[m["name"]] = [line.strip() for line in m["body"].splitlines() if line.strip()]
    return found


def test_every_command_block_is_marked_run_or_covered_elsewhere():
    text = GUIDE.read_text(encoding="utf-8")
    marked = {m.start("lang") - 3: m for m in MARKED.finditer(text)}  # where each marked fence opens
    for fence in re.finditer(r"^[ ]*```(\w*)\n(.*?)^[ ]*```$", text, re.M | re.S):
        commands = re.search(r"^\s*(gongkai|git|make|cd|source) ", fence[2], re.M)
        line = text.count("\n", 0, fence.start()) + 1
        if fence[1] == "sh" or commands:
            assert fence[1] == "sh", f"commands in a block not marked ```sh at line {line}"
            opening = fence.start() + len(fence[0]) - len(fence[0].lstrip(" "))
            assert opening in marked and marked[opening]["kind"] != "示例", f"unmarked command block at line {line}"
    for m in MARKED.finditer(text):
        if m["kind"] == "不测试":
            assert "tests/" in (m["name"] or ""), f"say which test covers it: {m.group(0)[:60]}"
    assert set(guide_blocks()) == set(SCENARIO), "the scenario must run every block marked 测试"


class Terminal:
    """A bash session a clerk types into: one line at a time, as written, waiting for each to finish."""

    def __init__(self, cwd: pathlib.Path, env: dict[str, str]) -> None:
        self.shell = subprocess.Popen(
            ["bash", "--noprofile", "--norc"],
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.shell.stdout is not None
        for line in self.shell.stdout:
            self.lines.put(line)

    def type(self, command: str, timeout: float = 900) -> tuple[int, str]:
        """Type one line and wait for it; return its exit status and what it printed."""
        done = f"__done_{uuid.uuid4().hex}__"
        assert self.shell.stdin is not None
        self.shell.stdin.write(f"{command}\necho {done} $?\n")
        self.shell.stdin.flush()
        said = []
        while True:
            line = self.lines.get(timeout=timeout)
            if line.startswith(done):
                return int(line.split()[1]), "".join(said)
            said.append(line)

    def block(self, lines: list[str], *, stops_at: str | None = None) -> str:
        """Type a block's lines; each must succeed, or the block must stop at the line named."""
        printed = ""
        for line in lines:
            code, said = self.type(line)
            printed += f"$ {line}\n{said}"
            if code and line == stops_at:
                return printed
            assert code == 0, f"`{line}` failed ({code}):\n{printed}"
        assert stops_at is None, f"expected `{stops_at}` to stop the block:\n{printed}"
        return printed

    def close(self) -> None:
        assert self.shell.stdin is not None
        self.shell.stdin.close()
        self.shell.wait(timeout=60)


def git(*args: str, cwd: pathlib.Path, env: dict[str, str]) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def clerk_env(home: pathlib.Path) -> dict[str, str]:
    """A clerk's terminal: their own home, no gongkai on PATH until the guide's activation."""
    path = [p for p in os.environ["PATH"].split(os.pathsep) if p and not (pathlib.Path(p) / "gongkai").exists()]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GONGKAI_", "VIRTUAL_ENV", "PYTHON"))}
    return env | {
        "HOME": str(home),
        "PATH": os.pathsep.join(path),
        "LC_ALL": "C.UTF-8",
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_EDITOR": "false",  # a command that would open an editor fails here instead of waiting forever
        "PIP_CACHE_DIR": os.environ.get("PIP_CACHE_DIR", str(pathlib.Path.home() / ".cache" / "pip")),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }


def make_remote(top: pathlib.Path) -> pathlib.Path:
    """Publish this working tree, as it is now, to a bare repository standing for the unit's remote."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "维护人员", "GIT_AUTHOR_EMAIL": "dev@example.org"}
    env |= {"GIT_COMMITTER_NAME": "维护人员", "GIT_COMMITTER_EMAIL": "dev@example.org"}
    listed = git("ls-files", "-co", "--exclude-standard", "-z", cwd=ROOT, env=env).split("\0")
    source = top / "source"
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    # the guide works on any government's data: the fictional plan, published once, stands in for the shipped data/
    shutil.rmtree(source / "data", ignore_errors=True)  # a county may have deleted the shipped one
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", source / "data")
    assert main(["urls", "--data", str(source / "data")]) == 0
    remote = top / "remote" / "gongkai-site.git"
    git("init", "--bare", "-b", "main", str(remote), cwd=top, env=env)
    git("init", "-b", "main", cwd=source, env=env)
    git("add", "-A", cwd=source, env=env)
    git("commit", "-qm", "网站", cwd=source, env=env)
    git("push", "-q", str(remote), "main", cwd=source, env=env)
    return remote


def seed_venv(clone: pathlib.Path) -> None:
    """Create .venv with this environment's packages visible, so `make install` need not download them."""
    base = pathlib.Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    subprocess.run([str(base), "-m", "venv", str(clone / ".venv")], check=True)
    [site] = (clone / ".venv" / "lib").glob("python*/site-packages")
    (site / "dev-packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")


def fill_first_entry(draft: pathlib.Path, note: str) -> str:
    """Do what the guide says for one entry: write the value, add a note, delete its draft: true."""
    text = draft.read_text(encoding="utf-8")
    entry = re.search(
        r'  - task: "(?P<task>[^"]+)"\n    draft: true\n    actual:\n      (?P<metric>"[^"]+"):  # 还没有填写[^\n]*\n',
        text,
    )
    assert entry, "the first draft leaves values empty, marked 还没有填写"
    filled = f'  - task: "{entry["task"]}"\n    actual:\n      {entry["metric"]}: 5\n    note: {note}\n'
    draft.write_text(text[: entry.start()] + filled + text[entry.end() :], encoding="utf-8")
    return entry["task"]


def keep_mine(path: pathlib.Path) -> None:
    """Resolve a conflict as the guide says: keep the part between <<<<<<< and =======, delete the rest."""
    text = path.read_text(encoding="utf-8")
    resolved = re.sub(r"<<<<<<< [^\n]*\n(.*?)=======\n.*?>>>>>>> [^\n]*\n", r"\1", text, flags=re.S)
    assert resolved != text
    path.write_text(resolved, encoding="utf-8")


def test_following_the_guide_literally(tmp_path):
    blocks = guide_blocks()
    assert any(EXAMPLE_REMOTE in line for line in blocks["取得仓库"])
    remote = make_remote(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    env = clerk_env(home)
    clone = home / "gongkai-site"
    ran: list[str] = []

    def run(terminal: Terminal, name: str, **how: str) -> str:
        ran.append(name)
        return terminal.block([line.replace(EXAMPLE_REMOTE, str(remote)) for line in blocks[name]], **how)

    first = Terminal(home, env)  # the first day: clone, set the name, install
    run(first, "取得仓库")
    run(first, "设置提交人")
    seed_venv(clone)
    said = run(first, "安装")
    assert "数据无误" in said
    first.close()

    terminal = Terminal(home, env)  # a new terminal window, as on any later day
    run(terminal, "开始工作")
    run(terminal, "正式上线")
    assert not any("demo: true" in p.read_text(encoding="utf-8") for p in (clone / "data" / "progress").glob("*"))
    run(terminal, "新增报告期")
    draft = clone / "data" / "progress" / "2021-12.yaml"
    task = fill_first_entry(draft, "第一次填报的说明")
    said = run(terminal, "检查")
    assert "数据无误" in said and "提醒" in said  # the entries still to fill in are reminders
    run(terminal, "发布")

    colleague = tmp_path / "colleague"  # a colleague edits the same entry and pushes first
    git("clone", "-q", str(remote), str(colleague), cwd=tmp_path, env=env)
    theirs = colleague / "data" / "progress" / "2021-12.yaml"
    theirs.write_text(theirs.read_text(encoding="utf-8").replace("第一次填报的说明", "同事改写的说明"), "utf-8")
    git("commit", "-qam", "同事的修改", cwd=colleague, env=env)
    git("push", "-q", cwd=colleague, env=env)

    draft.write_text(draft.read_text(encoding="utf-8").replace("第一次填报的说明", "我改写的说明"), "utf-8")
    said = run(terminal, "发布", stops_at="git pull --no-edit")
    assert "CONFLICT" in said and "data/progress/2021-12.yaml" in said
    said = run(terminal, "查看冲突", stops_at="gongkai validate")
    lines = draft.read_text(encoding="utf-8").splitlines()
    conflict_line = next(n for n, line in enumerate(lines, start=1) if line.startswith("<<<<<<<"))
    assert f"progress/2021-12.yaml:{conflict_line}:" in said  # validate points at the conflict
    keep_mine(draft)
    run(terminal, "解决冲突")
    terminal.close()

    assert sorted(ran) == sorted([*SCENARIO, "发布"])  # every block marked 测试 ran (发布 twice)
    published = git("show", "main:data/progress/2021-12.yaml", cwd=remote, env=env)
    assert "我改写的说明" in published and "同事改写的说明" not in published and "<<<<<<<" not in published
    assert f'task: "{task}"' in published
