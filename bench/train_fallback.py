"""Train the classifier's fallback model and write daemon/treadgently/data/fallback_model.json.

The model (see treadgently/fallback.py) is a naive Bayes over words and word
pairs, consulted only when the rules abstain.  It learns from every labelled
reply we may learn from: the shared development corpus, our own fixtures and
the TUNE half (odd file numbers) of the held-out set.  The TEST half (even
numbers) is never read here, so that eval_classifier.py can still measure the
whole classifier on mail it has not seen.  Deterministic: the same inputs
write the same bytes.  Usage: python bench/train_fallback.py [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from eval_classifier import CORPUS, FIXTURES, HELDOUT, heldout_part, load_labels
from treadgently.classify import new_text
from treadgently.config import LABELS
from treadgently.fallback import features
from treadgently.mail import parse_message

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "daemon" / "treadgently" / "data" / "fallback_model.json"
ALPHA = 1.0  # add-one smoothing of each feature's presence rate
THRESHOLD = 0.99  # posterior below which the model stays silent
MIN_DOCUMENTS = 2  # a feature seen in one reply only is that reply's, not the label's


def training_rows() -> list[tuple[set[str], str]]:
    rows = []
    for folder in (CORPUS, FIXTURES, HELDOUT):
        for path, label in load_labels(folder):
            if folder == HELDOUT and heldout_part(path) != "tune":
                continue  # the TEST half stays unseen
            text = new_text(parse_message(path.read_bytes()))
            rows.append((features(text.lower()), label))
    return rows


def build(rows: list[tuple[set[str], str]]) -> dict:
    seen = Counter(feature for found, _ in rows for feature in found)
    kept = sorted(feature for feature, n in seen.items() if n >= MIN_DOCUMENTS)
    index = {label: i for i, label in enumerate(LABELS)}
    documents = [0] * len(LABELS)
    counts = {feature: [0] * len(LABELS) for feature in kept}
    for found, label in rows:
        documents[index[label]] += 1
        for feature in found:
            if feature in counts:
                counts[feature][index[label]] += 1
    return {
        "about": "naive Bayes fallback for the reply classifier; bench/train_fallback.py",
        "labels": list(LABELS),
        "documents": documents,
        "alpha": ALPHA,
        "threshold": THRESHOLD,
        "counts": counts,
    }


def render(rows: list[tuple[set[str], str]]) -> str:
    """The model file's exact text: compact, sorted, so that a rerun writes the same bytes."""
    model = build(rows)
    return json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the shipped file differs")
    args = parser.parse_args()
    rows = training_rows()
    text = render(rows)
    if args.check:
        same = OUTPUT.exists() and OUTPUT.read_text(encoding="utf-8") == text
        print(f"{OUTPUT.name}: {'up to date' if same else 'DIFFERS from a fresh training run'}")
        return 0 if same else 1
    OUTPUT.write_text(text, encoding="utf-8")
    model = json.loads(text)
    print(
        f"wrote {OUTPUT} ({len(text):,} bytes): {len(rows)} replies, "
        f"{len(model['counts']):,} features"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
