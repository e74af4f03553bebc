"""The daemon's state in one SQLite file: schema, migrations, transactions, readers, writers.

The store holds facts and never decides anything: the policy decides, the shell
(``poll.py``, ``tracking.py``) says what to write.  A connection belongs to the
thread that opened it (sqlite3's own check enforces this), so the daemon opens
the store in the thread that uses it.

Opening (``Store.open(path)``) creates the directory 0700 and the file 0600
before SQLite touches it (SQLite gives its -wal/-shm files the same mode),
turns on WAL, ``synchronous=FULL`` and foreign keys, and applies any pending
migration, counted by ``PRAGMA user_version``, each in its own transaction.

Writers may be called alone (each then commits by itself) or grouped in
``with store.transaction():`` (``BEGIN IMMEDIATE`` ... ``COMMIT``; any
exception rolls everything back; nested blocks join the outer one).

Times are stored as ISO 8601 text in UTC and come back as aware datetimes.

Design note: at most one draft per key, even across crashes
-----------------------------------------------------------
1. The shell records processed messages and the new historyId in ONE
   transaction, so a message is either fully recorded with the cursor past it
   or fetched again.
2. It plans on ``load_state()``.  Every action is derived from that state, so a
   crash before acting loses nothing: the next plan returns the same actions.
3. For each ``CreateDraft``: ``record_intent`` commits a row (status
   ``intent``) BEFORE ``drafts.create``; after Gmail answers, ``mark_created``
   stores the draft id, message id and content hash.  A crash between the two
   leaves an intent.  The policy never plans a key that has a row in any
   status, so it cannot create a second draft; instead, at the start of the
   next poll the shell reconciles ``pending_intents()``: it looks for the draft
   in Gmail by the Message-ID header we put in it (derived from the key), and
   either ``mark_created`` with what it finds or creates it then.
4. ``RemoveDraft`` is carried out only if the draft's current content hash in
   Gmail equals the recorded ``content_hash`` (otherwise ``set_draft_status``
   ``edited``), then ``set_draft_status(key, removed)``.

Schema (version 1)
------------------
applications(id PK, company, role, stage, closed_reason, created_at)
application_domains(application_id FK, domain)             -- PK both; index on domain
interviews(id PK, application_id FK, start, source)
contacts(application_id FK, email, name, role, seq)        -- PK (application, email); seq: last set
threads(thread_id PK, application_id FK)
messages(gmail_id PK, thread_id, application_id FK NULL, direction, sender_email,
         sender_name, is_person, date, subject, message_id_header, refs JSON,
         label, confidence, evidence JSON, decision_date, return_date, requested, processed_at)
irrelevant_messages(gmail_id PK, processed_at)             -- seen, not ours: never fetched again
relabels(gmail_id PK, label, relabeled_at)                 -- the user's word beats the classifier's
drafts(key PK, application_id FK, step, trigger, status, gmail_draft_id, gmail_message_id,
       thread_id, to_email, to_name, reply_to_gmail_id, content_hash, due, created_at, updated_at)
attention(gmail_id PK, application_id FK, thread_id, reason, flagged_at, cleared_at)
sync(id = 1, history_id, watching_since, last_poll_success)
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import stat
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from treadgently.errors import ConfigError
from treadgently.model import (
    CLOSED_BY_USER,
    Application,
    ApplicationState,
    AttentionFlag,
    Contact,
    CreateDraft,
    Direction,
    DraftRecord,
    DraftStatus,
    FlagAttention,
    Interview,
    Label,
    MailboxState,
    MessageRecord,
    Role,
    Stage,
    Step,
)

logger = logging.getLogger(__name__)

_Grouped = TypeVar("_Grouped", MessageRecord, DraftRecord)

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE applications (
            id INTEGER PRIMARY KEY,
            company TEXT NOT NULL,
            role TEXT,
            stage TEXT NOT NULL DEFAULT 'active' CHECK (stage IN ('active', 'offer', 'closed')),
            closed_reason TEXT,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE application_domains (
            application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
            domain TEXT NOT NULL,
            PRIMARY KEY (application_id, domain)
        )""",
        "CREATE INDEX application_domains_by_domain ON application_domains(domain)",
        """CREATE TABLE interviews (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
            start TEXT NOT NULL,
            source TEXT NOT NULL
        )""",
        """CREATE TABLE contacts (
            application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
            email TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL CHECK (role IN ('hiring_manager', 'recruiter', 'other')),
            seq INTEGER NOT NULL,
            PRIMARY KEY (application_id, email)
        )""",
        """CREATE TABLE threads (
            thread_id TEXT PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE
        )""",
        "CREATE INDEX threads_by_application ON threads(application_id)",
        """CREATE TABLE messages (
            gmail_id TEXT PRIMARY KEY,
            thread_id TEXT NOT NULL,
            application_id INTEGER REFERENCES applications(id) ON DELETE SET NULL,
            direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
            sender_email TEXT NOT NULL,
            sender_name TEXT NOT NULL,
            is_person INTEGER NOT NULL,
            date TEXT NOT NULL,
            subject TEXT NOT NULL,
            message_id_header TEXT NOT NULL,
            refs TEXT NOT NULL,
            label TEXT,
            confidence REAL NOT NULL,
            evidence TEXT NOT NULL,
            decision_date TEXT,
            return_date TEXT,
            requested TEXT,
            processed_at TEXT NOT NULL
        )""",
        "CREATE INDEX messages_by_application ON messages(application_id, date)",
        "CREATE INDEX messages_by_thread ON messages(thread_id)",
        """CREATE TABLE irrelevant_messages (
            gmail_id TEXT PRIMARY KEY,
            processed_at TEXT NOT NULL
        )""",
        """CREATE TABLE relabels (
            gmail_id TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            relabeled_at TEXT NOT NULL
        )""",
        """CREATE TABLE drafts (
            key TEXT PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
            step TEXT NOT NULL,
            trigger TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN
                ('intent', 'created', 'sent', 'deleted', 'edited', 'removed')),
            gmail_draft_id TEXT,
            gmail_message_id TEXT,
            thread_id TEXT,
            to_email TEXT NOT NULL,
            to_name TEXT NOT NULL,
            reply_to_gmail_id TEXT,
            content_hash TEXT,
            due TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX drafts_by_message_id ON drafts(gmail_message_id)",
        "CREATE INDEX drafts_by_status ON drafts(status)",
        """CREATE TABLE attention (
            gmail_id TEXT PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
            thread_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            flagged_at TEXT NOT NULL,
            cleared_at TEXT
        )""",
        """CREATE TABLE sync (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            history_id TEXT,
            watching_since TEXT,
            last_poll_success TEXT
        )""",
        "INSERT INTO sync (id) VALUES (1)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class SyncInfo:
    history_id: str | None
    watching_since: datetime | None
    last_poll_success: datetime | None


class Store:
    """One open state database.  Build it with ``Store.open(path)``."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self._depth = 0
        self.path = path

    # --- lifecycle --------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Store:
        """Open (creating 0600 in a 0700 directory) and migrate the database at ``path``."""
        path = Path(path).expanduser()
        _prepare_file(path)
        try:
            connection = sqlite3.connect(path, isolation_level=None, timeout=10.0)
        except sqlite3.Error as exc:
            raise ConfigError(f"{path}: cannot open the state database: {exc}") from None
        store = cls(connection, path)
        try:
            mode = connection.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if mode != "wal":
                logger.warning("%s: SQLite refused WAL mode (using %s)", path, mode)
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("PRAGMA foreign_keys=ON")
            store._migrate()
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise ConfigError(f"{path}: not a usable treadgently database: {exc}") from None
        except BaseException:
            connection.close()
            raise
        return store

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise ConfigError(
                f"{self.path}: state schema version {version} is newer than this treadgently"
                f" understands ({SCHEMA_VERSION}); upgrade treadgently"
            )
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                if self.schema_version() > number:
                    continue  # another process (the daemon, `status`) migrated it meanwhile
                for statement in MIGRATIONS[number]:
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number + 1}")
            logger.info("%s: state schema migrated to version %s", self.path, number + 1)

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``; rollback on any exception; nested blocks join."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0

    # --- sync cursor ------------------------------------------------------------------

    def sync_info(self) -> SyncInfo:
        row = self._db.execute(
            "SELECT history_id, watching_since, last_poll_success FROM sync WHERE id = 1"
        ).fetchone()
        return SyncInfo(row[0], _time_or_none(row[1]), _time_or_none(row[2]))

    def history_id(self) -> str | None:
        return self.sync_info().history_id

    def set_history_id(self, history_id: str | None) -> None:
        """Store the sync cursor; None forgets it, so the next poll runs a full sync."""
        value = None if history_id is None else str(history_id)
        self._db.execute("UPDATE sync SET history_id = ? WHERE id = 1", (value,))

    def begin_watching(self, now: datetime) -> datetime:
        """Record the first poll's time once; return the recorded time."""
        self._db.execute(
            "UPDATE sync SET watching_since = COALESCE(watching_since, ?) WHERE id = 1",
            (_iso(now),),
        )
        watching = self.sync_info().watching_since
        assert watching is not None
        return watching

    def record_poll_success(self, now: datetime) -> None:
        self._db.execute("UPDATE sync SET last_poll_success = ? WHERE id = 1", (_iso(now),))

    # --- messages ---------------------------------------------------------------------

    def processed_ids(self, gmail_ids: Iterable[str]) -> set[str]:
        """Which of these messages were already recorded or judged irrelevant."""
        wanted = list(dict.fromkeys(gmail_ids))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for table in ("messages", "irrelevant_messages"):
                rows = self._db.execute(
                    f"SELECT gmail_id FROM {table} WHERE gmail_id IN ({marks})", chunk
                )
                found.update(row[0] for row in rows)
        return found

    def recorded_ids(self, gmail_ids: Iterable[str]) -> set[str]:
        """Which of these messages were recorded as belonging to an application."""
        wanted = list(dict.fromkeys(gmail_ids))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT gmail_id FROM messages WHERE gmail_id IN ({marks})", chunk
            )
            found.update(row[0] for row in rows)
        return found

    def record_message(self, record: MessageRecord, now: datetime) -> None:
        """Insert or replace one processed message (a manual relabel is kept apart)."""
        with self.transaction():
            self._db.execute(
                "DELETE FROM irrelevant_messages WHERE gmail_id = ?", (record.gmail_id,)
            )
            self._db.execute(
                """INSERT OR REPLACE INTO messages (gmail_id, thread_id, application_id, direction,
                    sender_email, sender_name, is_person, date, subject, message_id_header, refs,
                    label, confidence, evidence, decision_date, return_date, requested,
                    processed_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    record.gmail_id,
                    record.thread_id,
                    record.application_id,
                    Direction(record.direction).value,
                    record.sender_email.lower(),
                    record.sender_name,
                    int(record.is_person),
                    _iso(record.date),
                    record.subject,
                    record.message_id_header,
                    json.dumps(list(record.references)),
                    None if record.label is None else Label(record.label).value,
                    float(record.confidence),
                    json.dumps(list(record.evidence)),
                    _date_or_none(record.decision_date),
                    _date_or_none(record.return_date),
                    record.requested,
                    _iso(now),
                ),
            )

    def mark_irrelevant(self, gmail_ids: Iterable[str], now: datetime) -> None:
        self._db.executemany(
            "INSERT OR IGNORE INTO irrelevant_messages (gmail_id, processed_at) VALUES (?, ?)",
            [(gmail_id, _iso(now)) for gmail_id in gmail_ids],
        )

    def assign_message(self, gmail_id: str, application_id: int | None) -> None:
        """Attach a recorded message to an application (or detach it with None)."""
        self._db.execute(
            "UPDATE messages SET application_id = ? WHERE gmail_id = ?", (application_id, gmail_id)
        )

    def message(self, gmail_id: str) -> MessageRecord | None:
        rows = self._message_rows("WHERE m.gmail_id = ?", (gmail_id,))
        return rows[0] if rows else None

    def thread_messages(self, thread_id: str) -> list[MessageRecord]:
        return self._message_rows("WHERE m.thread_id = ? ORDER BY m.date", (thread_id,))

    def relabel(self, gmail_id: str, label: str, now: datetime) -> bool:
        """The user's label for a recorded message; False when the message is unknown."""
        label = Label(label).value
        with self.transaction():
            if not self._db.execute(
                "SELECT 1 FROM messages WHERE gmail_id = ?", (gmail_id,)
            ).fetchone():
                return False
            self._db.execute(
                "INSERT OR REPLACE INTO relabels (gmail_id, label, relabeled_at) VALUES (?, ?, ?)",
                (gmail_id, label, _iso(now)),
            )
        return True

    # --- applications and people ------------------------------------------------------

    def add_application(
        self,
        company: str,
        now: datetime,
        *,
        role: str | None = None,
        domains: Iterable[str] = (),
    ) -> int:
        with self.transaction():
            cursor = self._db.execute(
                "INSERT INTO applications (company, role, created_at) VALUES (?, ?, ?)",
                (company, role, _iso(now)),
            )
            application_id = int(cursor.lastrowid or 0)
            for domain in domains:
                self.add_domain(application_id, domain)
        return application_id

    def update_application(
        self, application_id: int, *, company: str | None = None, role: str | None = None
    ) -> None:
        """Change the company name and/or role; None leaves a field as it is."""
        self._db.execute(
            """UPDATE applications SET company = COALESCE(?, company), role = COALESCE(?, role)
               WHERE id = ?""",
            (company, role, application_id),
        )

    def add_domain(self, application_id: int, domain: str) -> None:
        self._db.execute(
            "INSERT OR IGNORE INTO application_domains (application_id, domain) VALUES (?, ?)",
            (application_id, domain.strip().lower()),
        )

    def set_stage(self, application_id: int, stage: Stage, reason: str | None = None) -> None:
        """Set the stage; ``reason`` is kept as closed_reason when closing, cleared otherwise."""
        stage = Stage(stage)
        self._db.execute(
            "UPDATE applications SET stage = ?, closed_reason = ? WHERE id = ?",
            (stage.value, reason if stage is Stage.CLOSED else None, application_id),
        )

    def close_application(self, application_id: int, reason: str = CLOSED_BY_USER) -> None:
        self.set_stage(application_id, Stage.CLOSED, reason)

    def applications(self) -> list[Application]:
        return self._applications("", ())

    def application(self, application_id: int) -> Application | None:
        found = self._applications("WHERE a.id = ?", (application_id,))
        return found[0] if found else None

    def find_application_by_domain(self, domain: str) -> int | None:
        """The newest application for this company domain that is not closed."""
        row = self._db.execute(
            """SELECT a.id FROM applications a JOIN application_domains d ON d.application_id = a.id
               WHERE d.domain = ? AND a.stage != 'closed' ORDER BY a.id DESC LIMIT 1""",
            (domain.strip().lower(),),
        ).fetchone()
        return int(row[0]) if row else None

    def find_application_by_thread(self, thread_id: str) -> int | None:
        row = self._db.execute(
            "SELECT application_id FROM threads WHERE thread_id = ?", (thread_id,)
        ).fetchone()
        return int(row[0]) if row else None

    def find_applications_by_company(self, company: str) -> list[Application]:
        """Applications whose company name matches, case-insensitively, newest first."""
        found = self._applications("WHERE lower(a.company) = lower(?)", (company.strip(),))
        return sorted(found, key=lambda a: a.id, reverse=True)

    def link_thread(self, thread_id: str, application_id: int) -> None:
        """Say a thread belongs to an application (the latest link wins)."""
        self._db.execute(
            "INSERT OR REPLACE INTO threads (thread_id, application_id) VALUES (?, ?)",
            (thread_id, application_id),
        )

    def add_interview(self, application_id: int, start: datetime, source: str) -> int:
        cursor = self._db.execute(
            "INSERT INTO interviews (application_id, start, source) VALUES (?, ?, ?)",
            (application_id, _iso(start), source),
        )
        return int(cursor.lastrowid or 0)

    def move_interview(self, interview_id: int, start: datetime, source: str) -> None:
        self._db.execute(
            "UPDATE interviews SET start = ?, source = ? WHERE id = ?",
            (_iso(start), source, interview_id),
        )

    def interviews(self, application_id: int) -> list[Interview]:
        rows = self._db.execute(
            "SELECT id, application_id, start, source FROM interviews"
            " WHERE application_id = ? ORDER BY start, id",
            (application_id,),
        )
        return [_interview(row) for row in rows]

    def upsert_contact(self, application_id: int, email: str, name: str, role: Role) -> None:
        """Add or update a person; the most recently set contact of a role is that role's person.

        An empty ``name`` keeps a name already known.
        """
        self._db.execute(
            """INSERT INTO contacts (application_id, email, name, role, seq)
               VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM contacts))
               ON CONFLICT (application_id, email) DO UPDATE SET
                 name = CASE WHEN excluded.name != '' THEN excluded.name ELSE contacts.name END,
                 role = excluded.role,
                 seq = excluded.seq""",
            (application_id, email.strip().lower(), name, Role(role).value),
        )

    def contacts(self, application_id: int) -> list[Contact]:
        rows = self._db.execute(
            "SELECT application_id, email, name, role FROM contacts"
            " WHERE application_id = ? ORDER BY seq",
            (application_id,),
        )
        return [Contact(row[0], row[1], row[2], Role(row[3])) for row in rows]

    # --- drafts -----------------------------------------------------------------------

    def record_intent(self, action: CreateDraft, now: datetime) -> bool:
        """Record that we are about to create this draft; False if the key already exists."""
        cursor = self._db.execute(
            """INSERT OR IGNORE INTO drafts (key, application_id, step, trigger, status,
                 thread_id, to_email, to_name, reply_to_gmail_id, due, created_at, updated_at)
               VALUES (?, ?, ?, ?, 'intent', ?, ?, ?, ?, ?, ?, ?)""",
            (
                action.key,
                action.application_id,
                Step(action.step).value,
                action.trigger,
                action.thread_id,
                action.to_email,
                action.to_name,
                action.reply_to_gmail_id,
                _iso(action.due),
                _iso(now),
                _iso(now),
            ),
        )
        return cursor.rowcount == 1

    def mark_created(
        self,
        key: str,
        draft_id: str,
        message_id: str,
        content_hash: str,
        *,
        thread_id: str | None = None,
        now: datetime | None = None,
    ) -> None:
        """The draft exists in Gmail: keep its ids and the hash of what we wrote."""
        self._db.execute(
            """UPDATE drafts SET status = 'created', gmail_draft_id = ?, gmail_message_id = ?,
                 content_hash = ?, thread_id = COALESCE(?, thread_id),
                 updated_at = COALESCE(?, updated_at)
               WHERE key = ?""",
            (draft_id, message_id, content_hash, thread_id, _iso(now) if now else None, key),
        )

    def set_draft_status(
        self,
        key: str,
        status: DraftStatus,
        *,
        message_id: str | None = None,
        now: datetime | None = None,
    ) -> None:
        """Move a draft to ``status`` (sent, deleted, edited, removed...).

        ``message_id`` updates the Gmail message id (an edited draft gets a new one).
        """
        self._db.execute(
            """UPDATE drafts SET status = ?, gmail_message_id = COALESCE(?, gmail_message_id),
                 updated_at = COALESCE(?, updated_at) WHERE key = ?""",
            (DraftStatus(status).value, message_id, _iso(now) if now else None, key),
        )

    def draft(self, key: str) -> DraftRecord | None:
        found = self._draft_rows("WHERE key = ?", (key,))
        return found[0] if found else None

    def drafts(self, statuses: Iterable[DraftStatus] = ()) -> list[DraftRecord]:
        """Every draft record (oldest first), or those in the given statuses."""
        wanted = [DraftStatus(s).value for s in statuses]
        if not wanted:
            return self._draft_rows("", ())
        marks = ",".join("?" * len(wanted))
        return self._draft_rows(f"WHERE status IN ({marks})", wanted)

    def pending_intents(self) -> list[DraftRecord]:
        """Intents with no Gmail draft recorded: reconcile these before creating anything."""
        return self.drafts([DraftStatus.INTENT])

    def draft_by_message_id(self, gmail_message_id: str) -> DraftRecord | None:
        found = self._draft_rows("WHERE gmail_message_id = ?", (gmail_message_id,))
        return found[0] if found else None

    # --- attention --------------------------------------------------------------------

    def flag_attention(self, flag: FlagAttention, now: datetime) -> bool:
        """Raise a flag once per message; False if it was ever raised before."""
        cursor = self._db.execute(
            """INSERT OR IGNORE INTO attention (gmail_id, application_id, thread_id, reason,
                 flagged_at) VALUES (?, ?, ?, ?, ?)""",
            (flag.gmail_id, flag.application_id, flag.thread_id, flag.reason, _iso(now)),
        )
        return cursor.rowcount == 1

    def clear_attention(self, gmail_id: str, now: datetime) -> None:
        self._db.execute(
            "UPDATE attention SET cleared_at = COALESCE(cleared_at, ?) WHERE gmail_id = ?",
            (_iso(now), gmail_id),
        )

    # --- the policy's input -----------------------------------------------------------

    def load_state(self) -> MailboxState:
        """Everything the policy reads, in one consistent snapshot."""
        with self._snapshot():
            sync = self.sync_info()
            messages = _group(
                self._message_rows("WHERE m.application_id IS NOT NULL ORDER BY m.date", ())
            )
            drafts = _group(self._draft_rows("", ()))
            states = []
            for application in self.applications():
                app_id = application.id
                threads = self._db.execute(
                    "SELECT thread_id FROM threads WHERE application_id = ? ORDER BY thread_id",
                    (app_id,),
                )
                states.append(
                    ApplicationState(
                        application=application,
                        interviews=tuple(self.interviews(app_id)),
                        contacts=tuple(self.contacts(app_id)),
                        messages=tuple(messages.get(app_id, ())),
                        drafts=tuple(drafts.get(app_id, ())),
                        threads=tuple(row[0] for row in threads),
                        attention=tuple(self._attention(app_id)),
                    )
                )
        return MailboxState(
            applications=tuple(states),
            watching_since=sync.watching_since,
            first_poll=sync.last_poll_success is None,
            last_poll_success=sync.last_poll_success,
        )

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """A read transaction, so a concurrent writer cannot show us half a poll."""
        if self._depth:
            yield
            return
        self._db.execute("BEGIN")
        self._depth = 1
        try:
            yield
        finally:
            self._depth = 0
            self._db.execute("COMMIT")

    # --- row mapping ------------------------------------------------------------------

    def _applications(self, where: str, params: Sequence[Any]) -> list[Application]:
        rows = self._db.execute(
            f"""SELECT a.id, a.company, a.role, a.stage, a.closed_reason, a.created_at,
                  (SELECT group_concat(domain, ' ') FROM
                     (SELECT domain FROM application_domains d WHERE d.application_id = a.id
                      ORDER BY domain))
                FROM applications a {where} ORDER BY a.id""",
            params,
        ).fetchall()
        return [
            Application(
                id=row[0],
                company=row[1],
                role=row[2],
                domains=tuple((row[6] or "").split()),
                stage=Stage(row[3]),
                closed_reason=row[4],
                created_at=_time(row[5]),
            )
            for row in rows
        ]

    def _message_rows(self, where: str, params: Sequence[Any]) -> list[MessageRecord]:
        rows = self._db.execute(
            f"""SELECT m.gmail_id, m.thread_id, m.application_id, m.direction, m.sender_email,
                  m.sender_name, m.is_person, m.date, m.subject, m.message_id_header, m.refs,
                  COALESCE(r.label, m.label), m.confidence, m.evidence, m.decision_date,
                  m.return_date, m.requested
                FROM messages m LEFT JOIN relabels r ON r.gmail_id = m.gmail_id {where}""",
            params,
        ).fetchall()
        return [
            MessageRecord(
                gmail_id=row[0],
                thread_id=row[1],
                application_id=row[2],
                direction=Direction(row[3]),
                sender_email=row[4],
                sender_name=row[5],
                is_person=bool(row[6]),
                date=_time(row[7]),
                subject=row[8],
                message_id_header=row[9],
                references=tuple(json.loads(row[10])),
                label=row[11],
                confidence=row[12],
                evidence=tuple(json.loads(row[13])),
                decision_date=_date(row[14]),
                return_date=_date(row[15]),
                requested=row[16],
            )
            for row in rows
        ]

    def _draft_rows(self, where: str, params: Sequence[Any]) -> list[DraftRecord]:
        rows = self._db.execute(
            f"""SELECT key, application_id, step, trigger, status, gmail_draft_id,
                  gmail_message_id, thread_id, to_email, to_name, reply_to_gmail_id,
                  content_hash, due, created_at
                FROM drafts {where} ORDER BY created_at, rowid""",
            params,
        ).fetchall()
        return [
            DraftRecord(
                key=row[0],
                application_id=row[1],
                step=Step(row[2]),
                trigger=row[3],
                status=DraftStatus(row[4]),
                gmail_draft_id=row[5],
                gmail_message_id=row[6],
                thread_id=row[7],
                to_email=row[8],
                to_name=row[9],
                reply_to_gmail_id=row[10],
                content_hash=row[11],
                due=_time(row[12]),
                created_at=_time(row[13]),
            )
            for row in rows
        ]

    def _attention(self, application_id: int) -> list[AttentionFlag]:
        rows = self._db.execute(
            """SELECT gmail_id, application_id, thread_id, reason, flagged_at, cleared_at
               FROM attention WHERE application_id = ? ORDER BY flagged_at, gmail_id""",
            (application_id,),
        )
        return [
            AttentionFlag(row[0], row[1], row[2], row[3], _time(row[4]), _time_or_none(row[5]))
            for row in rows
        ]


# --- files ----------------------------------------------------------------------------------


def _prepare_file(path: Path) -> None:
    """Create the directory 0700 and the file 0600 before SQLite opens it."""
    directory = path.parent
    if not directory.exists():
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        directory.chmod(0o700)  # mkdir's mode is filtered by the umask
    elif stat.S_IMODE(directory.stat().st_mode) & 0o077:
        logger.warning("%s: the state directory is readable by other users", directory)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot create the state database: {exc.strerror}") from None
    try:
        if stat.S_IMODE(os.fstat(fd).st_mode) & 0o077:
            logger.warning("%s: the state database was readable by others; now 0600", path)
            os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


# --- values ---------------------------------------------------------------------------------


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: the store keeps aware times only")
    return moment.astimezone(UTC).isoformat()


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _time_or_none(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _date_or_none(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _interview(row: Sequence[Any]) -> Interview:
    return Interview(id=row[0], application_id=row[1], start=_time(row[2]), source=row[3])


def _group(items: Iterable[_Grouped]) -> dict[int, list[_Grouped]]:
    grouped: dict[int, list[_Grouped]] = {}
    for item in items:
        if item.application_id is not None:
            grouped.setdefault(item.application_id, []).append(item)
    return grouped
