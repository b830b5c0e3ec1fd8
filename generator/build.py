"""Run MkDocs for the `gongkai build` and `gongkai serve` commands.

A build goes to a fresh folder beside the target and is swapped in only when it succeeded,
so a failed build never damages the last good site.
"""

from __future__ import annotations

import gzip
import logging
import os
import pathlib
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands import build as mkdocs_build
from mkdocs.commands import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from .load import Dataset
from .mkdocs_messages import Collector, translate


def build_site(
    config_file: pathlib.Path,
    data_dir: pathlib.Path,
    site_dir: pathlib.Path,
    *,
    update_urls: bool = False,
    data: list[Dataset] | None = None,
) -> None:
    """Build the site strictly into a temporary folder, then swap it into place."""
    if not os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(config_file.parent.resolve(), data_dir)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = pathlib.Path(tempfile.mkdtemp(prefix=".gongkai-build-", dir=site_dir.parent))
    fresh.chmod(0o755)  # mkdtemp makes it private; a web server must read it
    said = Collector("docs")
    logging.getLogger("mkdocs").addHandler(said)
    try:
        config = load_config(str(config_file), site_dir=str(fresh), strict=True)
        said.docs_dir = pathlib.Path(config.docs_dir).name
        config.plugins["gongkai"].config.data_dir = str(data_dir.resolve())
        config.plugins["gongkai"].config.update_urls = update_urls
        config.plugins["gongkai"].preloaded = data  # loaded from data_dir by the caller, or None
        mkdocs_build.build(config)
        precompress(fresh)
    except (Abort, ConfigurationError) as err:
        shutil.rmtree(fresh, ignore_errors=True)
        raise BuildFailed(said.lines or translate(str(err), "docs")) from None
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(said)
    _swap(fresh, site_dir)


class BuildFailed(Exception):
    """Raised when MkDocs stops the build; `lines` say why, in Chinese, each naming its file."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\n".join(lines))


COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".csv", ".svg", ".txt", ".map"}
SMALLEST = 512  # bytes; a smaller file is not worth a .gz beside it
GZIP_LEVEL = 6  # gzip's default: level 9 saves 0.3 % of the bytes for twice the time (bench/SCALE.md)


def precompress(site_dir: pathlib.Path) -> None:
    """Write a .gz beside each text file, so the web server sends it without compressing per request."""
    paths = [p for p in site_dir.rglob("*") if p.suffix in COMPRESSIBLE and p.is_file() and p.stat().st_size > SMALLEST]
    # zlib lets other threads run while it compresses: one thread per core shares the work
    with ThreadPoolExecutor(os.cpu_count()) as pool:
        list(pool.map(_gzip, paths))  # list() raises the first error, if any


def _gzip(path: pathlib.Path) -> None:
    # mtime=0 and no file name keep the archive identical from build to build
    pathlib.Path(f"{path}.gz").write_bytes(gzip.compress(path.read_bytes(), GZIP_LEVEL, mtime=0))


def source_date_epoch(repo: pathlib.Path, data_dir: pathlib.Path) -> str:
    """Date the build by the last commit, else by the newest data file, never by the clock."""
    try:
        stamp = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=repo, capture_output=True, text=True, check=True, timeout=10
        ).stdout.strip()
        if stamp.isdigit():
            return stamp
    except (OSError, subprocess.SubprocessError):
        pass  # not a git checkout (a release tarball): fall back to the data
    files = [p for p in data_dir.rglob("*.y*ml") if p.is_file()]
    return str(int(max((p.stat().st_mtime for p in files), default=0)))


def _swap(fresh: pathlib.Path, site_dir: pathlib.Path) -> None:
    """Replace site_dir with fresh; the old site stays whole until the last moment."""
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    fresh.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def serve_site(config_file: pathlib.Path, data_dir: pathlib.Path, dev_addr: str) -> None:
    """Serve a live preview that rebuilds when the data or the docs change."""
    os.environ["GONGKAI_DATA"] = str(data_dir.resolve())
    mkdocs_serve.serve(str(config_file), dev_addr=dev_addr, livereload=True)
