"""Time-zone words, Windows and IANA names, and the sender's likely zone.

People write "ET", "Pacific Time", "heure de Paris", "(UTC+01:00) Amsterdam" or
nothing at all.  Every written zone maps to an IANA zone, so the daylight-saving rule of
the meeting's own date applies ("EST" written in January about an April meeting means
New York time, -04:00 then).  The words live in ``data/timezones.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache, lru_cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_TIME_WORD = r"(?:\s+(?:standard\s+|daylight\s+|summer\s+)?(?:time|zeit|tijd))"
_OFFSET = re.compile(r"(?:GMT|UTC)\s?(?P<sign>[+−-])\s?(?P<h>1[0-4]|0?\d)(?::?(?P<m>[0-5]\d))?")


@dataclass(frozen=True)
class _ZoneWords:
    abbreviations: dict[str, str]
    after_time: re.Pattern[str]  # at the start of the text after a time; bare names allowed
    anywhere: re.Pattern[str]  # full forms only ("Central Time", "heure de Paris", "CEST")
    abbreviation_re: re.Pattern[str]
    names: dict[str, str]
    sender_zones: tuple[str, ...]


@cache
def _zone_words() -> _ZoneWords:
    data_file = resources.files("treadgently").joinpath("data").joinpath("timezones.toml")
    raw = tomllib.loads(data_file.read_text(encoding="utf-8"))
    names = {key.lower(): value for key, value in {**raw["names"], **raw["cities"]}.items()}
    abbreviations = dict(raw["abbreviations"])
    name_alt = _alternation(list(raw["names"]))
    city_alt = _alternation(list(raw["cities"]))
    abbr_alt = _alternation([a for a in abbreviations if len(a) >= 2])
    full_forms = (
        rf"(?P<name>{name_alt}){_TIME_WORD}(?:\s?[-–(]\s?(?:US\s?&\s?Canada|{city_alt}))?"
        rf"|(?P<city>{city_alt}){_TIME_WORD}"
        rf"|(?:heure|hora|horario|horário|ora|orario)\s+(?:de\s+|d['’]|di\s+|do\s+|da\s+)?"
        rf"(?:(?P<city2>{city_alt})|(?P<name2>{name_alt})\b)"
        rf"|(?P<city3>{city_alt})(?:er|se)?\s+(?:zeit|tijd)"
    )
    after_time = re.compile(
        rf"^(?:{full_forms}|(?P<bare>{name_alt})\b|\(?(?P<paren>{city_alt})\b)",
        re.IGNORECASE,
    )
    return _ZoneWords(
        abbreviations=abbreviations,
        after_time=after_time,
        anywhere=re.compile(rf"\b(?:{full_forms})\b", re.IGNORECASE),
        abbreviation_re=re.compile(rf"(?<![\w-])(?P<abbr>{abbr_alt})(?![\w-])"),
        names=names,
        sender_zones=tuple(raw["sender_zones"]["zones"]),
    )


def iana_zone(name: str) -> ZoneInfo | None:
    """A ZoneInfo for an IANA name, or None if the name is not one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def zone_for_words(words: str) -> tzinfo | None:
    """The zone meant by a written zone: "ET", "Pacific Time", "heure de Paris", "UTC+2"."""
    text = words.strip().lstrip("(")  # Outlook: "(UTC-08:00) Pacific Time (US & Canada)"
    found = zone_at(text)
    if found is not None:
        return found[0]
    return iana_zone(text) if "/" in text else None


def sender_zone(sent: datetime) -> tzinfo:
    """The sender's likely zone: the first listed zone that had the Date header's offset.

    A documented assumption: the sender writes times in their own zone.  Guessing a real
    zone (not just the fixed offset) lets a message sent in winter about a meeting after
    the daylight-saving switch land on the summer offset.
    """
    offset = sent.utcoffset()
    if offset is None:
        return UTC
    hour = int(sent.timestamp()) // 3600  # offsets change on the hour at most
    return _zone_with_offset(hour, int(offset.total_seconds()))


@lru_cache(maxsize=1024)
def _zone_with_offset(hour: int, offset_seconds: int) -> tzinfo:
    moment = datetime.fromtimestamp(hour * 3600, UTC)
    for name in _zone_words().sender_zones:
        zone = iana_zone(name)
        if zone is not None and moment.astimezone(zone).utcoffset() == timedelta(
            seconds=offset_seconds
        ):
            return zone
    return timezone(timedelta(seconds=offset_seconds))


def zone_at(text: str) -> tuple[tzinfo, str] | None:
    """The zone written at the very start of `text`, if any."""
    words = _zone_words()
    offset = _OFFSET.match(text)
    if offset is not None:
        # Outlook writes "(UTC+01:00) Amsterdam, Berlin, ...": the place keeps its DST rule
        rest = text[offset.end() :].lstrip(") ")
        named = zone_at(rest) if rest else None
        if named is not None:
            return named[0], text[: offset.end()] + " " + named[1]
        return _offset_zone(offset), offset.group(0)
    abbreviation = words.abbreviation_re.match(text)
    if abbreviation is None and text[:1] == "(":
        abbreviation = words.abbreviation_re.match(text, 1)
    if abbreviation is not None:
        zone = iana_zone(words.abbreviations[abbreviation.group("abbr")])
        if zone is not None:
            return zone, abbreviation.group(0)
    named = words.after_time.match(text)
    if named is not None:
        key = next(value for value in named.groupdict().values() if value)
        zone = iana_zone(words.names.get(key.lower(), ""))
        if zone is not None:
            return zone, named.group(0)
    return None


def zones_in(text: str) -> list[tzinfo]:
    """Every full-form zone named in `text`, in order (no bare "Central", no "ET")."""
    words = _zone_words()
    found: list[tuple[int, tzinfo]] = []
    for match in words.anywhere.finditer(text):
        key = next(value for value in match.groupdict().values() if value)
        zone = iana_zone(words.names.get(key.lower(), ""))
        if zone is not None:
            found.append((match.start(), zone))
    for match in words.abbreviation_re.finditer(text):
        if len(match.group("abbr")) >= 3:
            zone = iana_zone(words.abbreviations[match.group("abbr")])
            if zone is not None:
                found.append((match.start(), zone))
    for match in _OFFSET.finditer(text):
        found.append((match.start(), _offset_zone(match)))
    return [zone for _, zone in sorted(found, key=lambda item: item[0])]


def _offset_zone(match: re.Match[str]) -> tzinfo:
    sign = -1 if match.group("sign") in "-−" else 1
    delta = timedelta(hours=int(match.group("h")), minutes=int(match.group("m") or 0))
    return timezone(sign * delta)
