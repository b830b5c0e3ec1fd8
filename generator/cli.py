"""The `gongkai` command: validate, build, serve, urls, new-period, init, generate, schema, draft,
and the workbook commands (sheet_cli.py).

Exit codes: 0 success (warnings printed), 1 invalid data (every problem listed), 2 wrong usage,
3 the program itself failed (said in Chinese; GONGKAI_DEBUG=1 shows the traceback).
Run from any folder of a site: the commands find mkdocs.yml there or above, and data/ beside it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import pathlib
import sys
from typing import Any

from . import crash, export, lasting, published, settings, sheet_cli
from .load import Dataset, load_site
from .portable import ENGINES
from .problems import BuildFailed, DataError, Problem
from .usage import Parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args = _parser().parse_args(argv)  # exits 2 on wrong usage, in Chinese
    try:
        if hasattr(args, "data") and args.run is not _schema:
            locate(args)  # every command about a site's data: from any folder of the site
        return int(args.run(args) or 0)
    except DataError as err:
        _print_problems(err.problems)
        return 1
    except BuildFailed as err:
        for line in err.lines:
            print(line, file=sys.stderr)
        print("生成失败，原因如上；已有的网站保持不变。", file=sys.stderr)
        return 1
    except settings.Misplaced as err:
        print(err, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except Exception as err:
        if crash.debugging():
            raise
        print(crash.explain(err), file=sys.stderr)
        return crash.EXIT


def _parser() -> argparse.ArgumentParser:
    parser = Parser(prog="gongkai", description="公开：把年度计划和进展数据生成为公开网站。")
    sub = parser.add_subparsers(required=True, metavar="命令", title="命令")
    # Keyword arguments shared by several add_argument calls: argparse takes values of many types.
    data: dict[str, Any] = {
        "type": pathlib.Path,
        "default": None,
        "metavar": "目录",
        "help": "数据目录（默认：mkdocs.yml 旁的 data）",
    }
    config: dict[str, Any] = {
        "type": pathlib.Path,
        "default": None,
        "metavar": "文件",
        "help": "MkDocs 配置文件（默认：本目录或上级目录的 mkdocs.yml）",
    }
    strict: dict[str, Any] = {"action": "store_true", "help": "把提醒也当作问题：有提醒时退出码为 1"}

    p = sub.add_parser("validate", help="检查 data/ 下所有文件，列出全部问题和提醒")
    p.add_argument("--data", **data)
    p.add_argument("--config", **config)
    p.add_argument("--strict", **strict)
    p.set_defaults(run=_validate)

    p = sub.add_parser("build", help="检查数据并生成网站")
    p.add_argument("--data", **data)
    p.add_argument(
        "--site-dir", type=pathlib.Path, default=None, metavar="目录", help="输出目录（默认：mkdocs.yml 旁的 site）"
    )
    p.add_argument("--config", **config)
    p.add_argument("--engine", choices=ENGINES, default="mkdocs", help="生成器（默认 mkdocs，最快）")
    p.add_argument("--strict", **strict)
    p.set_defaults(run=_build)

    p = sub.add_parser("serve", help="本地预览，数据改动后自动刷新")
    p.add_argument("--data", **data)
    p.add_argument("--config", **config)
    p.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="地址:端口", help="预览地址（默认 127.0.0.1:8000）")
    p.set_defaults(run=_serve)

    p = sub.add_parser("urls", help="把本次生成的网址加入 data/published-urls.txt（已发布网址清单）")
    p.add_argument("--data", **data)
    p.add_argument("--config", **config)
    p.set_defaults(run=_urls)

    p = sub.add_parser("new-period", help="为下一个报告期生成进展文件草稿")
    p.add_argument("month", metavar="月份", help="报告期月份 YYYY-MM，如 2021-12")
    p.add_argument("--data", **data)
    p.add_argument("--config", **config)
    p.add_argument(
        "--plan", default=None, metavar="子目录", help="有多个计划时，计划所在的子目录（默认：年度与月份相同的计划）"
    )
    p.set_defaults(run=_new_period)

    p = sub.add_parser("init", help="为另一个政府新建一个网站（示例计划、设置、流水线）")
    p.add_argument("dir", type=pathlib.Path, metavar="目录", help="新网站的目录（须不存在或为空）")
    p.add_argument("--name", metavar="名称", help="发布机关全称，如 示例县人民政府")
    p.add_argument("--region", metavar="地区", help="所属地区全称，如 示例省示例市示例县")
    p.add_argument("--year", type=int, metavar="年度", help="第一份计划的年度，如 2025")
    p.add_argument(
        "--site-url", default=None, metavar="网址", help="网站发布地址，如 https://www.example.gov.cn/zwgk/gongkai/"
    )
    p.set_defaults(run=_init)

    p = sub.add_parser("generate", help="把网站页面写成文件，供其他兼容 MkDocs 的生成器使用")
    p.add_argument("--data", **data)
    p.add_argument("--config", **config)
    p.add_argument("--out", type=pathlib.Path, required=True, metavar="目录", help="输出目录")
    p.set_defaults(run=_generate)

    p = sub.add_parser("schema", help="写出 plan.yaml 与进展文件的 JSON Schema")
    p.add_argument(
        "--out", type=pathlib.Path, default=None, metavar="目录", help="输出目录（默认：数据目录中的 schema）"
    )
    p.add_argument("--data", **data)
    p.add_argument("--config", **config)
    p.set_defaults(run=_schema)

    p = sub.add_parser("draft", help="根据报告原文生成 plan.yaml 草稿，供人工核对")
    p.add_argument("report", type=pathlib.Path, metavar="原文文件", help="报告原文（UTF-8 文本文件）")
    p.add_argument(
        "--out", metavar="文件", help="草稿文件（默认为报告旁的 plan.draft.yaml，不覆盖已有文件；写 - 则输出到屏幕）"
    )
    p.add_argument("--year", type=int, metavar="年度", help="计划年度，如 2022（不写则从原文推断）")
    p.set_defaults(run=_draft)

    sheet_cli.add_commands(sub, data)  # export-sheet, import-sheet, import-plan, report: the 分解表 workflow
    return parser


def locate(args: argparse.Namespace) -> None:
    """Fill in --config and --data from the nearest mkdocs.yml, or say where to run the command."""
    args.config, args.data = settings.locate(getattr(args, "config", None), args.data)


def _print_problems(problems: list[Problem]) -> None:
    errors = [p for p in problems if not p.warning]
    for problem in problems:
        print(problem, file=sys.stderr)
    noted = f"（另有 {len(problems) - len(errors)} 条提醒）" if len(errors) < len(problems) else ""
    print(f"共 {len(errors)} 个问题{noted}，请逐条改正后再试。", file=sys.stderr)


def _print_warnings(datasets: list[Dataset], strict: bool) -> int:
    """Print the warnings; return 1 if --strict makes them count as problems."""
    warnings = sorted(w for d in datasets for w in d.warnings)
    for warning in warnings:
        print(warning, file=sys.stderr)
    if warnings and strict:
        print(f"共 {len(warnings)} 条提醒；使用了 --strict，提醒也须处理：请改正或确认后再试。", file=sys.stderr)
        return 1
    if warnings:
        print(f"共 {len(warnings)} 条提醒（见上）：数据可以使用，但请逐条核对。", file=sys.stderr)
    return 0


def _validate(args: argparse.Namespace) -> int:
    datasets = load_site(args.data, today=dt.date.today())  # the clock only for the 发布日期 warning
    check_published_urls(args.data, datasets, settings.read(args.config))
    if _print_warnings(datasets, args.strict):
        return 1
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


def _site_config(args: argparse.Namespace) -> pathlib.Path:
    """Return the mkdocs.yml a build needs, or say that it is missing."""
    if not args.config.is_file():
        raise settings.Misplaced(f"找不到 MkDocs 配置文件 {args.config}；请在网站目录（含有 mkdocs.yml 的目录）中运行")
    return args.config


def _build(args: argparse.Namespace) -> int:
    from .build import build_site  # MkDocs is only imported for the commands that need it

    config = _site_config(args)
    site_dir = args.site_dir or config.parent / "site"
    try:
        with lasting.paused():
            data = load_site(args.data)  # fail fast, with every problem, before MkDocs starts
        lasting.keep()  # the data lives to the build's end: the collector need not scan it again
        if _print_warnings(data, args.strict):
            return 1
        build_site(config, args.data, site_dir, engine=args.engine, data=data)  # BuildFailed: main says why
    finally:
        lasting.release()
    print(f"网站已生成：{site_dir}")
    return 0


def _urls(args: argparse.Namespace) -> int:
    import tempfile

    from .build import build_site

    config = _site_config(args)
    load_site(args.data)
    with tempfile.TemporaryDirectory() as scratch:
        build_site(config, args.data, pathlib.Path(scratch) / "site", update_urls=True)
    print(f"已更新 {args.data / published.FILE}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .build import serve_site

    config = _site_config(args)
    serve_site(config, args.data, args.dev_addr)
    return 0


def _new_period(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, write_new_period

    try:
        path = write_new_period(load_site(args.data), args.data, args.month, args.plan)
    except ScaffoldError as err:
        print(err, file=sys.stderr)
        return 2
    print(f"已生成 {path}：请逐项填写，填好的任务删去 draft: true 一行，然后运行 gongkai validate。")
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


def _schema(args: argparse.Namespace) -> int:
    if args.out is None:
        locate(args)
        args.out = args.data / "schema"
    args.out.mkdir(parents=True, exist_ok=True)
    for name, schema in export.schemas().items():
        (args.out / name).write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(args.out / name)
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
