"""The Gmail adapter through the real googleapiclient, over HTTP, against the loopback sandbox."""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

import pytest
from google.oauth2.credentials import Credentials

from treadgently import gmail as gmail_module
from treadgently.errors import EXIT_AUTH, AuthError, TransientError
from treadgently.gmail import (
    Gmail,
    GmailError,
    HistoryExpired,
    WriteOutcomeUnknown,
)
from treadgently.retry import RetriesExhausted, RetryPolicy
from treadgently.sandbox import Sandbox

USER = "jordan@example.com"
RECRUITER = "sam@acme.example"
NOW = datetime.now(UTC).replace(microsecond=0)


def mail(
    subject: str,
    *,
    sender: str = RECRUITER,
    to: str = USER,
    message_id: str | None = None,
    in_reply_to: str | None = None,
    key: str | None = None,
    body: str = "Thanks for your time today.",
    when: datetime | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(when or NOW - timedelta(days=1))
    if message_id:
        message["Message-ID"] = message_id
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    if key:
        message["X-Treadgently-Key"] = key
    message.set_content(body)
    return message.as_bytes()


def reply_draft(parent_id: str, subject: str, key: str) -> bytes:
    return mail(
        f"Re: {subject}",
        sender=USER,
        to=RECRUITER,
        message_id=f"<treadgently.{key}@example.com>",
        in_reply_to=parent_id,
        key=key,
        body="Just following up on our conversation.",
        when=NOW,
    )


@pytest.fixture
def box():
    with Sandbox(user_email=USER) as sandbox:
        yield sandbox


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def gmail(box, sleeps):
    policy = RetryPolicy(max_attempts=4, sleep=sleeps.append, random=lambda: 0.0)
    adapter = Gmail.for_endpoint(box.url, policy=policy, timeout=5)
    yield adapter
    adapter.close()


def logged(box) -> list:
    """The sandbox's request log, once the last request to arrive has been written to it.

    The sandbox logs a request after writing its answer, so the client can be
    a step ahead of the log.
    """
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        records = box.requests
        if box.request_count == 0 or any(
            r.number == box.request_count and not r.batch_part for r in records
        ):
            return records
        time.sleep(0.005)
    return box.requests


def calls(box, api_method: str) -> list:
    return [r for r in logged(box) if r.api_method.endswith(api_method)]


def outer_requests(box) -> list:
    return [r for r in logged(box) if not r.batch_part]


# ---- reads -------------------------------------------------------------------------------


def test_profile_gives_the_address_and_current_history_id(box, gmail):
    box.deliver(mail("Hello"))
    profile = gmail.profile()
    assert profile.email == USER
    assert profile.history_id == box.history_id
    assert all(record.authorized for record in logged(box))


def test_list_follows_every_page_of_a_search(box, gmail, monkeypatch):
    monkeypatch.setattr(gmail_module, "PAGE_SIZE", 3)
    wanted = {box.deliver(mail(f"Role {n}")) for n in range(7)}
    box.deliver(mail("Newsletter", sender="news@elsewhere.example"))
    refs = gmail.list_message_refs(f"from:{RECRUITER}")
    assert {ref.id for ref in refs} == wanted
    assert len(calls(box, "messages.list")) == 3


def test_list_stops_at_max_results(box, gmail):
    for n in range(5):
        box.deliver(mail(f"Role {n}"))
    assert len(gmail.list_message_refs("from:acme.example", max_results=2)) == 2
    assert len(calls(box, "messages.list")) == 1


def test_metadata_comes_in_batches_of_at_most_fifty(box, gmail):
    ids = [box.deliver(mail(f"Update {n}", message_id=f"<m{n}@acme.example>")) for n in range(120)]
    box.reset_log()
    metas = gmail.get_metadata(ids)
    assert [meta.id for meta in metas] == ids
    outer = outer_requests(box)
    assert [r.api_method for r in outer] == ["batch"] * 3
    parts = Counter(r.number for r in logged(box) if r.batch_part)
    assert sorted(parts.values()) == [20, 50, 50]
    first = metas[0]
    assert first.headers["subject"] == "Update 0"
    assert first.headers["message-id"] == "<m0@acme.example>"
    assert first.headers["from"] == RECRUITER
    assert "body" not in first.headers
    assert first.label_ids == {"INBOX", "UNREAD"}
    assert first.internal_date.tzinfo is not None
    assert first.size_estimate > 0


def test_raw_gives_back_the_exact_bytes(box, gmail):
    raw = mail("Offer", body="We are delighted to offer you the role.\n")
    message_id = box.deliver(raw)
    [fetched] = gmail.get_raw([message_id])
    assert fetched.raw == raw
    assert fetched.id == message_id
    assert "INBOX" in fetched.label_ids


def test_a_missing_message_is_skipped_and_logged_by_id(box, gmail, caplog):
    good = box.deliver(mail("Still here"))
    with caplog.at_level(logging.WARNING, logger="treadgently.gmail"):
        found = gmail.get_raw([good, "00000000deadbeef"])
    assert [m.id for m in found] == [good]
    assert "00000000deadbeef" in caplog.text


def test_failed_batch_parts_are_retried_alone(box, gmail, sleeps):
    ids = [box.deliver(mail(f"Note {n}")) for n in range(10)]
    box.reset_log()
    box.faults.fail_next(500, n=2, method="messages.get")
    metas = gmail.get_metadata(ids)
    assert sorted(m.id for m in metas) == sorted(ids)
    parts = Counter(r.number for r in logged(box) if r.batch_part)
    assert sorted(parts.values()) == [2, 10]  # the second batch holds only the two failures
    assert len(sleeps) == 1


def test_a_failing_whole_batch_is_retried(box, gmail, sleeps):
    ids = [box.deliver(mail(f"Note {n}")) for n in range(3)]
    box.faults.fail_next(503, method="batch")
    assert len(gmail.get_metadata(ids)) == 3
    assert len(sleeps) == 1


def test_rate_limit_retry_after_is_obeyed(box, gmail, sleeps):
    box.deliver(mail("Hi"))
    box.faults.fail_next(429, retry_after=3, method="messages.list")
    assert len(gmail.list_message_refs("from:acme.example")) == 1
    assert sleeps == [3.0]


def test_rate_limit_403_is_retried(box, gmail, sleeps):
    box.faults.rate_limit_next(method="users.getProfile")
    assert gmail.profile().email == USER
    assert len(sleeps) == 1


def test_dropped_connections_are_retried(box, gmail, sleeps):
    box.faults.drop_next(2, method="users.getProfile")  # httplib2 re-sends one GET by itself
    assert gmail.profile().email == USER
    assert len(sleeps) >= 1


def test_persistent_failure_gives_up_with_a_transient_error(box, gmail, sleeps):
    box.faults.fail_next(503, n=10, method="users.getProfile")
    with pytest.raises(RetriesExhausted) as caught:
        gmail.profile()
    assert isinstance(caught.value, TransientError)
    assert len(calls(box, "users.getProfile")) == 4
    assert len(sleeps) == 3


def test_a_hung_server_times_out(box, sleeps):
    quick = Gmail.for_endpoint(
        box.url, timeout=0.3, policy=RetryPolicy(max_attempts=2, sleep=sleeps.append)
    )
    box.faults.delay_next(1.5, n=2, method="users.getProfile")
    started = datetime.now(UTC)
    with pytest.raises(TransientError, match="timed out"):
        quick.profile()
    assert datetime.now(UTC) - started < timedelta(seconds=3)


def test_an_unknown_client_error_is_not_retried(box, gmail, sleeps):
    box.faults.fail_next(400, method="messages.list")
    with pytest.raises(GmailError) as caught:
        gmail.list_message_refs("x")
    assert caught.value.status == 400
    assert sleeps == []


# ---- history -----------------------------------------------------------------------------


def test_history_reports_new_mail_and_draft_changes_across_pages(box, gmail, monkeypatch):
    monkeypatch.setattr(gmail_module, "PAGE_SIZE", 2)
    start = gmail.profile().history_id
    arrived = [box.deliver(mail(f"Reply {n}")) for n in range(3)]
    draft = gmail.create_draft(mail("Draft", sender=USER, to=RECRUITER, key="k1"), None)
    box.user_sends_draft(draft.id)
    changes = gmail.history_since(start)
    assert changes.history_id == box.history_id
    added = {m.id: m for m in changes.added}
    assert set(arrived) | {draft.message_id} == set(added)
    assert "INBOX" in added[arrived[0]].label_ids
    assert "DRAFT" in added[draft.message_id].label_ids
    assert any(m.id == draft.message_id and "SENT" in m.label_ids for m in changes.labels_added)
    assert any(m.id == draft.message_id and "DRAFT" in m.label_ids for m in changes.labels_removed)
    assert len(calls(box, "history.list")) > 1


def test_a_deleted_draft_shows_up_as_a_deleted_message(box, gmail):
    draft = gmail.create_draft(mail("Draft", sender=USER, to=RECRUITER), None)
    start = gmail.profile().history_id
    box.user_deletes_draft(draft.id)
    changes = gmail.history_since(start)
    assert changes.deleted == (draft.message_id,)


def test_an_idle_poll_is_one_request_of_two_units(box, gmail):
    box.deliver(mail("Old news"))
    start = gmail.profile().history_id
    box.reset_log()
    changes = gmail.history_since(start)
    assert changes.empty
    assert changes.history_id == start
    logged(box)
    assert box.http_requests_count() == 1
    assert box.quota_units() == 2


def test_expired_history_raises_the_resync_signal(box, gmail):
    start = gmail.profile().history_id
    box.faults.expire_history()
    with pytest.raises(HistoryExpired) as caught:
        gmail.history_since(start)
    assert caught.value.status == 404
    assert len(calls(box, "history.list")) == 1  # a 404 is an answer, not retried


# ---- drafts ------------------------------------------------------------------------------


def test_a_threaded_reply_draft_is_accepted_into_the_thread(box, gmail):
    parent = box.deliver(mail("Interview next steps", message_id="<p1@acme.example>"))
    thread = box.message(parent).thread_id
    draft = gmail.create_draft(
        reply_draft("<p1@acme.example>", "Interview next steps", "k1"), thread
    )
    assert draft.thread_id == thread
    decision = box.threading_decisions[-1]
    assert decision.joined, decision.reason
    assert [d.id for d in box.drafts()] == [draft.id]
    [create] = calls(box, "drafts.create")
    assert create.path == "/gmail/v1/users/me/drafts"  # JSON, not the /upload/ media path


def test_draft_lifecycle_create_get_list_update_delete(box, gmail):
    parent = box.deliver(mail("Interview next steps", message_id="<p1@acme.example>"))
    thread = box.message(parent).thread_id
    created = gmail.create_draft(
        reply_draft("<p1@acme.example>", "Interview next steps", "k1"), thread
    )

    fetched = gmail.get_draft(created.id)
    assert fetched is not None
    assert fetched.key == "k1"
    assert fetched.headers["subject"] == "Re: Interview next steps"
    assert fetched.thread_id == thread
    assert [d.id for d in gmail.list_drafts()] == [created.id]

    updated = gmail.update_draft(
        created.id, reply_draft("<p1@acme.example>", "Interview next steps", "k1"), thread
    )
    assert updated is not None
    assert updated.id == created.id
    assert updated.message_id != created.message_id
    assert updated.thread_id == thread

    assert gmail.delete_draft(created.id) is True
    assert gmail.get_draft(created.id) is None
    assert gmail.delete_draft(created.id) is False
    assert gmail.update_draft(created.id, b"Subject: x\r\n\r\ny", None) is None
    assert box.drafts() == []
    assert box.violations == []


def test_list_drafts_passes_a_search_query(box, gmail):
    gmail.create_draft(mail("For Acme", sender=USER, to=RECRUITER), None)
    gmail.create_draft(mail("For Globex", sender=USER, to="kim@globex.example"), None)
    found = gmail.list_drafts("to:globex.example")
    assert len(found) == 1


def test_a_lost_create_answer_is_not_resent_and_the_draft_is_found_by_key(box, gmail):
    box.faults.drop_next(method="drafts.create", after_apply=True)
    raw = mail("Following up", sender=USER, to=RECRUITER, key="intent-42")
    with pytest.raises(WriteOutcomeUnknown):
        gmail.create_draft(raw, None)
    assert len(calls(box, "drafts.create")) == 1  # not even httplib2 re-sent it
    assert len(box.drafts()) == 1
    found = gmail.find_draft_by_key("intent-42")
    assert found is not None
    assert found.id == box.drafts()[0].id
    assert found.key == "intent-42"


def test_a_5xx_on_create_is_an_unknown_outcome_not_a_retry(box, gmail, sleeps):
    box.faults.fail_next(503, method="drafts.create")
    with pytest.raises(WriteOutcomeUnknown) as caught:
        gmail.create_draft(mail("x", sender=USER, to=RECRUITER), None)
    assert isinstance(caught.value, TransientError)
    assert len(calls(box, "drafts.create")) == 1
    assert sleeps == []


def test_a_rate_limited_create_is_retried_once_and_stores_one_draft(box, gmail, sleeps):
    box.faults.fail_next(429, retry_after=1, method="drafts.create")
    draft = gmail.create_draft(mail("x", sender=USER, to=RECRUITER), None)
    assert [d.id for d in box.drafts()] == [draft.id]
    assert len(calls(box, "drafts.create")) == 2
    assert sleeps == [1.0]


def test_a_draft_is_found_by_its_own_message_id(box, gmail):
    gmail.create_draft(mail("Other", sender=USER, to=RECRUITER, message_id="<other@x>"), None)
    parent = box.deliver(mail("Interview next steps", message_id="<p1@acme.example>"))
    thread = box.message(parent).thread_id
    made = gmail.create_draft(
        reply_draft("<p1@acme.example>", "Interview next steps", "k7"), thread
    )
    found = gmail.find_draft(message_id="<treadgently.k7@example.com>")
    assert found is not None
    assert (found.id, found.thread_id) == (made.id, thread)
    assert gmail.find_draft(message_id="<nobody@example.com>") is None


def test_find_draft_by_key_ignores_other_drafts(box, gmail):
    gmail.create_draft(mail("One", sender=USER, to=RECRUITER, key="a"), None)
    wanted = gmail.create_draft(mail("Two", sender=USER, to=RECRUITER, key="b"), None)
    gmail.create_draft(mail("Three", sender=USER, to=RECRUITER), None)
    found = gmail.find_draft_by_key("b")
    assert found is not None
    assert found.id == wanted.id
    assert gmail.find_draft_by_key("missing") is None


# ---- labels ------------------------------------------------------------------------------


def test_labels_are_created_once_and_put_on_a_thread(box, sleeps):
    labelling = Gmail.for_endpoint(
        box.url, label_threads=True, policy=RetryPolicy(sleep=sleeps.append)
    )
    parent = box.deliver(mail("Interview"))
    thread = box.message(parent).thread_id
    label = labelling.ensure_label("treadgently/following-up")
    assert labelling.ensure_label("treadgently/following-up") == label
    assert len(calls(box, "labels.create")) == 1
    labelling.modify_thread_labels(thread, add=[label])
    assert label in box.message(parent).label_ids
    assert box.violations == []


# ---- authorization -----------------------------------------------------------------------


def expired_credentials(box) -> Credentials:
    return Credentials(
        token="stale",
        refresh_token="refresh-me",
        token_uri=box.token_url,
        client_id="id",
        client_secret="secret",
        expiry=datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=1),
    )


def test_an_expired_token_is_refreshed_through_the_sandbox(box, sleeps):
    adapter = Gmail.for_endpoint(
        box.url, expired_credentials(box), policy=RetryPolicy(sleep=sleeps.append)
    )
    assert adapter.profile().email == USER
    assert box.access_tokens_issued == 1
    ids = [box.deliver(mail("x"))]
    adapter._http.credentials.expiry = datetime.now(UTC).replace(tzinfo=None)  # expire again
    assert len(adapter.get_metadata(ids)) == 1  # a batch refreshes through the guarded http too
    assert box.access_tokens_issued == 2


def test_a_revoked_token_is_an_auth_error(box, sleeps):
    box.faults.revoke_token()
    adapter = Gmail.for_endpoint(
        box.url, expired_credentials(box), policy=RetryPolicy(sleep=sleeps.append)
    )
    with pytest.raises(AuthError) as caught:
        adapter.profile()
    assert caught.value.exit_code == EXIT_AUTH
    assert "treadgently auth" in str(caught.value)
    assert sleeps == []


# ---- translating failures (no HttpError leaves the adapter) --------------------------------


def http_error(status: int, reason: str = "", retry_after: str | None = None):
    import httplib2
    from googleapiclient.errors import HttpError

    headers = {"status": str(status)}
    if retry_after:
        headers["retry-after"] = retry_after
    body = {"error": {"code": status, "errors": [{"reason": reason}] if reason else []}}
    return HttpError(httplib2.Response(headers), json.dumps(body).encode())


@pytest.mark.parametrize(("status", "reason"), [(401, ""), (403, "insufficientPermissions")])
def test_refused_authorization_becomes_an_auth_error(status, reason):
    failure = gmail_module.translate_failure(http_error(status, reason), "messages.get")
    assert isinstance(failure, AuthError)
    assert "treadgently auth" in str(failure)


def test_a_rate_limit_403_becomes_a_retryable_gmail_error_with_retry_after():
    failure = gmail_module.translate_failure(
        http_error(403, "userRateLimitExceeded", retry_after="5"), "messages.list"
    )
    assert isinstance(failure, GmailError)
    assert failure.rate_limited
    assert failure.retryable
    assert failure.retry_after == "5"


def test_refresh_errors_split_into_revoked_and_transient():
    from google.auth.exceptions import RefreshError

    revoked = gmail_module.translate_failure(
        RefreshError("invalid_grant: revoked", {"error": "invalid_grant"}), "refresh"
    )
    assert isinstance(revoked, AuthError)
    flaky = gmail_module.translate_failure(RefreshError("server_error", "<html>"), "refresh")
    assert isinstance(flaky, GmailError)
    assert flaky.retryable


def test_raw_without_padding_decodes():
    assert gmail_module.decode_raw("aGk") == b"hi"
