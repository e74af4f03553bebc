"""Readable plain text from an HTML mail body, with quotes marked for the stripper.

A small linear tokenizer instead of `html.parser`: the stdlib parser rescans
unfinished markup from every "<", which makes hostile input such as 250,000
"<" characters take minutes. Quoted history in HTML lives in `<blockquote>`,
Gmail's `gmail_quote` container or after Outlook's reply separator; we keep its
text but prefix it with "> " so that `quotes.strip_quoted_text` can remove it
the same way it removes quoting in plain-text mail.
"""

from __future__ import annotations

import html as html_lib
import logging
import re
from collections.abc import Iterator

log = logging.getLogger(__name__)

MAX_HTML_CHARS = 128 * 1024  # the new text is at the top; the tail is quoted history

_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
        "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
        "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "caption",
    }
)  # fmt: skip
_PARAGRAPH_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol", "pre"}
)
_SKIP_TAGS = frozenset({"head", "title", "template", "noscript", "object"})
# Elements whose content is raw text up to their end tag, never markup.
_RAW_TEXT_TAGS = frozenset({"script", "style", "title", "textarea", "xmp"})
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:._-]{0,40})([^<>]{0,4000})>")
_ATTR_RE = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]{0,60})\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)""")
_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip
_QUOTE_CLASSES = ("gmail_quote", "yahoo_quoted", "moz-cite-prefix", "protonmail_quote")
_QUOTE_IDS = (
    "divrplyfwdmsg",
    "olk_src_body_section",
    "appendonsend",
    "mail-editor-reference-message-container",
)
_SPACES_RE = re.compile(r"[ \t\r\n\f\u00a0\u200b\u200c\u200d\ufeff]+")
_BLANK_LINES_RE = re.compile(r"\n{3,}")
_MAX_DEPTH = 200
_MAX_QUOTE_MARKS = 10


class _TextBuilder:
    """Collects text as lines, remembering how deeply quoted each line is."""

    def __init__(self) -> None:
        self.lines: list[tuple[int, str]] = []
        self._line: list[str] = []
        self._line_has_text = False  # kept as a flag: joining the line per write is quadratic
        self._line_depth = 0
        self._skip = 0
        self._pre = 0
        # One entry per open quote: how many elements were open when it started.
        self._quote_stack: list[int] = []
        self._quoted_rest = False  # after an Outlook reply separator, everything is quoted
        self._lists: list[list[int]] = []  # per open list: [is_ordered, counter]
        self._open: list[tuple[str, int]] = []  # open elements: (tag, newlines at its end)

    # --- structure ---
    @property
    def _depth(self) -> int:
        return len(self._quote_stack) + (1 if self._quoted_rest else 0)

    def _flush(self) -> None:
        text = "".join(self._line).strip()
        if text:
            self.lines.append((self._line_depth, text))
        self._line = []
        self._line_has_text = False
        self._line_depth = self._depth

    def _break(self, newlines: int) -> None:
        """End the current line and leave `newlines - 1` blank lines after it."""
        self._flush()
        if not self.lines:
            return
        blanks = 0
        for _depth, text in reversed(self.lines):
            if text:
                break
            blanks += 1
        for _ in range(newlines - 1 - blanks):
            self.lines.append((0, ""))

    def _line_break(self) -> None:
        """`<br>`: ends the line, or makes a blank line when the line is empty."""
        if self._line_has_text:
            self._flush()
        elif self.lines and (len(self.lines) < 2 or self.lines[-2][1]):
            self.lines.append((0, ""))

    def _write(self, text: str) -> None:
        if not self._line_has_text and text.strip():
            self._line_depth = self._depth
            self._line_has_text = True
        self._line.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._skip = 0  # an unclosed <head> ends where the body starts
        if tag in _SKIP_TAGS:
            if tag not in _VOID_TAGS:
                self._skip += 1
            return
        if self._skip:
            return
        attr = {key: (value or "") for key, value in attrs}
        marker = f"{attr.get('class', '')} {attr.get('id', '')}".lower()
        if tag not in _VOID_TAGS and len(self._open) < _MAX_DEPTH:
            self._open.append((tag, _block_newlines(tag, marker)))
        if any(name in marker for name in _QUOTE_IDS):
            self._break(1)
            self._quoted_rest = True
        if tag == "br":
            self._line_break()
        elif tag == "hr":
            self._break(1)
            self._write("________________________________")
            self._break(1)
        elif tag in _BLOCK_TAGS:
            self._break(_block_newlines(tag, marker))
        if tag == "blockquote" or (tag == "div" and any(c in marker for c in _QUOTE_CLASSES)):
            self._quote_stack.append(len(self._open))
            self._line_depth = self._depth
        elif tag in ("ul", "ol"):
            self._lists.append([tag == "ol", 0])
        elif tag == "li":
            if self._lists and self._lists[-1][0]:
                self._lists[-1][1] += 1
                self._write(f"{self._lists[-1][1]}. ")
            else:
                self._write("- ")
        elif tag == "pre":
            self._pre += 1
        elif tag in ("td", "th"):
            self._write(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            if tag not in _VOID_TAGS and self._skip:
                self._skip -= 1
            return
        if self._skip:
            return
        newlines = 0
        if any(name == tag for name, _ in self._open):
            while self._open:
                name, newlines = self._open.pop()
                if name == tag:
                    break
        elif tag in _BLOCK_TAGS:
            newlines = _block_newlines(tag, "")
        if newlines:
            self._break(newlines)
        while self._quote_stack and len(self._open) < self._quote_stack[-1]:
            self._quote_stack.pop()  # the element that opened this quote has closed
            self._line_depth = self._depth
        if tag in ("ul", "ol") and self._lists:
            self._lists.pop()
        elif tag == "pre" and self._pre:
            self._pre -= 1

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._pre:
            for index, piece in enumerate(data.split("\n")):
                if index:
                    self._line_break()
                self._write(piece)
            return
        text = _SPACES_RE.sub(" ", data)
        if text.strip() or (self._line and not self._line[-1].endswith(" ")):
            self._write(text)

    def text(self) -> str:
        self._flush()
        out = []
        for depth, text in self.lines:
            line = text.strip()
            out.append(("> " * min(depth, _MAX_QUOTE_MARKS) + line) if line and depth else line)
        return _BLANK_LINES_RE.sub("\n\n", "\n".join(out)).strip("\n")


def _block_newlines(tag: str, marker: str) -> int:
    """Paragraph-like blocks get a blank line after them; Word's zero-margin paragraphs do not."""
    if tag not in _BLOCK_TAGS:
        return 0
    if tag in _PARAGRAPH_TAGS and "msonormal" not in marker:
        return 2
    return 1


def html_to_text(html: str) -> str:
    """Plain text of `html`: entities decoded, blocks on their own lines, quotes marked."""
    builder = _TextBuilder()
    for kind, tag, value in _tokens(html[:MAX_HTML_CHARS]):
        if kind == "text":
            builder.handle_data(value)
        elif kind == "start":
            builder.handle_starttag(tag, _attributes(value))
        else:
            builder.handle_endtag(tag)
    return builder.text()


def _tokens(html: str) -> Iterator[tuple[str, str, str]]:
    """("text", "", text) / ("start", tag, attributes) / ("end", tag, ""), in one pass.

    Every step moves forward and each pattern stops at the next "<" or ">", so
    the work is linear in the input, whatever the markup looks like.
    """
    lowered = html.lower()
    pos = 0
    end = len(html)
    while pos < end:
        lt = html.find("<", pos)
        if lt < 0:
            yield "text", "", html_lib.unescape(html[pos:])
            return
        if lt > pos:
            yield "text", "", html_lib.unescape(html[pos:lt])
        if html.startswith("<!--", lt):
            close = html.find("-->", lt + 4)
            pos = end if close < 0 else close + 3
            continue
        if html.startswith(("<!", "<?"), lt):
            close = html.find(">", lt)
            pos = end if close < 0 else close + 1
            continue
        found = _TAG_RE.match(html, lt)
        if found is None:
            yield "text", "", "<"
            pos = lt + 1
            continue
        closing, tag, attributes = found.groups()
        tag = tag.lower()
        pos = found.end()
        if closing:
            yield "end", tag, ""
            continue
        yield "start", tag, attributes
        if tag in _RAW_TEXT_TAGS and not attributes.rstrip().endswith("/"):
            close = lowered.find(f"</{tag}", pos)
            pos = end if close < 0 else close  # the end tag itself is the next token


def _attributes(text: str) -> list[tuple[str, str | None]]:
    return [
        (name.lower(), html_lib.unescape(value.strip("\"'")))
        for name, value in _ATTR_RE.findall(text[:2000])
    ]
