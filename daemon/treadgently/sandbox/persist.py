"""Saving a sandbox mailbox to a directory and loading it back (``demo --keep DIR``).

Layout: ``mailbox.json`` (ids, labels, threads, drafts, history) and
``messages/<id>.eml`` with each raw message, so a user can open the mail the
demo produced in any mail reader.  Files are written to a temporary name and
renamed, so an interrupted save never leaves a half-written mailbox.json.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from treadgently.sandbox.index import index_message
from treadgently.sandbox.mailbox import Draft, HistoryRecord, Label, Mailbox, StoredMessage

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
STATE_FILE = "mailbox.json"
MESSAGES_DIR = "messages"


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_mailbox(mailbox: Mailbox, directory: Path) -> None:
    messages_dir = directory / MESSAGES_DIR
    messages_dir.mkdir(parents=True, exist_ok=True)
    with mailbox.lock:
        for message in mailbox.messages.values():
            target = messages_dir / f"{message.id}.eml"
            if not target.exists():
                _write_atomically(target, message.raw)
        for stale in messages_dir.glob("*.eml"):
            if stale.stem not in mailbox.messages:
                stale.unlink()
        state = {
            "version": FORMAT_VERSION,
            "user_email": mailbox.user_email,
            "history_id": mailbox.history_id,
            "history_floor": mailbox.history_floor,
            "labels": [
                {"id": label.id, "name": label.name}
                for label in mailbox.labels.values()
                if label.type == "user"
            ],
            "messages": [
                {
                    "id": m.id,
                    "thread_id": m.thread_id,
                    "label_ids": sorted(m.label_ids),
                    "internal_date": m.internal_date,
                    "history_id": m.history_id,
                }
                for m in mailbox.messages.values()
            ],
            "drafts": [{"id": d.id, "message_id": d.message_id} for d in mailbox.drafts.values()],
            "history": [
                {
                    "id": r.id,
                    "kind": r.kind,
                    "message_id": r.message_id,
                    "thread_id": r.thread_id,
                    "label_ids": list(r.label_ids),
                    "changed_labels": list(r.changed_labels),
                }
                for r in mailbox.history
            ],
        }
        _write_atomically(directory / STATE_FILE, json.dumps(state, indent=1).encode("utf-8"))
    logger.info("sandbox mailbox saved to %s (%d messages)", directory, len(state["messages"]))


def load_mailbox(directory: Path, clock: Callable[[], datetime]) -> Mailbox:
    state = json.loads((directory / STATE_FILE).read_text(encoding="utf-8"))
    if state.get("version") != FORMAT_VERSION:
        raise ValueError(
            f"{directory / STATE_FILE}: unknown sandbox format {state.get('version')!r}"
        )
    mailbox = Mailbox(state["user_email"], clock)
    for label in state["labels"]:
        mailbox.labels[label["id"]] = Label(id=label["id"], name=label["name"])
    for item in state["messages"]:
        raw = (directory / MESSAGES_DIR / f"{item['id']}.eml").read_bytes()
        message = StoredMessage(
            id=item["id"],
            thread_id=item["thread_id"],
            raw=raw,
            internal_date=item["internal_date"],
            label_ids=set(item["label_ids"]),
            history_id=item["history_id"],
            index=index_message(raw),
        )
        mailbox.messages[message.id] = message
        mailbox.threads.setdefault(message.thread_id, []).append(message.id)
        if message.index.message_id:
            mailbox.by_rfc_id.setdefault(message.index.message_id, message.id)
    for item in state["drafts"]:
        mailbox.drafts[item["id"]] = Draft(id=item["id"], message_id=item["message_id"])
    mailbox.history = [
        HistoryRecord(
            id=r["id"],
            kind=r["kind"],
            message_id=r["message_id"],
            thread_id=r["thread_id"],
            label_ids=tuple(r["label_ids"]),
            changed_labels=tuple(r["changed_labels"]),
        )
        for r in state["history"]
    ]
    mailbox.history_id = state["history_id"]
    mailbox.history_floor = state["history_floor"]
    mailbox.resume_numbering()
    return mailbox
