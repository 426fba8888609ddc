"""Whatever text arrives, the analyser answers and every span lies inside that text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlm.textcheck.analyse import analyse
from dlm.textcheck.errors import UnreadableDocument

PIECES = [
    "一、",
    "（一）",
    "(二)",
    "1.",
    "2、",
    "（1）",
    "①",
    "一是",
    "二是",
    "第一，",
    "**",
    "# ",
    "## ",
    "存在的问题",
    "原因剖析",
    "整改措施",
    "个人有关事项",
    "比如",
    "×",
    "XX",
    "……",
    "同志",
    "：",
    "书记：",
    "成员Ａ：",
    "时间：",
    "出席人：",
    "主持人：",
    "内容：",
    "我对×同志提两点意见：",
    "虚心接受",
    "下面，请",
    "发言。",
    "班子",
    "。",
    "\n",
    "\n\n",
    "　",
    " ",
    "\t",
    "学习不够",
]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=80).map("".join)


def spans(value):
    if isinstance(value, dict):
        if "start" in value and "end" in value and value["start"] is not None:
            yield value["start"], value["end"]
        for item in value.values():
            yield from spans(item)
    elif isinstance(value, list):
        for item in value:
            yield from spans(item)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from([None, "material", "minutes"]))
def test_never_crashes_and_spans_stay_inside(text, kind):
    try:
        result = analyse("民主生活会对照检查材料正文\n" + text, kind=kind)
    except UnreadableDocument:
        return
    length = result["chars"]
    for start, end in spans(result):
        assert 0 <= start <= end <= length


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_is_answered_or_refused(text):
    try:
        analyse(text)
    except UnreadableDocument as refused:
        assert refused.message
