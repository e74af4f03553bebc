"""The reply classifier, from the candidate's side: what a company wrote decides the label.

Most cases are built inline so each test reads as a story; the hand-written
fixtures in tests/fixtures/replies (own phrasings in five languages, not copies
of the shared corpus) are checked as a set at the end.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

import treadgently.classify as classify_module
from treadgently import phrase_index
from treadgently.classify import Classifier, expand_abbreviations, validate_phrases
from treadgently.config import LABELS
from treadgently.errors import ConfigError
from treadgently.mail import ParsedMail, parse_message

FIXTURES = Path(__file__).parent / "fixtures" / "replies"
ME = "alex.morgan@example.net"
# A Monday, so that weekday arithmetic in the date tests is easy to follow.
SENT = datetime(2025, 3, 10, 15, 30, tzinfo=UTC)

QUOTED_CANDIDATE = (
    "\n\nOn Mon, Mar 3, 2025 at 9:12 AM Alex Morgan <alex.morgan@example.net> wrote:\n"
    "> Hi, I have another offer and I'm happy to send references or work samples.\n"
    "> Could we schedule the final round interview? Any decision yet?\n"
)


def reply(
    body: str,
    *,
    subject: str = "Re: Following up",
    sender: str = "Sam Recruiter <sam@company.example>",
    headers: dict[str, str] | None = None,
    sent: datetime = SENT,
    quoted: str = "",
) -> ParsedMail:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = f"Alex Morgan <{ME}>"
    message["Subject"] = subject
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = "<reply-1@company.example>"
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body + quoted)
    return parse_message(message.as_bytes())


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier()


def label_of(classifier: Classifier, body: str, **kwargs) -> str:
    return classifier.classify(reply(body, **kwargs), own_email=ME).label


# --- the labels, in plain cases -------------------------------------------------


PLAIN_REPLIES = {
    "still_interviewing": "We're still interviewing a few candidates; no decision yet.",
    "references_requested": "Could you send me the names and emails of two references?",
    "info_requested": "Could you share a code sample, for example a GitHub repo?",
    "next_round": "We'd like to invite you to a final round interview. What times work?",
    "offer": "I'm delighted to offer you the position of Data Analyst! Letter attached.",
    "rejected": "We have decided to move forward with other candidates for this role.",
    "other": "Thanks, Alex - lovely to meet you too. Have a great weekend!",
}


@pytest.mark.parametrize(("expected", "body"), PLAIN_REPLIES.items())
def test_each_label_is_recognised_from_a_plain_reply(classifier, expected, body) -> None:
    result = classifier.classify(reply(body), own_email=ME)
    assert result.label == expected
    assert 0.0 <= result.confidence <= 1.0
    if expected != "other":
        assert result.evidence, "a decision must name the phrases that decided it"


# --- quoted text and subjects are the candidate's words -------------------------


def test_candidates_quoted_email_does_not_drive_the_label(classifier) -> None:
    body = "Hi Alex, no news yet - the panel is still reviewing. I'll be in touch next week."
    result = classifier.classify(reply(body, quoted=QUOTED_CANDIDATE), own_email=ME)
    assert result.label == "still_interviewing"
    assert not any("offer" in phrase.lower() for phrase in result.evidence)


def test_reply_subject_with_offer_word_does_not_make_an_offer(classifier) -> None:
    body = "Thanks for the note - we haven't made a decision yet and will update you soon."
    assert label_of(classifier, body, subject="Re: Question about the offer timeline") == (
        "still_interviewing"
    )


# --- negation, disclaimers, soft refusals ----------------------------------------


def test_not_an_offer_footer_does_not_trigger_offer(classifier) -> None:
    body = (
        "We're still waiting on budget approval and expect clarity in two weeks.\n\n"
        "This email does not constitute an offer of employment. Any offer will be made "
        "in writing."
    )
    assert label_of(classifier, body) == "still_interviewing"


@pytest.mark.parametrize(
    "body",
    [
        "To be clear, this is not a rejection - the role is simply paused until next quarter.",
        "The position hasn't been filled and no decision has been made yet.",
        "It isn't a 'no': hiring is on hold while we finalise the budget.",
    ],
)
def test_negated_rejection_is_not_a_rejection(classifier, body) -> None:
    assert label_of(classifier, body) == "still_interviewing"


@pytest.mark.parametrize(
    "body",
    [
        "We've decided to pursue candidates whose experience more closely matches the role. "
        "We'll keep your resume on file for future openings.",
        "The team has decided to go in a different direction. I'd love to stay in touch.",
        "Unfortunately your application has been unsuccessful on this occasion.",
    ],
)
def test_soft_rejection_is_rejected(classifier, body) -> None:
    assert label_of(classifier, body) == "rejected"


def test_keep_resume_on_file_alone_is_not_enough_to_reject(classifier) -> None:
    result = classifier.classify(reply("We'll keep your resume on file."), own_email=ME)
    assert result.label == "other"


# --- mixed messages resolve to what the candidate must act on --------------------


def test_reference_request_beats_still_interviewing(classifier) -> None:
    body = (
        "We are still deciding between finalists; meanwhile could you send two references, "
        "one of them a former manager?"
    )
    assert label_of(classifier, body) == "references_requested"


def test_info_request_while_still_deciding_is_info_requested(classifier) -> None:
    body = "The team is still deciding. In the meantime, what are your salary expectations?"
    result = classifier.classify(reply(body), own_email=ME)
    assert result.label == "info_requested"
    assert result.requested == "salary expectations"


def test_request_before_scheduling_the_next_round_is_the_request(classifier) -> None:
    body = "Before we schedule the final round, could you share your notice period?"
    assert label_of(classifier, body) == "info_requested"


def test_offer_that_asks_for_references_as_a_formality_is_an_offer(classifier) -> None:
    body = (
        "We're excited to extend you an offer, contingent on reference checks. Please send "
        "me contact details for two references so we can wrap that up."
    )
    assert label_of(classifier, body) == "offer"


def test_no_for_one_role_with_invite_for_another_is_next_round(classifier) -> None:
    body = (
        "We won't be moving forward for the Staff role, but the hiring manager for our Senior "
        "Data Engineer opening would like to interview you for that role. Could you send me "
        "a few times that work next week?"
    )
    assert label_of(classifier, body) == "next_round"


# --- the costly confusions --------------------------------------------------------

REJECTIONS_WITH_OFFER_OR_INVITE_WORDS = [
    "We won't be extending an offer for this role.",
    "We have decided not to offer you the position.",
    "We extended an offer to another candidate, and they have accepted.",
    "We won't be inviting you to the final round interview.",
    "We've offered the role to someone with more Kubernetes experience.",
    "Helaas hebben we besloten om je niet uit te nodigen voor een volgend gesprek.",
    "I know you were hoping for an offer, but we've decided not to move forward.",
    "We regret that we are unable to offer you a position at this time.",
]
OFFERS_AND_INVITES_WITH_REJECTION_WORDS = [
    "A second position opened up and we'd like to offer it to you. Ignore my earlier note "
    "about the role being filled - the paperwork follows tomorrow.",
    "Unfortunately our CTO had to cancel tomorrow's interview. Can we find a new time later "
    "this week?",
    "Congrats on making it to the onsite stage! Please book your onsite interview slots here.",
    "We regret to inform you that tomorrow's interview has been cancelled. We will be in touch "
    "with a new date.",
]


@pytest.mark.parametrize("body", REJECTIONS_WITH_OFFER_OR_INVITE_WORDS)
def test_rejection_is_never_labelled_offer_or_next_round(classifier, body) -> None:
    assert label_of(classifier, body) not in ("offer", "next_round")


@pytest.mark.parametrize("body", REJECTIONS_WITH_OFFER_OR_INVITE_WORDS)
def test_rejection_with_offer_words_is_still_recognised_as_rejection(classifier, body) -> None:
    assert label_of(classifier, body) == "rejected"


@pytest.mark.parametrize("body", OFFERS_AND_INVITES_WITH_REJECTION_WORDS)
def test_offer_or_invite_is_never_labelled_rejected(classifier, body) -> None:
    assert label_of(classifier, body) != "rejected"


def test_balanced_offer_and_rejection_abstains(classifier) -> None:
    body = "We'd love to offer you the role. Unfortunately, we've gone with another candidate."
    result = classifier.classify(reply(body), own_email=ME)
    assert result.label == "other"
    assert result.confidence < 0.5


# --- automation, bounces and the candidate's own mail ------------------------------


def test_out_of_office_that_mentions_interviews_and_offers_is_auto_reply(classifier) -> None:
    body = (
        "I'm out of the office until Monday, March 17 with limited access to email. For "
        "interview scheduling or offer questions, contact recruiting@company.example."
    )
    mail = reply(
        body, subject="Automatic reply: Re: Offer", headers={"Auto-Submitted": "auto-replied"}
    )
    result = classifier.classify(mail, own_email=ME)
    assert result.label == "auto_reply"
    assert result.return_date == date(2025, 3, 18)  # "until Monday 17" -> back the next workday


def test_return_date_is_read_from_back_on(classifier) -> None:
    body = "I am on annual leave and will be back on Tuesday, 1 April. Responses will be delayed."
    result = classifier.classify(reply(body, headers={"X-Autoreply": "yes"}), own_email=ME)
    assert result.label == "auto_reply"
    assert result.return_date == date(2025, 4, 1)


def test_human_reply_marked_auto_submitted_no_is_not_automated(classifier) -> None:
    body = (
        "Sorry, I was out of office last week! Could you send me your availability for the "
        "final interview with the team?"
    )
    result = classifier.classify(reply(body, headers={"Auto-Submitted": "no"}), own_email=ME)
    assert result.label == "next_round"


def test_system_rejection_from_unmonitored_mailbox_is_rejected_not_auto_reply(classifier) -> None:
    body = (
        "After careful review, we have decided not to move forward with your application. "
        "This mailbox is not monitored."
    )
    headers = {"Auto-Submitted": "auto-generated"}
    assert label_of(classifier, body, headers=headers) == "rejected"


def test_bounce_is_never_a_human_label(classifier) -> None:
    body = (
        "This is the mail system. Your message could not be delivered to one or more "
        "recipients.\n\n--- original message ---\nWe'd like to offer you the role."
    )
    result = classifier.classify(
        reply(body, subject="Undelivered Mail Returned to Sender",
              sender="Mail Delivery System <MAILER-DAEMON@mx.example.net>"),
        own_email=ME,
    )  # fmt: skip
    assert result.label == "auto_reply"


def test_candidates_own_message_is_other(classifier) -> None:
    body = "Could you send me the offer letter? I'm also happy to share references."
    result = classifier.classify(reply(body, sender=f"Alex Morgan <{ME}>"), own_email=ME)
    assert result.label == "other"


def test_unsure_message_is_other_with_low_confidence(classifier) -> None:
    result = classifier.classify(reply("Got it, thanks."), own_email=ME)
    assert result.label == "other"
    assert result.confidence <= 0.5


def test_empty_or_broken_message_is_other() -> None:
    result = Classifier().classify(parse_message(b"\x00\xff garbage"))
    assert result.label == "other"


# --- extracted details --------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("we expect a decision by Friday, March 14", date(2025, 3, 14)),
        ("I'll have an update for you next week", date(2025, 3, 21)),
        ("we hope to share feedback within two weeks", date(2025, 3, 24)),
        ("I'll let you know by Wednesday", date(2025, 3, 12)),
        ("we expect to decide by the end of the month", date(2025, 3, 31)),
    ],
)
def test_decision_date_is_resolved_against_the_message_date(classifier, sentence, expected) -> None:
    body = f"We're still interviewing and haven't made a decision yet; {sentence}."
    result = classifier.classify(reply(body), own_email=ME)
    assert result.label == "still_interviewing"
    assert result.decision_date == expected


def test_decision_date_needs_a_message_date() -> None:
    body = "No decision yet; we expect one by next week."
    mail = reply(body)
    undated = ParsedMail(**{**mail.__dict__, "date": None})
    assert Classifier().classify(undated).decision_date is None


@pytest.mark.parametrize(
    ("body", "requested"),
    [
        ("Could you send two or three work samples, redacted if needed?", "work samples"),
        ("Please sign and return the attached NDA before we continue.", "an NDA"),
        ("What's your notice period, and when could you start?", "notice period and start date"),
    ],
)
def test_info_request_says_what_was_asked(classifier, body, requested) -> None:
    result = classifier.classify(reply(body), own_email=ME)
    assert result.label == "info_requested"
    assert requested in (result.requested or "")


# --- other languages -------------------------------------------------------------------


FOREIGN_REPLIES = [
    (
        "rejected",
        "Leider müssen wir Ihnen mitteilen, dass wir uns für einen anderen Bewerber "
        "entschieden haben.",
    ),
    (
        "offer",
        "Nous avons le plaisir de vous proposer le poste. Vous trouverez ci-joint la "
        "promesse d'embauche.",
    ),
    ("next_round", "Nos gustaría invitarte a la siguiente entrevista. ¿Qué disponibilidad tienes?"),
    ("still_interviewing", "We hebben nog geen beslissing genomen; we laten het je snel weten."),
    ("info_requested", "Könnten Sie uns bitte Ihre Gehaltsvorstellung mitteilen?"),
]


@pytest.mark.parametrize(("expected", "body"), FOREIGN_REPLIES)
def test_common_phrasings_in_other_languages(classifier, expected, body) -> None:
    assert label_of(classifier, body) == expected


# --- user phrases from config --------------------------------------------------------


def test_user_phrase_extends_a_label() -> None:
    body = "Your file has been archived by the committee."
    assert Classifier().classify(reply(body)).label == "other"
    extended = Classifier({"rejected": ["file has been archived"]})
    result = extended.classify(reply(body))
    assert result.label == "rejected"
    assert "file has been archived" in result.evidence


def test_user_regex_phrase_is_supported() -> None:
    extended = Classifier({"next_round": [r"re:\bcoffee chat\b"]})
    assert extended.classify(reply("Fancy a coffee chat with the team lead?")).label == "next_round"


@pytest.mark.parametrize(
    ("phrases", "message"),
    [
        ({"offer": ["re:(unclosed"]}, "[classifier] offer: phrase 're:(unclosed' is not a valid"),
        ({"rejected": ["re:.*"]}, "[classifier] rejected: phrase 're:.*' matches empty text"),
        ({"hired": ["welcome aboard"]}, "[classifier] hired: unknown label"),
        ({"other": ["!!!"]}, "[classifier] other: phrase '!!!' has no letters"),
    ],
)
def test_bad_user_phrases_are_rejected_at_start_up(phrases, message) -> None:
    with pytest.raises(ConfigError) as caught:
        Classifier(phrases)
    assert message in str(caught.value)


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ConfigError) as caught:
        validate_phrases({"offer": ["re:(", "re:["], "nope": ["abc"]})
    assert str(caught.value).count("[classifier]") == 3


# --- phrase families: the forms a rule set must cover, not one sentence each -------------
# Written for these tests (not copied from any corpus): each case is one member of a family
# of phrasings that the held-out set showed the rules must read.

FAMILY_CASES = [
    # requests for references: modal + you + verb of giving + people; consent; shorthand
    ("references_requested", "pls send 2 refs when u can"),
    (
        "references_requested",
        "Could you send me the contact details of two people who managed you?",
    ),
    ("references_requested", "Who are the best people for us to talk to about your work at Acme?"),
    ("references_requested", "Could you pass along a couple of contacts we could call?"),
    ("references_requested", "Can you connect us with a former manager?"),
    ("references_requested", "We'll need two professional references before we finalize things."),
    (
        "references_requested",
        "Would you be able to add one more? Ideally someone who reported to you.",
    ),
    ("references_requested", "Is it OK if we contact your previous manager at Globex?"),
    ("references_requested", "Can we go ahead and contact the referees you listed?"),
    ("references_requested", "Our partner will email you a link to nominate your referees."),
    (
        "references_requested",
        "Könnten Sie uns die Kontaktdaten von zwei ehemaligen Vorgesetzten schicken?",
    ),
    (
        "references_requested",
        "Nous aimerions contacter deux personnes avec qui vous avez travaillé.",
    ),
    # requests for something else
    ("info_requested", "Hey, can you send over the case study slides from your presentation?"),
    ("info_requested", "Could you tell me briefly what you were doing during that gap?"),
    ("info_requested", "Could you record a 5-minute screen capture walking us through an app?"),
    ("info_requested", "We'll need a copy of your degree certificate and two forms of ID."),
    (
        "info_requested",
        "Wil je het bijgevoegde formulier invullen en een kopie van je paspoort meesturen?",
    ),
    ("info_requested", "Könnten Sie uns noch Ihre Zeugnisse zukommen lassen?"),
    # availability and short invitations
    ("next_round", "u free fri? hiring mgr wants to chat again"),
    ("next_round", "Can you do Thursday at 3pm for a call with the CTO?"),
    ("next_round", "Would you be able to come in next Tuesday to meet the wider team?"),
    (
        "next_round",
        "The panel would like you to attend a second interview. Does Wednesday suit you?",
    ),
    ("next_round", "We'd like to offer you a second interview with the team."),
    ("next_round", "Great news: next step is a conversation with our VP of Engineering."),
    ("next_round", "We'd love to have you back for a technical deep dive with two engineers."),
    ("next_round", "Nos gustaría conocerte en persona la próxima semana."),
    # soft and slang refusals
    ("rejected", "We went another way. Best of luck!"),
    ("rejected", "We have decided to pass on your application at this time."),
    ("rejected", "After debriefing we'll be closing out your application. Thanks for your time."),
    ("rejected", "We've decided to focus on candidates with deeper Kubernetes experience."),
    ("rejected", "They've gone with the internal candidate, gutted for you."),
    ("rejected", "I'm afraid it's a no from the hiring manager this time."),
    ("rejected", "The team felt your experience isn't quite the match we need right now."),
    ("rejected", "The role is on hold indefinitely and we are closing all applications."),
    ("rejected", "Your application will not be progressed further."),
    ("rejected", "I'm sorry to say your candidacy will not be progressed."),
    ("rejected", "Quick update: the job's been filled. Thanks for applying."),
    ("rejected", "In the end they promoted someone internally into the role."),
    ("rejected", "The client pulled the contract, so we're no longer hiring for this position."),
    ("rejected", "Budget got cut and we're not recruiting for that team any more, sorry."),
    ("rejected", "Thanks for your patience; the opening has since been closed."),
    ("rejected", "I'm sorry, we won't be able to offer you a spot on the team."),
    # an interview called off because the role is gone is a no, not a reschedule
    ("rejected", "We've had to cancel Friday's onsite because the role has been filled."),
    ("rejected", "We hired an internal applicant last week, so we have to cancel your call."),
    # a no for one role (or one format) with an invitation for another is the invitation
    (
        "next_round",
        "We went with another candidate for the Lead role, so we won't be moving forward on "
        "that one. The team would love to chat with you about our Analyst opening, though. "
        "Would you be free for a call on Wednesday?",
    ),
    (
        "next_round",
        "Unfortunately we won't be progressing your application for the Manager post. That "
        "said, would you be open to a call about the Senior Associate role next week?",
    ),
    (
        "next_round",
        "We've decided not to proceed with the group exercise; instead we'd like to invite "
        "you to a one-to-one with the director. Which afternoon suits you?",
    ),
    # a former manager's contact details asked for in French
    (
        "references_requested",
        "Nous souhaiterions joindre un de vos anciens managers : pourriez-vous nous "
        "communiquer son numéro ?",
    ),
    # a status still under review, with nothing to do, is no decision yet
    (
        "still_interviewing",
        "Your profile is still under review by the hiring team. No action is required from you.",
    ),
    # no decision yet, said around the edges
    ("still_interviewing", "We aren't able to share a decision yet - the panel meets Friday."),
    (
        "still_interviewing",
        "The role is on hold indefinitely while we revisit budget. This isn't a no.",
    ),
    ("still_interviewing", "We are still in the process of evaluating applicants for the role."),
    (
        "still_interviewing",
        "We have a couple more conversations lined up this week, then we'll regroup.",
    ),
    (
        "still_interviewing",
        "The hiring manager is out sick so the debrief got moved. New target is the 12th.",
    ),
    ("still_interviewing", "Decisions are delayed until she's back on the 14th, sorry!"),
    (
        "still_interviewing",
        "We've interviewed several strong candidates and are weighing our options.",
    ),
    (
        "still_interviewing",
        "Application status: In review. No action is needed from you at this time.",
    ),
    # offers delivered in few words
    ("offer", "Offer letter attached - let me know if any questions!"),
    ("offer", "Good news - you got the job! Paperwork follows from HR."),
    ("offer", "I am pleased to confirm our offer of employment for the position of Analyst."),
    # automatic replies without the usual words
    ("auto_reply", "I'm off until the 5th. Back then!"),
    ("auto_reply", "Travelling this week and checking email only occasionally, back Monday."),
    ("auto_reply", "Ich bin bis zum 10. März nicht erreichbar."),
    # and what is none of these
    (
        "other",
        "Nice to meet you at the meetup! Are you around next week for coffee? Just networking.",
    ),
    ("other", "Congrats on your new role! We'll close out your application on our side."),
    ("other", "We've received your signed offer letter, welcome aboard! IT will be in touch."),
    ("other", "We'd like to offer you some feedback from the panel if that's helpful."),
    ("other", "Please send any questions my way."),
    (
        "other",
        "Thanks for confirming Thursday. Your interview is booked; the invite is on its way.",
    ),
    ("other", "I'll pass on your thanks to the panel."),
    ("other", "Thanks for telling us you're withdrawing. We've closed your application."),
]


@pytest.mark.parametrize(("expected", "body"), FAMILY_CASES)
def test_phrase_family_member_is_read_as_its_label(classifier, expected, body) -> None:
    assert label_of(classifier, body, quoted=QUOTED_CANDIDATE) == expected


SOFT_NO_WITH_LATER_TALK = [
    "We've picked another candidate. However, we'd love to talk with you again if a similar "
    "role opens up.",
    "We won't be moving forward. That said, we'd like to chat with you about future openings.",
    "We've chosen someone else for the role; instead we'd love to speak with you down the road.",
]


@pytest.mark.parametrize("body", SOFT_NO_WITH_LATER_TALK)
def test_a_no_with_talk_of_later_roles_is_never_an_invitation(classifier, body) -> None:
    assert label_of(classifier, body) in ("rejected", "other")


def test_shorthand_is_read_as_the_words_it_stands_for() -> None:
    assert expand_abbreviations("Pls send 2 refs, u free fri? Thx") == (
        "please send 2 references, you free fri? thanks"
    )
    assert expand_abbreviations("U.S. work permit") == "U.S. work permit"


def test_candidates_other_offer_does_not_silence_the_companys_offer(classifier) -> None:
    body = (
        "We'd like to make you an offer for the role at $175k base, which we understand "
        "matches your other offer. I'll send the written version this afternoon."
    )
    assert label_of(classifier, body) == "offer"


def test_negation_reaches_through_auxiliaries_to_a_next_round_cue(classifier) -> None:
    result = classifier.classify(reply("We're not going to be able to move you forward."))
    assert result.label == "rejected"


def test_recruiters_own_not_an_offer_yet_is_read_not_stripped_as_a_footer(classifier) -> None:
    body = (
        "Feedback from your panel was strong. To be clear, this is not an offer yet: we still "
        "need sign-off from finance before anything can go out.\n\nI'll keep you posted."
    )
    assert label_of(classifier, body) == "still_interviewing"


# --- the rules themselves -----------------------------------------------------------------


def test_every_rule_label_is_a_known_label() -> None:
    from treadgently import rules

    assert set(rules.CUES) <= set(LABELS)
    assert set(rules.PRECEDENCE) == set(LABELS)
    assert all(label in LABELS for damper in rules.MESSAGE_DAMPERS for label in damper.labels)


def test_word_gates_never_change_a_result(monkeypatch) -> None:
    """The speed-up that skips regexes must be invisible: same hits with gates switched off."""
    mails = [parse_message(path.read_bytes()) for path in sorted(FIXTURES.glob("*.eml"))]
    gated_runs = [Classifier().analyse(mail, own_email=ME) for mail in mails]
    gated = [run.hits for run in gated_runs]
    monkeypatch.setattr(phrase_index, "gate_literals", lambda pattern: None)
    for cached in (
        classify_module._builtin_cues,
        classify_module._builtin_pattern_set,
        classify_module._vetoes,
        classify_module._clause_vetoes,
        classify_module._request_frames,
        classify_module._dampers,
        classify_module._closings,
        phrase_index.gate_keys,
    ):
        cached.cache_clear()
    try:
        ungated_runs = [Classifier().analyse(mail, own_email=ME) for mail in mails]
        ungated = [run.hits for run in ungated_runs]
    finally:
        monkeypatch.undo()
        for cached in (
            classify_module._builtin_cues,
            classify_module._builtin_pattern_set,
            classify_module._vetoes,
            classify_module._clause_vetoes,
            classify_module._request_frames,
            classify_module._dampers,
            classify_module._closings,
            phrase_index.gate_keys,
        ):
            cached.cache_clear()
    assert {(h.label, h.weight) for hits in gated for h in hits}  # the check is not vacuous
    for with_gate, without_gate in zip(gated, ungated, strict=True):
        assert sorted((h.label, h.weight) for h in with_gate) == sorted(
            (h.label, h.weight) for h in without_gate
        )
    # Gated dampers scale the same labels: the scores and labels agree too.
    assert any("scales" in note for run in gated_runs for note in run.notes)  # not vacuous
    assert [run.scores for run in gated_runs] == [run.scores for run in ungated_runs]


@pytest.mark.parametrize(
    ("pattern", "matching", "unrelated"),
    [
        (r"(?:\bnot|n't) (?:be )?(?:moving|going) forward", "we won't be moving forward", "hello"),
        (r"\bg(?:ood|reat) news\b", "some great news today", "a note"),
        (r"\bout of (?:the )?office\b|\booo\b", "OOO until Monday", "in the office"),
    ],
)
def test_gate_words_are_required_by_the_pattern(pattern, matching, unrelated) -> None:
    import re

    gate = phrase_index.gate_literals(pattern)
    assert gate, "a gate should be found for a pattern with literal words"
    assert re.search(pattern, matching.lower())
    words = {w[:n] for w in re.findall(r"\w+", matching.lower()) for n in range(2, 6)}
    assert not gate.isdisjoint(words)
    other = {w[:n] for w in re.findall(r"\w+", unrelated.lower()) for n in range(2, 6)}
    assert gate.isdisjoint(other)


def test_pattern_without_literal_words_has_no_gate() -> None:
    assert phrase_index.gate_literals(r"\w+ly") is None


# --- the hand-written fixtures as a set -------------------------------------------------------


def fixture_cases() -> list[tuple[str, str]]:
    rows = (
        json.loads(line) for line in (FIXTURES / "labels.jsonl").read_text("utf-8").splitlines()
    )
    return [(row["file"], row["category"]) for row in rows]


@pytest.mark.parametrize(("name", "expected"), fixture_cases())
def test_own_fixture_is_classified_as_labelled(classifier, name, expected) -> None:
    mail = parse_message((FIXTURES / name).read_bytes())
    assert classifier.classify(mail, own_email=ME).label == expected
