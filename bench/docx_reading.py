"""Reading .docx: the XML reader (textcheck/docx.py) against python-docx's paragraph walk.

Target (issue 16): any document up to 5 MB read in at most 1 s. Run by hand:
    .venv/bin/python bench/docx_reading.py

Three documents are written with python-docx (so they carry Word's full default styles part,
whose lookups made the old reader slow): a small outline, a many-paragraph outline of about
58 KB, and a 5 MB one with images. Each is read ROUNDS times by both readers; medians printed.
"""

from __future__ import annotations

import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import docx  # noqa: E402

from dlm.textcheck.reading import read_path  # noqa: E402
from tests.textcheck.sentence_bank import sentence  # noqa: E402

ROUNDS = 5


def png(size: int, seed: int) -> bytes:
    """A PNG of random pixels (incompressible), about ``size`` bytes."""
    import struct
    import zlib

    rng = random.Random(seed)
    side = int((size / 3) ** 0.5)
    raw = b"".join(b"\x00" + rng.randbytes(side * 3) for _ in range(side))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 0))
        + chunk(b"IEND", b"")
    )


def outline(paragraphs: int, images: int, path: Path) -> Path:
    rng = random.Random(paragraphs)
    document = docx.Document()
    document.add_heading("某某同志2026年度民主生活会发言提纲", level=1)
    for n in range(paragraphs):
        if n % 12 == 0:
            document.add_heading(f"（{n // 12 + 1}）方面{n // 12 + 1}", level=2)
        document.add_paragraph(f"{n % 12 + 1}.{sentence(rng)}")
    for n in range(images):
        document.add_picture(io.BytesIO(png(1_000_000, n)))
    document.save(path)
    return path


def old_way(path: Path) -> str:
    """What the reader did before: python-docx, each paragraph's style looked up."""
    document = docx.Document(str(path))
    lines = []
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        lines.append(("# " if style.startswith("Heading") else "") + paragraph.text)
    return "\n".join(lines)


def median_ms(read, path: Path) -> float:
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        read(path)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="dlm-docx-"))
    documents = [
        ("small outline", outline(40, 0, folder / "small.docx")),
        ("many paragraphs", outline(1300, 0, folder / "many.docx")),
        ("5 MB with images", outline(300, 5, folder / "images.docx")),
    ]
    print("| document | size KB | paragraphs | XML reader ms | python-docx ms | ratio |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, path in documents:
        new = median_ms(lambda p: read_path(p, max_bytes=50 * 1024 * 1024), path)
        old = median_ms(old_way, path)
        lines = read_path(path, max_bytes=50 * 1024 * 1024).text.count("\n") + 1
        size = path.stat().st_size / 1024
        print(f"| {label} | {size:.0f} | {lines} | {new:.1f} | {old:.1f} | {old / new:.1f} |")


if __name__ == "__main__":
    main()
