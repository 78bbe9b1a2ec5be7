"""Statements run alone skip BEGIN and COMMIT on PostgreSQL only while the session has begun
no transaction; staged changes and everything after stay in one transaction."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest
from sqlalchemy import text

from storage.alone import alone
from storage.db import create_engine, session_factory
from storage.models import User
from storage.types import utcnow
from storage.uow import UnitOfWork

Uow = Callable[[], UnitOfWork]


@pytest.fixture
async def pg(pg_url: str) -> AsyncIterator[Uow]:
    engine = create_engine(pg_url)
    sessions = session_factory(engine)
    try:
        yield lambda: UnitOfWork(sessions)
    finally:
        await engine.dispose()


async def _claimed(uow: Uow, update_id: int) -> bool:
    """Seen from another session: only what has been committed."""
    async with uow() as u:
        return await u.updates.get(update_id) is not None


def _user(user_id: int) -> User:
    now = utcnow()
    return User(id=user_id, first_name="A", created_at=now, seen_at=now)


async def test_a_statement_alone_is_committed_before_the_session_commits(pg: Uow) -> None:
    async with pg() as u:
        async with alone(u.session):
            assert await u.updates.claim(1, "a", [])
        assert await _claimed(pg, 1)
        await u.session.rollback()
    assert await _claimed(pg, 1)


async def test_after_a_read_the_statement_joins_the_transaction(pg: Uow) -> None:
    async with pg() as u:
        await u.session.execute(text("SELECT 1"))
        async with alone(u.session):
            assert await u.updates.claim(2, "a", [])
        assert not await _claimed(pg, 2)
        await u.session.rollback()
    assert not await _claimed(pg, 2)


async def test_staged_changes_are_flushed_into_a_transaction_not_committed_alone(
    pg: Uow,
) -> None:
    async with pg() as u:
        u.session.add(_user(5))
        async with alone(u.session):
            assert await u.updates.claim(3, "a", [])
        await u.session.rollback()
    assert not await _claimed(pg, 3)
    async with pg() as u:
        assert await u.users.get(5) is None


async def test_statements_after_the_block_run_in_a_transaction_again(pg: Uow) -> None:
    async with pg() as u:
        async with alone(u.session):
            assert await u.updates.claim(4, "a", [])
        u.session.add(_user(6))
        await u.session.flush()
        await u.session.rollback()
    assert await _claimed(pg, 4)
    async with pg() as u:
        assert await u.users.get(6) is None


async def test_a_failed_statement_alone_leaves_the_next_one_in_a_transaction(pg: Uow) -> None:
    async with pg() as u:
        with pytest.raises(Exception, match="no_such_table"):
            async with alone(u.session):
                await u.session.execute(text("SELECT * FROM no_such_table"))
        await u.session.rollback()
        assert await u.updates.claim(7, "a", [])
        assert not await _claimed(pg, 7)
        await u.session.rollback()
    assert not await _claimed(pg, 7)


async def test_on_sqlite_everything_waits_for_the_commit(sqlite_db: str) -> None:
    engine = create_engine(sqlite_db)
    sessions = session_factory(engine)
    try:
        async with UnitOfWork(sessions) as u:
            async with alone(u.session):
                assert await u.updates.claim(8, "a", [])
            await u.session.rollback()
        async with UnitOfWork(sessions) as u:
            assert await u.updates.get(8) is None
    finally:
        await engine.dispose()


async def test_the_delivered_mark_alone_is_committed_at_once(pg: Uow) -> None:
    async with pg() as u:
        assert await u.updates.claim(9, "a", [{"kind": "send"}])
        await u.commit()
    async with pg() as u:
        async with alone(u.session):
            await u.updates.mark_replied(9)
        await u.session.rollback()
    async with pg() as u:
        row = await u.updates.get(9)
    assert row is not None and row.replied_at is not None and not row.replies
