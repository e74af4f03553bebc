"""parse_message: every field survives broken mail, and nothing ever raises."""

from __future__ import annotations

import base64
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from treadgently.html_text import html_to_text
from treadgently.mail import Address, ParsedMail, parse_message

FIXTURES = Path(__file__).parent / "fixtures" / "mail"


def crlf(text: str, charset: str = "utf-8") -> bytes:
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode(charset)


def fixture(name: str) -> ParsedMail:
    return parse_message((FIXTURES / name).read_bytes())


# --- headers ---------------------------------------------------------------


def test_encoded_display_name_and_subject_are_decoded_and_addresses_lower_cased() -> None:
    mail = parse_message(
        crlf(
            "From: =?utf-8?q?Ren=C3=A9e_Okafor?= <Renee.Okafor@Fernbrook.EXAMPLE>\n"
            "To: =?iso-8859-1?q?J=F6rg?= <JOERG@example.com>, plain@example.com\n"
            "Cc: Team <team@example.com>\n"
            "Subject: =?utf-8?b?UmU6IEludGVydmlldyDigJMgbmV4dCBzdGVwcw==?=\n"
            "\n"
            "Hello\n"
        )
    )
    assert mail.sender == Address(name="Renée Okafor", email="renee.okafor@fernbrook.example")
    assert mail.to == (
        Address(name="Jörg", email="joerg@example.com"),
        Address(name="", email="plain@example.com"),
    )
    assert mail.cc == (Address(name="Team", email="team@example.com"),)
    assert mail.subject == "Re: Interview – next steps"


def test_injected_newlines_in_encoded_name_and_subject_are_removed() -> None:
    mail = parse_message(
        crlf(
            "From: =?utf-8?q?Eve=0D=0ABcc=3A_victim=40example=2Ecom?= <eve@example.com>\n"
            "Subject: =?utf-8?q?Hi=0D=0AX-Injected:_yes=00?=\n"
            "\n"
            "body\n"
        )
    )
    assert mail.sender is not None
    assert "\n" not in mail.sender.name and "\r" not in mail.sender.name
    assert mail.sender.email == "eve@example.com"
    assert "\n" not in mail.subject and "\r" not in mail.subject and "\x00" not in mail.subject
    assert mail.subject.startswith("Hi")


def test_folded_subject_becomes_one_line() -> None:
    mail = parse_message(crlf("Subject: a long\n subject that\n\twraps\n\nbody\n"))
    assert mail.subject == "a long subject that wraps"


def test_raw_utf8_headers_are_read_as_utf8() -> None:
    raw = "From: José Núñez <jose@example.com>\nSubject: Entrevista técnica\n\nhola\n"
    mail = parse_message(raw.encode("utf-8"))
    assert mail.sender == Address(name="José Núñez", email="jose@example.com")
    assert mail.subject == "Entrevista técnica"


def test_date_is_aware_and_bad_date_is_none() -> None:
    good = parse_message(crlf("Date: Wed, 02 Apr 2025 14:45:00 -0400\n\nx\n"))
    assert good.date == datetime(2025, 4, 2, 18, 45, tzinfo=UTC)
    assert good.date is not None and good.date.utcoffset() == timedelta(hours=-4)
    unknown_zone = parse_message(crlf("Date: Wed, 02 Apr 2025 14:45:00 -0000\n\nx\n"))
    assert unknown_zone.date is not None and unknown_zone.date.tzinfo is not None
    assert parse_message(crlf("Date: yesterday-ish\n\nx\n")).date is None
    assert parse_message(crlf("Date: Wed, 99 Foo 99999 99:99:99\n\nx\n")).date is None


def test_thread_ids_are_extracted_from_encoded_and_folded_references() -> None:
    mail = parse_message(
        crlf(
            "Message-ID: <abc@mx.example>\n"
            "In-Reply-To:\n <first@mail.example>\n"
            "References: =?utf-8?q?=3Cencoded=40mx=2Eexample=3E?=\n"
            " <first@mail.example>\n\t<second@mail.example> garbage\n"
            "\nbody\n"
        )
    )
    assert mail.message_id == "<abc@mx.example>"
    assert mail.in_reply_to == "<first@mail.example>"
    assert mail.references == (
        "<encoded@mx.example>",
        "<first@mail.example>",
        "<second@mail.example>",
    )


def test_thread_ids_never_carry_control_or_non_ascii_characters() -> None:
    mail = parse_message(
        "Message-ID: bare-id@mx.example\n"
        "In-Reply-To: <bad\x01id@x.example>\n"
        "References: <ok@x.example> <caf\u00e9@x.example> <\x00@x>\n\nbody\n".encode()
    )
    assert mail.message_id == "<bare-id@mx.example>"
    assert mail.in_reply_to == ""
    assert mail.references == ("<ok@x.example>",)


def test_bidi_and_zero_width_characters_are_removed_from_names() -> None:
    raw = b"From: =?utf-8?q?Eve=E2=80=AE_gnp=2Eexe?= <eve@example.com>\n\nx\n"
    mail = parse_message(raw)
    assert mail.sender is not None
    assert "\u202e" not in mail.sender.name


def test_missing_thread_headers_are_empty() -> None:
    mail = parse_message(crlf("From: a@example.com\n\nbody\n"))
    assert (mail.message_id, mail.in_reply_to, mail.references) == ("", "", ())


def test_automation_headers_are_collected_with_lower_case_names() -> None:
    mail = parse_message(
        crlf(
            "Auto-Submitted: auto-replied\n"
            "X-Autoreply: yes\n"
            "Precedence: bulk\n"
            "List-Id: <jobs.example.com>\n"
            "X-Auto-Response-Suppress: All\n"
            "List-Unsubscribe: <mailto:u@example.com>\n"
            "X-Unrelated: 1\n"
            "\nOut of office\n"
        )
    )
    assert dict(mail.automation) == {
        "auto-submitted": "auto-replied",
        "x-autoreply": "yes",
        "precedence": "bulk",
        "list-id": "<jobs.example.com>",
        "x-auto-response-suppress": "All",
        "list-unsubscribe": "<mailto:u@example.com>",
    }


def test_unparseable_from_keeps_what_it_can() -> None:
    mail = parse_message(crlf("From: MAILER-DAEMON\nTo: <>\n\nbounce\n"))
    assert mail.sender == Address(name="MAILER-DAEMON", email="")
    assert mail.to == ()


# --- bodies ----------------------------------------------------------------


def test_plain_part_is_preferred_over_html_in_alternative() -> None:
    mail = parse_message(
        crlf(
            'Content-Type: multipart/alternative; boundary="b"\n\n'
            "--b\nContent-Type: text/plain\n\nplain words\n"
            "--b\nContent-Type: text/html\n\n<p>html words</p>\n--b--\n"
        )
    )
    assert mail.text == "plain words"


def test_empty_plain_part_falls_back_to_html_with_quote_marked() -> None:
    mail = fixture("gmail_html_reply.eml")
    assert mail.text.startswith("Hi Sam,")
    assert "two references by Friday? A former manager" in mail.text
    assert "> On Mon, Mar 3, 2025" in mail.text  # the gmail_quote is marked as quoted


def test_html_only_message_is_converted() -> None:
    mail = fixture("outlook_html_reply.eml")
    assert "We are still reviewing candidates" in mail.text
    assert "<p" not in mail.text and "p.MsoNormal" not in mail.text
    assert "> Hi Marta" in mail.text  # everything after divRplyFwdMsg is quoted


def test_quoted_printable_and_latin1_are_decoded() -> None:
    mail = fixture("french_outlook_reply.eml")
    assert mail.subject == "RE : Candidature développeur"
    assert "Chargée de recrutement" in mail.text


def test_base64_body_is_decoded_and_attached_message_is_not_the_body() -> None:
    mail = fixture("forward_attached_rfc822.eml")
    assert "Gracias por tu interés." in mail.text
    assert "accept the offer" not in mail.text


def test_declared_charset_that_lies_falls_back_without_error() -> None:
    raw = (
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Gr\xfc\xdfe aus M\xfcnchen\r\n"  # Latin-1 bytes labelled UTF-8
    )
    assert parse_message(raw).text == "Grüße aus München"


def test_unknown_charset_falls_back_to_utf8() -> None:
    raw = "Content-Type: text/plain; charset=x-unknown\r\n\r\nCafé\r\n".encode()
    assert parse_message(raw).text == "Café"


def test_multipart_without_boundary_salvages_the_text() -> None:
    mail = fixture("broken_boundary.eml")
    assert mail.text == "We have decided to move forward with another candidate."
    assert mail.date is None
    assert any("multipart" in defect.lower() for defect in mail.defects)


def test_truncated_mime_keeps_the_text_before_the_cut() -> None:
    raw = crlf(
        'Content-Type: multipart/mixed; boundary="cut"\n\n'
        "--cut\nContent-Type: text/plain\n\nWe would like to invite you back.\n"
        "--cut\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0xLj"
    )
    assert parse_message(raw).text == "We would like to invite you back."


def test_calendar_parts_and_ics_attachments_are_collected_not_shown() -> None:
    mail = fixture("calendar_invite.eml")
    assert len(mail.calendars) == 2
    assert all("DTSTART:20250310T150000Z" in calendar for calendar in mail.calendars)
    assert "VCALENDAR" not in mail.text
    assert mail.text == "You have been invited to an interview on Monday, March 10."


def test_text_attachments_are_not_the_body() -> None:
    mail = parse_message(
        crlf(
            'Content-Type: multipart/mixed; boundary="b"\n\n'
            "--b\nContent-Type: text/plain\n\nPlease see the attached notes.\n"
            '--b\nContent-Type: text/markdown\nContent-Disposition: attachment; filename="n.md"\n\n'
            "# candidate notes: offer, references\n--b--\n"
        )
    )
    assert mail.text == "Please see the attached notes."


@pytest.mark.parametrize("newline", [b"\r\n", b"\n", b"\r"])
def test_any_line_ending_parses_the_same(newline: bytes) -> None:
    raw = newline.join([b"From: a@example.com", b"Subject: Hi", b"", b"line one", b"line two"])
    mail = parse_message(raw)
    assert mail.subject == "Hi"
    assert mail.text == "line one\nline two"


def test_body_only_file_yields_its_text() -> None:
    raw = (
        b"Thanks, that works for me.\n\nOn Mon, Jan 6, 2025 at 9:00 AM Sam <s@example.com> wrote:\n"
    )
    mail = parse_message(raw)
    assert mail.text.startswith("Thanks, that works for me.")
    assert mail.sender is None


def test_body_only_file_starting_with_a_colon_word_keeps_it() -> None:
    mail = parse_message(b"Update: we are still reviewing.\nMore soon.\n")
    assert mail.text == "Update: we are still reviewing.\nMore soon."


def test_body_only_html_file_is_converted() -> None:
    mail = parse_message(b"<html><body><div>Hi.&nbsp;I am fine.</div><blockquote>old</blockquote>")
    assert mail.text == "Hi. I am fine.\n\n> old"


def test_huge_message_is_capped_in_time_and_text() -> None:
    attachment = base64.encodebytes(b"\0" * (20 * 1024 * 1024)).decode()
    raw = crlf(
        'From: big@example.com\nSubject: Big\nContent-Type: multipart/mixed; boundary="b"\n\n'
        "--b\nContent-Type: text/plain\n\n" + "word " * 40_000 + "\n"
        "--b\nContent-Type: application/zip\nContent-Transfer-Encoding: base64\n\n"
        + attachment
        + "--b--\n"
    )
    started = time.perf_counter()
    mail = parse_message(raw)
    elapsed = time.perf_counter() - started
    assert mail.subject == "Big"
    assert mail.text.startswith("word word")
    assert len(mail.text) <= 64 * 1024
    assert elapsed < 1.0
    assert any("cut" in defect for defect in mail.defects)


def test_huge_single_line_header_does_not_hang() -> None:
    raw = b"Subject: " + b"x" * 3_000_000 + b"\r\nFrom: a@example.com\r\n\r\nhello\r\n"
    started = time.perf_counter()
    mail = parse_message(raw)
    assert time.perf_counter() - started < 1.0
    assert len(mail.subject) <= 998


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x00\xff\xfe",
        b"\r\n\r\n\r\n",
        b'Content-Type: multipart/mixed; boundary=""\r\n\r\n--\r\n--',
        b'Content-Type: text/plain; charset=""\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!',
        b"Content-Type: message/rfc822\r\n\r\nFrom: x\r\n",
        b"From: =?bogus?x?zzz?= <@>\r\nTo: ,,,;;;<<<>>>\r\nDate: Mon, 32 Dec 99999\r\n\r\nx",
    ],
)
def test_garbage_never_raises(raw: bytes) -> None:
    mail = parse_message(raw)
    assert isinstance(mail, ParsedMail)
    assert isinstance(mail.text, str)


def test_non_bytes_input_degrades_instead_of_raising() -> None:
    mail = parse_message("From: a@example.com\n\nhello\n")  # type: ignore[arg-type]
    assert mail.text == "hello"
    assert mail.defects


# --- html_to_text ----------------------------------------------------------


def test_html_entities_breaks_blocks_and_lists() -> None:
    html = (
        "<html><head><title>t</title><style>p{color:red}</style></head><body>"
        "<script>alert(1)</script><p>Fish&nbsp;&amp; chips &eacute;t&#233;</p>"
        "<div>one<br>two</div><ul><li>first</li><li>second</li></ul>"
        "<ol><li>alpha</li><li>beta</li></ol></body></html>"
    )
    assert (
        html_to_text(html)
        == "Fish & chips été\n\none\ntwo\n\n- first\n- second\n\n1. alpha\n2. beta"
    )


def test_blockquote_lines_are_prefixed_for_the_quote_stripper() -> None:
    html = (
        "<p>New text</p><blockquote><p>old</p><blockquote>older</blockquote></blockquote><p>end</p>"
    )
    assert html_to_text(html) == "New text\n\n> old\n\n> > older\n\nend"


def test_outlook_separator_marks_the_rest_as_quoted() -> None:
    html = (
        '<p class="MsoNormal">Reply</p><div id="appendonsend"></div><hr>'
        '<div id="divRplyFwdMsg"><b>From:</b> Sam</div><p>old text</p>'
    )
    text = html_to_text(html)
    assert text.startswith("Reply")
    assert "> From: Sam" in text
    assert "> old text" in text


@pytest.mark.parametrize(
    "html",
    [
        "<" * 250_000,
        '<a href="' * 50_000,
        "<!--" * 60_000,
        "<blockquote>" * 60_000 + "x",
        "<p>a" * 60_000,
        "<a " + 'x="y" ' * 40_000 + ">",
    ],
)
def test_hostile_html_converts_in_linear_time(html: str) -> None:
    started = time.process_time()
    text = html_to_text(html)
    assert time.process_time() - started < 1.0
    assert len(text) <= len(html)


def test_malformed_html_returns_what_it_could_read() -> None:
    assert "hello" in html_to_text("<div><p>hello<b><i></div></span><<<>>><!-- unterminated")
