"""Turn raw RFC 5322 bytes into a small, safe `ParsedMail`.

Mail from the wild is broken in every way a parser can imagine: missing
boundaries, lying charsets, headers full of control characters, 20 MB
attachments. `parse_message` never raises: whatever goes wrong degrades to
empty or partial fields, a logged warning and an entry in `defects`. Work is
capped so that a huge message costs about as much as a normal one.
"""

from __future__ import annotations

import codecs
import email
import email.header
import email.utils
import logging
import quopri
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from types import MappingProxyType

from treadgently.html_text import html_to_text

log = logging.getLogger(__name__)

# Bytes of a message handed to the MIME parser. Text parts come first in
# practice, so cutting a huge message here loses attachments, not the reply.
MAX_RAW_BYTES = 512 * 1024
# Header block kept whole (up to this size) even when the body is cut.
MAX_HEADER_BYTES = 128 * 1024
# Decoded bytes of any one part that we look at.
MAX_PART_BYTES = 256 * 1024
# Visible text handed to the rest of the pipeline.
MAX_TEXT_CHARS = 64 * 1024
MAX_HEADER_CHARS = 998
MAX_ADDRESSES = 100
MAX_REFERENCES = 100
MAX_CALENDARS = 8
MAX_PARTS = 200

AUTOMATION_HEADERS = (
    "auto-submitted",
    "x-autoreply",
    "x-autorespond",
    "precedence",
    "list-id",
    "x-auto-response-suppress",
    "list-unsubscribe",
)

# C0/C1 controls (tab aside), line separators and bidi/zero-width format characters:
# none belongs in a name or subject that may end up in a draft's headers.
_CONTROL_RE = re.compile(
    r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_SPACES_RE = re.compile(r"\s+")
# Printable ASCII only: these ids go back out in the In-Reply-To/References of drafts.
_MSG_ID_RE = re.compile(r"<[\x21-\x3b\x3d\x3f-\x7e]{1,500}>")
_ADDR_SPEC_RE = re.compile(r"[^\s@<>()\[\],;:\"]{1,200}@[^\s@<>()\[\],;:\"]{1,200}")
_HEADER_END_RE = re.compile(rb"\r?\n\r?\n|\r\r")
_ENCODED_WORD_MARK = "=?"
_HTML_START_RE = re.compile(r"\s*<(?:\?xml|!doctype|html|head|body|div|p|table|span|meta)\b", re.I)
_QP_ESCAPE_RE = re.compile(rb"=(?:\r?\n|[0-9A-F]{2})")


@dataclass(frozen=True)
class Address:
    name: str  # decoded display name ("" if none), CR/LF/control chars removed
    email: str  # lower-cased addr-spec ("" if unparseable)


@dataclass(frozen=True)
class ParsedMail:
    message_id: str = ""
    in_reply_to: str = ""
    references: tuple[str, ...] = ()
    subject: str = ""
    sender: Address | None = None
    reply_to: Address | None = None
    to: tuple[Address, ...] = ()
    cc: tuple[Address, ...] = ()
    date: datetime | None = None
    automation: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    calendars: tuple[str, ...] = ()
    text: str = ""
    defects: tuple[str, ...] = ()


def parse_message(raw: bytes) -> ParsedMail:
    """Parse `raw` into a `ParsedMail`; never raises, whatever the input."""
    defects: list[str] = []
    try:
        return _parse(raw, defects)
    except Exception as exc:  # the contract: a bad message must not stop the cycle
        log.warning("unparseable message (%s); returning empty fields", type(exc).__name__)
        defects.append(f"parse failed: {type(exc).__name__}")
        return ParsedMail(defects=tuple(defects))


def _parse(raw: bytes, defects: list[str]) -> ParsedMail:
    if not isinstance(raw, bytes | bytearray | memoryview):
        defects.append(f"input is {type(raw).__name__}, not bytes")
        raw = str(raw).encode("utf-8", "surrogateescape")
    raw = _bounded(bytes(raw), defects)
    msg = email.message_from_bytes(raw)
    defects.extend(_defect_names(msg))

    def guarded(what: str, fn: Callable[[], object], default: object) -> object:
        try:
            return fn()
        except Exception as exc:  # one bad header must not cost the others
            log.warning("could not read %s (%s)", what, type(exc).__name__)
            defects.append(f"{what}: {type(exc).__name__}")
            return default

    calendars: list[str] = []
    body_defects: list[str] = []
    text = guarded("body", lambda: _body_text(msg, raw, calendars, body_defects), "")
    defects.extend(body_defects)
    headers = _header_index(msg)
    from_all = guarded("from", lambda: _addresses(headers, "from"), ())
    reply_all = guarded("reply-to", lambda: _addresses(headers, "reply-to"), ())
    return ParsedMail(
        message_id=guarded("message-id", lambda: _message_id(headers, "message-id"), ""),
        in_reply_to=guarded("in-reply-to", lambda: _message_id(headers, "in-reply-to"), ""),
        references=guarded("references", lambda: _references(headers), ()),
        subject=guarded("subject", lambda: _single_line(_header(headers, "subject")), ""),
        sender=from_all[0] if from_all else None,
        reply_to=reply_all[0] if reply_all else None,
        to=guarded("to", lambda: _addresses(headers, "to"), ()),
        cc=guarded("cc", lambda: _addresses(headers, "cc"), ()),
        date=guarded("date", lambda: _date(headers), None),
        automation=guarded("automation", lambda: _automation(headers), MappingProxyType({})),
        calendars=tuple(calendars[:MAX_CALENDARS]),
        text=text,
        defects=tuple(dict.fromkeys(defects)),
    )


def _bounded(raw: bytes, defects: list[str]) -> bytes:
    """Cut a huge message to a size the parser handles quickly, keeping its headers."""
    if len(raw) <= MAX_RAW_BYTES:
        return raw
    end = _HEADER_END_RE.search(raw, 0, MAX_HEADER_BYTES)
    header_end = end.end() if end else 0
    defects.append(f"message of {len(raw)} bytes cut to {MAX_RAW_BYTES} bytes of body")
    log.warning("message of %s bytes cut before parsing", len(raw))
    if end is None and not raw[:1].isspace():
        # No header block within reach: either a body-only file or absurd headers.
        return raw[:MAX_RAW_BYTES]
    return raw[:header_end] + raw[header_end : header_end + MAX_RAW_BYTES]


def _defect_names(msg: Message) -> list[str]:
    names: list[str] = []
    for index, part in enumerate(msg.walk()):
        if index >= MAX_PARTS:
            break
        names.extend(type(defect).__name__ for defect in part.defects)
    return names


# --- headers ---------------------------------------------------------------


def _raw_header(msg: Message, name: str) -> str | None:
    """The first raw value of header `name`, without the policy's sanitising."""
    for key, value in msg.raw_items():
        if key.lower() == name:
            return value if isinstance(value, str) else str(value)
    return None


def _header_index(msg: Message) -> dict[str, list[str]]:
    """Raw header values by lower-cased name, read once (the policy's sanitising skipped)."""
    index: dict[str, list[str]] = {}
    for key, value in msg.raw_items():
        index.setdefault(key.lower(), []).append(value if isinstance(value, str) else str(value))
    return index


def _header(headers: Mapping[str, list[str]], name: str) -> str:
    """The first value of `name`, RFC 2047 decoded and 8-bit bytes recovered."""
    values = headers.get(name)
    if not values:
        return ""
    value = values[0]
    return decode_header_text(value[: MAX_HEADER_CHARS * 8])


def decode_header_text(value: str) -> str:
    """Decode RFC 2047 encoded words and raw 8-bit bytes in a header value."""
    value = _recover_8bit(value)
    if _ENCODED_WORD_MARK not in value:
        return value
    try:
        chunks = email.header.decode_header(value)
    except (email.errors.HeaderParseError, ValueError, LookupError) as exc:
        log.debug("undecodable encoded word (%s)", type(exc).__name__)
        return value
    pieces = []
    for chunk, charset in chunks:
        if isinstance(chunk, bytes):
            pieces.append(decode_bytes(chunk, charset))
        else:
            pieces.append(chunk)
    return "".join(pieces)


def _recover_8bit(value: str) -> str:
    """Raw UTF-8 (RFC 6532) or Latin-1 header bytes arrive as surrogate escapes."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return decode_bytes(value.encode("utf-8", "surrogateescape"), None)
    return value


def _single_line(value: str) -> str:
    value = _CONTROL_RE.sub(" ", value)
    return _SPACES_RE.sub(" ", value).strip()[:MAX_HEADER_CHARS]


def _message_id(headers: Mapping[str, list[str]], name: str) -> str:
    value = _header(headers, name)
    found = _MSG_ID_RE.search(value)
    if found:
        return found.group(0)
    token = value.strip().strip("<>")
    if token and _MSG_ID_RE.fullmatch(f"<{token}>"):
        return f"<{token}>"
    return ""


def _references(headers: Mapping[str, list[str]]) -> tuple[str, ...]:
    ids = _MSG_ID_RE.findall(_header(headers, "references"))
    ids = list(dict.fromkeys(ids))
    if len(ids) > MAX_REFERENCES:
        ids = ids[:1] + ids[-(MAX_REFERENCES - 1) :]
    return tuple(ids)


def _addresses(headers: Mapping[str, list[str]], name: str) -> tuple[Address, ...]:
    values = [_recover_8bit(value[: MAX_HEADER_CHARS * 8]) for value in headers.get(name, ())]
    if not values:
        return ()
    result = []
    for display, addr in email.utils.getaddresses(values):
        address = _address(display, addr)
        if address is not None:
            result.append(address)
        if len(result) >= MAX_ADDRESSES:
            break
    return tuple(result)


def _address(display: str, addr: str) -> Address | None:
    name = _single_line(decode_header_text(display)).strip("\"' ")
    addr = _CONTROL_RE.sub("", addr).strip()
    found = _ADDR_SPEC_RE.fullmatch(addr)
    email_addr = found.group(0).lower() if found else ""
    if not email_addr and not name:
        if not addr:
            return None
        name = _single_line(addr)
    return Address(name=name, email=email_addr)


def _date(headers: Mapping[str, list[str]]) -> datetime | None:
    value = _single_line(_header(headers, "date"))
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)  # "-0000": the time is UTC, the zone unknown
    return parsed


def _automation(headers: Mapping[str, list[str]]) -> Mapping[str, str]:
    found = {}
    for name in AUTOMATION_HEADERS:
        values = headers.get(name)
        if values:
            found[name] = _single_line(decode_header_text(values[0][:MAX_HEADER_CHARS]))
    return MappingProxyType(found)


# --- body ------------------------------------------------------------------


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Decode with the declared charset, then UTF-8, then cp1252 (never fails)."""
    for candidate in (_codec(charset), "utf-8"):
        if candidate is None:
            continue
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("cp1252", errors="replace")


def _codec(charset: str | None) -> str | None:
    if not charset:
        return None
    name = str(charset).strip().strip("\"'").lower()
    if name in ("", "unknown-8bit", "x-unknown", "us-ascii", "ascii", "default"):
        return None  # ASCII is a subset of UTF-8, which is tried next
    try:
        return codecs.lookup(name).name
    except (LookupError, ValueError):
        return None


def _body_text(msg: Message, raw: bytes, calendars: list[str], defects: list[str]) -> str:
    if _looks_body_only(msg):
        # A file with no header block: the whole thing is the text.
        data = raw[:MAX_PART_BYTES]
        if len(_QP_ESCAPE_RE.findall(data, 0, 4096)) >= 3:
            data = quopri.decodestring(data)  # a saved body still in quoted-printable
        text = decode_bytes(data, None)
        if _HTML_START_RE.match(text):
            text = html_to_text(text)  # a saved HTML body
    else:
        text = _text_of(msg, calendars, defects, depth=0, budget=[MAX_PARTS])
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\x00", "")
    if len(text) > MAX_TEXT_CHARS:
        defects.append(f"text cut to {MAX_TEXT_CHARS} characters")
        text = text[:MAX_TEXT_CHARS]
    return text.strip("\n")


def _looks_body_only(msg: Message) -> bool:
    """A body-only file whose first line happened to look like a header."""
    if not msg.keys():
        return True
    known = {"from", "to", "subject", "date", "message-id", "received", "mime-version"}
    has_known = any(key.lower() in known for key in msg)
    return not has_known and any(
        type(d).__name__ == "MissingHeaderBodySeparatorDefect" for d in msg.defects
    )


def _text_of(
    part: Message, calendars: list[str], defects: list[str], depth: int, budget: list[int]
) -> str:
    """The readable text of `part`, choosing among alternatives and skipping attachments."""
    budget[0] -= 1
    if budget[0] < 0 or depth > 20:
        return ""
    ctype = part.get_content_type()
    maintype = part.get_content_maintype()
    if part.is_multipart():
        children = part.get_payload()
        if not isinstance(children, list):
            return ""
        if maintype == "message":
            return ""  # an attached message is not the reply

        def text_of(child: Message) -> str:
            return _text_of(child, calendars, defects, depth + 1, budget)

        if ctype == "multipart/alternative":
            return _best_alternative(children, text_of)
        texts = [text_of(child) for child in children]
        return "\n\n".join(text for text in texts if text.strip())
    if maintype == "multipart":
        # Declared multipart but the boundary is missing or broken: salvage what we can.
        defects.append(f"unparsed {ctype}")
        return _salvage_broken_multipart(part, defects)
    if maintype == "message":
        return ""
    filename = _filename(part)
    if ctype == "text/calendar" or filename.lower().endswith((".ics", ".vcs")):
        calendars.append(_decoded_text(part, defects))
        return ""
    if _is_attachment(part, filename) or maintype != "text":
        return ""
    if ctype == "text/html":
        return html_to_text(_decoded_text(part, defects))
    if ctype in ("text/plain", "text/enriched", "text/richtext") or depth == 0:
        return _decoded_text(part, defects)
    return ""


def _best_alternative(children: list[Message], text_of: Callable[[Message], str]) -> str:
    """Prefer text/plain, but fall back to HTML when the plain part is empty or absent.

    HTML conversion is the costly step, so it only happens when it is needed.
    Calendar parts are visited in the first pass so that they are always collected.
    """
    rich = []
    plain = ""
    others = []
    for child in children:
        if child.is_multipart() or child.get_content_type() == "text/html":
            rich.append(child)
            continue
        text = text_of(child)  # also collects calendar parts
        if not text.strip():
            continue
        if child.get_content_type() == "text/plain":
            plain = plain or text
        else:
            others.append(text)
    if plain:
        return plain
    for child in rich:
        text = text_of(child)
        if text.strip():
            return text
    return others[0] if others else ""


def _filename(part: Message) -> str:
    declared = f"{part.get('content-disposition', '')} {part.get('content-type', '')}"
    if "name" not in declared.lower():
        return ""  # the common case, without the cost of parameter parsing
    try:
        name = part.get_filename() or part.get_param("name") or ""
    except (ValueError, LookupError, TypeError):
        return ""
    if isinstance(name, tuple):  # an RFC 2231 triple that could not be decoded
        name = name[2] if len(name) == 3 else ""
    return decode_header_text(str(name))


def _is_attachment(part: Message, filename: str) -> bool:
    disposition = (_raw_header(part, "content-disposition") or "").strip().lower()
    return disposition.startswith("attachment") or (
        bool(filename) and not disposition.startswith("inline")
    )


def _decoded_text(part: Message, defects: list[str]) -> str:
    """The part's payload as text: transfer-decoded, charset-decoded, capped."""
    try:
        data = part.get_payload(decode=True)
    except (ValueError, TypeError, LookupError, AssertionError) as exc:
        defects.append(f"payload: {type(exc).__name__}")
        data = None
    if data is None:
        payload = part.get_payload()
        data = payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else b""
    if len(data) > MAX_PART_BYTES:
        defects.append(f"part cut to {MAX_PART_BYTES} bytes")
        data = data[:MAX_PART_BYTES]
    return decode_bytes(data, part.get_content_charset())


_BOUNDARY_LINE_RE = re.compile(r"^--[^\s]{1,200}\s*$", re.MULTILINE)


def _salvage_broken_multipart(part: Message, defects: list[str]) -> str:
    """Parse the chunks between boundary-looking lines as parts of their own."""
    payload = part.get_payload()
    if not isinstance(payload, str):
        return ""
    raw = payload[: MAX_PART_BYTES * 2].encode("utf-8", "surrogateescape")
    chunks = _BOUNDARY_LINE_RE.split(raw.decode("ascii", "surrogateescape"))
    plain: list[str] = []
    html: list[str] = []
    for chunk in chunks[: MAX_CALENDARS * 4]:
        body = chunk.lstrip("\r\n")
        if not body.strip():
            continue
        sub = email.message_from_bytes(body.encode("ascii", "surrogateescape"))
        if not sub.keys():
            continue  # preamble or epilogue text, not a part
        ctype = sub.get_content_type()
        if ctype == "text/plain" and not _is_attachment(sub, _filename(sub)):
            plain.append(_decoded_text(sub, defects))
        elif ctype == "text/html":
            html.append(html_to_text(_decoded_text(sub, defects)))
    if any(text.strip() for text in plain):
        return "\n\n".join(plain)
    return "\n\n".join(html)
