"""The cast, the mail and the world of the end-to-end story tests.

One job seeker, Jordan Ellery, interviews at Acme Robotics.  Rita Chen, the
recruiter, confirms the interview with a calendar invite that names Sam
Patel, the hiring manager, as an attendee.  The story tests then let time
pass (``World.poll(at)`` runs the real engine as of a simulated time) and let
the company and the user act on the loopback Gmail sandbox, through the real
googleapiclient.

Every message here is built like real mail: a Message-ID, a Date, replies
that name their parent in In-Reply-To/References, so that Gmail's threading
rule (same subject after Re:, and a referenced Message-ID) files them where a
real mailbox would.
"""

from __future__ import annotations

import email
import email.policy
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid, parseaddr
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from treadgently.config import Settings, build_settings
from treadgently.gmail import Gmail
from treadgently.model import DraftRecord, MailboxState, Step
from treadgently.poll import CycleReport, run_cycle
from treadgently.sandbox import DraftView, MessageView, Sandbox
from treadgently.store import Store

ZONE_NAME = "America/New_York"
ZONE = ZoneInfo(ZONE_NAME)


@dataclass(frozen=True)
class Person:
    name: str
    email: str

    @property
    def address(self) -> str:
        return formataddr((self.name, self.email))

    @property
    def first_name(self) -> str:
        return self.name.split()[0]


USER = Person("Jordan Ellery", "jordan@example.com")
RECRUITER = Person("Rita Chen", "rita.chen@acme.example")
MANAGER = Person("Sam Patel", "sam.patel@acme.example")
COMPANY = "Acme Robotics"
ROLE = "Senior Data Engineer"

CONFIRMED_AT = datetime(2025, 11, 10, 11, 5, tzinfo=ZONE)  # the recruiter's invite arrives
INTERVIEW_AT = datetime(2025, 11, 18, 10, 0, tzinfo=ZONE)  # a Tuesday
INTERVIEW_DATE_TEXT = "Tuesday, November 18"
CONFIRMATION_SUBJECT = f"Interview confirmed: {ROLE} at {COMPANY}"

REFERENCES = (
    {
        "name": "Morgan Blake",
        "title": "Engineering Director, Lumen Data",
        "relationship": "my manager for three years",
        "email": "morgan.blake@lumen.example",
        "phone": "+1 555-0142",
    },
    {
        "name": "Priya Anand",
        "title": "Staff Engineer, Northwind Labs",
        "relationship": "a former teammate",
        "email": "priya.anand@northwind.example",
    },
)


def local_time(*parts: int) -> datetime:
    """A wall-clock time in the story's zone."""
    return datetime(*parts, tzinfo=ZONE)


def days_after(moment: datetime, days: float, hours: float = 0) -> datetime:
    return moment + timedelta(days=days, hours=hours)


# ---- mail ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Letter:
    """One message as it goes over the wire, with the facts a test refers to later."""

    raw: bytes
    message_id: str
    subject: str
    date: datetime
    sender: Person


def letter(
    sender: Person,
    to: Person,
    subject: str,
    body: str,
    *,
    date: datetime,
    parent: Letter | str | None = None,
    references: tuple[str, ...] = (),
    headers: Mapping[str, str] | None = None,
    calendar: str | None = None,
) -> Letter:
    """A plain-text message; ``parent`` (a Letter or a Message-ID) makes it a reply."""
    message = EmailMessage()
    message["From"] = sender.address
    message["To"] = to.address
    message["Subject"] = subject
    message["Date"] = format_datetime(date)
    message_id = make_msgid(domain=sender.email.rpartition("@")[2])
    message["Message-ID"] = message_id
    if parent is not None:
        parent_id = parent.message_id if isinstance(parent, Letter) else parent
        message["In-Reply-To"] = parent_id
        message["References"] = " ".join((*references, parent_id))
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    if calendar is not None:
        message.add_attachment(
            calendar.encode("utf-8"),
            maintype="text",
            subtype="calendar",
            filename="invite.ics",
            params={"method": "REQUEST"},
        )
    return Letter(message.as_bytes(), message_id, subject, date, sender)


def reply_to(
    parent: Letter,
    sender: Person,
    body: str,
    *,
    date: datetime,
    to: Person = USER,
    headers: Mapping[str, str] | None = None,
) -> Letter:
    subject = parent.subject if parent.subject.startswith("Re:") else f"Re: {parent.subject}"
    return letter(sender, to, subject, body, date=date, parent=parent, headers=headers)


def invite_ics(start: datetime, *, organizer: Person, attendees: tuple[Person, ...]) -> str:
    local = start.astimezone(ZONE)
    end = local + timedelta(hours=1)
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Acme Robotics//Recruiting//EN",
        "VERSION:2.0",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"UID:interview-{local:%Y%m%dT%H%M}@acme.example",
        f"DTSTAMP:{CONFIRMED_AT.astimezone(UTC):%Y%m%dT%H%M%SZ}",
        f"DTSTART;TZID={ZONE_NAME}:{local:%Y%m%dT%H%M%S}",
        f"DTEND;TZID={ZONE_NAME}:{end:%Y%m%dT%H%M%S}",
        f"SUMMARY:Interview: {ROLE} ({USER.name})",
        "LOCATION:Acme Robotics\\, 100 Harbor Way\\, Boston",
        f"ORGANIZER;CN={organizer.name}:mailto:{organizer.email}",
        *(
            f"ATTENDEE;CN={p.name};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:{p.email}"
            for p in attendees
        ),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"


def confirmation(start: datetime = INTERVIEW_AT, *, sent: datetime = CONFIRMED_AT) -> Letter:
    """Rita confirms the interview: prose plus an invite naming Sam as an attendee."""
    local = start.astimezone(ZONE)
    body = (
        f"Hi {USER.first_name},\n\n"
        f"Thank you for making time to meet the team. I'm happy to confirm your interview "
        f"for the {ROLE} role at {COMPANY} on {local:%A, %B} {local.day} at "
        f"{local:%I:%M %p} Eastern Time. You will meet {MANAGER.name}, the hiring manager "
        "for the data platform team.\n\n"
        "The calendar invitation is attached. Let me know if anything changes.\n\n"
        f"Best,\n{RECRUITER.name}\nTalent Acquisition, {COMPANY}\n"
    )
    calendar = invite_ics(start, organizer=RECRUITER, attendees=(USER, MANAGER))
    return letter(RECRUITER, USER, CONFIRMATION_SUBJECT, body, date=sent, calendar=calendar)


def thank_you_note(to: Person, *, date: datetime) -> Letter:
    """The user's own same-day thank-you, written in Gmail (not a draft of ours)."""
    body = (
        f"Hi {to.first_name},\n\nThank you for taking the time to talk with me today "
        f"about the {ROLE} role. I enjoyed our conversation.\n\nBest,\n{USER.name}\n"
    )
    return letter(USER, to, f"Thank you - {ROLE} interview", body, date=date)


SIGNATURE = f"\n\nBest regards,\n{RECRUITER.name}\nTalent Acquisition, {COMPANY}\n"

# What the recruiter writes back, one realistic message per label.
REPLY_BODIES: dict[str, str] = {
    "still_interviewing": (
        "Hi Jordan,\n\nThanks for checking in. The team is still interviewing a few "
        "more candidates for the role, and we have not made a decision yet. We expect to "
        "have an update for you by Friday, December 12."
    ),
    "references_requested": (
        "Hi Jordan,\n\nThe team enjoyed meeting you. As a next step, could you please "
        "send us the names and contact details of three professional references, "
        "ideally including a former manager?"
    ),
    "info_requested": (
        "Hi Jordan,\n\nThanks for your patience. Before the team meets to discuss, could "
        "you please send us a couple of work samples, such as a design document or a "
        "code sample you are proud of?"
    ),
    "next_round": (
        "Hi Jordan,\n\nGreat news: the team would like to invite you to the next round of "
        "interviews, a system design session with two of our senior engineers. Could you "
        "share your availability for next week?"
    ),
    "offer": (
        "Hi Jordan,\n\nI'm delighted to let you know that we would like to extend you an "
        f"offer for the {ROLE} position! I'll send the formal offer letter with the "
        "compensation details shortly. Congratulations!"
    ),
    "rejected": (
        "Hi Jordan,\n\nThank you for taking the time to interview with us. After careful "
        "consideration, we have decided to move forward with another candidate whose "
        "experience more closely matches our needs. We wish you the best in your search."
    ),
    "other": (
        "Hi Jordan,\n\nQuick note: our office is moving to 200 Harbor Way next month, so "
        "the address on your visitor badge will change. Nothing is needed from you."
    ),
}
AUTO_REPLY_HEADERS = {"Auto-Submitted": "auto-replied", "X-Autoreply": "yes"}


def company_reply(
    label: str, parent: Letter, *, date: datetime, sender: Person = RECRUITER
) -> Letter:
    """The company answers ``parent`` in its thread with a message of that label."""
    body = REPLY_BODIES[label] + SIGNATURE
    return reply_to(parent, sender, body, date=date)


def out_of_office(parent: Letter, sender: Person, *, back: str, date: datetime) -> Letter:
    body = (
        f"Thank you for your email. I am out of the office with limited access to email "
        f"and will be back on {back}. I will respond to your message when I return.\n\n"
        f"{sender.name}"
    )
    return letter(
        sender,
        USER,
        f"Automatic reply: {parent.subject}",
        body,
        date=date,
        parent=parent,
        headers=AUTO_REPLY_HEADERS,
    )


def autoresponder(parent: Letter, sender: Person, *, date: datetime) -> Letter:
    body = (
        "Thank you for your message. This is an automatic confirmation that it was "
        "received. I read email twice a day and will get back to you as soon as I can."
    )
    return letter(
        sender,
        USER,
        f"Automatic reply: {parent.subject}",
        body,
        date=date,
        parent=parent,
        headers=AUTO_REPLY_HEADERS,
    )


# ---- settings --------------------------------------------------------------------------


def settings_data(box: Sandbox, folder: Path, **overrides: Any) -> dict[str, Any]:
    """A complete config for the sandbox, as the TOML file would hold it."""
    data: dict[str, Any] = {
        "candidate": {"name": USER.name, "email": USER.email},
        "references": [dict(r) for r in REFERENCES],
        "gmail": {
            "api_endpoint": box.url,
            "token_uri": box.token_url,
            "token_file": str(folder / "token.json"),
            "client_secrets_file": str(folder / "client_secret.json"),
        },
        "storage": {"database": str(folder / "state.db")},
        "policy": {"timezone": ZONE_NAME},
    }
    for section, values in overrides.items():
        if isinstance(values, Mapping):
            data[section] = {**data.get(section, {}), **values}
        else:
            data[section] = values
    return data


def make_settings(box: Sandbox, folder: Path, **overrides: Any) -> Settings:
    return build_settings(settings_data(box, folder, **overrides), "story")


# ---- the world -------------------------------------------------------------------------


@dataclass
class World:
    """The sandbox, the config and the adapter, with a simulated clock shared by both."""

    box: Sandbox
    settings: Settings
    gmail: Gmail
    folder: Path
    clock: list[datetime] = field(default_factory=lambda: [CONFIRMED_AT])
    reports: list[CycleReport] = field(default_factory=list)
    user_sent: list[str] = field(default_factory=list)  # Gmail ids the user sent

    @property
    def database(self) -> Path:
        return Path(self.settings.storage.database)

    def poll(self, at: datetime, *, dry_run: bool = False) -> CycleReport:
        """One real poll cycle as of ``at``."""
        self.clock[0] = at
        report = run_cycle(self.settings, now=at, dry_run=dry_run, gmail=self.gmail)
        self.reports.append(report)
        return report

    def deliver(self, mail: Letter, *, labels: tuple[str, ...] = ("INBOX", "UNREAD")) -> str:
        """Mail arrives at the time its Date header says."""
        return self.box.deliver(mail.raw, labels=labels, internal_date=mail.date)

    def user_sends(self, mail: Letter) -> str:
        """The user writes and sends a message from Gmail itself."""
        sent = self.box.send_as_user(mail.raw, internal_date=mail.date)
        self.user_sent.append(sent)
        return sent

    # -- the user, in Gmail --

    def user_sends_draft(self, view: DraftView, at: datetime) -> Letter:
        """The user presses Send on a draft at ``at``; the sent message, as a Letter."""
        self.clock[0] = at
        sent = self.box.message(self.box.user_sends_draft(view.id))
        self.user_sent.append(sent.id)
        return as_letter(sent, USER, at)

    def user_edits_draft(self, view: DraftView, text: str, at: datetime) -> str:
        """The user rewrites a draft's body in Gmail (a new message id, same draft)."""
        self.clock[0] = at
        message = email.message_from_bytes(view.message.raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        message.set_content(text)
        return self.box.user_edits_draft(view.id, message.as_bytes())

    def user_deletes_draft(self, view: DraftView) -> None:
        self.box.user_deletes_draft(view.id)

    # -- reading the outcome --

    def thread_of(self, mail: Letter) -> str:
        """The Gmail thread a delivered or sent message landed in."""
        found = [m for m in self.box.messages() if m.header("Message-ID") == mail.message_id]
        assert len(found) == 1, f"{mail.subject!r} is not in the mailbox once"
        return found[0].thread_id

    def records(self) -> list[DraftRecord]:
        with Store.open(self.database) as store:
            return store.drafts()

    def record(self, step: Step) -> DraftRecord:
        found = [r for r in self.records() if r.step is step]
        assert len(found) == 1, f"expected one {step} record, found {found}"
        return found[0]

    def state(self) -> MailboxState:
        with Store.open(self.database) as store:
            return store.load_state()

    def drafts(self) -> list[DraftView]:
        return self.box.drafts()

    def draft(self, step: Step) -> DraftView:
        """The Gmail draft we made for ``step`` (exactly one must exist)."""
        record = self.record(step)
        found = [d for d in self.drafts() if d.id == record.gmail_draft_id]
        assert len(found) == 1, f"{step}: draft {record.gmail_draft_id} is not in Gmail"
        return found[0]

    def drafts_to(self, person: Person) -> list[DraftView]:
        return [d for d in self.drafts() if person.email in d.message.header("To")]

    def sent_by_us(self) -> list[MessageView]:
        """Messages labelled SENT that the user did not send: must always be empty."""
        return [
            m for m in self.box.messages() if "SENT" in m.label_ids and m.id not in self.user_sent
        ]


def as_letter(view: MessageView, sender: Person, date: datetime) -> Letter:
    return Letter(view.raw, view.header("Message-ID"), view.subject, date, sender)


def body_of(view: MessageView | DraftView) -> str:
    """The decoded text/plain body of a message in the sandbox."""
    message = view.message if isinstance(view, DraftView) else view
    parsed = email.message_from_bytes(message.raw, policy=email.policy.default)
    part = parsed.get_body(preferencelist=("plain",))
    assert part is not None, "no text/plain part"
    return part.get_content()


def addressed(view: MessageView | DraftView, header: str = "To") -> tuple[str, str]:
    """(display name, address) of a header, however it was quoted."""
    message = view.message if isinstance(view, DraftView) else view
    name, address = parseaddr(message.header(header))
    return name, address.lower()


def state_dump(database: Path) -> list[str]:
    """The logical content of the state database (for "nothing changed" checks)."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@contextmanager
def open_world(folder: Path, **overrides: Any) -> Iterator[World]:
    clock = [CONFIRMED_AT]
    with Sandbox(user_email=USER.email, clock=lambda: clock[0]) as box:
        settings = make_settings(box, folder, **overrides)
        gmail = Gmail.for_endpoint(box.url, label_threads=settings.gmail.label_threads)
        try:
            yield World(box, settings, gmail, folder, clock=clock)
        finally:
            gmail.close()


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    """A fresh sandbox mailbox and state for one story (test modules re-export it)."""
    with open_world(tmp_path) as opened:
        yield opened
