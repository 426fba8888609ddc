"""The four real documents in ../shared/seeds, against answers counted by hand.

Skipped when the folder is absent: the seeds are not ours and are never copied here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from dlm.textcheck.analyse import analyse

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")


def seed(prefix: str) -> dict:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return analyse(path.read_text(encoding="utf-8"))


def test_seed_000_minutes_of_a_street_committee():
    result = seed("000")
    minutes = result["minutes"]
    roles = Counter(turn["role"] for turn in minutes["turns"])

    assert result["kind"] == "minutes"
    assert len(minutes["speakers"]) == 10
    assert (roles["criticism"], roles["response"], roles["self_criticism"]) == (19, 9, 9)
    assert (roles["report"], roles["team_material"], roles["guidance"], roles["summary"]) == (
        1,
        1,
        1,
        1,
    )
    assert minutes["header"]["host"] == "书记"
    assert minutes["header"]["recorder"] == "党办主任"
    assert len(minutes["header"]["present"]) == 9
    assert len(minutes["header"]["agenda"]) == 5
    # the ninth member, 成员F, is criticised by three colleagues, everyone else by two
    assert minutes["criticism_turns_by_target"]["成员F"] == 3
    assert sorted(minutes["criticism_turns_by_target"].values()) == [2] * 8 + [3]


def test_seed_001_city_team_material():
    result = seed("001")
    material = result["material"]

    assert result["kind"] == "material"
    assert material["scope"] == "team"
    assert material["missing_parts"] == ["personal_matters"]
    assert [len(a["problems"]) for a in material["aspects"]] == [3, 3, 4, 5, 4]
    assert (len(material["causes"]), len(material["measures"])) == (4, 5)


def test_seed_002_collection_of_plans_and_outlines():
    result = seed("002")

    assert result["kind"] == "plan"
    assert len([node for node in result["outline"] if node["label"] == "#"]) == 9


def test_seed_003_district_report():
    result = seed("003")

    assert result["kind"] == "report"
    assert [node["label"] for node in result["outline"]] == ["一、", "二、", "三、", "四、"]
    assert len(result["placeholders"]) > 50  # a template: X for every name, date and count
