"""The sandbox's HTTP side: routing, the batch endpoint, the token endpoint, faults and the log.

Every outer HTTP request is numbered on arrival (the number ``hang_at`` refers
to), checked against the fault rules, answered, and logged.  A batch is
unpacked exactly as googleapiclient's ``BatchHttpRequest`` packs it
(multipart/mixed of application/http parts with ``Content-ID: <base + id>``) and
answered the way Google does (``Content-ID: <response-base + id>``, CRLF line
ends, because the client splits each part's headers from its body at
``\\r\\n\\r\\n``).  Each part is logged, priced and guarded as a call of its own.
"""

from __future__ import annotations

import logging
import re
import select
import socket
import socketserver
import time
import uuid
from email.parser import BytesParser, HeaderParser
from email.policy import compat32
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from treadgently.sandbox.api import Call, GmailApi, Response, error_response, json_response
from treadgently.sandbox.faults import Fault, Faults
from treadgently.sandbox.quota import BATCH, TOKEN, RequestLog, RequestRecord, units_for

logger = logging.getLogger(__name__)

BATCH_PATHS = ("/batch/gmail/v1", "/batch")
TOKEN_PATH = "/token"  # noqa: S105 - a URL path, not a secret
MAX_BATCH_PARTS = 100
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_HEADER_END = re.compile(r"\r?\n\r?\n")
_FAULT_MESSAGES = {
    429: "Too many concurrent requests for user.",
    403: "User-rate limit exceeded.  Retry after a while.",
    500: "Backend Error",
    502: "Bad Gateway",
    503: "The service is currently unavailable.",
    504: "Deadline exceeded.",
}


class DroppedConnection(Exception):
    """A fault asked for the connection to be closed without an answer."""


def fault_response(fault: Fault) -> Response:
    if fault.status == 502:  # Google's front end answers 502 with an HTML page, not JSON
        page = b"<html><head><title>502 Bad Gateway</title></head><body>502</body></html>"
        return Response(502, page, content_type="text/html; charset=UTF-8")
    headers = (("Retry-After", str(fault.retry_after)),) if fault.retry_after is not None else ()
    message = _FAULT_MESSAGES.get(fault.status, "Backend Error")
    return error_response(fault.status, fault.reason, message, headers)


class SandboxService:
    """What the HTTP handler calls: one place that numbers, faults, answers and logs."""

    def __init__(self, api: GmailApi, faults: Faults, log: RequestLog):
        self.api = api
        self.faults = faults
        self.log = log
        self.access_tokens_issued = 0

    def classify(self, http_method: str, path: str) -> str:
        if path in BATCH_PATHS:
            return BATCH
        if path == TOKEN_PATH:
            return TOKEN
        route = self.api.route(http_method, path)
        return route.api_method if route else "unknown"

    def answer(
        self,
        http_method: str,
        path: str,
        *,
        query: str,
        body: bytes,
        content_type: str,
        number: int,
    ) -> Response:
        if http_method == "POST" and path in BATCH_PATHS:
            return self.answer_batch(body, content_type, number)
        if http_method == "POST" and path == TOKEN_PATH:
            return self.answer_token(body, number)
        route = self.api.route(http_method, path)
        if route is None:
            return error_response(404, "notFound", f"No such endpoint: {http_method} {path}")
        call = Call(http_method, path, parse_qs(query, keep_blank_values=True), body, number, False)
        return self.api.invoke(route, call)

    def answer_token(self, body: bytes, number: int) -> Response:
        form = parse_qs(body.decode("utf-8", errors="replace"))
        if self.faults.token_revoked:
            return json_response(
                400,
                {
                    "error": "invalid_grant",
                    "error_description": "Token has been expired or revoked.",
                },
            )
        if form.get("grant_type", [""])[0] != "refresh_token" or not form.get("refresh_token"):
            return json_response(
                400, {"error": "unsupported_grant_type", "error_description": "Invalid grant_type."}
            )
        self.access_tokens_issued += 1
        answer: dict[str, object] = {
            "access_token": f"sandbox-access-{number}",
            "expires_in": 3599,
            "token_type": "Bearer",
        }
        if form.get("scope"):
            answer["scope"] = form["scope"][0]
        return json_response(200, answer)

    def answer_batch(self, body: bytes, content_type: str, number: int) -> Response:
        if not content_type.lower().startswith("multipart/mixed"):
            return error_response(400, "badRequest", "batch requests must be multipart/mixed")
        envelope = BytesParser(policy=compat32).parsebytes(
            b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
        )
        parts = envelope.get_payload() if envelope.is_multipart() else []
        if not isinstance(parts, list) or not parts:
            return error_response(400, "badRequest", "empty batch")
        if len(parts) > MAX_BATCH_PARTS:
            return error_response(400, "badRequest", f"at most {MAX_BATCH_PARTS} calls in a batch")
        boundary = "batch_" + uuid.uuid4().hex
        chunks: list[str] = []
        for position, part in enumerate(parts):
            content_id = _FOLD.sub("", str(part.get("Content-ID", f"<{position}>"))).strip()
            payload = part.get_payload()
            text = payload if isinstance(payload, str) else ""
            answer = self.answer_part(text, number)
            chunks.append(_response_part(boundary, content_id, answer))
        text = "".join(chunks) + f"--{boundary}--\r\n"
        return Response(
            200, text.encode("utf-8"), content_type=f"multipart/mixed; boundary={boundary}"
        )

    def answer_part(self, text: str, number: int) -> Response:
        request_line, _, rest = text.partition("\n")
        pieces = request_line.strip().split(" ")
        if len(pieces) < 2:
            return error_response(400, "badRequest", "malformed batch part")
        http_method, target = pieces[0].upper(), pieces[1]
        header_text, _, inner_body = _split_headers(rest)
        headers = HeaderParser().parsestr(header_text)
        url = urlsplit(target)
        route = self.api.route(http_method, url.path)
        api_method = route.api_method if route else "unknown"
        fault = self.faults.decide(number, api_method, batch_part=True)
        if fault is not None and fault.kind == "delay":
            time.sleep(fault.seconds)
        if fault is not None and fault.kind == "drop":
            raise DroppedConnection
        if fault is not None and fault.kind == "status":
            answer = fault_response(fault)
        elif route is None:
            answer = error_response(404, "notFound", f"No such endpoint: {http_method} {url.path}")
        else:
            call = Call(
                http_method,
                url.path,
                parse_qs(url.query, keep_blank_values=True),
                inner_body.encode("utf-8"),
                number,
                True,
            )
            answer = self.api.invoke(route, call)
        self.log.add(
            RequestRecord(
                number=number,
                method=http_method,
                path=url.path,
                query=url.query,
                api_method=api_method,
                status=answer.status,
                units=units_for(api_method),
                batch_part=True,
                authorized=_is_bearer(headers.get("authorization")),
            )
        )
        return answer


def _split_headers(text: str) -> tuple[str, str, str]:
    match = _HEADER_END.search(text)
    if match is None:
        return text, "", ""
    return text[: match.start()], match.group(), text[match.end() :]


def _response_part(boundary: str, content_id: str, answer: Response) -> str:
    inner_id = (
        content_id[1:-1] if content_id.startswith("<") and content_id.endswith(">") else content_id
    )
    reason = (
        HTTPStatus(answer.status).phrase if answer.status in HTTPStatus._value2member_map_ else ""
    )
    body = answer.body.decode("utf-8", errors="replace")
    return (
        f"--{boundary}\r\n"
        "Content-Type: application/http\r\n"
        f"Content-ID: <response-{inner_id}>\r\n\r\n"
        f"HTTP/1.1 {answer.status} {reason}\r\n"
        f"Content-Type: {answer.content_type}\r\n"
        + "".join(f"{name}: {value}\r\n" for name, value in answer.headers)
        + f"Content-Length: {len(answer.body)}\r\n\r\n"
        f"{body}\r\n"
    )


def _is_bearer(value: str | None) -> bool:
    return bool(value) and str(value).lower().startswith("bearer ")


class _Handler(BaseHTTPRequestHandler):
    server: SandboxServer
    protocol_version = "HTTP/1.0"  # one request per connection: simple, and hangs stay per request

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

    def log_message(self, format: str, *args: object) -> None:
        logger.debug("sandbox http: " + format, *args)

    def _serve(self) -> None:
        service = self.server.service
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        number = service.faults.arrive()
        url = urlsplit(self.path)
        method, query, body = self._effective_request(url.query, body)
        api_method = service.classify(method, url.path)
        answer = self._answer(number, method, api_method, url.path, query=query, body=body)
        # Logged before the answer is written, so a client that has its answer finds it logged.
        service.log.add(
            RequestRecord(
                number=number,
                method=method,
                path=url.path,
                query=query,
                api_method=api_method,
                status=answer.status if answer else 0,
                units=0 if api_method == BATCH else units_for(api_method),
                batch_part=False,
                authorized=_is_bearer(self.headers.get("Authorization")),
            )
        )
        if answer is not None:
            self._write(answer)

    def _effective_request(self, query: str, body: bytes) -> tuple[str, str, bytes]:
        """Honour X-HTTP-Method-Override as Google does.

        googleapiclient turns a GET whose URL passes 2,048 characters into a POST
        with ``X-HTTP-Method-Override: GET`` and the query moved into a form body.
        """
        override = (self.headers.get("X-HTTP-Method-Override") or "").strip().upper()
        if self.command != "POST" or not override:
            return self.command, query, body
        if override == "GET" and "form-urlencoded" in self.headers.get("Content-Type", ""):
            moved = body.decode("utf-8", "replace")
            return override, "&".join(part for part in (query, moved) if part), b""
        return override, query, body

    def _answer(
        self, number: int, method: str, api_method: str, path: str, *, query: str, body: bytes
    ) -> Response | None:
        """The answer to send, or None to close the connection without one."""
        service = self.server.service
        if service.faults.hang_if_due(number, applied=False) and self._client_gone():
            return None
        fault = service.faults.decide(number, api_method)
        if fault is not None and fault.kind == "delay":
            time.sleep(fault.seconds)
        if fault is not None and fault.kind == "drop" and not fault.after_apply:
            return None
        if fault is not None and fault.kind == "status":
            answer = fault_response(fault)
        else:
            try:
                answer = service.answer(
                    method,
                    path,
                    query=query,
                    body=body,
                    content_type=self.headers.get("Content-Type", ""),
                    number=number,
                )
            except DroppedConnection:
                return None
        service.faults.hang_if_due(number, applied=True)
        if fault is not None and fault.kind == "drop":
            return None
        return answer

    def _write(self, answer: Response) -> None:
        try:
            self.send_response(answer.status)
            for name, value in answer.headers:
                self.send_header(name, value)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)
        except (BrokenPipeError, ConnectionResetError):
            logger.info("sandbox client went away before its answer")

    def _client_gone(self) -> bool:
        """After a hang: a killed client has closed its socket, so its request never arrived."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True


class SandboxServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, service: SandboxService, port: int = 0):
        self.service = service
        super().__init__(("127.0.0.1", port), _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind asks DNS for the host's FQDN; loopback needs no lookup.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = "127.0.0.1", self.server_address[1]

    def handle_error(self, request: object, client_address: object) -> None:
        logger.exception("sandbox failed to answer %s", client_address)
