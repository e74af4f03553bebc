"""The crash harness: one job-search story, run as real ``treadgently poll`` processes.

The story (``STORY``) is the one issue 7 names: an interview confirmation
arrives and is read; eight days later the two follow-ups are due; the user
sends the recruiter's follow-up and the recruiter answers asking for
references; a last quiet poll.  ``World`` holds one sandbox, one state
directory, a config file and an expired token file, so a poll can run
in-process (fast, for setting up and finishing) or as a subprocess (for
killing).

Kill points are deterministic: the sandbox numbers the outer HTTP requests
of the cycle and hangs the k-th one (before its effect, or after it for
writes); the harness SIGKILLs the poll while it hangs, releases the request,
and polls to completion.  ``kill_at`` does one such point and returns the
final ``Outcome``, which must equal the uninterrupted run's.  ``kill_in_store``
does the same between two SQL statements (a test-only proxy around the
store's connection, in the subprocess script below; the product has no hook).

``LONG_STORY`` is three weeks of two applications in 20 polls (a rejection,
drafts the user sends, deletes and edits, an expired history id): the fault
storms run it, and the sweep can too.

Used by tests/test_crash_kill.py (a sample), tests/test_fault_storm.py,
tests/test_hostile_poll.py, tests/test_security.py and bench/crash_sweep.py (every point).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from treadgently.auth import SCOPE_COMPOSE, SCOPE_MODIFY, SCOPE_READONLY, write_private_file
from treadgently.config import Settings, build_settings
from treadgently.gmail import Gmail
from treadgently.poll import run_cycle
from treadgently.report import CycleReport
from treadgently.retry import RetryPolicy
from treadgently.sandbox import Sandbox

USER = "jordan.ellery@example.com"
RECRUITER = "maya.chen@lumenfold.example"
MANAGER = "sam.okafor@lumenfold.example"
INTERVIEW = datetime(2025, 3, 11, 18, 0, tzinfo=UTC)  # 2pm in New York
FOLLOW_UP_SENT = datetime(2025, 3, 20, 13, 30, tzinfo=UTC)
REPLY_AT = datetime(2025, 3, 21, 15, 5, tzinfo=UTC)
INVITATION_ID = "<invite-7f3a9c@lumenfold.example>"
REPLY_ID = "<CAref-22b7d1@mail.lumenfold.example>"
# A sentence only the recruiter's reply contains: it must never reach a log at INFO.
SECRET_SENTENCE = "The committee noted your lighthouse migration story as decisive"
KILL_TIMEOUT = 20.0  # seconds to wait for a poll subprocess to reach a hang
FAST_POLICY = RetryPolicy(max_attempts=4, base_delay=0.001, max_delay=0.01, max_retry_after=0.05)


# ---- the story's mail -------------------------------------------------------------------


def invitation_raw() -> bytes:
    """A calendar invitation: the recruiter organizes, the hiring manager attends."""
    ics = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "PRODID:-//Example Calendar//EN",
            "VERSION:2.0",
            "METHOD:REQUEST",
            "BEGIN:VEVENT",
            "DTSTART;TZID=America/New_York:20250311T140000",
            "DTEND;TZID=America/New_York:20250311T150000",
            "DTSTAMP:20250303T150000Z",
            "UID:7f3a9c@lumenfold.example",
            "SUMMARY:Lumenfold interview: Senior Data Engineer (Jordan Ellery)",
            f"ORGANIZER;CN=Maya Chen:mailto:{RECRUITER}",
            f"ATTENDEE;CN=Sam Okafor;ROLE=REQ-PARTICIPANT:mailto:{MANAGER}",
            f"ATTENDEE;CN=Jordan Ellery;ROLE=REQ-PARTICIPANT:mailto:{USER}",
            "STATUS:CONFIRMED",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )
    return "\r\n".join(
        [
            f"From: Maya Chen <{RECRUITER}>",
            f"To: Jordan Ellery <{USER}>",
            f"Cc: Sam Okafor <{MANAGER}>",
            "Subject: Invitation: Lumenfold interview (Jordan Ellery) @ Tue Mar 11, 2025 2pm"
            " - 3pm (EDT)",
            "Date: Mon, 03 Mar 2025 10:00:00 -0500",
            f"Message-ID: {INVITATION_ID}",
            "MIME-Version: 1.0",
            'Content-Type: multipart/mixed; boundary="b1"',
            "",
            "--b1",
            'Content-Type: text/plain; charset="utf-8"',
            "",
            "Hi Jordan, you are invited to an interview with Sam Okafor, our data platform",
            "lead, on Tuesday March 11 at 2pm Eastern. Looking forward to it!",
            "Maya",
            "",
            "--b1",
            'Content-Type: text/calendar; charset="utf-8"; method=REQUEST',
            "",
            ics,
            "--b1--",
            "",
        ]
    ).encode()


def references_reply_raw(in_reply_to: str, subject: str) -> bytes:
    """The recruiter answers the user's follow-up asking for references."""
    return "\r\n".join(
        [
            f"From: Maya Chen <{RECRUITER}>",
            f"To: Jordan Ellery <{USER}>",
            f"Subject: Re: {subject}",
            "Date: Fri, 21 Mar 2025 11:05:00 -0400",
            f"Message-ID: {REPLY_ID}",
            f"In-Reply-To: {in_reply_to}",
            f"References: {in_reply_to}",
            'Content-Type: text/plain; charset="utf-8"',
            "MIME-Version: 1.0",
            "",
            "Hi Jordan,",
            "",
            "Thanks for following up! Good news: the team would like to move forward to",
            "reference checks. Could you send me the names, titles, email addresses and",
            "phone numbers of three professional references?",
            f"{SECRET_SENTENCE}.",
            "",
            "Best,",
            "Maya",
            "",
        ]
    ).encode()


# ---- the story ------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryStep:
    name: str
    now: datetime
    before: Callable[[Sandbox], None]  # what happens in the mailbox before this poll


def deliver_invitation(box: Sandbox) -> None:
    box.deliver(invitation_raw())


def nothing(box: Sandbox) -> None:
    """No new mail: time alone makes the follow-ups due."""


def user_sends_follow_up_and_recruiter_replies(box: Sandbox) -> None:
    """The user sends our recruiter follow-up from Gmail; the recruiter answers it."""
    to_recruiter = [d for d in box.drafts() if RECRUITER in d.message.header("To").lower()]
    if len(to_recruiter) != 1:
        raise AssertionError(f"expected one draft to the recruiter, found {len(to_recruiter)}")
    draft = to_recruiter[0]
    box.mailbox.clock = lambda: FOLLOW_UP_SENT
    box.user_sends_draft(draft.id)
    box.deliver(
        references_reply_raw(draft.message.header("Message-ID"), draft.message.subject),
        thread_id=draft.thread_id,
        internal_date=REPLY_AT,
    )


Story = tuple[StoryStep, ...]

STORY: Story = (
    StoryStep("confirmation", INTERVIEW + timedelta(hours=4), deliver_invitation),
    StoryStep("follow-ups due", INTERVIEW + timedelta(days=8, hours=1), nothing),
    StoryStep(
        "references requested",
        INTERVIEW + timedelta(days=10, hours=2),
        user_sends_follow_up_and_recruiter_replies,
    ),
    StoryStep("quiet", INTERVIEW + timedelta(days=10, hours=3), nothing),
)


# ---- the long story ------------------------------------------------------------------

OTHER_RECRUITER = "lena.ortiz@brightwater.example"


def day(d: int, hour: int) -> datetime:
    return datetime(2025, 3, d, hour, 0, tzinfo=UTC)


def plain(sender: str, subject: str, body: str, message_id: str, date: str) -> bytes:
    return "\r\n".join(
        [
            f"From: {sender}",
            f"To: Jordan Ellery <{USER}>",
            f"Subject: {subject}",
            f"Date: {date}",
            f"Message-ID: {message_id}",
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="utf-8"',
            "",
            body,
            "",
        ]
    ).encode()


def confirmation_b(box: Sandbox) -> None:
    box.deliver(
        plain(
            f"Lena Ortiz <{OTHER_RECRUITER}>",
            "Interview confirmed: Thursday, March 13",
            "Hi Jordan,\r\n\r\nThis confirms your video interview with the Brightwater analytics"
            " team on\r\nThursday, March 13, 2025 at 11:00 AM Pacific Time.\r\n\r\nBest,\r\n"
            "Lena Ortiz\r\nRecruiter, Brightwater",
            "<conf-b1@brightwater.example>",
            "Wed, 12 Mar 2025 02:00:00 -0700",
        ),
        internal_date=day(12, 9),
    )


def noise(number: int, subject: str = "") -> Callable[[Sandbox], None]:
    """Unrelated mail (a digest), so a poll has something to triage."""

    def arrive(box: Sandbox) -> None:
        box.deliver(
            plain(
                "Weekly Digest <news@digest.example>",
                subject or f"Your weekly digest #{number}",
                f"Issue {number}: gardening, bread, and five ways to fix a bike chain.",
                f"<digest-{number}@digest.example>",
                "Sat, 15 Mar 2025 08:00:00 +0000",
            ),
            internal_date=day(11, 23) + timedelta(days=number),
        )

    return arrive


def drafts_to(box: Sandbox, address: str) -> list:
    return [d for d in box.drafts() if address in d.message.header("To").lower()]


def user_sends_recruiter_draft_and_deletes_thank_you(box: Sandbox) -> None:
    [to_recruiter] = drafts_to(box, RECRUITER)
    box.user_sends_draft(to_recruiter.id)
    [thank_you] = drafts_to(box, "sam.okafor@lumenfold.example")
    box.user_deletes_draft(thank_you.id)


def history_expires(box: Sandbox) -> None:
    box.faults.expire_history()
    noise(9)(box)


def recruiter_asks_for_references(box: Sandbox) -> None:
    sent = [m for m in box.messages() if "SENT" in m.label_ids]
    follow_up = sent[-1]
    box.deliver(
        references_reply_raw(follow_up.header("Message-ID"), follow_up.subject),
        thread_id=follow_up.thread_id,
        internal_date=day(21, 15),
    )


def user_edits_reply_draft(box: Sandbox) -> None:
    replies = [d for d in drafts_to(box, RECRUITER) if d.message.subject.startswith("Re:")]
    [reply] = replies
    edited = reply.message.raw.replace(b"Hi Maya,", b"Hi Maya, thanks so much!", 1)
    box.user_edits_draft(reply.id, edited)


def brightwater_rejects(box: Sandbox) -> None:
    box.deliver(
        plain(
            f"Lena Ortiz <{OTHER_RECRUITER}>",
            "Your application at Brightwater",
            "Hi Jordan,\r\n\r\nThank you for taking the time to interview with us. After careful"
            " consideration we have\r\ndecided to move forward with another candidate whose"
            " experience more closely matches our needs.\r\n\r\nWe wish you the best in your"
            " search.\r\nLena",
            "<rej-b1@brightwater.example>",
            "Mon, 24 Mar 2025 09:12:00 -0700",
        ),
        internal_date=day(24, 16),
    )


# Three weeks of two applications in 20 polls (the fault storms' schedule).
LONG_STORY: Story = (
    StoryStep("A invitation", day(11, 22), deliver_invitation),
    StoryStep("B confirmation", day(12, 10), confirmation_b),
    StoryStep("digest 2", day(13, 22), noise(2)),
    StoryStep("interview tips", day(14, 22), noise(3, "Interview tips for the spring season")),
    StoryStep("quiet 4", day(15, 22), nothing),
    StoryStep("digest 5", day(16, 22), noise(5)),
    StoryStep("quiet 6", day(17, 22), nothing),
    StoryStep("A follow-ups due", day(18, 22), nothing),
    StoryStep("user sends, deletes", day(19, 10), user_sends_recruiter_draft_and_deletes_thank_you),
    StoryStep("history expires", day(19, 22), history_expires),
    StoryStep("B follow-up due", day(20, 22), nothing),
    StoryStep("A asks references", day(21, 16), recruiter_asks_for_references),
    StoryStep("quiet 12", day(22, 10), nothing),
    StoryStep("user edits reply", day(22, 22), user_edits_reply_draft),
    StoryStep("digest 14", day(23, 22), noise(14)),
    StoryStep("B rejects", day(24, 17), brightwater_rejects),
    StoryStep("quiet 16", day(25, 10), nothing),
    StoryStep("digest 17", day(25, 22), noise(17)),
    StoryStep("quiet 18", day(26, 10), nothing),
    StoryStep("quiet 19", day(26, 22), nothing),
)


# ---- a world: a sandbox, a state directory, a config ----------------------------------


class World:
    """One sandbox and one state directory; polls run in-process or as a subprocess."""

    def __init__(
        self,
        box: Sandbox,
        root: Path,
        *,
        label_threads: bool = False,
        database: Path | None = None,
        story: Story | None = None,
    ):
        self.story = story or STORY
        self.box = box
        self.root = root
        self.state = root / "state"
        self.database = database or self.state / "state.db"
        self.token_file = self.state / "token.json"
        self.config_path = root / "config.toml"
        self.label_threads = label_threads
        self.step = 0  # the next story step
        self.settings = self._write_config()
        self._write_token()

    def _config(self) -> dict:
        return {
            "candidate": {"name": "Jordan Ellery", "email": USER},
            "references": [
                {"name": "Ada Byrne", "title": "Engineering Manager", "email": "ada@example.org"}
            ],
            "storage": {"database": str(self.database)},
            "gmail": {
                "api_endpoint": self.box.url,
                "token_uri": self.box.token_url,
                "token_file": str(self.token_file),
                "client_secrets_file": str(self.root / "client_secret.json"),
                "label_threads": self.label_threads,
            },
            "policy": {"timezone": "America/New_York"},
        }

    def _write_config(self) -> Settings:
        config = self._config()
        lines = []
        for section, values in config.items():
            if section == "references":
                continue
            lines.append(f"[{section}]")
            lines.extend(f"{key} = {json.dumps(value)}" for key, value in values.items())
            lines.append("")
        for reference in config["references"]:
            lines.append("[[references]]")
            lines.extend(f"{key} = {json.dumps(value)}" for key, value in reference.items())
            lines.append("")
        self.config_path.write_text("\n".join(lines))
        return build_settings(config, self.config_path)

    def _write_token(self) -> None:
        """google-auth's authorized-user JSON, expired, so a subprocess refreshes first."""
        scopes = [SCOPE_READONLY, SCOPE_COMPOSE, *([SCOPE_MODIFY] if self.label_threads else [])]
        info = {
            "type": "authorized_user",
            "token": "expired-access-token",
            "refresh_token": "sandbox-refresh-token",
            "client_id": "sandbox-client.apps.googleusercontent.com",
            "client_secret": "sandbox-secret",
            "token_uri": self.box.token_url,
            "scopes": scopes,
            "expiry": "2000-01-01T00:00:00Z",
        }
        write_private_file(self.token_file, json.dumps(info).encode())

    # ---- polling ------------------------------------------------------------------

    def gmail(self, policy: RetryPolicy = FAST_POLICY) -> Gmail:
        return Gmail.for_endpoint(self.box.url, policy=policy, label_threads=self.label_threads)

    def poll(self, now: datetime, gmail: Gmail | None = None) -> CycleReport:
        """One cycle in this process."""
        own = gmail is None
        adapter = gmail or self.gmail()
        try:
            return run_cycle(self.settings, now=now, gmail=adapter)
        finally:
            if own:
                adapter.close()

    def arrive(self, step: StoryStep) -> None:
        self.box.mailbox.clock = lambda: step.now
        step.before(self.box)

    def play(self, until: int) -> None:
        """Run story steps (mail, then a poll) up to, not including, ``until``."""
        while self.step < until:
            step = self.story[self.step]
            self.arrive(step)
            self.poll(step.now)
            self.step += 1

    def finish(self, *, resume_step: int) -> None:
        """Poll to completion after an interruption: the interrupted step again, then the rest."""
        self.poll(self.story[resume_step].now)
        self.step = resume_step + 1
        self.play(len(self.story))

    def start_poll(
        self, now: datetime, *, script: str | None = None, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        """``python -m treadgently --config FILE poll --now ISO`` (or a wrapping script).

        Its stdout (the CLI's report) goes to ``poll.out``, its log (stderr) to ``poll.log``.
        """
        args = ["--config", str(self.config_path), "poll", "--now", now.isoformat()]
        if script is None:
            command = [sys.executable, "-m", "treadgently", *args]
        else:
            command = [sys.executable, "-c", script, *args]
        with (self.root / "poll.out").open("ab") as out, (self.root / "poll.log").open("ab") as log:
            return subprocess.Popen(
                command, stdout=out, stderr=log, cwd=self.root, env={**os.environ, **(env or {})}
            )

    def poll_subprocess(self, now: datetime, *, timeout: float = 60.0) -> int:
        child = self.start_poll(now)
        return child.wait(timeout=timeout)

    # ---- what happened ------------------------------------------------------------

    def outcome(self) -> Outcome:
        return outcome_of(self.box, self.database)

    def log_tail(self, lines: int = 30) -> str:
        path = self.root / "poll.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


@contextmanager
def world(
    *, label_threads: bool = False, database: str | None = None, story: Story | None = None
) -> Iterator[World]:
    """A fresh sandbox and state directory, cleaned up afterwards.

    ``database`` is a path relative to the world's root (default ``state/state.db``).
    """
    with (
        tempfile.TemporaryDirectory(prefix="treadgently-crash-") as folder,
        Sandbox(user_email=USER, clock=lambda: (story or STORY)[0].now) as box,
    ):
        root = Path(folder)
        yield World(
            box,
            root,
            label_threads=label_threads,
            database=root / database if database else None,
            story=story,
        )


# ---- comparing outcomes -----------------------------------------------------------------


@dataclass(frozen=True)
class DraftSeen:
    """A draft as the user sees it, with the thread named by its first message's Message-ID."""

    message_id: str
    to: str
    subject: str
    thread: str  # Message-ID of the thread's first other message, or "(new thread)"
    step: str  # from the state, "" if the state does not know the draft


@dataclass(frozen=True)
class Outcome:
    drafts: tuple[DraftSeen, ...]  # in Gmail, sorted
    duplicates: tuple[str, ...]  # Message-IDs that appear on more than one draft
    draft_states: tuple[tuple[str, str, str, str], ...]  # (key, step, status, to) in the state
    messages: tuple[tuple[str, str, str], ...]  # (Message-ID, direction, label) recorded
    stages: tuple[tuple[str, str], ...]  # (company, stage)
    sent_to: tuple[str, ...]  # recipients of mail the user sent (from Gmail)

    def as_the_user_sees_it(self) -> tuple[object, ...]:
        """What issue 7 compares: drafts in Gmail, duplicates, every reply and its label.

        The full ``Outcome`` adds each draft's status in the state, which records
        *who* removed a draft; a kill between Gmail deleting a draft and the state
        saying so reads "deleted" (by the user) instead of "removed" (by us).
        """
        return (self.drafts, self.duplicates, self.messages, self.stages, self.sent_to)


def thread_name(box: Sandbox, thread_id: str, draft_message: str) -> str:
    others = [m for m in box.threads().get(thread_id, []) if m != draft_message]
    for message_id in others:
        message = box.message(message_id)
        if "DRAFT" not in message.label_ids:
            return message.header("Message-ID")
    return "(new thread)"


def outcome_of(box: Sandbox, database: Path) -> Outcome:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        states = connection.execute(
            "SELECT key, step, status, to_email, gmail_message_id FROM drafts ORDER BY key"
        ).fetchall()
        messages = connection.execute(
            "SELECT message_id_header, direction, COALESCE(label, '') FROM messages"
            " WHERE application_id IS NOT NULL ORDER BY message_id_header"
        ).fetchall()
        stages = connection.execute(
            "SELECT company, stage FROM applications ORDER BY company"
        ).fetchall()
    finally:
        connection.close()
    step_by_gmail_id = {row[4]: row[1] for row in states if row[4]}
    seen = []
    ids: list[str] = []
    for draft in box.drafts():
        header = draft.message.header("Message-ID")
        ids.append(header)
        seen.append(
            DraftSeen(
                message_id=header,
                to=draft.message.header("To"),
                subject=draft.message.subject,
                thread=thread_name(box, draft.thread_id, draft.message.id),
                step=step_by_gmail_id.get(draft.message.id, ""),
            )
        )
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    sent = sorted(m.header("To") for m in box.messages() if "SENT" in m.label_ids)
    return Outcome(
        drafts=tuple(sorted(seen, key=lambda d: (d.message_id, d.to))),
        duplicates=tuple(duplicates),
        draft_states=tuple((r[0], r[1], r[2], r[3]) for r in states),
        messages=tuple((r[0], r[1], r[2]) for r in messages),
        stages=tuple((r[0], r[1]) for r in stages),
        sent_to=tuple(sent),
    )


def uninterrupted_outcome(
    *, label_threads: bool = False, story: Story | None = None
) -> tuple[Outcome, list[int]]:
    """The story without faults, and how many outer HTTP requests each poll makes as a process."""
    counts = []
    with world(label_threads=label_threads, story=story) as w:
        for index, step in enumerate(w.story):
            w.arrive(step)
            before = w.box.request_count
            code = w.poll_subprocess(step.now)
            if code != 0:
                raise AssertionError(f"poll {index} exited {code}: {w.log_tail()}")
            counts.append(w.box.request_count - before)
        return w.outcome(), counts


def methods_of_step(
    step_index: int, *, label_threads: bool = False, story: Story | None = None
) -> list[str]:
    """The outer requests (Gmail method names) a fault-free poll of this step makes."""
    with world(label_threads=label_threads, story=story) as w:
        w.play(step_index)
        w.arrive(w.story[step_index])
        w.box.reset_log()
        code = w.poll_subprocess(w.story[step_index].now)
        if code != 0:
            raise AssertionError(f"poll exited {code}")
        return [r.api_method for r in w.box.requests if not r.batch_part]


# ---- one kill point -----------------------------------------------------------------------


@dataclass(frozen=True)
class KillPoint:
    step: int  # index into the story
    k: int  # the k-th outer request of that poll
    after_apply: bool = False


@dataclass(frozen=True)
class KillResult:
    point: KillPoint
    killed: bool  # False: the poll ended before request k (it ran to completion)
    outcome: Outcome


def kill_at(
    point: KillPoint, *, label_threads: bool = False, story: Story | None = None
) -> KillResult:
    """Run the story, SIGKILL the poll of ``point.step`` at request k, then poll to completion."""
    with world(label_threads=label_threads, story=story) as w:
        w.play(point.step)
        step = w.story[point.step]
        w.arrive(step)
        box = w.box
        if point.after_apply:
            box.faults.hang_after_apply_at(point.k)
        else:
            box.faults.hang_at(point.k)
        child = w.start_poll(step.now)
        killed = False
        try:
            while child.poll() is None:
                if box.wait_for_hang(timeout=0.05):
                    child.send_signal(signal.SIGKILL)
                    child.wait(timeout=KILL_TIMEOUT)
                    killed = True
                    break
            else:
                if child.returncode != 0:
                    raise AssertionError(f"poll exited {child.returncode}: {w.log_tail()}")
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            box.release()
        w.finish(resume_step=point.step)
        return KillResult(point, killed, w.outcome())


# ---- a kill between two SQL statements -------------------------------------------------

# Test-only: this script wraps the store's sqlite3 connection in a proxy that
# counts the statements the poll executes and SIGKILLs its own process just
# before the n-th one, saying on stderr whether a transaction was open.  The
# product has no hook for this.
STORE_KILL_SCRIPT = """
import os, signal, sys
from treadgently import store as store_module
from treadgently.cli import main

KILL_BEFORE = int(os.environ["TREADGENTLY_TEST_KILL_BEFORE_STATEMENT"])
count = [0]

class KillingConnection:
    def __init__(self, connection):
        self._connection = connection

    def execute(self, sql, *params):
        count[0] += 1
        if count[0] == KILL_BEFORE:
            inside = self._connection.in_transaction
            os.write(2, f"STORE-KILL {KILL_BEFORE} in_transaction={inside}\\n".encode())
            os.kill(os.getpid(), signal.SIGKILL)
        return self._connection.execute(sql, *params)

    def __getattr__(self, name):
        return getattr(self._connection, name)

original_init = store_module.Store.__init__

def init(self, connection, path):
    original_init(self, KillingConnection(connection), path)

store_module.Store.__init__ = init
sys.exit(main(sys.argv[1:]))
"""


@dataclass(frozen=True)
class StoreKillResult:
    step: int
    statement: int
    killed: bool  # False: the poll ran fewer statements and finished
    in_transaction: bool  # the kill fell between two statements of one transaction
    integrity: str  # PRAGMA integrity_check right after the kill
    outcome: Outcome


def kill_in_store(
    step_index: int, statement: int, *, label_threads: bool = False, story: Story | None = None
) -> StoreKillResult:
    """SIGKILL the poll of a story step before its n-th SQL statement, then poll to completion."""
    with world(label_threads=label_threads, story=story) as w:
        w.play(step_index)
        step = w.story[step_index]
        w.arrive(step)
        child = w.start_poll(
            step.now,
            script=STORE_KILL_SCRIPT,
            env={"TREADGENTLY_TEST_KILL_BEFORE_STATEMENT": str(statement)},
        )
        code = child.wait(timeout=60)
        killed = code == -signal.SIGKILL
        if not killed and code != 0:
            raise AssertionError(f"poll exited {code}: {w.log_tail()}")
        marker = f"STORE-KILL {statement} in_transaction=True"
        in_transaction = killed and marker in w.log_tail()
        checked = integrity(w.database)
        w.finish(resume_step=step_index)
        return StoreKillResult(step_index, statement, killed, in_transaction, checked, w.outcome())


def integrity(database: Path) -> str:
    """SQLite's own check of the file: "ok" or a list of problems."""
    connection = sqlite3.connect(database)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()
