"""Our drafts in Gmail: writing them, finding them again, and noticing what the user did.

The poll cycle (poll.py) decides *when*; this desk does the Gmail side of each
draft action in the crash-safe order described in store.py: an intent is
recorded before ``drafts.create``, the draft id after it, and an intent left by
a crash is looked up in Gmail by the Message-ID we gave it before anything is
created again.  A draft is judged "still ours" by comparing message ids, or a
hash of its normalized text, never raw bytes, because Gmail may re-encode it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import datetime

from treadgently.config import Settings
from treadgently.domains import domain_of
from treadgently.drafts import (
    DraftContext,
    DraftRenderer,
    InvalidRecipientError,
    ReferenceInfo,
    build_draft_mime,
    content_hash,
    content_hash_of_raw,
    deterministic_message_id,
)
from treadgently.errors import TransientError
from treadgently.gmail import Draft, Gmail, WriteOutcomeUnknown
from treadgently.model import (
    FOLLOW_UP_STEPS,
    Action,
    ApplicationState,
    CreateDraft,
    DraftRecord,
    DraftStatus,
    FlagAttention,
    MailboxState,
    MessageRecord,
    RemoveDraft,
    SetStage,
    Stage,
)
from treadgently.report import CycleReport, DraftMade
from treadgently.store import Store
from treadgently.sync import HistoryDigest
from treadgently.tracking import Incoming

log = logging.getLogger(__name__)

DRAFT_READY_LABEL = "treadgently/draft-ready"
ATTENTION_LABEL = "treadgently/needs-attention"
# Subjects calendar systems give invitations ("Invitation: Interview @ Fri Mar 14 ...").
CALENDAR_SUBJECT = re.compile(
    r"^\s*(updated\s+)?(invitation|einladung|invitación|invitation mise à jour|uitnodiging)"
    r"(\s+(updated|aktualisiert))?\s*:",
    re.IGNORECASE,
)
RECONCILE_SCAN = 100  # newest drafts read when an interrupted draft must be found by its text
DraftUpdate = tuple[DraftRecord, DraftStatus, str]  # the record, its new status, its message id


class DraftDesk:
    """The Gmail side of every draft action in one cycle."""

    def __init__(  # noqa: PLR0917 - the cycle's parts, passed explicitly
        self,
        settings: Settings,
        store: Store,
        gmail: Gmail,
        now: datetime,
        renderer: DraftRenderer,
        report: CycleReport,
    ) -> None:
        self.settings = settings
        self.store = store
        self.gmail = gmail
        self.now = now
        self.renderer = renderer
        self.report = report
        self.own_email = settings.candidate.email.lower()
        self._states: dict[int, ApplicationState] = {}

    def use_state(self, state: MailboxState) -> None:
        """The state the plan was made on: the drafts' wording draws on it."""
        self._states = {app.application.id: app for app in state.applications}

    # ---- what the user did with our drafts -------------------------------------------

    def draft_updates(self, digest: HistoryDigest) -> list[DraftUpdate]:
        """Sent, deleted or edited drafts, learned from the history (Gmail reads only)."""
        updates = []
        open_drafts = self.store.drafts([DraftStatus.CREATED, DraftStatus.EDITED])
        for record in open_drafts:
            message_id = record.gmail_message_id or ""
            if message_id not in digest.touched and message_id not in digest.sent_ids:
                continue
            if message_id in digest.sent_ids:
                updates.append((record, DraftStatus.SENT, message_id))
                continue
            current = self.gmail.get_draft(record.gmail_draft_id or "")
            if current is None:
                gone = self.gone(record, sent=record.thread_id in digest.sent_threads)
                updates.append((record, gone, message_id))
            elif current.message_id != message_id:
                status = self.compare(record, current.message_id)
                updates.append((record, status, current.message_id))
        return updates

    def draft_updates_without_history(self, items: Sequence[Incoming]) -> list[DraftUpdate]:
        """After a full sync no history says what the user did with our drafts: ask Gmail.

        Only open drafts are checked (none on the first sync), one drafts.get each.
        """
        sent_threads = {item.thread_id for item in items if "SENT" in item.label_ids}
        updates = []
        for record in self.store.drafts([DraftStatus.CREATED, DraftStatus.EDITED]):
            message_id = record.gmail_message_id or ""
            current = self.gmail.get_draft(record.gmail_draft_id or "")
            if current is None:
                metas = self.gmail.get_metadata([message_id]) if message_id else []
                sent = record.thread_id in sent_threads or any(
                    "SENT" in meta.label_ids for meta in metas
                )
                updates.append((record, self.gone(record, sent=sent), message_id))
            elif current.message_id != message_id:
                status = self.compare(record, current.message_id)
                updates.append((record, status, current.message_id))
        return updates

    def gone(self, record: DraftRecord, *, sent: bool) -> DraftStatus:
        """What a draft that left Drafts became.

        A follow-up of a closed application is one we remove ourselves: if a poll was
        killed between deleting it and recording that, it is REMOVED, not DELETED.
        """
        if sent:
            return DraftStatus.SENT
        app = self.store.application(record.application_id)
        if record.step in FOLLOW_UP_STEPS and app is not None and app.stage is not Stage.ACTIVE:
            return DraftStatus.REMOVED
        return DraftStatus.DELETED

    def compare(self, record: DraftRecord, message_id: str) -> DraftStatus:
        """CREATED while the text is still what we wrote (Gmail may re-encode it), else EDITED."""
        if record.status is DraftStatus.EDITED:
            return DraftStatus.EDITED
        fetched = self.gmail.get_raw([message_id])
        if fetched and content_hash_of_raw(fetched[0].raw) == record.content_hash:
            return DraftStatus.CREATED
        return DraftStatus.EDITED

    def apply_draft_updates(self, updates: Sequence[DraftUpdate]) -> None:
        for record, status, message_id in updates:
            if status is record.status and message_id == record.gmail_message_id:
                continue
            log.info("draft %s: %s", record.key, status.value)
            self.store.set_draft_status(record.key, status, message_id=message_id, now=self.now)
            self.report.draft_updates.append((record.key, status.value))

    # ---- acting on the plan ----------------------------------------------------------

    def act(self, actions: Sequence[Action]) -> None:
        for action in actions:
            if isinstance(action, SetStage):
                self.store.set_stage(action.application_id, action.stage, action.reason)
            elif isinstance(action, RemoveDraft):
                self.remove_draft(action)
            elif isinstance(action, CreateDraft):
                self.create_draft(action)
            elif isinstance(action, FlagAttention):
                self.flag(action)

    def create_draft(self, action: CreateDraft, *, intent_recorded: bool = False) -> None:
        built = self.build(action)
        if built is None:
            return
        _ctx, raw, made = built
        if not intent_recorded:
            with self.store.transaction():
                if not self.store.record_intent(action, self.now):
                    return  # made before: never twice
        try:
            draft = self.gmail.create_draft(raw, made.thread_id or None)
        except WriteOutcomeUnknown:
            log.warning("draft %s: Gmail's answer was lost; looking it up", action.key)
            draft = self.gmail.find_draft(message_id=self.message_id(action.key))
            if draft is None:
                log.warning("draft %s: not found; the next poll will try again", action.key)
                return
        with self.store.transaction():
            self.store.mark_created(
                action.key,
                draft.id,
                draft.message_id,
                content_hash(raw),
                thread_id=draft.thread_id,
                now=self.now,
            )
            # A reply to this draft, once sent, lands in its thread: known, so read directly.
            self.store.link_thread(draft.thread_id, action.application_id)
        if made.thread_id and draft.thread_id != made.thread_id:
            log.warning("draft %s: Gmail put it in a new thread", action.key)
        self.report.drafts.append(
            DraftMade(**{**made.__dict__, "gmail_draft_id": draft.id, "thread_id": draft.thread_id})
        )
        log.info("draft made: %s to %s (%s)", action.step.value, action.to_email, made.subject)
        self.label_thread(draft.thread_id, DRAFT_READY_LABEL)

    def preview(self, action: CreateDraft) -> None:
        built = self.build(action)
        if built is not None:
            self.report.drafts.append(built[2])

    def build(self, action: CreateDraft) -> tuple[DraftContext, bytes, DraftMade] | None:
        """Render and encode a draft; None (logged) when its recipient cannot be written."""
        ctx, thread_id = self.context(action)
        rendered = self.renderer.render(action.step.value, ctx)
        try:
            raw = build_draft_mime(
                rendered, ctx, message_id=self.message_id(action.key), date=self.now
            )
        except InvalidRecipientError as exc:
            log.warning("draft %s skipped: %s", action.key, exc)
            return None
        made = DraftMade(
            key=action.key,
            step=action.step.value,
            company=ctx.company,
            to=f"{ctx.contact_name} <{ctx.contact_email}>"
            if ctx.contact_name
            else ctx.contact_email,
            subject=rendered.subject,
            thread_id=thread_id or "",
            in_reply_to=ctx.in_reply_to or "",
            body=rendered.body,
            gmail_draft_id=None,
        )
        return ctx, raw, made

    def message_id(self, key: str) -> str:
        return deterministic_message_id(key, domain=domain_of(self.own_email))

    def context(self, action: CreateDraft) -> tuple[DraftContext, str | None]:
        """Everything the template may say, and the thread the draft can join."""
        state = self._states.get(action.application_id)
        app = state.application if state else self.store.application(action.application_id)
        parent = self.parent_message(action)
        if (
            parent is not None
            and action.step in FOLLOW_UP_STEPS
            and CALENDAR_SUBJECT.match(parent.subject)
        ):
            parent = None  # a follow-up reads oddly as a reply to a calendar robot's invite
        thread_id = action.thread_id if parent is not None else None
        contact_role = ""
        if state is not None:
            contact_role = next(
                (c.role.value for c in state.contacts if c.email == action.to_email.lower()), ""
            )
        interview_at = action.interview_at
        if interview_at is None and state is not None and state.interviews:
            interview_at = max(i.start for i in state.interviews)
        candidate = self.settings.candidate
        ctx = DraftContext(
            candidate_name=candidate.name,
            candidate_email=candidate.email,
            candidate_phone=candidate.phone,
            candidate_signature=candidate.signature,
            references=tuple(
                ReferenceInfo(r.name, r.title, r.relationship, r.email, r.phone)
                for r in self.settings.references
            ),
            company=app.company if app else "",
            role=app.role if app else None,
            contact_email=action.to_email,
            contact_name=action.to_name,
            contact_role=contact_role,
            interview_at=interview_at,
            timezone=self.settings.policy.timezone,
            replied_subject=parent.subject if parent else None,
            replied_sender_name=parent.sender_name if parent else None,
            replied_date=parent.date if parent else None,
            in_reply_to=parent.message_id_header if parent else None,
            parent_references=parent.references if parent else (),
            requested=parent.requested if parent else None,
            decision_date=parent.decision_date if parent else None,
        )
        return ctx, thread_id

    def parent_message(self, action: CreateDraft) -> MessageRecord | None:
        """The message a draft answers: the one named, else the newest in its thread."""
        if action.reply_to_gmail_id:
            named = self.store.message(action.reply_to_gmail_id)
            if named is not None and named.message_id_header:
                return named
        if action.thread_id:
            in_thread = [
                m for m in self.store.thread_messages(action.thread_id) if m.message_id_header
            ]
            if in_thread:
                return max(in_thread, key=lambda m: m.date)
        return None

    def remove_draft(self, action: RemoveDraft) -> None:
        """Remove a follow-up we made, but only while it is exactly what we wrote."""
        record = self.store.draft(action.key)
        if record is None or record.status not in (DraftStatus.INTENT, DraftStatus.CREATED):
            return
        if record.status is DraftStatus.INTENT or not record.gmail_draft_id:
            current = self.gmail.find_draft(message_id=self.message_id(action.key))
        else:
            current = self.gmail.get_draft(record.gmail_draft_id)
        if current is None:
            self.store.set_draft_status(action.key, DraftStatus.REMOVED, now=self.now)
            return
        unchanged = current.message_id == record.gmail_message_id or (
            self.compare(record, current.message_id) is DraftStatus.CREATED
        )
        if not unchanged:
            self.store.set_draft_status(
                action.key, DraftStatus.EDITED, message_id=current.message_id, now=self.now
            )
            return
        self.gmail.delete_draft(current.id)
        self.store.set_draft_status(action.key, DraftStatus.REMOVED, now=self.now)
        self.report.removed.append(action.key)
        log.info("draft removed: %s (%s)", action.key, action.reason)

    def reconcile_intents(self) -> None:
        """Finish what a crash interrupted: find the draft in Gmail, else create it now."""
        pending = self.store.pending_intents()
        if pending:
            self.use_state(self.store.load_state())
        for record in pending:
            found = self.gmail.find_draft(message_id=self.message_id(record.key))
            if found is None:
                found = self.find_by_content(record)
            if found is not None:
                fetched = self.gmail.get_raw([found.message_id])
                digest = content_hash_of_raw(fetched[0].raw) if fetched else None
                with self.store.transaction():
                    self.store.mark_created(
                        record.key,
                        found.id,
                        found.message_id,
                        digest or "",
                        thread_id=found.thread_id,
                        now=self.now,
                    )
                    self.store.link_thread(found.thread_id, record.application_id)
                log.info("draft %s: found after an interrupted poll", record.key)
                continue
            app = self.store.application(record.application_id)
            if app is not None and app.stage is not Stage.ACTIVE and record.step in FOLLOW_UP_STEPS:
                self.store.set_draft_status(record.key, DraftStatus.REMOVED, now=self.now)
                continue
            log.info("draft %s: creating it after an interrupted poll", record.key)
            self.create_draft(intent_action(record), intent_recorded=True)

    def find_by_content(self, record: DraftRecord) -> Draft | None:
        """The interrupted draft found by its text, in case Gmail rewrote our Message-ID.

        Runs only for an intent that the Message-ID search did not find; it reads
        the newest drafts' bodies and compares normalized-text hashes.
        """
        built = self.build(intent_action(record))
        if built is None:
            return None
        expected = content_hash(built[1])
        listed = self.gmail.list_drafts()[:RECONCILE_SCAN]
        if not listed:
            return None
        bodies = {raw.id: raw for raw in self.gmail.get_raw([d.message_id for d in listed])}
        for draft in listed:
            raw = bodies.get(draft.message_id)
            if raw is not None and content_hash_of_raw(raw.raw) == expected:
                return Draft(id=draft.id, message_id=draft.message_id, thread_id=raw.thread_id)
        return None

    def flag(self, action: FlagAttention) -> None:
        if self.store.flag_attention(action, self.now):
            log.info("needs your attention: %s", action.reason)
            self.label_thread(action.thread_id, ATTENTION_LABEL)

    def label_thread(self, thread_id: str, label: str) -> None:
        if not self.settings.gmail.label_threads or not thread_id:
            return
        try:
            self.gmail.modify_thread_labels(thread_id, add=[self.gmail.ensure_label(label)])
        except TransientError as exc:
            log.warning("could not label thread %s: %s", thread_id, exc)


def intent_action(record: DraftRecord) -> CreateDraft:
    return CreateDraft(
        key=record.key,
        application_id=record.application_id,
        step=record.step,
        trigger=record.trigger,
        to_email=record.to_email,
        to_name=record.to_name,
        thread_id=record.thread_id,
        reply_to_gmail_id=record.reply_to_gmail_id,
        due=record.due,
    )
