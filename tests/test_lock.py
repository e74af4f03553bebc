"""One treadgently process per state database."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from treadgently import cli
from treadgently.errors import EXIT_LOCKED, ConfigError, LockHeldError
from treadgently.lock import hold_lock, lock_path

HOLD_LOCK_SCRIPT = textwrap.dedent(
    """
    import sys
    from treadgently.lock import hold_lock
    with hold_lock(sys.argv[1]):
        print("locked", flush=True)
        sys.stdin.read()
    """
)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "state" / "state.db"


@pytest.fixture
def other_process_holding(database: Path) -> Iterator[subprocess.Popen[str]]:
    """A separate process that holds the lock until its stdin closes."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK_SCRIPT, str(database)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline().strip() == "locked"
    yield holder
    holder.stdin.close()
    holder.wait(timeout=10)


def test_lock_file_sits_beside_the_database_and_is_private(database: Path) -> None:
    with hold_lock(database) as path:
        assert path == database.parent / "state.db.lock"
        assert path == lock_path(database)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.read_text().strip() == str(os.getpid())
    assert stat.S_IMODE(database.parent.stat().st_mode) == 0o700


def test_second_holder_in_the_same_process_is_refused_with_exit_4(database: Path) -> None:
    with hold_lock(database), pytest.raises(LockHeldError) as refused, hold_lock(database):
        pytest.fail("a second holder got the lock")
    assert refused.value.exit_code == EXIT_LOCKED
    message = str(refused.value)
    assert f"pid {os.getpid()}" in message
    assert str(database) in message
    assert "stop it first, or wait" in message


def test_other_process_holding_the_lock_is_named_by_pid(
    database: Path, other_process_holding: subprocess.Popen[str]
) -> None:
    expected = rf"\(pid {other_process_holding.pid}\)"
    with pytest.raises(LockHeldError, match=expected), hold_lock(database):
        pytest.fail("got a lock another process holds")


def test_lock_is_free_again_after_release(database: Path) -> None:
    with hold_lock(database):
        pass
    with hold_lock(database) as path:
        assert path.exists()


def test_lock_is_released_when_the_holder_dies(
    database: Path, other_process_holding: subprocess.Popen[str]
) -> None:
    other_process_holding.kill()
    other_process_holding.wait(timeout=10)
    with hold_lock(database) as path:
        assert path.read_text().strip() == str(os.getpid())


def test_unwritable_state_directory_is_a_config_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores directory permissions")
    readonly = tmp_path / "readonly"
    readonly.mkdir(mode=0o500)
    with (
        pytest.raises(ConfigError, match="cannot create the lock file"),
        hold_lock(readonly / "state.db"),
    ):
        pytest.fail("locked inside a read-only directory")


def test_lock_path_in_a_plain_file_is_a_config_error(tmp_path: Path) -> None:
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("")
    with (
        pytest.raises(ConfigError, match=str(not_a_directory)),
        hold_lock(not_a_directory / "state.db"),
    ):
        pytest.fail("locked beneath a regular file")


def test_run_exits_4_when_another_process_holds_the_lock(
    tmp_path: Path,
    database: Path,
    other_process_holding: subprocess.Popen[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        textwrap.dedent(
            f"""
            [candidate]
            name = "Ada Lovelace"
            email = "ada@example.org"

            [storage]
            database = "{database}"
            """
        )
    )
    assert cli.main(["--config", str(config), "run"]) == EXIT_LOCKED
    err = capsys.readouterr().err
    assert f"another treadgently process (pid {other_process_holding.pid})" in err
    assert "Traceback" not in err
