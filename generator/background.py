"""Run one slow, independent piece of a build on the other core while the build goes on.

A forked child inherits the computed data as it is (nothing is pickled on the way in) and sends
its result back through a pipe. Where forking is unsafe or gains nothing (another thread is
running, as under `gongkai serve`; one core; no fork on this system) the work runs in-process,
so the result is the same everywhere.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Pending(Generic[T]):
    """Work started by `start`: `result()` waits for it, `cancel()` (or leaving a with block) drops it."""

    def __init__(self, work: Callable[[], T], yielding: bool = False) -> None:
        self._done: tuple[bool, object] | None = None
        self._child: multiprocessing.process.BaseProcess | None = None
        if not _can_fork():
            self._done = _run(work)
            return
        context = multiprocessing.get_context("fork")
        self._reader, writer = context.Pipe(duplex=False)
        self._child = context.Process(
            target=lambda: writer.send(_run(work, frozen=True, yielding=yielding)), daemon=True
        )
        self._child.start()
        writer.close()

    def __enter__(self) -> Pending[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cancel()  # a failed build leaves no child behind

    def result(self) -> T:
        """Wait for the work's result; raise what it raised."""
        if self._done is None:
            try:
                self._done = self._reader.recv()
            except EOFError:  # the child died without a word (killed, out of memory)
                self._done = (False, RuntimeError("后台进程意外退出，未能生成结果"))
            self._close(stop=False)
        ok, value = self._done
        if not ok:
            raise value  # type: ignore[misc]  # an exception, as _run caught it
        return value  # type: ignore[return-value]

    def cancel(self) -> None:
        """Stop the child, if any, and release its pipe."""
        self._close(stop=True)

    def _close(self, stop: bool) -> None:
        if self._child is not None:
            if stop:
                self._child.terminate()
            self._child.join()
            self._reader.close()
            self._child = None


def start(work: Callable[[], T], yielding: bool = False) -> Pending[T]:
    """Start work (a function of no arguments) in a forked child when that helps, else run it now.

    A yielding child runs at a lower priority: it gets a core when the build leaves one idle.
    """
    return Pending(work, yielding)


def _can_fork() -> bool:
    return (
        sys.platform == "linux"  # fork is safe here; macOS frameworks and Windows are not
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1  # a fork copies no other thread, and maybe a lock it held
    )


def _run(work: Callable[[], T], frozen: bool = False, yielding: bool = False) -> tuple[bool, object]:
    if frozen:  # a child keeps what it inherited to its end: the collector's passes need not scan it
        gc.freeze()
    if yielding:
        os.nice(10)
    try:
        return True, work()
    except Exception as error:  # handed to the caller of result(), as if raised there
        return False, error
