"""Read the layout of YAML lines to find the slips of typing with a Chinese input method on.

A tab or a full-width space (U+3000) where YAML wants a space, a Chinese colon "：" after a key, a
quote left open: YAML stops lines later, or reads on without a word. Such a slip only counts where
YAML reads structure, not inside text, so one pass follows which lines are text: a block scalar (| or
>), quoted text over several lines, a plain value going on below its key. The pass repairs each slip
in the lines it is given, so the parser can read on.
"""

from __future__ import annotations

import re

KEY_END = re.compile(r":(?=[ \t\u3000]|$)|：| #")  # what ends a plain key: a colon, a Chinese one, or a comment
COLON = re.compile(r":(?=[ \t\u3000]|$)")
FLOW_STOP = re.compile(r"[,\[\]{}]|:(?=[ \t,\[\]{}]|$)| #")
BLOCK_HEADER = re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?")
KEY_LIKE = re.compile(r"[^\s，。；、！？,\"'#]{1,30}")  # a key, not a sentence that happens to hold "："
FIELD_LIKE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # our field names: "- task：…" is a key, "- 其中：…" text
SPACE_LIKE = ("", " ", "\t", "\u3000")
SIMPLE = re.compile(r" *(- )?([A-Za-z_][A-Za-z0-9_]*): +[^ \"'\[{|>#]")  # "key: plain text", most lines of a file
LOOKAHEAD = 200  # lines searched for a key's first child; no comment between a key and its child is longer

TAB = "含有制表符（Tab）；YAML 只能用空格，请把 Tab 换成空格（每层缩进两个空格）"
WIDE = "全角空格“　”（中文输入法打出的空格）；YAML 只认半角空格，请改成半角空格"
WIDE_INDENT = "行首有" + WIDE + "（每层缩进两个空格）"
WIDE_AFTER = "{mark}后面是" + WIDE + "（切换到英文输入法，或按 Shift+空格 切换到半角）"
CN_COLON = "“{key}”后面用了中文冒号“：”；请改成英文冒号加一个空格，写成“{key}: ”（切换到英文输入法再输入）"
QUOTE = "请在这段文字末尾补上配对的 {q}，或删掉这个引号（文字中要用引号时请用中文引号“”）"
QUOTE_NEVER = "这里的引号 {q} 没有配对，YAML 会把文件余下的内容都当成这段文字；" + QUOTE
QUOTE_UNTIL = "这里的引号 {q} 在本行没有闭合，YAML 会把后面各行直到第 {line} 行的引号都当成同一段文字；" + QUOTE


def slips(lines: list[str]) -> dict[int, tuple[int, str]]:
    """Find layout slips, the first of each line by line index as (column index, message); repair lines in place."""
    reader = _Reader(lines)
    i = 0
    while i < len(lines):
        i = reader.line(i)
    return reader.found


class _Reader:
    """What the lines read so far leave open: a block scalar, a plain value, a key without value, brackets."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.found: dict[int, tuple[int, str]] = {}
        self.block: int | None = None  # a block scalar (| or >) goes on while lines are indented past this
        self.plain: int | None = None  # a plain value goes on while lines are indented past this
        self.opened: int | None = None  # the column of a key just written without a value
        self.last: tuple[int | None, int] = (None, 0)  # the columns of the last line's "- " and of its key
        self.flow: list[str] = []  # brackets left open at the end of a line
        self.flow_key = False  # the next plain text in the open flow mapping is a key

    def _find(self, i: int, col: int, message: str) -> None:
        self.found.setdefault(i, (col, message))

    def _replace(self, i: int, col: int, length: int, new: str) -> str:
        line = self.lines[i]
        self.lines[i] = line[:col] + new + line[col + length :]
        return self.lines[i]

    def line(self, i: int) -> int:
        """Read line i and return the index of the next line to read."""
        line = self.lines[i]
        if self.flow:  # inside [ ] or { } any blank separates, and a full-width space is text
            return self._flow(i, len(line) - len(line.lstrip(" \t")))
        indent = len(line) - len(line.lstrip(" "))
        blank = indent == len(line)
        if self.block is not None and (blank or indent > self.block):
            return i + 1  # a line of a block scalar
        if self.plain is not None and (blank or indent > self.plain):
            return i + 1  # a line continuing a plain value
        self.block = self.plain = None
        return i + 1 if blank else self._structure(i)

    def _indentation(self, i: int, opened: int | None) -> int:
        """Flag tabs and full-width spaces in the indentation; return where the content starts.

        The repair lines the content up with the line above (as its first child after a key without a
        value), which is how staff line it up on screen: a tab or "　" is as wide as the editor makes it.
        """
        line = self.lines[i]
        end = len(line) - len(line.lstrip(" \t\u3000"))
        if not line[:end].strip(" "):
            return end
        col = len(line) - len(line.lstrip(" "))
        self._find(i, col, TAB if line[col] == "\t" else WIDE_INDENT)
        dash, key = self.last
        item = line.startswith("-", end) and line[end + 1 : end + 2] in SPACE_LIKE
        width = opened + 2 if opened is not None else dash if item and dash is not None else key
        self._replace(i, 0, end, " " * width)
        return width

    def _structure(self, i: int) -> int:
        """Read a line of block structure: indentation, "- " items, then a key or an item's value."""
        line = self.lines[i]
        simple = SIMPLE.match(line)
        if simple:  # what the steps below would make of it, at the regex's speed
            self.opened, self.plain = None, simple.start(2)
            self.last = (simple.start(1) if simple.group(1) else None, simple.start(2))
            return i + 1
        opened, self.opened = self.opened, None
        indent = len(line) - len(line.lstrip(" "))
        if opened is not None and indent > opened and line[indent] == "\u3000" and not COLON.search(line):
            self.plain = opened  # text below its key, its paragraph indented the Chinese way
            return i + 1
        pos = self._indentation(i, opened)
        line = self.lines[i]
        if pos == len(line) or line[pos] == "#":
            self.opened = opened  # a comment between a key and its children
            return i + 1
        dash = None  # the column of the last "- " (or of "? " and ": ", which write a key and its value apart)
        explicit = False
        while line[pos] in "-?:" and line[pos + 1 : pos + 2] in SPACE_LIKE:
            gap = line[pos + 1 : pos + 2]
            if gap in ("\t", "\u3000"):
                if line[pos] != "-" or explicit:
                    break  # text, such as "-　" written as the value of an explicit key
                self._find(i, pos + 1, TAB if gap == "\t" else WIDE_AFTER.format(mark="“-”"))
                line = self._replace(i, pos + 1, 1, " ")
            explicit = explicit or line[pos] != "-"
            dash = pos
            pos = len(line) - len(line[pos + 1 :].lstrip(" "))
            if pos == len(line):
                self.opened = dash  # "-" alone: the item is on the lines below
                return i + 1
        self.last = (dash, pos)
        return self._key(i, pos, dash, opened)

    def _key(self, i: int, pos: int, dash: int | None, opened: int | None) -> int:
        """Read what stands where a key may: a quoted or flow node, a block scalar, or plain text."""
        line = self.lines[i]
        if line[pos] in "\"'":
            j, end = self._quoted(i, pos)
            line = self.lines[j]
            end = len(line) - len(line[end:].lstrip(" "))
            if line.startswith("：", end):
                self._find(j, end, CN_COLON.format(key=line[pos:end].strip()))
                line = self._replace(j, end, 1, ": ")
            return self._value(j, end + 1, pos) if line.startswith(":", end) else j + 1
        if line[pos] in "[{":
            return self._flow(i, pos)
        if BLOCK_HEADER.fullmatch(line, pos):  # an item's text, a value below its key, or a whole document
            self.block = next(col for col in (dash, opened, pos - 1) if col is not None)
            return i + 1
        found = KEY_END.search(line, pos)
        if found and found.group() == "：":
            later = COLON.search(line, found.end())
            comment = line.find(" #", found.end())
            value = line[found.end() :].lstrip(" ").startswith(("{", "[", '"', "'"))
            if later and not value and (comment < 0 or later.start() < comment):  # "：" inside a key
                return self._value(i, later.end(), pos)
            head = line[pos : found.start()].rstrip(" ")
            if self._chinese_colon(i, pos, head, dash, opened):
                self._find(i, found.start(), CN_COLON.format(key=head))
                wide = line[found.end() : found.end() + 1] in ("\t", "\u3000")  # typed on with the input method
                self._replace(i, found.start(), 2 if wide else 1, ": ")
                return self._value(i, found.start() + 1, pos)
            found = None
        if found is None or found.group() == " #":  # text with no key: an item's value, or a value below its key
            self.plain = dash if dash is not None else opened
            return i + 1
        after = line[found.end() : found.end() + 1]
        if after in ("\t", "\u3000"):
            self._find(i, found.end(), TAB if after == "\t" else WIDE_AFTER.format(mark="冒号"))
            self._replace(i, found.end(), 1, " ")
        return self._value(i, found.end(), pos)

    def _chinese_colon(self, i: int, pos: int, head: str, dash: int | None, opened: int | None) -> bool:
        """Tell whether "：" ends a key here, rather than standing in text YAML reads as a value."""
        if dash is not None:
            return bool(FIELD_LIKE.fullmatch(head))
        if not KEY_LIKE.fullmatch(head):
            return False
        if opened is None or pos <= opened:
            return True  # beside other keys, where only a key can stand
        for line in self.lines[i + 1 : i + 1 + LOOKAHEAD]:  # the first line below a key: its value, or its first key
            content = line.lstrip(" ")
            if content and content[0] != "#":
                found = KEY_END.search(line)  # a sibling with a real key makes this a mapping; "：" alone may be text
                return len(line) - len(content) == pos and found is not None and found.group() == ":"
        return False

    def _value(self, i: int, pos: int, key: int) -> int:
        """Read what follows a key's colon: nothing (children follow), a quoted, flow, block or plain value."""
        line = self.lines[i]
        pos = len(line) - len(line[pos:].lstrip(" "))
        if pos == len(line) or line[pos] == "#":
            self.opened = key
            return i + 1
        if line[pos] in "\"'":
            return self._quoted(i, pos)[0] + 1
        if line[pos] in "[{":
            return self._flow(i, pos)
        if BLOCK_HEADER.fullmatch(line, pos):
            self.block = key
        else:
            self.plain = key
        return i + 1

    def _flow(self, i: int, pos: int) -> int:
        """Read [ ] and { } collections, which may go on over several lines; flag "：" after a key in them."""
        line = self.lines[i]
        while pos < len(line):
            char = line[pos]
            if char in "[{":
                self.flow.append(char)
                self.flow_key = char == "{"
            elif char in "]}":
                self.flow[-1:] = []
                self.flow_key = False
                if not self.flow:
                    return i + 1  # what follows the collection is the parser's business
            elif char in ",:":
                self.flow_key = char == "," and self.flow[-1:] == ["{"]
            elif char == "#" and line[pos - 1 : pos] in SPACE_LIKE:
                return i + 1
            elif char in "\"'":
                i, pos = self._quoted(i, pos)
                line = self.lines[i]
                continue
            elif char not in " \t" and not (char == "?" and line[pos + 1 : pos + 2] in SPACE_LIKE):
                stop = FLOW_STOP.search(line, pos)
                end = stop.start() if stop else len(line)
                colon = line.find("：", pos, end)
                if colon > pos and self.flow_key and not (stop and stop.group().startswith(":")):
                    self._find(i, colon, CN_COLON.format(key=line[pos:colon].strip()))
                    line = self._replace(i, colon, 1, ": ")
                    end += 1
                    self.flow_key = False
                pos = end
                continue
            pos += 1
        return i + 1

    def _quoted(self, i: int, pos: int) -> tuple[int, int]:
        """Find the end of quoted text opened at (i, pos), maybe lines below; return (line, column after it).

        A quote that never closes, or closes where more text follows it (the opening quote of other
        text), was left open on line i: that is flagged and repaired by closing it at the line's end.
        """
        quote = self.lines[i][pos]
        end = _close(self.lines[i], pos + 1, quote)
        if end >= 0:
            return i, end + 1
        until = None
        for j in range(i + 1, len(self.lines)):
            end = _close(self.lines[j], 0, quote)
            if end >= 0:
                if _ends_node(self.lines[j], end + 1, bool(self.flow)):
                    return j, end + 1
                until = j + 1
                break
        message = QUOTE_NEVER if until is None else QUOTE_UNTIL
        self._find(i, pos, message.format(q=quote, line=until))
        self.lines[i] += quote
        return i, len(self.lines[i])


def _close(line: str, start: int, quote: str) -> int:
    """Return where quoted text closes on a line ("\\"" escapes a double quote, "''" a single one), or -1."""
    at = line.find(quote, start)
    while at >= 0:
        if quote == "'" and line.startswith("''", at):
            at = line.find(quote, at + 2)
        elif quote == '"' and (at - len(line[:at].rstrip("\\"))) % 2:
            at = line.find(quote, at + 1)
        else:
            return at
    return -1


def _ends_node(line: str, pos: int, flow: bool) -> bool:
    """Tell whether quoted text may end at pos: only a comment, a key's colon or (in [ ] { }) a separator may follow."""
    rest = line[pos:].lstrip(" \t")
    if not rest or rest[0] == "#" or (rest[0] == ":" and rest[1:2] in SPACE_LIKE):
        return True
    return flow and rest[0] in ",]}:"
