"""Whether a master may apply for a studio (第四条), and the falsification bar (第十七条).

第四条: a master needs all of the base conditions B1 (技师 or higher, or the corresponding title —
see :mod:`policy.qualifications`), B2 (good health) and B3 (able to carry the studio's daily work),
and at least one route R1–R3. The lead coach of a team with outstanding results at a national
skill competition or the WorldSkills Competition may apply by exception (破格, EXC).

Interpretation of 破格: it waives the credential and merit conditions (B1 and R1–R3), not good
health (B2) nor the capacity to carry the daily work (B3), which any leader needs. A finding of
falsification bars applying for three years whatever else holds (第十七条, BAR).

The questions are asked in a fixed order (:data:`QUESTION_ORDER`) and only while their answer can
still change the verdict; :func:`evaluate_eligibility` reports every condition as met (True),
missed (False) or not answered (None).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Self

from pydantic import BaseModel, ConfigDict, model_validator

from policy.dates import ONE_DAY
from policy.eligibility_terms import (
    ARTICLE,
    QUESTION_FIELD,
    QUESTION_ORDER,
    ROUTE_QUESTIONS,
    ROUTES,
    ConditionCode,
    QuestionKey,
    Verdict,
    label,
)
from policy.qualifications import QualificationLevel, TechnicalTitle, meets_b1
from policy.revocation import bar_end, is_barred

__all__ = [
    "ARTICLE",
    "QUESTION_FIELD",
    "QUESTION_ORDER",
    "ROUTES",
    "ConditionCode",
    "ConditionOutcome",
    "EligibilityAnswers",
    "EligibilityResult",
    "QuestionKey",
    "Verdict",
    "bar_end",
    "evaluate_eligibility",
    "label",
    "next_question",
]


class EligibilityAnswers(BaseModel):
    """What the master said so far; None means not asked. ``as_of`` is the day of the check.

    A finding date implies ``falsification_found``; ``False`` together with a date is refused.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    as_of: date
    falsification_found: bool | None = None
    falsification_finding_date: date | None = None
    level: QualificationLevel | None = None
    title: TechnicalTitle | None = None
    healthy: bool | None = None
    can_carry_daily_work: bool | None = None
    r1_honour: bool | None = None
    r2_top_of_trade: bool | None = None
    r3_trained_apprentices: bool | None = None
    exceptional_coach: bool | None = None

    @model_validator(mode="after")
    def _consistent_bar(self) -> Self:
        if self.falsification_found is False and self.falsification_finding_date is not None:
            raise ValueError("a finding date was given but no finding")
        return self


@dataclass(frozen=True, slots=True)
class ConditionOutcome:
    """One condition: met (True), missed (False) or not answered (None). BAR met = not barred."""

    code: ConditionCode
    met: bool | None
    article: str


@dataclass(frozen=True, slots=True)
class EligibilityResult:
    """Verdict with every condition, what is missing, and the question to ask next.

    ``missing`` lists the conditions answered "no" that stand in the way: empty when eligible,
    only BAR when barred, routes only when none of them is met. ``barred_until`` is the LAST
    day (inclusive) on which the bar applies; applying is allowed
    again from :attr:`may_apply_from`, the day after.
    """

    verdict: Verdict
    conditions: tuple[ConditionOutcome, ...]
    missing: tuple[ConditionCode, ...]
    barred_until: date | None
    next_question: QuestionKey | None

    @property
    def may_apply_from(self) -> date | None:
        """First day after the bar, or None if not barred."""
        return None if self.barred_until is None else self.barred_until + ONE_DAY

    def met(self, code: ConditionCode) -> bool | None:
        """The outcome of one condition."""
        return next(c.met for c in self.conditions if c.code is code)


def _bar_met(a: EligibilityAnswers) -> bool | None:
    if a.falsification_finding_date is not None:
        return not is_barred(a.falsification_finding_date, a.as_of)
    # no finding: clear; a finding without its date (or no answer yet): still open
    return True if a.falsification_found is False else None


def _b1_met(a: EligibilityAnswers) -> bool | None:
    level = a.level or QualificationLevel.NONE
    title = a.title or TechnicalTitle.NONE
    if meets_b1(level, title):
        return True
    return None if a.level is None or a.title is None else False


def _conditions(a: EligibilityAnswers) -> dict[ConditionCode, bool | None]:
    return {
        ConditionCode.BAR: _bar_met(a),
        ConditionCode.B1: _b1_met(a),
        ConditionCode.B2: a.healthy,
        ConditionCode.B3: a.can_carry_daily_work,
        ConditionCode.R1: a.r1_honour,
        ConditionCode.R2: a.r2_top_of_trade,
        ConditionCode.R3: a.r3_trained_apprentices,
        ConditionCode.EXC: a.exceptional_coach,
    }


def _walk(
    a: EligibilityAnswers, met: dict[ConditionCode, bool | None]
) -> tuple[Verdict, QuestionKey | None]:
    """Follow the questions in order; stop at the first open one or at a settled verdict."""
    if met[ConditionCode.BAR] is None:
        ask = QuestionKey.BAR_DATE if a.falsification_found else QuestionKey.BAR
        return Verdict.INCOMPLETE, ask
    if met[ConditionCode.BAR] is False:
        return Verdict.BARRED, None
    if met[ConditionCode.B1] is None:
        return Verdict.INCOMPLETE, QuestionKey.LEVEL if a.level is None else QuestionKey.TITLE
    for code, question in (
        (ConditionCode.B2, QuestionKey.HEALTH),
        (ConditionCode.B3, QuestionKey.DAILY_WORK),
    ):
        if met[code] is None:
            return Verdict.INCOMPLETE, question
        if met[code] is False:
            return Verdict.NOT_ELIGIBLE, None
    if met[ConditionCode.B1]:  # without B1 the routes are moot: only the exception remains
        if any(met[r] is True for r in ROUTES):
            return Verdict.ELIGIBLE, None
        for route, question in zip(ROUTES, ROUTE_QUESTIONS, strict=True):
            if met[route] is None:
                return Verdict.INCOMPLETE, question
    if met[ConditionCode.EXC] is None:
        return Verdict.INCOMPLETE, QuestionKey.EXCEPTIONAL
    return (Verdict.EXCEPTIONAL_ONLY if met[ConditionCode.EXC] else Verdict.NOT_ELIGIBLE), None


def evaluate_eligibility(answers: EligibilityAnswers) -> EligibilityResult:
    """Apply 第四条 and the bar of 第十七条 to the answers given so far."""
    met = _conditions(answers)
    verdict, question = _walk(answers, met)
    if verdict is Verdict.ELIGIBLE:
        missing: tuple[ConditionCode, ...] = ()
    elif verdict is Verdict.BARRED:
        missing = (ConditionCode.BAR,)
    else:
        route_met = any(met[r] is True for r in ROUTES)
        missing = tuple(
            code for code, ok in met.items() if ok is False and not (route_met and code in ROUTES)
        )
    finding = answers.falsification_finding_date
    barred_until = bar_end(finding) - ONE_DAY if verdict is Verdict.BARRED and finding else None
    return EligibilityResult(
        verdict=verdict,
        conditions=tuple(ConditionOutcome(code, ok, ARTICLE[code]) for code, ok in met.items()),
        missing=missing,
        barred_until=barred_until,
        next_question=question,
    )


def next_question(answers: EligibilityAnswers) -> QuestionKey | None:
    """The next question still worth asking, or None when the verdict is settled."""
    return evaluate_eligibility(answers).next_question
