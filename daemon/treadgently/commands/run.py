"""``treadgently run``: the daemon the systemd unit starts."""

from __future__ import annotations

import argparse
import functools

from treadgently.daemon import run_daemon

HELP = "poll Gmail every few minutes until stopped (what the systemd unit runs)"
DESCRIPTION = (
    "Poll Gmail now and then every [schedule] poll_interval_minutes, putting follow-up "
    "drafts into Gmail Drafts; nothing is ever sent. SIGTERM or Ctrl-C lets the current "
    "poll finish and exits 0. A bad config (2), a missing or revoked authorization (3) "
    "or another running instance (4) stops it, since restarting cannot fix those."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser  # the interval comes from the config


def run(args: argparse.Namespace, ctx) -> int:
    settings = ctx.settings()
    # Imported here so that `--help` and the other commands do not load the whole engine.
    from treadgently.poll import run_cycle

    # run_daemon holds the lock, so each cycle is told not to take it again; the cycle
    # opens its own store, because it runs in the scheduler's worker thread.
    cycle = functools.partial(run_cycle, settings, lock_held=True)
    return run_daemon(settings, cycle)
