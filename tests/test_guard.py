"""The no-send guard refuses every forbidden call before it reaches the transport.

Requests are built by the real googleapiclient (the same client the adapter
uses), so the paths and batch bodies are exactly what would go on the wire.
The transport underneath records whatever reaches it: for a refused request
it must record nothing.  The last tests repeat this against the sandbox,
whose violation log must stay empty.
"""

from __future__ import annotations

import base64

import google_auth_httplib2
import httplib2
import pytest
from google.oauth2.credentials import Credentials
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest

from treadgently.gmail import batch_uri, build_service, guarded_http
from treadgently.guard import ForbiddenRequest, RequestGuard
from treadgently.sandbox import Sandbox

ENDPOINT = "https://gmail.googleapis.com"
TOKEN_URI = "https://oauth2.googleapis.com/token"
RAW = base64.urlsafe_b64encode(b"To: a@example.com\r\nSubject: hi\r\n\r\nhello\r\n").decode()


class Reached(Exception):
    """Raised by the fake transport: the request got past the guard."""


class RecordingTransport:
    """Stands where httplib2.Http would: records each request, then stops the call."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []
        self.timeout = 5
        self.follow_redirects = True
        self.connections: dict = {}

    def request(self, uri, method="GET", body=None, headers=None, **kwargs):
        self.requests.append((method, uri))
        raise Reached(f"{method} {uri}")

    def close(self) -> None:
        pass


def make_service(*, label_threads: bool = False):
    transport = RecordingTransport()
    guard = RequestGuard(
        transport, api_endpoint=ENDPOINT, token_uri=TOKEN_URI, label_threads=label_threads
    )
    http = google_auth_httplib2.AuthorizedHttp(Credentials(token="t"), http=guard)
    return build_service(http, ENDPOINT), transport, guard, http


FORBIDDEN = {
    "messages.send": lambda u: u.messages().send(userId="me", body={"raw": RAW}),
    "drafts.send": lambda u: u.drafts().send(userId="me", body={"id": "r1"}),
    "messages.insert": lambda u: u.messages().insert(userId="me", body={"raw": RAW}),
    "messages.import": lambda u: u.messages().import_(userId="me", body={"raw": RAW}),
    "messages.trash": lambda u: u.messages().trash(userId="me", id="abc123"),
    "messages.delete": lambda u: u.messages().delete(userId="me", id="abc123"),
    "messages.batchDelete": lambda u: u.messages().batchDelete(
        userId="me", body={"ids": ["abc123"]}
    ),
    "messages.modify": lambda u: u.messages().modify(
        userId="me", id="abc123", body={"addLabelIds": ["TRASH"]}
    ),
    "threads.trash": lambda u: u.threads().trash(userId="me", id="abc123"),
    "threads.delete": lambda u: u.threads().delete(userId="me", id="abc123"),
    "labels.delete": lambda u: u.labels().delete(userId="me", id="Label_1"),
    "users.watch": lambda u: u.watch(userId="me", body={"topicName": "x"}),
    "settings.forwarding": lambda u: (
        u.settings()
        .forwardingAddresses()
        .create(userId="me", body={"forwardingEmail": "thief@example.com"})
    ),
    "settings.filters": lambda u: u.settings().filters().create(userId="me", body={}),
    "another user's mail": lambda u: u.messages().list(userId="boss@example.com"),
}

ALLOWED = {
    "users.getProfile": lambda u: u.getProfile(userId="me"),
    "messages.list": lambda u: u.messages().list(userId="me", q="from:a@example.com"),
    "messages.get": lambda u: u.messages().get(
        userId="me", id="18c2f0a1b2c3d4e5", format="metadata", metadataHeaders=["From"]
    ),
    "history.list": lambda u: u.history().list(userId="me", startHistoryId="1234"),
    "labels.list": lambda u: u.labels().list(userId="me"),
    "drafts.list": lambda u: u.drafts().list(userId="me"),
    "drafts.get": lambda u: u.drafts().get(userId="me", id="r-123", format="metadata"),
    "drafts.create": lambda u: u.drafts().create(userId="me", body={"message": {"raw": RAW}}),
    "drafts.update": lambda u: u.drafts().update(
        userId="me", id="r-123", body={"message": {"raw": RAW}}
    ),
    "drafts.delete": lambda u: u.drafts().delete(userId="me", id="r-123"),
}


@pytest.mark.parametrize("name", sorted(FORBIDDEN))
def test_forbidden_call_is_refused_before_it_reaches_the_transport(name):
    service, transport, _, _ = make_service(label_threads=True)
    with pytest.raises(ForbiddenRequest):
        FORBIDDEN[name](service.users()).execute()
    assert transport.requests == []


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_the_calls_treadgently_makes_pass_the_guard(name):
    service, transport, _, _ = make_service()
    with pytest.raises(Reached):
        ALLOWED[name](service.users()).execute()
    assert len(transport.requests) == 1


def test_a_media_upload_is_refused_even_for_a_draft():
    """Upload URLs keep https://www.googleapis.com/upload/... whatever the endpoint."""
    from googleapiclient.http import MediaInMemoryUpload

    service, transport, _, _ = make_service()
    media = MediaInMemoryUpload(b"Subject: x\r\n\r\nbody", mimetype="message/rfc822")
    with pytest.raises(ForbiddenRequest):
        service.users().drafts().create(userId="me", body={}, media_body=media).execute()
    assert transport.requests == []


def test_a_send_hidden_in_a_batch_is_refused_and_nothing_is_sent():
    service, transport, _, http = make_service()
    users = service.users()
    batch = BatchHttpRequest(batch_uri=batch_uri(ENDPOINT))
    batch.add(users.messages().get(userId="me", id="aaa111"))
    batch.add(users.messages().send(userId="me", body={"raw": RAW}))
    batch.add(users.messages().get(userId="me", id="bbb222"))
    with pytest.raises(ForbiddenRequest, match="send"):
        batch.execute(http=http)
    assert transport.requests == []


@pytest.mark.parametrize("name", ["messages.trash", "messages.insert", "drafts.send"])
def test_other_forbidden_calls_in_a_batch_are_refused(name):
    service, transport, _, http = make_service()
    batch = BatchHttpRequest(batch_uri=batch_uri(ENDPOINT))
    batch.add(ALLOWED["messages.get"](service.users()))
    batch.add(FORBIDDEN[name](service.users()))
    with pytest.raises(ForbiddenRequest):
        batch.execute(http=http)
    assert transport.requests == []


def test_a_batch_of_allowed_reads_goes_out_as_one_request():
    service, transport, _, http = make_service()
    batch = BatchHttpRequest(batch_uri=batch_uri(ENDPOINT))
    for message_id in ("aaa111", "bbb222", "ccc333"):
        batch.add(service.users().messages().get(userId="me", id=message_id, format="raw"))
    with pytest.raises(Reached):
        batch.execute(http=http)
    assert transport.requests == [("POST", f"{ENDPOINT}/batch/gmail/v1")]


def guard_only(**kwargs) -> tuple[RequestGuard, RecordingTransport]:
    transport = RecordingTransport()
    return RequestGuard(transport, api_endpoint=ENDPOINT, token_uri=TOKEN_URI, **kwargs), transport


def batch_body(*parts: str, boundary: str = "b0undary") -> tuple[str, dict[str, str]]:
    body = "".join(
        f"--{boundary}\r\nContent-Type: application/http\r\nContent-ID: <{i}>\r\n\r\n{part}\r\n"
        for i, part in enumerate(parts)
    )
    body += f"--{boundary}--\r\n"
    return body, {"content-type": f'multipart/mixed; boundary="{boundary}"'}


def test_a_stray_request_line_inside_a_batch_part_is_refused():
    """Whatever a lenient server could read as a request line must pass the allow-list too."""
    guard, transport = guard_only()
    part = (
        "GET /gmail/v1/users/me/messages/aaa HTTP/1.1\r\n\r\n"
        "POST /gmail/v1/users/me/messages/send HTTP/1.1\r\n"
    )
    body, headers = batch_body(part)
    with pytest.raises(ForbiddenRequest, match="send"):
        guard.request(f"{ENDPOINT}/batch/gmail/v1", "POST", body=body, headers=headers)
    assert transport.requests == []


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("not a multipart body", "multipart/mixed; boundary=x"),
        ("GET /gmail/v1/users/me/profile HTTP/1.1\r\n", "application/http"),
        ("--x\r\nContent-Type: application/http\r\n\r\nnonsense\r\n--x--\r\n", ""),
    ],
)
def test_an_unreadable_batch_is_refused(body, content_type):
    guard, transport = guard_only()
    with pytest.raises(ForbiddenRequest):
        guard.request(
            f"{ENDPOINT}/batch/gmail/v1", "POST", body=body, headers={"content-type": content_type}
        )
    assert transport.requests == []


def test_a_batch_inside_a_batch_is_refused():
    guard, _ = guard_only()
    body, headers = batch_body("POST /batch/gmail/v1 HTTP/1.1\r\n\r\n")
    with pytest.raises(ForbiddenRequest, match="batch inside a batch"):
        guard.check("POST", f"{ENDPOINT}/batch/gmail/v1", body, headers)


def test_a_method_override_header_is_what_gets_checked():
    guard, transport = guard_only()
    with pytest.raises(ForbiddenRequest):
        guard.request(
            f"{ENDPOINT}/gmail/v1/users/me/messages/abc",
            "POST",
            headers={"X-HTTP-Method-Override": "DELETE"},
        )
    body, headers = batch_body(
        "GET /gmail/v1/users/me/messages/abc HTTP/1.1\r\nX-HTTP-Method-Override: DELETE\r\n\r\n"
    )
    with pytest.raises(ForbiddenRequest):
        guard.check("POST", f"{ENDPOINT}/batch/gmail/v1", body, headers)
    assert transport.requests == []


def test_a_long_get_turned_into_post_with_override_is_still_allowed():
    """googleapiclient turns a GET longer than 2048 characters into POST + override GET."""
    guard, _ = guard_only()
    name = guard.check(
        "POST",
        f"{ENDPOINT}/gmail/v1/users/me/messages",
        "q=" + "x" * 3000,
        {"x-http-method-override": "GET"},
    )
    assert name == "messages.list"


@pytest.mark.parametrize(
    "uri",
    [
        f"{ENDPOINT}/gmail/v1/users/me/drafts/../messages/send",
        f"{ENDPOINT}/gmail/v1/users/me/drafts/%2E%2E%2Fmessages%2Fsend",
        f"{ENDPOINT}/upload/gmail/v1/users/me/drafts",
        "https://evil.example.com/gmail/v1/users/me/drafts",
        "http://gmail.googleapis.com/gmail/v1/users/me/drafts",  # scheme differs
    ],
)
def test_path_and_host_tricks_are_refused(uri):
    guard, transport = guard_only()
    with pytest.raises(ForbiddenRequest):
        guard.request(uri, "POST", body="{}", headers={})
    assert transport.requests == []


def test_token_refresh_may_post_to_the_configured_token_uri_only():
    guard, _ = guard_only()
    assert guard.check("POST", TOKEN_URI, "grant_type=refresh_token", {}) == "oauth.token"
    with pytest.raises(ForbiddenRequest):
        guard.check("POST", "https://oauth2.googleapis.com/revoke", "", {})
    with pytest.raises(ForbiddenRequest):
        guard.check("GET", TOKEN_URI, None, {})


def test_label_changes_need_label_threads_and_may_not_touch_system_labels():
    modify = f"{ENDPOINT}/gmail/v1/users/me/threads/abc/modify"
    guard, _ = guard_only()
    with pytest.raises(ForbiddenRequest):
        guard.check("POST", modify, '{"addLabelIds": ["Label_3"]}', {})
    with pytest.raises(ForbiddenRequest):
        guard.check("POST", f"{ENDPOINT}/gmail/v1/users/me/labels", '{"name": "x"}', {})

    guard, _ = guard_only(label_threads=True)
    assert guard.check("POST", modify, '{"addLabelIds": ["Label_3"]}', {}) == "threads.modify"
    for body in (
        '{"addLabelIds": ["TRASH"]}',
        '{"addLabelIds": ["Label_3", "SPAM"]}',
        '{"removeLabelIds": ["INBOX"]}',
        "not json",
    ):
        with pytest.raises(ForbiddenRequest):
            guard.check("POST", modify, body, {})


def test_redirects_are_switched_off_on_the_wrapped_transport():
    """httplib2 would follow a 307/308 for a POST to a URL the guard never checked."""
    guard, transport = guard_only()
    assert transport.follow_redirects is False
    with pytest.raises(ForbiddenRequest):
        guard.follow_redirects = True


def test_the_real_wiring_puts_the_guard_under_the_credentials():
    http = guarded_http(Credentials(token="t"), api_endpoint=ENDPOINT, token_uri=TOKEN_URI)
    assert isinstance(http.http, RequestGuard)
    assert isinstance(http.http.http, httplib2.Http)
    assert http.http.http.timeout is not None
    with pytest.raises(ForbiddenRequest):
        http.request(f"{ENDPOINT}/gmail/v1/users/me/messages/send", "POST", body="{}")


# ---- against the sandbox: nothing forbidden arrives -----------------------------------------


@pytest.fixture
def box():
    with Sandbox() as sandbox:
        yield sandbox


def sandbox_service(box, http):
    return build_service(http, box.url)


def test_no_forbidden_call_reaches_the_sandbox_through_the_adapters_http(box):
    parent = box.deliver(
        b"From: sam@acme.example\r\nSubject: hi\r\nMessage-ID: <p@x>\r\n\r\nhi\r\n"
    )
    http = guarded_http(None, api_endpoint=box.url, token_uri=box.token_url)
    users = sandbox_service(box, http).users()
    attempts = [
        users.messages().send(userId="me", body={"raw": RAW}),
        users.drafts().send(userId="me", body={"id": "r1"}),
        users.messages().insert(userId="me", body={"raw": RAW}),
        users.messages().import_(userId="me", body={"raw": RAW}),
        users.messages().trash(userId="me", id=parent),
        users.messages().delete(userId="me", id=parent),
        users.threads().trash(userId="me", id=box.message(parent).thread_id),
    ]
    for request in attempts:
        with pytest.raises(ForbiddenRequest):
            request.execute()
    batch = BatchHttpRequest(batch_uri=batch_uri(box.url))
    batch.add(users.messages().get(userId="me", id=parent))
    batch.add(users.messages().send(userId="me", body={"raw": RAW}))
    with pytest.raises(ForbiddenRequest):
        batch.execute(http=http)
    assert box.violations == []
    assert box.request_count == 0
    assert [m.id for m in box.messages()] == [parent]


def test_without_the_guard_the_sandbox_would_have_recorded_the_violation(box):
    """The control: the sandbox does notice a send, so the test above can fail."""
    http = google_auth_httplib2.AuthorizedHttp(
        Credentials(token="t"), http=httplib2.Http(timeout=5)
    )
    users = sandbox_service(box, http).users()
    with pytest.raises(HttpError) as caught:
        users.messages().send(userId="me", body={"raw": RAW}).execute()
    assert caught.value.resp.status == 403
    assert [v.api_method for v in box.violations] == ["gmail.users.messages.send"]
