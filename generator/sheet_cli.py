"""The workbook commands: export-sheet, import-sheet, import-plan and report (the 分解表 workflow).

Exit codes as for every command: 0 success (warnings printed), 1 invalid input with every problem
listed (DataError, printed by cli.main), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import functools
import pathlib
import sys
from collections.abc import Callable
from typing import Any

from .load import Dataset, load_site
from .scaffold import ScaffoldError, check_month, pick_plan


def add_commands(sub: Any, data: dict[str, Any]) -> None:
    """Add the workbook subcommands to the `gongkai` parser."""
    plan = {"default": None, "help": "有多个计划时，计划所在的子目录（默认：年度与月份相同的计划）"}

    p = sub.add_parser("export-sheet", help="生成各单位填写进展用的填报表（.xlsx）")
    p.add_argument("--period", default=None, help="报告期月份 YYYY-MM（默认：最新一期之后的下一期）")
    p.add_argument("--by-unit", action="store_true", help="按牵头单位各生成一个工作簿，文件名为单位名称")
    p.add_argument("--plan", **plan)
    p.add_argument("--out", type=pathlib.Path, required=True, help="输出目录")
    p.add_argument("--data", **data)
    p.set_defaults(run=_export_sheet)

    p = sub.add_parser("import-sheet", help="把各单位交回的填报表合并为该期进展文件")
    p.add_argument("month", help="报告期月份 YYYY-MM，如 2021-09")
    p.add_argument("files", nargs="+", type=pathlib.Path, help="填好的工作簿（.xlsx、.xls 或 .ods），可以有多个")
    p.add_argument("--plan", **plan)
    p.add_argument("--overwrite", action="store_true", help="进展文件中已有不同的值时，以填报表为准（默认报告冲突）")
    p.add_argument("--data", **data)
    p.set_defaults(run=_import_sheet)

    p = sub.add_parser("import-plan", help="从任务分解表（.xlsx、.xls 或 .ods）起草 plan.yaml")
    p.add_argument("file", type=pathlib.Path, help="任务分解表工作簿")
    p.add_argument("--out", type=pathlib.Path, default=pathlib.Path("plan.yaml"), help="草稿文件（默认 plan.yaml）")
    p.add_argument("--source", type=pathlib.Path, default=None, help="报告原文（默认：草稿旁或工作簿旁的 source.txt）")
    p.add_argument("--year", type=int, default=None, help="计划年度（默认：从表格标题中读出）")
    p.set_defaults(run=_import_plan)

    p = sub.add_parser("report", help="生成某一报告期的督查通报（.docx 和 .xlsx）")
    p.add_argument("month", help="报告期月份 YYYY-MM，如 2021-06")
    p.add_argument("--plan", **plan)
    p.add_argument("--out", type=pathlib.Path, default=pathlib.Path("."), help="输出目录（默认当前目录）")
    p.add_argument("--data", **data)
    p.set_defaults(run=_report)


def _usage_errors(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn wrong usage (a bad month, no --plan, a file in the way) into its message and exit code 2."""

    @functools.wraps(run)
    def wrapped(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except ScaffoldError as err:
            print(err, file=sys.stderr)
        except FileExistsError as err:
            print(f"{args.out} 中已有 {err}，不会覆盖；请先移走这些文件或换一个 --out 目录", file=sys.stderr)
        return 2

    return wrapped


def _plan_for(args: argparse.Namespace, month: str | None) -> Dataset:
    """Load the data and choose the plan a command works on."""
    return pick_plan(load_site(args.data), int(month[:4]) if month else None, args.plan)


@_usage_errors
def _export_sheet(args: argparse.Namespace) -> int:
    from .sheet_export import export, next_period

    month = check_month(args.period) if args.period else None
    data = _plan_for(args, month)
    month = month or next_period(data)
    written = export(data, args.out, month, by_unit=args.by_unit)
    for path in written:
        print(path)
    print(f"已生成 {len(written)} 个填报表，报告期 {month}：请发给各单位填写本期实际值、状态、进展情况和佐证材料。")
    return 0


@_usage_errors
def _import_sheet(args: argparse.Namespace) -> int:
    from .sheet_merge import import_sheets

    data = _plan_for(args, check_month(args.month))
    files = [(path, str(path)) for path in args.files]
    done = import_sheets(data, args.data, args.month, files, overwrite=args.overwrite)
    for warning in done.warnings:
        print(f"注意：{warning}", file=sys.stderr)
    for change in done.changes:
        print(change)
    print(f"已写入 {done.path}（{len(done.changes)} 处变化）：请核对并填写发布日期，再运行 gongkai validate。")
    return 0


@_usage_errors
def _import_plan(args: argparse.Namespace) -> int:
    from .plan_import import write_plan_draft

    path, unquoted = write_plan_draft(args.file, args.out, args.source, args.year)
    print(f"已生成 {path}。请逐项核对：行动和举措的标题、任务编号、目标值（targets）需人工补充或确认。")
    if unquoted:
        print(f"有 {unquoted} 项任务的内容在原文中找不到，已标注“# 待核对：原文中找不到”。", file=sys.stderr)
    return 0


@_usage_errors
def _report(args: argparse.Namespace) -> int:
    from .report import write_report

    data = _plan_for(args, check_month(args.month))
    if args.month not in dict(data.periods):
        names = "、".join(name for name, _ in data.periods) or "（还没有）"
        raise ScaffoldError(f"没有 {args.month} 的进展文件；已有的报告期：{names}")
    for path in write_report(data, args.month, args.out):
        print(path)
    print(f"已生成 {args.month} 的督查通报（Word 和表格各一份），请核对后印发。")
    return 0
