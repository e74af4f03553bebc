"""Gmail authorization: the consent flow, the token file, scopes, and refresh.

The token file is a secret that lets anyone read the user's mail, so it is
created 0600 (never chmod-ed afterwards) in a 0700 directory, written
atomically, and refused on load if anyone but the owner could read it.

Refresh goes to the configured ``[gmail] token_uri`` (Google's by default, the
sandbox's ``/token`` in tests and the demo).  google-auth's
``Credentials.from_authorized_user_info`` would replace it with Google's, so
credentials are built here field by field.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import secrets
import socket
import stat
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from google.auth import exceptions as google_auth_exceptions
from google.auth.transport.requests import Request
from google.oauth2.credentials import Credentials
from google_auth_oauthlib.flow import InstalledAppFlow, WSGITimeoutError
from oauthlib.oauth2.rfc6749.errors import OAuth2Error
from requests import RequestException

from treadgently.config import Settings
from treadgently.errors import AuthError, ConfigError, TransientError
from treadgently.gmail import DEFAULT_TIMEOUT, Gmail
from treadgently.retry import HttpFailure, RetryPolicy, call_with_retry

log = logging.getLogger(__name__)

SCOPE_READONLY = "https://www.googleapis.com/auth/gmail.readonly"
SCOPE_COMPOSE = "https://www.googleapis.com/auth/gmail.compose"
SCOPE_MODIFY = "https://www.googleapis.com/auth/gmail.modify"

REFRESH_TIMEOUT = 30.0
REFRESH_POLICY = RetryPolicy(max_attempts=3, base_delay=2.0, max_delay=10.0)
CONSENT_TIMEOUT = 15 * 60  # seconds to wait for the browser to come back
# OAuth errors that no retry can fix: the grant or the client itself was refused.
REAUTHORIZE_ERRORS = frozenset({"invalid_grant", "invalid_client", "unauthorized_client"})

RUN_AUTH = "Run 'treadgently auth' to authorize again."


def required_scopes(settings: Settings) -> tuple[str, ...]:
    """Read mail and write drafts; label threads only when the user asked for it."""
    scopes = [SCOPE_READONLY, SCOPE_COMPOSE]
    if settings.gmail.label_threads:
        scopes.append(SCOPE_MODIFY)
    return tuple(scopes)


# ---- the token file ----------------------------------------------------------------


def write_private_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, mode 0600 from the first byte, in a 0700 directory."""
    directory = path.parent
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    mode = stat.S_IMODE(directory.stat().st_mode)
    if mode & 0o077:
        log.warning(
            "%s is accessible by other users (mode %o); consider chmod 700 %s",
            directory,
            mode,
            directory,
        )
    temporary = directory / f".{path.name}.{secrets.token_hex(6)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(temporary, flags, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    directory_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(directory_fd)
    finally:
        os.close(directory_fd)


def token_info(credentials: Credentials) -> dict[str, Any]:
    """google-auth's "authorized user" JSON, with the scopes actually granted."""
    info = json.loads(credentials.to_json())
    info["type"] = "authorized_user"
    granted = credentials.granted_scopes or credentials.scopes or ()
    info["scopes"] = sorted(granted)
    return info


def save_token(credentials: Credentials, path: Path) -> None:
    write_private_file(path, (json.dumps(token_info(credentials), indent=2) + "\n").encode())
    log.info("saved Gmail authorization to %s", path)


def read_token_file(path: Path) -> dict[str, Any]:
    """The token JSON; refuses a file others could read, and says how to fix it."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        raise AuthError(f"no Gmail authorization yet ({path} does not exist). {RUN_AUTH}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot open the token file ({exc.strerror})") from None
    with os.fdopen(descriptor, "rb") as handle:
        mode = stat.S_IMODE(os.fstat(handle.fileno()).st_mode)
        if mode & 0o077:
            raise ConfigError(
                f"{path}: the Gmail token file is readable by other users (mode {mode:o}). "
                f"Fix it with: chmod 600 {path}"
            )
        data = handle.read()
    try:
        info = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise AuthError(f"{path}: the token file is not valid JSON. {RUN_AUTH}") from None
    if not isinstance(info, dict):
        raise AuthError(f"{path}: the token file is not an authorized-user token. {RUN_AUTH}")
    missing = [key for key in ("refresh_token", "client_id", "client_secret") if not info.get(key)]
    if missing:
        raise AuthError(f"{path}: the token file lacks {', '.join(missing)}. {RUN_AUTH}")
    return info


def credentials_from_info(info: Mapping[str, Any], token_uri: str) -> Credentials:
    """Credentials that refresh at ``token_uri`` (the config's), whatever the file says."""
    return Credentials(
        token=info.get("token"),
        refresh_token=info["refresh_token"],
        token_uri=token_uri,
        client_id=info["client_id"],
        client_secret=info["client_secret"],
        scopes=list(info.get("scopes") or ()),
        expiry=_expiry(info.get("expiry")),
    )


def _expiry(value: object) -> datetime | None:
    """google-auth keeps expiry as a naive UTC datetime; the file has ISO text."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None  # an unreadable expiry just means "refresh now"
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


# ---- loading and refreshing ----------------------------------------------------------


def load_credentials(
    settings: Settings,
    *,
    request: Any = None,
    policy: RetryPolicy = REFRESH_POLICY,
) -> Credentials:
    """Valid credentials with every scope the config needs, refreshed (and saved) if expired.

    AuthError (exit 3) when the user must run ``treadgently auth``; TransientError
    (exit 1) when Google's token endpoint could not be reached.
    """
    path = settings.gmail.token_file
    info = read_token_file(path)
    needed = required_scopes(settings)
    granted = set(info.get("scopes") or ())
    missing = [scope for scope in needed if scope not in granted]
    if missing:
        names = ", ".join(scope.rsplit("/", 1)[-1] for scope in missing)
        raise AuthError(
            f"the stored Gmail authorization lacks a permission the config now needs ({names}). "
            f"{RUN_AUTH}"
        )
    credentials = credentials_from_info(info, settings.gmail.token_uri)
    if not credentials.valid:
        refresh(credentials, request=request, policy=policy)
        save_token(credentials, path)
    return credentials


def refresh(credentials: Credentials, *, request: Any = None, policy: RetryPolicy) -> None:
    """Refresh the access token; a refused grant is an AuthError, anything else is retried."""
    transport = request or functools.partial(Request(), timeout=REFRESH_TIMEOUT)

    def attempt() -> None:
        try:
            credentials.refresh(transport)
        except google_auth_exceptions.RefreshError as exc:
            error = oauth_error(exc)
            if error in REAUTHORIZE_ERRORS:
                raise AuthError(refused_message(error)) from exc
            raise HttpFailure(f"token refresh failed: {exc}") from exc
        except google_auth_exceptions.TransportError as exc:
            raise HttpFailure(f"token endpoint unreachable: {exc}") from exc

    call_with_retry(attempt, what=f"Gmail token refresh at {credentials.token_uri}", policy=policy)


def oauth_error(exc: google_auth_exceptions.RefreshError) -> str:
    """The OAuth ``error`` code from a RefreshError ("invalid_grant"...), or ""."""
    for arg in exc.args[1:]:
        if isinstance(arg, Mapping) and isinstance(arg.get("error"), str):
            return arg["error"]
    return ""


def refused_message(error: str) -> str:
    if error == "invalid_grant":
        return (
            "Google refused the stored Gmail authorization (invalid_grant): it was revoked, "
            "or it expired. Authorizations of an OAuth app left in 'Testing' status expire "
            "after 7 days; publish the app 'In production' in the Google Cloud console to "
            f"avoid that. {RUN_AUTH}"
        )
    return (
        f"Google refused the OAuth client ({error}): check [gmail] client_secrets_file. {RUN_AUTH}"
    )


def open_gmail(settings: Settings, *, timeout: float = DEFAULT_TIMEOUT) -> Gmail:
    """The adapter for the configured account: credentials, timed and guarded http, service."""
    return Gmail.connect(
        load_credentials(settings),
        api_endpoint=settings.gmail.api_endpoint,
        token_uri=settings.gmail.token_uri,
        timeout=timeout,
        label_threads=settings.gmail.label_threads,
    )


# ---- the consent flow ------------------------------------------------------------------


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def consent_prompt(port: int, *, open_browser: bool) -> str:
    """What run_local_server prints; ``{url}`` is filled in by google-auth-oauthlib."""
    if open_browser:
        return (
            "Your browser should open Google's consent page. If it does not, open:\n\n    {url}\n"
        )
    return (
        "Open this URL in a browser:\n\n    {url}\n\n"
        "If the browser runs on another computer (this machine is a headless server), "
        "first forward the port from that computer, then open the URL there:\n\n"
        f"    ssh -L {port}:127.0.0.1:{port} <this-server>\n\n"
        f"Waiting for Google's answer on 127.0.0.1:{port} ..."
    )


def authorize(
    settings: Settings,
    *,
    port: int = 0,
    open_browser: bool = True,
    timeout_seconds: int = CONSENT_TIMEOUT,
) -> Credentials:
    """Run Google's installed-app consent flow on 127.0.0.1 and save the token."""
    client_secrets = settings.gmail.client_secrets_file
    scopes = list(required_scopes(settings))
    try:
        flow = InstalledAppFlow.from_client_secrets_file(str(client_secrets), scopes=scopes)
    except FileNotFoundError:
        raise ConfigError(
            f"{client_secrets}: no OAuth client secrets file. Create a 'Desktop app' OAuth "
            "client in the Google Cloud console and download its JSON there."
        ) from None
    except (ValueError, KeyError) as exc:
        raise ConfigError(
            f"{client_secrets}: not an OAuth client secrets file for a Desktop app ({exc})"
        ) from None
    if port == 0 and not open_browser:
        port = free_loopback_port()  # the SSH instructions must name the port up front
    # Google may grant fewer scopes than asked (unticked boxes); we check that ourselves
    # below with a clear message instead of oauthlib's "Scope has changed" warning.
    os.environ.setdefault("OAUTHLIB_RELAX_TOKEN_SCOPE", "1")
    try:
        credentials = flow.run_local_server(
            host="127.0.0.1",
            bind_addr="127.0.0.1",
            port=port,
            open_browser=open_browser,
            authorization_prompt_message=consent_prompt(port, open_browser=open_browser),
            success_message="treadgently is authorized. You can close this tab.",
            timeout_seconds=timeout_seconds,
            access_type="offline",
            prompt="consent",
        )
    except WSGITimeoutError as exc:
        raise AuthError(
            f"no answer from the browser within {timeout_seconds // 60} minutes. {RUN_AUTH}"
        ) from exc
    except OAuth2Error as exc:
        raise AuthError(
            f"Google did not authorize treadgently ({exc.error}: {exc.description}). {RUN_AUTH}"
        ) from exc
    except RequestException as exc:  # before OSError: requests' errors are OSErrors
        raise TransientError(f"could not reach Google's token endpoint ({exc})") from exc
    except OSError as exc:
        raise AuthError(f"could not listen on 127.0.0.1:{port} ({exc.strerror})") from exc
    granted = set(credentials.granted_scopes or scopes)
    missing = [scope for scope in scopes if scope not in granted]
    if missing:
        raise AuthError(
            "Google granted fewer permissions than treadgently needs "
            f"({', '.join(s.rsplit('/', 1)[-1] for s in missing)}): tick every box on the "
            f"consent page. {RUN_AUTH}"
        )
    save_token(credentials, settings.gmail.token_file)
    return credentials
