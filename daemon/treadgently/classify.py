"""Classify a company's reply into one of `config.LABELS`, with evidence and dates.

The classifier reads only what the company newly wrote (`strip_quoted_text`),
sentence by sentence, and weighs the frames in `rules.py`: negation and
hypotheticals cancel a cue, vetoes silence a label in one sentence, dampers
scale a label for the whole message.  Mixed messages resolve to what the
candidate must act on (`rules.PRECEDENCE`); the costly confusions (offer or
next round vs rejection) need a clear margin, and anything uncertain becomes
`other`: no draft is better than a wrong draft.  Deterministic, offline, and
cheap: every pattern runs once over a capped text.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from treadgently import rules
from treadgently.config import LABELS
from treadgently.errors import ConfigError
from treadgently.mail import ParsedMail
from treadgently.phrase_index import PatternSet, gate_keys, word_index
from treadgently.quotes import candidate_identity, strip_quoted_text
from treadgently.reply_dates import find_decision_date, find_return_date

log = logging.getLogger(__name__)

# Characters of new text that are read: a reply's decision is near the top,
# and the cap keeps a pathological body as cheap as a normal one.
MAX_CLASSIFY_CHARS = 6000
MAX_EVIDENCE = 5
MAX_PHRASE_CHARS = 200

_FLAGS = re.IGNORECASE | re.UNICODE
# Rule patterns are written in lower case and run over lower-cased text, which
# spares the regex engine its case-folding work.
_MATCH_FLAGS = re.UNICODE

# Typographic variants folded to ASCII so that one pattern covers both.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": "",
    }
)

_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")
# A single line break inside a sentence: plain-text mail is hard-wrapped near 72
# characters, and a sentence cut in two loses its request frame or its negator.
_WRAP_RE = re.compile(r"(?<=[^\s.!?:;])\n(?=[^\W\d_])")
WRAPPED_LINE_CHARS = 50  # a line at least this long, cut mid-sentence, was wrapped
_LIST_ITEM_RE = re.compile(r"^\s*(?:[-•*·–]|\(?\d{1,2}[.)]|[a-z][.)])\s+", re.IGNORECASE)
# Clause boundaries: a negator does not reach across these.
_CLAUSE_BREAK_RE = re.compile(
    r"[,;:()\n]|\s-\s|\b(?:but|however|although|though|and|so|while|whereas|yet)\b",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[\w']+")
# What may stand before an imperative that opens a sentence or a list item.
_LEAD_IN_RE = re.compile(
    r"\s*(?:(?:[-•*·]|\(?\d{1,2}[.)]|[a-z][.)]|step \d{1,2}:?)\s*)?"
    r"(?:(?:please|kindly|then|and|also|just|finally|next|lastly|once done|when done)[,:]?\s+)*",
    re.IGNORECASE,
)
# A sentence opening with a condition makes everything in it hypothetical.
_CONDITIONAL_START_RE = re.compile(
    r"^\s*(?:if|once|assuming|provided|should|in case|wenn|falls|si|en caso|als)\b", _FLAGS
)
_HYPOTHETICAL_RE = re.compile(r"\b(?:if|whether|once|unless|until|before)\b", _FLAGS)
_NEGATOR_RE = re.compile(rules.NEGATORS + r"|\b\w+n't\b", _FLAGS)
_CLAUSE_END_CHARS = ",.;!?\n"
_BOUNCE_SENDER_RE = re.compile(rules.BOUNCE_SENDERS, _FLAGS)
_BOUNCE_TEXT_RE = re.compile(rules.BOUNCE_TEXT, _FLAGS)
_REPLY_PREFIX_RE = re.compile(
    r"^\s*(?:(?:re|aw|antw|sv|vs|réf|rif|fw|fwd|wg|tr|rv)\s*(?:\[\d+\])?\s*:\s*)+", _FLAGS
)


@dataclass(frozen=True)
class Classification:
    label: str  # one of config.LABELS
    confidence: float  # 0..1
    evidence: tuple[str, ...]  # the phrases that decided it
    decision_date: date | None = None  # "we expect to decide by Friday, December 5"
    return_date: date | None = None  # out-of-office "back on Monday, 3 March"
    requested: str | None = None  # info_requested: what was asked ("work samples")


@dataclass(frozen=True)
class Hit:
    """One cue that counted: for `--explain` and the evidence."""

    label: str
    phrase: str  # the text it matched
    weight: float
    rule: str  # where it came from: "cue", "header", "subject", "phrase"
    what: str | None = None
    automation: bool = False  # auto_reply: says the mail is automated, not what it is
    tone: bool = False  # rejected: regret or bad-news tone, not a decision


@dataclass(frozen=True)
class Analysis:
    """Everything the classifier saw and weighed, for `classify --explain`."""

    classification: Classification
    text: str  # the new text that was read
    scores: Mapping[str, float]
    hits: tuple[Hit, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Compiled:
    label: str
    pattern: str
    weight: float
    what: str | None
    negatable: bool
    ask: bool
    rule: str
    flags: int = _MATCH_FLAGS
    automation: bool = False
    tone: bool = False
    leads: bool = False


@dataclass
class _Sentences:
    text: str
    starts: list[int]
    ends: list[int]
    asks: list[bool]
    conditional: list[bool]
    where: dict[str, set[int]]  # word prefix -> sentences holding it, for the regex gates
    vetoed: list[set[str]] = field(default_factory=list)
    # (label, start, end): a clause in which that label's cues do not count
    vetoed_clauses: list[tuple[str, int, int]] = field(default_factory=list)

    def index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def spans(self, scope: list[int] | None) -> list[tuple[int, int]]:
        """Text ranges to scan: the given sentences (merged when adjacent), or everything."""
        if scope is None:
            return [(0, len(self.text))]
        spans: list[tuple[int, int]] = []
        previous = -2
        for number in scope:
            if number == previous + 1:
                spans[-1] = (spans[-1][0], self.ends[number])
            else:
                spans.append((self.starts[number], self.ends[number]))
            previous = number
        return spans


def validate_phrases(extra_phrases: Mapping[str, Sequence[str]] | None) -> dict[str, list[str]]:
    """Check user phrases from `[classifier]`; raise one ConfigError naming every bad one.

    A phrase is literal text (case-insensitive, any whitespace between words),
    or a regular expression when written ``re:<pattern>``.
    """
    problems = []
    cleaned: dict[str, list[str]] = {}
    for label, phrases in (extra_phrases or {}).items():
        if label not in LABELS:
            problems.append(f"[classifier] {label}: unknown label (known: {', '.join(LABELS)})")
            continue
        if isinstance(phrases, str) or not isinstance(phrases, Sequence):
            problems.append(f"[classifier] {label}: must be a list of phrases")
            continue
        for phrase in phrases:
            problem = _phrase_problem(phrase)
            if problem:
                problems.append(f"[classifier] {label}: phrase {phrase!r} {problem}")
            else:
                cleaned.setdefault(label, []).append(phrase)
    if problems:
        raise ConfigError("invalid classifier phrases:\n  " + "\n  ".join(problems))
    return cleaned


def _phrase_problem(phrase: object) -> str | None:
    if not isinstance(phrase, str):
        return "is not text"
    if len(phrase) > MAX_PHRASE_CHARS:
        return f"is longer than {MAX_PHRASE_CHARS} characters"
    if phrase.startswith("re:"):
        try:
            regex = re.compile(phrase[3:], _FLAGS)
        except re.error as exc:
            return f"is not a valid regular expression ({exc})"
        if regex.search("") is not None:
            return "matches empty text, so it would match every message"
        return None
    if not re.search(r"\w", phrase):
        return "has no letters or digits"
    if len(phrase.strip()) < 3:
        return "needs at least 3 characters"
    return None


def _phrase_regex(phrase: str) -> str:
    if phrase.startswith("re:"):
        return phrase[3:]
    words = [re.escape(word) for word in phrase.translate(_FOLD).lower().split()]
    body = r"\s+".join(words)
    start = r"\b" if re.match(r"\w", phrase.strip()) else ""
    end = r"\b" if re.search(r"\w$", phrase.strip()) else ""
    return f"{start}{body}{end}"


@lru_cache(maxsize=1)
def _builtin_cues() -> tuple[_Compiled, ...]:
    compiled = []
    for label, cues in rules.CUES.items():
        for cue in cues:
            compiled.append(
                _Compiled(
                    label=label,
                    pattern=cue.pattern,
                    weight=cue.weight,
                    what=cue.what,
                    negatable=cue.negatable,
                    ask=cue.ask,
                    rule="cue",
                    automation=cue.automation,
                    tone=cue.tone,
                    leads=cue.leads,
                )
            )
    return tuple(compiled)


_VETO_LABELS = tuple(label for label, patterns in rules.SENTENCE_VETOES.items() for _ in patterns)
_CLAUSE_VETO_LABELS = tuple(
    label for label, patterns in rules.CLAUSE_VETOES.items() for _ in patterns
)
_ABBREVIATION_RE = re.compile(
    r"(?<![\w.'/&-])(?:"
    + "|".join(re.escape(short) for short in sorted(rules.ABBREVIATIONS, key=len, reverse=True))
    + r")(?![\w.'/&-])",
    _FLAGS,
)


def new_text(mail: ParsedMail, own_email: str | None = None) -> str:
    """What the classifier reads: the company's new text, capped, folded, shorthand expanded.

    Knowing who the candidate is lets a note the company forwarded count as its words.
    """
    stripped = strip_quoted_text(mail.text or "", candidate=candidate_identity(mail, own_email))
    text = stripped[:MAX_CLASSIFY_CHARS].translate(_FOLD)
    return expand_abbreviations(unwrap_lines(text))


def unwrap_lines(text: str) -> str:
    """Join a hard-wrapped sentence: the break goes when the next line continues in lower
    case, or when the line before is long and ends mid-sentence."""
    return _WRAP_RE.sub(lambda match: _wrap_join(text, match.start()), text)


def _wrap_join(text: str, pos: int) -> str:
    if text[pos + 1].islower():
        return " "
    line_start = text.rfind("\n", 0, pos) + 1
    if pos - line_start >= WRAPPED_LINE_CHARS and not _LIST_ITEM_RE.match(text, line_start):
        return " "
    return "\n"


def expand_abbreviations(text: str) -> str:
    """Read "pls send 2 refs, u free fri?" as the words it stands for (rules.ABBREVIATIONS)."""
    return _ABBREVIATION_RE.sub(lambda match: rules.ABBREVIATIONS[match.group(0).lower()], text)


@lru_cache(maxsize=1)
def _vetoes() -> PatternSet:
    return PatternSet(
        (pattern, _MATCH_FLAGS)
        for patterns in rules.SENTENCE_VETOES.values()
        for pattern in patterns
    )


@lru_cache(maxsize=1)
def _clause_vetoes() -> PatternSet:
    return PatternSet(
        (pattern, _MATCH_FLAGS) for patterns in rules.CLAUSE_VETOES.values() for pattern in patterns
    )


@lru_cache(maxsize=1)
def _closings() -> PatternSet:
    return PatternSet([(rules.NOT_A_REQUEST, _MATCH_FLAGS)])


@lru_cache(maxsize=1)
def _request_frames() -> PatternSet:
    return PatternSet((pattern, _MATCH_FLAGS) for pattern in rules.REQUEST_FRAMES)


@lru_cache(maxsize=1)
def _builtin_pattern_set() -> PatternSet:
    return PatternSet((cue.pattern, cue.flags) for cue in _builtin_cues())


@lru_cache(maxsize=1)
def _dampers() -> PatternSet:
    return PatternSet((damper.pattern, _MATCH_FLAGS) for damper in rules.MESSAGE_DAMPERS)


class Classifier:
    """Built once (rules compiled, user phrases validated), then used for every message."""

    def __init__(self, extra_phrases: Mapping[str, Sequence[str]] | None = None):
        phrases = validate_phrases(extra_phrases)
        user = [
            _Compiled(
                label=label,
                pattern=_phrase_regex(phrase),
                weight=rules.USER_PHRASE_WEIGHT,
                what=None,
                negatable=True,
                ask=False,
                rule="phrase",
                flags=_FLAGS,
            )
            for label, items in phrases.items()
            for phrase in items
        ]
        self._cues = _builtin_cues() + tuple(user)
        self._patterns = (
            PatternSet((cue.pattern, cue.flags) for cue in self._cues)
            if user
            else _builtin_pattern_set()
        )
        self._headers = tuple(
            (name, re.compile(value, _FLAGS), weight)
            for name, value, weight in rules.HEADER_EVIDENCE
        )
        self._subjects = tuple(
            (label, re.compile(pattern, _FLAGS), weight)
            for label, pattern, weight in rules.SUBJECT_CUES
        )

    def classify(self, mail: ParsedMail, *, own_email: str | None = None) -> Classification:
        return self.analyse(mail, own_email=own_email).classification

    def analyse(self, mail: ParsedMail, *, own_email: str | None = None) -> Analysis:
        """Classify and keep the working: stripped text, scores and every counted cue."""
        sender = mail.sender.email if mail.sender else ""
        if own_email and sender and sender == own_email.strip().lower():
            result = Classification("other", 0.95, ("sent by you",))
            return Analysis(result, "", {}, (), ("the candidate's own message",))
        bounce = self._bounce(mail)
        if bounce:
            result = Classification("auto_reply", 0.95, (bounce,))
            return Analysis(result, "", {"auto_reply": 5.0}, (), ("delivery failure",))

        text = new_text(mail, own_email)
        lowered = text.lower()
        if len(lowered) != len(text):  # a rare letter that lower-cases to two: read it lowered
            text = lowered
        keys = gate_keys(
            self._patterns, _request_frames(), _vetoes(), _clause_vetoes(), _dampers(), _closings()
        )
        sentences = _split(text, lowered, keys)
        hits = self._text_hits(sentences, lowered)
        hits.extend(self._header_hits(mail.automation))
        hits.extend(self._subject_hits(mail.subject))
        scores = _scores(hits)
        notes = _weigh_context(hits, scores)
        notes += _apply_dampers(sentences, lowered, scores)
        label, confidence, decided_by = _decide(scores, notes)
        evidence = _evidence(hits, decided_by)
        reference = mail.date
        result = Classification(
            label=label,
            confidence=round(confidence, 3),
            evidence=evidence,
            decision_date=(
                find_decision_date(text, reference)
                if label in ("still_interviewing", "references_requested", "info_requested")
                else None
            ),
            return_date=find_return_date(text, reference) if label == "auto_reply" else None,
            requested=_requested(hits) if label == "info_requested" else None,
        )
        log.debug(
            "classified %s as %s (%.2f) on %d rule hits",
            mail.message_id or "(no message id)",
            label,
            confidence,
            len(hits),
        )
        return Analysis(result, text, dict(scores), tuple(hits), tuple(notes))

    def _bounce(self, mail: ParsedMail) -> str | None:
        sender = mail.sender.email if mail.sender else ""
        if sender and _BOUNCE_SENDER_RE.match(sender):
            return f"bounce from {sender}"
        subject_bounce = any(
            weight >= 5.0 and regex.search(mail.subject or "")
            for _, regex, weight in self._subjects
        )
        if subject_bounce and _BOUNCE_TEXT_RE.search(mail.text[:4000] if mail.text else ""):
            return "delivery failure notice"
        return None

    def _text_hits(self, sentences: _Sentences, lowered: str) -> list[Hit]:
        text = sentences.text
        hits: list[Hit] = []
        done: set[int] = set()
        patterns = self._patterns
        for slot, scope in patterns.candidates(sentences.where):
            number = patterns.owner(slot)
            if number in done:
                continue  # a cue counts once per message
            cue = self._cues[number]
            for match in patterns.matches(slot, lowered, sentences.spans(scope)):
                if _counts(cue, match, sentences):
                    phrase = text[match.start() : match.end()].strip()
                    hits.append(
                        Hit(
                            cue.label,
                            phrase,
                            cue.weight,
                            cue.rule,
                            cue.what,
                            automation=cue.automation,
                            tone=cue.tone,
                        )
                    )
                    done.add(number)
                    break
        return hits

    def _header_hits(self, automation: Mapping[str, str]) -> list[Hit]:
        if automation.get("auto-submitted", "").strip().lower() == "no":
            return []  # a human reply that says so
        hits = []
        for name, regex, weight in self._headers:
            value = automation.get(name)
            if value is not None and regex.search(value.strip()):
                hits.append(
                    Hit("auto_reply", f"{name}: {value}", weight, "header", automation=True)
                )
        return hits

    def _subject_hits(self, subject: str) -> list[Hit]:
        hits = []
        bare = _REPLY_PREFIX_RE.sub("", subject or "")
        for label, regex, weight in self._subjects:
            if regex.search(subject or "") or regex.search(bare):
                hits.append(Hit(label, f"subject: {subject}", weight, "subject"))
        return hits


def _counts(cue: _Compiled, match: re.Match[str], sentences: _Sentences) -> bool:
    """Whether a match is evidence: not blank, not vetoed, asked if it must be, not negated."""
    if not match.group(0).strip():
        return False
    index = sentences.index(match.start())
    if cue.label in sentences.vetoed[index]:
        return False
    start = match.start()
    if any(
        label == cue.label and low <= start < high for label, low, high in sentences.vetoed_clauses
    ):
        return False
    if cue.ask and not sentences.asks[index]:
        return False
    if cue.leads and not _opens_sentence(sentences, index, match.start()):
        return False
    return not (cue.negatable and _negated(sentences, index, match.start(), cue.ask))


def _opens_sentence(sentences: _Sentences, index: int, pos: int) -> bool:
    """Whether only a list marker or a softener ("please", "then") stands before `pos`."""
    before = sentences.text[sentences.starts[index] : pos]
    return _LEAD_IN_RE.fullmatch(before) is not None


def _split(text: str, lowered: str, keys: frozenset[str]) -> _Sentences:
    starts, ends = [], []
    pos = 0
    for match in _SENTENCE_END_RE.finditer(text):
        if match.start() > pos:
            starts.append(pos)
            ends.append(match.start())
        pos = match.end()
    if pos < len(text):
        starts.append(pos)
        ends.append(len(text))
    if not starts:
        starts, ends = [0], [0]
    sentences = _Sentences(text, starts, ends, [], [], word_index(lowered, starts, ends, keys))
    # Polite closings ("let me know if you have any questions") ask for nothing.
    closings = [
        _clause_around(text, m.start(), m.end())
        for _, m in _closings().all_matches(sentences, lowered)
    ]
    requesting = set()
    for _, match in _request_frames().all_matches(sentences, lowered):
        if not any(low <= match.start() < high for low, high in closings):
            requesting.add(sentences.index(match.start()))
    asks, conditional = sentences.asks, sentences.conditional
    inherited = False
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        sentence = text[start:end]
        own = index in requesting or sentence.rstrip().endswith("?")
        is_item = bool(_LIST_ITEM_RE.match(sentence))
        asks.append(own or (is_item and inherited))
        # A list under "please send:" inherits the request; so does the list's next item.
        inherited = (own and sentence.rstrip().endswith(":")) or (is_item and inherited)
        conditional.append(bool(_CONDITIONAL_START_RE.match(sentence)))
    sentences.vetoed = [set() for _ in starts]
    for number, match in _vetoes().all_matches(sentences, lowered):
        sentences.vetoed[sentences.index(match.start())].add(_VETO_LABELS[number])
    for number, match in _clause_vetoes().all_matches(sentences, lowered):
        low, high = _clause_around(lowered, match.start(), match.end())
        sentences.vetoed_clauses.append((_CLAUSE_VETO_LABELS[number], low, high))
    return sentences


def _clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    low = max(text.rfind(char, 0, start) for char in _CLAUSE_END_CHARS) + 1
    ends = [found for char in _CLAUSE_END_CHARS if (found := text.find(char, end)) >= 0]
    return low, min(ends, default=len(text))


def _negated(sentences: _Sentences, index: int, pos: int, ask: bool) -> bool:
    """A negator (or, for claims, a hypothetical) a few words before `pos`, in its clause."""
    start = sentences.starts[index]
    before = sentences.text[start:pos]
    breaks = list(_CLAUSE_BREAK_RE.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    words = _WORD_RE.findall(clause)
    window = " ".join(words[-rules.NEGATION_WINDOW :])
    # "not going to be able to move you forward": auxiliaries do not use up the window.
    content = [word for word in words if word.lower() not in rules.NEGATION_TRANSPARENT]
    reach = " ".join(content[-rules.NEGATION_WINDOW :])
    if _NEGATOR_RE.search(_HYPOTHETICAL_RE.sub(" ", reach)):
        return True
    if _NEGATOR_RE.search(window):
        # "if"/"before" make a claim hypothetical, but a request may well begin with "if you could".
        hypothetical_only = not _NEGATOR_RE.search(_HYPOTHETICAL_RE.sub(" ", window))
        if not (ask and hypothetical_only):
            return True
    # "If selected, the next step would be..." is hypothetical; "If so, send me times" still asks.
    return sentences.conditional[index] and not sentences.asks[index]


def _scores(hits: Iterable[Hit]) -> dict[str, float]:
    scores = dict.fromkeys(LABELS, 0.0)
    for hit in hits:
        scores[hit.label] += hit.weight
    return scores


def _weigh_context(hits: Sequence[Hit], scores: dict[str, float]) -> list[str]:
    """Evidence that only counts when nothing explains the message better.

    Automation (headers, "this is an automated message") makes an
    acknowledgement or an absence notice an auto_reply, but an automated
    mail carrying a request, a decision or a status is that request,
    decision or status.  Regret alone ("unfortunately", "not the news you
    hoped for") is a rejection only when no delay, request or invitation
    accounts for it.
    """
    notes = []
    substantive = [label for label in rules.SUBSTANTIVE if scores[label] >= rules.PRESENT]
    automated = sum(hit.weight for hit in hits if hit.label == "auto_reply" and hit.automation)
    if automated and substantive and scores["auto_reply"] - automated < rules.PRESENT:
        scores["auto_reply"] -= automated
        notes.append(f"automation {automated:.1f} yields to {', '.join(substantive)}")
    tone = sum(hit.weight for hit in hits if hit.label == "rejected" and hit.tone)
    explained = [label for label in substantive if label != "rejected"]
    if tone and explained and scores["rejected"] - tone < rules.PRESENT:
        scores["rejected"] -= tone
        notes.append(f"regret {tone:.1f} is explained by {', '.join(explained)}")
    return notes


def _apply_dampers(sentences: _Sentences, text: str, scores: dict[str, float]) -> list[str]:
    """Scale whole labels by the dampers found (gated like the cues), in the rules' order."""
    found: dict[int, re.Match[str]] = {}
    for number, match in _dampers().all_matches(sentences, text):
        if number not in found or match.start() < found[number].start():
            found[number] = match
    notes = []
    for number, damper in enumerate(rules.MESSAGE_DAMPERS):
        if damper.when_present and scores[damper.when_present] < rules.PRESENT:
            continue
        match = found.get(number)
        if match:
            for label in damper.labels:
                scores[label] *= damper.factor
            notes.append(
                f"{match.group(0).strip()!r} scales {', '.join(damper.labels)} by {damper.factor}"
            )
    return notes


def _decide(scores: Mapping[str, float], notes: list[str]) -> tuple[str, float, tuple[str, ...]]:
    """Pick the label: dominant auto-reply, then precedence, then the costly-pair guard."""
    present = {label: s for label, s in scores.items() if s >= rules.PRESENT}
    if not present:
        return "other", 0.5, ()
    top = max(present.values())
    if scores["auto_reply"] >= rules.AUTO_REPLY_DOMINANT:
        winner = "auto_reply"
    else:
        winner = next(
            label
            for label in rules.PRECEDENCE
            if label in present
            and (
                present[label] == top
                or present[label] >= max(rules.PRECEDENCE_MIN, rules.PRECEDENCE_SHARE * top)
            )
        )
    ahead = rules.PRECEDENCE[: rules.PRECEDENCE.index(winner)]
    conflict = max((scores[label] for label in ahead if label != "auto_reply"), default=0.0)
    for pair in rules.COSTLY_PAIRS:
        if winner in pair:
            opponent = pair[1] if winner == pair[0] else pair[0]
            if scores[opponent] >= rules.PRESENT:
                if scores[winner] < rules.COSTLY_MARGIN * scores[opponent]:
                    notes.append(
                        f"guard: {winner} {scores[winner]:.1f} vs {opponent} "
                        f"{scores[opponent]:.1f} is too close to call"
                    )
                    return "other", 0.3, (winner, opponent)
                conflict = max(conflict, scores[opponent])
    confidence = min(0.99, scores[winner] / (scores[winner] + conflict + 1.0))
    if confidence < rules.MIN_CONFIDENCE:
        notes.append(f"{winner} confidence {confidence:.2f} below {rules.MIN_CONFIDENCE}")
        return "other", 0.3, (winner,)
    return winner, confidence, (winner,)


def _evidence(hits: Sequence[Hit], labels: tuple[str, ...]) -> tuple[str, ...]:
    chosen = sorted(
        (hit for hit in hits if hit.label in labels), key=lambda hit: hit.weight, reverse=True
    )
    return tuple(dict.fromkeys(hit.phrase for hit in chosen))[:MAX_EVIDENCE]


def _requested(hits: Sequence[Hit]) -> str | None:
    asked = [hit for hit in hits if hit.label == "info_requested"]
    asked.sort(key=lambda hit: hit.weight, reverse=True)
    whats = [hit.what for hit in asked if hit.what]
    if whats:
        return ", ".join(dict.fromkeys(whats[:3]))
    return asked[0].phrase if asked else None
