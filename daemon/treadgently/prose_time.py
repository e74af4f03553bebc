"""Find a meeting's start time where people write it: in prose, in seven languages.

"Tuesday, March 4 at 2:00 PM EST", "Thursday at 2 PM ET", "Monday 19 May at 11:00
(BST)", "am Donnerstag, den 3. April 2025, um 10:00 Uhr", "le jeudi 20 mars à 14h30
(heure de Paris)", "el martes 27 de mayo a las 16:00", "giovedì 12 giugno alle ore
15:00", "quinta-feira, 12 de junho, às 10h", "tomorrow at 3".  The result is an aware
datetime: an instant, judged as such.

How a start is chosen: every time of day in the text is a candidate, in order; a
candidate marked as the old time ("previously", "moved from") or as a window ("between
10 AM and 5 PM") is skipped, and one marked as an arrival ("Check-in: 1:00 PM", "arrive
at 8:45 for a 9:00 start") counts only when no later time resolves; a range's start is
read with its end's am/pm ("2–2:45pm"); its date is the nearest date before it in the paragraph
(or just after it, "2pm on Thursday, March 6"), else the last date before it; the first
candidate that resolves to an instant not in the past of the message wins.

Zones: a zone written next to the time wins, then one written just before it ("Schedule
(Central Time):"), then one named anywhere in the text, and only then the sender's
own zone, guessed from the Date header's offset (`zones.sender_zone`).  Named zones map to
IANA zones so the interview date's daylight-saving rule applies, not the sending
date's.  Zone words live in ``data/timezones.toml``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from treadgently.zones import sender_zone, zone_at, zones_in

log = logging.getLogger(__name__)

# A start further than this before the message's Date is history, not a plan.
PAST_SLACK = timedelta(hours=12)
# Interviews are not booked more than a year ahead.
FUTURE_LIMIT = timedelta(days=400)
# A date without a year is taken in the next year when it would otherwise lie this far
# before the message ("January 8" written in December).
YEAR_ROLLOVER = timedelta(days=60)
MAX_TEXT_CHARS = 20_000
# A date this close below a time, in the same block, is its date (label/value tables).
BELOW_CHARS = 80
# With no date before a time, one this close after it is its date ("Heure : 14h ... Date").
AFTER_CHARS = 160

MONTHS: dict[str, int] = {
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mär": 3, "mai": 5,
    "juni": 6, "juli": 7, "oktober": 10, "okt": 10, "dezember": 12, "dez": 12,
    # French
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "mars": 3,
    "avril": 4, "avr": 4, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "déc": 12,
    # Spanish
    "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5,
    "junio": 6, "julio": 7, "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9,
    "octubre": 10, "noviembre": 11, "diciembre": 12, "dic": 12,
    # Dutch
    "januari": 1, "februari": 2, "maart": 3, "mrt": 3, "mei": 5, "augustus": 8,
    # Italian
    "gennaio": 1, "genn": 1, "febbraio": 2, "febb": 2, "aprile": 4, "maggio": 5,
    "giugno": 6, "giu": 6, "luglio": 7, "lug": 7, "settembre": 9, "sett": 9,
    "ottobre": 10, "ott": 10, "dicembre": 12,
    # Portuguese
    "janeiro": 1, "fevereiro": 2, "fev": 2, "março": 3, "marco": 3, "maio": 5, "junho": 6,
    "julho": 7, "setembro": 9, "outubro": 10, "dezembro": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3,
    "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4,
    "samstag": 5, "sonnabend": 5, "sonntag": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
    "dimanche": 6,
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4,
    "sábado": 5, "sabado": 5, "domingo": 6,
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4,
    "zaterdag": 5, "zondag": 6,
    "lunedì": 0, "lunedi": 0, "martedì": 1, "martedi": 1, "mercoledì": 2, "mercoledi": 2,
    "giovedì": 3, "giovedi": 3, "venerdì": 4, "venerdi": 4, "sabato": 5, "domenica": 6,
    "segunda-feira": 0, "terça-feira": 1, "terca-feira": 1, "quarta-feira": 2,
    "quinta-feira": 3, "sexta-feira": 4,
}  # fmt: skip

RELATIVE_DAYS: dict[str, int] = {
    "today": 0, "tomorrow": 1, "heute": 0, "aujourd'hui": 0, "aujourd’hui": 0,
    "demain": 1, "hoy": 0, "vandaag": 0, "oggi": 0, "domani": 1, "hoje": 0, "amanhã": 1,
    "übermorgen": 2, "après-demain": 2, "overmorgen": 2, "dopodomani": 2,
}  # fmt: skip


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_MON = _alternation(list(MONTHS))
_WD = _alternation(list(WEEKDAYS))
_WD_FULL = _alternation([name for name in WEEKDAYS if len(name) > 4])
_ORD = r"(?:st|nd|rd|th|er|e|º|\.)?"
_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9])"
_YEAR = r"(?P<y>20\d\d)"
_NOT_RANGE_AFTER = r"(?!\s?[-–]\s?\d)"

_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "iso",
        re.compile(
            r"(?<![\d-])(?P<y>20\d\d)-(?P<mo>1[0-2]|0?[1-9])-(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)"
        ),
    ),
    (
        "month_first",
        re.compile(
            rf"(?:(?P<wd>{_WD})\.?,?\s+(?:the\s+)?)?(?P<mon>{_MON})\.?\s+{_DAY}{_ORD}(?!\d)"
            rf"{_NOT_RANGE_AFTER}(?:,?\s+{_YEAR})?",
            re.IGNORECASE,
        ),
    ),
    (
        "day_first",
        re.compile(
            rf"(?:(?P<wd>{_WD})\.?,?\s+(?:(?:den|le|el|the|de)\s+)?)?(?<![-–\d])(?<![-–]\s){_DAY}"
            rf"{_ORD}\s+(?:(?:de|of)\s+)?(?P<mon>{_MON})\b\.?(?:,?\s+(?:(?:de|del)\s+)?{_YEAR})?",
            re.IGNORECASE,
        ),
    ),
    (
        "numeric",
        re.compile(
            r"(?<![\d/.:])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>20\d\d|\d\d)(?![\d/.])"
        ),
    ),
    (
        "weekday_numeric",
        re.compile(
            rf"(?P<wd>{_WD})\.?,?\s+(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?![\d/])", re.IGNORECASE
        ),
    ),
    (
        "numeric_short",  # "on 3/25 at 10:30", "am 14.03. um 14 Uhr": only after a date word
        re.compile(
            r"\b(?:on|for|am|le|el|op|date|datum|fecha):?\s+"
            r"(?P<a>[0-3]?\d)(?:/(?P<b>[0-3]?\d)(?![\d/])|\.(?P<dotted>[01]?\d)\.(?![\d]))",
            re.IGNORECASE,
        ),
    ),
    (
        "weekday_day",
        re.compile(rf"(?P<wd>{_WD})\.?,?\s+the\s+{_DAY}(?:st|nd|rd|th)\b", re.IGNORECASE),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<next>next|this|coming|nächsten|kommenden|diesen|prochain|ce|próximo|este"
            rf"|volgende|aanstaande|deze|prossimo|questo|próxima|esta|nesta|na próxima)\s+)?"
            rf"(?P<wd>{_WD_FULL})\b",
            re.IGNORECASE,
        ),
    ),
    ("weekday_short", re.compile(r"\b(?P<wd>Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\b\.?")),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>today|tomorrow|heute|übermorgen|aujourd['’]hui|après-demain|demain|hoy"
            r"|vandaag|overmorgen|oggi|dopodomani|domani|hoje|amanhã)(?!\w)"
            r"|\b(?P<pasado>pasado mañana|depois de amanhã)(?!\w)"
            r"|(?<!la )\b(?P<manana>mañana)\b(?=\s+(?:a\s+las|por)\b)"
            r"|\b(?P<morgen>morgen)\b(?=\s+(?:um|om|früh|vormittag|nachmittag)\b)",
            re.IGNORECASE,
        ),
    ),
)

_TIME_PATTERNS: tuple[re.Pattern[str], ...] = (
    # the start of a range whose end alone carries the am/pm: "2–2:45pm", "9 to 10:30 a.m."
    re.compile(
        r"(?<![\d:.])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?"
        r"(?=\s?(?:-|–|—|to|until)\s?(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s?[ap]\.?\s?m\b)",
        re.IGNORECASE,
    ),
    # 2 PM, 2:00pm, 2 p.m., 10.30am
    re.compile(
        r"(?<![\d:.])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s?(?P<ap>[ap])\.?\s?m\b\.?",
        re.IGNORECASE,
    ),
    # 12 noon, noon
    re.compile(r"\b(?:12\s?)?(?P<noon>noon|midday)\b", re.IGNORECASE),
    # 10 Uhr, 14.30 Uhr, 14 heures, 14.00 uur
    re.compile(
        r"(?<![\d:.])(?P<h>[01]?\d|2[0-3])(?:[.:](?P<m>[0-5]\d))?\s?(?P<unit>uhr|uur|heures?|hrs|h)"
        r"(?:\s?(?P<m2>[0-5]\d))?(?![\w])",
        re.IGNORECASE,
    ),
    # 14:30, 9:30
    re.compile(r"(?<![\d:.])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:])"),
    # 14.30 written as a time: beside a zone or a range ("14.00 CEST", "9.30-10.15"),
    # or after "at"/"um"/"om"/"à"/"a las" (otherwise it may be a price or a version)
    re.compile(
        r"(?<![\d:.,€$£])(?P<h>[01]?\d|2[0-3])\.(?P<m>[0-5]\d)(?![\d.,])"
        r"(?=\s?(?:[A-Z]{2,5}\b|\((?:[A-Z]|UTC|GMT)|[-–]\s?\d))"
    ),
    re.compile(
        r"(?:(?<=\b(?:at|um|om|ab|às|as) )|(?<=\b(?:ore|las) )|(?<=\balle )|(?<=\bà ))"
        r"(?P<h>[01]?\d|2[0-3])\.(?P<m>[0-5]\d)(?![\d.,])",
        re.IGNORECASE,
    ),
    # a bare hour after "at" and its kin, then a pause or a zone: "tomorrow at 3 for your
    # call", "alle 15,", "a las 10 (hora de Madrid)", "at 3 o'clock"
    re.compile(
        r"(?P<lead>\b(?:at|alle(?:\s+ore)?|ore|a\s+las|às|om|um|à))\s+(?P<h>[01]?\d|2[0-3])"
        r"(?![\d:.,]\d|\s?(?:[ap]\.?\s?m\b|%|uhr|uur|h\b|heures?|hrs?\b))"
        r"(?=\s*(?:$|[,.;!)(\n]|o['’]clock\b|(?:for|on|with|via|per|con|com|por|pour|sharp"
        r"|in punto|in ihrem|bei|chez|met|bij)\b|(?-i:[A-Z]{2,5})\b))",
        re.IGNORECASE,
    ),
    # a las 4 de la tarde
    re.compile(
        r"\ba\s+las?\s+(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s+de\s+la\s+"
        r"(?P<part>mañana|tarde|noche)\b",
        re.IGNORECASE,
    ),
)
_RANGE_END = re.compile(
    r"\s?(?:-|–|—|to|until|till|bis|à|a|al|tot)\s?(?P<h>1[0-2]|0?[1-9]|1\d|2[0-3])"
    r"(?:[:.](?P<m>[0-5]\d))?\s?(?:(?P<ap>[ap])\.?\s?m\b\.?)?",
    re.IGNORECASE,
)
_OLD_MARK = re.compile(
    r"\b(?:move|moving|moved|reschedul\w*|shift\w*|chang\w*|push\w*)\b[^\n]{0,50}?\bfrom\b|"
    r"\b(?:previously|originally|formerly|instead of|rather than|was scheduled|was planned|"
    r"was set|old time|ursprünglich|statt|anstelle|initialement|au lieu de|en lugar de|"
    r"en vez de|originalmente|oorspronkelijk|in plaats van)\b",
    re.IGNORECASE,
)
# Between an "old time" marker and a mention, these start the new time instead.
_OLD_ENDS = re.compile(r"\s(?:to|into|auf|au|naar|para|al)\s|→|->|[!?;]|\.\s", re.IGNORECASE)
_WINDOW_MARK = re.compile(
    r"(?:\b(?:between|zwischen|entre|tussen|after|before|nach|vor|après|avant|"
    r"después de|antes de|na|voor)\s+(?:the\s+hours\s+of\s+)?$)|"
    r"(?:\b(?:between|zwischen|entre|tussen)\b[^\n.]{0,25}\b(?:and|und|et|y|en)\s+$)",
    re.IGNORECASE,
)
_WINDOW_FOLLOWS = re.compile(r"^\s?(?:and|und|et|y|en)\s+\d", re.IGNORECASE)
_LEADING_NOISE = re.compile(r"^[\s(\[,:⋅·•|-]{0,6}")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class FoundTime:
    """A start time found in text, with the words it came from (for evidence)."""

    start: datetime
    phrase: str


@dataclass(frozen=True)
class _DateMention:
    start: int
    end: int
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    days_ahead: int | None = None
    strictly_after: bool = False


@dataclass(frozen=True)
class _TimeMention:
    start: int
    end: int  # end of the range when one follows ("9:30 - 10:15 AM")
    hour: int
    minute: int


def find_start(text: str, sent: datetime | None) -> FoundTime | None:
    """The first fixed, future start time written in `text`, resolved against `sent`."""
    text = text[:MAX_TEXT_CHARS]
    if not text.strip():
        return None
    dates = _find_dates(text, month_first=_prefers_month_first(sent))
    arrival: FoundTime | None = None
    for mention in _find_times(text):
        if _is_old_or_window(text, mention):
            continue
        date_mention = _date_for(text, mention, dates)
        if date_mention is None or _is_old_or_window(text, date_mention):
            continue
        start = _resolve(text, date_mention, mention, sent)
        if start is None:
            continue
        found = FoundTime(start=start, phrase=_phrase(text, date_mention, mention))
        if _is_arrival(text, mention):
            arrival = arrival or found  # the start only if no session time follows
            continue
        return found
    return arrival


def _phrase(text: str, day: _DateMention, at: _TimeMention) -> str:
    """The words a start came from: one span when adjacent, else the two parts."""
    first, second = sorted((day, at), key=lambda m: m.start)
    if second.start - first.end <= 20:
        return " ".join(text[first.start : second.end].split())
    return " ".join(f"{text[first.start : first.end]} {text[second.start : second.end]}".split())


# --- dates ------------------------------------------------------------------


def _prefers_month_first(sent: datetime | None) -> bool:
    """Slash dates are month-first from the Americas (03/04 = March 4), else day-first."""
    if sent is None:
        return True
    zone = sender_zone(sent)
    return str(zone).startswith("America/")


def _find_dates(text: str, *, month_first: bool) -> list[_DateMention]:
    taken: list[tuple[int, int]] = []
    found: list[_DateMention] = []
    for kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            mention = _date_mention(kind, match, month_first=month_first)
            if mention is not None:
                taken.append(span)
                found.append(mention)
    return sorted(found, key=lambda m: m.start)


def _date_mention(kind: str, match: re.Match[str], *, month_first: bool) -> _DateMention | None:
    groups = match.groupdict()
    start, end = match.span()
    weekday = WEEKDAYS.get((groups.get("wd") or "").lower().rstrip("."))
    year = int(groups["y"]) if groups.get("y") else None
    if year is not None and year < 100:
        year += 2000
    if kind == "iso":
        return _DateMention(start, end, kind, year, int(groups["mo"]), int(groups["d"]))
    if kind in ("month_first", "day_first"):
        month_word = groups["mon"]
        if kind == "month_first" and not month_word[0].isupper():
            return None  # "you may 3 ..." is not a date; English month-first dates are capitalised
        month = MONTHS[month_word.lower().rstrip(".")]
        return _DateMention(start, end, kind, year, month, int(groups["d"]), weekday)
    if kind in ("numeric", "weekday_numeric", "numeric_short"):
        first = int(groups["a"])
        second = int(groups.get("b") or groups.get("dotted") or 0)
        if groups.get("sep") == "." or groups.get("dotted") or first > 12:
            day, month = first, second
        elif second > 12 or month_first:
            month, day = first, second
        else:
            day, month = first, second
        if not 1 <= month <= 12:
            return None
        return _DateMention(start, end, kind, year, month, day, weekday)
    if kind == "weekday_day":
        return _DateMention(start, end, kind, day=int(groups["d"]), weekday=weekday)
    if kind in ("weekday", "weekday_short"):
        return _DateMention(
            start, end, "weekday", weekday=weekday, strictly_after=bool(groups.get("next"))
        )
    if groups.get("manana") or groups.get("morgen"):
        return _DateMention(start, end, "relative", days_ahead=1)
    if groups.get("pasado"):
        return _DateMention(start, end, "relative", days_ahead=2)
    return _DateMention(start, end, "relative", days_ahead=RELATIVE_DAYS[groups["rel"].lower()])


def _date_for(text: str, mention: _TimeMention, dates: list[_DateMention]) -> _DateMention | None:
    """The date a time belongs to.

    The nearest in its paragraph (a date just after it on the same line, "2pm on Thursday,
    March 6", if that is closer); else one just below it in the same block, as in a
    label/value table ("Time: 2:00 PM ET" then "Date: Thursday, June 12"); else the last
    date before it; else, when none comes before, one shortly after it.
    """
    before = [d for d in dates if d.end <= mention.start]
    after = [d for d in dates if d.start >= mention.end]
    near_before = None
    if before and not _PARAGRAPH_BREAK.search(text, before[-1].end, mention.start):
        near_before = before[-1]
    near_after = None
    below = None
    if after:
        gap = text[mention.end : after[0].start]
        if after[0].start - mention.end <= 40 and "\n" not in gap:
            near_after = after[0]
        elif len(gap) <= BELOW_CHARS and gap.count("\n") <= 2 and not _PARAGRAPH_BREAK.search(gap):
            below = after[0]
    if near_before and near_after:
        if after[0].start - mention.end < mention.start - near_before.end:
            return near_after
        return near_before
    if near_before or near_after:
        return near_before or near_after
    if below is not None:
        return below
    if before:
        return before[-1]
    if after and after[0].start - mention.end <= AFTER_CHARS:
        return after[0]
    return None


def _resolve(
    text: str, day_mention: _DateMention, mention: _TimeMention, sent: datetime | None
) -> datetime | None:
    zone = _zone_for_time(text, mention)
    if zone is None:
        zone = sender_zone(sent) if sent is not None else UTC
    sent_local = sent.astimezone(zone) if sent is not None else None
    at = time(mention.hour, mention.minute)
    day = _calendar_day(day_mention, at, sent_local)
    if day is None:
        return None
    start = datetime.combine(day, at, tzinfo=zone)
    if sent is not None and not (sent - PAST_SLACK <= start <= sent + FUTURE_LIMIT):
        return None
    return start


def _calendar_day(mention: _DateMention, at: time, sent_local: datetime | None) -> date | None:
    if mention.year is not None and mention.month and mention.day:
        return _safe_date(mention.year, mention.month, mention.day)
    if sent_local is None:
        return None  # relative dates need the message's Date
    today = sent_local.date()
    if mention.month and mention.day:
        candidate = _safe_date(today.year, mention.month, mention.day)
        if candidate is not None and candidate < today - YEAR_ROLLOVER:
            candidate = _safe_date(today.year + 1, mention.month, mention.day)
        return candidate
    if mention.kind == "relative" and mention.days_ahead is not None:
        return today + timedelta(days=mention.days_ahead)
    if mention.weekday is None:
        return None
    ahead = (mention.weekday - today.weekday()) % 7
    if ahead == 0 and (mention.strictly_after or at <= sent_local.time().replace(tzinfo=None)):
        ahead = 7
    candidate = today + timedelta(days=ahead)
    if mention.kind == "weekday_day" and mention.day is not None:
        probes = (candidate + timedelta(weeks=weeks) for weeks in range(60))
        return next((probe for probe in probes if probe.day == mention.day), None)
    return candidate


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --- times ------------------------------------------------------------------


def _find_times(text: str) -> list[_TimeMention]:
    taken: list[tuple[int, int]] = []
    found: list[_TimeMention] = []
    for pattern in _TIME_PATTERNS:
        for match in pattern.finditer(text):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            mention = _time_mention(text, match)
            if mention is not None:
                taken.append((span[0], mention.end))
                found.append(mention)
    return sorted(found, key=lambda m: m.start)


def _time_mention(text: str, match: re.Match[str]) -> _TimeMention | None:
    groups = match.groupdict()
    if groups.get("noon"):
        return _TimeMention(match.start(), match.end(), 12, 0)
    anchor = match.start("h") if groups.get("lead") else match.start()
    hour = int(groups["h"])
    minute = int(groups.get("m") or groups.get("m2") or 0)
    meridiem = (groups.get("ap") or "").lower()
    part = (groups.get("part") or "").lower()
    if part in ("tarde", "noche") and hour < 12:
        hour += 12
    end = match.end()
    range_end = _RANGE_END.match(text, end)
    if range_end is not None:
        end = range_end.end()
        if not meridiem and not groups.get("unit") and range_end.group("ap"):
            end_hour = int(range_end.group("h")) % 12 + (
                12 if range_end.group("ap").lower() == "p" else 0
            )
            meridiem = "p" if hour % 12 + 12 <= end_hour else "a"
    if meridiem:
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    elif (
        groups.get("unit") is None
        and not part
        and 1 <= hour <= 6
        and not groups["h"].startswith("0")
    ):
        hour += 12  # "at 2:30" in a meeting invitation is the afternoon
    return _TimeMention(anchor, end, hour, minute)


_ARRIVAL_MARK = re.compile(
    r"\b(?:arriv(?:e|al|ing)|check(?:ing)?[- ]?in|sign(?:ing)?[- ]?in|registration|doors open"
    r"|report to (?:reception|the front desk)|(?:be|get) there by|ankunft|anmeldung|einlass"
    r"|arrivée|accueil|llegada|registro|aankomst|arrivo|accoglienza|registrazione|chegada"
    r"|credenciamento)\b",
    re.IGNORECASE,
)
# Between an arrival mark and a time, these make the time the session the arrival is for:
# "arrive at 8:45 for a 9:00 start", "check in 15 minutes before your 1:15 interview".
_ARRIVAL_FOR = re.compile(
    r"\b(?:for|before|ahead of|prior to|until|vor|avant|antes|para|per|prima|voor|pour)\b",
    re.IGNORECASE,
)


def _is_arrival(text: str, mention: _TimeMention) -> bool:
    """A time to arrive or check in ("Check-in time: 1:00 PM", "8:45 arrival"): the
    interview starts at the next time, as the first session is the start."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    before = text[max(line_start, mention.start - 50) : mention.start]
    marks = list(_ARRIVAL_MARK.finditer(before))
    if marks and not _ARRIVAL_FOR.search(before, marks[-1].end()):
        return True
    line_end = text.find("\n", mention.end)
    after = text[mention.end : line_end if line_end >= 0 else len(text)][:25]
    return bool(_ARRIVAL_MARK.match(after.lstrip(" :–—-\t")))


def _is_old_or_window(text: str, mention: _TimeMention | _DateMention) -> bool:
    line_start = text.rfind("\n", 0, mention.start) + 1
    before = text[line_start : mention.start]
    marks = list(_OLD_MARK.finditer(before))
    if marks:
        rest = before[marks[-1].end() :]
        if len(rest) <= 60 and not _OLD_ENDS.search(rest):
            return True
    if isinstance(mention, _TimeMention):
        return bool(_WINDOW_MARK.search(before[-30:]) or _WINDOW_FOLLOWS.match(text, mention.end))
    return False


# --- zones ------------------------------------------------------------------


def _zone_for_time(text: str, mention: _TimeMention) -> tzinfo | None:
    after = text[mention.end : mention.end + 80]
    after = after[_LEADING_NOISE.match(after).end() :]  # type: ignore[union-attr]
    found = zone_at(after)
    if found is not None:
        return found[0]
    paragraph_start = max(text.rfind("\n\n", 0, mention.start), mention.start - 120, 0)
    before = list(zones_in(text[paragraph_start : mention.start]))
    if before:
        return before[-1]
    anywhere = list(zones_in(text))
    return anywhere[0] if anywhere else None
