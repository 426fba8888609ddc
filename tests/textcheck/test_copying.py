"""The copy finder: passages that land on the user's text, edges, boilerplate, odd input."""

from __future__ import annotations

import random
import time

import numpy as np
import pytest

from dlm.textcheck.copying.align import Prepared, align
from dlm.textcheck.copying.check import add, check
from dlm.textcheck.copying.fingerprints import WINDOW, K, kgram_hashes, winnow
from dlm.textcheck.copying.index import FingerprintIndex
from dlm.textcheck.copying.normalise import normalise
from tests.textcheck.sentence_bank import document, sentence


def doc(seed: int, chars: int = 1500) -> str:
    return document(random.Random(seed), chars)


def bare(text: str) -> str:
    return text.strip().rstrip("。，；、\n")


def passages(a: str, b: str, edited: bool = True):
    return align(Prepared.of(a), Prepared.of(b), edited=edited)


def test_normalisation_folds_width_and_drops_marks_keeping_offsets():
    text = "**一、学习　不够！**ＡＢＣ１２"

    codes, offsets = normalise(text)

    assert "".join(map(chr, codes)) == "一学习不够abc12"
    assert [text[i] for i in offsets] == list("一学习不够ＡＢＣ１２")


def test_kgram_hashes_match_for_equal_text_at_any_offset():
    codes, _ = normalise("甲乙丙" + "相同的一段文字内容在这里出现" + "丁戊")
    other, _ = normalise("相同的一段文字内容在这里出现")

    assert set(kgram_hashes(other).tolist()) <= set(kgram_hashes(codes).tolist())


def test_winnowing_guarantees_a_shared_fingerprint_for_long_enough_runs():
    rng = random.Random(1)
    shared = document(rng, 200)[: K + WINDOW - 1 + 5]
    a = doc(2, 500) + shared + doc(3, 500)
    b = doc(4, 300) + shared

    fa, _ = winnow(Prepared.of(a).hashes)
    fb, _ = winnow(Prepared.of(b).hashes)

    assert np.intersect1d(fa, fb).size >= 1


@pytest.mark.parametrize("where", ["start", "end", "middle", "whole"])
def test_copy_anywhere_is_found_exactly(where):
    source = doc(10)
    piece = source[200:700]
    a = {
        "start": piece + doc(11, 800),
        "end": doc(11, 800) + piece,
        "middle": doc(11, 400) + piece + doc(12, 400),
        "whole": source,
    }[where]
    expected = source if where == "whole" else piece

    [found] = passages(a, source, edited=False)

    # passages run from the first to the last copied character; trailing punctuation is not text
    assert a[found.a_start : found.a_end] == bare(expected)
    assert source[found.b_start : found.b_end] == bare(expected)


def test_reordered_paragraphs_are_each_found():
    source = doc(20, 3000)
    paragraphs = source.split("\n")
    first, second = "\n".join(paragraphs[2:6]), "\n".join(paragraphs[10:14])
    a = second + "\n" + doc(21, 300) + "\n" + first

    found = passages(a, source, edited=False)

    assert len(found) == 2
    for paragraph, passage in zip([second, first], found, strict=True):
        copied = a[passage.a_start : passage.a_end]
        assert bare(paragraph) in copied
        assert len(copied) <= len(paragraph) + 5  # a coincidence at the edge, at most


def test_a_copied_paragraph_with_a_few_characters_changed_is_one_passage():
    source = doc(30, 2000)
    piece = source[300:900]
    changed = piece[:100] + "改" + piece[101:300] + "动" + piece[301:]
    a = doc(31, 300) + changed + doc(32, 300)

    found = passages(a, source)

    assert len(found) == 1
    assert found[0].a_end - found[0].a_start == len(changed)


def test_edited_sentences_are_found_and_marked_edited():
    rng = random.Random(40)
    originals = [sentence(rng) for _ in range(6)]
    source = "\n".join(originals)
    edited = [s.replace("比如", "例如").replace("在", "于", 1) for s in originals[:3]]
    a = "\n".join(edited + [sentence(rng) for _ in range(3)])

    found = passages(a, source)

    assert found and all(p.kind in ("exact", "edited") for p in found)
    covered = sum(p.a_end - p.a_start for p in found)
    assert covered >= 0.8 * sum(len(s) for s in edited)


def test_unrelated_texts_share_nothing():
    assert passages(doc(50), doc(51)) == []


@pytest.mark.parametrize("text", ["", "短", "abc def", "！！！", "　\n\n"])
def test_empty_tiny_and_non_chinese_texts_are_answered(text):
    index = FingerprintIndex()
    add(index, 1, doc(60))
    add(index, 2, text)

    result = check(text, index, getter({1: doc(60), 2: text}))

    assert result.matches == []
    assert passages(text, doc(60)) == []


def getter(texts: dict[int, str]):
    return lambda ids: {i: texts[i] for i in ids if i in texts}


def index_of(texts: dict[int, str], boilerplate: list[str] = ()) -> FingerprintIndex:
    index = FingerprintIndex()
    for text in boilerplate:
        index.add_boilerplate(Prepared.of(text).hashes)
    for doc_id, text in texts.items():
        add(index, doc_id, text)
    return index


def test_check_ranks_the_source_and_reports_shares():
    texts = {i: doc(100 + i, 2000) for i in range(30)}
    query = doc(200, 1000) + texts[7][500:1500]
    index = index_of(texts)

    result = check(query, index, getter(texts))

    assert result.matches[0].other == 7
    assert result.matches[0].copied_share_a == pytest.approx(0.5, abs=0.05)
    assert result.matches[0].copied_share_b == pytest.approx(0.5, abs=0.05)


def test_same_document_twice_is_a_full_copy():
    text = doc(300)
    index = index_of({1: text, 2: text})

    result = check(text, index, getter({1: text, 2: text}), exclude=1)

    assert [m.other for m in result.matches] == [2]
    assert result.matches[0].copied_share_a == pytest.approx(1.0)


def test_boilerplate_only_is_not_copying():
    notice = "对照检查的方面：深入学习贯彻党的创新理论，坚定理想信念，践行初心使命，勇于担当作为。"
    a = doc(400) + "\n" + notice + "\n" + doc(401)
    b = doc(402) + "\n" + notice + "\n" + doc(403)
    index = index_of({2: b}, boilerplate=[notice])

    result = check(a, index, getter({2: b}))

    assert result.matches == []
    assert result.boilerplate_share > 0


SLOGAN = "以高质量党建引领基层治理现代化，推动各项工作再上新台阶，奋力谱写新时代发展新篇章。"


def test_language_of_many_units_over_several_campaigns_is_common_not_copying():
    texts = {i: doc(500 + i, 600) + SLOGAN + doc(700 + i, 600) for i in range(40)}
    index = index_of(texts)
    for i in texts:  # forty units over four years
        index.set_group(i, campaign=2023 + i % 4, unit=100 + i)

    prefix = doc(999, 600)
    result = check(prefix + SLOGAN, index, getter(texts))

    assert result.matches == []
    start, end = result.boilerplate[0]
    assert len(prefix) <= start < end <= len(prefix) + len(SLOGAN)
    assert result.common_share > 0


def test_the_same_text_in_many_units_of_one_campaign_is_copying_not_boilerplate():
    texts = {i: doc(500 + i, 600) + SLOGAN * 3 + doc(700 + i, 600) for i in range(40)}
    index = index_of(texts)
    for i in texts:  # forty units, one campaign: a cluster of copies
        index.set_group(i, campaign=2026, unit=100 + i)

    result = check(doc(999, 600) + SLOGAN * 3, index, getter(texts))

    assert result.matches and result.common_share == 0


def test_thousands_of_near_identical_templates_stay_fast():
    template = doc(800, 3000)
    texts = {i: template.replace("比如", f"例如第{i}次", 1) for i in range(2000)}
    index = index_of(texts)
    query = doc(801, 1000) + template[:1500]

    start = time.perf_counter()
    result = check(query, index, getter(texts), limit=10)
    elapsed = time.perf_counter() - start

    assert len(result.matches) <= 10
    assert elapsed < 5  # bounded by the candidate limit, not by the 2,000 copies


def test_documents_added_after_the_first_check_are_found_from_the_delta():
    texts = {i: doc(1000 + i, 1500) for i in range(20)}
    index = index_of(texts)
    check(doc(1100), index, getter(texts))  # builds the sorted arrays
    texts[99] = doc(1101, 600) + texts[3][200:900]
    add(index, 99, texts[99])

    result = check(texts[3], index, getter(texts), exclude=3)

    assert [m.other for m in result.matches] == [99]
    assert index._delta_size > 0  # found without merging the delta into the main array
