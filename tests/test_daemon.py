"""The `run` loop: first poll at start, retry after transient failures, stop on what cannot heal.

The cycle is injected (run_daemon takes it as a parameter), so these tests pin
the loop's behaviour without the poll engine.  Signal tests run the daemon in
a child process and send it a real signal.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import story
from treadgently.auth import SCOPE_COMPOSE, SCOPE_READONLY
from treadgently.config import build_settings
from treadgently.daemon import _Runner, run_daemon
from treadgently.errors import (
    EXIT_AUTH,
    EXIT_CONFIG,
    EXIT_LOCKED,
    AuthError,
    ConfigError,
    LockHeldError,
    TransientError,
)
from treadgently.lock import hold_lock
from treadgently.sandbox import Sandbox
from treadgently.store import Store

# A child process running the daemon with a cycle that logs "start N" / "end N" to a file.
DAEMON_SCRIPT = textwrap.dedent(
    """
    import logging, sys, time
    from treadgently.config import build_settings
    from treadgently.daemon import _Runner, run_daemon

    logging.basicConfig(level=logging.INFO)
    database, journal, cycle_seconds, interval_seconds = sys.argv[1:5]
    settings = build_settings(
        {"candidate": {"name": "Ada", "email": "ada@example.org"},
         "storage": {"database": database}},
        "test",
    )
    count = 0

    def cycle():
        global count
        count += 1
        with open(journal, "a") as out:
            out.write(f"start {count}\\n")
        time.sleep(float(cycle_seconds))
        with open(journal, "a") as out:
            out.write(f"end {count}\\n")

    sys.exit(run_daemon(settings, cycle, interval_seconds=float(interval_seconds),
                        jitter_seconds=0))
    """
)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "state" / "state.db"


@pytest.fixture
def settings(database: Path):
    return build_settings(
        {
            "candidate": {"name": "Ada Lovelace", "email": "ada@example.org"},
            "storage": {"database": str(database)},
        },
        "test",
    )


class ScriptedCycle:
    """A cycle that raises the scripted outcomes in order (None means success)."""

    def __init__(self, *outcomes: BaseException | None) -> None:
        self.outcomes = list(outcomes)
        self.calls: list[float] = []

    def __call__(self) -> None:
        self.calls.append(time.monotonic())
        outcome = self.outcomes.pop(0) if self.outcomes else AuthError("script ran out")
        if outcome is not None:
            raise outcome


def test_first_poll_runs_at_start_not_after_one_interval(settings) -> None:
    cycle = ScriptedCycle(ConfigError("bad template"))
    started = time.monotonic()
    assert run_daemon(settings, cycle, interval_seconds=30, jitter_seconds=0) == EXIT_CONFIG
    assert len(cycle.calls) == 1
    assert cycle.calls[0] - started < 5


def test_transient_failures_are_followed_by_another_cycle(
    settings, caplog: pytest.LogCaptureFixture
) -> None:
    cycle = ScriptedCycle(
        TransientError("Gmail answered 503"),
        RuntimeError("a bug in one cycle"),
        None,
        AuthError("token revoked"),
    )
    with caplog.at_level(logging.WARNING, logger="treadgently.daemon"):
        code = run_daemon(settings, cycle, interval_seconds=0.05, jitter_seconds=0)
    assert code == EXIT_AUTH
    assert len(cycle.calls) == 4
    messages = [record.getMessage() for record in caplog.records]
    assert any("Gmail answered 503" in m and "try again" in m for m in messages)
    assert any("unexpectedly" in m for m in messages)


def test_revoked_authorization_stops_the_daemon_with_status_3(settings) -> None:
    cycle = ScriptedCycle(AuthError("token revoked: run 'treadgently auth'"), None, None)
    assert run_daemon(settings, cycle, interval_seconds=0.05, jitter_seconds=0) == EXIT_AUTH
    assert len(cycle.calls) == 1


def test_bad_config_stops_the_daemon_with_status_2(settings) -> None:
    cycle = ScriptedCycle(None, ConfigError("template 'follow_up' does not render"), None)
    assert run_daemon(settings, cycle, interval_seconds=0.05, jitter_seconds=0) == EXIT_CONFIG
    assert len(cycle.calls) == 2


def test_lock_is_held_while_running_and_released_after(settings, database: Path) -> None:
    seen: list[int] = []

    def cycle() -> None:
        try:
            with hold_lock(database):
                pytest.fail("the database was not locked during the run")
        except LockHeldError as exc:
            seen.append(exc.exit_code)
        raise AuthError("done")

    assert run_daemon(settings, cycle, interval_seconds=30, jitter_seconds=0) == EXIT_AUTH
    assert seen == [EXIT_LOCKED]
    with hold_lock(database):
        pass


def test_second_daemon_on_the_same_database_is_refused(settings, database: Path) -> None:
    cycle = ScriptedCycle()
    with hold_lock(database), pytest.raises(LockHeldError):
        run_daemon(settings, cycle, interval_seconds=30, jitter_seconds=0)
    assert cycle.calls == []


def test_signal_handlers_are_restored_after_the_run(settings) -> None:
    before = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGINT)}
    run_daemon(settings, ScriptedCycle(AuthError("stop")), interval_seconds=30, jitter_seconds=0)
    after = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGINT)}
    assert after == before


def start_daemon(database: Path, journal: Path, *, cycle_seconds: float, interval: float):
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            DAEMON_SCRIPT,
            str(database),
            str(journal),
            str(cycle_seconds),
            str(interval),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_line(journal: Path, line: str, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if journal.exists() and line in journal.read_text().splitlines():
            return
        time.sleep(0.02)
    pytest.fail(f"the daemon never wrote {line!r}")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stop_signal_during_a_cycle_lets_it_finish_then_exits_0(
    tmp_path: Path, database: Path, signum: signal.Signals
) -> None:
    journal = tmp_path / "journal.txt"
    daemon = start_daemon(database, journal, cycle_seconds=0.8, interval=0.1)
    wait_for_line(journal, "start 1")
    daemon.send_signal(signum)
    _, stderr = daemon.communicate(timeout=15)
    assert daemon.returncode == 0, stderr
    assert journal.read_text().splitlines() == ["start 1", "end 1"]
    assert f"{signum.name} received" in stderr
    assert "Traceback" not in stderr
    with hold_lock(database):
        pass  # and the lock is free for the next instance


def test_sigterm_between_polls_exits_promptly(tmp_path: Path, database: Path) -> None:
    journal = tmp_path / "journal.txt"
    daemon = start_daemon(database, journal, cycle_seconds=0, interval=60)
    wait_for_line(journal, "end 1")
    signalled = time.monotonic()
    daemon.send_signal(signal.SIGTERM)
    _, stderr = daemon.communicate(timeout=15)
    assert daemon.returncode == 0, stderr
    assert time.monotonic() - signalled < 5
    assert journal.read_text().splitlines() == ["start 1", "end 1"]


def test_a_poll_due_after_a_stop_signal_does_not_start() -> None:
    """The scheduler may submit one more run before the stop is processed; it must not poll."""
    cycle = ScriptedCycle(None)
    runner = _Runner(cycle, interval_seconds=60, jitter=None)
    try:
        runner._on_stop_signal(signal.SIGTERM, None)
        runner._run_cycle()
    finally:
        os.close(runner.read_fd)
        os.close(runner.write_fd)
    assert cycle.calls == []


def test_memory_is_released_after_every_cycle_even_a_failed_one(
    settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    releases: list[int] = []
    cycle = ScriptedCycle(None, TransientError("503"), AuthError("stop"))
    monkeypatch.setattr(
        "treadgently.daemon.release_freed_memory", lambda: releases.append(len(cycle.calls))
    )
    run_daemon(settings, cycle, interval_seconds=0.05, jitter_seconds=0)
    assert releases == [1, 2, 3]


# ---- `treadgently run`, the real command, against the sandbox ---------------------------


def write_run_config(box: Sandbox, folder: Path) -> Path:
    """A config file for the sandbox and an authorized-user token (0600) it will refresh."""
    token = folder / "token.json"
    info = {
        "refresh_token": "sandbox-refresh-token",
        "client_id": "daemon-test.apps.example",
        "client_secret": "daemon-test-secret",
        "scopes": [SCOPE_READONLY, SCOPE_COMPOSE],
    }
    descriptor = os.open(token, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump(info, handle)
    data = story.settings_data(box, folder)
    del data["references"]
    lines = []
    for section, values in data.items():
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {json.dumps(value)}" for key, value in values.items())
    config = folder / "config.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def wait_for_first_poll(database: Path, daemon: subprocess.Popen[str], timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if daemon.poll() is not None:
            pytest.fail(f"`run` exited {daemon.returncode} before its first poll")
        if database.exists():
            store = Store.open(database)
            try:
                if store.sync_info().last_poll_success is not None:
                    return
            finally:
                store.close()
        time.sleep(0.1)
    pytest.fail("`run` did not finish its first poll")


def test_run_polls_the_sandbox_at_start_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    """A confirmed interview in the mailbox; `run` starts, tracks it, and SIGTERM ends it with 0."""
    now = datetime.now(UTC)
    with Sandbox(user_email=story.USER.email) as box:
        invite = story.confirmation(now + timedelta(days=2), sent=now - timedelta(hours=1))
        box.deliver(invite.raw)
        config = write_run_config(box, tmp_path)
        database = tmp_path / "state.db"
        env = {k: v for k, v in os.environ.items() if not k.startswith("TREADGENTLY_")}
        daemon = subprocess.Popen(
            [sys.executable, "-m", "treadgently", "--config", str(config), "run"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        try:
            wait_for_first_poll(database, daemon)
            daemon.send_signal(signal.SIGTERM)
            _, stderr = daemon.communicate(timeout=30)
        finally:
            if daemon.poll() is None:
                daemon.kill()
                daemon.wait()
        violations = list(box.violations)

    assert daemon.returncode == 0, stderr
    assert "SIGTERM received" in stderr
    assert "Traceback" not in stderr
    assert violations == []
    store = Store.open(database)
    try:
        companies = [application.company for application in store.applications()]
        assert store.sync_info().history_id is not None
    finally:
        store.close()
    assert companies == [story.COMPANY]
    with hold_lock(database):
        pass  # the lock went with the process
