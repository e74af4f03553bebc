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

The phrase lists are data (`RULES`), in English, German, French, Spanish and Dutch.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

import icalendar

from treadgently.domains import company_domain, domain_kind, domain_of, is_no_reply
from treadgently.mail import Address, ParsedMail
from treadgently.prose_time import find_start, iana_zone, sender_zone, zone_for_words
from treadgently.quotes import strip_quoted_text

log = logging.getLogger(__name__)

try:  # icalendar >= 6
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
except ImportError:  # pragma: no cover - icalendar 5.x kept the table at the top level
    try:
        from icalendar.windows_to_olson import WINDOWS_TO_OLSON  # type: ignore[no-redef]
    except ImportError:
        WINDOWS_TO_OLSON = {}

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


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# The rules, as data: each is one alternation, matched case-insensitively.
RULES: dict[str, re.Pattern[str]] = {
    # Words that make a meeting a job interview.
    "interview": _rx(
        r"\binterview(?:s|ing|ed)?\b",
        r"\bsuper\s?day\b",
        r"\bon-?site\b(?!\s+(?:parking|dentist|clinic))",
        r"\b(?:phone|recruiter|technical|tech|hiring[- ]manager)\s+screen(?:ing)?\b",
        r"\bscreening\s+(?:call|interview)\b",
        r"\bhiring\s+manager\b",
        r"\b(?:final|first|second|third|next|1st|2nd|3rd)[- ]round\b",
        r"\bassessment\s+(?:centre|center|day)\b",
        r"\b(?:vorstellungs|bewerbungs|kennenlern|auswahl|einstellungs)gespräch\w*",
        r"\bentretiens?\b",
        r"\bentrevue\b",
        r"\bentrevistas?\b",
        r"\b(?:sollicitatie|kennismakings|selectie)gesprek(?:ken)?\b",
    ),
    # Words about a job, which make an invitation from an employer an interview.
    "job": _rx(
        r"\b(?:role|position|candidate|candidacy|application|vacancy|job opening|hiring)\b",
        r"\brecruit(?:er|ing|ment)\b",
        r"\btalent\s+acquisition\b",
        r"\b(?:stelle|bewerbung|poste|candidature|puesto|candidatura|vacante|vacature|functie)\b",
    ),
    # Meetings that look like interviews but are not one with an employer.
    "lookalike": _rx(
        r"\bwebinars?\b",
        r"\bweb\s?seminar\b",
        r"\bwebinaire\b",
        r"\bseminario\s+web\b",
        r"\blive\s?stream\b",
        r"\byou(?:'re|’re| are| have been) registered\b",
        r"\bthanks?(?: you)? for registering\b",
        r"\bregistration (?:is )?confirmed\b",
        r"\bmeetup\b",
        r"\binfo(?:rmation)?\s+session\b",
        r"\b(?:career|job)\s+fair\b",
        r"\bopen\s+house\b",
        r"\bmasterclass\b",
        r"\bconference\b(?!\s+(?:room|call|line|bridge|id))",
        r"\bpodcast\b",
        r"\bpódcast\b",
        r"\bepisodes?\b",
        r"\b(?:on|to|for) (?:the|our) show\b",
        r"\bas (?:a|our) guest\b",
        r"\b(?:mock|practice|practise)\s+interviews?\b",
        r"\binterview\s+(?:practice|coaching|prep(?:aration)?\s+session)\b",
        r"\binformational\s+interview\b",
        r"\bcoach(?:es|ing)?\b",
        r"\b(?:dentist|dental|orthodontist|hygienist|optometrist|dermatolog\w*|physiotherap\w*)\b",
        r"\b(?:doctor's|medical|clinic|patient portal|eye exam|check-?up)\b",
        r"\b(?:salon|haircut|veterinar\w*)\b",
        r"\bnewsletter\b",
        r"(?<!of )\bcourses?\b",
        r"\b(?:how to ace|ace your)\b",
        r"\b(?:journalist|reporter|press interview|media interview|magazine|newspaper)\b",
        r"\b(?:user|customer|research)\s+(?:interview|study|session)s?\b",
        r"\b(?:usability|focus group|research participant|study participant|gift card)\b",
        r"\b(?:zahnarzt\w*|arzttermin|probeinterview|bewerbungstraining)\b",
        r"\b(?:dentiste|médecin|entretien blanc|simulation d'entretien|émission)\b",
        r"\b(?:dentista|médico|clínica|entrevista simulada|simulacro de entrevista)\b",
        r"\b(?:tandarts|huisarts|proefsollicitatie|oefengesprek)\b",
    ),
    # Words that fix an arrangement rather than propose one.
    "confirmed": _rx(
        r"\bconfirm(?:ed|ing|s|ation)\b",
        r"\b(?:this is|writing|pleased|happy|glad|want) to confirm\b",
        r"\b(?:you're|you’re|you are|we're|we’re|we are) all set\b",
        r"\b(?:is|has been|have been|are|been) (?:now )?(?:scheduled|booked|arranged|set up)\b",
        r"\byou(?:'re|’re| are) (?:now )?(?:scheduled|booked|confirmed)\b",
        r"\blook(?:ing)? forward to (?:seeing|meeting|speaking with|talking with|chatting with"
        r"|speaking to|talking to|welcoming) you\b",
        r"\bsee you (?:on|at|then|tomorrow|next)\b",
        r"\bdetails (?:for|of|about) your (?:upcoming )?(?:interview|onsite|visit)\b",
        r"\b(?:invitation|invite) (?:for|to) (?:your|an|the) interview\b",
        r"\byour interview (?:is|will be) (?:on|at|scheduled|set)\b",
        r"\b(?:rescheduled|moved) (?:it |the interview |your interview )?(?:to|for)\b",
        r"\bbestätig(?:en|e|t|te|ung)\b",
        r"\b(?:ist|wurde|sind) (?:fest )?(?:eingeplant|vereinbart|bestätigt|angesetzt)\b",
        r"\bfreuen uns auf (?:sie|ihren besuch|das gespräch|ihr kommen|dich)\b",
        r"\bconfirm(?:e|ons|é|ée|ation)\b",
        r"\b(?:est|a été) (?:bien )?(?:prévue?|programmée?|planifiée?|fixée?)\b",
        r"\bau plaisir de vous (?:rencontrer|voir)\b",
        r"\bconfirm(?:o|amos|ada|ado|ación)\b",
        r"\b(?:queda|quedó|está|ha sido) (?:agendad|programad|confirmad|fijad)[ao]\b",
        r"\bbevestig(?:en|d|ing)\b",
        r"\b(?:staat|is) (?:ingepland|gepland)\b",
    ),
    # Requests for times: no time has been fixed yet.
    "availability": _rx(
        r"\b(?:share|send|provide|let (?:me|us) know|tell (?:me|us)|give (?:me|us)|confirm)\b"
        r"[^.?!\n]{0,40}\bavailabilit(?:y|ies)\b",
        r"\byour availability\b",
        r"\bwhat (?:times?|days?|slots?) (?:work|suit|would work|are good)",
        r"\bwhen (?:are|would|will) you (?:be )?(?:available|free)\b",
        r"\bwhen you(?:'re|’re| are) (?:available|free)\b",
        r"\b(?:pick|choose|select|book|grab) (?:a|your) (?:time|slot)\b",
        r"\bare you (?:available|free)\b",
        r"\b(?:which|what) of (?:these|the following|those)\b",
        r"\b(?:does|would|do|will|could) (?:that|this|any of (?:these|those|them)|either"
        r"|one of these|\S+(?: \S+)?) work(?: for you)?\s?\?",
        r"\b(?:suggest|propose|send (?:me|us|over)) (?:a few|some|two|three|several) "
        r"(?:times|slots|dates|options)\b",
        r"\bihre verfügbarkeit\b",
        r"\bterminvorschläge?\b",
        r"\bwann (?:sie|du) (?:zeit|verfügbar)",
        r"\bvos disponibilités\b",
        r"\bvos créneaux\b",
        r"\b(?:tu|su) disponibilidad\b",
        r"\b(?:uw|je|jouw) beschikbaarheid\b",
    ),
    # Statements that the meeting is off or must move.
    "called_off": _rx(
        r"\b(?:has|have) been (?:cancel(?:l)?ed|called off|postponed|put on hold)\b",
        r"\b(?:is|was|are|were) (?:now )?(?:cancel(?:l)?ed|postponed|called off)\b",
        r"\b(?:we|i|they|he|she|manager|interviewer|team)(?:'ll|’ll| will| would)?"
        r"(?:\s+\w+)?\s+(?:need|needs|have|has|had|must)\s+to\s+(?:cancel|postpone|reschedule"
        r"|move|push)\b",
        r"\bcancel(?:l)?ing (?:your|our|the|this|tomorrow's)\b",
        r"\bneeds? to be (?:rescheduled|moved|postponed|cancel(?:l)?ed)\b",
        r"\b(?:can|could) we (?:please )?(?:reschedule|move|postpone)\b",
        r"\bplease reschedule\b",
        r"\b(?:abgesagt|absagen müssen|verschieben müssen)\b",
        r"\b(?:annulée?|reportée?|devons annuler|devons reporter)\b",
        r"\b(?:cancelad[ao]|pospuest[ao]|aplazad[ao]|tenemos que cancelar|reprogramar)\b",
        r"\b(?:geannuleerd|afgezegd|moeten verplaatsen)\b",
    ),
    # A called-off message that names the new time is a confirmation of the new time.
    "new_time": _rx(
        r"\b(?:rescheduled|moved|changed|updated|pushed) (?:it |the interview |your interview )?"
        r"(?:to|for)\b",
        r"\bnew (?:time|date|slot)\b",
        r"\bnow (?:confirmed|scheduled|set|booked) for\b",
        r"\b(?:neuer termin|verschoben auf|nouvel horaire|nouvelle date|reporté au|nueva fecha"
        r"|nuevo horario|reprogramad[ao] para|nieuwe tijd|verplaatst naar)\b",
    ),
    # Other steps of a job search that are meetings but not interviews: an offer call is
    # never one; the rest only count when nothing in the message says "interview".
    "offer": _rx(
        r"(?<!not )\b(?:offer letter|offer of employment|offer call|verbal offer|written offer)\b",
        r"\bextend(?:ing)? (?:you )?(?:an|the|a formal|a verbal|a written) offer\b",
        r"\b(?:discuss|review|go over|walk through) (?:the|your|our) offer\b",
        r"\b(?:pleased|happy|delighted|thrilled|excited) to offer you\b",
        r"\b(?:like|love) to offer you\b",
        r"\b(?:arbeitsvertrag|vertragsangebot|lettre d'offre|promesse d'embauche|carta de oferta"
        r"|arbeidsovereenkomst|aanbiedingsbrief)\b",
    ),
    "other_step": _rx(
        r"\breference (?:call|check)s?\b",
        r"\bbackground (?:check|screening)\b",
        r"\b(?:first day|start date|onboarding|orientation|new hire|welcome aboard)\b",
        r"\b(?:erster arbeitstag|premier jour|primer día|eerste werkdag)\b",
    ),
    # A cancellation announced in the subject line.
    "cancelled_subject": _rx(
        r"\b(?:cancel(?:l)?ed|cancell?ation|abgesagt|annulé|cancelad[ao]|geannuleerd)\b",
    ),
}

_GENERIC_NAME_WORDS = frozenset(
    {
        "interview", "interviews", "team", "careers", "career", "recruiting", "recruitment",
        "recruiter", "talent", "acquisition", "hiring", "hr", "jobs", "job", "people",
        "notifications", "notification", "calendar", "scheduling", "room", "the", "your",
        "our", "at", "with", "from", "to", "for", "via", "hi", "hello", "dear", "welcome",
        "thanks", "thank", "re", "fwd", "fw", "aw", "wg", "tr", "rv", "location", "where",
        "when", "what", "who", "date", "time", "subject", "invitation", "invite",
        "confirmed", "confirmation", "update", "updated", "updates", "onsite", "on-site",
        "superday", "panel", "final", "round", "phone", "screen", "technical", "video",
        "call", "meeting", "office", "events", "event", "noreply", "no-reply", "mail",
        "hallo", "bonjour", "hola", "beste", "einladung", "bestätigung", "entretien",
        "entrevista",
    }
)  # fmt: skip
_ANGLO_SUFFIX = re.compile(
    r"[\s,]+(?:inc|incorporated|llc|l\.l\.c|ltd|limited|lp|l\.p|llp|plc|corp|corporation|co"
    r"|pte\.?\s*ltd|pty\.?\s*ltd)\.?$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_][\w'’&.-]*", re.UNICODE)
_CONNECTORS = frozenset(
    {"&", "and", "of", "de", "du", "des", "van", "von", "der", "für", "y", "et"}
)
_SUBJECT_PREFIX = re.compile(r"^(?:\s*(?:re|fwd?|aw|wg|tr|rv|sv)\s*:\s*)+", re.IGNORECASE)
_NAME_AFTER = re.compile(
    r"\b(?:at|@|chez|bei|bij|with|avec|con|mit|met)\s+(?P<name>[A-Z][\w'’&.-]*(?:\s+(?:&|of|and|[A-Z][\w'’&.-]*)){0,4})"
)
_NAME_BEFORE_DASH = re.compile(
    r"^(?P<name>[A-Z][\w'’&.-]*(?:\s+(?:&|[A-Z][\w'’&.-]*)){0,4})\s+[-–—|:]\s"
)
_NAME_IN_PARENS = re.compile(r"\((?P<name>[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,3})\)")
_SIGNATURE_TITLE = re.compile(
    r"(?:recruit\w*|talent\w*|coordinator|sourcer|partner|people|hr|hiring|acquisition|manager)"
    r"\b[^|\n·•]{0,40}\s[|·•@]\s+(?P<name>[A-Z][^\n|·•]{1,60}?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_MONTH_OR_DAY = re.compile(
    r"^(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.IGNORECASE,
)


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
    new_text = strip_quoted_text(mail.text)
    subject = _SUBJECT_PREFIX.sub("", mail.subject)
    event_text = "\n".join(f"{e.summary}\n{e.details}" for e in calendars.events)
    sender_name = mail.sender.name if mail.sender else ""
    evidence: list[str] = []

    everything = "\n".join((subject, event_text, new_text, sender_name))
    lookalike = RULES["lookalike"].search(everything)
    if lookalike:
        log.debug("not a confirmation: lookalike %r", lookalike.group(0))
        return None
    offer = RULES["offer"].search(f"{subject}\n{new_text}")
    if offer:
        log.debug("not a confirmation: about an offer %r", offer.group(0))
        return None
    interview = RULES["interview"].search("\n".join((subject, event_text, new_text)))
    if interview is None:
        job = RULES["job"].search("\n".join((subject, event_text, new_text)))
        if job is None or RULES["other_step"].search(everything):
            return None
        evidence.append(f"about a job: {job.group(0)}")
    else:
        evidence.append(f"interview: {interview.group(0)}")
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
        confirmed = RULES["confirmed"].search(f"{subject}\n{new_text}")
        if confirmed is None:
            return None
        asks = RULES["availability"].search(new_text) or _offers_options(new_text)
        if asks and not _states_confirmation(new_text):
            return None
        found = find_start(new_text, mail.date) or find_start(subject, mail.date)
        if found is None:
            return None
        start = found.start
        evidence.extend((f"confirmed: {confirmed.group(0)}", f"start: {found.phrase}"))

    organizer, attendees = _people(mail, calendars.events, candidate)
    domain = _company_domain(mail, organizer, attendees, calendars.events, own_email)
    company = _company_name(mail, domain, calendars.events, (organizer, *attendees))
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


def _offers_options(text: str) -> bool:
    """Two or more bulleted date/time lines: slots offered to choose from."""
    return len(_OPTION_LINE.findall(text)) >= 2 and bool(re.search(r"\bor\b|\?", text))


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
            events.append(_event(component, mail.date))
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
            if domain:
                return domain
    return None


def _company_name(
    mail: ParsedMail,
    domain: str | None,
    events: tuple[_Event, ...],
    people: Iterable[Address | None],
) -> str | None:
    person_names = {a.name.lower() for a in people if a is not None and a.name}
    person_names.update(a.name.lower() for a in (*mail.to, *mail.cc) if a.name)
    if mail.sender and mail.sender.name and not is_no_reply(mail.sender.email):
        person_names.add(mail.sender.name.lower())
    titles = [_SUBJECT_PREFIX.sub("", mail.subject), *(e.summary for e in events)]
    details = [e.details for e in events]
    if domain:
        label = domain.split(".", 1)[0]
        for texts in ([mail.text], titles + details):
            name = _name_anchored_on(label, texts)
            if name:
                return name
    name = (
        _name_from_titles(titles, person_names)
        or (_organisation_display_name(mail.sender) if mail.sender else None)
        or _name_from_signature(mail.text)
        or _name_from_prose(strip_quoted_text(mail.text), person_names)
    )
    if name:
        return name
    if domain:
        parts = domain.split(".", 1)[0].split("-")
        return " ".join(part.upper() if len(part) <= 2 else part.capitalize() for part in parts)
    return None


def _name_anchored_on(label: str, texts: Iterable[str]) -> str | None:
    """The employer's name as written beside its domain: "corvanta" -> "Corvanta Health".

    Finds capitalised word runs containing the domain's name (letters may be split by
    spaces or hyphens: "taunus-analytik" -> "Taunus Analytik"), grown to neighbouring
    capitalised words; the most frequent run wins, then the longest.
    """
    letters = [c for c in label.lower() if c.isalnum()]
    if len(letters) < 2 or len(letters) > 40:
        return None
    pattern = re.compile(
        r"(?<![\w.@/-])" + r"[\s-]?".join(re.escape(c) for c in letters) + r"(?=[\w'’&.-]*)",
        re.IGNORECASE,
    )
    lines = [line for text in texts for line in text.splitlines()]
    found: Counter[str] = Counter()
    for line in lines:
        for match in pattern.finditer(line):
            if line[match.start()].isupper():
                found.update(filter(None, [_grow_name(line, match.start(), match.end())]))
    if not found:
        # "lakeshoremfg" -> "Lakeshore Manufacturing": a capitalised word that starts the label
        for line in lines:
            for match in _WORD.finditer(line):
                word = match.group(0).lower()
                if (
                    match.group(0)[0].isupper()
                    and 4 <= len(word) < len(letters) <= len(word) * 2
                    and "".join(letters).startswith(word)
                ):
                    found.update(filter(None, [_grow_name(line, match.start(), match.end())]))
    if not found:
        return None
    return max(found, key=lambda n: (found[n], len(n)))


def _grow_name(line: str, start: int, end: int) -> str | None:
    words = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\S+", line)]
    index = next((i for i, (s, e, _) in enumerate(words) if s <= start < e), None)
    if index is None:
        return None
    first = index
    while (
        first > 0
        and not _opens_clause(words[first][2])
        and _name_word(words[first - 1][2])
        and not _ends_clause(words[first - 1][2])
    ):
        first -= 1
    last = index
    while not _ends_clause(words[last][2]) and last + 1 < len(words):
        word = words[last + 1][2]
        if _opens_clause(word):
            break
        if _name_word(word):
            last += 1
        elif (
            word.lower() in _CONNECTORS and last + 2 < len(words) and _name_word(words[last + 2][2])
        ):
            last += 2
        else:
            break
    name = line[words[first][0] : words[last][1]]
    return _tidy_name(name)


def _name_word(word: str) -> bool:
    bare = word.strip(",;:()[]\"'.")
    if not bare or not (bare[0].isupper() or bare[0].isdigit()) or "@" in bare or "/" in bare:
        return False
    if bare.lower() in _GENERIC_NAME_WORDS or _MONTH_OR_DAY.match(bare):
        return False
    return not bare.isdigit()


def _opens_clause(word: str) -> bool:
    return word[:1] in "([\"'“<"


def _ends_clause(word: str) -> bool:
    return word[-1:] in ",;:)!?" or word in ("-", "–", "—", "|", "·")


def _tidy_name(name: str) -> str | None:
    name = name.strip(" ,;:()[]\"'")
    previous = None
    while previous != name:
        previous = name
        name = _ANGLO_SUFFIX.sub("", name).strip(" ,;:.")
    return name or None


def _name_from_titles(titles: Iterable[str], person_names: set[str]) -> str | None:
    for title in titles:
        for pattern in (_NAME_BEFORE_DASH, _NAME_AFTER, _NAME_IN_PARENS):
            for match in pattern.finditer(title):
                name = _tidy_name(match.group("name"))
                words = (name or "").split()
                if not name or name.lower() in person_names or not _name_word(words[0]):
                    continue
                if any(name.lower() in p or p in name.lower() for p in person_names if p):
                    continue
                return name
    return None


_NAME_RUN = r"(?P<name>[A-Z][\w'’&.-]*(?:\s+(?:&|of|and|[A-Z][\w'’&.-]*)){0,4})"
_INTERVIEW_WITH = re.compile(
    r"\b(?:interview|onsite|on-site|superday|entretien|entrevista|gespräch|gesprek)\w*\s+"
    rf"(?P<with>with|avec|con|mit|met|at|chez|en|bei|bij)\s+{_NAME_RUN}"
)
_ROLE_AT = re.compile(
    r"\b(?:role|position|opening|job|team|poste|puesto|stelle|functie)\b[^.\n]{0,60}?"
    rf"\b(?P<with>at|chez|bei|bij)\s+{_NAME_RUN}"
)
# Words that make "with X Y" a company rather than a person ("with Meridian Bank").
_ORG_WORDS = frozenset(
    {
        "bank", "labs", "lab", "health", "group", "capital", "systems", "software", "tech",
        "technologies", "solutions", "partners", "studio", "studios", "digital", "energy",
        "analytics", "robotics", "media", "consulting", "insurance", "holdings", "ventures",
        "industries", "foods", "pharma", "therapeutics", "bio", "networks", "security",
        "logistics", "motors", "financial", "finance", "management", "services", "company",
        "corporation", "inc", "llc", "ltd", "gmbh", "ag", "sa", "bv", "ab", "plc",
    }
)  # fmt: skip


def _name_from_prose(text: str, person_names: set[str]) -> str | None:
    """ "your interview with Meridian Bank", "the Analyst role at Globex" (agencies, ATS)."""
    matches = [*_INTERVIEW_WITH.finditer(text), *_ROLE_AT.finditer(text)]
    for match in sorted(matches, key=lambda m: m.start()):
        name = _tidy_name(_trim_generic(match.group("name")))
        if not name or any(name.lower() in p or p in name.lower() for p in person_names if p):
            continue
        words = name.lower().split()
        with_person = match.group("with") in ("with", "avec", "con", "mit", "met")
        if with_person and len(words) > 1 and not _ORG_WORDS.intersection(words):
            continue  # "interview with Sarah Chen" names an interviewer, not the company
        return name
    return None


def _trim_generic(name: str) -> str:
    words = name.split()
    while words and not _name_word(words[-1]):
        words.pop()
    return " ".join(words)


def _name_from_signature(text: str) -> str | None:
    for match in _SIGNATURE_TITLE.finditer(text):
        name = _tidy_name(match.group("name"))
        if name:
            return name
    return None


def _organisation_display_name(sender: Address) -> str | None:
    """ "Lumenworks Careers" -> "Lumenworks": only for mailbox names, not people's names."""
    words = sender.name.split()
    kept = [w for w in words if w.lower() not in _GENERIC_NAME_WORDS]
    if not kept or len(kept) == len(words):
        return None
    return _tidy_name(" ".join(kept))
