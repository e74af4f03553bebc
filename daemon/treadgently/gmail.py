"""The Gmail adapter: the only module that talks to googleapiclient.

Everything else in treadgently sees the small frozen dataclasses below, never
Gmail's JSON, and our own errors, never ``HttpError``.  The HTTP object under
the client is wrapped by the no-send guard (guard.py), every call has a
timeout, and every retry goes through the one bounded helper (retry.py).

Reads are retried on rate limits, 5xx and lost connections.  Writes are not
blindly retried: a ``drafts.create`` whose answer was lost may have been
stored, so only a 429 or rate-limit 403 (which Gmail answers before doing
anything) is retried; any other lost answer raises WriteOutcomeUnknown and the
caller looks the draft up (``find_draft_by_key``) before creating it again.
"""

from __future__ import annotations

import base64
import http.client
import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, TypeVar

import google_auth_httplib2
import httplib2
from google.auth import exceptions as google_auth_exceptions
from google.auth.credentials import Credentials
from google.oauth2.credentials import Credentials as UserCredentials
from googleapiclient.discovery import build
from googleapiclient.errors import BatchError, HttpError
from googleapiclient.http import BatchHttpRequest

from treadgently.errors import AuthError
from treadgently.guard import RequestGuard
from treadgently.retry import (
    DEFAULT_POLICY,
    HttpFailure,
    RetryPolicy,
    call_with_retry,
    wait_before_retry,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_TIMEOUT = 30.0
BATCH_LIMIT = 50  # Gmail allows 100 per batch, but advises 50 to stay under rate limits
PAGE_SIZE = 500  # the largest page messages.list, drafts.list and history.list give
KEY_HEADER = "X-Treadgently-Key"
METADATA_HEADERS = (
    "From",
    "To",
    "Cc",
    "Subject",
    "Message-ID",
    "In-Reply-To",
    "References",
    "Auto-Submitted",
    "Content-Type",
    KEY_HEADER,
)
# A message that is gone or malformed is skipped (and logged); anything else stops the cycle.
SKIPPABLE_STATUSES = frozenset({400, 404, 410})
SANDBOX_ACCESS_TOKEN = "sandbox-access-token"  # noqa: S105 - a placeholder the sandbox accepts


# ---- errors ----------------------------------------------------------------------


class GmailError(HttpFailure):
    """A Gmail call failed; ``status`` is the HTTP status, None when no answer came."""


class WriteOutcomeUnknown(GmailError):
    """A write's answer was lost (timeout, dropped connection, 5xx): it may have been stored."""


class HistoryExpired(GmailError):
    """history.list answered 404: the stored historyId is too old, a full resync is needed."""


class AuthRevoked(AuthError):
    """Gmail refused our token (revoked, expired refresh token, or a scope missing)."""


# ---- what the rest of treadgently sees ------------------------------------------


@dataclass(frozen=True)
class Profile:
    email: str
    history_id: int


@dataclass(frozen=True)
class MessageRef:
    id: str
    thread_id: str


@dataclass(frozen=True)
class MessageMeta:
    id: str
    thread_id: str
    label_ids: frozenset[str]
    history_id: int
    internal_date: datetime  # aware, UTC: when Gmail received it
    headers: Mapping[str, str] = field(hash=False)  # lower-cased names, METADATA_HEADERS only
    size_estimate: int


@dataclass(frozen=True)
class RawMessage:
    id: str
    thread_id: str
    label_ids: frozenset[str]
    internal_date: datetime
    raw: bytes = field(repr=False)


@dataclass(frozen=True)
class HistoryMessage:
    """A message named by a history record, with the labels the record carries."""

    id: str
    thread_id: str
    label_ids: frozenset[str]


@dataclass(frozen=True)
class HistoryChanges:
    """Everything since a historyId, all pages followed; ``history_id`` is the one to store next."""

    history_id: int
    added: tuple[HistoryMessage, ...]
    deleted: tuple[str, ...]
    labels_added: tuple[HistoryMessage, ...]  # label_ids: the labels that were added
    labels_removed: tuple[HistoryMessage, ...]  # label_ids: the labels that were removed

    @property
    def empty(self) -> bool:
        return not (self.added or self.deleted or self.labels_added or self.labels_removed)


@dataclass(frozen=True)
class Draft:
    id: str
    message_id: str
    thread_id: str
    # lower-cased names; empty for drafts from list_drafts (Gmail lists ids only)
    headers: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}), hash=False)

    @property
    def key(self) -> str | None:
        """Our idempotency key (the X-Treadgently-Key header), if we made this draft."""
        return self.headers.get(KEY_HEADER.lower())


# ---- wiring --------------------------------------------------------------------


class ResendRefused(ConnectionError):
    """httplib2 wanted to re-send a POST whose answer was lost; the server may have applied it."""


class _SingleSend:
    """Proxy for an http.client connection that lets ``request`` be called only once."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection
        self._sent = False

    def request(self, *args: Any, **kwargs: Any) -> None:
        if self._sent:
            raise ResendRefused("the connection dropped after a POST was sent; not sending again")
        self._sent = True
        self._connection.request(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)


class WriteOnceHttp(httplib2.Http):
    """httplib2.Http that never silently re-sends a POST.

    httplib2 re-sends any request once when the connection drops before an
    answer (assuming a stale keep-alive connection).  For drafts.create that
    turns "stored, answer lost" into a duplicate draft.  A POST here goes out
    on a fresh connection exactly once; a lost answer becomes an error that
    the adapter reports as WriteOutcomeUnknown.
    """

    def _conn_request(
        self, conn: Any, request_uri: str, method: str, body: Any, headers: Any
    ) -> tuple[httplib2.Response, bytes]:
        if method != "POST":
            return super()._conn_request(conn, request_uri, method, body, headers)
        conn.close()  # fresh, so a drop cannot be a stale keep-alive connection
        return super()._conn_request(_SingleSend(conn), request_uri, method, body, headers)


def guarded_http(
    credentials: Credentials | None,
    *,
    api_endpoint: str,
    token_uri: str,
    timeout: float = DEFAULT_TIMEOUT,
    label_threads: bool = False,
) -> google_auth_httplib2.AuthorizedHttp:
    """httplib2 with a timeout, inside the no-send guard, inside the credentials.

    The guard sits nearest the wire, so the token refresh AuthorizedHttp does
    on a 401 is checked (and timed out) like everything else.
    """
    guard = RequestGuard(
        WriteOnceHttp(timeout=timeout),
        api_endpoint=api_endpoint,
        token_uri=token_uri,
        label_threads=label_threads,
    )
    if credentials is None:
        credentials = UserCredentials(token=SANDBOX_ACCESS_TOKEN)
    return google_auth_httplib2.AuthorizedHttp(credentials, http=guard)


def build_service(http: Any, api_endpoint: str) -> Any:
    """The googleapiclient Resource for Gmail v1, from the bundled discovery document."""
    return build(
        "gmail",
        "v1",
        credentials=None,
        http=http,
        static_discovery=True,
        cache_discovery=False,
        # googleapiclient joins method paths onto this; the slash keeps any path prefix.
        client_options={"api_endpoint": api_endpoint.rstrip("/") + "/"},
    )


def batch_uri(api_endpoint: str) -> str:
    """new_batch_http_request() ignores api_endpoint, so derive the batch URI ourselves."""
    return f"{api_endpoint.rstrip('/')}/batch/gmail/v1"


# ---- the adapter ---------------------------------------------------------------


class Gmail:
    """The narrow adapter.  Construct with ``connect`` (or ``for_endpoint`` for the sandbox)."""

    def __init__(
        self,
        http: google_auth_httplib2.AuthorizedHttp,
        *,
        api_endpoint: str,
        policy: RetryPolicy = DEFAULT_POLICY,
    ) -> None:
        self._http = http
        self._service = build_service(http, api_endpoint)
        self._users = self._service.users()
        self._batch_uri = batch_uri(api_endpoint)
        self._policy = policy
        self._label_ids: dict[str, str] = {}

    @classmethod
    def connect(
        cls,
        credentials: Credentials,
        *,
        api_endpoint: str,
        token_uri: str,
        timeout: float = DEFAULT_TIMEOUT,
        label_threads: bool = False,
        policy: RetryPolicy = DEFAULT_POLICY,
    ) -> Gmail:
        http = guarded_http(
            credentials,
            api_endpoint=api_endpoint,
            token_uri=token_uri,
            timeout=timeout,
            label_threads=label_threads,
        )
        return cls(http, api_endpoint=api_endpoint, policy=policy)

    @classmethod
    def for_endpoint(
        cls,
        url: str,
        credentials: Credentials | None = None,
        *,
        token_uri: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        label_threads: bool = False,
        policy: RetryPolicy = DEFAULT_POLICY,
    ) -> Gmail:
        """An adapter for a loopback sandbox: without credentials, a fixed access token is used."""
        return cls.connect(
            credentials or UserCredentials(token=SANDBOX_ACCESS_TOKEN),
            api_endpoint=url,
            token_uri=token_uri or f"{url.rstrip('/')}/token",
            timeout=timeout,
            label_threads=label_threads,
            policy=policy,
        )

    def close(self) -> None:
        self._http.close()

    # ---- reads ---------------------------------------------------------------

    def profile(self) -> Profile:
        answer = self._read(self._users.getProfile(userId="me"), "users.getProfile")
        return Profile(email=answer["emailAddress"], history_id=int(answer["historyId"]))

    def list_message_refs(self, query: str, max_results: int | None = None) -> list[MessageRef]:
        """Every message matching a Gmail search, following pages (up to ``max_results``)."""
        refs: list[MessageRef] = []
        for page in self._pages(
            lambda token: self._users.messages().list(
                userId="me", q=query, maxResults=_page_size(max_results, len(refs)), pageToken=token
            ),
            "messages.list",
        ):
            refs.extend(
                MessageRef(id=item["id"], thread_id=item["threadId"])
                for item in page.get("messages", ())
            )
            if max_results is not None and len(refs) >= max_results:
                return refs[:max_results]
        return refs

    def get_metadata(self, ids: Iterable[str]) -> list[MessageMeta]:
        """Headers and labels for each id, batched; messages gone or unreadable are skipped."""
        return self._batch_get(
            ids,
            lambda message_id: self._users.messages().get(
                userId="me",
                id=message_id,
                format="metadata",
                metadataHeaders=list(METADATA_HEADERS),
            ),
            _message_meta,
            "messages.get(metadata)",
        )

    def get_raw(self, ids: Iterable[str]) -> list[RawMessage]:
        """The RFC 822 bytes of each id, batched; messages gone or unreadable are skipped."""
        return self._batch_get(
            ids,
            lambda message_id: self._users.messages().get(userId="me", id=message_id, format="raw"),
            _raw_message,
            "messages.get(raw)",
        )

    def history_since(self, history_id: int) -> HistoryChanges:
        """All changes after ``history_id``; HistoryExpired when Gmail no longer has them."""
        added: list[HistoryMessage] = []
        deleted: list[str] = []
        labels_added: list[HistoryMessage] = []
        labels_removed: list[HistoryMessage] = []
        latest = history_id
        try:
            for page in self._pages(
                lambda token: self._users.history().list(
                    userId="me",
                    startHistoryId=str(history_id),
                    maxResults=PAGE_SIZE,
                    pageToken=token,
                ),
                "history.list",
            ):
                latest = max(latest, int(page.get("historyId", latest)))
                for record in page.get("history", ()):
                    added.extend(
                        _history_message(x["message"]) for x in _items(record, "messagesAdded")
                    )
                    deleted.extend(x["message"]["id"] for x in _items(record, "messagesDeleted"))
                    labels_added.extend(
                        _history_message(x["message"], x.get("labelIds", ()))
                        for x in _items(record, "labelsAdded")
                    )
                    labels_removed.extend(
                        _history_message(x["message"], x.get("labelIds", ()))
                        for x in _items(record, "labelsRemoved")
                    )
        except GmailError as failure:
            if failure.status == 404:
                raise HistoryExpired(
                    f"history id {history_id} has expired; a full resync is needed", status=404
                ) from failure
            raise
        return HistoryChanges(
            history_id=latest,
            added=tuple(added),
            deleted=tuple(deleted),
            labels_added=tuple(labels_added),
            labels_removed=tuple(labels_removed),
        )

    # ---- drafts --------------------------------------------------------------

    def create_draft(self, raw_mime: bytes, thread_id: str | None) -> Draft:
        """Store a draft (JSON, not a media upload); WriteOutcomeUnknown if its answer is lost.

        Put an X-Treadgently-Key header in ``raw_mime`` so find_draft_by_key can tell.
        """
        answer = self._write(
            lambda: self._users.drafts().create(userId="me", body=_draft_body(raw_mime, thread_id)),
            "drafts.create",
        )
        return _draft(answer)

    def get_draft(self, draft_id: str) -> Draft | None:
        """The draft with its headers, or None when it is gone (sent or deleted by the user)."""
        try:
            answer = self._read(
                self._users.drafts().get(userId="me", id=draft_id, format="metadata"),
                "drafts.get",
            )
        except GmailError as failure:
            if failure.status == 404:
                return None
            raise
        return _draft(answer)

    def list_drafts(self, query: str | None = None) -> list[Draft]:
        """Every draft (matching ``query``, Gmail search syntax); headers are not included."""
        drafts: list[Draft] = []
        for page in self._pages(
            lambda token: self._users.drafts().list(
                userId="me", q=query, maxResults=PAGE_SIZE, pageToken=token
            ),
            "drafts.list",
        ):
            drafts.extend(_draft(item) for item in page.get("drafts", ()))
        return drafts

    def find_draft_by_key(self, key: str) -> Draft | None:
        """The draft whose X-Treadgently-Key header is ``key``, or None."""
        return self.find_draft(key=key)

    def find_draft(self, *, key: str | None = None, message_id: str | None = None) -> Draft | None:
        """The draft we made with this X-Treadgently-Key or this Message-ID header, or None.

        Gmail cannot search custom headers, and its search index may lag a
        just-created draft, so this lists the drafts (not a search) and reads
        their headers in batches.  It runs only after a write's answer was
        lost, so its cost (one list, one batch per 50 drafts) is rare.
        """
        if not key and not message_id:
            raise ValueError("find_draft needs a key or a message_id")
        wanted_id = (message_id or "").strip().lower()
        listed = self.list_drafts()
        if not listed:
            return None
        metas = {meta.id: meta for meta in self.get_metadata(d.message_id for d in listed)}
        for draft in listed:
            meta = metas.get(draft.message_id)
            if meta is None:
                continue
            key_matches = bool(key) and meta.headers.get(KEY_HEADER.lower()) == key
            id_matches = bool(wanted_id) and (
                meta.headers.get("message-id", "").strip().lower() == wanted_id
            )
            if key_matches or id_matches:
                return Draft(
                    id=draft.id,
                    message_id=draft.message_id,
                    thread_id=meta.thread_id,
                    headers=meta.headers,
                )
        return None

    def update_draft(self, draft_id: str, raw_mime: bytes, thread_id: str | None) -> Draft | None:
        """Replace a draft's message (Gmail gives it a new message id); None if the draft is gone.

        Replacing with the same content twice is harmless, so lost answers are retried.
        """
        try:
            answer = self._read(
                self._users.drafts().update(
                    userId="me", id=draft_id, body=_draft_body(raw_mime, thread_id)
                ),
                "drafts.update",
            )
        except GmailError as failure:
            if failure.status == 404:
                return None
            raise
        return _draft(answer)

    def delete_draft(self, draft_id: str) -> bool:
        """Delete one of our drafts; False if it was already gone."""
        try:
            self._read(self._users.drafts().delete(userId="me", id=draft_id), "drafts.delete")
        except GmailError as failure:
            if failure.status == 404:
                return False
            raise
        return True

    # ---- labels (only with [gmail] label_threads = true) ----------------------

    def ensure_label(self, name: str) -> str:
        """The id of the user label ``name``, created if missing."""
        wanted = name.casefold()
        if wanted in self._label_ids:
            return self._label_ids[wanted]
        found = self._find_label(wanted)
        if found is None:
            try:
                answer = self._write(
                    lambda: self._users.labels().create(
                        userId="me",
                        body={
                            "name": name,
                            "labelListVisibility": "labelShow",
                            "messageListVisibility": "show",
                        },
                    ),
                    "labels.create",
                )
                found = answer["id"]
            except GmailError as failure:
                # 409: it exists after all; lost answer: it may.  Either way, look again.
                if not isinstance(failure, WriteOutcomeUnknown) and failure.status != 409:
                    raise
                found = self._find_label(wanted)
                if found is None:
                    raise
        self._label_ids[wanted] = found
        return found

    def _find_label(self, wanted: str) -> str | None:
        answer = self._read(self._users.labels().list(userId="me"), "labels.list")
        for label in answer.get("labels", ()):
            if label.get("name", "").casefold() == wanted:
                return label["id"]
        return None

    def modify_thread_labels(
        self, thread_id: str, add: Sequence[str] = (), remove: Sequence[str] = ()
    ) -> None:
        """Add or remove user labels on a thread (idempotent, so retried like a read)."""
        self._read(
            self._users.threads().modify(
                userId="me",
                id=thread_id,
                body={"addLabelIds": list(add), "removeLabelIds": list(remove)},
            ),
            "threads.modify",
        )

    # ---- plumbing ------------------------------------------------------------

    def _execute(self, request: Any, what: str) -> Any:
        """One attempt; every failure becomes one of our errors."""
        try:
            return request.execute(num_retries=0)
        except CALL_FAILURES as exc:
            raise translate_failure(exc, what) from exc

    def _read(self, request: Any, what: str) -> Any:
        return call_with_retry(lambda: self._execute(request, what), what=what, policy=self._policy)

    def _write(self, make_request: Callable[[], Any], what: str) -> Any:
        """Retry only what Gmail refused before acting (rate limits); a lost answer is unknown."""
        try:
            return call_with_retry(
                lambda: self._execute(make_request(), what),
                what=what,
                policy=self._policy,
                retry_if=lambda failure: failure.rate_limited,
            )
        except GmailError as failure:
            if failure.status is None or failure.status >= 500:
                raise WriteOutcomeUnknown(
                    f"{what}: the answer was lost ({failure}); it may have been stored",
                    status=failure.status,
                    reason=failure.reason,
                ) from failure
            raise

    def _pages(self, make_request: Callable[[str | None], Any], what: str) -> Iterable[dict]:
        token: str | None = None
        while True:
            page = self._read(make_request(token), what)
            yield page
            token = page.get("nextPageToken")
            if not token:
                return

    def _batch_get(
        self,
        ids: Iterable[str],
        make_request: Callable[[str], Any],
        parse: Callable[[dict], T],
        what: str,
    ) -> list[T]:
        """Fetch many ids in batches of at most 50, retrying only the parts that failed."""
        wanted = list(dict.fromkeys(ids))
        results: dict[str, T] = {}
        pending = wanted
        attempt = 1
        while pending:
            retry: list[tuple[str, GmailError]] = []
            for start in range(0, len(pending), BATCH_LIMIT):
                chunk = pending[start : start + BATCH_LIMIT]
                for message_id, outcome in self._run_batch(chunk, make_request, what).items():
                    if isinstance(outcome, GmailError):
                        if outcome.retryable:
                            retry.append((message_id, outcome))
                        elif outcome.status in SKIPPABLE_STATUSES:
                            log.warning("skipping message %s: %s", message_id, outcome)
                        else:
                            raise outcome
                        continue
                    try:
                        results[message_id] = parse(outcome)
                    except (KeyError, TypeError, ValueError) as exc:
                        log.warning("skipping message %s: malformed answer (%r)", message_id, exc)
            pending = [message_id for message_id, _ in retry]
            if pending:
                worst = max((failure for _, failure in retry), key=_retry_after_seconds)
                self._policy.sleep(
                    wait_before_retry(worst, attempt, policy=self._policy, what=what)
                )
                attempt += 1
        return [results[message_id] for message_id in wanted if message_id in results]

    def _run_batch(
        self, chunk: Sequence[str], make_request: Callable[[str], Any], what: str
    ) -> dict[str, Any]:
        """One batch request; whole-batch failures are retried, per-part ones returned."""

        def attempt() -> dict[str, Any]:
            answers: dict[str, Any] = {}

            def collect(request_id: str, response: Any, exception: Exception | None) -> None:
                answers[request_id] = (
                    translate_failure(exception, what) if exception is not None else response
                )

            batch = BatchHttpRequest(callback=collect, batch_uri=self._batch_uri)
            for message_id in chunk:
                batch.add(make_request(message_id), request_id=message_id)
            self._refresh_if_needed(what)
            try:
                batch.execute(http=self._http)
            except CALL_FAILURES as exc:
                raise translate_failure(exc, f"batch {what}") from exc
            return answers

        return call_with_retry(attempt, what=f"batch {what}", policy=self._policy)

    def _refresh_if_needed(self, what: str) -> None:
        """Refresh through the guarded, timed http before a batch.

        googleapiclient would otherwise refresh with a fresh httplib2.Http that
        has no timeout and no guard.
        """
        credentials = self._http.credentials
        if credentials.valid:
            return
        try:
            credentials.refresh(google_auth_httplib2.Request(self._http.http))
        except CALL_FAILURES as exc:
            raise translate_failure(exc, what) from exc


# ---- translating answers and failures ---------------------------------------------


# What a Gmail call can raise besides our own errors (ForbiddenRequest passes through).
CALL_FAILURES = (
    HttpError,
    google_auth_exceptions.GoogleAuthError,
    OSError,
    httplib2.HttpLib2Error,
    http.client.HTTPException,
)


def translate_failure(exc: BaseException, what: str) -> Exception:
    """Map a failure of a Gmail call (one of CALL_FAILURES) to our own errors."""
    if isinstance(exc, BatchError):
        return GmailError(f"{what}: unreadable batch answer ({exc.reason})")
    if isinstance(exc, HttpError):
        return _from_http_error(exc, what)
    if isinstance(exc, google_auth_exceptions.RefreshError):
        return _from_refresh_error(exc, what)
    return GmailError(f"{what}: no answer from Gmail ({type(exc).__name__}: {exc})")


def _from_http_error(exc: HttpError, what: str) -> Exception:
    status = int(exc.resp.status)
    reason = error_reason(exc.content)
    if status == 401:
        return AuthRevoked(
            f"{what}: Gmail refused our authorization (HTTP 401). Run 'treadgently auth' again."
        )
    if status == 403 and reason in {"insufficientPermissions", "ACCESS_TOKEN_SCOPE_INSUFFICIENT"}:
        return AuthRevoked(
            f"{what}: the stored authorization lacks a permission treadgently needs. "
            "Run 'treadgently auth' again."
        )
    return GmailError(
        f"{what}: HTTP {status}{f' ({reason})' if reason else ''}",
        status=status,
        reason=reason,
        retry_after=exc.resp.get("retry-after"),
    )


def _from_refresh_error(exc: google_auth_exceptions.RefreshError, what: str) -> Exception:
    details = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], dict) else {}
    if details.get("error") in {"invalid_grant", "invalid_client", "unauthorized_client"}:
        return AuthRevoked(
            f"{what}: Google refused to refresh the authorization ({details['error']}). "
            "Run 'treadgently auth' again."
        )
    return GmailError(f"{what}: could not refresh the access token ({exc})")


def error_reason(content: bytes | str | None) -> str:
    """Google's machine-readable reason from an error body ("rateLimitExceeded"...), or ""."""
    try:
        error = json.loads(content or b"{}").get("error", {})
    except (ValueError, AttributeError):
        return ""
    if not isinstance(error, dict):
        return ""
    for item in error.get("errors") or ():
        if isinstance(item, dict) and item.get("reason"):
            return str(item["reason"])
    for item in error.get("details") or ():
        if isinstance(item, dict) and item.get("reason"):
            return str(item["reason"])
    return str(error.get("status") or "")


def _retry_after_seconds(failure: GmailError) -> float:
    value = (failure.retry_after or "").strip()
    return float(value) if value.isdigit() else 0.0


def _page_size(max_results: int | None, have: int) -> int:
    if max_results is None:
        return PAGE_SIZE
    return max(1, min(PAGE_SIZE, max_results - have))


def _items(record: Mapping[str, Any], kind: str) -> Iterable[dict]:
    return record.get(kind) or ()


def _labels(values: Iterable[str] | None) -> frozenset[str]:
    return frozenset(values or ())


def _when(internal_date: str | int) -> datetime:
    return datetime.fromtimestamp(int(internal_date) / 1000, UTC)


def _headers(payload: Mapping[str, Any] | None) -> Mapping[str, str]:
    """Lower-cased header names to values; the first occurrence of a name wins."""
    found: dict[str, str] = {}
    for item in (payload or {}).get("headers", ()):
        name = str(item.get("name", "")).lower()
        if name and name not in found:
            found[name] = str(item.get("value", ""))
    return MappingProxyType(found)


def _message_meta(answer: dict) -> MessageMeta:
    return MessageMeta(
        id=answer["id"],
        thread_id=answer["threadId"],
        label_ids=_labels(answer.get("labelIds")),
        history_id=int(answer.get("historyId", 0)),
        internal_date=_when(answer["internalDate"]),
        headers=_headers(answer.get("payload")),
        size_estimate=int(answer.get("sizeEstimate", 0)),
    )


def _raw_message(answer: dict) -> RawMessage:
    return RawMessage(
        id=answer["id"],
        thread_id=answer["threadId"],
        label_ids=_labels(answer.get("labelIds")),
        internal_date=_when(answer["internalDate"]),
        raw=decode_raw(answer["raw"]),
    )


def _history_message(
    message: Mapping[str, Any], labels: Iterable[str] | None = None
) -> HistoryMessage:
    return HistoryMessage(
        id=message["id"],
        thread_id=message.get("threadId", ""),
        label_ids=_labels(labels if labels is not None else message.get("labelIds")),
    )


def _draft(answer: Mapping[str, Any]) -> Draft:
    message = answer.get("message") or {}
    return Draft(
        id=answer["id"],
        message_id=message.get("id", ""),
        thread_id=message.get("threadId", ""),
        headers=_headers(message.get("payload")),
    )


def _draft_body(raw_mime: bytes, thread_id: str | None) -> dict[str, Any]:
    message: dict[str, Any] = {"raw": base64.urlsafe_b64encode(raw_mime).decode("ascii")}
    if thread_id:
        message["threadId"] = thread_id
    return {"message": message}


def decode_raw(value: str) -> bytes:
    """Gmail's base64url ``raw`` field (padding optional) to bytes."""
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
