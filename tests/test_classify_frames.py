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
