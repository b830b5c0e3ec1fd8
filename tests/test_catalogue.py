"""The guide's table of messages is the catalogue (generator/catalogue.py), and the catalogue is the code's
messages: every message the code can show a clerk is explained there, and every entry is a real message.

The code's messages are found by reading generator/*.py (ast): string literals with Chinese in them that
are given to Problem / src.problem / PydanticCustomError / the commands' errors / print(..., file=...),
assigned to a `message` or to a table of messages, returned by a function that explains or translates,
or kept as a module constant in the shape of a message (TAB = "含有制表符（Tab）；…"; a constant that
other constants are built from counts only as part of them). A formatted value reads as "…".
"""

from __future__ import annotations

import ast
import pathlib
import re

import pytest

from generator import catalogue

GENERATOR = pathlib.Path(__file__).parent.parent / "generator"
CJK = re.compile(r"[\u4e00-\u9fff]")
RAISED = {
    "Problem",
    "problem",
    "PydanticCustomError",
    "ScaffoldError",
    "StarterError",
    "DraftError",
    "Misplaced",
    "BuildFailed",
    "DataError",
    "PluginError",
    "_RefusedError",
}
TABLE = re.compile(r"^(message|[A-Z_]*(MESSAGE|MESSAGES|HINTS|ERRORS|KNOWN))$")
CONSTANT = re.compile(r"^[A-Z][A-Z0-9_]*$")  # a module's message constants: TAB, CN_COLON, CONFLICT …
SENTENCE = re.compile(r"^[^<]*[；：。]")  # a message says what and what to do; word lists and HTML do not
NOT_MESSAGES = {"HEADER"}  # the comment heading data/published-urls.txt, read in the file, not a message
EXPLAINING = re.compile(r"explain|translate|message|^chinese$")


def text_of(node: ast.AST, known: dict[str, str]) -> str | None:
    """Return a literal's text with "…" for each formatted part, or None if it is not a literal.

    A name of a module constant reads as its text, so WIDE_INDENT = "行首有" + WIDE + "…" reads whole.
    """
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.sub(r"\{\w*\}", "…", node.value)  # a template's {value}; "{ }" stays as written
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "…" for v in node.values)
    if isinstance(node, ast.Name):
        return known.get(node.id)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = text_of(node.left, known), text_of(node.right, known)
        return (left or "…") + (right or "…") if left or right else None
    return None


def leaves(node: ast.AST | None, known: dict[str, str]) -> list[str]:
    """Return the literal texts an expression may evaluate to."""
    if node is None:
        return []
    text = text_of(node, known)
    if text is not None:
        return [text]
    if isinstance(node, ast.IfExp):
        return leaves(node.body, known) + leaves(node.orelse, known)
    if isinstance(node, (ast.Tuple, ast.List)):
        return [t for e in node.elts for t in leaves(e, known)]
    if isinstance(node, ast.Dict):
        return [t for v in node.values for t in leaves(v, known)]
    return []


def constants(tree: ast.Module) -> tuple[dict[str, str], set[str]]:
    """Return the module's string constants, read in order, and the names other constants are built from."""
    known: dict[str, str] = {}
    parts: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            text = text_of(node.value, known)
            if text is not None and CONSTANT.match(node.targets[0].id):
                known[node.targets[0].id] = text
                parts |= {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)}
    return known, parts


def messages_in(source: str) -> list[str]:
    """Find the messages a module can show a clerk."""
    tree = ast.parse(source)
    known, parts = constants(tree)
    found = [t for name, t in known.items() if name not in parts | NOT_MESSAGES and SENTENCE.match(t)]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in RAISED or (name == "print" and any(k.arg == "file" for k in node.keywords)):
                found += [t for a in node.args for t in leaves(a, known)]
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and TABLE.match(t.id) for t in targets):
                found += leaves(node.value, known)
        elif isinstance(node, ast.FunctionDef) and EXPLAINING.search(node.name):
            found += [t for r in ast.walk(node) if isinstance(r, ast.Return) for t in leaves(r.value, known)]
    return [m for m in found if CJK.search(m)]


def code_messages() -> dict[str, list[str]]:
    modules = [p for p in sorted(GENERATOR.glob("*.py")) if p.name != "catalogue.py"]  # the catalogue itself
    return {p.name: messages_in(p.read_text(encoding="utf-8")) for p in modules}


def matches(entry: catalogue.Entry, message: str) -> bool:
    """Tell whether one of the entry's messages occurs in a code message, fragment by fragment, in order."""
    for fragments in entry.alternatives():
        at = 0
        for fragment in fragments:
            at = message.find(fragment, at)
            if at < 0:
                break
            at += len(fragment)
        else:
            return True
    return False


def test_the_scan_finds_messages_in_every_kind_of_place():
    """Guard the scanner itself: each way the code writes a message is found."""
    found = messages_in(
        "raise PydanticCustomError('gk', '{value} 不是数字', {})\n"
        "message = f'累计值 {x} 比上一期少'\n"
        "KNOWN = [(re.compile('x'), '链接 {link} 不存在')]\n"
        "def explain(e):\n    return '程序内部出错' if e else f'无法完成 {e}'\n"
        "print('已中断。', file=sys.stderr)\n"
        "print('数据无误')\n"  # a success line on stdout is no problem message
    )
    assert sorted(found) == sorted(
        ["… 不是数字", "累计值 … 比上一期少", "链接 … 不存在", "程序内部出错", "无法完成 …", "已中断。"]
    )


def test_every_message_in_the_code_is_in_the_catalogue():
    entries = catalogue.entries()
    missing = [
        f"{module}: {message}"
        for module, messages in code_messages().items()
        for message in messages
        if not any(matches(e, message) for e in entries)
    ]
    assert not missing, "add an Entry to generator/catalogue.py for:\n" + "\n".join(missing)


def test_every_entry_of_the_catalogue_is_a_message_of_the_code():
    messages = [m for found in code_messages().values() for m in found]
    unmatched = [
        alternative
        for entry in catalogue.entries()
        for alternative in entry.said.split(" / ")
        if not any(matches(catalogue.Entry(alternative, "", ""), m) for m in messages)
    ]
    assert not unmatched, f"no message of the code says: {unmatched}"


@pytest.mark.parametrize("entry", catalogue.entries(), ids=lambda e: e.said[:20])
def test_every_entry_says_why_and_what_to_do(entry):
    assert CJK.search(entry.cause) and CJK.search(entry.fix)
    assert "|" not in entry.cause + entry.fix


def test_the_guide_shows_the_catalogue_row_for_row():
    guide = catalogue.GUIDE.read_text(encoding="utf-8")
    assert catalogue.section(guide) == catalogue.render(), "run `python -m generator.catalogue` to rewrite it"
    rows = [line for line in catalogue.section(guide).splitlines() if line.startswith("| ")]
    assert len(rows) == len(catalogue.entries()) + len(catalogue.GROUPS)  # one header row per group
