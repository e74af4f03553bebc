"""The command line as a user meets it: help, exit codes, demo, and the state commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from treadgently import __version__
from treadgently.cli import build_parser, discover_commands, main
from treadgently.model import Role, Stage
from treadgently.store import Store

EXPECTED_COMMANDS = {
    "auth",
    "check",
    "classify",
    "close",
    "demo",
    "poll",
    "relabel",
    "run",
    "status",
    "track",
}


@pytest.fixture
def config(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = tmp_path / "config.toml"
    path.write_text(
        '[candidate]\nname = "Jordan Ellery"\nemail = "jordan@example.com"\n'
        '[storage]\ndatabase = "state.db"\n[policy]\ntimezone = "America/New_York"\n',
        encoding="utf-8",
    )
    return path


def test_every_command_exists_and_has_help(capsys):
    names = {name for name, _ in discover_commands()}
    assert names == EXPECTED_COMMANDS
    for name in sorted(names):
        with pytest.raises(SystemExit) as done:
            main([name, "--help"])
        assert done.value.code == 0
        out = capsys.readouterr().out
        assert f"treadgently {name}" in out and "exit status" in out


def test_version_and_top_level_help(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert __version__ in capsys.readouterr().out
    text = build_parser().format_help()
    assert "never sends" in text
    assert "4  another treadgently process holds the state lock" in text


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as done:
        main(["poll", "--now", "yesterday"])
    assert done.value.code == 2
    assert "ISO 8601" in capsys.readouterr().err


def test_naive_now_is_refused_with_a_hint(capsys):
    with pytest.raises(SystemExit) as done:
        main(["poll", "--now", "2026-11-12T09:00"])
    assert done.value.code == 2
    assert "UTC offset" in capsys.readouterr().err


def test_poll_without_authorization_exits_3(config, capsys):
    assert main(["--config", str(config), "poll"]) == 3
    assert "treadgently auth" in capsys.readouterr().err


def test_demo_tells_the_story_and_proves_nothing_was_sent(capsys, tmp_path):
    keep = tmp_path / "kept"
    assert main(["demo", "--keep", str(keep)]) == 0
    out = capsys.readouterr().out
    assert out.count("thank_manager for") == 2
    assert out.count("recruiter_follow_up for") == 2
    assert "reply_references for Northwind Analytics" in out
    assert "reply_rejected for Bluefin Robotics" in out
    assert "Removed 2 follow-up draft(s)" in out
    assert "send/insert/import requests: 0; refused calls: 0; sent messages: 0" in out
    assert (keep / "state.db").exists()
    assert (keep / "mailbox" / "mailbox.json").exists()
    assert (keep / "token.json").stat().st_mode & 0o077 == 0


def test_track_status_relabel_close_round_trip(config, capsys):
    code = main(
        [
            "--config",
            str(config),
            "track",
            "--company",
            "Acme Analytics",
            "--interview-at",
            "2026-11-18T14:00:00-05:00",
            "--manager",
            "sam@acme.example",
            "--manager-name",
            "Sam Okafor",
            "--recruiter",
            "dana@acme.example",
            "--role",
            "Data Analyst",
        ]
    )
    assert code == 0
    database = config.parent / "state.db"
    with Store.open(database) as store:
        (app,) = store.applications()
        assert app.company == "Acme Analytics" and app.role == "Data Analyst"
        assert "acme.example" in app.domains
        roles = {c.email: c.role for c in store.contacts(app.id)}
        assert roles == {
            "sam@acme.example": Role.HIRING_MANAGER,
            "dana@acme.example": Role.RECRUITER,
        }
        assert store.history_id() is None  # a new company: the next poll searches for its mail

    # correcting the time moves the interview instead of adding a round
    assert (
        main(
            [
                "--config",
                str(config),
                "track",
                "--company",
                "acme analytics",
                "--interview-at",
                "2026-11-19T10:00:00-05:00",
            ]
        )
        == 0
    )
    with Store.open(database) as store:
        (interview,) = store.interviews(app.id)
        assert interview.start.isoformat() == "2026-11-19T15:00:00+00:00"

    capsys.readouterr()
    assert main(["--config", str(config), "status", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    (entry,) = document["applications"]
    assert entry["company"] == "Acme Analytics"
    assert entry["next_action"] and "sam@acme.example" in json.dumps(entry)
    assert document["authorization"]["ok"] is False  # no token yet, said plainly

    assert main(["--config", str(config), "relabel", "nope", "rejected"]) == 2
    assert main(["--config", str(config), "close", "Acme Analytics"]) == 0
    with Store.open(database) as store:
        assert store.application(app.id).stage is Stage.CLOSED
    capsys.readouterr()
    assert main(["--config", str(config), "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["applications"] == []


def test_track_a_new_application_needs_a_time(config, capsys):
    assert main(["--config", str(config), "track", "--company", "Nobody Inc"]) == 2
    assert "--interview-at" in capsys.readouterr().err


def test_status_with_no_state_says_how_to_start(config, capsys):
    assert main(["--config", str(config), "status"]) == 0
    assert "No applications tracked yet" in capsys.readouterr().out


def test_module_entry_point_runs():
    done = subprocess.run(
        [sys.executable, "-m", "treadgently", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and __version__ in done.stdout
