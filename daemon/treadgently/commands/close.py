"""``treadgently close``: stop everything for one application."""

from __future__ import annotations

import argparse
from pathlib import Path

from treadgently.errors import ConfigError
from treadgently.model import CLOSED_BY_USER, Stage
from treadgently.store import Store

HELP = "stop all follow-ups for an application (by number or company name)"
DESCRIPTION = (
    "Close an application: no further drafts are planned for it. Use the number that "
    "'treadgently status' shows, or the company name. The next poll removes the follow-up "
    "drafts treadgently made for it that you have not edited; edited drafts and replies "
    "stay in Gmail for you to send or delete."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("application", metavar="APPLICATION", help="number or company name")


def run(args: argparse.Namespace, ctx) -> int:
    settings = ctx.settings()
    with Store.open(Path(settings.storage.database)) as store, store.transaction():
        app = find_application(store, args.application)
        if app.stage is Stage.CLOSED:
            print(f"application #{app.id} ({app.company}) is already closed")
            return 0
        store.close_application(app.id, CLOSED_BY_USER)
    print(
        f"closed application #{app.id} ({app.company}); nothing more will be drafted for it, "
        "and the next poll removes its unedited follow-up drafts"
    )
    return 0


def find_application(store: Store, name_or_number: str):
    text = name_or_number.strip().lstrip("#")
    if text.isdigit():
        app = store.application(int(text))
        if app is not None:
            return app
    matches = store.find_applications_by_company(text)
    if not matches:
        raise ConfigError(f"no application {name_or_number!r}: see 'treadgently status --all'")
    if len(matches) > 1:
        numbers = ", ".join(f"#{a.id}" for a in matches)
        raise ConfigError(
            f"{name_or_number!r} matches several applications ({numbers}): use the number"
        )
    return matches[0]
