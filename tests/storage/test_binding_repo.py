"""Binding codes on both databases: one live code per studio, held by the schema too."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from policy.categories import StudioCategory
from storage import migrate
from storage.db import create_engine
from storage.models import BindingCode
from storage.repos.binding import LOCATOR, BindingRepo, Redeem
from storage.repos.studios import StudioFacts, StudiosRepo
from storage.uow import UnitOfWork
from tests.databases import create_pg_database, drop_pg_database, sqlite_url

NOW = datetime(2027, 3, 1, 2, tzinfo=UTC)
TTL = timedelta(days=7)


async def _studio(uow: Callable[[], UnitOfWork]) -> int:
    async with uow() as u:
        facts = StudioFacts(
            "甲工作室", StudioCategory.MODERN_TECH, "张三", "甲单位", date(2024, 1, 1)
        )
        studio = await u.repo(StudiosRepo).create(facts, source="import")
        await u.commit()
        return studio.id


async def test_issuing_revokes_and_the_schema_refuses_a_second_live_code(
    uow: Callable[[], UnitOfWork],
) -> None:
    sid = await _studio(uow)
    async with uow() as u:
        first = (await u.repo(BindingRepo).issue(sid, 9001, NOW, TTL)).code
        second = (await u.repo(BindingRepo).issue(sid, 9001, NOW, TTL)).code
        await u.commit()
    async with uow() as u:
        rows = {c.code: c for c in await u.session.scalars(select(BindingCode))}
        assert rows[first].revoked_at == NOW and rows[second].revoked_at is None
        result = await u.repo(BindingRepo).redeem(first, 1001, NOW, 5)
        assert result.outcome is Redeem.REVOKED
    with pytest.raises(IntegrityError):
        async with uow() as u:
            u.session.add(
                BindingCode(code="ZZZZZZZZ", studio_id=sid, issued_by=1, expires_at=NOW + TTL)
            )
            await u.commit()


async def test_a_wrong_try_is_aimed_only_by_a_live_locator(uow: Callable[[], UnitOfWork]) -> None:
    sid = await _studio(uow)
    async with uow() as u:
        code = (await u.repo(BindingRepo).issue(sid, 9001, NOW, TTL)).code
        await u.commit()
    other = "A" if code[LOCATOR] != "A" else "B"
    async with uow() as u:
        repo = u.repo(BindingRepo)
        near = await repo.redeem(code[:LOCATOR] + other * 5, 1001, NOW, 2)
        assert near.aimed_at is not None and near.aimed_at.studio_id == sid and not near.burned
        short = await repo.redeem(code[:LOCATOR], 1001, NOW, 2)
        assert short.aimed_at is None
        burned = await repo.redeem(code[:LOCATOR] + other * 5, 1001, NOW, 2)
        assert burned.burned and (await repo.redeem(code, 1001, NOW, 2)).outcome is Redeem.REVOKED
        await u.commit()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def bare_url(request: pytest.FixtureRequest, tmp_path: object) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield sqlite_url(str(tmp_path))
        return
    try:
        url = await create_pg_database()
    except OSError as exc:
        pytest.skip(f"PostgreSQL not reachable ({exc})")
    try:
        yield url
    finally:
        await drop_pg_database(url)


async def test_the_migration_keeps_only_the_newest_live_code(bare_url: str) -> None:
    await migrate.upgrade(bare_url, "0006")
    engine = create_engine(bare_url)
    try:
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO studios (id, name, category, leader_name, unit_name, approved_on,"
                    " support_ends_on, construction_cap, intangible_heritage, source, status,"
                    " created_at) VALUES (1, 'A', 'modern_tech', 'L', 'U', '2024-01-01',"
                    " '2026-12-31', 150000, false, 'import', 'active', :now)"
                ),
                {"now": NOW},
            )
            for code, days in (("OLDOLDOL", 1), ("NEWNEWNE", 5), ("USEDUSED", 0)):
                await conn.execute(
                    text(
                        "INSERT INTO binding_codes (code, studio_id, issued_by, expires_at,"
                        " used_by) VALUES (:code, 1, 9001, :exp, :used)"
                    ),
                    {
                        "code": code,
                        "exp": NOW + timedelta(days=days),
                        "used": 7 if code == "USEDUSED" else None,
                    },
                )
        await migrate.upgrade(bare_url)
        async with engine.connect() as conn:
            rows = dict(
                (await conn.execute(text("SELECT code, revoked_at FROM binding_codes"))).all()
            )
    finally:
        await engine.dispose()
    assert rows["NEWNEWNE"] is None and rows["USEDUSED"] is None
    assert rows["OLDOLDOL"] is not None
