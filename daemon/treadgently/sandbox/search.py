"""The subset of Gmail's ``q`` search language that treadgently uses.

Operators: ``from:``, ``to:`` (also Cc/Bcc), ``subject:``, ``after:``/``before:``
(epoch seconds or YYYY/MM/DD, midnight Pacific time as Gmail reads it),
``newer_than:``/``older_than:`` (Nd, Nm, Ny), ``in:``/``label:``, ``filename:``,
``has:attachment``, ``is:unread|read|starred|important``; plain words and
"quoted phrases" over subject, addresses and body (whole words, any case);
``OR`` and ``{a b}``; parentheses; ``-`` negation; and an implicit AND
between terms.  ``OR`` binds tighter than the implicit AND, as in Gmail.
An operator may take a group: ``from:(a OR b)``, ``subject:"two words"``.

A query compiles once into a predicate over the stored index, so a search
over 10,000 messages never touches raw MIME.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from treadgently.sandbox.index import word_string
from treadgently.sandbox.mailbox import StoredMessage

Predicate = Callable[[StoredMessage], bool]

OPERATORS = frozenset(
    {
        "from",
        "to",
        "cc",
        "bcc",
        "subject",
        "after",
        "before",
        "newer_than",
        "older_than",
        "in",
        "label",
        "filename",
        "has",
        "is",
    }
)
IN_LABELS = {
    "inbox": "INBOX",
    "sent": "SENT",
    "drafts": "DRAFT",
    "draft": "DRAFT",
    "spam": "SPAM",
    "trash": "TRASH",
    "starred": "STARRED",
    "important": "IMPORTANT",
    "chats": "CHAT",
}
_AGE = re.compile(r"(\d+)([dmy])")
_AGE_DAYS = {"d": 1, "m": 31, "y": 365}
_DATE = re.compile(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})")


def _pacific() -> tzinfo:
    try:
        return ZoneInfo("America/Los_Angeles")
    except ZoneInfoNotFoundError:
        return timezone(timedelta(hours=-8))


@dataclass(frozen=True)
class SearchContext:
    user_email: str
    now: datetime
    label_id: Callable[[str], str | None]  # label name or id -> id, None if unknown


@dataclass(frozen=True)
class Query:
    predicate: Predicate
    mentions_spam_trash: bool  # Gmail includes SPAM/TRASH only when the query asks for them


# ---- tokens ----------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    kind: str  # ( ) { } NOT OR WORD OP
    text: str = ""
    quoted: bool = False


def tokenize(query: str) -> list[Token]:
    found: list[Token] = []
    i, n = 0, len(query)
    while i < n:
        char = query[i]
        if char.isspace():
            i += 1
        elif char in "(){}":
            found.append(Token(char))
            i += 1
        elif char == "-" and i + 1 < n and not query[i + 1].isspace():
            found.append(Token("NOT"))
            i += 1
        elif char == '"':
            end = query.find('"', i + 1)
            end = n if end < 0 else end
            found.append(Token("WORD", query[i + 1 : end], quoted=True))
            i = end + 1
        else:
            end = i
            while end < n and not query[end].isspace() and query[end] not in '(){}"':
                end += 1
            found.extend(_word_tokens(query[i:end]))
            i = end
    return found


def _word_tokens(word: str) -> list[Token]:
    if word in {"OR", "|"}:
        return [Token("OR")]
    if word == "AND":
        return []
    name, colon, value = word.partition(":")
    if colon and name.lower() in OPERATORS:
        return [Token("OP", name.lower())] + ([Token("WORD", value)] if value else [])
    return [Token("WORD", word)]


# ---- parser ----------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    kind: str  # and | or | not | term | all
    children: tuple[Node, ...] = ()
    field: str | None = None
    value: str = ""


ALL = Node("all")


class _Parser:
    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.position = 0

    def peek(self) -> Token | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def sequence(self, field: str | None, closer: str | None) -> Node:
        items: list[Node] = []
        while (token := self.peek()) is not None and token.kind != closer:
            if token.kind in {")", "}", "OR"}:
                self.take()  # stray closer or dangling OR: Gmail ignores it too
                continue
            items.append(self.alternatives(field))
        if closer and self.peek() is not None:
            self.take()
        return _combine("and", items)

    def alternatives(self, field: str | None) -> Node:
        items = [self.unary(field)]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            following = self.peek()
            if following is None or following.kind in {")", "}", "OR"}:
                break
            items.append(self.unary(field))
        return _combine("or", items)

    def unary(self, field: str | None) -> Node:
        token = self.peek()
        if token is not None and token.kind == "NOT":
            self.take()
            if self.peek() is None:
                return ALL
            return Node("not", (self.unary(field),))
        return self.atom(field)

    def atom(self, field: str | None) -> Node:
        token = self.take()
        if token.kind == "(":
            return self.sequence(field, ")")
        if token.kind == "{":
            items: list[Node] = []
            while (inner := self.peek()) is not None and inner.kind != "}":
                if inner.kind in {")", "OR"}:
                    self.take()
                    continue
                items.append(self.unary(field))
            if self.peek() is not None:
                self.take()
            return _combine("or", items)
        if token.kind == "OP":
            following = self.peek()
            if following is None or following.kind in {")", "}", "OR"}:
                return ALL
            return self.unary(token.text)
        return Node("term", field=field, value=token.text)


def _combine(kind: str, items: list[Node]) -> Node:
    if not items:
        return ALL
    return items[0] if len(items) == 1 else Node(kind, tuple(items))


def parse(query: str) -> Node:
    return _Parser(tokenize(query)).sequence(None, None)


# ---- compiling to a predicate ----------------------------------------------


def compile_query(query: str, context: SearchContext) -> Query:
    tree = parse(query)
    return Query(_compile(tree, context), _mentions_spam_trash(tree))


def _mentions_spam_trash(node: Node) -> bool:
    if node.kind == "term" and node.field in {"in", "label"}:
        return node.value.lower() in {"spam", "trash", "anywhere"}
    return any(_mentions_spam_trash(child) for child in node.children)


def _compile(node: Node, context: SearchContext) -> Predicate:
    if node.kind == "all":
        return lambda message: True
    if node.kind == "not":
        inner = _compile(node.children[0], context)
        return lambda message: not inner(message)
    if node.kind in {"and", "or"}:
        parts = [_compile(child, context) for child in node.children]
        combine = all if node.kind == "and" else any
        return lambda message: combine(part(message) for part in parts)
    return _term(node.field, node.value, context)


def _phrase(value: str) -> Predicate:
    wanted = word_string(value)
    if not wanted.strip():
        return lambda message: True
    return lambda message: wanted in message.index.words


def _address(value: str, context: SearchContext, attribute: str) -> Predicate:
    wanted = value.strip().lower()
    if wanted == "me":
        wanted = context.user_email.lower()
    if not wanted:
        return lambda message: True
    return lambda message: wanted in getattr(message.index, attribute)


def _term(field: str | None, value: str, context: SearchContext) -> Predicate:
    if field is None:
        return _phrase(value)
    if field == "from":
        return _address(value, context, "from_text")
    if field in {"to", "cc", "bcc"}:
        return _address(value, context, "to_text")
    if field == "subject":
        wanted = word_string(value)
        return lambda message: wanted in message.index.subject_words
    if field in {"after", "before", "newer_than", "older_than"}:
        return _time_term(field, value, context)
    if field in {"in", "label"}:
        return _label_term(value, context)
    if field == "filename":
        wanted = value.strip().lower()
        # Gmail matches a whole name, an extension or a word of the name, not any substring
        # ("filename:ics" finds invite.ics, not analytics.pdf).
        return lambda message: any(
            name == wanted or name.endswith("." + wanted) or wanted in re.split(r"[^\w]+", name)
            for name in message.index.filenames
        )
    if field == "has":
        if value.lower() == "attachment":
            return lambda message: bool(message.index.filenames)
        return lambda message: False
    if field == "is":
        label = {"unread": "UNREAD", "starred": "STARRED", "important": "IMPORTANT"}.get(
            value.lower()
        )
        if value.lower() == "read":
            return lambda message: "UNREAD" not in message.label_ids
        return lambda message: label is not None and label in message.label_ids
    return _phrase(f"{field} {value}")


def _label_term(value: str, context: SearchContext) -> Predicate:
    name = value.strip().lower()
    if name == "anywhere":
        return lambda message: True
    label = IN_LABELS.get(name) or context.label_id(value.strip())
    if label is None:
        return lambda message: False
    return lambda message: label in message.label_ids


def _time_term(field: str, value: str, context: SearchContext) -> Predicate:
    bound_ms = _bound_ms(field, value.strip(), context.now)
    if bound_ms is None:
        return lambda message: False
    if field in {"after", "newer_than"}:
        return lambda message: message.internal_date >= bound_ms
    return lambda message: message.internal_date < bound_ms


def _bound_ms(field: str, value: str, now: datetime) -> int | None:
    if field in {"newer_than", "older_than"}:
        match = _AGE.fullmatch(value.lower())
        if not match:
            return None
        days = int(match[1]) * _AGE_DAYS[match[2]]
        return int((now - timedelta(days=days)).timestamp() * 1000)
    if value.isdigit():
        return int(value) * 1000
    match = _DATE.fullmatch(value)
    if not match:
        return None
    try:
        moment = datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=_pacific())
    except ValueError:
        return None
    return int(moment.astimezone(UTC).timestamp() * 1000)
