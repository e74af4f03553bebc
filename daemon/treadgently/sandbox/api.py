"""The Gmail v1 REST methods the sandbox answers, and the ones it refuses.

``route`` maps an HTTP method and path to Gmail's method name (the same names
as the discovery document, e.g. ``gmail.users.history.list``) so the server can
log, price and fault-inject a call before running it.  Anything that would send,
insert, import or destroy mail, and any write the sandbox does not know, is a
*violation*: answered 403 and recorded, because the product must never do it.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote

from treadgently.sandbox.mailbox import HistoryRecord, Mailbox, MailboxError, StoredMessage
from treadgently.sandbox.resources import (
    check_format,
    decode_b64url,
    draft_resource,
    error_body,
    message_resource,
    thread_resource,
)
from treadgently.sandbox.search import SearchContext, compile_query

logger = logging.getLogger(__name__)

Params = dict[str, list[str]]
_USER_PATH = re.compile(r"/(?:(?:resumable/)?upload/)?gmail/v1/users/(?P<user>[^/]+)/(?P<rest>.*)")
DEFAULT_PAGE = 100
MAX_PAGE = 500
HISTORY_TYPES = {
    "messageAdded": "messagesAdded",
    "messageDeleted": "messagesDeleted",
    "labelAdded": "labelsAdded",
    "labelRemoved": "labelsRemoved",
}


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes = b""
    content_type: str = "application/json; charset=UTF-8"
    headers: tuple[tuple[str, str], ...] = ()


def json_response(status: int, payload: object) -> Response:
    return Response(status, json.dumps(payload).encode("utf-8"))


def error_response(
    status: int, reason: str, message: str, headers: tuple[tuple[str, str], ...] = ()
) -> Response:
    return Response(
        status, json.dumps(error_body(status, reason, message)).encode(), headers=headers
    )


@dataclass(frozen=True)
class Violation:
    """A forbidden call that reached the server: the product's guard should have stopped it."""

    number: int
    api_method: str
    http_method: str
    path: str
    batch_part: bool


@dataclass(frozen=True)
class Call:
    http_method: str
    path: str
    params: Params
    body: bytes
    number: int
    batch_part: bool
    captures: dict[str, str] = field(default_factory=dict)

    def param(self, name: str, default: str | None = None) -> str | None:
        values = self.params.get(name)
        return values[0] if values else default

    def json(self) -> dict[str, object]:
        if not self.body.strip():
            return {}
        try:
            payload = json.loads(self.body)
        except ValueError as error:
            raise MailboxError(400, "parseError", "Invalid JSON payload received.") from error
        if not isinstance(payload, dict):
            raise MailboxError(400, "invalidArgument", "Invalid JSON payload received.")
        return payload


@dataclass(frozen=True)
class Route:
    api_method: str
    handler: Callable[[Call], Response] | None  # None: forbidden
    captures: dict[str, str]
    user: str
    upload: bool


_FORBIDDEN = None
# (HTTP method, path under users/{userId}/, Gmail method suffix, handler name or None = forbidden)
_ROUTES: list[tuple[str, str, str, str | None]] = [
    ("GET", r"profile", "getProfile", "get_profile"),
    ("POST", r"messages/send", "messages.send", _FORBIDDEN),
    ("POST", r"messages/import", "messages.import", _FORBIDDEN),
    ("POST", r"messages/batchDelete", "messages.batchDelete", _FORBIDDEN),
    ("POST", r"messages/batchModify", "messages.batchModify", _FORBIDDEN),
    ("GET", r"messages", "messages.list", "list_messages"),
    ("POST", r"messages", "messages.insert", _FORBIDDEN),
    ("GET", r"messages/(?P<id>[^/]+)", "messages.get", "get_message"),
    ("POST", r"messages/(?P<id>[^/]+)/modify", "messages.modify", "modify_message"),
    ("POST", r"messages/(?P<id>[^/]+)/trash", "messages.trash", "discard_draft_message"),
    ("POST", r"messages/(?P<id>[^/]+)/untrash", "messages.untrash", _FORBIDDEN),
    ("DELETE", r"messages/(?P<id>[^/]+)", "messages.delete", "discard_draft_message"),
    ("GET", r"threads/(?P<id>[^/]+)", "threads.get", "get_thread"),
    ("POST", r"threads/(?P<id>[^/]+)/modify", "threads.modify", "modify_thread"),
    ("POST", r"threads/(?P<id>[^/]+)/trash", "threads.trash", _FORBIDDEN),
    ("DELETE", r"threads/(?P<id>[^/]+)", "threads.delete", _FORBIDDEN),
    ("GET", r"history", "history.list", "list_history"),
    ("GET", r"labels", "labels.list", "list_labels"),
    ("POST", r"labels", "labels.create", "create_label"),
    ("POST", r"drafts/send", "drafts.send", _FORBIDDEN),
    ("GET", r"drafts", "drafts.list", "list_drafts"),
    ("POST", r"drafts", "drafts.create", "create_draft"),
    ("GET", r"drafts/(?P<id>[^/]+)", "drafts.get", "get_draft"),
    ("PUT", r"drafts/(?P<id>[^/]+)", "drafts.update", "update_draft"),
    ("DELETE", r"drafts/(?P<id>[^/]+)", "drafts.delete", "delete_draft"),
]
_COMPILED = [(m, re.compile(p), f"gmail.users.{name}", h) for m, p, name, h in _ROUTES]


class GmailApi:
    def __init__(self, mailbox: Mailbox):
        self.mailbox = mailbox
        self.violations: list[Violation] = []

    # ---- routing ---------------------------------------------------------

    def route(self, http_method: str, path: str) -> Route | None:
        """Gmail's method for this request; None when it is not a Gmail users/ path at all."""
        match = _USER_PATH.fullmatch(path)
        if match is None:
            return None
        user, rest = unquote(match["user"]), match["rest"].rstrip("/")
        upload = path.startswith(("/upload/", "/resumable/"))
        for method, pattern, api_method, handler_name in _COMPILED:
            found = pattern.fullmatch(rest)
            if method == http_method and found:
                handler = getattr(self, handler_name) if handler_name else None
                captures = {k: unquote(v) for k, v in found.groupdict().items()}
                return Route(api_method, handler, captures, user, upload)
        # Unknown: reading is harmless (404), any unknown write is treated as forbidden.
        name = "gmail.users." + (".".join(p for p in rest.split("/")[:2] if p) or "unknown")
        return Route(name, None if http_method != "GET" else self.not_found, {}, user, upload)

    def invoke(self, route: Route, call: Call) -> Response:
        user = route.user.lower()
        if user not in {"me", self.mailbox.user_email.lower()}:
            return error_response(403, "forbidden", "Delegation denied for " + route.user)
        if route.handler is None:
            with self.mailbox.lock:
                self.violations.append(
                    Violation(
                        call.number, route.api_method, call.http_method, call.path, call.batch_part
                    )
                )
            logger.warning("sandbox refused forbidden call %s %s", route.api_method, call.path)
            return error_response(
                403, "forbidden", f"{route.api_method} is forbidden in treadgently"
            )
        if route.upload:
            return error_response(
                400, "badRequest", "the sandbox accepts JSON bodies, not media uploads"
            )
        call = Call(
            call.http_method,
            call.path,
            call.params,
            call.body,
            call.number,
            call.batch_part,
            route.captures,
        )
        try:
            with self.mailbox.lock:
                return route.handler(call)
        except MailboxError as error:
            return error_response(error.status, error.reason, error.message)
        except Exception:  # a sandbox bug must reach the client as Gmail's 500, and be logged
            logger.exception("sandbox failed on %s %s", route.api_method, call.path)
            return error_response(500, "backendError", "Backend Error")

    # ---- helpers ---------------------------------------------------------

    def _page(self, call: Call) -> tuple[int, int]:
        try:
            size = int(call.param("maxResults") or DEFAULT_PAGE)
            offset = int(call.param("pageToken") or 0)
        except ValueError as error:
            raise MailboxError(400, "invalidArgument", "Invalid pageToken or maxResults") from error
        return offset, max(1, min(size, MAX_PAGE))

    def _search(self, call: Call, candidates: list[StoredMessage]) -> list[StoredMessage]:
        query = compile_query(
            call.param("q") or "",
            SearchContext(self.mailbox.user_email, self.mailbox.clock(), self.mailbox.label_id),
        )
        wanted_labels = set(call.params.get("labelIds", []))
        include_spam_trash = (call.param("includeSpamTrash") or "").lower() == "true"
        include_spam_trash = include_spam_trash or query.mentions_spam_trash
        include_spam_trash = include_spam_trash or bool(wanted_labels & {"SPAM", "TRASH"})
        found = [
            m
            for m in candidates
            if wanted_labels <= m.label_ids
            and (include_spam_trash or not m.label_ids & {"SPAM", "TRASH"})
            and query.predicate(m)
        ]
        found.sort(key=lambda m: (m.internal_date, m.id), reverse=True)
        return found

    def _raw_and_thread(self, call: Call) -> tuple[bytes, str | None]:
        message = call.json().get("message")
        if not isinstance(message, dict) or not isinstance(message.get("raw"), str):
            raise MailboxError(400, "invalidArgument", "Missing draft message")
        thread_id = message.get("threadId")
        return decode_b64url(message["raw"]), thread_id if isinstance(thread_id, str) else None

    def _label_changes(self, call: Call) -> tuple[list[str], list[str]]:
        body = call.json()
        add, remove = body.get("addLabelIds") or [], body.get("removeLabelIds") or []
        if not isinstance(add, list) or not isinstance(remove, list):
            raise MailboxError(400, "invalidArgument", "Invalid label ids")
        return [str(x) for x in add], [str(x) for x in remove]

    # ---- methods ---------------------------------------------------------

    def not_found(self, call: Call) -> Response:
        return error_response(404, "notFound", "Requested entity was not found.")

    def get_profile(self, call: Call) -> Response:
        messages, threads = self.mailbox.stats()
        return json_response(
            200,
            {
                "emailAddress": self.mailbox.user_email,
                "messagesTotal": messages,
                "threadsTotal": threads,
                "historyId": str(self.mailbox.history_id),
            },
        )

    def list_messages(self, call: Call) -> Response:
        found = self._search(call, list(self.mailbox.messages.values()))
        offset, size = self._page(call)
        page = found[offset : offset + size]
        body: dict[str, object] = {"resultSizeEstimate": len(found)}
        if page:
            body["messages"] = [{"id": m.id, "threadId": m.thread_id} for m in page]
        if offset + size < len(found):
            body["nextPageToken"] = str(offset + size)
        return json_response(200, body)

    def get_message(self, call: Call) -> Response:
        message = self.mailbox.get(call.captures["id"])
        fmt = check_format(call.param("format"))
        return json_response(
            200, message_resource(message, fmt, call.params.get("metadataHeaders", []))
        )

    def modify_message(self, call: Call) -> Response:
        add, remove = self._label_changes(call)
        message = self.mailbox.modify(call.captures["id"], add, remove)
        return json_response(200, message.summary())

    def discard_draft_message(self, call: Call) -> Response:
        """trash/delete is allowed only for a message that is one of the drafts."""
        message_id = call.captures["id"]
        if self.mailbox.draft_for_message(message_id) is None:
            route = self.route(call.http_method, call.path)
            name = route.api_method if route else "gmail.users.messages.delete"
            self.violations.append(
                Violation(call.number, name, call.http_method, call.path, call.batch_part)
            )
            logger.warning("sandbox refused %s of non-draft message %s", name, message_id)
            return error_response(403, "forbidden", "only drafts may be discarded by treadgently")
        message = self.mailbox.get(message_id)
        summary = {"id": message.id, "threadId": message.thread_id, "labelIds": ["TRASH"]}
        self.mailbox.delete_message_of_draft(message_id)
        return json_response(200, summary) if call.http_method == "POST" else Response(204)

    def get_thread(self, call: Call) -> Response:
        messages = self.mailbox.thread(call.captures["id"])
        fmt = check_format(call.param("format"))
        headers = call.params.get("metadataHeaders", [])
        return json_response(200, thread_resource(call.captures["id"], messages, fmt, headers))

    def modify_thread(self, call: Call) -> Response:
        add, remove = self._label_changes(call)
        thread_id = call.captures["id"]
        for message in self.mailbox.thread(thread_id):
            self.mailbox.modify(message.id, add, remove)
        return json_response(
            200, thread_resource(thread_id, self.mailbox.thread(thread_id), "minimal", [])
        )

    def list_history(self, call: Call) -> Response:
        start_text = call.param("startHistoryId")
        if not start_text or not start_text.isdigit():
            raise MailboxError(400, "invalidArgument", "Invalid startHistoryId")
        records = self.mailbox.history_since(int(start_text))
        kinds = {HISTORY_TYPES.get(t, t) for t in call.params.get("historyTypes", [])}
        label = call.param("labelId")
        if kinds:
            records = [r for r in records if r.kind in kinds]
        if label:
            records = [r for r in records if label in r.label_ids or label in r.changed_labels]
        offset, size = self._page(call)
        page = records[offset : offset + size]
        body: dict[str, object] = {"historyId": str(self.mailbox.history_id)}
        if page:
            body["history"] = [_history_entry(r) for r in page]
        if offset + size < len(records):
            body["nextPageToken"] = str(offset + size)
        return json_response(200, body)

    def list_labels(self, call: Call) -> Response:
        return json_response(
            200, {"labels": [label.resource() for label in self.mailbox.labels.values()]}
        )

    def create_label(self, call: Call) -> Response:
        name = call.json().get("name")
        label = self.mailbox.create_label(name if isinstance(name, str) else "")
        return json_response(200, label.resource())

    def create_draft(self, call: Call) -> Response:
        raw, thread_id = self._raw_and_thread(call)
        draft = self.mailbox.create_draft(raw, thread_id)
        return json_response(200, draft_resource(draft, self.mailbox.get(draft.message_id)))

    def list_drafts(self, call: Call) -> Response:
        by_message = {d.message_id: d for d in self.mailbox.drafts.values()}
        candidates = [self.mailbox.messages[m] for m in by_message if m in self.mailbox.messages]
        found = self._search(call, candidates)
        offset, size = self._page(call)
        page = found[offset : offset + size]
        body: dict[str, object] = {"resultSizeEstimate": len(found)}
        if page:
            body["drafts"] = [
                {"id": by_message[m.id].id, "message": {"id": m.id, "threadId": m.thread_id}}
                for m in page
            ]
        if offset + size < len(found):
            body["nextPageToken"] = str(offset + size)
        return json_response(200, body)

    def get_draft(self, call: Call) -> Response:
        draft = self.mailbox.draft(call.captures["id"])
        fmt = check_format(call.param("format"))
        return json_response(200, draft_resource(draft, self.mailbox.get(draft.message_id), fmt))

    def update_draft(self, call: Call) -> Response:
        raw, thread_id = self._raw_and_thread(call)
        draft = self.mailbox.update_draft(call.captures["id"], raw, thread_id)
        return json_response(200, draft_resource(draft, self.mailbox.get(draft.message_id)))

    def delete_draft(self, call: Call) -> Response:
        self.mailbox.delete_draft(call.captures["id"])
        return Response(204)


def _history_entry(record: HistoryRecord) -> dict[str, object]:
    message = {"id": record.message_id, "threadId": record.thread_id}
    change: dict[str, object] = {"message": {**message, "labelIds": list(record.label_ids)}}
    if record.kind in {"labelsAdded", "labelsRemoved"}:
        change["labelIds"] = list(record.changed_labels)
    return {"id": str(record.id), "messages": [message], record.kind: [change]}
