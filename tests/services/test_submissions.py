"""Handing drafts in through services.submissions, on SQLite and PostgreSQL: an application,
its revision, a plan filed and filed again, and the typed refusals (gone, not yours)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from policy.states import SubmissionStatus
from services import decisions, submissions
from services.decisions import Decide, Decided
from services.submissions import NotSubmitted, Refusal, SubmitDraft, Submitted
from storage.db import create_engine, session_factory
from storage.models import Draft, Submission
from storage.repos.drafts import DraftsRepo
from storage.uow import UnitOfWork
from tests.handlers.annual_world import add_studio
from tests.handlers.review.builders import ANSWERS

Db = Callable[[], UnitOfWork]
NOW = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)
EARLY = datetime(2027, 1, 5, 2, 0, tzinfo=UTC)  # before the plan is due (20 January)
UNIT, STAFF = 1001, 9001


async def new_draft(db: Db, kind: str = "application", scope: str = "", owner: int = UNIT) -> int:
    async with db() as uow:
        await uow.users.seen(owner, "Unit", None, "zh")
        draft = await uow.repo(DraftsRepo).create(owner, kind, NOW, scope=scope)
        await uow.commit()
        return draft.id


async def hand_in(
    db: Db, draft_id: int, answers: dict[str, Any], user: int = UNIT, at: datetime = NOW
) -> Submitted | NotSubmitted:
    async with db() as uow:
        done = await submissions.submit(
            uow, SubmitDraft(draft_id, user, answers, frozenset({STAFF})), at
        )
        await uow.commit()
        return done


async def give_back(db: Db, sid: int, version: int) -> None:
    async with db() as uow:
        cmd = Decide(sid, version, SubmissionStatus.RETURNED, STAFF, True, "请补充", ())
        assert isinstance(await decisions.decide(uow, cmd, NOW), Decided)
        await uow.commit()


async def revision_of(db: Db, sid: int) -> int:
    async with db() as uow:
        draft = await uow.session.scalar(select(Draft).where(Draft.submission_id == sid))
        assert draft is not None
        return draft.id


async def test_an_application_gets_a_receipt_an_audit_entry_and_a_staff_notice(uow: Db) -> None:
    done = await hand_in(uow, await new_draft(uow), dict(ANSWERS))
    assert isinstance(done, Submitted)
    assert (done.kind, done.version, done.revised, done.year) == ("application", 1, False, 2027)
    assert done.receipt.startswith("ZZJNDS-2027-") and done.title == ANSWERS["studio_name"]
    assert done.notified == 1
    async with uow() as u:
        audit = await u.audit.for_object("submission", done.submission_id)
        notice = await u.outbox.by_key(f"staff:{done.submission_id}:v1:{STAFF}")
    assert [a.action for a in audit] == ["application.new"]
    assert notice is not None and done.receipt in notice.action["text"]


async def test_a_draft_is_handed_in_once_and_only_by_its_owner(uow: Db) -> None:
    draft = await new_draft(uow)
    assert await hand_in(uow, draft, dict(ANSWERS), user=UNIT + 1) == NotSubmitted(
        Refusal.NOT_YOURS
    )
    assert isinstance(await hand_in(uow, draft, dict(ANSWERS)), Submitted)
    assert await hand_in(uow, draft, dict(ANSWERS)) == NotSubmitted(Refusal.GONE)


async def test_a_returned_application_comes_back_as_version_two(uow: Db) -> None:
    first = await hand_in(uow, await new_draft(uow), dict(ANSWERS))
    assert isinstance(first, Submitted)
    await give_back(uow, first.submission_id, 1)
    again = await hand_in(
        uow, await revision_of(uow, first.submission_id), {**ANSWERS, "studio_name": "新名"}
    )
    assert isinstance(again, Submitted)
    assert (again.submission_id, again.version, again.revised) == (first.submission_id, 2, True)
    assert again.title == "新名"
    async with uow() as u:
        audit = await u.audit.for_object("submission", first.submission_id)
    assert [a.action for a in audit][-1] == "application.resubmitted"


async def test_a_plan_is_filed_for_the_contacts_studio_and_returned_like_an_application(
    uow: Db,
) -> None:
    studio = await add_studio(uow, contact=UNIT)
    scope = submissions.filing_scope(studio, 2027)
    stranger = await new_draft(uow, "plan", scope, owner=UNIT + 1)
    assert await hand_in(uow, stranger, {}, user=UNIT + 1) == NotSubmitted(Refusal.NOT_YOURS)
    plan = await hand_in(uow, await new_draft(uow, "plan", scope), {"activities": 2})
    assert isinstance(plan, Submitted)
    assert (plan.kind, plan.year, plan.studio_id, plan.late) == ("plan", 2027, studio, True)
    await give_back(uow, plan.submission_id, 1)
    again = await hand_in(uow, await revision_of(uow, plan.submission_id), {"activities": 3})
    assert isinstance(again, Submitted)
    assert (again.submission_id, again.version, again.studio_id) == (plan.submission_id, 2, studio)
    async with uow() as u:
        kept = await u.session.get(Submission, plan.submission_id)
    assert kept is not None and kept.status == SubmissionStatus.SUBMITTED


async def test_a_plan_filed_again_appends_a_version(uow: Db) -> None:
    studio = await add_studio(uow, contact=UNIT)
    scope = submissions.filing_scope(studio, 2027)
    first = await hand_in(uow, await new_draft(uow, "plan", scope), {"activities": 2}, at=EARLY)
    second = await hand_in(uow, await new_draft(uow, "plan", scope), {"activities": 4})
    assert isinstance(first, Submitted) and isinstance(second, Submitted)
    assert (second.submission_id, second.version) == (first.submission_id, 2)
    assert not first.late


def test_a_filing_scope_reads_back_and_forged_ones_do_not() -> None:
    assert submissions.parse_filing_scope(submissions.filing_scope(12, 2027)) == (12, 2027)
    assert submissions.parse_filing_scope("s99999999999999999999999y2027") is None
    assert submissions.parse_filing_scope("s1y27") is None


async def test_two_submits_of_one_draft_at_once_hand_it_in_once_on_postgres(pg_url: str) -> None:
    engine = create_engine(pg_url)
    try:
        sessions = session_factory(engine)

        def db() -> UnitOfWork:
            return UnitOfWork(sessions)

        draft = await new_draft(db)
        results = await asyncio.gather(
            hand_in(db, draft, dict(ANSWERS)), hand_in(db, draft, dict(ANSWERS))
        )
        assert sorted(type(r).__name__ for r in results) == ["NotSubmitted", "Submitted"]
        async with db() as u:
            count = await u.session.scalar(select(func.count(Submission.id)))
        assert count == 1
    finally:
        await engine.dispose()
