"""A mailbox whose receipt times are not the story's times: the Date header tells when."""

from __future__ import annotations

from datetime import datetime

import story
from story import INTERVIEW_AT, ZONE, World, days_after, local_time
from treadgently.model import Step

world = story.world

# Mail imported (or seeded) long after it was written: Gmail's receipt time is "today".
IMPORTED_AT = datetime(2026, 11, 26, 9, 0, tzinfo=ZONE)


def deliver_imported(world: World, mail: story.Letter) -> str:
    return world.box.deliver(mail.raw, internal_date=IMPORTED_AT)


def test_schedule_follows_the_date_written_not_the_receipt_time(world: World):
    invite = story.confirmation()
    deliver_imported(world, invite)
    world.poll(days_after(invite.date, 0, hours=1))
    pair = world.poll(days_after(INTERVIEW_AT, 8))
    assert {d.step for d in pair.drafts} == {Step.THANK_MANAGER, Step.RECRUITER_FOLLOW_UP}

    reply = story.company_reply("still_interviewing", invite, date=days_after(INTERVIEW_AT, 9))
    deliver_imported(world, reply)
    world.poll(days_after(INTERVIEW_AT, 9, hours=1))
    assert world.draft(Step.REPLY_STILL_INTERVIEWING)

    # "An update by Friday, December 12" plus two days' grace, counted from the written
    # date: the check-in is due on the 14th, not two weeks after the import.
    assert world.poll(local_time(2025, 12, 13, 23, 0)).drafts == []
    assert [d.step for d in world.poll(local_time(2025, 12, 14, 9, 0)).drafts] == [Step.CHECK_IN]


def test_a_date_header_in_the_future_is_not_believed(world: World):
    invite = story.confirmation()
    world.deliver(invite)
    world.poll(days_after(invite.date, 0, hours=1))
    world.poll(days_after(INTERVIEW_AT, 8))
    liar = story.company_reply(
        "still_interviewing", invite, date=days_after(INTERVIEW_AT, 400)
    )  # the sender's clock is a year fast
    world.box.deliver(liar.raw, internal_date=days_after(INTERVIEW_AT, 9))
    world.poll(days_after(INTERVIEW_AT, 9, hours=1))

    state = world.state().applications[0]
    (recorded,) = [m for m in state.messages if m.label == "still_interviewing"]
    assert recorded.date == days_after(INTERVIEW_AT, 9)
