"""`dlm analyse` as a user runs it: a report, JSON, and exit 2 with one line on bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.textcheck.conftest import FIXTURES

KEYS = {"kind", "chars", "outline", "placeholders", "findings"}


def dlm(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dlm.cli", "analyse", *args], capture_output=True, text=True
    )


def test_json_output_has_the_documented_keys():
    done = dlm(
        str(FIXTURES / "personal_outline.txt"), "--json", "--aspects", str(FIXTURES / "aspects.txt")
    )

    result = json.loads(done.stdout)
    assert done.returncode == 0
    assert set(result) >= KEYS
    assert set(result["material"]) >= {
        "scope",
        "parts",
        "missing_parts",
        "aspects",
        "missing_aspects",
        "causes",
        "measures",
        "previous_rectification",
    }


def test_minutes_json_keys():
    result = json.loads(dlm(str(FIXTURES / "minutes_alone.txt"), "--json").stdout)

    assert set(result["minutes"]) >= {
        "header",
        "speakers",
        "turns",
        "criticism_turns_by_target",
        "criticism_points_by_target",
    }
    assert set(result["minutes"]["turns"][0]) >= {
        "speaker",
        "role",
        "target",
        "points",
        "start",
        "end",
    }


def test_readable_report_in_chinese():
    done = dlm(str(FIXTURES / "template_outline.txt"), "--aspects", str(FIXTURES / "aspects.txt"))

    assert done.returncode == 0
    assert "类别：对照检查材料/发言提纲" in done.stdout
    assert "没有对照第4个方面" in done.stdout


def test_rules_file_changes_thresholds(tmp_path):
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"min_personal_chars": 100}), encoding="utf-8")

    result = json.loads(
        dlm(str(FIXTURES / "personal_outline.txt"), "--json", "--rules", str(rules)).stdout
    )

    assert "material.too_short" not in [f["rule"] for f in result["findings"]]


@pytest.mark.parametrize(
    ("name", "content"),
    [("a.pdf", b"%PDF"), ("a.docx", b"garbage"), ("a.txt", b""), ("a.txt", b"hello world only")],
)
def test_bad_input_exits_2_with_one_line_and_no_traceback(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)

    done = dlm(str(path))

    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("dlm analyse：")
    assert "Traceback" not in done.stderr


def test_bad_arguments_exit_2(tmp_path):
    done = dlm()

    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_bad_rules_file_exits_2(tmp_path):
    rules = tmp_path / "rules.json"
    rules.write_text("{not json", encoding="utf-8")

    done = dlm(str(FIXTURES / "personal_outline.txt"), "--rules", str(rules))

    assert (done.returncode, "Traceback" in done.stderr) == (2, False)
