"""Plans and reports at their current version, with their studio (a helper: defines no SHEET)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import Row, Select, and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.exports.registry import streamed
from storage.exports.sheets import labels
from storage.models import Studio, Submission, SubmissionVersion


class Activities(Protocol):
    @property
    def activities(self) -> int: ...
    @property
    def competitions(self) -> int: ...


def filed_by(r: Row[Any]) -> tuple[object, ...]:
    """A plan's or report's first columns: receipt, year, studio, its unit and category."""
    return (r.receipt_no, r.year, r.studio, r.unit_name, labels.category(r.category))


def year_work(
    counted: Activities, answers: dict[str, Any], amount: Decimal | None
) -> tuple[object, ...]:
    """Activities, competitions, innovations and money, planned or done, as both sheets end."""
    return (
        counted.activities,
        counted.competitions,
        answers.get("innovations") or 0,
        float(amount) if amount is not None else None,
    )


def _statement(kind: str, year: int | None) -> Select[*tuple[Any, ...]]:
    stmt: Select[*tuple[Any, ...]] = (
        select(
            Submission.receipt_no,
            Submission.year,
            Studio.id.label("studio_id"),
            Studio.name.label("studio"),
            Studio.unit_name,
            Studio.category,
            Studio.sector,
            Studio.intangible_heritage,
            Studio.min_trainees,
            Studio.min_certified,
            Submission.status,
            Submission.version,
            Submission.late,
            Submission.created_at,
            Submission.updated_at,
            SubmissionVersion.answers,
        )
        .join(Studio, Studio.id == Submission.studio_id)
        .outerjoin(
            SubmissionVersion,
            and_(
                SubmissionVersion.submission_id == Submission.id,
                SubmissionVersion.version == Submission.version,
            ),
        )
        .where(Submission.kind == kind)
        .order_by(Submission.year, Studio.name, Submission.id)
    )
    if year is not None:
        stmt = stmt.where(Submission.year == year)
    return stmt


async def annual_submissions(
    session: AsyncSession, kind: str, year: int | None = None
) -> Sequence[Row[Any]]:
    """One row per filed ``kind`` (plan | report), optionally of one year, by year and studio."""
    return list(await session.execute(_statement(kind, year)))


def annual_stream(
    session: AsyncSession, kind: str, year: int | None = None
) -> AsyncIterator[Row[Any]]:
    """The same rows as `annual_submissions`, streamed for a sheet of every year."""
    return streamed(session, _statement(kind, year))
