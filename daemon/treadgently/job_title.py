"""The job title an interview is for ("Senior Data Analyst"), when mail states it plainly.

Drafts read better with "the Senior Data Analyst role" than "the role", but a wrong
title is worse than none, so this is deliberately narrow: a run of capitalised words
(at most six) that ends in a word that names a job (Engineer, Analyst, Manager…),
found in the subject first, then in the first lines of the new text.  A lone job
word ("Director", likely from someone's signature) is not taken.
"""

from __future__ import annotations

import re

JOB_NOUNS = (
    "Engineer|Developer|Analyst|Scientist|Manager|Designer|Architect|Lead|Director|"
    "Specialist|Consultant|Coordinator|Administrator|Associate|Intern|Researcher|Accountant|"
    "Officer|Strategist|Writer|Editor|Recruiter|Representative|Technician|Programmer|Owner|"
    "Partner|Advisor|Adviser|Planner|Producer|Nurse|Teacher|Counsel|Attorney|Paralegal|"
    "Assistant|Executive|Marketer|Tester|Ingenieur|Entwickler|Développeur|Ingénieur|"
    "Desarrollador|Ingeniero|Analista"
)
TITLE = re.compile(rf"((?:[A-Z][\w/&+.'-]*[ \t]+){{1,5}}(?:{JOB_NOUNS})s?)\b")
# Words that start a subject or sentence but are not part of a title.
LEADING_WORDS = frozenset(
    {
        "interview",
        "re",
        "fwd",
        "fw",
        "aw",
        "your",
        "our",
        "the",
        "confirmed",
        "confirmation",
        "panel",
        "technical",
        "final",
        "invitation",
        "updated",
        "onsite",
        "round",
        "with",
        "for",
        "a",
        "an",
        "thank",
        "you",
        "offer",
        "update",
    }
)
BODY_CHARS = 1500


def job_title(subject: str, text: str) -> str | None:
    """The title, or None when no plain statement of one is found."""
    for source in (subject, text[:BODY_CHARS]):
        for found in TITLE.finditer(source):
            words = found.group(1).split()
            while words and words[0].lower().strip(":,") in LEADING_WORDS:
                words = words[1:]
            if 2 <= len(words) <= 6:
                return " ".join(words)
    return None
