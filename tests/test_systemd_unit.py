"""The systemd user unit: it verifies, never restarts into the unfixable, can write its state."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from treadgently.config import Gmail, Storage, state_dir
from treadgently.errors import EXIT_AUTH, EXIT_CONFIG, EXIT_LOCKED

UNIT = Path(__file__).resolve().parents[1] / "systemd" / "treadgently.service"


def unit_entries(text: str) -> list[tuple[str, str, str]]:
    """(section, key, value) for every assignment; systemd allows a key more than once."""
    entries = []
    section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        key, _, value = line.partition("=")
        entries.append((section, key.strip(), value.strip()))
    return entries


@pytest.fixture(scope="module")
def service() -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for section, key, value in unit_entries(UNIT.read_text()):
        values.setdefault(f"{section}.{key}", []).append(value)
    return values


def one(service: dict[str, list[str]], key: str) -> str:
    assert key in service, f"{UNIT.name} lacks {key}="
    return service[key][-1]


def test_unfixable_exit_codes_do_not_restart_in_a_loop(service) -> None:
    assert one(service, "Service.Restart") == "on-failure"
    assert int(one(service, "Service.RestartSec")) > 0
    prevented = set(one(service, "Service.RestartPreventExitStatus").split())
    assert prevented == {str(code) for code in (EXIT_CONFIG, EXIT_AUTH, EXIT_LOCKED)}


def test_unit_runs_the_daemon_command_as_a_user_service(service) -> None:
    assert one(service, "Service.ExecStart").endswith("/treadgently run")
    assert one(service, "Install.WantedBy") == "default.target"
    assert "Service.User" not in service  # a user unit runs as its user already


def test_hardening_keeps_the_system_read_only_and_the_network_to_ip(service) -> None:
    assert one(service, "Service.NoNewPrivileges") == "yes"
    assert one(service, "Service.ProtectSystem") == "strict"
    assert one(service, "Service.PrivateTmp") == "yes"
    assert set(one(service, "Service.RestrictAddressFamilies").split()) == {
        "AF_INET",
        "AF_INET6",
        "AF_UNIX",
    }
    assert one(service, "Service.UMask") == "0077"


def test_the_default_state_directory_is_the_writable_one(
    service, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Database, lock and token live in one directory, and the unit lets the daemon write there."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    writable = {
        Path(path.lstrip("-").replace("%h", str(tmp_path)))
        for value in service["Service.ReadWritePaths"]
        for path in value.split()
    }
    assert state_dir() in writable
    assert Storage().database.parent == state_dir()
    assert Gmail().token_file.parent == state_dir()


def test_no_setting_that_stops_a_user_unit_from_starting(service) -> None:
    """An unprivileged user manager cannot shrink the bounding set: these fail with 218."""
    for key in ("CapabilityBoundingSet", "AmbientCapabilities", "ProtectKernelModules"):
        assert f"Service.{key}" not in service, f"{key}= makes a user unit fail to start"


def installed_treadgently() -> str:
    script = Path(sys.executable).parent / "treadgently"
    return str(script) if script.exists() else shutil.which("treadgently") or sys.executable


@pytest.mark.skipif(
    shutil.which("systemd-analyze") is None,
    reason="systemd-analyze is not installed (apt-get install systemd); .ci/run installs it",
)
def test_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    # Containers have no user manager, so verify in system mode with ExecStart pointed at a
    # binary that exists here (verify checks that it is executable).
    lines = [
        f"ExecStart={installed_treadgently()} run" if line.startswith("ExecStart=") else line
        for line in UNIT.read_text().splitlines()
    ]
    copy = tmp_path / UNIT.name
    copy.write_text("\n".join(lines) + "\n")
    result = subprocess.run(
        ["systemd-analyze", "verify", str(copy)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    # verify exits 0 even for unknown keys or bad values; those are warnings naming the file.
    complaints = [line for line in result.stderr.splitlines() if UNIT.name in line]
    assert result.returncode == 0, result.stderr
    assert complaints == []
