"""Command-line entry point: parse arguments, wire the parts, map errors to exit codes.

Wiring happens here and only here; nothing is read or started at import time.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import pkgutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import ModuleType

from treadgently import __version__, commands
from treadgently.config import Settings, load_optional_settings, load_settings
from treadgently.errors import EXIT_CONFIG, EXIT_TRANSIENT, TreadgentlyError

log = logging.getLogger(__name__)

# The order commands appear in --help; a command module not listed here sorts last.
COMMAND_ORDER = (
    "demo",
    "auth",
    "check",
    "poll",
    "run",
    "status",
    "track",
    "close",
    "relabel",
    "classify",
)

EXIT_CODES_HELP = """exit status:
  0  ok
  1  transient or unexpected failure (a later try may succeed)
  2  config, template or usage error
  3  Gmail authorization missing or revoked (run 'treadgently auth')
  4  another treadgently process holds the state lock
"""


@dataclass
class Context:
    """What every command gets: the config location and the verbosity, config loaded on demand."""

    config_path: str | None
    verbose: bool
    _settings: Settings | None = field(default=None, repr=False)

    def settings(self) -> Settings:
        """The validated config; raises ConfigError (exit 2) when missing or invalid."""
        if self._settings is None:
            self._settings = load_settings(self.config_path)
        return self._settings

    def optional_settings(self) -> Settings | None:
        """The config if there is one; for commands that need no account."""
        if self._settings is None:
            self._settings = load_optional_settings(self.config_path)
        return self._settings


def discover_commands() -> list[tuple[str, ModuleType]]:
    found = {
        info.name: importlib.import_module(f"{commands.__name__}.{info.name}")
        for info in pkgutil.iter_modules(commands.__path__)
        if not info.name.startswith("_")
    }

    def rank(name: str) -> tuple[int, str]:
        order = COMMAND_ORDER.index(name) if name in COMMAND_ORDER else len(COMMAND_ORDER)
        return order, name

    return [(name, found[name]) for name in sorted(found, key=rank)]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="treadgently",
        description=(
            "Drafts gentle, well-timed follow-ups after job interviews into your Gmail "
            "Drafts folder. It never sends anything: you review and send in Gmail."
        ),
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"treadgently {__version__}")
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="config file (default: $TREADGENTLY_CONFIG, else "
        "$XDG_CONFIG_HOME/treadgently/config.toml)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug detail")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module in discover_commands():
        command = sub.add_parser(
            name,
            help=module.HELP,
            description=getattr(module, "DESCRIPTION", module.HELP),
            epilog=EXIT_CODES_HELP,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(command)
        command.set_defaults(handler=module.run)
    return parser


def configure_logging(verbose: bool) -> None:
    """Log to stderr; under systemd (JOURNAL_STREAM set) journald stamps the time itself."""
    if os.environ.get("JOURNAL_STREAM"):
        fmt = "%(levelname)s %(name)s: %(message)s"
    else:
        fmt = "%(asctime)s %(levelname)s %(name)s: %(message)s"
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(fmt, datefmt="%Y-%m-%d %H:%M:%S"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for noisy in ("googleapiclient.discovery_cache", "googleapiclient.discovery", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if verbose else logging.WARNING)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    ctx = Context(config_path=args.config, verbose=args.verbose)
    try:
        return int(args.handler(args, ctx) or 0)
    except TreadgentlyError as exc:
        print(f"treadgently: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("treadgently: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception:
        log.exception("unexpected error (please report it)")
        return EXIT_TRANSIENT


__all__ = ["EXIT_CONFIG", "Context", "build_parser", "main"]
