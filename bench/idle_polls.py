"""Steady state: 1,000 polls with no new mail (issue 7, "Scale").

After the first poll of a 1,000-message mailbox (``mailbox_gen``, seeded) and
one warm-up poll, the engine polls 1,000 more times with nothing arriving.
The clock moves by the poll interval (10 minutes by default, so the run covers
about a week), which is how the daemon idles: follow-ups that fall due in that
week are drafted, and those polls cost a ``drafts.create`` more.

Prints the total quota units and HTTP requests, how many polls were exactly the
one ``history.list`` request (2 units) an idle poll should be, the drafts made,
and the resident set (VmRSS after a full garbage collection) before and after:
its growth is the figure.  The sandbox lives in this process; its request log
is cleared after every poll so it does not count as growth.

    python bench/idle_polls.py [--polls 1000] [--interval-minutes 10]

Exits 1 when a poll without new drafts costs more than one request.
"""

from __future__ import annotations

import argparse
import gc
import logging
import resource
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from gmail_quota import IDLE_REQUESTS, IDLE_UNITS, PollBench, memory_kb
from mailbox_gen import Mailbox, generate_mailbox


@dataclass(frozen=True)
class IdleFigures:
    polls: int
    units: int
    http_requests: int
    one_request_polls: int  # polls that were exactly history.list
    busy_polls: int  # polls that drafted (follow-ups falling due)
    unexpected_polls: int  # polls that cost more than one request without drafting
    drafts: int
    calls: Counter[str]
    rss_before_kb: int
    rss_after_kb: int
    seconds: float

    @property
    def rss_growth_kb(self) -> int:
        return self.rss_after_kb - self.rss_before_kb


def resident_kb() -> int:
    gc.collect()
    now = memory_kb("VmRSS")
    return now if now is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure_idle(mailbox: Mailbox, polls: int, interval: timedelta) -> IdleFigures:
    with PollBench(mailbox) as bench:
        now = mailbox.now
        bench.poll(now)  # the backfill
        now += interval
        bench.poll(now)  # warm-up: one-time costs (templates, caches) are paid here
        rss_before = resident_kb()
        units = requests = one_request = busy = unexpected = drafts = 0
        calls: Counter[str] = Counter()
        start = time.perf_counter()
        for _ in range(polls):
            now += interval
            figures = bench.poll(now)
            units += figures.units
            requests += figures.http_requests
            drafts += figures.drafts
            calls.update(figures.calls)
            if figures.http_requests == IDLE_REQUESTS and figures.units <= IDLE_UNITS:
                one_request += 1
            elif figures.drafts or figures.report.removed:
                busy += 1
            else:
                unexpected += 1
        seconds = time.perf_counter() - start
        bench.box.reset_log()
        rss_after = resident_kb()
    return IdleFigures(
        polls=polls,
        units=units,
        http_requests=requests,
        one_request_polls=one_request,
        busy_polls=busy,
        unexpected_polls=unexpected,
        drafts=drafts,
        calls=calls,
        rss_before_kb=rss_before,
        rss_after_kb=rss_after,
        seconds=seconds,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polls", type=int, default=1000)
    parser.add_argument("--interval-minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    mailbox = generate_mailbox(total=1000, relevant=30, seed=args.seed)
    interval = timedelta(minutes=args.interval_minutes)
    figures = measure_idle(mailbox, args.polls, interval)
    span = interval * args.polls
    print(
        f"idle polls:            {figures.polls} every {args.interval_minutes:g} min "
        f"({span.days} d {span.seconds // 3600} h simulated) in {figures.seconds:.1f} s"
    )
    print(f"total quota units:     {figures.units}  ({figures.units / figures.polls:.2f} per poll)")
    print(f"total HTTP requests:   {figures.http_requests}")
    print(
        f"one-request polls:     {figures.one_request_polls} of {figures.polls} "
        f"(history.list only, {IDLE_UNITS} units)"
    )
    print(
        f"polls that drafted:    {figures.busy_polls} ({figures.drafts} draft(s) fell due); "
        f"other costly polls: {figures.unexpected_polls}"
    )
    print(
        "calls:                 "
        + ", ".join(
            f"{method.removeprefix('gmail.users.')} x{count}"
            for method, count in sorted(figures.calls.items())
        )
    )
    print(f"RSS after warm-up:     {figures.rss_before_kb / 1024:.1f} MB")
    print(f"RSS after the polls:   {figures.rss_after_kb / 1024:.1f} MB")
    print(f"RSS growth:            {figures.rss_growth_kb / 1024:+.1f} MB")
    return 1 if figures.unexpected_polls else 0


if __name__ == "__main__":
    raise SystemExit(main())
