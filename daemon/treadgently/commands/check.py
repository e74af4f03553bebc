"""``treadgently check``: validate the config (and, through it, the templates)."""

from __future__ import annotations

import argparse

from treadgently.config import source_path

HELP = "validate the config and templates, then exit"
DESCRIPTION = (
    "Validate the config file and render every draft template with sample data. "
    "Prints every problem with its file and key or line, and exits 2 if there is one."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser  # no options of its own


def run(args: argparse.Namespace, ctx) -> int:
    settings = ctx.settings()
    for warning in config_warnings(settings):
        print(f"warning: {warning}")
    print(f"{source_path(settings)}: config OK")
    return 0


def config_warnings(settings) -> list[str]:
    warnings = []
    if not settings.references:
        warnings.append(
            "no [[references]] configured: a reference request will get a draft that "
            "says where to add them"
        )
    if not settings.gmail.client_secrets_file.exists():
        warnings.append(
            f"[gmail] client_secrets_file {settings.gmail.client_secrets_file} does not exist "
            "yet ('treadgently auth' needs it)"
        )
    return warnings
