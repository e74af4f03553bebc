"""Fault injection, hangs for the crash harness, and the token endpoint of the sandbox."""

from __future__ import annotations

import base64
import http.client
import json
import threading
import time
from collections.abc import Iterator

import httplib2
import pytest
from google.auth.exceptions import RefreshError
from google.auth.transport.requests import Request
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest

from treadgently.sandbox import Sandbox

USER = "jordan@example.com"
RAW = b"From: jordan@example.com\r\nTo: ana@acme.example\r\nSubject: Thanks\r\n\r\nThank you!\r\n"


@pytest.fixture
def box() -> Iterator[Sandbox]:
    with Sandbox(user_email=USER) as sandbox:
        yield sandbox


@pytest.fixture
def gmail(box: Sandbox):
    service = build(
        "gmail",
        "v1",
        static_discovery=True,
        client_options={"api_endpoint": box.url},
        credentials=Credentials(token="x"),
    )
    return service.users()


def create_draft(gmail):
    body = {"message": {"raw": base64.urlsafe_b64encode(RAW).decode()}}
    return gmail.drafts().create(userId="me", body=body)


def test_429_carries_retry_after_and_only_the_next_request_fails(box, gmail):
    box.faults.fail_next(429, retry_after=7)
    with pytest.raises(HttpError) as limited:
        gmail.getProfile(userId="me").execute()
    assert limited.value.resp.status == 429
    assert limited.value.resp["retry-after"] == "7"
    assert limited.value.error_details[0]["reason"] == "rateLimitExceeded"
    assert gmail.getProfile(userId="me").execute()["emailAddress"] == USER


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_answered_with_that_status(box, gmail, status):
    box.faults.fail_next(status, n=2)
    for _ in range(2):
        with pytest.raises(HttpError) as failed:
            gmail.getProfile(userId="me").execute()
        assert failed.value.resp.status == status
    assert [r.status for r in box.requests] == [status, status]


def test_rate_limit_403_uses_gmails_user_rate_limit_reason(box, gmail):
    box.faults.rate_limit_next()
    with pytest.raises(HttpError) as limited:
        gmail.messages().list(userId="me").execute()
    assert limited.value.resp.status == 403
    assert limited.value.error_details[0]["reason"] == "userRateLimitExceeded"


def test_a_fault_for_one_method_spares_the_others(box, gmail):
    box.faults.fail_next(503, method="history.list")
    start = gmail.getProfile(userId="me").execute()["historyId"]
    with pytest.raises(HttpError):
        gmail.history().list(userId="me", startHistoryId=start).execute()
    assert "history" not in gmail.history().list(userId="me", startHistoryId=start).execute()


def test_a_faulted_write_has_no_effect(box, gmail):
    box.faults.fail_next(500, method="drafts.create")
    with pytest.raises(HttpError):
        create_draft(gmail).execute()
    assert box.drafts() == []


def test_delay_slows_the_answer(box, gmail):
    box.faults.delay_next(0.3)
    began = time.monotonic()
    gmail.getProfile(userId="me").execute()
    assert time.monotonic() - began >= 0.3


def test_one_dropped_connection_is_resent_by_httplib2_and_logged_twice(box, gmail):
    box.faults.drop_next(1)
    assert gmail.getProfile(userId="me").execute()["emailAddress"] == USER
    assert [r.status for r in box.requests] == [0, 200]


def test_two_dropped_connections_reach_the_client_as_an_error(box, gmail):
    box.faults.drop_next(2)
    with pytest.raises((http.client.HTTPException, ConnectionError)):
        gmail.getProfile(userId="me").execute()
    assert [r.status for r in box.requests] == [0, 0]


def test_answer_dropped_after_apply_leaves_drafts_stored_and_httplib2_resends_the_post(box, gmail):
    """The hazard the adapter must handle: the client sees an error, yet the drafts exist."""
    box.faults.drop_next(2, method="drafts.create", after_apply=True)
    with pytest.raises((http.client.HTTPException, ConnectionError)):
        create_draft(gmail).execute()
    assert len(box.drafts()) == 2


def test_part_faults_hit_only_the_named_batch_parts(box, gmail):
    ids = [box.deliver(RAW.replace(b"Thanks", f"Thanks {i}".encode())) for i in range(3)]
    box.faults.fail_next(429, method="messages.get", retry_after=0)
    answers: dict[str, object] = {}
    batch = BatchHttpRequest(
        batch_uri=box.url + "/batch/gmail/v1",
        callback=lambda request_id, response, error: answers.update(
            {request_id: error or response}
        ),
    )
    for message_id in ids:
        batch.add(gmail.messages().get(userId="me", id=message_id), request_id=message_id)
    batch.execute()
    assert isinstance(answers[ids[0]], HttpError) and answers[ids[0]].resp.status == 429
    assert [answers[i]["id"] for i in ids[1:]] == ids[1:]


def test_a_fault_on_the_batch_fails_the_whole_batch(box, gmail):
    box.faults.fail_next(503, method="batch")
    batch = BatchHttpRequest(batch_uri=box.url + "/batch/gmail/v1")
    batch.add(gmail.getProfile(userId="me"))
    with pytest.raises(HttpError) as failed:
        batch.execute()
    assert failed.value.resp.status == 503


def storm_outcomes(seed: int) -> list[int]:
    with Sandbox(user_email=USER) as sandbox:
        sandbox.faults.random(
            rate=0.3, seed=seed, kinds=("429", "500", "503", "403"), retry_after=0
        )
        connection = httplib2.Http(timeout=5)
        for _ in range(40):
            connection.request(sandbox.url + "/gmail/v1/users/me/profile")
        return [r.status for r in sandbox.requests]


def test_seeded_storm_is_reproducible_and_mixes_kinds():
    first, again, other = storm_outcomes(7), storm_outcomes(7), storm_outcomes(8)
    assert first == again
    assert first != other
    failures = [s for s in first if s != 200]
    assert 4 <= len(failures) <= 24
    assert len(set(failures)) >= 3


def test_storm_with_drops_and_delays_lets_a_retrying_client_finish(box, gmail):
    box.faults.random(rate=0.3, seed=3, delay=0.01)
    done = 0
    for _ in range(30):
        try:
            gmail.getProfile(userId="me").execute()
            done += 1
        except (HttpError, http.client.HTTPException, ConnectionError):
            continue
    kinds = {f.fault.kind for f in box.faults.injected}
    assert {"status", "drop", "delay"} <= kinds
    assert 0 < done < 30


def test_clear_stops_all_faults(box, gmail):
    box.faults.random(rate=1.0, seed=1, kinds=("500",))
    box.faults.clear()
    assert gmail.getProfile(userId="me").execute()["emailAddress"] == USER


def in_background(call) -> tuple[threading.Thread, dict[str, object]]:
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["answer"] = call()
        except (HttpError, http.client.HTTPException, ConnectionError) as error:
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    return worker, outcome


def test_hang_at_blocks_the_kth_request_until_released(box, gmail):
    gmail.getProfile(userId="me").execute()
    number = box.faults.hang_at(2)
    assert number == box.request_count + 2
    gmail.getProfile(userId="me").execute()  # request k-1 passes
    worker, outcome = in_background(lambda: create_draft(gmail).execute())
    assert box.wait_for_hang(timeout=5)
    assert box.request_count == number and box.faults.hanging_number == number
    assert box.drafts() == []  # hung before its effect
    box.release()
    worker.join(timeout=5)
    assert outcome["answer"]["id"] == box.drafts()[0].id


def test_hang_after_apply_stores_the_draft_before_holding_the_answer(box, gmail):
    box.faults.hang_after_apply_at(1)
    worker, outcome = in_background(lambda: create_draft(gmail).execute())
    assert box.wait_for_hang(timeout=5)
    [draft] = box.drafts()
    assert outcome == {}
    box.release()
    worker.join(timeout=5)
    assert outcome["answer"]["id"] == draft.id


def test_release_disarms_a_hang_that_was_never_reached(box, gmail):
    box.faults.hang_at(3)
    gmail.getProfile(userId="me").execute()
    assert not box.wait_for_hang(timeout=0.05)
    box.release()
    for _ in range(3):
        gmail.getProfile(userId="me").execute()
    assert [r.status for r in box.requests] == [200] * 4


def test_a_request_whose_client_died_while_hanging_has_no_effect(box):
    box.faults.hang_at(1)
    body = json.dumps({"message": {"raw": base64.urlsafe_b64encode(RAW).decode()}})
    connection = http.client.HTTPConnection("127.0.0.1", box.port, timeout=5)
    connection.request(
        "POST", "/gmail/v1/users/me/drafts", body, {"Content-Type": "application/json"}
    )
    assert box.wait_for_hang(timeout=5)
    connection.close()  # the harness killed the client
    box.release()
    deadline = time.monotonic() + 5
    while not box.requests and time.monotonic() < deadline:
        time.sleep(0.01)
    assert [r.status for r in box.requests] == [0]
    assert box.drafts() == []


def test_closing_the_box_releases_a_hanging_request():
    with Sandbox(user_email=USER) as sandbox:
        sandbox.faults.hang_at(1)
        worker, _ = in_background(
            lambda: httplib2.Http(timeout=5).request(sandbox.url + "/gmail/v1/users/me/profile")
        )
        assert sandbox.wait_for_hang(timeout=5)
    worker.join(timeout=5)
    assert not worker.is_alive()


def refreshable(box: Sandbox) -> Credentials:
    return Credentials(
        token=None,
        refresh_token="refresh-1",
        token_uri=box.token_url,
        client_id="client",
        client_secret="secret",
    )


def test_token_endpoint_refreshes_an_access_token(box):
    credentials = refreshable(box)
    credentials.refresh(Request())
    assert credentials.token.startswith("sandbox-access-")
    assert credentials.expiry is not None
    assert [r.api_method for r in box.requests] == ["oauth2.token"]
    assert box.quota_units() == 0


def test_revoked_token_answers_invalid_grant(box):
    box.faults.revoke_token()
    with pytest.raises(RefreshError, match="invalid_grant"):
        refreshable(box).refresh(Request())


def test_token_endpoint_can_answer_5xx(box):
    box.faults.fail_next(503, method="oauth2.token")
    response, _ = httplib2.Http(timeout=5).request(
        box.token_url,
        "POST",
        body="grant_type=refresh_token&refresh_token=r",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status == 503


def test_missing_authorization_is_recorded(box):
    httplib2.Http(timeout=5).request(box.url + "/gmail/v1/users/me/profile")
    [record] = box.requests
    assert record.status == 200 and not record.authorized
