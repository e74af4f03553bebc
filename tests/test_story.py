"""The product story, end to end: the real engine, the real googleapiclient, the sandbox.

An interview is confirmed, a week passes, follow-up drafts appear in Gmail,
the company answers with every kind of reply, someone is away; each test
tells one part of it as the user would see it in Gmail.
"""

from __future__ import annotations

from datetime import date

import pytest

import story
from story import (
    COMPANY,
    INTERVIEW_AT,
    INTERVIEW_DATE_TEXT,
    MANAGER,
    RECRUITER,
    REFERENCES,
    USER,
    World,
    addressed,
    body_of,
    company_reply,
    confirmation,
    days_after,
    local_time,
    out_of_office,
)
from treadgently.model import DraftStatus, PolicyConfig, Stage, Step
from treadgently.policy import next_steps

world = story.world
POLICY = PolicyConfig(timezone=story.ZONE_NAME)


def confirmed(world: World) -> story.Letter:
    """The recruiter's confirmation arrives and the daemon reads it that day."""
    invite = confirmation()
    world.deliver(invite)
    report = world.poll(days_after(invite.date, 0, hours=1))
    assert [s.kind for s in report.seen] == ["confirmation"]
    assert report.drafts == []
    return invite


def assert_nothing_sent(world: World) -> None:
    assert world.box.violations == []
    assert world.sent_by_us() == []


def assert_joined(world: World, view) -> None:
    """Gmail's threading rule accepted the draft into the thread it asked for."""
    decision = next(d for d in world.box.threading_decisions if d.message_id == view.message.id)
    assert decision.joined, decision
    assert decision.thread_id == decision.requested_thread_id == view.thread_id


def assert_reply_headers(view, parent: story.Letter) -> None:
    message = view.message
    assert message.header("In-Reply-To") == parent.message_id
    assert parent.message_id in message.header("References").split()
    assert message.subject == f"Re: {parent.subject.removeprefix('Re: ')}"


# ---- the quiet week ----------------------------------------------------------------------


def test_eight_quiet_days_after_the_interview_put_two_threaded_drafts_in_gmail(world: World):
    invite = confirmed(world)

    report = world.poll(days_after(INTERVIEW_AT, 8))

    assert sorted(d.step for d in report.drafts) == [Step.RECRUITER_FOLLOW_UP, Step.THANK_MANAGER]
    assert len(world.drafts()) == 2

    thanks = world.draft(Step.THANK_MANAGER)
    assert addressed(thanks) == (MANAGER.name, MANAGER.email)
    assert addressed(thanks, "From") == (USER.name, USER.email)
    text = body_of(thanks)
    assert "thank you again" in text.lower()
    assert INTERVIEW_DATE_TEXT in text
    assert text.startswith(f"Hi {MANAGER.first_name},")

    follow_up = world.draft(Step.RECRUITER_FOLLOW_UP)
    assert addressed(follow_up) == (RECRUITER.name, RECRUITER.email)
    invite_thread = world.thread_of(invite)
    assert follow_up.thread_id == invite_thread
    assert_reply_headers(follow_up, invite)
    assert_joined(world, follow_up)
    assert "decision" in body_of(follow_up)
    assert thanks.thread_id != invite_thread  # Sam never wrote: a new conversation

    assert_nothing_sent(world)


def test_six_days_after_the_interview_nothing_is_drafted_and_repeated_polls_add_nothing(
    world: World,
):
    confirmed(world)

    for hours in (0, 1, 2):
        assert world.poll(days_after(INTERVIEW_AT, 6, hours)).drafts == []
    assert world.drafts() == []

    first = world.poll(days_after(INTERVIEW_AT, 8))
    assert len(first.drafts) == 2
    for hours in (1, 5, 30):
        again = world.poll(days_after(INTERVIEW_AT, 8, hours))
        assert again.drafts == []
        assert again.actions == []
    assert len(world.drafts()) == 2
    assert len(world.records()) == 2
    assert_nothing_sent(world)


# ---- the company answers -----------------------------------------------------------------


def followed_up(world: World) -> story.Letter:
    """The pair was drafted on day 8 and the user sent the recruiter's follow-up that day."""
    confirmed(world)
    assert len(world.poll(days_after(INTERVIEW_AT, 8)).drafts) == 2
    sent = world.user_sends_draft(
        world.draft(Step.RECRUITER_FOLLOW_UP), days_after(INTERVIEW_AT, 8, hours=2)
    )
    world.poll(days_after(INTERVIEW_AT, 8, hours=3))
    assert world.record(Step.RECRUITER_FOLLOW_UP).status is DraftStatus.SENT
    return sent


REPLY_CASES = {
    # label: (the draft it gets, words it must say)
    "still_interviewing": (Step.REPLY_STILL_INTERVIEWING, ("Thank you for the update",)),
    "references_requested": (
        Step.REPLY_REFERENCES,
        tuple(r[k] for r in REFERENCES for k in ("name", "title", "relationship", "email")),
    ),
    "info_requested": (Step.REPLY_INFO, ("work samples",)),
    "next_round": (Step.REPLY_NEXT_ROUND, ("[YOUR AVAILABILITY",)),
    "offer": (Step.REPLY_OFFER, ("Thank you so much for the offer", "in writing")),
    "rejected": (
        Step.REPLY_REJECTED,
        (f"Interviewing with {COMPANY} was a great experience", "future openings"),
    ),
}


@pytest.mark.parametrize("label", sorted(REPLY_CASES))
def test_recruiter_reply_to_the_follow_up_gets_its_own_draft_in_that_thread(
    world: World, label: str
):
    sent = followed_up(world)
    answer = company_reply(label, sent, date=days_after(INTERVIEW_AT, 9))
    world.deliver(answer)

    report = world.poll(days_after(INTERVIEW_AT, 9, hours=1))

    assert [(s.kind, s.label) for s in report.seen] == [("reply", label)]
    step, words = REPLY_CASES[label]
    assert [d.step for d in report.drafts] == [step]
    reply = world.draft(step)
    assert addressed(reply) == (RECRUITER.name, RECRUITER.email)
    assert reply.thread_id == world.thread_of(answer) == world.thread_of(sent)
    assert_reply_headers(reply, answer)
    assert_joined(world, reply)
    assert sent.message_id in reply.message.header("References").split()
    text = body_of(reply)
    for word in words:
        assert word in text
    assert world.poll(days_after(INTERVIEW_AT, 9, hours=2)).drafts == []
    assert len([r for r in world.records() if r.step is step]) == 1
    assert_nothing_sent(world)


def test_still_interviewing_schedules_one_check_in_after_the_stated_decision_date(
    world: World,
):
    sent = followed_up(world)
    world.deliver(company_reply("still_interviewing", sent, date=days_after(INTERVIEW_AT, 9)))
    world.poll(days_after(INTERVIEW_AT, 9, hours=1))
    assert "December 12" in body_of(world.draft(Step.REPLY_STILL_INTERVIEWING))
    outlook = next_steps(world.state(), days_after(INTERVIEW_AT, 9, hours=2), POLICY)[0]
    assert outlook.next_action == f"check_in to {RECRUITER.email}"
    assert outlook.next_due == local_time(2025, 12, 14, 0, 0)

    # "An update by Friday, December 12", plus two days' grace: not before Sunday the 14th.
    before = world.poll(local_time(2025, 12, 13, 23, 0))
    assert before.drafts == []
    due = world.poll(local_time(2025, 12, 14, 9, 0))
    assert [d.step for d in due.drafts] == [Step.CHECK_IN]
    check_in = world.draft(Step.CHECK_IN)
    assert addressed(check_in) == (RECRUITER.name, RECRUITER.email)
    assert check_in.thread_id == world.thread_of(sent)
    # The pair and the check-in are the two rounds allowed: nothing more, ever.
    assert world.poll(local_time(2026, 2, 1, 9, 0)).drafts == []
    assert_nothing_sent(world)


def test_offer_answers_with_thanks_and_stops_the_follow_ups(world: World):
    sent = followed_up(world)
    assert world.record(Step.THANK_MANAGER).status is DraftStatus.CREATED
    world.deliver(company_reply("offer", sent, date=days_after(INTERVIEW_AT, 9)))

    report = world.poll(days_after(INTERVIEW_AT, 9, hours=1))

    assert [d.step for d in report.drafts] == [Step.REPLY_OFFER]
    assert world.state().applications[0].application.stage is Stage.OFFER
    assert world.record(Step.THANK_MANAGER).status is DraftStatus.REMOVED
    assert [d.message.header("To") for d in world.drafts_to(MANAGER)] == []
    assert world.poll(days_after(INTERVIEW_AT, 60)).drafts == []
    assert {r.step for r in world.records()} == {
        Step.THANK_MANAGER,
        Step.RECRUITER_FOLLOW_UP,
        Step.REPLY_OFFER,
    }


def test_rejection_closes_the_application_and_removes_only_unedited_follow_ups(world: World):
    invite = confirmed(world)
    world.poll(days_after(INTERVIEW_AT, 8))
    mine = "Hi Sam,\n\nI rewrote this one myself.\n\nJordan\n"
    world.user_edits_draft(world.draft(Step.THANK_MANAGER), mine, days_after(INTERVIEW_AT, 8, 1))
    world.poll(days_after(INTERVIEW_AT, 8, hours=2))
    assert world.record(Step.THANK_MANAGER).status is DraftStatus.EDITED

    no = company_reply("rejected", invite, date=days_after(INTERVIEW_AT, 9))
    world.deliver(no)
    report = world.poll(days_after(INTERVIEW_AT, 9, hours=1))

    assert [d.step for d in report.drafts] == [Step.REPLY_REJECTED]
    application = world.state().applications[0].application
    assert application.stage is Stage.CLOSED
    assert application.closed_reason == "rejected"
    assert world.record(Step.RECRUITER_FOLLOW_UP).status is DraftStatus.REMOVED
    assert world.drafts_to(RECRUITER) == [world.draft(Step.REPLY_REJECTED)]
    kept = world.draft(Step.THANK_MANAGER)
    assert body_of(kept).startswith("Hi Sam,\n\nI rewrote this one myself.")
    assert world.record(Step.THANK_MANAGER).status is DraftStatus.EDITED
    assert world.draft(Step.REPLY_REJECTED).thread_id == world.thread_of(no)
    assert world.poll(days_after(INTERVIEW_AT, 60)).drafts == []
    assert len(world.drafts()) == 2
    assert_nothing_sent(world)


def test_an_automatic_reply_is_not_an_answer_and_gets_no_draft(world: World):
    invite = confirmed(world)
    world.deliver(story.autoresponder(invite, RECRUITER, date=days_after(INTERVIEW_AT, 1)))

    report = world.poll(days_after(INTERVIEW_AT, 1, hours=1))
    assert [(s.kind, s.label) for s in report.seen] == [("reply", "auto_reply")]
    assert report.drafts == []

    # The quiet week still ends on day 7 after the interview, with both drafts.
    assert world.poll(days_after(INTERVIEW_AT, 6, hours=23)).drafts == []
    report = world.poll(days_after(INTERVIEW_AT, 7, hours=1))
    assert sorted(d.step for d in report.drafts) == [Step.RECRUITER_FOLLOW_UP, Step.THANK_MANAGER]
    # The follow-up answers Rita's own message, not her autoresponder.
    follow_up = world.draft(Step.RECRUITER_FOLLOW_UP)
    assert_reply_headers(follow_up, invite)
    assert follow_up.thread_id == world.thread_of(invite)


def test_an_unclassifiable_message_from_the_recruiter_is_flagged_and_gets_no_draft(world: World):
    invite = confirmed(world)
    note = company_reply("other", invite, date=days_after(INTERVIEW_AT, 3))
    world.deliver(note)

    report = world.poll(days_after(INTERVIEW_AT, 3, hours=1))

    assert [(s.kind, s.label) for s in report.seen] == [("reply", "other")]
    assert report.drafts == []
    flags = world.state().applications[0].attention
    assert [(f.thread_id, f.cleared_at) for f in flags] == [(world.thread_of(note), None)]
    # A person at the company wrote: the quiet week starts again from their message.
    assert world.poll(days_after(INTERVIEW_AT, 8)).drafts == []
    later = world.poll(days_after(INTERVIEW_AT, 10, hours=1))
    assert sorted(d.step for d in later.drafts) == [Step.RECRUITER_FOLLOW_UP, Step.THANK_MANAGER]
    assert len(world.state().applications[0].attention) == 1


def test_out_of_office_with_a_return_date_defers_only_the_managers_draft(world: World):
    confirmed(world)
    note = story.thank_you_note(MANAGER, date=days_after(INTERVIEW_AT, 0, hours=6))
    world.user_sends(note)
    away = out_of_office(
        note, MANAGER, back="Monday, December 1", date=days_after(INTERVIEW_AT, 0, hours=7)
    )
    world.deliver(away)
    report = world.poll(days_after(INTERVIEW_AT, 0, hours=8))
    assert report.drafts == []

    # The recruiter's draft keeps its schedule; Sam's waits for the day after he is back.
    report = world.poll(days_after(INTERVIEW_AT, 8))
    assert [d.step for d in report.drafts] == [Step.RECRUITER_FOLLOW_UP]
    assert world.drafts_to(MANAGER) == []
    assert world.poll(local_time(2025, 12, 1, 23, 0)).drafts == []
    report = world.poll(local_time(2025, 12, 2, 8, 0))
    assert [d.step for d in report.drafts] == [Step.THANK_MANAGER]
    thanks = world.draft(Step.THANK_MANAGER)
    assert addressed(thanks) == (MANAGER.name, MANAGER.email)
    assert INTERVIEW_DATE_TEXT in body_of(thanks)
    # Sam never wrote himself: a new conversation, not an answer to his robot.
    assert thanks.thread_id not in (world.thread_of(away), world.thread_of(note))
    assert "Automatic reply" not in thanks.message.subject
    assert thanks.message.header("In-Reply-To") == ""
    assert world.state().applications[0].messages[-1].return_date == date(2025, 12, 1)
    assert_nothing_sent(world)


# ---- when the clock starts -----------------------------------------------------------------


def test_a_rescheduled_interview_moves_the_quiet_week(world: World):
    confirmed(world)
    moved_to = local_time(2025, 11, 20, 14, 0)  # Thursday, November 20
    update = confirmation(moved_to, sent=local_time(2025, 11, 14, 9, 30))
    world.deliver(update)
    world.poll(local_time(2025, 11, 14, 10, 0))

    interviews = world.state().applications[0].interviews
    assert [i.start for i in interviews] == [moved_to]
    assert world.poll(days_after(INTERVIEW_AT, 8)).drafts == []
    assert world.poll(days_after(moved_to, 7, hours=-1)).drafts == []
    report = world.poll(days_after(moved_to, 7, hours=1))
    assert sorted(d.step for d in report.drafts) == [Step.RECRUITER_FOLLOW_UP, Step.THANK_MANAGER]
    assert "Thursday, November 20" in body_of(world.draft(Step.THANK_MANAGER))
    assert len(world.state().applications) == 1


def test_the_users_own_message_to_the_company_restarts_the_quiet_week(world: World):
    invite = confirmed(world)
    portfolio = story.letter(
        USER,
        RECRUITER,
        f"Re: {invite.subject}",
        "Hi Rita,\n\nAs promised, here is the link to my portfolio.\n\nJordan\n",
        date=days_after(INTERVIEW_AT, 3),
        parent=invite,
    )
    world.user_sends(portfolio)
    report = world.poll(days_after(INTERVIEW_AT, 3, hours=1))
    assert [s.kind for s in report.seen] == ["outbound"]

    assert world.poll(days_after(INTERVIEW_AT, 9)).drafts == []
    report = world.poll(days_after(INTERVIEW_AT, 10, hours=1))
    assert sorted(d.step for d in report.drafts) == [Step.RECRUITER_FOLLOW_UP, Step.THANK_MANAGER]
    assert world.draft(Step.RECRUITER_FOLLOW_UP).thread_id == world.thread_of(invite)


def test_installing_long_after_the_quiet_week_drafts_no_stale_thank_you(world: World):
    invite = confirmation()
    world.deliver(invite)

    report = world.poll(days_after(INTERVIEW_AT, 12))  # due on day 7, five days before install

    assert [s.kind for s in report.seen] == ["confirmation"]
    assert report.drafts == []
    assert world.poll(days_after(INTERVIEW_AT, 13)).drafts == []
    assert world.drafts() == []
    outlook = next_steps(world.state(), days_after(INTERVIEW_AT, 13), POLICY)
    assert any("skipped" in note for note in outlook[0].notes), outlook[0].notes


def test_a_confirmation_for_a_later_round_restarts_the_quiet_week_from_that_round(world: World):
    confirmed(world)
    assert world.poll(days_after(INTERVIEW_AT, 3)).drafts == []
    second = local_time(2025, 11, 25, 13, 0)
    world.deliver(confirmation(second, sent=days_after(INTERVIEW_AT, 4)))
    world.poll(days_after(INTERVIEW_AT, 4, hours=1))

    assert [i.start for i in world.state().applications[0].interviews] == [INTERVIEW_AT, second]
    assert world.poll(days_after(INTERVIEW_AT, 8)).drafts == []
    report = world.poll(days_after(second, 7, hours=1))
    assert sorted(d.step for d in report.drafts) == [Step.RECRUITER_FOLLOW_UP, Step.THANK_MANAGER]
    assert "Tuesday, November 25" in body_of(world.draft(Step.THANK_MANAGER))


def test_a_reply_that_arrived_while_the_daemon_was_off_replaces_the_quiet_week_pair(
    world: World,
):
    invite = confirmed(world)
    world.deliver(company_reply("still_interviewing", invite, date=days_after(INTERVIEW_AT, 6)))

    report = world.poll(days_after(INTERVIEW_AT, 9))  # first poll since the day of the invite

    assert [d.step for d in report.drafts] == [Step.REPLY_STILL_INTERVIEWING]
    assert world.drafts_to(MANAGER) == []
    assert {r.step for r in world.records()} == {Step.REPLY_STILL_INTERVIEWING}


def test_a_rejection_from_the_careers_no_reply_address_closes_without_a_reply_draft(
    world: World,
):
    invite = confirmed(world)
    world.poll(days_after(INTERVIEW_AT, 8))
    assert len(world.drafts()) == 2
    careers = story.Person(f"{COMPANY} Careers", "no-reply@careers.acme.example")
    notice = story.letter(
        careers,
        USER,
        f"Your application to {COMPANY}",
        story.REPLY_BODIES["rejected"] + "\n\nThis mailbox is not monitored.\n",
        date=days_after(INTERVIEW_AT, 10),
    )
    world.deliver(notice)

    report = world.poll(days_after(INTERVIEW_AT, 10, hours=1))

    assert [(s.kind, s.label) for s in report.seen] == [("reply", "rejected")]
    assert report.drafts == []
    assert world.state().applications[0].application.stage is Stage.CLOSED
    assert world.drafts() == []  # both unedited follow-ups removed, nothing to no-reply
    assert world.thread_of(notice) != world.thread_of(invite)
    assert_nothing_sent(world)
