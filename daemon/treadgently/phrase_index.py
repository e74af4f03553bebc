"""Many regexes behind one word index, so a message runs only the regexes its words allow.

Running a few hundred cue regexes over every message is the classifier's
whole cost; a set lookup that proves a regex cannot match is far cheaper.
Each regex gets a *gate*: word prefixes one of which every match must
contain, read from the regex's own parse tree.  Gates are an optimisation
only: a regex whose gate cannot be proven always runs, and the results are
the same with gates switched off (a test pins that).
"""

from __future__ import annotations

import re
import re._constants as sre_constants  # for the literal gate only; see gate_literals
import re._parser as sre_parser
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Protocol


class SentenceIndex(Protocol):
    """What a pattern set needs from a split text: gate words per sentence and their spans."""

    where: dict[str, set[int]]

    def spans(self, scope: list[int] | None) -> list[tuple[int, int]]: ...


class PatternSet:
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
                gate = gate_literals(branch)
                self._gates.append(gate)
                if gate is None:
                    self._always.append(slot)
                else:
                    for key in gate:
                        self._by_key.setdefault(key, []).append(slot)

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(self._by_key)

    @property
    def ungated(self) -> list[str]:
        """The regexes that run over every message, because no gate word could be proven."""
        return [self._regexes[slot][0].pattern for slot in self._always]

    def candidates(self, where: Mapping[str, set[int]]) -> list[tuple[int, list[int] | None]]:
        """(slot, sentences worth scanning, or None for all) for every regex that may match."""
        scopes: dict[int, set[int]] = {}
        by_key = self._by_key
        for key in where.keys() & by_key.keys():
            sentences = where[key]
            for slot in by_key[key]:
                scope = scopes.get(slot)
                if scope is None:
                    scopes[slot] = set(sentences)
                else:
                    scope |= sentences
        found: list[tuple[int, list[int] | None]] = [(slot, None) for slot in self._always]
        found.extend((slot, sorted(scope)) for slot, scope in scopes.items())
        found.sort(key=_slot_of)
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

    def all_matches(
        self, sentences: SentenceIndex, text: str
    ) -> Iterator[tuple[int, re.Match[str]]]:
        for slot, scope in self.candidates(sentences.where):
            number = self._owner[slot]
            for match in self.matches(slot, text, sentences.spans(scope)):
                yield number, match


def _slot_of(candidate: tuple[int, list[int] | None]) -> int:
    return candidate[0]


def _at_boundary(text: str, pos: int) -> bool:
    """What `\\b` tests: a word character on exactly one side of `pos`."""
    before = pos > 0 and _is_word_char(text[pos - 1])
    after = pos < len(text) and _is_word_char(text[pos])
    return before != after


def _top_level_branches(pattern: str) -> list[str]:
    """The pattern's alternatives, with a leading group's alternatives spread out.

    ``\\b(?:in ferie|fuori ufficio)\\b`` becomes ``\\b(?:in ferie)\\b`` and
    ``\\b(?:fuori ufficio)\\b``: the same matches, but each alternative gets its own
    gate ("ferie" rather than the common "in"), so it runs only where it can match.
    """
    branches = []
    for branch in _split_alternatives(pattern):
        if branch.startswith(_GROUP_START):
            close = _group_end(branch, _GROUP_START.index("("))
            inner = _split_alternatives(branch[len(_GROUP_START) : close])
            suffix = branch[close + 1 :]
            if close > 0 and len(inner) > 1 and len(_split_raw(suffix)) == 1:
                branches.extend(f"{_GROUP_START}{alternative}){suffix}" for alternative in inner)
                continue
        branches.append(branch)
    return branches


_GROUP_START = "\\b(?:"


def _group_end(pattern: str, open_index: int) -> int:
    """Index of the ")" closing the group opened at `open_index`, or -1."""
    depth, index, in_class = 0, open_index, False
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
            if depth == 0:
                return index
        index += 1
    return -1


def _split_alternatives(pattern: str) -> list[str]:
    branches = _split_raw(pattern)
    return branches if all(branches) else [pattern]


def _split_raw(pattern: str) -> list[str]:
    """The pattern cut at its top-level "|" (empty alternatives included)."""
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
    return branches


def word_index(
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
def gate_keys(*pattern_sets: PatternSet) -> frozenset[str]:
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


def gate_literals(pattern: str) -> frozenset[str] | None:
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
