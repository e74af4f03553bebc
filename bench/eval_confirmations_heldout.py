"""Measure interview-confirmation detection on the blind held-out set, through the CLI.

The set in tests/fixtures/heldout_confirmations/ was written without reading the
detector, so this is the closest stand-in we have for the hidden evaluation corpus.
It runs `treadgently classify --json` exactly as a user would (a message counts as
a detected confirmation when its `interview` field is not null) and prints:
detection precision, recall and accuracy; the share of true confirmations whose
start is the right instant (any correct UTC offset); and the share whose company
is right, ignoring case, punctuation and legal suffixes (GmbH, Inc, LLP...).

Usage: python bench/eval_confirmations_heldout.py [--verbose] [FOLDER]
--verbose also lists every miss (file, what was expected, what came out).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT / "tests" / "fixtures" / "heldout_confirmations"
CLI = ROOT / ".venv" / "bin" / "treadgently"
_LEGAL_SUFFIX = re.compile(
    r"\b(?:inc|llc|ltd|limited|lp|llp|plc|corp|corporation|co|kg|pte|pty|pvt|gmbh|ag|"
    r"kk|sa|sas|sl|bv|nv|ab|as|se|srl|spa)\b"
)


@dataclass
class Tally:
    """Counts over one labelled folder; the ratios are what the report prints."""

    total: int = 0
    correct: int = 0
    true_positive: int = 0
    false_positive: int = 0
    positives: int = 0
    start_right: int = 0
    company_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.positives if self.positives else 1.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def normalise_company(name: str) -> str:
    """Case, punctuation and legal suffixes dropped: 'Pellow & Finch LLP' -> 'pellow finch'."""
    dotless = re.sub(r"(?<=\w)\.(?=\w)", "", name.casefold())  # "S.L." -> "sl.", "K.K" -> "kk"
    words = re.sub(r"[^\w\s]", " ", dotless)
    return " ".join(_LEGAL_SUFFIX.sub(" ", words).split())


def company_matches(found: str | None, expected: str | None) -> bool:
    if not found or not expected:
        return found == expected
    return normalise_company(found) == normalise_company(expected)


def same_instant(found: str | None, expected: str | None) -> bool:
    if not found or not expected:
        return False
    try:
        got = datetime.fromisoformat(found)
    except ValueError:
        return False
    if got.tzinfo is None:
        return False
    return got == datetime.fromisoformat(expected)


def run_classify(files: list[Path]) -> dict[str, dict]:
    """One CLI run over every file; results keyed by file name."""
    done = subprocess.run(
        [str(CLI), "classify", "--json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    results = {}
    for line in done.stdout.splitlines():
        if line.strip():
            row = json.loads(line)
            results[Path(row["file"]).name] = row
    return results


def score(labels: list[dict], results: dict[str, dict]) -> Tally:
    tally = Tally()
    for label in labels:
        name = label["file"]
        row = results.get(name, {"error": "no output"})
        found = row.get("interview")
        expected = bool(label["is_confirmation"])
        tally.total += 1
        tally.correct += (found is not None) == expected
        if "error" in row:
            tally.misses.append(f"{name}: error {row['error']}")
        if not expected:
            if found is not None:
                tally.false_positive += 1
                tally.misses.append(f"{name}: false confirmation {found} ({label['note']})")
            continue
        tally.positives += 1
        if found is None:
            tally.misses.append(f"{name}: missed ({label['note']})")
            continue
        tally.true_positive += 1
        if same_instant(found.get("start"), label["interview_start"]):
            tally.start_right += 1
        else:
            want = label["interview_start"]
            tally.misses.append(f"{name}: start {found.get('start')} != {want} ({label['note']})")
        if company_matches(found.get("company"), label["company"]):
            tally.company_right += 1
        else:
            tally.misses.append(f"{name}: company {found.get('company')!r} != {label['company']!r}")
    return tally


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    labels = [
        json.loads(line)
        for line in (args.folder / "labels.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    results = run_classify([args.folder / label["file"] for label in labels])
    tally = score(labels, results)
    true_found = tally.true_positive
    print(f"{args.folder}  ({tally.total} messages, {tally.positives} confirmations)")
    print(f"  detection precision {tally.precision:.3f}")
    print(f"  detection recall    {tally.recall:.3f}  ({true_found}/{tally.positives})")
    print(f"  detection accuracy  {tally.accuracy:.3f}  ({tally.correct}/{tally.total})")
    print(
        f"  start right         {tally.start_right / tally.positives:.3f}  "
        f"({tally.start_right}/{tally.positives} of all true confirmations)"
    )
    print(
        f"  company right       {tally.company_right / tally.positives:.3f}  "
        f"({tally.company_right}/{tally.positives} of all true confirmations)"
    )
    if args.verbose:
        for miss in tally.misses:
            print(f"    - {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
