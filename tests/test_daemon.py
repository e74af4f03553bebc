"""The `run` loop: first poll at start, retry after transient failures, stop on what cannot heal.

The cycle is injected (run_daemon takes it as a parameter), so these tests pin
the loop's behaviour without the poll engine.  Signal tests run the daemon in
a child process and send it a real signal.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from treadgently.config import build_settings
from treadgently.daemon import run_daemon
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

# A child process running the daemon with a cycle that logs "start N" / "end N" to a file.
DAEMON_SCRIPT = textwrap.dedent(
    """
    import logging, sys, time
    from treadgently.config import build_settings
    from treadgently.daemon import run_daemon

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
