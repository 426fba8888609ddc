"""Minutes in both layouts: header, speakers, turns, targets resolved from context."""

from __future__ import annotations

from dlm.textcheck.analyse import analyse
from tests.textcheck.conftest import fixture_text


def minutes(name: str) -> dict:
    result = analyse(fixture_text(name))
    assert result["kind"] == "minutes"
    return result["minutes"]


def roles(found: dict) -> list[tuple]:
    return [(t["speaker"], t["role"], t["target"]) for t in found["turns"]]


def test_labels_on_their_own_line():
    found = minutes("minutes_alone.txt")

    assert found["header"]["present"] == ["魏东升", "蒋丽华", "袁国强", "钟慧敏"]
    assert found["header"]["attending"] == ["马建军", "石磊"]
    assert found["header"]["host"] == "魏东升"
    assert found["header"]["recorder"] == "石磊"
    assert len(found["header"]["agenda"]) == 4
    assert found["speakers"] == ["魏东升", "蒋丽华", "袁国强", "钟慧敏", "马建军"]
    assert roles(found) == [
        ("魏东升", "host", None),
        ("魏东升", "report", None),
        ("魏东升", "team_material", None),
        ("魏东升", "self_criticism", None),
        ("蒋丽华", "criticism", "魏东升"),
        ("袁国强", "criticism", "魏东升"),
        ("魏东升", "response", None),
        ("魏东升", "host", None),
        ("蒋丽华", "self_criticism", None),
        ("魏东升", "host", None),
        ("袁国强", "criticism", "蒋丽华"),
        ("钟慧敏", "criticism", "蒋丽华"),
        ("蒋丽华", "response", None),
        ("魏东升", "host", None),
        ("马建军", "guidance", None),
        ("魏东升", "summary", None),
    ]
    assert found["criticism_turns_by_target"] == {"魏东升": 2, "蒋丽华": 2}
    assert found["criticism_points_by_target"] == {"魏东升": 3, "蒋丽华": 3}


def test_labels_that_start_the_paragraph():
    found = minutes("minutes_inline.txt")

    assert found["header"]["present"] == ["叶文博", "许晓婷", "姚振华", "杜明轩"]
    assert found["speakers"] == ["叶文博", "许晓婷", "姚振华", "杜明轩"]
    assert [r for r in roles(found) if r[1] in ("self_criticism", "criticism", "response")] == [
        ("叶文博", "self_criticism", None),
        ("许晓婷", "criticism", "叶文博"),
        ("姚振华", "criticism", "叶文博"),
        ("叶文博", "response", None),
        ("许晓婷", "self_criticism", None),
        ("杜明轩", "criticism", "许晓婷"),
        ("姚振华", "criticism", "许晓婷"),
        ("许晓婷", "response", None),
    ]
    assert found["criticism_points_by_target"] == {"叶文博": 3, "许晓婷": 4}


def test_placeholder_target_is_the_member_under_review():
    text = (
        "会议记录\n时间：某日\n地点：会议室\n出席人：甲书记、乙委员、丙委员\n主持人：甲书记\n内容：\n"
        "甲书记：\n下面，请×同志发言。\n乙委员：\n一是学习不够，比如某事。\n"
        "丙委员：\n我对×同志提两点意见：一是调研少。二是作风不实。\n"
        "乙委员：\n感谢大家的批评，我虚心接受。\n"
    )

    found = analyse(text)["minutes"]

    criticism = [t for t in found["turns"] if t["role"] == "criticism"]
    assert [(t["speaker"], t["target"], t["points"]) for t in criticism] == [
        ("丙委员", "乙委员", 2)
    ]


def test_speaker_names_are_normalised():
    text = (
        "会议记录\n时　间：某日\n出席人：书　记、成员Ａ\n主持人：书　记\n内容：\n"
        "书　记：\n首先，由我进行发言。一是学习不够，比如某事。以上是我的对照检查材料，请大家批评。\n"
        "成员Ａ：\n我给书记同志提一点意见：调研不深。\n"
    )

    found = analyse(text)["minutes"]

    assert found["speakers"] == ["书记", "成员A"]
    assert found["criticism_turns_by_target"] == {"书记": 1}


def test_minutes_written_as_a_summary_in_the_third_person_have_the_same_structure():
    from dlm.textcheck.minutes import read_minutes

    text = (
        "河西镇党委2026年度民主生活会会议纪要\n时间：2026年12月11日\n地点：镇会议室\n"
        "主持人：周平\n出席：周平、吴敏、郑凯\n会议由周平同志主持。\n"
        "周平同志代表镇党委班子作对照检查，查摆了四个方面的问题。\n"
        "周平同志作个人对照检查，他坦言抓产业项目有急于求成的倾向。\n"
        "吴敏同志对周平同志提出批评意见：一是下村次数偏少；二是听取意见不够充分。\n"
        "郑凯同志对周平同志提出批评意见：一是对村级财务监督不严；二是会议偏多。\n"
        "周平同志表示，诚恳接受大家的批评，逐条整改。\n"
        "吴敏同志作个人对照检查，表示在分管的安全生产上存在松懈思想。\n"
        "郑凯同志指出，吴敏同志一是隐患排查不细；二是夜查次数偏少。\n"
        "周平同志对吴敏同志提出批评意见：一是督办不力；二是台账不全。\n"
        "吴敏同志表示，虚心接受批评。\n"
    )
    turns = [(t["speaker"], t["role"], t["target"]) for t in read_minutes(text)["turns"]]
    assert turns == [
        ("周平", "team_material", None),
        ("周平", "self_criticism", None),
        ("吴敏", "criticism", "周平"),
        ("郑凯", "criticism", "周平"),
        ("周平", "response", None),
        ("吴敏", "self_criticism", None),
        ("郑凯", "criticism", "吴敏"),
        ("周平", "criticism", "吴敏"),
        ("吴敏", "response", None),
    ]


def test_labels_as_offices_write_them_are_read_as_the_people_they_name():
    from dlm.textcheck.minutes import read_minutes

    text = (
        "河西镇党委民主生活会会议记录\n时间：2026年12月11日\n"
        "周书记：下面我代表镇党委班子作对照检查。\n"
        "周书记：我作个人对照检查。我在抓产业项目上有急于求成的倾向，请大家批评。\n"
        "吴镇长：对周书记提两点意见：一是下村次数偏少；二是听取意见不够充分。\n"
        "郑凯：对周书记提两点意见：一是对村级财务监督不严；二是会议偏多。\n"
        "王秀英（村民代表）：我说两句，希望领导多到村里来。\n"
        "周书记：大家的批评我全部接受，一定逐条整改。\n"
        "孙组长点评：这次会议准备充分，批评开门见山。\n"
    )
    people = ["周平", "吴敏", "郑凯", "孙立国"]
    turns = [(t["speaker"], t["role"], t["target"]) for t in read_minutes(text, people)["turns"]]
    assert turns == [
        ("周平", "team_material", None),
        ("周平", "self_criticism", None),
        ("吴敏", "criticism", "周平"),
        ("郑凯", "criticism", "周平"),
        ("王秀英", "other", None),
        ("周平", "response", None),
        ("孙立国", "guidance", None),
    ]
