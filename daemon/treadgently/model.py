"""The policy's vocabulary: the state it reads and the actions it returns.

Everything here is a frozen dataclass or a string enum, so the policy can be a
pure function over plain values, the store can build these from rows, and the
shell (``poll.py``) can carry the actions out.  No I/O, no imports beyond the
standard library.

Who writes what:

* ``store.load_state()`` builds a ``MailboxState`` from SQLite.
* ``policy.plan(state, events, now, config)`` returns a list of ``Action``
  (``CreateDraft``, ``RemoveDraft``, ``SetStage``, ``FlagAttention``).
* ``policy.next_steps(state, now, config)`` returns one ``Outlook`` per
  application for ``status``.

Conventions:

* Every ``datetime`` is timezone-aware.  Dates (``date``) are calendar dates as
  the company wrote them (a decision date, a return date).
* ``MessageRecord.label`` is one of ``Label`` (the classifier's labels, the
  same strings as ``config.LABELS``) or ``None`` for a message that carries no
  classification: the user's own messages and interview confirmations.
* Draft keys are deterministic (``draft_key``): ``"{application_id}:{step}:{trigger}"``
  where ``trigger`` is the Gmail id of the message replied to, or ``"round-N"``
  for the N-th follow-up round of the application.  One key, one draft, ever.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class Stage(StrEnum):
    ACTIVE = "active"
    OFFER = "offer"
    CLOSED = "closed"


class Role(StrEnum):
    """A contact's part in the hiring process."""

    HIRING_MANAGER = "hiring_manager"
    RECRUITER = "recruiter"
    OTHER = "other"


class Label(StrEnum):
    """The classifier's labels (the same strings as ``config.LABELS``)."""

    STILL_INTERVIEWING = "still_interviewing"
    REFERENCES_REQUESTED = "references_requested"
    INFO_REQUESTED = "info_requested"
    NEXT_ROUND = "next_round"
    OFFER = "offer"
    REJECTED = "rejected"
    AUTO_REPLY = "auto_reply"
    OTHER = "other"


class Step(StrEnum):
    """A kind of draft.  The value is also the template's file name stem."""

    THANK_MANAGER = "thank_manager"  # quiet-week step 1, to the hiring manager
    RECRUITER_FOLLOW_UP = "recruiter_follow_up"  # quiet-week step 2, to the recruiter
    CHECK_IN = "check_in"  # a later follow-up round, recruiter only
    REPLY_STILL_INTERVIEWING = "reply_still_interviewing"
    REPLY_REFERENCES = "reply_references"
    REPLY_INFO = "reply_info"
    REPLY_NEXT_ROUND = "reply_next_round"
    REPLY_OFFER = "reply_offer"
    REPLY_REJECTED = "reply_rejected"


FOLLOW_UP_STEPS = frozenset({Step.THANK_MANAGER, Step.RECRUITER_FOLLOW_UP, Step.CHECK_IN})

# The labels that are a real answer from the company, and the reply draft each gets.
REPLY_STEPS: Mapping[str, Step] = {
    Label.STILL_INTERVIEWING: Step.REPLY_STILL_INTERVIEWING,
    Label.REFERENCES_REQUESTED: Step.REPLY_REFERENCES,
    Label.INFO_REQUESTED: Step.REPLY_INFO,
    Label.NEXT_ROUND: Step.REPLY_NEXT_ROUND,
    Label.OFFER: Step.REPLY_OFFER,
    Label.REJECTED: Step.REPLY_REJECTED,
}


class Direction(StrEnum):
    IN = "in"  # from the company (or anyone else) to the user
    OUT = "out"  # from the user


class DraftStatus(StrEnum):
    """Where a draft we planned stands.  Any status means: never plan that key again."""

    INTENT = "intent"  # recorded before drafts.create; the Gmail draft may or may not exist
    CREATED = "created"  # in Gmail Drafts, as we wrote it
    SENT = "sent"  # the user sent it: the step is done
    DELETED = "deleted"  # the user deleted it: never made again
    EDITED = "edited"  # the user changed it: left alone, reported in status
    REMOVED = "removed"  # we removed it (unedited) because the application closed/got an offer


# Application.closed_reason values the policy knows.  Any other text is a manual close.
CLOSED_REJECTED = "rejected"
CLOSED_BY_USER = "closed by user"


def draft_key(application_id: int, step: Step | str, trigger: str) -> str:
    """The one key for a draft: at most one draft per (application, step, trigger), ever."""
    return f"{application_id}:{Step(step).value}:{trigger}"


def round_trigger(number: int) -> str:
    """The trigger of the N-th follow-up round (1-based)."""
    return f"round-{number}"


# --- state ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Application:
    id: int
    company: str
    role: str | None
    domains: tuple[str, ...]  # the company's own mail domains, lower case
    stage: Stage
    closed_reason: str | None
    created_at: datetime


@dataclass(frozen=True)
class Interview:
    id: int
    application_id: int
    start: datetime
    source: str  # "confirmation:<gmail id>" or "manual"


@dataclass(frozen=True)
class Contact:
    application_id: int
    email: str  # lower case
    name: str  # "" when unknown
    role: Role


@dataclass(frozen=True)
class MessageRecord:
    """One processed message that belongs to an application (or is kept for one)."""

    gmail_id: str
    thread_id: str
    application_id: int | None
    direction: Direction
    sender_email: str
    sender_name: str
    is_person: bool  # False for no-reply and automated senders: never someone to write to
    date: datetime
    subject: str
    message_id_header: str  # "<...>" or ""
    references: tuple[str, ...] = ()
    label: str | None = None  # a Label, after any manual relabel; None: not classified
    confidence: float = 0.0
    evidence: tuple[str, ...] = ()
    decision_date: date | None = None  # still_interviewing: "we expect to decide by ..."
    return_date: date | None = None  # auto_reply: "back on ..."
    requested: str | None = None  # info_requested: what was asked for


@dataclass(frozen=True)
class DraftRecord:
    key: str
    application_id: int
    step: Step
    trigger: str
    status: DraftStatus
    gmail_draft_id: str | None
    gmail_message_id: str | None
    thread_id: str | None
    to_email: str
    to_name: str
    reply_to_gmail_id: str | None
    content_hash: str | None  # hash of the normalized text we wrote
    due: datetime
    created_at: datetime  # when the intent was recorded: the round's time


@dataclass(frozen=True)
class AttentionFlag:
    gmail_id: str
    application_id: int
    thread_id: str
    reason: str
    flagged_at: datetime
    cleared_at: datetime | None = None  # the user dealt with it; it is never raised again


@dataclass(frozen=True)
class ApplicationState:
    application: Application
    interviews: tuple[Interview, ...] = ()  # oldest first
    contacts: tuple[Contact, ...] = ()  # least recently set first: the last of a role wins
    messages: tuple[MessageRecord, ...] = ()  # oldest first
    drafts: tuple[DraftRecord, ...] = ()  # oldest first
    threads: tuple[str, ...] = ()
    attention: tuple[AttentionFlag, ...] = ()


@dataclass(frozen=True)
class MailboxState:
    applications: tuple[ApplicationState, ...]
    watching_since: datetime | None  # the first poll; None before it was recorded
    first_poll: bool = False  # no poll has succeeded yet
    last_poll_success: datetime | None = None


@dataclass(frozen=True)
class PolicyConfig:
    """The ``[policy]`` section, as plain values (``config.Policy`` mirrors it)."""

    follow_up_after_days: int = 7
    max_follow_ups: int = 2
    min_days_between_follow_ups: int = 14
    decision_grace_days: int = 2
    catch_up_days: int = 3
    timezone: str = "UTC"

    @classmethod
    def from_settings(cls, policy: object) -> PolicyConfig:
        """Build from ``config.Settings().policy`` without importing config."""
        names = (
            "follow_up_after_days",
            "max_follow_ups",
            "min_days_between_follow_ups",
            "decision_grace_days",
            "catch_up_days",
            "timezone",
        )
        return cls(**{name: getattr(policy, name) for name in names})


# --- events (what changed this cycle; see policy.plan) ----------------------------------


@dataclass(frozen=True)
class MessageRecorded:
    gmail_id: str


@dataclass(frozen=True)
class InterviewRecorded:
    application_id: int


@dataclass(frozen=True)
class Relabeled:
    gmail_id: str
    label: str


Event = MessageRecorded | InterviewRecorded | Relabeled


# --- actions (the policy's output) ------------------------------------------------------


@dataclass(frozen=True)
class CreateDraft:
    key: str
    application_id: int
    step: Step
    trigger: str  # replied-to gmail id, or "round-N"
    to_email: str
    to_name: str
    thread_id: str | None  # None: a new thread
    reply_to_gmail_id: str | None  # the message to answer (In-Reply-To/References)
    due: datetime
    interview_at: datetime | None = None  # the latest interview, for "thank you for ... on <date>"
    reason: str = ""  # one line for logs and --dry-run


@dataclass(frozen=True)
class RemoveDraft:
    """Remove a follow-up draft we made, if the user has not edited it (the shell checks)."""

    key: str
    application_id: int
    reason: str = ""


@dataclass(frozen=True)
class SetStage:
    application_id: int
    stage: Stage
    reason: str  # becomes closed_reason when stage is closed


@dataclass(frozen=True)
class FlagAttention:
    application_id: int
    thread_id: str
    gmail_id: str
    reason: str


Action = CreateDraft | RemoveDraft | SetStage | FlagAttention


# --- outlook (for status) ---------------------------------------------------------------


@dataclass(frozen=True)
class PlannedStep:
    """A draft the policy expects to make, made already, or cannot make (and why)."""

    step: Step
    due: datetime | None
    to_email: str | None
    blocked: str | None = None  # e.g. "no hiring manager known: run `treadgently track ...`"


@dataclass(frozen=True)
class Outlook:
    application_id: int
    company: str
    stage: Stage
    last_contact: datetime | None
    last_company_label: str | None  # what the company said last
    next_action: str | None = None  # "check_in to ana@corp.com", None when nothing is planned
    next_due: datetime | None = None
    upcoming: tuple[PlannedStep, ...] = ()  # the next follow-up round's steps
    waiting: tuple[DraftRecord, ...] = ()  # drafts in Gmail as we wrote them (or intents)
    edited: tuple[DraftRecord, ...] = ()  # drafts the user edited: left alone
    attention: tuple[AttentionFlag, ...] = ()  # threads that need the user
    notes: tuple[str, ...] = ()  # blocked steps, catch-up skips, limits reached
