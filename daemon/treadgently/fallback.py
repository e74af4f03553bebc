"""A small word-statistics model the classifier consults only when its rules abstain.

The rules (`rules.py`) decide almost everything and say why.  Some replies
use none of their frames yet read plainly to a person ("we went another
way", in words no rule foresaw); this model catches part of those.  It is a
naive Bayes over the presence of words and word pairs, trained offline by
`bench/train_fallback.py` on our labelled replies and shipped as data
(`data/fallback_model.json`), so it is deterministic and needs no download.
It only ever speaks above a high posterior threshold, and `classify.py`
keeps it away from the costly confusions.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise

log = logging.getLogger(__name__)

_DATA_FILE = "fallback_model.json"
# Words: runs of letters, with an inner apostrophe ("won't"); digits carry no meaning here.
_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
MAX_WORDS = 600  # a reply's point is near the top; also bounds the cost


def features(lowered: str) -> set[str]:
    """Words and adjacent word pairs of lower-cased text: what the model looks at."""
    words = _WORD_RE.findall(lowered)[:MAX_WORDS]
    pairs = (f"{first} {second}" for first, second in pairwise(words))
    return {*words, *pairs}


@dataclass(frozen=True)
class Guess:
    label: str
    probability: float  # posterior of `label` among the model's labels
    evidence: tuple[str, ...]  # the features that spoke most for it


class FallbackModel:
    """Bernoulli naive Bayes over feature presence (absent features are not scored).

    `counts[feature][i]` is how many training replies of `labels[i]` hold the
    feature; `documents[i]` how many replies of that label were seen.
    """

    def __init__(
        self,
        labels: Iterable[str],
        documents: Iterable[int],
        counts: Mapping[str, Iterable[int]],
        *,
        alpha: float,
        threshold: float,
    ):
        self.labels = tuple(labels)
        self.threshold = threshold
        docs = tuple(documents)
        if len(docs) != len(self.labels) or not all(n > 0 for n in docs):
            raise ValueError("fallback model: one positive document count per label")
        total = sum(docs)
        self._priors = tuple(math.log(n / total) for n in docs)
        self._log_likelihood: dict[str, tuple[float, ...]] = {}
        for feature, row in counts.items():
            values = tuple(row)
            if len(values) != len(docs):
                raise ValueError(f"fallback model: feature {feature!r} has the wrong width")
            self._log_likelihood[feature] = tuple(
                math.log((count + alpha) / (n + 2 * alpha))
                for count, n in zip(values, docs, strict=True)
            )

    @classmethod
    def from_json(cls, text: str) -> FallbackModel:
        data = json.loads(text)
        return cls(
            data["labels"],
            data["documents"],
            data["counts"],
            alpha=float(data["alpha"]),
            threshold=float(data["threshold"]),
        )

    def guess(self, lowered: str) -> Guess:
        """The most likely label for lower-cased text, its posterior and the features behind it."""
        table = self._log_likelihood
        found = [feature for feature in features(lowered) if feature in table]
        rows = [self._priors, *(table[feature] for feature in found)]
        scores = [sum(column) for column in zip(*rows, strict=True)]
        best = max(range(len(scores)), key=scores.__getitem__)
        top = scores[best]
        probability = 1.0 / sum(math.exp(score - top) for score in scores)

        def lift(feature: str) -> float:
            row = self._log_likelihood[feature]
            return row[best] - max(value for i, value in enumerate(row) if i != best)

        evidence = tuple(sorted(found, key=lambda f: (-lift(f), f))[:3])
        return Guess(self.labels[best], probability, evidence)


@lru_cache(maxsize=1)
def load_model() -> FallbackModel | None:
    """The shipped model, or None (and a warning) when it is missing or unreadable."""
    source = resources.files("treadgently").joinpath("data").joinpath(_DATA_FILE)
    try:
        return FallbackModel.from_json(source.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("fallback model %s not usable, rules only: %s", _DATA_FILE, exc)
        return None
