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
    data = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=_Loader) or {}
    options = next((p["gongkai"] for p in data.get("plugins") or [] if isinstance(p, dict) and "gongkai" in p), {})
    url = str(data.get("site_url") or "/")
    return Settings(
        folder,
        site_name=str(data.get("site_name") or ""),
        site_description=str(data.get("site_description") or ""),
        copyright=str(data.get("copyright") or ""),
        site_url=url if url.endswith("/") else url + "/",
        docs_dir=str(data.get("docs_dir") or "docs"),
        edit_url=str((options or {}).get("edit_url") or ""),
    )


def docs_urls(settings: Settings) -> list[str]:
    """List the URLs of the hand-written pages, as MkDocs serves them (directory URLs)."""
    urls = []
    for path in sorted(settings.docs.rglob("*.md")):
        stem = path.relative_to(settings.docs).with_suffix("").as_posix()
        urls.append("/" if stem in ("index", "README") else "/" + stem.removesuffix("/index") + "/")
    return urls
