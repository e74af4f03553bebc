"""One poll cycle, the imperative shell: sync → parse → classify → plan → act.

Everything that decides lives elsewhere (policy.py decides what to draft,
tracking.py where a message belongs, classify.py what it says); this module
does the I/O in an order that survives a crash at any instant:

1. Drafts whose creation was interrupted (an *intent* without a draft id) are
   reconciled first: looked up in Gmail by the Message-ID we gave them, and
   created only if they are not there (store.py's design note).
2. New mail is read (a backfill the first time, the history afterwards) and
   recorded together with the new historyId in one transaction, so a message
   is either fully recorded with the cursor past it, or read again next time.
3. The policy plans on the stored state, and each action is carried out:
   intent recorded, then ``drafts.create``, then the draft id stored.

``--dry-run`` runs steps 2 and 3 against a private copy of the database and
stops before anything is written to Gmail, so it shows the plan and changes
nothing.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from treadgently.classify import Classifier
from treadgently.config import Settings
from treadgently.confirm import detect_confirmation
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
from treadgently.gmail import Gmail, HistoryExpired, RawMessage, WriteOutcomeUnknown
from treadgently.lock import hold_lock
from treadgently.mail import parse_message
from treadgently.model import (
    FOLLOW_UP_STEPS,
    Action,
    ApplicationState,
    CreateDraft,
    DraftRecord,
    DraftStatus,
    FlagAttention,
    MessageRecord,
    MessageRecorded,
    PolicyConfig,
    RemoveDraft,
    SetStage,
    Stage,
)
from treadgently.policy import plan
from treadgently.store import Store
from treadgently.sync import (
    HistoryDigest,
    company_queries,
    confirmation_query,
    digest_history,
    header_addresses,
    lookback_start,
    may_be_confirmation,
    names_in_headers,
    unique,
)
from treadgently.tracking import (
    Incoming,
    find_application,
    is_outbound,
    mentions_tracked,
    message_record,
    record_confirmation,
    tracked_company_names,
    tracked_domains_and_people,
)

log = logging.getLogger(__name__)

DRAFT_READY_LABEL = "treadgently/draft-ready"
ATTENTION_LABEL = "treadgently/needs-attention"
# Subjects calendar systems give invitations ("Invitation: Interview @ Fri Mar 14 ...").
CALENDAR_SUBJECT = re.compile(
    r"^\s*(updated\s+)?(invitation|einladung|invitación|invitation mise à jour|uitnodiging)"
    r"(\s+(updated|aktualisiert))?\s*:",
    re.IGNORECASE,
)
ACTION_ORDER = {SetStage: 0, RemoveDraft: 1, CreateDraft: 2, FlagAttention: 3}


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


def run_cycle(
    settings: Settings,
    *,
    now: datetime | None = None,
    dry_run: bool = False,
    gmail: Gmail | None = None,
    lock_held: bool = False,
) -> CycleReport:
    """Run one poll.  Takes the state lock unless the caller holds it (or it is a dry run)."""
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    database = Path(settings.storage.database)
    with ExitStack() as stack:
        if dry_run:
            database = _private_copy(database, stack)
        elif not lock_held:
            stack.enter_context(hold_lock(database))
        store = Store.open(database)
        stack.callback(store.close)
        if gmail is None:
            from treadgently.auth import open_gmail  # OAuth only when a real account is used

            gmail = open_gmail(settings)
            stack.callback(gmail.close)
        cycle = Cycle(settings, store, gmail, now, dry_run=dry_run)
        return cycle.run()
    raise AssertionError("unreachable")  # pragma: no cover


def _private_copy(database: Path, stack: ExitStack) -> Path:
    """A consistent snapshot of the state for a dry run (SQLite's online backup)."""
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="treadgently-dry-")))
    copy = folder / "state.db"
    if database.exists():
        source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    return copy


class Cycle:
    """The state of one poll; built fresh for every cycle so nothing leaks between polls."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        gmail: Gmail,
        now: datetime,
        *,
        dry_run: bool = False,
        classifier: Classifier | None = None,
        renderer: DraftRenderer | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.gmail = gmail
        self.now = now
        self.dry_run = dry_run
        self.own_email = settings.candidate.email.lower()
        self.classifier = classifier or Classifier(settings.classifier.phrases())
        self.renderer = renderer or DraftRenderer(settings.templates.dir)
        self.policy = PolicyConfig.from_settings(settings.policy)
        self.report = CycleReport(now=now, dry_run=dry_run)
        self.events: list[MessageRecorded] = []
        self._states: dict[int, ApplicationState] = {}

    # ---- the cycle -------------------------------------------------------------------

    def run(self) -> CycleReport:
        if not self.dry_run:
            self.reconcile_intents()
        self.sync()
        state = self.store.load_state()
        self._states = {app.application.id: app for app in state.applications}
        actions = sorted(
            plan(state, self.events, self.now, self.policy),
            key=lambda action: ACTION_ORDER[type(action)],
        )
        self.report.actions = actions
        for action in actions:
            log.info("plan: %s", describe_action(action))
        if self.dry_run:
            for action in actions:
                if isinstance(action, CreateDraft):
                    self.preview(action)
        else:
            self.act(actions)
            self.store.record_poll_success(self.now)
        log.info(
            "poll done: %d message(s) read, %d draft(s) made, %d removed%s",
            len(self.report.seen),
            len(self.report.drafts),
            len(self.report.removed),
            f", {self.report.errors} message(s) skipped on errors" if self.report.errors else "",
        )
        return self.report

    # ---- reading mail ----------------------------------------------------------------

    def sync(self) -> None:
        cursor = self.store.history_id()
        if cursor is None:
            self.full_sync()
            return
        try:
            changes = self.gmail.history_since(int(cursor))
        except HistoryExpired:
            log.warning("Gmail no longer has history from %s: running a full sync", cursor)
            self.full_sync()
            return
        if changes.empty:
            log.debug("no changes since history %s", cursor)
            if str(changes.history_id) != cursor:
                self.store.set_history_id(str(changes.history_id))
            return
        digest = digest_history(changes)
        items = self.fetch_new(digest)
        updates = self.draft_updates(digest)
        with self.store.transaction():
            self.ingest(items)
            self.apply_draft_updates(updates)
            self.store.set_history_id(str(changes.history_id))

    def full_sync(self) -> None:
        """Backfill: interview confirmations first, then the companies they name."""
        self.report.full_sync = True
        profile = self.gmail.profile()  # the cursor is read *before* the mail it covers
        after = lookback_start(self.now, self.settings.policy.lookback_days)
        log.info("full sync: reading the last %d days of mail", self.settings.policy.lookback_days)
        refs = self.gmail.list_message_refs(confirmation_query(after))
        fresh = self.unprocessed([ref.id for ref in refs])
        log.info("full sync: %d possible confirmation(s), %d new", len(refs), len(fresh))
        items = self.fetch_raw(fresh)
        with self.store.transaction():
            self.store.begin_watching(self.now)
            self.ingest(items)
        domains, people = tracked_domains_and_people(self.store)
        found: list[str] = []
        names = tracked_company_names(self.store)
        for query in company_queries(domains, people, after, names):
            found.extend(ref.id for ref in self.gmail.list_message_refs(query))
        found = unique(found)
        # Mail judged irrelevant before a company was tracked is worth a second look now.
        fresh = [gmail_id for gmail_id in found if gmail_id not in self.store.recorded_ids(found)]
        log.info(
            "full sync: %d message(s) from or to %d tracked companies, %d new",
            len(found),
            len(domains),
            len(fresh),
        )
        items = self.fetch_raw(fresh)
        updates = self.draft_updates_without_history(items)
        with self.store.transaction():
            self.ingest(items)
            self.apply_draft_updates(updates)
            self.store.set_history_id(str(profile.history_id))

    def unprocessed(self, ids: Sequence[str]) -> list[str]:
        done = self.store.processed_ids(ids)
        return [gmail_id for gmail_id in unique(ids) if gmail_id not in done]

    def fetch_new(self, digest: HistoryDigest) -> list[Incoming]:
        """New messages worth reading: raw for tracked threads, metadata first for the rest."""
        ids = self.unprocessed([*digest.new_ids, *sorted(digest.sent_ids)])
        if not ids:
            return []
        known, unknown = [], []
        for gmail_id in ids:
            thread = digest.new_threads.get(gmail_id)
            tracked = thread is not None and self.store.find_application_by_thread(thread)
            (known if tracked else unknown).append(gmail_id)
        candidates: list[str] = []
        if unknown:
            domains, people = tracked_domains_and_people(self.store)
            names = tracked_company_names(self.store)
            metas = self.gmail.get_metadata(unknown)
            for meta in metas:
                if "DRAFT" in meta.label_ids:
                    continue
                if (
                    mentions_tracked(header_addresses(meta), domains, people)
                    or names_in_headers(meta, names)
                    or may_be_confirmation(meta)
                ):
                    candidates.append(meta.id)
            irrelevant = set(unknown) - set(candidates)
            if irrelevant and not self.dry_run:
                self.store.mark_irrelevant(sorted(irrelevant), self.now)
            log.debug("%d of %d new message(s) may concern us", len(candidates), len(unknown))
        return self.fetch_raw([*known, *candidates])

    def fetch_raw(self, ids: Sequence[str]) -> list[Incoming]:
        if not ids:
            return []
        items = []
        for raw in self.gmail.get_raw(ids):
            item = self.parse(raw)
            if item is not None:
                items.append(item)
        return items

    def parse(self, raw: RawMessage) -> Incoming | None:
        try:
            mail = parse_message(raw.raw)
        except Exception:  # parse_message promises not to raise; a bug must not stop the cycle
            log.exception("message %s: could not be parsed; skipped", raw.id)
            self.report.errors += 1
            return None
        return Incoming(raw.id, raw.thread_id, raw.label_ids, raw.internal_date, mail)

    def ingest(self, items: Iterable[Incoming]) -> None:
        """Record each message where it belongs; one bad message is logged and skipped."""
        for item in sorted(items, key=lambda i: i.received):
            if "DRAFT" in item.label_ids:
                continue
            try:
                seen = self.ingest_one(item)
            except Exception:
                log.exception("message %s: could not be processed; skipped", item.gmail_id)
                self.report.errors += 1
                self.store.mark_irrelevant([item.gmail_id], self.now)
                seen = SeenMessage(item.gmail_id, item.thread_id, "", "", "error")
            self.report.seen.append(seen)

    def ingest_one(self, item: Incoming) -> SeenMessage:
        mail = item.mail
        outbound = is_outbound(item, self.own_email)
        confirmation = None if outbound else detect_confirmation(mail, own_email=self.own_email)
        if confirmation is not None and confirmation.start is not None:
            app_id = record_confirmation(
                self.store, item, confirmation, own_email=self.own_email, now=self.now
            )
            if app_id is not None:
                self.record(item, app_id, None)
                return self.seen(
                    item,
                    "confirmation",
                    app_id,
                    evidence=confirmation.evidence,
                    interview_at=confirmation.start,
                )
        app_id = find_application(self.store, item, self.own_email)
        if app_id is None:
            self.store.mark_irrelevant([item.gmail_id], self.now)
            return self.seen(item, "irrelevant")
        if outbound:
            self.record(item, app_id, None)
            return self.seen(item, "outbound", app_id)
        result = self.classifier.classify(mail, own_email=self.own_email)
        self.record(item, app_id, result)
        log.info("message %s: %s %.2f", item.gmail_id, result.label, result.confidence)
        return self.seen(
            item,
            "reply",
            app_id,
            label=result.label,
            confidence=result.confidence,
            evidence=result.evidence,
        )

    def seen(self, item: Incoming, kind: str, app_id: int | None = None, **facts) -> SeenMessage:
        sender = item.mail.sender.email if item.mail.sender else ""
        company = self._company(app_id) if app_id is not None else None
        return SeenMessage(
            item.gmail_id, item.thread_id, sender, item.mail.subject, kind, company, **facts
        )

    def record(self, item: Incoming, app_id: int, classification) -> None:
        record = message_record(
            item, app_id, own_email=self.own_email, classification=classification
        )
        self.store.record_message(record, self.now)
        self.store.link_thread(item.thread_id, app_id)
        self.events.append(MessageRecorded(item.gmail_id))

    def _company(self, app_id: int) -> str | None:
        app = self.store.application(app_id)
        return app.company if app else None

    # ---- what the user did with our drafts -------------------------------------------

    def draft_updates(self, digest: HistoryDigest) -> list[tuple[DraftRecord, DraftStatus, str]]:
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
                gone = (
                    DraftStatus.SENT
                    if record.thread_id in digest.sent_threads
                    else DraftStatus.DELETED
                )
                updates.append((record, gone, message_id))
            elif current.message_id != message_id:
                status = self.compare(record, current.message_id)
                updates.append((record, status, current.message_id))
        return updates

    def draft_updates_without_history(
        self, items: Sequence[Incoming]
    ) -> list[tuple[DraftRecord, DraftStatus, str]]:
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
                gone = DraftStatus.SENT if sent else DraftStatus.DELETED
                updates.append((record, gone, message_id))
            elif current.message_id != message_id:
                status = self.compare(record, current.message_id)
                updates.append((record, status, current.message_id))
        return updates

    def compare(self, record: DraftRecord, message_id: str) -> DraftStatus:
        """CREATED while the text is still what we wrote (Gmail may re-encode it), else EDITED."""
        if record.status is DraftStatus.EDITED:
            return DraftStatus.EDITED
        fetched = self.gmail.get_raw([message_id])
        if fetched and content_hash_of_raw(fetched[0].raw) == record.content_hash:
            return DraftStatus.CREATED
        return DraftStatus.EDITED

    def apply_draft_updates(self, updates: Sequence[tuple[DraftRecord, DraftStatus, str]]) -> None:
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
        for record in self.store.pending_intents():
            found = self.gmail.find_draft(message_id=self.message_id(record.key))
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
            if (
                app is not None
                and app.stage is not Stage.ACTIVE
                and record.step.value
                in (
                    "thank_manager",
                    "recruiter_follow_up",
                    "check_in",
                )
            ):
                self.store.set_draft_status(record.key, DraftStatus.REMOVED, now=self.now)
                continue
            state = self.store.load_state()
            self._states = {a.application.id: a for a in state.applications}
            log.info("draft %s: creating it after an interrupted poll", record.key)
            self.create_draft(intent_action(record), intent_recorded=True)

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


def describe_action(action: Action) -> str:
    if isinstance(action, CreateDraft):
        where = f" in thread {action.thread_id}" if action.thread_id else ""
        return f"draft {action.step.value} to {action.to_email}{where}"
    if isinstance(action, RemoveDraft):
        return f"remove draft {action.key}: {action.reason}"
    if isinstance(action, SetStage):
        return f"application {action.application_id} -> {action.stage.value}: {action.reason}"
    return f"flag thread {action.thread_id}: {action.reason}"
