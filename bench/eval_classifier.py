"""Score the reply classifier: per-label precision/recall/F1, macro-F1, confusion matrix.

Runs over ../shared/corpus/replies (labels.jsonl), over our own hand-written
tests/fixtures/replies, and over the three blind-written held-out sets
tests/fixtures/heldout, heldout2 and heldout3: each whole, then split by
file number into TUNE (odd) and TEST (even).  TEST measures generalization only
while nobody reads it, so it is printed as aggregates alone: `-v` lists misses
everywhere except TEST.  heldout2 and heldout3 are read without the candidate's address, as
`treadgently classify` reads it with no config (and as a hidden corpus would).
Usage: python bench/eval_classifier.py [-v] [--heldout-only]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from treadgently.classify import Classifier
from treadgently.config import LABELS
from treadgently.mail import parse_message

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "replies"
FIXTURES = ROOT / "tests" / "fixtures" / "replies"
HELDOUT = ROOT / "tests" / "fixtures" / "heldout"
HELDOUT2 = ROOT / "tests" / "fixtures" / "heldout2"
HELDOUT3 = ROOT / "tests" / "fixtures" / "heldout3"
# Whose mailbox each set imitates (the candidate's own messages are never company replies).
OWN_EMAIL = {
    CORPUS: "jordan.ellery@example.com",
    FIXTURES: "alex.morgan@example.net",
    HELDOUT: "jordan.ellery@example.com",
}
_NUMBER_RE = re.compile(r"-(\d+)\.eml$")

COSTLY = {
    ("offer", "rejected"),
    ("next_round", "rejected"),
    ("rejected", "offer"),
    ("rejected", "next_round"),
}


def load_labels(folder: Path) -> list[tuple[Path, str]]:
    rows = []
    with (folder / "labels.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                item = json.loads(line)
                rows.append((folder / item["file"], item["category"]))
    return rows


def heldout_part(path: Path) -> str:
    """ "tune" for odd file numbers, "test" for even: the protocol's fixed split."""
    match = _NUMBER_RE.search(path.name)
    return "tune" if match and int(match.group(1)) % 2 else "test"


def evaluate(folder: Path, verbose: bool, part: str | None = None) -> dict:
    """Score one labelled folder; `part` keeps only that held-out half ("tune"/"test")."""
    classifier = Classifier()
    pairs = []
    rows = load_labels(folder)
    if part is not None:
        rows = [(path, label) for path, label in rows if heldout_part(path) == part]
    for path, expected in rows:
        mail = parse_message(path.read_bytes())
        result = classifier.classify(mail, own_email=OWN_EMAIL.get(folder))
        pairs.append((expected, result.label))
        if verbose and expected != result.label:
            print(
                f"  MISS {path.name}: expected {expected}, got {result.label} "
                f"({result.confidence:.2f}) {list(result.evidence)}"
            )
    return score(pairs)


def score(pairs: list[tuple[str, str]]) -> dict:
    confusion = Counter(pairs)
    per_label = {}
    for label in LABELS:
        tp = confusion[(label, label)]
        fp = sum(n for (e, g), n in confusion.items() if g == label and e != label)
        fn = sum(n for (e, g), n in confusion.items() if e == label and g != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = (precision, recall, f1, tp + fn)
    present = [label for label in LABELS if per_label[label][3]]
    macro = sum(per_label[label][2] for label in present) / len(present)
    costly = sum(n for pair, n in confusion.items() if pair in COSTLY)
    accuracy = sum(n for (e, g), n in confusion.items() if e == g) / len(pairs)
    return {
        "per_label": per_label,
        "macro_f1": macro,
        "confusion": confusion,
        "costly": costly,
        "accuracy": accuracy,
        "n": len(pairs),
    }


def report(name: str, result: dict) -> None:
    print(f"\n== {name}: {result['n']} messages")
    print(f"{'label':22} {'prec':>6} {'recall':>6} {'f1':>6} {'n':>4}")
    for label, (p, r, f, n) in result["per_label"].items():
        print(f"{label:22} {p:6.2f} {r:6.2f} {f:6.2f} {n:4d}")
    print(
        f"macro-F1 {result['macro_f1']:.3f}   accuracy {result['accuracy']:.3f}   "
        f"costly confusions {result['costly']}"
    )
    short = [label[:6] for label in LABELS]
    print("\nconfusion (rows: expected, columns: predicted)")
    print(" " * 22 + " ".join(f"{s:>6}" for s in short))
    for expected in LABELS:
        row = [result["confusion"][(expected, got)] for got in LABELS]
        print(f"{expected:22}" + " ".join(f"{n:6d}" for n in row))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses (not TEST's)")
    parser.add_argument(
        "--heldout-only", action="store_true", help="only the held-out section (whole/TUNE/TEST)"
    )
    args = parser.parse_args()
    sets: list[tuple[str, Path, str | None, bool]] = []
    if not args.heldout_only:
        sets += [
            ("development corpus", CORPUS, None, args.verbose),
            ("own fixtures", FIXTURES, None, args.verbose),
        ]
    for title, folder in (("held-out", HELDOUT), ("heldout2", HELDOUT2), ("heldout3", HELDOUT3)):
        sets += [
            (f"{title}, whole", folder, None, False),
            (f"{title} TUNE (odd numbers)", folder, "tune", args.verbose),
            (f"{title} TEST (even numbers, aggregates only)", folder, "test", False),
        ]
    for name, folder, part, verbose in sets:
        if not (folder / "labels.jsonl").exists():
            print(f"\n== {name}: {folder} not found, skipped")
            continue
        report(name, evaluate(folder, verbose, part))
    return 0


if __name__ == "__main__":
    sys.exit(main())
