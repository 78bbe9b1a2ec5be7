"""Vocational qualification levels and technical titles (第四条 B1, 第九条 newly certified).

Interpretation of 相应技术职称 ("the corresponding technical title"): China's policy on linking the
skill and professional-title ladders (高技能人才与专业技术人才职业发展贯通) pairs 高级工 with the
junior (助理级) title, 技师 with the intermediate (中级) title and 高级技师 with the
senior (副高级) title. Therefore:

* B1 of 第四条 (技师以上 … 或者相应技术职称) is met by 技师 or higher, or an intermediate (中级) or
  higher title; 高级工 and below, and a junior title, do not meet it. It must be held in the
  master's own occupation (本职业（工种）): a 技师 certificate in another trade does not meet it
  (:func:`in_own_trade`).
* 第九条(一) counts as "newly certified" a trainee who newly obtains 高级工, 技师 or 高级技师 (or
  higher), or the corresponding title: junior (初级) or higher.

The members of each enum are declared from lowest to highest; that order is the ranking. 特级技师
and 首席技师 (the 2022 "new eight levels", above 高级技师) are included so that holders can answer
truthfully; they rank above 高级技师 and satisfy everything it satisfies.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from policy.i18n import Label, Lang


class QualificationLevel(StrEnum):
    """National vocational qualification (skill level) certificate, lowest first."""

    NONE = "none"
    JUNIOR = "junior"
    INTERMEDIATE = "intermediate"
    SENIOR = "senior"
    TECHNICIAN = "technician"
    SENIOR_TECHNICIAN = "senior_technician"
    PRINCIPAL_TECHNICIAN = "principal_technician"
    CHIEF_TECHNICIAN = "chief_technician"


class TechnicalTitle(StrEnum):
    """Professional technical title (专业技术职称), lowest first; senior = 副高级 or 正高级."""

    NONE = "none"
    JUNIOR = "junior"
    INTERMEDIATE = "intermediate"
    SENIOR = "senior"


_LEVEL_LABELS: Final[dict[QualificationLevel, Label]] = {
    QualificationLevel.NONE: Label("无职业资格证书", "No qualification certificate"),
    QualificationLevel.JUNIOR: Label("初级工（五级）", "Junior worker (level 5)"),
    QualificationLevel.INTERMEDIATE: Label("中级工（四级）", "Intermediate worker (level 4)"),
    QualificationLevel.SENIOR: Label("高级工（三级）", "Senior worker (level 3)"),
    QualificationLevel.TECHNICIAN: Label("技师（二级）", "Technician (level 2)"),
    QualificationLevel.SENIOR_TECHNICIAN: Label("高级技师（一级）", "Senior technician (level 1)"),
    QualificationLevel.PRINCIPAL_TECHNICIAN: Label("特级技师", "Principal technician"),
    QualificationLevel.CHIEF_TECHNICIAN: Label("首席技师", "Chief technician"),
}

_TITLE_LABELS: Final[dict[TechnicalTitle, Label]] = {
    TechnicalTitle.NONE: Label("无技术职称", "No technical title"),
    TechnicalTitle.JUNIOR: Label("初级职称", "Junior title"),
    TechnicalTitle.INTERMEDIATE: Label("中级职称", "Intermediate title"),
    TechnicalTitle.SENIOR: Label("高级职称（副高、正高）", "Senior title (associate or full)"),
}

B1_MIN_LEVEL: Final = QualificationLevel.TECHNICIAN
B1_MIN_TITLE: Final = TechnicalTitle.INTERMEDIATE
NEWLY_CERTIFIED_MIN_LEVEL: Final = QualificationLevel.SENIOR
NEWLY_CERTIFIED_MIN_TITLE: Final = TechnicalTitle.JUNIOR

_LEVEL_RANK: Final = {member: rank for rank, member in enumerate(QualificationLevel)}
_TITLE_RANK: Final = {member: rank for rank, member in enumerate(TechnicalTitle)}


def level_at_least(level: QualificationLevel, floor: QualificationLevel) -> bool:
    """Whether ``level`` ranks at or above ``floor`` (declaration order is the ranking)."""
    return _LEVEL_RANK[level] >= _LEVEL_RANK[floor]


def title_at_least(title: TechnicalTitle, floor: TechnicalTitle) -> bool:
    """Whether ``title`` ranks at or above ``floor``."""
    return _TITLE_RANK[title] >= _TITLE_RANK[floor]


def meets_b1(
    level: QualificationLevel,
    title: TechnicalTitle = TechnicalTitle.NONE,
    *,
    own_trade: bool = True,
) -> bool:
    """第四条: 本职业（工种）技师以上, or an intermediate (中级) or higher title (see module doc).

    ``own_trade`` says whether that qualification or title is in the master's own occupation.
    """
    high_enough = level_at_least(level, B1_MIN_LEVEL) or title_at_least(title, B1_MIN_TITLE)
    return high_enough and own_trade


def _occupation(name: str) -> str:
    return "".join(name.split()).replace("(", "（").replace(")", "）").casefold()


def in_own_trade(master_occupation: str, qualification_occupation: str) -> bool:
    """第四条 本职业（工种）: the qualification names the occupation the master works in.

    Compared as written (spaces, bracket width and case aside): 车工 and 钳工 are different
    trades. Where the names differ only in wording, ask the master instead.
    """
    master, held = _occupation(master_occupation), _occupation(qualification_occupation)
    return bool(master) and master == held


def counts_as_newly_certified(
    level: QualificationLevel = QualificationLevel.NONE,
    title: TechnicalTitle = TechnicalTitle.NONE,
) -> bool:
    """第九条(一): a newly obtained 高级工/技师/高级技师 certificate, or a junior+ title."""
    return level_at_least(level, NEWLY_CERTIFIED_MIN_LEVEL) or title_at_least(
        title, NEWLY_CERTIFIED_MIN_TITLE
    )


def label(member: QualificationLevel | TechnicalTitle, lang: Lang) -> str:
    """Chinese or English label of a level or a title."""
    if isinstance(member, QualificationLevel):
        return _LEVEL_LABELS[member].text(lang)
    return _TITLE_LABELS[member].text(lang)
