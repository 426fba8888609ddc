"""`dlm copycheck` as a user runs it on files and folders."""

from __future__ import annotations

import json
import random
import subprocess
import sys

from tests.textcheck.sentence_bank import document

KEYS = {"a", "b", "similarity", "copied_share_a", "copied_share_b", "passages"}


def dlm(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dlm.cli", "copycheck", *args], capture_output=True, text=True
    )


def write_team(folder):
    rng = random.Random(5)
    texts = {name: document(rng, 1500) for name in ["甲.txt", "乙.txt", "丙.md"]}
    texts["丁.txt"] = document(rng, 500) + "\n" + texts["甲.txt"][300:900]
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return texts


def test_within_a_folder_reports_each_copied_pair_once(tmp_path):
    texts = write_team(tmp_path)

    result = json.loads(dlm("--within", str(tmp_path), "--json").stdout)

    assert len(result["documents"]) == 4
    [match] = result["matches"]
    assert set(match) >= KEYS
    assert {match["a"].rsplit("/", 1)[1], match["b"].rsplit("/", 1)[1]} == {"甲.txt", "丁.txt"}
    passage = match["passages"][0]
    a_text = texts[match["a"].rsplit("/", 1)[1]]
    b_text = texts[match["b"].rsplit("/", 1)[1]]
    # equal once line breaks are set aside: copying survives re-wrapping
    copied_a = "".join(a_text[passage["a_start"] : passage["a_end"]].split())
    copied_b = "".join(b_text[passage["b_start"] : passage["b_end"]].split())
    assert copied_a == copied_b


def test_one_file_against_files_and_folders(tmp_path):
    write_team(tmp_path)
    subject = tmp_path / "丁.txt"

    done = dlm(str(subject), "--against", str(tmp_path))

    assert done.returncode == 0
    assert "发现雷同：1 对" in done.stdout
    assert "原文照搬" in done.stdout


def test_the_same_file_twice_is_a_full_copy(tmp_path):
    text = document(random.Random(9), 1200)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")

    [match] = json.loads(dlm("--within", str(tmp_path), "--json").stdout)["matches"]

    assert match["copied_share_a"] == 1.0


def test_unreadable_files_are_skipped_with_a_note(tmp_path):
    write_team(tmp_path)
    (tmp_path / "坏.docx").write_bytes(b"not a zip")

    done = dlm("--within", str(tmp_path), "--json")

    assert done.returncode == 0
    assert "跳过" in done.stderr and "Traceback" not in done.stderr
    assert len(json.loads(done.stdout)["documents"]) == 4


def test_bad_arguments_exit_2_in_chinese(tmp_path):
    for args in [(), ("x.txt",), ("--within", str(tmp_path / "none"))]:
        done = dlm(*args)
        assert done.returncode == 2, args
        assert "dlm copycheck" in done.stderr and "Traceback" not in done.stderr


def test_boilerplate_file_is_not_reported(tmp_path):
    rng = random.Random(11)
    notice = document(rng, 200)
    (tmp_path / "a.txt").write_text(document(rng, 800) + notice, encoding="utf-8")
    (tmp_path / "b.txt").write_text(notice + document(rng, 800), encoding="utf-8")
    common = tmp_path.parent / "notice.txt"
    common.write_text(notice, encoding="utf-8")

    plain = json.loads(dlm("--within", str(tmp_path), "--json").stdout)
    quiet = json.loads(
        dlm("--within", str(tmp_path), "--boilerplate", str(common), "--json").stdout
    )

    assert len(plain["matches"]) == 1
    assert quiet["matches"] == []
