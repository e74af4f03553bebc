"""Measure interview-confirmation detection over labelled .eml folders.

Prints, per folder: detection accuracy, precision and recall; the share of true
confirmations whose start time is exactly right (compared as instants); and the share
whose company is right.  Company names are compared leniently (case, punctuation and
legal suffixes ignored; "Pinecrest" matches "Pinecrest Software"), because a label
cannot know how much of a name the mail itself gives.

Then the blind-written held-out set (tests/fixtures/heldout_confirmations): whole, and
split by file number into TUNE (odd) and TEST (even).  There names are compared as
its README says (accents count, no prefix leniency).  TEST measures generalization
only while nobody reads it, so it is printed as aggregates alone: `-v` lists misses
of TUNE only (never of TEST, nor of the whole set, which would include TEST's).

Usage: python bench/eval_confirmations.py [-v] [FOLDER ...]
Default folders: ../shared/corpus/confirmations and tests/fixtures/confirmations.
Each folder holds *.eml and labels.jsonl lines {"file", "is_confirmation",
"interview_start", "company"}.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from treadgently.confirm import detect_confirmation
from treadgently.mail import parse_message

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDERS = (
    ROOT.parent / "shared" / "corpus" / "confirmations",
    ROOT / "tests" / "fixtures" / "confirmations",
)
HELDOUT = ROOT / "tests" / "fixtures" / "heldout_confirmations"
CANDIDATE = "jordan.ellery@example.com"
_LEGAL = re.compile(
    r"\b(?:inc|llc|ltd|limited|lp|llp|plc|corp|corporation|co|pte|pty|gmbh|ag|sa|sas|sl|bv|nv|se|srl|spa)\b"
)
_HELDOUT_LEGAL = re.compile(
    r"\b(?:inc|llc|ltd|limited|lp|llp|plc|corp|corporation|co|kg|pte|pty|pvt|gmbh|ag|"
    r"kk|sa|sas|sl|bv|nv|ab|as|se|srl|spa)\b"
)
_NUMBER = re.compile(r"-(\d+)\.eml$")


@dataclass
class Score:
    total: int = 0
    correct: int = 0
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    positives: int = 0
    start_right: int = 0
    company_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.positives if self.positives else 1.0

    @property
    def start_share(self) -> float:
        return self.start_right / self.positives if self.positives else 1.0

    @property
    def company_share(self) -> float:
        return self.company_right / self.positives if self.positives else 1.0


def company_matches(found: str | None, expected: str | None) -> bool:
    """Lenient name equality: one normalised name is a word-prefix of the other."""
    if not found or not expected:
        return found == expected
    a, b = _normalise(found), _normalise(expected)
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    return longer == shorter or longer.startswith(shorter + " ")


def _normalise(name: str) -> str:
    words = re.sub(r"[^\w\s]", " ", name.lower())
    return " ".join(_LEGAL.sub(" ", words).split())


def company_equals(found: str | None, expected: str | None) -> bool:
    """The held-out README's rule: equal once case, punctuation and legal suffixes go."""
    if not found or not expected:
        return found == expected
    return _strict_normalise(found) == _strict_normalise(expected)


def _strict_normalise(name: str) -> str:
    dotless = re.sub(r"(?<=\w)\.(?=\w)", "", name.casefold())  # "S.L." -> "sl."
    words = re.sub(r"[^\w\s]", " ", dotless)
    return " ".join(_HELDOUT_LEGAL.sub(" ", words).split())


def heldout_part(file_name: str) -> str:
    """ "tune" for odd file numbers, "test" for even: the protocol's fixed split."""
    match = _NUMBER.search(file_name)
    return "tune" if match and int(match.group(1)) % 2 else "test"


def evaluate(
    folder: Path,
    *,
    own_email: str | None = CANDIDATE,
    part: str | None = None,
    same_company: Callable[[str | None, str | None], bool] = company_matches,
) -> Score:
    """Score one labelled folder; `part` keeps only that held-out half ("tune"/"test")."""
    score = Score()
    for line in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        label = json.loads(line)
        if part is not None and heldout_part(label["file"]) != part:
            continue
        mail = parse_message((folder / label["file"]).read_bytes())
        found = detect_confirmation(mail, own_email=own_email)
        expected = bool(label["is_confirmation"])
        score.total += 1
        score.correct += (found is not None) == expected
        if expected:
            score.positives += 1
            if found is None:
                score.false_negative += 1
                score.misses.append(f"{label['file']}: missed")
                continue
            score.true_positive += 1
            want = (
                datetime.fromisoformat(label["interview_start"])
                if label["interview_start"]
                else None
            )
            if want is not None and found.start is not None and found.start == want:
                score.start_right += 1
            else:
                score.misses.append(f"{label['file']}: start {found.start} != {want}")
            if same_company(found.company, label["company"]):
                score.company_right += 1
            else:
                score.misses.append(
                    f"{label['file']}: company {found.company!r} != {label['company']!r}"
                )
        elif found is not None:
            score.false_positive += 1
            score.misses.append(
                f"{label['file']}: false confirmation ({'; '.join(found.evidence)})"
            )
    return score


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses (not TEST's)")
    args = parser.parse_args(argv)
    folders = args.folders or [f for f in DEFAULT_FOLDERS if f.is_dir()]
    for folder in folders:
        score = evaluate(folder)
        print_score(f"{folder}", score, misses=True)
    if not args.folders and HELDOUT.is_dir():
        for part, title in ((None, "whole"), ("tune", "TUNE, odd"), ("test", "TEST, even")):
            score = evaluate(HELDOUT, part=part, same_company=company_equals)
            # misses only from TUNE: the whole set's would name TEST files
            print_score(f"held-out {title}", score, misses=args.verbose and part == "tune")
        folders.append(HELDOUT)
    print(f"detection speed     {detection_speed(folders):.0f} messages/s (parsed mail in)")
    return 0


def print_score(title: str, score: Score, *, misses: bool) -> None:
    print(f"{title}  ({score.total} messages, {score.positives} confirmations)")
    print(f"  detection accuracy  {score.accuracy:.3f}")
    print(f"  precision / recall  {score.precision:.3f} / {score.recall:.3f}")
    right = f"({score.start_right}/{score.positives})"
    print(f"  start exactly right {score.start_share:.3f}  {right}")
    right = f"({score.company_right}/{score.positives})"
    print(f"  company right       {score.company_share:.3f}  {right}")
    for miss in score.misses if misses else ():
        print(f"    - {miss}")


def detection_speed(folders: list[Path], rounds: int = 5) -> float:
    """Messages per second through detect_confirmation alone, on already parsed mail."""
    mails = [parse_message(p.read_bytes()) for f in folders for p in sorted(f.glob("*.eml"))]
    if not mails:
        return 0.0
    started = time.perf_counter()
    for _ in range(rounds):
        for mail in mails:
            detect_confirmation(mail, own_email=CANDIDATE)
    return len(mails) * rounds / (time.perf_counter() - started)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
