"""Messages per second for parse + strip + classify over the development corpus, on one core.

Reads every .eml once into memory, then times several passes so that disk
and start-up costs are not counted.  The figure is CPU time of this process
(best pass), so that other work on a shared machine does not count against
it.  Usage: python bench/classify_speed.py [--passes N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from treadgently.classify import Classifier
from treadgently.mail import parse_message

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
TARGET = 1000.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passes", type=int, default=10, help="passes over the corpus")
    args = parser.parse_args()
    raws = [path.read_bytes() for path in sorted(CORPUS.rglob("*.eml"))]
    if not raws:
        print(f"no .eml files under {CORPUS}")
        return 1
    classifier = Classifier()
    classifier.classify(parse_message(raws[0]))  # compile the rules outside the timing
    passes = []
    for _ in range(args.passes):
        start = time.process_time()
        for raw in raws:
            classifier.classify(parse_message(raw))
        passes.append(time.process_time() - start)
    best = min(passes)
    rate = len(raws) / best
    mean_rate = len(raws) * len(passes) / sum(passes)
    verdict = "ok" if rate >= TARGET else f"BELOW the {TARGET:.0f} msgs/s target"
    print(
        f"parse+strip+classify: {rate:,.0f} msgs/s on one core (best of {args.passes} passes "
        f"over {len(raws)} files; mean {mean_rate:,.0f} msgs/s) {verdict}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
