"""/check as one use case for the chat and the Mini App: the answers, the questions, the outcome.

A master's check lives in their conversation row (flow ``check``), which holds only what they
answered (JSON values of :class:`policy.eligibility.EligibilityAnswers`, without the day of the
check); the verdict and the next question are recomputed from the rules every time
(:func:`policy.eligibility.evaluate_eligibility`). So the chat and the page read and write the
same answers: start in one, go on in the other, and both ask the same next question. Questions
are always asked in :data:`QUESTION_ORDER`, so the question asked last is the latest answered
one in that order, and Back needs no separate history.

A finished check is counted anonymously (:class:`EligibilityOutcomesRepo`) and the conversation
closes, whichever surface finished it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Final

from pydantic import ValidationError

from policy.eligibility import (
    QUESTION_FIELD,
    QUESTION_ORDER,
    EligibilityAnswers,
    EligibilityResult,
    QuestionKey,
    next_question,
)
from policy.qualifications import QualificationLevel, TechnicalTitle
from storage.models import Conversation
from storage.repos.eligibility_outcomes import EligibilityOutcomesRepo
from storage.uow import UnitOfWork

FLOW: Final = "check"
Stored = dict[str, Any]

YES, NO = "yes", "no"
_YES_NO: Final = {YES: True, NO: False}
ENUMS: Final[dict[QuestionKey, type[QualificationLevel] | type[TechnicalTitle]]] = {
    QuestionKey.LEVEL: QualificationLevel,
    QuestionKey.TITLE: TechnicalTitle,
}
"""Questions answered by picking a qualification level or a title (their policy labels)."""
TYPED: Final = frozenset({QuestionKey.BAR_DATE})
"""Questions answered by typing (a date), not by picking."""

_FORGET_WITH: dict[QuestionKey, tuple[QuestionKey, ...]] = {
    QuestionKey.BAR: (QuestionKey.BAR, QuestionKey.BAR_DATE),
}
"""Questions whose answer only makes sense with another: forgetting the bar forgets its date."""


# ---- the answers ----------------------------------------------------------------------------
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
    found = forget_last(dump(answers))
    if found is None:
        return answers, None
    stored, previous = found
    return EligibilityAnswers(as_of=answers.as_of, **stored["answers"]), previous


def forget_last(stored: Stored) -> tuple[Stored, QuestionKey] | None:
    """:func:`back` on a conversation's stored answers (None: nothing answered). It needs no
    day: which answer is forgotten does not depend on it."""
    given = dict(stored.get("answers", {}))
    done = [q for q in QUESTION_ORDER if given.get(QUESTION_FIELD[q]) is not None]
    if not done:
        return None
    previous = done[-1]
    for question in _FORGET_WITH.get(previous, (previous,)):
        given.pop(QUESTION_FIELD[question], None)
    return {"answers": given}, previous


# ---- the questions --------------------------------------------------------------------------
def choice_values(question: QuestionKey) -> tuple[str, ...]:
    """The values a question can be answered with by picking, in the order they are offered."""
    if question in TYPED:
        return ()
    enum = ENUMS.get(question)
    return tuple(_YES_NO) if enum is None else tuple(m.value for m in enum)


def choice(question: QuestionKey, value: str) -> object | None:
    """The answer a picked value stands for, or None if it is no choice of this question."""
    if value not in choice_values(question):
        return None
    enum = ENUMS.get(question)
    return _YES_NO[value] if enum is None else enum(value)


# ---- the check in the user's conversation ---------------------------------------------------
def ongoing(conv: Conversation | None, today: date) -> EligibilityAnswers | None:
    """The answers of the user's check under way, or None (no check, or unusable data)."""
    if conv is None or conv.flow != FLOW:
        return None
    return load(conv.data or {}, today)


async def keep(
    uow: UnitOfWork, user_id: int, conv: Conversation | None, answers: EligibilityAnswers
) -> Conversation:
    """Store the answers, opening the check's conversation if another flow (or none) was open,
    as /check in the chat does."""
    question = next_question(answers)
    step = question.value if question else ""
    if conv is None or conv.flow != FLOW:
        return await uow.conversations.open(user_id, FLOW, step, dump(answers))
    await uow.conversations.save(conv, step, dump(answers))
    return conv


async def finish(uow: UnitOfWork, user_id: int, result: EligibilityResult, at: datetime) -> None:
    """A settled check: counted anonymously for the staff's figures, its conversation closed."""
    await uow.repo(EligibilityOutcomesRepo).record(result.verdict, result.missing, at=at)
    await uow.conversations.close(user_id)
