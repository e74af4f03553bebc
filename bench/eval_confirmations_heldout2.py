"""Measure interview-confirmation detection on the second blind held-out set, through the CLI.

tests/fixtures/heldout_confirmations2/ (55 confirmations, 35 lookalikes) was written
and labelled without reading the detector, by a different hand from the first
held-out set, so it is a fresh stand-in for the hidden evaluation corpus. Like
eval_confirmations_heldout.py, whose scoring it shares, it runs
`treadgently classify --json` as a user would (a message is a detected
confirmation when its `interview` is not null) and prints detection precision,
recall and accuracy, the share of true confirmations whose start is the right
instant (any correct UTC offset), and the share whose company is right (case,
punctuation and legal suffixes ignored; accents count).

It scores the whole set, then its two fixed halves: TUNE (odd file numbers), which
may be read and learnt from, and TEST (even numbers), which nobody reads and which
is therefore only ever printed as aggregates. --verbose lists TUNE's misses alone:
naming a TEST file would invite tuning on it and spoil it as a stand-in.

Usage: python bench/eval_confirmations_heldout2.py [--verbose] [FOLDER]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from eval_confirmations_heldout import Tally, run_classify, score

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT / "tests" / "fixtures" / "heldout_confirmations2"
_NUMBER_RE = re.compile(r"-(\d+)\.eml$")


def part_of(name: str) -> str:
    """ "tune" for odd file numbers, "test" for even: the protocol's fixed split."""
    match = _NUMBER_RE.search(name)
    return "tune" if match and int(match.group(1)) % 2 else "test"


def report(title: str, tally: Tally) -> None:
    positives = tally.positives or 1
    print(
        f"\n== heldout2 confirmations, {title}: {tally.total} messages, "
        f"{tally.positives} confirmations"
    )
    print(f"  detection precision {tally.precision:.3f}")
    print(f"  detection recall    {tally.recall:.3f}  ({tally.true_positive}/{tally.positives})")
    print(f"  detection accuracy  {tally.accuracy:.3f}  ({tally.correct}/{tally.total})")
    print(
        f"  start right         {tally.start_right / positives:.3f}  "
        f"({tally.start_right}/{tally.positives} of all true confirmations)"
    )
    print(
        f"  company right       {tally.company_right / positives:.3f}  "
        f"({tally.company_right}/{tally.positives} of all true confirmations)"
    )
    print(
        f"heldout2 confirmations {title}: P {tally.precision:.3f} R {tally.recall:.3f} "
        f"start {tally.start_right / positives:.3f} company {tally.company_right / positives:.3f}"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="list TUNE's misses (never TEST's)"
    )
    args = parser.parse_args(argv)
    labels = [
        json.loads(line)
        for line in (args.folder / "labels.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    results = run_classify([args.folder / label["file"] for label in labels])
    print(f"{args.folder}")
    halves = [
        ("whole", labels),
        ("TUNE", [label for label in labels if part_of(label["file"]) == "tune"]),
        ("TEST", [label for label in labels if part_of(label["file"]) == "test"]),
    ]
    for title, chosen in halves:
        report(title, score(chosen, results))
    if args.verbose:
        tune = score([label for label in labels if part_of(label["file"]) == "tune"], results)
        print("\nTUNE misses")
        for miss in tune.misses:
            print(f"  - {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
