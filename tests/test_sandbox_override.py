"""Long searches: googleapiclient re-sends them as POST with X-HTTP-Method-Override."""

from __future__ import annotations

from treadgently.gmail import Gmail
from treadgently.sandbox import Sandbox


def test_a_search_too_long_for_a_url_is_still_a_search_not_an_insert():
    with Sandbox(user_email="jordan@example.com") as box:
        wanted = box.deliver(
            b"From: dana@acme.example\r\nTo: jordan@example.com\r\nSubject: hi\r\n\r\nhello\r\n"
        )
        box.deliver(b"From: x@other.example\r\nTo: jordan@example.com\r\nSubject: no\r\n\r\nx\r\n")
        gmail = Gmail.for_endpoint(box.url)
        people = " OR ".join(f"from:person{i}@company{i}.example" for i in range(120))
        query = f"{people} OR from:acme.example"
        assert len(query) > 2048  # long enough that the client switches to POST

        refs = gmail.list_message_refs(query)

        assert [ref.id for ref in refs] == [wanted]
        assert box.violations == []
        last = box.requests[-1]
        assert last.api_method == "gmail.users.messages.list" and last.method == "GET"


def test_filename_search_matches_names_and_extensions_not_substrings():
    def with_attachment(name: str) -> bytes:
        return (
            "From: a@acme.example\r\nTo: jordan@example.com\r\nSubject: file\r\n"
            'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
            "Content-Type: text/plain\r\n\r\nsee attached\r\n--b\r\n"
            "Content-Type: application/octet-stream\r\n"
            f'Content-Disposition: attachment; filename="{name}"\r\n\r\n'
            "data\r\n--b--\r\n"
        ).encode()

    with Sandbox(user_email="jordan@example.com") as box:
        invite = box.deliver(with_attachment("invite.ics"))
        box.deliver(with_attachment("analytics.pdf"))
        gmail = Gmail.for_endpoint(box.url)
        assert [r.id for r in gmail.list_message_refs("filename:ics")] == [invite]
        assert [r.id for r in gmail.list_message_refs("filename:invite")] == [invite]
