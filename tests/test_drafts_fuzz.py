"""Hypothesis: whatever strangers put in names, subjects and ids, drafts carry our headers only."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treadgently.drafts import (
    STEPS,
    DraftContext,
    DraftRenderer,
    InvalidRecipientError,
    ReferenceInfo,
    RenderedDraft,
    build_draft_mime,
    clean_display_name,
    content_hash,
    content_hash_of_raw,
    reply_fields,
)
from treadgently.mail import parse_message

MID = "<treadgently.feedface@example.com>"
BASE_HEADERS = [
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "content-type",
    "content-transfer-encoding",
    "mime-version",
]

# Pieces an attacker would try: header breaks, encoded words, quoting, RFC 2047 and NULs.
HOSTILE_PIECES = [
    "\r\nBcc: evil@x.example",
    "\nBcc: evil@x.example",
    "\rBcc: evil@x.example",
    "\r\n\r\nbody",
    "=?utf-8?q?=0D=0ABcc=3A_evil=40x.example?=",
    '"',
    "\\",
    "<evil@x.example>",
    ", evil@x.example",
    ";",
    "\x00",
    "\x85",
    "\u2028",
    "\t",
    ": ",
    "Zoë Ångström 山田",
    "💼",
    "x" * 300,
]

hostile_text = st.lists(
    st.one_of(st.text(max_size=40), st.sampled_from(HOSTILE_PIECES)), max_size=6
).map("".join)

hostile_ids = st.lists(
    st.one_of(
        st.sampled_from(["<a@b.example>", "<root@x>", "<a@b>\r\nBcc: e@x", "<>", "<ü@x>"]),
        hostile_text,
    ),
    max_size=30,
)

contexts = st.builds(
    DraftContext,
    candidate_name=hostile_text,
    candidate_email=st.just("alex@example.com"),
    company=hostile_text,
    contact_email=st.just("sam@acme.example"),
    contact_name=hostile_text,
    contact_role=st.sampled_from(["recruiter", "hiring_manager", ""]),
    candidate_phone=st.none() | hostile_text,
    candidate_signature=st.none() | hostile_text,
    references=st.lists(
        st.builds(
            ReferenceInfo,
            name=hostile_text,
            title=st.none() | hostile_text,
            relationship=st.none() | hostile_text,
            email=st.none() | hostile_text,
            phone=st.none() | hostile_text,
        ),
        max_size=3,
    ).map(tuple),
    role=st.none() | hostile_text,
    interview_at=st.none()
    | st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    ),
    timezone=st.sampled_from(["UTC", "America/New_York", "Asia/Kolkata"]),
    replied_subject=st.none() | hostile_text,
    replied_sender_name=st.none() | hostile_text,
    in_reply_to=st.none() | hostile_text | st.just("<parent@acme.example>"),
    parent_references=hostile_ids.map(tuple),
    requested=st.none() | hostile_text,
    decision_date=st.none() | st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
)

RENDERER = DraftRenderer()


def parse(raw: bytes):
    return email.message_from_bytes(raw, policy=email.policy.default)


def squeeze(text: str) -> str:
    return "".join(text.split())


def assert_only_our_headers(raw: bytes, ctx: DraftContext) -> None:
    msg = parse(raw)
    names = [name.lower() for name in msg]
    threaded = [n for n in names if n in ("in-reply-to", "references")]
    assert sorted(n for n in names if n not in threaded) == sorted(BASE_HEADERS)
    assert len(threaded) == len(set(threaded))
    assert [a.addr_spec for a in msg["To"].addresses] == [ctx.contact_email]
    assert [a.addr_spec for a in msg["From"].addresses] == [ctx.candidate_email]
    # The name survives the round trip (ignoring spaces: the stdlib phrase parser adds
    # one between adjacent encoded words, which RFC 2047 decoders such as Gmail drop).
    shown = msg["To"].addresses[0].display_name
    assert squeeze(shown) == squeeze(clean_display_name(ctx.contact_name))
    for name in ("subject", "in-reply-to", "references"):
        value = str(msg.get(name, ""))
        assert "\r" not in value and "\n" not in value
    assert msg["Message-ID"] == MID
    # The raw header block is plain ASCII: every non-ASCII byte went into encoded words.
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.isascii()
    # The stdlib compat parser, which is lenient in other ways, agrees on the header set.
    compat = email.message_from_bytes(raw)
    assert sorted(k.lower() for k in compat) == sorted(names)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ctx=contexts, step=st.sampled_from(STEPS))
def test_rendered_drafts_from_hostile_data_have_exactly_our_headers(ctx, step):
    rendered = RENDERER.render(step, ctx)
    raw = build_draft_mime(rendered, ctx, message_id=MID)
    assert_only_our_headers(raw, ctx)
    # What we wrote, fetched back, is recognised as unedited.
    assert content_hash_of_raw(raw) == content_hash(rendered)


@settings(max_examples=200, deadline=None)
@given(
    ctx=contexts,
    subject=hostile_text,
    body=st.text(max_size=2000) | hostile_text,
)
def test_raw_subjects_and_bodies_cannot_add_headers(ctx, subject, body):
    rendered = RenderedDraft(subject=subject, body=body)
    raw = build_draft_mime(rendered, ctx, message_id=MID)
    assert_only_our_headers(raw, ctx)
    assert content_hash_of_raw(raw) == content_hash(rendered)


@settings(max_examples=200, deadline=None)
@given(name=hostile_text, address=st.emails() | hostile_text)
def test_any_recipient_is_either_written_exactly_or_refused(name, address):
    ctx = DraftContext(
        candidate_name="Alex",
        candidate_email="alex@example.com",
        company="Acme",
        contact_email=address,
        contact_name=name,
    )
    try:
        raw = build_draft_mime(RenderedDraft("Hi", "Hello\n"), ctx, message_id=MID)
    except InvalidRecipientError:
        return
    assert_only_our_headers(raw, ctx)


# --- from raw incoming mail to a reply draft -------------------------------------------------

header_value = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=30),
        st.sampled_from(
            [
                "=?utf-8?q?Dana=0D=0ABcc=3A_evil=40x.example?=",
                "=?utf-8?b?RGFuYQ0KQmNjOiBldmlsQHguZXhhbXBsZQ==?=",
                "=?iso-8859-1?q?Jos=E9?=",
                '"Whitfield, Dana"',
                "\r\n Bcc: evil@x.example",  # a folded continuation line
                "<m1@acme.example> <m2@acme.example>",
                "<bad id@x>",
                "Re: RE: Aw:",
                "x" * 200,
            ]
        ),
    ),
    max_size=5,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(
    sender_name=header_value,
    subject=header_value,
    message_id=header_value,
    references=header_value,
    step=st.sampled_from(STEPS),
)
def test_replies_built_from_hostile_incoming_mail_have_exactly_our_headers(
    sender_name, subject, message_id, references, step
):
    incoming = (
        f"From: {sender_name} <sam@acme.example>\r\n"
        f"To: alex@example.com\r\nSubject: {subject}\r\n"
        f"Message-ID: {message_id}\r\nReferences: {references}\r\n"
        "Date: Wed, 26 Nov 2025 09:00:00 -0500\r\n\r\nHello\r\n"
    ).encode("utf-8", "surrogateescape")
    mail = parse_message(incoming)
    ctx = DraftContext(
        **reply_fields(mail),
        candidate_name="Alex Rivera",
        candidate_email="alex@example.com",
        company="Acme",
        contact_email="sam@acme.example",
        contact_name=mail.sender.name if mail.sender else "",
    )
    raw = build_draft_mime(RENDERER.render(step, ctx), ctx, message_id=MID)
    assert_only_our_headers(raw, ctx)
    subject_out = str(parse(raw)["Subject"])
    if ctx.replied_subject and ctx.replied_subject.strip():
        assert subject_out.startswith("Re:")
        assert not subject_out.lower().startswith(("re: re:", "re: aw:"))
