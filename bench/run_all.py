"""Run every benchmark in bench/ and regenerate the figures table in bench/README.md.

``make bench`` calls this.  Each script runs with the project's virtual
environment (``.venv/bin/python``, else this interpreter), its output is shown
as it finishes, and the key figures are read from that output with the
patterns in ``FIGURES``.  A script that is not listed there still runs; its
last line of output stands in as its figure.  The table goes between
``<!-- figures:start -->`` and ``<!-- figures:end -->`` in bench/README.md.

    python bench/run_all.py [--only NAME ...] [--skip NAME ...] [--timeout SECONDS]

With ``--only``/``--skip``, rows of scripts that did not run keep their last
figures.  Exits 1 when a script failed or reported a missed target.
"""

from __future__ import annotations

import argparse
import platform
import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
README = BENCH / "README.md"
START, END = "<!-- figures:start -->", "<!-- figures:end -->"
NOT_BENCHMARKS = frozenset({"run_all.py", "mailbox_gen.py"})  # this runner; a library
MISSED_WORDS = re.compile(r"\b(MISS|FAIL|BELOW|WRONG)\b")
PASSED_WORDS = re.compile(r"\b(PASS|OK|ok)\b")


@dataclass(frozen=True)
class Figure:
    """One figure read from a script's output: ``pattern``'s ``value`` group."""

    label: str
    pattern: str
    target: str = ""
    check: Callable[[re.Match[str]], bool] | None = None  # None: read PASS/MISS on the line
    show: Callable[[re.Match[str]], str] | None = None  # None: the value group, spaces collapsed


def at_least(group: str, limit: float) -> Callable[[re.Match[str]], bool]:
    return lambda match: _number(match.group(group)) >= limit


def at_most(group: str, limit: float) -> Callable[[re.Match[str]], bool]:
    return lambda match: _number(match.group(group)) <= limit


def requests_and_units(match: re.Match[str]) -> str:
    requests = match.group("requests")
    return f"{requests} request{'' if requests == '1' else 's'}, {match.group('units')} units"


def _number(text: str) -> float:
    return float(re.sub(r"[^\d.+-]", "", text) or "nan")


# Run order: quick quality checks first, the long sweeps last.
FIGURES: dict[str, list[Figure]] = {
    "eval_classifier.py": [
        Figure(
            "reply classifier, corpus: macro-F1 / costly confusions",
            r"macro-F1 (?P<value>[\d.]+)\s+accuracy [\d.]+\s+costly confusions (?P<costly>\d+)",
            "costly = 0",
            lambda m: m.group("costly") == "0",
            show=lambda m: f"{m.group('value')} / {m.group('costly')}",
        ),
        Figure(
            "reply classifier, blind held-out (all 240): macro-F1",
            r"held-out, whole[\s\S]*?\nmacro-F1 (?P<value>[\d.]+)",
        ),
        Figure(
            "reply classifier, blind held-out TEST half (never tuned on): macro-F1",
            r"held-out TEST[\s\S]*?\nmacro-F1 (?P<value>[\d.]+)",
        ),
        Figure(
            "reply classifier, second blind set (all 200): macro-F1",
            r"heldout2, whole[\s\S]*?\nmacro-F1 (?P<value>[\d.]+)",
        ),
        Figure(
            "reply classifier, second blind set TEST half (never tuned on): macro-F1",
            r"heldout2 TEST[\s\S]*?\nmacro-F1 (?P<value>[\d.]+)",
        ),
        Figure(
            "reply classifier, third blind set (all 160): macro-F1",
            r"heldout3, whole[\s\S]*?\nmacro-F1 (?P<value>[\d.]+)",
        ),
        Figure(
            "reply classifier, third blind set TEST half (never tuned on): macro-F1",
            r"heldout3 TEST[\s\S]*?\nmacro-F1 (?P<value>[\d.]+)",
        ),
    ],
    "eval_confirmations_heldout.py": [
        Figure(
            "confirmations, blind held-out: precision / recall",
            r"detection precision (?P<value>[\d.]+)\s+detection recall\s+(?P<recall>[\d.]+)",
            show=lambda m: f"{m.group('value')} / {m.group('recall')}",
        ),
        Figure(
            "confirmations, blind held-out: start / company right",
            r"start right\s+(?P<value>[\d.]+).*?\n\s+company right\s+(?P<company>[\d.]+)",
            show=lambda m: f"{m.group('value')} / {m.group('company')}",
        ),
    ],
    "eval_confirmations_heldout2.py": [
        Figure(
            "confirmations, second blind held-out (all 90): precision / recall",
            r"heldout2 confirmations whole: P (?P<value>[\d.]+) R (?P<recall>[\d.]+)",
            show=lambda m: f"{m.group('value')} / {m.group('recall')}",
        ),
        Figure(
            "confirmations, second blind held-out (all 90): start / company right",
            r"heldout2 confirmations whole: P [\d.]+ R [\d.]+ start (?P<value>[\d.]+) "
            r"company (?P<company>[\d.]+)",
            show=lambda m: f"{m.group('value')} / {m.group('company')}",
        ),
        Figure(
            "confirmations, second blind held-out TEST half: P / R / start / company",
            r"heldout2 confirmations TEST: P (?P<value>[\d.]+) R (?P<recall>[\d.]+) "
            r"start (?P<start>[\d.]+) company (?P<company>[\d.]+)",
            show=lambda m: (
                f"{m.group('value')} / {m.group('recall')} / {m.group('start')} / "
                f"{m.group('company')}"
            ),
        ),
    ],
    "eval_confirmations.py": [
        Figure(
            "confirmations, corpus: detection accuracy",
            r"detection accuracy\s+(?P<value>[\d.]+)",
        ),
        Figure(
            "confirmations, corpus: start exactly right",
            r"start exactly right\s+(?P<value>[\d.]+\s+\(\d+/\d+\))",
        ),
    ],
    "strip_bench.py": [
        Figure(
            "quote stripping: talon pairs / signatures / corpus leaks",
            r"^treadgently\s+(?P<value>\S+\s+\S+\s+\S+)",
            show=lambda m: ", ".join(m.group("value").split()),
        ),
        Figure("parse + strip throughput", r"parse \+ strip over .*?: (?P<value>[\d,]+ msgs/s)"),
    ],
    "classify_speed.py": [
        Figure(
            "parse + strip + classify throughput",
            r"(?:classify: |= )(?P<value>[\d,]+ msgs/s)",
            ">= 1,000 msgs/s",
            at_least("value", 1000),
        ),
    ],
    "gmail_quota.py": [
        Figure(
            "(a) first poll, 1,000 msgs / 30 relevant: requests, units",
            r"^\(a\) first poll.*?(?P<requests>\d+)\s+(?P<units>\d+)\s+<=",
            "<= 15 requests",
            show=requests_and_units,
        ),
        Figure(
            "(b) idle poll: requests, units",
            r"^\(b\) idle poll.*?(?P<requests>\d+)\s+(?P<units>\d+)\s+1 request",
            "1 request, <= 2 units",
            show=requests_and_units,
        ),
        Figure(
            "(c) poll after a recruiter reply: requests, units",
            r"^\(c\) poll after.*?(?P<requests>\d+)\s+(?P<units>\d+)\s+<=",
            "<= 4 requests",
            show=requests_and_units,
        ),
    ],
    "scale_backfill.py": [
        Figure("backfill of 10,000 msgs / 200 relevant: wall time", r"^wall time:\s+(?P<value>.+)"),
        Figure(
            "backfill: HTTP requests",
            r"^HTTP requests:\s+(?P<value>\d+)",
            "< 250",
            lambda m: int(m.group("value")) < 250,
        ),
        Figure("backfill: quota units", r"^quota units:\s+(?P<value>\d+)"),
        Figure(
            "backfill: units per unrelated message",
            r"^units per unrelated message:\s+(?P<value>[\d.]+)",
            "<= 2",
            at_most("value", 2),
        ),
        Figure("backfill: peak RSS", r"^peak RSS:\s+(?P<value>[\d.]+ MB)"),
    ],
    "idle_polls.py": [
        Figure(
            "1,000 idle polls: total quota units",
            r"^total quota units:\s+(?P<value>\d+)(?s:.*?)other costly polls: (?P<costly>\d+)",
            "2 per idle poll",
            lambda m: m.group("costly") == "0",
        ),
        Figure("1,000 idle polls: RSS growth", r"^RSS growth:\s+(?P<value>\S+ MB)"),
    ],
    "memory_run.py": [
        Figure(
            "daemon loop, 200 polls: RSS growth",
            r"growth over \d+ polls:\s+(?P<value>[+-]?[\d.]+ MB) \(limit (?P<limit>[\d.]+) MB\)",
            "< 5 MB",
            lambda m: abs(_number(m.group("value"))) < _number(m.group("limit")),
        ),
    ],
    "crash_sweep.py": [
        Figure(
            "crash sweep: kill points exercised",
            r"kill points exercised: (?P<value>.*?); wrong: (?P<wrong>\d+)",
            "0 wrong",
            lambda m: m.group("wrong") == "0",
        ),
    ],
}


@dataclass(frozen=True)
class Row:
    script: str
    label: str
    value: str
    target: str
    verdict: str  # "PASS", "MISS", "" (no target), or "exit N" / "not run"


@dataclass(frozen=True)
class Run:
    script: str
    returncode: int
    seconds: float
    output: str


def benchmark_scripts(folder: Path = BENCH) -> list[str]:
    """Every runnable script: the listed ones in order, then any others found."""
    found = sorted(
        p.name
        for p in folder.glob("*.py")
        if p.name not in NOT_BENCHMARKS and "__main__" in p.read_text(encoding="utf-8")
    )
    listed = [name for name in FIGURES if name in found]
    return listed + [name for name in found if name not in FIGURES]


def project_python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def run_script(script: str, timeout: float) -> Run:
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [project_python(), str(BENCH / script)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        partial = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        return Run(script, -1, time.perf_counter() - start, partial + "\n(timed out)")
    output = done.stdout + (f"\n[stderr]\n{done.stderr.strip()}" if done.returncode else "")
    return Run(script, done.returncode, time.perf_counter() - start, output)


def figures_of(run: Run) -> list[Row]:
    """The rows a run contributes: one per listed figure (first match), else its last line."""
    name = run.script.removesuffix(".py")
    status = ""
    if run.returncode:
        status = "timed out" if run.returncode < 0 else f"exit {run.returncode}"
    figures = FIGURES.get(run.script)
    if not figures:
        lines = [line.strip() for line in run.output.splitlines() if line.strip()]
        last = lines[-1] if lines else "(no output)"
        return [Row(name, "last line of output", _cell(last), "", status)]
    rows = []
    for figure in figures:
        match = re.search(figure.pattern, run.output, re.MULTILINE)
        if match is None:
            rows.append(Row(name, figure.label, "(not found)", figure.target, status or "?"))
            continue
        value = figure.show(match) if figure.show else " ".join(match.group("value").split())
        rows.append(Row(name, figure.label, _cell(value), figure.target, _verdict(figure, match)))
    if status and not any(r.verdict == "MISS" for r in rows):  # a crash, not a missed target
        rows = [Row(r.script, r.label, r.value, r.target, status) for r in rows]
    return rows


def _verdict(figure: Figure, match: re.Match[str]) -> str:
    if figure.check is not None:
        return "PASS" if figure.check(match) else "MISS"
    line = _line_of(match)
    if MISSED_WORDS.search(line):
        return "MISS"
    if PASSED_WORDS.search(line):
        return "PASS"
    return ""


def _line_of(match: re.Match[str]) -> str:
    text = match.string
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    return text[start : end if end >= 0 else len(text)]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")[:90]


def table(rows: Sequence[Row], runs: Sequence[Run]) -> str:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    seconds = sum(run.seconds for run in runs)
    lines = [
        f"_Generated by `make bench` ({stamp}, Python {platform.python_version()}, "
        f"{seconds:.0f} s of benchmarks this run)._",
        "",
        "| benchmark | figure | value | target | |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {r.script} | {r.label} | {r.value} | {r.target} | {r.verdict} |" for r in rows]
    return "\n".join(lines)


def previous_rows(readme: str) -> dict[str, list[str]]:
    """The table lines of the last run, by script, to keep for scripts not run now."""
    kept: dict[str, list[str]] = {}
    if START not in readme or END not in readme:
        return kept
    block = readme.split(START, 1)[1].split(END, 1)[0]
    for line in block.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| ") and cells and cells[0] not in ("benchmark", "---"):
            kept.setdefault(cells[0], []).append(line)
    return kept


def write_table(rows: Sequence[Row], runs: Sequence[Run], readme_path: Path = README) -> None:
    readme = readme_path.read_text(encoding="utf-8") if readme_path.exists() else ""
    ran = {run.script.removesuffix(".py") for run in runs}
    fresh = table(rows, runs).splitlines()
    order = [s.removesuffix(".py") for s in benchmark_scripts()]
    kept = previous_rows(readme)
    body, by_script = fresh[:4], {}
    for line in fresh[4:]:
        by_script.setdefault(line.split("|")[1].strip(), []).append(line)
    for script in order:
        if script in ran:
            body += by_script.get(script, [])
        else:
            body += kept.get(script, [])
    block = f"{START}\n" + "\n".join(body) + f"\n{END}"
    if START in readme and END in readme:
        before, rest = readme.split(START, 1)
        after = rest.split(END, 1)[1]
        readme = before + block + after
    else:
        readme = readme.rstrip() + "\n\n## Figures\n\n" + block + "\n"
    readme_path.write_text(readme, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", default=None, help="script names to run")
    parser.add_argument("--skip", nargs="+", default=(), help="script names not to run")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per script")
    args = parser.parse_args()
    wanted = {_script_name(n) for n in args.only} if args.only else None
    skipped = {_script_name(n) for n in args.skip}
    scripts = [
        s for s in benchmark_scripts() if (wanted is None or s in wanted) and s not in skipped
    ]
    runs: list[Run] = []
    rows: list[Row] = []
    for script in scripts:
        print(f"\n===== {script} =====", flush=True)
        run = run_script(script, args.timeout)
        print(run.output.rstrip())
        print(f"----- {script}: exit {run.returncode}, {run.seconds:.1f} s", flush=True)
        runs.append(run)
        rows.extend(figures_of(run))
    write_table(rows, runs)
    print(f"\n{len(runs)} benchmark(s) run; table written to {README.relative_to(ROOT)}")
    print(table(rows, runs))
    failed = [r for r in rows if r.verdict not in ("", "PASS")]
    return 1 if failed or any(run.returncode for run in runs) else 0


def _script_name(name: str) -> str:
    return name if name.endswith(".py") else f"{name}.py"


if __name__ == "__main__":
    raise SystemExit(main())
