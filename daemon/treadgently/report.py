"""What a poll cycle saw and did, and its readable terminal output (``poll``, ``demo``)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import datetime

from treadgently.model import Action, CreateDraft, RemoveDraft, SetStage


@dataclass(frozen=True)
class SeenMessage:
    """What the cycle made of one message, for logs, ``poll`` output and the demo."""

    gmail_id: str
    thread_id: str
    sender: str
    subject: str
    kind: str  # "confirmation", "reply", "outbound", "irrelevant", "error"
    company: str | None = None
    label: str | None = None
    confidence: float = 0.0
    evidence: tuple[str, ...] = ()
    interview_at: datetime | None = None


@dataclass(frozen=True)
class DraftMade:
    key: str
    step: str
    company: str
    to: str
    subject: str
    thread_id: str
    in_reply_to: str
    body: str
    gmail_draft_id: str | None  # None in a dry run


@dataclass
class CycleReport:
    now: datetime
    dry_run: bool = False
    full_sync: bool = False
    seen: list[SeenMessage] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    drafts: list[DraftMade] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    draft_updates: list[tuple[str, str]] = field(default_factory=list)  # (key, new status)
    errors: int = 0


def describe_action(action: Action) -> str:
    if isinstance(action, CreateDraft):
        where = f" in thread {action.thread_id}" if action.thread_id else ""
        return f"draft {action.step.value} to {action.to_email}{where}"
    if isinstance(action, RemoveDraft):
        return f"remove draft {action.key}: {action.reason}"
    if isinstance(action, SetStage):
        return f"application {action.application_id} -> {action.stage.value}: {action.reason}"
    return f"flag thread {action.thread_id}: {action.reason}"


KIND_TEXT = {
    "confirmation": "interview confirmation",
    "reply": "reply",
    "outbound": "your own message",
    "error": "could not be read (skipped)",
}


def describe_seen(seen: SeenMessage) -> str:
    who = f"{seen.sender}" if seen.sender else "(unknown sender)"
    head = f"- {KIND_TEXT.get(seen.kind, seen.kind)} from {who}: {seen.subject!r}"
    if seen.company:
        head += f" [{seen.company}]"
    lines = [head]
    if seen.kind == "confirmation" and seen.interview_at:
        lines.append(f"    interview at {seen.interview_at.isoformat()}")
    if seen.label:
        lines.append(f"    classified {seen.label} (confidence {seen.confidence:.2f})")
    if seen.evidence:
        lines.append("    evidence: " + "; ".join(repr(e) for e in seen.evidence[:4]))
    return "\n".join(lines)


def describe_draft(draft: DraftMade, *, indent: str = "    ") -> str:
    lines = [
        f"- {draft.step} for {draft.company}",
        f"{indent}To:      {draft.to}",
        f"{indent}Subject: {draft.subject}",
    ]
    if draft.in_reply_to:
        lines.append(f"{indent}Thread:  {draft.thread_id} (In-Reply-To {draft.in_reply_to})")
    else:
        lines.append(f"{indent}Thread:  {draft.thread_id or 'new thread'}")
    body = textwrap.indent(draft.body.rstrip(), indent + "| ", predicate=lambda _line: True)
    lines.append(body)
    return "\n".join(lines)


def print_cycle(report: CycleReport) -> None:
    relevant = [s for s in report.seen if s.kind != "irrelevant"]
    mode = " (dry run: nothing was changed)" if report.dry_run else ""
    print(f"poll as of {report.now.isoformat(timespec='minutes')}{mode}")
    if relevant:
        print(f"\nNew mail ({len(relevant)}):")
        for seen in relevant:
            print(describe_seen(seen))
    if report.draft_updates:
        print("\nYour drafts:")
        for key, status in report.draft_updates:
            print(f"- {key}: {status}")
    others = [a for a in report.actions if type(a).__name__ != "CreateDraft"]
    if others:
        print("\nPlan:")
        for action in others:
            print(f"- {describe_action(action)}")
    if report.drafts:
        verb = "Would create" if report.dry_run else "Drafts created in Gmail"
        print(f"\n{verb} ({len(report.drafts)}):")
        for draft in report.drafts:
            print(describe_draft(draft))
    if report.removed:
        print(f"\nRemoved {len(report.removed)} unedited follow-up draft(s): no longer needed.")
    if not (relevant or report.drafts or others or report.draft_updates):
        print("Nothing new.")
    if report.errors:
        print(f"\n{report.errors} message(s) could not be read and were skipped (see the log).")
