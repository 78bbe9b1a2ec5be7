"""A returned submission met again through services.revisions: the revision draft its form
opens (an application's or a plan's alike), the fields still to fix, the return it was
revised after."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from policy.states import SubmissionStatus
from services import decisions, revisions
from services.decisions import Decide, Decided
from storage.models import Submission
from storage.uow import UnitOfWork
from tests.handlers.annual_world import add_studio
from tests.handlers.review.builders import add_submission, resubmit

Db = Callable[[], UnitOfWork]
NOW = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)
UNIT, STAFF = 1001, 9001


async def give_back(db: Db, sid: int, fields: tuple[str, ...] = ("unit_name",)) -> None:
    async with db() as uow:
        cmd = Decide(sid, 1, SubmissionStatus.RETURNED, STAFF, True, "请补充", fields)
        assert isinstance(await decisions.decide(uow, cmd, NOW), Decided)
        await uow.commit()


async def test_a_returned_application_opens_its_revision_with_what_staff_said(uow: Db) -> None:
    sid = await add_submission(uow)
    async with uow() as u:
        assert await revisions.revision_draft(u, UNIT, "application", NOW) is None
    await give_back(uow, sid)
    async with uow() as u:
        opened = await revisions.revision_draft(u, UNIT, "application", NOW)
        assert opened is not None
        draft, returned = opened
        fix = await revisions.to_fix(u, draft)
    assert draft.submission_id == sid and draft.answers["unit_name"]
    assert (returned.reason, returned.fields) == ("请补充", ("unit_name",))
    assert fix is not None and fix.fields == ("unit_name",) and fix.returned is not None


async def test_a_returned_plan_opens_by_studio_and_year(uow: Db) -> None:
    studio = await add_studio(uow, contact=UNIT)
    sid = await add_submission(uow, kind="plan", answers={"activities": 1})
    async with uow() as u:
        plan = await u.session.get(Submission, sid)
        assert plan is not None
        plan.studio_id = studio
        await u.commit()
    await give_back(uow, sid, ())
    async with uow() as u:
        other_year = await revisions.revision_draft(u, UNIT, "plan", NOW, (studio, 2028))
        opened = await revisions.revision_draft(u, UNIT, "plan", NOW, (studio, 2027))
    assert other_year is None
    assert opened is not None and opened[0].kind == "plan" and opened[0].submission_id == sid


async def test_an_open_submission_remembers_the_return_it_was_revised_after(uow: Db) -> None:
    sid = await add_submission(uow)
    async with uow() as u:
        first = await u.session.get(Submission, sid)
        assert first is not None and decisions.return_note(first) is None
    await give_back(uow, sid)
    async with uow() as u:
        back = await u.session.get(Submission, sid)
        assert back is not None
        waiting = decisions.return_note(back)
    await resubmit(uow, sid, {"unit_name": "新单位"})
    async with uow() as u:
        again = await u.session.get(Submission, sid)
        assert again is not None
        returned = decisions.return_note(again)
    assert waiting is not None and not waiting.revised
    assert returned is not None and returned.revised
    assert (returned.reason, returned.fields) == ("请补充", ("unit_name",))


async def test_the_next_decision_replaces_the_return(uow: Db) -> None:
    sid = await add_submission(uow)
    await give_back(uow, sid)
    await resubmit(uow, sid, {"unit_name": "新单位"})
    async with uow() as u:
        cmd = Decide(sid, 2, SubmissionStatus.REJECTED, STAFF, True, "不属于郑州市辖区")
        assert isinstance(await decisions.decide(u, cmd, NOW), Decided)
        rejected = await u.session.get(Submission, sid)
        assert rejected is not None
        assert decisions.return_note(rejected) is None
        assert await revisions.revision_draft(u, UNIT, "application", NOW) is None


async def test_the_return_notice_names_the_command_that_reopens_the_form(uow: Db) -> None:
    application = await add_submission(uow)
    plan = await add_submission(uow, kind="plan", answers={"activities": 1})
    await give_back(uow, application)
    await give_back(uow, plan, ())
    async with uow() as u:
        told_apply = await u.outbox.by_key(f"decision:{application}:v1")
        told_plan = await u.outbox.by_key(f"decision:{plan}:v1")
    assert told_apply is not None and "/apply" in told_apply.action["text"]
    assert told_plan is not None and "/plan 2027" in told_plan.action["text"]
    assert "/apply" not in told_plan.action["text"]
