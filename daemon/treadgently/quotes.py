"""Keep only what the company newly wrote: drop quoted history, signatures, footers.

Replies quote the candidate's own email, which is full of the words the
classifier looks for ("interview", "references", "offer"), so the classifier
must only see the new text. This is a line scanner, not a grammar: each line
is checked against a few anchored, backtracking-free patterns, and only the
first `MAX_LINES` lines are examined, so the cost is linear and bounded
whatever the input.

Order of work: find where the quoted history starts and cut there; drop
remaining `>` lines (inline replies keep their answers); drop sign-off
blocks, signatures and legal or "external email" banners.

A forward is not history: when a recruiter forwards the hiring manager's
note, that note is the company speaking.  A header block below the new text
is cut only when its author may be the candidate; it is kept (headers
dropped, body read on) when it is an explicit forward from someone known not
to be the candidate, or an internal note (From and To at the same domain,
neither the candidate).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from treadgently.mail import ParsedMail

MAX_LINES = 1000  # lines examined; the new text of a reply is at the top
MAX_LINE_CHARS = 400  # characters of a line that patterns look at
MAX_HEADER_WINDOW = 3  # a "wrote:" header may be wrapped over this many lines
MAX_SIGNATURE_LINES = 12

_WROTE = (
    r"wrote|writes|schrieb|a\s+écrit|a\s+ecrit|escribió|escribio|schreef|ha\s+scritto|"
    r"escreveu|skrev|skriver|napisał(?:\(a\))?|napisała|kirjoitti|написал(?:\(а\))?|"
    r"написала|yazdı|írta|scrisse|έγραψε|napsal(?:\(a\))?|rašė|rakstīja|kirjutas|"
    r"написа|a\s+scris|pisze|geschreven|enviou|écrivait"
)
# Openers of attribution lines in the languages we meet ("On ... wrote:").
_OPENER_RE = re.compile(
    r"^(?:on|am|le|el|op|il|em|den|på|w\s+dniu|dne|el\s+día|a\s+las|in|op\s+\w+|"
    r"le\s+\w+|el\s+\w+)\b",
    re.IGNORECASE,
)
_WROTE_RE = re.compile(rf"(?:^|[\s,)\]>\"'])(?:{_WROTE})\b[^:]{{0,80}}:\s*$", re.IGNORECASE)
# Cheap pre-check before the regexes: how a line ending in a "wrote" verb ends.
_WROTE_ENDINGS = (
    "wrote", "writes", "schrieb", "écrit", "ecrit", "escribió", "escribio", "schreef",
    "scritto", "escreveu", "skrev", "skriver", "napisał", "napisał(a)", "napisała", "kirjoitti",
    "написал", "написал(а)", "написала", "yazdı", "írta", "scrisse", "έγραψε", "napsal",
    "napsal(a)", "rašė", "rakstīja", "kirjutas", "написа", "scris", "pisze", "geschreven",
    "enviou", "écrivait",
)  # fmt: skip
# "On Wed, 14 Nov 2018 ... John <john@example.com> wrote" with the colon missing.
_WROTE_END_RE = re.compile(rf"(?:^|[\s,)\]>\"'])(?:{_WROTE})\s*$", re.IGNORECASE)

_FROM_LABELS = (
    r"from|von|de|van|da|fra|från|od|lähettäjä|от|差出人|发件人|寄件者|보낸\s*사람|"
    r"mittente|afzender|expéditeur|remitente|absender|nadawca"
)
_OTHER_LABELS = (
    r"sent|date|to|cc|bcc|subject|reply-to|gesendet|datum|an|betreff|kopie|envoyé|"
    r"envoye|à|a|objet|enviado|fecha|para|asunto|cc|verzonden|verstuurd|aan|onderwerp|"
    r"inviato|oggetto|data|assunto|sendt|til|emne|skickat|till|ämne|ämne|lähetetty|"
    r"vastaanottaja|aihe|отправлено|кому|тема|дата|送信日時|宛先|件名|日付|发送时间|收件人|"
    r"主题|wysłano|do|temat|odesláno|komu|předmět|gönderildi|kime|konu"
)
_HEADER_LINE_TEMPLATE = r"^[*_\s]{{0,3}}(?:{labels})\s?[*_]{{0,2}}\s?:[*_]{{0,2}}(?:\s|$)"
_FROM_LINE_RE = re.compile(_HEADER_LINE_TEMPLATE.format(labels=_FROM_LABELS), re.IGNORECASE)
_OTHER_LINE_RE = re.compile(_HEADER_LINE_TEMPLATE.format(labels=_OTHER_LABELS), re.IGNORECASE)

_SEPARATOR_WORDS = (
    r"original|message|forward|forwarded|nachricht|weitergeleitet|mensaje|reenviado|"
    r"origine|transféré|transfere|bericht|doorgestuurd|messaggio|inoltrato|mensagem|"
    r"encaminhada|meddelande|vidarebefordrat|besked|videresendt|viesti|välitetty|"
    r"wiadomość|wiadomosc|сообщение|пересылаемое|reply|mail|meddelelse|besked|melding|"
    r"oorspronkelijk|origineel|originale|oryginalna|alkuperäinen"
)
_DASH_SEPARATOR_RE = re.compile(
    rf"^\s*[-=_*]{{2,}}\s?[^-=_*]{{0,40}}?\b(?:{_SEPARATOR_WORDS})\b[^-=_*]{{0,40}}[-=_*]{{2,}}\s*$",
    re.IGNORECASE,
)
_DASH_PHRASE_RE = re.compile(r"^\s*[-=_*]{2,}\s?[^-=_*]{1,60}[-=_*]{2,}\s*$")
_RULE_LINE_RE = re.compile(r"^\s*(?:_{8,}|-{8,}|={8,})\s*$")
_FORWARD_WORD_RE = re.compile(
    r"\b(?:forward(?:ed)?|weitergeleitet\w*|transféré|transfere|reenviado|doorgestuurd|"
    r"inoltrato|encaminhada|vidarebefordrat|videresendt|välitetty|пересылаемое)\b",
    re.IGNORECASE,
)
_TO_LINE_RE = re.compile(
    _HEADER_LINE_TEMPLATE.format(labels=r"to|an|à|a|para|aan|til|till|kime|komu|кому|do|cc"),
    re.IGNORECASE,
)
_NAME_WORD_RE = re.compile(r"[^\W\d_]{3,}")
_FORWARD_INTRO_RE = re.compile(
    r"^\s*(?:begin forwarded message|anfang der weitergeleiteten (?:nachricht|e-mail)|"
    r"début du message (?:réexpédié|transféré)|inicio del mensaje reenviado|"
    r"begin doorgestuurd bericht|forwarded message)\s*:?\s*$",
    re.IGNORECASE,
)
_SIGNATURE_DELIMITER_RE = re.compile(r"^(?:--|—|-- ?)\s*$")
_MOBILE_RE = re.compile(
    r"^\s*(?:sent from (?:my )?|sent with |sent via |get outlook for |envoyé de (?:mon )?|"
    r"envoyé depuis (?:mon )?|von meinem |gesendet von (?:meinem )?|enviado desde (?:mi )?|"
    r"enviado do (?:meu )?|verzonden (?:vanaf|met) (?:mijn )?|verstuurd vanaf (?:mijn )?|"
    r"inviato da(?:l)? (?:mio )?|skickat från (?:min )?|sendt fra (?:min )?)"
    r"[\w'’&()-]{1,20}(?:[ ,]{1,2}[\w'’&()-]{1,20}){0,5}(?:<[^<>\s]{1,200}>)?$",
    re.IGNORECASE,
)
# Closing phrases that start a signature block, in the languages we meet.
_SIGN_OFFS = (
    "best", "best regards", "best wishes", "kind regards", "kindest regards", "warm regards",
    "warmest regards", "warm wishes", "regards", "many thanks", "thanks", "thank you",
    "thanks again", "thanks so much", "thank you again", "thanks in advance",
    "thank you in advance", "cheers", "sincerely", "yours sincerely", "sincerely yours",
    "yours truly", "yours", "all the best", "all best", "talk soon", "take care",
    "with appreciation", "respectfully", "cordially", "with thanks", "with best regards",
    "best of luck", "warmly", "mit freundlichen grüßen", "mit freundlichen grüssen",
    "freundliche grüße", "freundliche grüsse", "viele grüße", "viele grüsse", "beste grüße",
    "beste grüsse", "liebe grüße", "herzliche grüße", "gruß", "grüße", "grüsse", "lg", "mfg",
    "danke", "vielen dank", "danke im voraus", "cordialement", "bien cordialement",
    "bien à vous", "salutations", "sincères salutations", "meilleures salutations",
    "bien amicalement", "merci", "merci beaucoup", "merci d'avance", "saludos",
    "saludos cordiales", "un saludo", "atentamente", "cordiales saludos", "un cordial saludo",
    "gracias", "muchas gracias", "gracias de antemano", "met vriendelijke groet",
    "met vriendelijke groeten", "vriendelijke groet", "vriendelijke groeten", "groeten",
    "hartelijke groet", "hartelijke groeten", "groet", "mvg", "alvast bedankt",
    "distinti saluti", "cordiali saluti", "saluti", "atenciosamente", "abraços",
    "med vänliga hälsningar", "vänliga hälsningar", "med venlig hilsen", "venlig hilsen",
    "med vennlig hilsen", "ystävällisin terveisin", "pozdrawiam", "z poważaniem",
    "z powazaniem", "serdecznie pozdrawiam", "mvh", "hilsen", "kind regards",
)  # fmt: skip
_SIGNOFF_RE = re.compile(
    r"^\s*(?:"
    + "|".join(re.escape(phrase) for phrase in sorted(_SIGN_OFFS, key=len, reverse=True))
    + r")\b[\s,.!:;]*(?P<rest>.{0,60})$",
    re.IGNORECASE,
)
_SIGNOFF_WORD_RE = re.compile(
    r"\b(?:regards|wishes|best|thanks|thank you|cheers|warmly|warmest|sincerely|"
    r"grüße|grüßen|grüsse|groet|groeten|saludos|cordialement|salutations|hilsen|"
    r"hälsningar|saluti|abraços|respectfully|appreciation)\b",
    re.IGNORECASE,
)
_NAME_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "da", "del", "della", "la", "le", "di", "du", "bin",
     "al", "el", "y", "e", "ten", "ter", "zu", "st."}
)  # fmt: skip
_BULLET_RE = re.compile(r"^(?:[-*•–—·]\s|\d{1,2}[.)]\s)")
_PS_RE = re.compile(r"^\s*p\.?\s?s\b", re.IGNORECASE)
_CONTACT_RE = re.compile(
    r"(?:@|https?://|www\.|\+?\d[\d ().-]{6,}\d|\b(?:tel|phone|mobile|cell|fax|direct|"
    r"office|m|t|f|e|w)\s?[.:]|\|)",
    re.IGNORECASE,
)
# Phrases that mark a paragraph as a legal footer, banner or mailing footer.
# Plain substrings of the lower-cased paragraph: much cheaper than one big regex.
_DISCLAIMER_PHRASES = (
    "intended recipient", "intended solely", "intended only for", "intended exclusively",
    "received this in error", "received this email in error",
    "received this e-mail in error", "received this message in error",
    "received this communication in error", "received this transmission in error",
    "received it in error", "strictly prohibited", "confidentiality notice", "legally privileged",
    "privileged and confidential", "confidential and privileged",
    "confidential and may be privileged", "disclaimer", "does not constitute",
    "do not constitute", "shall not constitute", "constitutes an offer", "constitute an offer",
    "nothing in this email", "nothing in this e-mail", "nothing in this message",
    "email and any attachments", "e-mail and any attachments", "message and any attachments",
    "is not an offer of", "is not an offer to", "not an offer of",
    "not a contract of", "not a guarantee of employment", "originated outside",
    "originated from outside", "external email", "external e-mail", "external sender",
    "do not click", "unless you recogni", "think before you print",
    "before printing this", "registered in england", "registered office",
    "company registration", "registered number", "sitz der gesellschaft", "amtsgericht",
    "handelsregister", "registergericht", "geschäftsführer:", "geschäftsführung:",
    "ust-id", "vertrauliche informationen", "nicht der richtige adressat",
    "irrtümlich erhalten", "siège social", "destinataire", "confidentiel",
    "pièces jointes sont", "confidencial", "destinatario", "aviso legal",
    "vertrouwelijk", "uitsluitend bestemd", "kamer van koophandel", "unsubscribe",
    "you are receiving this", "email preferences", "update your preferences",
    "this email was sent to", "this e-mail was sent to", "this message was sent to",
    "mailing list", "mailman/listinfo", "scanned for viruses", "been scanned",
    "virus scanned",
)  # fmt: skip
_DISCLAIMER_WORDS = (
    "confidential", "privileged", "recipient", "prohibited", "notify", "delete",
    "disclos", "copying", "distribution", "dissemination", "liabil", "liable", "virus",
    "addressee", "unauthori", "vertraulich", "empfänger", "destinataire", "attachments",
)  # fmt: skip
_TOKEN_RE = re.compile(r"[\w'-]+")
_PHRASES_BY_FIRST_WORD: dict[str, tuple[str, ...]] = {}
for _phrase in _DISCLAIMER_PHRASES:
    _first = _TOKEN_RE.findall(_phrase)[0]
    _PHRASES_BY_FIRST_WORD[_first] = (*_PHRASES_BY_FIRST_WORD.get(_first, ()), _phrase)
_BANNER_RE = re.compile(
    r"^\s*[\[(*]*\s*(?:caution|external|warning|attention|notice|\[external\]|extern)\b"
    r".{0,300}(?:outside|external|extern|phishing|suspicious|unknown sender|"
    r"recognize the sender|do not click)",
    re.IGNORECASE,
)
_EXTERNAL_TAG_RE = re.compile(
    r"^\s*[\[(*]*\s*(?:external(?: email| sender| message)?|extern|caution|external e-mail)"
    r"\s*[\])*:!]*\s*$",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"[.?!]\s*$")
_WORD_RE = re.compile(r"\S+")
_BLANK_RUN_RE = re.compile(r"\n{3,}")


def strip_quoted_text(text: str, *, candidate: Iterable[str] = ()) -> str:
    """The newly written part of a reply: no quoted history, signature or footers.

    `candidate` holds the candidate's addresses and names, when known: a
    forwarded block they wrote is history, one someone else wrote is kept.
    """
    if not text:
        return ""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n", MAX_LINES)[:MAX_LINES]
    lines = [line.rstrip() for line in lines]
    lines = _drop_top_banner(lines)
    who = frozenset(item.strip().lower() for item in candidate if len(item.strip()) >= 3)
    first, end, forwarded_headers = _history_bounds(lines, who)
    for low, high in reversed(forwarded_headers):
        del lines[low:high]
        end -= high - low
    lines = lines[first:end]
    lines = _drop_quoted_lines(lines)
    lines = _drop_footers(lines)
    lines = _drop_signature(lines)
    result = "\n".join(lines).strip()
    return _BLANK_RUN_RE.sub("\n\n", result)


def visible_text(mail: ParsedMail, own_email: str | None = None) -> str:
    """What the sender of `mail` wrote themselves: the text the classifier should read."""
    return strip_quoted_text(mail.text, candidate=candidate_identity(mail, own_email))


def candidate_identity(mail: ParsedMail, own_email: str | None = None) -> tuple[str, ...]:
    """Addresses and names that stand for the candidate in a company's message to them.

    The configured address when there is one, with its recipient's name;
    otherwise the recipients the message went to, leaving out the sender's
    colleagues (same domain).  An address's local part ("jordan.ellery")
    counts as a name.
    """
    own = own_email.strip().lower() if own_email else ""
    found = [own, own.partition("@")[0]]
    sender_domain = mail.sender.email.rpartition("@")[2] if mail.sender else ""
    for address in mail.to:
        if own and address.email != own:
            continue  # with the address configured, other recipients are someone else
        if not own and address.email.rpartition("@")[2] == sender_domain:
            continue  # a colleague of the sender
        found.extend((address.email, address.email.partition("@")[0], address.name))
    return tuple(item for item in found if item)


# --- quoted history --------------------------------------------------------


def _is_quoted(line: str) -> bool:
    return line.lstrip().startswith(">")


def _history_bounds(
    lines: list[str], candidate: frozenset[str]
) -> tuple[int, int, list[tuple[int, int]]]:
    """(first, end, headers): the new text is lines[first:end] less the `headers` ranges.

    A header block with nothing above it is the message's own (a forward, or a
    body saved with its headers), not history below a reply: it is skipped.
    So is the header of a block forwarded from someone other than the
    candidate (`_is_company_forward`); its body is read as new text.
    """
    first = 0
    seen_text = False
    skip_to = 0
    forwarded: list[tuple[int, int]] = []
    for index, raw_line in enumerate(lines):
        if index < max(first, skip_to):
            continue
        line = raw_line[:MAX_LINE_CHARS].strip()
        if not line or _is_quoted(line):
            continue
        if _opens_header_block(lines, index, line):
            block_end = _end_of_block(lines, index)
            if not seen_text:
                first = block_end
            elif _is_company_forward(lines[index:block_end], candidate):
                forwarded.append((index, block_end))
                skip_to = block_end
            else:
                return first, index, forwarded
            continue
        if seen_text and _is_signature_start(line):
            return first, index, forwarded
        core = line.strip("-=* ")
        if core.endswith(":") or core[-12:].lower().endswith(_WROTE_ENDINGS):
            start = _attribution_start(lines, index)
            if start is not None and not _is_inline_reply(lines, index + 1, seen_text):
                return first, start, forwarded
        seen_text = True
    return first, len(lines), forwarded


def _is_company_forward(block: list[str], candidate: frozenset[str]) -> bool:
    """Whether a header block below the new text opens a note the company forwarded.

    Only when we know who the candidate is (without that, any block may be
    their quoted mail).  A block the candidate wrote or received, by address
    or by any word of their name, is history; so is one that names no author.
    Otherwise it is a forward: marked as one ("Forwarded message", "Begin
    forwarded message"), or a note between two other people (an Outlook
    "Original Message" with its To: line), which only a forward puts in a
    message to the candidate.
    """
    if not candidate:
        return False
    author = ""
    recipients: list[str] = []
    unknown = 0  # lines that are no mail client's header: raw headers of a bounce, say
    for raw_line in block[1:]:
        line = raw_line[:MAX_LINE_CHARS].strip()
        if not author and _FROM_LINE_RE.match(line):
            author = line.split(":", 1)[1].strip(" *_").lower()
        elif _TO_LINE_RE.match(line):
            recipients.append(line.split(":", 1)[1].lower())
        elif line and not _OTHER_LINE_RE.match(line):
            unknown += 1
    if _FROM_LINE_RE.match(block[0].strip()):
        author = block[0].strip().split(":", 1)[1].strip(" *_").lower()
    if unknown > 1:
        return False
    if not author or _names_candidate(" ".join((author, *recipients)), candidate):
        return False
    explicit = any(_FORWARD_WORD_RE.search(line[:MAX_LINE_CHARS]) for line in block[:3])
    return explicit or bool(recipients)


def _names_candidate(text: str, candidate: frozenset[str]) -> bool:
    """Whether header text names the candidate: one of their addresses, or a word of a name."""
    words = set(_NAME_WORD_RE.findall(text))
    for item in candidate:
        if "@" in item:
            if item in text:
                return True
        elif words.intersection(_NAME_WORD_RE.findall(item)):
            return True
    return False


def _opens_header_block(lines: list[str], index: int, line: str) -> bool:
    """ "-----Original Message-----", "Begin forwarded message:", or "From: ..." + "Sent: ...".

    Lookalikes in the new text must not cut it: "--- Details ---" then "Date: Tuesday"
    needs a From line below it, and "From: Monday" / "To: Friday" is not an address.
    """
    if line[0] in "-=_*":
        if _DASH_SEPARATOR_RE.match(line):
            return True
        if _DASH_PHRASE_RE.match(line) or _RULE_LINE_RE.match(line):
            return _header_labels_below(lines, index + 1)[1]
    if len(line) <= 60 and _FORWARD_INTRO_RE.match(line.strip("*_ ")):
        return True
    if ":" in line[:40] and _FROM_LINE_RE.match(line):
        value = line.split(":", 1)[1].strip(" *_")
        if not value or value[0].isdigit():
            return False
        labels = _header_labels_below(lines, index + 1)[0]
        return labels >= 2 or (labels >= 1 and any(mark in value for mark in "@<["))
    return False


def _is_signature_start(line: str) -> bool:
    """ "-- " or a mobile client's "Sent from my iPhone": the end of the new text."""
    if line[0] in "-—":
        return bool(_SIGNATURE_DELIMITER_RE.match(line))
    return len(line) <= 120 and bool(_MOBILE_RE.match(line))


def _end_of_block(lines: list[str], index: int) -> int:
    """The index after the header block starting at `index` (its first blank line)."""
    end = index + 1
    while end < len(lines) and end - index < 16:
        if not lines[end].strip() and end > index + 1:
            break
        end += 1
    return end


def _header_labels_below(lines: list[str], start: int) -> tuple[int, bool]:
    """How many of the next few lines are mail headers ("Sent:", "To:"), and is "From:" one."""
    labels = 0
    has_from = False
    seen = 0
    for raw_line in lines[start : start + 10]:
        line = raw_line[:MAX_LINE_CHARS].strip()
        if not line:
            if labels:
                break  # the block ended
            continue
        if _FROM_LINE_RE.match(line):
            labels += 1
            has_from = True
        elif _OTHER_LINE_RE.match(line):
            labels += 1
        elif not labels and seen >= 1:
            break
        seen += 1
        if seen >= 6:
            break
    return labels, has_from


def _attribution_start(lines: list[str], end: int) -> int | None:
    """Where an "On <date>, <name> wrote:" header ending at line `end` starts, if it is one."""
    first = max(0, end - MAX_HEADER_WINDOW + 1)
    for start in range(first, end + 1):
        window = [line[:MAX_LINE_CHARS].strip().strip("-=* ") for line in lines[start : end + 1]]
        if not all(window) or any(_is_quoted(line) for line in window):
            continue
        if start < end and any(_SENTENCE_END_RE.search(line) for line in window[:-1]):
            continue
        joined = " ".join(window)
        if len(joined) > 2 * MAX_LINE_CHARS:
            continue
        opener = bool(_OPENER_RE.match(joined))
        if start < end and not (opener or any(char.isdigit() for char in window[0])):
            continue
        if _WROTE_RE.search(joined) and (opener or _has_date_or_address(joined)):
            return start
        if opener and _WROTE_END_RE.search(joined) and _has_date_or_address(joined):
            return start
        if _is_dated_address_header(joined):
            return start
    return None


def _is_dated_address_header(text: str) -> bool:
    """ "2014-10-17 11:28 GMT+03:00 Bob <bob@example.com>:" and the Russian or Japanese forms."""
    tail = text.rstrip()
    return (
        tail.endswith((">:", "):"))
        and "@" in tail
        and len(tail) <= 300
        and any(char.isdigit() for char in tail[:80])
    )


def _has_date_or_address(text: str) -> bool:
    return "@" in text or any(char.isdigit() for char in text)


def _is_inline_reply(lines: list[str], start: int, text_above: bool) -> bool:
    """True when new answers sit below the `>` quote that follows an attribution.

    With nothing written above the attribution, any answer below it counts (a
    bottom post). With text above, answers must alternate with quotes (an inline
    reply); otherwise what trails the quote is more history or a footer.
    """
    seen_quote = False
    answered = False
    previous = ""
    for raw_line in lines[start : start + 200]:
        line = raw_line[:MAX_LINE_CHARS].strip()
        if _is_quoted(line):
            if answered:
                return True
            seen_quote = True
        elif not line or _is_lazy_continuation(previous, line):
            pass
        elif not seen_quote or _starts_history(line):
            return False  # unmarked history below the attribution
        elif not text_above:
            return True
        else:
            answered = True
        previous = line
    return False


def _starts_history(line: str) -> bool:
    """A line below a quote that opens more history rather than answering it."""
    return bool(
        _SIGNATURE_DELIMITER_RE.match(line)
        or _MOBILE_RE.match(line)
        or _FROM_LINE_RE.match(line)
        or _DASH_SEPARATOR_RE.match(line)
        or (line.endswith(":") and _WROTE_RE.search(line))
    )


def _is_lazy_continuation(previous: str, line: str) -> bool:
    """A quoted line that a client re-wrapped without repeating the ">" marker."""
    return _is_quoted(previous) and line[:1].islower()


def _drop_quoted_lines(lines: list[str]) -> list[str]:
    """Remove `>` lines, their re-wrapped tails and the attribution lines that introduce them."""
    kept: list[str] = []
    previous = ""
    for index, line in enumerate(lines):
        stripped = line[:MAX_LINE_CHARS].strip()
        if _is_quoted(stripped) or (stripped and _is_lazy_continuation(previous, stripped)):
            previous = stripped
            continue
        previous = stripped
        if stripped.endswith(":") and index + 1 < len(lines):
            following = next((nxt for nxt in lines[index + 1 : index + 4] if nxt.strip()), "")
            start = _attribution_start(lines, index) if _is_quoted(following) else None
            if start is not None:
                del kept[len(kept) - (index - start) :]  # the header's earlier lines
                continue
        kept.append(line)
    return kept


# --- banners, signatures, footers -----------------------------------------


def _drop_top_banner(lines: list[str]) -> list[str]:
    """Remove an "external email" warning placed above the reply."""
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines):
        return lines
    first = lines[index][:MAX_LINE_CHARS]
    if _EXTERNAL_TAG_RE.match(first):
        return lines[index + 1 :]
    end = index
    while end < len(lines) and lines[end].strip() and end - index < 6:
        end += 1
    paragraph = " ".join(line[:MAX_LINE_CHARS] for line in lines[index:end])
    if _BANNER_RE.match(paragraph):
        return lines[end:]
    return lines


def _is_prose(line: str) -> bool:
    """A sentence the author wrote, as opposed to a name, title or phone number."""
    if _PS_RE.match(line):
        return True
    words = len(_WORD_RE.findall(line))
    if _CONTACT_RE.search(line) and words <= 12:
        return False
    return words >= 12 or (words >= 5 and bool(_SENTENCE_END_RE.search(line)))


def _is_signature_line(line: str) -> bool:
    """A line that could sit in a signature block: name, title, company, phone, address."""
    stripped = line.strip()
    if not stripped:
        return True
    if len(stripped) > 100 or _BULLET_RE.match(stripped) or stripped.endswith((":", "?")):
        return False
    if stripped.endswith(".") and " " in stripped:
        word = stripped.rsplit(None, 1)[1][:-1]
        if not ("." in word or (len(word) <= 3 and word[:1].isupper())):
            return False  # "See you then." is a sentence; "Acme Inc." or "Ph.D." is not
    return not _is_prose(stripped)


def _is_sign_off(line: str) -> bool:
    stripped = line.strip()
    if len(stripped) > 60:
        return False
    found = _SIGNOFF_RE.match(stripped)
    if found:
        # "Best, Dana", "Cheers 🎉", "Viele Grüße aus Hamburg", "Thanks for your patience,"
        # but not a sentence such as "Thank you for your message." or "Thanks for that?".
        rest = found.group("rest").split()
        if rest and stripped.endswith("!"):
            return False
        return len(rest) <= 4 and not stripped.endswith((".", "?", ":", ";"))
    # "With warmest wishes," / "Wishing you all the best," : short, ends with a comma.
    return (
        stripped.endswith(",")
        and len(_WORD_RE.findall(stripped)) <= 6
        and bool(_SIGNOFF_WORD_RE.search(stripped))
    )


def _is_name_line(line: str) -> bool:
    """A bare name such as "Dana", "- Dana" or "Ravi Banerjee, Ph.D." closing a message."""
    stripped = line.strip().lstrip("-–—~ ").rstrip(",")
    if not stripped or len(stripped) > 40 or stripped.endswith(("!", "?", ":")):
        return False
    tokens = [token for token in stripped.replace(",", " ").split() if token[0] != "("]
    if not 1 <= len(tokens) <= 4:
        return False
    last = tokens[-1]
    if last.endswith(".") and not (len(last) <= 4 or "." in last[:-1]):
        return False  # a sentence, not an initial or "Jr." / "Ph.D."
    return tokens[0][0].isupper() and all(
        (token[0].isupper() and token.replace("-", "").replace("'", "").replace(".", "").isalpha())
        or token.lower() in _NAME_PARTICLES
        for token in tokens
    )


def _drop_signature(lines: list[str]) -> list[str]:
    """Remove sign-off blocks ("Best regards," then name, title, phone) but keep later prose."""
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index][:MAX_LINE_CHARS]
        if kept and _is_sign_off(line):
            index += 1
            removed = 0
            while index < len(lines) and removed < MAX_SIGNATURE_LINES:
                if not _is_signature_line(lines[index][:MAX_LINE_CHARS]):
                    break
                index += 1
                removed += 1
            continue
        kept.append(lines[index])
        index += 1
    return _drop_trailing_signature(kept)


def _drop_trailing_signature(lines: list[str]) -> list[str]:
    """Remove a closing block that starts with a bare name ("Dana", then title, company)."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    start = end
    signature_lines = 0
    while start > 0 and signature_lines < MAX_SIGNATURE_LINES:
        line = lines[start - 1][:MAX_LINE_CHARS]
        if not _is_signature_line(line):
            break
        signature_lines += bool(line.strip())
        start -= 1
    for index in range(start, end):
        line = lines[index][:MAX_LINE_CHARS]
        if index > 0 and (_is_name_line(line) or _RULE_LINE_RE.match(line)):
            return lines[:index]
    return lines


def _drop_footers(lines: list[str]) -> list[str]:
    """Remove paragraphs that are legal disclaimers, banners or mailing footers."""
    kept: list[str] = []
    paragraph: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            paragraph.append(line)
            continue
        if paragraph and not _is_footer(paragraph):
            kept.extend(paragraph)
        paragraph = []
        kept.append(line)
    return kept[:-1]


def _is_footer(paragraph: list[str]) -> bool:
    text = " ".join(line[:MAX_LINE_CHARS] for line in paragraph[:20])
    if _BANNER_RE.match(text):
        return True
    lowered = text.lower()
    words = set(_TOKEN_RE.findall(lowered))
    for word in words.intersection(_PHRASES_BY_FIRST_WORD):
        if any(phrase in lowered for phrase in _PHRASES_BY_FIRST_WORD[word]):
            return True
    return sum(1 for word in words if word.startswith(_DISCLAIMER_WORDS)) >= 3
