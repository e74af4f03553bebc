"""Memory benchmark for `treadgently run`: does the resident set stay flat over 200 polls?

Runs the real daemon loop (``treadgently.daemon.run_daemon``: scheduler, worker
thread, lock, memory release after each cycle) around the real poll engine
(``treadgently.poll.run_cycle``) against the loopback Gmail sandbox.  Each
poll is one simulated hour; the interval is shrunk to milliseconds so the run
takes seconds.  The mailbox keeps living meanwhile: interview confirmations
(with ICS invites) at the start, then every few hours a recruiter's reply in
one of those threads or an unrelated newsletter, so polls parse, classify and
draft rather than idle.  After 200 simulated hours the first follow-ups come
due, so drafts are made too.  After the last poll the bench sends itself
SIGTERM, as ``systemctl stop`` would.

VmRSS comes from /proc/self/status after a full garbage collection.  The
figure the issue asks for is the growth between the end of the warm-up poll
and the end of the last of the 200 polls after it: the warm-up pays one-time
costs (imports, the discovery document, the template environment).  The growth
from before the first poll is printed too.  The sandbox runs in this process;
its request log is cleared after every poll, its mailbox (a few dozen
messages) stays and is counted.

    python bench/memory_run.py [--polls 200] [--limit-mb 5]

Exits 1 when a poll failed or the growth reaches the limit.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email import policy as email_policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from treadgently.config import Settings, load_settings
from treadgently.daemon import run_daemon
from treadgently.sandbox import Sandbox

CANDIDATE = ("Ada Lovelace", "ada.lovelace@example.net")
COMPANIES = (
    ("Northwind Analytics", "northwind-analytics.com", "Priya Raman"),
    ("Contoso Robotics", "contoso-robotics.com", "Marcus Lee"),
    ("Fabrikam Health", "fabrikam-health.com", "Elena Petrova"),
    ("Tailspin Logistics", "tailspin-logistics.com", "Sam Okafor"),
    ("Litware Energy", "litware-energy.com", "Hannah Weiss"),
)
REPLIES = (
    "Thank you for your patience. We are still interviewing other candidates and "
    "expect to make a decision within the next two weeks.",
    "The team enjoyed meeting you. Could you send us the names and contact details "
    "of two professional references?",
    "Thank you for taking the time to interview with us. After careful consideration "
    "we have decided to move forward with other candidates for this role.",
    "Great news: the team would like to invite you to a final round with our CTO. "
    "Please share your availability for next week.",
)


class SimulatedClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def rss_kib() -> int:
    """VmRSS of this process, after collecting garbage, in KiB."""
    gc.collect()
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status (Linux only)")


def write_config(directory: Path, box: Sandbox) -> Path:
    config = directory / "config.toml"
    config.write_text(
        f"""
[candidate]
name = "{CANDIDATE[0]}"
email = "{CANDIDATE[1]}"

[gmail]
api_endpoint = "{box.url}"
token_uri = "{box.token_url}"
token_file = "{directory / "state" / "token.json"}"
client_secrets_file = "{directory / "client_secret.json"}"

[storage]
database = "{directory / "state" / "state.db"}"

[policy]
timezone = "UTC"
""",
        encoding="utf-8",
    )
    return config


def write_token(path: Path) -> None:
    """A stored authorization the sandbox's token endpoint will refresh."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    token = {
        "refresh_token": "bench-refresh-token",
        "client_id": "bench-client.apps.googleusercontent.com",
        "client_secret": "bench-client-secret",
        "scopes": [
            "https://www.googleapis.com/auth/gmail.readonly",
            "https://www.googleapis.com/auth/gmail.compose",
        ],
    }
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(token, handle)


def recruiter_address(recruiter: str, domain: str) -> str:
    return f"{recruiter.split(maxsplit=1)[0].lower()}@{domain}"


def invite(company: str, domain: str, recruiter: str, start: datetime, sent: datetime) -> bytes:
    """An interview confirmation with an ICS invite, as a recruiter would send it."""
    message = EmailMessage()
    message["From"] = f"{recruiter} <{recruiter_address(recruiter, domain)}>"
    message["To"] = f"{CANDIDATE[0]} <{CANDIDATE[1]}>"
    message["Subject"] = f"Interview confirmation: Software Engineer at {company}"
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(
        f"Hi {CANDIDATE[0].split()[0]},\n\n"
        f"This confirms your interview for the Software Engineer role at {company} on "
        f"{start:%A, %B %d} at {start:%H:%M} UTC. The calendar invite is attached.\n\n"
        f"Best regards,\n{recruiter}\nTalent Acquisition, {company}\n"
    )
    stamp = "%Y%m%dT%H%M%SZ"
    calendar = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//treadgently bench//EN",
            "METHOD:REQUEST",
            "BEGIN:VEVENT",
            f"UID:{start:%Y%m%d%H%M}-{domain}",
            f"DTSTAMP:{sent.strftime(stamp)}",
            f"DTSTART:{start.strftime(stamp)}",
            f"DTEND:{(start + timedelta(hours=1)).strftime(stamp)}",
            f"SUMMARY:Interview: Software Engineer at {company}",
            f"ORGANIZER;CN={recruiter}:mailto:{recruiter_address(recruiter, domain)}",
            f"ATTENDEE;CN={CANDIDATE[0]}:mailto:{CANDIDATE[1]}",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )
    message.add_attachment(
        calendar.encode("utf-8"),
        maintype="text",
        subtype="calendar",
        filename="invite.ics",
        params={"method": "REQUEST"},
    )
    return message.as_bytes()


def reply(original: bytes, body: str, sent: datetime) -> bytes:
    """The recruiter writes again in the same thread."""
    first = message_from_bytes(original, policy=email_policy.default)
    message = EmailMessage()
    message["From"] = first["From"]
    message["To"] = first["To"]
    message["Subject"] = "Re: " + str(first["Subject"])
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = make_msgid(domain=str(first["Message-ID"]).rsplit("@", 1)[-1][:-1])
    message["In-Reply-To"] = first["Message-ID"]
    message["References"] = first["Message-ID"]
    message.set_content(f"Hi {CANDIDATE[0].split()[0]},\n\n{body}\n\nBest,\n{first['From']}\n")
    return message.as_bytes()


def newsletter(number: int, sent: datetime) -> bytes:
    message = EmailMessage()
    message["From"] = "Weekly Digest <digest@news.example.org>"
    message["To"] = CANDIDATE[1]
    message["Subject"] = f"Your weekly digest #{number}"
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = make_msgid(domain="news.example.org")
    message["List-Id"] = "<digest.news.example.org>"
    message["List-Unsubscribe"] = "<mailto:unsubscribe@news.example.org>"
    message.set_content("Top stories this week.\n" * 20)
    return message.as_bytes()


class BenchCycle:
    """The cycle the daemon runs: one simulated hour, the mailbox's news, then the real poll.

    Records the resident set once the warm-up cycle (and the daemon's memory release
    after it) is over, counts failures (the daemon would only log them), and stops the
    daemon the way systemd does, with SIGTERM, after the last poll.
    """

    def __init__(self, settings: Settings, box: Sandbox, clock: SimulatedClock, polls: int):
        from treadgently.poll import run_cycle  # the lead's engine

        self.run_cycle = run_cycle
        self.settings = settings
        self.box = box
        self.clock = clock
        self.polls = polls
        self.invites = seed_invites(box, clock)
        self.count = 0
        self.failures: list[str] = []
        self.rss_after_warm_up = 0

    def __call__(self) -> None:
        self.count += 1
        poll = self.count - 1  # 0 is the warm-up
        if poll == 1:
            self.rss_after_warm_up = rss_kib()
        if poll > 0:
            self.clock.now += timedelta(hours=1)
            self.mail_arrives(poll)
        try:
            self.run_cycle(self.settings, now=self.clock.now, lock_held=True)
        except Exception as exc:
            self.failures.append(f"poll {poll}: {type(exc).__name__}: {exc}")
            raise
        finally:
            self.box.reset_log()  # the emulator's request log is not the daemon's memory
            if poll == self.polls:
                os.kill(os.getpid(), signal.SIGTERM)

    def mail_arrives(self, poll: int) -> None:
        if poll % 12 == 0:
            thread = self.invites[(poll // 12) % len(self.invites)]
            body = REPLIES[(poll // 12) % len(REPLIES)]
            self.box.deliver(reply(thread, body, self.clock.now), internal_date=self.clock.now)
        elif poll % 7 == 0:
            self.box.deliver(newsletter(poll, self.clock.now), internal_date=self.clock.now)


def seed_invites(box: Sandbox, clock: SimulatedClock) -> list[bytes]:
    """One interview confirmation per company, interviews on the following days."""
    invites = []
    for index, (company, domain, recruiter) in enumerate(COMPANIES):
        interview = clock.now + timedelta(hours=24 + index)
        raw = invite(company, domain, recruiter, interview, clock.now)
        box.deliver(raw, internal_date=clock.now)
        invites.append(raw)
    return invites


def run(polls: int, limit_mb: float) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # With a tiny interval every tick finds the previous poll running; that is expected here.
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    clock = SimulatedClock(datetime.now(UTC).replace(minute=0, second=0, microsecond=0))
    with (
        tempfile.TemporaryDirectory(prefix="treadgently-bench-") as tmp,
        Sandbox(user_email=CANDIDATE[1], clock=clock) as box,
    ):
        directory = Path(tmp)
        settings = load_settings(write_config(directory, box))
        write_token(settings.gmail.token_file)
        cycle = BenchCycle(settings, box, clock, polls)
        before_first = rss_kib()
        started = time.perf_counter()
        exit_code = run_daemon(settings, cycle, interval_seconds=0.01, jitter_seconds=0)
        elapsed = time.perf_counter() - started
        after_last = rss_kib()
        drafts = len(box.drafts())
        violations = len(box.violations)

    growth_mb = (after_last - cycle.rss_after_warm_up) / 1024
    print(f"daemon loop:                 exit {exit_code}, {elapsed:.1f} s")
    print(
        f"polls:                       1 warm-up + {cycle.count - 1}, {len(cycle.failures)} failed"
    )
    for failure in cycle.failures[:5]:
        print(f"  {failure}")
    print(f"drafts made / sends refused: {drafts} / {violations}")
    print(f"RSS before the first poll:   {before_first / 1024:7.1f} MB")
    print(f"RSS after the warm-up poll:  {cycle.rss_after_warm_up / 1024:7.1f} MB")
    print(f"RSS after the last poll:     {after_last / 1024:7.1f} MB")
    print(f"growth since before poll 1:  {(after_last - before_first) / 1024:+7.1f} MB")
    print(f"growth over {polls} polls:       {growth_mb:+7.1f} MB (limit {limit_mb:g} MB)")
    if exit_code != 0 or cycle.failures or cycle.count - 1 != polls:
        print("FAIL: the polls did not all run cleanly, so the figure means nothing")
        return 1
    if growth_mb >= limit_mb:
        print("FAIL: the resident set grows while polling")
        return 1
    print("OK: memory stays flat")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polls", type=int, default=200)
    parser.add_argument("--limit-mb", type=float, default=5.0)
    args = parser.parse_args(argv)
    return run(args.polls, args.limit_mb)


if __name__ == "__main__":
    sys.exit(main())
