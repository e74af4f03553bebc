"""Dates in a reply: when the company expects to decide, when an out-of-office sender is back.

Read from the company's new text in five languages (en, de, fr, es, nl).
Relative phrases ("next week", "in two business days") resolve against the
message's own Date, so the same message always gives the same day.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

_FLAGS = re.IGNORECASE | re.UNICODE
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")

_MONTHS = {
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6,
    "juli": 7, "oktober": 10, "dezember": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
    # Dutch
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
    "sonntag": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
    "dimanche": 6,
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4,
    "sábado": 5, "sabado": 5, "domingo": 6,
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5,
    "zondag": 6,
}  # fmt: skip
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY_ALT = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a couple of": 2, "a few": 3,
}  # fmt: skip
_NUMBER_ALT = r"\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))

_DATE_RE = re.compile(
    rf"(?P<iso>\b\d{{4}}-\d{{2}}-\d{{2}}\b)"
    rf"|\b(?P<m1>{_MONTH_ALT})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+|of\s+)?(?P<m2>{_MONTH_ALT})\b\.?"
    rf"(?:,?\s+(?:de\s+)?(?P<y2>\d{{4}}))?"
    rf"|\bthe\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)\b"
    rf"|\b(?P<wd>{_WEEKDAY_ALT})\b\.?"
    rf"|(?P<tomorrow>\b(?:tomorrow|morgen|demain|mañana)\b)"
    rf"|(?P<early_next>\bearly next week|\bbeginning of next week|\banfang nächster woche|"
    rf"\bdébut de (?:la )?semaine prochaine|\bprincipios de la (?:próxima )?semana|"
    rf"\bbegin volgende week)"
    rf"|(?P<next_week>\b(?:end of |later )?next week|\b(?:ende )?nächster? woche|"
    rf"\b(?:fin de (?:la )?)?semaine prochaine|\bsemana que viene|\bpróxima semana|"
    rf"\bvolgende week)"
    rf"|(?P<this_week>\bend of (?:the|this) week|\bthis week|\bende (?:der|dieser) woche|"
    rf"\bfin de (?:la |cette )?semaine|\besta semana|\b(?:eind van )?deze week)"
    rf"|(?P<month_end>\bend of (?:the |this )?month|\bende des monats|\bfin du mois|"
    rf"\bfinales de mes|\beind van de maand)"
    rf"|\b(?:within|in|over)\s+(?:the\s+)?(?:next\s+)?(?:(?P<n1>{_NUMBER_ALT})\s*[-–]\s*)?"
    rf"(?P<n2>{_NUMBER_ALT})\s+(?P<unit>(?:business |working )?days?|weeks?)\b"
    rf"|(?P<week_or_two>\b(?:a|one) week or two|\b(?:one|1) or (?:two|2) weeks)",
    _FLAGS,
)
_DECISION_CONTEXT_RE = re.compile(
    r"\b(?:decision|decide|decided|update|news|answer|feedback|outcome|clarity|hear|know|"
    r"get back|come back|circle back|follow up|reach out|in touch|wrap|final call|"
    r"entscheidung|rückmeldung|melden|décision|retour|reviendr\w*|decisión|respuesta|"
    r"besluit|beslissing|uitsluitsel|laten weten)",
    _FLAGS,
)
_BACK_RE = re.compile(
    r"\b(?:back|return|returning|returns|zurück|wieder da|retour|regreso|de vuelta|terug)\b",
    _FLAGS,
)
_UNTIL_RE = re.compile(
    r"\b(?:until|till|through|thru|bis|jusqu'(?:au|à)|hasta|tot en met|t/m|tot)\b", _FLAGS
)


def find_decision_date(text: str, reference: datetime | None) -> date | None:
    """When the company expects to decide or update, from the sentences that say so."""
    if reference is None:
        return None
    for sentence in _SENTENCE_END_RE.split(text):
        if sentence and _DECISION_CONTEXT_RE.search(sentence):
            found = _first_date(sentence, reference.date())
            if found:
                return found
    return None


def find_return_date(text: str, reference: datetime | None) -> date | None:
    """The first day an out-of-office sender is back ("back on X": X; "until X": next workday)."""
    if reference is None:
        return None
    today = reference.date()
    for regex, shift in ((_BACK_RE, 0), (_UNTIL_RE, 1)):
        for match in regex.finditer(text):
            found = _first_date(text[match.end() : match.end() + 60], today)
            if found:
                if shift:
                    found = _next_workday(found)
                return found
    return None


def _next_workday(day: date) -> date:
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _first_date(sentence: str, today: date) -> date | None:
    """The most specific date in the sentence: a calendar date, then a weekday, then relative."""
    matches = list(_DATE_RE.finditer(sentence))
    for match in matches:
        absolute = _absolute(match, today)
        if absolute:
            return absolute
    for match in matches:
        if match.group("wd"):
            wanted = _WEEKDAYS[match.group("wd").lower()]
            return today + timedelta(days=(wanted - today.weekday() - 1) % 7 + 1)
    for match in matches:
        relative = _relative(match, today)
        if relative:
            return relative
    return None


def _absolute(match: re.Match[str], today: date) -> date | None:
    if match.group("iso"):
        try:
            return date.fromisoformat(match.group("iso"))
        except ValueError:
            return None
    month_name = match.group("m1") or match.group("m2")
    day_text = match.group("d1") or match.group("d2")
    if month_name and day_text:
        month = _MONTHS[month_name.lower()]
        year_text = match.group("y1") or match.group("y2")
        return _calendar_date(int(year_text) if year_text else None, month, int(day_text), today)
    if match.group("d3"):
        day = int(match.group("d3"))
        year, month = today.year, today.month
        if day < today.day:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return _calendar_date(year, month, day, today)
    return None


def _calendar_date(year: int | None, month: int, day: int, today: date) -> date | None:
    if not 1 <= day <= 31:
        return None
    guess_year = year if year is not None else today.year
    try:
        found = date(guess_year, month, day)
    except ValueError:
        return None
    if year is None and found < today - timedelta(days=60):
        try:
            found = date(guess_year + 1, month, day)  # "January 6" written in December
        except ValueError:
            return None
    return found


def _relative(match: re.Match[str], today: date) -> date | None:
    friday = today + timedelta(days=(4 - today.weekday()) % 7)
    if match.group("tomorrow"):
        return today + timedelta(days=1)
    if match.group("early_next"):
        return friday + timedelta(days=4)  # Tuesday of next week
    if match.group("next_week"):
        return friday + timedelta(days=7)
    if match.group("this_week"):
        return friday
    if match.group("month_end"):
        return today.replace(day=calendar.monthrange(today.year, today.month)[1])
    if match.group("week_or_two"):
        return today + timedelta(days=14)
    if match.group("n2"):
        amount = _number(match.group("n2"))
        unit = match.group("unit").lower()
        if unit.startswith("week"):
            return today + timedelta(weeks=amount)
        if "business" in unit or "working" in unit:
            return today + timedelta(days=amount * 7 // 5 + (1 if amount % 5 else 0))
        return today + timedelta(days=amount)
    return None


def _number(text: str) -> int:
    text = text.lower()
    return int(text) if text.isdigit() else _NUMBER_WORDS.get(text, 1)
