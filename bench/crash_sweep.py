"""The full kill sweep: SIGKILL ``treadgently poll`` at every request and every SQL statement.

For every poll of the crash story (tests/crash_harness.py) and every k from
its first outer HTTP request to its last, the sandbox hangs request k, once
before and once after its effect is applied; the poll is killed while it
hangs and then polled to completion.  Then every SQL statement of every poll
is a kill point too.  Each final state must equal the uninterrupted run's.

Run:  .venv/bin/python bench/crash_sweep.py [--label-threads] [--long] [--skip-sql]
Prints the number of kill points exercised and any that went wrong; exits 1 if any did.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from crash_harness import (
    LONG_STORY,
    STORY,
    KillPoint,
    Outcome,
    Story,
    kill_at,
    kill_in_store,
    methods_of_step,
    uninterrupted_outcome,
)


def baseline(label_threads: bool, story: Story) -> Outcome:
    return uninterrupted_outcome(label_threads=label_threads, story=story)[0]


def sweep_requests(label_threads: bool, story: Story, expected: Outcome) -> tuple[int, list[str]]:
    exercised = 0
    wrong: list[str] = []
    for index, step in enumerate(story):
        methods = methods_of_step(index, label_threads=label_threads, story=story)
        started = time.monotonic()
        for k, method in enumerate(methods, start=1):
            for after_apply in (False, True):
                point = KillPoint(index, k, after_apply=after_apply)
                result = kill_at(point, label_threads=label_threads, story=story)
                exercised += 1
                when = "after" if after_apply else "before"
                if not result.killed:
                    wrong.append(f"{step.name} k={k} {method} ({when}): never hung")
                else:
                    judge(f"{step.name} k={k} {method} ({when})", result.outcome, expected, wrong)
        print(
            f"  {step.name:22} {len(methods):3d} requests x 2 = {2 * len(methods):3d} kill points"
            f"  ({time.monotonic() - started:.1f} s)  {', '.join(short(m) for m in methods)}"
        )
    return exercised, wrong


def sweep_statements(
    label_threads: bool, story: Story, expected: Outcome
) -> tuple[int, int, list[str]]:
    exercised = inside = 0
    wrong: list[str] = []
    for index, step in enumerate(story):
        started = time.monotonic()
        statement = 1
        here = 0
        while True:
            result = kill_in_store(index, statement, label_threads=label_threads, story=story)
            if not result.killed:
                break
            here += 1
            inside += result.in_transaction
            if result.integrity != "ok":
                wrong.append(f"{step.name} statement {statement}: {result.integrity}")
            else:
                judge(f"{step.name} statement {statement}", result.outcome, expected, wrong)
            statement += 1
        exercised += here
        print(
            f"  {step.name:22} {here:3d} SQL statements killed"
            f"  ({time.monotonic() - started:.1f} s)"
        )
    return exercised, inside, wrong


def judge(where: str, outcome: Outcome, expected: Outcome, wrong: list[str]) -> None:
    """Wrong: other drafts, duplicates or replies than the uninterrupted run.  A status
    that differs only in who removed a draft is printed as a note (see Outcome)."""
    if outcome.as_the_user_sees_it() != expected.as_the_user_sees_it():
        wrong.append(f"{where}: {outcome}")
    elif outcome != expected:
        changed = sorted(set(outcome.draft_states) - set(expected.draft_states))
        print(f"    note: {where}: same drafts; draft status differs: {changed}")


def short(method: str) -> str:
    return method.removeprefix("gmail.users.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label-threads", action="store_true", help="also label threads")
    parser.add_argument("--skip-sql", action="store_true", help="only the HTTP kill points")
    parser.add_argument(
        "--long",
        action="store_true",
        help="the 20-poll story of the fault storms (two applications, a rejection)",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # the in-process polls' retries are expected noise
    story = LONG_STORY if args.long else STORY
    started = time.monotonic()
    expected = baseline(args.label_threads, story)
    print(f"story: {' -> '.join(s.name for s in story)}; {len(expected.drafts)} drafts at the end")
    print("HTTP kill points (hang at request k, kill, poll to completion):")
    http_points, wrong = sweep_requests(args.label_threads, story, expected)
    sql_points = inside = 0
    if not args.skip_sql:
        print("SQL kill points (SIGKILL before statement n, integrity_check, poll on):")
        sql_points, inside, sql_wrong = sweep_statements(args.label_threads, story, expected)
        wrong += sql_wrong
    print(
        f"kill points exercised: {http_points} HTTP + {sql_points} SQL"
        f" ({inside} inside a transaction) = {http_points + sql_points};"
        f" wrong: {len(wrong)}; {time.monotonic() - started:.0f} s"
    )
    for line in wrong:
        print("  WRONG:", line)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
