"""What the arrival reads ahead (the sender's studio ties and draft kinds) answers the
repositories without another statement, and only until the transaction writes, on SQLite and
PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import event, insert, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Draft, Studio, User
from storage.read_ahead import MISSING, keep, recall
from storage.repos.arrivals import ArrivalsRepo
from storage.repos.drafts import DraftsRepo
from storage.repos.studios import StudiosRepo
from storage.types import utcnow
from storage.uow import UnitOfWork
from tests.storage.studio_rows import studio_row

Uow = Callable[[], UnitOfWork]
ALICE, BOB = 1001, 1002


@contextmanager
def statements(session: AsyncSession) -> Iterator[list[str]]:
    """The SQL the session's connection runs inside the block."""
    seen: list[str] = []
    engine = session.bind.sync_engine if session.bind is not None else None
    assert engine is not None

    def record(_c: object, _cur: object, sql: str, *_: object) -> None:
        seen.append(sql)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def _world(uow: Uow) -> None:
    """Alice is a studio's contact and has two drafts; Bob is a master with none."""
    async with uow() as u:
        now = utcnow()
        await u.session.execute(
            insert(User), [{"id": i, "first_name": "x", "created_at": now} for i in (ALICE, BOB)]
        )
        await u.session.execute(
            insert(Studio),
            [studio_row(1, contact_user_id=ALICE), studio_row(2, master_user_id=BOB)],
        )
        drafts = u.repo(DraftsRepo)
        await drafts.create(ALICE, "plan", now)
        await drafts.create(ALICE, "application", now)
        await u.commit()


async def _arrive(u: UnitOfWork, update_id: int, user_id: int) -> None:
    found = await u.repo(ArrivalsRepo).arrive(update_id, user_id, "x", None, None)
    assert found is not None


async def test_the_arrival_answers_ties_and_kinds_without_another_statement(uow: Uow) -> None:
    await _world(uow)
    async with uow() as u:
        await _arrive(u, 1, ALICE)
        with statements(u.session) as ran:
            ties = await u.repo(StudiosRepo).ties(ALICE)
            kinds = await u.repo(DraftsRepo).kinds_of(ALICE)
        assert ran == []
        assert ties == (True, False)
        assert kinds == ["plan", "application"]  # oldest first
    async with uow() as u:
        await _arrive(u, 2, BOB)
        assert await u.repo(StudiosRepo).ties(BOB) == (False, True)
        assert await u.repo(DraftsRepo).kinds_of(BOB) == []


async def test_what_was_read_ahead_equals_what_the_database_answers(uow: Uow) -> None:
    await _world(uow)
    for update_id, user in enumerate((ALICE, BOB, 77), start=10):
        async with uow() as u:
            await _arrive(u, update_id, user)
            ahead = (await u.repo(StudiosRepo).ties(user), await u.repo(DraftsRepo).kinds_of(user))
        async with uow() as u:
            asked = (await u.repo(StudiosRepo).ties(user), await u.repo(DraftsRepo).kinds_of(user))
        assert ahead == asked


async def test_a_flushed_write_makes_the_repositories_ask_again(uow: Uow) -> None:
    await _world(uow)
    async with uow() as u:
        await _arrive(u, 1, BOB)
        await u.repo(DraftsRepo).create(BOB, "report", utcnow())  # flushed: it needs its id
        assert await u.repo(DraftsRepo).kinds_of(BOB) == ["report"]


async def test_a_change_staged_but_not_flushed_counts_as_a_write(uow: Uow) -> None:
    await _world(uow)
    async with uow() as u:
        await _arrive(u, 1, BOB)
        now = utcnow()
        u.session.add(
            Draft(
                owner_id=BOB,
                kind="report",
                scope="",
                answers={},
                cursor="",
                created_at=now,
                updated_at=now,
                reviewing=False,
            )
        )
        assert await u.repo(DraftsRepo).kinds_of(BOB) == ["report"]


async def test_an_update_statement_makes_the_repositories_ask_again(uow: Uow) -> None:
    await _world(uow)
    async with uow() as u:
        await _arrive(u, 1, BOB)
        await u.session.execute(update(Studio).where(Studio.id == 1).values(contact_user_id=BOB))
        assert await u.repo(StudiosRepo).ties(BOB) == (True, True)


async def test_nothing_is_kept_past_the_transaction_or_for_someone_else(uow: Uow) -> None:
    await _world(uow)
    async with uow() as u:
        await _arrive(u, 1, ALICE)
        assert recall(u.session, ("studio ties", BOB)) is MISSING
        await u.commit()
    async with uow() as u:
        assert recall(u.session, ("studio ties", ALICE)) is MISSING


async def test_a_session_that_does_not_track_its_writes_keeps_nothing(uow: Uow) -> None:
    async with uow() as u:
        engine = u.session.bind
    assert engine is not None
    async with AsyncSession(engine) as plain:
        keep(plain, {"k": 1})
        assert recall(plain, "k") is MISSING
