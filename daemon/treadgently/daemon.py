"""``treadgently run``: poll on an interval until told to stop.

APScheduler's BlockingScheduler runs its loop in the calling (main) thread and
each job in a worker thread.  sqlite3 connections belong to the thread that
opened them, so the ``cycle`` callable must open its own store inside the job
(``poll.run_cycle`` does) rather than receive one built here.

Stopping.  SIGTERM and SIGINT let the current cycle finish, then the scheduler
shuts down and ``run_daemon`` returns 0.  A signal handler must not take locks
(the main thread may hold them when the signal lands), so the handler only
sets a flag that keeps a new cycle from starting; ``signal.set_wakeup_fd``
makes the interpreter write the signal number to a pipe, and a small watcher
thread reads it and calls ``scheduler.shutdown(wait=True)`` from ordinary
thread context.  A cycle that fails fatally asks for the same shutdown by
writing to the same pipe.

Memory.  After every cycle the daemon collects garbage and asks glibc to hand
freed heap pages back (``release_freed_memory``), so the resident set stays
flat across weeks of polls (bench/memory_run.py).

Failures.  A transient error (or any unexpected exception) in a cycle is
logged and the next interval tries again.  A TreadgentlyError whose exit code
a restart cannot fix (2 config, 3 authorization, 4 lock) stops the daemon and
becomes its exit status, so systemd's ``RestartPreventExitStatus=2 3 4`` can
leave it stopped instead of restarting it in a loop.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import logging
import os
import signal
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from types import FrameType

from apscheduler.events import EVENT_SCHEDULER_STARTED
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.base import STATE_STOPPED
from apscheduler.schedulers.blocking import BlockingScheduler

from treadgently.config import Settings
from treadgently.errors import (
    EXIT_AUTH,
    EXIT_CONFIG,
    EXIT_LOCKED,
    EXIT_OK,
    TreadgentlyError,
)
from treadgently.lock import hold_lock

log = logging.getLogger(__name__)

DEFAULT_JITTER_SECONDS = 30.0
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
FATAL_EXIT_CODES = frozenset({EXIT_CONFIG, EXIT_AUTH, EXIT_LOCKED})

# The byte a cycle writes to the wakeup pipe to ask for a stop (signal numbers are > 0).
_STOP_REQUEST = b"\0"

JOB_ID = "poll"


def run_daemon(
    settings: Settings,
    cycle: Callable[[], object],
    *,
    interval_minutes: float | None = None,
    jitter_seconds: float = DEFAULT_JITTER_SECONDS,
    interval_seconds: float | None = None,
) -> int:
    """Hold the database lock and run ``cycle`` now and then every interval; return the exit code.

    ``interval_minutes`` defaults to ``[schedule] poll_interval_minutes``;
    ``interval_seconds`` overrides both (tests use it to keep runs short).
    Raises LockHeldError (exit 4) if another process holds the lock.
    """
    if interval_seconds is None:
        minutes = interval_minutes or settings.schedule.poll_interval_minutes
        interval_seconds = minutes * 60.0
    jitter = min(jitter_seconds, interval_seconds / 10) if jitter_seconds > 0 else None
    database = settings.storage.database
    with hold_lock(database):
        log.info(
            "polling every %s (database %s); stop with SIGTERM or Ctrl-C",
            describe_interval(interval_seconds),
            database,
        )
        runner = _Runner(cycle, interval_seconds, jitter)
        exit_code = runner.run()
    log.info("stopped (exit status %d)", exit_code)
    return exit_code


def describe_interval(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:g} seconds"
    minutes = seconds / 60
    return "1 minute" if minutes == 1 else f"{minutes:g} minutes"


class _Runner:
    """The scheduler, the stop pipe and the exit code for one ``run_daemon`` call."""

    def __init__(self, cycle: Callable[[], object], interval_seconds: float, jitter: float | None):
        self.cycle = cycle
        self.exit_code = EXIT_OK
        # Set as soon as a stop is asked for, so that a cycle the scheduler submits in
        # the moment before the watcher removes the job does not start a new poll.
        self.stopping = False
        self.scheduler = BlockingScheduler(
            timezone=UTC,
            executors={"default": ThreadPoolExecutor(max_workers=1)},
        )
        self.scheduler.add_job(
            self._run_cycle,
            "interval",
            seconds=interval_seconds,
            jitter=jitter,
            id=JOB_ID,
            name="treadgently poll",
            max_instances=1,
            coalesce=True,
            # After a laptop sleeps through several intervals, poll once on wake-up.
            misfire_grace_time=None,
            next_run_time=datetime.now(UTC),
        )
        self.read_fd, self.write_fd = os.pipe2(os.O_CLOEXEC)
        os.set_blocking(self.write_fd, False)
        # The watcher must not shut down a scheduler that has not started yet.
        self.started = threading.Event()
        self.scheduler.add_listener(lambda _event: self.started.set(), EVENT_SCHEDULER_STARTED)

    def run(self) -> int:
        watcher = threading.Thread(target=self._watch_for_stop, name="stop-watcher", daemon=True)
        restore = self._install_signal_handlers()
        watcher.start()
        try:
            self.scheduler.start()  # blocks until the watcher shuts it down
        finally:
            # If start() failed, release the watcher; after a normal stop this is a no-op.
            self.started.set()
            self._request_stop()
            watcher.join(timeout=5)
            restore()
            os.close(self.read_fd)
            os.close(self.write_fd)
        return self.exit_code

    def _run_cycle(self) -> None:
        """The job: one cycle, with its failure sorted into 'try again' or 'stop'."""
        if self.stopping:
            log.debug("stopping: not starting another poll")
            return
        try:
            self.cycle()
        except TreadgentlyError as exc:
            if exc.exit_code in FATAL_EXIT_CODES:
                log.error("%s", exc)
                log.error("stopping: restarting cannot fix this (exit status %d)", exc.exit_code)
                self.exit_code = exc.exit_code
                self.stopping = True
                self._request_stop()
                return
            log.warning("poll failed, will try again at the next interval: %s", exc)
        except Exception:
            log.exception("poll failed unexpectedly; will try again at the next interval")
        finally:
            release_freed_memory()

    def _request_stop(self) -> None:
        try:
            os.write(self.write_fd, _STOP_REQUEST)
        except BlockingIOError:
            log.debug("stop already requested")  # the pipe is full of stop requests

    def _watch_for_stop(self) -> None:
        """Wait for a signal byte or a stop request, then shut down after the running cycle."""
        stop_bytes = {_STOP_REQUEST[0], *(int(signum) for signum in STOP_SIGNALS)}
        while True:
            byte = os.read(self.read_fd, 1)
            # Any other signal with a Python handler (an embedding app's) also lands here.
            if not byte or byte[0] in stop_bytes:
                break
        self.stopping = True
        self.started.wait()
        if byte and byte != _STOP_REQUEST:
            log.info(
                "%s received: finishing the current poll, then stopping",
                signal.Signals(byte[0]).name,
            )
        if self.scheduler.state != STATE_STOPPED:
            # Removing the job first (under the scheduler's job-store lock) means no new
            # cycle can be submitted to an executor that is shutting down.
            self.scheduler.remove_job(JOB_ID)
            self.scheduler.shutdown(wait=True)

    def _on_stop_signal(self, signum: int, frame: FrameType | None) -> None:
        """The Python-level handler: only sets a flag, which takes no lock.

        Installing a Python handler is also what makes the interpreter write the
        signal number to the wakeup fd; the watcher thread does the actual work.
        """
        del signum, frame
        self.stopping = True

    def _install_signal_handlers(self) -> Callable[[], None]:
        """Route SIGTERM/SIGINT to the wakeup pipe; returns a function that undoes it.

        Signal handlers can only be set from the main thread; elsewhere (an
        embedding application, a test thread) the caller owns signals.
        """
        if threading.current_thread() is not threading.main_thread():
            log.debug("not the main thread: leaving signal handling to the caller")
            return lambda: None
        previous_fd = signal.set_wakeup_fd(self.write_fd, warn_on_full_buffer=False)
        previous = {signum: signal.signal(signum, self._on_stop_signal) for signum in STOP_SIGNALS}

        def restore() -> None:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
            signal.set_wakeup_fd(previous_fd)

        return restore


def release_freed_memory() -> None:
    """Hand the memory a cycle freed back to the OS before the daemon sleeps.

    A cycle builds and drops the API client, parsed mail and rendered drafts.
    glibc keeps freed heap pages mapped when live objects sit between them, so
    without this the resident set of a long-running daemon creeps up by
    fragmentation (about 10 MB over the first hundred polls in
    bench/memory_run.py).  ``malloc_trim(0)`` returns free pages from the middle
    of the heap too; it takes milliseconds, once per poll.  Elsewhere (musl) it
    is absent and only the collection runs.
    """
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        log.debug("malloc_trim is not available; freed memory stays with the allocator")
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim
