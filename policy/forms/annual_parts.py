"""What the annual plan and the annual report ask alike (第九条(三)(四)): activities held or
planned, competitions, innovations; and how both read a count from their answers."""

from __future__ import annotations

from typing import Final

from policy.forms.spec import Answers, Field, Kind, Section

MAX_COUNT: Final = 10_000

ACTIVITIES: Final = Section(
    "activities",
    (
        Field("activities", Kind.COUNT, maximum=MAX_COUNT),
        Field("activities_desc", Kind.LONG_TEXT, max_length=500, required=False),
        Field("competitions", Kind.COUNT, maximum=MAX_COUNT),
        Field("competitions_desc", Kind.LONG_TEXT, max_length=500, required=False),
    ),
)

INNOVATION: Final = Section(
    "innovation",
    (
        Field("innovations", Kind.COUNT, maximum=MAX_COUNT),
        Field("innovations_desc", Kind.LONG_TEXT, max_length=500, required=False),
    ),
)


def count(answers: Answers, key: str) -> int:
    """A count answer; an unanswered (skipped or hidden) one counts as 0."""
    value = answers.get(key)
    return value if isinstance(value, int) else 0
