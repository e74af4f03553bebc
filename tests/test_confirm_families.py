"""Confirmation families the blind sets showed missing: more languages, relative days,
bare hours, ranges, arrival times, moves to a new time, and naming the employer when the
domain abbreviates it, a tool or an agency sends, or a venue sits beside it.

The sentences here are our own, written for each family; none is copied from a corpus.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from treadgently.confirm import detect_confirmation
from treadgently.mail import Address, ParsedMail
from treadgently.prose_time import find_start

ME = Address("Jordan Ellery", "jordan.ellery@example.com")
RECRUITER = Address("Dana Whitcombe", "dana@quillory.example")
JUNE_ET = "2025-06-09T09:05:00-04:00"  # a Monday in New York
JUNE_CEST = "2025-06-09T09:05:00+02:00"


def offset(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


def make_mail(
    text: str,
    *,
    subject: str = "Interview",
    date: str = JUNE_ET,
    sender: Address | None = RECRUITER,
    reply_to: Address | None = None,
) -> ParsedMail:
    return ParsedMail(
        message_id="<m@test>",
        subject=subject,
        sender=sender,
        reply_to=reply_to,
        to=(ME,),
        cc=(),
        date=datetime.fromisoformat(date),
        calendars=(),
        text=text,
    )


def detect(text: str, **kwargs: object) -> tuple[datetime | None, str | None] | None:
    found = detect_confirmation(make_mail(text, **kwargs), own_email=ME.email)  # type: ignore[arg-type]
    return None if found is None else (found.start, found.company)


# --- languages and relative days -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Buongiorno Jordan,\n\nLe confermo il colloquio per giovedì 12 giugno alle ore "
            "15:00 presso la nostra sede.",
            datetime(2025, 6, 12, 15, 0, tzinfo=offset(2)),
        ),
        (
            "Ciao Jordan,\n\ncome d'accordo, il colloquio è fissato per giovedì 12 giugno "
            "alle 15, ora italiana.",
            datetime(2025, 6, 12, 15, 0, tzinfo=offset(2)),
        ),
        (
            "Olá Jordan,\n\nConfirmamos a sua entrevista para quinta-feira, 12 de junho, "
            "às 10h30 (hora de Lisboa).",
            datetime(2025, 6, 12, 10, 30, tzinfo=offset(1)),
        ),
        (
            "Oi Jordan,\n\nConforme combinamos, sua entrevista está marcada para 12 de junho "
            "às 14h (horário de Brasília).",
            datetime(2025, 6, 12, 14, 0, tzinfo=offset(-3)),
        ),
    ],
)
def test_italian_and_portuguese_confirmations_give_their_start(
    text: str, expected: datetime
) -> None:
    found = detect(text, date=JUNE_CEST)
    assert found is not None
    assert found[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hallo Jordan,\n\nwie besprochen steht unser Interview für kommenden Donnerstag "
            "um 16 Uhr.",
            datetime(2025, 6, 12, 16, 0, tzinfo=offset(2)),
        ),
        (
            "¡Hola Jordan!\n\nPerfecto, quedamos mañana a las 10:00 para la entrevista.",
            datetime(2025, 6, 10, 10, 0, tzinfo=offset(2)),
        ),
        (
            "Ciao Jordan,\n\nti confermo il colloquio di domani alle 11:30.",
            datetime(2025, 6, 10, 11, 30, tzinfo=offset(2)),
        ),
        (
            "Olá Jordan,\n\nconfirmo a entrevista amanhã às 9h.",
            datetime(2025, 6, 10, 9, 0, tzinfo=offset(2)),
        ),
    ],
)
def test_relative_days_resolve_against_the_date_header(text: str, expected: datetime) -> None:
    found = detect(text, date=JUNE_CEST)
    assert found is not None
    assert found[0] == expected


def test_a_bare_hour_after_at_is_business_hours_in_the_senders_zone() -> None:
    found = detect("Hi Jordan,\n\nJust confirming I'll call you tomorrow at 3 for the interview.")
    assert found is not None
    assert found[0] == datetime(2025, 6, 10, 15, 0, tzinfo=offset(-4))


@pytest.mark.parametrize(
    "text",
    [
        "We have openings at 3 of our stores on Friday.",
        "The role sits at 2 levels above associate, from Friday.",
    ],
)
def test_a_bare_number_that_counts_things_is_not_a_time(text: str) -> None:
    assert find_start(text, datetime.fromisoformat(JUNE_ET)) is None


# --- which time is the start -----------------------------------------------------


@pytest.mark.parametrize(
    "when",
    [
        "Thursday, June 12, 2–2:45pm ET",
        "Thursday, June 12 from 2 to 3:30 p.m. ET",
        "Thursday, June 12, 2 - 3pm Eastern",
    ],
)
def test_a_range_starts_at_its_first_time_when_only_its_end_has_pm(when: str) -> None:
    found = detect(f"Hi Jordan,\n\nYour interview is confirmed for {when}.")
    assert found is not None
    assert found[0] == datetime(2025, 6, 12, 14, 0, tzinfo=offset(-4))


@pytest.mark.parametrize(
    "text",
    [
        "Your interview has been scheduled.\n\nDate:  06/12/2025\nCheck-in:  1:45 PM\n"
        "Interview:  2:00 PM Eastern Time",
        "Your interview is confirmed for Thursday, June 12. Please arrive at 1:45 for a "
        "2:00 start.",
        "Here is your schedule for Thursday, June 12 (ET):\n1:45 PM Arrival and badge pickup\n"
        "2:00 PM Interview with the hiring manager\n3:00 PM Team lunch",
    ],
)
def test_an_arrival_or_check_in_time_yields_to_the_first_session(text: str) -> None:
    found = detect(f"Hi Jordan,\n\n{text}")
    assert found is not None
    assert found[0] == datetime(2025, 6, 12, 14, 0, tzinfo=offset(-4))


def test_an_arrival_time_alone_is_still_the_start() -> None:
    found = detect(
        "Hi Jordan,\n\nYour interview is confirmed: please check in at 2:00 PM ET "
        "on Thursday, June 12."
    )
    assert found is not None
    assert found[0] == datetime(2025, 6, 12, 14, 0, tzinfo=offset(-4))


@pytest.mark.parametrize(
    "new_text",
    [
        "Something came up on our side, so we need to move your interview to Thursday, "
        "June 12 at 11:00 AM ET. The video link stays the same.",
        "Apologies - the hiring manager has a clash, so we have had to reschedule. Your "
        "interview is now Thursday 12 June at 11am ET instead.",
    ],
)
def test_a_move_to_a_new_fixed_time_confirms_it_over_the_quoted_old_time(new_text: str) -> None:
    text = (
        f"Hi Jordan,\n\n{new_text}\n\nBest,\nDana\n\n"
        "On Mon, Jun 9, 2025 at 9:00 AM Jordan Ellery <jordan.ellery@example.com> wrote:\n"
        "> Thanks, Wednesday, June 11 at 2 PM ET works for the interview.\n"
    )
    found = detect(text, subject="Re: Interview on Wednesday")
    assert found is not None
    assert found[0] == datetime(2025, 6, 12, 11, 0, tzinfo=offset(-4))


@pytest.mark.parametrize(
    "text",
    [
        "We need to move your interview to another day. I'll send some new times shortly.",
        "We need to move your interview to next week - could you send your availability?",
    ],
)
def test_a_move_without_a_new_time_confirms_nothing(text: str) -> None:
    assert detect(f"Hi Jordan,\n\n{text}") is None


@pytest.mark.parametrize(
    "when",
    [
        "Thursday, June 12 at 16:00 London time (11:00 ET for you)",
        "Thursday, June 12 at 11:00 ET (16:00 London time)",
        "Thursday, June 12 at 17:00 Berlin time - for you in New York that is 11:00, not 10:00",
    ],
)
def test_a_time_beside_its_conversion_for_the_reader_is_one_instant(when: str) -> None:
    found = detect(f"Hi Jordan,\n\nI'm writing to confirm your interview on {when}.")
    assert found is not None
    assert found[0] == datetime(2025, 6, 12, 11, 0, tzinfo=offset(-4))


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for agreeing to talk to me for our piece on remote hiring. Confirming our "
        "phone interview on Thursday at 11am ET.",
        "Confirming our interview on Thursday at 11am ET for the magazine's careers feature. "
        "I may quote you by name.",
    ],
)
def test_a_press_interview_at_a_fixed_time_is_not_a_confirmation(text: str) -> None:
    assert detect(f"Hi Jordan,\n\n{text}") is None


# --- naming the employer ---------------------------------------------------------

CONFIRMED = "Hi Jordan,\n\nThis confirms your interview on Thursday, June 12 at 2:00 PM ET.\n\n"


@pytest.mark.parametrize(
    ("domain", "signature", "expected"),
    [
        (
            "nrhc.example",
            "Nurse Recruiter\nNorthgate Regional Health Center",
            "Northgate Regional Health Center",
        ),
        (
            "coppervalewater.example",
            "Recruiter, Coppervale Water Authority",
            "Coppervale Water Authority",
        ),
        (
            "larkspurep.example",
            "Talent Partner\nLarkspur Energy Partners",
            "Larkspur Energy Partners",
        ),
    ],
)
def test_a_domain_that_abbreviates_or_joins_the_name_finds_it_in_the_signature(
    domain: str, signature: str, expected: str
) -> None:
    found = detect(
        f"{CONFIRMED}Kind regards,\nRiley Moss\n{signature}",
        sender=Address("Riley Moss", f"riley@{domain}"),
    )
    assert found is not None
    assert found[1] == expected


def test_a_tool_sending_on_behalf_of_the_employer_names_the_employer() -> None:
    text = (
        f"{CONFIRMED}----\nThis interview was scheduled on behalf of Tallowmere Goods Co. "
        "Bookwise is a scheduling service and is not the employer."
    )
    found = detect(text, sender=Address("Bookwise", "notifications@bookwise-mail.example"))
    assert found is not None
    assert found[1] == "Tallowmere Goods"


@pytest.mark.parametrize(
    ("text", "sender"),
    [
        (
            "Hi Jordan,\n\nGreat news: our client, Fenwick Logistics, has confirmed your "
            "interview on Thursday, June 12 at 2:00 PM ET.\n\nCheers,\nOwen Hale\n"
            "Senior Consultant | Brightpath Recruitment",
            Address("Owen Hale", "owen@brightpath.example"),
        ),
        (
            "Hi Jordan,\n\nI've confirmed your interview with Fenwick Logistics for Thursday, "
            "June 12 at 2:00 PM ET.\n\nCheers,\nOwen Hale\nBrightpath Recruitment",
            Address("Owen Hale", "owen@brightpathrec.example"),
        ),
    ],
)
def test_an_agency_confirming_a_client_interview_names_the_client(
    text: str, sender: Address
) -> None:
    found = detect_confirmation(make_mail(text, sender=sender), own_email=ME.email)
    assert found is not None
    assert found.company == "Fenwick Logistics"
    assert found.company_domain is None


def test_an_employers_own_recruiting_team_is_not_an_agency() -> None:
    text = f"{CONFIRMED}Thanks,\nQuillory Recruiting"
    found = detect_confirmation(make_mail(text), own_email=ME.email)
    assert found is not None
    assert (found.company, found.company_domain) == ("Quillory", "quillory.example")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hi Jordan,\n\nYour interview is confirmed.\n\nWhen:   Thursday, June 12, 2:00 PM ET\n"
            "Where:  Quillory Health Riverside Clinic, 40 Mill Rd\n\nDana\nQuillory Health",
            "Quillory Health",
        ),
        (
            "Bonjour Jordan,\n\nQuand    jeudi 12 juin 2025 14:00\nOù       Quillory, 3 rue Neuve\n"
            "\nJe vous confirme notre entretien.",
            "Quillory",
        ),
    ],
)
def test_a_venue_or_where_line_is_not_taken_for_the_company(text: str, expected: str) -> None:
    found = detect(text)
    assert found is not None
    assert found[1] == expected


@pytest.mark.parametrize(
    ("subject", "signature"),
    [
        ("Interview confirmed (Req 25-0417)", "Dana Whitcombe\nQuillory Graduate Programme"),
        ("Interview confirmed - REF-2025-118", "Dana Whitcombe\nQuillory Human Resources"),
    ],
)
def test_department_and_programme_tails_are_not_part_of_the_name(
    subject: str, signature: str
) -> None:
    found = detect(
        f"{CONFIRMED}{signature}",
        subject=subject,
        sender=Address("Quillory Careers", "no-reply@quillory.example"),
    )
    assert found is not None
    assert found[1] == "Quillory"


@pytest.mark.parametrize("subject", ["Interview confirmed (Req 25-0417)", "Interview (JR-20431)"])
def test_a_reference_number_in_the_subject_is_not_a_company(subject: str) -> None:
    found = detect(
        f"{CONFIRMED}Dana Whitcombe\nRecruiter | Quillory",
        subject=subject,
        sender=Address("Dana Whitcombe", "dana.whitcombe@gmail.com"),
    )
    assert found is not None
    assert found[1] == "Quillory"


def test_a_tools_footer_naming_where_you_applied_names_the_employer() -> None:
    text = (
        f"{CONFIRMED}----\nYou are receiving this email because you applied for a role at "
        "Marrowby Textiles. Sent by Hirely."
    )
    found = detect_confirmation(
        make_mail(text, sender=Address("Hirely", "noreply@hirely.example")), own_email=ME.email
    )
    assert found is not None
    assert (found.company, found.company_domain) == ("Marrowby Textiles", None)
