"""Read the site's settings from mkdocs.yml without MkDocs: the one place a government's settings live.

mkdocs.yml names the site (site_name, site_description, copyright), says where it is published
(site_url) and holds the gongkai plugin's options. The core commands (validate, generate, init)
need a few of these; MkDocs' own tags (!ENV, !!python/…) are read as plain values or skipped.
"""

from __future__ import annotations

import dataclasses
import os
import pathlib
from typing import Any

import yaml

from .problems import DataError, Problem

CONFIG = "mkdocs.yml"


@dataclasses.dataclass(frozen=True)
class Settings:
    """What the core needs to know of mkdocs.yml."""

    folder: pathlib.Path  # where mkdocs.yml is: the repository root
    site_name: str = ""
    site_description: str = ""
    copyright: str = ""
    site_url: str = "/"
    docs_dir: str = "docs"
    edit_url: str = ""
    data_dir: str = "data"  # the gongkai plugin's data_dir, relative to mkdocs.yml

    @property
    def docs(self) -> pathlib.Path:
        """Return the hand-written pages' folder."""
        return self.folder / self.docs_dir

    def read_raw(self) -> dict[str, Any]:
        """Return mkdocs.yml as plain data (MkDocs' own tags read as their value or None)."""
        path = self.folder / CONFIG
        return (yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_Loader) or {}) if path.is_file() else {}


class _Loader(yaml.SafeLoader):
    """A safe loader that reads !ENV [NAME, default] as the variable or its default and skips other tags."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]  # type: ignore[arg-type]
    for name in values[:-1] if len(values) > 1 else values:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return values[-1] if len(values) > 1 else None


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read(config_file: pathlib.Path) -> Settings:
    """Read mkdocs.yml; a missing file gives the defaults."""
    folder = config_file.resolve().parent
    if not config_file.is_file():
        return Settings(folder)
    data = _load(config_file)
    options: dict[str, Any] = next(
        (p["gongkai"] for p in data.get("plugins") or [] if isinstance(p, dict) and "gongkai" in p), {}
    )
    url = str(data.get("site_url") or "/")
    return Settings(
        folder,
        site_name=str(data.get("site_name") or ""),
        site_description=str(data.get("site_description") or ""),
        copyright=str(data.get("copyright") or ""),
        site_url=url if url.endswith("/") else url + "/",
        docs_dir=str(data.get("docs_dir") or "docs"),
        edit_url=str((options or {}).get("edit_url") or ""),
        data_dir=str((options or {}).get("data_dir") or "data"),
    )


def _load(config_file: pathlib.Path) -> dict[str, Any]:
    """Parse mkdocs.yml, raising DataError in Chinese when it cannot be read as settings."""
    name = config_file.name
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=_Loader) or {}
    except UnicodeDecodeError:
        raise DataError([Problem(name, 1, 1, "", "mkdocs.yml 不是 UTF-8 编码；请在编辑器中“另存为 UTF-8”")]) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = "mkdocs.yml 的格式有误（冒号、引号或缩进）；请对照这一行和上一行改正，冒号后要有空格"
        raise DataError([Problem(name, line, col, "", message)]) from None
    if not isinstance(data, dict):
        raise DataError([Problem(name, 1, 1, "", "mkdocs.yml 顶层应为一组“设置: 值”，如 site_name: …")])
    return data


def find(start: pathlib.Path) -> pathlib.Path | None:
    """Return the nearest mkdocs.yml in a folder or above it, so commands work from any folder of a site."""
    for folder in [start.resolve(), *start.resolve().parents]:
        if (folder / CONFIG).is_file():
            return folder / CONFIG
    return None


def docs_urls(settings: Settings) -> list[str]:
    """List the URLs of the hand-written pages, as MkDocs serves them (directory URLs)."""
    urls = []
    for path in sorted(settings.docs.rglob("*.md")):
        stem = path.relative_to(settings.docs).with_suffix("").as_posix()
        urls.append("/" if stem in ("index", "README") else "/" + stem.removesuffix("/index") + "/")
    return urls


class Misplaced(Exception):
    """Raised when a command cannot tell which site it is about: said in Chinese, exit 2."""


def locate(config: pathlib.Path | None, data: pathlib.Path | None) -> tuple[pathlib.Path, pathlib.Path]:
    """Return the site's mkdocs.yml and data folder: as given, else found from the current folder upward."""
    config = config or find(pathlib.Path.cwd())
    if data is None and config is None and pathlib.Path("data").is_dir():
        data = pathlib.Path("data")  # a checkout of the data alone, without the site's settings
    if data is None:
        if config is None or not config.is_file():
            raise Misplaced(
                f"在当前目录（{pathlib.Path.cwd()}）及其上级目录中都找不到 mkdocs.yml，不知道要处理哪个网站。"
                "请先进入网站目录（含有 mkdocs.yml 和 data/ 的目录，如 cd gongkai-site）再运行；"
                "或用 --data 指明数据目录。"
            )
        data = config.parent / read(config).data_dir
    return config or data.parent / CONFIG, data  # a missing mkdocs.yml gives the defaults
