"""The `gongkai` command: validate, build, serve, new-period, schema, draft.

Exit codes: 0 success, 1 invalid data (every problem listed), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys

from . import export, published, settings
from .load import Dataset, load_site
from .portable import ENGINES
from .problems import DataError
from .usage import Parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = _parser()
    args = parser.parse_args(argv)  # exits 2 on wrong usage
    try:
        return int(args.run(args) or 0)
    except DataError as err:
        _print_problems(err)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = Parser(prog="gongkai", description="公开：把年度计划和进展数据生成为公开网站。")
    sub = parser.add_subparsers(required=True, metavar="command")
    data = {"type": pathlib.Path, "default": pathlib.Path("data"), "help": "数据目录（默认 data）"}

    p = sub.add_parser("validate", help="检查 data/ 下所有文件，列出全部问题")
    p.add_argument("--data", **data)
    p.add_argument("--config", type=pathlib.Path, default=pathlib.Path("mkdocs.yml"), help="MkDocs 配置文件")
    p.set_defaults(run=_validate)

    p = sub.add_parser("build", help="检查数据并生成网站")
    p.add_argument("--data", **data)
    p.add_argument("--site-dir", type=pathlib.Path, default=pathlib.Path("site"), help="输出目录（默认 site）")
    p.add_argument("--config", type=pathlib.Path, default=pathlib.Path("mkdocs.yml"), help="MkDocs 配置文件")
    p.add_argument("--engine", choices=ENGINES, default="mkdocs", help="生成器（默认 mkdocs，最快）")
    p.set_defaults(run=_build)

    p = sub.add_parser("serve", help="本地预览，数据改动后自动刷新")
    p.add_argument("--data", **data)
    p.add_argument("--config", type=pathlib.Path, default=pathlib.Path("mkdocs.yml"))
    p.add_argument("--dev-addr", default="127.0.0.1:8000")
    p.set_defaults(run=_serve)

    p = sub.add_parser("urls", help="把本次生成的网址加入 data/published-urls.txt（已发布网址清单）")
    p.add_argument("--data", **data)
    p.add_argument("--config", type=pathlib.Path, default=pathlib.Path("mkdocs.yml"))
    p.set_defaults(run=_urls)

    p = sub.add_parser("new-period", help="为下一个报告期生成进展文件草稿")
    p.add_argument("month", help="报告期月份 YYYY-MM，如 2021-12")
    p.add_argument("--data", **data)
    p.add_argument("--plan", default=None, help="有多个计划时，计划所在的子目录（默认：年度与月份相同的计划）")
    p.set_defaults(run=_new_period)

    p = sub.add_parser("init", help="为另一个政府新建一个网站（示例计划、设置、流水线）")
    p.add_argument("dir", type=pathlib.Path, help="新网站的目录（须不存在或为空）")
    p.add_argument("--name", help="发布机关全称，如 示例县人民政府")
    p.add_argument("--region", help="所属地区全称，如 示例省示例市示例县")
    p.add_argument("--year", type=int, help="第一份计划的年度，如 2025")
    p.add_argument("--site-url", default=None, help="网站发布地址，如 https://www.example.gov.cn/zwgk/gongkai/")
    p.set_defaults(run=_init)

    p = sub.add_parser("generate", help="把网站页面写成文件，供其他兼容 MkDocs 的生成器使用")
    p.add_argument("--data", **data)
    p.add_argument("--config", type=pathlib.Path, default=pathlib.Path("mkdocs.yml"), help="MkDocs 配置文件")
    p.add_argument("--out", type=pathlib.Path, required=True, help="输出目录")
    p.set_defaults(run=_generate)

    p = sub.add_parser("schema", help="写出 plan.yaml 与进展文件的 JSON Schema")
    p.add_argument("--out", type=pathlib.Path, default=pathlib.Path("data/schema"))
    p.set_defaults(run=_schema)

    p = sub.add_parser("draft", help="根据报告原文生成 plan.yaml 草稿，供人工核对")
    p.add_argument("report", type=pathlib.Path, help="报告原文（UTF-8 文本文件）")
    p.add_argument("--out", help="草稿文件（默认为报告旁的 plan.draft.yaml，不覆盖已有文件；写 - 则输出到屏幕）")
    p.add_argument("--year", type=int, help="计划年度，如 2022（不写则从原文推断）")
    p.set_defaults(run=_draft)
    return parser


def _print_problems(err: DataError) -> None:
    for problem in err.problems:
        print(problem, file=sys.stderr)
    print(f"共 {len(err.problems)} 个问题，请逐条改正后再试。", file=sys.stderr)


def _validate(args: argparse.Namespace) -> int:
    datasets = load_site(args.data)
    check_published_urls(args.data, datasets, settings.read(args.config))
    for data in datasets:
        where = f"{data.slug}：" if data.slug else ""
        counts = f"{len(data.plan.actions)} 项行动，{len(data.plan.tasks())} 项任务，{len(data.periods)} 个报告期"
        print(f"数据无误：{where}{counts}。")
    return 0


def check_published_urls(data_dir: pathlib.Path, datasets: list[Dataset], site: settings.Settings) -> None:
    """Raise DataError for every published URL the site would no longer serve, as the build would."""
    from .site import generate

    generated = generate(data_dir, None, datasets)
    record = published.read(data_dir / published.FILE)
    missing = published.dropped(record, [*generated.urls(), *settings.docs_urls(site)])
    if missing:
        raise DataError(published.dropped_problems(record, missing))


def _build(args: argparse.Namespace) -> int:
    from .build import BuildFailed, build_site  # MkDocs is only imported for the commands that need it

    data = load_site(args.data)  # fail fast, with every problem, before MkDocs starts
    try:
        build_site(args.config, args.data, args.site_dir, engine=args.engine, data=data)
    except BuildFailed as err:
        for line in err.lines:
            print(line, file=sys.stderr)
        print(f"生成失败，原因如上；{args.site_dir} 保持不变。", file=sys.stderr)
        return 1
    print(f"网站已生成：{args.site_dir}")
    return 0


def _urls(args: argparse.Namespace) -> int:
    import tempfile

    from .build import build_site

    load_site(args.data)
    with tempfile.TemporaryDirectory() as scratch:
        build_site(args.config, args.data, pathlib.Path(scratch) / "site", update_urls=True)
    print(f"已更新 {args.data / 'published-urls.txt'}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .build import serve_site

    load_site(args.data)
    serve_site(args.config, args.data, args.dev_addr)
    return 0


def _new_period(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, write_new_period

    try:
        path = write_new_period(load_site(args.data), args.data, args.month, args.plan)
    except ScaffoldError as err:
        print(err, file=sys.stderr)
        return 2
    print(f"已生成 {path}：请逐项填写后运行 gongkai validate。")
    return 0


def _init(args: argparse.Namespace) -> int:
    from .starter import DEFAULT_URL, Government, StarterError, create

    asked = {
        "name": "发布机关全称（如 示例县人民政府）",
        "region": "所属地区全称（如 示例省示例市示例县）",
        "year": "计划年度（如 2025）",
    }
    for key, question in asked.items():
        if getattr(args, key) is None:
            if not sys.stdin.isatty():
                print(f"请用 --{key} 写明{question}", file=sys.stderr)
                return 2
            setattr(args, key, input(f"{question}：").strip())
    try:
        government = Government(args.name, args.region, int(args.year), args.site_url or DEFAULT_URL)
        written = create(args.dir, government)
    except (StarterError, ValueError) as err:
        print(
            err if isinstance(err, StarterError) else f"年度应为四位数字，如 2025（写的是 {args.year}）",
            file=sys.stderr,
        )
        return 2
    print(
        f"已在 {args.dir} 新建网站（{len(written)} 个文件）。下一步：进入该目录运行 gongkai validate 和 gongkai serve；"
    )
    print("正式上线前，请把 data/ 中的示例计划和示例进展换成本政府的数据，并在 mkdocs.yml 中填写网站地址。")
    return 0


def _generate(args: argparse.Namespace) -> int:
    from .portable import write
    from .render import SiteInfo
    from .site import generate

    site_settings = settings.read(args.config)
    info = SiteInfo(site_settings.site_url, site_settings.site_name, site_settings.edit_url)
    written = write(generate(args.data, info, load_site(args.data)), site_settings, args.out)
    print(f"已写出 {len(written)} 个文件到 {args.out}；在该目录中运行兼容 MkDocs 的生成器即可生成网站，")
    print("如 properdocs build -f mkdocs.yml 或 zensical build -f mkdocs.yml。")
    return 0


def _schema(args: argparse.Namespace) -> int:
    args.out.mkdir(parents=True, exist_ok=True)
    for name, schema in export.schemas().items():
        (args.out / name).write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(args.out / name)
    return 0


def _draft(args: argparse.Namespace) -> int:
    from .draft import DraftError, write

    if args.year is not None and not 1949 <= args.year <= 2100:
        print(f"计划年度应为 1949 至 2100 之间的四位数年份，如 2022，而不是 “{args.year}”", file=sys.stderr)
        return 2
    default = args.report.parent / "plan.draft.yaml"
    out = None if args.out == "-" else pathlib.Path(args.out) if args.out else default
    try:
        text, path = write(args.report, out, args.year)
    except DraftError as err:
        print(err, file=sys.stderr)
        return 2
    if path is None:
        sys.stdout.write(text)
    else:
        print(f"已生成草稿 {path}：请逐项核对“待核对”“待填写”处，改好后保存为 plan.yaml，再运行 gongkai validate。")
    return 0
