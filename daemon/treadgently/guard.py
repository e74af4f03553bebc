"""The no-send guard: an allow-list of the Gmail calls treadgently makes, enforced on the wire.

treadgently promises never to send, insert, import, trash or delete mail.  The
adapter has no method that would, but a promise should not rest on the absence
of a method: this guard wraps the ``httplib2.Http`` object itself, so every
request, including each request inside a ``/batch`` body and the token
refresh, is checked against a short allow-list *before* a byte leaves the
process.  Anything else raises ForbiddenRequest.

Redirects are switched off on the wrapped object: a redirect followed by
httplib2 would reach a URL the guard never saw.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from treadgently.errors import TreadgentlyError

log = logging.getLogger(__name__)

# Gmail ids (messages, threads, drafts, labels) are short and URL-safe.  A
# narrow character class also keeps "..", "%2F" and friends out of paths.
_ID = r"[A-Za-z0-9_-]{1,128}"
_USER = "gmail/v1/users/me"

BATCH_PATH = "batch/gmail/v1"
MAX_BATCH_PARTS = 100
# System labels Gmail treats as actions (trash, spam, sent...): never ours to add or remove.
# User label ids look like "Label_12"; system ones are upper case (INBOX, TRASH, CATEGORY_...).
_SYSTEM_LABEL = re.compile(r"^[A-Z0-9_]+$")
_REQUEST_LINE = re.compile(r"^([A-Za-z]+) (\S+) HTTP/\d(?:\.\d)?$")
_LOOSE_REQUEST_LINE = re.compile(
    r"^\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE|CONNECT)\s+(\S+)\s+HTTP/", re.IGNORECASE
)


class ForbiddenRequest(TreadgentlyError):
    """A request outside the allow-list: a bug in treadgently, refused before it was sent."""


@dataclass(frozen=True)
class Route:
    method: str
    pattern: re.Pattern[str]
    name: str
    label_change: bool = False  # allowed only when [gmail] label_threads is on


def _route(method: str, path: str, name: str, *, label_change: bool = False) -> Route:
    return Route(method, re.compile(f"^{path}$"), name, label_change)


READ_ROUTES = (
    _route("GET", f"{_USER}/profile", "users.getProfile"),
    _route("GET", f"{_USER}/messages", "messages.list"),
    _route("GET", f"{_USER}/messages/{_ID}", "messages.get"),
    _route("GET", f"{_USER}/threads/{_ID}", "threads.get"),
    _route("GET", f"{_USER}/history", "history.list"),
    _route("GET", f"{_USER}/labels", "labels.list"),
)
DRAFT_ROUTES = (
    _route("GET", f"{_USER}/drafts", "drafts.list"),
    _route("GET", f"{_USER}/drafts/{_ID}", "drafts.get"),
    _route("POST", f"{_USER}/drafts", "drafts.create"),
    _route("PUT", f"{_USER}/drafts/{_ID}", "drafts.update"),
    _route("DELETE", f"{_USER}/drafts/{_ID}", "drafts.delete"),
)
LABEL_ROUTES = (
    _route("POST", f"{_USER}/labels", "labels.create", label_change=True),
    _route("POST", f"{_USER}/threads/{_ID}/modify", "threads.modify", label_change=True),
)
GMAIL_ROUTES = READ_ROUTES + DRAFT_ROUTES + LABEL_ROUTES


class RequestGuard:
    """Wraps an httplib2.Http-like object; ``request`` checks, then forwards.

    ``api_endpoint`` is the Gmail root (``[gmail] api_endpoint``) and
    ``token_uri`` the OAuth token endpoint; nothing else is reachable.
    """

    def __init__(
        self,
        http: Any,
        *,
        api_endpoint: str,
        token_uri: str,
        label_threads: bool = False,
    ) -> None:
        self.http = http
        http.follow_redirects = False
        endpoint = urlsplit(api_endpoint)
        self._origin = (endpoint.scheme.lower(), endpoint.netloc.lower())
        self._prefix = endpoint.path.rstrip("/") + "/"
        token = urlsplit(token_uri)
        self._token = (token.scheme.lower(), token.netloc.lower(), token.path or "/")
        self._routes = tuple(r for r in GMAIL_ROUTES if label_threads or not r.label_change)

    # -- the httplib2.Http interface -------------------------------------------------

    def request(
        self,
        uri: str,
        method: str = "GET",
        body: bytes | str | None = None,
        headers: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> tuple[Any, bytes]:
        self.check(method, uri, body, headers or {})
        return self.http.request(uri, method, body=body, headers=headers, **kwargs)

    @property
    def timeout(self) -> float | None:
        return self.http.timeout

    @property
    def connections(self) -> Any:
        return self.http.connections

    @connections.setter
    def connections(self, value: Any) -> None:
        self.http.connections = value

    @property
    def follow_redirects(self) -> bool:
        return False

    @follow_redirects.setter
    def follow_redirects(self, value: bool) -> None:
        if value:
            raise ForbiddenRequest("redirects stay off behind the no-send guard")

    def close(self) -> None:
        self.http.close()

    # -- the checks ------------------------------------------------------------------

    def check(
        self, method: str, uri: str, body: bytes | str | None, headers: Mapping[str, str]
    ) -> str:
        """The allowed call's name, or ForbiddenRequest.  Public so tests can probe it."""
        verb = effective_method(method, headers)
        parts = urlsplit(uri)
        where = (parts.scheme.lower(), parts.netloc.lower())
        if verb == "POST" and (*where, parts.path or "/") == self._token:
            return "oauth.token"
        if where != self._origin:
            raise self._refuse(verb, uri, "not the Gmail endpoint or the token endpoint")
        relative = self._relative(parts.path, uri, verb)
        if relative == BATCH_PATH:
            if verb != "POST":
                raise self._refuse(verb, uri, "the batch endpoint takes POST only")
            self._check_batch(body, headers)
            return "batch"
        return self._check_call(verb, relative, body, headers, uri)

    def _relative(self, path: str, uri: str, verb: str) -> str:
        if not path.startswith(self._prefix):
            raise self._refuse(verb, uri, "outside the Gmail endpoint's path")
        return path[len(self._prefix) :]

    def _check_call(
        self,
        verb: str,
        relative: str,
        body: bytes | str | None,
        headers: Mapping[str, str],
        uri: str,
    ) -> str:
        for route in self._routes:
            if route.method == verb and route.pattern.match(relative):
                if route.name == "threads.modify":
                    self._check_label_change(body, uri)
                return route.name
        raise self._refuse(verb, uri, "not on the allow-list")

    def _check_label_change(self, body: bytes | str | None, uri: str) -> None:
        """threads.modify may only touch our own user labels: adding TRASH would be a delete."""
        try:
            change = json.loads(body or b"{}")
        except ValueError:
            raise self._refuse("POST", uri, "unreadable label change") from None
        if not isinstance(change, dict):
            raise self._refuse("POST", uri, "unreadable label change")
        for key in ("addLabelIds", "removeLabelIds"):
            labels = change.get(key) or []
            if not isinstance(labels, list) or any(
                not isinstance(label, str) or _SYSTEM_LABEL.match(label) for label in labels
            ):
                raise self._refuse("POST", uri, f"{key} may hold only user labels, got {labels!r}")

    def _check_batch(self, body: bytes | str | None, headers: Mapping[str, str]) -> None:
        """Every request inside a batch must pass the same allow-list (and not be a batch)."""
        content_type = header(headers, "content-type")
        raw = body.encode("utf-8") if isinstance(body, str) else (body or b"")
        inner = batch_requests(raw, content_type)
        if not inner:
            raise self._refuse("POST", BATCH_PATH, "a batch without readable parts")
        if len(inner) > MAX_BATCH_PARTS:
            raise self._refuse("POST", BATCH_PATH, f"more than {MAX_BATCH_PARTS} parts")
        for part in inner:
            relative = self._relative(urlsplit(part.target).path, part.target, part.method)
            if relative == BATCH_PATH:
                raise self._refuse(part.method, part.target, "a batch inside a batch")
            self._check_call(part.method, relative, part.body, part.headers, part.target)
        # Belt and braces: whatever a server might read as a request line must pass too,
        # so a part our parser saw differently cannot slip through.
        seen = {(part.line_method, part.target) for part in inner}
        for line in raw.decode("utf-8", "replace").splitlines():
            match = _LOOSE_REQUEST_LINE.match(line)
            if match and (match.group(1).upper(), match.group(2)) not in seen:
                raise self._refuse(
                    match.group(1), match.group(2), "a stray request line in a batch"
                )

    def _refuse(self, verb: str, uri: str, why: str) -> ForbiddenRequest:
        log.error("no-send guard refused %s %s: %s", verb, uri, why)
        return ForbiddenRequest(
            f"refused {verb} {uri}: {why}. treadgently only reads mail and writes drafts; "
            "this is a bug, please report it"
        )


def header(headers: Mapping[str, str], name: str) -> str:
    for key, value in headers.items():
        if key.lower() == name:
            return str(value)
    return ""


def effective_method(method: str, headers: Mapping[str, str]) -> str:
    """The method a server will act on: X-HTTP-Method-Override wins over the request line."""
    override = header(headers, "x-http-method-override").strip()
    return (override or method).upper()


@dataclass(frozen=True)
class InnerRequest:
    """One request inside a batch body."""

    line_method: str  # as written on the request line
    method: str  # what the server will do (X-HTTP-Method-Override applied)
    target: str
    headers: dict[str, str]
    body: str


def batch_requests(body: bytes, content_type: str) -> list[InnerRequest] | None:
    """Each inner request of a multipart/mixed batch.

    None when the body is not a readable batch, or any part lacks a request line:
    the guard refuses what it cannot read.
    """
    if not content_type.lower().startswith("multipart/"):
        return None
    envelope = b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n"
    message = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(envelope + body)
    if not message.is_multipart():
        return None
    found = []
    for part in message.get_payload():
        payload = part.get_payload(decode=False)
        if not isinstance(payload, str):
            return None
        parsed = parse_inner_request(payload)
        if parsed is None:
            return None
        found.append(parsed)
    return found


def parse_inner_request(payload: str) -> InnerRequest | None:
    """One application/http part: request line, headers, body."""
    text = payload.lstrip("\r\n")
    head, _, body = text.replace("\r\n", "\n").partition("\n\n")
    lines = head.split("\n")
    match = _REQUEST_LINE.match(lines[0].strip())
    if not match:
        return None
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    line_method = match.group(1).upper()
    return InnerRequest(
        line_method=line_method,
        method=effective_method(line_method, headers),
        target=match.group(2),
        headers=headers,
        body=body,
    )
