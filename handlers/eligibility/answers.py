"""The answers of one /check as they live in the conversation, and the way back through them.

The conversation stores only what the master answered (JSON values of
:class:`policy.eligibility.EligibilityAnswers`, without the day of the check); everything else,
including which question comes next, is recomputed from the rules on every update. Questions are
always asked in :data:`QUESTION_ORDER`, so the question asked last is the latest one in that order
whose answer is stored, and Back needs no separate history.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError

from policy.eligibility import QUESTION_FIELD, QUESTION_ORDER, EligibilityAnswers, QuestionKey

Stored = dict[str, Any]

_FORGET_WITH: dict[QuestionKey, tuple[QuestionKey, ...]] = {
    QuestionKey.BAR: (QuestionKey.BAR, QuestionKey.BAR_DATE),
}
"""Questions whose answer only makes sense with another: forgetting the bar forgets its date."""


def load(stored: Stored, today: date) -> EligibilityAnswers | None:
    """The answers of a conversation as of ``today``; None if the stored data is unusable."""
    try:
        return EligibilityAnswers(as_of=today, **stored.get("answers", {}))
    except (TypeError, ValidationError):
        return None


def dump(answers: EligibilityAnswers) -> Stored:
    """Conversation data for ``answers``: only the fields that were answered."""
    return {"answers": answers.model_dump(mode="json", exclude={"as_of"}, exclude_none=True)}


def answered(answers: EligibilityAnswers) -> list[QuestionKey]:
    """The questions answered so far, in the order they were asked."""
    return [q for q in QUESTION_ORDER if getattr(answers, QUESTION_FIELD[q]) is not None]


def with_answer(
    answers: EligibilityAnswers, question: QuestionKey, value: object
) -> EligibilityAnswers:
    """``answers`` with ``question`` answered (validated by the model)."""
    data = answers.model_dump()
    data[QUESTION_FIELD[question]] = value
    return EligibilityAnswers(**data)


def back(answers: EligibilityAnswers) -> tuple[EligibilityAnswers, QuestionKey | None]:
    """Forget the answer to the question asked last; that question is asked again (None: none)."""
    done = answered(answers)
    if not done:
        return answers, None
    previous = done[-1]
    data = answers.model_dump()
    for question in _FORGET_WITH.get(previous, (previous,)):
        data[QUESTION_FIELD[question]] = None
    return EligibilityAnswers(**data), previous
