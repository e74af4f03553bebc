"""Quoted-text stripping: quality on fixtures with expected output, and throughput.

Usage (from the repo root, with the project venv):

    .venv/bin/python bench/strip_bench.py [--compare-python /tmp/cmpvenv/bin/python]

Quality uses the mail-samples fixtures that come with expected output (talon's
iphone/sparrow reply pairs and its signature triplets) plus a leak check over
the development corpus. Throughput is messages per second over every corpus
reply and mail-samples body. mail-parser-reply and quotequail are measured on
the same inputs when importable here, or inside the interpreter named by
--compare-python (a throwaway venv; they are not project dependencies).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "mail-samples"
TALON = SAMPLES / "talon" / "tests" / "fixtures"
LANGUAGES = ["en", "de", "fr", "es", "nl"]
ROUNDS = 3

Stripper = Callable[[str], str]


# --- inputs (need treadgently) ---------------------------------------------


def build_inputs() -> dict[str, object]:
    """Texts and expectations, parsed once with our parser so every stripper sees the same input."""
    from treadgently.mail import parse_message

    def text_of(path: Path) -> str:
        return parse_message(path.read_bytes()).text

    pairs = []
    for name in ("iphone", "sparrow"):
        eml, expected = TALON / "standard_replies" / f"{name}.eml", None
        reply = TALON / "standard_replies" / f"{name}_reply_text"
        if eml.is_file() and reply.is_file():
            expected = reply.read_text(encoding="utf-8")
            pairs.append({"name": name, "text": text_of(eml), "expected": expected})
    triplets = []
    for body in sorted((TALON / "signature" / "emails" / "stripped").glob("*_body")):
        signature = body.with_name(body.name.replace("_body", "_signature"))
        if signature.is_file():
            triplets.append(
                {
                    "name": body.name.removesuffix("_body"),
                    "text": _unmark(body.read_text(encoding="utf-8")),
                    "signature": _unmark(signature.read_text(encoding="utf-8")),
                }
            )
    corpus = [
        {"name": path.name, "text": text_of(path)}
        for path in sorted((SHARED / "corpus" / "replies").glob("*.eml"))
    ]
    bodies = [
        text_of(path)
        for path in sorted(SAMPLES.rglob("*"))
        if path.is_file() and path.name not in ("LICENSE", "README.md")
    ]
    return {"pairs": pairs, "triplets": triplets, "corpus": corpus, "bodies": bodies}


def _unmark(text: str) -> str:
    """Talon marks some training lines with "#sig#"; the marker is not part of the mail."""
    return text.replace("#sig#", "")


# --- scoring (stdlib only: also runs inside the comparison venv) -----------


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def score(strip: Stripper, inputs: dict) -> dict[str, object]:
    pairs_ok = 0
    for pair in inputs["pairs"]:
        out = set(_lines(strip(pair["text"])))
        expected = _lines(pair["expected"])
        quoted = [
            line
            for line in _lines(pair["text"])
            if line not in expected and len(line) > 8 and not line.endswith("wrote:")
        ]
        kept = expected[0] in out  # the reply itself; signatures may go either way
        pairs_ok += kept and not any(line in out for line in quoted)
    sig_ok = 0
    for triplet in inputs["triplets"]:
        out = set(_lines(strip(triplet["text"])))
        signature = [line for line in _lines(triplet["signature"]) if len(line) > 2]
        body = [line for line in _lines(triplet["text"]) if line not in signature]
        sig_ok += all(line in out for line in body) and not any(line in out for line in signature)
    leaks = empty = 0
    for reply in inputs["corpus"]:
        out = strip(reply["text"])
        lines = _lines(out)
        if not lines:
            empty += 1
        # The candidate's quoted mail: ">" lines, an Outlook header naming them, their sign-off.
        # (An "On ... Jordan <jordan@...> wrote:" attribution alone does not count.)
        quoted = any(line.startswith(">") for line in lines)
        header = any(line.startswith(("From: Jordan", "Von: Jordan")) for line in lines)
        signed = any(line in ("Jordan", "Jordan Ellery") for line in lines)
        leaks += quoted or header or signed
    corpus_texts = [reply["text"] for reply in inputs["corpus"]]
    texts = corpus_texts + inputs["bodies"]
    overall = _throughput(strip, texts)
    return {
        "pairs": f"{pairs_ok}/{len(inputs['pairs'])}",
        "signatures": f"{sig_ok}/{len(inputs['triplets'])}",
        "corpus_leaks": f"{leaks}/{len(inputs['corpus'])}",
        "corpus_empty": empty,
        "messages": len(texts),
        "corpus_msgs_s": round(_throughput(strip, corpus_texts)),
        "all_msgs_s": round(overall),
        "ms_per_msg": round(1000 / overall, 3),
    }


def _throughput(strip: Stripper, texts: list[str]) -> float:
    """Messages per second of CPU time (process time: fair on a busy machine), best of ROUNDS."""
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.process_time()
        for text in texts:
            strip(text)
        best = min(best, time.process_time() - started)
    return len(texts) / max(best, 1e-9)


def library_strippers() -> dict[str, Stripper]:
    """The maintained libraries, when this interpreter has them."""
    found: dict[str, Stripper] = {}
    try:
        from mailparser_reply import EmailReplyParser
    except ImportError:
        pass
    else:
        parser = EmailReplyParser(languages=LANGUAGES)
        found["mail-parser-reply"] = lambda text: parser.parse_reply(text=text) or ""
    try:
        import quotequail
    except ImportError:
        pass
    else:

        def quotequail_reply(text: str) -> str:
            return "\n".join(part for is_reply, part in quotequail.quote(text) if is_reply)

        found["quotequail"] = quotequail_reply
    return found


# --- main ------------------------------------------------------------------


def run_libraries(inputs_path: str) -> None:
    """--libraries-only: score the libraries on prepared inputs and print JSON."""
    inputs = json.loads(Path(inputs_path).read_text(encoding="utf-8"))
    results = {name: score(strip, inputs) for name, strip in library_strippers().items()}
    print(json.dumps(results))


def parse_throughput(paths: list[Path]) -> float:
    from treadgently.mail import parse_message
    from treadgently.quotes import strip_quoted_text

    raws = [path.read_bytes() for path in paths]
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.process_time()
        for raw in raws:
            strip_quoted_text(parse_message(raw).text)
        best = min(best, time.process_time() - started)
    return len(raws) / max(best, 1e-9)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare-python", help="interpreter that has the libraries installed")
    parser.add_argument("--libraries-only", metavar="INPUTS_JSON", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.libraries_only:
        run_libraries(args.libraries_only)
        return 0
    if not SAMPLES.is_dir():
        print(f"shared samples not found at {SAMPLES}", file=sys.stderr)
        return 2

    from treadgently.quotes import strip_quoted_text

    inputs = build_inputs()
    results: dict[str, dict[str, object]] = {"treadgently": score(strip_quoted_text, inputs)}
    for name, strip in library_strippers().items():
        results[name] = score(strip, inputs)
    if args.compare_python and len(results) == 1:
        results.update(_score_elsewhere(args.compare_python, inputs))

    columns = ["pairs", "signatures", "corpus_leaks", "corpus_msgs_s", "all_msgs_s", "ms_per_msg"]
    print(f"{'stripper':<20}" + "".join(f"{column:>14}" for column in columns))
    for name, figures in results.items():
        print(f"{name:<20}" + "".join(f"{figures[column]!s:>14}" for column in columns))
    if len(results) == 1:
        print("(mail-parser-reply / quotequail not importable: pass --compare-python)")
    corpus = sorted((SHARED / "corpus" / "replies").glob("*.eml"))
    print(
        f"\nparse + strip over {len(corpus)} corpus replies: {parse_throughput(corpus):,.0f} msgs/s"
    )
    return 0


def _score_elsewhere(python: str, inputs: dict) -> dict[str, dict[str, object]]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as tmp:
        json.dump(inputs, tmp)
    try:
        done = subprocess.run(
            [python, __file__, "--libraries-only", tmp.name],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
    finally:
        Path(tmp.name).unlink(missing_ok=True)
    if done.returncode != 0:
        print(f"library comparison failed: {done.stderr.strip()[-500:]}", file=sys.stderr)
        return {}
    return json.loads(done.stdout)


if __name__ == "__main__":
    sys.exit(main())
