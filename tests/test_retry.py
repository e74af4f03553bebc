"""The bounded retry helper: which failures it retries, how long it waits, and that it stops."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from treadgently.errors import TransientError
from treadgently.retry import (
    HttpFailure,
    RetriesExhausted,
    RetryPolicy,
    call_with_retry,
    parse_retry_after,
)

NOW = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)


def make_policy(sleeps: list[float], **overrides) -> RetryPolicy:
    settings = {
        "max_attempts": 4,
        "base_delay": 1.0,
        "max_delay": 8.0,
        "max_retry_after": 60.0,
        "sleep": sleeps.append,
        "now": lambda: NOW,
        "random": lambda: 1.0,
    }
    settings.update(overrides)
    return RetryPolicy(**settings)


class Flaky:
    """Fails with the given failures in turn, then answers."""

    def __init__(self, *failures: BaseException, answer: str = "ok") -> None:
        self.failures = list(failures)
        self.calls = 0
        self.answer = answer

    def __call__(self) -> str:
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return self.answer


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (429, ""),
        (500, ""),
        (502, ""),
        (503, ""),
        (504, ""),
        (403, "rateLimitExceeded"),
        (403, "userRateLimitExceeded"),
        (None, ""),
    ],
)
def test_retryable_failures_are_retried_until_the_call_succeeds(status, reason):
    sleeps: list[float] = []
    call = Flaky(HttpFailure("boom", status=status, reason=reason))
    assert call_with_retry(call, what="test", policy=make_policy(sleeps)) == "ok"
    assert call.calls == 2
    assert len(sleeps) == 1


@pytest.mark.parametrize(
    ("status", "reason"), [(400, ""), (401, ""), (403, "insufficientPermissions"), (404, "")]
)
def test_client_errors_are_raised_at_once_without_sleeping(status, reason):
    sleeps: list[float] = []
    call = Flaky(HttpFailure("nope", status=status, reason=reason))
    with pytest.raises(HttpFailure) as caught:
        call_with_retry(call, what="test", policy=make_policy(sleeps))
    assert caught.value.status == status
    assert call.calls == 1
    assert sleeps == []


def test_other_exceptions_pass_through_untouched():
    call = Flaky(KeyError("not an HTTP problem"))
    with pytest.raises(KeyError):
        call_with_retry(call, what="test", policy=make_policy([]))
    assert call.calls == 1


def test_gives_up_after_max_attempts_with_a_transient_error():
    sleeps: list[float] = []
    failures = [HttpFailure("busy", status=503) for _ in range(10)]
    call = Flaky(*failures)
    with pytest.raises(RetriesExhausted) as caught:
        call_with_retry(call, what="messages.list", policy=make_policy(sleeps))
    assert isinstance(caught.value, TransientError)
    assert "messages.list" in str(caught.value)
    assert call.calls == 4
    assert len(sleeps) == 3


def test_backoff_doubles_up_to_the_ceiling_with_full_jitter():
    sleeps: list[float] = []
    policy = make_policy(sleeps, max_attempts=6, random=lambda: 1.0)
    call = Flaky(*[HttpFailure("busy", status=500) for _ in range(5)])
    call_with_retry(call, what="test", policy=policy)
    assert sleeps == [1.0, 2.0, 4.0, 8.0, 8.0]


def test_jitter_scales_the_wait_down():
    sleeps: list[float] = []
    policy = make_policy(sleeps, random=lambda: 0.25)
    call_with_retry(Flaky(HttpFailure("x", status=500)), what="t", policy=policy)
    assert sleeps == [0.25]


def test_retry_after_seconds_is_obeyed_instead_of_the_backoff():
    sleeps: list[float] = []
    call = Flaky(HttpFailure("slow down", status=429, retry_after="7"))
    call_with_retry(call, what="test", policy=make_policy(sleeps))
    assert sleeps == [7.0]


def test_retry_after_http_date_is_obeyed():
    sleeps: list[float] = []
    when = format_datetime(NOW + timedelta(seconds=12), usegmt=True)
    call = Flaky(HttpFailure("slow down", status=503, retry_after=when))
    call_with_retry(call, what="test", policy=make_policy(sleeps))
    assert sleeps == [12.0]


def test_retry_after_longer_than_the_cap_gives_up_instead_of_hammering():
    sleeps: list[float] = []
    call = Flaky(HttpFailure("come back tomorrow", status=429, retry_after="86400"))
    with pytest.raises(RetriesExhausted, match="86400"):
        call_with_retry(call, what="test", policy=make_policy(sleeps))
    assert sleeps == []
    assert call.calls == 1


def test_retry_if_narrows_what_is_retried():
    """Writes pass a stricter predicate: only rate limits are retried."""
    sleeps: list[float] = []
    call = Flaky(HttpFailure("lost", status=503))
    with pytest.raises(HttpFailure):
        call_with_retry(
            call,
            what="drafts.create",
            policy=make_policy(sleeps),
            retry_if=lambda failure: failure.rate_limited,
        )
    assert call.calls == 1


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("0", 0.0),
        ("30", 30.0),
        ("Mon, 03 Mar 2025 12:01:00 GMT", 60.0),
        ("Mon, 03 Mar 2025 11:00:00 GMT", 0.0),  # in the past: no wait
        ("soon", None),
    ],
)
def test_parse_retry_after(header, expected):
    assert parse_retry_after(header, NOW) == expected


def test_policy_refuses_zero_attempts():
    with pytest.raises(ValueError):
        RetryPolicy(max_attempts=0)
