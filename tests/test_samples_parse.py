"""Every shared sample goes through parse and strip without an exception and with sane types."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from treadgently.mail import Address, ParsedMail, parse_message
from treadgently.quotes import strip_quoted_text

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLE_DIRS = (SHARED / "mail-samples", SHARED / "corpus")


def sample_files() -> list[Path]:
    return sorted(
        path
        for folder in SAMPLE_DIRS
        if folder.is_dir()
        for path in folder.rglob("*")
        if path.is_file()
    )


def assert_sane(mail: ParsedMail) -> None:
    assert isinstance(mail, ParsedMail)
    for value in (mail.message_id, mail.in_reply_to, mail.subject, mail.text):
        assert isinstance(value, str)
    assert "\n" not in mail.subject and "\r" not in mail.subject
    addresses = [mail.sender, mail.reply_to, *mail.to, *mail.cc]
    for address in addresses:
        if address is None:
            continue
        assert isinstance(address, Address)
        assert "\n" not in address.name and "\r" not in address.name
        assert address.email == address.email.lower()
        assert " " not in address.email
    assert mail.date is None or (isinstance(mail.date, datetime) and mail.date.tzinfo is not None)
    assert all(ref.startswith("<") and ref.endswith(">") for ref in mail.references)
    assert all(
        isinstance(key, str) and isinstance(value, str) for key, value in mail.automation.items()
    )
    assert all(isinstance(calendar, str) for calendar in mail.calendars)
    assert len(mail.text) <= 64 * 1024


def test_every_shared_file_parses_and_strips() -> None:
    files = sample_files()
    if not files:
        pytest.skip(f"no shared samples found under {SHARED} (mail-samples/, corpus/)")
    for path in files:
        raw = path.read_bytes()
        mail = parse_message(raw)
        assert_sane(mail)
        stripped = strip_quoted_text(mail.text)
        assert isinstance(stripped, str), path
        assert len(stripped) <= len(mail.text) + 1, path
    assert len(files) > 1000


def test_corpus_messages_have_their_headers_and_text() -> None:
    replies = SHARED / "corpus" / "replies"
    if not replies.is_dir():
        pytest.skip(f"shared corpus not found at {replies}")
    for path in sorted(replies.glob("*.eml")):
        mail = parse_message(path.read_bytes())
        assert mail.sender is not None and "@" in mail.sender.email, path.name
        assert mail.date is not None, path.name
        assert mail.message_id, path.name
        assert mail.text.strip(), path.name
        assert not [d for d in mail.defects if "failed" in d], path.name


def test_samples_with_calendars_are_found() -> None:
    confirmations = SHARED / "corpus" / "confirmations"
    if not confirmations.is_dir():
        pytest.skip(f"shared corpus not found at {confirmations}")
    with_calendar = [
        path.name
        for path in sorted(confirmations.glob("*.eml"))
        if parse_message(path.read_bytes()).calendars
    ]
    assert len(with_calendar) >= 5  # the corpus README promises five invites plus lookalikes
    for name in with_calendar:
        mail = parse_message((confirmations / name).read_bytes())
        assert all("BEGIN:VCALENDAR" in calendar.upper() for calendar in mail.calendars), name
