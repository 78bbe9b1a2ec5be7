"""/assess, /calendar and /reminders: subsidies, revocation flags, support-period end, dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import select

from storage.models import OutboxMessage, Studio, Subsidy
from storage.repos.annual import CalendarRepo
from storage.uow import UnitOfWork
from tests.handlers.annual_world import add_studio
from tests.handlers.conftest import SHANGHAI, STAFF_ID, Clock
from tests.handlers.driver import ChatDriver

Chat = Callable[..., ChatDriver]
Db = Callable[[], UnitOfWork]


async def _assess(staff: ChatDriver, year: int, studio: str, verdict: str, comment: str) -> None:
    await staff.command("assess", str(year))
    await staff.press(studio)
    await staff.press(verdict)
    if comment:
        await staff.text(comment)
    else:
        await staff.press("无意见")
    await staff.press("确认录入")


async def _keys(db: Db) -> list[str]:
    async with db() as uow:
        return list(await uow.session.scalars(select(OutboxMessage.key)))


async def test_a_pass_books_the_work_subsidy_and_tells_the_studio(
    chat: Chat, db: Db, clock: Clock
) -> None:
    clock.now = datetime(2027, 12, 16, 23, 0, tzinfo=SHANGHAI)
    studio_id = await add_studio(db, approved_on=date(2026, 3, 1))
    staff = chat(STAFF_ID)
    await _assess(staff, 2027, "张三数控工作室", "✅ 合格", "成绩突出 <好>")
    assert "已核定工作补助2万元（第十三条）" in staff.last.text
    assert "已录入 1/1" in staff.last.text
    async with db() as uow:
        subsidy = await uow.session.scalar(select(Subsidy))
        notice = await uow.outbox.by_key(f"assess:{studio_id}:2027:pass:1001")
    assert subsidy is not None and (subsidy.amount, subsidy.status) == (20_000, "booked")
    assert notice is not None and "成绩突出 &lt;好&gt;" in notice.action["text"]
    assert notice.not_before == datetime(2027, 12, 17, 8, 0, tzinfo=SHANGHAI), "quiet hours"
    await _assess(staff, 2027, "张三数控工作室", "❌ 不合格", "年度培养人数不足")
    async with db() as uow:
        subsidy = await uow.session.scalar(select(Subsidy))
    assert subsidy is not None and subsidy.status == "cancelled", "a correction cancels it"


async def test_outside_the_support_period_no_subsidy(chat: Chat, db: Db, clock: Clock) -> None:
    await add_studio(db, approved_on=date(2020, 3, 1))
    staff = chat(STAFF_ID)
    await _assess(staff, 2027, "张三数控工作室", "✅ 合格", "")
    assert "补助" not in staff.last.text
    async with db() as uow:
        assert await uow.session.scalar(select(Subsidy)) is None


async def test_two_failures_in_a_row_flag_the_studio(chat: Chat, db: Db) -> None:
    studio_id = await add_studio(db, approved_on=date(2020, 3, 1))
    staff = chat(STAFF_ID)
    await _assess(staff, 2025, "张三数控工作室", "❌ 不合格", "加强带徒传技")
    assert "待撤销" not in staff.last.text
    await _assess(staff, 2026, "张三数控工作室", "❌ 不合格", "加强带徒传技")
    assert "待撤销" in staff.last.text
    async with db() as uow:
        studio = await uow.session.get(Studio, studio_id)
        flag = await uow.outbox.by_key(f"flag:{studio_id}:2026:{STAFF_ID}")
    assert studio is not None and studio.status == "flagged"
    assert flag is not None and "第十七条" in flag.action["text"]


async def test_the_end_of_the_support_period_is_announced(chat: Chat, db: Db) -> None:
    # approved mid-2024: support years 2024-2026, announced with the 2026 assessment
    studio_id = await add_studio(db, approved_on=date(2024, 6, 1))
    staff = chat(STAFF_ID)
    await _assess(staff, 2025, "张三数控工作室", "✅ 合格", "")
    assert "扶持期在本年度结束" not in staff.last.text
    await _assess(staff, 2026, "张三数控工作室", "✅ 合格", "")
    assert "扶持期在本年度结束" in staff.last.text
    keys = await _keys(db)
    end = "2026-12-31"
    assert f"support_end:{studio_id}:{end}:1001" in keys
    assert f"support_end:{studio_id}:{end}:{STAFF_ID}" in keys


async def test_assess_lists_and_pages_studios(chat: Chat, db: Db) -> None:
    for n in range(10):
        await add_studio(db, contact=2000 + n, name=f"S{n:02d}")
    staff = chat(STAFF_ID)
    await staff.command("assess", "2027")
    assert staff.last.labels()[-1] == "下一页 ➡️" and "S07" in staff.last.labels()[7]
    await staff.press("下一页")
    assert [label[-3:] for label in staff.last.labels()[:2]] == ["S08", "S09"]


async def test_non_staff_cannot_assess(chat: Chat, db: Db) -> None:
    await add_studio(db)
    alice = chat(1001)
    await alice.command("assess")
    assert "没有权限" in alice.last.text


async def test_calendar_moves_a_date_and_resets(chat: Chat, db: Db, clock: Clock) -> None:
    clock.now = datetime(2027, 1, 2, 10, 0, tzinfo=SHANGHAI)
    staff = chat(STAFF_ID)
    await staff.command("calendar")
    assert "年度计划报送截止：2027-01-20" in staff.last.text
    await staff.press("调整计划截止日")
    await staff.text("2028-01-25")
    assert "⚠️ 日期不能晚于2027-12-31" in staff.last.text and "2027 年内" in staff.last.text
    await staff.text("2027年1月25日")
    assert "年度计划报送截止：2027-01-25（已调整）" in staff.last.text
    async with db() as uow:
        cal = await uow.repo(CalendarRepo).effective(2027)
    assert cal.plan_due == date(2027, 1, 25)
    await staff.press("恢复默认日期")
    assert "年度计划报送截止：2027-01-20" in staff.last.text


async def test_reminders_preview_for_staff(chat: Chat, db: Db, clock: Clock) -> None:
    clock.now = datetime(2027, 1, 12, 10, 0, tzinfo=SHANGHAI)
    await add_studio(db)
    staff = chat(STAFF_ID)
    await staff.command("reminders")
    text = staff.last.text
    assert "• 2027-01-17 09:00 · 年度计划提醒 × 1" in text
    assert "• 2027-01-21 09:00 · 年度计划逾期通知 × 2" in text
    assert await _keys(db) == [], "a preview queues nothing"


async def test_a_fail_needs_the_improvement_opinions_and_carries_them(chat: Chat, db: Db) -> None:
    studio_id = await add_studio(db, approved_on=date(2026, 3, 1))
    staff = chat(STAFF_ID)
    await staff.command("assess", "2027")
    await staff.press("张三数控工作室")
    await staff.press("❌ 不合格")
    assert "须提出改进意见（第十六条）" in staff.last.text
    assert "无意见" not in staff.last.labels()
    await staff.text("   ")
    assert "⚠️ 此项不能为空" in staff.last.text and "请输入改进意见" in staff.last.text
    await staff.text("改" * 1001)
    assert "⚠️" in staff.last.text and "1000" in staff.last.text, "too long is refused, not cut"
    assert "请输入改进意见" in staff.last.text, "and asked again"
    await staff.text("加强技术攻关 <b>")
    assert "确认录入" in staff.last.text and "加强技术攻关 &lt;b&gt;" in staff.last.text
    assert await _keys(db) == [], "nothing is sent before the confirmation"
    await staff.press("确认录入")
    async with db() as uow:
        notice = await uow.outbox.by_key(f"assess:{studio_id}:2027:fail:1001")
    assert notice is not None
    assert "改进意见（第十六条）：加强技术攻关 &lt;b&gt;" in notice.action["text"]


async def test_cancelling_records_and_sends_nothing(chat: Chat, db: Db) -> None:
    await add_studio(db, approved_on=date(2026, 3, 1))
    staff = chat(STAFF_ID)
    await staff.command("assess", "2027")
    await staff.press("张三数控工作室")
    await staff.press("✅ 合格")
    await staff.press("无意见")
    await staff.press("取消")
    assert "已取消，没有录入任何结果" in staff.last.text
    assert "已录入 0/1" in staff.last.text
    async with db() as uow:
        assert await uow.session.scalar(select(Subsidy)) is None
    assert await _keys(db) == []


async def test_a_studio_confirmed_in_early_december_is_first_assessed_a_year_later(
    chat: Chat, db: Db
) -> None:
    await add_studio(db, name="十二月工作室", approved_on=date(2027, 12, 3))
    await add_studio(db, contact=1002, name="六月工作室", approved_on=date(2027, 6, 1))
    staff = chat(STAFF_ID)
    await staff.command("assess", "2027")
    assert "已录入 0/1" in staff.last.text
    assert [label[-5:] for label in staff.last.labels()] == ["六月工作室"]
    await staff.command("assess", "2028")
    assert "已录入 0/2" in staff.last.text
    await staff.press("十二月工作室")
    assert "扶持期第 1/3 年" in staff.last.text


async def test_moving_the_assessment_day_leaves_the_subsidy_at_three_years(
    chat: Chat, db: Db, clock: Clock
) -> None:
    studio_id = await add_studio(db, approved_on=date(2026, 3, 1))
    staff = chat(STAFF_ID)
    for year, day in ((2026, "2026-12-02"), (2027, "2027-12-30"), (2028, "2028-12-15")):
        clock.now = datetime(year, 11, 20, 10, 0, tzinfo=SHANGHAI)
        await staff.command("calendar")
        await staff.press("调整考核日")
        await staff.text(day)
        assert f"年度考核：{day}（已调整）" in staff.last.text
        await _assess(staff, year, "张三数控工作室", "✅ 合格", "")
    await _assess(staff, 2029, "张三数控工作室", "✅ 合格", "")
    async with db() as uow:
        query = select(Subsidy).where(Subsidy.studio_id == studio_id)
        rows = list(await uow.session.scalars(query))
    assert sorted((r.year, r.amount, r.status) for r in rows) == [
        (2026, 20_000, "booked"), (2027, 20_000, "booked"), (2028, 20_000, "booked"),
    ]  # fmt: skip
    assert sum(r.amount for r in rows if r.status == "booked") == 60_000
