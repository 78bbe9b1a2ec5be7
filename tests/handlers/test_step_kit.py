"""The staff conversations on the step kit: Back, Cancel and a refused input behave the same in
each; a stored state that no longer fits its flow ends the conversation politely."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from services.messages.texts import Texts
from storage.uow import UnitOfWork
from tests.handlers.annual_world import add_studio
from tests.handlers.conftest import STAFF_ID
from tests.handlers.driver import ChatDriver
from tests.handlers.review.builders import add_submission

Chat = Callable[..., ChatDriver]
Db = Callable[[], UnitOfWork]
ZH = Texts("zh")
EXPIRED = ZH("common.expired")
BACK, CANCEL = ZH("common.btn_back"), ZH("common.btn_cancel")


async def _open(db: Db) -> bool:
    async with db() as uow:
        return await uow.conversations.get(STAFF_ID) is not None


async def _store(db: Db, flow: str, step: str, data: dict[str, Any]) -> None:
    async with db() as uow:
        await uow.conversations.open(STAFF_ID, flow, step, data)
        await uow.commit()


@pytest.mark.parametrize(
    ("flow", "step", "data"),
    [
        ("calendar", "date:plan_due", {"year": 2027}),  # the shape before the kit
        ("calendar", "date", {"year": 2027, "field": "moon_landing"}),
        ("assess", "confirm", {"year": 2027, "studio": 1}),  # no result given
        ("assess", "list", {"year": "twenty"}),
        ("finding", "note", {"kind": "person"}),  # code and date missing
        ("finding", "kind", {"kind": "alien"}),
        ("review", "confirm", {"sid": 1, "v": 1, "d": "approved"}),  # the old keys
        ("review", "reason", {"submission": 1, "version": 1, "decision": "deleted", "kind": "x"}),
        ("staff", "confirm_add", {"uid": "everyone"}),
        ("studio", "reason", {"studio": 1, "year": 2027}),  # trainees missing
        ("studio", "revoke_confirm", {"studio": 1, "ground": "because"}),
        ("studio", "launch", {"studio": 1}),
    ],
)
async def test_a_row_that_no_longer_fits_ends_politely(
    chat: Chat, db: Db, flow: str, step: str, data: dict[str, Any]
) -> None:
    staff = chat(STAFF_ID)
    await staff.command("start")
    await _store(db, flow, step, data)
    await staff.text("2027-03-01")
    assert EXPIRED in staff.last.text
    assert not await _open(db), "the conversation is ended, not guessed at"
    await _store(db, flow, step, data)
    await staff.press_data(f"{flow}:2:back")
    assert staff.answers[-1].text == ZH("common.stale_button")
    assert EXPIRED in staff.last.text and not await _open(db)
    await staff.command("help")
    assert "/help" in staff.last.text or "帮助" in staff.last.text, "the bot goes on as usual"


async def test_calendar_back_cancel_and_a_refused_date(chat: Chat, db: Db) -> None:
    staff = chat(STAFF_ID)
    await staff.command("calendar", "2027")
    await staff.press("调整考核日")
    await staff.text("不是日期")
    assert staff.last.text.startswith("⚠️") and "请输入 2027 年内的新日期" in staff.last.text
    await staff.press(BACK)
    assert "2027 年度时间节点" in staff.last.text
    await staff.press("调整考核日")
    await staff.press(CANCEL)
    assert staff.last.text == ZH("common.cancelled") and not await _open(db)


async def test_assess_back_cancel_and_a_refused_opinion(chat: Chat, db: Db) -> None:
    await add_studio(db)
    staff = chat(STAFF_ID)
    await staff.command("assess", "2025")
    await staff.press("张三数控工作室")
    await staff.press("❌ 不合格")
    await staff.text("改" * 1001)
    assert staff.last.text.startswith("⚠️") and "请输入改进意见" in staff.last.text
    await staff.press(BACK)
    assert "✅ 合格" in staff.last.labels(), "back at the studio's card"
    await staff.press("✅ 合格")
    await staff.press("无意见")
    await staff.press(BACK)
    assert "无意见" in staff.last.labels(), "back at the comment"
    await staff.press(CANCEL)
    assert "已取消，没有录入任何结果" in staff.last.text and "已录入 0/1" in staff.last.text


async def test_finding_back_cancel_and_a_refused_note(chat: Chat, db: Db) -> None:
    staff = chat(STAFF_ID)
    await staff.command("finding")
    await staff.press("个人（身份证号）")
    await staff.text("41010219800101123X")
    await staff.text("2025-06-01")
    await staff.text("注" * 501)
    assert staff.last.text.startswith("⚠️") and "说明" in staff.last.text
    await staff.press("◀️ 上一步")
    assert "认定的日期" in staff.last.text
    await staff.press("✖️ 取消")
    assert "没有保存" in staff.last.text and not await _open(db)


async def test_studio_targets_back_cancel_and_a_refused_number(chat: Chat, db: Db) -> None:
    studio_id = await add_studio(db)
    staff = chat(STAFF_ID)
    await staff.command("studio", str(studio_id))
    await staff.press("设定非遗目标")
    await staff.text("-3")
    assert staff.last.text.startswith("⚠️ 不能为负数") and "培养高技能人才目标" in staff.last.text
    await staff.text("3")
    assert "新取证目标" in staff.last.text
    await staff.press(BACK)
    assert "培养高技能人才目标" in staff.last.text
    await staff.press(CANCEL)
    assert staff.last.text == ZH("studio.cancelled") and not await _open(db)


async def test_studio_revoke_back_and_a_refused_document(chat: Chat, db: Db) -> None:
    studio_id = await add_studio(db)
    staff = chat(STAFF_ID)
    await staff.command("studio", str(studio_id))
    await staff.press("撤销/退出")
    await staff.press("连续2年考核不合格")
    await staff.text("号" * 501)
    assert staff.last.text.startswith("⚠️") and "文号" in staff.last.text
    await staff.press(BACK)
    assert "连续2年考核不合格" in staff.last.labels(), "back at the grounds"
    await staff.press(CANCEL)
    assert staff.last.text == ZH("studio.cancelled") and not await _open(db)


async def test_staff_grant_back_cancel_and_a_refused_id(chat: Chat, db: Db) -> None:
    staff = chat(STAFF_ID)
    await staff.command("staff")
    await staff.press("➕ 添加工作人员")
    await staff.text("@somebody")
    assert staff.last.text.startswith("⚠️") and "只发送数字" in staff.last.text
    await staff.text("5555")
    assert "确认把" in staff.last.text
    await staff.press(BACK)
    assert "请发送要添加的工作人员" in staff.last.text
    await staff.press(CANCEL)
    assert staff.last.text == ZH("staff.cancelled") and not await _open(db)


async def test_decide_back_cancel_and_a_refused_reason(chat: Chat, db: Db) -> None:
    sid = await add_submission(db)
    staff = chat(STAFF_ID)
    await staff.press_data(f"review::return:{sid}:v1")
    await staff.text("理" * 1001)
    assert staff.last.text.startswith("⚠️") and "理由" in staff.last.text, "refused, not cut"
    await staff.text("单位名称有误")
    assert "↩️ 确认退回" in staff.last.labels()
    await staff.press(BACK)
    assert "理由" in staff.last.text and "↩️ 确认退回" not in staff.last.labels()
    await staff.press(CANCEL)
    assert staff.last.text == ZH("review.decision_cancelled") and not await _open(db)
