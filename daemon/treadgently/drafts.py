"""Draft rendering (sandboxed Jinja2) and MIME building for follow-up and reply drafts.

Each draft kind is one template file, ``templates/<step>.j2``, whose first line
is ``Subject: ...``, then a blank line, then the body (see templates/README.md).
The user's ``[templates] dir`` overrides any file by name; the packaged folder
fills in the rest.

Why a sandbox: a template is code, and the user's template folder may be
shared, copied from the web or written by a helpful tool.  The
``ImmutableSandboxedEnvironment`` refuses attribute access on interpreter
internals (``''.__class__``, ``cycler.__init__.__globals__``), and the
``FileSystemLoader`` refuses ``..`` so ``{% include %}`` cannot read files
outside the template folders.  ``StrictUndefined`` makes a typo in a variable
name an error that ``check`` reports with file and line instead of a draft
that silently says nothing.

Why everything from incoming mail is cleaned: display names, subjects and the
"requested" phrase are written by strangers.  A CR or LF in one of them must
never become a new header line (``Bcc:``), so they are reduced to one line of
printable text and capped before they reach a template or a header.

Typical use by the poll engine::

    renderer = DraftRenderer(settings.templates.dir)      # once, at start-up
    rendered = renderer.render("recruiter_follow_up", ctx)
    raw = build_draft_mime(rendered, ctx, message_id=mid)  # bytes for drafts.create
    written_hash = content_hash(raw)                       # store beside the draft id
    ...
    edited = content_hash_of_raw(fetched_raw) != written_hash
"""

from __future__ import annotations

import base64
import email
import email.parser
import email.policy
import email.utils
import hashlib
import importlib.resources
import logging
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.message import EmailMessage, Message
from pathlib import Path
from types import TracebackType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from treadgently.errors import TemplateError
from treadgently.mail import ParsedMail
from treadgently.model import Step

log = logging.getLogger(__name__)

# The draft kinds: the policy's step names, each the stem of a template file.
STEPS = tuple(step.value for step in Step)
TEMPLATE_SUFFIX = ".j2"

MAX_NAME_CHARS = 100
MAX_SUBJECT_CHARS = 250
MAX_REQUESTED_CHARS = 200
MAX_COMPANY_CHARS = 120
MAX_REFERENCE_IDS = 20
MAX_BODY_CHARS = 20_000

_STEP_RE = re.compile(r"[a-z][a-z0-9_]{0,63}")
# C0 and C1 controls (tab included: a tab in a header is just noise), plus the
# Unicode line and paragraph separators that some renderers treat as newlines.
_HEADER_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u0085]")
# In a body, newlines and tabs are fine; every other control goes.
_BODY_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_SPACES_RE = re.compile(r"\s+")
_REPLY_PREFIX_RE = re.compile(r"^\s*(?:(?:re|aw|sv|antw|vs)\s*(?:\[\d+\])?\s*:\s*)+", re.I)
_MESSAGE_ID_RE = re.compile(r"<[\x21-\x3b\x3d\x3f-\x7e]{1,500}>")
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
# A plain dot-atom address: what a contact's address must be before it goes into To.
_ADDR_SPEC_RE = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})+")
_SUBJECT_LINE_RE = re.compile(r"subject:[ \t]*(.*)", re.I)
# Display names that belong to a team or a robot, not a person to greet by name.
_TEAM_WORDS = (
    "team recruiting recruitment recruiter careers career talent hr jobs job hiring noreply "
    "no-reply notifications notification people staffing admin support info"
)
_NOT_A_PERSON = frozenset(_TEAM_WORDS.split())

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
)
_MONTHS = tuple(_MONTH_NAMES.split())


@dataclass(frozen=True)
class ReferenceInfo:
    """One professional reference from the config's ``[[references]]``."""

    name: str
    title: str | None = None
    relationship: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class DraftContext:
    """Everything a draft may say, as plain data.  Built by the poll engine.

    ``candidate_*`` and ``references`` come from the config ([candidate],
    [[references]]: ``ReferenceInfo(**ref.model_dump())``); ``timezone`` is
    ``[policy] timezone``; the rest from the application, its contact and the
    message being answered.  Our own Message-ID is not here: it is passed to
    ``build_draft_mime`` by the caller, who also records it.

    Strings that came from incoming mail (contact and sender names, subjects,
    ``requested``, possibly ``company``) may be hostile: the renderer and the
    MIME builder clean them, so the caller need not.
    """

    candidate_name: str
    candidate_email: str
    company: str
    contact_email: str
    contact_name: str = ""
    contact_role: str = ""  # "hiring_manager", "recruiter" or "other"
    candidate_phone: str | None = None
    candidate_signature: str | None = None
    references: tuple[ReferenceInfo, ...] = ()
    role: str | None = None
    interview_at: datetime | None = None  # aware
    timezone: str = "UTC"  # IANA name the dates are written out in ([policy] timezone)
    # The message this draft answers, or the last message of the thread a
    # follow-up joins; all None/empty for a draft that starts a new thread.
    replied_subject: str | None = None
    replied_sender_name: str | None = None
    replied_date: datetime | None = None
    in_reply_to: str | None = None  # the parent's Message-ID
    parent_references: tuple[str, ...] = ()  # the parent's References header
    requested: str | None = None  # info_requested: what was asked ("work samples")
    decision_date: date | None = None  # "we expect to decide by Friday, December 5"

    @property
    def in_thread(self) -> bool:
        return self.replied_subject is not None or bool(self.in_reply_to)


def reply_fields(mail: ParsedMail) -> dict[str, Any]:
    """The DraftContext fields describing the message answered.

    Use as ``DraftContext(**reply_fields(parsed), candidate_name=..., ...)``, so
    the parent's References (which keep long threads together) are never forgotten.
    """
    return {
        "replied_subject": mail.subject,
        "replied_sender_name": mail.sender.name if mail.sender else "",
        "replied_date": mail.date,
        "in_reply_to": mail.message_id or None,
        "parent_references": tuple(mail.references),
    }


@dataclass(frozen=True)
class RenderedDraft:
    subject: str
    body: str


@dataclass(frozen=True)
class _TemplatePerson:
    """What a template sees for a person: cleaned strings, never None."""

    name: str
    email: str
    first_name: str = ""
    phone: str = ""
    signature: str = ""
    role: str = ""


@dataclass(frozen=True)
class _TemplateReference:
    name: str
    title: str = ""
    relationship: str = ""
    email: str = ""
    phone: str = ""
    contact: str = ""  # "email | phone", whichever are set


@dataclass(frozen=True)
class _TemplateReplied:
    subject: str = ""
    sender_name: str = ""
    date: datetime | None = None
    date_text: str = ""


# ---------------------------------------------------------------------------
# Cleaning text from strangers


def clean_line(value: object, limit: int) -> str:
    """One line of printable text, at most `limit` characters: safe in a header or a sentence."""
    if value is None:
        return ""
    text = _HEADER_CONTROL_RE.sub(" ", str(value))
    text = _SPACES_RE.sub(" ", text).strip()
    if len(text) > limit:
        text = text[:limit].rstrip()
    return text


def clean_block(value: object, limit: int = MAX_BODY_CHARS) -> str:
    """Multi-line text (a signature, a body): newlines kept, CR and other controls removed."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _BODY_CONTROL_RE.sub("", text)
    return text[:limit]


def clean_display_name(name: str) -> str:
    """A display name as it will read in From/To: one clean line, no surrounding quotes."""
    return clean_line(name, MAX_NAME_CHARS).strip("\"' ")


def reply_subject(original: str) -> str:
    """``Re: <original>`` with exactly one reply prefix, however many the thread stacked.

    "Re:", "RE:", "Aw:", "Sv:", "Re[2]:" and repeats of them collapse into one
    "Re: ".  A forward keeps its "Fwd:" (it says something about the thread).
    """
    subject = clean_line(original, MAX_SUBJECT_CHARS)
    subject = _REPLY_PREFIX_RE.sub("", subject).strip()
    return f"Re: {subject}" if subject else "Re:"


def first_name(display_name: str) -> str:
    """The name to greet someone by, or "" when the display name is not a person's."""
    name = clean_line(display_name, MAX_NAME_CHARS).strip("\"' ")
    if not name or "@" in name:
        return ""
    if "," in name:  # "Whitfield, Dana"
        name = name.split(",", 1)[1].strip() or name.split(",", 1)[0]
    words = [w for w in name.replace("(", " ").replace(")", " ").split() if w]
    if not words or any(w.lower().strip(".:-") in _NOT_A_PERSON for w in words):
        return ""
    given = words[0]
    if given.rstrip(".").lower() in {"mr", "ms", "mrs", "mx", "dr", "prof"} and len(words) > 1:
        return f"{given} {words[-1]}"
    if not any(c.isalpha() for c in given):
        return ""
    return given.capitalize() if given.isupper() and len(given) > 2 else given


def candidate_voice(phrase: str) -> str:
    """Turn the company's "your portfolio" into the candidate's "my portfolio"."""
    replacements = {"your": "my", "yours": "mine", "yourself": "myself"}
    return re.sub(
        r"\b(your|yours|yourself)\b",
        lambda m: _match_case(replacements[m.group(1).lower()], m.group(1)),
        phrase,
        flags=re.I,
    )


def capfirst(text: str) -> str:
    """Upper-case the first letter only ("my GitHub profile" -> "My GitHub profile")."""
    return text[:1].upper() + text[1:]


def _match_case(word: str, like: str) -> str:
    return word.capitalize() if like[:1].isupper() else word


# ---------------------------------------------------------------------------
# Dates written out the way people write them in mail


def long_date(value: date | datetime | None) -> str:
    """A date as people write it in mail, "Tuesday, November 18": English, no year."""
    if value is None:
        return ""
    return f"{_WEEKDAYS[value.weekday()]}, {_MONTHS[value.month - 1]} {value.day}"


def long_date_with_year(value: date | datetime | None) -> str:
    """A date with its year, "Tuesday, November 18, 2025"."""
    if value is None:
        return ""
    return f"{long_date(value)}, {value.year}"


def clock_time(value: datetime | None) -> str:
    """A US clock time, "2:30 PM"."""
    if value is None:
        return ""
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("unknown time zone %r for drafts; writing dates in UTC", name)
        return ZoneInfo("UTC")


def _local(value: datetime | None, zone: ZoneInfo) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:  # a naive value is a caller bug; read it as UTC rather than fail
        value = value.replace(tzinfo=UTC)
    return value.astimezone(zone)


# ---------------------------------------------------------------------------
# Rendering


def template_variables(step: str, ctx: DraftContext) -> dict[str, Any]:
    """The documented template context (templates/README.md lists every name)."""
    zone = _zone(ctx.timezone)
    interview_at = _local(ctx.interview_at, zone)
    replied_date = _local(ctx.replied_date, zone)

    candidate_name = clean_line(ctx.candidate_name, MAX_NAME_CHARS)
    candidate_phone = clean_line(ctx.candidate_phone, 50)
    signature = clean_block(ctx.candidate_signature, 2000).strip("\n")
    if signature:
        sign_off = signature
    else:
        sign_off = "\n".join(p for p in (candidate_name, candidate_phone) if p)

    contact_name = clean_display_name(ctx.contact_name)
    contact_first = first_name(contact_name)
    company = clean_line(ctx.company, MAX_COMPANY_CHARS) or "your company"
    role = clean_line(ctx.role, MAX_COMPANY_CHARS)
    requested = clean_line(ctx.requested, MAX_REQUESTED_CHARS).rstrip(" .;:,!?")
    references = [_template_reference(r) for r in ctx.references]
    replied_subject = clean_line(ctx.replied_subject, MAX_SUBJECT_CHARS)

    return {
        "step": step,
        "candidate": _TemplatePerson(
            name=candidate_name,
            email=clean_line(ctx.candidate_email, 254),
            first_name=first_name(candidate_name),
            phone=candidate_phone,
            signature=signature,
        ),
        "candidate_name": candidate_name,
        "sign_off": sign_off,
        "company": company,
        "role": role,
        "role_phrase": f"the {role} role" if role else "the role",
        "contact": _TemplatePerson(
            name=contact_name,
            email=clean_line(ctx.contact_email, 254),
            first_name=contact_first,
            role=clean_line(ctx.contact_role, 40),
        ),
        "contact_name": contact_name,
        "contact_first_name": contact_first,
        "greeting": f"Hi {contact_first}," if contact_first else "Hello,",
        "interview_at": interview_at,
        "interview_date": long_date(interview_at),
        "interview_date_with_year": long_date_with_year(interview_at),
        "interview_time": clock_time(interview_at),
        "timezone": str(zone.key),
        "references": references,
        "references_block": "\n\n".join(_reference_lines(r) for r in references),
        "replied": _TemplateReplied(
            subject=replied_subject,
            sender_name=clean_display_name(ctx.replied_sender_name or ""),
            date=replied_date,
            date_text=long_date(replied_date),
        ),
        "in_thread": ctx.in_thread,
        "requested": requested,
        "requested_item": candidate_voice(requested),
        "decision_date": ctx.decision_date,
        "decision_date_text": long_date(ctx.decision_date),
    }


def _template_reference(ref: ReferenceInfo) -> _TemplateReference:
    email_addr = clean_line(ref.email, 254)
    phone = clean_line(ref.phone, 50)
    return _TemplateReference(
        name=clean_line(ref.name, MAX_NAME_CHARS),
        title=clean_line(ref.title, 150),
        relationship=clean_line(ref.relationship, 200),
        email=email_addr,
        phone=phone,
        contact=" | ".join(p for p in (email_addr, phone) if p),
    )


def _reference_lines(ref: _TemplateReference) -> str:
    lines = [f"{ref.name}, {ref.title}" if ref.title else ref.name]
    if ref.relationship:
        lines.append(ref.relationship)
    if ref.contact:
        lines.append(ref.contact)
    return "\n".join(lines)


def _finalize(value: object) -> object:
    """An optional value that is None prints as nothing, not as "None"."""
    return "" if value is None else value


def packaged_templates_dir() -> Path:
    """The templates shipped with the package (a symlink to the repo's templates/ when editable)."""
    return Path(os.fspath(importlib.resources.files("treadgently") / "templates"))


class DraftRenderer:
    """The one Jinja environment for drafts; build once, render many."""

    def __init__(self, user_dir: str | os.PathLike[str] | None = None) -> None:
        self.packaged_dir = packaged_templates_dir()
        self.user_dir = Path(user_dir).expanduser().absolute() if user_dir is not None else None
        if self.user_dir is not None and not self.user_dir.is_dir():
            raise TemplateError(f"{self.user_dir}: [templates] dir is not a directory")
        searchpaths = [p for p in (self.user_dir, self.packaged_dir) if p is not None]
        self.searchpaths = tuple(searchpaths)
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(p)) for p in searchpaths])
        # Plain-text mail: HTML escaping would corrupt "&" and quotes.
        self.env = ImmutableSandboxedEnvironment(
            loader=loader,
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            finalize=_finalize,
        )
        self.env.filters["long_date"] = long_date
        self.env.filters["long_date_with_year"] = long_date_with_year
        self.env.filters["clock_time"] = clock_time
        self.env.filters["capfirst"] = capfirst

    def template_names(self) -> list[str]:
        """Every template file the loaders can see, overrides and packaged, by name."""
        return sorted(self.env.list_templates(extensions=[TEMPLATE_SUFFIX.lstrip(".")]))

    def source_of(self, step: str) -> str:
        """Which file a step renders from (the user's override or the packaged one)."""
        return self._template(step).filename or f"{step}{TEMPLATE_SUFFIX}"

    def render(self, step: str, ctx: DraftContext) -> RenderedDraft:
        """Render one draft.  Raises TemplateError("<file>:<line>: <message>")."""
        template = self._template(step)
        filename = template.filename or template.name or step
        variables = template_variables(step, ctx)
        try:
            text = template.render(variables)
        except jinja2.TemplateSyntaxError as exc:  # in an included template
            raise TemplateError(_syntax_message(exc)) from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(
                f"{filename}:{_template_line(exc.__traceback__, self.searchpaths)}: "
                f"included template not found: {exc.name}"
            ) from None
        except jinja2.TemplateError as exc:  # undefined variable, sandbox refusal, ...
            where, line = _template_location(exc.__traceback__, self.searchpaths, filename)
            raise TemplateError(f"{where}:{line}: {type(exc).__name__}: {exc}") from None
        except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as exc:
            where, line = _template_location(exc.__traceback__, self.searchpaths, filename)
            raise TemplateError(f"{where}:{line}: {type(exc).__name__}: {exc}") from None
        log.debug("rendered %s from %s", step, filename)
        return _split_subject(text, filename, ctx)

    def _template(self, step: str) -> jinja2.Template:
        if not _STEP_RE.fullmatch(step):
            raise ValueError(f"not a draft step name: {step!r}")
        name = f"{step}{TEMPLATE_SUFFIX}"
        try:
            return self.env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(_syntax_message(exc)) from None
        except jinja2.TemplateNotFound:
            places = ", ".join(str(p) for p in self.searchpaths)
            raise TemplateError(f"{name}:0: no such template in {places}") from None


def _syntax_message(exc: jinja2.TemplateSyntaxError) -> str:
    return f"{exc.filename or exc.name}:{exc.lineno}: syntax error: {exc.message}"


def _template_location(
    tb: TracebackType | None, searchpaths: Sequence[Path], fallback: str
) -> tuple[str, int]:
    """The innermost template file and line in a traceback Jinja rewrote for us."""
    where, line = fallback, 0
    roots = tuple(str(p) for p in searchpaths)
    while tb is not None:
        code_file = tb.tb_frame.f_code.co_filename
        if code_file.startswith(roots) or code_file == fallback:
            where, line = code_file, tb.tb_lineno
        tb = tb.tb_next
    return where, line


def _template_line(tb: TracebackType | None, searchpaths: Sequence[Path]) -> int:
    return _template_location(tb, searchpaths, "")[1]


def _split_subject(text: str, filename: str, ctx: DraftContext) -> RenderedDraft:
    """First line "Subject: ...", then the body.  A draft in a thread keeps the thread's subject.

    Gmail only files a draft into an existing thread when the subject matches,
    so for replies (and follow-ups joining a thread) the template's subject is
    the fallback for a thread that has none.
    """
    first, _, rest = text.lstrip("\n").partition("\n")
    found = _SUBJECT_LINE_RE.fullmatch(first.strip())
    if found is None:
        raise TemplateError(f"{filename}:1: the first line must be 'Subject: ...'")
    subject = clean_line(found.group(1), MAX_SUBJECT_CHARS)
    thread_subject = clean_line(ctx.replied_subject, MAX_SUBJECT_CHARS)
    if ctx.in_thread and thread_subject:
        subject = reply_subject(thread_subject)
    if not subject:
        raise TemplateError(f"{filename}:1: the subject is empty")
    body = _tidy_body(rest)
    if not body.strip():
        raise TemplateError(f"{filename}:2: the body is empty")
    return RenderedDraft(subject=subject, body=body)


def _tidy_body(text: str) -> str:
    """Trailing spaces off, at most one blank line in a row, one final newline."""
    text = clean_block(text)
    lines = [line.rstrip() for line in text.split("\n")]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return body + "\n"


# ---------------------------------------------------------------------------
# MIME


_MIME_POLICY = email.policy.SMTP.clone(refold_source="none")
_FOLD_AT = 78
_EW_MAX_BYTES = 45  # base64 of 45 bytes is 60 characters; with "=?utf-8?b?" and "?=", 72
_BASE_HEADERS = (
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
)


class InvalidRecipientError(ValueError):
    """The contact's address cannot be written into a To header safely."""


def deterministic_message_id(*parts: str, domain: str) -> str:
    """Our own Message-ID for a draft, the same for the same (application, step, trigger).

    Used to find a draft again after a crash between drafts.create and
    storing its id: the poll engine searches Gmail for this id.
    """
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
    host = re.sub(r"[^A-Za-z0-9.-]", "", domain).strip(".") or "treadgently.invalid"
    return f"<treadgently.{digest}@{host}>"


def clean_message_ids(ids: Iterable[str]) -> list[str]:
    """The ``<...>`` tokens of printable ASCII in `ids`, deduplicated in order; nothing else."""
    kept: dict[str, None] = {}
    for value in ids:
        for found in _MESSAGE_ID_RE.findall(str(value or "")):
            kept.setdefault(found, None)
    return list(kept)


def threading_ids(ctx: DraftContext) -> tuple[str, list[str]]:
    """(In-Reply-To, References) for a reply: the parent's References plus the parent's id.

    Bounded as RFC 5322 suggests for long threads: keep the first (the thread's
    root) and the most recent ones.
    """
    parent = clean_message_ids([ctx.in_reply_to or ""])
    in_reply_to = parent[0] if parent else ""
    references = clean_message_ids([*ctx.parent_references, in_reply_to])
    if in_reply_to and in_reply_to in references:
        references.remove(in_reply_to)
        references.append(in_reply_to)
    if len(references) > MAX_REFERENCE_IDS:
        references = references[:1] + references[-(MAX_REFERENCE_IDS - 1) :]
    return in_reply_to, references


def _checked_addr_spec(addr: str, what: str) -> str:
    addr = (addr or "").strip()
    if len(addr) > 254 or not _ADDR_SPEC_RE.fullmatch(addr):
        raise InvalidRecipientError(f"{what} address is not usable: {clean_line(addr, 80)!r}")
    return addr


def _needs_encoding(text: str) -> bool:
    """Non-ASCII, or text a decoder would mistake for an encoded word."""
    return not text.isascii() or "=?" in text


def _encoded_words(text: str) -> list[str]:
    """RFC 2047 base64 words of at most 75 characters, never splitting a character."""
    words: list[str] = []
    chunk = ""
    for char in text:
        if chunk and len((chunk + char).encode("utf-8")) > _EW_MAX_BYTES:
            words.append(chunk)
            chunk = ""
        chunk += char
    if chunk:
        words.append(chunk)
    return [f"=?utf-8?b?{base64.b64encode(w.encode('utf-8')).decode('ascii')}?=" for w in words]


def _folded(words: Sequence[str], first_line_used: int) -> str:
    """Words joined by spaces, folded (newline + space) before a line would pass 78."""
    lines: list[str] = []
    line = ""
    used = first_line_used
    for word in words:
        if line and used + len(line) + 1 + len(word) > _FOLD_AT:
            lines.append(line)
            line, used = word, 1
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n ".join(lines)


def _unstructured_header(name: str, text: str) -> str:
    if _needs_encoding(text):
        return _folded(_encoded_words(text), len(name) + 2)
    return _folded(text.split(" "), len(name) + 2)


def _address_header(name: str, display_name: str, addr_spec: str) -> str:
    """`Name <addr>` with the name quoted or encoded by us, so no folder can break the quoting."""
    if not display_name:
        return addr_spec
    if _needs_encoding(display_name):
        phrase = _encoded_words(display_name)
    else:
        phrase = ['"' + display_name.replace("\\", "\\\\").replace('"', '\\"') + '"']
    return _folded([*phrase, f"<{addr_spec}>"], len(name) + 2)


def build_draft_mime(
    rendered: RenderedDraft,
    ctx: DraftContext,
    *,
    message_id: str,
    date: datetime | None = None,
) -> bytes:
    """The draft as RFC 5322 bytes (CRLF) for Gmail's drafts.create ``raw``.

    Headers, exactly: From, To, Subject, Date, Message-ID, MIME-Version,
    Content-Type, Content-Transfer-Encoding, plus In-Reply-To and References
    when the draft answers a message.  Raises InvalidRecipientError for an
    address that cannot be written safely, ValueError for a malformed
    message_id.

    We encode and fold the headers we write ourselves (``set_raw``): the
    stdlib folder drops the quotes around long display names (turning
    ``";x..."`` into a group) and splits UTF-8 characters between encoded
    words.  Every value is already one clean line before it is folded.
    """
    own_id = clean_message_ids([message_id])
    if len(own_id) != 1 or own_id[0] != message_id.strip():
        raise ValueError(f"message_id must be one <id@host> token: {clean_line(message_id, 80)!r}")
    sender = _checked_addr_spec(ctx.candidate_email, "candidate")
    recipient = _checked_addr_spec(ctx.contact_email, "contact")
    subject = clean_line(rendered.subject, MAX_SUBJECT_CHARS)
    in_reply_to, references = threading_ids(ctx)

    msg = EmailMessage(policy=_MIME_POLICY)
    msg.set_raw("From", _address_header("From", clean_display_name(ctx.candidate_name), sender))
    msg.set_raw("To", _address_header("To", clean_display_name(ctx.contact_name), recipient))
    msg.set_raw("Subject", _unstructured_header("Subject", subject))
    msg.set_raw("Date", email.utils.format_datetime(date or datetime.now(UTC)))
    msg.set_raw("Message-ID", own_id[0])
    if in_reply_to:
        msg.set_raw("In-Reply-To", in_reply_to)
    if references:
        msg.set_raw("References", "\n ".join(references))
    msg.set_content(_tidy_body(rendered.body), subtype="plain", charset="utf-8")
    raw = msg.as_bytes()
    _verify_headers(raw, threaded=bool(in_reply_to), referenced=bool(references))
    return raw


def _verify_headers(raw: bytes, *, threaded: bool, referenced: bool) -> None:
    """Defence in depth: re-parse what we wrote and insist on exactly our header set."""
    expected = list(_BASE_HEADERS)
    if threaded:
        expected.append("in-reply-to")
    if referenced:
        expected.append("references")
    parsed = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw)
    found = sorted(name.lower() for name in parsed)
    if found != sorted(expected):
        raise RuntimeError(f"draft MIME has unexpected headers: {found}")


# ---------------------------------------------------------------------------
# Content hashes: "is this still the draft we wrote?"


def normalize_text(text: str) -> str:
    """The words of a body, independent of line endings, wrapping and encoding."""
    text = unicodedata.normalize("NFC", clean_block(text, len(text)))
    return " ".join(text.split())


def content_hash(content: str | bytes | RenderedDraft | Message) -> str:
    """A hash of the normalized text/plain body.

    Gmail may re-encode a draft (quoted-printable, base64, CRLF, a
    multipart/alternative wrapper); an edit by the user changes the words.
    So compare the decoded, whitespace-normalized text, never raw bytes.
    Text (str / RenderedDraft) and MIME (bytes / Message) of the same draft
    hash equal.  The subject is not part of the hash.
    """
    if isinstance(content, RenderedDraft):
        text = content.body
    elif isinstance(content, bytes):
        return content_hash_of_raw(content)
    elif isinstance(content, Message):
        text = plain_text_of(content)
    else:
        text = content
    digest = hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()
    return f"sha256:{digest}"


def content_hash_of_raw(raw: bytes) -> str:
    """content_hash of a draft's raw RFC 5322 bytes as fetched back from Gmail."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    return content_hash(plain_text_of(msg))


def plain_text_of(msg: Message) -> str:
    """The decoded first inline text/plain part ("" if there is none or it is unreadable)."""
    for part in msg.walk():
        if (
            part.get_content_type() != "text/plain"
            or part.get_content_disposition() == "attachment"
        ):
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            return ""
        charset = part.get_content_charset() or "utf-8"
        try:
            return payload.decode(charset, errors="replace")
        except LookupError:
            return payload.decode("utf-8", errors="replace")
    return ""


# ---------------------------------------------------------------------------
# check


def sample_contexts() -> list[DraftContext]:
    """Sample data covering every optional branch: with and without role, thread, references."""
    interview = datetime(2025, 11, 18, 15, 0, tzinfo=UTC)
    full = DraftContext(
        candidate_name="Alex Rivera",
        candidate_email="alex.rivera@example.com",
        candidate_phone="+1 555 0100",
        candidate_signature=None,
        references=(
            ReferenceInfo(
                name="Jordan Lee",
                title="Engineering Manager, Example Corp",
                relationship="My manager for three years",
                email="jordan.lee@example.org",
                phone="+1 555 0101",
            ),
            ReferenceInfo(name="Sam Patel"),
        ),
        company="Acme Analytics",
        role="Senior Data Engineer",
        interview_at=interview,
        timezone="America/New_York",
        contact_name="Dana Whitfield",
        contact_email="dana@acme.example",
        contact_role="recruiter",
        replied_subject="Re: Interview follow-up",
        replied_sender_name="Dana Whitfield",
        replied_date=datetime(2025, 11, 26, 14, 0, tzinfo=UTC),
        in_reply_to="<abc123@acme.example>",
        parent_references=("<root@acme.example>",),
        requested="your portfolio",
        decision_date=date(2025, 12, 5),
    )
    bare = DraftContext(
        candidate_name="Alex Rivera",
        candidate_email="alex.rivera@example.com",
        candidate_signature="Alex Rivera\nData engineer | alex.example.com",
        company="Acme Analytics",
        contact_email="careers@acme.example",
    )
    return [full, bare]


def check_templates(renderer: DraftRenderer) -> list[str]:
    """Render every draft kind with sample data; one "<file>:<line>: <message>" per problem."""
    problems: list[str] = []
    for step in STEPS:
        for ctx in sample_contexts():
            try:
                rendered = renderer.render(step, ctx)
                build_draft_mime(rendered, ctx, message_id="<check@treadgently.invalid>")
            except TemplateError as exc:
                message = str(exc)
                if message not in problems:
                    problems.append(message)
                break
    return problems


__all__ = [
    "STEPS",
    "DraftContext",
    "DraftRenderer",
    "InvalidRecipientError",
    "ReferenceInfo",
    "RenderedDraft",
    "build_draft_mime",
    "check_templates",
    "clean_line",
    "content_hash",
    "content_hash_of_raw",
    "deterministic_message_id",
    "reply_fields",
    "reply_subject",
]
