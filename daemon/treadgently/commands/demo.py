"""``treadgently demo``: the whole story on a built-in sandbox mailbox."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "play the whole story on a built-in sandbox mailbox (no Google account needed)"
DESCRIPTION = (
    "Start a Gmail sandbox on this machine, seed it with a small realistic mailbox, and run "
    "the real engine through a simulated November: interview confirmations arrive, eight "
    "quiet days pass and follow-up drafts appear, a recruiter asks for references, another "
    "company says no. Prints what arrived, how it was classified and every draft made, then "
    "proves nothing was sent. Needs no config."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--keep",
        metavar="DIR",
        type=Path,
        help="keep the demo's config, state database and sandbox mailbox in DIR",
    )


def run(args: argparse.Namespace, ctx) -> int:
    import logging

    from treadgently.demo import run_demo

    # The story is told on stdout; the engine's INFO log would only repeat it (-v shows it).
    if not ctx.verbose:
        logging.getLogger().setLevel(logging.WARNING)

    return run_demo(args.keep)
