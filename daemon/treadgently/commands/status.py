"""``treadgently status``: where each application stands, read-only (never waits for the lock)."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from treadgently.config import Settings
from treadgently.errors import AuthError, ConfigError
from treadgently.model import MailboxState, Outlook, PolicyConfig
from treadgently.policy import next_steps
from treadgently.store import Store

HELP = "show each application: stage, last contact, drafts waiting, what is next"
DESCRIPTION = (
    "Show a table per application: company, role, stage, last contact, what the company "
    "said last, drafts waiting in Gmail, the next planned action and its date, and anything "
    "that needs you. Also when the last poll succeeded and whether the Gmail authorization "
    "looks usable. Only reads, so it works while 'treadgently run' is active.\n\n"
    "--json prints one object: {last_poll_success, watching_since, authorization: {ok, detail}, "
    "applications: [{id, company, role, stage, closed_reason, interviews, contacts, "
    "last_contact, company_said, drafts_waiting, drafts_edited, next_action, next_due, "
    "needs_attention, notes}]} with times in ISO 8601."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.add_argument("--all", action="store_true", help="include closed applications")


def run(args: argparse.Namespace, ctx) -> int:
    settings = ctx.settings()
    now = datetime.now(UTC)
    database = Path(settings.storage.database)
    if not database.exists():
        state = MailboxState(applications=(), watching_since=None, first_poll=True)
    else:
        with Store.open(database) as store:
            state = store.load_state()
    outlooks = next_steps(state, now, PolicyConfig.from_settings(settings.policy))
    document = status_document(state, outlooks, authorization(settings))
    if not args.all:
        document["applications"] = [a for a in document["applications"] if a["stage"] != "closed"]
    if args.json:
        print(json.dumps(document, indent=2))
    else:
        print_table(document, settings.policy.timezone)
    return 0


def authorization(settings: Settings) -> dict[str, Any]:
    """Whether the stored token can work, checked without a network call."""
    from treadgently.auth import read_token_file, required_scopes

    try:
        info = read_token_file(Path(settings.gmail.token_file))
    except (AuthError, ConfigError) as exc:
        return {"ok": False, "detail": str(exc)}
    missing = [s for s in required_scopes(settings) if s not in set(info.get("scopes") or ())]
    if missing:
        names = ", ".join(s.rsplit("/", 1)[-1] for s in missing)
        return {"ok": False, "detail": f"token lacks {names}: run 'treadgently auth'"}
    return {"ok": True, "detail": f"token in {settings.gmail.token_file}"}


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def status_document(
    state: MailboxState, outlooks: list[Outlook], auth: dict[str, Any]
) -> dict[str, Any]:
    by_id = {o.application_id: o for o in outlooks}
    applications = []
    for app_state in state.applications:
        app = app_state.application
        outlook = by_id.get(app.id)
        applications.append(
            {
                "id": app.id,
                "company": app.company,
                "role": app.role,
                "stage": app.stage.value,
                "closed_reason": app.closed_reason,
                "interviews": [_iso(i.start) for i in app_state.interviews],
                "contacts": [
                    {"email": c.email, "name": c.name, "role": c.role.value}
                    for c in app_state.contacts
                ],
                "last_contact": _iso(outlook.last_contact) if outlook else None,
                "company_said": outlook.last_company_label if outlook else None,
                "drafts_waiting": [
                    {"step": d.step.value, "to": d.to_email, "status": d.status.value}
                    for d in (outlook.waiting if outlook else ())
                ],
                "drafts_edited": [
                    {"step": d.step.value, "to": d.to_email}
                    for d in (outlook.edited if outlook else ())
                ],
                "next_action": outlook.next_action if outlook else None,
                "next_due": _iso(outlook.next_due) if outlook else None,
                "needs_attention": [f.reason for f in (outlook.attention if outlook else ())],
                "notes": list(outlook.notes) if outlook else [],
            }
        )
    return {
        "last_poll_success": _iso(state.last_poll_success),
        "watching_since": _iso(state.watching_since),
        "authorization": auth,
        "applications": applications,
    }


def _local(value: str | None, zone: str) -> str:
    if not value:
        return "-"
    from zoneinfo import ZoneInfo

    return datetime.fromisoformat(value).astimezone(ZoneInfo(zone)).strftime("%a %b %d %H:%M")


def print_table(document: dict[str, Any], zone: str) -> None:
    auth = document["authorization"]
    print(f"last successful poll: {_local(document['last_poll_success'], zone)}")
    print(f"authorization: {'ok' if auth['ok'] else 'NOT OK'} ({auth['detail']})")
    if not document["applications"]:
        print("\nNo applications tracked yet. They appear when an interview confirmation")
        print("arrives, or add one: treadgently track --company NAME --interview-at ISO8601")
        return
    for app in document["applications"]:
        title = app["company"] + (f" ({app['role']})" if app["role"] else "")
        print(f"\n#{app['id']} {title}: {app['stage']}")
        if app["closed_reason"]:
            print(f"  closed: {app['closed_reason']}")
        if app["interviews"]:
            print(f"  interview(s): {', '.join(_local(i, zone) for i in app['interviews'])}")
        people = ", ".join(f"{c['email']} ({c['role']})" for c in app["contacts"])
        print(f"  people: {people or 'none known'}")
        print(f"  last contact: {_local(app['last_contact'], zone)}")
        print(f"  company said: {app['company_said'] or '-'}")
        for draft in app["drafts_waiting"]:
            print(f"  draft waiting in Gmail: {draft['step']} to {draft['to']}")
        for draft in app["drafts_edited"]:
            print(f"  draft you edited (left alone): {draft['step']} to {draft['to']}")
        if app["next_action"]:
            print(f"  next: {app['next_action']} on {_local(app['next_due'], zone)}")
        for reason in app["needs_attention"]:
            print(f"  NEEDS YOU: {reason}")
        for note in app["notes"]:
            print(f"  note: {note}")
