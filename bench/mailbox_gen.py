"""A seeded generator of realistic synthetic mailboxes for the quota and scale benchmarks.

A job seeker's mailbox is mostly mail that has nothing to do with the job search:
newsletters, notifications, personal mail, receipts, job-board alerts.  A few of
those mention an interview anyway (a friend asking how it went, a job board's
interview tips, a dentist's calendar invite), because the benchmarks must pay for
the lookalikes a real mailbox holds.  Among them sit N applications, each with an
interview confirmation (prose, or a calendar invitation with an ICS part), the
user's own sent mail (acknowledgements, thank-you notes, answers), and company
replies of every kind, in threads.

Everything is invented: companies and people live under ``*.example`` domains.
The same seed always gives the same bytes, so request counts are reproducible.

    mailbox = generate_mailbox(total=1000, relevant=30, seed=7)
    with Sandbox(user_email=mailbox.own_email) as box:
        threads = deliver_all(box, mailbox)

Run it to print a summary: ``python bench/mailbox_gen.py [--total N] [--relevant N]``.
"""

from __future__ import annotations

import argparse
import math
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Protocol
from zoneinfo import ZoneInfo

OWN_NAME = "Jordan Ellery"
OWN_EMAIL = "jordan.ellery@example.com"
DEFAULT_NOW = datetime(2025, 6, 2, 15, 0, tzinfo=UTC)
CRLF = "\r\n"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    "Priya Sam Ana Deepak Lisa Marcus Elena Tomas Grace Hiro Nadia Owen Fatima Lucas "
    "Ingrid Rafael Mei Jonas Chloe Andre Sofia Kwame Hannah Diego Yara Felix Leila Noah "
    "Aisha Pavel"
)
LAST_NAMES = _words(
    "Raman Kowalczyk Ruiz Menon Hartman Bell Petrova Novak Okafor Tanaka Haddad Price "
    "Begum Lindqvist Moreau Chen Fischer Dubois Silva Mensah Weber Alvarez Sato Nowak "
    "Abbott Keller"
)
COMPANY_FIRST = _words(
    "North Blue Cedar Lumen Quarry Harbor Tidal Ember Silver Orchard Granite Vector Maple "
    "Copper Atlas Willow Summit Beacon Falcon Juniper Kestrel Meridian Saffron Pinecrest "
    "Halcyon"
)
COMPANY_SECOND = _words(
    "Labs Works Analytics Systems Health Robotics Logistics Foods Energy Software Studio "
    "Bio Freight Mobility Capital Cloud Data Metrics"
)
ROLES = (
    "Senior Data Engineer",
    "Backend Engineer",
    "Product Analyst",
    "Platform Engineer",
    "Machine Learning Engineer",
    "Engineering Manager",
    "Site Reliability Engineer",
    "Analytics Engineer",
)
ZONES = (
    ("America/New_York", "Eastern Time"),
    ("America/Chicago", "Central Time"),
    ("America/Los_Angeles", "Pacific Time"),
    ("Europe/London", "London time"),
    ("Europe/Berlin", "Berlin time"),
)
FREE_MAIL = ("mailbox.example", "postbox.example")
NEWSLETTERS = (
    ("The Weekly Byte", "news@weeklybyte.example"),
    ("Garden Notes", "hello@gardennotes.example"),
    ("Runner's Digest", "digest@runnersdigest.example"),
    ("City Events", "events@cityguide.example"),
    ("Cooking Club", "recipes@cookingclub.example"),
    ("Market Brief", "brief@marketbrief.example"),
)
SERVICES = (
    ("Codehost", "noreply@codehost.example"),
    ("Harbor Bank", "alerts@harborbank.example"),
    ("CloudDrive", "no-reply@clouddrive.example"),
    ("Parcel Tracker", "updates@parceltrack.example"),
    ("Fitness App", "no-reply@fitapp.example"),
)
SHOPS = (
    ("Bookshelf", "orders@bookshelf.example"),
    ("Kitchenware Co", "receipts@kitchenware.example"),
    ("Rail Tickets", "tickets@railways.example"),
    ("Grocer", "orders@grocer.example"),
)
JOB_BOARDS = (
    ("JobFinder", "alerts@jobfinder.example"),
    ("TechCareers", "jobs@techcareers.example"),
)
FILLER = (
    "Here is a short look at what happened this week, with a few links worth your time.",
    "We have rounded up the most read stories and a couple of new features.",
    "Thanks for being part of the community; the next issue arrives on Thursday.",
    "Read the full story on our website, and reply to tell us what you think.",
    "This issue is a little longer than usual, so grab a coffee before you start.",
    "You are receiving this because you signed up on our website.",
)

# Unrelated mail kinds and their share of the unrelated messages.
UNRELATED_MIX = (
    ("newsletter", 0.33),
    ("notification", 0.25),
    ("personal", 0.17),
    ("receipt", 0.15),
    ("job_alert", 0.10),
)
# How often an unrelated message looks like a candidate to a search (a realistic nuisance).
LOOKALIKE_RATE = 0.02


@dataclass(frozen=True)
class Person:
    name: str
    email: str

    @property
    def first(self) -> str:
        return self.name.split()[0]

    def header(self) -> str:
        return f"{self.name} <{self.email}>"


@dataclass(frozen=True)
class Application:
    company: str
    domain: str
    role: str
    recruiter: Person
    manager: Person
    interview_at: datetime  # aware, in the company's zone
    zone_words: str
    with_ics: bool


@dataclass(frozen=True)
class SyntheticMessage:
    """One message to deliver; ``thread`` groups a conversation, ``application`` marks relevance."""

    raw: bytes
    received: datetime
    labels: tuple[str, ...]
    thread: str
    kind: str
    message_id: str
    subject: str
    text: str  # the visible text, for the quoted history of a reply
    application: str | None = None  # the company domain when the message belongs to one

    @property
    def relevant(self) -> bool:
        return self.application is not None


@dataclass
class Mailbox:
    own: Person
    now: datetime
    applications: list[Application]
    messages: list[SyntheticMessage] = field(default_factory=list)

    @property
    def own_email(self) -> str:
        return self.own.email

    @property
    def relevant_count(self) -> int:
        return sum(1 for m in self.messages if m.relevant)

    @property
    def unrelated_count(self) -> int:
        return len(self.messages) - self.relevant_count

    def kinds(self) -> Counter[str]:
        return Counter(m.kind for m in self.messages)

    def confirmation_of(self, application: Application) -> SyntheticMessage:
        return next(
            m
            for m in self.messages
            if m.application == application.domain and m.kind == "confirmation"
        )


class DeliveryTarget(Protocol):
    """What ``deliver_all`` needs of a ``Sandbox``."""

    def deliver(
        self,
        raw: bytes,
        *,
        labels: Iterable[str] = ...,
        internal_date: datetime | None = ...,
        thread_id: str | None = ...,
    ) -> str: ...

    def message(self, message_id: str) -> object: ...


# ---- the public entry points ---------------------------------------------------------


def generate_mailbox(
    *,
    total: int = 1000,
    relevant: int = 30,
    applications: int | None = None,
    days: int = 60,
    seed: int = 0,
    now: datetime = DEFAULT_NOW,
    own: Person = Person(OWN_NAME, OWN_EMAIL),
) -> Mailbox:
    """``total`` messages over the last ``days``, ``relevant`` of them in ``applications``."""
    applications = applications or max(1, math.ceil(relevant / 5))
    if relevant < applications:
        raise ValueError("every application needs at least its confirmation")
    if relevant > total:
        raise ValueError("more relevant messages than messages")
    writer = _Writer(random.Random(seed), own, now, days)
    apps = writer.applications(applications)
    mailbox = Mailbox(own=own, now=now, applications=apps)
    shares = _spread(relevant, applications)
    for app, count in zip(apps, shares, strict=True):
        mailbox.messages.extend(writer.application_story(app, count))
    mailbox.messages.extend(writer.unrelated(total - relevant))
    mailbox.messages.sort(key=lambda m: (m.received, m.message_id))
    return mailbox


def deliver_all(box: DeliveryTarget, mailbox: Mailbox) -> dict[str, str]:
    """Deliver every message in time order; returns generator thread -> Gmail thread id."""
    threads: dict[str, str] = {}
    for message in mailbox.messages:
        deliver_one(box, message, threads)
    return threads


def deliver_one(box: DeliveryTarget, message: SyntheticMessage, threads: dict[str, str]) -> str:
    gmail_id = box.deliver(
        message.raw,
        labels=message.labels,
        internal_date=message.received,
        thread_id=threads.get(message.thread),
    )
    if message.thread not in threads:
        threads[message.thread] = box.message(gmail_id).thread_id  # type: ignore[attr-defined]
    return gmail_id


def recruiter_reply(
    mailbox: Mailbox, application: Application, received: datetime, *, seed: int = 0
) -> SyntheticMessage:
    """A new answer from the recruiter in the confirmation's thread (benchmark (c))."""
    writer = _Writer(random.Random(seed), mailbox.own, mailbox.now, 60)
    parent = mailbox.confirmation_of(application)
    return writer.company_reply(application, parent, received, "still_interviewing")


# ---- writing the messages -----------------------------------------------------------


def _spread(count: int, buckets: int) -> list[int]:
    base, extra = divmod(count, buckets)
    return [base + (1 if index < extra else 0) for index in range(buckets)]


class _Writer:
    def __init__(self, rng: random.Random, own: Person, now: datetime, days: int) -> None:
        self.rng = rng
        self.own = own
        self.now = now
        self.start = now - timedelta(days=days)
        self.serial = 0

    # -- building blocks

    def next_id(self, domain: str) -> str:
        self.serial += 1
        return f"<{self.rng.getrandbits(64):016x}.{self.serial}@{domain}>"

    def person(self, domain: str) -> Person:
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        return Person(f"{first} {last}", f"{first}.{last}@{domain}".lower())

    def moment(self, low: datetime, high: datetime) -> datetime:
        span = max(1, int((high - low).total_seconds()))
        return low + timedelta(seconds=self.rng.randrange(span))

    def clamp(self, moment: datetime) -> datetime:
        return min(moment, self.now - timedelta(minutes=5))

    def message(
        self,
        *,
        sender: Person,
        to: Person,
        subject: str,
        body: str,
        received: datetime,
        thread: str,
        kind: str,
        labels: tuple[str, ...] = ("INBOX",),
        application: str | None = None,
        extra_headers: Iterable[tuple[str, str]] = (),
        html: str | None = None,
        calendar: str | None = None,
        reply_to: SyntheticMessage | None = None,
        domain: str | None = None,
    ) -> SyntheticMessage:
        message_id = self.next_id(domain or sender.email.split("@")[1])
        headers = [
            ("From", sender.header()),
            ("To", to.header()),
            ("Subject", subject),
            ("Date", format_datetime(received)),
            ("Message-ID", message_id),
            ("MIME-Version", "1.0"),
        ]
        if reply_to is not None:
            headers += [("In-Reply-To", reply_to.message_id), ("References", reply_to.message_id)]
        headers += list(extra_headers)
        raw = _mime(headers, body, html, calendar, self.rng)
        return SyntheticMessage(
            raw=raw.encode("utf-8"),
            received=received.astimezone(UTC),
            labels=labels,
            thread=thread,
            kind=kind,
            message_id=message_id,
            subject=subject,
            text=body,
            application=application,
        )

    # -- applications

    def applications(self, count: int) -> list[Application]:
        names = [f"{a} {b}" for a in COMPANY_FIRST for b in COMPANY_SECOND]
        if count > len(names):
            raise ValueError(f"at most {len(names)} applications")
        apps = []
        for company in self.rng.sample(names, count):
            domain = company.lower().replace(" ", "") + ".example"
            zone, words = self.rng.choice(ZONES)
            # Interviews 1..7 weeks ago, so a five-message story (the confirmation a few days
            # before, then thanks, a reply, an answer) ends before now.
            confirmed = self.moment(self.start + timedelta(days=5), self.now - timedelta(days=16))
            local_day = (confirmed + timedelta(days=self.rng.randint(2, 8))).astimezone(
                ZoneInfo(zone)
            )
            if local_day.weekday() >= 5:  # interviews happen on working days
                local_day += timedelta(days=7 - local_day.weekday())
            interview_at = local_day.replace(
                hour=self.rng.choice((9, 10, 11, 13, 14, 15, 16)),
                minute=self.rng.choice((0, 30)),
                second=0,
                microsecond=0,
            )
            apps.append(
                Application(
                    company=company,
                    domain=domain,
                    role=self.rng.choice(ROLES),
                    recruiter=self.person(domain),
                    manager=self.person(domain),
                    interview_at=interview_at,
                    zone_words=words,
                    with_ics=self.rng.random() < 0.5,
                )
            )
        return apps

    def application_story(self, app: Application, count: int) -> list[SyntheticMessage]:
        """The confirmation first, then the user's and the company's mail, in a plausible order."""
        confirmed_at = app.interview_at - timedelta(days=self.rng.randint(2, 6), hours=3)
        confirmation = self.confirmation(app, confirmed_at)
        story = [confirmation]
        after = app.interview_at + timedelta(hours=20)

        def latest_in_thread() -> SyntheticMessage:
            return next(m for m in reversed(story) if m.thread == confirmation.thread)

        steps = [
            lambda when: self.sent_ack(app, confirmation, confirmed_at + timedelta(hours=2)),
            lambda when: self.thank_you(app, when),
            lambda when: self.company_reply(app, latest_in_thread(), when, self.reply_kind()),
            lambda when: self.sent_answer(app, latest_in_thread(), when),
        ]
        for index in range(count - 1):  # then replies and answers alternate
            step = steps[index] if index < 2 else steps[2 + index % 2]
            story.append(step(self.clamp(after)))
            after += timedelta(hours=self.rng.randint(20, 70))
        return story

    def reply_kind(self) -> str:
        return self.rng.choice(tuple(REPLIES))

    def confirmation(self, app: Application, received: datetime) -> SyntheticMessage:
        when = app.interview_at
        day = f"{when:%A}, {when:%B} {when.day}, {when:%Y}"
        clock = f"{when:%I:%M %p}".lstrip("0")
        thread = f"app:{app.domain}:confirmation"
        if app.with_ics:
            subject = (
                f"Invitation: {app.company} interview - {app.role} ({self.own.name}) "
                f"@ {when:%a %b} {when.day}, {when:%Y} {clock} ({app.zone_words})"
            )
            body = (
                f"{app.company} interview - {app.role}\n{day} {clock} {app.zone_words}\n\n"
                f"Hi {self.own.first}, looking forward to our conversation. You will meet "
                f"{app.manager.name}, who leads the team.\n\nOrganizer\n{app.recruiter.name}\n"
                f"{app.recruiter.email}\n\nInvitation from Calendar\nYou are receiving this "
                "email because you are an attendee on the event."
            )
            return self.message(
                sender=app.recruiter,
                to=self.own,
                subject=subject,
                body=body,
                calendar=_ics(app, self.own, received, self.next_id(app.domain)),
                received=received,
                thread=thread,
                kind="confirmation",
                application=app.domain,
            )
        subject = self.rng.choice(
            (
                f"Interview confirmation: {app.role} at {app.company}",
                f"Confirmed: your interview with {app.company}",
                f"{app.company} - interview on {when:%B} {when.day}",
            )
        )
        body = (
            f"Hi {self.own.first},\n\nThank you for making time for us. This email confirms "
            f"your interview for the {app.role} role on {day} at {clock} {app.zone_words}. "
            f"You will meet {app.manager.name}, our {app.role.split()[-1]} lead, by video "
            "call; the link follows in a separate invitation.\n\nIf anything changes, just "
            f"reply to this email.\n\nBest regards,\n{app.recruiter.name}\nTalent Acquisition, "
            f"{app.company}"
        )
        return self.message(
            sender=app.recruiter,
            to=self.own,
            subject=subject,
            body=body,
            received=received,
            thread=thread,
            kind="confirmation",
            application=app.domain,
        )

    def sent_ack(
        self, app: Application, parent: SyntheticMessage, received: datetime
    ) -> SyntheticMessage:
        body = (
            f"Hi {app.recruiter.first},\n\nThank you, the time works well for me. "
            f"I look forward to speaking with {app.manager.first}.\n\nBest,\n{self.own.name}"
            + _quote(parent, app.recruiter)
        )
        return self.message(
            sender=self.own,
            to=app.recruiter,
            subject=_re(parent.subject),
            body=body,
            received=received,
            thread=parent.thread,
            kind="sent",
            labels=("SENT",),
            application=app.domain,
            reply_to=parent,
        )

    def thank_you(self, app: Application, received: datetime) -> SyntheticMessage:
        body = (
            f"Dear {app.manager.first},\n\nThank you for taking the time to talk with me "
            f"about the {app.role} role. I enjoyed hearing how the team works, and it made "
            f"me even more excited about {app.company}.\n\nKind regards,\n{self.own.name}"
        )
        return self.message(
            sender=self.own,
            to=app.manager,
            subject=f"Thank you - {app.role}",
            body=body,
            received=received,
            thread=f"app:{app.domain}:thanks",
            kind="sent",
            labels=("SENT",),
            application=app.domain,
        )

    def company_reply(
        self, app: Application, parent: SyntheticMessage, received: datetime, kind: str
    ) -> SyntheticMessage:
        body, extra = REPLIES[kind]
        decide = received + timedelta(days=self.rng.randint(5, 12))
        text = body.format(
            first=self.own.first,
            role=app.role,
            company=app.company,
            date=f"{decide:%A}, {decide:%B} {decide.day}",
            signer=app.recruiter.name,
        )
        return self.message(
            sender=app.recruiter,
            to=self.own,
            subject=_re(parent.subject),
            body=text + _quote(parent, self.own),
            received=received,
            thread=parent.thread,
            kind=f"reply:{kind}",
            application=app.domain,
            reply_to=parent,
            extra_headers=extra,
        )

    def sent_answer(
        self, app: Application, parent: SyntheticMessage, received: datetime
    ) -> SyntheticMessage:
        body = (
            f"Hi {app.recruiter.first},\n\nThanks for the update, I appreciate it. "
            f"Please let me know if there is anything else you need from me.\n\n"
            f"Best,\n{self.own.name}" + _quote(parent, app.recruiter)
        )
        return self.message(
            sender=self.own,
            to=app.recruiter,
            subject=_re(parent.subject),
            body=body,
            received=received,
            thread=parent.thread,
            kind="sent",
            labels=("SENT",),
            application=app.domain,
            reply_to=parent,
        )

    # -- unrelated mail

    def unrelated(self, count: int) -> list[SyntheticMessage]:
        kinds = [kind for kind, _ in UNRELATED_MIX]
        weights = [share for _, share in UNRELATED_MIX]
        messages: list[SyntheticMessage] = []
        for _ in range(count):
            kind = self.rng.choices(kinds, weights)[0]
            when = self.moment(self.start + timedelta(minutes=5), self.now - timedelta(minutes=5))
            lookalike = self.rng.random() < LOOKALIKE_RATE
            messages.append(getattr(self, kind)(when, lookalike))
        return messages

    def newsletter(self, when: datetime, lookalike: bool) -> SyntheticMessage:
        name, address = self.rng.choice(NEWSLETTERS)
        topic = "an interview with our founder" if lookalike else "this week's picks"
        subject = f"{name}: {topic}"
        paragraphs = self.rng.sample(FILLER, 4)
        body = f"{name}\n\n" + "\n\n".join(paragraphs) + "\n\nUnsubscribe: https://example.com/u"
        html = "".join(f"<p>{p}</p>" for p in paragraphs)
        domain = address.split("@")[1]
        return self.message(
            sender=Person(name, address),
            to=self.own,
            subject=subject,
            body=body,
            html=f"<html><body><h1>{name}</h1>{html}</body></html>",
            received=when,
            thread=f"news:{self.serial}",
            kind="newsletter",
            extra_headers=(
                ("List-Id", f"<{name.lower().replace(' ', '-')}.{domain}>"),
                ("List-Unsubscribe", f"<https://{domain}/unsubscribe>"),
                ("Precedence", "bulk"),
            ),
        )

    def notification(self, when: datetime, lookalike: bool) -> SyntheticMessage:
        if lookalike:  # a dentist's calendar invite: an ICS file that is no interview
            clinic = Person("Smile Dental", "appointments@smiledental.example")
            visit = (when + timedelta(days=9)).replace(hour=8, minute=30, second=0, microsecond=0)
            return self.message(
                sender=clinic,
                to=self.own,
                subject=f"Appointment reminder: {visit:%B} {visit.day}",
                body="Your check-up is booked. Reply C to confirm.",
                calendar=_event_ics(
                    "Dental check-up", visit, clinic, self.own, self.next_id("smiledental.example")
                ),
                received=when,
                thread=f"note:{self.serial}",
                kind="notification",
                extra_headers=(("Auto-Submitted", "auto-generated"),),
            )
        name, address = self.rng.choice(SERVICES)
        event = self.rng.choice(
            (
                "New sign-in to your account",
                "Your weekly summary is ready",
                "A file was shared with you",
                "Your statement is available",
                "Your parcel is out for delivery",
            )
        )
        body = (
            f"{event}.\n\nIf this was you, there is nothing to do. Otherwise open the app "
            "and review your settings.\n\nThis is an automated message; please do not reply."
        )
        return self.message(
            sender=Person(name, address),
            to=self.own,
            subject=event,
            body=body,
            received=when,
            thread=f"note:{self.serial}",
            kind="notification",
            extra_headers=(("Auto-Submitted", "auto-generated"),),
        )

    def personal(self, when: datetime, lookalike: bool) -> SyntheticMessage:
        friend = self.person(self.rng.choice(FREE_MAIL))
        if lookalike:
            subject, body = "how did it go?", "Hey! How did the interview go? Call me later."
        else:
            subject, body = self.rng.choice(
                (
                    (
                        "dinner on Saturday?",
                        "Are you free on Saturday? We could try the new place.",
                    ),
                    ("photos from the trip", "Here are the photos, the lake one is my favourite."),
                    ("book recommendation", "Finished the book you lent me, loved the ending."),
                    ("running this week", "Tuesday evening run? Same route as last time."),
                )
            )
        sent = self.rng.random() < 0.25
        return self.message(
            sender=self.own if sent else friend,
            to=friend if sent else self.own,
            subject=subject,
            body=f"{body}\n\n{self.own.first if not sent else friend.first}",
            received=when,
            thread=f"personal:{self.serial}",
            kind="personal",
            labels=("SENT",) if sent else ("INBOX",),
        )

    def receipt(self, when: datetime, lookalike: bool) -> SyntheticMessage:
        name, address = self.rng.choice(SHOPS)
        order = self.rng.randrange(100000, 999999)
        amount = self.rng.randrange(500, 20000) / 100
        return self.message(
            sender=Person(name, address),
            to=self.own,
            subject=f"Your {name} order #{order}",
            body=(
                f"Thank you for your order #{order}.\n\nTotal: ${amount:.2f}\n\n"
                "We will let you know when it ships."
            ),
            html=f"<html><body><p>Order #{order}</p><p>Total ${amount:.2f}</p></body></html>",
            received=when,
            thread=f"receipt:{self.serial}",
            kind="receipt",
        )

    def job_alert(self, when: datetime, lookalike: bool) -> SyntheticMessage:
        name, address = self.rng.choice(JOB_BOARDS)
        roles = self.rng.sample(ROLES, 3)
        tips = "\n\nFive interview tips from recruiters inside." if lookalike else ""
        return self.message(
            sender=Person(name, address),
            to=self.own,
            subject=f"{len(roles)} new jobs for you: {roles[0]} and more",
            body="New jobs matching your search:\n" + "\n".join(f"- {r}" for r in roles) + tips,
            received=when,
            thread=f"alert:{self.serial}",
            kind="job_alert",
            extra_headers=(("List-Unsubscribe", f"<https://{address.split('@')[1]}/u>"),),
        )


# Company replies: body template and extra headers, by the label a reader would give them.
REPLIES: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "still_interviewing": (
        "Hi {first},\n\nThank you for your patience. The team is still meeting candidates "
        "for the {role} role, and we expect to make a decision by {date}. I will be in touch "
        "as soon as I hear more.\n\nBest,\n{signer}",
        (),
    ),
    "next_round": (
        "Hi {first},\n\nGreat news: the team enjoyed speaking with you and would like to "
        "invite you to the final round for the {role} role. Could you share your "
        "availability for next week?\n\nBest,\n{signer}",
        (),
    ),
    "info_requested": (
        "Hi {first},\n\nThanks again for your time. Before we move on, could you send us a "
        "couple of work samples that show how you approach problems like the ones we "
        "discussed?\n\nThanks,\n{signer}",
        (),
    ),
    "references_requested": (
        "Hi {first},\n\nWe are moving ahead with your candidacy for the {role} role. Could "
        "you please send the names and contact details of two professional references?"
        "\n\nThank you,\n{signer}",
        (),
    ),
    "rejected": (
        "Hi {first},\n\nThank you for your interest in {company}. After careful "
        "consideration, we have decided to move forward with other candidates for the "
        "{role} role. We wish you the best in your search.\n\nKind regards,\n{signer}",
        (),
    ),
    "offer": (
        "Hi {first},\n\nI am delighted to let you know that we would like to offer you the "
        "{role} position at {company}. I will send the formal offer letter tomorrow; let "
        "me know a good time to talk it through.\n\nWarmly,\n{signer}",
        (),
    ),
    "auto_reply": (
        "Thank you for your email. I am out of the office until {date} with limited access "
        "to email. I will respond when I am back.\n\n{signer}",
        (("Auto-Submitted", "auto-replied"), ("X-Autoreply", "yes")),
    ),
}


def _re(subject: str) -> str:
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"


def _quote(parent: SyntheticMessage, author: Person) -> str:
    first_lines = [line for line in parent.text.splitlines() if line][:4]
    quoted = "\n".join(f"> {line}" for line in first_lines)
    return f"\n\nOn {format_datetime(parent.received)}, {author.name} wrote:\n{quoted}"


def _mime(
    headers: list[tuple[str, str]],
    body: str,
    html: str | None,
    calendar: str | None,
    rng: random.Random,
) -> str:
    """MIME text by hand (quick for 10,000 messages): plain, or multipart with HTML/ICS."""
    head = CRLF.join(f"{name}: {value}" for name, value in headers)
    text_part = 'Content-Type: text/plain; charset="utf-8"' + CRLF * 2 + _crlf(body)
    if html is None and calendar is None:
        return head + CRLF + text_part + CRLF
    boundary = f"=_{rng.getrandbits(48):012x}"
    parts = [text_part]
    if html is not None:
        parts.append('Content-Type: text/html; charset="utf-8"' + CRLF * 2 + _crlf(html))
    if calendar is not None:
        parts.append(
            'Content-Type: text/calendar; charset="utf-8"; method=REQUEST'
            + CRLF
            + 'Content-Disposition: attachment; filename="invite.ics"'
            + CRLF * 2
            + _crlf(calendar)
        )
    kind = "mixed" if calendar is not None else "alternative"
    joined = "".join(f"--{boundary}{CRLF}{part}{CRLF}" for part in parts)
    return (
        head
        + CRLF
        + f'Content-Type: multipart/{kind}; boundary="{boundary}"'
        + CRLF * 2
        + joined
        + f"--{boundary}--"
        + CRLF
    )


def _crlf(text: str) -> str:
    return CRLF.join(text.splitlines())


def _ics(app: Application, own: Person, stamp: datetime, uid: str) -> str:
    start = app.interview_at
    end = start + timedelta(minutes=45)
    zone = start.tzinfo.key if isinstance(start.tzinfo, ZoneInfo) else "UTC"
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Example Calendar//EN",
        "VERSION:2.0",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"DTSTART;TZID={zone}:{start:%Y%m%dT%H%M%S}",
        f"DTEND;TZID={zone}:{end:%Y%m%dT%H%M%S}",
        f"DTSTAMP:{stamp.astimezone(UTC):%Y%m%dT%H%M%SZ}",
        f'ORGANIZER;CN="{app.recruiter.name}":mailto:{app.recruiter.email}',
        f"UID:{uid.strip('<>')}",
        f'ATTENDEE;CN="{app.recruiter.name}";PARTSTAT=ACCEPTED:mailto:{app.recruiter.email}',
        f'ATTENDEE;CN="{app.manager.name}";PARTSTAT=ACCEPTED:mailto:{app.manager.email}',
        f'ATTENDEE;CN="{own.name}";PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{own.email}',
        f"SUMMARY:{app.company} interview - {app.role}",
        "STATUS:CONFIRMED",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\n".join(lines)


def _event_ics(summary: str, start: datetime, organizer: Person, own: Person, uid: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Example Clinic//EN",
        "VERSION:2.0",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"DTSTART:{start.astimezone(UTC):%Y%m%dT%H%M%SZ}",
        f"DTEND:{(start + timedelta(minutes=30)).astimezone(UTC):%Y%m%dT%H%M%SZ}",
        f"DTSTAMP:{start.astimezone(UTC):%Y%m%dT%H%M%SZ}",
        f'ORGANIZER;CN="{organizer.name}":mailto:{organizer.email}',
        f"UID:{uid.strip('<>')}",
        f'ATTENDEE;CN="{own.name}":mailto:{own.email}',
        f"SUMMARY:{summary}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--total", type=int, default=1000)
    parser.add_argument("--relevant", type=int, default=30)
    parser.add_argument("--applications", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    mailbox = generate_mailbox(
        total=args.total, relevant=args.relevant, applications=args.applications, seed=args.seed
    )
    size = sum(len(m.raw) for m in mailbox.messages)
    print(
        f"{len(mailbox.messages)} messages ({size / 1e6:.1f} MB), "
        f"{mailbox.relevant_count} relevant in {len(mailbox.applications)} applications"
    )
    for kind, count in sorted(mailbox.kinds().items()):
        print(f"  {kind:28} {count:6d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
