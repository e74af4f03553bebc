"""``treadgently relabel``: correct how a message was classified."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from treadgently.config import LABELS
from treadgently.errors import ConfigError
from treadgently.store import Store

HELP = "correct the classification of a message; the next poll re-plans"
DESCRIPTION = (
    "Give a processed message another label (one of: " + ", ".join(LABELS) + "). "
    "MESSAGE is the Gmail message id shown by 'poll' and in the log. The next poll plans "
    "with the new label: for example, relabelling a reply as references_requested makes "
    "the references draft."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("message", metavar="MESSAGE", help="Gmail message id")
    parser.add_argument("label", metavar="LABEL", choices=LABELS, help="the right label")


def run(args: argparse.Namespace, ctx) -> int:
    settings = ctx.settings()
    with Store.open(Path(settings.storage.database)) as store:
        if not store.relabel(args.message, args.label, datetime.now(UTC)):
            raise ConfigError(f"no processed message {args.message!r}")
    print(f"message {args.message} is now {args.label}; the next poll plans with it")
    return 0
