"""Drafts: what each kind says, where it goes, and that no template or header can hurt the user."""

from __future__ import annotations

import base64
import dataclasses
import email
import email.policy
import quopri
import re
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from treadgently import drafts
from treadgently.drafts import (
    STEPS,
    DraftContext,
    DraftRenderer,
    InvalidRecipientError,
    ReferenceInfo,
    RenderedDraft,
    build_draft_mime,
    check_templates,
    content_hash,
    content_hash_of_raw,
    deterministic_message_id,
    reply_subject,
)
from treadgently.errors import TemplateError

HOSTILE = "Mallory\r\nBcc: evil@x.example\r\n"

REFERENCES = (
    ReferenceInfo(
        name="Jordan Lee",
        title="Engineering Manager at Northwind",
        relationship="My manager for three years",
        email="jordan.lee@northwind.example",
        phone="+1 555 0101",
    ),
    ReferenceInfo(
        name="Priya Nair",
        title="Staff Engineer",
        relationship="Former teammate",
        email="priya@example.org",
    ),
)


def new_thread_ctx(**changes) -> DraftContext:
    """A follow-up that starts a new conversation with the hiring manager."""
    base = DraftContext(
        candidate_name="Alex Rivera",
        candidate_email="alex@example.com",
        candidate_phone="+1 555 0100",
        company="Acme Analytics",
        role="Senior Data Engineer",
        # 03:30 UTC on the 19th is still the evening of Tuesday the 18th in Los Angeles.
        interview_at=datetime(2025, 11, 19, 3, 30, tzinfo=UTC),
        timezone="America/Los_Angeles",
        contact_name="Dana Whitfield",
        contact_email="dana@acme.example",
        contact_role="hiring_manager",
        references=REFERENCES,
    )
    return dataclasses.replace(base, **changes)


def reply_ctx(**changes) -> DraftContext:
    """A reply to the recruiter's message in an existing thread."""
    base = new_thread_ctx(
        contact_name="Sam Ortiz",
        contact_email="sam@acme.example",
        contact_role="recruiter",
        replied_subject="RE: Re: Interview for Senior Data Engineer",
        replied_sender_name="Sam Ortiz",
        replied_date=datetime(2025, 11, 26, 17, 0, tzinfo=UTC),
        in_reply_to="<reply-2@acme.example>",
        parent_references=("<root@alex.example>", "<reply-1@acme.example>"),
    )
    return dataclasses.replace(base, **changes)


@pytest.fixture(scope="module")
def renderer() -> DraftRenderer:
    return DraftRenderer()


def parse(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)


def header_names(msg: EmailMessage) -> list[str]:
    return [name.lower() for name in msg]


# --- what each kind says ------------------------------------------------------------


def test_every_step_has_a_packaged_template_that_renders(renderer):
    assert check_templates(renderer) == []
    for step in STEPS:
        assert renderer.source_of(step).endswith(f"{step}.j2")


def test_every_template_variable_is_documented_in_the_templates_readme():
    readme = (Path(drafts.__file__).parent / "templates" / "README.md").read_text("utf-8")
    names = drafts.template_variables("thank_manager", reply_ctx())
    undocumented = [name for name in names if f"`{name}`" not in readme]
    assert undocumented == []


def test_thank_manager_thanks_again_for_the_interview_date_written_out_in_local_time(renderer):
    draft = renderer.render("thank_manager", new_thread_ctx())
    assert "Tuesday, November 18" in draft.body
    assert "again" in draft.body
    assert "Senior Data Engineer" in draft.body
    assert "look forward to hearing" in draft.body
    assert draft.body.startswith("Hi Dana,\n")
    assert "Senior Data Engineer" in draft.subject
    assert not draft.subject.startswith("Re:")


def test_recruiter_follow_up_asks_for_timeline_and_anything_else_and_thanks(renderer):
    ctx = new_thread_ctx(contact_name="Sam Ortiz", contact_email="sam@acme.example")
    draft = renderer.render("recruiter_follow_up", ctx)
    body = draft.body.lower()
    assert "when" in body and "decision" in body
    assert "anything else" in body
    assert "thank you for your time and consideration" in body
    assert "interested" in body
    assert "Acme Analytics" in draft.subject and "Senior Data Engineer" in draft.subject


def test_follow_up_without_role_or_date_still_reads_naturally(renderer):
    ctx = new_thread_ctx(role=None, interview_at=None, contact_name="")
    draft = renderer.render("recruiter_follow_up", ctx)
    assert draft.body.startswith("Hello,\n")
    assert "the role at Acme Analytics" in draft.body
    assert " on ." not in draft.body and "None" not in draft.body
    assert draft.subject == "Following up – Acme Analytics"


def test_check_in_mentions_the_decision_date_the_company_gave(renderer):
    draft = renderer.render("check_in", reply_ctx(decision_date=date(2025, 12, 5)))
    assert "Friday, December 5" in draft.body
    assert draft.subject == "Re: Interview for Senior Data Engineer"


def test_still_interviewing_acknowledgement_is_short_and_gracious(renderer):
    draft = renderer.render("reply_still_interviewing", reply_ctx())
    assert "Thank you for the update" in draft.body
    assert len(draft.body.split()) < 80


def test_references_reply_lists_every_reference_with_title_relationship_and_contact(renderer):
    draft = renderer.render("reply_references", reply_ctx())
    for ref in REFERENCES:
        assert ref.name in draft.body
        assert ref.title in draft.body
        assert ref.relationship in draft.body
        assert ref.email in draft.body
    assert "+1 555 0101" in draft.body
    assert "[ADD YOUR REFERENCES" not in draft.body


def test_references_reply_without_configured_references_says_where_to_add_them(renderer):
    draft = renderer.render("reply_references", reply_ctx(references=()))
    assert re.search(r"^\[ADD YOUR REFERENCES HERE:.*\]$", draft.body, re.M)
    assert "[[references]]" in draft.body


def test_info_reply_names_the_requested_item_in_the_candidates_voice(renderer):
    draft = renderer.render("reply_info", reply_ctx(requested="your portfolio.\r\n"))
    assert "my portfolio promptly" in draft.body
    unknown = renderer.render("reply_info", reply_ctx(requested=None))
    assert "promptly" in unknown.body and "None" not in unknown.body


def test_next_round_reply_says_yes_with_a_marked_place_for_availability(renderer):
    draft = renderer.render("reply_next_round", reply_ctx())
    assert "delighted" in draft.body
    assert re.search(r"^\[YOUR AVAILABILITY: .+\]$", draft.body, re.M)


def test_offer_reply_thanks_and_asks_for_written_details(renderer):
    draft = renderer.render("reply_offer", reply_ctx())
    assert "Thank you" in draft.body
    assert "in writing" in draft.body


def test_rejection_reply_thanks_praises_the_experience_and_asks_about_future_openings(renderer):
    draft = renderer.render("reply_rejected", reply_ctx())
    assert "time" in draft.body
    assert "Interviewing with Acme Analytics was a great experience" in draft.body
    assert "future openings" in draft.body


@pytest.mark.parametrize("step", STEPS)
def test_default_wording_is_short_and_not_pushy(renderer, step):
    draft = renderer.render(step, reply_ctx())
    assert len(draft.body.split()) <= 120
    assert draft.body.count("!") <= 1
    for pushy in ("ASAP", "as soon as possible", "I expect", "urgent", "immediately"):
        assert pushy.lower() not in draft.body.lower()


def test_sign_off_uses_signature_when_set_else_name_and_phone(renderer):
    plain = renderer.render("reply_offer", reply_ctx())
    assert plain.body.endswith("Alex Rivera\n+1 555 0100\n")
    signed = renderer.render(
        "reply_offer", reply_ctx(candidate_signature="Alex R.\r\nalex.example.com\x07")
    )
    assert signed.body.endswith("Alex R.\nalex.example.com\n")
    assert "+1 555 0100" not in signed.body


def test_greeting_uses_a_persons_first_name_but_not_a_teams(renderer):
    cases = {
        "Whitfield, Dana": "Hi Dana,",
        "DANA WHITFIELD": "Hi Dana,",
        "Acme Recruiting Team": "Hello,",
        "noreply@acme.example": "Hello,",
        "": "Hello,",
    }
    for name, greeting in cases.items():
        body = renderer.render("reply_offer", reply_ctx(contact_name=name)).body
        assert body.startswith(greeting + "\n"), name


# --- subjects ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("Interview", "Re: Interview"),
        ("Re: Interview", "Re: Interview"),
        ("RE: Re: re:Interview", "Re: Interview"),
        ("Aw: SV: Re[2]: Interview", "Re: Interview"),
        ("Fwd: Interview", "Re: Fwd: Interview"),
        ("Re: Fwd: Interview", "Re: Fwd: Interview"),
        ("Re: Interview\r\nBcc: evil@x", "Re: Interview Bcc: evil@x"),
        ("Regarding the role", "Re: Regarding the role"),
    ],
)
def test_reply_subject_has_exactly_one_re_and_one_line(original, expected):
    assert reply_subject(original) == expected


def test_draft_in_a_thread_keeps_the_thread_subject_over_the_template_subject(renderer):
    draft = renderer.render("reply_rejected", reply_ctx(replied_subject="Re: RE: Your application"))
    assert draft.subject == "Re: Your application"


def test_reply_to_a_message_without_subject_falls_back_to_the_template_subject(renderer):
    draft = renderer.render("reply_rejected", reply_ctx(replied_subject=""))
    assert draft.subject == "Thank you – Acme Analytics"


# --- the user's template folder -----------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_user_template_dir_overrides_one_kind_and_the_rest_fall_back(tmp_path):
    own = write(
        tmp_path / "reply_rejected.j2",
        "Subject: Thanks, {{ company }}\n\nDear {{ contact_first_name }}, thanks anyway.\n"
        "{{ sign_off }}\n",
    )
    renderer = DraftRenderer(tmp_path)
    ctx = new_thread_ctx()
    rejected = renderer.render("reply_rejected", ctx)
    assert rejected == RenderedDraft(
        subject="Thanks, Acme Analytics",
        body="Dear Dana, thanks anyway.\nAlex Rivera\n+1 555 0100\n",
    )
    assert renderer.source_of("reply_rejected") == str(own)
    offer = renderer.render("reply_offer", ctx)
    assert offer == DraftRenderer().render("reply_offer", ctx)
    assert check_templates(renderer) == []


def test_undefined_variable_is_reported_with_file_and_line(tmp_path):
    path = write(
        tmp_path / "reply_offer.j2",
        "Subject: Offer\n\n{{ greeting }}\n{{ compnay }} is great.\n",
    )
    with pytest.raises(TemplateError, match=rf"^{re.escape(str(path))}:4: .*compnay"):
        DraftRenderer(tmp_path).render("reply_offer", new_thread_ctx())
    problems = check_templates(DraftRenderer(tmp_path))
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:4: ")


def test_syntax_error_is_reported_with_file_and_line(tmp_path):
    path = write(tmp_path / "check_in.j2", "Subject: Hi\n\n{% if role %}\nno end\n")
    problems = check_templates(DraftRenderer(tmp_path))
    assert len(problems) == 1
    assert re.match(rf"{re.escape(str(path))}:\d+: syntax error", problems[0])


def test_template_without_subject_line_is_refused(tmp_path):
    path = write(tmp_path / "check_in.j2", "Hello {{ company }}\n")
    with pytest.raises(TemplateError, match=rf"^{re.escape(str(path))}:1: .*Subject"):
        DraftRenderer(tmp_path).render("check_in", new_thread_ctx())


def test_missing_template_dir_is_a_config_error(tmp_path):
    with pytest.raises(TemplateError) as caught:
        DraftRenderer(tmp_path / "nope")
    assert caught.value.exit_code == 2


def test_step_names_cannot_name_paths(renderer):
    with pytest.raises(ValueError, match="step"):
        renderer.render("../secrets", new_thread_ctx())


# --- the sandbox ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "expression",
    [
        "{{ ''.__class__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ candidate.__class__ }}",
        "{{ interview_at.__reduce__() }}",
    ],
)
def test_template_cannot_reach_python_internals(tmp_path, expression):
    write(tmp_path / "reply_offer.j2", f"Subject: x\n\n{expression}\n")
    with pytest.raises(TemplateError, match=r"reply_offer\.j2:3: .*(unsafe|SecurityError)"):
        DraftRenderer(tmp_path).render("reply_offer", new_thread_ctx())


@pytest.mark.parametrize("target", ["../secret.txt", "/etc/passwd", "sub/../../secret.txt"])
def test_include_outside_the_template_folders_is_refused(tmp_path, target):
    (tmp_path / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    folder = tmp_path / "templates"
    folder.mkdir()
    write(folder / "reply_offer.j2", f"Subject: x\n\n{{% include '{target}' %}}\n")
    with pytest.raises(TemplateError, match="not found") as caught:
        DraftRenderer(folder).render("reply_offer", new_thread_ctx())
    assert "TOP SECRET" not in str(caught.value)


def test_include_of_a_file_inside_the_folder_works(tmp_path):
    write(tmp_path / "closing.txt", "Warmly,\n{{ candidate_name }}\n")
    write(tmp_path / "reply_offer.j2", "Subject: x\n\nThanks.\n\n{% include 'closing.txt' %}")
    draft = DraftRenderer(tmp_path).render("reply_offer", new_thread_ctx())
    assert draft.body == "Thanks.\n\nWarmly,\nAlex Rivera\n"


# --- MIME -------------------------------------------------------------------------------

MID = "<treadgently.0123abcd@example.com>"
WHEN = datetime(2025, 11, 27, 9, 0, tzinfo=UTC)


def test_reply_mime_is_addressed_threaded_and_plain_utf8(renderer):
    ctx = reply_ctx(contact_name="Sam Ortíz")
    raw = build_draft_mime(renderer.render("reply_offer", ctx), ctx, message_id=MID, date=WHEN)
    msg = parse(raw)
    assert sorted(header_names(msg)) == sorted(
        [
            "from",
            "to",
            "subject",
            "date",
            "message-id",
            "in-reply-to",
            "references",
            "content-type",
            "content-transfer-encoding",
            "mime-version",
        ]
    )
    assert msg["From"].addresses[0].addr_spec == "alex@example.com"
    assert msg["From"].addresses[0].display_name == "Alex Rivera"
    assert msg["To"].addresses[0].addr_spec == "sam@acme.example"
    assert msg["To"].addresses[0].display_name == "Sam Ortíz"
    assert msg["Subject"] == "Re: Interview for Senior Data Engineer"
    assert msg["Message-ID"] == MID
    assert msg["In-Reply-To"] == "<reply-2@acme.example>"
    assert msg["References"].split() == [
        "<root@alex.example>",
        "<reply-1@acme.example>",
        "<reply-2@acme.example>",
    ]
    assert msg.get_content_type() == "text/plain"
    assert msg.get_content_charset() == "utf-8"
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")


def test_new_thread_mime_has_no_threading_headers(renderer):
    ctx = new_thread_ctx()
    msg = parse(build_draft_mime(renderer.render("thank_manager", ctx), ctx, message_id=MID))
    assert "in-reply-to" not in header_names(msg)
    assert "references" not in header_names(msg)


def test_references_are_deduplicated_bounded_and_end_with_the_parent():
    chain = tuple(f"<m{i}@acme.example>" for i in range(60))
    ctx = reply_ctx(in_reply_to=chain[-1], parent_references=chain + chain[:5])
    msg = parse(build_draft_mime(RenderedDraft("s", "b\n"), ctx, message_id=MID))
    refs = msg["References"].split()
    assert len(refs) == drafts.MAX_REFERENCE_IDS
    assert len(set(refs)) == len(refs)
    assert refs[0] == chain[0]
    assert refs[-1] == chain[-1]


def test_hostile_names_and_subjects_cannot_inject_headers(renderer):
    ctx = reply_ctx(
        contact_name=HOSTILE,
        replied_subject="Re: Hello\r\nBcc: evil@x.example\nX-Evil: 1",
        replied_sender_name=HOSTILE,
        requested="samples\r\nBcc: evil@x.example",
        company="Acme\rBcc: evil@x.example",
        role="Engineer\nBcc: evil@x.example",
        in_reply_to="<ok@acme.example>\r\nBcc: evil@x.example",
        parent_references=("<a@b>\r\nBcc: evil@x.example", "\x00<c@d>"),
    )
    for step in STEPS:
        raw = build_draft_mime(renderer.render(step, ctx), ctx, message_id=MID)
        msg = parse(raw)
        names = header_names(msg)
        assert "bcc" not in names and "x-evil" not in names
        assert names.count("to") == 1 and names.count("subject") == 1
        assert [a.addr_spec for a in msg["To"].addresses] == ["sam@acme.example"]
        assert "\n" not in str(msg["Subject"]) and "\r" not in str(msg["Subject"])
        assert msg["In-Reply-To"] == "<ok@acme.example>"
        assert not re.search(r"^bcc:", msg.get_content(), re.I | re.M)


@pytest.mark.parametrize(
    "address", ["sam@acme.example\r\nBcc: evil@x", "sam", "a@b@c.example", "", "<sam@acme.ex>"]
)
def test_unusable_recipient_address_is_refused(address):
    ctx = reply_ctx(contact_email=address)
    with pytest.raises(InvalidRecipientError):
        build_draft_mime(RenderedDraft("s", "b\n"), ctx, message_id=MID)


def test_malformed_own_message_id_is_refused():
    with pytest.raises(ValueError, match="message_id"):
        build_draft_mime(RenderedDraft("s", "b\n"), reply_ctx(), message_id="<a@b>\r\nBcc: x")


def test_deterministic_message_id_is_stable_and_distinct_per_key():
    one = deterministic_message_id("7:reply_offer:abc", domain="example.com")
    assert one == deterministic_message_id("7:reply_offer:abc", domain="example.com")
    assert one != deterministic_message_id("7:reply_offer:abd", domain="example.com")
    assert re.fullmatch(r"<treadgently\.[0-9a-f]{32}@example\.com>", one)
    assert build_draft_mime(RenderedDraft("s", "b\n"), reply_ctx(), message_id=one)


# --- content hashes ------------------------------------------------------------------------


def our_draft(renderer) -> tuple[RenderedDraft, bytes]:
    ctx = reply_ctx(contact_name="Zoë Ångström", requested="your café menu design")
    rendered = renderer.render("reply_info", ctx)
    return rendered, build_draft_mime(rendered, ctx, message_id=MID, date=WHEN)


def reencoded(body: str, cte: str, linesep: str) -> bytes:
    """The same text as another mail program (Gmail) might store it."""
    encoded = body.replace("\n", linesep).encode("utf-8")
    if cte == "quoted-printable":
        payload = quopri.encodestring(encoded, quotetabs=True)
    elif cte == "base64":
        payload = base64.encodebytes(encoded)
    else:
        payload = encoded
    head = (
        f"From: a@b.example{linesep}To: c@d.example{linesep}Subject: x{linesep}"
        f'MIME-Version: 1.0{linesep}Content-Type: text/plain; charset="UTF-8"{linesep}'
        f"Content-Transfer-Encoding: {cte}{linesep}{linesep}"
    )
    return head.encode("ascii") + payload


@pytest.mark.parametrize("cte", ["quoted-printable", "base64", "8bit"])
@pytest.mark.parametrize("linesep", ["\n", "\r\n"])
def test_hash_ignores_transfer_encoding_and_line_endings(renderer, cte, linesep):
    rendered, raw = our_draft(renderer)
    assert content_hash(raw) == content_hash(rendered) == content_hash(rendered.body)
    assert content_hash_of_raw(reencoded(rendered.body, cte, linesep)) == content_hash(raw)


def test_hash_matches_when_gmail_wraps_the_text_in_multipart_alternative(renderer):
    rendered, raw = our_draft(renderer)
    wrapped = MIMEMultipart("alternative")
    wrapped.attach(MIMEText(rendered.body.replace("\n", "\r\n") + "\r\n", "plain", "utf-8"))
    wrapped.attach(MIMEText("<div>" + rendered.body + "</div>", "html", "utf-8"))
    assert content_hash_of_raw(wrapped.as_bytes()) == content_hash(raw)


def test_hash_changes_when_the_user_edits_the_words(renderer):
    rendered, raw = our_draft(renderer)
    edited = rendered.body.replace("promptly", "by Friday")
    assert content_hash_of_raw(reencoded(edited, "quoted-printable", "\r\n")) != content_hash(raw)
    assert content_hash(b"") != content_hash(raw)
