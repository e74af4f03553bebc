"""Decide whether a message confirms a scheduled job interview, and read its details.

A confirmation starts the follow-up clock, so a false one (a webinar, a dentist, a
podcast "interview", a mock interview with a coach, an availability request, a
cancellation) would make the product nag the wrong people.  The rules below ask for
three things at once: interview semantics, a fixed start (a calendar REQUEST, or prose
that confirms a date and time), and no sign of a lookalike.

Where details come from:
- start: the invitation's DTSTART (TZID, Windows zone names, VTIMEZONE, UTC, floating),
  else the first fixed, future time in the new text (`prose_time.find_start`);
- company: the employer's domain (organizer, Reply-To, sender, attendees; never
  free-mail, ATS or agency domains, see `domains`), named as the company writes itself
  in the mail, else from the subject or invitation title, else the domain's name;
- people: the organizer or sender (usually the recruiter or coordinator) and the other
  attendees (interviewers), never the candidate.

The phrase lists are data (`confirm_rules.RULES`); naming the employer is `company_name`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

import icalendar

from treadgently.company_name import company_name, sends_for_employer, strip_reply_prefix
from treadgently.confirm_rules import RULES
from treadgently.domains import company_domain, domain_kind, domain_of, is_no_reply
from treadgently.mail import Address, ParsedMail
from treadgently.prose_time import WEEKDAYS, find_start
from treadgently.quotes import visible_text
from treadgently.zones import iana_zone, sender_zone, zone_for_words

log = logging.getLogger(__name__)

try:  # icalendar >= 6
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
except ImportError:  # pragma: no cover - icalendar 5.x kept the table at the top level
    try:
        from icalendar.windows_to_olson import WINDOWS_TO_OLSON  # type: ignore[no-redef]
    except ImportError:
        WINDOWS_TO_OLSON = {}

# The gate every message passes: the "confirmed" phrases (written in lower case) run
# case-sensitively on lower-cased text, three times faster than with IGNORECASE.
_CONFIRMED_LOWER = re.compile(RULES["confirmed"].pattern)
MAX_CALENDAR_CHARS = 200_000
PAST_SLACK = timedelta(hours=12)


@dataclass(frozen=True)
class InterviewConfirmation:
    start: datetime | None  # aware
    company: str | None
    company_domain: str | None
    organizer: Address | None  # usually the recruiter / coordinator
    attendees: tuple[Address, ...]  # others invited, not the candidate
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class _Event:
    start: datetime | None
    summary: str
    details: str  # description and location
    organizer: Address | None
    attendees: tuple[Address, ...]


@dataclass(frozen=True)
class _Calendars:
    events: tuple[_Event, ...]
    cancelled: bool


def detect_confirmation(
    mail: ParsedMail, *, own_email: str | None = None
) -> InterviewConfirmation | None:
    """An `InterviewConfirmation` if `mail` confirms a scheduled interview, else None."""
    candidate = _candidate_addresses(mail, own_email)
    if mail.sender is not None and mail.sender.email in candidate:
        return None  # the candidate's own message confirms nothing to the candidate
    calendars = _read_calendars(mail)
    if calendars.cancelled:
        return None
    new_text = visible_text(mail, own_email)
    subject = strip_reply_prefix(mail.subject)
    event_text = "\n".join(f"{e.summary}\n{e.details}" for e in calendars.events)
    sender_name = mail.sender.name if mail.sender else ""
    evidence: list[str] = []

    # What quote stripping took for a signature can be a label/value table or a schedule
    # ("Date\nThursday, June 12\nTime\n2:00 PM ET"); history below it stays out.
    body = new_text + _text_below(mail.text, new_text)
    said = _CONFIRMED_LOWER.search(f"{subject}\n{new_text}".lower()) or _schedule_block(body)
    if not calendars.events and said is None:
        return None  # the common case, decided by two searches
    confirmed = _firm_statement(subject) or _firm_statement(new_text) or _schedule_block(body)
    everything = "\n".join((subject, event_text, new_text, sender_name))
    lookalike = RULES["lookalike"].search(everything)
    if lookalike:
        log.debug("not a confirmation: lookalike %r", lookalike.group(0))
        return None
    offer = RULES["offer"].search(f"{subject}\n{new_text}")
    if offer:
        log.debug("not a confirmation: about an offer %r", offer.group(0))
        return None
    signed = f"{body}\n{sender_name}"  # the signature and mailbox name say who writes
    about = _interview_semantics(subject, event_text, new_text, signed)
    if about is None or (
        not about.startswith("interview") and RULES["other_step"].search(everything)
    ):
        return None
    evidence.append(about)
    if RULES["cancelled_subject"].search(subject):
        return None
    called_off = RULES["called_off"].search(new_text)
    if called_off and not RULES["new_time"].search(new_text):
        log.debug("not a confirmation: called off %r", called_off.group(0))
        return None

    start = _calendar_start(calendars.events, mail.date)
    if start is not None:
        evidence.append(f"calendar invitation starting {start.isoformat()}")
    else:
        if confirmed is None:
            return None
        asks = RULES["availability"].search(new_text) or _offers_options(new_text)
        if asks and not _states_confirmation(new_text):
            return None
        found = (
            find_start(new_text, mail.date)
            or (find_start(body, mail.date) if body != new_text else None)
            or find_start(subject, mail.date)
            # "Superday - Friday, February 6" above a schedule of times
            or find_start(f"{subject}\n\n{body}", mail.date)
        )
        if found is None:
            return None
        start = found.start
        evidence.extend((f"confirmed: {confirmed.group(0)}", f"start: {found.phrase}"))

    organizer, attendees = _people(mail, calendars.events, candidate)
    domain = _company_domain(mail, organizer, attendees, calendars.events, own_email)
    company = company_name(
        mail,
        domain,
        titles=[e.summary for e in calendars.events],
        details=[e.details for e in calendars.events],
        people=(organizer, *attendees),
    )
    if domain:
        evidence.append(f"company domain: {domain}")
    return InterviewConfirmation(
        start=start,
        company=company,
        company_domain=domain,
        organizer=organizer,
        attendees=attendees,
        evidence=tuple(evidence),
    )


def _interview_semantics(subject: str, event_text: str, new_text: str, signed: str) -> str | None:
    """Why this meeting is a job interview, as evidence; None when nothing says so.

    An interview word decides alone.  Otherwise the mail must be about a job: a hiring
    word in it or in the writer's signature ("role", "Senior Recruiter", "next
    conversation"), or a job title in the subject next to a meeting word ("Clinical
    Informatics Lead - next chat").
    """
    text = "\n".join((subject, event_text, new_text))
    interview = RULES["interview"].search(text)
    if interview is not None:
        return f"interview: {interview.group(0)}"
    job = RULES["job"].search(text) or RULES["job"].search(signed)
    if job is not None:
        return f"about a job: {job.group(0)}"
    title = RULES["job_title"].search(subject)
    meeting = RULES["meeting"].search(subject) or RULES["meeting"].search(new_text)
    if title is not None and meeting is not None:
        return f"about a job: {title.group(0)} ({meeting.group(0)})"
    return None


_HISTORY_LINE = re.compile(
    r"^\s*(?:>|[-_=]{5,}|-{2,}\s*(?:original|forwarded|ursprüngliche|message d'origine"
    r"|mensaje original|oorspronkelijk)|(?:from|sent|von|gesendet|de|envoyé|enviado|van"
    r"|verzonden)\s*:|begin forwarded)",
    re.IGNORECASE | re.MULTILINE,
)
_WROTE_LINE = re.compile(
    r"\b(?:wrote|writes|schrieb|a écrit|escribió|schreef)\s*:?[ \t]*$", re.IGNORECASE | re.MULTILINE
)
MAX_BELOW_CHARS = 1_500


def _text_below(text: str, new_text: str) -> str:
    """The lines after the new text up to the quoted history, which stripping dropped."""
    lines = [line.strip() for line in new_text.splitlines() if line.strip()]
    if not lines:
        return ""
    first = text.find(lines[0])
    last = text.find(lines[-1], max(first, 0))
    if first < 0 or last < 0:
        return ""
    below = text[last + len(lines[-1]) :][:MAX_BELOW_CHARS]
    cut = len(below)
    if history := _HISTORY_LINE.search(below):
        cut = history.start()
    if (wrote := _WROTE_LINE.search(below, 0, cut)) is not None:
        # "On Tue, May 6, 2025 at 2:05 PM Jordan <...>\nwrote:" starts with its paragraph
        cut = max(below.rfind("\n\n", 0, wrote.start()), 0)
    return below[:cut]


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")


def _firm_statement(text: str) -> re.Match[str] | None:
    """The first "confirmed" phrase said as a statement, not in a question or an "if"."""
    for match in RULES["confirmed"].finditer(text):
        start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())), default=0)
        end_match = _SENTENCE_END.search(text, match.end())
        end = end_match.end() if end_match else len(text)
        before, sentence_end = text[start : match.start()], text[match.end() : end]
        if "?" in sentence_end or RULES["conditional"].search(before):
            continue
        return match
    return None


_SCHEDULE_LINE = re.compile(
    r"^[ \t]*(?:[-•*]\s*)?(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s?(?:[ap]\.?m\.?)?\s?"
    r"(?:-|–|—|to|bis|à)\s?(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s?(?:[ap]\.?m\.?)?[ \t:|]+[^\W\d]",
    re.IGNORECASE | re.MULTILINE,
)


def _schedule_block(text: str) -> re.Match[str] | None:
    """An itinerary handed over (two or more lines opening with a time range): fixed."""
    lines = _SCHEDULE_LINE.finditer(text)
    first = next(lines, None)
    return first if first is not None and next(lines, None) is not None else None


_FIRM = re.compile(
    r"\b(?:confirm(?:ed|ing)|all set|(?:is|are|has been|have been|you're|you’re|you are) (?:now )?"
    r"(?:scheduled|booked|confirmed)|bestätigen wir|je vous confirme|(?:te|le) confirmamos"
    r"|bevestig(?:en)? (?:ik|wij|we))\b",
    re.IGNORECASE,
)


def _states_confirmation(text: str) -> bool:
    """A firm "confirmed"/"all set"/"scheduled" beside a request for other times."""
    return bool(_FIRM.search(text))


_OPTION_LINE = re.compile(
    r"^\s*(?:[-•*–]|\d[.)]|option\s*\d)\s*\S.*\d(?::\d\d|\s?[ap]\.?m\b)", re.I | re.M
)


_DAY_LINE = re.compile(
    r"^\s*(?:[-•*–]\s*)?(?P<day>"
    + "|".join(sorted(WEEKDAYS, key=len, reverse=True))
    + r")\b\.?,?\s[^\n]{0,40}?\d(?::\d\d|\.\d\d|\s?[ap]\.?m\b|\s?(?:uhr|uur|h)\b)",
    re.IGNORECASE | re.MULTILINE,
)


def _offers_options(text: str) -> bool:
    """Slots offered to choose from: two or more bulleted date/time lines beside an "or"
    or a question, or lines that each open with a different day and hold a time."""
    if len(_OPTION_LINE.findall(text)) >= 2 and re.search(r"\bor\b|\?", text):
        return True
    days = {WEEKDAYS[m.group("day").lower()] for m in _DAY_LINE.finditer(text)}
    return len(days) >= 2


# --- calendars --------------------------------------------------------------


def _read_calendars(mail: ParsedMail) -> _Calendars:
    events: list[_Event] = []
    cancelled = False
    for text in mail.calendars:
        try:
            calendar = icalendar.Calendar.from_ical(text[:MAX_CALENDAR_CHARS])
        except (ValueError, KeyError, IndexError, TypeError) as error:
            log.warning("unreadable calendar part in %s: %s", mail.message_id, error)
            continue
        method = str(calendar.get("method", "")).upper()
        if method == "CANCEL":
            cancelled = True
            continue
        if method not in ("", "REQUEST", "PUBLISH", "ADD"):
            continue  # replies and counter-proposals are not invitations
        for component in calendar.walk("VEVENT"):
            if str(component.get("status", "")).upper() == "CANCELLED":
                cancelled = True
                continue
            try:
                events.append(_event(component, mail.date))
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                # icalendar parses lazily: a broken DTSTART raises only when read
                log.warning("unreadable calendar event in %s: %s", mail.message_id, error)
    return _Calendars(events=tuple(events), cancelled=cancelled)


def _event(component: icalendar.cal.Component, sent: datetime | None) -> _Event:
    organizer = _calendar_address(component.get("organizer"))
    raw_attendees = component.get("attendee") or []
    if not isinstance(raw_attendees, list):
        raw_attendees = [raw_attendees]
    attendees = tuple(
        address
        for value in raw_attendees
        if _is_person(value) and (address := _calendar_address(value)) is not None
    )
    details = f"{component.get('description', '')}\n{component.get('location', '')}"
    return _Event(
        start=_event_start(component, sent),
        summary=str(component.get("summary", "")),
        details=details,
        organizer=organizer,
        attendees=attendees,
    )


def _event_start(component: icalendar.cal.Component, sent: datetime | None) -> datetime | None:
    """DTSTART as an instant: IANA or Windows TZID first, then VTIMEZONE, then guesses."""
    prop = component.get("dtstart")
    if prop is None:
        return None
    value = getattr(prop, "dt", None)
    if not isinstance(value, datetime):
        return None  # an all-day event has no start time
    tzid = str(prop.params.get("TZID", "")).strip() if hasattr(prop, "params") else ""
    zone: tzinfo | None = None
    if tzid:
        zone = iana_zone(tzid) if "/" in tzid else None
        if zone is None and tzid in WINDOWS_TO_OLSON:
            zone = iana_zone(WINDOWS_TO_OLSON[tzid])
    if zone is not None:
        return value.replace(tzinfo=zone)
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value
    zone = zone_for_words(tzid) if tzid else None
    if zone is None:
        zone = sender_zone(sent) if sent is not None else None
    return value.replace(tzinfo=zone) if zone is not None else None


def _calendar_start(events: Iterable[_Event], sent: datetime | None) -> datetime | None:
    starts = sorted(e.start for e in events if e.start is not None)
    upcoming = [s for s in starts if sent is None or s >= sent - PAST_SLACK]
    return upcoming[0] if upcoming else None


def _is_person(value: object) -> bool:
    params = getattr(value, "params", {})
    cutype = str(params.get("CUTYPE", "INDIVIDUAL")).upper()
    role = str(params.get("ROLE", "")).upper()
    name = str(params.get("CN", ""))
    if cutype in ("ROOM", "RESOURCE", "GROUP") or role == "NON-PARTICIPANT":
        return False
    return not re.search(r"\b(?:room|raum|salle|sala|zaal|resource)\b", name, re.IGNORECASE)


def _calendar_address(value: object) -> Address | None:
    if value is None:
        return None
    email = re.sub(r"^mailto:", "", str(value).strip(), flags=re.IGNORECASE).strip().lower()
    if "@" not in email:
        return None
    name = str(getattr(value, "params", {}).get("CN", ""))
    return Address(name=_clean(name), email=email)


def _clean(text: str) -> str:
    return " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", text).split()).strip("\"' ")


# --- people -----------------------------------------------------------------


def _normalized(email: str) -> str:
    local, _, host = email.strip().lower().rpartition("@")
    local = local.split("+", 1)[0]
    if host in ("gmail.com", "googlemail.com"):
        local, host = local.replace(".", ""), "gmail.com"
    return f"{local}@{host}"


def _candidate_addresses(mail: ParsedMail, own_email: str | None) -> frozenset[str]:
    """Whose mailbox this is: `own_email`, else the first To address (documented guess)."""
    if own_email:
        mine = own_email.strip().lower()
        return frozenset({mine, _normalized(mine)})
    if mail.to and mail.to[0].email:
        first = mail.to[0].email
        return frozenset({first, _normalized(first)})
    return frozenset()


def _is_candidate(address: Address, candidate: frozenset[str]) -> bool:
    return address.email in candidate or _normalized(address.email) in candidate


def _can_write_to(address: Address | None, candidate: frozenset[str]) -> bool:
    if address is None or not address.email or _is_candidate(address, candidate):
        return False
    return not is_no_reply(address.email) and domain_kind(domain_of(address.email)) != "ats"


def _people(
    mail: ParsedMail, events: tuple[_Event, ...], candidate: frozenset[str]
) -> tuple[Address | None, tuple[Address, ...]]:
    """The organizer (recruiter/coordinator) and the other people, never the candidate."""
    choices = [e.organizer for e in events] + [mail.reply_to, mail.sender]
    organizer = next((a for a in choices if _can_write_to(a, candidate)), None)
    invited = [a for e in events for a in e.attendees]
    if not events:
        invited = [*mail.to, *mail.cc]
    attendees: list[Address] = []
    seen = {organizer.email} if organizer else set()
    for address in invited:
        if address.email in seen or not _can_write_to(address, candidate):
            continue
        seen.add(address.email)
        attendees.append(address)
    return organizer, tuple(attendees)


# --- company ----------------------------------------------------------------


def _company_domain(
    mail: ParsedMail,
    organizer: Address | None,
    attendees: tuple[Address, ...],
    events: tuple[_Event, ...],
    own_email: str | None,
) -> str | None:
    own = own_email or (mail.to[0].email if mail.to else None)
    sources = [organizer, *(e.organizer for e in events), mail.reply_to, mail.sender, *attendees]
    for address in sources:
        if address is not None and address.email:
            domain = company_domain(address.email, own_email=own)
            if domain and not sends_for_employer(mail, domain):
                return domain
    return None
