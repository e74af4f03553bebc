"""The reply classifier's knowledge, kept as data: cues, weights, negation and precedence.

`classify.py` is the engine; this module is what it knows.  A user extends it
from config (`[classifier]` extra phrases per label) without touching either.

How the data is read (all patterns are case-insensitive regular expressions,
matched against the company's new text after quotes and signatures are gone):

* `CUES[label]` are frames that are evidence for a label, each with a weight.
  A cue is written for the general frame ("decided to go with another
  candidate"), not for one sentence, so that new phrasings still match.
  `ask=True` cues count only in a sentence that asks the reader for something
  (`REQUEST_FRAMES`, a question mark, or a list under "please send:").
  `negatable=True` cues are dropped when a negator (`NEGATORS`) stands a few
  words before them in the same clause: "we won't be extending an offer".
* `SENTENCE_VETOES[label]`: when one matches a sentence, no cue of that label
  counts in that sentence ("nothing in this email constitutes an offer").
* `MESSAGE_DAMPERS`: a match anywhere scales whole labels down ("this is not
  a rejection" takes the teeth out of any rejection cue).
* `PRECEDENCE`: for mixed messages, the label the candidate must act on.
* `HEADER_EVIDENCE`: automation headers as evidence for `auto_reply`.

Weights: about 3 means "this alone settles it", 2 "strong", 1 "supporting",
below 1 "only counts together with others".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    """One frame of evidence for a label."""

    pattern: str
    weight: float
    what: str | None = None  # for info_requested: what is being asked for
    negatable: bool = True  # a negator just before the match cancels it
    ask: bool = False  # counts only in a sentence that asks something of the reader
    # auto_reply: says only that the mail is automated ("do not reply"), not that it is an
    # acknowledgement or an absence; such evidence yields to a real request or decision.
    automation: bool = False
    # rejected: regret or bad-news tone alone ("unfortunately"), which a delay or a
    # reschedule carries too; it yields when the message has another explanation.
    tone: bool = False
    # counts only as the opening of its sentence or list item: an imperative ("Send us...").
    leads: bool = False


@dataclass(frozen=True)
class Damper:
    """A message-level cue that scales the named labels' scores by `factor`."""

    pattern: str
    labels: tuple[str, ...]
    factor: float
    when_present: str | None = None  # apply only if this label has evidence of its own


# Weight of a phrase a user adds in config: strong, but not alone beyond doubt.
USER_PHRASE_WEIGHT = 2.5

# A label needs this score to count as present at all.
PRESENT = 1.5
# Below this confidence the answer is `other`: no draft beats a wrong draft.
MIN_CONFIDENCE = 0.5
# A label earlier in PRECEDENCE wins over the top scorer only if it has at least
# this score and this share of the top score (a stray weak cue must not take over).
PRECEDENCE_MIN = 2.0
PRECEDENCE_SHARE = 0.45
# auto_reply evidence at or above this wins whatever else the text talks about:
# an out-of-office that mentions interviews is still an out-of-office.
AUTO_REPLY_DOMINANT = 4.5
# Costly pairs (offer/next_round vs rejected): the winner needs this many times
# the opponent's score, otherwise the classifier abstains with `other`.
COSTLY_MARGIN = 2.0

# Mixed messages resolve to what the candidate must act on:
# * offer first: an offer that also asks for references or a signed form is an
#   offer (the reply to an offer covers the formalities);
# * next_round before requests: an interview invite that also asks for salary
#   expectations is about the interview ("before we schedule the final round,
#   send X" is vetoed for next_round, so X wins there);
# * a reference request beats other requests and beats a rejection for
#   something else, then a definite no beats any leftover request (a rejection
#   that links a feedback survey is a rejection);
# * still_interviewing only when nothing actionable is present.
# auto_reply is handled before precedence (AUTO_REPLY_DOMINANT); `other` last.
PRECEDENCE = (
    "offer",
    "next_round",
    "references_requested",
    "rejected",
    "info_requested",
    "still_interviewing",
    "auto_reply",
    "other",
)

# Labels that say what the message is about: automation and regret yield to them.
SUBSTANTIVE = (
    "offer",
    "next_round",
    "references_requested",
    "info_requested",
    "rejected",
    "still_interviewing",
)

# The costly confusions: never call one side the other without a clear margin.
COSTLY_PAIRS = (
    ("offer", "rejected"),
    ("next_round", "rejected"),
)

# Words that, a few words before a positive cue in the same clause, negate it
# (or make it hypothetical).  German/French/Spanish/Dutch included.
NEGATORS = (
    r"\b(?:not|no|never|n't|nor|neither|without|unable|cannot|can't|won't|wouldn't|"
    r"isn't|aren't|wasn't|weren't|don't|doesn't|didn't|haven't|hasn't|hadn't|"
    r"unlikely|if|whether|once|until|unless|before|"
    r"nicht|kein\w*|pas|jamais|sans|ningún|ninguna|nunca|niet|geen|nooit)\b"
)
# How many words before a cue a negator may stand.
NEGATION_WINDOW = 4
# Words that do not count towards that window, so that a real negator reaches
# through auxiliaries: "not going to be able to move you forward".
NEGATION_TRANSPARENT = frozenset(
    {"be", "been", "being", "able", "to", "going", "gonna", "quite", "yet", "really",
     "currently", "likely", "in", "a", "position", "actually", "possibly", "still", "now",
     "just", "ever", "then"}
)  # fmt: skip

# Chat and shorthand forms, read as the words they stand for before any cue runs,
# so that every frame written with "you" or "please" also covers "u" and "pls".
# Only unambiguous forms: "ref" alone (a ticket reference) or "r" are not here.
ABBREVIATIONS: dict[str, str] = {
    "u": "you", "ur": "your", "pls": "please", "plz": "please",
    "thx": "thanks", "thnx": "thanks", "lmk": "let me know", "refs": "references",
    "mgr": "manager", "mgmt": "management", "ppl": "people", "avail": "available",
    "tmrw": "tomorrow", "tmr": "tomorrow", "tmw": "tomorrow", "convo": "conversation",
    "docs": "documents", "sched": "schedule", "comp": "compensation", "wk": "week",
    "w/c": "week commencing",
    "asap": "as soon as possible",
}  # fmt: skip

# Frames that ask the reader to send, do or answer something.
REQUEST_FRAMES = (
    # English
    r"\b(?:could|can|would|will) you\b",
    r"\bplease\b",
    r"\bkindly\b",
    r"\b(?:we|i)(?:'d| would)? (?:need|require|ask(?: that)?|request|want)\b",
    r"\b(?:we|i)(?:'d| would) (?:like|love|appreciate|be grateful)\b",
    r"\b(?:we|i) (?:still )?need\b",
    r"\b(?:we|i)(?:'ll| will| shall)(?: also)? (?:need|require)\b",
    r"\b(?:send|share|forward|email|provide|submit|upload|complete|fill (?:out|in)|sign|"
    r"return|include|attach|confirm) (?:me|us|over|it|them|the|your|a|an|two|three|both|"
    r"this|these|those)\b",
    r"\blet (?:me|us) know\b",
    r"\b(?:are|would|will) you (?:be )?(?:able|willing|comfortable|happy|ok|okay|open)\b",
    r"\b(?:do|would) you (?:mind|have)\b",
    r"\b(?:it )?would (?:help|be great|be helpful|be ideal|be perfect)\b",
    r"\bone more (?:thing|request|question)\b",
    r"\bany objections?\b",
    r"\b(?:required|needed|necessary) (?:from you|to proceed|before)\b",
    r"\baction (?:required|needed)\b",
    r"\bjust send\b",
    r"\bjust need\b|\bwhat (?:we|i) (?:do |really |still |now |also )?need\b",
    r"\b(?:don't|do not|won't|will not) need (?:anything|much|more)(?: else)?(?: from you)? "
    r"(?:except|other than|apart from|but|beyond|besides)\b",
    r"\bneed (?:you|u) to\b",
    r"\b(?:asked|asks|asking) (?:me |us )?(?:for|whether|if|you)\b",
    r"\b(?:must|will need to|needs to|need to|has to|have to|should) be (?:received|submitted|"
    r"returned|provided|completed|signed|uploaded|sent|emailed)\b",
    r"\b(?:is|are) (?:also )?(?:required|needed|mandatory)\b",
    r"\b(?:cannot|can't|won't be able to) (?:proceed|progress|move forward|continue) "
    r"(?:until|without)\b",
    r"\b(?:would|'d) (?:love|like) to (?:see|read|review|look at|get|have|receive)\b",
    r"\bwhen you (?:get|have) a (?:chance|moment|minute|sec|second)\b",
    r"\b(?:is it|would it be) (?:ok|okay|alright|all right|fine) (?:if|for|to)\b",
    r"\b(?:would|is) it (?:be )?possible (?:to|for)\b",
    r"\b(?:who|what|which|when) (?:would|do|could) you (?:suggest|recommend|prefer)\b",
    # German
    r"\b(?:bitte|könnten sie|würden sie|können sie|senden sie|schicken sie|teilen sie|"
    r"kannst du|könntest du|würdest du|schick(?:e|st)? (?:mir|uns))\b",
    r"\b(?:benötigen|brauchen) (?:wir|ich)\b",
    r"\bwären (?:wir|ich) (?:ihnen )?dankbar\b",
    # French
    r"\b(?:pourriez-vous|pouvez-vous|auriez-vous|merci de|veuillez|"
    r"nous aurions besoin|aurais besoin|nous avons besoin|peux-tu|pourrais-tu|"
    r"est-ce que vous pourriez|je vous remercie de|vous serait-il possible)\b",
    # Spanish
    r"\b(?:podrías|podría|puedes|puede usted|por favor|necesitamos|necesitaríamos|"
    r"envíanos|envíenos|indícanos|nos gustaría que|te agradecería|le agradecería|"
    r"te agradeceríamos|le agradeceríamos|podrían|mándanos|compártenos)\b",
    # Dutch
    r"\b(?:kun je|kunt u|zou je|zou u|wil je|wilt u|graag|stuur|hebben we .{0,30}nodig|"
    r"zou(?:den)? (?:je|u) .{0,30}willen|mag ik|vragen (?:we|wij) (?:je|u))\b",
    # Italian
    r"\b(?:(?:ti|le|vi) (?:chiediamo|chiedo|preghiamo|prego) di|potresti|potrebbe|potreste|"
    r"per favore|puoi|può|gentilmente|ti invitiamo a|abbiamo bisogno)\b",
    # Portuguese
    r"\b(?:poderia|poderias|pode(?:ria)? nos|podes|por favor|pedimos que|solicitamos|"
    r"precisamos (?:de|que)|gostaríamos que|você poderia|voce poderia)\b",
)

# A sentence that is a polite closing, not a request ("let me know if you have
# any questions") does not count as asking anything.
NOT_A_REQUEST = (
    r"\b(?:if|should) you have (?:any )?(?:other |further |more )?questions?\b"
    r"|\bif (?:anything|something) (?:else )?comes up\b"
    r"|\bfeel free\b|\bdon't hesitate\b|\bdo not hesitate\b"
    r"|\bif there(?:'s| is) anything (?:else )?(?:i|we) can\b"
    r"|\bno (?:action|reply|response) (?:is )?(?:needed|required|necessary)\b"
    r"|\bno need to (?:reply|respond|do anything)\b"
)

_N = r"(?:two|three|four|one|\d(?:\s?(?:-|or|to)\s?\d)?|a few|a couple of|some|several|both)"
_ANY = r"(?:\w+[ -]){0,3}"  # up to three filler words
# What follows "offer you" when no job is being offered: an interview, feedback, advice.
_NOT_OFFERED = (
    r"(?! (?:a |an |another |one more |the |some )?(?:[\w'-]+ ){0,2}(?:interview|slot|call|"
    r"chat|meeting|conversation|onsite|place in the|feedback|advice|referral|support|"
    r"(?:chance|opportunity) to (?:apply|interview|meet|speak|chat|talk|interview)))"
)

CUES: dict[str, tuple[Cue, ...]] = {
    "still_interviewing": (
        Cue(r"\bno (?:final )?decisions?\b(?! (?:to|on whether))", 2.5, negatable=False),
        Cue(
            r"\b(?:haven't|have not|hasn't|has not|not) (?:yet )?(?:made|reached|come to|"
            r"finali[sz]ed|taken) (?:a|any|our|the|its|their) (?:final )?"
            r"(?:decisions?|call|choice)",
            2.5,
            negatable=False,
        ),
        Cue(
            r"(?:\bwon't|\bwill not|\bnot) be able to (?:get to|reach|make) (?:a|our) "
            r"(?:final )?decision",
            2.5,
            negatable=False,
        ),
        Cue(r"\b(?:a|one|two|few|couple of) weeks? (?:or two )?away from (?:a|our) decision", 2.5),
        Cue(
            r"\b(?:still|currently|continuing|now)(?: [\w'-]+){0,2} (?:interviewing|reviewing|"
            r"evaluating|considering|assessing|meeting|speaking|talking|finali[sz]ing|"
            r"wrapping up|collecting|gathering|working through|deciding|deliberating|"
            r"in (?:the )?(?:interview|selection|hiring|recruiting|review) process)",
            2.0,
        ),
        Cue(r"\b(?:under|in) (?:active )?(?:review|consideration|deliberation)\b", 1.5),
        Cue(
            r"\b(?:application|candidacy|profile|cv|resume|file)\b (?:is|remains) still "
            r"(?:under|in) (?:active )?(?:review|consideration)\b",
            1.5,
            negatable=False,
        ),
        Cue(
            r"\bstill (?:very much )?(?:in the running|in consideration|under consideration|"
            r"being considered|a (?:strong )?candidate|in the mix|in contention)",
            2.5,
            negatable=False,
        ),
        Cue(
            r"\b(?:keep|remain) (?:your )?candidacy (?:active|open)|candidacy (?:remains|is still)",
            2.0,
        ),
        Cue(r"\b(?:one|two|finalists?)\b.{0,20}\bfinalists?\b|\bfinalists?\b", 1.0),
        Cue(
            r"\b(?:timeline|process|decision|sign-?off|approval|hiring)(?: [\w'-]+){0,6} "
            r"(?:has |have )?(?:slipped|shifted|been (?:delayed|pushed|extended|moved))",
            2.0,
        ),
        Cue(r"\btaking (?:a bit |a little |much |a lot )?longer than", 2.0),
        Cue(
            r"\b(?:on hold|on pause|paused?|pausing|hiring freeze|frozen)\b(?! permanently)",
            2.0,
        ),
        Cue(
            r"\b(?:waiting|wait) (?:on|for) (?:[\w'-]+ ){0,4}(?:approval|sign-?off|feedback|"
            r"budget|headcount|confirmation|the (?:panel|team|committee|hiring manager))",
            2.0,
        ),
        Cue(
            r"\b(?:expect|hope|hoping|plan|aim|intend|should be able|will be able|hope to be able)"
            r"(?:s|ing)? to (?:have|make|reach|share|"
            r"give you|come to|wrap|finali[sz]e|get back|circle back|be in touch|update|"
            r"let you know|send)(?: [\w'-]+){0,4} (?:decision|update|news|answer|clarity|feedback|"
            r"call|things up|back to you|outcome)",
            2.0,
        ),
        Cue(
            r"\b(?:decision|outcome|update|answer|feedback|news)(?: [\w'-]+){0,3} "
            r"(?:by|within|early|next|later|in the coming|the week of|at the latest|after the "
            r"(?:final|last|remaining)|once (?:all|the|we))\b",
            1.2,
        ),
        Cue(
            r"\b(?:will|'ll|shall|going to) (?:be in touch|get back to you|follow up|"
            r"let you know|update you|keep you (?:posted|updated|informed)|reach out|"
            r"circle back|come back to you|call you|have (?:an )?(?:update|news|feedback))",
            0.8,
        ),
        Cue(
            r"\b(?:as soon as|once|when) (?:i|we) (?:have|hear|know|get)(?: [\w'-]+){0,2} "
            r"(?:more|anything|something|an update|news|a decision|feedback)",
            1.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:more|other|another|additional|remaining) (?:candidates?|interviews?)"
            r"(?: [\w'-]+){0,3} (?:this|next|coming|left|to (?:go|meet|interview))",
            1.2,
        ),
        Cue(
            r"\b(?:the )?(?:panel|committee|team|partners|hiring manager|board)(?: [\w'-]+){0,2} "
            r"(?:will |is |are |to )?(?:meet|meeting|debrief|debriefing|reconvene|compare notes)",
            1.0,
        ),
        Cue(r"\bnothing (?:has )?changed (?:on our side|in terms of your)", 1.5),
        Cue(r"\bnot there yet\b", 1.5),
        Cue(
            r"\b(?:is|are) (?:being|currently being|still being|now being) (?:reviewed|considered|"
            r"evaluated|assessed)",
            2.0,
        ),
        Cue(
            r"(?:\bcan't|\bcannot|\bunable to|\bwon't be able to) (?:finali[sz]e|decide|make a "
            r"decision|confirm|commit to|share) (?:anything|much|more|a decision)?(?: [\w'-]+){0,2}"
            r" ?(?:until|before|yet)\b",
            2.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:application|candidacy|profile)(?: [\w'-]+){0,2} (?:is|remains) (?:very much |"
            r"still )*(?:alive|active|open|in play|on the table|under consideration)",
            2.0,
        ),
        Cue(
            r"\b(?:search|process|recruitment|hiring|selection|interview process)(?: [\w'-]+){0,2} "
            r"(?:is |remains )?(?:still )?(?:ongoing|underway|in progress|continuing|still open)",
            2.0,
        ),
        Cue(
            r"\b(?:weeks?|days?|bit|while) (?:out|away) from (?:a|our|the|making a|any) "
            r"(?:final )?(?:decision|call|answer)",
            2.5,
        ),
        Cue(
            r"(?:\bhasn't|\bhaven't|\bhas not|\bhave not) (?:yet )?(?:had (?:a chance|time|the "
            r"chance)|been able|gotten|got|managed) to (?:review|decide|meet|look|finish|go through"
            r"|debrief|compare|discuss)",
            2.0,
            negatable=False,
        ),
        Cue(
            r"\bas soon as (?:there(?:'s| is)|i|we) (?:have |hear |know |get )?(?:any |some |"
            r"more )?"
            r"(?:movement|news|an update|more|anything|something|progress)",
            1.2,
        ),
        Cue(r"\b(?:we'll|i'll|we will|i will|should) know more\b", 1.5),
        Cue(
            r"\b(?:you )?remain(?:s)? (?:a strong candidate|in the running|in consideration|under "
            r"consideration|in contention|on our shortlist)",
            2.5,
        ),
        Cue(r"\bdecisions? (?:will|should) be (?:made|taken|final)", 1.5),
        Cue(
            r"(?:\bnot|n't) (?:have|got|heard|received) (?:any )?(?:news|an update|updates|a "
            r"decision|an answer|feedback)\b",
            2.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:committee|panel|team|hiring manager|partners|board) (?:hasn't|has not|haven't|"
            r"have not) (?:yet )?(?:met|decided|finished|debriefed|reviewed|signed off)",
            2.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:gathering|collecting|reviewing|consolidating|compiling|waiting on) "
            r"(?:[\w'-]+ ){0,3}(?:feedback|notes|input|scorecards|interview results)",
            1.5,
        ),
        Cue(
            r"\b(?:no|nothing) (?:new )?(?:news|update|to (?:share|report))(?: [\w'-]+){0,3} yet",
            2.0,
        ),
        # No decision yet, said around the edges: "haven't decided", "yet to decide",
        # "not able to share a decision yet", "this isn't a no", "not an offer yet".
        Cue(
            r"(?:\bhaven't|\bhave not|\bhasn't|\bhas not|\bnot) (?:yet |quite )?(?:decided|"
            r"made up (?:our|their|my|his|her) minds?|(?:selected|chosen|picked) (?:anyone|"
            r"anybody|a candidate))\b",
            2.5,
            negatable=False,
        ),
        Cue(
            r"\b(?:yet|still(?: have| need)?) to (?:decide|make (?:a|our|the|any) (?:final )?"
            r"(?:decision|call)|reach a decision|finali[sz]e|debrief|hear back|complete (?:the|our)"
            r" (?:interviews|process|review))\b",
            2.0,
            negatable=False,
        ),
        Cue(
            r"(?:\bnot|n't|\bunable) (?:yet |quite )?(?:be )?(?:able|in a position|ready) to "
            r"(?:share|give you|make|confirm|provide|communicate|announce) (?:a |an |any |our |the "
            r")?(?:final )?(?:decision|answer|outcome|verdict|update)\b",
            2.0,
            negatable=False,
        ),
        Cue(
            r"\bnot (?:an? )?(?:offer|decision|yes|no|final answer) (?:just |quite )?yet\b|"
            r"(?:\bis not|\bisn't|\bit's not|\bnot) (?:a |an )['\"]?(?:(?:hard|definite|final|"
            r"firm|flat) )?(?:no|rejection)\b(?![-\w])",
            2.0,
            negatable=False,
        ),
        Cue(
            r"\bin the (?:process|middle|midst|thick) of (?:[\w'-]+ ){0,2}(?:reviewing|evaluating|"
            r"interviewing|assessing|considering|meeting|speaking|finali[sz]ing|deciding|"
            r"interviews|reviews|the process|our process|the search|deliberations|making (?:a|our|"
            r"the|any) decision)",
            2.0,
        ),
        Cue(
            r"\b(?:decision|outcome|answer|verdict|final call|feedback)s?\s*(?:[:-]\s*|is |are |"
            r"should be |will be )?(?:now )?(?:expected|due|likely|targeted|planned|pencilled|"
            r"penciled|on track)",
            1.5,
        ),
        Cue(
            r"\b(?:debrief\w*|decision meeting|panel review|hiring committee|wrap-?up|calibration"
            r"|final review)(?: [\w'-]+){0,2} (?:got|was|were|has been|have been|had to be|is "
            r"being) (?:moved|pushed|delayed|postponed|rescheduled|bumped|shifted)",
            2.0,
        ),
        Cue(
            r"\b(?:debrief\w*|regroup\w*|compar(?:e|ed|ing) notes|deliberat\w+|calibrat\w+)\b",
            1.0,
        ),
        Cue(
            r"\b(?:a couple|a few|two|three|four|several|some|a handful|one or two)(?: of)? "
            r"(?:more|other|additional|final|remaining) (?:conversations|interviews|candidates|"
            r"calls|chats|meetings|applicants|people|finalists)(?: [\w'-]+){0,3} (?:lined up|"
            r"scheduled|booked|planned|to go|left|this week|next week|coming up|in the diary|"
            r"on the calendar|before)",
            2.0,
        ),
        Cue(
            r"\b(?:hoping|hope|expect|expecting|aim|aiming|plan|planning) to (?:have|get|share|"
            r"send) (?:you )?(?:more|something|an answer|a decision|news|an update|clarity)"
            r"(?: [\w'-]+){0,2} (?:for you|by|within|next|early|later|soon|this|in the)",
            1.5,
        ),
        Cue(r"\bnew (?:target|timeline|eta|decision date)\b", 1.5),
        Cue(r"\bhang in there\b|\bbear(?:ing)? with (?:us|me)\b|\bsit tight\b", 1.0),
        Cue(
            r"\b(?:timeline|process|decisions?|sign-?off|approval|hiring|things|everything|"
            r"debrief|feedback)(?: [\w'-]+){0,3} (?:is |are |got |was |were |will be |'s |'re )"
            r"(?:now |a (?:bit|little) |slightly |somewhat )?(?:delayed|pushed(?: back| out)?|"
            r"slowed(?: down)?|held up|on pause|postponed)\b",
            2.0,
        ),
        Cue(
            r"\b(?:we(?:'ll| will| should| hope to| expect to| plan to| aim to| intend to)|"
            r"i(?:'ll| will| should)) (?:\w+ )?(?:decide|make (?:a|our|the|a final) (?:decision|"
            r"call)|have (?:a|an|our) (?:decision|answer)|reach a decision|finali[sz]e (?:things|"
            r"our decision))\b",
            1.5,
        ),
        Cue(
            r"\b(?:need|needs|take|taking|require) (?:a (?:little|bit|few) |some )?(?:more|extra|"
            r"additional) (?:time|days|weeks?)\b",
            2.0,
        ),
        Cue(
            r"\bwaiting to (?:hear|get (?:an? )?(?:answer|update|feedback|word)) (?:back )?"
            r"(?:from|on) (?:the|our|my|a|an|one|two|some|all|hiring|management|leadership|"
            r"finance|legal|hr|final)\b|\bstill waiting to hear\b",
            2.0,
        ),
        Cue(r"\byou(?:'ll| will| should) hear (?:back )?from (?:us|me)\b|\bexpect to hear\b", 0.8),
        Cue(
            r"\byou(?:'ll| will| should) hear (?:back )?(?:from (?:us|me) )?(?:by|early|next|"
            r"within|later|soon|this|in the|before)\b|\b(?:candidates|applicants|everyone|all "
            r"candidates) will be (?:notified|informed|advised|told|contacted)\b",
            1.2,
        ),
        Cue(
            r"\bfinali[sz]e (?:the|our|a) (?:shortlist|selection|decision|list)\b|\b(?:interviewed|"
            r"met|seen|spoken to|spoken with) (?:everyone|all (?:the |of the )?(?:candidates|"
            r"finalists|applicants)|all \w+ (?:candidates|finalists))\b",
            1.5,
        ),
        Cue(r"\bdiscuss (?:all |the |each |every )?(?:candidates|finalists|applicants)\b", 1.5),
        Cue(r"\bbefore (?:deciding|we decide|making (?:a|our|any) (?:final )?decision)\b", 1.5),
        Cue(
            r"\b(?:headcount|budget|req|requisition)(?: [\w'-]+){0,3} (?:review|approval|"
            r"re-?approv\w*|under review|being (?:reviewed|confirmed|finali[sz]ed|approved))",
            2.0,
        ),
        Cue(
            r"\bstatus\b(?: [\w'-]+){0,3}\W{1,3}(?:is )?(?:in review|under review|in progress|"
            r"being "
            r"reviewed|active|under consideration)\b|\b(?:application|candidacy) is (?:now |still "
            r")?in review\b",
            2.5,
        ),
        Cue(
            r"\b(?:aiming|aim|hoping|targeting|planning) for (?:a|the|our) (?:final )?decision\b|"
            r"\b(?:moving|going) (?:a (?:bit|little) )?slow(?:ly|er)?\b|\bslower than (?:expected|"
            r"planned|we'd like|hoped)",
            2.0,
        ),
        Cue(r"\bstill (?:very )?(?:keen|interested|excited) (?:in|on|about) you", 1.5),
        Cue(
            r"\b(?:no|nothing) (?:new |further )?(?:news|update|updates|to (?:share|report))\b",
            1.5,
        ),
        Cue(
            r"\bchas(?:e|ing) (?:up )?(?:the|our|them|him|her|for|feedback|a decision)\b|"
            r"\bmid-?(?:process|way through)\b",
            1.5,
        ),
        Cue(r"\bweigh(?:ing)? (?:up )?(?:our|the|all) (?:options|candidates|decision)\b", 2.0),
        Cue(r"\bdelay (?:on our (?:side|end)|in (?:our|the) (?:process|decision))", 1.5),
        Cue(
            r"\b(?:close to|near(?:ing)?|almost at|getting close to) (?:a|our|the|making a) "
            r"(?:final )?decision\b",
            2.0,
        ),
        Cue(
            r"\b(?:finishing|wrapping|winding) up (?:our |the )?(?:last |final |remaining )?"
            r"(?:interviews|round|conversations|process)\b|\b(?:completing|concluding) (?:our |the "
            r")?(?:last |final |remaining )(?:interviews|round|conversations)\b",
            2.0,
        ),
        Cue(
            r"\b(?:need|needs|awaiting|pending|subject to|requires?|still need) (?:[\w'-]+ ){0,3}"
            r"(?:sign-?off|approval|go-ahead|green light)",
            1.5,
        ),
        Cue(
            r"\b(?:we(?:'re| are)|i(?:'m| am)|(?:the )?(?:team|panel|committee) (?:is|are)) "
            r"(?:still |currently |now |actively )?(?:working through|reviewing|evaluating|"
            r"assessing|considering|interviewing|meeting with|speaking with|talking to|"
            r"going through) "
            r"(?:all |the |our |a few |several |other |more )?(?:applications|candidates|"
            r"applicants|profiles|feedback|next steps|shortlist|finalists|everyone|interview "
            r"feedback|options|notes|people)",
            1.5,
        ),
        Cue(
            r"\b(?:process|timeline|things|everything|hiring|decision|review)(?: [\w'-]+){0,3} "
            r"(?:is |are |has been |have been |got )?(?:taking (?:a (?:bit|little) )?longer|"
            r"running (?:a (?:bit|little|few days) )?(?:late|behind)|behind schedule|slower than)",
            2.0,
        ),
        # No decision yet and paused roles, in de/fr/es/nl.
        Cue(
            r"\b(?:prüfen|sichten|führen) (?:noch|derzeit|gerade)\b|\b(?:auf eis gelegt|pausiert|"
            r"verzögert sich|dauert (?:etwas |noch )?länger)|\b(?:toujours|encore) en (?:réflexion|"
            r"discussion|cours d'évaluation)|\bmise? en (?:pause|attente)|\bprend plus de temps|"
            r"\b(?:todavía|aún|seguimos) (?:evaluando|revisando|entrevistando|valorando)|\ben "
            r"(?:pausa|espera)\b|\bestá tardando|\b(?:nog|momenteel) (?:bezig met|aan het)|\bin de "
            r"wacht|\bgepauzeerd|\bduurt (?:wat |iets )?langer",
            2.0,
        ),
        # German
        Cue(r"\bnoch (?:keine|nicht)(?: [\w'-]+){0,2} (?:entscheidung|entschieden|gefallen)", 2.5),
        Cue(r"\bentscheidung (?:ist )?(?:\w+ )?noch nicht", 2.5, negatable=False),
        Cue(
            r"\bnoch nicht (?:\w+ )?(?:entschieden|festgelegt|abgeschlossen)", 2.5, negatable=False
        ),
        Cue(r"\b(?:feedback|rückmeldungen) (?:\w+ )?(?:sammeln|einholen|sammelt)", 1.5),
        Cue(
            r"\b(?:noch|derzeit|aktuell)(?: [\w'-]+){0,3} (?:im|in der|in unserem) "
            r"(?:auswahl|bewerbungs|entscheidungs)\w*",
            2.0,
        ),
        Cue(r"\bgespräche mit (?:weiteren|anderen) (?:kandidat|bewerber)", 1.5),
        Cue(r"\b(?:melden uns|rückmeldung geben|geduld)\b", 0.6),
        # French
        Cue(
            r"\b(?:pas encore|toujours pas)(?: [\w'-]+){0,3} (?:de )?(?:décision|décidé|pris)", 2.5
        ),
        Cue(r"\baucune décision\b", 2.5, negatable=False),
        Cue(
            r"\bpas encore(?: [\w'-]+){0,2} (?:finalisé|fait|arrêté|choisi|tranché|terminé|statué)",
            2.5,
            negatable=False,
        ),
        Cue(
            r"\b(?:entretiens|processus|recrutement|sélection)(?: [\w'-]+){0,2} (?:se poursui\w+|"
            r"continue\w*|est toujours en cours)",
            2.0,
        ),
        Cue(
            r"\b(?:toujours|encore|actuellement) en (?:cours|train|phase)|\bprocessus(?:"
            r" [\w'-]+){0,2} "
            r"en cours",
            1.5,
        ),
        Cue(r"\b(?:reviendr\w+|reviens) vers vous\b", 0.8),
        # Spanish
        Cue(r"\b(?:todavía|aún|aun) no(?: [\w'-]+){0,3} (?:decisión|decidido)", 2.5),
        Cue(r"\bninguna decisión\b", 2.5, negatable=False),
        Cue(r"\bseguimos (?:en|con)(?: [\w'-]+){0,2} (?:proceso|entrevistas|selección)", 2.0),
        Cue(r"\b(?:estamos|seguimos) (?:todavía |aún )?(?:entrevistando|evaluando|revisando)", 2.0),
        Cue(r"\bte (?:mantendremos|informaremos|diremos|escribiremos)\b", 0.8),
        # Dutch
        Cue(r"\bnog geen(?: [\w'-]+){0,2} (?:besluit|beslissing|keuze|knoop)", 2.5),
        Cue(r"\b(?:procedure|proces|selectie|sollicitatieprocedure) loopt nog\b", 2.0),
        Cue(r"\bverwachten(?: [\w'-]+){0,5} (?:besluit|beslissing|keuze)", 2.0),
        Cue(r"\bnog (?:volop |in )?(?:in gesprek|gesprekken|de selectie|het proces)", 1.5),
        Cue(r"\b(?:laten|houden) (?:[\w'-]+ ){0,3}(?:weten|op de hoogte)", 0.8),
        # No decision yet, said by a portal or in passing: a decision still to be made, a
        # status pending, a file passed on for review, a timetable that moved.
        Cue(
            r"\b(?:when|once|after|as soon as|until) (?:a|the|our|any|their) (?:final )?"
            r"(?:decision|selection|choice|outcome)s? (?:has been |have been |is |are |was )?"
            r"(?:made|reached|taken|known|confirmed|finali[sz]ed)\b",
            2.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:decision|outcome|selection|result|status)s?\b[^.!?\n]{0,25}?\bpending\b|"
            r"\bpending (?:a |the |final |our )?(?:decision|review|approval|outcome|selection)",
            2.0,
        ),
        Cue(
            r"\b(?:referred|forwarded|passed (?:on|along)|sent on|escalated)(?: [\w'-]+){0,3} to "
            r"(?:the )?(?:hiring|selecting|selection|recruiting) (?:manager|official|panel|"
            r"committee|office|team|lead)s?\b|\b(?:for|under) further (?:consideration|review)\b",
            2.0,
        ),
        Cue(
            r"\b(?:may|might|could|will|can|should) take (?:several|a few|some|up to|another|a "
            r"couple of|a little|a bit) (?:more )?(?:weeks|days|months|time|longer)\b",
            1.5,
        ),
        Cue(
            r"\b(?:timetable|timescales?|schedule|dates?|deadline|plans?|things|everything|"
            r"panel|interviews)(?: [\w'-]+){0,4} (?:has |have |had |'s |'ve )?(?:slipped|slid|"
            r"shifted|moved (?:back|out)|been (?:delayed|pushed|put back|moved back|extended|"
            r"postponed|rescheduled))\b",
            2.0,
        ),
        Cue(
            r"(?:\bhaven't|\bhave not|\bhasn't|\bhas not|\bnot) (?:yet |quite )?(?:got|gotten|"
            r"gone|worked|made it) through (?:all|every|the|our|everyone)|(?:\bhaven't|\bhave not|"
            r"\bhasn't|\bhas not) (?:yet |quite )?(?:finished|completed|wrapped up|concluded) "
            r"(?:reviewing|interviewing|looking|meeting|speaking|going|our|the|all)",
            2.0,
            negatable=False,
        ),
        Cue(
            r"\bstill (?:going through|looking (?:at|through)|sifting|reading|working on|"
            r"chewing|sorting through|getting through|thinking)\b",
            2.0,
        ),
        Cue(
            r"\b(?:notified|informed|advised|told|updated) (?:of|about|on) (?:the|our|any) "
            r"(?:final )?(?:outcome|decision|result)s?\b|\bin due course\b",
            1.2,
        ),
        # Italian
        Cue(
            r"\b(?:stiamo|siamo) ancora (?:valutando|esaminando|analizzando|incontrando|"
            r"svolgendo|facendo)|\bnon abbiamo ancora (?:preso|deciso|completato|concluso)|"
            r"\bnessuna decisione\b|\b(?:processo|selezione|iter)(?: [\w'-]+){0,3} (?:è )?"
            r"(?:ancora )?in corso|\bancora in fase di (?:valutazione|selezione)",
            2.5,
        ),
        Cue(r"\b(?:ti|vi|la) (?:aggiorneremo|faremo sapere|terremo aggiornat\w)", 0.8),
        # Portuguese
        Cue(
            r"\b(?:ainda )?(?:estamos|seguimos|continuamos) (?:ainda )?(?:avaliando|analisando|"
            r"entrevistando|a avaliar|a analisar|em processo)|\bainda não (?:tomamos|temos|"
            r"chegamos a) (?:uma |a |nenhuma )?(?:decisão|resposta|definição)|\bnenhuma decisão\b|"
            r"\bprocesso(?: [\w'-]+){0,3} (?:ainda )?(?:está )?em andamento",
            2.5,
        ),
        Cue(r"\b(?:manteremos|daremos|retornaremos)(?: [\w'-]+){0,3} (?:informad\w|retorno)", 0.8),
        Cue(
            r"\b(?:working|making|wading|ploughing|plowing) (?:our|my|their|his|her) way "
            r"through\b|\brunning (?:a |about a |around a |roughly a |maybe a )?(?:bit |little |"
            r"few days |week |couple of weeks |fortnight )?(?:behind|late)\b|\bbehind (?:schedule|"
            r"where (?:we|i) (?:hoped|planned|wanted|expected))",
            2.0,
        ),
        Cue(
            r"\b(?:shortlisting|selection|decisions?|panel|assessment|interviews)(?: [\w'-]+){0,3} "
            r"(?:will|is going to|are going to) now (?:take place|be held|happen|be made|meet|sit|"
            r"conclude|run)\b|\b(?:timetable|timeline|timescales?|schedule)(?: [\w'-]+){0,2} "
            r"(?:has |have )?changed\b",
            2.0,
        ),
        Cue(
            r"\b(?:application|cv|resume|profile|file|candidacy)(?: [\w'-]+){0,2} (?:is|are) "
            r"(?:now |currently |still )?with (?:the|our) (?:hiring|recruiting|selection|"
            r"interview) (?:manager|team|panel|committee|lead)\b|\b(?:will|'ll) be (?:reviewing|"
            r"assessing|considering|looking at|going through|discussing) (?:it|your|them|"
            r"applications|all|the (?:applications|candidates|shortlist))\b",
            1.5,
        ),
        Cue(
            r"\b(?:will|'ll|should|expects? to|hopes? to|plans? to|aims? to|intends? to) "
            r"(?:\w+ )?(?:reach|make|take|come to|finali[sz]e) (?:a|their|its|our|the|any) "
            r"(?:final )?(?:decision|choice|call)\b",
            1.5,
        ),
        Cue(r"\bnot (?:quite |really |yet )?there yet\b", 1.5),
        Cue(
            r"\b(?:hope|hoping|expect|expecting|aim|aiming|plan|planning) to (?:wrap (?:things |it "
            r"|this |everything )?up|finish up|conclude|be done)\b(?: [\w'-]+){0,3} (?:by|within|"
            r"next|this|before|at the end|early|in|soon)\b|\b(?:application|cv|profile|file|"
            r"candidacy)(?: [\w'-]+){0,2} (?:is|remains) (?:very much |still )*(?:open|active|"
            r"live|alive)\b",
            1.5,
        ),
        Cue(
            r"(?:\bhaven't|\bhave not|\bhasn't|\bhas not|\bnot) (?:yet )?ruled (?:anyone|anybody|"
            r"you|anything|any candidates?) out\b|(?:\bhaven't|\bhave not|\bhasn't|\bhas not) "
            r"(?:yet )?(?:signed off|approved|confirmed|released|green-?lit)\b",
            2.5,
            negatable=False,
        ),
        Cue(r"\bdecisions? (?:will )?(?:come|coming|arrive|land)\b", 1.5),
        Cue(
            r"\b(?:interviews|interviewing|the process|selection|shortlisting|recruitment|"
            r"assessments)(?: [\w'-]+){0,2} (?:is|are) (?:still )?(?:going on|ongoing|underway|"
            r"in progress|happening|taking place|continuing)\b",
            2.0,
        ),
    ),
    "references_requested": (
        Cue(
            r"\b(?:references|referees?)\b"
            r"|\b(?:professional|personal|work|employment|former) references?\b"
            r"|\breference (?:checks?|calls?|contacts?|details|names?|list|form|authori[sz]ation|"
            r"chat|conversations?|information)\b"
            r"|\b" + _N + r" (?:\w+ )?(?:references?|referees?)\b"
            r"|\b(?:an? )?(?:alternate|alternative|additional|second|another|third|new) "
            r"(?:\w+ )?(?:references?|referees?)\b",
            2.5,
            ask=True,
        ),
        Cue(
            r"\b(?:names?|contact (?:details|info\w*)|details|phone numbers?|email "
            r"addresses)(?: [\w'-]+){0,6} (?:of|for) (?:[\w'-]+ ){0,3}(?:references|referees|"
            r"(?:former |current |previous |past |last |direct |line )(?:managers?|supervisors?|"
            r"colleagues?|employers?|boss))",
            3.0,
        ),
        Cue(
            r"\b(?:move|moving|proceed|proceeding|progress|go|going)(?: [\w'-]+){0,3} (?:to|with) "
            r"(?:the )?(?:reference|referee)(?:s| checks?| stage| calls?)",
            2.5,
        ),
        Cue(
            r"\b(?:final|next|last) (?:step|stage|phase)s?\b[^.?!]{0,30}?(?:\bis|\bare|\bbeing|:|"
            r"\bwe do|\binvolves?|\bwould be|\bwill be) (?:\w+ )?"
            r"(?:references|reference (?:checks?|calls?))",
            2.0,
        ),
        Cue(
            r"\b(?:one|two|three|a|another|an?) (?:former |current |direct |previous |close )?"
            r"(?:peers?|managers?|supervisors?|colleagues?|people|persons?|direct reports?|"
            r"collaborators?)\b(?: [\w'-]+){0,5} (?:who|that|you(?:'ve| have)?) (?:can |could |"
            r"would )?(?:reported|managed|supervised|worked|work|saw|know|speak|vouch|comment)",
            2.0,
            ask=True,
        ),
        Cue(
            r"\b(?:speak|talk|chat) (?:with|to) " + _N + r" (?:[\w'-]+ ){0,3}(?:people|colleagues|"
            r"managers|peers|folks|former|supervisors|referees|references)",
            2.5,
        ),
        Cue(
            r"\bwho (?:we|i) (?:could|can|might|should|may) (?:speak|talk|chat|reach out|contact)"
            r"|\b(?:people|persons?|someone|colleagues?|managers?|supervisors?)(?: [\w'-]+){0,3} "
            r"(?:we|i) (?:could|can|might|may) (?:speak|talk|chat|reach out|contact|call)|"
            r"\b(?:contacts|folks|names|individuals)(?: [\w'-]+){0,3} (?:we|i) (?:could|can|might|"
            r"may) (?:speak|talk|chat|reach out|contact|call)",
            2.5,
        ),
        Cue(
            r"\b(?:put (?:me|us) in touch with|connect (?:me|us) (?:with|to)|introduce (?:me|us) "
            r"to) (?:a|your|two|one|some) (?:former |previous |current |old |last |direct )?"
            r"(?:managers?|supervisors?|colleagues?|references?|people|boss|bosses|team leads?)",
            2.5,
        ),
        Cue(r"\bback-?channel\w*", 1.5),
        Cue(
            r"(?<!for )(?<!as )\b(?:a|one|another|your) reference\b(?! (?:number|code|id|no\b|#))",
            2.0,
            ask=True,
        ),
        Cue(
            r"\b(?:people|folks|persons?|someone|contacts|individuals)(?: [\w'-]+){0,2} (?:for "
            r"(?:us|me) )?to (?:talk|speak|chat|reach out) (?:to|with)\b|\b(?:people|folks|someone|"
            r"colleagues|managers|supervisors|individuals|persons|contacts|a few|a couple)"
            r"(?: [\w'-]+){0,2} (?:you(?:'ve| have)?|who(?:'ve| have)?) (?:worked|work|reported|"
            r"collaborated)(?: closely)? (?:with|for|alongside|under|to)\b|\b(?:people|folks|"
            r"someone|somebody) who knows? (?:your work|you well)",
            2.0,
            ask=True,
        ),
        Cue(
            r"\bwho (?:can|could|should|might|may) (?:we|i) (?:speak|talk|chat|reach out|contact|"
            r"call)\b|\b(?:go ahead and|ok to|okay to|alright to|fine to) (?:contact|call|reach "
            r"out "
            r"to|speak (?:with|to)) (?:your|the|them|those)\b|\b(?:contact|call|reach out to|speak "
            r"(?:with|to)) (?:the )?(?:referees|references|people) (?:you )?(?:listed|provided|"
            r"named|"
            r"gave|sent|suggested)",
            2.5,
        ),
        Cue(r"\b(?:reference|referee) (?:stage|step|phase|round|platform|portal|request)s?\b", 2.0),
        Cue(
            r"\b(?:send|share|give|provide|pass along)(?: me| us)?(?: over)? (?:two|three|2|3|a "
            r"couple of|a few) names\b",
            2.0,
            ask=True,
        ),
        Cue(
            r"\b(?:kontaktdaten|coordonnées|datos de contacto|contactgegevens)(?: [\w'-]+){0,2} "
            r"(?:von|de|van|zweier|ihrer|ehemalig\w*|deux|dos|twee|vos|tus|sus|je|uw) (?:[\w'-]+ "
            r"){0,2}"
            r"(?:personen|vorgesetzt\w*|kolleg\w*|personnes|managers?|responsables?|personas|"
            r"jefes?|personen|leidinggevende\w*|collega\w*|anciens?|antiguos?)|\b(?:personen,? "
            r"mit denen sie|personnes avec (?:qui|lesquelles) vous|personas con (?:las que|"
            r"quienes) "
            r"(?:has|ha)|mensen met wie (?:je|u))",
            2.5,
        ),
        # Contacting the candidate's former managers is a reference check (de/fr/es/nl).
        Cue(
            r"\b(?:contacter|joindre|kontaktieren|contactar|contact opnemen met)(?: [\w'-]+){0,4} "
            r"(?:anciens?|anciennes?|ehemalig\w*|früher\w*|antiguos?|antiguas?|vorige|"
            r"voormalige)(?: [\w'-]+)? (?:responsables?|managers?|employeurs?|vorgesetzt\w*|"
            r"arbeitgeber\w*|jefes?|jefas?|empleadores?|leidinggevende\w*|werkgevers?)\b|"
            r"\b(?:ehemalig\w*|früher\w*) (?:vorgesetzt\w*|arbeitgeber\w*)(?: [\w'-]+){0,3} "
            r"(?:kontaktieren|anrufen|sprechen)\b",
            2.5,
        ),
        Cue(
            r"\b(?:nominate|list|name|submit|enter|add|supply)(?: [\w'-]+){0,3} (?:references|"
            r"referees)\b",
            2.5,
        ),
        # "for your reference" is FYI, not a reference.
        Cue(r"\b(?:as|give|provide|be) (?:a|your) reference\b|\bfor a reference\b", 2.5, ask=True),
        Cue(
            r"\b(?:contact|contacted|contacting|reach out to|speak (?:with|to)|call) (?:your )?"
            r"(?:current|previous|former|last|past) (?:employer|manager|supervisor|boss|company)",
            2.0,
            ask=True,
        ),
        Cue(r"\bconsent(?: [\w'-]+){0,4} (?:reference|referee|contact(?:ing)? (?:them|your))", 2.0),
        # Who can speak for the candidate, asked in other words: "someone who reported to
        # you", "is it OK if we contact", "who would you suggest", consent to reach out.
        Cue(
            r"\b(?:someone|somebody|people|persons?|colleagues?|managers?|peers?|one|others?)"
            r"(?: [\w'-]+){0,2} (?:who|that)(?:'ve|'d)? (?:has |have |had |could |can "
            r")?(?:reported "
            r"(?:in)?to|"
            r"managed|supervised|worked (?:closely )?(?:with|alongside|for|under)|collaborated "
            r"with|led|mentored) you\b",
            2.0,
        ),
        Cue(
            r"\b(?:is it|would it be|are you) (?:ok|okay|alright|all right|fine|comfortable) "
            r"(?:if|for|with) (?:we|us|me|i) (?:to )?(?:contact|reach out to|speak (?:with|to)|"
            r"talk to|call|get in touch with|email) (?:your|a|any|some|the|them|those)",
            2.5,
        ),
        Cue(
            r"\b(?:permission|consent|go-ahead|ok|okay|authori[sz]ation) (?:for us |for me )?to "
            r"(?:contact|reach out to|speak (?:with|to)|talk to|call|get in touch with) "
            r"(?:your|them|a|any|those|the people)",
            2.5,
        ),
        Cue(
            r"\b(?:who|whom) (?:would|could|can|do) you (?:suggest|recommend|nominate|put forward|"
            r"like us to)(?: [\w'-]+){0,3} (?:we|i|us|for us to|to) (?:speak|talk|contact|reach|"
            r"call|chat)",
            2.5,
        ),
        Cue(
            r"\b(?:vouch for you|speak (?:to|about|for) (?:your|you)\b|comment on your)"
            r"(?: [\w'-]+){0,2}(?: work| performance| experience| skills| leadership)?",
            2.0,
            ask=True,
        ),
        Cue(
            r"\b(?:contact|reach out to|speak (?:with|to)|talk to|call|hear from|check in with|get "
            r"in touch with|ping|email|message|phone|ring|drop a line to) (?:(?:a|one|two|some|"
            r"a couple of|a few of|both of|any of) )?(?:your )?"
            r"(?:former|previous|past|current|old|direct|last) (?:managers?|bosses|boss|"
            r"colleagues?|team ?mates?|co-?workers?|supervisors?|employers?|reports|peers?|leads?)",
            2.0,
            ask=True,
        ),
        Cue(r"\b(?:referenz(?:en)?|referenzgeber\w*|ansprechpartner\w*)\b", 2.5, ask=True),
        Cue(
            r"\b(?:ehemalige[nrs]?|frühere[nrs]?|bisherige[nrs]?|letzte[nrs]?) (?:vorgesetzte\w*|"
            r"kolleg\w*|arbeitgeber\w*|führungskr\w*|teamleit\w*)",
            2.0,
            ask=True,
        ),
        Cue(
            r"\b(?:anciens?|anciennes?|précédents?|précédentes?|derniers?) (?:managers?|"
            r"responsables?|collègues?|employeurs?|supérieurs?|n\+1)",
            2.0,
            ask=True,
        ),
        Cue(
            r"\b(?:antiguos?|antiguas?|anteriores?|ex|últimos?) ?(?:jefes?|jefas?|responsables?|"
            r"compañer[oa]s?|managers?|supervisor(?:es|a|as)?|empleadores?)\b",
            2.0,
            ask=True,
        ),
        Cue(
            r"\b(?:oud-|vorige |voormalige |eerdere |huidige )(?:collega\w*|leidinggevende\w*|"
            r"werkgever\w*|manager\w*)",
            2.0,
            ask=True,
        ),
        Cue(r"\breferenzen (?:einholen|anfragen|prüfen|kontaktieren)", 2.5),
        Cue(r"\bréférences?\b", 2.5, ask=True),
        Cue(r"\breferencias?\b", 2.5, ask=True),
        Cue(r"\b(?:referentie\w*|referenten|referenz\w+)\b", 2.5, ask=True),
        Cue(
            r"\bletters? of (?:reference|recommendation)|\b(?:recommendation|reference) letters?|"
            r"\brecommenders\b|\b(?:empfehlungsschreiben|referenzschreiben|lettres? de "
            r"recommandation|cartas? de recomendación|aanbevelingsbrie\w+)",
            2.5,
        ),
        Cue(
            r"\b(?:authori[sz]e|allow|permit|let) (?:us|me) to (?:contact|reach out to|speak "
            r"(?:with|"
            r"to)|call|get in touch with) (?:your|them|the|those|a|any)\b|\breference (?:and|&|/) "
            r"(?:background|employment|credit)\b|\b(?:someone|people|a (?:manager|boss|lead)|"
            r"persons?) (?:you|u) (?:reported to|worked (?:with|for|under)|managed|supervised)\b",
            2.5,
        ),
        # Who can speak for the candidate, asked casually, and leave to contact an employer.
        Cue(
            r"\bwho(?:'d| would| could| might| should)? be (?:a |the )?(?:good|best|right|great|"
            r"ideal|useful) (?:person |people |persons |contacts? )?(?:for (?:me|us) )?to "
            r"(?:talk|speak|chat) (?:to|with)\b",
            2.5,
        ),
        Cue(
            r"\b(?:permission|consent|authori[sz]ation|go-ahead|blessing) (?:for (?:us|me) )?to "
            r"(?:contact|approach|reach out to|speak (?:with|to)|talk to|call|get in touch with|"
            r"check with|email)\b(?! you\b)",
            2.5,
        ),
        Cue(
            r"\b(?:may|can|could) (?:we|i) (?:contact|approach|reach out to|speak (?:with|to)|"
            r"talk to|call|get in touch with) (?:[\w'-]+ ){0,4}(?:about (?:your|you)|regarding "
            r"(?:your|you)|for a reference|as a reference|to (?:confirm|verify) your)",
            2.0,
            ask=True,
        ),
        Cue(
            r"\b(?:speak|talk|check) (?:with|to) (?:at least )?(?:one|two|a|any) (?:of )?(?:your )?"
            r"(?:current|previous|former|last|past) (?:employers?|managers?|supervisors?|bosses)",
            2.0,
            ask=True,
        ),
        # Italian
        Cue(
            r"\b(?:referenze|referenti|lettera di (?:referenze|presentazione)|contatti di "
            r"(?:[\w'-]+ ){0,2}(?:responsabili|colleghi|datori di lavoro))\b",
            2.5,
            ask=True,
        ),
        # Portuguese
        Cue(
            r"\b(?:referências|referência profissional|contatos? de (?:[\w'-]+ ){0,2}(?:gestores|"
            r"chefes|colegas|supervisores|empregadores)|cartas? de recomendação)\b",
            2.5,
            ask=True,
        ),
        Cue(
            r"\b(?:word|chat|call|conversation|catch-up|talk) with (?:your|a|one of your) "
            r"(?:current |former |previous |last |old |line |direct )?(?:manager|boss|supervisor|"
            r"employer|team lead|colleague)s?\b|\b(?:speak|talk|chat) (?:with|to) your (?:line )?"
            r"(?:manager|boss|supervisor)\b",
            2.0,
            ask=True,
        ),
        Cue(
            r"\b(?:put (?:me|us) in touch with|connect (?:me|us) (?:with|to)|introduce (?:me|us) "
            r"to) (?:someone|somebody|anyone|people|a person|a colleague)\b",
            2.5,
        ),
    ),
    "info_requested": (
        Cue(
            r"\b(?:send|return|submit|share|upload) (?:us |me |back )?(?:your|the) (?:solution|"
            r"answers?|submission|completed (?:\w+ )?(?:exercise|form|test)|responses?|slides|"
            r"deck|presentation|report|analysis|notebook|write-?up)\b",
            2.0,
            what="a submission",
        ),
        Cue(
            r"\bwhat (?:salary|compensation|pay|rate|package|base)\b(?: [\w'-]+){0,2} (?:are|would|"
            r"do|did) you|\bwhat (?:are|were) you (?:currently )?(?:earning|making|paid)\b",
            2.5,
            what="salary expectations",
        ),
        Cue(
            r"\b(?:salary|compensation|pay range|day rate)\b",
            1.5,
            what="salary expectations",
            ask=True,
        ),
        Cue(
            r"\b(?:write-?ups?|(?:short|brief|one-page) (?:summary|description|overview|memo))\b",
            2.0,
            what="a written summary",
            ask=True,
        ),
        Cue(
            r"\b(?:clarify|elaborate on|expand on|tell (?:me|us) (?:a bit )?more about)\b",
            1.5,
            what="answers to questions",
            ask=True,
        ),
        Cue(
            r"\b(?:hackerrank|codility|codesignal|coderpad assessment|testgorilla|online (?:test|"
            r"assessment))\b",
            2.0,
            what="an online assessment",
        ),
        Cue(
            r"\b(?:salary|compensation|pay|rate|wage) (?:expectations?|requirements?|range|"
            r"expectation)|\b(?:expected|desired|current) (?:salary|compensation|base)",
            2.5,
            what="salary expectations",
            ask=True,
        ),
        Cue(
            r"\bnotice period|\b(?:earliest|possible|potential|ideal|likely) start(?:ing)? date|"
            r"\b(?:available|able|free) to start\b|"
            r"\bwhen (?:you )?(?:could|can|would be able to) start|\bwhen (?:would|could|can) "
            r"you (?:be able to |realistically )?start",
            2.5,
            what="notice period and start date",
            ask=True,
        ),
        Cue(
            r"\b(?:work|writing|code|coding|design|portfolio) samples?|\bportfolio\b|"
            r"\bexamples? of (?:[\w'-]+ ){0,4}(?:work|projects?|dashboards?|analyses|code|writing)|"
            r"\b(?:github|gitlab)\b|\bgists?\b",
            2.5,
            what="work samples",
            ask=True,
        ),
        Cue(
            r"\b(?:transcripts?|diplomas?|degree certificates?|certificates?|credentials?|"
            r"proof of (?:degree|education|address|identity))\b",
            2.5,
            what="academic documents",
            ask=True,
        ),
        Cue(
            r"\b(?:passport|right[- ]to[- ]work|eligib(?:le|ility) to work|work (?:permit|"
            r"authori[sz]ation)|visa|"
            r"sponsorship|(?:photo |government )?id\b)",
            2.0,
            what="right-to-work documents",
            ask=True,
        ),
        Cue(
            r"\b(?:forms?|questionnaires?|profile|assessment|self-identification|"
            r"disclosure|authori[sz]ation|paperwork)\b",
            1.5,
            what="forms",
            ask=True,
        ),
        Cue(
            r"\b(?:complete|fill (?:out|in)|sign|submit|return|upload|finish)(?: [\w'-]+){0,5} "
            r"(?:forms?|questionnaires?|nda|agreement|authori[sz]ation|disclosure|assessment|"
            r"exercise|assignment|profile|documents?|declaration)\b",
            2.5,
            what="forms",
        ),
        Cue(r"\b(?:nda|non-disclosure agreement|confidentiality agreement)\b", 2.0, what="an NDA"),
        Cue(
            r"\b(?:take[- ]home|coding (?:challenge|exercise|test|assignment)|technical "
            r"(?:exercise|assignment|test)|(?:home )?assignment|exercise)\b",
            2.0,
            what="a take-home exercise",
            ask=True,
        ),
        Cue(
            r"\b(?:background|credit|criminal) (?:check|screening)\b",
            1.5,
            what="background check forms",
            ask=True,
        ),
        Cue(
            r"\b(?:updated |latest |current )?(?:resume|résumé|cv|cover letter)\b|\blinks? to "
            r"your (?:linkedin|website|site|blog|profile|github|work)\b|\b(?:lettre de motivation|"
            r"carta de presentación|motivatiebrief|anschreiben|motivationsschreiben|portafolio|"
            r"muestras de trabajo|exemples de (?:travaux|réalisations)|fiches? de paie|bulletins? "
            r"de "
            r"salaire|nóminas?|loonstro\w+|gehaltsnachweis\w*|gehaltsabrechnung\w*)\b",
            2.0,
            what="resume",
            ask=True,
        ),
        Cue(
            r"\b(?:answers?|responses?|thoughts)(?: [\w'-]+){0,3} (?:to|on) (?:[\w'-]+"
            r" ){0,3}questions|"
            r"\bfollow-up questions\b|\bquick questions\b|\bin writing\b",
            2.0,
            what="answers to questions",
            ask=True,
        ),
        Cue(
            r"\b(?:would|are) you (?:be )?(?:open|comfortable|willing|ok|okay) (?:to|with) "
            r"(?:[\w'-]+ ){0,3}(?:hybrid|relocat\w+|on-?call|travel|onsite|remote|office)",
            2.0,
            what="answers to questions",
        ),
        Cue(
            r"\bconfirm(?:ation)? (?:[\w'-]+ ){0,3}(?:that|whether|if|two things|the following)",
            1.5,
            what="a confirmation",
            ask=True,
        ),
        Cue(
            r"\b(?:need|require|needs)(?: [\w'-]+){0,3} (?:more |a few |some |two |three )?"
            r"(?:details|information|documents?|things|items) from you",
            2.0,
            what="details",
        ),
        # The request frame itself: modal or "please" + verb of sending + an object.
        Cue(
            r"\b(?:please|kindly|just|can you|could you|would you|will you|would you mind)(?:,)? "
            r"(?:send|share|forward|email|provide|submit|upload|attach|drop|pass along|resend|"
            r"re-send)(?:ing)?"
            r"(?: me| us| over| across| through| along| back){0,2} (?:the|your|a|an|some|any|"
            r"those|these|this|that|copies|a copy|two|three|\d)\b(?! (?:other )?(?:questions|"
            r"concerns|thoughts))(?: [\w'-]+){0,4}",
            2.0,
        ),
        # Asked to explain, record or fill something in, in other words.
        Cue(
            r"\banswer (?:the|these|a few|some|the following|three|two|\d|our) (?:[\w'-]+ ){0,2}"
            r"(?:questions|prompts)\b|\b(?:whether|if) you(?:'d| would)? (?:be )?(?:willing|open|"
            r"able|happy) to (?:relocate|travel|work (?:onsite|on-site|from|in))\b|\b(?:willing|"
            r"open|happy|able) to relocate\b",
            2.0,
            what="answers to questions",
            ask=True,
        ),
        Cue(
            r"\b(?:could|can|would|will) you (?:please |briefly |quickly )?(?:tell|explain|describe"
            r"|walk (?:me|us) through|outline|clarify|elaborate|summari[sz]e|expand)\b",
            2.0,
            what="answers to questions",
            ask=True,
        ),
        Cue(
            r"\b(?:record|film|make|put together|prepare|create)(?: [\w'-]+){0,4} (?:video|"
            r"recording|screen ?(?:capture|cast|recording)|loom|walk-?through|demo)s?\b",
            2.0,
            what="a recorded walkthrough",
            ask=True,
        ),
        # Sending, filling in, signing: the request verbs of de/fr/es/nl, and the papers asked.
        Cue(
            r"\b(?:ausfüllen|ausgefüllt\w*|zusenden|zuschicken|nachreichen|hochladen|übermitteln|"
            r"unterschreiben|unterzeichnen|invullen|ingevuld\w*|meesturen|opsturen|toesturen|"
            r"aanleveren|insturen|uploaden|ondertekenen|zukommen lassen|remplir|compléter|"
            r"faire parvenir|"
            r"transmettre|retourner|joindre|rellenar|rellenes|rellene|cumplimentar|"
            r"completar|enviarnos|envíes|envíe|mandarnos|adjuntar|adjuntes|firmar)\b",
            2.0,
            what="documents",
            ask=True,
        ),
        Cue(
            r"\b(?:fragebogen|personalbogen|personalfragebogen|personalausweis\w*|ausweis\w*|"
            r"reisepass|arbeitserlaubnis|identiteitsbewijs|paspoort|id-kaart|vragenlijst|"
            r"personeelsformulier|werkvergunning|pièce d'identité|carte d'identité|passeport|"
            r"questionnaire|fiche de renseignements|pasaporte|dni|nie|cuestionario|"
            r"permiso de trabajo|copia de|kopie van|copie de)\b",
            2.0,
            what="documents",
            ask=True,
        ),
        # German
        Cue(
            r"\bgehaltsvorstellung\w*|\bgehaltswunsch\w*",
            2.5,
            what="salary expectations",
        ),
        Cue(
            r"\bkündigungsfrist\w*|\beintritts(?:termin|datum)",
            2.0,
            what="notice period and start date",
            ask=True,
        ),
        Cue(
            r"\b(?:zeugnisse?|unterlagen|arbeitsprobe\w*|lebenslauf|nachweis\w*|formular\w*)\b",
            2.0,
            what="documents",
            ask=True,
        ),
        # French
        Cue(
            r"\bprétentions salariales|\battentes? salariales?|\brémunération souhaitée",
            2.5,
            what="salary expectations",
        ),
        Cue(r"\bpréavis\b|\bdate de (?:début|disponibilité)", 2.0, what="notice period", ask=True),
        Cue(
            r"\b(?:diplômes?|justificatifs?|pièces?|documents?|formulaires?|cv)\b",
            1.5,
            what="documents",
            ask=True,
        ),
        # Spanish
        Cue(r"\bexpectativas? salarial(?:es)?|\bpretensiones salariales", 2.5, what="salary"),
        Cue(r"\bpreaviso\b|\bfecha de incorporación", 2.0, what="notice period", ask=True),
        Cue(
            r"\b(?:títulos?|documentos?|formularios?|certificados?|currículum)\b",
            1.5,
            what="documents",
            ask=True,
        ),
        # Dutch
        Cue(r"\bsalaris(?:wens|indicatie|verwachting)\w*", 2.5, what="salary expectations"),
        Cue(r"\bopzegtermijn\b|\bstartdatum\b", 2.0, what="notice period", ask=True),
        Cue(
            r"\b(?:diploma's?|documenten|formulier\w*|cv|getuigschrift\w*)\b",
            1.5,
            what="documents",
            ask=True,
        ),
        # Requests put as statements, lists and hand-overs: an imperative opening a sentence
        # or a numbered step, a task handed over ("here is the exercise"), papers asked for.
        Cue(
            r"\b(?:send|return|submit|upload|email|e-mail|share|complete|fill (?:in|out)|sign|"
            r"attach|provide|forward|post|record|answer|reply with)\b (?:us|me|it|them|the|your|a|"
            r"an|back|over|in|out|both|this|these|each|all|two|three|\d)\b"
            # passing on news or a post is not sending us something
            r"(?!(?: [\w'-]+){0,2} (?:post|page|article|link|blog|newsletter|event|webinar|"
            r"opportunity|opening|vacancy|listing|with (?:anyone|friends|colleagues|your)))",
            2.0,
            what="documents",
            ask=True,
            leads=True,
        ),
        Cue(
            r"\b(?:here(?:'s| is| are)|attached (?:is|are)|please find(?: attached)?|"
            r"(?:i|we)(?:'ve| have) (?:attached|enclosed|included|linked|shared|set up)|"
            r"enclosed (?:is|are)|below "
            r"(?:is|are)|you(?:'ll| will) find)(?: [\w'-]+){0,3} (?:take-?home|exercise|"
            r"assignment|(?:online )?assessment|case study|task|brief|challenge|questionnaire|"
            r"test)s?\b",
            2.5,
            what="a take-home exercise",
        ),
        Cue(
            r"\b(?:certified |notari[sz]ed |scanned |signed )?cop(?:y|ies) of (?:your |the )?"
            r"(?:[\w'-]+ ){0,2}(?:passport|id|degree|diplomas?|certificates?|licen[cs]es?|visa|"
            r"permit|proof|transcripts?|documents?|citizenship|qualifications?)\b",
            2.5,
            what="documents",
        ),
        Cue(
            r"\b(?:proof|evidence) of (?:citizenship|residency|residence|nationality|address|"
            r"identity|right to work|qualifications?|eligibility)|\b(?:citizenship|national "
            r"insurance|social security|tax (?:form|number|id)|bank details|p45|w4|i9|"
            r"employment eligibility)\b",
            2.0,
            what="right-to-work documents",
            ask=True,
        ),
        Cue(
            r"\b(?:salary|compensation|pay|rate|wage|package|remuneration|comp) (?:breakdown|"
            r"details|history|figures?|numbers?)|\b(?:current|present|existing|expected|desired|"
            r"target) (?:total )?(?:package|remuneration|pay|earnings|comp|compensation|base|"
            r"salary|day rate)\b",
            2.5,
            what="salary expectations",
            ask=True,
        ),
        Cue(
            r"\b(?:what|which) (?:kind of |sort of )?(?:number|figure|range|ballpark|budget|"
            r"package|level)(?: [\w'-]+){0,3} (?:are|were|would|do|did|have|had) you\b|\bwhat "
            r"(?:are|were|would) you (?:be )?(?:looking for|hoping for|targeting|expecting|after)"
            r"(?: [\w'-]+){0,3} (?:salary|compensation|pay|package|comp|base|money|terms|rate)",
            2.5,
            what="salary expectations",
            ask=True,
        ),
        Cue(
            r"\b(?:complete|take|sit|do|finish|start) (?:the |an? |your |our )?(?:short |brief |"
            r"online |written |short written )?(?:[\w'-]+ ){0,2}(?:exercise|assessment|test|"
            r"assignment|task|case study|questionnaire|challenge)s?\b",
            2.0,
            what="a take-home exercise",
            ask=True,
        ),
        # Italian
        Cue(
            r"\b(?:compilare|compilarlo|compilarla|inviar(?:ci|e|mi)|mandar(?:ci|e|mi)|"
            r"rimandar(?:ci|celo|cela|e)|allegare|firmar(?:e|lo|la)|restituir(?:ci|e|lo|la)|"
            r"caricare|trasmetter(?:ci|e))\b",
            2.0,
            what="documents",
            ask=True,
        ),
        Cue(
            r"\b(?:modulo|moduli|documenti|documento|copia|curriculum|portfolio|certificat\w+|"
            r"pretese (?:economiche|salariali)|aspettative (?:economiche|salariali)|ral|"
            r"preavviso|data di inizio|esercizio|prova tecnica)\b",
            1.5,
            what="documents",
            ask=True,
        ),
        # Portuguese
        Cue(
            r"\b(?:preencher|preencha|enviar(?:-nos|-me)?|envie(?:-nos)?|mandar|anexar|assinar|"
            r"assine|devolver|encaminhar|nos envie|nos mande)\b",
            2.0,
            what="documents",
            ask=True,
        ),
        Cue(
            r"\b(?:formulário|documentos?|cópia|currículo|portfólio|certificados?|pretensão "
            r"salarial|expectativa salarial|aviso prévio|data de início|exercício|teste técnico)\b",
            1.5,
            what="documents",
            ask=True,
        ),
        Cue(
            r"\b(?:dbs|crb|pre-employment|police|vetting|security|reference and background) "
            r"(?:checks?|screening|clearance)\b|\b(?:complete|fill (?:out|in)|start|submit|"
            r"consent to) (?:a |an |the |your )?(?:[\w'-]+ ){0,2}(?:checks?|screening|vetting)\b",
            2.0,
            what="background check forms",
            ask=True,
        ),
        Cue(
            r"\b(?:forms?|questionnaires?|paperwork|nda|agreement|declaration)(?: [\w'-]+){0,2} "
            r"(?:is|are) (?:attached|enclosed|below|linked)\b",
            2.0,
            what="forms",
        ),
        Cue(
            r"\b(?:next|final|last) step (?:is|would be|will be|:) "
            r"(?:to (?:complete|fill|take|do) )?(?:a |an |the |our )?(?:[\w'-]+[ -]){0,3}"
            r"(?:questionnaire|assessment|test|exercise|task|case study|form|challenge|"
            r"assignment)s?\b",
            2.5,
            what="an assessment",
        ),
        Cue(
            r"\b(?:prepare|put together|create|draft|build|write)(?: [\w'-]+){0,3} (?:presentation|"
            r"deck|slides|proposal|plan|report|memo|analysis|case study|summary)\b",
            1.5,
            what="a written piece",
            ask=True,
        ),
        Cue(
            r"\b(?:see|look at|review|read|get|have) (?:a copy of |an example of |examples of |"
            r"some of )?(?:the|your|a|some) (?:[\w'-]+ ){0,2}(?:report|portfolio|samples?|"
            r"analysis|deck|code|writing|projects?|dashboards?|publications?|papers?)\b",
            2.0,
            what="work samples",
            ask=True,
        ),
    ),
    "next_round": (
        Cue(
            r"\b(?:can|could|would) you (?:do|make|join|attend|take) (?:a |an |the )?"
            r"(?:[\w'-]+ ){0,2}(?:call|interview|screen|chat|meeting|session)\b",
            2.5,
        ),
        Cue(
            r"\b(?:open to|interested in|up for|available for) (?:interviewing|an interview|"
            r"a (?:[\w'-]+ )?(?:conversation|chat|call) (?:with|about)|speaking with|chatting with|"
            r"meeting (?:with )?(?:the|our))",
            2.5,
        ),
        Cue(
            r"\binterview(?: [\w'-]+){0,4} (?:has been|was|is|had to be) (?:cancell?ed|postponed|"
            r"moved|rescheduled|pushed)",
            1.5,
            negatable=False,
        ),
        Cue(r"\b(?:a |with a )?(?:new|another|alternative|different) (?:date|time|slot)\b", 1.0),
        Cue(
            r"\binvite you to (?:an? |the |our )?(?:[\w'-]+ ){0,2}(?:assessment (?:centre|center|"
            r"day)|interview day|superday|workshop|panel|onsite|on-site)",
            3.0,
        ),
        Cue(r"\bconfirm your attendance\b", 1.0),
        Cue(
            r"\b(?:progressed|progressing|advanced|advancing|moved|moving on|move on|moving"
            r" forward|"
            r"made it|through|graduated|proceeding)(?: [\w'-]+){0,2} to the "
            r"(?:[\w'-]+ ){0,2}(?:round|interview|onsite|loop)",
            2.5,
        ),
        Cue(
            r"\b(?:progressed|advanced|moved|made it|through|graduated)(?: [\w'-]+){0,2} to the "
            r"(?:[\w'-]+ ){0,2}(?:stage|step|phase)",
            1.5,
        ),
        Cue(
            r"\b(?:what|which) (?:mornings?|afternoons?|evenings?|days?|times?|slots?|dates?)"
            r"(?: [\w'-]+){0,3} (?:works?|suits?|is best|are best|would work|fits?)\b",
            2.0,
        ),
        Cue(
            r"\b(?:find|pick|set|arrange|book|propose|suggest) (?:a |some )?(?:new|another|"
            r"different|"
            r"alternative) (?:time|slot|date|day)s?\b",
            2.0,
        ),
        Cue(
            r"\b(?:cancel|postpone|push|move|shift|rearrange)(?:ed|led)? (?:tomorrow's|today's|"
            r"the|your|our|this week's|monday's|tuesday's|wednesday's|thursday's|friday's) "
            r"(?:[\w'-]+ ){0,2}(?:interview|call|meeting|chat|session|onsite)",
            1.5,
        ),
        Cue(
            r"\b(?:like|love|want|keen|happy|glad|eager)(?: [\w'-]+){0,2} (?:to |for you to )"
            r"(?:speak|talk|chat|meet|sit down) (?:with )?(?:you|them|him|her|the team)\b",
            1.5,
        ),
        Cue(
            r"\b(?:like|love|want) you to (?:meet|speak|talk|chat|interview|come in|present)\b",
            2.5,
        ),
        Cue(
            r"\binvite you to (?:interview|meet|speak|come in|visit|present|join (?:us|a|an|the) "
            r"(?:[\w'-]+ ){0,2}(?:interview|call|session|loop))",
            3.0,
        ),
        Cue(
            r"\bcome (?:in|back|into the office|to (?:our|the) office)(?: [\w'-]+){0,2} (?:for|to) "
            r"(?:an?|the|another) (?:[\w'-]+ ){0,2}(?:interview|chat|meeting|conversation|round)",
            2.5,
        ),
        Cue(r"\bsuperday\b|\bcalendar invite\b", 1.0),
        Cue(
            r"\b(?:set up|find|book|schedule|arrange) (?:a |some )?time (?:for you )?to "
            r"(?:meet|speak|talk|chat|connect)",
            2.0,
        ),
        Cue(
            r"\binvite you (?:back |again )?(?:to|for|in) (?:a|an|the|our|another|one more|"
            r"your) (?:\w+[ -]){0,5}(?:interview|round|onsite|on-site|conversation|call|chat|"
            r"meeting|session|presentation|visit|loop|panel|discussion|stage|step)",
            3.0,
        ),
        Cue(
            r"\b(?:like|love|want|happy|pleased|excited|delighted|glad|going)(?: [\w'-]+){0,2} to "
            r"(?:invite|move|advance|progress|bring|take|have) you (?:back |forward |on |ahead |"
            r"through )?(?:[\w'-]+ ){0,3}(?:to|for|into|in) (?:the|a|an|our|another) "
            r"(?:\w+[ -]){0,3}(?:round|interview|onsite|on-site|loop|conversation)",
            3.0,
        ),
        Cue(
            r"\b(?:move|advance|progress|bring|take) you (?:forward |on |ahead |through )?"
            r"(?:[\w'-]+ ){0,3}(?:to|into) (?:the|a|an|our) (?:\w+[ -]){0,2}(?:stage|step|phase)",
            1.5,
        ),
        Cue(
            r"\b(?:move|moving|advance|advancing|progress|progressing) you (?:forward|ahead|on)\b",
            2.0,
        ),
        Cue(r"\b(?:bring|have) you (?:back|in) (?:for|to)\b", 2.5),
        Cue(r"\binterview you\b", 2.5),
        Cue(
            r"\b(?:next|final|second|third|follow-?up|further|last|onsite|on-site|technical|"
            r"panel|in-person|virtual|video|phone|system design|coding|behavioral|behavioural|"
            r"pair[- ]programming|culture|team|hiring manager|case study) (?:round )?"
            r"(?:interviews?|round|conversation|chat|call|session|loop|onsite|deep dive|"
            r"presentation|discussion)\b",
            1.0,
        ),
        Cue(
            r"\b(?:next|last|final) step(?: in (?:our|the) process)? (?:is|would be|will be) "
            r"(?:a|an) (?:\w+[ -]){0,5}(?:interview|conversation|call|chat|onsite|session|"
            r"presentation|round|meeting|deep dive)",
            2.5,
        ),
        Cue(
            r"\b(?:your|send (?:me|us) your|share your|provide your|let (?:me|us) know your|"
            r"what(?:'s| is) your) availability\b(?! to start| for (?:a |your )?start)",
            2.0,
        ),
        Cue(
            r"\bwhat (?:times?|days?|dates?|slots?)(?: [\w'-]+){0,2} "
            r"(?:work|suit|are good|are best|would work)",
            2.0,
        ),
        Cue(
            r"\b(?:which|any|either) (?:one )?of (?:these|the following|those|the below)"
            r"(?: [\w'-]+){0,2}(?: works?| suits?|\?)",
            2.0,
        ),
        Cue(
            r"\b(?:would|do|does|will) (?:either|any|one) of (?:these|the following|those)",
            2.0,
        ),
        Cue(
            r"\b(?:send|give|share|suggest|propose) (?:me |us )?(?:a few|some|two or three|"
            r"\d|your|a couple of) (?:[\w'-]+ ){0,2}(?:times?|windows?|slots?|dates?|options?)",
            2.0,
        ),
        Cue(r"\b(?:a few|some|couple of) (?:\w+ )?times? that (?:work|suit)", 2.0),
        Cue(
            r"\b(?:are|would|will) you (?:be )?(?:available|free)\b|\bwhen (?:are|would) you "
            r"(?:be )?(?:available|free)",
            1.5,
        ),
        Cue(
            r"\b(?:would|are) you (?:be )?(?:up for|interested in|open to|available for) "
            r"(?:a|an|another)(?: [\w'-]+){0,3} (?:interview|chat|call|conversation|meeting|"
            r"session|visit)",
            2.5,
        ),
        Cue(
            r"\b(?:schedul\w*|set up|arrange|book|find a time for|get)(?: [\w'-]+){0,4} "
            r"(?:interview|onsite|call|chat|conversation|session|it on the calendar|round|loop|"
            r"panel|presentation|follow-?up|1:1|one-on-one|next (?:step|stage))",
            1.5,
        ),
        Cue(
            r"\bself-?schedul\w*|\bscheduling (?:link|tool|page)|\bcalendly\b|"
            r"\b(?:grab|pick|choose|book|select)(?: [\w'-]+){0,3} (?:time|slot)s?\b",
            2.0,
        ),
        Cue(
            r"\breschedul\w*(?: [\w'-]+){0,3} (?:interview|call|chat|meeting|session|onsite|"
            r"conversation)|\bmove (?:[\w'-]+ ){0,3}interview|\bnew (?:time|slot)s? for",
            2.0,
        ),
        Cue(r"\breschedul\w*", 1.0),
        Cue(
            r"\b(?:need|have|had) to (?:reschedule|move|cancel|postpone|push back)\b",
            1.5,
        ),
        Cue(
            r"\b(?:meet|speak|chat|talk) with (?:our |the |a couple of |two of )?(?:ceo|cto|"
            r"coo|cfo|founders?|co-?founders?|vp|head of|director|hiring manager|engineers|"
            r"panel|team lead)",
            1.5,
        ),
        # Availability and short invitations: "are you free Friday", "can you do Thursday",
        # "would you be open to meeting", "come meet the team", "wants to chat again".
        Cue(r"\byou (?:free|available)\b(?! to (?:share|send|provide))", 1.0, ask=True),
        Cue(
            r"\byou (?:be )?(?:free|available) (?:on |this |next |for |to )?(?:monday|tuesday|"
            r"wednesday|thursday|friday|mon|tue|tues|wed|thu|thurs|fri|tomorrow|next week|this "
            r"week|(?:a|an) (?:quick |short |brief |follow-?up |\d+[- ]min\w* )?(?:call|chat|"
            r"interview|conversation|meeting|video call|zoom)|(?:meet|chat|speak|talk)\b)",
            2.0,
            ask=True,
        ),
        Cue(
            r"\b(?:can|could|would) you (?:do|make|manage|squeeze in) (?:(?:this|next) )?"
            r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|"
            r"thurs|fri|tomorrow|today|tonight|next week|this week|the \d{1,2}(?:st|nd|rd|th)?|"
            r"\d{1,2}(?::\d\d)?\s?(?:am|pm)|either|any of)",
            2.5,
        ),
        Cue(
            r"\b(?:does|would|will|whether|if) (?:monday|tuesday|wednesday|thursday|friday|"
            r"tomorrow|next week|either|any of these|one of these|(?:the|this|that) (?:\w+ )?"
            r"(?:time|slot|date|day))(?: [\w'-]+){0,3} (?:still )?(?:suit|suits|work|works) "
            r"(?:for )?(?:you|u)\b",
            2.0,
        ),
        Cue(
            r"\bwhich (?:one |of (?:these|those|them) )?(?:works?|suits?) (?:better|best)\b",
            2.0,
        ),
        Cue(
            r"\b(?:open|available|up|free) (?:to|for) (?:meeting|chatting|speaking|talking|coming "
            r"in|connecting|a (?:quick |short |brief |follow-?up |further )?(?:call|chat|"
            r"conversation|meeting|video call|coffee))\b",
            2.5,
        ),
        Cue(
            r"\b(?:wants?|would like|like|love|keen|eager|hoping) to (?:chat|talk|speak|"
            r"meet|catch up|connect|sit down|reconnect)(?: with you)? (?:again|further|more|next|"
            r"in person|face to face|properly|one more time)\b",
            2.0,
        ),
        Cue(
            r"\bcome (?:in )?(?:and )?(?:meet|see) (?:the team|us|our|with|some of|a few of|the "
            r"(?:\w+ )?(?:team|group|founders|panel|engineers))",
            2.5,
        ),
        Cue(
            r"\b(?:next|final|last) step (?:is|would be|will be|:) (?:to )?(?:meet|speak|talk|chat|"
            r"sit down|have (?:a|an) (?:\w+ )?(?:call|conversation|chat|meeting|interview)|"
            r"(?:a |an )?(?:\w+[ -]){0,3}(?:conversation|call|chat|meeting|interview|round|"
            r"onsite|session) with)",
            2.5,
        ),
        Cue(
            r"\b(?:like|love|want) you to (?:attend|join|come (?:in|back|to)|do)"
            r" (?:a|an|the|our|another|one more|us)\b(?!(?: [\w'-]+){0,2} as\b)",
            2.5,
        ),
        Cue(
            r"\b(?:wants?|would like|keen|like) (?:to (?:do|have|set up|schedule|arrange|"
            r"book) )?(?:a|an|another|one more) (?:[\w'-]+[ -]){0,2}(?:interview|round|onsite|"
            r"meeting|chat|call|conversation)\b",
            2.0,
        ),
        Cue(
            r"\b(?:can|could|would) you (?:do|make|join|attend|take) (?:a |an |the )?"
            r"(?:[\w'-]+ ){0,2}(?:round|onsite|on-site|loop|panel|presentation|coffee)\b",
            2.5,
        ),
        Cue(
            r"\boffer(?:ing)? you (?:a |an |another |one more |the )?(?:[\w'-]+ ){0,2}(?:interview|"
            r"slot|call|chat|meeting|conversation|onsite|place in the (?:next|final))",
            2.5,
        ),
        Cue(
            r"\b(?:shortlisted|selected|chosen|picked) (?:you )?for (?:the |a |an )?(?:next|final|"
            r"second|third|further|last) (?:round|stage|interview)",
            2.5,
        ),
        Cue(
            r"\b(?:what|how) does your (?:week|schedule|calendar|availability|diary|next week)"
            r"(?: [\w'-]+){0,2} look\b|\bhow (?:does|do|is|'s|about|would) (?:monday|tuesday|"
            r"wednesday|thursday|friday|mon|tue|tues|wed|thu|thurs|fri|tomorrow|next week|this "
            r"week|the \d{1,2}(?:st|nd|rd|th)?)\b",
            2.0,
        ),
        Cue(
            r"\bcome (?:in|back|by|over|into (?:the|our) office|to (?:our|the) office)"
            r"(?: [\w'-]+){0,3} (?:to|and) (?:meet|speak|chat|talk|interview|present)\b",
            2.5,
        ),
        Cue(
            r"\b(?:continue|carry on|pick up) (?:the|our) (?:conversation|discussion|chat)\b",
            1.5,
        ),
        Cue(r"\bgrab (?:a )?(?:coffee|lunch|(?:a )?(?:quick )?(?:call|chat))\b", 1.0),
        Cue(
            r"\b(?:able|available|free) to come (?:in|to|by|into|over|down)\b|\b(?:could|can|would)"
            r" you make it (?:in|to|over|down|up)\b",
            2.0,
        ),
        Cue(
            r"\b(?:can|could|would) you come (?:back )?(?:in|by|over|back)\b|\b(?:set|line) you up "
            r"with\b|\b(?:get|put) you in front of\b|\byou(?:'re| are) (?:now )?invited to "
            r"(?:a|an|the|our|interview|meet|join|attend)\b",
            2.0,
        ),
        Cue(
            r"\b(?:te|le|os) (?:viene|va|vendría|iría) bien\b|\bkomt (?:het )?(?:jou|je|u) "
            r"(?:het )?(?:beste )?uit\b|\bschikt (?:het )?(?:je|jou|u)\b|\bvous conviendrai\w*|"
            r"\b(?:würde|wäre|ist) (?:ihnen|dir) (?:[\w'-]+ ){0,2}(?:recht|möglich)\b",
            2.0,
        ),
        Cue(
            r"\blet's (?:do|have|set up|schedule|book|arrange|get) (?:a|an|another|the|your) "
            r"(?:[\w'-]+[ -]){0,2}(?:call|chat|interview|meeting|conversation|round|session|"
            r"onsite|catch-?up)\b",
            2.0,
        ),
        Cue(
            r"\b(?:vous rencontrer|te rencontrer|vous revoir|conocerte|conocerle|verte en "
            r"persona|reunirnos contigo)\b|\b(?:je|u) (?:graag )?(?:nog )?(?:een keer |eens )?"
            r"(?:spreken|ontmoeten)\b|\b(?:sie|dich) (?:gerne |gern )?(?:noch )?(?:einmal )?"
            r"(?:persönlich )?(?:kennenlernen|treffen)\b",
            2.0,
        ),
        Cue(
            r"\b(?:hop|jump|get) on (?:a |another )?(?:quick |short |brief )?(?:call|zoom|video|"
            r"chat|teams call|phone call)\b",
            1.5,
        ),
        Cue(
            r"\b(?:we |i )?(?:propose|suggest) (?:[\w'-]+ ){0,2}(?:monday|tuesday|wednesday|"
            r"thursday|friday|\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|"
            r"sep|oct|nov|dec))",
            1.5,
        ),
        # Availability and meeting the team, in de/fr/es/nl.
        Cue(
            r"\b(?:hätten sie|haben sie|hast du|hättest du) (?:\w+ ){0,3}zeit|\bpasst (?:es )?"
            r"(?:ihnen|dir)|\b(?:êtes-vous|seriez-vous|es-tu|serais-tu|seras-tu) (?:\w+ )?"
            r"(?:disponible|libre)|\b(?:estás|estarías|está|estaría|estarás) (?:\w+ )?"
            r"(?:disponible|libre)|\b(?:ben je|bent u|zou je|zou u|zijn jullie) (?:[\w'-]+ ){0,3}"
            r"(?:beschikbaar|vrij)\b",
            2.0,
        ),
        Cue(
            r"\b(?:persönlich kennenlernen|vorbeikommen|nächste(?:n)? (?:runde|gesprächsrunde)|"
            r"rencontrer (?:l'équipe|notre|nos|le|la|les)|prochaine étape|conocer al equipo|"
            r"reunirnos|(?:siguiente|próxima) (?:fase|ronda|etapa)|kennismaken|langskomen|"
            r"volgende (?:ronde|stap|fase))\b",
            1.5,
        ),
        # German
        Cue(r"\b(?:einladen|einladung|laden (?:sie|dich)(?: [\w'-]+){0,4} ein)\b", 2.0),
        Cue(
            r"\b(?:zweites|drittes|nächstes|weiteres|finales|persönliches|abschließendes) "
            r"(?:\w+ )?(?:gespräch|interview|kennenlernen)",
            2.0,
        ),
        Cue(
            r"\bverfügbarkeit|\bwann (?:hätten|haben|passt|wäre)|\bterminvorschl\w+|"
            r"\bzeitfenster|\btermin(?:e)? (?:vereinbaren|finden)",
            1.5,
        ),
        # French
        Cue(r"\b(?:prochain|second|deuxième|nouvel|dernier|troisième) entretien", 2.0),
        Cue(r"\bvous (?:convier|inviter|recevoir)\b", 2.0),
        Cue(r"\bdisponibilités?\b|\bseriez-vous disponible|\bcréneaux?\b", 1.5),
        # Spanish
        Cue(r"\b(?:siguiente|próxima|segunda|nueva|última|tercera) entrevista", 2.0),
        Cue(r"\binvitar(?:te|le|les)\b", 2.0),
        Cue(r"\bdisponibilidad\b|\bfranjas? horarias?|\bqué (?:día|hora)s? te", 1.5),
        # Dutch
        Cue(r"\b(?:tweede|volgende|vervolg|laatste|derde) ?(?:gesprek|interview|ronde)", 2.0),
        Cue(r"\buit(?:nodigen|nodiging)\b", 2.0),
        Cue(r"\bbeschikbaarheid|\bwanneer (?:ben|heb|zou|kun) je|\bwelke (?:dagen|momenten)", 1.5),
        # Invitations in other words: shortlisted or invited for an interview or a panel, a
        # panel keen to meet you for one, one more conversation, slots and preferences.
        Cue(
            r"\b(?:shortlisted|selected|chosen|picked|invited|progressed|put forward)\b"
            r"(?: [\w'-]+){0,3} (?:for|to) (?:an? |the |your |our )?(?:[\w'-]+[ -]){0,2}"
            r"(?:interview|panel|assessment (?:centre|center|day)|presentation|conversation|"
            r"meeting)s?\b",
            2.5,
        ),
        Cue(
            r"\b(?:pleased|delighted|happy|glad|keen|like|love|want|wants|excited)(?: [\w'-]+){0,2}"
            r" to (?:meet|interview|see|invite) you (?:for|to) (?:an?|the|our|another|your|one "
            r"more)\b",
            2.5,
        ),
        Cue(
            r"\b(?:one more|another|a further|a second|a third|a final|a follow-?up|a last) "
            r"(?:[\w'-]+ ){0,2}(?:conversation|chat|call|interview|meeting|round|discussion)s? "
            r"with\b",
            2.0,
        ),
        Cue(
            r"\b(?:does|would|will|could|can|is) (?:monday|tuesday|wednesday|thursday|friday|"
            r"saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|tomorrow|today|next week|this week|"
            r"either|any of (?:these|those|them)|one of (?:these|those)|\d{1,2}(?:[:.]\d\d)?\s?"
            r"(?:am|pm)|noon|midday)\b(?: [\w'-]+){0,5} (?:suit|work|be (?:ok|okay|possible|"
            r"good))\b",
            2.0,
            ask=True,
        ),
        Cue(
            r"\b(?:monday|tuesday|wednesday|thursday|friday|mon|tue|tues|wed|thu|thurs|fri|"
            r"tomorrow)(?: the \d{1,2}(?:st|nd|rd|th)?)?(?: at| @)? \d{1,2}(?:[:.]\d\d)?\s?"
            r"(?:am|pm)?\s?(?:ok|okay|work|works|good|suit|suits|any good|possible)\b",
            2.0,
            ask=True,
        ),
        Cue(
            r"\b(?:your )?(?:preferred|preferable|ideal) (?:date|time|day|slot|session|option|"
            r"timing)s?\b|\b(?:slot|time|date|day|session|option)s? (?:that )?you(?:'d)? "
            r"(?:would )?prefer\b",
            2.0,
            ask=True,
        ),
        Cue(
            r"\b(?:sessions?|slots?|times?|dates?|appointments?) (?:are |is )?(?:available|open|"
            r"free) (?:on|at|from|between)\b",
            1.5,
        ),
        Cue(
            r"\b(?:structured|competency-based|competency|formal|panel|face-to-face|second-round|"
            r"final-round|second[ -]stage|final[ -]stage|stage (?:two|2|three|3)) "
            r"(?:interview|conversation|panel)s?\b",
            1.0,
        ),
        # Italian
        Cue(
            r"\b(?:secondo|prossimo|nuovo|ulteriore|ultimo) colloquio|\bcolloquio (?:finale|"
            r"tecnico|conoscitivo)|\binvitar(?:ti|la|vi) (?:a|per)\b|\b(?:fissare|organizzare|"
            r"programmare) (?:un |il |una )?(?:colloquio|incontro|chiamata|call)|\bquando "
            r"(?:saresti|sarebbe|sei|è) disponibile|\b(?:ti|le) andrebbe bene\b|"
            r"\bdisponibilità per (?:un|il|una)\b",
            2.5,
        ),
        # Portuguese
        Cue(
            r"\b(?:segunda|próxima|nova|última) (?:entrevista|etapa|fase)|\bentrevista (?:final|"
            r"técnica)|\bconvidar (?:você|voce|-lo|-la)|\bconvidá-l[oa]\b|\b(?:agendar|marcar) "
            r"(?:uma |a |um )?(?:entrevista|conversa|reunião|call)|\bqual (?:horário|dia|data) "
            r"(?:seria|fica|é) (?:melhor|bom)|\bsua disponibilidade\b",
            2.5,
        ),
        Cue(
            r"\b(?:find|grab|book|set aside|get|block out|carve out|schedule) (?:\d+|an?|half an|"
            r"some|another) (?:minutes?|mins?|hours?|hour|time|slot)(?: [\w'-]+){0,4} (?:for|to) "
            r"(?:an? |the |another |our )?(?:[\w'-]+[ -]){0,2}(?:call|chat|interview|"
            r"conversation|meeting|session|deep[ -]dive|discussion|round|presentation)\b",
            2.0,
            ask=True,
        ),
        Cue(
            r"\bnext up (?:is|will be|:|would be)(?: [\w'-]+){0,5} (?:interview|call|chat|"
            r"conversation|round|onsite|session|meeting|presentation|panel)\b",
            2.5,
        ),
        Cue(
            r"\b(?:passed|cleared|made it through|got through|aced|sailed through) "
            r"(?:the|your|our) (?:[\w'-]+ ){0,2}(?:screen|screening|round|stage|interview)\b",
            1.5,
        ),
    ),
    "offer": (
        Cue(r"\byour (?:job |written |formal )?offer\b(?! (?:from|elsewhere|at|with))", 2.0),
        Cue(r"\b(?:accept or decline|decline or accept)\b", 1.0),
        Cue(
            r"\b(?:job|role|position|seat) is yours\b|\byou(?:'ve)? got the (?:job|role|gig)\b", 3.0
        ),
        Cue(r"\bbring you on ?board\b|\bjob offer\b", 2.5),
        Cue(
            r"\b(?:pleased|happy|delighted|excited|thrilled|glad|proud)(?: [\w'-]+){0,3} to "
            r"(?:formally |officially )?(?:offer|extend|present|make) (?:to )?(?:you|an offer|"
            r"a (?:\w+ )?offer|the offer)",
            3.5,
        ),
        Cue(
            r"\boffer(?:ing)? (?:it |this |the (?:role|position|job) )?(?:to )?you\b"
            + _NOT_OFFERED
            + r"(?: (?:the|a|this|our|an) (?:\w+[ ,-]){0,6}(?:position|role|job|post|"
            r"opportunity|contract|appointment|seat))?",
            2.5,
        ),
        Cue(
            r"\b(?:extend|extending|make|making|made|extended|send|sending|sent|present) "
            r"(?:to )?(?:you )?(?:a |an |the |your )?(?:formal |verbal |written |official |"
            r"conditional |revised |updated |contingent |final )?offer\b"
            r"(?! to (?:another|a different|the other|someone|an internal|one of))",
            2.5,
        ),
        Cue(
            r"\boffer letter\b|\boffer (?:package|details|documents?|paperwork|terms)\b|"
            r"\b(?:formal|written|official|verbal|revised|updated|conditional) offer\b",
            2.0,
        ),
        Cue(
            r"\b(?:accept|sign|countersign|review|consider)(?:ing)?(?: [\w'-]+){0,2} "
            r"(?:the|this|our|your) offer\b",
            1.5,
        ),
        Cue(r"\bcongratulations\b|\bcongrats\b", 1.0),
        Cue(
            r"\bwelcome (?:you )?(?:to|aboard|on board)(?! (?:apply|reapply|re-apply|submit|keep|"
            r"check|stay|connect|follow|join our talent|(?:our|the|your) (?:[\w'-]+ )?(?:portal|"
            r"account|platform|website|app|careers? (?:site|page|hub))\b))|"
            r"\b(?:love|glad|excited|thrilled|happy|delighted) (?:for you )?to "
            r"(?:have you|welcome you)(?! (?:back|in|over|for|along))"
            r"(?: [\w'-]+){0,2}(?: join| on| as| aboard)?|\blove (?:for )?you to join"
            r"(?! us (?:for|at|on) (?:a|an|the|our|another))",
            2.0,
        ),
        Cue(
            r"\b(?:approved|confirmed|finali[sz]ed) (?:your )?(?:appointment|hire|hiring|offer)|"
            r"\b(?:committee|team|board) (?:said yes|approved (?:you|your))",
            2.5,
        ),
        Cue(
            r"\bappointment letter|\bcontract (?:offer|of employment|paperwork)|"
            r"\bemployment (?:contract|agreement)",
            2.0,
        ),
        Cue(
            r"\b(?:base salary|sign-?on bonus|signing bonus|equity grant|stock options|"
            r"relocation package|start date)\b",
            0.8,
        ),
        Cue(r"\bgood news\b|\bgreat news\b", 0.7),
        # The offer itself, stated or delivered: "offer attached", "pleased to confirm our
        # offer", "we'd like to offer you the role", "the offer still stands".
        Cue(
            r"\b(?:(?:your|the|our) )?(?:formal |written |official )?offer(?: letter| "
            r"documents?| paperwork)? (?:is |are )?(?:attached|enclosed|below)\b|\b(?:attached|"
            r"enclosed|please find|here(?:'s| is)) (?:[\w'-]+ ){0,2}(?:your|the|our) (?:formal |"
            r"written |official )?offer\b",
            3.0,
        ),
        Cue(
            r"\bconfirm(?:ing)? (?:our|the|your|this) (?:[\w'-]+ ){0,2}offer\b|\boffer of "
            r"employment\b",
            2.0,
        ),
        Cue(
            r"\b(?:we(?:'d| would)|i(?:'d| would)|we|i) (?:like|love|want) to (?:formally )?offer "
            r"you\b" + _NOT_OFFERED,
            3.0,
        ),
        Cue(
            r"\b(?:the |our |your )?offer (?:still stands|is still (?:open|on the table|valid)|"
            r"remains open|expires)|\bdeadline (?:to|for) (?:accept|sign|respond|decide)",
            2.0,
        ),
        # German
        Cue(
            r"\b(?:vertragsangebot|arbeitsvertrag|stellenangebot|angebot (?:unterbreiten|machen)|"
            r"(?:ihnen|dir)(?: [\w'-]+){0,12} anbieten|zusage)\b",
            3.0,
        ),
        Cue(r"\bherzlichen glückwunsch\b|\bgratulieren\b", 1.5),
        # French
        Cue(
            r"\bpromesse d'embauche|\bproposition d'embauche|\boffre d'emploi|"
            r"\bvous proposer le poste|\ble plaisir de vous (?:proposer|offrir)|\blettre d'offre|"
            r"\bcontrat de travail",
            3.0,
        ),
        Cue(r"\bfélicitations\b", 1.5),
        # Spanish
        Cue(
            r"\bofrecer(?:te|le)\b|\boferta (?:formal|de trabajo|de empleo)|\bcarta de oferta|"
            r"\bcontrato indefinido|\bnos complace (?:ofrecer|comunicar)",
            3.0,
        ),
        Cue(r"\benhorabuena\b|\bfelicidades\b|\bfelicitaciones\b", 1.5),
        # Dutch
        Cue(
            r"\b(?:aanbod|aanbieding|arbeidsovereenkomst|contractvoorstel|aanbiedingsbrief|"
            r"bieden (?:je|u)(?: [\w'-]+){0,6} aan)\b",
            3.0,
        ),
        Cue(r"\bgefeliciteerd\b", 1.5),
        # Offers told as news or as terms: a summary of the offer, a revised offer, a client
        # who came back with one, an appointment to the post.
        Cue(
            r"\b(?:summary|details|terms|breakdown|outline|recap|overview|headlines?) of (?:the|"
            r"our|your|this|their) (?:\w+ )?offer\b|\boffer (?:we|i|they) (?:discussed|talked "
            r"about|spoke about|agreed|went through|covered)\b",
            3.0,
        ),
        Cue(
            r"\b(?:revised|updated|improved|amended|increased|sweetened|adjusted|raised) (?:the|"
            r"our|your|their|this) (?:\w+ )?offer\b|\b(?:come|came|coming) back (?:to (?:me|us) )?"
            r"with (?:an? |the |their )?(?:\w+ )?offer\b",
            3.0,
        ),
        Cue(
            r"\b(?:they|the client|the company|the team|the business|the board|we|everyone)"
            r"(?:'ve| have| has| all)? (?:want|wants|chose|picked|have chosen) you\b(?! (?:to|for|"
            r"back|in|at)\b)|\b(?:the )?(?:job|role|position|post) is yours\b",
            2.5,
        ),
        Cue(r"\byour appointment (?:to|as)\b|\bappoint(?:ing)? you (?:to|as)\b", 3.0),
        # Italian
        Cue(
            r"\b(?:offrir(?:ti|le|vi)|proporti|proporle)(?: [\w'-]+){0,3} (?:la posizione|il "
            r"ruolo|il posto|l'incarico|un contratto)|\b(?:proposta|lettera) (?:di assunzione|"
            r"di offerta|contrattuale)|\bofferta (?:di lavoro|formale|economica)|\bsiamo lieti di "
            r"(?:offrir|comunicar)|\bbenvenut[oa] (?:nel|a bordo|in)\b",
            3.0,
        ),
        Cue(r"\bcongratulazioni\b|\bcomplimenti\b", 1.5),
        # Portuguese
        Cue(
            r"\b(?:oferecer|oferecer-lhe|lhe oferecer|te oferecer)(?: [\w'-]+){0,2} (?:a posição|"
            r"o cargo|a vaga|a função|o lugar|uma proposta)|\bproposta (?:de trabalho|formal|de "
            r"emprego|de contratação|salarial)|\bcarta[- ](?:de )?oferta|\btemos o prazer de "
            r"(?:lhe |te )?(?:oferecer|informar que (?:você|voce) foi (?:aprovad|selecionad))|"
            r"\bbem-vind[oa] (?:à|ao) (?:equipe|time)",
            3.0,
        ),
        Cue(r"\bparabéns\b", 1.5),
        # Spanish and Dutch, said in other words
        Cue(
            r"\b(?:te|le) (?:adjuntamos|enviamos|envío|adjunto) (?:[\w'-]+ ){0,2}(?:la|nuestra) "
            r"(?:propuesta|oferta)|\bpropuesta (?:formal|económica|de contratación|salarial)|"
            r"\bbienvenid[oa] al equipo|\bel puesto es tuyo|\bqueremos (?:contar contigo|que te "
            r"unas)|\b(?:je|u|jou) (?:[\w'-]+ ){0,6}(?:aanbieden|aan te bieden)\b|\bwelkom "
            r"(?:bij|in) (?:het|ons) team",
            3.0,
        ),
        Cue(
            r"\b(?:join|joining|come on board with) (?:us|the team|our team|the company)"
            r"(?: [\w'-]+){0,2} as (?:an? |our |the |their )?[\w'-]+",
            3.0,
        ),
        Cue(
            r"\b(?:besloten|besluit|graag)(?: [\w'-]+){0,2} (?:om )?(?:je|jou|u) aan te nemen\b|"
            r"\b(?:nemen|neem) (?:we )?(?:je|jou|u) (?:graag )?aan\b",
            3.0,
        ),
    ),
    "rejected": (
        Cue(
            r"(?:\bnot|n't) (?:be )?(?:taking|take) (?:things|this|it|matters|your candidacy) "
            r"(?:any )?further",
            3.0,
            negatable=False,
        ),
        Cue(
            r"(?:\bnot|n't) (?:be )?(?:moving|progressing|advancing|going|proceeding) "
            r"(?:on |forward |ahead |through )?to the (?:next|final|second|further|last)",
            3.5,
            negatable=False,
        ),
        Cue(
            r"\b(?:another|other|a different) (?:candidate|applicant|person|profile)s?"
            r"(?: [\w'-]+){0,3} (?:was|were|is|are|had|has|have) (?:a |the )?(?:stronger|better|"
            r"closer|more)",
            3.0,
            negatable=False,
        ),
        Cue(
            r"(?:\bnot|n't) (?:the |such )?(?:good|great|best|better) news\b",
            2.0,
            negatable=False,
            tone=True,
        ),
        Cue(r"\bon this occasion\b", 0.8),
        Cue(r"\bniet (?:verder |langer )?in behandeling\b", 3.0, negatable=False),
        Cue(
            r"(?:\bnot|n't) (?:be )?(?:inviting|invite|bringing|bring|asking|ask) you (?:back )?"
            r"(?:to|for|into|in) (?:the|a|an|another|any)\b",
            3.5,
            negatable=False,
        ),
        Cue(
            r"\bniet (?:[\w'-]+ ){0,3}(?:uit te nodigen|uitnodigen)|\bnicht (?:[\w'-]+ ){0,5}"
            r"einladen|\bpas (?:en mesure de )?vous (?:convier|inviter|recevoir)|\bno "
            r"(?:podemos|vamos a|podremos) invitar(?:te|le)",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\boffer(?:ed|ing)? (?:the|this|that) (?:role|position|job|post) to (?:another|a "
            r"different|an internal|someone|the other|a candidate|one of)",
            3.0,
            negatable=False,
        ),
        Cue(
            r"(?:\bnot|n't|\bunable to) (?:be )?(?:progressing|progress|advancing|advance|moving|"
            r"move|taking) (?:you|your (?:application|candidacy))(?: (?:forward|further|ahead|"
            r"on|to "
            r"the next))?",
            3.5,
            negatable=False,
        ),
        Cue(
            r"\b(?:hired|appointed|made a hire|made an appointment|found (?:the right|a|our|a "
            r"suitable) (?:person|candidate|hire))\b(?: [\w'-]+){0,2} (?:for )?(?:this|the|that) "
            r"(?:position|role|opening|job|vacancy)",
            3.0,
        ),
        Cue(r"\bgo (?:another|a different) way\b", 3.0, negatable=False),
        Cue(
            r"\b(?:position|role|opening|vacancy|job)(?: [\w'-]+){0,2} (?:is|has been) no longer "
            r"(?:available|open)",
            3.0,
            negatable=False,
        ),
        Cue(r"\bunable to (?:move|proceed|progress|continue)\b", 3.0, negatable=False),
        Cue(r"\b(?:difficult|tough|hard) decision\b", 0.8, tone=True),
        Cue(
            r"\bno (?:vamos a |podemos |podremos )?(?:seguir adelante|continuar|avanzar) con "
            r"(?:tu|su) (?:candidatura|proceso|solicitud)",
            3.0,
            negatable=False,
        ),
        Cue(r"\b(?:keine|nicht) (?:\w+ )?zusage\b|\babsagen\b", 3.0, negatable=False),
        Cue(
            r"(?:\bnot|n't|\bno longer) (?:be )?(?:going to (?:be )?)?(?:moving|move|going|proceed|"
            r"proceeding|progressing|progress|advancing|advance|continuing|continue|pursuing|"
            r"pursue|taking|take)(?: (?:forward|ahead|further))? (?:with|in) (?:your|you\b|"
            r"any (?:candidates|applicants)|this application)",
            3.5,
            negatable=False,
        ),
        Cue(
            r"(?:\bnot|n't) (?:be )?(?:moving|going|proceeding|progressing|advancing) "
            r"(?:forward|ahead|further)\b",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:decided|chosen|chose|decision|elected|opted) (?:not to|to not) (?:proceed|move|"
            r"extend|continue|pursue|offer|advance|progress|hire|invite|take|appoint|fill|"
            r"recruit|interview|shortlist)\b"
            # ending the search or the interviews is no verdict on the candidate
            r"(?! (?:the|our|with (?:the|our)) (?:search|interviews|interviewing|recruitment)\b)",
            3.5,
            negatable=False,
        ),
        Cue(
            r"\b(?:with|pursue|pursuing|chose|chosen|selected|hired|hire|select|picked|"
            r"appointed|go with|going with|gone with|offered (?:the|this) (?:role|position|job) "
            r"to|continue (?:the process )?with) (?:an?other|other|a different|an internal|"
            r"the other|one of the other|a|an)(?: [\w'-]+){0,2} (?:(?:candidates?|applicants?|"
            r"profiles?|finalists?|hires?)\b|(?:person|people|individuals?) "
            r"(?:whose|who|with|that)\b)|"
            r"\b(?:with|hired|chose|chosen|selected|picked|appointed) someone else\b|"
            r"\b(?:pursue|pursuing|chose|chosen|selected|hired|hire|go "
            r"with|going with|gone with|proceed with|proceeding with|move forward with|moving "
            r"forward with|continue with|offered (?:the|this) (?:role|position|job) to) "
            r"(?:someone|somebody) (?:whose|with|who)\b|\bwith (?:someone|somebody) (?:whose|"
            r"with (?:more|a|an|deeper|stronger|broader)|who (?:is|was|has|had|brings|better|more|"
            r"closer|already)(?: a)? (?:more|better|closer|stronger|slightly|already|direct|"
            r"deeper|broader|experience|background))\b",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:candidates?|applicants?|someone|profiles?|individuals?|person)(?: [\w'-]+){0,2} "
            r"(?:whose|who|with|that)(?: [\w'-]+){0,5} (?:more closely|more directly|better|closer|"
            r"more)(?: [\w'-]+){0,2} (?:match|matches|matched|align|aligns|aligned|fit|fits|"
            r"suited|suits|corresponds?|experience|background)",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:went|go|going|gone|head(?:ed|ing)?|move|moving)(?: in)? (?:a different|"
            r"another|other) direction",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:position|role|opening|vacancy|requisition|req|search|job)\b[^.!?;]{0,60}?"
            r"(?:\b(?:ha(?:s|ve)(?: since| already)? been|was|were|is|is now|will be|got)|'s been|"
            r"'s now) (?:now )?"
            r"(?:officially )?"
            r"(?:filled|closed|cancell?ed|eliminated|withdrawn|discontinued|pulled|scrapped|"
            r"axed)\b",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:filled|closed?|cancel+(?:ed)?|closing|eliminated) (?:the|this|that|our) "
            r"(?:\w+ )?(?:position|role|opening|vacancy|search|requisition|req)\b",
            3.0,
            negatable=False,
        ),
        Cue(r"(?:\bwill not|\bwon't) be filled\b", 3.0, negatable=False),
        Cue(
            r"\b(?:no longer|not) (?:being )?(?:under )?(?:considered|consideration|active|"
            r"in consideration|in the running)\b",
            3.0,
            negatable=False,
        ),
        # "We regret to inform you that tomorrow's interview is cancelled" is not a no.
        Cue(
            r"\bregret (?:to inform|to let you know|to tell you|that)\b",
            1.5,
            negatable=False,
            tone=True,
        ),
        Cue(r"\bunsuccessful\b", 2.5, negatable=False),
        Cue(
            r"(?:\bnot|n't|\bunable to|\bcannot) (?:be )?(?:able to )?(?:extend|extending|make|"
            r"making|offer|offering)"
            r"(?: [\w'-]+){0,1} (?:you )?(?:an? |the )?(?:\w+ )?(?:offer|position|role|job|"
            r"place|spot|seat|contract)\b(?! (?:in|on|at|for) (?:the |our |a |an )?(?:next|"
            r"final|second|third|interview|assessment|shortlist))",
            3.5,
            negatable=False,
        ),
        Cue(
            r"(?:\bnot|n't) (?:been )?(?:selected|successful|chosen|shortlisted)\b|"
            r"(?:\bnot|n't) (?:be )?(?:quite |really |exactly |necessarily )?(?:the|a|an)"
            r"(?: (?:right|good|strong|best|close|great|perfect|clear))? (?:fit|match)\b",
            3.0,
            negatable=False,
        ),
        Cue(
            r"(?:\bnot|n't) (?:be )?(?:taking|take|progressing|progress) your (?:application|"
            r"candidacy)(?: [\w'-]+){0,6} (?:further|forward)",
            3.5,
            negatable=False,
        ),
        Cue(
            r"\b(?:another|other|the other|a different|an internal) (?:candidate|applicant|"
            r"person)(?: [\w'-]+){0,3} (?:has |have )?(?:accepted|was (?:offered|selected|hired|"
            r"chosen))|\b(?:they|she|he) (?:have|has) accepted\b",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\boffer to (?:another|a different|an internal|the other|one of the other) "
            r"(?:candidate|applicant|person)",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\bno (?:candidates?|one|applicants?) will (?:move|be moving|progress)",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\bnot (?:the )?(?:news|answer|outcome|update) (?:you|you've been|that you) "
            r"(?:were |had been |are )?hoping",
            3.0,
            negatable=False,
            tone=True,
        ),
        Cue(r"\bunfortunately\b|\bsadly\b", 1.0, negatable=False, tone=True),
        Cue(
            r"\b(?:sorry|disappointing) (?:to|that)(?: [\w'-]+){0,3} (?:news|say|share|tell)",
            1.0,
            tone=True,
        ),
        Cue(
            r"\bkeep (?:your )?(?:resume|résumé|cv|details|profile|information|application|"
            r"name|details)(?: [\w'-]+){0,2} on (?:file|record)",
            1.0,
        ),
        Cue(
            r"\b(?:future|other|upcoming|later) (?:opportunities|openings|roles|positions|"
            r"vacancies)|\b(?:roles|positions) (?:opening|coming up) later",
            0.6,
        ),
        Cue(
            r"\bwish(?:ing)? you (?:well|(?:all )?the (?:very )?best|(?:every|much|continued|great)"
            r" "
            r"success|(?:good |the best of )?luck)(?:\s[\w'-]+){0,3} (?:in|with|for) your|"
            r"\b(?:good|best of) luck (?:in|with) your (?:job )?search",
            1.5,
        ),
        Cue(r"\bencourage you to (?:apply|keep an eye|check)", 1.0),
        Cue(r"\b(?:this|the|our) decision (?:was|is) not (?:an )?easy", 1.2, negatable=False),
        Cue(r"\bhope (?:our paths|we) (?:cross|can work together)", 0.8),
        # Soft and slang refusals: "went another way", "decided to pass", "closing out your
        # application", "focus on candidates with...", passive "will not be progressed".
        Cue(
            r"\b(?:go|went|gone|going|decided to go) (?:another|a different|other) (?:way|route|"
            r"direction)\b",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:decided|decision|chosen|chose|elected|opted) to pass\b|\b(?:going to|gonna|have "
            r"to|'ll|will|'re|are) pass(?:ing)? (?:on (?:you\b|your (?:application|candidacy|"
            r"profile)|this (?:one|occasion|role|time))|this time|for now)",
            3.0,
        ),
        Cue(
            r"(?:\bnot|n't) (?:be )?(?:been )?(?:progressed|taken forward|moved forward|"
            r"considered further|taken further|advanced)\b(?: any)?(?: further)?",
            3.5,
            negatable=False,
        ),
        Cue(
            r"\b(?:clos(?:e|ing)|closed) (?:out )?(?:your|all(?: the)?|the|all remaining) "
            r"(?:applications?|candidacy|candidacies|file)\b",
            3.0,
        ),
        Cue(
            r"\b(?:focus|focusing|concentrate|prioriti[sz]e|prioriti[sz]ing) on (?:other |a few "
            r"other |the other )?(?:candidates?|applicants?|profiles?|people|those)"
            r"(?: [\w'-]+){0,2} (?:with|whose|who|that)\b",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:gone|go|going|went) with (?:the|an?) (?:internal|external|other|stronger|more "
            r"experienced|different|local|existing) (?:candidate|applicant|person|hire|profile)s?|"
            r"\b(?:role|position|job|offer|opening) (?:went|has gone|was given|was offered|has been"
            r" offered|has been given) to (?:a|an|another|someone|somebody|the other|one of|an "
            r"internal)\b",
            3.0,
            negatable=False,
        ),
        Cue(r"\bbad news\b|\bgutted\b", 1.5, tone=True),
        Cue(r"\bnot (?:gonna|going to) (?:happen|work out)\b", 1.5),
        Cue(r"\bi(?:'m| am) afraid\b", 0.8, negatable=False, tone=True),
        Cue(
            r"(?:\bnot|n't) (?:quite )?(?:the )?right (?:fit |match |role |position |person )?for "
            r"(?:you|us)\b|\b(?:didn't|did not|haven't|have not|won't|will not) (?:quite )?(?:make "
            r"it"
            r"|progress|get through|go through|move on|pass) (?:to|through|into|onto)\b",
            3.0,
            negatable=False,
        ),
        Cue(r"\b(?:keep|continue) (?:looking|searching)\b|\bcontinue (?:our|the) search\b", 2.0),
        Cue(
            r"(?:\bnot|n't) (?:be )?(?:hiring|scheduling|arranging|setting up) (?:any )?(?:further|"
            r"more|additional|another|for (?:this|the) (?:role|position))\b|\b(?:hire[ds]?|hiring|"
            r"promote[ds]?|promoting|fill(?:ed|ing)? (?:it|the role|the position))(?: (?:someone|"
            r"somebody|a colleague|an employee|a team member|one of our own))? internally\b|"
            r"\binternal (?:hire|promotion|transfer)\b|\bintern besetzt",
            2.5,
            negatable=False,
        ),
        Cue(
            r"\bno longer (?:be )?(?:hiring|recruiting) for\b|(?:\bnot|n't) (?:be )?(?:hiring|"
            r"recruiting) for (?:it|this|that|the)\b[^.!?;]{0,30}\b(?:anymore|any ?more|any "
            r"longer)\b",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:it's|it is|that's|that is|answer is|the answer's) (?:a |an )?['\"]?(?:no|pass)"
            r"['\"]?(?![-\w])",
            3.0,
        ),
        Cue(
            r"(?:\bnot|n't|\bunable to) (?:going to |gonna )?(?:be )?(?:able to |in a position "
            r"to )?(?:move|moving|progress|progressing|advance|advancing|take|taking|bring|invite) "
            r"(?:you|your (?:application|candidacy|profile)) (?:forward|further|ahead|on|through|"
            r"back|to the next)\b",
            3.5,
            negatable=False,
        ),
        Cue(
            r"\bdecided against (?:moving|progressing|proceeding|taking|your|you|continuing|"
            r"advancing)",
            3.5,
            negatable=False,
        ),
        # Soft refusals in de/fr/es/nl.
        Cue(
            r"\bnicht (?:[\w'-]+ ){0,3}(?:weiterkommen|berücksichtigen|fortsetzen|weiterführen|"
            r"anbieten|weiter verfolgen)\b|\b(?:andere[nr]?) (?:kandidat\w*|bewerber\w*|profil\w*)"
            r"(?: [\w'-]+){0,4} (?:entschieden|gewählt|ausgewählt)|\bstelle (?:ist|wurde) "
            r"(?:bereits |inzwischen |leider )?(?:besetzt|vergeben|gestrichen)",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:avons|a|ont) (?:décidé|choisi) de ne pas|\bne (?:sommes|pourrons|pouvons|"
            r"allons) pas (?:en mesure de )?(?:donner suite|vous proposer|poursuivre|retenir|"
            r"aller plus loin)|\b(?:retenu|choisi|privilégié|orienté vers) (?:[\w'-]+ ){0,2}"
            r"(?:une? )?autres? (?:candidat\w*|profil\w*)",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:hemos decidido no|decidimos no|no (?:hemos podido|podemos|vamos a|podremos) "
            r"(?:ofrecerte|ofrecerle|avanzar|continuar|seguir))|\b(?:optado por|elegido|"
            r"seleccionado) (?:[\w'-]+ ){0,2}otr[oa]s? (?:candidat\w+|perfil\w*)",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\bbesloten (?:om )?(?:[\w'-]+ ){0,3}niet|\bniet (?:verder|door) ?(?:te )?(?:gaan|"
            r"gaat)|\b(?:kiezen|gekozen|gaan) voor een andere",
            3.0,
            negatable=False,
        ),
        # German
        Cue(
            r"\b(?:für (?:eine|einen) (?:andere|anderen) (?:kandidat|bewerber)\w*|"
            r"anderweitig (?:entschieden|besetzt|vergeben)|absage|nicht (?:weiter )?"
            r"berücksichtig\w*|nicht in die engere|bereits (?:besetzt|vergeben)|"
            r"gegen (?:sie|ihre bewerbung)|nicht weiter verfolgen)\b",
            3.0,
            negatable=False,
        ),
        Cue(r"\bleider\b", 1.0, negatable=False, tone=True),
        Cue(r"\bberufliche zukunft\b|\bweiteren weg\b", 1.0),
        # French
        Cue(
            r"\b(?:pas (?:pu )?(?:donner (?:une )?suite|retenir|retenu\w*)|ne pas donner suite|"
            r"pas été retenue?|(?:retenu|choisi|sélectionné|poursuivre avec|continuer avec) "
            r"(?:[\w'-]+ ){0,2}(?:un |une |d')?autres? (?:candidat|profil)\w*|"
            r"poste (?:a été |est )?pourvue?|"
            r"pas (?:poursuivre|continuer))",
            3.0,
            negatable=False,
        ),
        Cue(r"\bmalheureusement\b|\bau regret\b", 1.0, negatable=False, tone=True),
        # Spanish
        Cue(
            r"\b(?:(?:seguir|continuar|avanzar|adelante|quedado|elegido|seleccionado|decidido)"
            r"(?: [\w'-]+){0,4} con (?:otr[oa]s? |un[oa]? )?(?:otr[oa]s? )?(?:candidat[oa]s?|"
            r"perfil)|"
            r"otr[oa] candidat[oa] cuyo|no (?:hemos|ha) sido seleccionad\w*|"
            r"no (?:continuar|seguir adelante|avanzar)|(?:puesto|vacante) (?:ya )?"
            r"(?:ha sido )?cubiert[oa]|no ha(?:s)? sido seleccionad\w*)",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\blamentablemente\b|\bdesafortunadamente\b|\b(?:sentimos|lamentamos) "
            r"(?:informar|comunicar|decir)(?:te|le|les)\b",
            1.0,
            tone=True,
        ),
        # Dutch
        Cue(
            r"\b(?:niet verder(?: [\w'-]+){0,2} (?:gaan|gaat)|(?:gekozen voor|verder met|"
            r"gaan met) (?:een )?andere kandida(?:at|ten)|"
            r"afwijzing|afgewezen|vacature is (?:al )?(?:ingevuld|vervuld)|niet (?:geselecteerd|"
            r"door)|gekozen voor een (?:andere )?kandidaat)",
            3.0,
            negatable=False,
        ),
        Cue(r"\bhelaas\b", 1.0, negatable=False, tone=True),
        Cue(r"\bveel succes\b", 1.0),
        # A no said in other words: the post offered to someone else, a stage not passed.
        Cue(
            r"\b(?:role|position|job|post|vacancy|offer)(?: [\w'-]+){0,2} (?:has|have|was|were|"
            r"is)(?: now| since| already)?(?: been)? (?:offered|given|awarded|accepted) (?:to|by) "
            r"(?:a|an|another|someone|somebody|the other|one of|an internal|a candidate)\b",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:no (?:vas|va|vais|van) a (?:continuar|seguir|avanzar|pasar)|no (?:continuarás|"
            r"continuará|seguirás|seguirá|avanzarás|avanzará|pasarás|pasará)|no (?:has|ha) "
            r"superado)\b",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:niet verder met (?:je|jouw|uw) (?:sollicitatie|kandidatuur)|(?:functie|positie|"
            r"rol|vacature) is (?:inmiddels |al |helaas )?(?:vervuld|ingevuld|vergeven)|gekozen "
            r"voor iemand|(?:valt|val je) af\b)",
            3.0,
            negatable=False,
        ),
        # Italian
        Cue(
            r"\b(?:non (?:siamo in grado di|potremo|possiamo|intendiamo) (?:procedere|proseguire|"
            r"andare avanti|darti|offrirti)|abbiamo deciso di (?:non|proseguire con (?:altr|un "
            r"altr))|(?:non (?:è stat[oa]|sei stat[oa]|è stata) selezionat\w)|posizione (?:è "
            r"stata )?(?:già )?(?:coperta|chiusa|assegnata)|altri candidati (?:il cui|con un|più)|"
            r"non proseguir\w*)",
            3.0,
            negatable=False,
        ),
        Cue(r"\bpurtroppo\b|\bci dispiace\b", 1.0, negatable=False, tone=True),
        # Portuguese
        Cue(
            r"\b(?:não (?:seguiremos|vamos seguir|prosseguiremos|daremos continuidade|vamos "
            r"avançar|avançaremos|foi selecionad\w|foi aprovad\w)|decidimos (?:não|seguir com "
            r"outr)|optamos por (?:outr|seguir com outr)|(?:vaga|posição) (?:já )?foi preenchida|"
            r"seguir com outr[oa]s? candidat)",
            3.0,
            negatable=False,
        ),
        Cue(r"\binfelizmente\b|\blamentamos\b", 1.0, negatable=False, tone=True),
        Cue(
            r"\bnão (?:poderemos|podemos|vamos|iremos) (?:dar continuidade|seguir|prosseguir|"
            r"avançar)|\b(?:scelto|selezionato|optato per|preferito) (?:un |un'|un altro |"
            r"un'altra )?altr[oaie] candidat\w*|\b(?:scelto|selezionato) (?:un |un')?altr[oa] "
            r"(?:profilo|candidat\w*)",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:it|the answer|the choice)(?: just)? (?:won't|will not|isn't|is not|wasn't|was "
            r"not) (?:be |going to be )?you\b(?= this time| on this occasion|[.,;!]| i'm afraid)",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:(?:were|was|are) not|weren't|aren't|wasn't) (?:among|one of) (?:them|those|"
            r"the (?:candidates|applicants|people|ones|successful))\b",
            3.0,
            negatable=False,
        ),
    ),
    "auto_reply": (
        Cue(r"\bout of (?:the )?office\b|\booo\b", 2.5, negatable=False),
        Cue(
            r"\b(?:i am|i'm|i will be|i'll be|currently)(?: [\w'-]+){0,2} (?:away|out|on "
            r"(?:\w+ )?(?:leave|vacation|holiday|holidays|pto|sabbatical)|travel(?:l)?ing|at "
            r"(?:a|the|our) (?:[\w'-]+ ){0,4}(?:conference|summit|event|offsite))",
            1.5,
        ),
        Cue(
            r"\b(?:limited|no|intermittent|restricted|sporadic|very limited) access to (?:my )?"
            r"(?:e-?mail|inbox|messages|email)|\b(?:won't|will not) be checking (?:e-?mail|"
            r"messages)",
            2.5,
            negatable=False,
        ),
        Cue(
            r"\b(?:upon|on|after) my return\b|\bwhen i(?:'m| am)? (?:return|back)\b|"
            r"\bresponses? will be delayed|\bdelayed (?:response|reply)",
            2.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:automatic|automated|auto)[- ]?(?:reply|response|confirmation|"
            r"acknowledge?ment)\b",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:automatic|automated|auto)[- ]?(?:generated )?(?:message|notification|e-?mail|"
            r"notice|update)\b|\bthis is an automated\b|\b(?:sent|generated) automatically\b",
            3.0,
            negatable=False,
            automation=True,
        ),
        Cue(
            r"\b(?:mailbox|inbox|e-?mail address|address|account) (?:is not |isn't |is un|"
            r"not |un)(?:monitored|attended|checked|read)\b|\b(?:replies|responses) to this (?:\w+"
            r" )?"
            r"(?:are|is|will) not (?:be )?(?:read|monitored)|\bdo not reply to this",
            2.0,
            negatable=False,
            automation=True,
        ),
        Cue(
            r"\b(?:we|i)(?:'ve| have)? (?:received|got) your (?:e-?mail|message|inquiry|enquiry|"
            r"request|note|application|submission|cv|resume)"
            r"|\b(?:request|message|email) has been received\b",
            1.5,
            negatable=False,
        ),
        Cue(r"\bticket (?:number|#|id)\b|\bassigned (?:a )?ticket\b", 2.0, negatable=False),
        Cue(
            r"\bi(?:'m| am)? (?:no longer (?:work(?:ing)?|employed) (?:at|for|with)|no longer with|"
            r"have left)\b",
            2.5,
            negatable=False,
        ),
        Cue(
            r"\b(?:checking|check|access(?:ing)?) (?:my )?(?:e-?mails?|messages|inbox)(?: only)? "
            r"(?:occasionally|sporadically|intermittently|periodically|infrequently|rarely)|"
            r"\bi(?:'m| am| will be|'ll be) (?:off|out|away|offline|unavailable|not available|"
            r"unreachable)(?: [\w'-]+){0,3} (?:until|till|through|thru|between)\b",
            2.5,
            negatable=False,
        ),
        Cue(
            r"\b(?:thank you|thanks) for (?:contacting|reaching out to|writing to|your (?:e-?mail|"
            r"message) to) (?:the|our) (?:[\w'-]+ ){0,2}(?:team|department|desk|inbox|office)\b|"
            r"\ba member of (?:our|the) (?:[\w'-]+ )?team will\b",
            1.5,
            negatable=False,
        ),
        Cue(r"\brespond within (?:[\w'-]+ ){0,3}(?:business |working )?(?:days|hours)", 1.0),
        Cue(
            r"\bno longer (?:with|at|employed|working (?:at|for|with)) (?:the company|us|"
            r"[a-z]+ (?:software|inc|group|labs|ltd|gmbh|bank))",
            2.5,
            negatable=False,
        ),
        # Said of a colleague, it may be a human handover note as much as a responder.
        Cue(r"\bhas left the (?:company|organi[sz]ation|business|firm)\b", 1.5, negatable=False),
        Cue(
            r"\b(?:in case of|for) urgent (?:matters|requests|inquiries)|\bif (?:it is|it's|"
            r"your matter is) urgent\b",
            1.0,
        ),
        # German
        Cue(
            r"\b(?:nicht im büro|abwesend|abwesenheit\w*|außer haus|automatische antwort|"
            r"im urlaub|in elternzeit|eingeschränkt\w*(?: [\w'-]+){0,2} zugriff|nicht "
            r"erreichbar|nicht weitergeleitet)\b",
            2.5,
            negatable=False,
        ),
        # French
        Cue(
            r"\b(?:absente? du bureau|réponse automatique|en congés?|accès limité|"
            r"dès mon retour|de retour le|pas joignable|injoignable|absente? jusqu'\w+)\b",
            2.5,
            negatable=False,
        ),
        # Spanish
        Cue(
            r"\b(?:fuera de la oficina|respuesta automática|de vacaciones|ausente|acceso limitado|"
            r"mi regreso|estaré de vuelta|estoy fuera|estaré fuera|no estaré disponible)\b",
            2.5,
            negatable=False,
        ),
        # Dutch
        Cue(
            r"\b(?:afwezig|niet op kantoor|automatisch antwoord|met vakantie|op vakantie|"
            r"beperkt toegang|weer (?:aanwezig|terug)|niet bereikbaar)\b",
            2.5,
            negatable=False,
        ),
        # Italian and Portuguese absences
        Cue(
            r"\b(?:fuori (?:ufficio|sede)|risposta automatica|in ferie|assente (?:fino|dal)|"
            r"rientrerò|fora do escritório|resposta automática|de férias|ausente até|"
            r"retornarei)\b",
            2.5,
            negatable=False,
        ),
        # An application acknowledged: received, and contact promised only if it fits.
        Cue(r"\b(?:we|i)(?:'ve| have)? (?:received|got) it\b", 1.5, negatable=False),
        Cue(
            r"\b(?:thank you|thanks) for (?:your application|applying)(?: [\w'-]+){0,4}[.!]",
            1.0,
            negatable=False,
        ),
        Cue(
            r"\bif (?:your|you) (?:profile|application|experience|skills|background|"
            r"qualifications|cv)(?: [\w'-]+){0,2} (?:matches|match|meets|meet|fits|fit|is (?:a )?"
            r"(?:match|fit|suitable))\b|\bif you (?:are|have been|'re) (?:shortlisted|selected|"
            r"successful)\b",
            1.5,
            negatable=False,
        ),
    ),
    "other": (
        Cue(
            r"\bplease disregard\b|\bsent (?:to you )?(?:by mistake|in error|by accident)|"
            r"\b(?:was|were) (?:meant|intended) for (?:someone|another|a different)",
            4.0,
            negatable=False,
        ),
        Cue(
            r"\bunsubscribe\b|\byou(?:'re| are) receiving this\b|\btalent (?:community|network)|"
            r"\bjob alerts?\b|\bnewsletter\b|\bmanage (?:your )?(?:e-?mail )?preferences",
            2.0,
            negatable=False,
        ),
        Cue(r"\bopen house\b|\bwebinar\b|\bmeetup\b|\brsvp\b", 1.5, negatable=False),
        Cue(
            r"\breimburs\w+|\bexpense (?:report|claim|request)|\btracking number\b|\bshipment\b|"
            r"\bpayment (?:method|of)\b|\bdirect deposit\b",
            2.0,
            negatable=False,
        ),
        Cue(r"\bprivacy (?:notice|policy|information)|\bgdpr\b|\bdata protection\b", 1.5),
        Cue(
            r"\b(?:you )?(?:do not|don't) need to do anything|\bno action (?:is )?(?:needed|"
            r"required)|\bnothing (?:you need|for you) to do",
            2.0,
            negatable=False,
        ),
        Cue(
            r"\b(?:your|the) (?:decision|choice) to withdraw|\bwithdr[ae]w\w*(?: [\w'-]+){0,2} "
            r"(?:your |from )?(?:application|candidacy|process)|\bclosed? out your application|"
            r"\byou(?:'re| are) withdrawing\b|\byou(?:'ve| have) withdrawn\b|\byour withdrawal\b|"
            r"\bcongrat(?:ulation)?s on (?:the|your) new (?:role|job|position|offer)|"
            r"\byou(?:'ve| have)? (?:accepted|taken|decided to accept) (?:an|another|a|the) "
            r"(?:\w+ )?(?:offer|role|position|job)",
            3.0,
            negatable=False,
        ),
        Cue(r"\b(?:my )?last day\b|\bpoint of contact\b|\btaking over (?:from me|your)", 2.0),
        Cue(
            r"\bportal (?:is moving|will move)|\bnew (?:candidate )?portal\b|\b(?:portal|platform|"
            r"system) migration",
            1.5,
        ),
        Cue(
            r"\bsurvey\b(?: [\w'-]+){0,8} (?:optional|anonymous)|\b(?:how did we do|candidate "
            r"experience)\b|\b(?:does not|doesn't|will not|won't) affect your application",
            2.5,
            negatable=False,
        ),
        Cue(r"\b(?:the )?(?:blog post|article|link) (?:i|we) mentioned\b|\bas promised\b", 1.0),
        Cue(
            r"\b(?:received|got|have|for) (?:back )?(?:your|the) (?:signed|countersigned|executed)"
            r" (?:offer|contract|letter|paperwork|agreement)|\b(?:thanks?|thank you) (?:so much )?"
            r"for (?:signing|returning the signed|accepting (?:our|the) offer)",
            3.0,
            negatable=False,
        ),
        Cue(
            r"\bplease (?:ignore|disregard)\b|\b(?:went out|was sent|were sent|sent out|was "
            r"issued|was triggered|went to you)(?: to you)? (?:in error|by mistake|by accident|"
            r"erroneously)",
            4.0,
            negatable=False,
        ),
    ),
}

# Sentence-level vetoes: a match in a sentence silences that label's cues there.
SENTENCE_VETOES: dict[str, tuple[str, ...]] = {
    "offer": (
        r"\bnot (?:an?|to be (?:construed|considered) as an?) (?:\w+ )?offer",
        r"\bconstitut\w*(?: [\w'-]+){0,2} (?:an? )?(?:\w+ )?offer",
        r"\b(?:any|an) offer(?: of employment)? (?:will|shall|would|can) (?:only )?be",
        r"\b(?:another|other|a different|an internal|the other|external) (?:candidate|"
        r"applicant|person)",
        r"\bsomeone else\b",
        r"\bbefore (?:we|i) (?:can )?(?:extend|make|put together|move|finali[sz]e)",
        r"\bno offer\b",
        r"\b(?:questions? about|regarding) (?:your |an |the )?(?:\w+ )?offer",
        r"\bnot (?:yet )?(?:in a position|ready|able) to",
        r"\bnicht (?:als )?(?:ein )?angebot\b|\bne constitue pas\b|\bno constituye\b",
        r"\bcongrat\w* on (?:making it|advancing|moving|passing|reaching|getting through)",
        # "Welcome to" a newsletter, a community or a mailing list is no offer.
        r"\b(?:newsletter|talent (?:community|network|pool)|mailing list|job alerts?|"
        r"subscri(?:bed|ption|ber)|digest|webinar)\b",
    ),
    "rejected": (
        r"\bnot (?:a|an) (?:rejection|no)\b|\bisn't a ['\"]?no\b|\bis not a ['\"]?no\b",
        r"\bdoes(?:n't| not) mean (?:a|that)",
        r"\b(?:ask|prefer|want|rather)(?: [\w'-]+){0,3} not (?:contact|reach)",
        r"\b(?:other|remaining) candidates? (?:will|have|are)",
    ),
    "references_requested": (
        r"\b(?:at a )?later (?:stage|point|date)\b|\bnot there yet\b",
        r"\b(?:send|ask|request|collect|handle|contact|be in touch|reach out|follow up)\w*"
        r"(?: [\w'-]+){0,4} separately\b",
        r"\bno need to send\b|\bnot (?:yet )?(?:needed|necessary|required)\b",
        r"\b(?:thank(?:s| you)|thanks so much) for (?:sending|providing|sharing|submitting|"
        r"getting)\b",
        r"\bpositive\b.{0,20}\breferen",
        r"\bif (?:you(?:'re| are)|we) (?:[\w'-]+ ){0,4}(?:selected|move forward|proceed)",
        r"\bnach den gesprächen und den\b",
    ),
    "info_requested": (
        r"\bno need to send\b|\bnothing (?:you need|to do|needed)\b",
        r"\bdon't need (?:anything|to send)\b|\bno action\b",
        r"\b(?:thank(?:s| you)|thanks so much) for (?:sending|providing|sharing|submitting)\b",
        r"\bif you have (?:any )?(?:\w+ )?questions\b",
        r"\bbring (?:a |your |along )?(?:[\w'-]+ ){0,2}(?:id|identification|passport|laptop|badge)",
    ),
    "next_round": (
        r"\bbefore (?:we|i) (?:can )?(?:schedule|move|set up|proceed|book|invite|arrange)",
        r"\b(?:with|of) (?:the )?(?:other|remaining|another|a few|more|two|three|"
        r"additional) (?:\w+ )?(?:candidates?|applicants?|finalists?)",
        r"\b(?:one|two|a few|more|another) (?:more )?(?:candidates?|interviews?) (?:coming|"
        r"left|scheduled|to go|on)",
        r"\b(?:thank(?:s| you)|thanks so much) for (?:coming|taking|your time|the)\b",
        r"\bif you(?:'re| are) a candidate\b",
        r"\b(?:share|give|walk you through|discuss)(?: [\w'-]+){0,3} feedback\b",
        r"\b(?:future|other|upcoming|later) (?:roles|opportunities|openings|positions|vacancies)",
        # Talk promised for some later opening is a soft no, not an invitation: "we'd love to
        # talk with you again if a similar role opens up", "... down the road".
        r"\b(?:if|when|should|once) (?:a|another|any|something|anything|the right|an?)"
        r"(?: [\w'-]+){0,3} (?:opens|comes up|come up|becomes? available|arises|turns up|"
        r"opens up)\b|\bdown the (?:road|line)\b|\bin the future\b|\bsomeday\b",
        # Who gets invited, said of others or in general: "only shortlisted candidates will be
        # invited to interview".
        r"\bonly (?:[\w'-]+ ){0,3}(?:shortlisted|selected|successful|chosen|invited)\b|"
        r"\b(?:candidates|applicants|people|others|those) (?:who|that|were|have been|had been|"
        r"being|will be) (?:[\w'-]+ ){0,2}(?:shortlisted|selected|chosen|invited)\b",
        # An interview mentioned to say none is needed.
        r"\bno (?:need|further need) (?:for|to)\b|\b(?:interview|round|call|meeting|"
        r"conversation)s? (?:is|are|will be) (?:not |no longer )(?:needed|necessary|required)|"
        r"\b(?:don't|do not|won't|will not) need (?:to (?:do|have|hold|schedule|arrange) )?"
        r"(?:another|any|a further|one more|a second|more|further)\b",
    ),
    "still_interviewing": (r"\b(?:if|whether) (?:[\w'-]+ ){0,3}(?:does|reopens|changes)\b",),
    "other": (),
    "auto_reply": (),
}

# Clause-level vetoes: like SENTENCE_VETOES, but only within the clause (between
# commas, semicolons, colons) around the match.  "We'd like to make you an offer,
# which matches your other offer": the other offer is the candidate's, the first
# clause still offers.
CLAUSE_VETOES: dict[str, tuple[str, ...]] = {
    "offer": (
        r"\b(?:competing|other|another|outside|existing) offers?\b",
        r"\boffers? (?:from|elsewhere|at another)",
        # An offer still to come is a step, not the news: "before we're able to make a formal
        # offer", "if all goes well, an offer would follow", "the last step before an offer".
        r"\b(?:before|prior to|ahead of|pending|until|if|once|assuming|provided|towards?)"
        r"(?: [\w'-]+){0,7} (?:an? |the |any |our |your )?(?:\w+ )?offers?\b",
        r"\b(?:next|final|last) steps? (?:would|will|could|might|should) be (?:an? |the )?"
        r"(?:\w+ )?offer\b|\b(?:lead|leads|leading|result|results) (?:to|in) (?:an? |the )?"
        r"(?:\w+ )?offer\b|\boffer (?:would|will|could|might) (?:then )?(?:follow|come)\b",
    ),
}

# Message-level dampers: a match scales whole labels.
# After an invitation: not one for "if something comes up in the future" (a soft no).
_NOT_LATER = r"(?![^.!?]{0,60}\b(?:if|when|should|future|again|someday|down the road)\b)"

MESSAGE_DAMPERS: tuple[Damper, ...] = (
    # "this is not a rejection", "it isn't a 'no'": rejection cues elsewhere are
    # about something else (a paused role, a different opening).
    Damper(
        r"\bnot (?:a|an) ['\"“]?(?:rejection|no)\b|\bisn't a ['\"“]?no\b|\bnot a ['\"“]?no['\"”]?",
        ("rejected",),
        0.2,
    ),
    # The candidate is explicitly still in the running.
    Damper(
        r"\bstill (?:very much )?(?:in the running|in consideration|under consideration|"
        r"being considered|in contention)",
        ("rejected",),
        0.3,
    ),
    # The candidate withdrew: the company's "closed your application" is an acknowledgement.
    Damper(
        r"\b(?:your|the) (?:decision|choice) to withdraw|\bwithdr[ae]w\w*(?: [\w'-]+){0,2} "
        r"(?:your |from )?(?:application|candidacy)|\byou(?:'re| are) withdrawing\b|"
        r"\byou(?:'ve| have) withdrawn\b|\byour withdrawal\b|"
        r"\bcongrat(?:ulation)?s on (?:the|your) new (?:role|job|position|offer)|"
        r"\byou(?:'ve| have) (?:accepted|decided to accept) (?:an|another) ",
        ("rejected", "offer"),
        0.0,
    ),
    # A no for one role (or one format) next to an invitation for another: the no is not
    # the news, the invitation is.  Either the invitation names another opening, or it
    # follows a pivot ("however", "that said", "instead") in the same sentence.  Only
    # when the invitation is a cue of its own: a rejection that merely hopes to "talk
    # about future roles" has no next_round evidence, so it stays a rejection.
    Damper(
        r"\b(?:interview|consider|invite|meet|speak (?:to|with)|talk (?:to|with)|chat with|set up "
        r"(?:an? )?(?:interview|call|chat|conversation)(?: with you)?)(?: you)?(?: [\w'-]+){0,3} "
        r"(?:for|about) (?:that|this|another|a different|the other|our other|our|an?)"
        r"(?: [\w'-]+){0,3} (?:one|role|position|opening|team|job|vacancy)\b" + _NOT_LATER + r"|"
        r"\b(?:a (?:great|good|better|strong) fit|better suited|well suited) for (?:our|another|"
        r"a different|the other|an?)(?: [\w'-]+){0,4} (?:role|position|opening|team)\b|"
        r"\b(?:however|that said|instead|on the other hand|the good news is)\b[^.!?]{0,80}"
        r"\b(?:invite you|like to (?:speak|talk|meet|chat|schedule)|love to (?:speak|talk|meet|"
        r"chat|schedule)|(?:are|would) you (?:be )?(?:open|available|free|interested) (?:to|for|"
        r"in) (?:an?|another|the) (?:\w+ )?(?:call|chat|interview|conversation|meeting))"
        + _NOT_LATER,
        ("rejected",),
        0.15,
        when_present="next_round",
    ),
    # An interview called off because the role is gone is a no, not a reschedule: "your
    # onsite is cancelled as the role has been filled", "we hired someone, so we had to
    # cancel your call".  Only when the no has evidence of its own.
    Damper(
        r"\bcancel\w*\b[^.!?]{0,80}?(?:\bbecause\b|\bas\b|\bsince\b|\bdue to\b|:|—| - )"
        r"[^.!?]{0,60}?\b(?:filled|hired|another (?:candidate|applicant)|someone else|closed|"
        r"no longer|cancell?ed|eliminated|withdrawn|on hold|freeze)\b|\b(?:filled|hired|"
        r"closed|eliminated|withdrawn|freeze)\b[^.!?]{0,80}?\b(?:so|therefore|and) "
        r"(?:we|we've|we have|i|i've|i have) (?:had to |have to |need to |must |will )?"
        r"cancel",
        ("next_round",),
        0.3,
        when_present="rejected",
    ),
    # A no for one role followed by an offer of another: the offer is the news.
    Damper(
        r"\b(?:however|but|instead|that said|the good news is)\b[^.!?]{0,80}\b(?:offer you|"
        r"like to offer|offer for)\b",
        ("rejected",),
        0.3,
        when_present="offer",
    ),
    # The offer was already signed and returned: what follows is onboarding, not an offer.
    Damper(
        r"\b(?:received|got|have) (?:back )?(?:your|the) (?:signed|countersigned|executed) "
        r"(?:offer|contract)|\b(?:thanks?|thank you) (?:so much )?for (?:signing|returning the "
        r"signed|accepting (?:our|the) offer)",
        ("offer",),
        0.2,
    ),
    # "please disregard my previous email": nothing else in it is news or a request.
    Damper(
        r"\bplease (?:disregard|ignore) (?:my|our|the|this|that|it)\b|\b(?:went out|was sent|"
        r"were sent|sent out|was issued|was triggered) (?:to you )?(?:in error|by mistake|by "
        r"accident|erroneously)",
        (
            "rejected",
            "offer",
            "next_round",
            "still_interviewing",
            "info_requested",
            "references_requested",
        ),
        0.2,
    ),
    # A newsletter or a community mailing is not about an application.
    Damper(
        r"\bnewsletter\b|\btalent (?:community|network)\b|\bjob alerts?\b",
        ("offer", "next_round"),
        0.3,
    ),
)

# Automation headers (lower-cased names) -> (value pattern, weight for auto_reply).
# "Auto-Submitted: auto-generated" is a system notice (ATS rejections and invites
# carry it too), so it is only supporting evidence; "auto-replied" is a responder.
HEADER_EVIDENCE: tuple[tuple[str, str, float], ...] = (
    ("auto-submitted", r"^auto-replied", 3.0),
    ("auto-submitted", r"^auto-(?:generated|notified)", 0.5),
    ("x-autoreply", r"^(?!no\b|false\b).", 3.0),
    ("x-autorespond", r"^(?!no\b|false\b).", 3.0),
    ("precedence", r"^auto[_-]?reply", 3.0),
    ("precedence", r"^(?:bulk|junk|list)", 0.5),
)

# Subjects: only these speak for a label (a reply's subject is the candidate's own words).
SUBJECT_CUES: tuple[tuple[str, str, float], ...] = (
    (
        "auto_reply",
        r"^(?:automatic reply|auto(?:matic)?[- ]?(?:reply|response)|out of (?:the )?office|"
        r"ooo\b|abwesenheitsnotiz|automatische antwort|réponse automatique|respuesta "
        r"automática|automatisch antwoord|absence|away from)",
        3.0,
    ),
    (
        "auto_reply",
        r"^(?:undeliver(?:able|ed)|delivery status notification|mail delivery (?:failed|"
        r"failure|subsystem)|returned mail|failure notice|delivery has failed|"
        r"unzustellbar|non remis)",
        5.0,
    ),
)

# Senders whose mail is a bounce, never a human reply.
BOUNCE_SENDERS = r"^(?:mailer-daemon|postmaster|mail-daemon|bounces?|mdaemon)@"
BOUNCE_TEXT = (
    r"\b(?:delivery (?:has )?failed|could not be delivered|undeliverable|delivery status "
    r"notification|address (?:couldn't|could not) be found|recipient address rejected|"
    r"message (?:was not|wasn't) delivered|permanent (?:error|failure)|550[ -]5\.\d\.\d)"
)
