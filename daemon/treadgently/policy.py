"""The follow-up policy: stored state + the time in, planned actions out.

``plan(state, events, now, config) -> list[Action]`` is pure: no I/O, no clock
reads, no logging.  ``next_steps(state, now, config) -> list[Outlook]`` explains
the same reasoning for ``status``.

Crash safety and idempotency
----------------------------
Every action is derived from the stored state alone, never from "what is new in
this cycle".  The shell records messages first (one transaction with the new
historyId), then plans on ``store.load_state()``:

* planning again on a state that reflects earlier actions returns nothing new,
  because a draft record for a key in *any* status (intent, created, sent,
  deleted, edited, removed) means that key is never planned again, a stage that
  is already set is not set again, and a message already flagged is not flagged
  again;
* if the shell died after recording messages but before acting, planning on the
  stored state returns the same actions it would have returned then.

``events`` (``MessageRecorded``, ``InterviewRecorded``, ``Relabeled``) therefore
adds nothing to the decision: it is accepted so the shell can hand over what it
just did, and ``plan(state, (), now, config) == plan(state, events, now, config)``.

The rules (issue 5)
-------------------
* Days are calendar days in ``config.timezone``, counted from the same local
  time of day (``add_days``), so DST changes do not shift a follow-up by an hour.
* Quiet week: the quiet period starts at the later of the latest interview and
  the last contact (the user's own messages, a person at the company writing).
  When ``follow_up_after_days`` have passed with no company reply since the
  interview, one round of two drafts is due: ``thank_manager`` (to the hiring
  manager, in their thread if any) and ``recruiter_follow_up`` (to the
  recruiter, in their thread if any).  An unknown person's step is skipped and
  ``next_steps`` says what to run.  If the person becomes known while the round
  is still the current one, the missing step is made under the same round.
* Later rounds are ``check_in`` drafts to the recruiter, due
  ``min_days_between_follow_ups`` after the last contact either way (a round's
  drafts being made counts as contact), or ``decision_grace_days`` after a
  decision date the company stated in its latest ``still_interviewing`` reply
  (from local midnight of that day).  No more than ``max_follow_ups`` rounds;
  a round counts once any of its drafts is recorded, whatever the user does.
* Catch-up: a round that fell due more than ``catch_up_days`` before the first
  poll (``watching_since``) is not drafted; ``next_steps`` lists it.  Replies
  and attention flags are likewise not raised for messages older than that
  window, nor for messages the user already answered in the thread.
* Replies: each real company reply (``REPLY_STEPS``) from a person gets one
  reply draft in its thread, due at once, unless a later company reply in the
  same thread (or a later offer/rejection, or any later reply for a
  ``still_interviewing``) supersedes it.  Offer: stage ``offer``, follow-ups
  stop.  Rejection: stage ``closed`` (reason ``rejected``).  Both remove our
  unedited follow-up drafts (``RemoveDraft``; the shell compares hashes).
  A manual close stops everything.  If a relabel takes the offer/rejection
  away, the stage goes back.
* The message an interview was recorded from (``Interview.source`` is
  ``"confirmation:<gmail id>"``) is the invitation, never an answer.  The shell
  should record confirmations with ``label=None`` anyway.
* ``auto_reply``: never a reply, never contact.  An out-of-office with a return
  date defers drafts addressed to that sender until local midnight after it.
* ``other``: no draft; the thread is flagged; from a person at the company it
  also counts as contact (the quiet period restarts).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from treadgently.model import (
    CLOSED_REJECTED,
    FOLLOW_UP_STEPS,
    REPLY_STEPS,
    Action,
    ApplicationState,
    Contact,
    CreateDraft,
    Direction,
    DraftRecord,
    DraftStatus,
    Event,
    FlagAttention,
    Label,
    MailboxState,
    MessageRecord,
    Outlook,
    PlannedStep,
    PolicyConfig,
    RemoveDraft,
    Role,
    SetStage,
    Stage,
    Step,
    draft_key,
    round_trigger,
)

PAIR_STEPS = (Step.THANK_MANAGER, Step.RECRUITER_FOLLOW_UP)
FINAL_LABELS = frozenset({Label.OFFER, Label.REJECTED})
# Requests that need the user even when they come from an address we must not write to.
REQUEST_LABELS = frozenset({Label.REFERENCES_REQUESTED, Label.INFO_REQUESTED, Label.NEXT_ROUND})
REMOVABLE = frozenset({DraftStatus.INTENT, DraftStatus.CREATED})


def plan(
    state: MailboxState,
    events: Sequence[Event],
    now: datetime,
    config: PolicyConfig,
) -> list[Action]:
    """The actions due at ``now``.  ``events`` does not change the result (see module doc)."""
    del events  # everything is derived from the stored state: that is what makes it crash-safe
    actions: list[Action] = []
    for app_state in state.applications:
        actions.extend(_assess(app_state, state, now, config).actions)
    return actions


def next_steps(state: MailboxState, now: datetime, config: PolicyConfig) -> list[Outlook]:
    """One ``Outlook`` per application: what is planned, waiting, blocked, skipped and why."""
    return [_assess(a, state, now, config).outlook for a in state.applications]


def add_days(moment: datetime, days: int, zone: ZoneInfo) -> datetime:
    """``days`` calendar days later in ``zone``, at the same local time of day."""
    local = moment.astimezone(zone)
    wall = local.replace(tzinfo=None, fold=0) + timedelta(days=days)
    return wall.replace(tzinfo=zone).astimezone(zone)


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)


# --- per application --------------------------------------------------------------------


@dataclass(frozen=True)
class _Assessment:
    actions: tuple[Action, ...]
    outlook: Outlook


@dataclass(frozen=True)
class _Facts:
    """What the rules need to know about one application, computed once."""

    app: ApplicationState
    zone: ZoneInfo
    now: datetime
    catch_up_start: datetime  # messages/rounds before this are history, not work
    stage: Stage  # the stage after this plan's SetStage, if any
    closed_reason: str | None  # likewise
    keys: frozenset[str]
    flagged: frozenset[str]
    away_until: dict[str, datetime]  # email -> drafts to it wait until then

    @property
    def app_id(self) -> int:
        return self.app.application.id


def _assess(
    app: ApplicationState, state: MailboxState, now: datetime, config: PolicyConfig
) -> _Assessment:
    zone = ZoneInfo(config.timezone)
    watching_since = state.watching_since or now
    stage_action = _stage_change(app)
    facts = _Facts(
        app=app,
        zone=zone,
        now=now,
        catch_up_start=add_days(watching_since, -config.catch_up_days, zone),
        stage=stage_action.stage if stage_action else app.application.stage,
        closed_reason=stage_action.reason if stage_action else app.application.closed_reason,
        keys=frozenset(d.key for d in app.drafts),
        flagged=frozenset(f.gmail_id for f in app.attention),
        away_until=_away_until(app, zone),
    )
    actions: list[Action] = []
    notes: list[str] = []
    upcoming: list[PlannedStep] = []

    if stage_action:
        actions.append(stage_action)
    if facts.stage is not Stage.ACTIVE:
        actions.extend(
            RemoveDraft(d.key, facts.app_id, reason=f"application is now {facts.stage}")
            for d in app.drafts
            if d.step in FOLLOW_UP_STEPS and d.status in REMOVABLE
        )

    for create in _reply_drafts(facts):
        if create.due <= now:
            actions.append(create)
        else:
            upcoming.append(PlannedStep(create.step, create.due, create.to_email))
            notes.append(f"{create.step} to {create.to_email} waits until {_when(create.due)}")

    actions.extend(_attention_flags(facts))

    follow_up = _follow_up_round(facts, config)
    if follow_up is not None:
        notes.extend(follow_up.notes)
        for item in follow_up.steps:
            upcoming.append(item.planned)
            if item.create is not None and item.create.due <= now:
                actions.append(item.create)
            elif item.create is not None and item.create.due > follow_up.due:
                notes.append(f"{item.create.to_email} is away: {item.create.step} waits")

    return _Assessment(tuple(actions), _outlook(facts, upcoming, notes))


def _stage_change(app: ApplicationState) -> SetStage | None:
    """The stage the company's latest offer/rejection implies (a closed one stays closed)."""
    application = app.application
    final = [m for m in _company_replies(app) if m.label in FINAL_LABELS]
    latest = final[-1] if final else None
    if application.stage is Stage.CLOSED:
        if application.closed_reason == CLOSED_REJECTED and not any(
            m.label == Label.REJECTED for m in final
        ):
            reopened = Stage.OFFER if latest is not None else Stage.ACTIVE
            return SetStage(application.id, reopened, "the rejection was relabelled")
        return None
    if latest is not None and latest.label == Label.REJECTED:
        return SetStage(application.id, Stage.CLOSED, CLOSED_REJECTED)
    if latest is not None and application.stage is Stage.ACTIVE:
        return SetStage(application.id, Stage.OFFER, "offer")
    if latest is None and application.stage is Stage.OFFER:
        return SetStage(application.id, Stage.ACTIVE, "the offer was relabelled")
    return None


# --- replies ----------------------------------------------------------------------------


def _reply_drafts(facts: _Facts) -> list[CreateDraft]:
    """One reply per real company answer that still needs one (due at once, or after OOO)."""
    app = facts.app
    application = app.application
    drafts: list[CreateDraft] = []
    for message in _company_replies(app):
        if not message.is_person or not _needs_handling(message, facts):
            continue
        if facts.stage is Stage.CLOSED and not (
            facts.closed_reason == CLOSED_REJECTED and message.label == Label.REJECTED
        ):
            continue  # a closed application gets nothing but the answer to its rejection
        if _superseded(message, app):
            continue
        step = REPLY_STEPS[message.label or ""]
        key = draft_key(application.id, step, message.gmail_id)
        if key in facts.keys:
            continue
        due = max(message.date, facts.away_until.get(message.sender_email, message.date))
        drafts.append(
            CreateDraft(
                key=key,
                application_id=application.id,
                step=step,
                trigger=message.gmail_id,
                to_email=message.sender_email,
                to_name=message.sender_name,
                thread_id=message.thread_id,
                reply_to_gmail_id=message.gmail_id,
                due=due,
                interview_at=_latest_interview(app),
                reason=f"{message.label} from {message.sender_email}",
            )
        )
    return drafts


def _needs_handling(message: MessageRecord, facts: _Facts) -> bool:
    """Not history: inside the catch-up window and not already answered by the user."""
    if message.date < facts.catch_up_start:
        return False
    return not any(
        m.direction is Direction.OUT and m.thread_id == message.thread_id and m.date > message.date
        for m in facts.app.messages
    )


def _superseded(message: MessageRecord, app: ApplicationState) -> bool:
    """A later company answer makes this one moot: reply to the latest only."""
    for later in _company_replies(app):
        if later.date <= message.date or later.gmail_id == message.gmail_id:
            continue
        if later.thread_id == message.thread_id or later.label in FINAL_LABELS:
            return True
        if message.label == Label.STILL_INTERVIEWING:
            return True
    return False


def _attention_flags(facts: _Facts) -> list[FlagAttention]:
    """A person's ``other`` mail, and requests from addresses nobody reads, need the user.

    Automated ``other`` mail (job alerts, newsletters) changes nothing.
    """
    flags = []
    for message in facts.app.messages:
        if message.direction is not Direction.IN or message.gmail_id in facts.flagged:
            continue
        if message.label == Label.OTHER and message.is_person:
            reason = "a message the classifier could not place"
        elif message.label in REQUEST_LABELS and not message.is_person:
            reason = f"{message.label} from an address that cannot be answered"
        else:
            continue
        if _needs_handling(message, facts):
            flags.append(FlagAttention(facts.app_id, message.thread_id, message.gmail_id, reason))
    return flags


# --- follow-up rounds -------------------------------------------------------------------


@dataclass(frozen=True)
class _RoundStep:
    planned: PlannedStep
    create: CreateDraft | None  # None when blocked or already made


@dataclass(frozen=True)
class _Round:
    number: int
    due: datetime
    steps: tuple[_RoundStep, ...]
    notes: tuple[str, ...]


def _follow_up_round(facts: _Facts, config: PolicyConfig) -> _Round | None:
    """The current follow-up round: a new one when due, or the unfinished quiet-week pair."""
    app = facts.app
    if facts.stage is not Stage.ACTIVE:
        return None
    interview = _latest_interview(app)
    if interview is None:
        return _Round(0, facts.now, (), ("no interview known: nothing to follow up yet",))

    rounds = _rounds(app.drafts)
    last_number = max(rounds, default=0)
    last_at = min(d.created_at for d in rounds[last_number]) if last_number else None
    replied = any(m.date > interview for m in _company_replies(app))
    contact = max([interview, *_contact_times(app)])
    check_in_due = _check_in_due(facts, config, contact, last_at)

    if last_at is not None and last_at >= interview:
        made = {d.step for d in rounds[last_number]}
        unfinished = made < set(PAIR_STEPS)  # a pair with a step still missing
        if unfinished and not replied and facts.now < check_in_due:
            due = min(d.due for d in rounds[last_number])
            return _round(facts, last_number, PAIR_STEPS, due)
        return _new_round(facts, config, last_number + 1, (Step.CHECK_IN,), check_in_due)
    if replied:
        return _new_round(facts, config, last_number + 1, (Step.CHECK_IN,), check_in_due)
    due = add_days(contact, config.follow_up_after_days, facts.zone)
    if last_at is not None:
        due = max(due, add_days(last_at, config.min_days_between_follow_ups, facts.zone))
    return _new_round(facts, config, last_number + 1, PAIR_STEPS, due)


def _new_round(
    facts: _Facts, config: PolicyConfig, number: int, steps: tuple[Step, ...], due: datetime
) -> _Round:
    if number > config.max_follow_ups:
        note = f"no more follow-ups: {config.max_follow_ups} round(s) made, the limit"
        return _Round(number, due, (), (note,))
    if due < facts.catch_up_start:
        note = (
            f"skipped {', '.join(steps)}: it fell due {_when(due)}, before treadgently"
            " started watching; send one yourself if it still fits"
        )
        return _Round(number, due, (), (note,))
    return _round(facts, number, steps, due)


def _round(facts: _Facts, number: int, steps: tuple[Step, ...], due: datetime) -> _Round:
    """The drafts of round ``number`` not made yet; steps whose person is unknown are blocked."""
    interview = _latest_interview(facts.app)
    trigger = round_trigger(number)
    planned: list[_RoundStep] = []
    notes: list[str] = []
    for step in steps:
        role = Role.HIRING_MANAGER if step is Step.THANK_MANAGER else Role.RECRUITER
        key = draft_key(facts.app_id, step, trigger)
        person = _person(facts.app, role)
        if person is None:
            blocked = _unknown_person_hint(facts.app, role)
            notes.append(f"{step} skipped: {blocked}")
            planned.append(_RoundStep(PlannedStep(step, due, None, blocked), None))
            continue
        if key in facts.keys:
            continue
        step_due = max(due, facts.away_until.get(person.email, due))
        thread_id, reply_to = _thread_with(facts.app, person.email)
        create = CreateDraft(
            key=key,
            application_id=facts.app_id,
            step=step,
            trigger=trigger,
            to_email=person.email,
            to_name=person.name,
            thread_id=thread_id,
            reply_to_gmail_id=reply_to,
            due=step_due,
            interview_at=interview,
            reason=f"follow-up round {number}, due {_when(due)}",
        )
        planned.append(_RoundStep(PlannedStep(step, step_due, person.email), create))
    return _Round(number, due, tuple(planned), tuple(notes))


def _check_in_due(
    facts: _Facts, config: PolicyConfig, contact: datetime, last_round_at: datetime | None
) -> datetime:
    """Spacing since the last contact either way, or the stated decision date plus grace."""
    base = max(contact, last_round_at) if last_round_at else contact
    due = add_days(base, config.min_days_between_follow_ups, facts.zone)
    replies = _company_replies(facts.app)
    latest = replies[-1] if replies else None
    if latest is None or latest.label != Label.STILL_INTERVIEWING or latest.decision_date is None:
        return due
    if last_round_at is not None and latest.date <= last_round_at:
        return due
    decided = latest.decision_date + timedelta(days=config.decision_grace_days)
    held = local_midnight(decided, facts.zone)
    return held if held > latest.date else due


def _rounds(drafts: Iterable[DraftRecord]) -> dict[int, list[DraftRecord]]:
    rounds: dict[int, list[DraftRecord]] = {}
    for draft in drafts:
        prefix, _, number = draft.trigger.partition("-")
        if draft.step in FOLLOW_UP_STEPS and prefix == "round" and number.isdigit():
            rounds.setdefault(int(number), []).append(draft)
    return rounds


# --- facts about people, messages and time ----------------------------------------------


def _company_replies(app: ApplicationState) -> list[MessageRecord]:
    """Inbound messages that are a real answer from the company, oldest first.

    A message that an interview was recorded from is the invitation itself, not an answer.
    """
    invitations = _confirmation_ids(app)
    replies = [
        m
        for m in app.messages
        if m.direction is Direction.IN and m.label in REPLY_STEPS and m.gmail_id not in invitations
    ]
    return sorted(replies, key=lambda m: m.date)


def _confirmation_ids(app: ApplicationState) -> set[str]:
    prefix = "confirmation:"
    return {i.source[len(prefix) :] for i in app.interviews if i.source.startswith(prefix)}


def _contact_times(app: ApplicationState) -> list[datetime]:
    """Contact either way: the user's messages, company answers, a company person writing."""
    times = [m.date for m in _company_replies(app)]
    for message in app.messages:
        if message.direction is Direction.OUT or (
            message.label == Label.OTHER and _from_company_person(message, app)
        ):
            times.append(message.date)
    return times


def _from_company_person(message: MessageRecord, app: ApplicationState) -> bool:
    if not message.is_person or message.direction is not Direction.IN:
        return False
    sender = message.sender_email.lower()
    if any(c.email == sender for c in app.contacts):
        return True
    domain = sender.rpartition("@")[2]
    return any(domain == d or domain.endswith("." + d) for d in app.application.domains)


def _latest_interview(app: ApplicationState) -> datetime | None:
    return max((i.start for i in app.interviews), default=None)


def _person(app: ApplicationState, role: Role) -> Contact | None:
    """The most recently set contact with that role."""
    matches = [c for c in app.contacts if c.role is role]
    return matches[-1] if matches else None


def _thread_with(app: ApplicationState, email: str) -> tuple[str | None, str | None]:
    """(thread id, gmail id) of the latest message from ``email``, to reply in that thread.

    Only what the person wrote themselves: a follow-up must not answer their out-of-office.
    """
    theirs = [
        m
        for m in app.messages
        if m.direction is Direction.IN
        and m.sender_email == email
        and m.is_person
        and m.label != Label.AUTO_REPLY
    ]
    if not theirs:
        return None, None
    latest = max(theirs, key=lambda m: m.date)
    return latest.thread_id, latest.gmail_id


def _away_until(app: ApplicationState, zone: ZoneInfo) -> dict[str, datetime]:
    """Drafts to someone whose latest out-of-office names a return date wait until the day after."""
    latest: dict[str, MessageRecord] = {}
    for message in sorted(app.messages, key=lambda m: m.date):
        if message.direction is Direction.IN and message.label == Label.AUTO_REPLY:
            latest[message.sender_email] = message
    return {
        email: local_midnight(m.return_date + timedelta(days=1), zone)
        for email, m in latest.items()
        if m.return_date is not None
    }


def _unknown_person_hint(app: ApplicationState, role: Role) -> str:
    company = app.application.company.replace('"', "")
    command = f'treadgently track --company "{company}"'
    if role is Role.HIRING_MANAGER:
        return f"no hiring manager known: run `{command} --manager EMAIL`"
    return f"no recruiter known: run `{command} --recruiter EMAIL`"


def _when(moment: datetime) -> str:
    return moment.strftime("%a %Y-%m-%d %H:%M %Z")


# --- status -----------------------------------------------------------------------------


def _outlook(facts: _Facts, upcoming: list[PlannedStep], notes: list[str]) -> Outlook:
    app = facts.app
    times = _contact_times(app)
    said = [m for m in app.messages if m.direction is Direction.IN and m.label]
    said = [m for m in said if m.label != Label.AUTO_REPLY]
    pending = sorted(
        (p for p in upcoming if p.blocked is None and p.due is not None),
        key=lambda p: p.due or facts.now,
    )
    next_item = pending[0] if pending else None
    if facts.stage is not Stage.ACTIVE:
        reason = app.application.closed_reason if facts.stage is Stage.CLOSED else None
        notes = [f"stage {facts.stage}" + (f" ({reason})" if reason else ""), *notes]
    return Outlook(
        application_id=facts.app_id,
        company=app.application.company,
        stage=facts.stage,
        last_contact=max(times, default=None),
        last_company_label=max(said, key=lambda m: m.date).label if said else None,
        next_action=f"{next_item.step} to {next_item.to_email}" if next_item else None,
        next_due=next_item.due if next_item else None,
        upcoming=tuple(upcoming),
        waiting=tuple(d for d in app.drafts if d.status in REMOVABLE),
        edited=tuple(d for d in app.drafts if d.status is DraftStatus.EDITED),
        attention=tuple(f for f in app.attention if f.cleared_at is None),
        notes=tuple(notes),
    )
