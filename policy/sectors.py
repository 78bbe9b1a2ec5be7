"""Focus sectors of the programme (第二条) and the heritage exception (第九条(一)).

第二条 names three sectors a studio should centre on. A studio carrying the transmission of
intangible cultural heritage may have its yearly training targets set by the agency from the
year's results instead of the category minimums
(第九条(一) "承担非遗传承的…可根据年度培训效果另行确定").
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from policy.i18n import Label, Lang


class FocusSector(StrEnum):
    """Sector a studio centres on (第二条)."""

    STRATEGIC_EMERGING = "strategic_emerging"
    TRADITIONAL_ADVANTAGE = "traditional_advantage"
    INTANGIBLE_HERITAGE = "intangible_heritage"


_LABELS: Final[dict[FocusSector, Label]] = {
    FocusSector.STRATEGIC_EMERGING: Label("战略新兴产业", "Strategic emerging industries"),
    FocusSector.TRADITIONAL_ADVANTAGE: Label("传统优势产业", "Traditional advantage industries"),
    FocusSector.INTANGIBLE_HERITAGE: Label("非物质文化遗产", "Intangible cultural heritage"),
}


def minimums_may_be_overridden(sector: FocusSector) -> bool:
    """第九条(一): only heritage-transmission studios may get agency-set training targets."""
    return sector is FocusSector.INTANGIBLE_HERITAGE


def label(sector: FocusSector, lang: Lang) -> str:
    """Chinese or English label of a sector."""
    return _LABELS[sector].text(lang)
