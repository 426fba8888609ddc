"""`dlm analyse PATH [--aspects FILE] [--json] [--rules FILE] [--max-mb N] [--kind KIND]`.

Runs without Django. Any file it cannot read ends with one Chinese line on stderr and exit
status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dlm.textcheck.analyse import analyse
from dlm.textcheck.errors import UnreadableDocument
from dlm.textcheck.reading import DEFAULT_MAX_BYTES, decode_text, read_path
from dlm.textcheck.report import render_report
from dlm.textcheck.rules import RuleSet

KINDS = [
    "material",
    "minutes",
    "plan",
    "report",
    "briefing",
    "notice",
    "rectification_list",
    "other",
]


class ChineseParser(argparse.ArgumentParser):
    def error(self, message: str):
        self.exit(2, f"dlm analyse：参数有误（{message}）\n")


def parser() -> argparse.ArgumentParser:
    p = ChineseParser(prog="dlm analyse", description="分析民主生活会材料、会议记录等文件")
    p.add_argument("path", help=".docx、.txt 或 .md 文件")
    p.add_argument("--aspects", help="对照检查方面，UTF-8 文本，每行一个方面的全文")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument("--rules", help="规则和阈值（JSON），覆盖默认值")
    p.add_argument("--max-mb", type=float, default=DEFAULT_MAX_BYTES / 1024 / 1024)
    p.add_argument("--kind", choices=KINDS, help="指定文件类别，不自动识别")
    return p


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    try:
        document = read_path(args.path, max_bytes=int(args.max_mb * 1024 * 1024))
        aspects = read_aspects(args.aspects) if args.aspects else None
        rules = RuleSet.from_dict(read_rules(args.rules)) if args.rules else None
        result = analyse(
            document.text,
            aspects=aspects,
            rules=rules,
            kind=args.kind,
            headings=document.headings,
        )
    except UnreadableDocument as error:
        print(f"dlm analyse：{error.message}", file=sys.stderr)
        return 2
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_report(result, document.text, Path(args.path).name))
    return 0


def read_aspects(path: str) -> list[str]:
    try:
        text, _ = decode_text(Path(path).read_bytes())
    except OSError:
        raise UnreadableDocument(f"找不到对照检查方面文件：{path}") from None
    aspects = [line.strip() for line in text.split("\n") if line.strip()]
    if not aspects:
        raise UnreadableDocument("对照检查方面文件是空的")
    return aspects


def read_rules(path: str) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError:
        raise UnreadableDocument(f"找不到规则文件：{path}") from None
    except (ValueError, UnicodeDecodeError):
        raise UnreadableDocument("规则文件不是有效的 UTF-8 JSON") from None
    if not isinstance(data, dict):
        raise UnreadableDocument("规则文件应是一个 JSON 对象")
    return data


def main(argv: list[str] | None = None) -> None:
    sys.exit(run(sys.argv[1:] if argv is None else argv))
