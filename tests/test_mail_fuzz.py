"""Hostile input: hypothesis builds broken MIME and parse_message must never raise."""

from __future__ import annotations

import base64
import quopri

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treadgently.mail import ParsedMail, parse_message
from treadgently.quotes import strip_quoted_text

CHARSETS = ["utf-8", "iso-8859-1", "windows-1252", "koi8-r", "shift_jis", "utf-7", "uft-8",
            "x-unknown", "", "utf-16", "iso-2022-jp", "ascii", '"weird', "gb2312"]  # fmt: skip
ENCODINGS = ["7bit", "8bit", "base64", "quoted-printable", "binary", "x-uuencode", "7-bit",
             "bogus; x=1", ""]  # fmt: skip
LEAF_TYPES = ["text/plain", "text/html", "text/calendar", "application/octet-stream",
              "image/png", "text/x-unknown", "message/rfc822", "multipart/alternative"]  # fmt: skip
MULTI_TYPES = ["multipart/mixed", "multipart/alternative", "multipart/related",
               "multipart/report", "multipart/signed"]  # fmt: skip
NEWLINES = ["\r\n", "\n", "\r"]

text_strategy = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=300
)
header_value = st.one_of(
    text_strategy,
    st.builds(
        lambda charset, enc, payload: f"=?{charset}?{enc}?{payload}?=",
        st.sampled_from(CHARSETS),
        st.sampled_from(["q", "b", "Q", "B", "x"]),
        st.text(alphabet="=ABCDEF0123456789abcdef_?<>@:\r\n ", max_size=60),
    ),
    st.builds(lambda n: "x" * n, st.integers(min_value=0, max_value=20_000)),
)
HEADER_NAMES = ["From", "To", "Cc", "Reply-To", "Subject", "Date", "Message-ID", "In-Reply-To",
                "References", "Auto-Submitted", "List-Id", "Content-Disposition"]  # fmt: skip


def encode_body(text: str, charset: str, encoding: str) -> str:
    try:
        data = text.encode(charset or "utf-8", errors="replace")
    except LookupError:
        data = text.encode("utf-8", errors="replace")
    if encoding == "base64":
        return base64.encodebytes(data).decode("ascii")
    if encoding == "quoted-printable":
        return quopri.encodestring(data).decode("ascii")
    return data.decode("latin-1")


@st.composite
def leaf(draw: st.DrawFn) -> str:
    ctype = draw(st.sampled_from(LEAF_TYPES))
    charset = draw(st.sampled_from(CHARSETS))
    encoding = draw(st.sampled_from(ENCODINGS))
    body = draw(text_strategy)
    if ctype == "text/html":
        body = f"<p>{body}</p><blockquote>{draw(text_strategy)}</blockquote>"
    headers = f"Content-Type: {ctype}; charset={charset}\nContent-Transfer-Encoding: {encoding}\n"
    if draw(st.booleans()):
        headers += 'Content-Disposition: attachment; filename="a.ics"\n'
    return headers + "\n" + encode_body(body, charset, encoding)


@st.composite
def part(draw: st.DrawFn, depth: int = 0) -> str:
    if depth >= 3 or draw(st.integers(0, 2)) == 0:
        return draw(leaf())
    boundary = draw(st.sampled_from(["b1", "=_x", "", "a b", "--", "z" * 80]))
    children = draw(st.lists(part(depth + 1), min_size=0, max_size=4))
    ctype = draw(st.sampled_from(MULTI_TYPES))
    params = draw(
        st.sampled_from([f'; boundary="{boundary}"', f"; boundary={boundary}", "", '; boundary="'])
    )
    wrong = draw(st.sampled_from([boundary, boundary + "x", "other"]))
    body = "".join(f"--{wrong}\n{child}\n" for child in children)
    if draw(st.booleans()):
        body += f"--{wrong}--\n"  # sometimes the close boundary is missing
    return f"Content-Type: {ctype}{params}\n\n{draw(text_strategy)}\n{body}"


@st.composite
def message(draw: st.DrawFn) -> bytes:
    headers = draw(
        st.lists(st.tuples(st.sampled_from(HEADER_NAMES), header_value), min_size=0, max_size=8)
    )
    head = "".join(f"{name}: {value}\n" for name, value in headers)
    text = head + draw(part())
    newline = draw(st.sampled_from(NEWLINES))
    raw = text.replace("\n", newline).encode("utf-8", errors="surrogateescape")
    cut = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=len(raw))))
    return raw if cut is None else raw[:cut]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(message())
def test_generated_mime_never_raises(raw: bytes) -> None:
    mail = parse_message(raw)
    assert isinstance(mail, ParsedMail)
    assert "\n" not in mail.subject and "\r" not in mail.subject
    for address in [mail.sender, mail.reply_to, *mail.to, *mail.cc]:
        assert address is None or ("\n" not in address.name and "\r" not in address.name)
    assert mail.date is None or mail.date.tzinfo is not None
    assert isinstance(strip_quoted_text(mail.text), str)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=4000))
def test_random_bytes_never_raise(raw: bytes) -> None:
    assert isinstance(parse_message(raw), ParsedMail)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=3000))
def test_strip_never_raises_and_never_grows(text: str) -> None:
    stripped = strip_quoted_text(text)
    assert isinstance(stripped, str)
    assert len(stripped) <= len(text)
