"""The follow-up policy, as tables of cases: state + time in, actions out.

Every case builds a small mailbox state by hand, plans at one instant and
compares the drafts (step, recipient) that come out.  ``replay`` plays the
shell: it polls along a timeline, records every action into the state, and
shows what a user would see happen over weeks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

import pytest

from treadgently.model import (
    CLOSED_BY_USER,
    CLOSED_REJECTED,
    Action,
    Application,
    ApplicationState,
    AttentionFlag,
    Contact,
    CreateDraft,
    Direction,
    DraftRecord,
    DraftStatus,
    FlagAttention,
    Interview,
    MailboxState,
    MessageRecord,
    MessageRecorded,
    PolicyConfig,
    RemoveDraft,
    Role,
    SetStage,
    Stage,
    Step,
    draft_key,
)
from treadgently.policy import add_days, next_steps, plan

T = TypeVar("T")
NY = "America/New_York"
RECRUITER = "ana@corvanta.com"
MANAGER = "bo@corvanta.com"
PAIR = {(Step.THANK_MANAGER, MANAGER), (Step.RECRUITER_FOLLOW_UP, RECRUITER)}
CHECK_IN = {(Step.CHECK_IN, RECRUITER)}
NOTHING: set[tuple[Step, str]] = set()


def at(text: str, zone: str = NY) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone))


INTERVIEW = at("2025-11-18T10:00")  # a Tuesday


def message(
    gmail_id: str,
    when: datetime,
    label: str | None = None,
    *,
    sender: str = RECRUITER,
    thread: str = "t-ana",
    direction: Direction = Direction.IN,
    is_person: bool = True,
    decision_date: date | None = None,
    return_date: date | None = None,
) -> MessageRecord:
    return MessageRecord(
        gmail_id=gmail_id,
        thread_id=thread,
        application_id=1,
        direction=direction,
        sender_email=sender,
        sender_name=sender.split("@", maxsplit=1)[0].title(),
        is_person=is_person,
        date=when,
        subject="Interview",
        message_id_header=f"<{gmail_id}@mail>",
        label=label,
        decision_date=decision_date,
        return_date=return_date,
    )


def sent_by_user(gmail_id: str, when: datetime, thread: str = "t-ana") -> MessageRecord:
    return message(gmail_id, when, sender="me@example.com", thread=thread, direction=Direction.OUT)


def draft(
    step: Step,
    trigger: str,
    status: DraftStatus = DraftStatus.CREATED,
    created: datetime = INTERVIEW + timedelta(days=7),
    to: str = RECRUITER,
) -> DraftRecord:
    return DraftRecord(
        key=draft_key(1, step, trigger),
        application_id=1,
        step=step,
        trigger=trigger,
        status=status,
        gmail_draft_id="d-" + trigger,
        gmail_message_id="g-" + trigger,
        thread_id=None,
        to_email=to,
        to_name="",
        reply_to_gmail_id=None,
        content_hash="h",
        due=created,
        created_at=created,
    )


CONFIRMATION = message("confirm", INTERVIEW - timedelta(days=4))


def mailbox(
    *,
    interviews: Sequence[datetime] = (INTERVIEW,),
    contacts: Sequence[tuple[str, Role]] = (
        (RECRUITER, Role.RECRUITER),
        (MANAGER, Role.HIRING_MANAGER),
    ),
    messages: Sequence[MessageRecord] = (CONFIRMATION,),
    drafts: Sequence[DraftRecord] = (),
    stage: Stage = Stage.ACTIVE,
    closed_reason: str | None = None,
    watching_since: datetime = INTERVIEW - timedelta(days=10),
    attention: Sequence[AttentionFlag] = (),
) -> MailboxState:
    application = Application(
        1, "Corvanta", "Analyst", ("corvanta.com",), stage, closed_reason, INTERVIEW
    )
    state = ApplicationState(
        application=application,
        interviews=tuple(Interview(n, 1, start, "manual") for n, start in enumerate(interviews)),
        contacts=tuple(Contact(1, email, "", role) for email, role in contacts),
        messages=tuple(sorted(messages, key=lambda m: m.date)),
        drafts=tuple(drafts),
        threads=tuple(sorted({m.thread_id for m in messages})),
        attention=tuple(attention),
    )
    return MailboxState((state,), watching_since)


def config(zone: str = NY, **changes: int) -> PolicyConfig:
    return dataclasses.replace(PolicyConfig(timezone=zone), **changes)


def created(actions: Sequence[Action]) -> set[tuple[Step, str]]:
    return {(a.step, a.to_email) for a in actions if isinstance(a, CreateDraft)}


def of_type(actions: Sequence[Action], kind: type[T]) -> list[T]:
    return [a for a in actions if isinstance(a, kind)]


# --- the quiet week ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "now", "expected"),
    [
        pytest.param(mailbox(), INTERVIEW + timedelta(days=6, hours=23), NOTHING, id="6d23h-quiet"),
        pytest.param(mailbox(), INTERVIEW + timedelta(days=7), PAIR, id="7d-pair-due"),
        pytest.param(
            mailbox(interviews=()), INTERVIEW + timedelta(days=30), NOTHING, id="no-interview"
        ),
        pytest.param(
            mailbox(interviews=(INTERVIEW + timedelta(days=2),)),
            INTERVIEW + timedelta(days=8),
            NOTHING,
            id="latest-interview-counts",
        ),
        pytest.param(
            mailbox(
                messages=(CONFIRMATION, sent_by_user("thanks", INTERVIEW + timedelta(hours=10)))
            ),
            INTERVIEW + timedelta(days=7, hours=9, minutes=59),
            NOTHING,
            id="user-thank-you-restarts-quiet-period",
        ),
        pytest.param(
            mailbox(
                messages=(CONFIRMATION, sent_by_user("thanks", INTERVIEW + timedelta(hours=10)))
            ),
            INTERVIEW + timedelta(days=7, hours=10),
            PAIR,
            id="due-7-days-after-user-message",
        ),
        pytest.param(
            mailbox(messages=(message("o", INTERVIEW + timedelta(days=3), "other"),)),
            INTERVIEW + timedelta(days=8),
            NOTHING,
            id="company-person-other-restarts-quiet-period",
        ),
        pytest.param(
            mailbox(
                messages=(
                    message(
                        "news",
                        INTERVIEW + timedelta(days=3),
                        "other",
                        sender="jobs@corvanta.com",
                        is_person=False,
                    ),
                )
            ),
            INTERVIEW + timedelta(days=7),
            PAIR,
            id="automated-other-changes-nothing",
        ),
        pytest.param(
            mailbox(
                messages=(CONFIRMATION, message("ooo", INTERVIEW + timedelta(days=2), "auto_reply"))
            ),
            INTERVIEW + timedelta(days=7),
            PAIR,
            id="auto-reply-is-not-a-reply",
        ),
        pytest.param(
            mailbox(contacts=((RECRUITER, Role.RECRUITER),)),
            INTERVIEW + timedelta(days=7),
            {(Step.RECRUITER_FOLLOW_UP, RECRUITER)},
            id="unknown-manager-skipped",
        ),
        pytest.param(
            mailbox(contacts=()),
            INTERVIEW + timedelta(days=7),
            NOTHING,
            id="nobody-known",
        ),
    ],
)
def test_quiet_week_pair_timing(state: MailboxState, now: datetime, expected: set) -> None:
    assert created(plan(state, (), now, config())) == expected


def test_pair_is_threaded_with_each_person_or_starts_a_new_thread() -> None:
    manager_mail = message("m-bo", INTERVIEW - timedelta(days=1), sender=MANAGER, thread="t-bo")
    actions = of_type(
        plan(
            mailbox(messages=(CONFIRMATION, manager_mail)),
            (),
            INTERVIEW + timedelta(days=7),
            config(),
        ),
        CreateDraft,
    )
    threads = {a.step: (a.thread_id, a.reply_to_gmail_id) for a in actions}
    assert threads == {
        Step.THANK_MANAGER: ("t-bo", "m-bo"),
        Step.RECRUITER_FOLLOW_UP: ("t-ana", "confirm"),
    }
    alone = of_type(
        plan(mailbox(messages=()), (), INTERVIEW + timedelta(days=7), config()), CreateDraft
    )
    assert {(a.thread_id, a.reply_to_gmail_id) for a in alone} == {(None, None)}
    assert {a.interview_at for a in alone} == {INTERVIEW}


def test_unknown_manager_status_says_what_to_run() -> None:
    state = mailbox(contacts=((RECRUITER, Role.RECRUITER),))
    (outlook,) = next_steps(state, INTERVIEW + timedelta(days=7), config())
    assert any("--manager EMAIL" in note and "Corvanta" in note for note in outlook.notes)
    blocked = [p for p in outlook.upcoming if p.blocked]
    assert [p.step for p in blocked] == [Step.THANK_MANAGER]


def test_manager_added_later_gets_the_missing_step_of_the_same_round() -> None:
    made = draft(Step.RECRUITER_FOLLOW_UP, "round-1")
    actions = of_type(
        plan(mailbox(drafts=(made,)), (), INTERVIEW + timedelta(days=9), config()), CreateDraft
    )
    assert [(a.key, a.to_email) for a in actions] == [
        (draft_key(1, Step.THANK_MANAGER, "round-1"), MANAGER)
    ]


# --- calendar days, DST and far-away zones ----------------------------------------------


@pytest.mark.parametrize(
    ("zone", "interview", "due_local"),
    [
        pytest.param(NY, "2025-10-31T10:00", "2025-11-07T10:00", id="new-york-fall-back"),
        pytest.param(NY, "2026-03-06T10:00", "2026-03-13T10:00", id="new-york-spring-forward"),
        pytest.param(
            "Europe/Berlin", "2025-10-24T10:00", "2025-10-31T10:00", id="berlin-fall-back"
        ),
        pytest.param(
            "Europe/Berlin", "2026-03-27T10:00", "2026-04-03T10:00", id="berlin-spring-forward"
        ),
        pytest.param("Pacific/Kiritimati", "2025-11-18T23:30", "2025-11-25T23:30", id="utc+14"),
        pytest.param("Pacific/Pago_Pago", "2025-11-18T23:30", "2025-11-25T23:30", id="utc-11"),
        pytest.param("Asia/Kathmandu", "2025-11-18T00:15", "2025-11-25T00:15", id="utc+5:45"),
    ],
)
def test_quiet_week_falls_due_at_the_same_local_time(
    zone: str, interview: str, due_local: str
) -> None:
    start = at(interview, zone).astimezone(ZoneInfo("UTC"))  # the store hands back UTC
    due = at(due_local, zone)
    state = mailbox(interviews=(start,), watching_since=start)
    cfg = config(zone)
    assert created(plan(state, (), due - timedelta(minutes=1), cfg)) == NOTHING
    actions = of_type(plan(state, (), due, cfg), CreateDraft)
    assert created(actions) == PAIR
    assert {a.due for a in actions} == {due}


def test_add_days_crosses_dst_by_calendar_not_by_hours() -> None:
    zone = ZoneInfo(NY)
    friday = at("2025-10-31T10:00")
    utc = ZoneInfo("UTC")
    assert add_days(friday, 7, zone).astimezone(utc) - friday.astimezone(utc) == timedelta(
        days=7, hours=1
    )
    assert add_days(friday, 7, zone).hour == 10


# --- catch-up on the first run ----------------------------------------------------------


@pytest.mark.parametrize(
    ("watching_since", "expected"),
    [
        pytest.param(
            INTERVIEW + timedelta(days=10), PAIR, id="due-exactly-3-days-before-first-poll"
        ),
        pytest.param(
            INTERVIEW + timedelta(days=10, minutes=1), NOTHING, id="due-3-days-1-minute-before"
        ),
        pytest.param(INTERVIEW + timedelta(days=8), PAIR, id="due-1-day-before"),
        pytest.param(INTERVIEW + timedelta(days=40), NOTHING, id="long-stale"),
    ],
)
def test_first_run_skips_stale_quiet_week_pairs(watching_since: datetime, expected: set) -> None:
    state = mailbox(watching_since=watching_since)
    assert created(plan(state, (), watching_since + timedelta(hours=1), config())) == expected


def test_skipped_pair_is_listed_in_status_and_stays_skipped() -> None:
    state = mailbox(watching_since=INTERVIEW + timedelta(days=20))
    later = INTERVIEW + timedelta(days=45)
    assert created(plan(state, (), later, config())) == NOTHING
    (outlook,) = next_steps(state, later, config())
    assert any(note.startswith("skipped") for note in outlook.notes)


def test_first_run_does_not_answer_old_or_already_answered_messages() -> None:
    old = message("old", INTERVIEW + timedelta(days=1), "next_round")
    answered = message("ans", INTERVIEW + timedelta(days=9), "info_requested", thread="t2")
    reply = sent_by_user("re", INTERVIEW + timedelta(days=9, hours=2), thread="t2")
    fresh = message("new", INTERVIEW + timedelta(days=11), "references_requested", thread="t3")
    state = mailbox(
        messages=(old, answered, reply, fresh), watching_since=INTERVIEW + timedelta(days=12)
    )
    actions = of_type(plan(state, (), INTERVIEW + timedelta(days=12), config()), CreateDraft)
    assert [a.trigger for a in actions] == ["new"]


# --- wait rules and round limits --------------------------------------------------------

PAIR_MADE = (
    draft(Step.THANK_MANAGER, "round-1", to=MANAGER),
    draft(Step.RECRUITER_FOLLOW_UP, "round-1"),
)
DAY7 = INTERVIEW + timedelta(days=7)


@pytest.mark.parametrize(
    ("state", "now", "cfg", "expected"),
    [
        pytest.param(
            mailbox(drafts=PAIR_MADE),
            DAY7 + timedelta(days=13, hours=23),
            config(),
            NOTHING,
            id="13d23h-after-round",
        ),
        pytest.param(
            mailbox(drafts=PAIR_MADE),
            DAY7 + timedelta(days=14),
            config(),
            CHECK_IN,
            id="14d-after-round",
        ),
        pytest.param(
            mailbox(
                drafts=PAIR_MADE,
                messages=(CONFIRMATION, sent_by_user("s", DAY7 + timedelta(days=1))),
            ),
            DAY7 + timedelta(days=14, hours=23),
            config(),
            NOTHING,
            id="user-sent-follow-up-is-contact",
        ),
        pytest.param(
            mailbox(
                drafts=PAIR_MADE,
                messages=(CONFIRMATION, sent_by_user("s", DAY7 + timedelta(days=1))),
            ),
            DAY7 + timedelta(days=15),
            config(),
            CHECK_IN,
            id="check-in-14d-after-user-contact",
        ),
        pytest.param(
            mailbox(drafts=PAIR_MADE),
            DAY7 + timedelta(days=60),
            config(max_follow_ups=1),
            NOTHING,
            id="max-1-round",
        ),
        pytest.param(
            mailbox(
                drafts=(
                    *PAIR_MADE,
                    draft(Step.CHECK_IN, "round-2", created=DAY7 + timedelta(days=14)),
                )
            ),
            DAY7 + timedelta(days=90),
            config(),
            NOTHING,
            id="max-2-rounds",
        ),
        pytest.param(
            mailbox(
                drafts=(
                    draft(Step.THANK_MANAGER, "round-1", DraftStatus.DELETED, to=MANAGER),
                    draft(Step.RECRUITER_FOLLOW_UP, "round-1", DraftStatus.DELETED),
                )
            ),
            DAY7 + timedelta(days=1),
            config(),
            NOTHING,
            id="deleted-round-still-counts-and-is-not-remade",
        ),
        pytest.param(
            mailbox(drafts=PAIR_MADE),
            DAY7 + timedelta(days=28),
            config(max_follow_ups=3, min_days_between_follow_ups=14),
            CHECK_IN,
            id="check-in-due-later-still-made-once",
        ),
    ],
)
def test_wait_rules(state: MailboxState, now: datetime, cfg: PolicyConfig, expected: set) -> None:
    assert created(plan(state, (), now, cfg)) == expected


def test_status_shows_the_check_in_date_once_the_pair_is_made() -> None:
    (outlook,) = next_steps(mailbox(drafts=PAIR_MADE), DAY7 + timedelta(days=1), config())
    assert (outlook.next_action, outlook.next_due) == (
        f"check_in to {RECRUITER}",
        add_days(DAY7, 14, ZoneInfo(NY)),
    )
    assert {d.key for d in outlook.waiting} == {d.key for d in PAIR_MADE}


def test_limit_is_reported_in_status() -> None:
    state = mailbox(drafts=PAIR_MADE)
    (outlook,) = next_steps(state, DAY7 + timedelta(days=60), config(max_follow_ups=1))
    assert any("no more follow-ups" in note for note in outlook.notes)
    assert outlook.next_action is None


# --- replies by label -------------------------------------------------------------------

REPLY_AT = INTERVIEW + timedelta(days=3)


@pytest.mark.parametrize(
    ("label", "step"),
    [
        ("still_interviewing", Step.REPLY_STILL_INTERVIEWING),
        ("references_requested", Step.REPLY_REFERENCES),
        ("info_requested", Step.REPLY_INFO),
        ("next_round", Step.REPLY_NEXT_ROUND),
        ("offer", Step.REPLY_OFFER),
        ("rejected", Step.REPLY_REJECTED),
    ],
)
def test_each_reply_gets_its_draft_in_its_thread_at_once(label: str, step: Step) -> None:
    reply = message("r1", REPLY_AT, label, thread="t-reply")
    actions = of_type(
        plan(mailbox(messages=(CONFIRMATION, reply)), (), REPLY_AT, config()), CreateDraft
    )
    assert [(a.step, a.to_email, a.thread_id, a.reply_to_gmail_id, a.key) for a in actions] == [
        (step, RECRUITER, "t-reply", "r1", draft_key(1, step, "r1"))
    ]


def test_the_confirmation_an_interview_came_from_is_not_answered() -> None:
    invite = message("inv", INTERVIEW - timedelta(days=1), "next_round")
    state = mailbox(messages=(invite,))
    app = state.applications[0]
    from_invite = dataclasses.replace(app.interviews[0], source="confirmation:inv")
    confirmed = dataclasses.replace(app, interviews=(from_invite,))
    now = INTERVIEW - timedelta(hours=1)
    assert created(plan(state, (), now, config())) == {(Step.REPLY_NEXT_ROUND, RECRUITER)}
    assert (
        created(plan(MailboxState((confirmed,), state.watching_since), (), now, config()))
        == NOTHING
    )


@pytest.mark.parametrize("label", ["auto_reply", "other", None])
def test_labels_without_a_reply_draft(label: str | None) -> None:
    reply = message("r1", REPLY_AT, label)
    assert (
        created(plan(mailbox(messages=(reply,)), (), REPLY_AT + timedelta(hours=1), config()))
        == NOTHING
    )


def test_other_from_a_person_flags_the_thread_once() -> None:
    other = message("o1", REPLY_AT, "other", thread="t-o")
    state = mailbox(messages=(other,))
    flags = of_type(plan(state, (), REPLY_AT, config()), FlagAttention)
    assert [(f.gmail_id, f.thread_id) for f in flags] == [("o1", "t-o")]
    flagged = mailbox(messages=(other,), attention=(AttentionFlag("o1", 1, "t-o", "x", REPLY_AT),))
    assert of_type(plan(flagged, (), REPLY_AT, config()), FlagAttention) == []


def test_request_from_no_reply_address_is_flagged_not_answered() -> None:
    ask = message("a1", REPLY_AT, "info_requested", sender="no-reply@corvanta.com", is_person=False)
    actions = plan(mailbox(messages=(ask,)), (), REPLY_AT, config())
    assert created(actions) == NOTHING
    assert [f.gmail_id for f in of_type(actions, FlagAttention)] == ["a1"]


@pytest.mark.parametrize(
    ("decision", "now", "expected"),
    [
        pytest.param(
            None, REPLY_AT + timedelta(days=13, hours=23), NOTHING, id="13d23h-after-reply"
        ),
        pytest.param(None, REPLY_AT + timedelta(days=14), CHECK_IN, id="14d-after-reply"),
        pytest.param(date(2025, 12, 5), at("2025-12-06T23:59"), NOTHING, id="decision+1d"),
        pytest.param(date(2025, 12, 5), at("2025-12-07T00:00"), CHECK_IN, id="decision+grace"),
        pytest.param(
            date(2025, 11, 1), REPLY_AT + timedelta(days=14), CHECK_IN, id="past-decision-ignored"
        ),
    ],
)
def test_still_interviewing_schedules_the_check_in(
    decision: date | None, now: datetime, expected: set
) -> None:
    reply = message("si", REPLY_AT, "still_interviewing", decision_date=decision)
    reply_made = draft(Step.REPLY_STILL_INTERVIEWING, "si", created=REPLY_AT)
    state = mailbox(messages=(CONFIRMATION, reply), drafts=(reply_made,))
    assert created(plan(state, (), now, config())) == expected
    assert created(plan(state, (), DAY7, config())) == NOTHING  # a reply: no quiet-week pair


def test_check_in_after_still_interviewing_goes_to_the_recruiter_only() -> None:
    reply = message("si", REPLY_AT, "still_interviewing", sender=MANAGER, thread="t-bo")
    state = mailbox(
        messages=(CONFIRMATION, reply),
        drafts=(draft(Step.REPLY_STILL_INTERVIEWING, "si", to=MANAGER),),
    )
    (check_in,) = of_type(plan(state, (), REPLY_AT + timedelta(days=14), config()), CreateDraft)
    assert (check_in.step, check_in.to_email, check_in.thread_id) == (
        Step.CHECK_IN,
        RECRUITER,
        "t-ana",
    )


@pytest.mark.parametrize(
    ("label", "stage", "reason"),
    [("offer", Stage.OFFER, "offer"), ("rejected", Stage.CLOSED, CLOSED_REJECTED)],
)
def test_final_answer_stops_follow_ups_and_removes_only_unedited_drafts(
    label: str, stage: Stage, reason: str
) -> None:
    drafts = (
        draft(Step.THANK_MANAGER, "round-1", DraftStatus.CREATED, to=MANAGER),
        draft(Step.RECRUITER_FOLLOW_UP, "round-1", DraftStatus.EDITED),
        draft(Step.REPLY_INFO, "earlier", DraftStatus.CREATED),
    )
    answer = message("fin", DAY7 + timedelta(days=2), label, thread="t-fin")
    state = mailbox(messages=(CONFIRMATION, answer), drafts=drafts)
    actions = plan(state, (), DAY7 + timedelta(days=30), config())
    assert of_type(actions, SetStage) == [SetStage(1, stage, reason)]
    assert [r.key for r in of_type(actions, RemoveDraft)] == [
        draft_key(1, Step.THANK_MANAGER, "round-1")
    ]
    assert created(actions) == {(Step("reply_" + label), RECRUITER)}


def test_rejection_reply_survives_a_crash_after_closing() -> None:
    answer = message("fin", REPLY_AT, "rejected")
    state = mailbox(messages=(answer,), stage=Stage.CLOSED, closed_reason=CLOSED_REJECTED)
    actions = plan(state, (), REPLY_AT + timedelta(hours=1), config())
    assert created(actions) == {(Step.REPLY_REJECTED, RECRUITER)}
    assert of_type(actions, SetStage) == []


def test_closed_by_user_stops_everything() -> None:
    state = mailbox(
        messages=(message("r", REPLY_AT, "next_round"),),
        stage=Stage.CLOSED,
        closed_reason=CLOSED_BY_USER,
    )
    assert plan(state, (), DAY7 + timedelta(days=30), config()) == []


def test_relabelled_rejection_reopens_the_application() -> None:
    answer = message("fin", REPLY_AT, "still_interviewing")
    state = mailbox(messages=(answer,), stage=Stage.CLOSED, closed_reason=CLOSED_REJECTED)
    actions = plan(state, (), REPLY_AT + timedelta(hours=1), config())
    assert of_type(actions, SetStage) == [SetStage(1, Stage.ACTIVE, "the rejection was relabelled")]
    assert created(actions) == {(Step.REPLY_STILL_INTERVIEWING, RECRUITER)}


def test_relabelled_rejection_after_an_offer_returns_to_the_offer_in_one_step() -> None:
    offer = message("of", REPLY_AT, "offer")
    state = mailbox(messages=(offer,), stage=Stage.CLOSED, closed_reason=CLOSED_REJECTED)
    actions = plan(state, (), REPLY_AT + timedelta(hours=1), config())
    assert of_type(actions, SetStage) == [SetStage(1, Stage.OFFER, "the rejection was relabelled")]
    assert plan(record(state, actions, REPLY_AT), (), REPLY_AT + timedelta(hours=2), config()) == []


def test_later_answer_supersedes_an_unanswered_earlier_one() -> None:
    first = message("si", REPLY_AT, "still_interviewing", thread="t1")
    then = message("nr", REPLY_AT + timedelta(hours=3), "next_round", thread="t2")
    final = message("rj", REPLY_AT + timedelta(hours=5), "rejected", thread="t3")
    assert [
        a.trigger
        for a in of_type(
            plan(mailbox(messages=(first, then)), (), REPLY_AT + timedelta(hours=4), config()),
            CreateDraft,
        )
    ] == ["nr"]
    actions = plan(
        mailbox(messages=(first, then, final)), (), REPLY_AT + timedelta(hours=6), config()
    )
    assert [a.trigger for a in of_type(actions, CreateDraft)] == ["rj"]


def test_only_the_latest_answer_in_a_thread_gets_a_reply() -> None:
    refs = message("rf", REPLY_AT, "references_requested", thread="t1")
    info = message("in", REPLY_AT + timedelta(hours=1), "info_requested", thread="t1")
    now = REPLY_AT + timedelta(hours=2)
    actions = of_type(plan(mailbox(messages=(refs, info)), (), now, config()), CreateDraft)
    assert [a.trigger for a in actions] == ["in"]


def test_two_requests_in_different_threads_each_get_a_reply() -> None:
    refs = message("rf", REPLY_AT, "references_requested", thread="t1")
    info = message(
        "in", REPLY_AT + timedelta(hours=1), "info_requested", sender=MANAGER, thread="t2"
    )
    actions = of_type(
        plan(mailbox(messages=(refs, info)), (), REPLY_AT + timedelta(hours=2), config()),
        CreateDraft,
    )
    assert {(a.trigger, a.to_email) for a in actions} == {("rf", RECRUITER), ("in", MANAGER)}


# --- out of office ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        pytest.param(DAY7, {(Step.THANK_MANAGER, MANAGER)}, id="manager-on-time-recruiter-waits"),
        pytest.param(
            at("2025-11-27T23:59"), {(Step.THANK_MANAGER, MANAGER)}, id="return-day-still-waiting"
        ),
        pytest.param(at("2025-11-28T00:00"), PAIR, id="day-after-return"),
    ],
)
def test_out_of_office_defers_only_drafts_to_that_person(now: datetime, expected: set) -> None:
    ooo = message(
        "ooo",
        INTERVIEW + timedelta(days=2),
        "auto_reply",
        is_person=False,
        return_date=date(2025, 11, 27),
    )
    state = mailbox(messages=(CONFIRMATION, ooo))
    assert created(plan(state, (), now, config())) == expected


def test_deferred_draft_is_shown_with_its_date_in_status() -> None:
    ooo = message(
        "ooo", INTERVIEW + timedelta(days=2), "auto_reply", return_date=date(2025, 11, 27)
    )
    state = mailbox(
        messages=(CONFIRMATION, ooo), drafts=(draft(Step.THANK_MANAGER, "round-1", to=MANAGER),)
    )
    (outlook,) = next_steps(state, DAY7, config())
    assert (outlook.next_action, outlook.next_due) == (
        f"recruiter_follow_up to {RECRUITER}",
        at("2025-11-28T00:00"),
    )
    assert [d.key for d in outlook.waiting] == [draft_key(1, Step.THANK_MANAGER, "round-1")]


# --- respecting the user ----------------------------------------------------------------


@pytest.mark.parametrize("status", list(DraftStatus))
def test_a_draft_record_in_any_status_is_never_planned_again(status: DraftStatus) -> None:
    reply = message("r1", REPLY_AT, "next_round")
    state = mailbox(messages=(reply,), drafts=(draft(Step.REPLY_NEXT_ROUND, "r1", status),))
    assert created(plan(state, (), REPLY_AT + timedelta(days=1), config())) == NOTHING


def test_edited_drafts_are_reported_and_not_removed() -> None:
    edited = draft(Step.THANK_MANAGER, "round-1", DraftStatus.EDITED, to=MANAGER)
    state = mailbox(drafts=(edited,), stage=Stage.OFFER)
    assert of_type(plan(state, (), DAY7 + timedelta(days=1), config()), RemoveDraft) == []
    (outlook,) = next_steps(state, DAY7 + timedelta(days=1), config())
    assert [d.key for d in outlook.edited] == [edited.key]


# --- idempotency and nothing lost -------------------------------------------------------


def record(state: MailboxState, actions: Sequence[Action], now: datetime) -> MailboxState:
    """What the shell writes to the store for these actions (the drafts all succeed)."""
    (app,) = state.applications
    application, drafts, flags = app.application, list(app.drafts), list(app.attention)
    for action in actions:
        if isinstance(action, CreateDraft):
            drafts.append(draft(action.step, action.trigger, created=now, to=action.to_email))
        elif isinstance(action, RemoveDraft):
            drafts = [
                dataclasses.replace(d, status=DraftStatus.REMOVED) if d.key == action.key else d
                for d in drafts
            ]
        elif isinstance(action, SetStage):
            reason = action.reason if action.stage is Stage.CLOSED else None
            application = dataclasses.replace(application, stage=action.stage, closed_reason=reason)
        elif isinstance(action, FlagAttention):
            flags.append(AttentionFlag(action.gmail_id, 1, action.thread_id, action.reason, now))
    app = dataclasses.replace(
        app, application=application, drafts=tuple(drafts), attention=tuple(flags)
    )
    return dataclasses.replace(state, applications=(app,))


def replay(
    state: MailboxState,
    arrivals: Sequence[MessageRecord],
    until: datetime,
    start: datetime = INTERVIEW,
) -> list[tuple[datetime, Action]]:
    """Poll every 6 hours from ``start``, recording arrivals and actions as the shell would."""
    cfg = config()
    done: list[tuple[datetime, Action]] = []
    now = start
    while now <= until:
        (app,) = state.applications
        arrived = tuple(m for m in arrivals if m.date <= now and m not in app.messages)
        state = dataclasses.replace(
            state, applications=(dataclasses.replace(app, messages=app.messages + arrived),)
        )
        actions = plan(state, (), now, cfg)
        done.extend((now, a) for a in actions)
        state = record(state, actions, now)
        assert plan(state, (), now, cfg) == [], "planning twice must add nothing"
        now += timedelta(hours=6)
    return done


def test_silence_for_six_weeks_gives_the_pair_then_one_check_in() -> None:
    done = replay(mailbox(), (), INTERVIEW + timedelta(days=42))
    drafts = [(now - INTERVIEW, a.step) for now, a in done if isinstance(a, CreateDraft)]
    assert drafts == [
        (timedelta(days=7), Step.THANK_MANAGER),
        (timedelta(days=7), Step.RECRUITER_FOLLOW_UP),
        (timedelta(days=21), Step.CHECK_IN),
    ]


def test_rejection_mid_way_closes_and_removes_the_waiting_pair() -> None:
    rejection = message("rj", INTERVIEW + timedelta(days=9, hours=3), "rejected")
    done = replay(mailbox(), (rejection,), INTERVIEW + timedelta(days=42))
    kinds = [(type(a).__name__, getattr(a, "step", getattr(a, "stage", None))) for _, a in done]
    assert kinds == [
        ("CreateDraft", Step.THANK_MANAGER),
        ("CreateDraft", Step.RECRUITER_FOLLOW_UP),
        ("SetStage", Stage.CLOSED),
        ("RemoveDraft", None),
        ("RemoveDraft", None),
        ("CreateDraft", Step.REPLY_REJECTED),
    ]


def test_new_interview_after_next_round_starts_a_new_pair_round_spaced_from_the_first() -> None:
    invite = message("nr", INTERVIEW + timedelta(days=8), "next_round")
    second = INTERVIEW + timedelta(days=12)
    answered = draft(Step.REPLY_NEXT_ROUND, "nr", created=INTERVIEW + timedelta(days=8))
    state = mailbox(
        interviews=(INTERVIEW, second),
        messages=(CONFIRMATION, invite),
        drafts=(*PAIR_MADE, answered),
    )
    done = replay(state, (), INTERVIEW + timedelta(days=60), start=second)
    made = [(now, a.key) for now, a in done if isinstance(a, CreateDraft)]
    round_one_plus_14 = add_days(DAY7, 14, ZoneInfo(NY))  # later than second + 7 days
    assert made == [
        (round_one_plus_14, "1:thank_manager:round-2"),
        (round_one_plus_14, "1:recruiter_follow_up:round-2"),
    ]


def test_events_do_not_change_the_plan() -> None:
    reply = message("r1", REPLY_AT, "references_requested")
    state = mailbox(messages=(CONFIRMATION, reply))
    now = REPLY_AT + timedelta(hours=1)
    assert plan(state, [MessageRecorded("r1")], now, config()) == plan(state, (), now, config())


def test_crash_after_recording_messages_replans_the_same_actions() -> None:
    """Messages recorded, nothing acted on: the next poll (later) plans the same drafts."""
    reply = message("r1", REPLY_AT, "references_requested")
    state = mailbox(messages=(CONFIRMATION, reply))
    first = plan(state, (), REPLY_AT + timedelta(minutes=5), config())
    again = plan(state, (), REPLY_AT + timedelta(hours=6), config())
    assert [a.key for a in of_type(first, CreateDraft)] == [
        a.key for a in of_type(again, CreateDraft)
    ]
    assert of_type(first, CreateDraft)


def test_crash_between_the_two_drafts_of_a_round_makes_only_the_missing_one() -> None:
    half = mailbox(drafts=(draft(Step.THANK_MANAGER, "round-1", DraftStatus.INTENT, to=MANAGER),))
    assert created(plan(half, (), DAY7 + timedelta(minutes=1), config())) == {
        (Step.RECRUITER_FOLLOW_UP, RECRUITER)
    }
