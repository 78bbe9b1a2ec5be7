"""A studio's targets for the year (第九条), the one place they are decided.

第九条(一) sets the yearly minimum of high-skill talents trained by category (8 / 6 / 4) and
requires that newly certified ones (高级工, 技师, 高级技师 or the corresponding title) be at least
50% of that minimum. "承担非遗传承的技能大师工作室可根据年度培训效果另行确定": for a studio
carrying intangible-heritage transmission the agency may set those two figures itself, from
the year's training results, and says why. 第九条(三) (two seminars or promotion activities)
and 第九条(四) (one municipal-or-higher competition) hold for every studio.

Plain data in, plain data out: callers pass what they know of the studio, never a database row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from policy.categories import (
    MIN_ACTIVITIES,
    MIN_COMPETITIONS,
    StudioCategory,
    annual_minimums,
    minimums_for_trainees,
)
from policy.sectors import FocusSector, minimums_may_be_overridden
from policy.source import ART_9, item

HERITAGE_ARTICLE: Final = item(ART_9, 1)


@dataclass(frozen=True, slots=True)
class TargetOverride:
    """The agency's own training targets for a heritage studio, and the results behind them.

    ``certified`` None means 50% of ``trainees``, rounded up, as for every studio. ``reason``
    is what staff wrote when they set the figures (older records may have none).
    """

    trainees: int
    certified: int | None = None
    reason: str | None = None

    def __post_init__(self) -> None:
        if self.trainees < 0 or (self.certified is not None and self.certified < 0):
            raise ValueError("targets cannot be negative")


@dataclass(frozen=True, slots=True)
class Targets:
    """What the year must bring (第九条(一)(三)(四)); ``set_by_agency`` for a heritage override."""

    trainees: int
    certified: int
    activities: int = MIN_ACTIVITIES
    competitions: int = MIN_COMPETITIONS
    set_by_agency: bool = False
    reason: str | None = None


def carries_heritage(sector: str | None, declared: bool = False) -> bool:
    """第九条(一): whether the studio carries intangible-heritage transmission.

    ``declared`` is what was recorded for the studio; a studio centred on the heritage sector
    (第二条) carries it too.
    """
    heritage = FocusSector.INTANGIBLE_HERITAGE
    return declared or (sector == heritage.value and minimums_may_be_overridden(heritage))


def targets_for(
    category: StudioCategory, *, heritage: bool = False, override: TargetOverride | None = None
) -> Targets:
    """第九条: the category's targets, or the agency's for a heritage studio (第九条(一)).

    An override given for a studio that carries no heritage transmission is not applied: the
    Measures allow it for those studios only.
    """
    if not heritage or override is None:
        base = annual_minimums(category)
        return Targets(trainees=base.trainees, certified=base.certified)
    certified = override.certified
    if certified is None:
        certified = minimums_for_trainees(override.trainees).certified
    return Targets(override.trainees, certified, set_by_agency=True, reason=override.reason)
