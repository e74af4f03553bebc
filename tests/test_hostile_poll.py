"""Hostile and broken mail through a full poll: every shared sample, 25 MB and 0 bytes.

The messages land in a thread the daemon tracks (the interview invitation's),
so the poll really fetches each one raw and runs it through parsing,
confirmation detection, classification and the policy.  A second run lets
them arrive as unknown mail, so their headers go through the metadata path
first.  Nothing may stop the cycle; a message that breaks a step is logged by
its id and skipped, and is not fetched again.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from pathlib import Path

import pytest

from crash_harness import RECRUITER, STORY, World, world
from treadgently.classify import Classifier
from treadgently.store import Store

pytestmark = pytest.mark.slow

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "mail-samples"
HUGE_SIZE = 25 * 1024 * 1024
AFTER = STORY[0].now + timedelta(hours=1)


def sample_files() -> list[Path]:
    if not SAMPLES.is_dir():
        pytest.skip(f"shared mail-samples not found at {SAMPLES}")
    return sorted(path for path in SAMPLES.rglob("*") if path.is_file())


def huge_message() -> bytes:
    """A 25 MB message from the recruiter: Gmail's own size limit."""
    head = (
        f"From: Maya Chen <{RECRUITER}>\r\nSubject: Re: the dataset\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    ).encode()
    line = b"Row 00042, lighthouse, 3.14159, ok; " * 3 + b"\r\n"
    body = line * ((HUGE_SIZE - len(head)) // len(line) + 1)
    return (head + body)[:HUGE_SIZE]


def deliver_all(w: World, *, thread_id: str | None) -> list[str]:
    ids = [w.box.deliver(path.read_bytes(), thread_id=thread_id) for path in sample_files()]
    ids.append(w.box.deliver(huge_message(), thread_id=thread_id))
    ids.append(w.box.deliver(b"", thread_id=thread_id))
    return ids


def invitation_thread(w: World) -> str:
    return w.box.messages()[0].thread_id


def processed(w: World, ids: list[str]) -> set[str]:
    with Store.open(w.database) as store:
        return store.processed_ids(ids)


def test_every_sample_and_a_25mb_and_an_empty_message_go_through_a_full_poll(caplog):
    with world() as w:
        w.play(1)  # the invitation is read: Lumenfold and its thread are tracked
        ids = deliver_all(w, thread_id=invitation_thread(w))
        w.box.reset_log()
        started = time.monotonic()
        with caplog.at_level(logging.WARNING):
            report = w.poll(AFTER)
        elapsed = time.monotonic() - started
        raw_fetches = [
            r for r in w.box.requests if r.api_method.endswith("messages.get") and r.batch_part
        ]
        again = w.poll(AFTER + timedelta(minutes=10))
        done = processed(w, ids)
        violations = w.box.violations
        outcome = w.outcome()
    print(f"{len(ids)} hostile messages through one poll in {elapsed:.1f} s")
    assert len(ids) > 1_000
    assert len(raw_fetches) >= len(ids)  # each was really read whole
    assert {seen.gmail_id for seen in report.seen} >= set(ids)
    assert done == set(ids)
    skipped = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert report.errors == len(skipped)
    assert all(any(i in r.getMessage() for i in ids) for r in skipped)
    assert again.seen == [] and again.errors == 0  # nothing is fetched twice
    assert violations == []
    assert outcome.duplicates == ()


def test_hostile_samples_arriving_as_unknown_mail_are_triaged_by_their_headers():
    with world() as w:
        w.play(1)
        ids = deliver_all(w, thread_id=None)
        report = w.poll(AFTER)
        done = processed(w, ids)
    kinds = {seen.kind for seen in report.seen}
    assert done == set(ids)  # each one either recorded or judged irrelevant, once
    assert kinds <= {"reply", "confirmation", "outbound", "irrelevant", "error"}


def test_a_message_that_breaks_a_step_is_logged_by_id_and_skipped(monkeypatch, caplog):
    """A bug in one message's handling costs that message, not the cycle."""
    real = Classifier.classify

    def classify_or_break(self, mail, *, own_email=None):
        if "boom" in mail.subject:
            raise RuntimeError("classifier bug")
        return real(self, mail, own_email=own_email)

    monkeypatch.setattr(Classifier, "classify", classify_or_break)
    with world() as w:
        w.play(1)
        thread = invitation_thread(w)
        bad = w.box.deliver(
            f"From: Maya Chen <{RECRUITER}>\r\nSubject: boom\r\n\r\nHello\r\n".encode(),
            thread_id=thread,
        )
        good = w.box.deliver(
            f"From: Maya Chen <{RECRUITER}>\r\nSubject: Re: interview\r\n\r\n"
            "We are still interviewing and will update you next week.\r\n".encode(),
            thread_id=thread,
        )
        with caplog.at_level(logging.ERROR):
            report = w.poll(AFTER)
        again = w.poll(AFTER + timedelta(minutes=10))
        done = processed(w, [bad, good])
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert report.errors == 1
    assert [bad in r.getMessage() for r in errors] == [True]
    assert {s.gmail_id: s.kind for s in report.seen} == {bad: "error", good: "reply"}
    assert done == {bad, good}
    assert again.seen == []  # the bad one is not retried forever
