"""The one bounded retry helper for calls to Gmail and Google's token endpoint.

Every retry in the product goes through here, so that "how hard do we push a
struggling server" has a single answer: a fixed number of attempts,
exponential backoff with full jitter, and the server's ``Retry-After`` obeyed.
When the attempts run out we raise a TransientError: the poll cycle ends
cleanly and the next poll starts again from the stored state.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

from treadgently.errors import TransientError

log = logging.getLogger(__name__)

T = TypeVar("T")

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
RATE_LIMIT_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded"})


class HttpFailure(TransientError):
    """A request that failed with an HTTP status, or got no answer at all (status None)."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        reason: str = "",
        retry_after: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason
        self.retry_after = retry_after

    @property
    def rate_limited(self) -> bool:
        """429, or the 403 Google uses for per-user and per-project rate limits."""
        return self.status == 429 or (self.status == 403 and self.reason in RATE_LIMIT_REASONS)

    @property
    def retryable(self) -> bool:
        """Worth another try: no answer, a rate limit, or a server-side failure."""
        return self.status is None or self.status in RETRYABLE_STATUSES or self.rate_limited


class RetriesExhausted(TransientError):
    """We tried as often as the policy allows; the next poll tries again."""


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class RetryPolicy:
    """How many attempts, how long to wait; sleep, clock and randomness are injectable for tests."""

    max_attempts: int = 5
    base_delay: float = 1.0
    max_delay: float = 32.0
    max_retry_after: float = 120.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    now: Callable[[], datetime] = field(default=_utcnow, repr=False)
    random: Callable[[], float] = field(default=random.random, repr=False)

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")

    def backoff(self, attempt: int) -> float:
        """Full jitter: uniform in [0, min(max_delay, base * 2**(attempt-1))]."""
        ceiling = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return self.random() * ceiling

    def delay(self, attempt: int, retry_after: str | None) -> float | None:
        """Seconds to wait before the next attempt, or None when the server asks for too long."""
        asked = parse_retry_after(retry_after, self.now())
        if asked is None:
            return self.backoff(attempt)
        if asked > self.max_retry_after:
            return None
        return asked


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """A Retry-After header (delta seconds or an HTTP date) as seconds from now; None if absent."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        log.debug("ignoring unreadable Retry-After %r", text)
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


DEFAULT_POLICY = RetryPolicy()


def call_with_retry(
    call: Callable[[], T],
    *,
    what: str,
    policy: RetryPolicy = DEFAULT_POLICY,
    retry_if: Callable[[HttpFailure], bool] = lambda failure: failure.retryable,
) -> T:
    """Run ``call``; on an HttpFailure that ``retry_if`` accepts, wait and try again, boundedly.

    A failure that ``retry_if`` rejects is re-raised unchanged (the caller knows
    what it means).  Running out of attempts raises RetriesExhausted.
    """
    for attempt in range(1, policy.max_attempts + 1):
        try:
            return call()
        except HttpFailure as failure:
            if not retry_if(failure):
                raise
            wait = wait_before_retry(failure, attempt, policy=policy, what=what)
        policy.sleep(wait)
    raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover


def wait_before_retry(
    failure: HttpFailure, attempt: int, *, policy: RetryPolicy, what: str
) -> float:
    """The delay before attempt ``attempt + 1``, or RetriesExhausted when we should stop now."""
    if attempt >= policy.max_attempts:
        raise RetriesExhausted(
            f"{what}: gave up after {attempt} attempt(s): {failure}"
        ) from failure
    wait = policy.delay(attempt, failure.retry_after)
    if wait is None:
        raise RetriesExhausted(
            f"{what}: the server asked us to wait {failure.retry_after!r}, longer than "
            f"{policy.max_retry_after:.0f}s; trying again at the next poll"
        ) from failure
    log.warning(
        "%s failed (%s); attempt %d of %d, retrying in %.1fs",
        what,
        failure,
        attempt,
        policy.max_attempts,
        wait,
    )
    return wait
