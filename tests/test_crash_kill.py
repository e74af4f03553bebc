"""SIGKILL a real ``treadgently poll`` at every step of the story; nothing is lost or doubled.

CI runs a sample (every request of the polls that write drafts, before and
after each ``drafts.create`` takes effect; every other request elsewhere; every
fourth SQL statement of the drafting polls).  ``bench/crash_sweep.py`` runs
every kill point.  See tests/crash_harness.py for how the kills are placed.
"""

from __future__ import annotations

import pytest

from crash_harness import (
    INVITATION_ID,
    LONG_STORY,
    MANAGER,
    RECRUITER,
    REPLY_ID,
    STORY,
    KillPoint,
    Outcome,
    kill_at,
    kill_in_store,
    methods_of_step,
    uninterrupted_outcome,
    world,
)

pytestmark = pytest.mark.slow

DRAFTING_STEPS = (1, 2)  # "follow-ups due" and "references requested"
WRITES = ("gmail.users.drafts.create",)
STORE_STRIDE = 4


@pytest.fixture(scope="module")
def baseline() -> Outcome:
    outcome, _counts = uninterrupted_outcome()
    return outcome


@pytest.fixture(scope="module")
def methods() -> dict[int, list[str]]:
    """The outer requests each poll of the story makes, counted on a fault-free run."""
    return {index: methods_of_step(index) for index in range(len(STORY))}


def sample(step: int, methods: list[str]) -> list[KillPoint]:
    count = len(methods)
    if step in DRAFTING_STEPS:
        points = [KillPoint(step, k) for k in range(1, count + 1)]
    else:
        ks = sorted({*range(1, count + 1, 2), count})
        points = [KillPoint(step, k) for k in ks]
    points += [
        KillPoint(step, k, after_apply=True)
        for k, method in enumerate(methods, start=1)
        if method in WRITES
    ]
    return points


def test_the_uninterrupted_story_leaves_two_threaded_drafts_and_the_reply_processed(baseline):
    by_step = {d.step: d for d in baseline.drafts}
    assert set(by_step) == {"thank_manager", "reply_references"}
    assert MANAGER in by_step["thank_manager"].to
    reply = by_step["reply_references"]
    assert RECRUITER in reply.to
    assert reply.thread.startswith("<treadgently.")  # the follow-up the user sent
    assert baseline.duplicates == ()
    labels = {message_id: label for message_id, _direction, label in baseline.messages}
    assert labels[REPLY_ID] == "references_requested"
    assert INVITATION_ID in labels
    assert [
        status for _k, step, status, _to in baseline.draft_states if step == "recruiter_follow_up"
    ] == ["sent"]


def test_every_poll_of_the_story_makes_requests_to_kill(methods):
    assert all(methods[index] for index in range(len(STORY)))
    assert methods[0][0] == "oauth2.token"  # the expired token is refreshed first
    assert methods[1].count("gmail.users.drafts.create") == 2
    assert methods[2].count("gmail.users.drafts.create") == 1


@pytest.mark.parametrize("step", range(len(STORY)), ids=[s.name for s in STORY])
def test_a_kill_at_any_request_then_polling_on_gives_the_uninterrupted_drafts(
    step, baseline, methods, record_property
):
    points = sample(step, methods[step])
    wrong = []
    for point in points:
        result = kill_at(point)
        if not result.killed:
            wrong.append((point, "never reached its hang"))
        elif result.outcome != baseline:
            wrong.append((point, result.outcome))
    record_property("kill_points", len(points))
    print(f"{STORY[step].name}: {len(points)} kill point(s) of {len(methods[step])} request(s)")
    assert points
    assert wrong == []


def test_a_poll_that_ends_before_the_hang_is_simply_complete(baseline, methods):
    beyond = KillPoint(1, len(methods[1]) + 1)
    result = kill_at(beyond)
    assert not result.killed
    assert result.outcome == baseline


@pytest.mark.parametrize("step", DRAFTING_STEPS, ids=[STORY[s].name for s in DRAFTING_STEPS])
def test_a_kill_between_sql_statements_leaves_a_sound_database_and_the_same_drafts(
    step, baseline, record_property
):
    statement = 1
    results = []
    while True:
        result = kill_in_store(step, statement)
        if not result.killed:
            break
        results.append(result)
        statement += STORE_STRIDE
    inside = [r for r in results if r.in_transaction]
    record_property("sql_kill_points", len(results))
    print(f"{STORY[step].name}: {len(results)} SQL kill point(s), {len(inside)} mid-transaction")
    assert inside, "no kill fell inside a transaction"
    assert [r.statement for r in results if r.integrity != "ok"] == []
    assert [r.statement for r in results if r.outcome != baseline] == []


REMOVING_WRITES = (
    "gmail.users.drafts.get",
    "gmail.users.drafts.delete",
    "gmail.users.drafts.create",
)


def test_a_kill_around_removing_a_follow_up_after_a_rejection_leaves_the_same_drafts():
    """The long story's rejection poll: our unsent follow-up is deleted, a reply drafted."""
    rejection = next(i for i, step in enumerate(LONG_STORY) if step.name == "B rejects")
    with world(story=LONG_STORY) as w:  # uninterrupted, in this process (faster)
        w.play(len(LONG_STORY))
        expected = w.outcome()
    methods = methods_of_step(rejection, story=LONG_STORY)
    points = [
        KillPoint(rejection, k, after_apply=after)
        for k, method in enumerate(methods, start=1)
        if method in REMOVING_WRITES
        for after in (False, True)
    ]
    results = [kill_at(point, story=LONG_STORY) for point in points]
    assert "gmail.users.drafts.delete" in methods
    assert all(result.killed for result in results)
    assert [
        r.point
        for r in results
        if r.outcome.as_the_user_sees_it() != expected.as_the_user_sees_it()
    ] == []
    # Only the record of who removed the draft may differ: killed after Gmail deleted it,
    # the state learns of it from the history and says "deleted" rather than "removed".
    for result in results:
        statuses = {(key, status) for key, _s, status, _t in result.outcome.draft_states}
        wanted = {(key, status) for key, _s, status, _t in expected.draft_states}
        assert {(k, s.replace("deleted", "removed")) for k, s in statuses - wanted} <= wanted
