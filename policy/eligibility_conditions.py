"""The conditions of 第四条 and the bar of 第十七条, met or not, from a master's answers.

Each condition is met (True), missed (False) or not yet known (None). The verdict combines them
with three-valued logic (False wins an AND, True wins an OR), so it is known as soon as no open
answer could change it: a master without 技师 is told about 破格 without being asked about honours.
"""

from __future__ import annotations

from datetime import date
from typing import Self

from pydantic import BaseModel, ConfigDict, model_validator

from policy.bar import is_barred
from policy.eligibility_terms import ROUTES, ConditionCode, Verdict
from policy.qualifications import QualificationLevel, TechnicalTitle, meets_b1


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
    in_own_trade: bool | None = None
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


Met = bool | None


def all_of(*values: Met) -> Met:
    """Three-valued AND: False wins, then unknown."""
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def any_of(*values: Met) -> Met:
    """Three-valued OR: True wins, then unknown."""
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


def _bar_met(a: EligibilityAnswers) -> Met:
    if a.falsification_finding_date is not None:
        return not is_barred(a.falsification_finding_date, a.as_of)
    # no finding: clear; a finding without its date (or no answer yet): still open
    return True if a.falsification_found is False else None


def qualified(a: EligibilityAnswers) -> bool:
    """第四条: the level or title named is high enough (the trade aside)."""
    return meets_b1(a.level or QualificationLevel.NONE, a.title or TechnicalTitle.NONE)


def _b1_met(a: EligibilityAnswers) -> Met:
    if qualified(a):
        return a.in_own_trade
    return None if a.level is None or a.title is None else False


def conditions(a: EligibilityAnswers) -> dict[ConditionCode, Met]:
    """Each condition of 第四条 and the bar of 第十七条, as far as the answers tell."""
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


def paths(met: dict[ConditionCode, Met]) -> tuple[Met, Met]:
    """第四条: the regular path (B1–B3 and a route) and the exceptional one (B2, B3, 破格)."""
    route = any_of(*(met[r] for r in ROUTES))
    base = (met[ConditionCode.B2], met[ConditionCode.B3])
    return all_of(met[ConditionCode.B1], *base, route), all_of(*base, met[ConditionCode.EXC])


def verdict_of(met: dict[ConditionCode, Met]) -> Verdict:
    """The verdict, INCOMPLETE while an open answer could still change it; the bar decides last."""
    regular, exceptional = paths(met)
    if regular is False and exceptional is False:
        return Verdict.NOT_ELIGIBLE
    if regular is True:
        candidate = Verdict.ELIGIBLE
    elif regular is False and exceptional is True:
        candidate = Verdict.EXCEPTIONAL_ONLY
    else:
        return Verdict.INCOMPLETE
    bar = met[ConditionCode.BAR]
    if bar is None:
        return Verdict.INCOMPLETE
    return candidate if bar else Verdict.BARRED
