"""第四条 eligibility and the 第十七条 bar, table-driven."""

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from policy.eligibility import (
    QUESTION_FIELD,
    QUESTION_ORDER,
    ConditionCode,
    EligibilityAnswers,
    QuestionKey,
    Verdict,
    bar_end,
    evaluate_eligibility,
    label,
    next_question,
)
from policy.qualifications import QualificationLevel as L
from policy.qualifications import TechnicalTitle as T

C = ConditionCode
Q = QuestionKey
V = Verdict
TODAY = date(2025, 6, 1)
CLEAN: dict[str, Any] = {"falsification_found": False}
BASE: dict[str, Any] = {
    **CLEAN,
    "level": L.TECHNICIAN,
    "in_own_trade": True,
    "healthy": True,
    "can_carry_daily_work": True,
}
NO_ROUTE: dict[str, Any] = {
    "r1_honour": False,
    "r2_top_of_trade": False,
    "r3_trained_apprentices": False,
}


def answers(**fields: Any) -> EligibilityAnswers:
    return EligibilityAnswers(as_of=fields.pop("as_of", TODAY), **fields)


@pytest.mark.parametrize(
    ("fields", "verdict", "missing"),
    [
        pytest.param({**BASE, "r1_honour": True}, V.ELIGIBLE, (), id="technician+R1"),
        pytest.param(
            {**BASE, "level": L.SENIOR_TECHNICIAN, "r1_honour": True},
            V.ELIGIBLE,
            (),
            id="高级技师",
        ),
        pytest.param(
            {**BASE, "level": L.SENIOR, "title": T.INTERMEDIATE, "r1_honour": True},
            V.ELIGIBLE,
            (),
            id="title-route-B1",
        ),
        pytest.param(
            {**BASE, "r1_honour": False, "r2_top_of_trade": True}, V.ELIGIBLE, (), id="R2-alone"
        ),
        pytest.param(
            {**BASE, "r1_honour": False, "r2_top_of_trade": False, "r3_trained_apprentices": True},
            V.ELIGIBLE,
            (),
            id="R3-alone",
        ),
        pytest.param(
            {**BASE, "in_own_trade": False, "r1_honour": True, "exceptional_coach": False},
            V.NOT_ELIGIBLE,
            (C.B1,),
            id="技师-in-another-trade-fails-B1",
        ),
        pytest.param(
            {**BASE, "in_own_trade": False, "exceptional_coach": True},
            V.EXCEPTIONAL_ONLY,
            (C.B1,),
            id="another-trade-but-coach",
        ),
        pytest.param(
            {**BASE, "in_own_trade": None, **NO_ROUTE, "exceptional_coach": False},
            V.NOT_ELIGIBLE,
            (C.R1, C.R2, C.R3),
            id="settled-without-the-trade",
        ),
        pytest.param(
            {**BASE, "level": L.SENIOR, "title": T.NONE, "exceptional_coach": False},
            V.NOT_ELIGIBLE,
            (C.B1,),
            id="高级工-fails-B1-破格-not-missing",
        ),
        pytest.param(
            {**BASE, "level": L.SENIOR, "title": T.JUNIOR, "exceptional_coach": True},
            V.EXCEPTIONAL_ONLY,
            (C.B1,),
            id="exceptional-without-B1",
        ),
        pytest.param(
            {**BASE, **NO_ROUTE, "exceptional_coach": True},
            V.EXCEPTIONAL_ONLY,
            (C.R1, C.R2, C.R3),
            id="exceptional-without-route",
        ),
        pytest.param(
            {**BASE, **NO_ROUTE, "exceptional_coach": False},
            V.NOT_ELIGIBLE,
            (C.R1, C.R2, C.R3),
            id="no-route-破格-not-missing",
        ),
        pytest.param(
            {**BASE, "healthy": False, "r1_honour": True},
            V.NOT_ELIGIBLE,
            (C.B2,),
            id="unhealthy",
        ),
        pytest.param(
            {**BASE, "can_carry_daily_work": False, "exceptional_coach": True},
            V.NOT_ELIGIBLE,
            (C.B3,),
            id="no-daily-work-even-with-exception",
        ),
        pytest.param(
            {**BASE, "healthy": None, "r1_honour": True}, V.INCOMPLETE, (), id="health-missing"
        ),
        pytest.param({**BASE, "in_own_trade": None}, V.INCOMPLETE, (), id="trade-missing"),
        pytest.param({**BASE}, V.INCOMPLETE, (), id="routes-missing"),
        pytest.param(
            {**BASE, "falsification_found": None, "r1_honour": True},
            V.INCOMPLETE,
            (),
            id="bar-asked-last",
        ),
        pytest.param({}, V.INCOMPLETE, (), id="nothing"),
    ],
)
def test_verdicts(
    fields: dict[str, Any], verdict: Verdict, missing: tuple[ConditionCode, ...]
) -> None:
    result = evaluate_eligibility(answers(**fields))
    assert result.verdict is verdict
    assert result.missing == missing
    assert C.EXC not in result.missing, "破格 is a way in, not a missing condition"
    assert (result.next_question is None) == (verdict is not V.INCOMPLETE)


def test_every_condition_is_reported_with_its_article() -> None:
    result = evaluate_eligibility(answers(**BASE, r2_top_of_trade=True))
    assert [c.code for c in result.conditions] == list(ConditionCode)
    assert {c.code: c.met for c in result.conditions} == {
        C.BAR: True,
        C.B1: True,
        C.B2: True,
        C.B3: True,
        C.R1: None,  # not asked
        C.R2: True,
        C.R3: None,
        C.EXC: None,
    }
    articles = {c.code: c.article for c in result.conditions}
    assert articles[C.BAR] == "第十七条"
    assert {articles[c] for c in ConditionCode if c is not C.BAR} == {"第四条"}
    assert result.met(C.R3) is None


FINDING = date(2021, 5, 10)


@pytest.mark.parametrize(
    ("finding", "as_of", "verdict", "barred_until"),
    [
        (FINDING, date(2021, 5, 10), V.BARRED, date(2024, 5, 10)),
        (FINDING, date(2024, 5, 10), V.BARRED, date(2024, 5, 10)),  # the corresponding day
        (FINDING, date(2024, 5, 11), V.ELIGIBLE, None),  # first free day
        (date(2024, 2, 29), date(2027, 2, 28), V.BARRED, date(2027, 2, 28)),  # month end
        (date(2024, 2, 29), date(2027, 3, 1), V.ELIGIBLE, None),
        (date(2020, 2, 29), date(2023, 2, 28), V.BARRED, date(2023, 2, 28)),
    ],
)
def test_three_year_bar(
    finding: date, as_of: date, verdict: Verdict, barred_until: date | None
) -> None:
    result = evaluate_eligibility(
        answers(
            **{**BASE, "falsification_found": True},
            falsification_finding_date=finding,
            as_of=as_of,
            r1_honour=True,
        )
    )
    assert result.verdict is verdict
    assert result.barred_until == barred_until
    if barred_until is not None:
        assert result.missing == (C.BAR,)
        assert result.may_apply_from == bar_end(finding)
        assert result.next_question is None


@pytest.mark.parametrize(
    ("finding", "end"),
    [
        (date(2021, 5, 10), date(2024, 5, 11)),
        (date(2024, 2, 29), date(2027, 3, 1)),
        (date(2021, 2, 28), date(2024, 2, 29)),
    ],
)
def test_bar_end_is_first_free_day(finding: date, end: date) -> None:
    assert bar_end(finding) == end


def test_finding_date_implies_finding() -> None:
    fields = {**BASE, "falsification_found": None, "r1_honour": True}
    result = evaluate_eligibility(answers(**fields, falsification_finding_date=TODAY))
    assert result.verdict is V.BARRED


def test_contradictory_bar_answers_are_refused() -> None:
    with pytest.raises(ValidationError):
        answers(falsification_found=False, falsification_finding_date=TODAY)


ELIGIBLE_BUT_BAR: dict[str, Any] = {**BASE, "falsification_found": None, "r1_honour": True}


@pytest.mark.parametrize(
    ("fields", "question"),
    [
        pytest.param({}, Q.LEVEL, id="level-first"),
        pytest.param({"level": L.TECHNICIAN}, Q.OWN_TRADE, id="technician-own-trade"),
        pytest.param({"level": L.SENIOR}, Q.TITLE, id="below-technician-asks-title"),
        pytest.param({"level": L.SENIOR, "title": T.INTERMEDIATE}, Q.OWN_TRADE, id="title"),
        pytest.param({"level": L.SENIOR, "title": T.JUNIOR}, Q.HEALTH, id="no-B1-no-trade"),
        pytest.param({"level": L.TECHNICIAN, "in_own_trade": True}, Q.HEALTH, id="health"),
        pytest.param({"level": L.TECHNICIAN, "in_own_trade": False}, Q.HEALTH, id="not-own"),
        pytest.param({**BASE, "can_carry_daily_work": None}, Q.DAILY_WORK, id="daily"),
        pytest.param({**BASE, "healthy": False}, None, id="unhealthy"),
        pytest.param({**BASE, "falsification_found": None}, Q.R1, id="r1"),
        pytest.param({**BASE, "r1_honour": False}, Q.R2, id="r2"),
        pytest.param({**BASE, "r1_honour": False, "r2_top_of_trade": False}, Q.R3, id="r3"),
        pytest.param({**BASE, "r1_honour": True}, None, id="route-met-skips-rest"),
        pytest.param(ELIGIBLE_BUT_BAR, Q.BAR, id="bar-last"),
        pytest.param({**ELIGIBLE_BUT_BAR, "falsification_found": True}, Q.BAR_DATE, id="date"),
        pytest.param(
            {**ELIGIBLE_BUT_BAR, "falsification_finding_date": TODAY}, None, id="barred-stop"
        ),
        pytest.param({**BASE, **NO_ROUTE}, Q.EXCEPTIONAL, id="exceptional-after-routes"),
        pytest.param(
            {**BASE, "in_own_trade": False}, Q.EXCEPTIONAL, id="another-trade-skips-routes"
        ),
        pytest.param(
            {**BASE, "level": L.SENIOR, "title": T.NONE}, Q.EXCEPTIONAL, id="no-B1-skips-routes"
        ),
        pytest.param(
            {**BASE, "level": L.SENIOR, "title": T.NONE, "exceptional_coach": False},
            None,
            id="not-eligible-never-asked-about-fraud",
        ),
        pytest.param(
            {**BASE, "level": L.SENIOR, "title": T.NONE, "exceptional_coach": True},
            None,
            id="exceptional-answered",
        ),
    ],
)
def test_next_question(fields: dict[str, Any], question: QuestionKey | None) -> None:
    assert next_question(answers(**fields)) is question


@pytest.mark.parametrize(
    ("script", "expected_questions", "verdict"),
    [
        (
            {
                Q.LEVEL: L.TECHNICIAN,
                Q.OWN_TRADE: True,
                Q.HEALTH: True,
                Q.DAILY_WORK: True,
                Q.R1: True,
                Q.BAR: False,
            },
            [Q.LEVEL, Q.OWN_TRADE, Q.HEALTH, Q.DAILY_WORK, Q.R1, Q.BAR],
            V.ELIGIBLE,
        ),
        (
            {
                Q.LEVEL: L.INTERMEDIATE,
                Q.TITLE: T.NONE,
                Q.HEALTH: True,
                Q.DAILY_WORK: True,
                Q.EXCEPTIONAL: True,
                Q.BAR: False,
            },
            [Q.LEVEL, Q.TITLE, Q.HEALTH, Q.DAILY_WORK, Q.EXCEPTIONAL, Q.BAR],
            V.EXCEPTIONAL_ONLY,
        ),
        (
            {
                Q.LEVEL: L.SENIOR_TECHNICIAN,
                Q.OWN_TRADE: True,
                Q.HEALTH: True,
                Q.DAILY_WORK: True,
                Q.R1: False,
                Q.R2: True,
                Q.BAR: True,
                Q.BAR_DATE: date(2024, 1, 1),
            },
            [Q.LEVEL, Q.OWN_TRADE, Q.HEALTH, Q.DAILY_WORK, Q.R1, Q.R2, Q.BAR, Q.BAR_DATE],
            V.BARRED,
        ),
        (
            {Q.LEVEL: L.TECHNICIAN, Q.OWN_TRADE: True, Q.HEALTH: False},
            [Q.LEVEL, Q.OWN_TRADE, Q.HEALTH],
            V.NOT_ELIGIBLE,
        ),
    ],
)
def test_conversation_asks_only_what_matters(
    script: dict[QuestionKey, Any], expected_questions: list[QuestionKey], verdict: Verdict
) -> None:
    current = answers()
    asked = []
    while (question := next_question(current)) is not None:
        asked.append(question)
        current = current.model_copy(update={QUESTION_FIELD[question]: script[question]})
    assert asked == expected_questions
    assert evaluate_eligibility(current).verdict is verdict


def test_the_first_question_is_not_about_fraud() -> None:
    assert QUESTION_ORDER[0] is Q.LEVEL
    assert QUESTION_ORDER[-2:] == (Q.BAR, Q.BAR_DATE)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_labels_carry_no_internal_codes(lang: str) -> None:
    for member in (*ConditionCode, *QuestionKey, *Verdict):
        text = label(member, lang)  # type: ignore[arg-type]
        assert not any(code in text for code in ("B1", "B2", "B3", "R1", "R2", "R3", "EXC"))
    assert "本职业（工种）" in label(C.B1, "zh")


def test_question_field_covers_every_question_in_order() -> None:
    assert list(QUESTION_FIELD) == list(QUESTION_ORDER)
    assert set(QUESTION_FIELD.values()) <= set(EligibilityAnswers.model_fields)
