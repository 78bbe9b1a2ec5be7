"""Deciding a submission through services.decisions, on SQLite and PostgreSQL: typed results,
typed refusals in a fixed order, what a decision sets in motion, and one winner of two."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from policy.states import SubmissionStatus
from services import decisions
from services.decisions import (
    AlreadyDecided,
    BadFields,
    BadReason,
    Decide,
    Decided,
    NotAllowed,
    NotFound,
    StaleVersion,
)
from storage.db import create_engine, session_factory
from storage.models import Draft, Studio, Submission
from storage.uow import UnitOfWork
from tests.handlers.review.builders import add_submission

Db = Callable[[], UnitOfWork]
NOW = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)
STAFF, OTHER = 9001, 9002
S = SubmissionStatus


def cmd(sid: int, decision: S, **given: object) -> Decide:
    values: dict[str, object] = {"by": STAFF, "staff": True, "version": 1, **given}
    return Decide(sid, decision=decision, **values)  # type: ignore[arg-type]


async def decide(db: Db, command: Decide) -> object:
    async with db() as uow:
        await uow.users.seen(command.by, f"User{command.by}", None, "zh")
        done = await decisions.decide(uow, command, NOW)
        await uow.commit()
        return done


async def test_approving_an_application_creates_the_studio_and_tells_the_unit(uow: Db) -> None:
    sid = await add_submission(uow)
    done = await decide(uow, cmd(sid, S.APPROVED, reason="ignored"))
    assert isinstance(done, Decided)
    assert (done.status, done.version, done.reason, done.fields) == (S.APPROVED, 1, None, ())
    assert done.studio is not None and done.notified == 1
    async with uow() as u:
        studio = await u.session.get(Studio, done.studio.id)
        notice = await u.outbox.by_key(f"decision:{sid}:v1")
        audit = await u.audit.for_object("submission", sid)
    assert studio is not None and studio.contact_user_id == 1001
    assert notice is not None and studio.name in notice.action["text"]
    assert [a.action for a in audit] == ["review.approved"]


async def test_a_return_keeps_reason_and_fields_in_form_order_and_opens_a_revision(
    uow: Db,
) -> None:
    sid = await add_submission(uow)
    done = await decide(
        uow, cmd(sid, S.RETURNED, reason="  请补充  ", fields=("report", "unit_name"))
    )
    assert isinstance(done, Decided)
    assert (done.status, done.reason, done.fields) == (
        S.RETURNED,
        "请补充",
        ("unit_name", "report"),
    )
    assert done.studio is None
    async with uow() as u:
        revision = await u.session.scalar(select(Draft).where(Draft.submission_id == sid))
        notice = await u.outbox.by_key(f"decision:{sid}:v1")
    assert revision is not None and revision.owner_id == 1001
    assert notice is not None and "请补充" in notice.action["text"]
    assert "申报单位名称" in notice.action["text"]


async def test_returning_a_plan_works_as_returning_an_application(uow: Db) -> None:
    sid = await add_submission(uow, kind="plan", answers={"trainees": 3})
    done = await decide(uow, cmd(sid, S.RETURNED, reason="目标偏低", fields=("trainees",)))
    assert isinstance(done, Decided) and done.fields == ("trainees",)
    async with uow() as u:
        revision = await u.session.scalar(select(Draft).where(Draft.submission_id == sid))
        notice = await u.outbox.by_key(f"decision:{sid}:v1")
    assert revision is not None and revision.kind == "plan"
    assert notice is not None and "目标偏低" in notice.action["text"]


async def test_refusals_come_typed_and_change_nothing(uow: Db) -> None:
    sid = await add_submission(uow)
    assert await decide(uow, cmd(sid, S.APPROVED, staff=False)) == NotAllowed()
    assert await decide(uow, cmd(sid + 99, S.APPROVED)) == NotFound(sid + 99)
    assert await decide(uow, cmd(sid, S.APPROVED, version=2)) == StaleVersion(2, 1)
    assert isinstance(await decide(uow, cmd(sid, S.REJECTED, reason="  ")), BadReason)
    refused = await decide(uow, cmd(sid, S.RETURNED, reason="x", fields=("no_such", "report")))
    assert refused == BadFields(("no_such",))
    async with uow() as u:
        kept = await u.session.get(Submission, sid)
        notices = await u.outbox.counts()
    assert kept is not None and kept.status == S.SUBMITTED and not any(notices.values())


async def test_a_decided_submission_says_who_decided_it(uow: Db) -> None:
    sid = await add_submission(uow)
    await decide(uow, cmd(sid, S.REJECTED, reason="材料不全"))
    late = await decide(uow, cmd(sid, S.APPROVED, by=OTHER))
    assert isinstance(late, AlreadyDecided)
    assert (late.status, late.by, late.by_name, late.raced) == (
        S.REJECTED,
        STAFF,
        "User9001",
        False,
    )


async def test_two_reviewers_at_once_one_wins_on_postgres(pg_url: str) -> None:
    engine = create_engine(pg_url)
    try:
        sessions: async_sessionmaker[AsyncSession] = session_factory(engine)

        def db() -> UnitOfWork:
            return UnitOfWork(sessions)

        for _ in range(3):
            sid = await add_submission(db)
            results = await asyncio.gather(
                decide(db, cmd(sid, S.APPROVED)),
                decide(db, cmd(sid, S.REJECTED, by=OTHER, reason="材料不全")),
            )
            won = [r for r in results if isinstance(r, Decided)]
            lost = [r for r in results if isinstance(r, AlreadyDecided)]
            assert len(won) == 1 and len(lost) == 1
            assert lost[0].status == won[0].status
            async with db() as u:
                studios = await u.session.scalar(
                    select(func.count(Studio.id)).where(Studio.application_id == sid)
                )
                audit = await u.audit.for_object("submission", sid)
            assert studios == (1 if won[0].status == S.APPROVED else 0) and len(audit) == 1
    finally:
        await engine.dispose()


@pytest.mark.parametrize("kind", ["application", "report"])
async def test_returnable_names_the_fields_and_slots_of_the_version(uow: Db, kind: str) -> None:
    sid = await add_submission(uow, kind=kind)
    async with uow() as u:
        found = await decisions.viewable(u, sid, True)
        assert isinstance(found, Submission)
        keys = await decisions.returnable(u, found)
    assert "report" in keys and "unit_name" in keys
