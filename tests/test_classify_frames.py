"""How the classifier reads: wrapped lines, requests as statements, automated mail, context.

Each case is a new phrasing of a general frame (not a sentence of any corpus):
a hard-wrapped sentence is still one sentence; a request may be a question, a
statement or a numbered list; automation headers speak for `auto_reply` only
when the text is an acknowledgement or an absence; a word read out of its
context ("offer" as a future step, "ignore" around a request) decides nothing.
"""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from treadgently.classify import Classifier, unwrap_lines
from treadgently.mail import ParsedMail, parse_message

ME = "robin.hale@example.org"


def company_mail(
    body: str,
    *,
    subject: str = "Re: Your application",
    sender: str = "Kim Ostrander <kim@harbourline.example>",
    headers: dict[str, str] | None = None,
) -> ParsedMail:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = f"Robin Hale <{ME}>"
    message["Subject"] = subject
    message["Date"] = "Tue, 14 Oct 2025 10:00:00 +0000"
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return parse_message(message.as_bytes())


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier()


def label(classifier: Classifier, body: str, **kwargs) -> str:
    return classifier.classify(company_mail(body, **kwargs)).label


# --- hard-wrapped plain text ------------------------------------------------------


def test_a_sentence_wrapped_over_lines_is_read_as_one() -> None:
    text = (
        "Before we go ahead, our policy requires your consent. Would you mind\n"
        "confirming that we may contact the referees you named for a reference\n"
        "check?\n\nThanks,\nKim"
    )
    assert unwrap_lines(text) == (
        "Before we go ahead, our policy requires your consent. Would you mind "
        "confirming that we may contact the referees you named for a reference "
        "check?\n\nThanks,\nKim"
    )


def test_lists_short_lines_and_finished_sentences_keep_their_breaks() -> None:
    text = "Please send:\n- a photo ID\n- your P45\nStage Status\nScreen Done\nThat is all.\nKim"
    assert unwrap_lines(text) == text


def test_wrapped_request_is_still_a_request(classifier) -> None:
    body = (
        "Hi Robin,\n\nThanks for the chat. If you are still keen on the post, we'd like you to\n"
        "complete a short written exercise on the attached case and send it back by Friday.\n"
    )
    assert label(classifier, body) == "info_requested"


# --- requests put as statements, questions and lists -------------------------------

REQUEST_CASES = [
    # the imperative opening a numbered step
    (
        "info_requested",
        "Here's how the exercise works:\n\n1. Read the brief in the PDF.\n"
        "2. Keep it to two hours.\n3. Upload your notebook to the shared folder by Monday.",
    ),
    # a task handed over
    ("info_requested", "As promised, attached is the case study for you to work through."),
    # a statement of what must arrive
    (
        "info_requested",
        "Before an appointment can be confirmed, the following must be submitted within "
        "five working days:\n\n1. A certified copy of your degree certificate\n"
        "2. Proof of residency",
    ),
    # "what we need is", after declining something else
    (
        "info_requested",
        "We won't need references just yet. What we do need is a short writing sample, "
        "ideally something published.",
    ),
    # salary put as a question about a number or a package
    ("info_requested", "Quick one: what sort of number did you have in mind for base?"),
    ("info_requested", "The hiring manager asked me for your current package. Can you share it?"),
    # leave to contact a former employer
    (
        "references_requested",
        "Do we have your consent to approach Fernbank Logistics about your two years there?",
    ),
    (
        "references_requested",
        "who would be the best person for us to speak to about your time on the data team?",
    ),
    # a reference request beside a background check that needs nothing
    (
        "references_requested",
        "Payroll will run the credit check on their own, nothing you need to do there. "
        "Separately, could you send contact details for two former supervisors?",
    ),
]


@pytest.mark.parametrize(("expected", "body"), REQUEST_CASES)
def test_request_put_as_a_statement_question_or_list_is_read(classifier, expected, body) -> None:
    assert label(classifier, body) == expected


def test_a_closing_courtesy_is_no_imperative_request(classifier) -> None:
    assert label(
        classifier, "Lovely to meet you today.\n\nEmail me if you have any questions."
    ) == ("other")


# --- invitations, offers and refusals in other words ------------------------------------

PHRASING_CASES = [
    ("next_round", "You have been shortlisted for a panel interview at our Leeds office."),
    (
        "next_round",
        "The directors would be delighted to meet you for a final-round conversation. "
        "Please tell us the slot you prefer.",
    ),
    ("next_round", "thurs 3pm ok for round two?"),
    (
        "next_round",
        "It's not that we've gone cold on you, far from it. We need one more chat with Priya "
        "before we decide. Would Monday morning work?",
    ),
    (
        "offer",
        "Following our call, here is a recap of the offer we discussed:\n\n- Base: $140,000\n"
        "- Bonus: 10%\n- Start: 1 December",
    ),
    ("offer", "Brilliant news - the client has come back with an offer at 85k plus bonus!"),
    ("offer", "We have improved our offer: the base is now 92,000 and the sign-on bonus stays."),
    (
        "offer",
        "I am pleased to confirm that the board has approved your appointment as Senior "
        "Archivist, subject to the usual checks.",
    ),
    (
        "rejected",
        "After a close call, the position has now been offered to another applicant, who has "
        "accepted.",
    ),
    (
        "offer",
        "We've decided not to continue the search: we've found who we want. I'd like to offer "
        "you the role.",
    ),
]


@pytest.mark.parametrize(("expected", "body"), PHRASING_CASES)
def test_phrasing_outside_the_usual_keywords_is_read(classifier, expected, body) -> None:
    assert label(classifier, body) == expected


def test_only_shortlisted_candidates_invited_is_no_invitation(classifier) -> None:
    body = (
        "Thank you for applying. We have received your application. Only shortlisted "
        "candidates will be invited to interview."
    )
    assert label(classifier, body) != "next_round"


# --- automated mail: headers decide only acknowledgements and absences ------------------

AUTOMATED = {"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"}


def test_automated_status_update_is_a_status_not_an_auto_reply(classifier) -> None:
    body = (
        "Your application status has changed.\n\nNew status: Referred to the hiring manager\n\n"
        "The hiring manager may take several weeks to review applications. You will be "
        "notified when a final decision has been made.\n\nThis is an automated message; "
        "replies to this address are not monitored."
    )
    assert label(classifier, body, headers=AUTOMATED) == "still_interviewing"


def test_automated_assessment_invitation_is_a_request(classifier) -> None:
    body = (
        "You have been invited to complete an online assessment for the Analyst role. Please "
        "complete the assessment within 5 days using the link below.\n\nThis is an automated "
        "email. Do not reply to this message."
    )
    assert label(classifier, body, headers=AUTOMATED) == "info_requested"


def test_automated_acknowledgement_stays_an_auto_reply(classifier) -> None:
    body = (
        "Thank you for your message. We have received your application and our team will "
        "review it.\n\nThis is an automated message; this mailbox is not monitored."
    )
    assert label(classifier, body, headers=AUTOMATED) == "auto_reply"


def test_out_of_office_with_a_responder_header_stays_an_auto_reply(classifier) -> None:
    body = "I'm out of the office until Monday with no access to email. For offers or "
    body += "interview scheduling please contact my colleague."
    assert label(classifier, body, headers={"Auto-Submitted": "auto-replied"}) == "auto_reply"


# --- context: a word that decides nothing where it stands --------------------------------

CONTEXT_CASES = [
    # an offer only as a future step, next to the real ask
    (
        "references_requested",
        "We're nearly there and would like to speak to your referees ahead of any formal "
        "offer. Could you send names and numbers for two past managers?",
    ),
    # "please ignore" around a request
    (
        "other",
        "Apologies - a test email asking you to upload your passport went out in error this "
        "morning. Please ignore it; there's nothing to upload.",
    ),
    # regret without a decision
    (
        "still_interviewing",
        "Unfortunately this isn't the update you were hoping for: the panel hasn't met yet, "
        "and we don't expect a decision until the end of the month.",
    ),
    # regret in a reschedule
    (
        "next_round",
        "Unfortunately Dana is ill on Thursday, so we need to reschedule your interview. Which "
        "days next week work for you?",
    ),
]


@pytest.mark.parametrize(("expected", "body"), CONTEXT_CASES)
def test_words_out_of_their_context_decide_nothing(classifier, expected, body) -> None:
    assert label(classifier, body) == expected


def test_welcome_in_a_newsletter_is_no_offer(classifier) -> None:
    body = (
        "Welcome to the Northgate Careers newsletter! Each month we share new roles, "
        "interview tips and stories from our teams."
    )
    assert label(classifier, body, subject="Welcome to Northgate Careers") != "offer"


def test_an_interview_said_to_be_unnecessary_is_no_invitation(classifier) -> None:
    body = (
        "Good news on the paperwork side: there's no need for a further interview, the panel "
        "has everything it needs. We'll be in touch once a final decision is made."
    )
    assert label(classifier, body) == "still_interviewing"


# --- Italian and Portuguese, and more Spanish and Dutch phrasings ------------------------

LANGUAGE_CASES = [
    ("still_interviewing", "Ciao Robin, stiamo ancora valutando le candidature. Ti faremo sapere."),
    (
        "references_requested",
        "Potresti indicarci i contatti di due ex responsabili per le referenze?",
    ),
    ("info_requested", "Le chiediamo di compilare il modulo allegato e di inviarci una copia."),
    (
        "next_round",
        "Vorremmo invitarti a un secondo colloquio con il team. Quando saresti disponibile?",
    ),
    ("offer", "Siamo lieti di offrirti la posizione di Product Analyst a Torino!"),
    ("rejected", "Purtroppo abbiamo deciso di non procedere con la tua candidatura."),
    (
        "still_interviewing",
        "Olá Robin, ainda estamos avaliando os candidatos e voltaremos em breve.",
    ),
    ("references_requested", "Você poderia nos enviar duas referências profissionais?"),
    ("info_requested", "Pedimos que preencha o formulário em anexo e nos envie até sexta."),
    ("next_round", "Gostaríamos de agendar uma segunda entrevista. Qual horário seria melhor?"),
    ("offer", "Temos o prazer de lhe oferecer o cargo de Analista Sênior!"),
    ("rejected", "Infelizmente decidimos seguir com outro candidato para esta vaga."),
    ("rejected", "Lamentamos informarte de que no vas a continuar en el proceso de selección."),
    ("offer", "Te adjuntamos la propuesta formal con el salario y la fecha de incorporación."),
    (
        "rejected",
        "Helaas gaan we niet verder met jouw sollicitatie; de functie is inmiddels vervuld.",
    ),
    ("offer", "We willen je graag de functie van data-analist aanbieden!"),
]


@pytest.mark.parametrize(("expected", "body"), LANGUAGE_CASES)
def test_common_phrasings_in_italian_portuguese_spanish_and_dutch(
    classifier, expected, body
) -> None:
    assert label(classifier, body) == expected


# --- more everyday phrasings -------------------------------------------------------------

EVERYDAY_CASES = [
    ("still_interviewing", "We're still working our way through interviews this week and next."),
    ("still_interviewing", "We're running about a week behind where we hoped to be, sorry!"),
    ("still_interviewing", "The timetable has changed: shortlisting will now take place on 3 May."),
    (
        "still_interviewing",
        "Your application is with the hiring team; they'll be reviewing it soon.",
    ),
    ("still_interviewing", "Not quite there yet with a decision, but I'll be in touch shortly."),
    ("references_requested", "Would you mind if I had a quick word with your manager at Orbis?"),
    ("references_requested", "Could you put me in touch with someone who supervised your work?"),
    ("info_requested", "We'll need you to complete a DBS check. The form is attached."),
    (
        "next_round",
        "Can we find 45 minutes next week for a technical deep-dive with two engineers?",
    ),
    ("next_round", "You've passed the phone screen! Next up is a video interview with the team."),
    ("offer", "We'd like you to join us as Lead Analyst. Formal paperwork to follow from HR."),
]


@pytest.mark.parametrize(("expected", "body"), EVERYDAY_CASES)
def test_everyday_phrasings_are_read(classifier, expected, body) -> None:
    assert label(classifier, body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Could you put me in touch with someone who supervised your work at Orbis?",
        "We'd like you to meet with a few people from the data team next Tuesday. Free at 10?",
        "The last round is a panel with other people from engineering. Does Thursday work?",
    ],
)
def test_meeting_or_naming_people_is_never_a_rejection(classifier, body) -> None:
    assert label(classifier, body) != "rejected"


MORE_CASES = [
    ("still_interviewing", "We haven't ruled anyone out yet; decisions come next week."),
    (
        "still_interviewing",
        "Finance still hasn't signed off the headcount, so we're stuck for now.",
    ),
    ("rejected", "After much deliberation, the panel has decided not to appoint at this time."),
    ("rejected", "We've had to make a tough call and it won't be you this time."),
    (
        "references_requested",
        "We don't need anything else from you except your referees' contact details.",
    ),
    ("other", "I'll be your new point of contact as Sam has left the company."),
    ("offer", "We hebben besloten om jou aan te nemen! Het contract volgt deze week."),
    ("rejected", "Infelizmente, não poderemos dar continuidade ao seu processo."),
    ("rejected", "Grazie per il tempo dedicato; abbiamo scelto un altro candidato."),
    (
        "auto_reply",
        "Thank you for your application to Acme. We have received it and will be in touch if "
        "your profile matches our requirements.",
    ),
]


@pytest.mark.parametrize(("expected", "body"), MORE_CASES)
def test_double_negatives_handovers_and_acknowledgements(classifier, expected, body) -> None:
    assert label(classifier, body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Share this post with anyone who might be interested in our open roles.",
        "Attached is the agenda for your first week - no action needed, just for your reference.",
        "Thanks Robin! Your preferred date of Tuesday is locked in - see you then.",
        "Reminder: your dentist appointment is on Monday at 9:00.",
    ],
)
def test_lookalikes_of_requests_and_invitations_stay_other(classifier, body) -> None:
    assert label(classifier, body) == "other"


@pytest.mark.parametrize(
    ("expected", "body"),
    [
        (
            "references_requested",
            "Any objection if I ping your old manager at Plume for some back-channel feedback?",
        ),
        (
            "info_requested",
            "One more thing: could you email your availability to start and your salary "
            "expectations?",
        ),
        ("still_interviewing", "Interviews are still going on this week; we'll update you Friday."),
        (
            "rejected",
            "Only shortlisted candidates were invited to interview, and unfortunately you were "
            "not among them.",
        ),
    ],
)
def test_who_asks_and_who_was_chosen(classifier, expected, body) -> None:
    assert label(classifier, body) == expected


def test_every_builtin_pattern_has_a_word_gate() -> None:
    """Speed: a regex without a gate runs over every message; none of ours may."""
    import treadgently.classify as engine

    sets = (
        engine._builtin_pattern_set(),
        engine._vetoes(),
        engine._clause_vetoes(),
        engine._request_frames(),
        engine._dampers(),
        engine._closings(),
    )
    assert [pattern for patterns in sets for pattern in patterns.ungated] == []


@pytest.mark.parametrize(
    ("expected", "body"),
    [
        (
            "info_requested",
            "Next step is a short personality questionnaire - the link is below, about 20 minutes.",
        ),
        (
            "info_requested",
            "Would it be possible to see the report you mentioned from your last role, redacted?",
        ),
        (
            "still_interviewing",
            "The panel is scheduled to meet on 14 March to finalise the shortlist. Candidates will "
            "be notified after that date.",
        ),
        (
            "still_interviewing",
            "We've interviewed everyone now and are comparing notes. You should hear early next "
            "week.",
        ),
        ("other", "Welcome to our careers portal. Your account has been created."),
        (
            "offer",
            "A new position opened up on the platform team, and we'd like to offer it to you.",
        ),
    ],
)
def test_steps_timetables_and_welcomes_in_context(classifier, expected, body) -> None:
    assert label(classifier, body) == expected
