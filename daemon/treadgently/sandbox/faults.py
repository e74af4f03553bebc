"""Fault injection: the failures real Gmail produces, on demand and deterministically.

Rules are consulted in the order they were added, once per request:

* ``fail_next(status, n, method=...)``: 429 (with Retry-After), 500, 502, 503;
* ``rate_limit_next(n)``: a 403 with Gmail's ``userRateLimitExceeded`` JSON;
* ``delay_next(seconds, n)``: a slow answer;
* ``drop_next(n, after_apply=False)``: close the socket without an answer.
  httplib2 silently re-sends a request whose connection was dropped before any
  answer *once*, so one drop is invisible to googleapiclient; drop two in a row
  to surface an error.  ``after_apply=True`` stores the effect first (the draft
  exists, the client never hears so);
* ``random(rate, seed)``: a seeded storm mixing the kinds above;
* ``expire_history()``: every history id handed out so far answers 404;
* ``hang_at(k)`` / ``hang_after_apply_at(k)``: the k-th outer HTTP request from
  now blocks (before, or after, its effect is applied) until ``release()``;
  ``wait_for_hang(timeout)`` lets a crash harness kill its client meanwhile;
* ``revoke_token()``: the token endpoint answers ``invalid_grant``.

A rule without ``method`` applies to outer HTTP requests (a whole batch counts
as one).  A rule naming a method (``"drafts.create"`` or the full
``"gmail.users.drafts.create"``; ``"batch"``, ``"oauth2.token"``) applies to
plain requests of that method and to batch parts of that method.
"""

from __future__ import annotations

import logging
import random as random_module
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

logger = logging.getLogger(__name__)

STORM_KINDS = ("429", "500", "503", "drop", "delay")
_PART_KINDS = {"429", "500", "502", "503", "403"}


@dataclass(frozen=True)
class Fault:
    kind: str  # status | drop | delay
    status: int = 0
    reason: str = ""
    retry_after: int | None = None
    seconds: float = 0.0
    after_apply: bool = False


@dataclass
class _Rule:
    fault: Fault
    remaining: int
    method: str | None


@dataclass(frozen=True)
class InjectedFault:
    """What was injected where, so a test can say which faults its client met."""

    number: int
    api_method: str
    fault: Fault


def _method_matches(wanted: str | None, api_method: str, batch_part: bool) -> bool:
    if wanted is None:
        return not batch_part
    return api_method == wanted or api_method.endswith("." + wanted)


def status_fault(status: int, retry_after: int | None = None) -> Fault:
    reasons = {
        429: "rateLimitExceeded",
        403: "userRateLimitExceeded",
        500: "backendError",
        502: "badGateway",
        503: "backendError",
        504: "backendError",
    }
    if status == 429 and retry_after is None:
        retry_after = 1
    return Fault(
        "status", status=status, reason=reasons.get(status, "backendError"), retry_after=retry_after
    )


class Faults:
    def __init__(self, expire_history: Callable[[], None]):
        self._expire_history = expire_history
        self._lock = threading.Lock()
        self._rules: list[_Rule] = []
        self._storm: _Storm | None = None
        self.injected: list[InjectedFault] = []
        self.token_revoked = False
        self._hang_number: int | None = None
        self._hang_after_apply = False
        self._hanging = threading.Event()
        self._released = threading.Event()
        self.hanging_number: int | None = None
        self.request_count = 0  # outer HTTP requests that arrived so far

    def arrive(self) -> int:
        """Count an arriving outer HTTP request; its number is what ``hang_at`` refers to."""
        with self._lock:
            self.request_count += 1
            return self.request_count

    # ---- configuring -----------------------------------------------------

    def _add(self, fault: Fault, n: int, method: str | None) -> None:
        if n < 1:
            raise ValueError("n must be at least 1")
        with self._lock:
            self._rules.append(_Rule(fault, n, method))

    def fail_next(
        self, status: int, n: int = 1, *, method: str | None = None, retry_after: int | None = None
    ) -> None:
        """Answer the next n matching requests with this HTTP status and Gmail's error JSON."""
        self._add(status_fault(status, retry_after), n, method)

    def rate_limit_next(self, n: int = 1, *, method: str | None = None) -> None:
        self._add(status_fault(403), n, method)

    def delay_next(self, seconds: float, n: int = 1, *, method: str | None = None) -> None:
        self._add(Fault("delay", seconds=seconds), n, method)

    def drop_next(
        self, n: int = 1, *, method: str | None = None, after_apply: bool = False
    ) -> None:
        self._add(Fault("drop", after_apply=after_apply), n, method)

    def random(
        self,
        rate: float = 0.3,
        seed: int = 0,
        *,
        kinds: Sequence[str] = STORM_KINDS,
        delay: float = 0.2,
        retry_after: int = 1,
        batch_parts: bool = False,
        include_token: bool = False,
    ) -> None:
        """A seeded storm: each request fails with probability ``rate``, kind drawn from ``kinds``.

        Kinds: "429", "403" (rate limit), "500", "502", "503", "drop",
        "drop_after_apply", "delay".  With ``batch_parts`` the status kinds also
        hit individual parts of a batch, as Gmail does under load.
        """
        unknown = set(kinds) - (_PART_KINDS | {"drop", "drop_after_apply", "delay"})
        if unknown or not 0 <= rate <= 1:
            raise ValueError(f"bad storm: rate={rate} unknown kinds={sorted(unknown)}")
        with self._lock:
            self._storm = _Storm(
                rate=rate,
                rng=random_module.Random(seed),
                kinds=tuple(kinds),
                delay=delay,
                retry_after=retry_after,
                batch_parts=batch_parts,
                include_token=include_token,
            )

    def expire_history(self) -> None:
        self._expire_history()

    def revoke_token(self, revoked: bool = True) -> None:
        self.token_revoked = revoked

    def clear(self) -> None:
        """No more faults: rules, storm, token revocation and any pending or current hang."""
        with self._lock:
            self._rules.clear()
            self._storm = None
            self.token_revoked = False
            self._hang_number = None
        self.release()

    # ---- hangs, for the crash harness ------------------------------------

    def hang_at(self, k: int) -> int:
        """Hang the k-th outer HTTP request from now (1 = the next) before it takes effect.

        Returns the absolute request number that will hang (see ``Sandbox.request_count``).
        """
        return self._arm_hang(k, after_apply=False)

    def hang_after_apply_at(self, k: int) -> int:
        """Like ``hang_at`` but the request's effect is stored first: only the answer is held."""
        return self._arm_hang(k, after_apply=True)

    def _arm_hang(self, k: int, *, after_apply: bool) -> int:
        if k < 1:
            raise ValueError("k must be at least 1")
        with self._lock:
            self._hang_number = self.request_count + k
            self._hang_after_apply = after_apply
            self._hanging.clear()
            self._released.clear()
            return self._hang_number

    def wait_for_hang(self, timeout: float) -> bool:
        return self._hanging.wait(timeout)

    def release(self) -> None:
        """Let a hanging request go on and disarm a hang not reached yet.

        A harness calls this after killing its client, or when the run ended
        with fewer requests than k (``wait_for_hang`` returned False).
        """
        with self._lock:
            self._hang_number = None
            self._released.set()

    def hang_if_due(self, number: int, *, applied: bool) -> bool:
        """Block the request with this number if a hang is armed for it; True if it hung."""
        with self._lock:
            due = self._hang_number == number and self._hang_after_apply == applied
            if due:
                self._hang_number = None
                self.hanging_number = number
        if not due:
            return False
        logger.info(
            "sandbox request %s hangs (%s its effect)", number, "after" if applied else "before"
        )
        self._hanging.set()
        self._released.wait()
        with self._lock:
            self.hanging_number = None
            self._hanging.clear()
        return True

    # ---- deciding --------------------------------------------------------

    def decide(self, number: int, api_method: str, *, batch_part: bool = False) -> Fault | None:
        with self._lock:
            fault = self._from_rules(api_method, batch_part)
            if fault is None and self._storm is not None:
                fault = self._storm.draw(api_method, batch_part)
            if fault is not None:
                self.injected.append(InjectedFault(number, api_method, fault))
        if fault is not None:
            logger.debug("sandbox injects %s into request %s (%s)", fault, number, api_method)
        return fault

    def _from_rules(self, api_method: str, batch_part: bool) -> Fault | None:
        for rule in self._rules:
            if rule.remaining > 0 and _method_matches(rule.method, api_method, batch_part):
                rule.remaining -= 1
                return rule.fault
        return None


@dataclass
class _Storm:
    rate: float
    rng: random_module.Random
    kinds: tuple[str, ...]
    delay: float
    retry_after: int
    batch_parts: bool
    include_token: bool

    def draw(self, api_method: str, batch_part: bool) -> Fault | None:
        if batch_part and not self.batch_parts:
            return None
        if api_method == "oauth2.token" and not self.include_token:
            return None
        kinds = [k for k in self.kinds if k in _PART_KINDS] if batch_part else list(self.kinds)
        if not kinds or self.rng.random() >= self.rate:
            return None
        kind = self.rng.choice(kinds)
        if kind == "drop":
            return Fault("drop")
        if kind == "drop_after_apply":
            return Fault("drop", after_apply=True)
        if kind == "delay":
            return Fault("delay", seconds=self.delay)
        return status_fault(int(kind), self.retry_after if kind == "429" else None)
