"""Tell staff in Chinese what MkDocs logged while building: broken links in docs/, a bad nav, our own errors.

Part of the adapter: it listens to MkDocs' loggers during one build, and translates the messages
it knows (MkDocs 1.6 wording, listed in ADAPTER.md); anything else is shown with a Chinese lead-in.
"""

from __future__ import annotations

import logging
import re

KNOWN: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"Doc file '(?P<file>.+?)' contains a link '(?P<link>.+?)', but the target(?: '.+?')? is not found"),
        "链接 {link} 指向的页面不存在；请改正链接，或补上这个页面",
    ),
    (
        re.compile(
            r"Doc file '(?P<file>.+?)' contains a link '(?P<link>.+?)', but the doc '.+?' does not contain an anchor"
        ),
        "链接 {link} 指向的页面中没有这个位置（# 后的锚点）；请改正链接",
    ),
    (
        re.compile(r"A reference to '(?P<link>.+?)' is included in the 'nav' configuration, which is not found"),
        "mkdocs.yml 的 nav 列出了不存在的页面 {link}；请改正 nav 或补上这个页面",
    ),
]
SKIPPED = re.compile(r"^Aborted with|^Documentation built|^Cleaning site|^Building documentation")


class Collector(logging.Handler):
    """Collect, as lines to print, what MkDocs warns about or fails on during one build."""

    def __init__(self, docs_dir: str) -> None:
        super().__init__(logging.WARNING)
        self.docs_dir = docs_dir
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines += translate(record.getMessage(), self.docs_dir)


def translate(message: str, docs_dir: str) -> list[str]:
    """Turn one MkDocs log message into lines a clerk reads: the file first, then what to do."""
    if SKIPPED.search(message):
        return []
    for pattern, chinese in KNOWN:
        found = pattern.search(message)
        if found:
            parts = found.groupdict()
            where = f"{docs_dir}/{parts['file']}" if "file" in parts else "mkdocs.yml"
            return [f"{where}: {chinese.format(**parts)}"]
    if re.search(r"[\u4e00-\u9fff]", message):  # the plugin's own errors are in Chinese already
        return [line for line in message.splitlines() if line.strip()]
    return [f"mkdocs.yml: 生成网站时 MkDocs 报告了问题，请据此检查配置或 docs/ 中的页面（原文：{message}）"]
