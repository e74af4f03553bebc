"""``treadgently check``: validate the config (and, through it, the templates)."""

from __future__ import annotations

import argparse

from treadgently.classify import validate_phrases
from treadgently.config import source_path
from treadgently.drafts import DraftRenderer, check_templates
from treadgently.errors import TemplateError

HELP = "validate the config and templates, then exit"
DESCRIPTION = (
    "Validate the config file and render every draft template with sample data. "
    "Prints every problem with its file and key or line, and exits 2 if there is one."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser  # no options of its own


def run(args: argparse.Namespace, ctx) -> int:
    settings = ctx.settings()
    source = source_path(settings)
    validate_phrases(settings.classifier.phrases())
    renderer = DraftRenderer(settings.templates.dir)
    problems = check_templates(renderer)
    if problems:
        raise TemplateError("template problems:\n  " + "\n  ".join(problems))
    for warning in config_warnings(settings):
        print(f"warning: {warning}")
    print(f"{source}: config OK; {len(renderer.template_names())} templates render")
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
