"""A loopback Gmail API v1 emulator, for tests, ``treadgently demo`` and trying without Google.

Stdlib only.  It binds 127.0.0.1 on a free port and serves, in a daemon
thread, the Gmail REST shapes treadgently uses, so the real
google-api-python-client can drive it over HTTP::

    with Sandbox(user_email="jordan@example.com") as box:
        service = build("gmail", "v1", static_discovery=True,
                        client_options={"api_endpoint": box.url}, credentials=...)
        batch = BatchHttpRequest(batch_uri=box.batch_url)   # = box.url + "/batch/gmail/v1"
        box.deliver(raw, labels=("INBOX", "UNREAD"), internal_date=None, thread_id=None)

Served: ``getProfile``; ``messages.list`` (q, labelIds, maxResults <= 500,
pageToken, includeSpamTrash), ``messages.get`` (minimal, metadata with
metadataHeaders, full, raw), ``messages.modify``; ``messages.trash``/``delete``
only for a draft's message; ``threads.get``/``modify``; ``history.list``
(startHistoryId, historyTypes, labelId, pageToken, maxResults; 404 with Gmail's
error JSON before ``box.mailbox.history_floor`` or after
``box.faults.expire_history()``); ``labels.list``/``create``; ``drafts.create``,
``list``, ``get``, ``update``, ``delete`` (JSON bodies); the batch endpoint
(``/batch/gmail/v1``, at most 100 parts); the token endpoint (``/token``,
refresh_token grant; ``box.faults.revoke_token()`` makes it answer
invalid_grant).  ``userId`` may be ``me`` or the user's address.

Gmail behaviour kept on purpose:

* a draft (or delivered message without ``thread_id``) joins a thread only if
  its Subject matches after stripping Re:/Fwd: AND In-Reply-To/References name
  a Message-ID of that thread; otherwise it starts a new thread.
  ``box.threading_decisions`` records each draft's outcome and reason;
* drafts are messages labelled DRAFT and appear in history; ``drafts.update``
  and ``box.user_edits_draft`` give the draft a new message id (old one
  deleted); ``box.user_sends_draft`` removes the draft and relabels its
  message DRAFT -> SENT; list answers omit empty ``messages``/``drafts``/``history``;
* send, ``drafts.send``, insert (plain POST .../messages), import,
  batchDelete, thread trash/delete, the trash or delete of a non-draft, and
  any unknown write are answered 403 and recorded in ``box.violations``.

Measuring: ``box.requests`` (every outer HTTP request and every batch part,
with Gmail's method name, status, quota units and whether a Bearer token was
sent), ``box.http_requests_count()``, ``box.quota_units()``, ``box.reset_log()``.
Faults: see ``treadgently.sandbox.faults``; the crash harness uses
``box.faults.hang_at(k)`` / ``hang_after_apply_at(k)``, ``box.request_count``,
``box.wait_for_hang(timeout)`` and ``box.release()``.
Persistence: ``box.save(dir)`` / ``Sandbox.load(dir)`` (JSON plus one .eml per message).
Time: pass ``clock=`` (a callable returning an aware datetime) to move
``newer_than:`` and default internal dates with a simulated clock.
"""

from treadgently.sandbox.api import Violation
from treadgently.sandbox.box import DraftView, MessageView, Sandbox
from treadgently.sandbox.faults import Faults
from treadgently.sandbox.mailbox import ThreadingDecision
from treadgently.sandbox.quota import UNITS, RequestRecord

__all__ = [
    "UNITS",
    "DraftView",
    "Faults",
    "MessageView",
    "RequestRecord",
    "Sandbox",
    "ThreadingDecision",
    "Violation",
]
