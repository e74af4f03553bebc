"""Company domains: free-mail, ATS and agency senders never name the employer."""

from __future__ import annotations

import pytest

from treadgently.domains import (
    company_domain,
    domain_kind,
    domain_lists,
    is_excluded_domain,
    is_no_reply,
    registrable_domain,
    same_company,
)


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("priya@talent.acme.example", "acme.example"),
        ("Priya.Raman@Corvanta.Example", "corvanta.example"),
        ("no-reply@careers.lumenworks.example", "lumenworks.example"),
        ("hr@jobs.acme.co.uk", "acme.co.uk"),
        ("hr@acme.com.au", "acme.com.au"),
        ("lisa@google.com", "google.com"),
    ],
)
def test_company_domain_is_the_registrable_domain_of_an_employer(email: str, expected: str) -> None:
    assert company_domain(email) == expected


@pytest.mark.parametrize(
    "email",
    [
        "recruiter@gmail.com",
        "recruiter@googlemail.com",
        "recruiter@hotmail.co.uk",
        "recruiter@yahoo.fr",
        "recruiter@gmx.de",
        "recruiter@proton.me",
        "no-reply@us.greenhouse-mail.io",
        "jobs@hire.lever.co",
        "acme@myworkday.com",
        "scheduling@calendly.com",
        "notifications@smartrecruiters.com",
        "kate@roberthalf.com",
        "kate@randstad.de",
        "kate@michaelpage.co.uk",
        "calendar-notification@google.com",
        "jordan.ellery@example.com",
        "calendar-notification@calendar.example.com",
        "not-an-address",
        "someone@localhost",
    ],
)
def test_free_mail_ats_agency_and_reserved_senders_have_no_company_domain(email: str) -> None:
    assert company_domain(email) is None


def test_the_candidates_own_domain_is_never_a_company_domain() -> None:
    assert company_domain("colleague@jordan-consulting.example") == "jordan-consulting.example"
    mine = "jordan@jordan-consulting.example"
    assert company_domain("colleague@jordan-consulting.example", own_email=mine) is None


def test_wildcard_entries_match_any_public_suffix() -> None:
    assert is_excluded_domain("hotmail.com")
    assert is_excluded_domain("mail.hotmail.co.uk")
    assert not is_excluded_domain("hotmailer.com")


def test_domain_kind_says_why_a_domain_is_excluded() -> None:
    assert domain_kind("gmail.com") == "free_mail"
    assert domain_kind("us.greenhouse-mail.io") == "ats"
    assert domain_kind("roberthalf.com") == "staffing"
    assert domain_kind("example.com") == "reserved"
    assert domain_kind("acme.example") is None


def test_registrable_domain_handles_two_level_suffixes_and_rejects_junk() -> None:
    assert registrable_domain("a.b.acme.co.uk") == "acme.co.uk"
    assert registrable_domain("acme.com") == "acme.com"
    assert registrable_domain("co.uk") == ""
    assert registrable_domain("bad..domain") == ""
    assert registrable_domain("under_score.com") == ""


@pytest.mark.parametrize(
    "email",
    [
        "no-reply@acme.example",
        "noreply@acme.example",
        "do-not-reply@acme.example",
        "DoNotReply@acme.example",
        "notifications@acme.example",
        "jobs-noreply@acme.example",
        "mailer-daemon@acme.example",
        "postmaster@acme.example",
        "bounce+1234@acme.example",
        "calendar-notification@google.com",
    ],
)
def test_no_reply_mailboxes_are_recognised(email: str) -> None:
    assert is_no_reply(email)


@pytest.mark.parametrize(
    "email", ["priya.raman@acme.example", "noel@acme.example", "replyto@acme.example", "nobody"]
)
def test_people_are_not_no_reply(email: str) -> None:
    assert not is_no_reply(email)


def test_same_company_joins_subdomains_and_sister_suffixes_but_not_excluded_domains() -> None:
    assert same_company("careers.acme.com", "acme.com")
    assert same_company("acme.com", "acme.de")
    assert not same_company("acme.com", "globex.com")
    assert not same_company("gmail.com", "gmail.com")
    assert not same_company("greenhouse.io", "greenhouse.io")


def test_the_data_file_is_loaded_lower_cased_and_non_empty() -> None:
    lists = domain_lists()
    for entries in (lists.free_mail, lists.ats, lists.staffing):
        assert entries
        assert all(entry == entry.lower() for entry in entries)
    assert "co.uk" in lists.two_level_suffixes
