"""The SQLite store, on real temporary files: modes, migrations, transactions, crashes."""

from __future__ import annotations

import dataclasses
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from treadgently.errors import ConfigError
from treadgently.model import (
    CLOSED_BY_USER,
    CreateDraft,
    Direction,
    DraftStatus,
    FlagAttention,
    MessageRecord,
    PolicyConfig,
    Role,
    Stage,
    Step,
    draft_key,
)
from treadgently.policy import plan
from treadgently.store import SCHEMA_VERSION, Store

NOW = datetime(2025, 11, 18, 15, 0, tzinfo=UTC)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "state" / "treadgently.db"


@pytest.fixture
def store(db_path: Path) -> Store:
    with Store.open(db_path) as opened:
        yield opened


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def inbound(
    gmail_id: str, application_id: int | None, label: str | None = None, **extra
) -> MessageRecord:
    fields = {
        "gmail_id": gmail_id,
        "thread_id": "t1",
        "application_id": application_id,
        "direction": Direction.IN,
        "sender_email": "Ana@Corvanta.com",
        "sender_name": "Ana",
        "is_person": True,
        "date": NOW,
        "subject": "Re: Interview",
        "message_id_header": f"<{gmail_id}@corvanta.com>",
        "label": label,
    }
    fields.update(extra)
    return MessageRecord(**fields)


def reply_draft(application_id: int, trigger: str = "m1") -> CreateDraft:
    return CreateDraft(
        key=draft_key(application_id, Step.REPLY_INFO, trigger),
        application_id=application_id,
        step=Step.REPLY_INFO,
        trigger=trigger,
        to_email="ana@corvanta.com",
        to_name="Ana",
        thread_id="t1",
        reply_to_gmail_id=trigger,
        due=NOW,
    )


# --- files and modes --------------------------------------------------------------------


def test_database_is_created_0600_inside_a_new_0700_directory(db_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        Store.open(db_path).close()
    finally:
        os.umask(old_umask)
    assert mode(db_path.parent) == 0o700
    assert mode(db_path) == 0o600


def test_wal_side_files_are_no_more_readable_than_the_database(store: Store, db_path: Path) -> None:
    store.add_application("Corvanta", NOW)
    side_files = [p for p in db_path.parent.iterdir() if p.name != db_path.name]
    assert side_files, "WAL mode keeps a -wal file while the connection is open"
    assert {mode(p) & 0o077 for p in side_files} == {0}


def test_a_database_left_group_readable_is_tightened(db_path: Path) -> None:
    db_path.parent.mkdir(mode=0o700)
    db_path.touch()
    db_path.chmod(0o644)
    Store.open(db_path).close()
    assert mode(db_path) == 0o600


def test_wal_mode_and_foreign_keys_are_on(store: Store, db_path: Path) -> None:
    raw = sqlite3.connect(db_path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()
    with pytest.raises(sqlite3.IntegrityError):
        store.add_interview(999, NOW, "manual")  # no such application


# --- migrations -------------------------------------------------------------------------


def test_empty_file_is_migrated_to_the_current_schema(db_path: Path) -> None:
    db_path.parent.mkdir(mode=0o700)
    db_path.write_bytes(b"")
    with Store.open(db_path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.load_state().applications == ()
        assert store.history_id() is None


def test_reopening_keeps_everything_and_does_not_migrate_again(db_path: Path) -> None:
    with Store.open(db_path) as store:
        app = store.add_application("Corvanta", NOW, role="Analyst", domains=["corvanta.com"])
        store.set_history_id("12345")
    with Store.open(db_path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.history_id() == "12345"
        assert [(a.id, a.company, a.role, a.domains) for a in store.applications()] == [
            (app, "Corvanta", "Analyst", ("corvanta.com",))
        ]


def test_a_newer_schema_is_refused_with_a_clear_error(db_path: Path) -> None:
    Store.open(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(ConfigError, match="newer than this treadgently"):
        Store.open(db_path)


def test_a_file_that_is_not_a_database_is_a_config_error(db_path: Path) -> None:
    db_path.parent.mkdir(mode=0o700)
    db_path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ConfigError, match="not a usable treadgently database"):
        Store.open(db_path)


# --- transactions -----------------------------------------------------------------------


def test_transaction_rollback_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        app = store.add_application("Corvanta", NOW, domains=["corvanta.com"])
        store.record_message(inbound("m1", app, "other"), NOW)
        store.set_history_id("999")
        raise RuntimeError("crash mid-poll")
    assert store.applications() == []
    assert store.processed_ids(["m1"]) == set()
    assert store.history_id() is None


def test_nested_transactions_join_the_outer_one(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        with store.transaction():
            store.add_application("Inner", NOW)
        raise RuntimeError("outer fails after inner finished")
    assert store.applications() == []


def test_messages_and_cursor_commit_together(store: Store) -> None:
    app = store.add_application("Corvanta", NOW)
    with store.transaction():
        store.record_message(inbound("m1", app, "still_interviewing"), NOW)
        store.mark_irrelevant(["spam1", "spam2"], NOW)
        store.set_history_id("77")
    assert store.processed_ids(["m1", "spam1", "spam2", "new"]) == {"m1", "spam1", "spam2"}
    assert store.history_id() == "77"


# --- state round trip -------------------------------------------------------------------


def test_load_state_round_trips_what_the_shell_wrote(store: Store) -> None:
    app = store.add_application("Corvanta", NOW, domains=["Corvanta.com", "corvanta.io"])
    start = datetime(2025, 11, 18, 10, 0, tzinfo=ZoneInfo("America/New_York"))
    store.add_interview(app, start, "confirmation:c1")
    store.upsert_contact(app, "Ana@Corvanta.com", "Ana", Role.RECRUITER)
    store.upsert_contact(app, "bo@corvanta.com", "Bo", Role.HIRING_MANAGER)
    store.link_thread("t1", app)
    message = inbound(
        "m1",
        app,
        "still_interviewing",
        references=("<a@x>", "<b@x>"),
        evidence=("we are still interviewing",),
        confidence=0.9,
        decision_date=date(2025, 12, 5),
    )
    store.record_message(message, NOW)
    store.record_message(inbound("stray", None, "other"), NOW)
    store.begin_watching(NOW)

    state = store.load_state()
    (app_state,) = state.applications
    assert app_state.application.domains == ("corvanta.com", "corvanta.io")
    assert [i.start for i in app_state.interviews] == [start]
    assert app_state.interviews[0].start.utcoffset() is not None
    assert [(c.email, c.role) for c in app_state.contacts] == [
        ("ana@corvanta.com", Role.RECRUITER),
        ("bo@corvanta.com", Role.HIRING_MANAGER),
    ]
    assert app_state.threads == ("t1",)
    (loaded,) = app_state.messages  # the stray message belongs to no application
    assert loaded == dataclasses.replace(message, sender_email="ana@corvanta.com")
    assert state.watching_since == NOW
    assert state.first_poll is True


def test_begin_watching_keeps_the_first_time(store: Store) -> None:
    assert store.begin_watching(NOW) == NOW
    assert store.begin_watching(NOW + timedelta(days=3)) == NOW
    store.record_poll_success(NOW + timedelta(days=3))
    state = store.load_state()
    assert (state.watching_since, state.first_poll) == (NOW, False)


def test_naive_datetimes_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="naive"):
        store.add_application("Corvanta", datetime(2025, 11, 18, 15, 0))


def test_relabel_overrides_the_classifier_and_survives_rerecording(store: Store) -> None:
    app = store.add_application("Corvanta", NOW)
    store.record_message(inbound("m1", app, "rejected"), NOW)
    assert store.relabel("m1", "still_interviewing", NOW) is True
    store.record_message(inbound("m1", app, "rejected"), NOW)
    assert store.load_state().applications[0].messages[0].label == "still_interviewing"
    assert store.relabel("unknown", "offer", NOW) is False
    with pytest.raises(ValueError):
        store.relabel("m1", "not-a-label", NOW)


def test_latest_contact_of_a_role_comes_last_and_names_are_kept(store: Store) -> None:
    app = store.add_application("Corvanta", NOW)
    store.upsert_contact(app, "old@corvanta.com", "Old", Role.HIRING_MANAGER)
    store.upsert_contact(app, "new@corvanta.com", "New", Role.HIRING_MANAGER)
    store.upsert_contact(app, "old@corvanta.com", "", Role.OTHER)
    contacts = store.contacts(app)
    assert [(c.email, c.name, c.role) for c in contacts] == [
        ("new@corvanta.com", "New", Role.HIRING_MANAGER),
        ("old@corvanta.com", "Old", Role.OTHER),
    ]


def test_finders(store: Store) -> None:
    closed = store.add_application("Corvanta", NOW, domains=["corvanta.com"])
    store.close_application(closed)
    active = store.add_application("Corvanta", NOW, domains=["corvanta.com"])
    store.link_thread("t9", active)
    assert store.find_application_by_domain("CORVANTA.com") == active
    assert store.find_application_by_domain("other.com") is None
    assert store.find_application_by_thread("t9") == active
    assert [a.id for a in store.find_applications_by_company("corvanta")] == [active, closed]
    assert store.application(closed).closed_reason == CLOSED_BY_USER


def test_set_stage_keeps_the_reason_only_when_closed(store: Store) -> None:
    app = store.add_application("Corvanta", NOW)
    store.set_stage(app, Stage.CLOSED, "rejected")
    assert (store.application(app).stage, store.application(app).closed_reason) == (
        Stage.CLOSED,
        "rejected",
    )
    store.set_stage(app, Stage.ACTIVE, "relabelled")
    assert (store.application(app).stage, store.application(app).closed_reason) == (
        Stage.ACTIVE,
        None,
    )


def test_moving_an_interview_replaces_its_time(store: Store) -> None:
    app = store.add_application("Corvanta", NOW)
    first = store.add_interview(app, NOW, "confirmation:a")
    store.move_interview(first, NOW + timedelta(days=1), "confirmation:b")
    assert [(i.start, i.source) for i in store.interviews(app)] == [
        (NOW + timedelta(days=1), "confirmation:b")
    ]


# --- drafts -----------------------------------------------------------------------------


def test_one_draft_per_key_even_when_recorded_twice(store: Store) -> None:
    app = store.add_application("Corvanta", NOW)
    assert store.record_intent(reply_draft(app), NOW) is True
    assert store.record_intent(reply_draft(app), NOW) is False
    assert [d.key for d in store.pending_intents()] == [reply_draft(app).key]
    with pytest.raises(sqlite3.IntegrityError):
        store._db.execute("INSERT INTO drafts SELECT * FROM drafts")  # the key is unique


def test_draft_lifecycle_intent_created_edited(store: Store) -> None:
    app = store.add_application("Corvanta", NOW)
    key = reply_draft(app).key
    store.record_intent(reply_draft(app), NOW)
    store.mark_created(key, "r-123", "msg-1", "sha256:abc", thread_id="t1")
    assert store.pending_intents() == []
    record = store.draft_by_message_id("msg-1")
    assert (record.key, record.status, record.gmail_draft_id, record.content_hash) == (
        key,
        DraftStatus.CREATED,
        "r-123",
        "sha256:abc",
    )
    store.set_draft_status(key, DraftStatus.EDITED, message_id="msg-2")
    assert store.draft_by_message_id("msg-1") is None
    assert store.draft(key).status is DraftStatus.EDITED
    assert [d.key for d in store.drafts([DraftStatus.EDITED])] == [key]


def test_planning_on_the_stored_state_after_recording_intents_adds_nothing(store: Store) -> None:
    app = store.add_application("Corvanta", NOW, domains=["corvanta.com"])
    store.add_interview(app, NOW - timedelta(days=3), "manual")
    store.upsert_contact(app, "ana@corvanta.com", "Ana", Role.RECRUITER)
    store.record_message(inbound("m1", app, "info_requested"), NOW)
    store.begin_watching(NOW)
    config = PolicyConfig(timezone="Europe/Berlin")
    actions = plan(store.load_state(), (), NOW + timedelta(hours=1), config)
    assert [a.key for a in actions] == [reply_draft(app).key]
    with store.transaction():
        for action in actions:
            store.record_intent(action, NOW + timedelta(hours=1))
    assert plan(store.load_state(), (), NOW + timedelta(hours=2), config) == []


def test_attention_is_flagged_once_and_clearing_keeps_it_quiet(store: Store) -> None:
    app = store.add_application("Corvanta", NOW)
    flag = FlagAttention(app, "t1", "m1", "a message the classifier could not place")
    assert store.flag_attention(flag, NOW) is True
    assert store.flag_attention(flag, NOW) is False
    store.clear_attention("m1", NOW + timedelta(days=1))
    (kept,) = store.load_state().applications[0].attention
    assert (kept.gmail_id, kept.cleared_at) == ("m1", NOW + timedelta(days=1))


# --- crashes ----------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timezone
    from treadgently.store import Store

    now = datetime(2025, 11, 18, tzinfo=timezone.utc)
    store = Store.open(sys.argv[1])
    mode = sys.argv[2]
    if mode == "hold":
        with store.transaction():
            app = store.add_application("Half", now, domains=["half.com"])
            store.add_interview(app, now, "manual")
            store.set_history_id("666")
            print("inside", flush=True)
            sys.stdin.readline()  # killed here, between statements of one transaction
    else:
        print("looping", flush=True)
        n = 0
        while True:
            with store.transaction():
                app = store.add_application(f"Loop {n}", now, domains=[f"d{n}.com"])
                store.add_interview(app, now, "manual")
                store.set_history_id(str(n))
            n += 1
    """
)


def run_writer(db_path: Path, mode: str) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    child.stdout.readline()
    return child


def kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL


def integrity(db_path: Path) -> str:
    raw = sqlite3.connect(db_path)
    try:
        return raw.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        raw.close()


def test_sigkill_inside_a_transaction_leaves_a_clean_database_without_it(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.set_history_id("1")
    kill(run_writer(db_path, "hold"))
    with Store.open(db_path) as store:
        assert store.applications() == []
        assert store.history_id() == "1"
    assert integrity(db_path) == "ok"


@pytest.mark.parametrize("delay", [0.05, 0.2])
def test_sigkill_during_a_stream_of_writes_keeps_every_transaction_whole(
    db_path: Path, delay: float
) -> None:
    child = run_writer(db_path, "loop")
    time.sleep(delay)
    kill(child)
    assert integrity(db_path) == "ok"
    with Store.open(db_path) as store:
        applications = store.applications()
        assert applications, "the writer committed something before it was killed"
        for application in applications:
            assert len(store.interviews(application.id)) == 1  # no half transaction survives
        assert store.history_id() == str(len(applications) - 1)
