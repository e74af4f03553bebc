"""The user's configuration: TOML file, environment overrides, validation.

Config is the user's; the daemon never writes it.  Every problem in a file is
reported at once, naming the file and the dotted key, so that ``check`` (and
any other command) can exit with status 2 and no traceback.
"""

from __future__ import annotations

import contextlib
import os
import tomllib
import zoneinfo
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from treadgently.errors import ConfigError

LABELS = (
    "still_interviewing",
    "references_requested",
    "info_requested",
    "next_round",
    "offer",
    "rejected",
    "auto_reply",
    "other",
)

GMAIL_ENDPOINT = "https://gmail.googleapis.com"
GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token"  # noqa: S105 - a URL, not a secret


def xdg_dir(variable: str, fallback: str) -> Path:
    """An XDG base directory, following the spec's rule that relative values are ignored."""
    value = os.environ.get(variable, "")
    base = Path(value) if value and os.path.isabs(value) else Path.home() / fallback
    return base / "treadgently"


def config_dir() -> Path:
    return xdg_dir("XDG_CONFIG_HOME", ".config")


def state_dir() -> Path:
    return xdg_dir("XDG_STATE_HOME", ".local/state")


def system_timezone() -> str:
    """The machine's IANA zone name: $TZ, then /etc/localtime, then /etc/timezone, else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    for name in candidates:
        if name and _is_zone(name):
            return name
    return "UTC"


def _is_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


class Section(BaseModel):
    """Every section forbids unknown keys: a typo must never be silently ignored."""

    model_config = ConfigDict(extra="forbid")


class Candidate(Section):
    name: str = Field(min_length=1)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    phone: str | None = None
    signature: str | None = None


class Reference(Section):
    name: str = Field(min_length=1)
    title: str | None = None
    relationship: str | None = None
    email: str | None = None
    phone: str | None = None


class Gmail(Section):
    api_endpoint: str = GMAIL_ENDPOINT
    token_uri: str = GOOGLE_TOKEN_URI
    client_secrets_file: Path = Field(default_factory=lambda: config_dir() / "client_secret.json")
    token_file: Path = Field(default_factory=lambda: state_dir() / "token.json")
    label_threads: bool = False

    @field_validator("api_endpoint", "token_uri")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("must be an http(s) URL")
        return value.rstrip("/")


class Storage(Section):
    database: Path = Field(default_factory=lambda: state_dir() / "state.db")


class Schedule(Section):
    poll_interval_minutes: int = Field(default=10, ge=1, le=24 * 60)


class Policy(Section):
    follow_up_after_days: int = Field(default=7, ge=1, le=90)
    max_follow_ups: int = Field(default=2, ge=0, le=10)
    min_days_between_follow_ups: int = Field(default=14, ge=1, le=180)
    decision_grace_days: int = Field(default=2, ge=0, le=60)
    catch_up_days: int = Field(default=3, ge=0, le=365)
    lookback_days: int = Field(default=60, ge=1, le=3650)
    timezone: str = Field(default_factory=system_timezone)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if not _is_zone(value):
            raise ValueError(f"unknown IANA time zone {value!r} (for example 'Europe/Berlin')")
        return value


class Classifier(Section):
    """Extra phrases per label, added to the built-in rules (case-insensitive)."""

    still_interviewing: list[str] = Field(default_factory=list)
    references_requested: list[str] = Field(default_factory=list)
    info_requested: list[str] = Field(default_factory=list)
    next_round: list[str] = Field(default_factory=list)
    offer: list[str] = Field(default_factory=list)
    rejected: list[str] = Field(default_factory=list)
    auto_reply: list[str] = Field(default_factory=list)
    other: list[str] = Field(default_factory=list)

    @field_validator(*LABELS)
    @classmethod
    def _non_empty(cls, phrases: list[str]) -> list[str]:
        cleaned = [" ".join(p.split()) for p in phrases]
        if any(len(p) < 3 for p in cleaned):
            raise ValueError("each phrase needs at least 3 characters")
        return cleaned

    def phrases(self) -> dict[str, list[str]]:
        return {label: list(getattr(self, label)) for label in LABELS if getattr(self, label)}


class Templates(Section):
    dir: Path | None = None


class Settings(BaseSettings):
    """The whole config.  Sources, strongest first: environment, TOML file, defaults."""

    model_config = SettingsConfigDict(
        env_prefix="TREADGENTLY_",
        env_nested_delimiter="__",
        extra="forbid",
    )

    candidate: Candidate
    references: list[Reference] = Field(default_factory=list)
    gmail: Gmail = Field(default_factory=Gmail)
    storage: Storage = Field(default_factory=Storage)
    schedule: Schedule = Field(default_factory=Schedule)
    policy: Policy = Field(default_factory=Policy)
    classifier: Classifier = Field(default_factory=Classifier)
    templates: Templates = Field(default_factory=Templates)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The TOML file arrives as init kwargs; the environment beats it.
        return (env_settings, init_settings)


def default_config_path() -> Path:
    return config_dir() / "config.toml"


def resolve_config_path(cli_path: str | os.PathLike[str] | None) -> tuple[Path, bool]:
    """The config path, and whether the user named it (then a missing file is an error)."""
    if cli_path:
        return Path(cli_path).expanduser(), True
    env = os.environ.get("TREADGENTLY_CONFIG")
    if env:
        return Path(env).expanduser(), True
    return default_config_path(), False


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a directory, not a config file") from None
    except PermissionError:
        raise ConfigError(f"{path}: cannot read the config file (permission denied)") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML syntax error: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc.reason})") from None


def describe_errors(path: Path | str, error: ValidationError) -> str:
    lines = [f"{path}: invalid configuration ({error.error_count()} problem(s)):"]
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"]) or "(top level)"
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown key"
        elif item["type"] == "missing":
            message = "required key is missing"
        lines.append(f"  {key}: {message}")
    return "\n".join(lines)


def build_settings(data: Mapping[str, Any], source: Path | str) -> Settings:
    try:
        return Settings(**dict(data))
    except ValidationError as exc:
        raise ConfigError(describe_errors(source, exc)) from None


def load_settings(cli_path: str | os.PathLike[str] | None = None) -> Settings:
    """Load and validate the config, or raise ConfigError with every problem listed."""
    path, explicit = resolve_config_path(cli_path)
    if not path.exists() and not explicit:
        raise ConfigError(
            f"{path}: no config file. Copy config.example.toml there, or pass --config PATH."
        )
    settings = build_settings(read_toml(path), path)
    anchor_relative_paths(settings, path.parent)
    settings_path_note(settings, path)
    return settings


def anchor_relative_paths(settings: Settings, base: Path) -> None:
    """Relative paths in a config file mean "next to the config file", not "wherever I ran it"."""
    for section, key in (
        (settings.gmail, "client_secrets_file"),
        (settings.gmail, "token_file"),
        (settings.storage, "database"),
        (settings.templates, "dir"),
    ):
        value = getattr(section, key)
        if value is not None:
            value = value.expanduser()
            setattr(section, key, value if value.is_absolute() else base / value)


def settings_path_note(settings: Settings, path: Path) -> None:
    """Remember where the settings came from, for messages that name the file."""
    object.__setattr__(settings, "_source_path", path)


def source_path(settings: Settings) -> Path | None:
    return getattr(settings, "_source_path", None)


def load_optional_settings(cli_path: str | os.PathLike[str] | None = None) -> Settings | None:
    """For commands that work without an account (classify, demo): None when no file exists."""
    path, explicit = resolve_config_path(cli_path)
    if not explicit and not path.exists():
        return None
    return load_settings(cli_path)
