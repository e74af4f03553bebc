"""Fault storms: 20 polls over a changing mailbox, 30% of requests failing, same drafts at the end.

Two applications live through three weeks: invitations arrive, follow-ups fall
due, the user sends one draft, deletes another and edits a third, a recruiter
asks for references, the other company rejects, unrelated mail keeps coming,
and Gmail forgets the history id in the middle.  The storm run meets seeded
429s (Retry-After: 0), 500s, 503s, dropped connections and slow answers on 30%
of requests, batch parts included.  A poll that gives up raises TransientError
and the next poll (a few minutes later) carries on; nothing else may escape.
The final drafts and state must equal a fault-free run's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from crash_harness import (
    RECRUITER,
    USER,
    World,
    deliver_invitation,
    references_reply_raw,
    world,
)
from treadgently.errors import TransientError
from treadgently.retry import RetryPolicy
from treadgently.sandbox import Sandbox
from treadgently.sandbox.faults import STORM_KINDS
from treadgently.store import Store

pytestmark = pytest.mark.slow

SEEDS = (3, 17, 2024)
LOST_ANSWER_SEEDS = (5, 19)  # 5 loses a drafts.delete answer, 19 two drafts.create answers
OTHER_RECRUITER = "lena.ortiz@brightwater.example"
RETRY_LATER = timedelta(minutes=5)
MAX_TRIES_PER_SLOT = 25
# Two attempts per call (the product makes five): polls give up often, so the storm
# also proves that an abandoned poll leaves nothing the next one cannot finish.
STORM_POLICY = RetryPolicy(max_attempts=2, base_delay=0.001, max_delay=0.01, max_retry_after=0.05)


def day(d: int, hour: int) -> datetime:
    return datetime(2025, 3, d, hour, 0, tzinfo=UTC)


def plain(sender: str, subject: str, body: str, message_id: str, date: str) -> bytes:
    return "\r\n".join(
        [
            f"From: {sender}",
            f"To: Jordan Ellery <{USER}>",
            f"Subject: {subject}",
            f"Date: {date}",
            f"Message-ID: {message_id}",
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="utf-8"',
            "",
            body,
            "",
        ]
    ).encode()


def confirmation_b(box: Sandbox) -> None:
    box.deliver(
        plain(
            f"Lena Ortiz <{OTHER_RECRUITER}>",
            "Interview confirmed: Thursday, March 13",
            "Hi Jordan,\r\n\r\nThis confirms your video interview with the Brightwater analytics"
            " team on\r\nThursday, March 13, 2025 at 11:00 AM Pacific Time.\r\n\r\nBest,\r\n"
            "Lena Ortiz\r\nRecruiter, Brightwater",
            "<conf-b1@brightwater.example>",
            "Wed, 12 Mar 2025 02:00:00 -0700",
        ),
        internal_date=day(12, 9),
    )


def noise(number: int, subject: str = "") -> Callable[[Sandbox], None]:
    def arrive(box: Sandbox) -> None:
        box.deliver(
            plain(
                "Weekly Digest <news@digest.example>",
                subject or f"Your weekly digest #{number}",
                f"Issue {number}: gardening, bread, and five ways to fix a bike chain.",
                f"<digest-{number}@digest.example>",
                "Sat, 15 Mar 2025 08:00:00 +0000",
            ),
            internal_date=day(11, 23) + timedelta(days=number),
        )

    return arrive


def drafts_to(box: Sandbox, address: str) -> list:
    return [d for d in box.drafts() if address in d.message.header("To").lower()]


def user_sends_recruiter_draft_and_deletes_thank_you(box: Sandbox) -> None:
    [to_recruiter] = drafts_to(box, RECRUITER)
    box.user_sends_draft(to_recruiter.id)
    [thank_you] = drafts_to(box, "sam.okafor@lumenfold.example")
    box.user_deletes_draft(thank_you.id)


def history_expires(box: Sandbox) -> None:
    box.faults.expire_history()
    noise(9)(box)


def recruiter_asks_for_references(box: Sandbox) -> None:
    sent = [m for m in box.messages() if "SENT" in m.label_ids]
    follow_up = sent[-1]
    box.deliver(
        references_reply_raw(follow_up.header("Message-ID"), follow_up.subject),
        thread_id=follow_up.thread_id,
        internal_date=day(21, 15),
    )


def user_edits_reply_draft(box: Sandbox) -> None:
    replies = [d for d in drafts_to(box, RECRUITER) if d.message.subject.startswith("Re:")]
    [reply] = replies
    edited = reply.message.raw.replace(b"Hi Maya,", b"Hi Maya, thanks so much!", 1)
    box.user_edits_draft(reply.id, edited)


def brightwater_rejects(box: Sandbox) -> None:
    box.deliver(
        plain(
            f"Lena Ortiz <{OTHER_RECRUITER}>",
            "Your application at Brightwater",
            "Hi Jordan,\r\n\r\nThank you for taking the time to interview with us. After careful"
            " consideration we have\r\ndecided to move forward with another candidate whose"
            " experience more closely matches our needs.\r\n\r\nWe wish you the best in your"
            " search.\r\nLena",
            "<rej-b1@brightwater.example>",
            "Mon, 24 Mar 2025 09:12:00 -0700",
        ),
        internal_date=day(24, 16),
    )


def nothing(box: Sandbox) -> None:
    """No mail this time."""


@dataclass(frozen=True)
class Slot:
    now: datetime
    before: Callable[[Sandbox], None]


SCHEDULE: tuple[Slot, ...] = (
    Slot(day(11, 22), deliver_invitation),
    Slot(day(12, 10), confirmation_b),
    Slot(day(13, 22), noise(2)),
    Slot(day(14, 22), noise(3, "Interview tips for the spring season")),
    Slot(day(15, 22), nothing),
    Slot(day(16, 22), noise(5)),
    Slot(day(17, 22), nothing),
    Slot(day(18, 22), nothing),  # Lumenfold's two follow-ups fall due
    Slot(day(19, 10), user_sends_recruiter_draft_and_deletes_thank_you),
    Slot(day(19, 22), history_expires),
    Slot(day(20, 22), nothing),  # Brightwater's follow-up falls due
    Slot(day(21, 16), recruiter_asks_for_references),
    Slot(day(22, 10), nothing),
    Slot(day(22, 22), user_edits_reply_draft),
    Slot(day(23, 22), noise(14)),
    Slot(day(24, 17), brightwater_rejects),
    Slot(day(25, 10), nothing),
    Slot(day(25, 22), noise(17)),
    Slot(day(26, 10), nothing),
    Slot(day(26, 22), nothing),
)


@dataclass
class RunLog:
    polls: int = 0
    gave_up: int = 0
    full_syncs_after_expiry: int = 0


def pending_intents(w: World) -> int:
    with Store.open(w.database) as store:
        return len(store.pending_intents())


def live(w: World, *, storm_seed: int | None, kinds: tuple[str, ...] = STORM_KINDS) -> RunLog:
    """Every slot: the mailbox changes, then polls run until one completes with nothing pending."""
    log = RunLog()
    gmail = w.gmail(STORM_POLICY)
    if storm_seed is not None:
        w.box.faults.random(
            rate=0.3, seed=storm_seed, kinds=kinds, retry_after=0, delay=0.02, batch_parts=True
        )
    try:
        for index, slot in enumerate(SCHEDULE):
            w.box.mailbox.clock = lambda at=slot.now: at
            slot.before(w.box)
            for attempt in range(MAX_TRIES_PER_SLOT):
                now = slot.now + attempt * RETRY_LATER
                w.box.mailbox.clock = lambda at=now: at
                log.polls += 1
                try:
                    report = w.poll(now, gmail=gmail)
                except TransientError:
                    log.gave_up += 1
                    continue
                if report.full_sync and index >= 9:
                    log.full_syncs_after_expiry += 1
                if not pending_intents(w):
                    break
            else:
                raise AssertionError(f"slot {index} never completed in {MAX_TRIES_PER_SLOT} polls")
    finally:
        gmail.close()
    return log


@pytest.fixture(scope="module")
def calm():
    with world() as w:
        log = live(w, storm_seed=None)
        return w.outcome(), log


def test_the_calm_run_lives_the_whole_story(calm):
    outcome, log = calm
    assert log.polls == len(SCHEDULE) and log.gave_up == 0
    assert log.full_syncs_after_expiry == 1  # the expired history id forced one full sync
    by_step: dict[str, list[str]] = {}
    for _key, step, status, _to in outcome.draft_states:
        by_step.setdefault(step, []).append(status)
    # Lumenfold's was sent by the user; Brightwater's removed after its rejection.
    assert sorted(by_step["recruiter_follow_up"]) == ["removed", "sent"]
    assert by_step["thank_manager"] == ["deleted"]
    assert by_step["reply_references"] == ["edited"]
    assert by_step["reply_rejected"] == ["created"]
    assert outcome.duplicates == ()
    assert dict(outcome.stages) == {"Lumenfold": "active", "Brightwater": "closed"}


@pytest.mark.parametrize("seed", SEEDS)
def test_a_seeded_storm_of_faults_converges_to_the_calm_runs_drafts(seed, calm):
    expected, _ = calm
    with world() as w:
        log = live(w, storm_seed=seed)
        injected = w.box.faults.injected
        outcome = w.outcome()
    kinds = {fault.fault.kind + str(fault.fault.status or "") for fault in injected}
    print(
        f"seed {seed}: {log.polls} polls, {log.gave_up} gave up, {len(injected)} faults"
        f" injected ({', '.join(sorted(kinds))})"
    )
    assert len(injected) >= 20
    assert {"status429", "status500", "status503", "drop", "delay"} <= kinds
    assert log.full_syncs_after_expiry >= 1
    assert outcome.duplicates == ()
    assert outcome == expected


@pytest.mark.parametrize("seed", LOST_ANSWER_SEEDS)
def test_a_storm_that_also_loses_answers_gmail_acted_on_makes_no_duplicate(seed, calm):
    """Drops *after* the effect (a draft stored, its answer lost) and 403 rate limits too."""
    expected, _ = calm
    with world() as w:
        log = live(w, storm_seed=seed, kinds=(*STORM_KINDS, "drop_after_apply", "403"))
        lost = [f.api_method for f in w.box.faults.injected if f.fault.after_apply]
        outcome = w.outcome()
    print(f"seed {seed}: {log.polls} polls, {log.gave_up} gave up, {len(lost)} answers lost")
    assert any(method.endswith(("drafts.create", "drafts.delete")) for method in lost)
    assert outcome.duplicates == ()
    assert outcome == expected
