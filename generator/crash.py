"""Tell staff in Chinese why a command stopped unexpectedly, instead of printing a traceback.

A traceback helps the person who fixes the program, not the clerk who ran it; it stays one
environment variable away (GONGKAI_DEBUG=1), and the tests set it so real bugs still show.
"""

from __future__ import annotations

import errno
import os

DEBUG = "GONGKAI_DEBUG"
EXIT = 3  # 0 success, 1 invalid data, 2 wrong usage, 3 the program itself failed

# What an operating-system error means for the clerk, and what to do.
OS_ERRORS = {
    errno.EACCES: "没有权限；请检查这个文件或目录的权限，或换一个有写入权限的目录",
    errno.EPERM: "没有权限；请检查这个文件或目录的权限，或换一个有写入权限的目录",
    errno.ENOSPC: "磁盘空间不足；请清理磁盘后再试",
    errno.EROFS: "磁盘是只读的；请换一个可以写入的目录",
    errno.ENOENT: "文件或目录不存在；请检查路径是否写对",
    errno.EISDIR: "这是一个目录，不是文件；请检查路径",
    errno.ENOTDIR: "路径中的某一级不是目录；请检查路径",
    errno.EADDRINUSE: "端口已被占用：可能另一个预览还在运行；请先关闭它，或用 --dev-addr 127.0.0.1:8001 换一个端口",
    errno.EADDRNOTAVAIL: "这个地址不属于本机；请用 --dev-addr 127.0.0.1:8000 这样的本机地址",
}


def debugging() -> bool:
    """Tell whether the person running the command asked to see tracebacks."""
    return os.environ.get(DEBUG, "") not in ("", "0")


def explain(err: BaseException) -> str:
    """Say in Chinese what stopped the command and what to do next."""
    if isinstance(err, OSError) and err.errno in OS_ERRORS:
        where = f" {err.filename}" if err.filename else ""
        return f"无法完成操作{where}：{OS_ERRORS[err.errno]}。"
    if isinstance(err, MemoryError):
        return "内存不足，无法完成；请关闭其他程序后再试，或检查数据文件是否异常庞大。"
    kind = type(err).__name__
    return (
        f"程序内部出错（{kind}），这通常不是数据的问题。请把这条提示、所运行的命令和数据文件发给技术支持；"
        f"设置环境变量 {DEBUG}=1 后再运行（如 {DEBUG}=1 gongkai validate），可以看到供技术人员查看的详细信息。"
    )
