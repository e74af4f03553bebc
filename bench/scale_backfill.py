"""The first poll (backfill) of a large mailbox (issue 7, "Scale").

A sandbox mailbox of 10,000 messages over 60 days, 200 of them relevant across
40 applications (``mailbox_gen``, seeded).  Prints the wall time of the poll,
its HTTP requests and Gmail quota units, the units per unrelated message, how
many unrelated messages were fetched, and the peak resident set (``ru_maxrss``).

Targets: under 250 HTTP requests, and no more than 2 quota units per unrelated
message on average (all the poll's units divided by the unrelated messages, so
the relevant mail's cost is counted against the target too).

The engine runs in a child process so that its peak RSS is its own: the
sandbox, which holds the whole mailbox in memory, stays in this process.
``--in-process`` runs both in one process (quicker; RSS then includes the sandbox).

    python bench/scale_backfill.py [--total 10000] [--relevant 200] [--applications 40]

Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gmail_quota import PollBench, fetched_ids, memory_kb
from mailbox_gen import Mailbox, generate_mailbox
from treadgently.config import build_settings
from treadgently.gmail import Gmail
from treadgently.poll import run_cycle

MAX_REQUESTS = 250  # fewer than this
MAX_UNITS_PER_UNRELATED = 2.0


@dataclass(frozen=True)
class BackfillFigures:
    messages: int
    relevant: int
    applications: int
    seconds: float
    http_requests: int
    units: int
    unrelated_fetched: int
    relevant_fetched: int
    relevant_recorded: int  # relevant messages the engine recorded in an application
    drafts: int
    violations: int  # calls the sandbox refused as forbidden (sends, inserts)
    peak_rss_kb: int
    isolated: bool  # the engine ran in its own process

    @property
    def unrelated(self) -> int:
        return self.messages - self.relevant

    @property
    def units_per_unrelated(self) -> float:
        return self.units / max(1, self.unrelated)

    @property
    def requests_ok(self) -> bool:
        return self.http_requests < MAX_REQUESTS

    @property
    def units_ok(self) -> bool:
        return self.units_per_unrelated <= MAX_UNITS_PER_UNRELATED


def measure_backfill(mailbox: Mailbox, *, isolate: bool = True) -> BackfillFigures:
    """Deliver the mailbox, then run and measure the first poll."""
    with PollBench(mailbox) as bench:
        bench.box.reset_log()
        if isolate:
            seconds, drafts, peak_kb, recorded = poll_in_child(bench, mailbox.now)
        else:
            figures = bench.poll(mailbox.now)
            seconds, drafts = figures.seconds, figures.drafts
            peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            recorded = recorded_gmail_ids(figures.report)
        fetched = [bench.delivered.get(gmail_id) for gmail_id in set(fetched_ids(bench.box))]
        relevant_ids = {g for g, m in bench.delivered.items() if m.relevant}
        return BackfillFigures(
            messages=len(mailbox.messages),
            relevant=mailbox.relevant_count,
            applications=len(mailbox.applications),
            seconds=seconds,
            http_requests=bench.box.http_requests_count(),
            units=bench.box.quota_units(),
            unrelated_fetched=sum(1 for m in fetched if m is not None and not m.relevant),
            relevant_fetched=sum(1 for m in fetched if m is not None and m.relevant),
            relevant_recorded=len(recorded & relevant_ids),
            drafts=drafts,
            violations=len(bench.box.violations),
            peak_rss_kb=peak_kb,
            isolated=isolate,
        )


def recorded_gmail_ids(report: object) -> set[str]:
    seen = getattr(report, "seen", [])
    return {s.gmail_id for s in seen if s.kind in ("confirmation", "reply", "outbound")}


def poll_in_child(bench: PollBench, now: datetime) -> tuple[float, int, int, set[str]]:
    """Run the poll in a fresh interpreter; its peak RSS is then the engine's alone."""
    job = {
        "settings": bench.settings.model_dump(mode="json"),
        "endpoint": bench.box.url,
        "now": now.isoformat(),
    }
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--engine-child"],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the engine's poll failed:\n{done.stderr[-2000:]}")
    answer = json.loads(done.stdout)
    return answer["seconds"], answer["drafts"], answer["peak_kb"], set(answer["recorded"])


def own_peak_rss_kb() -> int:
    """This process's peak resident set in KiB.

    ``ru_maxrss`` survives ``exec`` on Linux, so a child started by a process that
    holds a 10,000-message sandbox would report its parent's size; ``VmHWM`` (the
    high-water mark of this address space) starts afresh at ``exec``.
    """
    peak = memory_kb("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def engine_child() -> int:
    """The child side: one poll against the parent's sandbox, figures as JSON on stdout."""
    job = json.loads(sys.stdin.read())
    settings = build_settings(job["settings"], "bench")
    gmail = Gmail.for_endpoint(job["endpoint"])
    start = time.perf_counter()
    try:
        report = run_cycle(settings, now=datetime.fromisoformat(job["now"]), gmail=gmail)
    finally:
        gmail.close()
    seconds = time.perf_counter() - start
    recorded = sorted(recorded_gmail_ids(report))
    answer = {
        "seconds": seconds,
        "drafts": len(report.drafts),
        "recorded": recorded,
        "peak_kb": own_peak_rss_kb(),
    }
    print(json.dumps(answer))
    return 0


def print_figures(figures: BackfillFigures) -> None:
    where = "engine process" if figures.isolated else "engine + sandbox in one process"
    print(
        f"mailbox: {figures.messages:,} messages over 60 days, {figures.relevant} relevant in "
        f"{figures.applications} applications"
    )
    print(f"wall time:                    {figures.seconds:.2f} s")
    print(
        f"HTTP requests:                {figures.http_requests:d}   "
        f"(target < {MAX_REQUESTS}) {'PASS' if figures.requests_ok else 'MISS'}"
    )
    print(f"quota units:                  {figures.units:d}")
    print(
        f"units per unrelated message:  {figures.units_per_unrelated:.3f} "
        f"(target <= {MAX_UNITS_PER_UNRELATED:g}) {'PASS' if figures.units_ok else 'MISS'}"
    )
    print(
        f"messages fetched:             {figures.relevant_fetched} of {figures.relevant} "
        f"relevant, {figures.unrelated_fetched} of {figures.unrelated:,} unrelated"
    )
    print(f"relevant messages recorded:   {figures.relevant_recorded} of {figures.relevant}")
    print(f"drafts made:                  {figures.drafts}")
    print(f"forbidden calls refused:      {figures.violations}")
    print(f"peak RSS:                     {figures.peak_rss_kb / 1024:.1f} MB ({where})")


def main() -> int:
    if "--engine-child" in sys.argv:
        return engine_child()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--total", type=int, default=10_000)
    parser.add_argument("--relevant", type=int, default=200)
    parser.add_argument("--applications", type=int, default=40)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--in-process", action="store_true", help="no child process")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    mailbox = generate_mailbox(
        total=args.total, relevant=args.relevant, applications=args.applications, seed=args.seed
    )
    figures = measure_backfill(mailbox, isolate=not args.in_process)
    print_figures(figures)
    return 0 if figures.requests_ok and figures.units_ok and not figures.violations else 1


if __name__ == "__main__":
    raise SystemExit(main())
