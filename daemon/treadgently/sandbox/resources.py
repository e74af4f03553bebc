"""Gmail's JSON shapes for messages, threads, drafts and errors.

Only ``full`` parses the raw MIME again (to build the payload tree); the other
formats come from the index made when the message was stored.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from email.message import Message

from treadgently.sandbox.index import decode_value, parse_raw, part_filename
from treadgently.sandbox.mailbox import Draft, MailboxError, StoredMessage

FORMATS = ("minimal", "metadata", "full", "raw")
STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ALREADY_EXISTS",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    502: "UNAVAILABLE",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}


def error_body(status: int, reason: str, message: str) -> dict[str, object]:
    """Gmail's error JSON, which googleapiclient's HttpError reads reason and message from."""
    domain = "usageLimits" if reason in {"rateLimitExceeded", "userRateLimitExceeded"} else "global"
    return {
        "error": {
            "code": status,
            "message": message,
            "errors": [{"message": message, "domain": domain, "reason": reason}],
            "status": STATUS_NAMES.get(status, "UNKNOWN"),
        }
    }


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")


def decode_b64url(text: str) -> bytes:
    """Clients send base64url with or without padding; both are accepted, as Gmail does."""
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise MailboxError(400, "invalidArgument", "Invalid value for ByteString") from error


def check_format(value: str | None, default: str = "full") -> str:
    fmt = (value or default).lower()
    if fmt not in FORMATS:
        raise MailboxError(400, "invalidArgument", f"Invalid format: {value}")
    return fmt


def message_resource(
    message: StoredMessage, fmt: str = "full", metadata_headers: Sequence[str] = ()
) -> dict[str, object]:
    body: dict[str, object] = {
        "id": message.id,
        "threadId": message.thread_id,
        "labelIds": sorted(message.label_ids),
        "snippet": message.index.snippet,
        "sizeEstimate": len(message.raw),
        "historyId": str(message.history_id),
        "internalDate": str(message.internal_date),
    }
    if fmt == "metadata":
        wanted = {name.lower() for name in metadata_headers}
        headers = [
            {"name": name, "value": value}
            for name, value in message.index.headers
            if not wanted or name.lower() in wanted
        ]
        body["payload"] = {
            "partId": "",
            "mimeType": message.index.content_type,
            "filename": "",
            "headers": headers,
            "body": {"size": 0},
        }
    elif fmt == "full":
        body["payload"] = _payload(parse_raw(message.raw), "")
    elif fmt == "raw":
        body["raw"] = b64url(message.raw)
    return body


def _payload(part: Message, part_id: str) -> dict[str, object]:
    node: dict[str, object] = {
        "partId": part_id,
        "mimeType": part.get_content_type(),
        "filename": part_filename(part),
        "headers": [{"name": k, "value": decode_value(str(v))} for k, v in part.items()],
    }
    if part.is_multipart():
        children = part.get_payload()
        node["body"] = {"size": 0}
        node["parts"] = [
            _payload(child, f"{part_id}.{i}" if part_id else str(i))
            for i, child in enumerate(children if isinstance(children, list) else [])
        ]
    else:
        data = part.get_payload(decode=True)
        data = data if isinstance(data, bytes) else b""
        node["body"] = {"size": len(data), "data": b64url(data)} if data else {"size": 0}
    return node


def thread_resource(
    thread_id: str, messages: Sequence[StoredMessage], fmt: str, metadata_headers: Sequence[str]
) -> dict[str, object]:
    return {
        "id": thread_id,
        "historyId": str(max(m.history_id for m in messages)),
        "messages": [message_resource(m, fmt, metadata_headers) for m in messages],
    }


def draft_resource(
    draft: Draft, message: StoredMessage, fmt: str | None = None
) -> dict[str, object]:
    if fmt is None:
        return {"id": draft.id, "message": message.summary()}
    return {"id": draft.id, "message": message_resource(message, fmt)}
