"""The annual cycle's records: moved calendar dates, assessments and booked work subsidies.

Each year's effective calendar is the Measures' default (:func:`policy.calendar.default_calendar`)
with the agency's overrides applied; sweeps and flows read it here, so one override moves every
reminder and every lateness check of that year.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Literal

from sqlalchemy import select

from policy.calendar import ProgrammeCalendar, default_calendar
from policy.money import SubsidyStatus
from storage.models import Assessment, CalendarOverride, Subsidy
from storage.repos.base import Repository

CalendarField = Literal["plan_due", "aggregate_due", "assessment"]
CALENDAR_FIELDS: tuple[CalendarField, ...] = ("plan_due", "aggregate_due", "assessment")


class CalendarRepo(Repository):
    async def effective(self, year: int) -> ProgrammeCalendar:
        """The year's dates: the default, with the agency's overrides (if any) applied."""
        row = await self.session.get(CalendarOverride, year)
        cal = default_calendar(year)
        if row is None:
            return cal
        moved = {f: getattr(row, f) for f in CALENDAR_FIELDS if getattr(row, f) is not None}
        return replace(cal, **moved)

    async def overridden(self, year: int) -> set[CalendarField]:
        row = await self.session.get(CalendarOverride, year)
        return {f for f in CALENDAR_FIELDS if row is not None and getattr(row, f) is not None}

    async def set(
        self, year: int, field: CalendarField, day: date | None, by: int, now: datetime
    ) -> None:
        """Move one date of ``year`` (None restores the default)."""
        row = await self.session.get(CalendarOverride, year)
        if row is None:
            row = CalendarOverride(year=year, set_by=by, set_at=now)
            self.session.add(row)
        setattr(row, field, day)
        row.set_by, row.set_at = by, now
        await self.session.flush()


class AssessmentsRepo(Repository):
    async def get(self, studio_id: int, year: int) -> Assessment | None:
        return await self.session.scalar(
            select(Assessment).where(Assessment.studio_id == studio_id, Assessment.year == year)
        )

    async def record(
        self, studio_id: int, year: int, passed: bool, comment: str, by: int, now: datetime
    ) -> Assessment:
        """Record (or correct) the year's result of a studio."""
        row = await self.get(studio_id, year)
        if row is None:
            row = Assessment(studio_id=studio_id, year=year)
            self.session.add(row)
        row.passed, row.comment, row.assessed_by, row.assessed_at = passed, comment, by, now
        await self.session.flush()
        return row

    async def history(self, studio_id: int) -> list[tuple[int, bool]]:
        """(year, passed) of every assessment of the studio, oldest first (第十七条(四))."""
        rows = await self.session.execute(
            select(Assessment.year, Assessment.passed)
            .where(Assessment.studio_id == studio_id)
            .order_by(Assessment.year)
        )
        return [(int(year), bool(passed)) for year, passed in rows]

    async def of_year(self, year: int) -> dict[int, bool]:
        """studio id → passed, for the year's list."""
        rows = await self.session.execute(
            select(Assessment.studio_id, Assessment.passed).where(Assessment.year == year)
        )
        return {int(sid): bool(passed) for sid, passed in rows}


class SubsidiesRepo(Repository):
    async def get(self, studio_id: int, year: int, kind: str = "work") -> Subsidy | None:
        return await self.session.scalar(
            select(Subsidy).where(
                Subsidy.studio_id == studio_id, Subsidy.year == year, Subsidy.kind == kind
            )
        )

    async def booked_years(self, studio_id: int, kind: str = "work") -> list[int]:
        """Years with a booked (not cancelled) subsidy of ``kind`` (第十三条: three at most)."""
        rows = await self.session.scalars(
            select(Subsidy.year)
            .where(
                Subsidy.studio_id == studio_id,
                Subsidy.kind == kind,
                Subsidy.status == SubsidyStatus.BOOKED,
            )
            .order_by(Subsidy.year)
        )
        return [int(year) for year in rows]

    async def settle(
        self, studio_id: int, year: int, amount: int, by: int, now: datetime
    ) -> Subsidy | None:
        """Book ``amount`` for the year (or cancel a booking when it is 0); the row, if any."""
        row = await self.get(studio_id, year)
        if amount <= 0:
            if row is not None:
                row.status, row.booked_by, row.booked_at = SubsidyStatus.CANCELLED, by, now
            return row
        if row is None:
            row = Subsidy(studio_id=studio_id, year=year, kind="work")
            self.session.add(row)
        row.amount, row.status, row.booked_by, row.booked_at = (
            amount,
            SubsidyStatus.BOOKED,
            by,
            now,
        )
        await self.session.flush()
        return row
