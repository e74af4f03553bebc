"""Confirmation detection over the shared development corpus and our own fixtures.

The thresholds are the issue's: detection accuracy at least 0.95.  Start times are
compared as instants.  The scoring lives in bench/eval_confirmations.py so the test
and the printed figures can never disagree.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "confirmations"
FIXTURES = Path(__file__).parent / "fixtures" / "confirmations"


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "eval_confirmations", ROOT / "bench" / "eval_confirmations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


bench = load_bench()


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS}")
def test_development_corpus_detection_start_and_company() -> None:
    score = bench.evaluate(CORPUS)
    assert score.total >= 20
    assert score.accuracy >= 0.95, score.misses
    assert score.false_positive == 0, score.misses
    assert score.start_share >= 0.9, score.misses
    assert score.company_share >= 0.9, score.misses


def test_own_fixtures_detection_start_and_company() -> None:
    score = bench.evaluate(FIXTURES)
    assert score.total >= 25
    assert score.accuracy >= 0.95, score.misses
    assert score.false_positive == 0, score.misses
    assert score.start_share >= 0.9, score.misses
    assert score.company_share >= 0.9, score.misses


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"shared folder not found at {SHARED}")
def test_no_reply_in_the_reply_corpus_is_taken_for_a_confirmation() -> None:
    """Rejections, offers and scheduling questions mention interviews and times too."""
    replies = SHARED / "corpus" / "replies"
    if not replies.is_dir():
        pytest.skip(f"reply corpus not found at {replies}")
    from treadgently.confirm import detect_confirmation
    from treadgently.mail import parse_message

    found = [
        path.name
        for path in sorted(replies.glob("*.eml"))
        if detect_confirmation(parse_message(path.read_bytes()), own_email=bench.CANDIDATE)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("found", "expected", "match"),
    [
        ("Pinecrest", "Pinecrest Software", True),
        ("Taunus Analytik", "Taunus Analytik GmbH", True),
        ("Fjordline Energy Ltd", "Fjordline Energy", True),
        ("Pine", "Pinecrest Software", False),
        ("Globex", "Pinecrest Software", False),
        (None, "Pinecrest Software", False),
    ],
)
def test_company_names_are_compared_leniently(
    found: str | None, expected: str, match: bool
) -> None:
    assert bench.company_matches(found, expected) is match
