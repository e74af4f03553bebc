"""The sandbox's Gmail ``q`` subset, tested as a pure unit over an in-memory mailbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from treadgently.sandbox.mailbox import Mailbox
from treadgently.sandbox.search import SearchContext, compile_query, parse

NOW = datetime(2025, 3, 20, 12, tzinfo=UTC)
USER = "jordan@example.com"


def raw(
    subject: str, sender: str, body: str, *, to: str = USER, cc: str = "", attachment: str = ""
) -> bytes:
    head = f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\n"
    if cc:
        head += f"Cc: {cc}\r\n"
    if not attachment:
        return (head + f"Content-Type: text/plain\r\n\r\n{body}\r\n").encode()
    return (
        head + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"
        f"--B\r\nContent-Type: text/plain\r\n\r\n{body}\r\n"
        "--B\r\nContent-Type: application/octet-stream\r\n"
        f'Content-Disposition: attachment; filename="{attachment}"\r\n\r\n'
        "xyz\r\n--B--\r\n"
    ).encode()


@pytest.fixture(scope="module")
def mailbox() -> tuple[Mailbox, dict[str, str]]:
    box = Mailbox(USER, clock=lambda: NOW)
    box.create_label("Job Search")
    names: dict[str, str] = {}

    def add(name: str, data: bytes, days_ago: float, labels=("INBOX",)) -> None:
        moment = NOW - timedelta(days=days_ago)
        names[box.deliver(data, labels, internal_date=int(moment.timestamp() * 1000))] = name

    add(
        "invite",
        raw(
            "Interview invitation",
            "Ana Lopez <ana@talent.acme.example>",
            "Please join us for the Next Steps call.",
            attachment="invite.ics",
        ),
        2,
    )
    add(
        "reject",
        raw(
            "Your application",
            "jobs@globex.example",
            "We decided to move forward with other candidates.",
        ),
        10,
    )
    add(
        "sent",
        raw("Thank you", USER, "Thanks for the interview today!", to="ana@acme.example"),
        3,
        ("SENT",),
    )
    add(
        "cc",
        raw(
            "Scheduling",
            "coordinator@initech.example",
            "Steps next week.",
            to="ana@acme.example",
            cc=USER,
        ),
        40,
        ("INBOX", "Label_1"),
    )
    add("spam", raw("Interview prize", "win@spam.example", "You won"), 1, ("SPAM",))
    add("old", raw("Newsletter", "news@shop.example", "Résumé tips and news"), 400)
    return box, names


def search(corpus: tuple[Mailbox, dict[str, str]], query: str) -> set[str]:
    mailbox, names = corpus
    compiled = compile_query(query, SearchContext(USER, NOW, mailbox.label_id))
    return {names[m.id] for m in mailbox.messages.values() if compiled.predicate(m)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("from:acme.example", {"invite"}),
        ("from:ana@talent.acme.example", {"invite"}),
        ("from:Lopez", {"invite"}),
        ("from:me", {"sent"}),
        ("to:ana@acme.example", {"sent", "cc"}),
        ("to:me", {"invite", "reject", "spam", "old", "cc"}),
        ("subject:interview", {"invite", "spam"}),
        ('subject:"interview invitation"', {"invite"}),
        ("subject:interv", set()),
        ("INTERVIEW", {"invite", "sent", "spam"}),
        ('"next steps"', {"invite"}),
        ('"steps next"', {"cc"}),
        ("résumé", {"old"}),
        ("filename:ics", {"invite"}),
        ("filename:invite.ics", {"invite"}),
        ("has:attachment", {"invite"}),
        ("in:sent", {"sent"}),
        ("in:inbox -in:spam subject:interview", {"invite"}),
        ("label:job-search", {"cc"}),
        ('label:"Job Search"', {"cc"}),
        ("label:nonexistent", set()),
        ("newer_than:5d", {"invite", "sent", "spam"}),
        ("older_than:1y", {"old"}),
        ("newer_than:2m -newer_than:7d", {"reject", "cc"}),
        (f"after:{int((NOW - timedelta(days=4)).timestamp())}", {"invite", "sent", "spam"}),
        (f"before:{int((NOW - timedelta(days=30)).timestamp())}", {"cc", "old"}),
        ("after:2025/03/15 before:2025/03/19", {"sent", "invite"}),
        ("from:acme.example OR from:globex.example", {"invite", "reject"}),
        ("{from:acme.example from:globex.example}", {"invite", "reject"}),
        ("from:(acme.example OR globex.example)", {"invite", "reject"}),
        ("interview -from:me", {"invite", "spam"}),
        ("-(interview OR steps)", {"reject", "old"}),
        ("steps interview OR candidates", {"invite"}),
        ("(steps interview) OR candidates", {"invite", "reject"}),
        ("", {"invite", "reject", "sent", "cc", "spam", "old"}),
    ],
)
def test_query_selects_exactly_the_matching_messages(mailbox, query, expected):
    assert search(mailbox, query) == expected


def test_yyyy_mm_dd_dates_mean_midnight_pacific():
    box = Mailbox(USER, clock=lambda: NOW)
    # 06:30 UTC on 15 March is still 14 March in California (PDT, UTC-7).
    moment = datetime(2025, 3, 15, 6, 30, tzinfo=UTC)
    box.deliver(raw("x", "a@b.example", "y"), internal_date=int(moment.timestamp() * 1000))
    [message] = box.messages.values()
    context = SearchContext(USER, NOW, box.label_id)
    assert not compile_query("after:2025/03/15", context).predicate(message)
    assert compile_query("after:2025/03/14", context).predicate(message)


@pytest.mark.parametrize(
    ("query", "flag"),
    [("in:spam", True), ("in:anywhere foo", True), ("from:a (x OR in:trash)", True), ("x", False)],
)
def test_queries_that_ask_for_spam_or_trash_say_so(query, flag):
    context = SearchContext(USER, NOW, lambda name: None)
    assert compile_query(query, context).mentions_spam_trash is flag


@pytest.mark.parametrize("query", ["((a", "a OR", "OR", "-", "from:", ")) b {", '"open', "a:b:c"])
def test_malformed_queries_still_parse(query):
    assert parse(query) is not None


QUERY_PIECES = st.sampled_from(["a", "b", " ", ":", "-", "(", ")", "{", "}", '"', "OR", "from:"])


@settings(max_examples=200, deadline=None)
@given(st.lists(QUERY_PIECES, max_size=30).map("".join))
def test_any_query_text_compiles_without_raising(query):
    context = SearchContext(USER, NOW, lambda name: None)
    compile_query(query, context)
