"""One treadgently process per state database: an flock on ``<database>.lock``.

Two writers on one database would both draft the same follow-up, so ``run``
holds this lock for its whole life and a one-off ``poll`` holds it for its
cycle.  The read-only commands (``status`` and ``poll --dry-run``) never take
it: they change nothing, and they must keep working while the daemon runs.

The lock is an ``flock`` on a file beside the database, so the kernel releases
it when the holder dies, however it dies; there is no stale lock to clean up.
The file is never deleted (deleting a lock file lets two processes lock two
different inodes).  Its content is only the holder's pid, for the message the
second process prints.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from treadgently.errors import ConfigError, LockHeldError

log = logging.getLogger(__name__)

LOCK_SUFFIX = ".lock"


def lock_path(database_path: str | os.PathLike[str]) -> Path:
    """Where the lock for a database lives: the same name with ``.lock`` appended."""
    database = Path(database_path)
    return database.with_name(database.name + LOCK_SUFFIX)


@contextmanager
def hold_lock(database_path: str | os.PathLike[str]) -> Iterator[Path]:
    """Hold the database's lock for the ``with`` block, or raise LockHeldError (exit 4).

    Yields the lock file's path.  Creates the state directory (0700) and the
    lock file (0600) if they do not exist yet.
    """
    database = Path(database_path)
    path = lock_path(database)
    fd = _open_lock_file(path)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_pid(fd)
            who = f"pid {holder}" if holder else "pid unknown"
            raise LockHeldError(
                f"another treadgently process ({who}) is already using {database}; "
                "stop it first, or wait"
            ) from None
        _write_pid(fd)
        log.debug("holding %s", path)
        try:
            yield path
        finally:
            # Clear the pid while still holding the lock, so nobody reads a dead one.
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
            log.debug("released %s", path)
    finally:
        os.close(fd)


def _open_lock_file(path: Path) -> int:
    """Open (creating if needed) the lock file, mapping filesystem trouble to a config error.

    A state directory that cannot be written will not fix itself on restart,
    so it is reported like a bad config (exit 2), naming the path.
    """
    flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, flags, 0o600)
    except OSError as exc:
        hint = ""
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            hint = (
                " (check [storage] database; under systemd the state directory must be "
                "listed in ReadWritePaths=)"
            )
        raise ConfigError(f"cannot create the lock file {path}: {exc.strerror}{hint}") from None
    return fd


def _write_pid(fd: int) -> None:
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)


def _read_pid(fd: int) -> int | None:
    """The holder's pid as written in the file; None if it has not written it yet."""
    text = os.pread(fd, 32, 0).decode("ascii", errors="replace").strip()
    return int(text) if text.isdigit() else None
