"""Authorization: scopes, the token file's safety, refresh against a faked token endpoint,
and the consent flow's loopback-only server."""

from __future__ import annotations

import json
import os
import stat
import threading
import urllib.parse
import urllib.request
import wsgiref.simple_server
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
import responses
from google.oauth2.credentials import Credentials

from treadgently import auth
from treadgently.config import Settings
from treadgently.errors import EXIT_AUTH, EXIT_CONFIG, EXIT_TRANSIENT, AuthError, ConfigError
from treadgently.retry import RetryPolicy

TOKEN_URI = "https://oauth2.example.test/token"
GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token"


@pytest.fixture(autouse=True)
def no_google_auth_backoff(monkeypatch):
    """google-auth retries a 5xx from the token endpoint itself, sleeping 1s, 2s: skip the naps."""
    monkeypatch.setattr("google.auth._exponential_backoff.time.sleep", lambda seconds: None)


def make_settings(tmp_path: Path, *, label_threads: bool = False) -> Settings:
    return Settings(
        candidate={"name": "Ada Example", "email": "ada@example.com"},
        gmail={
            "token_uri": TOKEN_URI,
            "token_file": tmp_path / "state" / "treadgently" / "token.json",
            "client_secrets_file": tmp_path / "client_secret.json",
            "label_threads": label_threads,
        },
    )


def stored_token(settings: Settings, *, expired: bool, scopes=None, **extra) -> Path:
    expiry = datetime.now(UTC).replace(tzinfo=None) + (
        timedelta(hours=-1) if expired else timedelta(hours=1)
    )
    credentials = Credentials(
        token="old-access-token",
        refresh_token="refresh-me",
        token_uri=GOOGLE_TOKEN_URI,  # what google-auth writes; the config must win
        client_id="client-id.apps.googleusercontent.com",
        client_secret="client-secret",
        scopes=list(scopes if scopes is not None else auth.required_scopes(settings)),
        expiry=expiry,
    )
    auth.save_token(credentials, settings.gmail.token_file)
    if extra:
        info = json.loads(settings.gmail.token_file.read_text())
        info.update(extra)
        auth.write_private_file(settings.gmail.token_file, json.dumps(info).encode())
    return settings.gmail.token_file


def fast_policy(sleeps: list[float] | None = None) -> RetryPolicy:
    return RetryPolicy(
        max_attempts=3,
        sleep=(sleeps.append if sleeps is not None else lambda s: None),
        random=lambda: 0.5,
    )


# ---- scopes ----------------------------------------------------------------------------


def test_scopes_are_read_and_compose_only_by_default(tmp_path):
    assert auth.required_scopes(make_settings(tmp_path)) == (
        "https://www.googleapis.com/auth/gmail.readonly",
        "https://www.googleapis.com/auth/gmail.compose",
    )


def test_modify_scope_is_added_only_when_labelling_threads(tmp_path):
    scopes = auth.required_scopes(make_settings(tmp_path, label_threads=True))
    assert set(scopes) == {
        "https://www.googleapis.com/auth/gmail.readonly",
        "https://www.googleapis.com/auth/gmail.compose",
        "https://www.googleapis.com/auth/gmail.modify",
    }
    assert not any(scope.endswith(("mail.google.com/", "gmail.send")) for scope in scopes)


def test_a_token_without_a_scope_the_config_now_needs_asks_to_authorize_again(tmp_path):
    plain = make_settings(tmp_path)
    stored_token(plain, expired=False)
    with pytest.raises(AuthError, match=r"gmail\.modify.*treadgently auth") as caught:
        auth.load_credentials(make_settings(tmp_path, label_threads=True))
    assert caught.value.exit_code == EXIT_AUTH


def test_a_token_missing_compose_is_refused(tmp_path):
    settings = make_settings(tmp_path)
    stored_token(settings, expired=False, scopes=[auth.SCOPE_READONLY])
    with pytest.raises(AuthError, match=r"gmail\.compose"):
        auth.load_credentials(settings)


# ---- the token file ----------------------------------------------------------------------


def test_token_file_is_created_0600_inside_a_new_0700_directory(tmp_path):
    settings = make_settings(tmp_path)
    path = stored_token(settings, expired=False)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["token.json"]  # no temp file left


def test_token_file_is_written_0600_even_with_a_permissive_umask(tmp_path):
    old = os.umask(0)
    try:
        path = stored_token(make_settings(tmp_path), expired=False)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_rewriting_replaces_a_loose_file_with_a_private_one(tmp_path):
    path = tmp_path / "d" / "token.json"
    path.parent.mkdir(mode=0o700)
    path.write_text("{}")
    path.chmod(0o644)
    auth.write_private_file(path, b'{"new": true}')
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text()) == {"new": True}


def test_token_file_is_google_authorized_user_json(tmp_path):
    settings = make_settings(tmp_path)
    path = stored_token(settings, expired=False)
    info = json.loads(path.read_text())
    assert info["type"] == "authorized_user"
    again = Credentials.from_authorized_user_info(info)
    assert again.refresh_token == "refresh-me"
    assert set(again.scopes) == set(auth.required_scopes(settings))


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o660, 0o644])
def test_a_token_file_readable_by_others_is_refused_with_the_fix(tmp_path, mode):
    settings = make_settings(tmp_path)
    path = stored_token(settings, expired=False)
    path.chmod(mode)
    with pytest.raises(ConfigError) as caught:
        auth.load_credentials(settings)
    assert f"chmod 600 {path}" in str(caught.value)
    assert caught.value.exit_code == EXIT_CONFIG


def test_no_token_file_means_authorize_first(tmp_path):
    with pytest.raises(AuthError, match="treadgently auth") as caught:
        auth.load_credentials(make_settings(tmp_path))
    assert caught.value.exit_code == EXIT_AUTH


def test_a_token_file_without_a_refresh_token_is_refused(tmp_path):
    settings = make_settings(tmp_path)
    stored_token(settings, expired=False, refresh_token="")
    with pytest.raises(AuthError, match="refresh_token"):
        auth.load_credentials(settings)


# ---- refresh -----------------------------------------------------------------------------


def token_answer(**extra) -> dict:
    return {
        "access_token": "fresh-access-token",
        "expires_in": 3599,
        "token_type": "Bearer",
    } | extra


@responses.activate
def test_a_valid_token_is_used_without_asking_google(tmp_path):
    settings = make_settings(tmp_path)
    stored_token(settings, expired=False)
    credentials = auth.load_credentials(settings)
    assert credentials.token == "old-access-token"
    assert len(responses.calls) == 0


@responses.activate
def test_an_expired_token_is_refreshed_at_the_configured_token_uri_and_saved(tmp_path):
    settings = make_settings(tmp_path)
    path = stored_token(settings, expired=True)
    responses.post(TOKEN_URI, json=token_answer())
    credentials = auth.load_credentials(settings, policy=fast_policy())
    assert credentials.token == "fresh-access-token"
    assert credentials.valid
    assert [call.request.url for call in responses.calls] == [TOKEN_URI]
    form = urllib.parse.parse_qs(responses.calls[0].request.body.decode())
    assert form["grant_type"] == ["refresh_token"]
    assert form["refresh_token"] == ["refresh-me"]
    saved = json.loads(path.read_text())
    assert saved["token"] == "fresh-access-token"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@responses.activate
def test_invalid_grant_is_an_auth_error_that_explains_the_seven_day_trap(tmp_path):
    settings = make_settings(tmp_path)
    stored_token(settings, expired=True)
    responses.post(
        TOKEN_URI,
        status=400,
        json={"error": "invalid_grant", "error_description": "Token has been expired or revoked."},
    )
    with pytest.raises(AuthError) as caught:
        auth.load_credentials(settings, policy=fast_policy())
    message = str(caught.value)
    assert caught.value.exit_code == EXIT_AUTH
    assert "treadgently auth" in message
    assert "7 days" in message
    assert "In production" in message
    assert len(responses.calls) == 1  # never retried


@responses.activate
def test_a_5xx_from_the_token_endpoint_is_retried_then_a_transient_error(tmp_path):
    settings = make_settings(tmp_path)
    stored_token(settings, expired=True)
    responses.post(TOKEN_URI, status=503, json={"error": "backend_error"})
    sleeps: list[float] = []
    with pytest.raises(Exception) as caught:
        auth.load_credentials(settings, policy=fast_policy(sleeps))
    assert not isinstance(caught.value, AuthError)
    assert caught.value.exit_code == EXIT_TRANSIENT
    assert "token refresh" in str(caught.value)
    assert len(sleeps) == 2  # our three attempts...
    assert len(responses.calls) >= 3  # (google-auth also retries a 5xx itself, inside each)


@responses.activate
def test_a_network_error_is_retried_then_a_transient_error(tmp_path):
    settings = make_settings(tmp_path)
    stored_token(settings, expired=True)
    responses.post(TOKEN_URI, body=requests.ConnectionError("connection refused"))
    with pytest.raises(Exception) as caught:
        auth.load_credentials(settings, policy=fast_policy())
    assert caught.value.exit_code == EXIT_TRANSIENT
    assert len(responses.calls) == 3


@responses.activate
def test_a_502_then_success_recovers(tmp_path):
    settings = make_settings(tmp_path)
    stored_token(settings, expired=True)
    responses.post(TOKEN_URI, status=502, body="<html>Bad Gateway</html>")
    responses.post(TOKEN_URI, json=token_answer())
    credentials = auth.load_credentials(settings, policy=fast_policy())
    assert credentials.token == "fresh-access-token"
    assert len(responses.calls) == 2


# ---- the consent flow ----------------------------------------------------------------------


def write_client_secrets(settings: Settings) -> None:
    settings.gmail.client_secrets_file.write_text(
        json.dumps(
            {
                "installed": {
                    "client_id": "client-id.apps.googleusercontent.com",
                    "client_secret": "client-secret",
                    "auth_uri": "https://accounts.google.com/o/oauth2/auth",
                    "token_uri": GOOGLE_TOKEN_URI,
                    "redirect_uris": ["http://localhost"],
                }
            }
        )
    )


class Browser:
    """Plays the user's browser: follows the consent URL straight back to the local server."""

    def __init__(self, granted: list[str] | None = None) -> None:
        self.granted = granted
        self.redirect_uri = ""
        self.thread: threading.Thread | None = None

    def visit(self, auth_url: str) -> None:
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(auth_url).query)
        self.redirect_uri = query["redirect_uri"][0]
        self.scopes = query["scope"][0].split()
        answer = urllib.parse.urlencode({"state": query["state"][0], "code": "the-code"})
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        self.thread = threading.Thread(
            target=lambda: opener.open(f"{self.redirect_uri}?{answer}", timeout=10).read(),
            daemon=True,
        )
        self.thread.start()


@pytest.fixture
def bound_addresses(monkeypatch):
    """Every address the consent flow's local server binds."""
    seen: list[tuple[str, int]] = []
    real = wsgiref.simple_server.make_server

    def spy(host, port, app, **kwargs):
        server = real(host, port, app, **kwargs)
        seen.append(server.server_address[:2])
        return server

    monkeypatch.setattr(wsgiref.simple_server, "make_server", spy)
    return seen


def run_flow(settings, browser, monkeypatch, *, open_browser: bool, granted_scope: str):
    class FakeWebBrowser:
        def open(self, url, new=0, autoraise=True):
            browser.visit(url)

    printed: list[str] = []

    def fake_print(text="", *args, **kwargs):
        printed.append(str(text))
        if not open_browser and "http" in str(text):
            url = next(word for word in str(text).split() if word.startswith("https://"))
            browser.visit(url)

    monkeypatch.setattr("google_auth_oauthlib.flow.webbrowser.get", lambda b=None: FakeWebBrowser())
    monkeypatch.setattr("google_auth_oauthlib.flow.print", fake_print, raising=False)
    with responses.RequestsMock(assert_all_requests_are_fired=True) as google:
        google.post(
            GOOGLE_TOKEN_URI,
            json=token_answer(refresh_token="new-refresh", scope=granted_scope),
        )
        credentials = auth.authorize(settings, open_browser=open_browser, timeout_seconds=20)
    browser.thread.join(5)
    return credentials, printed


def test_consent_flow_listens_on_loopback_only_and_saves_a_private_token(
    tmp_path, monkeypatch, bound_addresses
):
    settings = make_settings(tmp_path)
    write_client_secrets(settings)
    browser = Browser()
    scopes = " ".join(auth.required_scopes(settings))
    credentials, _ = run_flow(
        settings, browser, monkeypatch, open_browser=True, granted_scope=scopes
    )
    assert [host for host, _ in bound_addresses] == ["127.0.0.1"]
    assert browser.redirect_uri.startswith("http://127.0.0.1:")
    assert browser.scopes == list(auth.required_scopes(settings))  # no more than needed
    assert credentials.refresh_token == "new-refresh"
    path = settings.gmail.token_file
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text())["refresh_token"] == "new-refresh"


def test_no_browser_prints_the_url_and_the_ssh_forwarding_command(
    tmp_path, monkeypatch, bound_addresses
):
    settings = make_settings(tmp_path, label_threads=True)
    write_client_secrets(settings)
    browser = Browser()
    scopes = " ".join(auth.required_scopes(settings))
    _, printed = run_flow(settings, browser, monkeypatch, open_browser=False, granted_scope=scopes)
    port = bound_addresses[0][1]
    text = "\n".join(printed)
    assert "https://accounts.google.com/o/oauth2/auth?" in text
    assert f"ssh -L {port}:127.0.0.1:{port}" in text
    assert browser.redirect_uri == f"http://127.0.0.1:{port}/"
    assert auth.SCOPE_MODIFY in browser.scopes


def test_consent_with_an_unticked_box_is_refused_and_nothing_saved(
    tmp_path, monkeypatch, bound_addresses
):
    settings = make_settings(tmp_path)
    write_client_secrets(settings)
    with pytest.raises(AuthError, match=r"gmail\.compose"):
        run_flow(
            settings, Browser(), monkeypatch, open_browser=True, granted_scope=auth.SCOPE_READONLY
        )
    assert not settings.gmail.token_file.exists()


def test_missing_client_secrets_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="client secrets"):
        auth.authorize(make_settings(tmp_path), open_browser=False)
