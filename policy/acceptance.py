"""Acceptance and the plaque (第十二条).

"被确定为技能大师工作室，经验收合格，由郑州市全民技能振兴工程领导小组授予'郑州市技能大师工作室'
牌匾": a confirmed studio is inspected (验收); once it passes, the leading group awards the plaque.
Acceptance is a record of its own beside the studio's state (:mod:`policy.studio_status`): a
date on which it passed, recorded by staff after the confirmation, never before it and never for
a studio that no longer holds its title.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final

from policy.i18n import Label, Lang
from policy.studio_status import StudioState, holds_title

PLAQUE: Final = Label("郑州市技能大师工作室", "Zhengzhou Skill Master Studio")
"""The plaque's wording (第十二条)."""

AWARDED_BY: Final = Label(
    "郑州市全民技能振兴工程领导小组", "Zhengzhou leading group of the skills promotion programme"
)


@dataclass(frozen=True, slots=True)
class Acceptance:
    """第十二条: the studio passed acceptance (验收合格) on ``accepted_on``."""

    accepted_on: date
    recorded_by: int


class AcceptanceProblem(StrEnum):
    """Why an acceptance cannot be recorded."""

    BEFORE_CONFIRMATION = "before_confirmation"
    NO_TITLE = "no_title"
    ALREADY_ACCEPTED = "already_accepted"


_LABELS: Final[dict[AcceptanceProblem, Label]] = {
    AcceptanceProblem.BEFORE_CONFIRMATION: Label(
        "验收日期不能早于工作室确定日期", "Acceptance cannot precede the confirmation"
    ),
    AcceptanceProblem.NO_TITLE: Label(
        "工作室称号已撤销或已退出，不再验收", "The studio no longer holds its title"
    ),
    AcceptanceProblem.ALREADY_ACCEPTED: Label("该工作室已验收合格", "Already accepted"),
}


def acceptance_problem(
    state: StudioState, confirmed_on: date, accepted_on: date, existing: Acceptance | None
) -> AcceptanceProblem | None:
    """第十二条: None when an acceptance on ``accepted_on`` may be recorded, else why not."""
    if existing is not None:
        return AcceptanceProblem.ALREADY_ACCEPTED
    if not holds_title(state):
        return AcceptanceProblem.NO_TITLE
    if accepted_on < confirmed_on:
        return AcceptanceProblem.BEFORE_CONFIRMATION
    return None


def plaque_awarded(acceptance: Acceptance | None) -> bool:
    """第十二条: the plaque is awarded once acceptance is passed, not on confirmation alone."""
    return acceptance is not None


def label(problem: AcceptanceProblem, lang: Lang) -> str:
    """Chinese or English explanation of a problem."""
    return _LABELS[problem].text(lang)
