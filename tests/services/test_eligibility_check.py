"""/check as a use case: answers kept in the user's conversation, the questions' choices, Back,
and a finished check counted and closed, whichever surface (chat or page) calls it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from policy.eligibility import EligibilityAnswers, QuestionKey, Verdict, evaluate_eligibility
from policy.qualifications import QualificationLevel
from services import eligibility_check as check
from services.messages import eligibility as words
from services.messages.texts import Texts
from storage.repos.eligibility_outcomes import EligibilityOutcomesRepo
from storage.uow import UnitOfWork

Db = Callable[[], UnitOfWork]
TODAY = date(2027, 3, 1)


@pytest.mark.parametrize(
    ("question", "value", "means"),
    [
        (QuestionKey.LEVEL, "technician", QualificationLevel.TECHNICIAN),
        (QuestionKey.LEVEL, "grandmaster", None),
        (QuestionKey.HEALTH, "yes", True),
        (QuestionKey.HEALTH, "no", False),
        (QuestionKey.HEALTH, "maybe", None),
        (QuestionKey.BAR_DATE, "yes", None),  # typed, never picked
    ],
)
def test_a_picked_value_means_what_its_question_offers(
    question: QuestionKey, value: str, means: object
) -> None:
    assert check.choice(question, value) == means


def test_every_offered_choice_has_words_in_both_languages() -> None:
    for question in QuestionKey:
        for lang in ("zh", "en"):
            offered = words.choices(Texts(lang), question)
            assert [v for v, _ in offered] == list(check.choice_values(question))
            assert all(label and not label.startswith("check.") for _, label in offered)


def test_back_forgets_the_bar_with_its_date() -> None:
    answers = EligibilityAnswers(
        as_of=TODAY,
        level=QualificationLevel.TECHNICIAN,
        in_own_trade=True,
        healthy=True,
        can_carry_daily_work=True,
        r1_honour=True,
        falsification_found=True,
    )
    dated = check.with_answer(answers, QuestionKey.BAR_DATE, date(2026, 3, 1))
    earlier, asked_again = check.back(dated)
    assert asked_again is QuestionKey.BAR_DATE
    earlier, asked_again = check.back(earlier)
    assert asked_again is QuestionKey.BAR
    assert earlier.falsification_found is None and earlier.falsification_finding_date is None


def test_back_on_the_stored_answers_forgets_what_back_forgets_without_a_day() -> None:
    answers = EligibilityAnswers(as_of=TODAY, level=QualificationLevel.TECHNICIAN, healthy=True)
    earlier, asked_again = check.back(answers)
    assert check.forget_last(check.dump(answers)) == (check.dump(earlier), asked_again)
    assert check.forget_last({"answers": {}}) is None


async def test_answers_live_in_the_conversation_and_a_finish_counts_and_closes(uow: Db) -> None:
    async with uow() as u:
        await u.conversations.open(1001, "apply", "", {"draft": 7})
        conv = await u.conversations.get(1001)
        answers = check.with_answer(
            EligibilityAnswers(as_of=TODAY), QuestionKey.LEVEL, QualificationLevel.TECHNICIAN
        )
        kept = await check.keep(u, 1001, conv, answers)
        assert (kept.flow, kept.step) == ("check", "own_trade")
        await u.commit()
    async with uow() as u:
        again = check.ongoing(await u.conversations.get(1001), TODAY)
        assert again == answers
        unhealthy = check.with_answer(again, QuestionKey.HEALTH, False)
        result = evaluate_eligibility(unhealthy)
        assert result.verdict is Verdict.NOT_ELIGIBLE and result.next_question is None
        await check.finish(u, 1001, result, datetime(2027, 3, 1, 2, tzinfo=UTC))
        await u.commit()
    async with uow() as u:
        assert await u.conversations.get(1001) is None
        summary = await u.repo(EligibilityOutcomesRepo).summary()
    assert (summary.total, summary.not_eligible) == (1, 1)
