"""Withdrawal of the studio title and the falsification bar (第十七条).

第十七条 lists six grounds on which the title is withdrawn and government-funded equipment is
recovered. Only one of them can be computed from records, two failed assessments in a row; the
others are findings made by people and are recorded as a :class:`RevocationGround`.

Its last paragraph bars a unit and its leader for three years (三年内不得参与…申报) after a finding
of falsified materials or results. The bar starts on the day of the finding and runs for three
years; the first day on which applying is allowed again is the third anniversary of the finding
(:func:`bar_end`; 29 February → 1 March, see :mod:`policy.dates`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Final

from policy.dates import anniversary
from policy.i18n import Label, Lang

BAR_YEARS: Final = 3
"""第十七条: years a unit and its leader may not apply after a falsification finding."""

CONSECUTIVE_FAILURES: Final = 2
"""第十七条(四): failing the annual assessment this many years in a row withdraws the title."""


class RevocationGround(StrEnum):
    """Grounds for withdrawing the title (第十七条(一)–(六))."""

    FALSE_MATERIALS = "false_materials"
    NOT_FUNCTIONING = "not_functioning"
    NEGATIVE_IMPACT = "negative_impact"
    FAILED_TWICE = "failed_twice"
    BROKE_LAW = "broke_law"
    ASKED_TO_LEAVE = "asked_to_leave"


_LABELS: Final[dict[RevocationGround, Label]] = {
    RevocationGround.FALSE_MATERIALS: Label("提供虚假申报材料", "Provided false materials"),
    RevocationGround.NOT_FUNCTIONING: Label(
        "不能正常发挥作用并无法完成年度任务",
        "Cannot function properly or complete the annual tasks",
    ),
    RevocationGround.NEGATIVE_IMPACT: Label(
        "因组织培训不力造成较大社会负面影响",
        "Serious negative social impact through poorly organised training",
    ),
    RevocationGround.FAILED_TWICE: Label(
        "连续2年考核不合格", "Failed the annual assessment two years in a row"
    ),
    RevocationGround.BROKE_LAW: Label(
        "违犯国家相关法律法规", "Broke national laws or regulations"
    ),
    RevocationGround.ASKED_TO_LEAVE: Label("主动申请退出", "Asked to leave the programme"),
}


def bar_end(finding_date: date) -> date:
    """First day on which applying is allowed again: the finding's third anniversary (第十七条)."""
    return anniversary(finding_date, BAR_YEARS)


def is_barred(finding_date: date, as_of: date) -> bool:
    """Whether a falsification found on ``finding_date`` still bars applying on ``as_of``."""
    return as_of < bar_end(finding_date)


def flag_for_revocation(assessment_history: Sequence[tuple[int, bool]]) -> bool:
    """第十七条(四): the two most recent assessments were in consecutive years and both failed.

    ``assessment_history`` holds ``(year, passed)`` pairs in any order. A gap year (no
    assessment) breaks the run. Two entries for one year are a data error.
    """
    years = [year for year, _passed in assessment_history]
    if len(set(years)) != len(years):
        raise ValueError("assessment history has more than one result for a year")
    recent = sorted(assessment_history)[-CONSECUTIVE_FAILURES:]
    if len(recent) < CONSECUTIVE_FAILURES:
        return False
    consecutive = recent[-1][0] - recent[0][0] == CONSECUTIVE_FAILURES - 1
    return consecutive and not any(passed for _year, passed in recent)


def label(ground: RevocationGround, lang: Lang) -> str:
    """Chinese or English label of a ground."""
    return _LABELS[ground].text(lang)
