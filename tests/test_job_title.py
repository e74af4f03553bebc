"""Job titles are taken only when stated plainly; a wrong title is worse than none."""

from __future__ import annotations

import pytest

from treadgently.job_title import job_title


@pytest.mark.parametrize(
    ("subject", "text", "expected"),
    [
        ("Interview confirmed: Senior Data Analyst at Northwind", "", "Senior Data Analyst"),
        ("Re: Staff Backend Engineer - recruiter screen", "", "Staff Backend Engineer"),
        ("Panel interview confirmed - Data Engineer (London)", "", "Data Engineer"),
        (
            "Your interview",
            "We look forward to meeting you for the Product Designer role.",
            "Product Designer",
        ),
        ("Your onsite at Vantive Robotics", "See you Tuesday.", None),
        ("Invitation: Final Round Interview", "Best,\nDana\nDirector", None),  # a lone noun
        ("Thank you", "thanks for applying to the data engineer role", None),  # not capitalised
    ],
)
def test_title_is_found_only_when_stated_plainly(subject, text, expected):
    assert job_title(subject, text) == expected
