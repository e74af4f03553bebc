"""Name the employer of an interview confirmation, the way the company writes itself.

Order of evidence: a capitalised run of words around the company's domain name in the
mail ("corvanta.example" -> "Corvanta Health", "taunus-analytik" -> "Taunus Analytik
GmbH"), or one the domain abbreviates or joins ("svusd" -> "Sequoia Valley Unified
School District"), venue lines ("Where: ...") last; else, when a tool or an agency
sends, the employer it says it writes for ("sent on behalf of X", "our client X", "you
applied for a role at X"); else the subject or invitation title ("Interview at Lumora",
"Acme - Final Round"); else an organisation's mailbox name ("Lumenworks Careers" ->
"Lumenworks"); else a signature line ("Recruiter | Zephyrine"); else prose ("your
interview with Meridian Bank", for agencies); else the domain's own name.  A sending
tool's or agency's own name is never the answer.  Anglo legal suffixes (Inc, Ltd, LLC,
LP...) and department or programme tails ("Human Resources", "Graduate Programme") are
dropped; continental suffixes (GmbH, AG) are kept, as they are usually spoken.  People's
names (organizer, attendees, recipients) and reference numbers are never a company.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from treadgently.domains import domain_of, is_no_reply
from treadgently.mail import Address, ParsedMail
from treadgently.quotes import strip_quoted_text

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
        "entrevista", "colloquio", "ciao", "olá", "buongiorno", "conferma", "confirmação",
        # the labels of an invitation's fields, in the languages the rules read
        "où", "quand", "lieu", "wo", "wann", "ort", "dónde", "donde", "cuándo", "cuando",
        "lugar", "waar", "wanneer", "locatie", "dove", "quando", "luogo", "onde", "local",
        "venue", "address", "adresse", "dirección", "indirizzo", "endereço", "participants",
        "organizer", "organisateur", "attendees",
        # reference numbers' words: "Req 24-1187", "Ref: JR-0042"
        "req", "ref", "reference", "requisition", "id", "no", "nr", "vacancy", "position",
    }
)  # fmt: skip
_ANGLO_SUFFIX = re.compile(
    r"[\s,]+(?:inc|incorporated|llc|l\.l\.c|ltd|limited|lp|l\.p|llp|plc|corp|corporation|co"
    r"|pte\.?\s*ltd|pty\.?\s*ltd)\.?$",
    re.IGNORECASE,
)
# Departments and programmes written after the employer's name: "Acme Human Resources",
# "Acme Graduate Programme".  The employer is the name before them.
_DEPARTMENT_TAIL = re.compile(
    r"(?:\s+(?:human resources|people\s*(?:&|and)\s*culture|people team|people operations"
    r"|talent acquisition|talent team|recruiting(?: team)?|recruitment(?: team)?|hiring team"
    r"|(?:early )?careers|hr(?: team| department)?|(?:graduate|internship|trainee|apprenticeship)"
    r"\s+(?:programme|program|scheme|recruitment)|personalabteilung|ressources humaines"
    r"|recursos humanos|risorse umane))+$",
    re.IGNORECASE,
)
# A line that gives the meeting's place: names on it are venues, weak evidence of the
# employer ("Where: Yarra Bend Health Community Clinic, 33 Heidelberg Rd").
_VENUE_LINE = re.compile(
    r"^\s*(?:where|location|venue|address|place|où|lieu|adresse|wo|ort|adresse|dónde|donde"
    r"|lugar|dirección|waar|locatie|adres|dove|luogo|indirizzo|onde|local|endereço)\b\s*:?",
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
# A whole month or weekday word, full or short ("Mar", "Tues.", "September"); not a word
# that merely opens like one ("Maritime", "Monarch", "Augusta").
_MONTH_OR_DAY = re.compile(
    r"^(?:(?:mon|tues?|wednes|thurs?|fri|satur|sun)(?:day)?|wed|thu|sat|jan(?:uary)?"
    r"|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$",
    re.IGNORECASE,
)


def strip_reply_prefix(subject: str) -> str:
    """ "Re: Fwd: Interview" -> "Interview"."""
    return _SUBJECT_PREFIX.sub("", subject)


def company_name(
    mail: ParsedMail,
    domain: str | None,
    *,
    titles: Sequence[str] = (),
    details: Sequence[str] = (),
    people: Iterable[Address | None] = (),
) -> str | None:
    """The employer's display name, or None when nothing in the mail names it."""
    person_names = {a.name.lower() for a in people if a is not None and a.name}
    person_names.update(a.name.lower() for a in (*mail.to, *mail.cc) if a.name)
    if mail.sender and mail.sender.name and not is_no_reply(mail.sender.email):
        person_names.add(mail.sender.name.lower())
    titles = [strip_reply_prefix(mail.subject), *titles]
    if domain:
        label = domain.split(".", 1)[0]
        for texts in ([mail.text], [*titles, *details]):
            name = _name_anchored_on(label, texts) or _name_spelling(label, texts)
            if name:
                return name
    # A tool's or an agency's own name, written in its signature or mailbox name, is
    # never the employer: skip names that are one of the sending services' brands.
    services = [
        service
        for address in (mail.sender, mail.reply_to)
        if address is not None
        and (service := domain_of(address.email))
        and service != domain
        and sends_for_employer(mail, service)
    ]
    candidates = (
        lambda: employer_named_for(mail.text, person_names),
        lambda: _name_from_titles(titles, person_names),
        lambda: _organisation_display_name(mail.sender) if mail.sender else None,
        lambda: _name_from_signature(mail.text),
        lambda: _name_from_prose(strip_quoted_text(mail.text), person_names),
    )
    for candidate in candidates:
        name = candidate()
        if name and not any(_same_brand(name, service) for service in services):
            return name
    if domain:
        parts = domain.split(".", 1)[0].split("-")
        return " ".join(part.upper() if len(part) <= 2 else part.capitalize() for part in parts)
    return None


# How a tool credits itself: "Powered by X", "Scheduled with X", "View event in X",
# "Manage this booking in X", "Reschedule or cancel on X".
_TOOL_CREDIT = (
    r"(?:powered by|(?:scheduled|booked|sent) (?:via|with|using|through)|\b(?:view|manage|open"
    r"|reschedule|cancel)\b[^\n.]{0,40}?\b(?:in|on|via|using))\s+"
)


def sends_for_employer(mail: ParsedMail, domain: str) -> bool:
    """True when `domain` is a service writing on an employer's behalf, not the employer.

    Scheduling tools say so: "Powered by GoodHour", "View event in Calendlink", a
    sender shown as "Marlowe Biosciences via GoodHour", or an employer's mailbox name on
    the tool's automated address.  Their name is never the company.
    """
    brand = _brand_pattern(domain)
    if brand is None:
        return False
    sender = mail.sender
    if sender and re.search(rf"\bvia\s+{brand}", sender.name, re.IGNORECASE):
        return True
    if sender and is_no_reply(sender.email):
        organisation = _organisation_display_name(sender)
        if organisation and not _same_brand(organisation, domain):
            return True  # "Ostara Bio Recruiting <notifications@goodhour.example>"
    employer = employer_named_for(mail.text)
    if employer and not _same_brand(employer, domain):
        return True  # "sent on behalf of Harrowgate Foods by TalentDesk", "our client X"
    return _is_agency(mail, domain) or bool(
        re.search(_TOOL_CREDIT + brand, mail.text[:20_000], re.IGNORECASE)
    )


# Words in a recruitment agency's own name ("Northstar Recruitment", "Keller Staffing"),
# capitalised as part of the name and not a team's ("Acme Recruiting Team").
_AGENCY_WORD = re.compile(
    r"\b(?:Recruitment|Recruiting|Recruiters|Staffing|Personnel|Resourcing|Executive Search"
    r"|Headhunt\w*|Personalberatung|Personaldienstleist\w*|Recrutement|Intérim|Reclutamiento"
    r"|Werving|Uitzend\w*|Recrutamento)\b(?!\s+(?:team|department|dept|office|and|&)\b)"
)


def _is_agency(mail: ParsedMail, domain: str) -> bool:
    """Whether `domain` is a recruitment agency's, by the name it writes itself under.

    An agency recruiter places candidates with a client, whose name is the company; the
    agency names itself in its signature ("Northstar Recruitment" for northstarrec).  A
    mailbox name ("Acme Recruiting") is left out: employers name their own inboxes so.
    """
    label = _MAIL_AFFIX.sub("", domain.split(".", 1)[0].lower())
    if re.search(r"recruit|staffing|personnel|resourcing|headhunt", label):
        return True
    text = mail.text[:20_000]
    runs = [
        run
        for line in text.splitlines()
        for match in _AGENCY_WORD.finditer(line)
        if (run := [w for w in line[: match.start()].split()[-4:] if w[:1].isupper()])
        and _same_brand(" ".join(run), domain)
    ]
    if not runs:
        return False
    # The domain carries the agency word too ("northstarrec" for "Northstar Recruitment"),
    # where a team signs under its employer's bare name ("Lumenfold Recruiting")...
    if any(len(label) > len("".join(c for c in "".join(run) if c.isalnum())) for run in runs):
        return True
    # ...or the job is somewhere else: a client, or another organisation's interview
    if re.search(r"\b(?:client|klant|kunde|cliente)s?\b", text, re.IGNORECASE):
        return True
    elsewhere = _name_from_titles([strip_reply_prefix(mail.subject)], set()) or _name_from_prose(
        strip_quoted_text(text), set()
    )
    return elsewhere is not None and not _same_brand(elsewhere, domain)


# Affixes a service adds to its brand for a sending domain: "ashlar-notify", "get-acme".
# Only hyphenated: a bare "go" or "app" may be part of the name ("goldcrest", "rapp").
_MAIL_AFFIX = re.compile(
    r"^(?:get|try|use|go|mail|my)-|-(?:mail|mailer|email|notify|notifications?|messaging"
    r"|send|app|hq|inc|io)$"
)


# Who a tool or an agency writes for: "sent on behalf of Harrowgate Foods plc by TalentDesk",
# "an interview with our client, Oakhurst Logistics", "im Auftrag unseres Kunden X".
_EMPLOYER_FOR = re.compile(
    r"(?:\b(?:sent|scheduled|booked|arranged|organi[sz]ed|message|e-?mail|invitation|interview"
    r"|notification)\b[^.\n]{0,40}?\bon behalf of|\bon behalf of (?:our|my) client"
    r"|\b(?:our|my) (?:client|customer)|\bim auftrag (?:von|unseres kunden|unseres mandanten)"
    r"|\bunser(?:em|es)? (?:kunden|mandanten)|\bpour le compte de|\bnotre client"
    r"|\ben nombre de|\bnuestro cliente|\bnamens|\bonze klant|\bper conto di"
    r"|\bil nostro cliente|\bem nome de|\bnosso cliente"
    # a tool's footer: "You are receiving this because you applied for a role at X"
    r"|\byou(?:'ve| have)? (?:recently )?applied\b[^.\n]{0,50}?\b(?:at|to|with)"
    r"|\byour application (?:to|with|at))[,:]?\s+(?:the\s+|de\s+|di\s+)?"
    r"(?=[A-Z])",
    re.IGNORECASE,
)


def employer_named_for(text: str, person_names: Iterable[str] = ()) -> str | None:
    """The employer a scheduling tool or an agency says it writes for, if it says so."""
    people = {p.lower() for p in person_names if p}
    for match in _EMPLOYER_FOR.finditer(text[:20_000]):
        line_start = text.rfind("\n", 0, match.end()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        at = match.end() - line_start
        if not line[at : at + 1].isupper():
            continue
        name = _grow_name(line, at, at + 1, leftward=False)
        if name and _name_word(name.split()[0]) and name.lower() not in people:
            return name
    return None


def _brand_pattern(domain: str) -> str | None:
    """A pattern for a domain's brand as written in text: "ashlar-notify" -> "Ashlar"."""
    label = domain.split(".", 1)[0].lower()
    brand = _MAIL_AFFIX.sub("", label) or label
    letters = [c for c in brand if c.isalnum()]
    if len(letters) < 3:
        return None
    return r"[\s-]?".join(_letter_class(c) for c in letters) + r"\b"


def _same_brand(name: str, domain: str) -> bool:
    """Whether a written name and a domain are one organisation, abbreviations included.

    "Halloran Freight Systems" is hfs-mail.example, "Vossberg Maritime" vossberg.example.
    """
    brand = _brand_pattern(domain)
    if brand is not None and re.search(brand, name, re.IGNORECASE):
        return True
    label = _MAIL_AFFIX.sub("", domain.split(".", 1)[0].lower())
    label = "".join(c for c in label if c.isalnum())
    words = [w.lower() for w in _WORD.findall(name)]
    initials = "".join(w[0] for w in words if w not in _CONNECTORS)
    return bool(label) and (
        initials == label or (len(words[0]) >= 4 and label.startswith(words[0]))
    )


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
        r"(?<![\w.@/-])" + r"[\s-]?".join(_letter_class(c) for c in letters) + r"(?=[\w'’&.-]*)",
        re.IGNORECASE,
    )
    every_line = [line for text in texts for line in text.splitlines()]
    lines = [line for line in every_line if not _VENUE_LINE.match(line)]
    found = _anchored_runs(pattern, letters, lines) or _anchored_runs(pattern, letters, every_line)
    if not found:
        return None
    return max(found, key=lambda n: (_fuller_count(n, found), len(n)))


def _anchored_runs(pattern: re.Pattern[str], letters: list[str], lines: list[str]) -> Counter[str]:
    """Capitalised runs holding the domain's name, counted: the evidence for one name."""
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
    return found


def _name_spelling(label: str, texts: Iterable[str]) -> str | None:
    """A capitalised run the domain's name abbreviates or joins, written apart in the mail.

    "svusd" is "Sequoia Valley Unified School District", "desertbloomhp" is "Desert Bloom
    Health Partners", "mercyridgehealth" is "Mercy Ridge Medical Center": the letters are
    the words' initials or opening letters, in order.  Venue lines count only when
    nothing else does.
    """
    letters = "".join(c for c in _MAIL_AFFIX.sub("", label.lower()) if c.isalnum())
    if len(letters) < 3:
        return None
    every_line = [line for text in texts for line in text.splitlines()]
    lines = [line for line in every_line if not _VENUE_LINE.match(line)]
    for chosen in (lines, every_line):
        found: Counter[str] = Counter()
        for line in chosen:
            for match in _WORD.finditer(line):
                word = match.group(0)
                if not word[0].isupper() or word[0].lower() != letters[0]:
                    continue
                name = _grow_name(line, match.start(), match.end(), leftward=False)
                if name and _spells(letters, name):
                    found[name] += 1
        if found:
            return max(found, key=lambda n: (found[n], len(n)))
    return None


def _spells(letters: str, name: str) -> bool:
    """Whether `letters` is built from the name's words in order, each giving its opening
    letters (at least one), with at least two words used; or the first two words, whole,
    open it ("mercyridge" + "health")."""
    words = [
        "".join(c for c in w.lower() if c.isalnum())
        for w in name.split()
        if w.lower() not in _CONNECTORS
    ]
    words = [w for w in words if w]
    if len(words) < 2:
        return False
    if len(words[0]) >= 4 and letters.startswith(words[0] + words[1]):
        return True
    return _prefixes_make(letters, words, 0)


def _prefixes_make(letters: str, words: list[str], used: int) -> bool:
    if not letters:
        return used >= 2
    if not words:
        return False
    word = words[0]
    for size in range(min(len(word), len(letters)), 0, -1):
        if letters.startswith(word[:size]) and _prefixes_make(letters[size:], words[1:], used + 1):
            return True
    return False


def _fuller_count(name: str, found: Counter[str]) -> int:
    """Mentions of `name` and of its shorter forms: "Vossberg" counts for "Vossberg Maritime".

    A body says "Vossberg" three times and the signature "Vossberg Maritime" once; both
    name one employer, and the fuller form is how it writes itself.
    """
    return sum(
        count for other, count in found.items() if name == other or name.startswith(other + " ")
    )


# Letters a domain name writes plainly that the company's name may write with an accent.
_ACCENTED = {
    "a": "àáâãäåā", "c": "çć", "e": "èéêëē", "i": "ìíîïī", "n": "ñń", "o": "òóôõöøō",
    "s": "śšş", "u": "ùúûüū", "y": "ýÿ", "z": "źżž",
}  # fmt: skip


def _letter_class(letter: str) -> str:
    accented = _ACCENTED.get(letter)
    return f"[{letter}{accented}]" if accented else re.escape(letter)


def _grow_name(line: str, start: int, end: int, *, leftward: bool = True) -> str | None:
    words = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\S+", line)]
    index = next((i for i, (s, e, _) in enumerate(words) if s <= start < e), None)
    if index is None:
        return None
    first = index
    while (
        leftward
        and first > 0
        and not _column_gap(line, words[first - 1][1], words[first][0])
        and not _opens_clause(words[first][2])
        and _name_word(words[first - 1][2])
        and not _ends_clause(words[first - 1][2])
    ):
        first -= 1
    last = index
    while not _ends_clause(words[last][2]) and last + 1 < len(words):
        word = words[last + 1][2]
        if _opens_clause(word) or _column_gap(line, words[last][1], words[last + 1][0]):
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
    if any(c.isdigit() for c in bare) and (re.search(r"\d{3}", bare) or re.search(r"[-#/]", bare)):
        return False  # a reference number: "24-1187", "JR-0042", "#2025"
    return not bare.isdigit()


def _opens_clause(word: str) -> bool:
    return word[:1] in "([\"'“<"


_LEGAL_WORD = re.compile(
    r"^(?:co|inc|ltd|corp|llc|plc|lp|llp|s\.?a|s\.?p\.?a|gmbh|ag|bv|nv)\.$", re.IGNORECASE
)


def _ends_clause(word: str) -> bool:
    if word[-1:] == "." and (_LEGAL_WORD.match(word) or len(word.strip(".")) >= 4):
        return True  # "... Supply Co. Shiftwell is ...", "... Bank. Next"
    return word[-1:] in ",;:)!?" or word in ("-", "–", "—", "|", "·")


def _column_gap(line: str, end: int, start: int) -> bool:
    """Two spaces or a tab between words: a table's columns, not one name."""
    gap = line[end:start]
    return "\t" in gap or len(gap) >= 2


def _tidy_name(name: str) -> str | None:
    name = name.strip(" ,;:()[]\"'")
    previous = None
    while previous != name:
        previous = name
        name = _ANGLO_SUFFIX.sub("", name).strip(" ,;:.")
        name = _DEPARTMENT_TAIL.sub("", name).strip(" ,;:.")
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
                if pattern is _NAME_AFTER and _looks_like_person(match, name):
                    continue
                return name
    return None


def _looks_like_person(match: re.Match[str], name: str) -> bool:
    """ "with Sarah Whitlock": two or three plain capitalised words after "with"."""
    words = name.lower().split()
    after_with = match.group(0).split(None, 1)[0].lower() in ("with", "avec", "con", "mit", "met")
    return after_with and 2 <= len(words) <= 3 and not _organisation_words(name)


def _organisation_words(name: str) -> bool:
    """Words only an organisation's name has: "Bank", "Labs", or initials ("AI", "HR")."""
    words = name.split()
    return bool(_ORG_WORDS.intersection(w.lower() for w in words)) or any(
        len(w) >= 2 and w.isupper() and w.isalpha() for w in words
    )


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
        if with_person and len(words) > 1 and not _organisation_words(name):
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
    """ "Lumenworks Careers" -> "Lumenworks": only for mailbox names, not people's names.

    "Marlowe Biosciences via GoodHour" names the employer before "via".
    """
    name, via, _tool = sender.name.partition(" via ")
    words = name.strip(" ()").split()
    if via and words and (_ORG_WORDS.intersection(w.lower() for w in words) or len(words) > 3):
        return _tidy_name(" ".join(w for w in words if w.lower() not in _GENERIC_NAME_WORDS))
    kept = [w for w in words if w.lower() not in _GENERIC_NAME_WORDS]
    if not kept or len(kept) == len(words):
        return None
    return _tidy_name(" ".join(kept))
