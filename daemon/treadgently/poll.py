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
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

from treadgently.classify import Classifier
from treadgently.config import Settings
from treadgently.confirm import detect_confirmation
from treadgently.drafting import DraftDesk
from treadgently.drafts import (
    DraftRenderer,
)
from treadgently.gmail import Gmail, HistoryExpired, RawMessage
from treadgently.lock import hold_lock
from treadgently.mail import parse_message
from treadgently.model import (
    CreateDraft,
    FlagAttention,
    MessageRecorded,
    PolicyConfig,
    RemoveDraft,
    SetStage,
)
from treadgently.policy import plan
from treadgently.report import CycleReport, SeenMessage, describe_action
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
    message_date,
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
FETCH_SLICE = 200  # messages read per progress step (the adapter batches 50 per request)
ACTION_ORDER = {SetStage: 0, RemoveDraft: 1, CreateDraft: 2, FlagAttention: 3}


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
    os.close(os.open(copy, os.O_CREAT | os.O_WRONLY, 0o600))  # private from the start
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
        self.desk = DraftDesk(settings, store, gmail, now, self.renderer, self.report)

    # ---- the cycle -------------------------------------------------------------------

    def run(self) -> CycleReport:
        if not self.dry_run:
            self.desk.reconcile_intents()
        self.sync()
        state = self.store.load_state()
        self.desk.use_state(state)
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
                    self.desk.preview(action)
        else:
            self.desk.act(actions)
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
        updates = self.desk.draft_updates(digest)
        with self.store.transaction():
            self.ingest(items)
            self.desk.apply_draft_updates(updates)
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
        updates = self.desk.draft_updates_without_history(items)
        with self.store.transaction():
            self.ingest(items)
            self.desk.apply_draft_updates(updates)
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
        """Whole messages, read in slices so a long backfill reports its progress."""
        items = []
        for start in range(0, len(ids), FETCH_SLICE):
            chunk = ids[start : start + FETCH_SLICE]
            if len(ids) > FETCH_SLICE:
                log.info("reading messages %d-%d of %d", start + 1, start + len(chunk), len(ids))
            for raw in self.gmail.get_raw(chunk):
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
        for item in sorted(items, key=message_date):
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
