"""Errors that carry the process exit code the CLI contract promises.

0 ok; 1 transient or unexpected (a later try may succeed); 2 config, template
or usage error; 3 Gmail authorization missing or revoked; 4 another instance
holds the state lock.  Codes 2, 3 and 4 are ones a restart cannot fix.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_TRANSIENT = 1
EXIT_CONFIG = 2
EXIT_AUTH = 3
EXIT_LOCKED = 4


class TreadgentlyError(Exception):
    """Base class: a failure we can explain to the user in one message."""

    exit_code = EXIT_TRANSIENT


class TransientError(TreadgentlyError):
    """Network trouble, quota, 5xx: the next poll may well succeed."""

    exit_code = EXIT_TRANSIENT


class ConfigError(TreadgentlyError):
    """The user's config (or a file it names) is wrong."""

    exit_code = EXIT_CONFIG


class TemplateError(ConfigError):
    """A draft template does not parse or does not render."""


class AuthError(TreadgentlyError):
    """Authorization is missing, lacks a scope, or was revoked."""

    exit_code = EXIT_AUTH


class LockHeldError(TreadgentlyError):
    """Another treadgently process owns this state database."""

    exit_code = EXIT_LOCKED
