"""Studio categories and what each owes and may receive (第九条, 第十三条).

The category decides the yearly training minimum (第九条(一)) and the construction subsidy cap
(第十三条). The newly-certified minimum is not a separate table in the text: it is 50% of the
category's training minimum, so it is computed here, rounding up
("不低于…50%" means at least half).
"""

from __future__ import annotations

from enum import StrEnum
from fractions import Fraction
from math import ceil
from typing import Annotated, Final

from pydantic import BaseModel, ConfigDict, Field

from policy.i18n import Label, Lang


class StudioCategory(StrEnum):
    """Category of a studio (第九条(一), 第十三条)."""

    MODERN_TECH = "modern_tech"
    TRADITIONAL_CRAFT = "traditional_craft"
    CULTURAL_CREATIVE = "cultural_creative"


_LABELS: Final[dict[StudioCategory, Label]] = {
    StudioCategory.MODERN_TECH: Label("现代技术类", "Modern technology"),
    StudioCategory.TRADITIONAL_CRAFT: Label("传统工艺类", "Traditional craft"),
    StudioCategory.CULTURAL_CREATIVE: Label("文化创意类", "Cultural and creative"),
}

Count = Annotated[int, Field(ge=0)]


class AnnualMinimums(BaseModel):
    """Yearly minimum of trainees and of newly certified trainees (第九条(一))."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    trainees: Count
    certified: Count


CERTIFIED_SHARE: Final = Fraction(1, 2)
"""第九条(一): newly certified ≥ 50% of the category's minimum number of trainees."""

_MIN_TRAINEES: Final[dict[StudioCategory, int]] = {
    StudioCategory.MODERN_TECH: 8,
    StudioCategory.TRADITIONAL_CRAFT: 6,
    StudioCategory.CULTURAL_CREATIVE: 4,
}

MIN_ACTIVITIES: Final = 2
"""第九条(三): at least two seminars or promotion activities a year."""

MIN_COMPETITIONS: Final = 1
"""第九条(四): take part in at least one municipal-or-higher competition a year."""

_CAP_MODERN_TECH: Final = 150_000
_CAP_OTHERS: Final = 100_000
_CONSTRUCTION_CAPS: Final[dict[StudioCategory, int]] = {
    StudioCategory.MODERN_TECH: _CAP_MODERN_TECH,
    StudioCategory.TRADITIONAL_CRAFT: _CAP_OTHERS,
    StudioCategory.CULTURAL_CREATIVE: _CAP_OTHERS,
}


def minimums_for_trainees(trainees: int) -> AnnualMinimums:
    """Minimums for a given trainee minimum: certified = 50% of it, rounded up (第九条(一))."""
    return AnnualMinimums(trainees=trainees, certified=ceil(trainees * CERTIFIED_SHARE))


def annual_minimums(category: StudioCategory) -> AnnualMinimums:
    """第九条(一): 8/4 modern technology, 6/3 traditional craft, 4/2 cultural and creative."""
    return minimums_for_trainees(_MIN_TRAINEES[category])


def construction_cap(category: StudioCategory) -> int:
    """第十三条: one-time construction subsidy cap in CNY (150,000 modern tech, else 100,000)."""
    return _CONSTRUCTION_CAPS[category]


def label(category: StudioCategory, lang: Lang) -> str:
    """Chinese or English label of a category."""
    return _LABELS[category].text(lang)
