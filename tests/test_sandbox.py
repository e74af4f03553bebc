"""The Gmail sandbox, driven by the real googleapiclient over loopback HTTP."""

from __future__ import annotations

import base64
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest

from treadgently.sandbox import Sandbox

USER = "jordan@example.com"


def mail(
    subject: str = "Interview next steps",
    *,
    sender: str = "Ana Recruiter <ana@acme.example>",
    to: str = USER,
    message_id: str = "<a1@acme.example>",
    in_reply_to: str = "",
    body: str = "Hello Jordan, thanks for interviewing with us.",
    date: str = "Mon, 03 Mar 2025 10:00:00 +0000",
) -> bytes:
    lines = [f"From: {sender}", f"To: {to}", f"Subject: {subject}", f"Date: {date}"]
    if message_id:
        lines.append(f"Message-ID: {message_id}")
    if in_reply_to:
        lines += [f"In-Reply-To: {in_reply_to}", f"References: {in_reply_to}"]
    lines += ["Content-Type: text/plain; charset=utf-8", "", body, ""]
    return "\r\n".join(lines).encode()


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode()


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


def test_profile_reports_address_counts_and_history_id(box, gmail):
    box.deliver(mail())
    profile = gmail.getProfile(userId="me").execute()
    assert profile["emailAddress"] == USER
    assert profile["messagesTotal"] == 1
    assert profile["threadsTotal"] == 1
    assert int(profile["historyId"]) == box.history_id


def test_user_address_is_accepted_as_user_id_and_others_are_refused(box, gmail):
    assert gmail.getProfile(userId=USER).execute()["emailAddress"] == USER
    with pytest.raises(HttpError) as refused:
        gmail.getProfile(userId="someone@else.example").execute()
    assert refused.value.resp.status == 403


def test_list_pages_newest_first_and_omits_messages_when_empty(box, gmail):
    start = datetime(2025, 3, 1, tzinfo=UTC)
    ids = [
        box.deliver(
            mail(f"Note {i}", message_id=f"<n{i}@x>"), internal_date=start + timedelta(hours=i)
        )
        for i in range(5)
    ]
    first = gmail.messages().list(userId="me", maxResults=2).execute()
    assert [m["id"] for m in first["messages"]] == [ids[4], ids[3]]
    assert first["resultSizeEstimate"] == 5
    second = (
        gmail.messages().list(userId="me", maxResults=2, pageToken=first["nextPageToken"]).execute()
    )
    last = (
        gmail.messages()
        .list(userId="me", maxResults=2, pageToken=second["nextPageToken"])
        .execute()
    )
    assert [m["id"] for m in second["messages"] + last["messages"]] == [ids[2], ids[1], ids[0]]
    assert "nextPageToken" not in last
    empty = gmail.messages().list(userId="me", q="from:nobody.example").execute()
    assert empty == {"resultSizeEstimate": 0}


def test_list_filters_by_query_and_label_and_hides_spam(box, gmail):
    wanted = box.deliver(mail("Your interview", sender="ana@acme.example", message_id="<w@x>"))
    box.deliver(mail("Newsletter", sender="news@shop.example", message_id="<n@x>"))
    box.deliver(
        mail("Interview prize", sender="spam@acme.example", message_id="<s@x>"), labels=["SPAM"]
    )
    found = gmail.messages().list(userId="me", q="from:acme.example subject:interview").execute()
    assert [m["id"] for m in found["messages"]] == [wanted]
    by_label = gmail.messages().list(userId="me", labelIds=["INBOX"]).execute()
    assert by_label["resultSizeEstimate"] == 2
    with_spam = (
        gmail.messages().list(userId="me", q="from:acme.example", includeSpamTrash=True).execute()
    )
    assert with_spam["resultSizeEstimate"] == 2


def test_get_answers_each_format(box, gmail):
    raw = mail()
    message_id = box.deliver(raw, labels=["INBOX"])
    minimal = gmail.messages().get(userId="me", id=message_id, format="minimal").execute()
    assert minimal["labelIds"] == ["INBOX"] and "payload" not in minimal and "raw" not in minimal
    metadata = (
        gmail.messages()
        .get(
            userId="me", id=message_id, format="metadata", metadataHeaders=["Subject", "message-id"]
        )
        .execute()
    )
    assert metadata["payload"]["headers"] == [
        {"name": "Subject", "value": "Interview next steps"},
        {"name": "Message-ID", "value": "<a1@acme.example>"},
    ]
    full = gmail.messages().get(userId="me", id=message_id, format="full").execute()
    data = base64.urlsafe_b64decode(full["payload"]["body"]["data"])
    assert data.startswith(b"Hello Jordan")
    fetched = gmail.messages().get(userId="me", id=message_id, format="raw").execute()
    assert base64.urlsafe_b64decode(fetched["raw"]) == raw
    assert fetched["internalDate"] == str(
        int(datetime(2025, 3, 3, 10, tzinfo=UTC).timestamp() * 1000)
    )


def test_full_format_builds_a_part_tree_with_attachment_names(box, gmail):
    raw = (
        b"From: ana@acme.example\r\nTo: jordan@example.com\r\nSubject: Invite\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n"
        b"--XX\r\nContent-Type: text/plain\r\n\r\nSee invite\r\n"
        b"--XX\r\nContent-Type: text/calendar; name=invite.ics\r\n"
        b"Content-Disposition: attachment; filename=invite.ics\r\n\r\nBEGIN:VCALENDAR\r\n"
        b"--XX--\r\n"
    )
    message_id = box.deliver(raw)
    payload = gmail.messages().get(userId="me", id=message_id).execute()["payload"]
    assert payload["mimeType"] == "multipart/mixed"
    assert [p["partId"] for p in payload["parts"]] == ["0", "1"]
    assert payload["parts"][1]["filename"] == "invite.ics"
    found = gmail.messages().list(userId="me", q="filename:ics has:attachment").execute()
    assert found["messages"][0]["id"] == message_id


def test_unknown_message_answers_gmail_404(gmail):
    with pytest.raises(HttpError) as missing:
        gmail.messages().get(userId="me", id="18c0000000000999").execute()
    assert missing.value.resp.status == 404
    assert missing.value.reason == "Requested entity was not found."


def test_history_lists_delivered_messages_after_start(box, gmail):
    start = gmail.getProfile(userId="me").execute()["historyId"]
    message_id = box.deliver(mail())
    history = gmail.history().list(userId="me", startHistoryId=start).execute()
    assert history["historyId"] == str(box.history_id)
    added = [a["message"] for h in history["history"] for a in h.get("messagesAdded", [])]
    assert added == [{"id": message_id, "threadId": message_id, "labelIds": ["INBOX", "UNREAD"]}]
    idle = gmail.history().list(userId="me", startHistoryId=history["historyId"]).execute()
    assert "history" not in idle


def test_history_records_label_changes_and_filters_by_type(box, gmail):
    message_id = box.deliver(mail())
    start = str(box.history_id)
    gmail.messages().modify(
        userId="me", id=message_id, body={"removeLabelIds": ["UNREAD"]}
    ).execute()
    history = gmail.history().list(userId="me", startHistoryId=start).execute()["history"]
    assert history[0]["labelsRemoved"] == [
        {
            "message": {"id": message_id, "threadId": message_id, "labelIds": ["INBOX"]},
            "labelIds": ["UNREAD"],
        }
    ]
    only_added = (
        gmail.history()
        .list(userId="me", startHistoryId=start, historyTypes="messageAdded")
        .execute()
    )
    assert "history" not in only_added


def test_history_before_the_floor_answers_404(box, gmail):
    start = gmail.getProfile(userId="me").execute()["historyId"]
    box.deliver(mail())
    box.faults.expire_history()
    with pytest.raises(HttpError) as expired:
        gmail.history().list(userId="me", startHistoryId=start).execute()
    assert expired.value.resp.status == 404
    fresh = gmail.getProfile(userId="me").execute()["historyId"]
    assert "history" not in gmail.history().list(userId="me", startHistoryId=fresh).execute()


def test_history_pages_by_max_results(box, gmail):
    start = str(box.history_id)
    for i in range(3):
        box.deliver(mail(f"S{i}", message_id=f"<p{i}@x>"))
    first = gmail.history().list(userId="me", startHistoryId=start, maxResults=2).execute()
    rest = (
        gmail.history()
        .list(userId="me", startHistoryId=start, maxResults=2, pageToken=first["nextPageToken"])
        .execute()
    )
    assert len(first["history"]) == 2 and len(rest["history"]) == 1
    assert "nextPageToken" not in rest


def reply_to_ana(
    subject: str = "Re: Interview next steps", in_reply_to: str = "<a1@acme.example>"
) -> bytes:
    return mail(
        subject,
        sender=USER,
        to="ana@acme.example",
        message_id="",
        in_reply_to=in_reply_to,
        body="Thank you!",
    )


def test_draft_that_fits_subject_and_references_joins_the_thread(box, gmail):
    thread_id = box.deliver(mail())
    created = (
        gmail.drafts()
        .create(userId="me", body={"message": {"raw": b64(reply_to_ana()), "threadId": thread_id}})
        .execute()
    )
    assert created["message"]["threadId"] == thread_id
    assert created["message"]["labelIds"] == ["DRAFT"]
    [decision] = box.threading_decisions
    assert decision.joined and decision.draft_id == created["id"]
    assert box.threads()[thread_id] == [thread_id, created["message"]["id"]]


@pytest.mark.parametrize(
    ("subject", "in_reply_to", "why"),
    [
        ("Re: Something else", "<a1@acme.example>", "subject"),
        ("Re: Interview next steps", "<unknown@x>", "References"),
        ("Re: Interview next steps", "", "References"),
    ],
)
def test_draft_that_does_not_fit_starts_a_new_thread(box, gmail, subject, in_reply_to, why):
    thread_id = box.deliver(mail())
    created = (
        gmail.drafts()
        .create(
            userId="me",
            body={
                "message": {"raw": b64(reply_to_ana(subject, in_reply_to)), "threadId": thread_id}
            },
        )
        .execute()
    )
    assert created["message"]["threadId"] != thread_id
    [decision] = box.threading_decisions
    assert not decision.joined and why in decision.reason


def test_stacked_reply_prefixes_still_match_the_subject(box, gmail):
    thread_id = box.deliver(mail())
    created = (
        gmail.drafts()
        .create(
            userId="me",
            body={
                "message": {
                    "raw": b64(reply_to_ana("RE: Fwd: re: Interview  next steps")),
                    "threadId": thread_id,
                }
            },
        )
        .execute()
    )
    assert created["message"]["threadId"] == thread_id


def test_drafts_list_get_update_delete_appear_in_history(box, gmail):
    thread_id = box.deliver(mail())
    start = str(box.history_id)
    draft = (
        gmail.drafts()
        .create(userId="me", body={"message": {"raw": b64(reply_to_ana()), "threadId": thread_id}})
        .execute()
    )
    listed = gmail.drafts().list(userId="me").execute()["drafts"]
    assert listed == [
        {"id": draft["id"], "message": {"id": draft["message"]["id"], "threadId": thread_id}}
    ]
    fetched = gmail.drafts().get(userId="me", id=draft["id"], format="raw").execute()
    assert base64.urlsafe_b64decode(fetched["message"]["raw"]) == reply_to_ana()
    updated = (
        gmail.drafts()
        .update(
            userId="me",
            id=draft["id"],
            body={
                "message": {
                    "raw": b64(reply_to_ana().replace(b"Thank you", b"Thanks")),
                    "threadId": thread_id,
                }
            },
        )
        .execute()
    )
    assert updated["id"] == draft["id"] and updated["message"]["id"] != draft["message"]["id"]
    gmail.drafts().delete(userId="me", id=draft["id"]).execute()
    assert box.drafts() == []
    history = gmail.history().list(userId="me", startHistoryId=start).execute()["history"]
    kinds = [next(k for k in h if k not in {"id", "messages"}) for h in history]
    assert kinds == ["messagesAdded", "messagesDeleted", "messagesAdded", "messagesDeleted"]
    assert history[0]["messagesAdded"][0]["message"]["labelIds"] == ["DRAFT"]


def test_user_sending_a_draft_turns_it_into_sent_mail(box, gmail):
    thread_id = box.deliver(mail())
    draft = (
        gmail.drafts()
        .create(userId="me", body={"message": {"raw": b64(reply_to_ana()), "threadId": thread_id}})
        .execute()
    )
    start = str(box.history_id)
    box.user_sends_draft(draft["id"])
    assert "drafts" not in gmail.drafts().list(userId="me").execute()
    sent = gmail.messages().get(userId="me", id=draft["message"]["id"], format="minimal").execute()
    assert sent["labelIds"] == ["SENT"]
    history = gmail.history().list(userId="me", startHistoryId=start).execute()["history"]
    assert [h.get("labelsRemoved", h.get("labelsAdded"))[0]["labelIds"] for h in history] == [
        ["DRAFT"],
        ["SENT"],
    ]


def test_user_editing_a_draft_keeps_draft_id_and_thread_with_new_message_id(box, gmail):
    thread_id = box.deliver(mail())
    draft = (
        gmail.drafts()
        .create(userId="me", body={"message": {"raw": b64(reply_to_ana()), "threadId": thread_id}})
        .execute()
    )
    new_message = box.user_edits_draft(
        draft["id"], reply_to_ana().replace(b"Thank you", b"Many thanks")
    )
    fetched = gmail.drafts().get(userId="me", id=draft["id"], format="minimal").execute()
    assert fetched["message"]["id"] == new_message != draft["message"]["id"]
    assert fetched["message"]["threadId"] == thread_id
    with pytest.raises(HttpError):
        gmail.messages().get(userId="me", id=draft["message"]["id"]).execute()


def test_batch_get_answers_each_part_and_logs_each_part(box, gmail):
    ids = [box.deliver(mail(f"S{i}", message_id=f"<b{i}@x>")) for i in range(3)]
    box.reset_log()
    answers: dict[str, object] = {}
    batch = BatchHttpRequest(
        batch_uri=box.url + "/batch/gmail/v1",
        callback=lambda request_id, response, error: answers.update(
            {request_id: response or error}
        ),
    )
    for message_id in [*ids, "18c00000000000ff"]:
        batch.add(
            gmail.messages().get(userId="me", id=message_id, format="metadata"),
            request_id=message_id,
        )
    batch.execute()
    assert [answers[i]["id"] for i in ids] == ids
    assert isinstance(answers["18c00000000000ff"], HttpError)
    assert answers["18c00000000000ff"].resp.status == 404
    assert box.http_requests_count() == 1
    parts = [r for r in box.requests if r.batch_part]
    assert [r.status for r in parts] == [200, 200, 200, 404]
    assert box.quota_units() == 4 * 5


def test_quota_units_follow_googles_table(box, gmail):
    thread_id = box.deliver(mail())
    box.reset_log()
    gmail.getProfile(userId="me").execute()
    gmail.messages().list(userId="me").execute()
    gmail.history().list(userId="me", startHistoryId="1000").execute()
    gmail.threads().get(userId="me", id=thread_id).execute()
    gmail.labels().list(userId="me").execute()
    gmail.drafts().create(userId="me", body={"message": {"raw": b64(reply_to_ana())}}).execute()
    assert [r.api_method for r in box.requests] == [
        "gmail.users.getProfile",
        "gmail.users.messages.list",
        "gmail.users.history.list",
        "gmail.users.threads.get",
        "gmail.users.labels.list",
        "gmail.users.drafts.create",
    ]
    assert [r.units for r in box.requests] == [1, 5, 2, 10, 1, 10]
    assert box.quota_units() == 29
    assert all(r.authorized for r in box.requests)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (
            lambda g: g.messages().send(userId="me", body={"raw": b64(b"x")}),
            "gmail.users.messages.send",
        ),
        (lambda g: g.drafts().send(userId="me", body={"id": "r1"}), "gmail.users.drafts.send"),
        (
            lambda g: g.messages().insert(userId="me", body={"raw": b64(b"x")}),
            "gmail.users.messages.insert",
        ),
        (
            lambda g: g.messages().import_(userId="me", body={"raw": b64(b"x")}),
            "gmail.users.messages.import",
        ),
    ],
)
def test_send_endpoints_are_refused_and_recorded_as_violations(box, gmail, call, name):
    with pytest.raises(HttpError) as refused:
        call(gmail).execute()
    assert refused.value.resp.status == 403
    assert [v.api_method for v in box.violations] == [name]
    assert box.messages() == []


def test_trash_or_delete_of_a_non_draft_is_a_violation(box, gmail):
    message_id = box.deliver(mail())
    with pytest.raises(HttpError):
        gmail.messages().trash(userId="me", id=message_id).execute()
    with pytest.raises(HttpError):
        gmail.messages().delete(userId="me", id=message_id).execute()
    assert [v.api_method for v in box.violations] == [
        "gmail.users.messages.trash",
        "gmail.users.messages.delete",
    ]
    assert [m.id for m in box.messages()] == [message_id]


def test_deleting_our_own_draft_message_is_allowed(box, gmail):
    draft = (
        gmail.drafts().create(userId="me", body={"message": {"raw": b64(reply_to_ana())}}).execute()
    )
    gmail.messages().delete(userId="me", id=draft["message"]["id"]).execute()
    assert box.violations == [] and box.drafts() == []


def test_a_send_hidden_in_a_batch_is_recorded_too(box, gmail):
    batch = BatchHttpRequest(batch_uri=box.url + "/batch/gmail/v1")
    batch.add(gmail.getProfile(userId="me"))
    batch.add(gmail.messages().send(userId="me", body={"raw": b64(b"x")}))
    batch.execute()
    [violation] = box.violations
    assert violation.batch_part and violation.api_method == "gmail.users.messages.send"


def test_labels_list_and_create(box, gmail):
    created = gmail.labels().create(userId="me", body={"name": "treadgently"}).execute()
    names = {label["name"] for label in gmail.labels().list(userId="me").execute()["labels"]}
    assert {"INBOX", "SENT", "DRAFT", "treadgently"} <= names
    with pytest.raises(HttpError) as duplicate:
        gmail.labels().create(userId="me", body={"name": "TreadGently"}).execute()
    assert duplicate.value.resp.status == 409
    thread_id = box.deliver(mail())
    gmail.threads().modify(
        userId="me", id=thread_id, body={"addLabelIds": [created["id"]]}
    ).execute()
    found = gmail.messages().list(userId="me", q="label:treadgently").execute()
    assert found["messages"][0]["id"] == thread_id


def test_delivered_reply_threads_by_gmails_rule(box):
    first = box.deliver(mail())
    answer = box.deliver(
        mail(
            "RE: Interview next steps",
            message_id="<a2@acme.example>",
            in_reply_to="<a1@acme.example>",
        )
    )
    unrelated = box.deliver(
        mail("Other topic", message_id="<a3@acme.example>", in_reply_to="<a1@acme.example>")
    )
    threads = box.threads()
    assert threads[first] == [first, answer]
    assert threads[unrelated] == [unrelated]


def test_server_listens_on_loopback_only(box):
    host, port = box.address
    assert host == "127.0.0.1"
    with socket.create_connection(("127.0.0.1", port), timeout=2):
        pass
    outward = [a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)]
    for address in {a for a in outward if not a.startswith("127.")}:
        with pytest.raises(OSError), socket.create_connection((address, port), timeout=1):
            pass


def test_saved_mailbox_loads_back_with_drafts_history_and_fresh_ids(box, gmail, tmp_path):
    thread_id = box.deliver(mail())
    draft = (
        gmail.drafts()
        .create(userId="me", body={"message": {"raw": b64(reply_to_ana()), "threadId": thread_id}})
        .execute()
    )
    label = gmail.labels().create(userId="me", body={"name": "treadgently"}).execute()
    box.save(tmp_path)
    assert (tmp_path / "messages" / f"{thread_id}.eml").read_bytes() == mail()

    with Sandbox.load(tmp_path) as loaded:
        assert loaded.user_email == USER
        assert loaded.history_id == box.history_id
        assert [d.id for d in loaded.drafts()] == [draft["id"]]
        assert loaded.threads() == box.threads()
        newer = loaded.deliver(
            mail("Re: Interview next steps", message_id="<a9@x>", in_reply_to="<a1@acme.example>")
        )
        assert newer not in box.threads()[thread_id] and loaded.threads()[thread_id][-1] == newer
        assert loaded.mailbox.create_label("other").id != label["id"]
        assert len(loaded.mailbox.history_since(box.history_id)) == 1
