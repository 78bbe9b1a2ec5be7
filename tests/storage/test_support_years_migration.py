"""Revision 0009 recomputes stored support-period ends by assessment years, and back."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import text

from policy.support import support_period
from storage import migrate
from storage.db import create_engine

APPROVED = (date(2024, 3, 1), date(2024, 11, 20), date(2024, 2, 29))
OLD_ENDS = (date(2027, 2, 28), date(2027, 11, 19), date(2027, 2, 28))


async def _ends(url: str) -> list[date]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(text("SELECT support_ends_on FROM studios ORDER BY id"))
            return [d if isinstance(d, date) else date.fromisoformat(d) for (d,) in rows]
    finally:
        await engine.dispose()


async def _insert(url: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            for n, (approved, end) in enumerate(zip(APPROVED, OLD_ENDS, strict=True), start=1):
                await conn.execute(
                    text(
                        "INSERT INTO studios (name, category, leader_name, unit_name,"
                        " approved_on, support_ends_on, construction_cap, intangible_heritage,"
                        " source, status, created_at) VALUES (:name, 'modern_tech', 'x', 'u',"
                        " :approved, :end, 150000, false, 'import', 'active', :at)"
                    ),
                    {
                        "name": f"S{n}",
                        "approved": approved,
                        "end": end,
                        "at": datetime(2024, 1, 1),
                    },
                )
    finally:
        await engine.dispose()


async def test_support_period_ends_are_recomputed(db_url: str) -> None:
    await migrate.downgrade(db_url, "0006")
    await _insert(db_url)
    await migrate.upgrade(db_url, "0009")
    assert await _ends(db_url) == [support_period(d).end for d in APPROVED]
    assert await _ends(db_url) == [date(2026, 12, 31), date(2027, 12, 31), date(2026, 12, 31)]
    await migrate.downgrade(db_url, "0006")
    assert await _ends(db_url) == list(OLD_ENDS)
