"""`treadgently classify` as a user runs it: JSON lines, stdin, a table, and bad files."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from treadgently.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "replies"
SHARED_CONFIRMATION = (
    Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "confirmations"
    / "confirm-01.eml"
)  # fmt: skip


@pytest.fixture(autouse=True)
def no_user_config(tmp_path, monkeypatch) -> None:
    """The command needs no config: make sure none is found on this machine."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "empty-config"))
    monkeypatch.delenv("TREADGENTLY_CONFIG", raising=False)


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_json_prints_one_object_per_file_with_the_documented_keys(capsys) -> None:
    files = [str(FIXTURES / "rej-01.eml"), str(FIXTURES / "offer-01.eml")]
    assert main(["classify", "--json", *files]) == 0
    lines = json_lines(capsys.readouterr().out)
    assert [line["file"] for line in lines] == files
    assert [line["category"] for line in lines] == ["rejected", "offer"]
    for line in lines:
        assert set(line) == {"file", "category", "confidence", "evidence", "interview"}
        assert 0 <= line["confidence"] <= 1
        assert line["evidence"] and all(isinstance(e, str) for e in line["evidence"])
        assert line["interview"] is None


def test_dash_reads_the_message_from_stdin(capsys, monkeypatch) -> None:
    raw = (FIXTURES / "next-01.eml").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    assert main(["classify", "--json", "-"]) == 0
    (line,) = json_lines(capsys.readouterr().out)
    assert line["file"] == "-"
    assert line["category"] == "next_round"


def test_unreadable_file_gives_an_error_line_and_exit_1_after_the_others(capsys, tmp_path) -> None:
    missing = str(tmp_path / "missing.eml")
    good = str(FIXTURES / "still-01.eml")
    assert main(["classify", "--json", missing, good]) == 1
    lines = json_lines(capsys.readouterr().out)
    assert lines[0]["file"] == missing
    assert lines[0]["error"]
    assert "category" not in lines[0]
    assert lines[1]["file"] == good
    assert lines[1]["category"] == "still_interviewing"


def test_directory_is_reported_as_unreadable(capsys, tmp_path) -> None:
    assert main(["classify", str(tmp_path)]) == 1
    (line,) = json_lines(capsys.readouterr().out)
    assert line["file"] == str(tmp_path)
    assert line["error"]


def test_table_lists_file_category_confidence_and_evidence(capsys) -> None:
    assert main(["classify", str(FIXTURES / "auto-03.eml")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["FILE", "CATEGORY", "CONF"]
    assert "auto_reply" in out[1]
    assert "auto-replied" in out[1]


def test_explain_shows_the_stripped_text_and_matched_rules(capsys) -> None:
    assert main(["classify", "--explain", str(FIXTURES / "next-09.eml")]) == 0
    out = capsys.readouterr().out
    assert "text read:" in out
    assert "meet you again for a final round" in out
    assert "Unfortunately we have decided" not in out  # the quoted trail was stripped
    assert "rules matched:" in out and "next_round" in out


def test_explain_in_json_carries_the_working(capsys) -> None:
    assert main(["classify", "--json", "--explain", str(FIXTURES / "still-12.eml")]) == 0
    (line,) = json_lines(capsys.readouterr().out)
    assert line["explain"]["decision_date"] == "2025-03-14"
    assert any(rule["label"] == "still_interviewing" for rule in line["explain"]["rules"])


@pytest.mark.skipif(not SHARED_CONFIRMATION.exists(), reason="shared corpus not checked out")
def test_interview_confirmation_fills_the_interview_field(capsys) -> None:
    assert main(["classify", "--json", str(SHARED_CONFIRMATION)]) == 0
    (line,) = json_lines(capsys.readouterr().out)
    assert line["interview"] is not None
    assert line["interview"]["start"].startswith("2025-03-14T09:30:00")
    assert line["interview"]["company"]


def write_config(path: Path, extra: str = "") -> Path:
    path.write_text(
        '[candidate]\nname = "Alex Morgan"\nemail = "alex.morgan@example.net"\n' + extra,
        encoding="utf-8",
    )
    return path


def test_config_phrases_and_own_email_are_used_when_a_config_exists(capsys, tmp_path) -> None:
    config = write_config(
        tmp_path / "config.toml", '[classifier]\noffer = ["the job is all yours"]\n'
    )
    message = tmp_path / "mine.eml"
    message.write_bytes(
        b"From: Alex Morgan <alex.morgan@example.net>\r\nTo: hr@company.example\r\n"
        b"Subject: Re: offer\r\n\r\nHappy to send references and I accept the offer!\r\n"
    )
    ours = tmp_path / "theirs.eml"
    ours.write_bytes(
        b"From: HR <hr@company.example>\r\nTo: alex.morgan@example.net\r\n"
        b"Subject: Decision\r\n\r\nAlex - the job is all yours, paperwork tomorrow.\r\n"
    )
    assert main(["--config", str(config), "classify", "--json", str(message), str(ours)]) == 0
    mine, theirs = json_lines(capsys.readouterr().out)
    assert mine["category"] == "other"  # the candidate's own message
    assert theirs["category"] == "offer"
    assert "the job is all yours" in theirs["evidence"]


def test_invalid_config_phrase_exits_2_naming_the_label(capsys, tmp_path) -> None:
    config = write_config(tmp_path / "config.toml", '[classifier]\nrejected = ["re:(oops"]\n')
    assert main(["--config", str(config), "classify", str(FIXTURES / "rej-01.eml")]) == 2
    assert "[classifier] rejected" in capsys.readouterr().err
