"""A studio's life after approval, end to end on both runtimes (第九条(六), 第十七、十八条):
staff revoke a title and the studio drops out of plans, reports, reminders and the assessment;
the master binds with a code and files the year's plan."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from emulator import SimUser
from storage.models import Studio, Submission
from tests.e2e.annual_steps import fill
from tests.e2e.harness import Harness
from tests.handlers.annual_world import PLAN_FULL, REPORT_PASS
from tests.handlers.conftest import SHANGHAI, Clock
from tests.scheduler.world import World

NAME = "星光数控工作室"
REFUSED = "称号已撤销或已退出的工作室不再报送"


async def _studio(bot: Harness, contact: int | None = 1001) -> int:
    assert bot.app is not None
    return await World(bot.app.sessions).studio(NAME, contact, date(2025, 6, 1))


async def test_staff_revoke_a_title_and_the_studio_drops_out(
    fast_bot: Harness, clock: Clock
) -> None:
    bot = fast_bot
    assert bot.app is not None
    clock.now = datetime(2027, 1, 5, 10, 0, tzinfo=SHANGHAI)
    studio_id = await _studio(bot)
    staff, alice = bot.staff(9001), bot.user()
    await alice.ask("/start")
    [card] = await staff.ask(f"/studio {studio_id}")
    assert "状态：正常" in card.plain
    [grounds] = await staff.click("撤销/退出", card)
    [ask_document] = await staff.click("违犯国家相关法律法规", grounds)
    assert "文号" in ask_document.plain
    await staff.ask("郑人社〔2027〕5号")
    await staff.ask("2027-01-04")
    [confirm] = await staff.ask("数控车床一台")
    assert "郑州市人力资源和社会保障局会同市财政局、市教育局" in confirm.plain
    mark = alice.mark()
    [done] = await staff.click("确认", confirm)
    assert "已撤销称号（违犯国家相关法律法规，文号 郑人社〔2027〕5号）" in done.plain
    assert "2027-01-04" in done.plain and "数控车床一台" in done.plain
    [notice] = await alice.wait_messages(mark, count=1)
    assert "称号已撤销" in notice.plain and "郑人社〔2027〕5号" in notice.plain

    [plan] = await alice.ask("/plan")
    assert REFUSED in plan.plain
    clock.now = datetime(2027, 12, 1, 10, 0, tzinfo=SHANGHAI)
    [report] = await alice.ask("/report")
    assert REFUSED in report.plain
    await World(bot.app.sessions).studio("月光工作室", 1003, date(2025, 6, 1))
    for day in (datetime(2027, 1, 10, 9, 30), datetime(2027, 11, 15, 9, 30)):
        due = await bot.app.scheduler.sweep(day.replace(tzinfo=SHANGHAI))
        assert {r.chat_id for r in due} == {1003}, "the studio still holding its title only"
    [listing] = await staff.ask("/assess 2027")
    assert NAME not in listing.plain and "已录入 0/1" in listing.plain
    [status] = await alice.ask("/status")
    assert f"🏛 {NAME}：已撤销称号" in status.plain
    async with bot.uow() as uow:
        studio = await uow.session.get(Studio, studio_id)
        filed = await uow.session.scalar(select(Submission))
    assert studio is not None and studio.status == "revoked" and filed is None


async def test_the_master_binds_and_files_the_plan(fast_bot: Harness, clock: Clock) -> None:
    bot = fast_bot
    clock.now = datetime(2027, 1, 5, 10, 0, tzinfo=SHANGHAI)
    studio_id = await _studio(bot)
    staff, master = bot.staff(9001), bot.user(2002, "Zhang")
    [listing] = await staff.ask("/bind")
    [contact_code] = await staff.click(NAME, listing)
    [issued] = await staff.click("生成领办人绑定码", contact_code)
    assert "领办人绑定码" in issued.plain
    code = issued.plain.split("领办人绑定码：")[1].split()[0]
    mark = staff.mark()
    [linked] = await master.ask(f"/bind {code}")
    assert f"已登记为“{NAME}”的领办人" in linked.plain
    [used] = await staff.wait_messages(mark, count=1)
    assert "已登记为领办人" in used.plain
    [report] = await master.ask("/report")
    assert "年度总结由工作室所在单位的联系人提交" in report.plain
    [first] = await master.ask("/plan")
    assert f"{NAME} · 2027 年度工作计划" in first.plain
    await fill(master, PLAN_FULL)
    await master.click("📤 提交")
    [filed] = await master.click("我确认材料真实")
    assert "2027 年度工作计划已报送" in filed.plain
    async with bot.uow() as uow:
        plan = await uow.session.scalar(select(Submission).where(Submission.kind == "plan"))
        studio = await uow.session.get(Studio, studio_id)
    assert plan is not None and (plan.studio_id, plan.owner_id) == (studio_id, 2002)
    assert studio is not None and (studio.master_user_id, studio.contact_user_id) == (2002, 1001)


async def _assess_pass(staff: SimUser, year: int) -> str:
    [listing] = await staff.ask(f"/assess {year}")
    [card] = await staff.click(f"▫️ {NAME}", listing)
    [comment] = await staff.click("✅ 合格", card)
    [confirm] = await staff.click("无意见", comment)
    shown = await staff.click("✅ 确认录入", confirm)
    return next(m.plain for m in shown if "已录入" in m.plain)


async def test_heritage_targets_acceptance_and_a_renewal_through_the_studio_card(
    fast_bot: Harness, clock: Clock
) -> None:
    """第九条第一项, 第十二条, 第十六条第二款: what staff decide on the card reaches the unit,
    the report's verdict and the subsidy of the renewed period. The days lie in the past: the
    sender sends on the real clock, and notices written at an assessment wait for its day."""
    bot = fast_bot
    assert bot.app is not None
    clock.now = datetime(2023, 12, 1, 10, 0, tzinfo=SHANGHAI)
    studio_id = await World(bot.app.sessions).studio(NAME, 1001, date(2021, 3, 1))
    staff, alice = bot.staff(9001), bot.user()
    await alice.ask("/start")
    [card] = await staff.ask(f"/studio {studio_id}")
    await staff.click("设定非遗目标", card)
    await staff.ask("3")
    await staff.ask("-")
    [targets] = await staff.ask("传承人年迈，学徒少")
    assert "经办机构另行确定）：培养 3 人，新取证 2 人" in targets.plain
    await staff.click("验收合格", targets)
    mark = alice.mark()
    [accepted] = await staff.ask("2021-09-01")
    assert "验收合格：2021-09-01，已授予牌匾" in accepted.plain
    [plaque] = await alice.wait_messages(mark, count=1)
    assert "牌匾" in plaque.plain

    await alice.ask("/report")
    await fill(alice, ["3", *REPORT_PASS[1:]])
    [verdict] = await alice.click("📤 提交")
    assert "✅ 培养高技能人才人数：3（要求不少于 3" in verdict.plain, "the agency's 3, not 8"
    await alice.click("我确认材料真实")
    clock.now = datetime(2023, 12, 16, 10, 0, tzinfo=SHANGHAI)
    last = await _assess_pass(staff, 2023)
    assert "已核定工作补助2万元" in last and "扶持期" in last, "the end goes with the last one"
    await staff.wait_for(lambda m: "三年扶持期于" in m.plain)  # the end notice, before going on

    clock.now = datetime(2024, 1, 10, 10, 0, tzinfo=SHANGHAI)
    [ended] = await staff.ask(f"/studio {studio_id}")
    assert "状态：扶持期满" in ended.plain
    await staff.click("续期", ended)
    [document] = await staff.ask("2024-01-10")
    mark = alice.mark()
    [renewed] = await staff.click("没有文号", document)
    assert "续期扶持期：2024-01-10 起，考核年度 2024、2025、2026" in renewed.plain
    [notice] = await alice.wait_messages(mark, count=1)
    assert "新一轮扶持期" in notice.plain and "2024–2026" in notice.plain
    clock.now = datetime(2024, 12, 16, 10, 0, tzinfo=SHANGHAI)
    assert "已核定工作补助2万元" in await _assess_pass(staff, 2024), "three more years"
