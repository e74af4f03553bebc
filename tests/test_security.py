"""Security checks, one test each: file modes, token refusal, quiet logs, scopes, no send, loopback.

Most run the real thing: ``treadgently poll`` subprocesses against the
sandbox through the crash story (tests/crash_harness.py).
"""

from __future__ import annotations

import base64
import json
import os
import re
import stat
import urllib.parse
import wsgiref.simple_server
from pathlib import Path

import pytest
from googleapiclient.http import BatchHttpRequest

from crash_harness import REPLY_ID, SECRET_SENTENCE, STORY, World, world
from treadgently import auth
from treadgently.errors import EXIT_CONFIG, AuthError
from treadgently.gmail import batch_uri, build_service, guarded_http
from treadgently.guard import ForbiddenRequest
from treadgently.store import Store

PRODUCT = Path(__file__).resolve().parents[1] / "daemon" / "treadgently"
# The invitation's own body text: no more allowed in a log than the reply's.
INVITATION_SENTENCE = "our data platform"
RAW = base64.urlsafe_b64encode(b"From: a@b.example\r\nTo: c@d.example\r\n\r\nhi\r\n").decode()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def play_story_as_processes(w: World) -> None:
    for index, step in enumerate(STORY):
        w.arrive(step)
        code = w.poll_subprocess(step.now)
        assert code == 0, f"poll {index} exited {code}: {w.log_tail()}"


# ---- files ------------------------------------------------------------------------------


def test_token_file_and_database_are_created_0600_in_0700_directories_whatever_the_umask():
    old = os.umask(0)  # the most permissive umask a user could have
    try:
        with world(database="data/treadgently/state.db") as w:
            assert not w.database.parent.exists()
            play_story_as_processes(w)  # refreshes (rewrites) the token, creates the database
            token_saved = json.loads(w.token_file.read_text())["token"]
            with Store.open(w.database) as store:  # open, so the -wal and -shm files exist
                store.record_poll_success(STORY[-1].now)
                modes = {
                    path.name: mode(path)
                    for folder in (w.token_file.parent, w.database.parent)
                    for path in folder.iterdir()
                }
            folders = {mode(w.token_file.parent), mode(w.database.parent)}
    finally:
        os.umask(old)
    assert token_saved != "expired-access-token"  # the poll really wrote the token file
    assert {"token.json", "state.db", "state.db-wal", "state.db-shm"} <= set(modes)
    assert set(modes.values()) == {0o600}, modes  # -wal, -shm and the lock file too
    assert folders == {0o700}


def test_a_token_file_readable_by_group_or_others_is_refused_before_any_request():
    with world() as w:
        w.token_file.chmod(0o640)
        w.arrive(STORY[0])
        code = w.poll_subprocess(STORY[0].now)
        log = w.log_tail()
        requests = w.box.request_count
    assert code == EXIT_CONFIG
    assert "readable by other users" in log and "chmod 600" in log
    assert requests == 0  # not even the token refresh


# ---- logs --------------------------------------------------------------------------------


def test_message_bodies_never_reach_the_log_at_info(caplog):
    with world() as w:
        play_story_as_processes(w)
        process_log = (w.root / "poll.log").read_text()
        outcome = w.outcome()
    with world() as w, caplog.at_level("INFO"):
        w.play(len(STORY))
    in_process_log = "\n".join(record.getMessage() for record in caplog.records)
    labels = {message_id: label for message_id, _direction, label in outcome.messages}
    assert labels[REPLY_ID] == "references_requested"  # the body was read and understood
    for log in (process_log, in_process_log):
        assert "poll done" in log
        assert "references_requested" in log  # the verdict is logged...
        assert SECRET_SENTENCE not in log  # ...the words are not
        assert INVITATION_SENTENCE not in log


# ---- scopes ------------------------------------------------------------------------------


def write_client_secrets(path: Path) -> None:
    path.write_text(
        json.dumps(
            {
                "installed": {
                    "client_id": "client.apps.googleusercontent.com",
                    "client_secret": "secret",
                    "auth_uri": "https://accounts.google.com/o/oauth2/auth",
                    "token_uri": "https://oauth2.googleapis.com/token",
                    "redirect_uris": ["http://localhost"],
                }
            }
        )
    )


class ConsentStopped(OSError):
    """Raised by the fake terminal once the consent URL is shown: the test has what it needs."""


@pytest.fixture
def consent_flow(monkeypatch):
    """Start the real consent flow and stop it at the URL; record the address and the URL."""
    seen: dict[str, object] = {"bound": [], "listening": []}
    real = wsgiref.simple_server.make_server

    def spy(host, port, app, **kwargs):
        server = real(host, port, app, **kwargs)
        seen["bound"].append(server.server_address[:2])
        seen["listening"].extend(own_listening_addresses())
        return server

    def terminal(text="", *args, **kwargs):
        urls = re.findall(r"https://accounts\.google\.com/\S+", str(text))
        if urls:
            seen["url"] = urls[0]
            raise ConsentStopped("the test stops the consent flow here")

    monkeypatch.setattr(wsgiref.simple_server, "make_server", spy)
    monkeypatch.setattr("google_auth_oauthlib.flow.print", terminal, raising=False)

    def run(w: World) -> dict[str, object]:
        write_client_secrets(w.settings.gmail.client_secrets_file)
        with pytest.raises(AuthError):
            auth.authorize(w.settings, open_browser=False, timeout_seconds=5)
        return seen

    return run


@pytest.mark.parametrize("label_threads", [False, True], ids=["default", "label_threads"])
def test_consent_asks_for_exactly_the_scopes_the_config_needs(consent_flow, label_threads):
    with world(label_threads=label_threads) as w:
        seen = consent_flow(w)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(seen["url"]).query)
    asked = set(query["scope"][0].split())
    wanted = {auth.SCOPE_READONLY, auth.SCOPE_COMPOSE}
    if label_threads:
        wanted.add(auth.SCOPE_MODIFY)
    assert asked == wanted
    assert not any("send" in s or s.rstrip("/").endswith("mail.google.com") for s in asked)


# ---- no send, insert or import -------------------------------------------------------------

FORBIDDEN = {
    "messages.send": lambda u: u.messages().send(userId="me", body={"raw": RAW}),
    "messages.insert": lambda u: u.messages().insert(userId="me", body={"raw": RAW}),
    "messages.import": lambda u: u.messages().import_(userId="me", body={"raw": RAW}),
    "drafts.send": lambda u: u.drafts().send(userId="me", body={"id": "r123"}),
}


def test_no_send_insert_or_import_can_reach_gmail_and_the_story_never_tries():
    with world() as w:
        http = guarded_http(None, api_endpoint=w.box.url, token_uri=w.box.token_url)
        users = build_service(http, w.box.url).users()
        refused = []
        for name, make in FORBIDDEN.items():
            with pytest.raises(ForbiddenRequest):
                make(users).execute(num_retries=0)
            refused.append(name)
        batch = BatchHttpRequest(batch_uri=batch_uri(w.box.url))
        batch.add(users.messages().get(userId="me", id="aaa111"))
        batch.add(FORBIDDEN["messages.send"](users))
        with pytest.raises(ForbiddenRequest):
            batch.execute(http=http)
        reached = w.box.request_count
        play_story_as_processes(w)
        violations = w.box.violations
        drafts = w.box.drafts()
    assert refused == list(FORBIDDEN)
    assert reached == 0  # refused before a byte left the process
    assert violations == []  # the whole story never attempted a forbidden call
    assert drafts  # ...while it did its job


def test_no_product_module_calls_send_insert_or_import():
    calls = re.compile(r"\.send\(|messages\(\)\s*\.\s*insert\(|\.import_\(|\bbatchDelete\(")
    offenders = [
        f"{path.relative_to(PRODUCT)}:{number}: {line.strip()}"
        for path in sorted(PRODUCT.rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if calls.search(line)
    ]
    assert len(list(PRODUCT.rglob("*.py"))) > 20  # the scan really saw the product
    assert offenders == []


# ---- loopback only ---------------------------------------------------------------------------

LOOPBACK_V4 = "0100007F"  # 127.0.0.1 as /proc/net/tcp prints it (little-endian hex)
LOOPBACK_V6 = {"00000000000000000000000001000000", "0000000000000000FFFF00000100007F"}


def own_listening_addresses() -> list[str]:
    """The local addresses of every TCP socket this process listens on (from /proc)."""
    inodes = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and inode in inodes:  # 0A: LISTEN
                found.append(local.split(":")[0])
    return found


def is_loopback(hex_address: str) -> bool:
    return hex_address == LOOPBACK_V4 or hex_address in LOOPBACK_V6


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")
def test_nothing_listens_beyond_loopback_neither_the_sandbox_nor_the_consent_server(
    consent_flow,
):
    with world() as w:
        host, port = w.box.address
        during_story = own_listening_addresses()
        w.play(len(STORY))
        seen = consent_flow(w)
    assert host == "127.0.0.1" and port > 0
    assert during_story and all(is_loopback(a) for a in during_story), during_story
    assert [bound_host for bound_host, _ in seen["bound"]] == ["127.0.0.1"]
    assert seen["listening"] and all(is_loopback(a) for a in seen["listening"])
    redirect = urllib.parse.parse_qs(urllib.parse.urlsplit(seen["url"]).query)["redirect_uri"]
    assert redirect[0].startswith("http://127.0.0.1:")
