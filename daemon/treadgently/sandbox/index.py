"""What the sandbox learns from a raw message once, when it is stored.

Search and metadata answers read this index, never the raw MIME again: a
benchmark mailbox holds 10,000 messages and every ``messages.list`` call walks
all of them.  The parser is the stdlib's fast ``compat32`` policy; a message it
cannot make sense of still gets an index (empty fields), because Gmail stores
whatever it is given.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime

logger = logging.getLogger(__name__)

TEXT_CAP = 200_000  # characters of body text kept for search; a 25 MB message must not bloat RAM
SNIPPET_LENGTH = 200
_WORD = re.compile(r"\w+", re.UNICODE)
_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)
_SPACE = re.compile(r"\s+")
_SUBJECT_PREFIX = re.compile(
    r"^\s*((re|fwd?|aw|wg|sv|vs|antw)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE
)


@dataclass(frozen=True)
class MessageIndex:
    headers: tuple[tuple[str, str], ...]  # (name, decoded unfolded value), in message order
    subject: str
    subject_words: str  # word_string(subject), for subject: matching
    from_text: str  # lower-cased "name <addr>" of From, for from: matching
    to_text: str  # lower-cased To, Cc and Bcc
    message_id: str  # the Message-ID header with <>, "" if none
    references: tuple[str, ...]  # In-Reply-To then References ids, with <>
    date_ms: int | None  # the Date header as epoch milliseconds
    filenames: tuple[str, ...]  # lower-cased attachment names
    words: str  # " tok tok ... " over subject, from, to and body, for word/phrase search
    snippet: str
    content_type: str


def decode_value(value: str) -> str:
    """An RFC 2047 header value as readable, single-line text; bad encodings degrade to raw."""
    try:
        text = str(make_header(decode_header(value)))
    except (ValueError, LookupError, UnicodeError):
        text = value
    return _SPACE.sub(" ", text).strip()


def normalize_subject(subject: str) -> str:
    """The subject Gmail compares for threading: no Re:/Fwd: prefixes, folded case and spaces."""
    return _SPACE.sub(" ", _SUBJECT_PREFIX.sub("", subject)).strip().casefold()


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def word_string(text: str) -> str:
    """Text as " tok tok ", so a phrase is a substring test with word boundaries."""
    return " " + " ".join(tokens(text)) + " "


def parse_raw(raw: bytes) -> Message:
    return BytesParser(policy=compat32).parsebytes(raw)


def part_text(part: Message) -> str:
    """A leaf part's payload as text, whatever its charset claims."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:
        return payload.decode("utf-8", errors="replace")


def html_as_text(markup: str) -> str:
    return html.unescape(_TAG.sub(" ", markup))


def part_filename(part: Message) -> str:
    try:
        name = part.get_filename()
    except (ValueError, LookupError, UnicodeError):
        return ""
    return decode_value(str(name)) if name else ""


def _message_ids(value: str) -> list[str]:
    return re.findall(r"<[^<>\s]+>", value)


def index_message(raw: bytes) -> MessageIndex:
    message = parse_raw(raw)
    headers = tuple((name, decode_value(str(value))) for name, value in message.items())
    lookup: dict[str, list[str]] = {}
    for name, value in headers:
        lookup.setdefault(name.lower(), []).append(value)

    def first(name: str) -> str:
        return lookup.get(name, [""])[0]

    def addresses(*names: str) -> str:
        values = [value for name in names for value in lookup.get(name, [])]
        pairs = getaddresses(values)
        return " ".join(f"{name} <{addr}>" for name, addr in pairs).lower()

    subject = first("subject")
    texts: list[str] = []
    html_texts: list[str] = []
    filenames: list[str] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        filename = part_filename(part)
        if filename:
            filenames.append(filename.lower())
            continue
        content_type = part.get_content_type()
        if content_type == "text/plain":
            texts.append(part_text(part))
        elif content_type == "text/html":
            html_texts.append(html_as_text(part_text(part)))
    body = "\n".join(texts or html_texts)[:TEXT_CAP]
    from_text = addresses("from")
    to_text = addresses("to", "cc", "bcc")
    references = _message_ids(first("in-reply-to")) + _message_ids(first("references"))
    message_ids = _message_ids(first("message-id"))
    return MessageIndex(
        headers=headers,
        subject=subject,
        subject_words=word_string(subject),
        from_text=from_text,
        to_text=to_text,
        message_id=message_ids[0] if message_ids else "",
        references=tuple(references),
        date_ms=_date_ms(first("date")),
        filenames=tuple(filenames),
        words=word_string(f"{subject} {from_text} {to_text} {body}"),
        snippet=_SPACE.sub(" ", body).strip()[:SNIPPET_LENGTH],
        content_type=message.get_content_type(),
    )


def _date_ms(value: str) -> int | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        return None
    return int(parsed.timestamp() * 1000)
