"""Start a site for another government (`gongkai init DIR`): settings, an example plan, docs, pipelines.

The starter files are in `starter/`; `*.j2` files are rendered with the government's name, region
and year. Everything the new site says about its government comes from these values, and its
example plan, source text and progress are fictional and labelled 示例.
"""

from __future__ import annotations

import dataclasses
import json
import pathlib

import jinja2

from . import export

STARTER = pathlib.Path(__file__).parent / "starter"
HIDDEN = {"gitignore", "gitlab-ci.yml", "pre-commit-config.yaml", "ci", "github"}  # written with a leading dot
DEFAULT_URL = "https://www.example.gov.cn/zwgk/gongkai/"
ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(STARTER),
    autoescape=False,  # YAML and Markdown, not HTML: values go through the `q` filter where they must
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
ENV.filters["q"] = lambda value: json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string


class StarterError(Exception):
    """Raised when the new site cannot be created: the folder is in use, or a value is unusable."""


@dataclasses.dataclass(frozen=True)
class Government:
    """Who the new site is for."""

    name: str  # the issuing government, as the report names it: 示例县人民政府
    region: str  # its full region: 示例省示例市示例县
    year: int  # the first plan's year
    site_url: str = DEFAULT_URL

    @property
    def short(self) -> str:
        """Return the place name without 人民政府: 示例县."""
        return self.name.removesuffix("人民政府") or self.name

    def values(self) -> dict[str, object]:
        """Return what the starter templates are filled with."""
        return {
            "name": self.name,
            "short": self.short,
            "region": self.region,
            "year": self.year,
            "site_url": self.site_url if self.site_url.endswith("/") else self.site_url + "/",
            "site_name": f"{self.short}{self.year}年重点工作落实情况",
            "site_description": f"{self.name}{self.year}年工作计划逐项任务、目标值与落实进展",
            "copyright": f"数据来源：{self.name}；进展数据以页面标注为准",
        }


def create(target: pathlib.Path, government: Government) -> list[pathlib.Path]:
    """Write a complete new site into an empty or new folder; return the files written."""
    if not 1949 <= government.year <= 2100:
        raise StarterError(f"年度 {government.year} 不对；请写四位数的计划年度，如 2025")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise StarterError(f"{target} 已存在且不是空目录；为免覆盖已有文件，请换一个新的目录名")
    values = government.values()
    files = {_destination(path, government.year): _content(path, values) for path in _starter_files()}
    files |= {f"data/schema/{name}": _schema(schema) for name, schema in export.schemas().items()}
    written = []
    for relative, content in sorted(files.items()):
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    (target / ".ci" / "run").chmod(0o755)
    return written


def render_mkdocs(values: dict[str, object]) -> str:
    """Render the settings file of a site: mkdocs.yml."""
    return ENV.get_template("mkdocs.yml.j2").render(values)


def _starter_files() -> list[pathlib.Path]:
    return sorted(p.relative_to(STARTER) for p in STARTER.rglob("*") if p.is_file())


def _destination(path: pathlib.Path, year: int) -> str:
    """Map a starter file to where it goes: hidden names get their dot, templates lose .j2."""
    parts = list(path.parts)
    parts[0] = f".{parts[0]}" if parts[0] in HIDDEN else parts[0]
    name = parts[-1].removesuffix(".j2")
    parts[-1] = f"{year}-06.yaml" if name == "period.yaml" else name
    return "/".join(parts)


def _content(path: pathlib.Path, values: dict[str, object]) -> bytes:
    if path.suffix != ".j2":
        return (STARTER / path).read_bytes()
    return ENV.get_template(path.as_posix()).render(values).encode("utf-8")


def _schema(schema: dict[str, object]) -> bytes:
    return (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
