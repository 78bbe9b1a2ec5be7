"""Whether a master may apply for a studio (第四条), and the falsification bar (第十七条).

第四条: a master needs all of the base conditions B1 (技师 or higher in the master's own
occupation, 本职业（工种）, or the corresponding title — see :mod:`policy.qualifications`),
B2 (good health) and B3 (able to carry the studio's daily work), and at least one route
R1–R3. The lead coach of a team with outstanding results at a national skill competition or
the WorldSkills Competition may apply by exception (破格, EXC).

Interpretation of 破格: it waives the credential and merit conditions (B1 and R1–R3), not good
health (B2) nor the capacity to carry the daily work (B3), which any leader needs. It is a way
in, never a missing condition. A finding of falsification bars applying for three years
whatever else holds (第十七条, BAR, counted as in :mod:`policy.bar`).

The verdict follows from three-valued logic over the answers so far (unknown until answered),
so it is settled as soon as no remaining answer could change it. The questions are asked in a
fixed order (:data:`QUESTION_ORDER`: the bar last) and only while their answer still matters;
:func:`evaluate_eligibility` reports every condition as met (True), missed (False) or not
answered (None).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from policy.bar import bar_end, bar_last_day
from policy.dates import ONE_DAY
from policy.eligibility_conditions import (
    EligibilityAnswers,
    Met,
    any_of,
    conditions,
    paths,
    qualified,
    verdict_of,
)
from policy.eligibility_terms import (
    ARTICLE,
    QUESTION_FIELD,
    QUESTION_ORDER,
    ROUTES,
    ConditionCode,
    QuestionKey,
    Verdict,
    label,
)

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


def _relevant(q: QuestionKey, a: EligibilityAnswers, met: dict[ConditionCode, Met]) -> bool:
    """Whether the answer to ``q`` could still change the verdict."""
    b1_open = met[ConditionCode.B1] is None
    regular, _exceptional = paths(met)
    rules = {
        QuestionKey.LEVEL: b1_open,
        QuestionKey.TITLE: b1_open and a.level is not None and not qualified(a),
        QuestionKey.OWN_TRADE: b1_open and qualified(a),
        QuestionKey.HEALTH: True,
        QuestionKey.DAILY_WORK: True,
        QuestionKey.EXCEPTIONAL: regular is not True,
        QuestionKey.BAR: True,
        QuestionKey.BAR_DATE: bool(a.falsification_found),
    }
    routes_open = any_of(*(met[r] for r in ROUTES)) is None
    return rules.get(q, met[ConditionCode.B1] is not False and routes_open)


def _next(a: EligibilityAnswers, met: dict[ConditionCode, Met]) -> QuestionKey | None:
    unanswered = (q for q in QUESTION_ORDER if getattr(a, QUESTION_FIELD[q]) is None)
    return next((q for q in unanswered if _relevant(q, a, met)), None)


def _missing(verdict: Verdict, met: dict[ConditionCode, Met]) -> tuple[ConditionCode, ...]:
    """The conditions answered "no" that stand in the way; 破格 is a way in, never missing."""
    if verdict is Verdict.ELIGIBLE:
        return ()
    if verdict is Verdict.BARRED:
        return (ConditionCode.BAR,)
    route_met = any(met[r] is True for r in ROUTES)
    return tuple(
        code
        for code, ok in met.items()
        if ok is False and code is not ConditionCode.EXC and not (route_met and code in ROUTES)
    )


def evaluate_eligibility(answers: EligibilityAnswers) -> EligibilityResult:
    """Apply 第四条 and the bar of 第十七条 to the answers given so far."""
    met = conditions(answers)
    verdict = verdict_of(met)
    finding = answers.falsification_finding_date
    barred = verdict is Verdict.BARRED and finding is not None
    return EligibilityResult(
        verdict=verdict,
        conditions=tuple(ConditionOutcome(code, ok, ARTICLE[code]) for code, ok in met.items()),
        missing=_missing(verdict, met),
        barred_until=bar_last_day(finding) if barred and finding else None,
        next_question=_next(answers, met) if verdict is Verdict.INCOMPLETE else None,
    )


def next_question(answers: EligibilityAnswers) -> QuestionKey | None:
    """The next question still worth asking, or None when the verdict is settled."""
    return evaluate_eligibility(answers).next_question
