"""Mail a hiring system sends for the company (from its own domain) still reaches the story."""

from __future__ import annotations

import story
from story import COMPANY, INTERVIEW_AT, USER, World, days_after
from treadgently.model import Stage

world = story.world

ATS = story.Person(f"{COMPANY} Recruiting", "no-reply@us.greenhouse-mail.io")


def test_rejection_sent_by_an_applicant_tracking_system_closes_the_application(world: World):
    world.deliver(story.confirmation())
    world.poll(days_after(story.CONFIRMED_AT, 0, hours=1))
    world.poll(days_after(INTERVIEW_AT, 8))
    assert len(world.drafts()) == 2  # the quiet-week pair is waiting
    notice = story.letter(
        ATS,
        USER,
        f"Update on your application to {COMPANY}",
        story.REPLY_BODIES["rejected"],
        date=days_after(INTERVIEW_AT, 9),
    )
    world.deliver(notice)

    report = world.poll(days_after(INTERVIEW_AT, 9, hours=1))

    assert [(s.kind, s.label, s.company) for s in report.seen] == [("reply", "rejected", COMPANY)]
    assert world.state().applications[0].application.stage is Stage.CLOSED
    assert world.drafts() == []  # the follow-ups are removed; a no-reply address gets no reply
    assert world.box.violations == []


def test_hiring_system_mail_naming_another_company_is_not_taken(world: World):
    world.deliver(story.confirmation())
    world.poll(days_after(story.CONFIRMED_AT, 0, hours=1))
    other = story.letter(
        story.Person("Globex Careers", "no-reply@us.greenhouse-mail.io"),
        USER,
        "Update on your application to Globex",
        story.REPLY_BODIES["rejected"],
        date=days_after(INTERVIEW_AT, 2),
    )
    world.deliver(other)

    report = world.poll(days_after(INTERVIEW_AT, 2, hours=1))

    assert all(s.kind == "irrelevant" for s in report.seen)
    assert world.state().applications[0].application.stage is Stage.ACTIVE
