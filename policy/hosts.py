"""Host (载体) types a studio may be founded or led in (第二条).

The host must lie within Zhengzhou's jurisdiction (see :mod:`policy.divisions`). Vocational
(technical) schools must also report their number of enrolled students, as filed in the enrolment
filing system (第六条(三)), so forms ask for it only when :func:`is_school` holds.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from policy.i18n import Label, Lang


class HostType(StrEnum):
    """The eight carrier types listed in 第二条."""

    LARGE_MEDIUM_ENTERPRISE = "enterprise"
    INDUSTRY_RD_CENTRE = "rd_centre"
    VOCATIONAL_SCHOOL = "vocational_school"
    PRIVATE_TRAINING_INSTITUTION = "private_training"
    PUBLIC_TRAINING_BASE = "public_training_base"
    HIGH_SKILL_DEMO_BASE = "high_skill_demo_base"
    ESTABLISHED_STUDIO = "established_studio"
    SOCIAL_ORGANISATION = "social_organisation"


_LABELS: Final[dict[HostType, Label]] = {
    HostType.LARGE_MEDIUM_ENTERPRISE: Label(
        "科技和技能含量较高的大中型企业",
        "Large or medium enterprise with high technology and skill content",
    ),
    HostType.INDUSTRY_RD_CENTRE: Label("行业研发中心", "Industry R&D centre"),
    HostType.VOCATIONAL_SCHOOL: Label("职业（技工）院校", "Vocational (technical) school"),
    HostType.PRIVATE_TRAINING_INSTITUTION: Label(
        "民办职业培训机构", "Private vocational training institution"
    ),
    HostType.PUBLIC_TRAINING_BASE: Label("公共实训基地", "Public training base"),
    HostType.HIGH_SKILL_DEMO_BASE: Label(
        "高技能人才培训示范基地", "High-skill talent training demonstration base"
    ),
    HostType.ESTABLISHED_STUDIO: Label(
        "规范设立且运行良好的工作室", "Properly established, well-run studio"
    ),
    HostType.SOCIAL_ORGANISATION: Label("社会团体", "Social organisation"),
}

_SCHOOLS: Final = frozenset({HostType.VOCATIONAL_SCHOOL})


def is_school(host_type: HostType) -> bool:
    """Whether the host must report enrolled students (第六条(三): 职业(技工)院校)."""
    return host_type in _SCHOOLS


def label(host_type: HostType, lang: Lang) -> str:
    """Chinese or English label of a host type."""
    return _LABELS[host_type].text(lang)
