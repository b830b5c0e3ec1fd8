"""Spare the garbage collector what a build keeps to its end: the loaded data and the generated site.

CPython's collector scans every tracked object whenever enough new ones have survived since its
last full pass. A build keeps its data and its pages until it ends, so at 10,000 tasks the
collector scanned them again and again for nothing, most of all while the YAML was read
(bench/SCALE.md). The build reads the data with the collector paused (reading makes no garbage
cycles), and `keep` freezes what exists once the data is read and once the pages are made
(gc.freeze): later passes skip it. Nothing that is built changes. `release` hands everything back
to the collector when the build is over, so a longer process (`gongkai serve`, the tests) frees
it as usual.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Run the block without the collector's passes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def keep() -> None:
    """Collect the garbage there is now, then leave every surviving object out of later passes."""
    gc.collect()
    gc.freeze()


def release() -> None:
    """Let the collector scan every object again."""
    gc.unfreeze()
