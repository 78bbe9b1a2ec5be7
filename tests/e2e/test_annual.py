"""/plan and /report end to end on both runtimes; a reminder travels from sweep to chat."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select

from emulator import SimUser
from storage.models import Submission, Subsidy
from tests.e2e.harness import Harness
from tests.handlers.annual_world import PLAN_SHORT, REPORT_PASS
from tests.handlers.conftest import SHANGHAI, Clock
from tests.scheduler.world import World


async def _studio(bot: Harness, approved_on: date = date(2025, 6, 1)) -> int:
    assert bot.app is not None
    return await World(bot.app.sessions).studio("星光数控工作室", 1001, approved_on)


async def _fill(alice: SimUser, answers: Sequence[str | None]) -> None:
    for answer in answers:
        if answer is None:
            await alice.click("⏭ 跳过")
        else:
            await alice.ask(answer)


async def test_plan_end_to_end(fast_bot: Harness, clock: Clock) -> None:
    bot = fast_bot
    clock.now = datetime(2027, 1, 22, 10, 0, tzinfo=SHANGHAI)
    studio_id = await _studio(bot)
    staff = bot.staff(9001)
    await staff.ask("/start")
    alice = bot.user()
    [first] = await alice.ask("/plan")
    assert "星光数控工作室 · 2027 年度工作计划" in first.plain and "第 1/" in first.plain
    await _fill(alice, PLAN_SHORT)
    [confirm] = await alice.click("📤 提交")
    assert "❌ 培养高技能人才人数：5，低于 8 的要求（第九条）" in confirm.plain
    mark = staff.mark()
    [filed] = await alice.click("我确认材料真实")
    assert "2027 年度工作计划已报送" in filed.plain and "逾期" in filed.plain
    [notice] = await staff.wait_messages(mark, count=1)
    assert "年度工作计划" in notice.plain
    async with bot.uow() as uow:
        plan = await uow.session.scalar(select(Submission).where(Submission.kind == "plan"))
    assert plan is not None and (plan.studio_id, plan.late) == (studio_id, True)


async def test_report_end_to_end_with_a_verdict(fast_bot: Harness, clock: Clock) -> None:
    bot = fast_bot
    clock.now = datetime(2027, 12, 1, 10, 0, tzinfo=SHANGHAI)
    await _studio(bot)
    alice = bot.user()
    await alice.ask("/report")
    await _fill(alice, REPORT_PASS)
    [confirm] = await alice.click("📤 提交")
    assert "初步结论：达到第九条规定的年度要求" in confirm.plain
    [filed] = await alice.click("我确认材料真实")
    assert "2027 年度工作总结已提交" in filed.plain
    assert "✅ 参加市级以上竞赛次数：1（要求不少于 1，第九条）" in filed.plain


async def test_a_swept_reminder_reaches_the_chat_and_opens_the_plan(
    fast_bot: Harness, clock: Clock
) -> None:
    """The sender sends on the real clock: the simulated day lies in the past so it is due."""
    bot = fast_bot
    clock.now = datetime(2024, 1, 10, 9, 30, tzinfo=SHANGHAI)
    await _studio(bot, approved_on=date(2020, 6, 1))
    alice = bot.user()
    assert bot.app is not None
    await bot.app.scheduler.sweep()
    reminder = await alice.wait_for(lambda m: "请在 2024年1月20日 前" in m.plain)
    [opened] = await alice.click("📝 填写年度计划", reminder)
    assert "2024 年度工作计划" in opened.plain
    await bot.restart()
    assert await bot.app.scheduler.sweep() == [], "a restart re-sends nothing"


async def test_a_failed_assessment_is_confirmed_and_carries_the_opinions(
    fast_bot: Harness, clock: Clock
) -> None:
    bot = fast_bot
    clock.now = datetime(2024, 12, 16, 10, 0, tzinfo=SHANGHAI)
    await _studio(bot, approved_on=date(2024, 3, 1))
    await _studio(bot, approved_on=date(2024, 12, 2))  # first assessed in December 2025
    staff = bot.staff(9001)
    alice = bot.user()
    await alice.ask("/start")
    [listing] = await staff.ask("/assess 2024")
    assert "已录入 0/1" in listing.plain
    [card] = await staff.click("▫️ 星光数控工作室", listing)
    [ask] = await staff.click("❌ 不合格", card)
    assert "须提出改进意见（第十六条）" in ask.plain
    [confirm] = await staff.ask("加强带徒传技 <培训>")
    assert "确认录入 星光数控工作室 2024 年度考核结果 ❌" in confirm.plain
    mark = alice.mark()
    [done] = await staff.click("✅ 确认录入", confirm)
    assert "已录入：星光数控工作室 2024 年度 ❌" in done.plain and "已录入 1/1" in done.plain
    [notice] = await alice.wait_messages(mark, count=1)
    assert "考核结果：不合格" in notice.plain
    assert "改进意见（第十六条）：加强带徒传技 <培训>" in notice.plain


async def test_moving_the_assessment_day_keeps_three_subsidies(
    fast_bot: Harness, clock: Clock
) -> None:
    bot = fast_bot
    studio_id = await _studio(bot, approved_on=date(2022, 3, 1))
    staff = bot.staff(9001)
    for year, day in ((2022, "2022-12-05"), (2023, "2023-12-28"), (2024, "2024-12-15")):
        clock.now = datetime(year, 11, 20, 10, 0, tzinfo=SHANGHAI)
        [menu] = await staff.ask("/calendar")
        [asked] = await staff.click("调整考核日", menu)
        assert "请输入" in asked.plain
        [moved] = await staff.ask(day)
        assert f"年度考核：{day}（已调整）" in moved.plain
        [listing] = await staff.ask(f"/assess {year}")
        [card] = await staff.click("▫️ 星光数控工作室", listing)
        [comment] = await staff.click("✅ 合格", card)
        [confirm] = await staff.click("无意见", comment)
        shown = await staff.click("✅ 确认录入", confirm)
        done = next(m for m in shown if "已录入" in m.plain)  # 2024 also brings the period's end
        assert "已核定工作补助2万元" in done.plain
    [listing] = await staff.ask("/assess 2025")
    [card] = await staff.click("▫️ 星光数控工作室", listing)
    [comment] = await staff.click("✅ 合格", card)
    [confirm] = await staff.click("无意见", comment)
    [done] = await staff.click("✅ 确认录入", confirm)
    assert "补助" not in done.plain, "the support period is over after three assessments"
    async with bot.uow() as uow:
        query = select(Subsidy).where(Subsidy.studio_id == studio_id)
        booked = [s.amount for s in await uow.session.scalars(query) if s.status == "booked"]
    assert sum(booked) == 60_000
