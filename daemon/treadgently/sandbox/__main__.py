"""Serve a sandbox by hand: ``python -m treadgently.sandbox --port 8765 [--seed-dir DIR]``.

Point ``[gmail] api_endpoint`` at the printed URL and ``token_uri`` at its
``/token`` to try treadgently without a Google account.  ``--seed-dir`` loads
a mailbox saved by ``Sandbox.save`` (or ``demo --keep``), or, if the directory
holds only ``.eml`` files, delivers each of them to the inbox.  ``--save``
writes the mailbox back on Ctrl-C.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from pathlib import Path

from treadgently.sandbox.box import DEFAULT_USER, Sandbox
from treadgently.sandbox.persist import STATE_FILE


def build_sandbox(arguments: argparse.Namespace) -> Sandbox:
    seed: Path | None = arguments.seed_dir
    if seed is not None and (seed / STATE_FILE).exists():
        return Sandbox.load(seed, port=arguments.port)
    box = Sandbox(arguments.user, port=arguments.port)
    if seed is not None:
        for path in sorted(seed.rglob("*.eml")):
            box.deliver(path.read_bytes())
    return box


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m treadgently.sandbox", description=__doc__)
    parser.add_argument(
        "--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)"
    )
    parser.add_argument("--user", default=DEFAULT_USER, help="the mailbox owner's address")
    parser.add_argument(
        "--seed-dir", type=Path, help="a saved mailbox, or a directory of .eml files"
    )
    parser.add_argument("--save", type=Path, help="save the mailbox here when stopped")
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with build_sandbox(arguments) as box:
        print(f"Gmail sandbox for {box.user_email}: {len(box.messages())} messages")
        print(f"  api_endpoint = {box.url}")
        print(f"  token_uri    = {box.token_url}")
        print("Ctrl-C stops it.", flush=True)
        try:
            stop.wait()
        except KeyboardInterrupt:
            print("stopping")
        finally:
            if arguments.save is not None:
                box.save(arguments.save)
                print(f"saved to {arguments.save}")
            print(f"{box.http_requests_count()} requests, {box.quota_units()} quota units")
    return 0


if __name__ == "__main__":
    sys.exit(main())
