"""What to read from Gmail: backfill searches, the history walk, and relevance.

The model is lieer's: read the historyId *before* a full sync, walk
``history.list`` from the stored one afterwards, and store the new id only in
the same transaction as the changes it covers (poll.py does that).

Quota is spent only where it can matter.  A backfill asks Gmail's search for
what can be relevant (interview words, the companies we track) instead of
listing the mailbox; an incremental poll reads the history (one request when
nothing happened), reads metadata only for new messages in unknown threads,
and the whole message (``raw``) only for candidates.  Only the search
operators that both Gmail and the sandbox understand are used; dates are epoch
seconds because Gmail reads ``after:YYYY/MM/DD`` as midnight Pacific time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import quote_plus

from treadgently.gmail import HistoryChanges, MessageMeta

# Words that make a message worth reading as a possible interview confirmation.
# Searched by Gmail in subject and body; kept short, because every hit costs a fetch.
CONFIRMATION_WORDS = (
    "interview",
    "interviews",
    "interviewing",
    "superday",
    '"calendar invitation"',
    "Vorstellungsgespräch",
    "Bewerbungsgespräch",
    "Interviewtermin",
    "entretien",
    "entrevista",
    "sollicitatiegesprek",
    "filename:ics",
)
# The same idea for metadata only (subject and content type) during incremental sync.
CONFIRMATION_SUBJECT = re.compile(
    r"interview|invitation|invite|scheduled|confirm|super\s?day|on-?site|panel|"
    r"gespräch|termin|einladung|entretien|entrevista|convocatoria|gesprek|uitnodiging|"
    r"rendez-vous|cita",
    re.IGNORECASE,
)
QUERY_CHUNK = 25  # terms per search, well under Gmail's query length limit
# googleapiclient turns a GET whose URL passes 2,048 characters into a POST with
# X-HTTP-Method-Override; on .../messages that reads as messages.insert, so keep each
# search's encoded query well under that (the rest of the URL needs ~150 characters).
QUERY_URL_BUDGET = 1500


def epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def lookback_start(now: datetime, lookback_days: int) -> datetime:
    return now - timedelta(days=lookback_days)


def confirmation_query(after: datetime) -> str:
    return f"after:{epoch(after)} ({' OR '.join(CONFIRMATION_WORDS)})"


def company_queries(
    domains: Iterable[str],
    people: Iterable[str],
    after: datetime,
    names: Iterable[str] = (),
) -> list[str]:
    """Searches for mail from or to the tracked companies and people, chunked.

    Company ``names`` catch mail sent for a company by an applicant-tracking system
    ("Acme Robotics <no-reply@ats.example>"), which no domain or person would match.
    """
    terms = sorted({*(d.lower() for d in domains), *(p.lower() for p in people)})
    terms += sorted({_quoted(n) for n in names if _quoted(n)})
    queries: list[str] = []
    chunk: list[str] = []
    for term in terms:
        longer = _company_query([*chunk, term], after)
        if chunk and (len(chunk) >= QUERY_CHUNK or len(quote_plus(longer)) > QUERY_URL_BUDGET):
            queries.append(_company_query(chunk, after))
            chunk = []
        chunk.append(term)
    if chunk:
        queries.append(_company_query(chunk, after))
    return queries


def _company_query(terms: Sequence[str], after: datetime) -> str:
    # A company name is searched as a plain quoted phrase, the most portable form.
    sides = " OR ".join(t if t.startswith('"') else f"from:{t} OR to:{t}" for t in terms)
    return f"after:{epoch(after)} ({sides})"


def _quoted(name: str) -> str:
    """A company name as a search phrase; names too short to be specific are left out."""
    cleaned = " ".join(re.sub(r'["()]', " ", name).split())
    return f'"{cleaned}"' if len(cleaned) >= 4 else ""


def names_in_headers(meta: MessageMeta, names: Iterable[str]) -> bool:
    """Whether the From or Subject header names one of the tracked companies."""
    haystack = f"{meta.headers.get('from', '')} {meta.headers.get('subject', '')}".lower()
    return any(name and _word_in(name.lower(), haystack) for name in names)


def _word_in(phrase: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


def header_addresses(meta: MessageMeta) -> list[str]:
    found: list[str] = []
    for name in ("from", "to", "cc"):
        found.extend(re.findall(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w.-]+", meta.headers.get(name, "")))
    return [address.lower() for address in found]


def may_be_confirmation(meta: MessageMeta) -> bool:
    content_type = meta.headers.get("content-type", "").lower()
    return "calendar" in content_type or bool(
        CONFIRMATION_SUBJECT.search(meta.headers.get("subject", ""))
    )


@dataclass
class HistoryDigest:
    """A history page sorted into what the poll must act on."""

    new_ids: list[str] = field(default_factory=list)  # messages to consider (not drafts)
    new_threads: dict[str, str] = field(default_factory=dict)  # id -> thread id
    sent_ids: set[str] = field(default_factory=set)  # messages that now carry SENT
    touched: set[str] = field(default_factory=set)  # message ids deleted or relabelled
    sent_threads: set[str] = field(default_factory=set)  # threads where the user sent mail


def digest_history(changes: HistoryChanges) -> HistoryDigest:
    digest = HistoryDigest()
    for message in changes.added:
        if "SENT" in message.label_ids:
            digest.sent_threads.add(message.thread_id)
            digest.sent_ids.add(message.id)
        if "DRAFT" in message.label_ids:
            continue  # a draft (ours, or the user's own writing) is not mail to read
        if message.id not in digest.new_threads:
            digest.new_ids.append(message.id)
            digest.new_threads[message.id] = message.thread_id
    digest.touched.update(changes.deleted)
    for message in changes.labels_added:
        digest.touched.add(message.id)
        if "SENT" in message.label_ids:
            digest.sent_ids.add(message.id)
            digest.sent_threads.add(message.thread_id)
    for message in changes.labels_removed:
        digest.touched.add(message.id)
    return digest


def unique(ids: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(ids))
