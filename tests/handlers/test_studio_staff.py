"""/studio: staff find a studio, set heritage targets, record acceptance and revoke its title."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime

from openpyxl import load_workbook
from sqlalchemy import select

from handlers.core import Core
from policy.targets import TargetOverride
from services import studio_decisions as decide
from services.recipients import Recipients
from storage.exports import export_workbook
from storage.models import OutboxMessage, Studio
from storage.uow import UnitOfWork
from tests.handlers.annual_world import REPORT_PASS, add_studio, fill
from tests.handlers.conftest import SHANGHAI, STAFF_ID, Clock, rebuilt
from tests.handlers.driver import ChatDriver

Chat = Callable[..., ChatDriver]
Db = Callable[[], UnitOfWork]


async def test_staff_revoke_a_title_step_by_step(chat: Chat, db: Db) -> None:
    studio_id = await add_studio(db)
    staff = chat(STAFF_ID)
    await staff.command("studio", "张三")
    await staff.press("张三数控工作室（郑州机械厂）")
    assert "状态：正常" in staff.last.text and "尚未验收" in staff.last.text
    await staff.press("撤销/退出")
    await staff.press("连续2年考核不合格")
    await staff.text("郑人社〔2027〕9号 <急>")
    await staff.text("明天")
    assert "⚠️ “明天”不是可识别的日期" in staff.last.text, "a bad date is refused"
    assert "请发送决定日期" in staff.last.text, "and asked again"
    await staff.text("2027-02-20")
    await staff.text("数控车床一台")
    assert "郑人社〔2027〕9号 &lt;急&gt;" in staff.last.text and "已撤销称号" in staff.last.text
    await staff.press("确认")
    assert "已记录撤销决定" in staff.last.text
    assert "已撤销称号（连续2年考核不合格，文号 郑人社〔2027〕9号 &lt;急&gt;）" in staff.last.text
    assert "撤销/退出" not in staff.last.labels()
    async with db() as uow:
        studio = await uow.session.get(Studio, studio_id)
        keys = list(await uow.session.scalars(select(OutboxMessage.key)))
    assert studio is not None and studio.status == "revoked"
    assert f"revoked:{studio_id}" in keys


async def test_heritage_targets_and_acceptance_show_on_the_card(chat: Chat, db: Db) -> None:
    studio_id = await add_studio(db, approved_on=date(2026, 5, 1))
    staff = chat(STAFF_ID)
    await staff.command("studio", str(studio_id))
    await staff.press("设定非遗目标")
    await staff.text("很多")
    assert "⚠️ “很多”不是一个数字" in staff.last.text and "培养高技能人才目标" in staff.last.text
    await staff.text("3")
    await staff.text("-")
    await staff.text("学徒年龄偏大，以传承效果为准")
    assert "已设定非遗目标" in staff.last.text
    assert "经办机构另行确定）：培养 3 人，新取证 2 人" in staff.last.text
    await staff.press("验收合格")
    await staff.text("2026-09-01")
    assert "验收合格：2026-09-01，已授予牌匾" in staff.last.text
    assert "验收合格" not in staff.last.labels()


async def test_the_unit_hears_the_acceptance_in_the_configured_locale(core: Core, db: Db) -> None:
    """LOCALE=en: the contact, who never chose a language, is told in English; staff (a zh
    Telegram client) decide in Chinese."""
    english = rebuilt(core, recipients=Recipients(frozenset({STAFF_ID}), "en", SHANGHAI))
    studio_id = await add_studio(db, approved_on=date(2026, 5, 1))
    staff = ChatDriver(english, STAFF_ID)
    await staff.command("studio", str(studio_id))
    await staff.press("验收合格")
    await staff.text("2026-09-01")
    async with db() as uow:
        notice = await uow.outbox.by_key(f"accepted:{studio_id}")
    assert notice is not None and "passed acceptance on 2026-09-01" in notice.action["text"]


async def _flag(db: Db, studio_id: int) -> None:
    """Put the studio before staff, as two failed assessments in a row would (第十七条(四))."""
    async with db() as uow:
        studio = await uow.session.get(Studio, studio_id)
        assert studio is not None
        studio.status = "flagged"
        await uow.commit()


async def test_the_pending_list_shows_flagged_studios(chat: Chat, db: Db) -> None:
    studio_id = await add_studio(db)
    await _flag(db, studio_id)
    staff = chat(STAFF_ID)
    await staff.command("studio")
    await staff.press("⚠️ 待决定撤销")
    assert "待决定撤销的工作室（1 个" in staff.last.text
    assert "张三数控工作室（郑州机械厂）" in staff.last.labels()


async def test_units_cannot_reach_studio(chat: Chat, db: Db) -> None:
    await add_studio(db)
    user = chat(1001)
    await user.command("studio")
    assert "张三数控工作室" not in user.last.text


async def test_year_targets_drive_the_report_verdict_and_the_export(
    chat: Chat, db: Db, clock: Clock
) -> None:
    clock.now = datetime(2027, 12, 1, 10, 0, tzinfo=SHANGHAI)
    studio_id = await add_studio(db)
    async with db() as uow:
        override = TargetOverride(5, None, "非遗项目学徒少")
        cmd = decide.SetTargets(studio_id, 2027, override, STAFF_ID)
        await decide.set_targets(uow, cmd, clock.now)
        await uow.commit()
    alice = chat(1001)
    await alice.command("report")
    await fill(alice, ["5", *REPORT_PASS[1:]])
    await alice.press("提交")
    await alice.press("确认")
    assert "✅ 培养高技能人才人数：5" in alice.last.text, "5 meets the agency's 5, not 8"
    async with db() as uow:
        data = await export_workbook(uow.session, SHANGHAI)
    sheet = [
        list(r) for r in load_workbook(io.BytesIO(data))["年度总结"].iter_rows(values_only=True)
    ]
    assert sheet[1][sheet[0].index("第九条初步结论")] == "达标", (
        "the export reads the same targets"
    )


async def test_staff_keep_a_flagged_title_from_the_card(chat: Chat, db: Db, clock: Clock) -> None:
    """第十八条: the decision may also be to keep the title; the studio leaves the pending list."""
    clock.now = datetime(2027, 3, 1, 10, 0, tzinfo=SHANGHAI)
    studio_id = await add_studio(db, approved_on=date(2026, 5, 1))
    await _flag(db, studio_id)
    staff = chat(STAFF_ID)
    await staff.command("studio", str(studio_id))
    assert "状态：待研究撤销" in staff.last.text
    await staff.press("保留称号")
    assert "第十八条" in staff.last.text
    await staff.press("确认")
    assert "已记录保留称号的决定" in staff.last.text and "状态：正常" in staff.last.text
    assert "保留称号" not in staff.last.labels()
    await staff.command("studio")
    await staff.press("⚠️ 待决定撤销")
    assert "目前没有待决定撤销的工作室" in staff.last.text
