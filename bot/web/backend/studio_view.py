"""A studio as the console lists it: its support periods year by year (第十三条, 第十六条).

Which assessment year is which support year is policy's (`policy.support`: counted in
assessment years, whatever day in December the agency holds them, a renewal starting a new
period per 第十六条第二款); the periods are the studio's history as the chat's card reads it
(`LifecycleRepo.periods_of`), the records are the assessments and the booked work subsidies.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.web.backend.base import View
from bot.web.backend.console_types import StudioView, StudioYear
from handlers.stats.flow import enum_label
from policy.categories import StudioCategory
from policy.divisions import Division
from policy.support import SupportPeriod, current_period, support_year_in
from storage.models import Studio
from storage.repos.studio_state import YearRecord


def _year(ctx: View, year: int, index: int, record: YearRecord) -> StudioYear:
    key = {True: "passed", False: "failed", None: "pending"}[record.passed]
    return StudioYear(
        year, index, ctx.t(f"web.console.assess_{key}"), record.passed, record.subsidy
    )


def _years(
    ctx: View, periods: Sequence[SupportPeriod], records: dict[int, YearRecord]
) -> list[StudioYear]:
    """Each period's support years 1–3, and any year recorded outside them (0)."""
    inside = {year: support_year_in(periods, year) for p in periods for year in p.years}
    years = {y: inside.get(y) or 0 for y in {*inside, *records}}
    return [_year(ctx, y, years[y], records.get(y, YearRecord())) for y in sorted(years)]


def _phase(ctx: View, periods: Sequence[SupportPeriod], today: date) -> str:
    """The period of this year's assessment, else the next to start, else the last."""
    upcoming = (p for p in periods if today < p.start)
    period = current_period(periods, today.year) or next(upcoming, periods[-1])
    start, end = period.start, period.end
    if today < start:
        return ctx.t("web.console.phase_before", start=start.isoformat())
    if today > end:
        return ctx.t("web.console.phase_after", end=end.isoformat())
    return ctx.t("web.console.phase_in", end=end.isoformat())


def studio_view(
    ctx: View,
    studio: Studio,
    periods: Sequence[SupportPeriod],
    records: dict[int, YearRecord],
) -> StudioView:
    """`periods`: the studio's support periods, the first first (never empty)."""
    status_key = f"web.console.studio_status.{studio.status}"
    years = _years(ctx, periods, records)
    return StudioView(
        id=studio.id,
        name=studio.name,
        unit=studio.unit_name,
        leader=studio.leader_name,
        category_label=enum_label(ctx, StudioCategory)(studio.category),
        division_label=enum_label(ctx, Division)(studio.division) if studio.division else "—",
        status=studio.status,
        status_label=ctx.t(status_key) if ctx.texts.has(status_key) else studio.status,
        approved_on=studio.approved_on.isoformat(),
        support_ends_on=studio.support_ends_on.isoformat(),
        phase=_phase(ctx, periods, ctx.now.date()),
        construction_cap=studio.construction_cap,
        subsidies=sum(y.subsidy for y in years),
        years=years,
        contact_linked=studio.contact_user_id is not None,
    )
