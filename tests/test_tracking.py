"""Who is who, from an interview confirmation: the recruiter, and the hiring manager."""

from __future__ import annotations

from datetime import UTC, datetime

from treadgently.confirm import detect_confirmation
from treadgently.mail import parse_message
from treadgently.model import Role
from treadgently.store import Store
from treadgently.tracking import Incoming, record_confirmation

OWN = "jordan@example.com"
NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)


def confirmation_mail(body: str, *, cc: str = "") -> bytes:
    head = (
        "From: Dana Whitfield <dana@acme.example>\r\n"
        f"To: Jordan Ellery <{OWN}>\r\n"
        + (f"Cc: {cc}\r\n" if cc else "")
        + "Subject: Interview confirmed: Data Analyst at Acme Analytics\r\n"
        "Date: Mon, 02 Mar 2026 09:00:00 -0500\r\n"
        "Message-ID: <c1@acme.example>\r\n\r\n"
    )
    return (head + body).encode()


def roles_after(tmp_path, raw: bytes) -> dict[str, Role]:
    mail = parse_message(raw)
    confirmation = detect_confirmation(mail, own_email=OWN)
    assert confirmation is not None and confirmation.start is not None
    item = Incoming("m1", "t1", frozenset({"INBOX"}), NOW, mail)
    with Store.open(tmp_path / "state.db") as store:
        app_id = record_confirmation(store, item, confirmation, own_email=OWN, now=NOW)
        assert app_id is not None
        return {c.email: c.role for c in store.contacts(app_id)}


def test_manager_named_with_an_address_in_the_text_is_the_hiring_manager(tmp_path):
    roles = roles_after(
        tmp_path,
        confirmation_mail(
            "Hi Jordan,\r\n\r\nThis confirms your interview on Tuesday, March 10 at 2:00 PM ET. "
            "You will meet Sam Okafor (sam.okafor@acme.example), the hiring manager.\r\n\r\n"
            "Best,\r\nDana\r\n"
        ),
    )
    assert roles == {
        "dana@acme.example": Role.RECRUITER,
        "sam.okafor@acme.example": Role.HIRING_MANAGER,
    }


def test_the_attendee_the_text_calls_hiring_manager_wins_over_the_first_one(tmp_path):
    roles = roles_after(
        tmp_path,
        confirmation_mail(
            "Hi Jordan,\r\n\r\nThis confirms your panel interview on Tuesday, March 10 at 2:00 PM "
            "ET with Lee and Priya. Priya is the hiring manager for the role.\r\n\r\n"
            "Best,\r\nDana\r\n",
            cc="Lee Park <lee@acme.example>, Priya Raman <priya@acme.example>",
        ),
    )
    assert roles["priya@acme.example"] is Role.HIRING_MANAGER
    assert roles["lee@acme.example"] is Role.OTHER
    assert roles["dana@acme.example"] is Role.RECRUITER


def test_addresses_outside_the_company_are_not_taken_as_people(tmp_path):
    roles = roles_after(
        tmp_path,
        confirmation_mail(
            "Hi Jordan,\r\n\r\nThis confirms your interview on Tuesday, March 10 at 2:00 PM ET. "
            "Questions about parking? Write to help@parkingco.example.\r\n\r\nBest,\r\nDana\r\n"
        ),
    )
    assert roles == {"dana@acme.example": Role.RECRUITER}
