"""Generated hostile MIME through the whole understanding step: parse, classify, confirm."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from test_mail_fuzz import message
from treadgently.classify import Classifier
from treadgently.config import LABELS
from treadgently.confirm import detect_confirmation
from treadgently.mail import parse_message

CLASSIFIER = Classifier({"rejected": ["we chose a different path"]})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(message())
def test_classify_and_confirm_never_raise_on_generated_mime(raw: bytes) -> None:
    mail = parse_message(raw)
    result = CLASSIFIER.classify(mail, own_email="jordan@example.com")
    assert result.label in LABELS
    assert 0.0 <= result.confidence <= 1.0
    confirmation = detect_confirmation(mail, own_email="jordan@example.com")
    assert confirmation is None or confirmation.start is None or confirmation.start.tzinfo
