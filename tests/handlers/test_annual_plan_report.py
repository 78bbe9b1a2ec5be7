"""/plan and /report through the core: shortfalls with the article, lateness, versions, verdict."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select

from services.messages.actions import Send
from storage.models import Draft, OutboxMessage, Submission, SubmissionVersion
from storage.repos.annual_filings import AnnualFilingsRepo
from storage.uow import UnitOfWork
from tests.handlers.annual_world import (
    PLAN_FULL,
    PLAN_SHORT,
    REPORT_FAIL,
    REPORT_PASS,
    add_studio,
    fill,
)
from tests.handlers.conftest import SHANGHAI, Clock
from tests.handlers.driver import ChatDriver

Chat = Callable[..., ChatDriver]
Db = Callable[[], UnitOfWork]


async def _submissions(db: Db, kind: str) -> list[Submission]:
    async with db() as uow:
        rows = await uow.session.scalars(select(Submission).where(Submission.kind == kind))
        return list(rows)


async def test_only_a_studio_contact_may_file(chat: Chat) -> None:
    alice = chat(1001)
    await alice.command("plan")
    assert "没有权限" in alice.last.text


async def test_a_short_late_plan_is_pointed_out_and_filed(
    chat: Chat, db: Db, clock: Clock
) -> None:
    clock.now = datetime(2027, 1, 25, 10, 0, tzinfo=SHANGHAI)
    studio_id = await add_studio(db)
    alice = chat(1001)
    await alice.command("plan")
    assert "2027 年度工作计划" in alice.messages[-1].text
    await fill(alice, PLAN_SHORT[:3])
    assert "低于 8 的要求（第九条）" in alice.last.text, "the shortfall shows right away"
    await fill(alice, PLAN_SHORT[3:])
    await alice.press("提交")
    confirm = alice.last.text
    assert "低于第九条规定的最低要求" in confirm
    assert "❌ 培养高技能人才人数：5，低于 8 的要求（第九条）" in confirm
    assert "❌ 新取得高级工以上证书或相应职称人数：2，低于 4 的要求" in confirm
    assert "研讨、推广活动次数" not in confirm, "met targets are not listed as shortfalls"
    await alice.press("确认")
    assert "已报送" in alice.last.text and "逾期" in alice.last.text
    [plan] = await _submissions(db, "plan")
    assert (plan.studio_id, plan.year, plan.late, plan.version) == (studio_id, 2027, True, 1)
    async with db() as uow:
        notice = await uow.outbox.by_key(f"staff:{plan.id}:v1:9001")
    assert notice is not None


async def test_filing_again_keeps_the_history(chat: Chat, db: Db, clock: Clock) -> None:
    clock.now = datetime(2027, 1, 5, 10, 0, tzinfo=SHANGHAI)
    await add_studio(db)
    alice = chat(1001)
    await alice.command("plan")
    await fill(alice, PLAN_FULL)
    await alice.press("提交")
    assert "低于" not in alice.last.text
    await alice.press("确认")
    await alice.command("plan")
    assert "第 1 版" in alice.messages[-1].text and "请核对" in alice.last.text
    await alice.press("提交")
    await alice.press("确认")
    assert "第 2 版" in alice.last.text
    [plan] = await _submissions(db, "plan")
    assert (plan.version, plan.late) == (2, False)
    async with db() as uow:
        versions = await uow.session.scalars(
            select(SubmissionVersion.version).where(SubmissionVersion.submission_id == plan.id)
        )
        assert list(versions) == [1, 2]


async def test_heritage_minimums_set_by_the_agency_are_honoured(
    chat: Chat, db: Db, clock: Clock
) -> None:
    clock.now = datetime(2027, 1, 5, 10, 0, tzinfo=SHANGHAI)
    await add_studio(db, heritage_minimum=2)
    alice = chat(1001)
    await alice.command("plan")
    await fill(alice, ["1", "1", "0", "1", "2", None, "1", None, "0", None, "1000", None])
    await alice.press("提交")
    assert "低于" not in alice.last.text, "2 trainees and 1 certified meet the agency's 2/1"


async def test_filing_withdraws_reminders_still_waiting(chat: Chat, db: Db, clock: Clock) -> None:
    clock.now = datetime(2027, 1, 17, 7, 0, tzinfo=SHANGHAI)
    studio_id = await add_studio(db)
    key = f"rem:plan:2027:2027-01-17:s{studio_id}:u1001"
    async with db() as uow:
        await uow.outbox.enqueue(key, 1001, Send(chat_id=1001, text="x").model_dump(mode="json"))
        await uow.commit()
    alice = chat(1001)
    await alice.command("plan")
    await fill(alice, PLAN_FULL)
    await alice.press("提交")
    await alice.press("确认")
    async with db() as uow:
        row = await uow.session.scalar(select(OutboxMessage).where(OutboxMessage.key == key))
        assert row is not None and row.status == "cancelled"
        assert await uow.repo(AnnualFilingsRepo).find("plan", studio_id, 2027) is not None


async def test_a_report_gets_a_preliminary_verdict_with_reasons(
    chat: Chat, db: Db, clock: Clock
) -> None:
    clock.now = datetime(2027, 11, 20, 10, 0, tzinfo=SHANGHAI)
    await add_studio(db)
    alice = chat(1001)
    await alice.command("report")
    await fill(alice, REPORT_FAIL)
    await alice.press("提交")
    assert "尚未达到第九条规定的年度要求" in alice.last.text
    await alice.press("确认")
    text = alice.last.text
    assert "2027 年度工作总结已提交" in text
    assert "❌ 培养高技能人才人数：5，低于 8 的要求（第九条）" in text
    assert "❌ 研讨、推广活动次数：1，低于 2 的要求" in text
    assert "❌ 参加市级以上竞赛次数：0，低于 1 的要求" in text


async def test_a_passing_report_in_english(chat: Chat, db: Db, clock: Clock) -> None:
    clock.now = datetime(2027, 12, 1, 10, 0, tzinfo=SHANGHAI)
    await add_studio(db)
    bob = chat(1001, language="en")
    await bob.command("report")
    await fill(bob, REPORT_PASS, skip="Skip")
    await bob.press("Submit")
    await bob.press("confirm")
    assert "Preliminary verdict: the year meets the targets of Art. 9" in bob.last.text
    assert "✅ Newly certified (senior worker or higher): 4 (at least 4 required, Art. 9)" in (
        bob.last.text
    )


async def _drafts(db: Db) -> int:
    async with db() as uow:
        return len(list(await uow.session.scalars(select(Draft))))


async def test_only_the_years_around_this_one_can_be_opened(
    chat: Chat, db: Db, clock: Clock
) -> None:
    clock.now = datetime(2027, 3, 1, 10, 0, tzinfo=SHANGHAI)
    studio_id = await add_studio(db)
    alice = chat(1001)
    for args in ("0", "9999", f"s{studio_id}y0000", f"s{studio_id}y9999", "next year", "²"):
        await alice.command("plan", args)
        assert "只能填报 2026 至 2028 年度" in alice.last.text, args
    await alice.press_data(f"plan::s:{studio_id}:9999")
    assert "只能填报 2026 至 2028 年度" in alice.last.text
    assert await _drafts(db) == 0
    await alice.command("report", "2028")
    assert "2028 年度工作总结" in alice.messages[-1].text
    assert await _drafts(db) == 1


async def test_a_returned_plan_reopens_like_a_returned_application(
    chat: Chat, db: Db, clock: Clock
) -> None:
    clock.now = datetime(2027, 1, 5, 10, 0, tzinfo=SHANGHAI)
    await add_studio(db)
    alice, staff = chat(1001), chat(9001)
    await alice.command("plan")
    await fill(alice, PLAN_FULL)
    await alice.press("提交")
    await alice.press("确认")
    [plan] = await _submissions(db, "plan")
    await staff.press_data(f"review::return:{plan.id}:v1")
    await staff.text("活动次数请按实际填写")
    await staff.press("确认退回")
    async with db() as uow:
        notice = await uow.outbox.by_key(f"decision:{plan.id}:v1")
    assert notice is not None and "/plan 2027" in notice.action["text"]
    await alice.command("plan", "2027")
    opened = "\n".join(m.text for m in alice.messages[-2:])
    assert "退回修改" in opened and "活动次数请按实际填写" in opened and "年度工作计划" in opened
    await alice.press("提交")
    await alice.press("确认")
    assert "第 2 版" in alice.last.text
    [again] = await _submissions(db, "plan")
    assert (again.id, again.version, again.status) == (plan.id, 2, "submitted")
