"""The story from the user's side, and the engine surviving what happens to it.

The user sends, deletes or edits our drafts in Gmail; the daemon is killed
with SIGKILL halfway through making one; Gmail forgets its history; the user
previews a poll with ``--dry-run``; labels mark the threads with drafts.
All through the real engine, the real googleapiclient and the sandbox; the
crash and the dry run run ``python -m treadgently`` itself, with a config and
a token file, so the real authorization path refreshes at the sandbox.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

import story
from story import (
    INTERVIEW_AT,
    MANAGER,
    RECRUITER,
    World,
    body_of,
    company_reply,
    confirmation,
    days_after,
    open_world,
    settings_data,
    state_dump,
)
from treadgently.model import DraftStatus, Step
from treadgently.sandbox import Sandbox

world = story.world

DRAFT_READY = "treadgently/draft-ready"
NEEDS_ATTENTION = "treadgently/needs-attention"
SCOPES = (
    "https://www.googleapis.com/auth/gmail.readonly",
    "https://www.googleapis.com/auth/gmail.compose",
)
CLI_TIMEOUT = 60


def confirmed(world: World) -> story.Letter:
    invite = confirmation()
    world.deliver(invite)
    world.poll(days_after(invite.date, 0, hours=1))
    return invite


def drafted_pair(world: World) -> story.Letter:
    invite = confirmed(world)
    assert len(world.poll(days_after(INTERVIEW_AT, 8)).drafts) == 2
    return invite


def steps_ever_recorded(world: World) -> list[Step]:
    return sorted(r.step for r in world.records())


def assert_nothing_sent(world: World) -> None:
    assert world.box.violations == []
    assert world.sent_by_us() == []


# ---- what the user does with our drafts --------------------------------------------------


def test_a_draft_the_user_sent_counts_as_that_step_done(world: World):
    drafted_pair(world)
    sent = world.user_sends_draft(world.draft(Step.THANK_MANAGER), days_after(INTERVIEW_AT, 8, 1))

    report = world.poll(days_after(INTERVIEW_AT, 8, hours=2))

    assert world.record(Step.THANK_MANAGER).status is DraftStatus.SENT
    assert [(s.kind, s.gmail_id) for s in report.seen] == [
        ("outbound", world.box.messages()[-1].id)
    ]
    assert world.box.messages()[-1].header("Message-ID") == sent.message_id
    for days in (9, 12, 20):
        assert world.poll(days_after(INTERVIEW_AT, days)).drafts == []
    assert world.drafts_to(MANAGER) == []
    assert steps_ever_recorded(world) == [Step.RECRUITER_FOLLOW_UP, Step.THANK_MANAGER]
    assert_nothing_sent(world)


def test_a_draft_the_user_deleted_is_never_made_again(world: World):
    drafted_pair(world)
    world.user_deletes_draft(world.draft(Step.RECRUITER_FOLLOW_UP))

    world.poll(days_after(INTERVIEW_AT, 8, hours=2))

    assert world.record(Step.RECRUITER_FOLLOW_UP).status is DraftStatus.DELETED
    for days in (9, 12, 15, 21):
        assert world.poll(days_after(INTERVIEW_AT, days)).drafts == []
    assert world.drafts_to(RECRUITER) == []
    assert [d.id for d in world.drafts()] == [world.record(Step.THANK_MANAGER).gmail_draft_id]
    assert steps_ever_recorded(world) == [Step.RECRUITER_FOLLOW_UP, Step.THANK_MANAGER]


def test_a_draft_the_user_edited_is_left_alone(world: World):
    drafted_pair(world)
    before = world.draft(Step.THANK_MANAGER)
    mine = "Hi Sam,\n\nThanks again for Tuesday, the robotics demo was a highlight.\n\nJordan\n"
    new_message_id = world.user_edits_draft(before, mine, days_after(INTERVIEW_AT, 8, 1))

    world.poll(days_after(INTERVIEW_AT, 8, hours=2))

    record = world.record(Step.THANK_MANAGER)
    assert record.status is DraftStatus.EDITED
    assert record.gmail_message_id == new_message_id
    for days in (9, 12):
        assert world.poll(days_after(INTERVIEW_AT, days)).drafts == []
    after = world.draft(Step.THANK_MANAGER)
    assert after.id == before.id
    assert body_of(after) == mine
    assert len(world.drafts_to(MANAGER)) == 1
    assert_nothing_sent(world)


def test_a_draft_gmail_only_re_encoded_is_still_ours_and_removed_on_rejection(world: World):
    invite = drafted_pair(world)
    ours = world.draft(Step.RECRUITER_FOLLOW_UP)
    # Gmail may rewrite the MIME of an untouched draft; the text is what we wrote.
    world.user_edits_draft(ours, body_of(ours), days_after(INTERVIEW_AT, 8, 1))
    world.poll(days_after(INTERVIEW_AT, 8, hours=2))
    assert world.record(Step.RECRUITER_FOLLOW_UP).status is DraftStatus.CREATED

    world.deliver(company_reply("rejected", invite, date=days_after(INTERVIEW_AT, 9)))
    world.poll(days_after(INTERVIEW_AT, 9, hours=1))

    assert world.record(Step.RECRUITER_FOLLOW_UP).status is DraftStatus.REMOVED
    assert world.record(Step.THANK_MANAGER).status is DraftStatus.REMOVED
    assert [body_of(d).splitlines()[0] for d in world.drafts()] == [f"Hi {RECRUITER.first_name},"]
    assert [d.id for d in world.drafts()] == [world.record(Step.REPLY_REJECTED).gmail_draft_id]


# ---- Gmail forgets its history -----------------------------------------------------------


def test_expired_history_falls_back_to_a_full_sync_without_reprocessing_or_duplicates(
    world: World,
):
    invite = drafted_pair(world)
    world.box.faults.expire_history()
    answer = company_reply("still_interviewing", invite, date=days_after(INTERVIEW_AT, 9))
    world.deliver(answer)

    report = world.poll(days_after(INTERVIEW_AT, 9, hours=1))

    assert report.full_sync
    assert [(s.kind, s.label, s.thread_id) for s in report.seen] == [
        ("reply", "still_interviewing", world.thread_of(answer))
    ]
    assert [d.step for d in report.drafts] == [Step.REPLY_STILL_INTERVIEWING]
    assert len(world.drafts()) == 3

    # Back on incremental history from the new cursor: nothing read twice, nothing made twice.
    later = world.poll(days_after(INTERVIEW_AT, 9, hours=2))
    assert not later.full_sync
    assert later.seen == []
    assert later.drafts == []
    assert len(world.drafts()) == 3
    assert len(world.records()) == 3


def test_after_expired_history_the_engine_still_learns_what_the_user_did_with_drafts(
    world: World,
):
    drafted_pair(world)
    world.user_sends_draft(world.draft(Step.RECRUITER_FOLLOW_UP), days_after(INTERVIEW_AT, 8, 1))
    world.user_deletes_draft(world.draft(Step.THANK_MANAGER))
    world.box.faults.expire_history()

    report = world.poll(days_after(INTERVIEW_AT, 8, hours=2))

    assert report.full_sync
    assert world.record(Step.RECRUITER_FOLLOW_UP).status is DraftStatus.SENT
    assert world.record(Step.THANK_MANAGER).status is DraftStatus.DELETED
    assert world.drafts() == []


# ---- labels ------------------------------------------------------------------------------


def label_names_on_thread(box: Sandbox, thread_id: str) -> set[str]:
    names = {label.id: label.name for label in box.mailbox.labels.values()}
    on_thread = {
        label
        for message in box.messages()
        if message.thread_id == thread_id
        for label in message.label_ids
    }
    return {names.get(label, label) for label in on_thread}


def test_label_threads_marks_threads_with_a_draft_ready_and_those_needing_the_user(
    tmp_path: Path,
):
    with open_world(tmp_path, gmail={"label_threads": True}) as labelled:
        invite = confirmed(labelled)
        note = company_reply("other", invite, date=days_after(INTERVIEW_AT, 1))
        labelled.deliver(note)
        labelled.poll(days_after(INTERVIEW_AT, 1, hours=1))
        assert NEEDS_ATTENTION in label_names_on_thread(labelled.box, labelled.thread_of(note))
        assert DRAFT_READY not in label_names_on_thread(labelled.box, labelled.thread_of(note))

        report = labelled.poll(days_after(INTERVIEW_AT, 9))

        assert len(report.drafts) == 2
        for draft in labelled.drafts():
            assert DRAFT_READY in label_names_on_thread(labelled.box, draft.thread_id)
        assert labelled.box.violations == []


def test_without_label_threads_no_label_is_created(world: World):
    drafted_pair(world)
    names = {label.name for label in world.box.mailbox.labels.values()}
    assert DRAFT_READY not in names
    assert not any(
        r.api_method.endswith(("labels.create", "threads.modify")) for r in world.box.requests
    )


# ---- the command line: a real process, a real token refresh ------------------------------


def write_cli_config(box: Sandbox, folder: Path, database: Path) -> Path:
    """A config file and a 0600 authorized-user token whose access token has expired."""
    token = folder / "token.json"
    info = {
        "type": "authorized_user",
        "token": "expired-access-token",
        "refresh_token": "sandbox-refresh-token",
        "client_id": "story.apps.example",
        "client_secret": "story-secret",
        "token_uri": box.token_url,
        "scopes": list(SCOPES),
        "expiry": "2020-01-01T00:00:00Z",
    }
    descriptor = os.open(token, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump(info, handle)
    data = settings_data(box, folder)
    data["storage"]["database"] = str(database)
    lines = []
    for section, values in data.items():
        if section == "references":
            continue
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {json.dumps(value)}" for key, value in values.items())
    config = folder / "config.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def cli(config: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "treadgently", "--config", str(config), *args]


def cli_env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TREADGENTLY_")}
    env["XDG_CONFIG_HOME"] = str(folder / "xdg-config")
    env["XDG_STATE_HOME"] = str(folder / "xdg-state")
    return env


def run_cli(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cli(config, *args),
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        env=cli_env(config.parent),
        check=False,
    )


def iso(moment: datetime) -> str:
    return moment.isoformat()


def creates_in(box: Sandbox) -> list[int]:
    """The numbers of the outer HTTP requests that were drafts.create calls."""
    return [
        r.number
        for r in box.requests
        if r.api_method == "gmail.users.drafts.create" and not r.batch_part
    ]


def request_number_of_create(world: World, folder: Path, at: datetime, nth: int) -> int:
    """Rehearse the same poll on a copy of the mailbox and state; count its requests."""
    rehearsal = folder / "rehearsal"
    world.box.save(rehearsal / "mailbox")
    shutil.copy(world.database, rehearsal / "state.db")
    with Sandbox.load(rehearsal / "mailbox") as copy:
        config = write_cli_config(copy, rehearsal, rehearsal / "state.db")
        done = run_cli(config, "poll", "--now", iso(at))
        assert done.returncode == 0, done.stderr
        numbers = creates_in(copy)
        assert len(numbers) == 2, numbers
        assert copy.access_tokens_issued == 1  # the expired token was refreshed at /token
        return numbers[nth - 1]


@pytest.mark.parametrize("nth", [1, 2], ids=["first-create", "second-create"])
def test_sigkill_between_draft_created_and_id_stored_makes_no_second_draft(
    world: World, tmp_path: Path, nth: int
):
    confirmed(world)
    due = days_after(INTERVIEW_AT, 8)
    k = request_number_of_create(world, tmp_path, due, nth)
    config = write_cli_config(world.box, tmp_path, world.database)

    world.box.faults.hang_after_apply_at(k)
    process = subprocess.Popen(
        cli(config, "poll", "--now", iso(due)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=cli_env(tmp_path),
    )
    try:
        assert world.box.wait_for_hang(CLI_TIMEOUT), "the poll never reached drafts.create"
        process.kill()  # SIGKILL: no cleanup, no except, no finally
        process.wait(timeout=CLI_TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
        world.box.release()
        if process.stderr is not None:
            process.stderr.close()
    assert process.returncode == -9

    # The crash window: the draft exists in Gmail, the state only knows the intent.
    assert len(world.drafts()) == nth
    statuses = sorted(r.status for r in world.records())
    assert DraftStatus.INTENT in statuses
    assert len(statuses) == nth

    world.poll(days_after(due, 0, hours=1))
    world.poll(days_after(due, 0, hours=2))

    by_step = {r.step: r for r in world.records()}
    assert sorted(by_step) == [Step.RECRUITER_FOLLOW_UP, Step.THANK_MANAGER]
    assert {r.status for r in by_step.values()} == {DraftStatus.CREATED}
    drafts = world.drafts()
    assert len(drafts) == 2
    assert {d.id for d in drafts} == {r.gmail_draft_id for r in by_step.values()}
    assert sorted(story.addressed(d)[1] for d in drafts) == sorted([MANAGER.email, RECRUITER.email])
    assert_nothing_sent(world)


def test_poll_dry_run_reports_the_planned_drafts_and_changes_nothing(world: World, tmp_path: Path):
    confirmed(world)
    config = write_cli_config(world.box, tmp_path, world.database)
    before_bytes = hashlib.sha256(world.database.read_bytes()).hexdigest()
    before_dump = state_dump(world.database)
    history = world.box.history_id

    done = run_cli(config, "poll", "--dry-run", "--now", iso(days_after(INTERVIEW_AT, 8)))

    assert done.returncode == 0, done.stderr
    assert MANAGER.email in done.stdout
    assert RECRUITER.email in done.stdout
    assert "thank_manager" in done.stdout
    assert "recruiter_follow_up" in done.stdout
    assert world.drafts() == []
    assert creates_in(world.box) == []
    assert world.box.history_id == history
    assert hashlib.sha256(world.database.read_bytes()).hexdigest() == before_bytes
    assert state_dump(world.database) == before_dump

    # The same plan, in process: previews without Gmail ids; then the real poll makes them.
    preview = world.poll(days_after(INTERVIEW_AT, 8), dry_run=True)
    assert sorted(d.step for d in preview.drafts) == [Step.RECRUITER_FOLLOW_UP, Step.THANK_MANAGER]
    assert {d.gmail_draft_id for d in preview.drafts} == {None}
    assert state_dump(world.database) == before_dump
    made = world.poll(days_after(INTERVIEW_AT, 8))
    assert sorted((d.step, d.to) for d in made.drafts) == sorted(
        (d.step, d.to) for d in preview.drafts
    )


def test_a_dry_run_before_the_first_poll_creates_no_state_at_all(world: World):
    world.deliver(confirmation())

    preview = world.poll(days_after(INTERVIEW_AT, 8), dry_run=True)

    assert sorted(d.step for d in preview.drafts) == [Step.RECRUITER_FOLLOW_UP, Step.THANK_MANAGER]
    assert not world.database.exists()
    assert list(world.folder.iterdir()) == []
    assert world.drafts() == []


# ---- Gmail misbehaving while we write ------------------------------------------------------


def lose_create_answer_after_it_is_stored(box: Sandbox) -> None:
    box.faults.drop_next(2, method="drafts.create", after_apply=True)


def drop_create_before_it_is_stored(box: Sandbox) -> None:
    box.faults.drop_next(2, method="drafts.create")


def fail_create_with_503(box: Sandbox) -> None:
    box.faults.fail_next(503, 1, method="drafts.create")


@pytest.mark.parametrize(
    "fault",
    [lose_create_answer_after_it_is_stored, drop_create_before_it_is_stored, fail_create_with_503],
)
def test_a_lost_or_failed_drafts_create_ends_with_exactly_one_draft_per_step(world: World, fault):
    confirmed(world)
    fault(world.box)

    world.poll(days_after(INTERVIEW_AT, 8))
    world.poll(days_after(INTERVIEW_AT, 8, hours=1))
    world.poll(days_after(INTERVIEW_AT, 8, hours=2))

    assert world.box.faults.injected, "the fault never hit"
    drafts = world.drafts()
    assert sorted(story.addressed(d)[1] for d in drafts) == sorted([MANAGER.email, RECRUITER.email])
    records = world.records()
    assert {r.status for r in records} == {DraftStatus.CREATED}
    assert {r.gmail_draft_id for r in records} == {d.id for d in drafts}


def test_a_poll_with_nothing_new_costs_one_history_request(world: World):
    drafted_pair(world)
    world.poll(days_after(INTERVIEW_AT, 8, hours=1))
    world.box.reset_log()

    world.poll(days_after(INTERVIEW_AT, 8, hours=2))

    assert [r.api_method for r in world.box.requests] == ["gmail.users.history.list"]
    assert world.box.quota_units() == 2
