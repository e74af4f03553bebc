"""The built wheel carries the templates and data, and works from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        if "Could not find a version" in done.stderr or "No matching distribution" in done.stderr:
            pytest.skip(f"the build backend could not be downloaded: {done.stderr[-300:]}")
        raise AssertionError(done.stderr)
    (built,) = out.glob("treadgently-*.whl")
    return built


def test_wheel_installs_and_finds_its_templates_from_another_directory(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    templates = sorted(p.name for p in (target / "treadgently" / "templates").glob("*.j2"))
    assert "thank_manager.j2" in templates and "reply_rejected.j2" in templates
    assert (target / "treadgently" / "data" / "domains.toml").is_file()
    config = tmp_path / "config.toml"
    config.write_text('[candidate]\nname = "A B"\nemail = "a@b.example"\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(target), "XDG_STATE_HOME": str(tmp_path)}
    probe = subprocess.run(
        [sys.executable, "-c", "import treadgently; print(treadgently.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.startswith(str(target))  # the wheel's copy, not the source tree
    check = subprocess.run(
        [sys.executable, "-m", "treadgently", "--config", str(config), "check"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    assert "9 templates render" in check.stdout
    helped = subprocess.run(
        [sys.executable, "-m", "treadgently", "--help"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert helped.returncode == 0 and "demo" in helped.stdout
