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
"""

from __future__ import annotations

import re
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
# "2014-10-17 11:28 GMT+03:00 Bob <bob@example.com>:" and the Japanese/Chinese forms.
_DATED_ADDRESS_HEADER_RE = re.compile(r"^\W{0,3}\d.{0,200}[@<(].{0,200}[>)]\s*:\s*$")

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
    r"wiadomość|wiadomosc|сообщение|пересылаемое|reply|mail"
)
_DASH_SEPARATOR_RE = re.compile(
    rf"^\s*[-=_*]{{2,}}\s?[^-=_*]{{0,40}}?\b(?:{_SEPARATOR_WORDS})\b[^-=_*]{{0,40}}[-=_*]{{2,}}\s*$",
    re.IGNORECASE,
)
_RULE_LINE_RE = re.compile(r"^\s*(?:_{8,}|-{8,}|={8,})\s*$")
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
    r"[\w .,'’&()-]{1,50}$",
    re.IGNORECASE,
)
_SIGNOFF_RE = re.compile(
    r"^\s*(?:best|best regards|best wishes|kind regards|kindest regards|warm regards|"
    r"warmest regards|warm wishes|regards|many thanks|thanks|thank you|thanks again|"
    r"thanks so much|thank you again|cheers|sincerely|yours sincerely|sincerely yours|"
    r"yours truly|yours|all the best|all best|talk soon|take care|with appreciation|"
    r"respectfully|cordially|with thanks|with best regards|best of luck|"
    r"mit freundlichen grüßen|mit freundlichen grüssen|freundliche grüße|freundliche grüsse|"
    r"viele grüße|viele grüsse|beste grüße|beste grüsse|liebe grüße|herzliche grüße|"
    r"gruß|grüße|grüsse|lg|mfg|cordialement|bien cordialement|bien à vous|salutations|"
    r"sincères salutations|meilleures salutations|bien amicalement|merci|merci beaucoup|"
    r"saludos|saludos cordiales|un saludo|atentamente|cordiales saludos|un cordial saludo|"
    r"gracias|muchas gracias|met vriendelijke groet|met vriendelijke groeten|"
    r"vriendelijke groet|vriendelijke groeten|groeten|hartelijke groet|"
    r"hartelijke groeten|groet|mvg|distinti saluti|cordiali saluti|saluti|"
    r"atenciosamente|abraços|med vänliga hälsningar|vänliga hälsningar|"
    r"med venlig hilsen|venlig hilsen|med vennlig hilsen|ystävällisin terveisin)"
    r"\s*[,.!:;]*(?:\s+[\w.'’-]+){0,3}\s*[,.!]*\s*$",
    re.IGNORECASE,
)
_PS_RE = re.compile(r"^\s*p\.?\s?s\b", re.IGNORECASE)
_CONTACT_RE = re.compile(
    r"(?:@|https?://|www\.|\+?\d[\d ().-]{6,}\d|\b(?:tel|phone|mobile|cell|fax|direct|"
    r"office|m|t|f|e|w)\s?[.:]|\|)",
    re.IGNORECASE,
)
_DISCLAIMER_STRONG_RE = re.compile(
    r"intended recipient|intended solely|intended only for|intended exclusively|"
    r"received this (?:e-?mail|message|communication|transmission) in error|"
    r"(?:is|are) strictly prohibited|confidentiality notice|legally privileged|"
    r"privileged and confidential|confidential and (?:may be )?privileged|disclaimer|"
    r"(?:does not|do not|shall not) constitute|(?:is|are) not an offer|"
    r"not (?:a|an) (?:offer|contract|guarantee) of employment|"
    r"originated (?:from )?outside (?:of )?(?:the|your|our)|external (?:e-?mail|sender)|"
    r"do not click (?:on )?(?:any )?links|unless you recognize the sender|"
    r"think before you print|consider the environment before printing|"
    r"registered in england|registered office|company registration|registered number|"
    r"sitz der gesellschaft|amtsgericht|handelsregister|registergericht|geschäftsführ|"
    r"ust-id|vertraulich|nicht der richtige adressat|irrtümlich erhalten|"
    r"siège social|destinataire|confidentiel|message et (?:toutes )?(?:les |ses )?pièces jointes|"
    r"confidencial|destinatario|aviso legal|"
    r"vertrouwelijk|uitsluitend bestemd|kamer van koophandel|"
    r"unsubscribe|you are receiving this|manage (?:your )?(?:email )?preferences|"
    r"update your preferences|this (?:e-?mail|message) was sent (?:to|by|from)",
    re.IGNORECASE,
)
_DISCLAIMER_WEAK_RE = re.compile(
    r"\b(?:confidential|privileged|recipient|prohibited|notify the sender|delete|"
    r"disclos\w*|copying|distribution|dissemination|liability|liable|viruses|"
    r"attachments?|addressee|unauthori[sz]ed)\b",
    re.IGNORECASE,
)
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


def strip_quoted_text(text: str) -> str:
    """The newly written part of a reply: no quoted history, signature or footers."""
    if not text:
        return ""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n", MAX_LINES)[:MAX_LINES]
    lines = [line.rstrip() for line in lines]
    lines = _drop_top_banner(lines)
    lines = lines[: _quote_start(lines)]
    lines = _drop_quoted_lines(lines)
    lines = _drop_signature(lines)
    lines = _drop_footers(lines)
    result = "\n".join(lines).strip()
    return _BLANK_RUN_RE.sub("\n\n", result)


def visible_text(mail: ParsedMail) -> str:
    """What the sender of `mail` wrote themselves: the text the classifier should read."""
    return strip_quoted_text(mail.text)


# --- quoted history --------------------------------------------------------


def _is_quoted(line: str) -> bool:
    return line.lstrip().startswith(">")


def _quote_start(lines: list[str]) -> int:
    """Index of the first line of quoted history (len(lines) if there is none)."""
    seen_text = False
    for index, raw_line in enumerate(lines):
        line = raw_line[:MAX_LINE_CHARS].strip()
        if not line:
            continue
        if _is_quoted(line):
            continue
        stripped = line.strip("*_ ")
        if (
            _DASH_SEPARATOR_RE.match(line)
            or _FORWARD_INTRO_RE.match(stripped)
            or (_RULE_LINE_RE.match(line) and _header_block_follows(lines, index + 1))
            or (_FROM_LINE_RE.match(line) and _header_block_follows(lines, index + 1))
        ):
            return index
        if seen_text and (_SIGNATURE_DELIMITER_RE.match(line) or _MOBILE_RE.match(line)):
            return index
        if line.endswith(":") or line.endswith(": "):
            start = _attribution_start(lines, index)
            if start is not None and not _is_inline_reply(lines, index + 1):
                return start
        seen_text = True
    return len(lines)


def _header_block_follows(lines: list[str], start: int) -> bool:
    """True when one of the next few lines is a mail header such as "Sent:" or "To:"."""
    checked = 0
    for raw_line in lines[start : start + 8]:
        line = raw_line[:MAX_LINE_CHARS].strip()
        if not line:
            continue
        if _OTHER_LINE_RE.match(line) or _FROM_LINE_RE.match(line):
            return True
        checked += 1
        if checked >= 3:
            return False
    return False


def _attribution_start(lines: list[str], end: int) -> int | None:
    """Where an "On <date>, <name> wrote:" header ending at line `end` starts, if it is one."""
    first = max(0, end - MAX_HEADER_WINDOW + 1)
    for start in range(first, end + 1):
        window = [line[:MAX_LINE_CHARS].strip() for line in lines[start : end + 1]]
        if not all(window) or any(_is_quoted(line) for line in window):
            continue
        if start < end and any(_SENTENCE_END_RE.search(line) for line in window[:-1]):
            continue
        joined = " ".join(window)
        if len(joined) > 2 * MAX_LINE_CHARS:
            continue
        opener = bool(_OPENER_RE.match(joined))
        if start < end and not opener:
            continue
        if _WROTE_RE.search(joined) and (opener or _has_date_or_address(joined)):
            return start
        if _DATED_ADDRESS_HEADER_RE.match(joined):
            return start
    return None


def _has_date_or_address(text: str) -> bool:
    return "@" in text or any(char.isdigit() for char in text)


def _is_inline_reply(lines: list[str], start: int) -> bool:
    """True when the lines after an attribution interleave `>` quotes with new answers."""
    seen_quote = False
    for raw_line in lines[start : start + 200]:
        line = raw_line.strip()
        if not line:
            continue
        if _is_quoted(line):
            seen_quote = True
        elif not seen_quote:
            return False  # the quote is not marked with ">": everything below is history
        elif _SIGNATURE_DELIMITER_RE.match(line) or _MOBILE_RE.match(line):
            return False
        elif len(_WORD_RE.findall(line)) >= 2:
            return True
    return False


def _drop_quoted_lines(lines: list[str]) -> list[str]:
    """Remove `>` lines and the attribution lines that introduce them."""
    kept: list[str] = []
    for index, line in enumerate(lines):
        if _is_quoted(line):
            continue
        stripped = line[:MAX_LINE_CHARS].strip()
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


def _drop_signature(lines: list[str]) -> list[str]:
    """Remove sign-off blocks ("Best regards," then name, title, phone) but keep later prose."""
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index][:MAX_LINE_CHARS]
        if kept and _SIGNOFF_RE.match(line):
            index += 1
            removed = 0
            while index < len(lines) and removed < MAX_SIGNATURE_LINES:
                if lines[index].strip() and _is_prose(lines[index][:MAX_LINE_CHARS]):
                    break
                index += 1
                removed += 1
            continue
        kept.append(lines[index])
        index += 1
    return kept


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
    if _DISCLAIMER_STRONG_RE.search(text) or _BANNER_RE.match(text):
        return True
    return len(_DISCLAIMER_WEAK_RE.findall(text)) >= 3
