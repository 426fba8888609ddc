"""`dlm copycheck FILE --against PATH... [--json]` and `dlm copycheck --within FOLDER [--json]`.

Offsets in the output are in each file's text as `dlm analyse` reads it. Unreadable files are
named on stderr and left out; nothing is compared with itself, and the same content under two
names is reported as a full copy, once.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from dlm.textcheck.copying.check import Fingerprinted, add, check
from dlm.textcheck.copying.index import FingerprintIndex
from dlm.textcheck.errors import UnreadableDocument
from dlm.textcheck.reading import TEXT_SUFFIXES, read_path

SUFFIXES = TEXT_SUFFIXES | {".docx"}


class ChineseParser(argparse.ArgumentParser):
    def error(self, message: str):
        self.exit(2, f"dlm copycheck：参数有误（{message}）\n")


def parser() -> argparse.ArgumentParser:
    p = ChineseParser(prog="dlm copycheck", description="查找材料之间相互抄袭的段落")
    p.add_argument("file", nargs="?", help="要检查的文件")
    p.add_argument("--against", nargs="+", default=[], help="比对的文件或文件夹")
    p.add_argument("--within", help="文件夹：两两比对其中所有文件")
    p.add_argument(
        "--boilerplate",
        nargs="+",
        default=[],
        help="人人可引用的文字（通知、对照检查方面），不算雷同",
    )
    p.add_argument("--json", action="store_true", help="输出 JSON")
    return p


def collect(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES)
        else:
            found.append(path)
    return found


def load(paths: list[Path]) -> tuple[list[Path], list[str]]:
    kept, texts = [], []
    for path in paths:
        try:
            texts.append(read_path(path).text)
            kept.append(path)
        except UnreadableDocument as error:
            print(f"dlm copycheck：跳过 {path}：{error.message}", file=sys.stderr)
    return kept, texts


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    if bool(args.within) == bool(args.file):
        print(
            "dlm copycheck：请给出一个文件和 --against，或只给出 --within 文件夹", file=sys.stderr
        )
        return 2
    if args.file and not args.against:
        print("dlm copycheck：请用 --against 给出比对的文件或文件夹", file=sys.stderr)
        return 2
    if args.within and not Path(args.within).is_dir():
        print(f"dlm copycheck：找不到文件夹 {args.within}", file=sys.stderr)
        return 2
    if args.file:
        try:
            subject_text = read_path(args.file).text
        except UnreadableDocument as error:
            print(f"dlm copycheck：{error.message}", file=sys.stderr)
            return 2
        subject = Path(args.file).resolve()
        others = [p for p in collect(args.against) if p.resolve() != subject]
        paths, texts = load(others)
        paths, texts = [Path(args.file), *paths], [subject_text, *texts]
        subjects = [0]
    else:
        paths, texts = load(collect([args.within]))
        subjects = list(range(len(paths)))
    _, common = load(collect(args.boilerplate))
    result = compare(paths, texts, subjects, common)
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(report(result))
    return 0


def compare(
    paths: list[Path], texts: list[str], subjects: list[int], common: Sequence[str] = ()
) -> dict:
    index = FingerprintIndex()
    for text in common:
        index.add_boilerplate(Fingerprinted.of(text).prepared.hashes)
    for doc_id, text in enumerate(texts):
        if doc_id not in subjects or len(subjects) > 1:
            add(index, doc_id, text)
    matches, boilerplate, seen = [], {}, set()
    for subject in subjects:
        found = check(
            texts[subject], index, lambda ids: {i: texts[i] for i in ids}, exclude=subject, limit=50
        )
        boilerplate[str(paths[subject])] = round(found.boilerplate_share, 4)
        for match in found.matches:
            pair = frozenset((subject, match.other))
            if pair in seen:
                continue
            seen.add(pair)
            row = match.as_dict()
            row["a"], row["b"] = str(paths[subject]), str(paths[match.other])
            matches.append(row)
    return {
        "documents": [str(p) for p in paths],
        "matches": matches,
        "boilerplate_share": boilerplate,
    }


def report(result: dict) -> str:
    lines = [f"比对文件：{len(result['documents'])} 个，发现雷同：{len(result['matches'])} 对"]
    for match in result["matches"]:
        lines.append(
            f"{match['a']} ← {match['b']}：本文 {match['copied_share_a']:.0%} 雷同，"
            f"占对方 {match['copied_share_b']:.0%}，整体相似度 {match['similarity']:.2f}"
        )
        for p in match["passages"][:10]:
            kind = "原文照搬" if p["kind"] == "exact" else "改写"
            lines.append(
                f"  [{kind}] 本文 {p['a_start']}–{p['a_end']} ↔ 对方 {p['b_start']}–{p['b_end']}"
            )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    sys.exit(run(sys.argv[1:] if argv is None else argv))
