"""Config loading: precedence, defaults, and one clear report (exit 2) for every bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from treadgently.cli import main
from treadgently.config import load_optional_settings, load_settings, system_timezone
from treadgently.errors import ConfigError

REPO = Path(__file__).resolve().parents[1]

MINIMAL = """\
[candidate]
name = "Jordan Ellery"
email = "jordan@example.com"
"""


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    for name in list(__import__("os").environ):
        if name.startswith("TREADGENTLY_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))


def write(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_fill_every_section_not_given(tmp_path):
    settings = load_settings(write(tmp_path, MINIMAL))
    assert settings.policy.follow_up_after_days == 7
    assert settings.policy.max_follow_ups == 2
    assert settings.policy.min_days_between_follow_ups == 14
    assert settings.policy.decision_grace_days == 2
    assert settings.policy.catch_up_days == 3
    assert settings.policy.lookback_days == 60
    assert settings.schedule.poll_interval_minutes == 10
    assert settings.gmail.api_endpoint == "https://gmail.googleapis.com"
    assert settings.gmail.token_uri == "https://oauth2.googleapis.com/token"
    assert settings.gmail.label_threads is False
    assert settings.storage.database == tmp_path / "xdg-state" / "treadgently" / "state.db"
    assert settings.references == []


def test_example_config_is_valid_and_names_every_default(tmp_path):
    settings = load_settings(REPO / "config.example.toml")
    assert settings.candidate.email == "jordan.ellery@example.com"
    assert settings.references[0].name == "Sam Rivera"
    text = (REPO / "config.example.toml").read_text(encoding="utf-8")
    for key in (
        "follow_up_after_days",
        "max_follow_ups",
        "min_days_between_follow_ups",
        "decision_grace_days",
        "catch_up_days",
        "lookback_days",
        "timezone",
        "poll_interval_minutes",
        "label_threads",
        "api_endpoint",
        "token_uri",
        "client_secrets_file",
        "token_file",
        "database",
        "dir",
    ):
        assert key in text, key


def test_environment_overrides_the_file_key_by_key(tmp_path, monkeypatch):
    path = write(tmp_path, MINIMAL + "[policy]\nfollow_up_after_days = 5\ncatch_up_days = 1\n")
    monkeypatch.setenv("TREADGENTLY_POLICY__FOLLOW_UP_AFTER_DAYS", "9")
    settings = load_settings(path)
    assert settings.policy.follow_up_after_days == 9  # env wins
    assert settings.policy.catch_up_days == 1  # the file's other key survives


def test_path_comes_from_flag_then_env_then_xdg(tmp_path, monkeypatch):
    flagged = write(tmp_path, MINIMAL.replace("Jordan Ellery", "Flag"), "flag.toml")
    env = write(tmp_path, MINIMAL.replace("Jordan Ellery", "Env"), "env.toml")
    xdg = tmp_path / "xdg-config" / "treadgently" / "config.toml"
    xdg.parent.mkdir(parents=True)
    xdg.write_text(MINIMAL.replace("Jordan Ellery", "Xdg"), encoding="utf-8")
    assert load_settings().candidate.name == "Xdg"
    monkeypatch.setenv("TREADGENTLY_CONFIG", str(env))
    assert load_settings().candidate.name == "Env"
    assert load_settings(flagged).candidate.name == "Flag"


def test_relative_paths_are_next_to_the_config_file(tmp_path):
    path = write(tmp_path, MINIMAL + '[storage]\ndatabase = "state/db.sqlite"\n')
    assert load_settings(path).storage.database == tmp_path / "state" / "db.sqlite"


def test_no_config_is_fine_for_commands_that_need_no_account(tmp_path):
    assert load_optional_settings() is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            MINIMAL + "[policy]\nfollow_up_afterdays = 3\n",
            "policy.follow_up_afterdays: unknown key",
        ),
        (
            MINIMAL + "[[references]]\nname = 'A'\nmobile = '1'\n",
            "references.0.mobile: unknown key",
        ),
        (MINIMAL + "[surprise]\nx = 1\n", "surprise: unknown key"),
        (MINIMAL + "[policy]\nmax_follow_ups = 'two'\n", "policy.max_follow_ups"),
        (MINIMAL + "[policy]\ntimezone = 'Mars/Olympus'\n", "unknown IANA time zone"),
        ("[candidate]\nname = 'x'\n", "candidate.email: required key is missing"),
        ("", "candidate: required key is missing"),
        (MINIMAL + "[classifier]\nrejected = ['no']\n", "classifier.rejected"),
        (MINIMAL + "[gmail]\napi_endpoint = 'ftp://x'\n", "gmail.api_endpoint"),
    ],
)
def test_bad_config_names_file_and_key_and_exits_2(tmp_path, capsys, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(path) in str(caught.value)
    assert expected in str(caught.value)
    assert main(["--config", str(path), "check"]) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err


def test_every_problem_is_reported_at_once(tmp_path):
    path = write(tmp_path, MINIMAL + "[policy]\nbogus = 1\nmax_follow_ups = 'x'\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert "policy.bogus" in str(caught.value)
    assert "policy.max_follow_ups" in str(caught.value)


def test_toml_syntax_error_gives_its_line(tmp_path, capsys):
    path = write(tmp_path, MINIMAL + "[policy]\nfollow_up_after_days = = 3\n")
    assert main(["--config", str(path), "check"]) == 2
    err = capsys.readouterr().err
    assert "line 5" in err and str(path) in err and "Traceback" not in err


def test_named_config_that_does_not_exist_exits_2(tmp_path, capsys):
    missing = tmp_path / "nope.toml"
    assert main(["--config", str(missing), "check"]) == 2
    assert "not found" in capsys.readouterr().err


def test_check_renders_templates_and_reports_a_broken_one_with_its_line(tmp_path, capsys):
    templates = tmp_path / "mine"
    templates.mkdir()
    (templates / "reply_offer.j2").write_text(
        "Subject: Thanks\n\nHello {{ no_such_variable }}\n", encoding="utf-8"
    )
    path = write(tmp_path, MINIMAL + '[templates]\ndir = "mine"\n')
    assert main(["--config", str(path), "check"]) == 2
    err = capsys.readouterr().err
    assert "reply_offer.j2:3" in err


def test_check_passes_on_a_good_config(tmp_path, capsys):
    path = write(tmp_path, MINIMAL)
    assert main(["--config", str(path), "check"]) == 0
    out = capsys.readouterr().out
    assert "config OK" in out
    assert "no [[references]]" in out  # the warning the references draft depends on


def test_system_timezone_is_a_real_zone(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    assert system_timezone() == "Europe/Berlin"
    monkeypatch.setenv("TZ", "Not/AZone")
    assert system_timezone() != "Not/AZone"
