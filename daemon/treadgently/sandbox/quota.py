"""The request log and Gmail's quota units per method.

Units follow Google's published per-method table
(developers.google.com/gmail/api/reference/quota).  A batch costs the sum of
its parts; the outer HTTP request of a batch is logged too, with 0 units, so
that "HTTP requests" and "quota units" can both be read from one log.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

UNITS: dict[str, int] = {
    "gmail.users.getProfile": 1,
    "gmail.users.watch": 100,
    "gmail.users.stop": 50,
    "gmail.users.messages.list": 5,
    "gmail.users.messages.get": 5,
    "gmail.users.messages.modify": 5,
    "gmail.users.messages.batchModify": 50,
    "gmail.users.messages.batchDelete": 50,
    "gmail.users.messages.send": 100,
    "gmail.users.messages.insert": 25,
    "gmail.users.messages.import": 25,
    "gmail.users.messages.trash": 5,
    "gmail.users.messages.untrash": 5,
    "gmail.users.messages.delete": 10,
    "gmail.users.messages.attachments.get": 5,
    "gmail.users.threads.get": 10,
    "gmail.users.threads.list": 10,
    "gmail.users.threads.modify": 10,
    "gmail.users.threads.trash": 10,
    "gmail.users.threads.untrash": 10,
    "gmail.users.threads.delete": 20,
    "gmail.users.history.list": 2,
    "gmail.users.labels.list": 1,
    "gmail.users.labels.get": 1,
    "gmail.users.labels.create": 5,
    "gmail.users.labels.update": 5,
    "gmail.users.labels.patch": 5,
    "gmail.users.labels.delete": 5,
    "gmail.users.drafts.create": 10,
    "gmail.users.drafts.get": 5,
    "gmail.users.drafts.list": 5,
    "gmail.users.drafts.update": 15,
    "gmail.users.drafts.delete": 10,
    "gmail.users.drafts.send": 100,
}
BATCH = "batch"
TOKEN = "oauth2.token"  # noqa: S105 - a method name, not a secret


def units_for(api_method: str) -> int:
    """Units of one call; the outer batch request and the token endpoint cost nothing."""
    return UNITS.get(api_method, 1 if api_method.startswith("gmail.") else 0)


@dataclass(frozen=True)
class RequestRecord:
    number: int  # the outer HTTP request's arrival number (1-based); parts share their batch's
    method: str  # HTTP method
    path: str
    query: str
    api_method: str  # e.g. "gmail.users.history.list", "batch", "oauth2.token", "unknown"
    status: int  # 0 when no answer was sent (dropped connection, client gone)
    units: int
    batch_part: bool
    authorized: bool  # an Authorization: Bearer header was present


class RequestLog:
    """Thread-safe, append-only within a test; ``reset`` starts a new measurement."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: list[RequestRecord] = []

    def add(self, record: RequestRecord) -> None:
        with self._lock:
            self._records.append(record)

    def records(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._records)

    def reset(self) -> None:
        with self._lock:
            self._records.clear()

    def http_requests(self, *, include_token: bool = True) -> int:
        return sum(
            1
            for r in self.records()
            if not r.batch_part and (include_token or r.api_method != TOKEN)
        )

    def units(self) -> int:
        return sum(r.units for r in self.records())
