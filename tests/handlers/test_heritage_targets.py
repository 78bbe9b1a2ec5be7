"""第九条第一项: a heritage studio's year targets set by staff are what every surface judges by —
the plan's warnings, the report's verdict, /assess and the export's 达标 column — read once through
services.studios.targets. The category's minimum (8 trainees, 4 newly certified) never shows."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime

from openpyxl import load_workbook

from policy.targets import TargetOverride
from services import studio_decisions as decide
from storage.exports import export_workbook
from storage.uow import UnitOfWork
from tests.handlers.annual_world import PLAN_SHORT, REPORT_FAIL, REPORT_PASS, add_studio, fill
from tests.handlers.conftest import SHANGHAI, STAFF_ID, Clock
from tests.handlers.driver import ChatDriver

Chat = Callable[..., ChatDriver]
Db = Callable[[], UnitOfWork]

REPORT_FIVE = ["5", "1", "0", "0", "1", *REPORT_FAIL[5:]]
"""Five trained, three newly certified; activities and competitions short."""


async def _heritage(db: Db, year: int, trainees: int = 5) -> int:
    """A heritage studio whose ``year`` targets staff set to ``trainees`` (certified: half, up)."""
    studio_id = await add_studio(db)
    async with db() as uow:
        override = TargetOverride(trainees, None, "非遗项目学徒少，以传承效果为准")
        await decide.set_targets(
            uow,
            decide.SetTargets(studio_id, year, override, STAFF_ID),
            datetime(year, 1, 2, tzinfo=SHANGHAI),
        )
        await uow.commit()
    return studio_id


async def _report(chat: Chat, db: Db, clock: Clock, answers: list[str | None]) -> ChatDriver:
    """A heritage studio whose contact reports on 2027 and stops at the confirmation."""
    clock.now = datetime(2027, 12, 1, 10, 0, tzinfo=SHANGHAI)
    await _heritage(db, 2027)
    alice = chat(1001)
    await alice.command("report")
    await fill(alice, answers)
    await alice.press("提交")
    return alice


async def test_plan_warnings_use_the_staff_set_targets(chat: Chat, db: Db, clock: Clock) -> None:
    clock.now = datetime(2027, 1, 5, 10, 0, tzinfo=SHANGHAI)
    await _heritage(db, 2027)
    alice = chat(1001)
    await alice.command("plan")
    await fill(alice, PLAN_SHORT[:3])  # 2 + 2 + 1 = 5 trainees planned
    assert "低于" not in alice.last.text, "5 meets the agency's 5; the category's 8 is not asked"
    await fill(alice, PLAN_SHORT[3:])
    await alice.press("提交")
    confirm = alice.last.text
    assert "培养高技能人才人数" not in confirm and "低于 8" not in confirm
    assert "新取得高级工以上证书或相应职称人数：2，低于 3 的要求" in confirm


async def test_the_report_verdict_uses_the_staff_set_targets(
    chat: Chat, db: Db, clock: Clock
) -> None:
    alice = await _report(chat, db, clock, REPORT_FIVE)
    assert "✅ 培养高技能人才人数：5（要求不少于 5" in alice.last.text


async def test_assess_shows_the_verdict_against_the_staff_set_targets(
    chat: Chat, db: Db, clock: Clock
) -> None:
    alice = await _report(chat, db, clock, REPORT_FIVE)
    await alice.press("确认")
    staff = chat(STAFF_ID)
    await staff.command("assess", "2027")
    await staff.press("张三数控工作室")
    card = staff.last.text
    assert "✅ 培养高技能人才人数：5（要求不少于 5" in card and "不少于 8" not in card


async def test_the_export_judges_by_the_staff_set_targets(
    chat: Chat, db: Db, clock: Clock
) -> None:
    alice = await _report(chat, db, clock, ["5", *REPORT_PASS[1:]])
    await alice.press("确认")
    async with db() as uow:
        data = await export_workbook(uow.session, SHANGHAI)
    rows = [
        list(r) for r in load_workbook(io.BytesIO(data))["年度总结"].iter_rows(values_only=True)
    ]
    assert rows[1][rows[0].index("第九条初步结论")] == "达标", "5 of 5 is met, not 5 of 8"
