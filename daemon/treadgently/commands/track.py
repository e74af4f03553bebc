"""``treadgently track``: add an application by hand, or correct its people and time."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from treadgently.commands.poll import parse_instant
from treadgently.domains import company_domain
from treadgently.errors import ConfigError
from treadgently.model import Role
from treadgently.store import Store

HELP = "add an application by hand, or correct the people or interview time of one"
DESCRIPTION = (
    "Track an interview that treadgently did not find in your mail, or correct one it did: "
    "who the hiring manager and recruiter are, the role, or the interview time. The "
    "application is found by company name (or the people's company domain) and created "
    "when there is none. An existing application's latest interview is moved to "
    "--interview-at, unless --new-round says it is a further round.\n\n"
    "example: treadgently track --company 'Acme Analytics' --interview-at "
    "2026-11-18T14:00-05:00 --manager sam@acme.example --recruiter dana@acme.example"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--company", required=True, help="the company's name")
    parser.add_argument(
        "--interview-at",
        metavar="ISO8601",
        type=parse_instant,
        help="interview start with its UTC offset (required for a new application)",
    )
    parser.add_argument("--manager", metavar="EMAIL", help="the hiring manager's address")
    parser.add_argument("--manager-name", metavar="NAME", default="", help="their name")
    parser.add_argument("--recruiter", metavar="EMAIL", help="the recruiter's address")
    parser.add_argument("--recruiter-name", metavar="NAME", default="", help="their name")
    parser.add_argument("--role", metavar="TEXT", help="the role you interviewed for")
    parser.add_argument(
        "--new-round", action="store_true", help="add --interview-at as a further round"
    )


def _address(value: str | None, flag: str) -> str | None:
    if value is None:
        return None
    value = value.strip().lower()
    if "@" not in value or " " in value or value.startswith("@") or value.endswith("@"):
        raise ConfigError(f"{flag}: {value!r} is not an email address")
    return value


def run(args: argparse.Namespace, ctx) -> int:
    settings = ctx.settings()
    own = settings.candidate.email
    manager = _address(args.manager, "--manager")
    recruiter = _address(args.recruiter, "--recruiter")
    now = datetime.now(UTC)
    domains = {
        d for d in (company_domain(a, own_email=own) for a in (manager, recruiter) if a) if d
    }
    with Store.open(Path(settings.storage.database)) as store, store.transaction():
        found = [a for a in store.find_applications_by_company(args.company)]
        if not found:
            for domain in domains:
                app_id = store.find_application_by_domain(domain)
                if app_id is not None:
                    found = [store.application(app_id)]
                    break
        if found:
            app = found[0]
            app_id = app.id
            print(f"updating application #{app_id} ({app.company})")
        else:
            if args.interview_at is None:
                raise ConfigError("a new application needs --interview-at")
            app_id = store.add_application(args.company, now, role=args.role)
            print(f"tracking new application #{app_id} ({args.company})")
        known_domains = set(store.application(app_id).domains)
        for domain in domains - known_domains:
            store.add_domain(app_id, domain)
        if args.role:
            store.update_application(app_id, role=args.role)
        if args.interview_at is not None:
            interviews = store.interviews(app_id)
            if interviews and not args.new_round:
                latest = interviews[-1]
                if latest.start != args.interview_at:
                    store.move_interview(latest.id, args.interview_at, "manual")
            elif all(i.start != args.interview_at for i in interviews):
                store.add_interview(app_id, args.interview_at, "manual")
        if manager:
            store.upsert_contact(app_id, manager, args.manager_name, Role.HIRING_MANAGER)
        if recruiter:
            store.upsert_contact(app_id, recruiter, args.recruiter_name, Role.RECRUITER)
        if domains - known_domains:
            # Mail from a newly tracked company may already be in the mailbox: the next
            # poll runs a full sync (messages already handled are not read again).
            store.set_history_id(None)
    print("done; the next poll plans with these details ('treadgently status' shows them)")
    return 0
