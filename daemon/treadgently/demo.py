"""``treadgently demo``: the whole story on a built-in sandbox mailbox, no Google account.

The demo starts the loopback Gmail sandbox, writes a throwaway config and an
OAuth token that the sandbox accepts, and drives the *real* engine
(``poll.run_cycle`` with its OAuth refresh, guarded HTTP and SQLite state)
through a simulated timeline, printing what arrived, how it was classified and
every draft made.  At the end it checks the sandbox's request log to prove
that nothing was sent.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from zoneinfo import ZoneInfo

from treadgently.auth import write_private_file
from treadgently.config import load_settings
from treadgently.poll import run_cycle
from treadgently.report import CycleReport, describe_draft, describe_seen
from treadgently.sandbox import Sandbox

ZONE = ZoneInfo("America/New_York")
USER = ("Jordan Ellery", "jordan.ellery@example.com")
NORTHWIND_RECRUITER = ("Dana Whitfield", "dana.whitfield@northwind.example")
NORTHWIND_MANAGER = ("Sam Okafor", "sam.okafor@northwind.example")
BLUEFIN_RECRUITER = ("Lee Park", "lee.park@bluefin.example")
BLUEFIN_MANAGER = ("Ana Souza", "ana.souza@bluefin.example")

CONFIG = """\
# A throwaway config written by `treadgently demo`.
[candidate]
name = "Jordan Ellery"
email = "jordan.ellery@example.com"
phone = "+1 555 0100"

[[references]]
name = "Morgan Lee"
title = "Director of Analytics, Corvanta Health"
relationship = "My manager for three years"
email = "morgan.lee@corvanta.example"
phone = "+1 555 0142"

[[references]]
name = "Priya Raman"
title = "Senior Data Scientist, Quillory"
relationship = "Worked together on the forecasting platform"
email = "priya.raman@quillory.example"

[gmail]
api_endpoint = "{url}"
token_uri = "{token_url}"
token_file = "token.json"
client_secrets_file = "client_secret.json"

[storage]
database = "state.db"

[policy]
timezone = "America/New_York"
"""


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in November 2026, New York time."""
    return datetime(2026, 11, day, hour, minute, tzinfo=ZONE)


def message(
    sender: tuple[str, str],
    to: tuple[str, str],
    subject: str,
    body: str,
    when: datetime,
    *,
    cc: tuple[tuple[str, str], ...] = (),
    reply_to: EmailMessage | None = None,
    calendar: str | None = None,
    headers: dict[str, str] | None = None,
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = f"{sender[0]} <{sender[1]}>"
    msg["To"] = f"{to[0]} <{to[1]}>"
    if cc:
        msg["Cc"] = ", ".join(f"{name} <{addr}>" for name, addr in cc)
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = make_msgid(domain=sender[1].split("@")[1])
    if reply_to is not None:
        msg["In-Reply-To"] = reply_to["Message-ID"]
        msg["References"] = " ".join(
            filter(None, [reply_to.get("References", ""), reply_to["Message-ID"]])
        )
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(textwrap.dedent(body).strip() + "\n")
    if calendar:
        msg.add_alternative(calendar, subtype="calendar", params={"method": "REQUEST"})
    return msg


def invite(
    summary: str, start: datetime, organizer: tuple[str, str], attendees: list[tuple[str, str]]
) -> str:
    stamp = start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//treadgently demo//EN",
        "VERSION:2.0",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"DTSTART;TZID=America/New_York:{start.strftime('%Y%m%dT%H%M%S')}",
        f"DTEND;TZID=America/New_York:{(start + timedelta(hours=1)).strftime('%Y%m%dT%H%M%S')}",
        f"DTSTAMP:{stamp}",
        f'ORGANIZER;CN="{organizer[0]}":mailto:{organizer[1]}',
        f"UID:{stamp}-{organizer[1]}",
        *(
            f'ATTENDEE;ROLE=REQ-PARTICIPANT;CN="{name}":mailto:{addr}'
            for name, addr in [*attendees, USER]
        ),
        f"SUMMARY:{summary}",
        "STATUS:CONFIRMED",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"


@dataclass(frozen=True)
class Step:
    title: str
    now: datetime
    arrivals: tuple[EmailMessage, ...]
    explain: str


def timeline() -> list[Step]:
    northwind_confirmation = message(
        NORTHWIND_RECRUITER,
        USER,
        "Interview confirmed: Senior Data Analyst at Northwind Analytics",
        """\
        Hi Jordan,

        Thank you for making time for us. This confirms your interview for the Senior
        Data Analyst role on Wednesday, November 4 at 2:00 PM Eastern, with Sam Okafor,
        our Head of Analytics, and me. A calendar invitation is attached.

        Best,
        Dana Whitfield
        Talent Partner, Northwind Analytics
        """,
        at(2, 9, 12),
        cc=(NORTHWIND_MANAGER,),
        calendar=invite(
            "Interview: Jordan Ellery / Senior Data Analyst",
            at(4, 14),
            NORTHWIND_RECRUITER,
            [NORTHWIND_MANAGER],
        ),
    )
    bluefin_confirmation = message(
        BLUEFIN_RECRUITER,
        USER,
        "Your interview with Bluefin Robotics",
        """\
        Hello Jordan,

        Great news: you are confirmed for an interview for the Analytics Engineer role
        on Wednesday, November 4 at 10:00 AM ET with Ana Souza, our engineering manager.
        The calendar invite is attached.

        Kind regards,
        Lee Park
        Recruiting, Bluefin Robotics
        """,
        at(2, 10, 40),
        calendar=invite(
            "Interview with Bluefin Robotics (Analytics Engineer)",
            at(4, 10),
            BLUEFIN_RECRUITER,
            [BLUEFIN_MANAGER],
        ),
    )
    newsletter = message(
        ("Career Tips Weekly", "newsletter@careertips.example"),
        USER,
        "5 interview tips for November",
        "Ace your next interview with these five tips. Unsubscribe any time.",
        at(2, 7),
        headers={"List-Id": "<weekly.careertips.example>", "Precedence": "bulk"},
    )
    references_request = message(
        NORTHWIND_RECRUITER,
        USER,
        "Re: Following up – Northwind Analytics",
        """\
        Hi Jordan,

        Thanks for checking in, and sorry for the slow reply. The team enjoyed meeting
        you and we are still finishing interviews this week. In the meantime, could you
        send me two or three professional references we could contact?

        Thanks,
        Dana
        """,
        at(13, 11, 5),
    )
    rejection = message(
        BLUEFIN_RECRUITER,
        USER,
        "Update on the Analytics Engineer role",
        """\
        Hi Jordan,

        Thank you again for interviewing with us. After careful consideration, we have
        decided to move forward with another candidate whose experience more closely
        matches the role. We truly appreciated your time and wish you the best.

        Best regards,
        Lee Park
        """,
        at(16, 15, 30),
    )
    return [
        Step(
            "Interview confirmations arrive",
            at(2, 18),
            (newsletter, northwind_confirmation, bluefin_confirmation),
            "Two interviews are confirmed for Wednesday, November 4 (one with a calendar "
            "invite each). treadgently starts tracking both applications; nothing is due yet.",
        ),
        Step(
            "Eight quiet days later",
            at(12, 16),
            (),
            "No word from either company since the interviews: for each, a thank-you to the "
            "hiring manager and a polite check-in with the recruiter appear in Drafts.",
        ),
        Step(
            "Northwind's recruiter asks for references",
            at(13, 12),
            (references_request,),
            "A request is urgent: the reply with your references is drafted right away, "
            "in the recruiter's thread.",
        ),
        Step(
            "Bluefin says no",
            at(16, 16),
            (rejection,),
            "A gracious reply is drafted (never burn the bridge); the application closes, "
            "and Bluefin's unsent follow-up drafts are removed.",
        ),
    ]


@contextmanager
def demo_folder(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True, mode=0o700)
        yield keep
        return
    folder = Path(tempfile.mkdtemp(prefix="treadgently-demo-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def write_demo_account(folder: Path, box: Sandbox) -> Path:
    """A config and an expired token, so the real OAuth refresh runs against the sandbox."""
    config = folder / "config.toml"
    config.write_text(CONFIG.format(url=box.url, token_url=box.token_url), encoding="utf-8")
    token = {
        "type": "authorized_user",
        "client_id": "demo-client.apps.example",
        "client_secret": "demo-secret",
        "refresh_token": "demo-refresh-token",
        "token": "expired",
        "expiry": "2000-01-01T00:00:00Z",
        "scopes": [
            "https://www.googleapis.com/auth/gmail.compose",
            "https://www.googleapis.com/auth/gmail.readonly",
        ],
    }
    write_private_file(folder / "token.json", json.dumps(token).encode())
    return config


def run_demo(keep: Path | None = None, *, out=print) -> int:
    """Play the timeline; returns 0 when every step behaved and nothing was sent."""
    with demo_folder(keep) as folder, Sandbox(user_email=USER[1]) as box:
        settings = load_settings(write_demo_account(folder, box))
        out("treadgently demo: a sandbox Gmail on this machine, your real engine, no account.")
        out(f"(sandbox at {box.url}; state in {folder})")
        total_drafts = 0
        for number, step in enumerate(timeline(), start=1):
            for msg in step.arrivals:
                box.deliver(bytes(msg), internal_date=_date_of(msg))
            out("")
            out("=" * 78)
            out(f"Step {number}: {step.title} — {step.now.strftime('%A, %B %d, %I:%M %p')}")
            out("=" * 78)
            out(textwrap.fill(step.explain, 78))
            report = run_cycle(settings, now=step.now)
            total_drafts += len(report.drafts)
            print_step(report, out)
        if keep is not None:
            box.save(folder / "mailbox")
        return prove_nothing_sent(box, total_drafts, keep, folder, out)


def _date_of(msg: EmailMessage) -> datetime:
    from email.utils import parsedate_to_datetime

    return parsedate_to_datetime(msg["Date"])


def print_step(report: CycleReport, out) -> None:
    seen = [s for s in report.seen if s.kind != "irrelevant"]
    ignored = len(report.seen) - len(seen)
    if seen or ignored:
        out("\nArrived:")
        for item in seen:
            out(describe_seen(item))
        if ignored:
            out(f"- {ignored} unrelated message(s), ignored")
    if report.removed:
        out(f"\nRemoved {len(report.removed)} follow-up draft(s) you had not edited:")
        for key in report.removed:
            out(f"- {key}")
    if report.drafts:
        out(f"\nNew drafts in Gmail ({len(report.drafts)}):")
        for draft in report.drafts:
            out(describe_draft(draft))
    if not (seen or report.drafts or report.removed):
        out("\nNothing to do.")


def prove_nothing_sent(box: Sandbox, drafts_made: int, keep: Path | None, folder: Path, out) -> int:
    sends = [r for r in box.requests if "send" in (r.api_method or "")]
    sent_by_us = [m for m in box.messages() if "SENT" in m.label_ids]
    out("")
    out("=" * 78)
    out("Proof that nothing was sent")
    out("=" * 78)
    out(
        f"- drafts created over the story: {drafts_made}; drafts left in Drafts: "
        f"{len(box.drafts())}"
    )
    out(f"- Gmail API requests made: {box.http_requests_count()} ({box.quota_units()} quota units)")
    out(
        f"- send/insert/import requests: {len(sends)}; refused calls: {len(box.violations)}; "
        f"sent messages: {len(sent_by_us)}"
    )
    if keep is not None:
        out(f"- state and the sandbox mailbox are kept in {folder}")
    ok = not sends and not box.violations and not sent_by_us and drafts_made > 0
    out(
        "Nothing was sent. Review drafts in Gmail and send them yourself."
        if ok
        else "UNEXPECTED: see above."
    )
    return 0 if ok else 1
