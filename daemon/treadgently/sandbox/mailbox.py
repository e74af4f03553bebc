"""The sandbox's in-memory mailbox: messages, threads, drafts, labels and history.

It behaves like Gmail where the product can tell the difference: every change
gets a new history id and a history record, drafts are messages with the DRAFT
label, and a message joins an existing thread only by Gmail's rule (the
subject fits and In-Reply-To/References name a message of that thread).
All methods take one lock, so the HTTP threads and the test's own calls
(``deliver``, ``user_sends_draft``) see a consistent mailbox.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from treadgently.sandbox.index import MessageIndex, index_message, normalize_subject

logger = logging.getLogger(__name__)

SYSTEM_LABELS = (
    "INBOX",
    "SENT",
    "DRAFT",
    "SPAM",
    "TRASH",
    "UNREAD",
    "STARRED",
    "IMPORTANT",
    "CHAT",
    "CATEGORY_PERSONAL",
    "CATEGORY_SOCIAL",
    "CATEGORY_PROMOTIONS",
    "CATEGORY_UPDATES",
    "CATEGORY_FORUMS",
)
FIRST_HISTORY_ID = 1000
FIRST_MESSAGE_NUMBER = 0x18C0_0000_0000_0000  # ids look like Gmail's 16 hex digits
FIRST_DRAFT_NUMBER = 5_000_000_000_000_000  # draft ids look like Gmail's r<digits>


def _is_hex(text: str) -> bool:
    try:
        int(text, 16)
    except ValueError:
        return False
    return True


class MailboxError(Exception):
    """A request the mailbox refuses; carries the HTTP status and Gmail's reason."""

    def __init__(self, status: int, reason: str, message: str):
        super().__init__(message)
        self.status = status
        self.reason = reason
        self.message = message


@dataclass
class StoredMessage:
    id: str
    thread_id: str
    raw: bytes
    internal_date: int  # epoch milliseconds
    label_ids: set[str]
    history_id: int
    index: MessageIndex

    def summary(self) -> dict[str, object]:
        return {"id": self.id, "threadId": self.thread_id, "labelIds": sorted(self.label_ids)}


@dataclass
class Draft:
    id: str
    message_id: str


@dataclass(frozen=True)
class HistoryRecord:
    id: int
    kind: str  # messagesAdded | messagesDeleted | labelsAdded | labelsRemoved
    message_id: str
    thread_id: str
    label_ids: tuple[str, ...]  # the message's labels after the change
    changed_labels: tuple[str, ...] = ()  # for labelsAdded / labelsRemoved


@dataclass(frozen=True)
class ThreadingDecision:
    """Why a draft landed in the thread it did, so tests can assert Gmail's threading rule."""

    draft_id: str
    message_id: str
    requested_thread_id: str | None
    thread_id: str
    joined: bool
    reason: str


@dataclass
class Label:
    id: str
    name: str
    type: str = "user"

    def resource(self) -> dict[str, object]:
        body: dict[str, object] = {"id": self.id, "name": self.name, "type": self.type}
        if self.type == "user":
            body["messageListVisibility"] = "show"
            body["labelListVisibility"] = "labelShow"
        return body


@dataclass
class Mailbox:
    user_email: str
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    history_floor: int = FIRST_HISTORY_ID  # history.list before this id answers 404
    lock: threading.RLock = field(default_factory=threading.RLock)

    def __post_init__(self) -> None:
        self.messages: dict[str, StoredMessage] = {}
        self.threads: dict[str, list[str]] = {}
        self.drafts: dict[str, Draft] = {}
        self.history: list[HistoryRecord] = []
        self.history_id = FIRST_HISTORY_ID
        self.labels: dict[str, Label] = {
            name: Label(id=name, name=name, type="system") for name in SYSTEM_LABELS
        }
        self.by_rfc_id: dict[str, str] = {}  # Message-ID header -> message id
        self.threading_decisions: list[ThreadingDecision] = []
        self._numbers = itertools.count(FIRST_MESSAGE_NUMBER + 1)
        self._draft_numbers = itertools.count(FIRST_DRAFT_NUMBER + 1)
        self._label_numbers = itertools.count(1)

    # ---- ids and history -------------------------------------------------

    def resume_numbering(self) -> None:
        """After a reload: new ids continue after the highest stored ones."""
        numbers = [int(i, 16) for i in [*self.messages, *self.threads] if _is_hex(i)]
        self._numbers = itertools.count(max([FIRST_MESSAGE_NUMBER, *numbers]) + 1)
        drafts = [int(d[1:]) for d in self.drafts if d[1:].isdigit()]
        self._draft_numbers = itertools.count(max([FIRST_DRAFT_NUMBER, *drafts]) + 1)
        labels = [int(i[6:]) for i in self.labels if i.startswith("Label_") and i[6:].isdigit()]
        self._label_numbers = itertools.count(max([0, *labels]) + 1)

    def _new_message_id(self) -> str:
        while True:
            candidate = f"{next(self._numbers):016x}"
            if candidate not in self.messages and candidate not in self.threads:
                return candidate

    def _new_draft_id(self) -> str:
        while True:
            candidate = f"r{next(self._draft_numbers):d}"
            if candidate not in self.drafts:
                return candidate

    def _record(self, kind: str, message: StoredMessage, changed: Iterable[str] = ()) -> None:
        self.history_id += 1
        message.history_id = self.history_id
        self.history.append(
            HistoryRecord(
                id=self.history_id,
                kind=kind,
                message_id=message.id,
                thread_id=message.thread_id,
                label_ids=tuple(sorted(message.label_ids)),
                changed_labels=tuple(sorted(changed)),
            )
        )

    def expire_history(self) -> None:
        """Make every history id handed out so far too old, as Gmail does after about a week."""
        with self.lock:
            self.history_id += 1
            self.history_floor = self.history_id

    # ---- storing messages ------------------------------------------------

    def _thread_by_rule(self, index: MessageIndex, wanted: str | None) -> tuple[str | None, str]:
        """The thread a new message may join: Gmail needs a fitting subject and a reference."""
        candidates = [wanted] if wanted else []
        if not wanted:
            for rfc_id in index.references:
                known = self.by_rfc_id.get(rfc_id)
                if known and known in self.messages:
                    candidates.append(self.messages[known].thread_id)
        if not candidates:
            return None, "no threadId and no known reference"
        for thread_id in candidates:
            members = [self.messages[m] for m in self.threads.get(thread_id, ())]
            if not members:
                return None, f"thread {thread_id} does not exist"
            member_ids = {m.index.message_id for m in members if m.index.message_id}
            if not member_ids.intersection(index.references):
                return None, "In-Reply-To/References name no message of the thread"
            subject = normalize_subject(index.subject)
            if all(normalize_subject(m.index.subject) != subject for m in members):
                return None, "subject does not match the thread"
            return thread_id, "subject and references fit"
        return None, "no fitting thread"

    def _store(
        self,
        raw: bytes,
        labels: Iterable[str],
        *,
        thread_id: str | None,
        internal_date: int | None,
        forced_thread: bool,
    ) -> tuple[StoredMessage, str]:
        index = index_message(raw)
        if forced_thread and thread_id:
            chosen, reason = thread_id, "thread given by the caller"
        else:
            chosen, reason = self._thread_by_rule(index, thread_id)
        message_id = self._new_message_id()
        if internal_date is None:
            internal_date = index.date_ms or int(self.clock().timestamp() * 1000)
        for label in labels:
            if label not in self.labels:
                raise MailboxError(400, "invalidArgument", f"Invalid label: {label}")
        message = StoredMessage(
            id=message_id,
            thread_id=chosen or message_id,
            raw=raw,
            internal_date=internal_date,
            label_ids=set(labels),
            history_id=0,
            index=index,
        )
        self.messages[message_id] = message
        self.threads.setdefault(message.thread_id, []).append(message_id)
        if index.message_id:
            self.by_rfc_id.setdefault(index.message_id, message_id)
        self._record("messagesAdded", message)
        return message, reason

    def deliver(
        self,
        raw: bytes,
        labels: Iterable[str] = ("INBOX", "UNREAD"),
        *,
        thread_id: str | None = None,
        internal_date: int | None = None,
    ) -> str:
        """Mail arriving (or sent by the user): a given thread_id is trusted, as Gmail does."""
        with self.lock:
            message, _ = self._store(
                raw, labels, thread_id=thread_id, internal_date=internal_date, forced_thread=True
            )
            return message.id

    def _delete(self, message: StoredMessage) -> None:
        del self.messages[message.id]
        members = self.threads.get(message.thread_id, [])
        if message.id in members:
            members.remove(message.id)
        if not members:
            self.threads.pop(message.thread_id, None)
        if self.by_rfc_id.get(message.index.message_id) == message.id:
            del self.by_rfc_id[message.index.message_id]
        self._record("messagesDeleted", message)

    def get(self, message_id: str) -> StoredMessage:
        message = self.messages.get(message_id)
        if message is None:
            raise MailboxError(404, "notFound", "Requested entity was not found.")
        return message

    def modify(self, message_id: str, add: Iterable[str], remove: Iterable[str]) -> StoredMessage:
        with self.lock:
            message = self.get(message_id)
            add, remove = set(add), set(remove)
            for label in add | remove:
                if label not in self.labels:
                    raise MailboxError(400, "invalidArgument", f"Invalid label: {label}")
            added = add - message.label_ids
            removed = (remove - add) & message.label_ids
            message.label_ids |= added
            message.label_ids -= removed
            if added:
                self._record("labelsAdded", message, added)
            if removed:
                self._record("labelsRemoved", message, removed)
            return message

    def thread(self, thread_id: str) -> list[StoredMessage]:
        members = self.threads.get(thread_id)
        if not members:
            raise MailboxError(404, "notFound", "Requested entity was not found.")
        return sorted((self.messages[m] for m in members), key=lambda m: (m.internal_date, m.id))

    # ---- labels ----------------------------------------------------------

    def create_label(self, name: str) -> Label:
        with self.lock:
            name = name.strip()
            if not name:
                raise MailboxError(400, "invalidArgument", "Invalid label name")
            if any(label.name.casefold() == name.casefold() for label in self.labels.values()):
                raise MailboxError(409, "duplicate", "Label name exists or conflicts")
            label = Label(id=f"Label_{next(self._label_numbers)}", name=name)
            self.labels[label.id] = label
            return label

    def label_id(self, name_or_id: str) -> str | None:
        """A label by id or (case-insensitive) name, as search's label: accepts both."""
        if name_or_id in self.labels:
            return name_or_id
        wanted = name_or_id.casefold().replace("-", " ").replace("/", " ")
        for label in self.labels.values():
            if label.name.casefold().replace("-", " ").replace("/", " ") == wanted:
                return label.id
        return None

    # ---- drafts ----------------------------------------------------------

    def draft(self, draft_id: str) -> Draft:
        found = self.drafts.get(draft_id)
        if found is None:
            raise MailboxError(404, "notFound", "Requested entity was not found.")
        return found

    def draft_for_message(self, message_id: str) -> Draft | None:
        return next((d for d in self.drafts.values() if d.message_id == message_id), None)

    def _store_draft_message(self, draft_id: str, raw: bytes, thread_id: str | None) -> str:
        message, reason = self._store(
            raw, ("DRAFT",), thread_id=thread_id, internal_date=None, forced_thread=False
        )
        joined = thread_id is not None and message.thread_id == thread_id
        self.threading_decisions.append(
            ThreadingDecision(
                draft_id=draft_id,
                message_id=message.id,
                requested_thread_id=thread_id,
                thread_id=message.thread_id,
                joined=joined,
                reason=reason if thread_id else "no threadId given",
            )
        )
        if thread_id and not joined:
            logger.info("sandbox draft %s did not join thread %s: %s", draft_id, thread_id, reason)
        return message.id

    def create_draft(self, raw: bytes, thread_id: str | None) -> Draft:
        with self.lock:
            draft_id = self._new_draft_id()
            draft = Draft(
                id=draft_id, message_id=self._store_draft_message(draft_id, raw, thread_id)
            )
            self.drafts[draft_id] = draft
            return draft

    def update_draft(self, draft_id: str, raw: bytes, thread_id: str | None) -> Draft:
        """Gmail replaces the draft's message: a new message id, the old one deleted."""
        with self.lock:
            draft = self.draft(draft_id)
            old = self.messages.get(draft.message_id)
            if old is not None:
                self._delete(old)
            draft.message_id = self._store_draft_message(draft_id, raw, thread_id)
            return draft

    def delete_draft(self, draft_id: str) -> None:
        with self.lock:
            draft = self.draft(draft_id)
            del self.drafts[draft_id]
            old = self.messages.get(draft.message_id)
            if old is not None:
                self._delete(old)

    def send_draft_as_user(self, draft_id: str) -> str:
        """The user pressed Send in Gmail: the draft goes, its message becomes SENT."""
        with self.lock:
            draft = self.draft(draft_id)
            del self.drafts[draft_id]
            message = self.get(draft.message_id)
            message.label_ids.discard("DRAFT")
            self._record("labelsRemoved", message, ["DRAFT"])
            message.label_ids.add("SENT")
            message.internal_date = int(self.clock().timestamp() * 1000)
            self._record("labelsAdded", message, ["SENT"])
            return message.id

    def delete_message_of_draft(self, message_id: str) -> None:
        """trash/delete of a draft's message: allowed, it removes the draft with it."""
        with self.lock:
            message = self.get(message_id)
            draft = self.draft_for_message(message_id)
            if draft is not None:
                del self.drafts[draft.id]
            self._delete(message)

    # ---- history ---------------------------------------------------------

    def history_since(self, start: int) -> list[HistoryRecord]:
        if start < self.history_floor:
            raise MailboxError(404, "notFound", "Requested entity was not found.")
        return self.history[bisect.bisect_right(self.history, start, key=lambda r: r.id) :]

    def stats(self) -> tuple[int, int]:
        return len(self.messages), len(self.threads)
