"""The third blind held-out set holds the line: a macro-F1 floor and no costly confusion.

tests/fixtures/heldout3 was written blind to the rules (see its README).  Its
odd-numbered half (TUNE) has been learnt from; the even half (TEST) is only
measured in aggregate (bench/eval_classifier.py).
The set is read as `treadgently classify` reads it without a config: no
candidate address, so the recipient stands for the candidate.  Failures give
figures only, never a file name, so that reading them does not spoil TEST.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from treadgently.classify import Classifier
from treadgently.config import LABELS
from treadgently.mail import parse_message

HELDOUT3 = Path(__file__).parent / "fixtures" / "heldout3"
# Reached when this floor was set: 0.939 on the whole set (TUNE 0.987, TEST 0.892);
# before this round of work the whole set stood at 0.904 (TEST 0.892) with one costly
# confusion (a no for one role next to an invitation for another, read as a no).
MIN_MACRO_F1 = 0.92
COSTLY = {("offer", "rejected"), ("next_round", "rejected"), ("rejected", "offer"),
          ("rejected", "next_round")}  # fmt: skip


def labelled() -> list[tuple[Path, str]]:
    lines = (HELDOUT3 / "labels.jsonl").read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return [(HELDOUT3 / row["file"], row["category"]) for row in rows]


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    counts = Counter(pairs)
    scores = []
    for label in LABELS:
        tp = counts[(label, label)]
        fp = sum(n for (e, g), n in counts.items() if g == label and e != label)
        fn = sum(n for (e, g), n in counts.items() if e == label and g != label)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


@pytest.fixture(scope="module")
def pairs() -> list[tuple[str, str]]:
    classifier = Classifier()
    return [
        (expected, classifier.classify(parse_message(path.read_bytes())).label)
        for path, expected in labelled()
    ]


def test_the_third_held_out_set_has_twenty_replies_per_label() -> None:
    assert Counter(label for _, label in labelled()) == dict.fromkeys(LABELS, 20)


def test_macro_f1_on_the_third_held_out_set_stays_above_its_floor(pairs) -> None:
    score = macro_f1(pairs)
    recall = {
        label: sum(1 for e, g in pairs if e == label == g) / sum(1 for e, _ in pairs if e == label)
        for label in LABELS
    }
    summary = ", ".join(f"{label} {value:.2f}" for label, value in recall.items())
    assert score >= MIN_MACRO_F1, f"heldout3 macro-F1 {score:.3f} < {MIN_MACRO_F1} ({summary})"


def test_no_costly_confusion_on_the_third_held_out_set(pairs) -> None:
    costly = Counter(pair for pair in pairs if pair in COSTLY)
    assert costly == Counter(), f"costly confusions (expected, got): {dict(costly)}"
