"""Speed of the document reader.

Targets (issue 3):
- `dlm analyse` on an 18,000-character minutes file: under 50 ms of analysis;
- a folder of 1,000 documents: at least 100 documents per second on one core.

Run by hand: ``.venv/bin/python bench/analyse.py``. The documents are generated here in the
genre of our test fixtures (no seed text). Medians of repeated runs are reported, with the
time to merely read and decode the same files as a baseline measured in the same run.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dlm.textcheck.analyse import analyse  # noqa: E402
from dlm.textcheck.reading import read_path  # noqa: E402

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "textcheck" / "fixtures"
MEMBERS = ["张建国", "李文华", "王晓明", "赵丽娟", "陈志强", "刘海燕", "杨国平", "周晓东", "吴秀兰"]
PROBLEM = (
    "{n}是{topic}还不够到位，比如在推进{topic}工作时，满足于完成上级交办的任务，"
    "主动谋划少，深入一线调研少，对群众反映的问题跟踪落实不够及时。"
)
TOPICS = ["理论学习", "调查研究", "作风建设", "基层治理", "安全生产", "意识形态", "廉洁自律"]
NUMERALS = "一二三四五六七八九"


def minutes_text(target_chars: int) -> str:
    lines = [
        "某街道党工委民主生活会会议记录",
        "时  间：2026年12月10日9:00—17:00",
        "地  点：二楼会议室",
        "出席人：" + "、".join(MEMBERS),
        "主持人：" + MEMBERS[0],
        "记录人：党政办主任",
        "内  容：",
    ]
    round_ = 0
    while len("\n".join(lines)) < target_chars:
        for index, member in enumerate(MEMBERS):
            lines += [f"{MEMBERS[0]}：", f"下面，请{member}同志发言。", f"{member}："]
            lines += ["一、存在的突出问题"]
            for k in range(4):
                topic = TOPICS[(index + k + round_) % len(TOPICS)]
                lines.append(f"（{NUMERALS[k]}）" + PROBLEM.format(n="一", topic=topic))
            lines.append("以上是我的对照检查，请大家批评。")
            for other in MEMBERS[index + 1 : index + 3] or MEMBERS[:2]:
                lines += [
                    f"{other}：",
                    f"我对{member}同志提两点意见：一是调研不深。二是抓落实不够。",
                ]
            lines += [f"{member}：", "感谢大家的批评，我虚心接受。"]
            if len("\n".join(lines)) >= target_chars:
                break
        round_ += 1
    return "\n".join(lines)[:target_chars]


def timed(function, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    minutes = minutes_text(18_000)
    result = analyse(minutes)
    assert result["kind"] == "minutes", result["kind"]
    one = timed(lambda: analyse(minutes), 30) * 1000
    turns = len(result["minutes"]["turns"])

    folder = Path(tempfile.mkdtemp(prefix="dlm-bench-analyse-"))
    sources = sorted(FIXTURES.glob("*.txt")) + sorted(FIXTURES.glob("*.md"))
    sources = [s for s in sources if s.name != "aspects.txt"]
    for i in range(1000):
        source = sources[i % len(sources)]
        text = source.read_text(encoding="utf-8")
        # every tenth document is a long minutes file, as a real folder would hold
        if i % 10 == 0:
            text = minutes_text(12_000)
        (folder / f"{i:04d}{source.suffix}").write_text(text, encoding="utf-8")
    paths = sorted(folder.iterdir())

    def read_all():
        for path in paths:
            read_path(path)

    def analyse_all():
        for path in paths:
            analyse(read_path(path).text)

    read_seconds = timed(read_all, 3)
    folder_seconds = timed(analyse_all, 3)
    print(f"minutes: {len(minutes)} characters, {turns} turns\n")
    print("| measurement | median | target |")
    print("| --- | ---: | ---: |")
    print(f"| analyse one 18,000-char minutes | {one:.1f} ms | < 50 ms |")
    print(f"| read+decode 1,000 files (baseline) | {read_seconds:.2f} s | |")
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    real = sorted(seeds.glob("000_*.txt")) if seeds.is_dir() else []
    if real:
        text = real[0].read_text(encoding="utf-8")
        seed_ms = timed(lambda: analyse(text), 30) * 1000
        label = f"analyse the seed minutes ({len(text)} chars, read only)"
        print(f"| {label} | {seed_ms:.1f} ms | < 50 ms |")
    print(
        f"| read+analyse 1,000 files | {folder_seconds:.2f} s = {1000 / folder_seconds:.0f} docs/s "
        f"({folder_seconds / read_seconds:.1f}× reading alone) | ≥ 100 docs/s |"
    )


if __name__ == "__main__":
    main()
