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
import calendar
import logging
import re
import re._constants as sre_constants  # for the literal gate only; see _gate_literals
import re._parser as sre_parser
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

from treadgently import rules
from treadgently.config import LABELS
from treadgently.errors import ConfigError
from treadgently.mail import ParsedMail
from treadgently.quotes import strip_quoted_text

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
_LIST_ITEM_RE = re.compile(r"^\s*(?:[-•*·–]|\(?\d{1,2}[.)]|[a-z][.)])\s+", re.IGNORECASE)
# Clause boundaries: a negator does not reach across these.
_CLAUSE_BREAK_RE = re.compile(
    r"[,;:()\n]|\s-\s|\b(?:but|however|although|though|and|so|while|whereas|yet)\b",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[\w']+")
# A sentence opening with a condition makes everything in it hypothetical.
_CONDITIONAL_START_RE = re.compile(
    r"^\s*(?:if|once|assuming|provided|should|in case|wenn|falls|si|en caso|als)\b", _FLAGS
)
_HYPOTHETICAL_RE = re.compile(r"\b(?:if|whether|once|unless|until|before)\b", _FLAGS)
_NEGATOR_RE = re.compile(rules.NEGATORS + r"|\b\w+n't\b", _FLAGS)
_NOT_A_REQUEST_RE = re.compile(rules.NOT_A_REQUEST, _FLAGS)
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


class _PatternSet:
    """Many regexes behind one word index: a message runs only the regexes its words allow.

    Each pattern is split at its top-level `|` so that every alternative gets
    its own, sharper gate, and a gated regex only scans the sentences that
    hold one of its gate words.  A leading `\\b` is checked in Python instead
    of by the regex: without it the engine can skip ahead on the first
    characters, which makes a scan several times faster.
    """

    def __init__(self, patterns: Iterable[tuple[str, int]]):
        self._owner: list[int] = []
        self._regexes: list[tuple[re.Pattern[str], bool]] = []
        self._always: list[int] = []
        self._gates: list[frozenset[str] | None] = []
        self._by_key: dict[str, list[int]] = {}
        for number, (pattern, flags) in enumerate(patterns):
            for branch in _top_level_branches(pattern):
                slot = len(self._regexes)
                self._owner.append(number)
                bounded = branch.startswith("\\b") and not branch.startswith("\\b|")
                self._regexes.append(
                    (re.compile(branch[2:] if bounded else branch, flags), bounded)
                )
                gate = _gate_literals(branch)
                self._gates.append(gate)
                if gate is None:
                    self._always.append(slot)
                else:
                    for key in gate:
                        self._by_key.setdefault(key, []).append(slot)

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(self._by_key)

    def candidates(self, where: Mapping[str, set[int]]) -> list[tuple[int, list[int] | None]]:
        """(slot, sentences worth scanning, or None for all) for every regex that may match."""
        slots = set(self._always)
        by_key = self._by_key
        for key in where.keys() & by_key.keys():
            slots.update(by_key[key])
        found = []
        for slot in sorted(slots):
            gate = self._gates[slot]
            if gate is None:
                found.append((slot, None))
            else:
                scope: set[int] = set()
                for key in gate:
                    scope |= where.get(key, scope)
                found.append((slot, sorted(scope)))
        return found

    def owner(self, slot: int) -> int:
        return self._owner[slot]

    def matches(
        self, slot: int, text: str, spans: Iterable[tuple[int, int]]
    ) -> Iterator[re.Match[str]]:
        regex, bounded = self._regexes[slot]
        for low, high in spans:
            if not bounded:
                yield from regex.finditer(text, low, high)
                continue
            pos = low
            while (match := regex.search(text, pos, high)) is not None:
                start = match.start()
                if _at_boundary(text, start):
                    yield match
                    pos = max(match.end(), start + 1)
                else:
                    pos = start + 1

    def all_matches(self, sentences: _Sentences, text: str) -> Iterator[tuple[int, re.Match[str]]]:
        for slot, scope in self.candidates(sentences.where):
            number = self._owner[slot]
            for match in self.matches(slot, text, sentences.spans(scope)):
                yield number, match


def _at_boundary(text: str, pos: int) -> bool:
    """What `\\b` tests: a word character on exactly one side of `pos`."""
    before = pos > 0 and _is_word_char(text[pos - 1])
    after = pos < len(text) and _is_word_char(text[pos])
    return before != after


def _top_level_branches(pattern: str) -> list[str]:
    branches, depth, start, index, in_class = [], 0, 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:index])
            start = index + 1
        index += 1
    branches.append(pattern[start:])
    return branches if all(branches) else [pattern]


def _word_index(
    lowered: str, starts: list[int], ends: list[int], keys: frozenset[str]
) -> dict[str, set[int]]:
    """What gates are checked against: gate words (prefixes) -> the sentences holding them."""
    where: dict[str, set[int]] = {}
    sizes = range(2, GATE_CHARS + 1)
    for number, (start, end) in enumerate(zip(starts, ends, strict=True)):
        for token in set(_TOKEN_RE.findall(lowered, start, end)):
            for prefix in {token[:size] for size in sizes} & keys:
                where.setdefault(prefix, set()).add(number)
    return where


@lru_cache(maxsize=8)
def _gate_keys(*pattern_sets: _PatternSet) -> frozenset[str]:
    return frozenset().union(*(patterns.keys for patterns in pattern_sets))


# A gate is a set of word prefixes this long (or whole shorter words); a message
# passes a cue's gate when one of its words starts with one of them.
GATE_CHARS = 5
_TOKEN_RE = re.compile(r"\w+")
# Words in nearly every message make useless gates; a rarer mandatory word is preferred.
_COMMON_WORDS = frozenset(
    {
        "the", "a", "an", "to", "of", "and", "or", "in", "on", "for", "with", "you", "your",
        "we", "i", "it", "is", "are", "be", "will", "would", "not", "no", "this", "that", "our",
        "my", "me", "us", "can", "could", "have", "has", "do", "does", "at", "as", "by", "from",
        "was", "were", "if", "so", "but", "all", "any", "some", "more", "other", "one", "two",
        "let", "like", "just", "also",
    }
)  # fmt: skip


def _gate_literals(pattern: str) -> frozenset[str] | None:
    """Word prefixes one of which every match of `pattern` must contain, to skip hopeless regexes.

    Running ~200 regexes over every message is the classifier's whole cost;
    a set lookup that proves a regex cannot match is far cheaper.  The words
    come from the regex's own parse tree (Python's `re._parser`): the most
    selective mandatory element that starts at a word boundary.  Anything the
    walk cannot prove gives None, and that regex simply always runs.
    """
    try:
        items = list(sre_parser.parse(pattern, re.IGNORECASE | re.UNICODE).data)
        words = _required_words(items, depth=0)
    except (re.error, AttributeError, TypeError, ValueError, IndexError, RecursionError):
        return None
    if not words:
        return None
    return frozenset(word.lower()[:GATE_CHARS] for word in words)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _required_words(items: list, depth: int) -> set[str] | None:
    """The best set of words such that every match contains one of them at a word start."""
    consts = sre_constants
    if depth > 10:
        return None
    if len(items) == 1 and items[0][0] is consts.BRANCH:
        found: set[str] = set()
        for branch in items[0][1][1]:
            sub = _required_words(list(branch.data), depth + 1)
            if sub is None:
                return None
            found |= sub
        return found
    candidates = []
    at_start = False
    index = 0
    while index < len(items):
        op, arg = items[index]
        if op is consts.AT:
            at_start = True
        elif op is consts.LITERAL:
            run = ""
            while index < len(items) and items[index][0] is consts.LITERAL:
                run += chr(items[index][1])
                index += 1
            index -= 1
            for match in _TOKEN_RE.finditer(run):
                if match.start() > 0 or at_start:
                    words = {match.group(0)}
                    if match.end() == len(run) and index + 1 < len(items):
                        # "g(?:ood|reat) news": the word goes on inside the next group
                        tails = _leading_words(items[index + 1 :], True, depth + 1, joined=True)
                        words = {match.group(0) + tail for tail in tails} if tails else words
                    if min(len(w) for w in words) >= 2:
                        candidates.append(words)
            at_start = not _is_word_char(run[-1])
        elif op in (consts.SUBPATTERN, consts.BRANCH) or (
            op in (consts.MAX_REPEAT, consts.MIN_REPEAT) and arg[0] >= 1
        ):
            leading = _leading_words([items[index]], at_start, depth + 1)
            if leading:
                candidates.append(leading)
            at_start = False
        elif op in (consts.MAX_REPEAT, consts.MIN_REPEAT):
            # an optional part: still at a word start after it if both ways through end so
            at_start = at_start and _ends_with_separator(list(arg[2].data))
        else:
            at_start = op is consts.IN and all(
                kind is consts.LITERAL and not _is_word_char(chr(value)) for kind, value in arg
            )
        index += 1
    if not candidates:
        return None
    return max(
        candidates,
        key=lambda words: (
            not any(word.lower() in _COMMON_WORDS for word in words),
            min(len(word) for word in words),
            -len(words),
        ),
    )


def _ends_with_separator(items: list) -> bool:
    """Whether every way through `items` ends with a space or other non-word literal."""
    if not items:
        return False
    op, arg = items[-1]
    consts = sre_constants
    if op is consts.LITERAL:
        return not _is_word_char(chr(arg))
    if op is consts.SUBPATTERN:
        return _ends_with_separator(list(arg[3].data))
    if op is consts.BRANCH:
        return all(_ends_with_separator(list(branch.data)) for branch in arg[1])
    if op in (consts.MAX_REPEAT, consts.MIN_REPEAT):
        return _ends_with_separator(list(arg[2].data)) and (
            arg[0] >= 1 or _ends_with_separator(items[:-1])
        )
    return False


def _leading_words(
    items: list, at_start: bool, depth: int, joined: bool = False
) -> set[str] | None:
    """Words one of which starts every match of `items`, or None if that cannot be shown.

    `joined`: the caller's word continues here, so a separator ends it ("" tail).
    """
    consts = sre_constants
    if depth > 10:
        return None
    index = 0
    while index < len(items):
        op, arg = items[index]
        rest = items[index + 1 :]
        if op is consts.AT:
            if joined:
                return {""}
            at_start = True
        elif op is consts.LITERAL:
            char = chr(arg)
            if not _is_word_char(char):
                if joined:
                    return {""}
                at_start = True
            else:
                if not at_start:
                    return None
                word = ""
                while index < len(items) and items[index][0] is consts.LITERAL:
                    char = chr(items[index][1])
                    if not _is_word_char(char):
                        break
                    word += char
                    index += 1
                if index < len(items) and items[index][0] is not consts.LITERAL:
                    tails = _leading_words(items[index:], True, depth + 1, joined=True)
                    if tails:
                        return {word + tail for tail in tails}
                return {word} if len(word) >= 2 or joined else None
        elif op is consts.BRANCH:
            found: set[str] = set()
            for branch in arg[1]:
                sub = _leading_words(list(branch.data) + rest, at_start, depth + 1, joined)
                if sub is None:
                    return None
                found |= sub
            return found
        elif op is consts.SUBPATTERN:
            return _leading_words(list(arg[3].data) + rest, at_start, depth + 1, joined)
        elif op in (consts.MAX_REPEAT, consts.MIN_REPEAT):
            inner = _leading_words(list(arg[2].data) + rest, at_start, depth + 1, joined)
            if inner is None:
                return None
            if arg[0] == 0:
                skipped = _leading_words(rest, at_start, depth + 1, joined)
                return None if skipped is None else inner | skipped
            return inner
        else:
            return {""} if joined else None
        index += 1
    return {""} if joined else None


@dataclass
class _Sentences:
    text: str
    starts: list[int]
    ends: list[int]
    asks: list[bool]
    conditional: list[bool]
    where: dict[str, set[int]]  # word prefix -> sentences holding it, for the regex gates
    vetoed: list[set[str]] = field(default_factory=list)

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
                )
            )
    return tuple(compiled)


_VETO_LABELS = tuple(label for label, patterns in rules.SENTENCE_VETOES.items() for _ in patterns)


@lru_cache(maxsize=1)
def _vetoes() -> _PatternSet:
    return _PatternSet(
        (pattern, _MATCH_FLAGS)
        for patterns in rules.SENTENCE_VETOES.values()
        for pattern in patterns
    )


@lru_cache(maxsize=1)
def _request_frames() -> _PatternSet:
    return _PatternSet((pattern, _MATCH_FLAGS) for pattern in rules.REQUEST_FRAMES)


@lru_cache(maxsize=1)
def _builtin_pattern_set() -> _PatternSet:
    return _PatternSet((cue.pattern, cue.flags) for cue in _builtin_cues())


@lru_cache(maxsize=1)
def _dampers() -> tuple[tuple[re.Pattern[str], rules.Damper], ...]:
    return tuple((re.compile(d.pattern, _MATCH_FLAGS), d) for d in rules.MESSAGE_DAMPERS)


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
            _PatternSet((cue.pattern, cue.flags) for cue in self._cues)
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

        text = strip_quoted_text(mail.text or "")[:MAX_CLASSIFY_CHARS].translate(_FOLD)
        lowered = text.lower()
        if len(lowered) != len(text):  # a rare letter that lower-cases to two: read it lowered
            text = lowered
        sentences = _split(text, lowered, _gate_keys(self._patterns, _request_frames(), _vetoes()))
        hits = self._text_hits(sentences, lowered)
        hits.extend(self._header_hits(mail.automation))
        hits.extend(self._subject_hits(mail.subject))
        scores = _scores(hits)
        notes = _apply_dampers(lowered, scores)
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
                    hits.append(Hit(cue.label, phrase, cue.weight, cue.rule, cue.what))
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
                hits.append(Hit("auto_reply", f"{name}: {value}", weight, "header"))
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
    if cue.ask and not sentences.asks[index]:
        return False
    return not (cue.negatable and _negated(sentences, index, match.start(), cue.ask))


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
    sentences = _Sentences(text, starts, ends, [], [], _word_index(lowered, starts, ends, keys))
    # Polite closings ("let me know if you have any questions") ask for nothing.
    closings = [
        _clause_around(text, m.start(), m.end()) for m in _NOT_A_REQUEST_RE.finditer(lowered)
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
    words = _WORD_RE.findall(clause)[-rules.NEGATION_WINDOW :]
    window = " ".join(words)
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


def _apply_dampers(text: str, scores: dict[str, float]) -> list[str]:
    notes = []
    for regex, damper in _dampers():
        if damper.when_present and scores[damper.when_present] < rules.PRESENT:
            continue
        match = regex.search(text)
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


# --- dates -------------------------------------------------------------------

_MONTHS = {
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6,
    "juli": 7, "oktober": 10, "dezember": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
    # Dutch
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
    "sonntag": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
    "dimanche": 6,
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4,
    "sábado": 5, "sabado": 5, "domingo": 6,
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5,
    "zondag": 6,
}  # fmt: skip
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY_ALT = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a couple of": 2, "a few": 3,
}  # fmt: skip
_NUMBER_ALT = r"\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))

_DATE_RE = re.compile(
    rf"(?P<iso>\b\d{{4}}-\d{{2}}-\d{{2}}\b)"
    rf"|\b(?P<m1>{_MONTH_ALT})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+|of\s+)?(?P<m2>{_MONTH_ALT})\b\.?"
    rf"(?:,?\s+(?:de\s+)?(?P<y2>\d{{4}}))?"
    rf"|\bthe\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)\b"
    rf"|\b(?P<wd>{_WEEKDAY_ALT})\b\.?"
    rf"|(?P<tomorrow>\b(?:tomorrow|morgen|demain|mañana)\b)"
    rf"|(?P<early_next>\bearly next week|\bbeginning of next week|\banfang nächster woche|"
    rf"\bdébut de (?:la )?semaine prochaine|\bprincipios de la (?:próxima )?semana|"
    rf"\bbegin volgende week)"
    rf"|(?P<next_week>\b(?:end of |later )?next week|\b(?:ende )?nächster? woche|"
    rf"\b(?:fin de (?:la )?)?semaine prochaine|\bsemana que viene|\bpróxima semana|"
    rf"\bvolgende week)"
    rf"|(?P<this_week>\bend of (?:the|this) week|\bthis week|\bende (?:der|dieser) woche|"
    rf"\bfin de (?:la |cette )?semaine|\besta semana|\b(?:eind van )?deze week)"
    rf"|(?P<month_end>\bend of (?:the |this )?month|\bende des monats|\bfin du mois|"
    rf"\bfinales de mes|\beind van de maand)"
    rf"|\b(?:within|in|over)\s+(?:the\s+)?(?:next\s+)?(?:(?P<n1>{_NUMBER_ALT})\s*[-–]\s*)?"
    rf"(?P<n2>{_NUMBER_ALT})\s+(?P<unit>(?:business |working )?days?|weeks?)\b"
    rf"|(?P<week_or_two>\b(?:a|one) week or two|\b(?:one|1) or (?:two|2) weeks)",
    _FLAGS,
)
_DECISION_CONTEXT_RE = re.compile(
    r"\b(?:decision|decide|decided|update|news|answer|feedback|outcome|clarity|hear|know|"
    r"get back|come back|circle back|follow up|reach out|in touch|wrap|final call|"
    r"entscheidung|rückmeldung|melden|décision|retour|reviendr\w*|decisión|respuesta|"
    r"besluit|beslissing|uitsluitsel|laten weten)",
    _FLAGS,
)
_BACK_RE = re.compile(
    r"\b(?:back|return|returning|returns|zurück|wieder da|retour|regreso|de vuelta|terug)\b",
    _FLAGS,
)
_UNTIL_RE = re.compile(
    r"\b(?:until|till|through|thru|bis|jusqu'(?:au|à)|hasta|tot en met|t/m|tot)\b", _FLAGS
)


def find_decision_date(text: str, reference: datetime | None) -> date | None:
    """When the company expects to decide or update, from the sentences that say so."""
    if reference is None:
        return None
    for sentence in _SENTENCE_END_RE.split(text):
        if sentence and _DECISION_CONTEXT_RE.search(sentence):
            found = _first_date(sentence, reference.date())
            if found:
                return found
    return None


def find_return_date(text: str, reference: datetime | None) -> date | None:
    """The first day an out-of-office sender is back ("back on X": X; "until X": next workday)."""
    if reference is None:
        return None
    today = reference.date()
    for regex, shift in ((_BACK_RE, 0), (_UNTIL_RE, 1)):
        for match in regex.finditer(text):
            found = _first_date(text[match.end() : match.end() + 60], today)
            if found:
                if shift:
                    found = _next_workday(found)
                return found
    return None


def _next_workday(day: date) -> date:
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _first_date(sentence: str, today: date) -> date | None:
    """The most specific date in the sentence: a calendar date, then a weekday, then relative."""
    matches = list(_DATE_RE.finditer(sentence))
    for match in matches:
        absolute = _absolute(match, today)
        if absolute:
            return absolute
    for match in matches:
        if match.group("wd"):
            wanted = _WEEKDAYS[match.group("wd").lower()]
            return today + timedelta(days=(wanted - today.weekday() - 1) % 7 + 1)
    for match in matches:
        relative = _relative(match, today)
        if relative:
            return relative
    return None


def _absolute(match: re.Match[str], today: date) -> date | None:
    if match.group("iso"):
        try:
            return date.fromisoformat(match.group("iso"))
        except ValueError:
            return None
    month_name = match.group("m1") or match.group("m2")
    day_text = match.group("d1") or match.group("d2")
    if month_name and day_text:
        month = _MONTHS[month_name.lower()]
        year_text = match.group("y1") or match.group("y2")
        return _calendar_date(int(year_text) if year_text else None, month, int(day_text), today)
    if match.group("d3"):
        day = int(match.group("d3"))
        year, month = today.year, today.month
        if day < today.day:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return _calendar_date(year, month, day, today)
    return None


def _calendar_date(year: int | None, month: int, day: int, today: date) -> date | None:
    if not 1 <= day <= 31:
        return None
    guess_year = year if year is not None else today.year
    try:
        found = date(guess_year, month, day)
    except ValueError:
        return None
    if year is None and found < today - timedelta(days=60):
        try:
            found = date(guess_year + 1, month, day)  # "January 6" written in December
        except ValueError:
            return None
    return found


def _relative(match: re.Match[str], today: date) -> date | None:
    friday = today + timedelta(days=(4 - today.weekday()) % 7)
    if match.group("tomorrow"):
        return today + timedelta(days=1)
    if match.group("early_next"):
        return friday + timedelta(days=4)  # Tuesday of next week
    if match.group("next_week"):
        return friday + timedelta(days=7)
    if match.group("this_week"):
        return friday
    if match.group("month_end"):
        return today.replace(day=calendar.monthrange(today.year, today.month)[1])
    if match.group("week_or_two"):
        return today + timedelta(days=14)
    if match.group("n2"):
        amount = _number(match.group("n2"))
        unit = match.group("unit").lower()
        if unit.startswith("week"):
            return today + timedelta(weeks=amount)
        if "business" in unit or "working" in unit:
            return today + timedelta(days=amount * 7 // 5 + (1 if amount % 5 else 0))
        return today + timedelta(days=amount)
    return None


def _number(text: str) -> int:
    text = text.lower()
    return int(text) if text.isdigit() else _NUMBER_WORDS.get(text, 1)
