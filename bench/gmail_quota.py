"""Gmail HTTP requests and quota units of the poll engine (issue 3, "Benchmark").

Drives the real engine (``treadgently.poll.run_cycle``) through the real
googleapiclient against the loopback sandbox, which logs every HTTP request
and every batch part with Google's published quota units per method:

- (a) the first poll of a 1,000-message mailbox from the last 60 days, 30 of
  them relevant (the backfill), target at most 15 HTTP requests;
- (b) an idle poll with no new mail, target exactly 1 request and at most 2 units;
- (c) a poll after one new recruiter reply, target at most 4 requests.

The mailbox comes from ``mailbox_gen`` (seeded).  The ``PollBench`` harness
here is shared with ``scale_backfill.py`` and ``idle_polls.py``.

    python bench/gmail_quota.py [--total 1000] [--relevant 30] [--seed 7] [-v]

Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType

from mailbox_gen import (
    Application,
    Mailbox,
    SyntheticMessage,
    deliver_one,
    generate_mailbox,
    recruiter_reply,
)
from treadgently.config import Settings, build_settings
from treadgently.gmail import Gmail
from treadgently.poll import CycleReport, run_cycle
from treadgently.sandbox import Sandbox

IDLE_REQUESTS, IDLE_UNITS = 1, 2
FIRST_POLL_REQUESTS = 15
REPLY_POLL_REQUESTS = 4
POLL_INTERVAL = timedelta(minutes=10)


@dataclass(frozen=True)
class PollFigures:
    """What one poll cost in Gmail terms, read from the sandbox's request log."""

    http_requests: int
    units: int
    calls: Counter[str]  # Gmail method -> calls (batch parts counted one by one)
    method_units: Counter[str]
    seconds: float
    report: CycleReport

    @property
    def drafts(self) -> int:
        return len(self.report.drafts)

    def breakdown(self) -> str:
        return ", ".join(
            f"{method.removeprefix('gmail.users.')} x{count} ({self.method_units[method]} u)"
            for method, count in sorted(self.calls.items())
        )


@dataclass
class PollBench:
    """A sandbox holding ``mailbox``, a state database, and the adapter the engine uses."""

    mailbox: Mailbox
    lookback_days: int = 60
    clock: datetime = field(init=False)
    box: Sandbox = field(init=False)
    gmail: Gmail = field(init=False)
    settings: Settings = field(init=False)
    threads: dict[str, str] = field(init=False, default_factory=dict)
    delivered: dict[str, SyntheticMessage] = field(init=False, default_factory=dict)  # by Gmail id
    _folder: tempfile.TemporaryDirectory[str] = field(init=False)

    def __enter__(self) -> PollBench:
        self.clock = self.mailbox.now
        self._folder = tempfile.TemporaryDirectory(prefix="treadgently-bench-")
        self.box = Sandbox(user_email=self.mailbox.own_email, clock=lambda: self.clock).start()
        for message in self.mailbox.messages:
            self.delivered[deliver_one(self.box, message, self.threads)] = message
        self.settings = bench_settings(self.mailbox, self.box, Path(self._folder.name))
        self.gmail = Gmail.for_endpoint(self.box.url)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.gmail.close()
        self.box.close()
        self._folder.cleanup()

    def poll(self, now: datetime) -> PollFigures:
        """One cycle at ``now``, measured on its own (the request log starts empty)."""
        self.clock = now
        self.box.reset_log()
        start = time.perf_counter()
        report = run_cycle(self.settings, now=now, gmail=self.gmail)
        seconds = time.perf_counter() - start
        return figures_from_log(self.box, report, seconds)

    def deliver(self, message_raw: bytes, received: datetime, thread: str) -> str:
        return self.box.deliver(
            message_raw, internal_date=received, thread_id=self.threads.get(thread)
        )


def bench_settings(mailbox: Mailbox, box: Sandbox, folder: Path) -> Settings:
    return build_settings(
        {
            "candidate": {"name": mailbox.own.name, "email": mailbox.own_email},
            "storage": {"database": str(folder / "state.db")},
            "gmail": {"api_endpoint": box.url, "token_uri": box.token_url},
            "policy": {"timezone": "America/New_York", "lookback_days": 60},
        },
        "bench",
    )


def figures_from_log(box: Sandbox, report: CycleReport, seconds: float) -> PollFigures:
    calls: Counter[str] = Counter()
    units: Counter[str] = Counter()
    for record in box.requests:
        if record.api_method == "batch":
            continue  # the outer request of a batch: its parts are the calls
        calls[record.api_method] += 1
        units[record.api_method] += record.units
    return PollFigures(
        http_requests=box.http_requests_count(),
        units=box.quota_units(),
        calls=calls,
        method_units=units,
        seconds=seconds,
        report=report,
    )


def memory_kb(field: str) -> int | None:
    """A /proc/self/status figure in KiB ("VmRSS" now, "VmHWM" the peak); None off Linux."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return None


def fetched_ids(box: Sandbox) -> list[str]:
    """The Gmail ids of every ``messages.get`` in the request log (batch parts included)."""
    return [
        record.path.rstrip("/").rsplit("/", 1)[-1]
        for record in box.requests
        if record.api_method == "gmail.users.messages.get"
    ]


def active_application(mailbox: Mailbox) -> Application:
    """An application still waiting for news: no offer, no rejection in its story."""
    finished = {
        m.application for m in mailbox.messages if m.kind in ("reply:offer", "reply:rejected")
    }
    return next(
        (a for a in mailbox.applications if a.domain not in finished), mailbox.applications[0]
    )


@dataclass(frozen=True)
class QuotaFigures:
    first: PollFigures
    idle: PollFigures
    reply: PollFigures


def measure_quota(mailbox: Mailbox) -> QuotaFigures:
    """(a) the first poll, (b) an idle poll right after it, (c) a poll after a recruiter reply."""
    with PollBench(mailbox) as bench:
        first = bench.poll(mailbox.now)
        idle = bench.poll(mailbox.now + POLL_INTERVAL)
        application = active_application(mailbox)
        received = mailbox.now + POLL_INTERVAL + timedelta(minutes=3)
        reply = recruiter_reply(mailbox, application, received)
        bench.deliver(reply.raw, received, reply.thread)
        after_reply = bench.poll(mailbox.now + 2 * POLL_INTERVAL)
    return QuotaFigures(first, idle, after_reply)


def verdicts(figures: QuotaFigures) -> list[tuple[str, PollFigures, str, bool]]:
    return [
        (
            "(a) first poll (backfill)",
            figures.first,
            f"<= {FIRST_POLL_REQUESTS} requests",
            figures.first.http_requests <= FIRST_POLL_REQUESTS,
        ),
        (
            "(b) idle poll, no new mail",
            figures.idle,
            f"{IDLE_REQUESTS} request, <= {IDLE_UNITS} units",
            figures.idle.http_requests == IDLE_REQUESTS and figures.idle.units <= IDLE_UNITS,
        ),
        (
            "(c) poll after a recruiter reply",
            figures.reply,
            f"<= {REPLY_POLL_REQUESTS} requests",
            figures.reply.http_requests <= REPLY_POLL_REQUESTS,
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--total", type=int, default=1000, help="messages in the mailbox")
    parser.add_argument("--relevant", type=int, default=30, help="of which job-search mail")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-v", "--verbose", action="store_true", help="log the engine at INFO")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr)
    mailbox = generate_mailbox(total=args.total, relevant=args.relevant, seed=args.seed)
    print(
        f"mailbox: {len(mailbox.messages):,} messages over 60 days, {mailbox.relevant_count} "
        f"relevant in {len(mailbox.applications)} applications (seed {args.seed})"
    )
    figures = measure_quota(mailbox)
    print(f"{'poll':34} {'HTTP requests':>13} {'quota units':>11}  {'target':28} verdict")
    missed = 0
    for name, poll, target, ok in verdicts(figures):
        missed += not ok
        print(
            f"{name:34} {poll.http_requests:13d} {poll.units:11d}  {target:28} "
            f"{'PASS' if ok else 'MISS'}"
        )
    for name, poll, _target, _ok in verdicts(figures):
        print(f"  {name[:3]} {poll.seconds:.2f} s, {poll.drafts} draft(s): {poll.breakdown()}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
