"""The manifest of published URLs: once a URL is public, every later build must still serve it."""

from __future__ import annotations

import pathlib
from collections.abc import Iterable

HEADER = (
    "# 已发布的网址清单：由 `gongkai urls` 生成，请勿手工编辑。\n"
    "# Every URL here has been published; a build that would drop one fails. Written by `gongkai urls`.\n"
)


def read(path: pathlib.Path) -> list[str]:
    """Read the manifest; a missing file is an empty manifest."""
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def dropped(manifest: Iterable[str], urls: Iterable[str]) -> list[str]:
    """Return the published URLs this build would no longer serve."""
    served = set(urls)
    return [url for url in manifest if url not in served]


def write(path: pathlib.Path, urls: Iterable[str]) -> list[str]:
    """Add this build's URLs to the manifest, keeping every old one; return the new ones."""
    old = read(path)
    new = sorted(set(urls) - set(old), key=_key)
    path.write_text(HEADER + "".join(f"{u}\n" for u in sorted({*old, *new}, key=_key)), encoding="utf-8")
    return new


def explain(missing: list[str]) -> str:
    """Tell staff, in Chinese, which URLs would break and what to do instead."""
    listed = "\n".join(f"  {url}" for url in missing)
    return (
        f"以下 {len(missing)} 个已发布的网址在本次生成中消失了，记者和群众的引用会失效：\n{listed}\n"
        "任务不能删除或改编号：撤销的任务请保留并写 withdrawn: 撤销原因。"
        "若确属有意调整，请改回后再处理，或由维护人员更新 data/published-urls.txt。"
    )


def _key(url: str) -> tuple[tuple[int, int, str], ...]:
    """Sort naturally, so /tasks/1-2-10/ follows /tasks/1-2-9/."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in url.replace("-", "/").split("/"))
