"""Reminder series: the moments a reminder fires, and which one is due at a given instant.

A series is a sorted list of days; each fires at the reminder time and stays due until the next
one fires (the last until the series' end). A sweep at ``now`` therefore sees at most one due
moment per series: the latest that has passed. A bot that was down catches up that one, not a
burst of stale ones, and an instant can never make two moments of one series due.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo

from policy.calendar import next_allowed_send
from policy.reminders import REMINDER_TIME


@dataclass(frozen=True, slots=True)
class Moment:
    """One firing of a series: due from ``at`` until ``until`` (exclusive)."""

    series: str
    scope: str  # the year, or the object the series belongs to
    day: date
    at: datetime
    until: datetime

    @property
    def period(self) -> str:
        """The part of an outbox key that names this moment."""
        return f"{self.series}:{self.scope}:{self.day.isoformat()}"

    def is_due(self, now: datetime) -> bool:
        return self.at <= now < self.until

    def send_at(self, now: datetime) -> datetime:
        """When a reminder of this moment may go out if queued at ``now`` (after quiet hours)."""
        return next_allowed_send(max(self.at, now).astimezone(self.at.tzinfo))


def local(day: date, tz: tzinfo, at: time = REMINDER_TIME) -> datetime:
    return datetime.combine(day, at, tzinfo=tz)


def series(
    name: str, scope: object, days: Iterable[date], end: datetime, tz: tzinfo
) -> list[Moment]:
    """The moments of one series; days at or after ``end`` are dropped."""
    starts = sorted({local(d, tz) for d in days if local(d, tz) < end})
    ends = [*starts[1:], end]
    return [Moment(name, str(scope), s.date(), s, u) for s, u in zip(starts, ends, strict=True)]


def due(moments: Sequence[Moment], now: datetime) -> Moment | None:
    """The moment of a series that is due at ``now``, if any."""
    return next((m for m in moments if m.is_due(now)), None)


def within(moments: Iterable[Moment], start: datetime, end: datetime) -> list[Moment]:
    """Moments that fire in (start, end]: what a preview of the coming days lists."""
    return [m for m in moments if start < m.at <= end]
