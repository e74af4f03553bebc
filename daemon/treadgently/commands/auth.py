"""``treadgently auth``: authorize treadgently to read Gmail and write drafts."""

from __future__ import annotations

import argparse

from treadgently.auth import authorize, open_gmail, required_scopes

HELP = "authorize treadgently to read your Gmail and write drafts"
DESCRIPTION = (
    "Open Google's consent page and save the authorization to [gmail] token_file "
    "(mode 0600). treadgently asks to read mail (gmail.readonly) and to write drafts "
    "(gmail.compose), plus gmail.modify only when [gmail] label_threads = true. It never "
    "sends. The answer comes back to a server on 127.0.0.1 only; on a headless machine use "
    "--no-browser and forward the port over SSH as the command explains."
)


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError("a port is between 0 and 65535")
    return port


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--port",
        type=port_number,
        default=0,
        metavar="N",
        help="local port for Google's answer (default: a free port)",
    )
    parser.add_argument(
        "--no-browser",
        action="store_true",
        help="print the URL instead of opening a browser (for SSH sessions)",
    )


def run(args: argparse.Namespace, ctx) -> int:
    settings = ctx.settings()
    authorize(settings, port=args.port, open_browser=not args.no_browser)
    scopes = ", ".join(scope.rsplit("/", 1)[-1] for scope in required_scopes(settings))
    print(f"Saved the authorization to {settings.gmail.token_file} ({scopes}).")
    gmail = open_gmail(settings)
    try:
        print(f"Authorized for {gmail.profile().email}.")
    finally:
        gmail.close()
    return 0
