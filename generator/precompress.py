"""The .gz copies beside the site's text files, so the web server sends them without compressing per request.

A `gongkai build` compresses each page on a thread as MkDocs finishes it (zlib lets the other
threads run, so the work goes to the other core while the build renders the next pages), then
every text file not yet done.
"""

from __future__ import annotations

import gzip
import os
import pathlib
from concurrent.futures import Future, ThreadPoolExecutor

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".csv", ".svg", ".txt", ".map"}
SMALLEST = 512  # bytes; a smaller file is not worth a .gz beside it
GZIP_LEVEL = 6  # gzip's default: level 9 saves 0.3 % of the bytes for twice the time (bench/SCALE.md)


class Compressor:
    """Write .gz copies on a thread while the build goes on."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="gongkai-gzip")
        self._writing: list[Future[None]] = []
        self.done: set[pathlib.Path] = set()

    def add(self, path: pathlib.Path, data: bytes) -> None:
        """Write path's .gz from data, the bytes path holds (or is about to)."""
        if path.suffix in COMPRESSIBLE and len(data) > SMALLEST:
            self._writing.append(self._pool.submit(_write, path, data))
            self.done.add(path)

    def close(self) -> None:
        """Wait for every .gz; raise the first error, if any."""
        self._pool.shutdown(wait=True)
        for writing in self._writing:
            writing.result()


def precompress(site_dir: pathlib.Path, done: set[pathlib.Path] | frozenset[pathlib.Path] = frozenset()) -> None:
    """Write a .gz beside each text file not done already."""
    paths = [
        p
        for p in site_dir.rglob("*")
        if p.suffix in COMPRESSIBLE and p not in done and p.is_file() and p.stat().st_size > SMALLEST
    ]
    # zlib lets other threads run while it compresses: one thread per core shares the work
    with ThreadPoolExecutor(os.cpu_count()) as pool:
        list(pool.map(lambda p: _write(p, p.read_bytes()), paths))  # list() raises the first error, if any


def _write(path: pathlib.Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)  # a page's folder may not be made yet
    # mtime=0 and no file name keep the archive identical from build to build
    pathlib.Path(f"{path}.gz").write_bytes(gzip.compress(data, GZIP_LEVEL, mtime=0))
