"""Score the reply classifier on the second blind held-out set, tests/fixtures/heldout2.

It runs the installed command, `treadgently classify --json`, exactly as a user would, so the
figures cover parsing, quote stripping and classification end to end.  It prints per-label
precision/recall/F1, macro-F1, the confusion matrix and the costly confusions (offer or
next_round <-> rejected) for the whole set, then for its two fixed halves: TUNE (odd file
numbers), which may be read and learnt from, and TEST (even numbers), which nobody reads and
which is therefore only ever printed as aggregates.  `--misses` lists TUNE's misses alone:
naming a TEST file would invite tuning on it and spoil it as a stand-in for the hidden corpus.
Usage: python bench/eval_heldout2.py [--misses]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELDOUT2 = ROOT / "tests" / "fixtures" / "heldout2"
LABELS = (
    "still_interviewing",
    "references_requested",
    "info_requested",
    "next_round",
    "offer",
    "rejected",
    "auto_reply",
    "other",
)
COSTLY = {
    ("offer", "rejected"),
    ("next_round", "rejected"),
    ("rejected", "offer"),
    ("rejected", "next_round"),
}
_NUMBER_RE = re.compile(r"-(\d+)\.eml$")
SHORT = {
    "still_interviewing": "still",
    "references_requested": "refs",
    "info_requested": "info",
    "next_round": "next",
    "offer": "offer",
    "rejected": "rej",
    "auto_reply": "auto",
    "other": "other",
}


def load_labels(folder: Path) -> dict[str, str]:
    """File name -> expected label, from labels.jsonl."""
    expected = {}
    with (folder / "labels.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                expected[row["file"]] = row["category"]
    return expected


def part_of(name: str) -> str:
    """ "tune" for odd file numbers, "test" for even: the protocol's fixed split."""
    match = _NUMBER_RE.search(name)
    return "tune" if match and int(match.group(1)) % 2 else "test"


def treadgently_command() -> list[str]:
    """The CLI next to this interpreter (the venv's), else whatever is on PATH."""
    beside = Path(sys.executable).with_name("treadgently")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("treadgently")
    if found is None:
        raise SystemExit("treadgently is not installed in this environment")
    return [found]


def classify(folder: Path, names: list[str]) -> dict[str, str]:
    """File name -> predicted label ('error' when the CLI could not read the file)."""
    paths = [str(folder / name) for name in names]
    done = subprocess.run(
        [*treadgently_command(), "classify", "--json", *paths],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    predicted = {}
    for line in done.stdout.splitlines():
        if line.strip():
            row = json.loads(line)
            predicted[Path(row["file"]).name] = row.get("category", "error")
    missing = set(names) - set(predicted)
    if missing:
        raise SystemExit(f"classify printed no result for {len(missing)} files: {done.stderr}")
    return predicted


def score(pairs: list[tuple[str, str]]) -> dict:
    confusion = Counter(pairs)
    per_label = {}
    for label in LABELS:
        tp = confusion[(label, label)]
        fp = sum(n for (exp, got), n in confusion.items() if got == label and exp != label)
        fn = sum(n for (exp, got), n in confusion.items() if exp == label and got != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = (precision, recall, f1, tp + fn)
    macro = sum(values[2] for values in per_label.values()) / len(LABELS)
    accuracy = sum(n for (exp, got), n in confusion.items() if exp == got) / len(pairs)
    costly = {pair: confusion[pair] for pair in sorted(COSTLY) if confusion[pair]}
    return {
        "per_label": per_label,
        "macro_f1": macro,
        "accuracy": accuracy,
        "confusion": confusion,
        "costly": costly,
    }


def report(title: str, result: dict, total: int) -> None:
    print(f"\n== heldout2 {title}: {total} messages")
    print(f"{'label':<22}{'prec':>7}{'rec':>7}{'F1':>7}{'n':>5}")
    for label, (precision, recall, f1, n) in result["per_label"].items():
        print(f"{label:<22}{precision:7.2f}{recall:7.2f}{f1:7.2f}{n:5d}")
    print(f"macro-F1 {result['macro_f1']:.3f}   accuracy {result['accuracy']:.3f}")
    print("\nconfusion (rows expected, columns predicted)")
    columns = [*LABELS, "error"] if any(g == "error" for _, g in result["confusion"]) else LABELS
    print(f"{'':<8}" + "".join(f"{SHORT.get(c, c):>7}" for c in columns))
    for expected in LABELS:
        cells = "".join(f"{result['confusion'][(expected, got)]:7d}" for got in columns)
        print(f"{SHORT[expected]:<8}{cells}")
    costly = result["costly"]
    print(f"\ncostly confusions (offer/next_round <-> rejected): {sum(costly.values())}")
    for (expected, got), n in costly.items():
        print(f"  {expected} -> {got}: {n}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--misses", action="store_true", help="also list TUNE's missed files (never TEST's)"
    )
    args = parser.parse_args()
    expected = load_labels(HELDOUT2)
    names = sorted(expected)
    predicted = classify(HELDOUT2, names)
    halves = [
        ("whole", names),
        ("TUNE (odd numbers)", [name for name in names if part_of(name) == "tune"]),
        ("TEST (even numbers, aggregates only)", [n for n in names if part_of(n) == "test"]),
    ]
    for title, chosen in halves:
        pairs = [(expected[name], predicted[name]) for name in chosen]
        report(title, score(pairs), len(pairs))
    if args.misses:
        print("\nTUNE misses")
        for name in names:
            if part_of(name) == "tune" and expected[name] != predicted[name]:
                print(f"  {name}: expected {expected[name]}, got {predicted[name]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
