"""Interview-confirmation detection: start instants, company, people, and lookalikes."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from treadgently.confirm import detect_confirmation
from treadgently.mail import Address, ParsedMail, parse_message
from treadgently.prose_time import find_start
from treadgently.zones import sender_zone

ME = Address("Jordan Ellery", "jordan.ellery@example.com")
RECRUITER = Address("Dana Whitcombe", "dana@quillory.example")
FIXTURES = Path(__file__).parent / "fixtures" / "confirmations"


def offset(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


def sent(text: str) -> datetime:
    return datetime.fromisoformat(text)


def make_mail(
    text: str,
    *,
    subject: str = "Interview",
    date: str = "2025-03-10T09:05:00-07:00",
    sender: Address | None = RECRUITER,
    to: tuple[Address, ...] = (ME,),
    cc: tuple[Address, ...] = (),
    reply_to: Address | None = None,
    calendars: tuple[str, ...] = (),
) -> ParsedMail:
    return ParsedMail(
        message_id="<m@test>",
        subject=subject,
        sender=sender,
        reply_to=reply_to,
        to=to,
        cc=cc,
        date=sent(date),
        calendars=calendars,
        text=text,
    )


def ics(
    dtstart: str,
    *,
    method: str = "REQUEST",
    summary: str = "Quillory - Technical Interview (Jordan Ellery)",
    vtimezone: str = "",
    attendees: tuple[str, ...] = (),
    status: str = "CONFIRMED",
) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
    if method:
        lines.append(f"METHOD:{method}")
    if vtimezone:
        lines.append(vtimezone)
    lines += [
        "BEGIN:VEVENT",
        "UID:1@test",
        "DTSTAMP:20250301T000000Z",
        dtstart,
        f"SUMMARY:{summary}",
        "ORGANIZER;CN=Dana Whitcombe:mailto:dana@quillory.example",
        "ATTENDEE;CN=Jordan Ellery:mailto:jordan.ellery@example.com",
        *attendees,
        f"STATUS:{status}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines)


# --- calendar invitations -------------------------------------------------------


def test_invite_sent_before_the_dst_switch_gets_the_summer_offset() -> None:
    mail = make_mail(
        "Invitation", date="2025-03-03T11:20:00-05:00",
        calendars=(ics("DTSTART;TZID=America/New_York:20250314T093000"),),
    )  # fmt: skip
    found = detect_confirmation(mail, own_email=ME.email)
    assert found is not None
    assert found.start == datetime(2025, 3, 14, 9, 30, tzinfo=offset(-4))


@pytest.mark.parametrize(
    ("tzid", "expected_offset"),
    [
        ("Pacific Standard Time", -7),  # a Windows name in daylight time
        ("Eastern Standard Time", -4),
        ("W. Europe Standard Time", 2),
        ("GMT Standard Time", 1),
    ],
)
def test_windows_zone_names_without_vtimezone_map_to_iana_zones(
    tzid: str, expected_offset: int
) -> None:
    mail = make_mail("Invitation", calendars=(ics(f"DTSTART;TZID={tzid}:20250610T100000"),))
    found = detect_confirmation(mail, own_email=ME.email)
    assert found is not None
    assert found.start == datetime(2025, 6, 10, 10, 0, tzinfo=offset(expected_offset))


def test_utc_and_floating_start_times() -> None:
    utc = make_mail("Invitation", calendars=(ics("DTSTART:20250318T210000Z"),))
    floating = make_mail(
        "Invitation", date="2025-03-03T11:20:00-05:00",
        calendars=(ics("DTSTART:20250318T170000"),),
    )  # fmt: skip
    utc_found = detect_confirmation(utc, own_email=ME.email)
    floating_found = detect_confirmation(floating, own_email=ME.email)
    assert utc_found is not None and floating_found is not None
    assert utc_found.start == datetime(2025, 3, 18, 21, 0, tzinfo=offset(0))
    # floating time: the sender's zone (New York, guessed from -05:00), after the switch
    assert floating_found.start == datetime(2025, 3, 18, 17, 0, tzinfo=offset(-4))


def test_cancelled_invitation_is_not_a_confirmation() -> None:
    cancel = ics("DTSTART;TZID=America/New_York:20250227T150000", method="CANCEL")
    cancelled_status = ics("DTSTART;TZID=America/New_York:20250227T150000", status="CANCELLED")
    for calendar in (cancel, cancelled_status):
        mail = make_mail("Cancelled", date="2025-02-20T10:00:00-05:00", calendars=(calendar,))
        assert detect_confirmation(mail, own_email=ME.email) is None


def test_webinar_invitation_about_interviews_is_not_a_confirmation() -> None:
    calendar = ics(
        "DTSTART;TZID=America/New_York:20250424T120000",
        summary="Live webinar: Acing the System Design Interview",
    )
    mail = make_mail("You're registered!", date="2025-04-15T10:00:00-04:00", calendars=(calendar,))
    assert detect_confirmation(mail, own_email=ME.email) is None


def test_invitation_without_interview_or_job_words_is_not_a_confirmation() -> None:
    calendar = ics("DTSTART;TZID=America/New_York:20250508T190000", summary="Book club")
    mail = make_mail("See you there", subject="Book club", calendars=(calendar,))
    assert detect_confirmation(mail, own_email=ME.email) is None


def test_invitation_people_exclude_the_candidate_and_meeting_rooms() -> None:
    calendar = ics(
        "DTSTART;TZID=America/Los_Angeles:20250320T100000",
        attendees=(
            "ATTENDEE;CN=Carlos Mendoza:mailto:carlos@quillory.example",
            "ATTENDEE;CUTYPE=ROOM;CN=Room 4B:mailto:room4b@quillory.example",
            "ATTENDEE;ROLE=NON-PARTICIPANT;CN=Front desk:mailto:desk@quillory.example",
        ),
    )
    found = detect_confirmation(make_mail("Invite", calendars=(calendar,)), own_email=ME.email)
    assert found is not None
    assert found.organizer == RECRUITER
    assert found.attendees == (Address("Carlos Mendoza", "carlos@quillory.example"),)
    assert found.company_domain == "quillory.example"


def test_unreadable_calendar_falls_back_to_prose_without_raising() -> None:
    mail = make_mail(
        "Confirming your interview on Tuesday, March 18 at 2:00 PM PT.",
        calendars=("BEGIN:VCALENDAR\r\nthis is not ical\r\n",),
    )
    found = detect_confirmation(mail, own_email=ME.email)
    assert found is not None
    assert found.start == datetime(2025, 3, 18, 14, 0, tzinfo=offset(-7))


def test_broken_dtstart_is_skipped_without_raising() -> None:
    broken = ics("DTSTART;TZID=America/New_York:2025031ZT0930")
    mail = make_mail("Interview invitation", calendars=(broken,))
    assert detect_confirmation(mail, own_email=ME.email) is None


def test_outlook_display_tzid_maps_through_its_zone_words() -> None:
    calendar = ics('DTSTART;TZID="(UTC-08:00) Pacific Time (US & Canada)":20250614T093000')
    found = detect_confirmation(make_mail("Invite", calendars=(calendar,)), own_email=ME.email)
    assert found is not None
    assert found.start == datetime(2025, 6, 14, 9, 30, tzinfo=offset(-7))


# --- prose ------------------------------------------------------------------


# (prose, the message's Date, the expected start or None)
PROSE_CASES = [
    (
        "When: Wednesday, April 2, 2025 2:00 PM-3:00 PM (UTC+01:00) Amsterdam, Berlin, Rome",
        "2025-03-25T09:00:00+01:00",
        "2025-04-02T14:00+02:00",
    ),
    (
        "Your interview is booked for 3/25 at 10:30 a.m. Central.",
        "2025-03-18T09:00:00-05:00",
        "2025-03-25T10:30-05:00",
    ),
    (
        "am 14.03. um 14:00 Uhr MEZ",
        "2025-03-03T10:00:00+01:00",
        "2025-03-14T14:00+01:00",
    ),
    (
        "2:00-3:00 p.m. ET, Wednesday, April 2",
        "2025-03-25T09:00:00-04:00",
        "2025-04-02T14:00-04:00",
    ),
    (
        "on Monday, November 3rd, at 1:00pm Mountain Time",
        "2025-10-29T10:00:00-06:00",
        "2025-11-03T13:00-07:00",
    ),
    (
        "Tuesday, March 4 at 2:00 PM EST",
        "2025-02-25T10:00:00-05:00",
        "2025-03-04T14:00-05:00",
    ),
    (
        "March 18 at 2pm PT (5pm ET)",
        "2025-03-10T09:05:00-07:00",
        "2025-03-18T14:00-07:00",
    ),
    (
        "Thursday at 2 PM ET",
        "2025-03-17T18:20:00-04:00",
        "2025-03-20T14:00-04:00",
    ),
    (
        "Monday 19 May at 11:00 (BST)",
        "2025-05-15T12:10:00+01:00",
        "2025-05-19T11:00+01:00",
    ),
    (
        "on 7 March at 14:30 CET",
        "2025-03-01T10:00:00+01:00",
        "2025-03-07T14:30+01:00",
    ),
    (
        "Start: 2025-06-03 15:00 CEST",
        "2025-05-26T08:00:00+00:00",
        "2025-06-03T15:00+02:00",
    ),
    (
        "Thursday, 22 May 2025, 9:00 PM US Eastern Time",
        "2025-05-19T10:30:00+08:00",
        "2025-05-22T21:00-04:00",
    ),
    (
        "Friday, January 9 at noon ET",
        "2025-12-22T10:00:00-05:00",
        "2026-01-09T12:00-05:00",
    ),
    (
        "tomorrow at 9:00am CT",
        "2025-02-03T17:10:00-06:00",
        "2025-02-04T09:00-06:00",
    ),
    (
        "Wednesday 11/12 at 3:30pm Eastern",
        "2025-11-06T11:00:00-05:00",
        "2025-11-12T15:30-05:00",
    ),
    (
        "14.03.2025 um 10 Uhr",
        "2025-03-03T10:00:00+01:00",
        "2025-03-14T10:00+01:00",
    ),
    (
        "am Donnerstag, den 3. April 2025, um 10:00 Uhr",
        "2025-03-26T11:40:00+01:00",
        "2025-04-03T10:00+02:00",
    ),
    (
        "le jeudi 20 mars à 14h30 (heure de Paris)",
        "2025-03-11T09:20:00+01:00",
        "2025-03-20T14:30+01:00",
    ),
    (
        "el martes 27 de mayo a las 16:00 (hora de Madrid)",
        "2025-05-20T11:15:00+02:00",
        "2025-05-27T16:00+02:00",
    ),
    (
        "op dinsdag 8 april om 14.00 uur",
        "2025-03-26T14:05:00+01:00",
        "2025-04-08T14:00+02:00",
    ),
    (
        "el lunes 3 de noviembre a las 4 de la tarde",
        "2025-10-20T12:00:00+02:00",
        "2025-11-03T16:00+01:00",
    ),
    (
        "at 10:00 AM (GMT+2), no date given",
        "2025-03-03T10:00:00+01:00",
        None,
    ),
]


@pytest.mark.parametrize(("text", "date", "expected"), PROSE_CASES)
def test_prose_start_times_resolve_to_the_right_instant(
    text: str, date: str, expected: str | None
) -> None:
    found = find_start(text, sent(date))
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert found.start == datetime.fromisoformat(expected)


def test_prose_skips_the_previous_time_and_availability_windows() -> None:
    moved = (
        "We moved your interview from Thursday, May 15 at 10 AM ET to Friday, May 16 at 3 PM ET."
    )
    found = find_start(moved, sent("2025-05-13T09:00:00-04:00"))
    assert found is not None
    assert found.start == datetime(2025, 5, 16, 15, 0, tzinfo=offset(-4))
    previously = "Previously: Wednesday Apr 16, 9am PT\nNow: Thursday Apr 17, 10am PT"
    found = find_start(previously, sent("2025-04-14T16:45:00-07:00"))
    assert found is not None
    assert found.start == datetime(2025, 4, 17, 10, 0, tzinfo=offset(-7))
    window = "Any day next week between 10 AM and 5 PM Eastern works, e.g. Tuesday, March 18."
    assert find_start(window, sent("2025-03-14T11:30:00-04:00")) is None


def test_a_time_already_past_at_sending_is_not_a_start() -> None:
    text = "Thank you for interviewing with us on Tuesday, March 4 at 2:00 PM."
    assert find_start(text, sent("2025-03-10T12:00:00-05:00")) is None


def test_sender_zone_follows_the_date_headers_offset_and_season() -> None:
    assert str(sender_zone(sent("2025-01-10T10:00:00-05:00"))) == "America/New_York"
    assert str(sender_zone(sent("2025-07-10T10:00:00-05:00"))) == "America/Chicago"
    assert str(sender_zone(sent("2025-01-10T10:00:00+01:00"))) == "Europe/Berlin"
    assert str(sender_zone(sent("2025-07-10T10:00:00+01:00"))) == "Europe/London"
    assert sender_zone(sent("2025-07-10T10:00:00+05:17")).utcoffset(None) == timedelta(
        hours=5, minutes=17
    )


def test_prose_confirmation_from_the_recruiter_names_company_and_people() -> None:
    mail = make_mail(
        "Hi Jordan,\n\nYou're all set! Confirming your technical interview with Hannah on "
        "Tuesday, March 18 at 2:00 PM PT.\n\nDana\n\n"
        "Dana Whitcombe | Talent Partner\nQuillory Inc.",
        cc=(Address("Hannah Lindqvist", "hannah@quillory.example"),),
    )
    found = detect_confirmation(mail, own_email=ME.email)
    assert found is not None
    assert found.start == datetime(2025, 3, 18, 14, 0, tzinfo=offset(-7))
    assert found.company == "Quillory"
    assert found.company_domain == "quillory.example"
    assert found.organizer == RECRUITER
    assert found.attendees == (Address("Hannah Lindqvist", "hannah@quillory.example"),)
    assert any("start" in item for item in found.evidence)


def test_without_own_email_the_to_address_is_taken_as_the_candidate() -> None:
    mail = make_mail(
        "Confirming your interview on Tuesday, March 18 at 2:00 PM PT.",
        to=(ME, Address("Hannah Lindqvist", "hannah@quillory.example")),
    )
    found = detect_confirmation(mail)
    assert found is not None
    assert [a.email for a in found.attendees] == ["hannah@quillory.example"]


def test_relative_day_is_read_from_the_new_text_not_the_quoted_history() -> None:
    mail = make_mail(
        "Perfect - you're confirmed for Thursday at 2 PM ET.\n\nKeisha\n\n"
        "On Mon, Mar 17, 2025 at 5:58 PM Jordan Ellery <jordan.ellery@example.com> wrote:\n"
        "> Tuesday, March 25 at 10:00 AM ET works for me.\n",
        subject="Re: Technical interview",
        date="2025-03-17T18:20:00-04:00",
    )
    found = detect_confirmation(mail, own_email=ME.email)
    assert found is not None
    assert found.start == datetime(2025, 3, 20, 14, 0, tzinfo=offset(-4))


def test_ats_sender_is_never_the_company_but_the_reply_to_is() -> None:
    mail = make_mail(
        "Your interview with Acme Robotics has been scheduled for Monday, November 3, 2025 "
        "at 10:00 AM PST.",
        sender=Address("Acme Robotics via Greenhouse", "no-reply@us.greenhouse-mail.io"),
        reply_to=Address("Lena Fox", "lena.fox@acmerobotics.example"),
        date="2025-10-28T09:12:00-07:00",
    )
    found = detect_confirmation(mail, own_email=ME.email)
    assert found is not None
    assert found.company_domain == "acmerobotics.example"
    assert found.company == "Acme Robotics"
    assert found.organizer == Address("Lena Fox", "lena.fox@acmerobotics.example")
    assert found.start == datetime(2025, 11, 3, 10, 0, tzinfo=offset(-8))


def test_free_mail_recruiter_gives_no_company_domain_but_the_subject_names_the_company() -> None:
    mail = make_mail(
        "Confirmed for Wed, Oct 22 at 4pm ET. I'll send a Zoom link.",
        subject="Interview at Lumora - confirmed",
        sender=Address("Sam Ortiz", "sam.ortiz.dev@gmail.com"),
        date="2025-10-17T18:00:00-04:00",
    )
    found = detect_confirmation(mail, own_email=ME.email)
    assert found is not None
    assert found.company_domain is None
    assert found.company == "Lumora"


@pytest.mark.parametrize(
    ("subject", "text", "sender_name"),
    [
        ("Scheduling", "Could you share your availability for next week? We'd like to schedule an "
         "interview; we're flexible between 10 AM and 5 PM Eastern.", "Amara Osei"),
        ("Interview", "Which of these works for the interview?\n"
         "- Tuesday, March 18 at 11:00 AM ET\n- Wednesday, March 19 at 2:00 PM ET", "Nora Quinn"),
        ("Re: Interview", "Our interviewer is out sick, so we need to reschedule tomorrow's "
         "interview (Thursday at 1 PM PT). Could you send me a few times?", "Maya Singh"),
        ("Your interview", "I'm sorry, but your interview on Thursday, March 20 at 10 AM ET has "
         "been cancelled.", "Ian Cole"),
        ("Appointment confirmed", "Your appointment is confirmed: Tuesday, March 18, 8:30 AM.",
         "Brookside Dental"),
        ("Confirmed: your interview on Data After Dark", "Confirming your interview for the "
         "podcast: Thursday, March 20, 3:00 PM ET. The episode goes live in June.", "Marisol Vega"),
        ("Session booked", "Your behavioral mock interview with your coach is confirmed for "
         "Wednesday, March 19, 6:00 PM ET.", "Brightlane Coaching"),
        ("5 ways to ace your next interview", "How to ace your next interview - join our live "
         "session, confirmed for Thursday, March 20 at 1:00 PM ET.", "Career Digest"),
        ("Thanks", "Thank you for interviewing with us on Tuesday, March 4 at 2:00 PM. We have "
         "confirmed our decision to move forward with another candidate.", "Lee Grant"),
    ],
)  # fmt: skip
def test_lookalikes_are_not_confirmations(subject: str, text: str, sender_name: str) -> None:
    mail = make_mail(text, subject=subject, sender=Address(sender_name, "someone@company.example"))
    assert detect_confirmation(mail, own_email=ME.email) is None


@pytest.mark.parametrize(
    "text",
    [
        "We'd love to offer you the position! Confirming our call on Friday, March 21 at 2pm PT "
        "to walk through the offer details.",
        "Welcome aboard! Confirming your first day for the Analyst position: Monday, March 24 at "
        "9:00 AM.",
        "Confirmed the reference call with your former manager for Tuesday, March 18 at 10am PT "
        "for the Analyst role.",
    ],
)
def test_offer_calls_first_days_and_reference_calls_are_not_interviews(text: str) -> None:
    assert detect_confirmation(make_mail(text, subject="Next steps"), own_email=ME.email) is None


def test_an_interviewer_named_in_ats_mail_is_not_taken_for_the_company() -> None:
    mail = make_mail(
        "Your interview with Sarah Chen has been scheduled for Tuesday, March 18 at 11:00 AM PT.",
        subject="Interview scheduled",
        sender=Address("Greenhouse", "no-reply@greenhouse.io"),
    )
    found = detect_confirmation(mail, own_email=ME.email)
    assert found is not None
    assert found.company is None
    assert found.organizer is None


@pytest.mark.parametrize(
    "text",
    [
        "Confirming your interview for the Agile Coach position on Tuesday, March 18 at 2pm PT "
        "via video conference.",
        "Your interview at Cleveland Clinic is confirmed for Tuesday, March 18 at 2:00 PM PT. In "
        "the course of the interview you will meet our medical director.",
        "Confirming your interview with our dental hygiene team on Tuesday, March 18 at 2pm PT.",
    ],
)
def test_jobs_in_fields_that_share_lookalike_words_are_still_confirmations(text: str) -> None:
    found = detect_confirmation(make_mail(text), own_email=ME.email)
    assert found is not None
    assert found.start == datetime(2025, 3, 18, 14, 0, tzinfo=offset(-7))


def test_the_candidates_own_message_is_not_a_confirmation() -> None:
    mail = make_mail(
        "Confirming I'll be at the interview on Tuesday, March 18 at 2:00 PM PT.",
        sender=ME,
        to=(RECRUITER,),
    )
    assert detect_confirmation(mail, own_email=ME.email) is None


def test_reschedule_that_names_the_new_time_confirms_the_new_time() -> None:
    mail = make_mail(
        "We had to move your interview from Thursday, March 20 at 10 AM PT. The new time is "
        "Friday, March 21 at 3:00 PM PT and you're confirmed.",
    )
    found = detect_confirmation(mail, own_email=ME.email)
    assert found is not None
    assert found.start == datetime(2025, 3, 21, 15, 0, tzinfo=offset(-7))


@pytest.mark.parametrize(
    ("name", "company", "organizer", "attendees"),
    [
        ("calendar-windows-zone-de.eml", "Nordlicht Systeme GmbH",
         "k.vogel@nordlicht-systeme.example", ["j.petersen@nordlicht-systeme.example"]),
        ("panel-candidate-in-cc.eml", "Silverpine Health", "hana.kim@silverpine.example",
         ["omar.ali@silverpine.example", "bea.lund@silverpine.example"]),
        ("agency-client-company.eml", "Meridian Bank", "kate.holt@roberthalf.example", []),
    ],
)  # fmt: skip
def test_fixture_people_and_company(
    name: str, company: str, organizer: str, attendees: list[str]
) -> None:
    found = detect_confirmation(parse_message((FIXTURES / name).read_bytes()), own_email=ME.email)
    assert found is not None
    assert found.company == company
    assert found.organizer is not None and found.organizer.email == organizer
    assert [a.email for a in found.attendees] == attendees


def test_empty_mail_is_not_a_confirmation() -> None:
    assert detect_confirmation(ParsedMail()) is None


# --- phrasing families: fixed without the word "confirm" or "interview" ----------

# The Date of these mails is Tuesday 2025-06-10 09:00 in New York.
JUNE = "2025-06-10T09:00:00-04:00"
THURSDAY_2PM_ET = datetime(2025, 6, 12, 14, 0, tzinfo=offset(-4))


@pytest.mark.parametrize(
    "text",
    [
        "I've booked your video interview with our CTO for Thursday, June 12 at 2:00 PM EDT.",
        "Good news: I have pencilled you in with the team on Thursday at 2 PM ET.",
        "Perfect, let's lock in Thursday at 2pm Eastern for the interview.",
        "You're confirmed for Thursday at 2 PM ET with the hiring manager.",
        "We would like to confirm your panel interview on Thursday, June 12 at 2:00 PM EDT.",
        "I can confirm your interview for Thursday 12 June, 14:00 EDT.",
        "Thursday at 2 PM ET works well for us; the interview will be on Zoom.",
        "We look forward to speaking with you on Thursday, June 12 at 2pm ET about the role.",
        "We've got you down for a 45-minute interview at 2:00 PM ET this Thursday.",
        "Jordan - we're on for Thursday at 2 PM ET. I'll send a Teams link for the interview.",
        "Your interview will take place on Thursday, June 12 at 2:00 PM EDT.",
    ],
)
def test_scheduling_verbs_confirm_without_the_word_confirmed(text: str) -> None:
    found = detect_confirmation(make_mail(f"Hi Jordan,\n\n{text}\n", date=JUNE), own_email=ME.email)
    assert found is not None
    assert found.start == THURSDAY_2PM_ET


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        (
            "Next steps",
            "I've set up a conversation with Marcus, the hiring manager, for Thursday at 2pm ET.",
        ),
        ("Data Analyst - next chat", "Thursday at 2 PM ET works well. Talk then!"),
        ("Platform role", "I've scheduled a technical deep dive for Thursday at 2 PM ET."),
        ("Catching up", "Thanks for your application! I've booked our call for Thursday 2pm ET."),
    ],
)
def test_meetings_in_a_hiring_context_are_interviews(subject: str, text: str) -> None:
    mail = make_mail(f"Hi Jordan,\n\n{text}\n", subject=subject, date=JUNE)
    found = detect_confirmation(mail, own_email=ME.email)
    assert found is not None
    assert found.start == THURSDAY_2PM_ET


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        (
            "Hallo Jordan,\n\nwir haben Ihr Vorstellungsgespräch für Donnerstag, den 12. Juni "
            "2025 um 15:00 Uhr eingeplant.",
            "2025-06-10T09:00:00+02:00",
            datetime(2025, 6, 12, 15, 0, tzinfo=offset(2)),
        ),
        (
            "Bonjour Jordan,\n\nNous vous attendons jeudi 12 juin à 14h30 pour un entretien "
            "avec la directrice technique.",
            "2025-06-10T09:00:00+02:00",
            datetime(2025, 6, 12, 14, 30, tzinfo=offset(2)),
        ),
        (
            "Hola Jordan,\n\nTe esperamos el jueves 12 de junio a las 11:00 para la entrevista.",
            "2025-06-10T09:00:00+02:00",
            datetime(2025, 6, 12, 11, 0, tzinfo=offset(2)),
        ),
        (
            "Hoi Jordan,\n\nWe zien je graag op donderdag 12 juni om 10.00 uur voor het "
            "sollicitatiegesprek.",
            "2025-06-10T09:00:00+02:00",
            datetime(2025, 6, 12, 10, 0, tzinfo=offset(2)),
        ),
    ],
)
def test_fixing_phrases_in_other_languages(text: str, date: str, expected: datetime) -> None:
    found = detect_confirmation(make_mail(text, date=date), own_email=ME.email)
    assert found is not None
    assert found.start == expected


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        (
            "Coffee?",
            "Would love to grab a coffee on Thursday at 3pm ET. Not an interview - just a "
            "networking chat about the industry; I've booked a table.",
        ),
        (
            "Interview",
            "If Thursday at 2 PM ET works for you, I'll book the interview.",
        ),
        (
            "Interview",
            "I've pencilled in Thursday at 2 PM ET for the interview - would that work for you?",
        ),
        (
            "Interview",
            "Please confirm whether Thursday at 2 PM ET works for your interview.",
        ),
        ("Team lunch", "I've booked a table for our team lunch on Thursday at 12:30pm. See you!"),
        (
            "Pricing follow-up",
            "Thanks for the chat! I've scheduled our follow-up call for Thursday at 2 PM ET to "
            "walk through pricing.",
        ),
        (
            "Interview practice",
            "Our career services team runs mock interviews on Thursday, June 12 at 5pm. "
            "You're booked in!",
        ),
    ],
)
def test_proposals_conditions_and_other_meetings_are_not_confirmations(
    subject: str, text: str
) -> None:
    mail = make_mail(f"Hi Jordan,\n\n{text}\n", subject=subject, date=JUNE)
    assert detect_confirmation(mail, own_email=ME.email) is None


# --- where the time is written ----------------------------------------------------


def html_mail(html: str, *, subject: str = "Your interview", sender: str = "") -> ParsedMail:
    raw = (
        f"From: {sender or 'Priya Nair <priya@brightwell.example>'}\r\n"
        "To: Jordan Ellery <jordan.ellery@example.com>\r\n"
        f"Subject: {subject}\r\nDate: Tue, 10 Jun 2025 09:00:00 -0400\r\n"
        "Message-ID: <t@test>\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n"
    )
    return parse_message(raw.encode())


def test_a_label_value_table_after_the_text_gives_the_start() -> None:
    """The table's short lines look like a signature to quote stripping; they are the time."""
    mail = html_mail(
        "<p>Hi Jordan,</p><p>Here are the details of your interview with Brightwell.</p>"
        "<table><tr><th>Time</th><th>Date</th></tr>"
        "<tr><td>14:00 (EDT)</td><td>Thursday 12 June</td></tr></table>"
    )
    found = detect_confirmation(mail, own_email=ME.email)
    assert found is not None
    assert found.start == THURSDAY_2PM_ET


def test_times_in_the_quoted_history_below_a_table_are_never_the_start() -> None:
    text = (
        "Hi Jordan,\n\nYour interview is booked. See you then!\n\n"
        "Kind regards,\nPriya\n\n"
        "On Mon, Jun 9, 2025 at 4:05 PM Jordan Ellery <jordan.ellery@example.com>\nwrote:\n"
        "> I could do Wednesday June 11 at 10am.\n"
    )
    assert detect_confirmation(make_mail(text, date=JUNE), own_email=ME.email) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Time: 2:00 PM ET\nDate: Thursday, June 12", THURSDAY_2PM_ET),
        ("Start time\n2:00 PM ET\n\nDate\nThursday, June 12", THURSDAY_2PM_ET),
        (
            "Block 1 (2:00–2:45): Coding\nBlock 2 (3:00–3:45): Design\nThursday, June 12, ET",
            THURSDAY_2PM_ET,
        ),
        ("Heure : 20h00\nDate : jeudi 12 juin", datetime(2025, 6, 12, 20, 0, tzinfo=offset(-4))),
        ("on 12 June at 20.00 CEST", datetime(2025, 6, 12, 20, 0, tzinfo=offset(2))),
    ],
)
def test_a_time_takes_the_date_written_below_or_after_it(text: str, expected: datetime) -> None:
    found = find_start(text, sent(JUNE))
    assert found is not None
    assert found.start == expected


@pytest.mark.parametrize(
    "text",
    [
        "Superday schedule below.\n\nThursday, June 12\n2:00 PM  Case interview\n"
        "3:00 PM  Fit interview\n4:00 PM  Coffee with analysts\n\nAll times Eastern.",
        "Thursday, June 12 (all times ET):\n2:00 - 2:45  Coding\n3:00 - 3:45  Architecture\n",
    ],
)
def test_a_handed_over_schedule_confirms_its_first_block(text: str) -> None:
    mail = make_mail(f"Hi Jordan,\n\n{text}", subject="Your onsite", date=JUNE)
    found = detect_confirmation(mail, own_email=ME.email)
    assert found is not None
    assert found.start == THURSDAY_2PM_ET


# --- naming the employer ------------------------------------------------------------

TOOL = Address("Slotwise", "no-reply@slotwise.example")
BOOKED = "Your interview has been scheduled for Thursday, June 12, 2025 at 2:00 PM EDT."


@pytest.mark.parametrize(
    ("sender", "subject", "text"),
    [
        (
            Address("Tamarind Foods via Slotwise", "bookings@slotwise.example"),
            "Interview booked",
            f"{BOOKED}\n\nPowered by Slotwise",
        ),
        (
            TOOL,
            "Booking confirmed",
            "Your interview with Tamarind Foods has been scheduled for Thursday, June 12, 2025 at "
            "2:00 PM EDT.\nManage this booking in Slotwise.",
        ),
        (
            Address("Tamarind Foods Recruiting", "notifications@slotwise.example"),
            "Confirmed: interview",
            f"{BOOKED}\n\nSlotwise",
        ),
        (
            TOOL,
            "Confirmed: Interview with Lena Moss (Tamarind Foods)",
            f"{BOOKED}\n\nView event in Slotwise",
        ),
    ],
)
def test_a_scheduling_tool_is_never_the_company(sender: Address, subject: str, text: str) -> None:
    mail = make_mail(text, subject=subject, sender=sender, date=JUNE)
    found = detect_confirmation(mail, own_email=ME.email)
    assert found is not None
    assert found.company == "Tamarind Foods"
    assert found.company_domain is None


def test_the_company_keeps_accents_its_domain_drops() -> None:
    mail = make_mail(
        "Bonjour Jordan,\n\nJe vous confirme votre entretien le jeudi 12 juin à 14h00.\n\n"
        "Anne Roux\nResponsable RH – Orlève Conseil",
        sender=Address("Anne Roux", "anne@orleve.example"),
        date="2025-06-10T09:00:00+02:00",
    )
    found = detect_confirmation(mail, own_email=ME.email)
    assert found is not None
    assert found.company == "Orlève Conseil"


def test_the_fuller_form_of_the_name_wins_over_its_short_form() -> None:
    mail = make_mail(
        "Hi Jordan,\n\nBrannock would love to continue: I've booked your interview for "
        "Thursday, June 12 at 2 PM EDT. Everyone at Brannock is looking forward to it.\n\n"
        "Kim Ode\nTalent Partner, Brannock Aerospace",
        sender=Address("Kim Ode", "kim@brannock.example"),
        date=JUNE,
    )
    found = detect_confirmation(mail, own_email=ME.email)
    assert found is not None
    assert found.company == "Brannock Aerospace"


def test_confirmed_phrases_are_lower_case_for_the_fast_gate() -> None:
    """The gate runs them case-sensitively on lower-cased text: a capital would never match."""
    from treadgently.confirm_rules import RULES

    pattern = re.sub(r"\\.", "", RULES["confirmed"].pattern)  # escapes like \b, \s, \w
    assert pattern == pattern.lower()


def test_a_tool_sending_from_a_hyphenated_mail_domain_is_still_the_tool() -> None:
    mail = make_mail(
        f"{BOOKED}\n\nPowered by Slotwise",
        subject="Confirmed: Interview with Lena Moss (Tamarind Foods)",
        sender=Address("Slotwise", "no-reply@slotwise-notify.example"),
        date=JUNE,
    )
    found = detect_confirmation(mail, own_email=ME.email)
    assert found is not None
    assert (found.company, found.company_domain) == ("Tamarind Foods", None)


def test_an_employers_own_no_reply_under_an_abbreviated_domain_keeps_its_domain() -> None:
    mail = make_mail(
        f"{BOOKED}\n\nHalloran Freight Systems",
        subject="Interview confirmed",
        sender=Address("Halloran Freight Systems Recruiting", "no-reply@hfs-mail.example"),
        date=JUNE,
    )
    found = detect_confirmation(mail, own_email=ME.email)
    assert found is not None
    assert (found.company, found.company_domain) == ("Halloran Freight Systems", "hfs-mail.example")


def test_a_schedule_of_times_takes_its_date_from_the_subject() -> None:
    mail = make_mail(
        "Hi Jordan,\n\nHere is your schedule (all times ET):\n"
        "2:00 PM - 2:45 PM  Technical interview\n3:00 PM - 3:45 PM  Hiring manager\n",
        subject="Your onsite - Thursday, June 12",
        date=JUNE,
    )
    found = detect_confirmation(mail, own_email=ME.email)
    assert found is not None
    assert found.start == THURSDAY_2PM_ET


def test_the_writers_signature_gives_the_hiring_context() -> None:
    text = (
        "Hi Jordan,\n\nI've booked a conversation with Priya, who leads our data team, for "
        "Thursday at 2 PM ET.\n\nBest,\nSam Ortiz\nHead of Talent, Brightwell"
    )
    with_title = make_mail(text, subject="Thursday", date=JUNE)
    without = make_mail(text.replace("Head of Talent", "Sales Director"), subject="Thursday")
    found = detect_confirmation(with_title, own_email=ME.email)
    assert found is not None
    assert found.start == THURSDAY_2PM_ET
    assert detect_confirmation(without, own_email=ME.email) is None


@pytest.mark.parametrize(
    "text",
    [
        "We would like to invite you to a video interview on Thursday, June 12 at 2:00 PM EDT.",
        "Reminder: your interview with the design team is Thursday at 2 PM ET.",
        "Your call with the hiring manager is on Thursday, June 12 at 2pm ET.",
    ],
)
def test_invitations_and_reminders_with_a_fixed_time_confirm(text: str) -> None:
    found = detect_confirmation(make_mail(f"Hi Jordan,\n\n{text}", date=JUNE), own_email=ME.email)
    assert found is not None
    assert found.start == THURSDAY_2PM_ET


@pytest.mark.parametrize(
    "slots",
    [
        "Please choose one of the following times:\n\nThu, Jun 12 - 2:00 PM EDT\n"
        "Fri, Jun 13 - 10:00 AM EDT",
        "Any of these:\n\nThursday June 12, 2pm ET\nFriday June 13, 10am ET\n\nThanks!",
    ],
)
def test_an_invitation_offering_slots_is_not_a_confirmation(slots: str) -> None:
    text = f"Hi Jordan,\n\nWe would like to invite you to a phone interview. {slots}"
    assert detect_confirmation(make_mail(text, date=JUNE), own_email=ME.email) is None
