"""The command line's parser, telling wrong usage in Chinese (argparse speaks English)."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

# argparse's messages (Python 3.11 to 3.13) and how staff read them; anything else is shown as it is.
MESSAGES = (
    (r"the following arguments are required: (.+)", "缺少参数：{0}"),
    (r"unrecognized arguments: (.+)", "不认识的参数：{0}"),
    (r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.+)\)", "没有 {1} 这个命令或选项；可用：{2}"),
    (r"argument (\S+): invalid int value: '?([^']*)'?", "{0} 的值应为整数，写的是 “{1}”"),
    (r"argument (\S+): invalid \w+ value: '?([^']*)'?", "{0} 的值 “{1}” 无效"),
    (r"argument (\S+): expected one argument", "{0} 后面应写一个值"),
    (r"argument (\S+): expected at most one argument", "{0} 后面最多写一个值"),
    (r"argument (\S+): expected at least one argument", "{0} 后面至少写一个值"),
    (r"argument (\S+): ignored explicit argument '?([^']*)'?", "{0} 后面不能带值（写的是 “{1}”）"),
    (r"ambiguous option: (\S+) could match (.+)", "{0} 不明确，可能是：{1}"),
    (r"argument (\S+): not allowed with argument (\S+)", "{0} 不能与 {1} 同时使用"),
)


class Formatter(argparse.HelpFormatter):
    """Help text headed in Chinese: 用法 instead of usage."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def _get_default_metavar_for_optional(self, action: argparse.Action) -> str:
        return "值"  # argparse would print the option's English name in capitals: --period PERIOD

    def _get_default_metavar_for_positional(self, action: argparse.Action) -> str:
        return "参数"


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are in Chinese; wrong usage exits with 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        kwargs["add_help"] = False  # argparse's own -h says "show this help message and exit"
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本说明并退出")

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
        found = re.fullmatch(pattern, message, flags=re.DOTALL)
        if found:
            return words.format(*found.groups())
    return message
