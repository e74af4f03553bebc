"""An interrupted draft is found again even if Gmail rewrote the Message-ID we gave it."""

from __future__ import annotations

import email
import email.policy
from email.utils import make_msgid

import story
from story import INTERVIEW_AT, World, days_after
from treadgently.model import DraftStatus, Step
from treadgently.store import Store

world = story.world


def test_intent_is_matched_by_its_text_when_the_message_id_changed(world: World):
    world.deliver(story.confirmation())
    world.poll(days_after(story.CONFIRMED_AT, 0, hours=1))
    world.poll(days_after(INTERVIEW_AT, 8))
    view = world.draft(Step.RECRUITER_FOLLOW_UP)
    record = world.record(Step.RECRUITER_FOLLOW_UP)
    # A crash left only the intent, and Gmail gave the stored draft another Message-ID.
    with Store.open(world.database) as store:
        store.set_draft_status(record.key, DraftStatus.INTENT)
    rewritten = email.message_from_bytes(view.message.raw, policy=email.policy.default)
    rewritten.replace_header("Message-ID", make_msgid(domain="mail.gmail.example"))
    world.box.user_edits_draft(view.id, rewritten.as_bytes())
    drafts_before = len(world.drafts())

    world.poll(days_after(INTERVIEW_AT, 8, hours=1))

    assert len(world.drafts()) == drafts_before  # found, not made a second time
    found = world.record(Step.RECRUITER_FOLLOW_UP)
    assert found.status is DraftStatus.CREATED
    assert found.gmail_draft_id == view.id
