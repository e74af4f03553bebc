"""``treadgently poll``: one cycle, now (or as of ``--now``), optionally as a dry run."""

from __future__ import annotations

import argparse
from datetime import datetime

from treadgently.errors import ConfigError
from treadgently.report import print_cycle

HELP = "check Gmail once, classify new replies, and put due drafts into Gmail Drafts"
DESCRIPTION = (
    "Run one cycle: read new mail, classify company replies, plan follow-ups, and create "
    "the drafts that are due in your Gmail Drafts folder (never sending anything). "
    "With --dry-run it prints the plan and changes nothing, in Gmail or in the state. "
    "With --now it evaluates the follow-up schedule as of another time (for previews)."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--now",
        metavar="ISO8601",
        type=parse_instant,
        help="evaluate the schedule as of this time, e.g. 2026-12-01T09:00:00-05:00",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print the plan; create no drafts and write no state (needs no lock)",
    )


def parse_instant(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 time: {value!r}") from None
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(
            f"{value!r} has no UTC offset; add one, e.g. {value}+00:00"
        )
    return moment


def run(args: argparse.Namespace, ctx) -> int:
    settings = ctx.settings()
    from treadgently.poll import run_cycle  # the engine loads only when a command needs it

    if args.now is not None and args.now.tzinfo is None:
        raise ConfigError("--now needs a UTC offset")
    report = run_cycle(settings, now=args.now, dry_run=args.dry_run)
    print_cycle(report)
    return 0
