"""``Sandbox``: the emulator as a test, the demo or a curious user holds it.

It owns the mailbox, the HTTP server thread, the request log and the fault
controls, and adds the helpers that play the *user's* side of Gmail
(delivering mail, sending or editing a draft in the web UI) without going
through the API, so they never show up in the request log.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from treadgently.sandbox.api import GmailApi, Violation
from treadgently.sandbox.faults import Faults
from treadgently.sandbox.mailbox import Mailbox, StoredMessage, ThreadingDecision
from treadgently.sandbox.quota import RequestLog, RequestRecord
from treadgently.sandbox.server import SandboxServer, SandboxService

logger = logging.getLogger(__name__)

DEFAULT_USER = "jordan@example.com"


@dataclass(frozen=True)
class MessageView:
    """A stored message as a test sees it: ids, labels and the headers that matter."""

    id: str
    thread_id: str
    label_ids: tuple[str, ...]
    internal_date: datetime
    headers: tuple[tuple[str, str], ...]
    raw: bytes

    def header(self, name: str) -> str:
        """The first header of that name, decoded; "" if absent."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), "")

    @property
    def subject(self) -> str:
        return self.header("Subject")


@dataclass(frozen=True)
class DraftView:
    id: str
    message: MessageView

    @property
    def thread_id(self) -> str:
        return self.message.thread_id


def _view(message: StoredMessage) -> MessageView:
    return MessageView(
        id=message.id,
        thread_id=message.thread_id,
        label_ids=tuple(sorted(message.label_ids)),
        internal_date=datetime.fromtimestamp(message.internal_date / 1000, UTC),
        headers=message.index.headers,
        raw=message.raw,
    )


def _ms(moment: datetime | None) -> int | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("internal_date must be timezone-aware")
    return int(moment.timestamp() * 1000)


class Sandbox:
    """A loopback Gmail API v1 emulator; use as a context manager (or ``start``/``close``)."""

    def __init__(
        self,
        user_email: str = DEFAULT_USER,
        *,
        port: int = 0,
        clock: Callable[[], datetime] | None = None,
        mailbox: Mailbox | None = None,
    ):
        self.mailbox = mailbox or Mailbox(user_email, clock or (lambda: datetime.now(UTC)))
        self.log = RequestLog()
        self.faults = Faults(self.mailbox.expire_history)
        self._api = GmailApi(self.mailbox)
        self._service = SandboxService(self._api, self.faults, self.log)
        self._port = port
        self._server: SandboxServer | None = None
        self._thread: threading.Thread | None = None

    # ---- lifecycle -------------------------------------------------------

    def start(self) -> Sandbox:
        if self._server is None:
            self._server = SandboxServer(self._service, self._port)
            self._thread = threading.Thread(
                target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
            )
            self._thread.name = f"gmail-sandbox-{self._server.server_port}"
            self._thread.start()
            logger.info("gmail sandbox serving at %s for %s", self.url, self.user_email)
        return self

    def close(self) -> None:
        self.faults.release()  # a hanging request must not outlive the box
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def user_email(self) -> str:
        return self.mailbox.user_email

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the sandbox is not running; use it as a context manager")
        return self._server.server_port

    @property
    def address(self) -> tuple[str, int]:
        if self._server is None:
            raise RuntimeError("the sandbox is not running; use it as a context manager")
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def token_url(self) -> str:
        return self.url + "/token"

    @property
    def batch_url(self) -> str:
        return self.url + "/batch/gmail/v1"

    # ---- the world's and the user's side of Gmail ------------------------

    def deliver(
        self,
        raw: bytes,
        *,
        labels: Iterable[str] = ("INBOX", "UNREAD"),
        internal_date: datetime | None = None,
        thread_id: str | None = None,
    ) -> str:
        """Mail arrives. Without thread_id it threads by Gmail's rule (subject + references).

        internal_date defaults to the Date header, else the sandbox clock.
        """
        return self.mailbox.deliver(
            raw, tuple(labels), thread_id=thread_id, internal_date=_ms(internal_date)
        )

    def send_as_user(
        self, raw: bytes, *, internal_date: datetime | None = None, thread_id: str | None = None
    ) -> str:
        """Mail the user sent from Gmail itself (label SENT), e.g. their thank-you note."""
        return self.deliver(raw, labels=("SENT",), internal_date=internal_date, thread_id=thread_id)

    def user_sends_draft(self, draft_id: str) -> str:
        return self.mailbox.send_draft_as_user(draft_id)

    def user_edits_draft(self, draft_id: str, new_raw: bytes) -> str:
        """The user edits a draft in Gmail: same draft id, a new message id, same thread."""
        with self.mailbox.lock:
            old = self.mailbox.get(self.mailbox.draft(draft_id).message_id)
            draft = self.mailbox.update_draft(draft_id, new_raw, None)
            moved = self.mailbox.get(draft.message_id)
            if moved.thread_id != old.thread_id and old.thread_id in self.mailbox.threads:
                # Editing in the UI keeps the draft in its conversation whatever the text says.
                self.mailbox.threads[moved.thread_id].remove(moved.id)
                if not self.mailbox.threads[moved.thread_id]:
                    del self.mailbox.threads[moved.thread_id]
                moved.thread_id = old.thread_id
                self.mailbox.threads[old.thread_id].append(moved.id)
            return draft.message_id

    def user_deletes_draft(self, draft_id: str) -> None:
        self.mailbox.delete_draft(draft_id)

    # ---- inspection ------------------------------------------------------

    def messages(self) -> list[MessageView]:
        with self.mailbox.lock:
            stored = sorted(self.mailbox.messages.values(), key=lambda m: (m.internal_date, m.id))
            return [_view(m) for m in stored]

    def message(self, message_id: str) -> MessageView:
        with self.mailbox.lock:
            return _view(self.mailbox.get(message_id))

    def drafts(self) -> list[DraftView]:
        with self.mailbox.lock:
            return [
                DraftView(d.id, _view(self.mailbox.messages[d.message_id]))
                for d in self.mailbox.drafts.values()
            ]

    def threads(self) -> dict[str, list[str]]:
        """thread id -> message ids, oldest first."""
        with self.mailbox.lock:
            return {t: [m.id for m in self.mailbox.thread(t)] for t in self.mailbox.threads}

    @property
    def threading_decisions(self) -> list[ThreadingDecision]:
        with self.mailbox.lock:
            return list(self.mailbox.threading_decisions)

    @property
    def history_id(self) -> int:
        return self.mailbox.history_id

    @property
    def violations(self) -> list[Violation]:
        with self.mailbox.lock:
            return list(self._api.violations)

    @property
    def requests(self) -> list[RequestRecord]:
        return self.log.records()

    def http_requests_count(self, *, include_token: bool = True) -> int:
        return self.log.http_requests(include_token=include_token)

    def quota_units(self) -> int:
        return self.log.units()

    def reset_log(self) -> None:
        """Start a new measurement; the request number used by ``hang_at`` keeps counting."""
        self.log.reset()

    @property
    def access_tokens_issued(self) -> int:
        return self._service.access_tokens_issued

    # ---- the crash harness -----------------------------------------------

    @property
    def request_count(self) -> int:
        """Outer HTTP requests that have arrived since the box started (never reset)."""
        return self.faults.request_count

    def wait_for_hang(self, timeout: float) -> bool:
        return self.faults.wait_for_hang(timeout)

    def release(self) -> None:
        self.faults.release()

    # ---- persistence -----------------------------------------------------

    def save(self, directory: str | Path) -> None:
        from treadgently.sandbox.persist import save_mailbox

        save_mailbox(self.mailbox, Path(directory))

    @classmethod
    def load(
        cls, directory: str | Path, *, port: int = 0, clock: Callable[[], datetime] | None = None
    ) -> Sandbox:
        from treadgently.sandbox.persist import load_mailbox

        mailbox = load_mailbox(Path(directory), clock or (lambda: datetime.now(UTC)))
        return cls(mailbox.user_email, port=port, mailbox=mailbox)
