"""``treadgently classify``: label saved replies (.eml) offline, to check or tune the rules."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from treadgently.classify import Analysis, Classifier
from treadgently.confirm import detect_confirmation
from treadgently.mail import parse_message

log = logging.getLogger(__name__)

HELP = "classify saved reply .eml files (no Gmail, no config needed)"
DESCRIPTION = (
    "Classify each FILE (an RFC 5322 .eml message; '-' reads standard input) as one of "
    "still_interviewing, references_requested, info_requested, next_round, offer, rejected, "
    "auto_reply or other, with a confidence and the phrases that decided it, and detect an "
    "interview confirmation in it. Works without a config; when one exists, [candidate] email "
    "tells your own messages apart and [classifier] phrases extend the rules.\n\n"
    '--json prints one line per file: {"file", "category", "confidence", "evidence", '
    '"interview": null | {"start": ISO 8601 with offset or null, "company": name or null}}. '
    'A file that cannot be read prints {"file", "error"}; the others are still classified '
    "and the exit status is 1."
)

STDIN_NAME = "-"
MAX_EVIDENCE_CHARS = 70


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object per file")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="also show the text that was read, every matched rule and the scores",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help=".eml file, or - for stdin")


def run(args: argparse.Namespace, ctx) -> int:
    settings = ctx.optional_settings()
    own_email = settings.candidate.email if settings else None
    classifier = Classifier(settings.classifier.phrases() if settings else None)
    failed = False
    rows: list[dict[str, Any]] = []
    for name in args.files:
        try:
            raw = _read(name)
        except OSError as exc:
            failed = True
            print(json.dumps({"file": name, "error": exc.strerror or str(exc)}), flush=True)
            continue
        mail = parse_message(raw)
        analysis = classifier.analyse(mail, own_email=own_email)
        record = _record(name, analysis, mail, own_email)
        if args.explain:
            record["explain"] = _explanation(analysis)
        if args.json:
            print(json.dumps(record, ensure_ascii=False), flush=True)
        else:
            rows.append(record)
    if rows:
        _print_table(rows, explain=args.explain)
    return 1 if failed else 0


def _read(name: str) -> bytes:
    if name == STDIN_NAME:
        return sys.stdin.buffer.read()
    return Path(name).read_bytes()


def _record(name: str, analysis: Analysis, mail, own_email: str | None) -> dict[str, Any]:
    result = analysis.classification
    confirmation = detect_confirmation(mail, own_email=own_email)
    interview = None
    if confirmation is not None:
        interview = {
            "start": confirmation.start.isoformat() if confirmation.start else None,
            "company": confirmation.company,
        }
    return {
        "file": name,
        "category": result.label,
        "confidence": result.confidence,
        "evidence": list(result.evidence),
        "interview": interview,
    }


def _explanation(analysis: Analysis) -> dict[str, Any]:
    result = analysis.classification
    return {
        "text": analysis.text,
        "scores": {label: round(score, 2) for label, score in analysis.scores.items() if score},
        "rules": [
            {"label": hit.label, "weight": hit.weight, "source": hit.rule, "matched": hit.phrase}
            for hit in analysis.hits
        ],
        "notes": list(analysis.notes),
        "decision_date": result.decision_date.isoformat() if result.decision_date else None,
        "return_date": result.return_date.isoformat() if result.return_date else None,
        "requested": result.requested,
    }


def _print_table(rows: list[dict[str, Any]], *, explain: bool) -> None:
    width = max(len("FILE"), *(len(row["file"]) for row in rows))
    print(f"{'FILE':<{width}}  {'CATEGORY':<20}  {'CONF':>4}  {'INTERVIEW':<25}  EVIDENCE")
    for row in rows:
        evidence = "; ".join(row["evidence"])
        if len(evidence) > MAX_EVIDENCE_CHARS:
            evidence = evidence[: MAX_EVIDENCE_CHARS - 1] + "…"
        print(
            f"{row['file']:<{width}}  {row['category']:<20}  {row['confidence']:>4.2f}  "
            f"{_interview_cell(row['interview']):<25}  {evidence}"
        )
        if explain:
            _print_explanation(row["explain"])


def _interview_cell(interview: dict[str, Any] | None) -> str:
    if interview is None:
        return "-"
    parts = [interview["start"] or "time unknown"]
    if interview["company"]:
        parts.append(interview["company"])
    return " ".join(parts)


def _print_explanation(explain: dict[str, Any]) -> None:
    print("  text read:")
    for line in (explain["text"] or "(empty)").splitlines():
        print(f"    | {line}")
    print("  rules matched:")
    for rule in explain["rules"] or [{"label": "-", "weight": 0, "source": "-", "matched": ""}]:
        print(
            f"    {rule['label']:<20} {rule['weight']:>4}  {rule['source']:<7} {rule['matched']!r}"
        )
    scores = ", ".join(f"{label} {score}" for label, score in explain["scores"].items())
    print(f"  scores: {scores or 'none'}")
    for note in explain["notes"]:
        print(f"  note: {note}")
    for key in ("decision_date", "return_date", "requested"):
        if explain[key]:
            print(f"  {key.replace('_', ' ')}: {explain[key]}")
