"""The command line's parser, telling wrong usage in Chinese (argparse speaks English)."""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

# argparse's messages (Python 3.11 to 3.13) and how staff read them; anything else is shown as it is.
MESSAGES = (
    (r"the following arguments are required: (.+)", "缺少参数：{0}"),
    (r"unrecognized arguments: (.+)", "不认识的参数：{0}"),
    (r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.+)\)", "没有 {1} 这个命令或选项；可用：{2}"),
    (r"argument (\S+): invalid \w+ value: '?([^']*)'?", "{0} 的值 “{1}” 无效"),
    (r"argument (\S+): expected one argument", "{0} 后面应写一个值"),
    (r"ambiguous option: (\S+) could match (.+)", "{0} 不明确，可能是：{1}"),
)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage line and errors are in Chinese; wrong usage exits with 2."""

    def format_usage(self) -> str:
        """Return the usage line, headed 用法 instead of usage."""
        return re.sub(r"^usage: ", "用法：", super().format_usage())

    def error(self, message: str) -> NoReturn:
        """Print the usage line and the problem in Chinese, then exit with 2."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：用法错误：{chinese(message)}；运行 {self.prog} -h 查看说明\n")


def chinese(message: str) -> str:
    """Say one of argparse's error messages in Chinese."""
    for pattern, words in MESSAGES:
        found = re.fullmatch(pattern, message)
        if found:
            return words.format(*found.groups())
    return message
