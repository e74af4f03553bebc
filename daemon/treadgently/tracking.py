"""Which application a message belongs to, and what a confirmation changes.

This is the bridge between understanding mail (parse, classify, confirm) and
the stored state.  It decides *where* a message belongs and writes the facts;
it never decides what to draft (that is the policy's job).

Matching rules (issue 5, "Where applications come from"):
- an application is identified by the company's own mail domain; free-mail,
  applicant-tracking, scheduling and staffing domains never are one
  (``domains.company_domain``);
- a message belongs to an application when it is in one of its threads, or
  comes from (or, for the user's own mail, goes to) one of its contacts or
  company domains;
- an interview confirmation creates an application or adds a round to one.
  A confirmation that arrives before the known interview has taken place and
  names another time *moves* that interview (a reschedule); one that arrives
  after it adds a round.  Its sender or organizer is the recruiter; another
  attendee who is neither the candidate nor the recruiter is the hiring manager.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from treadgently.classify import Classification
from treadgently.confirm import InterviewConfirmation
from treadgently.domains import company_domain, domain_kind, domain_of, is_no_reply, same_company
from treadgently.job_title import job_title
from treadgently.mail import Address, ParsedMail
from treadgently.model import Direction, MessageRecord, Role
from treadgently.quotes import visible_text
from treadgently.store import Store

log = logging.getLogger(__name__)

CLOCK_SKEW = timedelta(hours=12)
NAME_SEARCH_CHARS = 3000
MANAGER_WINDOW = 80  # characters between a person and "hiring manager" that tie them
AUTOMATED_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply"})


@dataclass(frozen=True)
class Incoming:
    """One fetched message with what Gmail says about it."""

    gmail_id: str
    thread_id: str
    label_ids: frozenset[str]
    received: datetime  # Gmail's internal date: trusted more than a Date header
    mail: ParsedMail


def is_outbound(item: Incoming, own_email: str) -> bool:
    sender = item.mail.sender.email if item.mail.sender else ""
    return "SENT" in item.label_ids or (bool(own_email) and sender == own_email.lower())


def is_automated(mail: ParsedMail) -> bool:
    """Machine-sent mail (auto-replies, lists, bulk): never a person to write to."""
    headers = mail.automation
    auto = headers.get("auto-submitted", "").strip().lower()
    if auto and auto != "no":
        return True
    if headers.get("x-autoreply") or headers.get("x-autorespond"):
        return True
    if headers.get("precedence", "").strip().lower() in AUTOMATED_PRECEDENCE:
        return True
    return bool(headers.get("list-id"))


def is_person(address: Address | None, mail: ParsedMail) -> bool:
    return bool(address and address.email) and not (
        is_no_reply(address.email) or is_automated(mail)
    )


def message_date(item: Incoming) -> datetime:
    """When the message was written: its Date header, unless that is missing or implausible.

    The Date header is the writer's own clock, and mail imported or redelivered
    late keeps it while Gmail's receipt time moves on.  A Date later than the
    receipt time (beyond clock skew) cannot be true, so Gmail's time wins then.
    """
    written = item.mail.date
    if written is None or written > item.received + CLOCK_SKEW:
        return item.received
    return written


def counterpart_addresses(item: Incoming, own_email: str) -> list[Address]:
    """The other side of a message: the recipients of the user's mail, else the sender."""
    mail = item.mail
    if is_outbound(item, own_email):
        return [a for a in (*mail.to, *mail.cc) if a.email and a.email != own_email.lower()]
    return [a for a in (mail.sender, mail.reply_to) if a is not None and a.email]


def find_application(store: Store, item: Incoming, own_email: str) -> int | None:
    """The application a message belongs to: by thread, then contact, then company domain."""
    by_thread = store.find_application_by_thread(item.thread_id)
    if by_thread is not None:
        return by_thread
    people = counterpart_addresses(item, own_email)
    emails = {a.email for a in people}
    for app in store.applications():
        if app.stage.value == "closed":
            continue
        if emails & {c.email for c in store.contacts(app.id)}:
            return app.id
    for address in people:
        domain = company_domain(address.email, own_email=own_email)
        if domain is None:
            continue
        found = store.find_application_by_domain(domain)
        if found is not None:
            return found
        for app in store.applications():
            if app.stage.value != "closed" and any(same_company(domain, d) for d in app.domains):
                return app.id
    if any(domain_kind(domain_of(a.email)) == "ats" for a in people):
        return application_named_in(store, item.mail, own_email)
    return None


def application_named_in(store: Store, mail: ParsedMail, own_email: str) -> int | None:
    """The one open application whose company a hiring system's message names.

    Applicant-tracking systems write from their own domain ("Acme Robotics
    <no-reply@ats.example>"), so only the company's name ties such a message to
    an application: in the sender's name, the subject, or the opening text.
    Two matching applications are ambiguous, and then none is chosen.
    """
    sender = mail.sender.name if mail.sender else ""
    haystack = f"{sender}\n{mail.subject}\n{visible_text(mail, own_email)[:NAME_SEARCH_CHARS]}"
    haystack = haystack.lower()
    matches = {
        app.id
        for app in store.applications()
        if app.stage.value != "closed" and _names(app.company, haystack)
    }
    return matches.pop() if len(matches) == 1 else None


def _names(company: str, haystack: str) -> bool:
    name = " ".join(company.lower().split())
    if len(name) < 4:
        return False
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", haystack) is not None


def tracked_company_names(store: Store) -> list[str]:
    return [app.company for app in store.applications() if app.stage.value != "closed"]


def record_confirmation(
    store: Store,
    item: Incoming,
    confirmation: InterviewConfirmation,
    *,
    own_email: str,
    now: datetime,
) -> int | None:
    """Create or update the application an interview confirmation belongs to."""
    if confirmation.start is None:
        return None
    domain = confirmation.company_domain
    app_id = store.find_application_by_thread(item.thread_id)
    if app_id is None and domain:
        app_id = store.find_application_by_domain(domain)
    if app_id is None and confirmation.company:
        open_ones = [
            a
            for a in store.find_applications_by_company(confirmation.company)
            if a.stage.value != "closed"
        ]
        app_id = open_ones[0].id if open_ones else None
    company = confirmation.company or domain
    if app_id is None:
        if not company:
            log.info("message %s: an interview confirmation, but no company found", item.gmail_id)
            return None
        app_id = store.add_application(company, now, domains=[domain] if domain else [])
        log.info("new application: %s (from message %s)", company, item.gmail_id)
    elif domain:
        store.add_domain(app_id, domain)
    app = store.application(app_id)
    if app is not None and not app.role:
        title = job_title(item.mail.subject, visible_text(item.mail, own_email))
        if title:
            store.update_application(app_id, role=title)
    schedule_interview(store, app_id, confirmation.start, item)
    record_people(store, app_id, confirmation, item.mail, own_email=own_email)
    store.link_thread(item.thread_id, app_id)
    return app_id


def schedule_interview(store: Store, app_id: int, start: datetime, item: Incoming) -> None:
    """Add a round, or move the round that has not happened yet (a reschedule)."""
    source = f"confirmation:{item.gmail_id}"
    known = store.interviews(app_id)
    if any(interview.start == start for interview in known):
        return
    sent_at = message_date(item)
    upcoming = [interview for interview in known if interview.start > sent_at]
    if upcoming:
        moved = upcoming[-1]
        log.info("application %s: interview moved from %s to %s", app_id, moved.start, start)
        store.move_interview(moved.id, start, source)
    else:
        store.add_interview(app_id, start, source)


def record_people(
    store: Store,
    app_id: int,
    confirmation: InterviewConfirmation,
    mail: ParsedMail,
    *,
    own_email: str,
) -> None:
    """The organizer (or sender) is the recruiter; the first other attendee, the manager."""
    own = own_email.lower()
    recruiter = next(
        (
            a
            for a in (confirmation.organizer, mail.sender)
            if a is not None and a.email != own and is_person(a, mail)
        ),
        None,
    )
    if recruiter is not None:
        store.upsert_contact(app_id, recruiter.email, recruiter.name, Role.RECRUITER)
    others = [
        a
        for a in confirmation.attendees
        if a.email
        and a.email != own
        and (recruiter is None or a.email != recruiter.email)
        and not is_no_reply(a.email)
    ]
    text = visible_text(mail, own_email)
    if not others and confirmation.company_domain:
        named = people_in_text(text, confirmation.company_domain)
        others = [a for a in named if a.email not in {own, recruiter.email if recruiter else ""}]
    distances = {a.email: hiring_manager_distance(a, text) for a in others}
    called = [a for a in others if distances[a.email] is not None]
    manager = min(called, key=lambda a: distances[a.email] or 0) if called else None
    for attendee in others:
        is_manager = attendee == manager if manager else attendee == others[0]
        role = Role.HIRING_MANAGER if is_manager else Role.OTHER
        store.upsert_contact(app_id, attendee.email, attendee.name, role)


ADDRESS_IN_TEXT = re.compile(
    r"(?:([A-Z][\w'.-]+(?: [A-Z][\w'.-]+){0,3})\s*[(<\[]\s*)?"
    r"(?:mailto:)?([\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
)
HIRING_MANAGER = re.compile(
    r"hiring[ -]manager|head of|team lead|engineering manager|your (?:future )?manager",
    re.IGNORECASE,
)


def people_in_text(text: str, domain: str) -> list[Address]:
    """People a confirmation names with an address at the company ("Sam Okafor (sam@acme.com)")."""
    found: dict[str, Address] = {}
    for match in ADDRESS_IN_TEXT.finditer(text[:NAME_SEARCH_CHARS]):
        email = match.group(2).lower().rstrip(".")
        host = domain_of(email)
        if (host == domain or host.endswith("." + domain)) and not is_no_reply(email):
            found.setdefault(email, Address(match.group(1) or "", email))
    return list(found.values())


def hiring_manager_distance(person: Address, text: str) -> int | None:
    """How close the text puts this person (name or address) to "hiring manager"; None if not."""
    lowered = text[:NAME_SEARCH_CHARS].lower()
    titles = [m.start() for m in HIRING_MANAGER.finditer(lowered)]
    marks = [person.email] + ([person.name.split()[0]] if person.name else [])
    best: int | None = None
    for mark in marks:
        for found in re.finditer(rf"(?<!\w){re.escape(mark.lower())}(?!\w)", lowered):
            for title in titles:
                distance = abs(title - found.start())
                if distance <= MANAGER_WINDOW and (best is None or distance < best):
                    best = distance
    return best


def message_record(
    item: Incoming,
    app_id: int | None,
    *,
    own_email: str,
    classification: Classification | None,
) -> MessageRecord:
    mail = item.mail
    outbound = is_outbound(item, own_email)
    sender = mail.sender or Address("", "")
    return MessageRecord(
        gmail_id=item.gmail_id,
        thread_id=item.thread_id,
        application_id=app_id,
        direction=Direction.OUT if outbound else Direction.IN,
        sender_email=sender.email,
        sender_name=sender.name,
        is_person=outbound or is_person(mail.sender, mail),
        date=message_date(item),
        subject=mail.subject,
        message_id_header=mail.message_id,
        references=mail.references,
        label=classification.label if classification else None,
        confidence=classification.confidence if classification else 0.0,
        evidence=classification.evidence if classification else (),
        decision_date=classification.decision_date if classification else None,
        return_date=classification.return_date if classification else None,
        requested=classification.requested if classification else None,
    )


def tracked_domains_and_people(store: Store) -> tuple[set[str], set[str]]:
    """Every open application's company domains and contact addresses (for sync queries)."""
    domains: set[str] = set()
    people: set[str] = set()
    for app in store.applications():
        if app.stage.value == "closed":
            continue
        domains.update(app.domains)
        people.update(contact.email for contact in store.contacts(app.id))
    return domains, people


def mentions_tracked(addresses: Iterable[str], domains: set[str], people: set[str]) -> bool:
    for raw in addresses:
        address = raw.strip().lower()
        if not address:
            continue
        if address in people:
            return True
        host = domain_of(address)
        if any(host == d or host.endswith("." + d) for d in domains):
            return True
    return False
