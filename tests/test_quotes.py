"""strip_quoted_text: the classifier must see only what the company newly wrote."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from treadgently.mail import parse_message
from treadgently.quotes import candidate_identity, strip_quoted_text, visible_text

FIXTURES = Path(__file__).parent / "fixtures" / "mail"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

REPLY = "Hi Sam,\n\nWe would like to invite you to a second interview next week."
# Words from the candidate's own email: they must never survive stripping.
CANDIDATE = "Hi Dana, any news on the offer? Happy to send references."


def assert_only_reply(text: str) -> None:
    stripped = strip_quoted_text(text)
    assert stripped == REPLY
    assert "offer" not in stripped and "references" not in stripped


def test_gmail_attribution_and_quote_are_removed() -> None:
    assert_only_reply(
        f"{REPLY}\n\nOn Mon, Mar 3, 2025 at 4:02 PM Sam Doe <sam@example.com> wrote:\n\n"
        f"> {CANDIDATE}\n>\n> Sam\n"
    )


def test_attribution_wrapped_over_two_lines_is_removed() -> None:
    assert_only_reply(
        f"{REPLY}\n\nOn Mon, Mar 3, 2025 at 4:02 PM Samantha Alexandra Doe <\n"
        f"samantha.doe@example.com> wrote:\n\n> {CANDIDATE}\n"
    )


def test_apple_mail_attribution_is_removed() -> None:
    assert_only_reply(
        f"{REPLY}\n\n> On Mar 3, 2025, at 16:02, Sam Doe <sam@example.com> wrote:\n"
        f">\n> {CANDIDATE}\n"
    )
    assert_only_reply(f"{REPLY}\n\nOn Mar 3, 2025, at 4:02 PM, Sam Doe wrote:\n\n> {CANDIDATE}\n")


@pytest.mark.parametrize(
    "header",
    [
        "Am Mo., 3. März 2025 um 16:02 Uhr schrieb Sam Doe <sam@example.com>:",
        "Le lun. 3 mars 2025 à 16:02, Sam Doe <sam@example.com> a écrit :",
        "El lun, 3 mar 2025 a las 16:02, Sam Doe (<sam@example.com>) escribió:",
        "Op ma 3 mrt 2025 om 16:02 schreef Sam Doe <sam@example.com>:",
        "Il giorno lun 3 mar 2025 alle ore 16:02 Sam Doe <sam@example.com> ha scritto:",
        "Em seg., 3 de mar. de 2025 às 16:02, Sam Doe <sam@example.com> escreveu:",
        "Den man. 3. mar. 2025 kl. 16.02 skrev Sam Doe <sam@example.com>:",
        "2025-03-03 16:02 GMT+01:00 Sam Doe <sam@example.com>:",
        "On Mon, 3 Mar 2025 16:02:00 +0100 Sam Doe <sam@example.com> wrote",
    ],
)
def test_localized_attributions_are_removed(header: str) -> None:
    assert_only_reply(f"{REPLY}\n\n{header}\n\n> {CANDIDATE}\n")


@pytest.mark.parametrize(
    "block",
    [
        "-----Original Message-----\nFrom: Sam Doe [mailto:sam@example.com]\n"
        "Sent: Monday, March 3, 2025 4:02 PM\nTo: Dana\nSubject: Follow up",
        "________________________________\nFrom: Sam Doe <sam@example.com>\n"
        "Sent: Monday, March 3, 2025 4:02 PM\nTo: Dana <dana@example.com>\nSubject: Follow up",
        "From: Sam Doe <sam@example.com>\nDate: Monday, March 3, 2025\nSubject: Follow up",
        "*From:* Sam Doe <sam@example.com>\n*Sent:* Monday, March 3, 2025\n*To:* Dana",
        "-----Ursprüngliche Nachricht-----\nVon: Sam Doe\nGesendet: Montag, 3. März 2025 16:02\n"
        "An: Dana\nBetreff: Nachfrage",
        "Von: Sam Doe <sam@example.com>\nGesendet: Montag, 3. März 2025 16:02\nAn: Dana",
        "De : Sam Doe <sam@example.com>\nEnvoyé : lundi 3 mars 2025 16:02\nÀ : Dana\nObjet : Suivi",
        "De: Sam Doe <sam@example.com>\nEnviado: lunes, 3 de marzo de 2025 16:02\nPara: Dana\n"
        "Asunto: Seguimiento",
        "Van: Sam Doe <sam@example.com>\nVerzonden: maandag 3 maart 2025 16:02\nAan: Dana\n"
        "Onderwerp: Opvolging",
        "---------- Forwarded message ---------\nFrom: Sam Doe <sam@example.com>\n"
        "Date: Mon, Mar 3, 2025 at 4:02 PM\nSubject: Follow up",
        "Begin forwarded message:\n\nFrom: Sam Doe <sam@example.com>\nDate: March 3, 2025",
    ],
)
def test_outlook_and_forward_header_blocks_cut_the_history(block: str) -> None:
    assert_only_reply(f"{REPLY}\n\n{block}\n\n{CANDIDATE}\n\nBest,\nSam\n")


@pytest.mark.parametrize(
    "details",
    [
        "--- Interview details ---\nDate: Tuesday, March 4\nTo: the panel room",
        "I am away.\nFrom: Monday, May 26\nTo: Friday, May 30",
        "Your slot:\nFrom: 2:00 PM\nTo: 3:00 PM\nSubject: system design",
        "________________________________\nDate: Tuesday, March 4\nLocation: Room 4",
    ],
)
def test_header_lookalikes_in_the_new_text_are_kept(details: str) -> None:
    text = f"{REPLY}\n\n{details}\n\nSee you then."
    assert strip_quoted_text(text) == text


@pytest.mark.parametrize(
    "mobile",
    [
        "Sent from my iPhone",
        "Sent from my Verizon Wireless BlackBerry",
        "Get Outlook for iOS<https://aka.ms/o0ukef>",
        "Von meinem iPhone gesendet",
        "Envoyé de mon iPhone",
        "Enviado desde mi iPhone",
    ],
)
def test_mobile_signatures_and_what_follows_are_removed(mobile: str) -> None:
    assert_only_reply(f"{REPLY}\n\n{mobile}\n\n{CANDIDATE}\n")


def test_sentence_starting_like_a_mobile_signature_is_kept() -> None:
    text = "Sent from my desk, this is much easier than from my phone."
    assert strip_quoted_text(text) == text


def test_bare_quote_lines_are_removed() -> None:
    assert_only_reply(f"{REPLY}\n\n> {CANDIDATE}\n> More of it.\n")


def test_sentences_that_start_with_on_are_not_headers() -> None:
    text = (
        "On Monday we will meet the last candidates.\n"
        "On the other hand, the team already wrote: great things about you.\n"
        "On Friday I will write back."
    )
    assert strip_quoted_text(text) == text


def test_inline_answers_between_quotes_are_kept() -> None:
    text = (
        "See my answers below.\n\n"
        "On Mon, Mar 3, 2025 at 4:02 PM Sam <sam@example.com> wrote:\n"
        "> Is the role still open?\n"
        "Yes, it is still open.\n"
        "> Can I send references?\n"
        "Not yet, we will ask later.\n"
    )
    stripped = strip_quoted_text(text)
    assert "Yes, it is still open." in stripped
    assert "Not yet, we will ask later." in stripped
    assert "Is the role still open" not in stripped
    assert "wrote:" not in stripped


def test_bottom_posted_answer_is_kept() -> None:
    text = "On 03/03/2025 04:02 PM, Sam Doe wrote:\n> Any update?\n\nWe are still deciding.\n"
    assert strip_quoted_text(text) == "We are still deciding."


def test_rewrapped_quote_tails_are_not_taken_for_answers() -> None:
    text = (
        "Thanks!\n\nOn Mon, Mar 3, 2025 at 4:02 PM Sam <sam@example.com> wrote:\n"
        "> I am very interested in the offer and can send references if that\n"
        "helps with the decision.\n"
    )
    assert strip_quoted_text(text) == "Thanks!"


def test_signature_after_delimiter_is_removed() -> None:
    assert strip_quoted_text(f"{REPLY}\n\n-- \nDana Lee\nRecruiter\n+1 555 0100") == REPLY


def test_double_dash_inside_a_line_is_not_a_signature() -> None:
    text = "Here is the plan -- this is not a signature.\nMore text."
    assert strip_quoted_text(text) == text


def test_sign_off_block_is_removed_but_a_postscript_is_kept() -> None:
    text = (
        f"{REPLY}\n\nBest regards,\nDana Lee\nSenior Recruiter | Quill Labs\n"
        "Tel: +1 (555) 010-0199\nwww.quill.example\n\n"
        "P.S. Could you also send a copy of your portfolio before Friday?"
    )
    stripped = strip_quoted_text(text)
    assert stripped.startswith(REPLY)
    assert "Dana Lee" not in stripped and "555" not in stripped
    assert "P.S. Could you also send a copy of your portfolio" in stripped


def test_closing_name_block_without_sign_off_is_removed() -> None:
    text = f"{REPLY}\n\nDana\n\nDana Lee | Talent Partner\nQuill Labs"
    assert strip_quoted_text(text) == REPLY


def test_list_items_before_a_closing_name_are_kept() -> None:
    kept = "Would either of these work?\n\n- Tuesday, March 4 at 2 PM\n- Friday, March 7 at 10 AM"
    assert strip_quoted_text(f"{kept}\n\nDana") == kept


def test_regards_inside_a_sentence_is_not_a_sign_off() -> None:
    text = "As regards the timeline, we should be done by Friday.\nThis is the actual content."
    assert strip_quoted_text(text) == text


@pytest.mark.parametrize(
    "footer",
    [
        "This email and any attachments are confidential and intended solely for the "
        "addressee. If you have received this email in error, please notify the sender.",
        "Nothing in this email constitutes an offer of employment or creates a contract.",
        "CONFIDENTIALITY NOTICE: The contents of this message are privileged.",
        "Diese E-Mail enthält vertrauliche Informationen. Sitz der Gesellschaft: Berlin, "
        "Amtsgericht Charlottenburg HRB 000000",
        "Ce message et toutes les pièces jointes sont confidentiels et destinés au seul "
        "destinataire.",
        "To unsubscribe from these emails, update your preferences.",
    ],
)
def test_legal_and_mailing_footers_are_removed(footer: str) -> None:
    assert strip_quoted_text(f"{REPLY}\n\n{footer}") == REPLY


def test_external_email_banner_at_the_top_is_removed() -> None:
    banner = (
        "CAUTION: This email originated from outside of the organization. Do not click "
        "links or open attachments unless you recognize the sender and know the content is safe."
    )
    assert strip_quoted_text(f"{banner}\n\n{REPLY}") == REPLY
    assert strip_quoted_text(f"[EXTERNAL]\n{REPLY}") == REPLY


def test_keeping_a_confidential_request_in_the_reply() -> None:
    text = "Please keep the salary figures confidential for now."
    assert strip_quoted_text(text) == text


def test_empty_and_whitespace_input() -> None:
    assert strip_quoted_text("") == ""
    assert strip_quoted_text("\n\n  \n") == ""


# --- forwards: the company's forwarded words are kept ----------------------

JORDAN = ("jordan.ellery@example.com", "jordan.ellery", "Jordan Ellery")
RECRUITER_ASK = "Hi Jordan, see Nikhil's note below. Could you send something over by Friday?"
MANAGER_NOTE = "Would love to see a code sample from Jordan, anything they are proud of."
JORDAN_HISTORY = (
    "On Mon, Apr 20, 2026 at 4:59 AM Jordan Ellery <jordan.ellery@example.com> wrote:\n\n"
    f"> {CANDIDATE}\n> Jordan\n"
)
GMAIL_FORWARD = (
    "---------- Forwarded message ---------\n"
    "From: Nikhil Rao <nikhil.rao@loomwell.example>\n"
    "Date: Mon, Apr 20, 2026 at 5:02 PM\nSubject: Re: debrief\n"
    "To: Carmen Ibarra <carmen.ibarra@loomwell.example>\n"
)


def test_forwarded_note_from_a_colleague_is_the_companys_words() -> None:
    text = f"{RECRUITER_ASK}\n\n{GMAIL_FORWARD}\n{MANAGER_NOTE}\n\n{JORDAN_HISTORY}"
    stripped = strip_quoted_text(text, candidate=JORDAN)
    assert stripped == f"{RECRUITER_ASK}\n\n{MANAGER_NOTE}"


@pytest.mark.parametrize(
    "header",
    [
        "-----Original Message-----\nFrom: Priya Shah <priya@acme.example>\n"
        "Sent: Monday, March 3, 2025 4:02 PM\nTo: Dana Lee <dana@acme.example>\n"
        "Subject: RE: shortlist",
        "-----Original Message-----\nFrom: Priya Shah\nSent: Monday, March 3, 2025 4:02 PM\n"
        "To: Dana Lee\nSubject: RE: shortlist",
        "Begin forwarded message:\n\nFrom: Priya Shah <priya@acme.example>\n"
        "Subject: shortlist\nDate: March 3, 2025 at 16:02:11 GMT",
        "________________________________\nVon: Priya Shah <priya@acme.example>\n"
        "Gesendet: Montag, 3. März 2025 16:02\nAn: Dana Lee <dana@acme.example>\n"
        "Betreff: Shortlist",
    ],
)
def test_outlook_and_apple_forwards_of_a_colleagues_note_are_kept(header: str) -> None:
    note = "We should bring Jordan in to meet the panel next week."
    text = f"Hi Jordan, good news below.\n\n{header}\n\n{note}\n\n{JORDAN_HISTORY}"
    stripped = strip_quoted_text(text, candidate=JORDAN)
    assert stripped == f"Hi Jordan, good news below.\n\n{note}"


@pytest.mark.parametrize(
    "author",
    [
        "Jordan Ellery <jordan.ellery@example.com>",  # the candidate's address
        "Jordan Ellery",  # their name alone, as Outlook often shows it
        "j.e <jordan.ellery@example.com>",
    ],
)
def test_forwarded_mail_written_by_the_candidate_is_history(author: str) -> None:
    text = (
        f"{REPLY}\n\n---------- Forwarded message ---------\nFrom: {author}\n"
        f"Date: Mon, Mar 3, 2025 at 4:02 PM\nSubject: Follow up\n\n{CANDIDATE}\n"
    )
    assert strip_quoted_text(text, candidate=JORDAN) == REPLY


def test_company_mail_once_sent_to_the_candidate_is_history_not_a_forward() -> None:
    text = (
        f"{REPLY}\n\n-----Original Message-----\nFrom: Sam Doe <sam@acme.example>\n"
        "Sent: Monday, March 3, 2025 4:02 PM\nTo: Jordan Ellery <jordan.ellery@example.com>\n"
        "Subject: Interview\n\nWe would like to make you an offer.\n"
    )
    assert strip_quoted_text(text, candidate=JORDAN) == REPLY


def test_reply_history_without_a_forward_is_cut_even_when_the_author_is_not_the_candidate() -> None:
    # A From/Sent block with no To: line and no forward marker could be anyone's history.
    text = (
        f"{REPLY}\n\nFrom: Sam Doe <sam@acme.example>\nSent: Monday, March 3, 2025 4:02 PM\n"
        "Subject: Interview\n\nThe offer is attached.\n"
    )
    assert strip_quoted_text(text, candidate=JORDAN) == REPLY


def test_without_knowing_the_candidate_a_forward_is_cut_as_before() -> None:
    text = f"{RECRUITER_ASK}\n\n{GMAIL_FORWARD}\n{MANAGER_NOTE}\n\n{JORDAN_HISTORY}"
    assert strip_quoted_text(text) == RECRUITER_ASK


def test_text_below_a_forward_header_at_the_top_is_kept() -> None:
    text = f"{GMAIL_FORWARD}\n{MANAGER_NOTE}\n\n{JORDAN_HISTORY}"
    assert strip_quoted_text(text, candidate=JORDAN) == MANAGER_NOTE


def test_forwarded_note_survives_parse_and_strip_with_the_recipient_as_candidate() -> None:
    body = f"{RECRUITER_ASK}\r\n\r\n{GMAIL_FORWARD}\r\n{MANAGER_NOTE}\r\n\r\n{JORDAN_HISTORY}"
    raw = (
        "From: Carmen Ibarra <carmen.ibarra@loomwell.example>\r\n"
        "To: Jordan Ellery <jordan.ellery@example.com>\r\nSubject: Re: Staff Engineer\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body.replace("\n", "\r\n")
    ).encode()
    mail = parse_message(raw)
    assert candidate_identity(mail) == JORDAN
    stripped = visible_text(mail)
    assert MANAGER_NOTE in stripped and RECRUITER_ASK in stripped
    assert "references" not in stripped  # the candidate's quoted words are gone
    # A configured address names the candidate even when the message went elsewhere too.
    assert candidate_identity(mail, "jordan.ellery@example.com")[0] == "jordan.ellery@example.com"


def test_sender_colleagues_in_to_are_not_the_candidate() -> None:
    raw = (
        b"From: Carmen <carmen@loomwell.example>\r\n"
        b"To: Nikhil <nikhil@loomwell.example>, Jordan <jordan@example.com>\r\n\r\nHi\r\n"
    )
    identity = candidate_identity(parse_message(raw))
    assert "jordan@example.com" in identity
    assert not any("nikhil" in item for item in identity)


# --- whole messages through parse + strip ---------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "gmail_html_reply.eml",
            "Hi Sam,\n\nCould you share two references by Friday? A former manager would be ideal.",
        ),
        (
            "outlook_html_reply.eml",
            "Hello Sam,\nWe are still reviewing candidates and expect to decide next week.",
        ),
        (
            "french_outlook_reply.eml",
            "Bonjour Sam,\n\nMerci pour votre patience. Nous reviendrons vers vous la semaine "
            "prochaine.",
        ),
        (
            "dutch_gmail_reply.eml",
            "Hoi Sam,\n\nWe willen je graag uitnodigen voor een tweede gesprek. "
            "Welke dagen passen?",
        ),
        (
            "spanish_banner_reply.eml",
            "Hola Sam,\n\nLamentablemente hemos decidido continuar con otros candidatos.",
        ),
    ],
)
def test_fixture_replies_reduce_to_the_new_text(name: str, expected: str) -> None:
    mail = parse_message((FIXTURES / name).read_bytes())
    assert visible_text(mail) == expected


def test_corpus_replies_lose_the_candidates_quoted_words() -> None:
    replies = SHARED / "corpus" / "replies"
    if not replies.is_dir():
        pytest.skip(f"shared corpus not found at {replies}")
    checked = 0
    for path in sorted(replies.glob("*.eml")):
        mail = parse_message(path.read_bytes())
        stripped = visible_text(mail)
        assert stripped, path.name
        # The candidate signs as Jordan; their quoted mail must be gone.
        assert "Jordan Ellery <" not in stripped, path.name
        assert "jordan.ellery@example.com" not in stripped, path.name
        assert "\n>" not in stripped and not stripped.startswith(">"), path.name
        checked += 1
    assert checked >= 100


# --- cost ------------------------------------------------------------------


def test_pathological_inputs_are_stripped_in_linear_time() -> None:
    inputs = [
        "On " + "a " * 200_000 + "wrote",
        ("On Mon, " + "x" * 5000 + ":\n") * 2000,
        ">" * 500_000,
        "From: " + "a:" * 100_000 + "\nSent: x\n",
        ("-" * 3000 + " original " + "-" * 3000 + "\n") * 200,
        ("word " * 30 + "\n") * 100_000,
        "\n" * 1_000_000,
        "Best,\n" + "Name\n" * 100_000,
        ("Note.\n\n" + GMAIL_FORWARD + "\n") * 20_000,
    ]
    for text in inputs:
        started = time.perf_counter()
        strip_quoted_text(text, candidate=JORDAN)
        assert time.perf_counter() - started < 0.5, text[:40]


def test_shared_pathological_fixture_is_fast() -> None:
    path = SHARED / "mail-samples" / "email-reply-parser" / "test" / "emails" / "pathological.txt"
    if not path.is_file():
        pytest.skip(f"shared mail-samples not found at {path}")
    text = parse_message(path.read_bytes()).text
    started = time.perf_counter()
    for _ in range(100):
        stripped = strip_quoted_text(text)
    assert (time.perf_counter() - started) / 100 < 0.005
    assert stripped.startswith("I think you're onto something.")
    assert "organism.sequence" not in stripped
