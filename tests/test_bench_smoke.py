"""Smoke tests for the Gmail quota benchmarks: small mailboxes, request counts, no timings.

The benchmarks in bench/ print figures for large mailboxes; these tests run
the same measurement functions on small ones and pin the structural targets,
which are deterministic: an idle poll is one ``history.list`` (2 units), a
first poll stays within its request budget, a reply costs at most 4 requests.
They also pin that the synthetic mailboxes are what the benchmarks claim.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import pytest

from treadgently.classify import Classifier
from treadgently.confirm import detect_confirmation
from treadgently.mail import parse_message

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import gmail_quota  # noqa: E402
import mailbox_gen  # noqa: E402
import run_all  # noqa: E402
import scale_backfill  # noqa: E402


@pytest.fixture(scope="module")
def small_mailbox() -> mailbox_gen.Mailbox:
    return mailbox_gen.generate_mailbox(total=200, relevant=15, seed=3)


@pytest.fixture(scope="module")
def quota(small_mailbox: mailbox_gen.Mailbox) -> gmail_quota.QuotaFigures:
    return gmail_quota.measure_quota(small_mailbox)


# ---- the generator -------------------------------------------------------------------


def test_same_seed_gives_the_same_mailbox_and_another_seed_a_different_one() -> None:
    first = mailbox_gen.generate_mailbox(total=120, relevant=10, seed=5)
    again = mailbox_gen.generate_mailbox(total=120, relevant=10, seed=5)
    other = mailbox_gen.generate_mailbox(total=120, relevant=10, seed=6)
    assert [m.raw for m in first.messages] == [m.raw for m in again.messages]
    assert [m.raw for m in first.messages] != [m.raw for m in other.messages]


def test_mailbox_has_the_requested_shape_within_the_lookback(
    small_mailbox: mailbox_gen.Mailbox,
) -> None:
    messages = small_mailbox.messages
    assert len(messages) == 200
    assert small_mailbox.relevant_count == 15
    assert len(small_mailbox.applications) == 3
    for app in small_mailbox.applications:
        kinds = [m.kind for m in messages if m.application == app.domain]
        assert kinds.count("confirmation") == 1
        assert app.domain.endswith(".example")
    start = small_mailbox.now - timedelta(days=60)
    assert all(start < m.received < small_mailbox.now for m in messages)
    assert {"newsletter", "notification", "personal", "receipt"} <= set(small_mailbox.kinds())
    assert any("SENT" in m.labels for m in messages if m.relevant)


def test_generated_confirmations_are_detected_at_their_interview_time() -> None:
    mailbox = mailbox_gen.generate_mailbox(total=40, relevant=24, applications=12, seed=9)
    assert any(app.with_ics for app in mailbox.applications)
    assert not all(app.with_ics for app in mailbox.applications)
    for app in mailbox.applications:
        mail = parse_message(mailbox.confirmation_of(app).raw)
        found = detect_confirmation(mail, own_email=mailbox.own_email)
        assert found is not None, app.company
        assert found.start == app.interview_at, app.company


def test_generated_company_replies_read_as_their_kind() -> None:
    mailbox = mailbox_gen.generate_mailbox(total=200, relevant=120, applications=24, seed=4)
    classifier = Classifier()
    replies = [m for m in mailbox.messages if m.kind.startswith("reply:")]
    assert len({m.kind for m in replies}) >= 5
    for message in replies:
        result = classifier.classify(parse_message(message.raw), own_email=mailbox.own_email)
        assert result.label == message.kind.removeprefix("reply:"), message.subject


# ---- issue 3: the three polls --------------------------------------------------------


def test_idle_poll_is_one_history_request_of_two_units(quota: gmail_quota.QuotaFigures) -> None:
    assert quota.idle.http_requests == gmail_quota.IDLE_REQUESTS == 1
    assert quota.idle.units <= gmail_quota.IDLE_UNITS == 2
    assert dict(quota.idle.calls) == {"gmail.users.history.list": 1}


def test_first_poll_of_a_small_mailbox_stays_within_the_request_budget(
    quota: gmail_quota.QuotaFigures, small_mailbox: mailbox_gen.Mailbox
) -> None:
    assert quota.first.report.full_sync
    assert quota.first.http_requests <= gmail_quota.FIRST_POLL_REQUESTS
    # Fetching every message would cost 5 units each: the backfill reads far fewer.
    assert quota.first.calls["gmail.users.messages.get"] < len(small_mailbox.messages) / 2
    recorded = {s.gmail_id for s in quota.first.report.seen if s.kind != "irrelevant"}
    assert len(recorded) == small_mailbox.relevant_count


def test_poll_after_a_recruiter_reply_reads_it_within_four_requests(
    quota: gmail_quota.QuotaFigures,
) -> None:
    assert quota.reply.http_requests <= gmail_quota.REPLY_POLL_REQUESTS
    assert [s.kind for s in quota.reply.report.seen] == ["reply"]
    assert quota.reply.report.seen[0].label == "still_interviewing"


def test_verdicts_pass_on_the_small_mailbox(quota: gmail_quota.QuotaFigures) -> None:
    assert [ok for *_rest, ok in gmail_quota.verdicts(quota)] == [True, True, True]


# ---- issue 7: a backfill with many tracked companies ---------------------------------


def test_backfill_of_forty_companies_stays_within_budget_and_sends_nothing_forbidden() -> None:
    mailbox = mailbox_gen.generate_mailbox(total=600, relevant=80, applications=40, seed=2)
    figures = scale_backfill.measure_backfill(mailbox, isolate=False)
    assert figures.violations == 0  # long company searches stay GETs, never a POST
    assert figures.http_requests < scale_backfill.MAX_REQUESTS
    assert figures.units_per_unrelated <= scale_backfill.MAX_UNITS_PER_UNRELATED
    assert figures.relevant_recorded == figures.relevant == 80
    assert figures.unrelated_fetched < figures.unrelated / 10


# ---- run_all: reading figures and writing the table ----------------------------------


def test_run_all_reads_figures_and_verdicts_from_output() -> None:
    output = (
        "poll  HTTP requests quota units  target verdict\n"
        "(a) first poll (backfill)   6  246  <= 15 requests  PASS\n"
        "(b) idle poll, no new mail  2    4  1 request, <= 2 units  MISS\n"
        "(c) poll after a recruiter reply  3  17  <= 4 requests  PASS\n"
    )
    rows = run_all.figures_of(run_all.Run("gmail_quota.py", 1, 1.0, output))
    assert [(r.value, r.verdict) for r in rows] == [
        ("6 requests, 246 units", "PASS"),
        ("2 requests, 4 units", "MISS"),
        ("3 requests, 17 units", "PASS"),
    ]


def test_run_all_marks_a_crashed_script_and_uses_an_unknown_scripts_last_line() -> None:
    crashed = run_all.figures_of(run_all.Run("scale_backfill.py", 2, 1.0, "Traceback ..."))
    assert {r.verdict for r in crashed} == {"exit 2"}
    unknown = run_all.figures_of(run_all.Run("new_bench.py", 0, 1.0, "setup\nspeed: 9 ops/s\n"))
    assert [(r.value, r.verdict) for r in unknown] == [("speed: 9 ops/s", "")]


def test_run_all_rewrites_only_the_table_between_the_markers(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        f"# Benchmarks\n\nintro\n\n{run_all.START}\nold table\n{run_all.END}\n\nafter\n",
        encoding="utf-8",
    )
    rows = [run_all.Row("gmail_quota", "(b) idle poll", "1 request, 2 units", "1", "PASS")]
    run_all.write_table(rows, [run_all.Run("gmail_quota.py", 0, 1.0, "")], readme)
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nintro\n\n")
    assert text.endswith(f"{run_all.END}\n\nafter\n")
    assert "old table" not in text
    assert "| gmail_quota | (b) idle poll | 1 request, 2 units | 1 | PASS |" in text
