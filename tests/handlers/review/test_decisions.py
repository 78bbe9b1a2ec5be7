"""Staff decisions in the chat: confirmation, reasons, fields, notices, the studio on approval."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from services.labels import field_label
from services.messages.actions import AnswerCallback, Send, SendAlbum
from storage.models import AuditEntry, OutboxMessage, Studio, Submission
from storage.models.submissions import Draft
from storage.uow import UnitOfWork
from tests.handlers.conftest import STAFF_ID
from tests.handlers.driver import ChatDriver
from tests.handlers.review.builders import add_submission, resubmit

Chat = Callable[..., ChatDriver]
Db = Callable[[], UnitOfWork]


async def _submission(db: Db, sid: int) -> Submission:
    async with db() as uow:
        sub = await uow.session.get(Submission, sid)
        assert sub is not None
        return sub


async def _notices(db: Db, chat_id: int) -> list[str]:
    async with db() as uow:
        rows = await uow.session.scalars(
            select(OutboxMessage).where(OutboxMessage.chat_id == chat_id)
        )
        return [r.action["text"] for r in rows]


async def test_opening_sends_the_files_then_the_card_last(chat: Chat, db: Db) -> None:
    sid = await add_submission(db)
    staff = chat(STAFF_ID)
    actions = await staff.press_data(f"review::open:{sid}")
    assert "张三数控技能大师工作室" in staff.last.text and "ZZJNDS-2027" in staff.last.text
    assert staff.last.labels()[:3] == ["✅ 通过", "↩️ 退回修改", "⛔ 不予通过"]
    receipt = (await _submission(db, sid)).receipt_no
    albums = [a for a in actions if isinstance(a, SendAlbum)]
    assert [(i.file_id, i.caption) for a in albums for i in a.items] == [
        ("file-form-1", f"{receipt} · 申报报告（第六条(二)） · 申报表.pdf")
    ]
    landed = [a for a in actions if not isinstance(a, AnswerCallback)]
    assert isinstance(landed[-1], Send) and "✅ 通过" in str(landed[-1].keyboard)


async def test_approval_asks_first_then_creates_the_studio(chat: Chat, db: Db) -> None:
    sid = await add_submission(db)
    staff = chat(STAFF_ID)
    await staff.press_data(f"review::open:{sid}")
    await staff.press("✅ 通过")
    assert "确认" in staff.last.text
    assert (await _submission(db, sid)).status == "submitted", "nothing before confirmation"
    await staff.press("✅ 确认通过")
    sub = await _submission(db, sid)
    assert sub.status == "approved" and sub.decided_by == STAFF_ID and sub.decided_at
    async with db() as uow:
        studio = await uow.session.scalar(select(Studio))
        audit = list(await uow.session.scalars(select(AuditEntry)))
    assert studio is not None and studio.name == "张三数控技能大师工作室"
    assert studio.category == "modern_tech" and studio.construction_cap == 150_000
    assert (studio.leader_name, studio.unit_name) == ("张三", "郑州精工机械有限公司")
    assert studio.division == "jinshui" and not studio.intangible_heritage
    assert studio.approved_on.isoformat() == "2027-03-01"
    # support years 2027-2029 (policy.support): the period ends with its last December
    assert studio.support_ends_on.isoformat() == "2029-12-31"
    assert studio.contact_user_id == 1001 and studio.application_id == sid
    assert sub.studio_id == studio.id
    assert any(a.action == "review.approved" and a.actor_id == STAFF_ID for a in audit)
    notice = await _notices(db, 1001)
    assert len(notice) == 1 and "审核通过" in notice[0] and "2029-12-31" in notice[0]
    assert "已建立工作室" in staff.last.text


async def test_cancel_at_confirmation_decides_nothing(chat: Chat, db: Db) -> None:
    sid = await add_submission(db)
    staff = chat(STAFF_ID)
    await staff.press_data(f"review::approve:{sid}:v1")
    await staff.press("取消")
    assert "没有做任何决定" in staff.last.text
    assert (await _submission(db, sid)).status == "submitted"


async def test_return_with_reason_and_fields_reopens_a_draft(chat: Chat, db: Db) -> None:
    sid = await add_submission(db)
    staff = chat(STAFF_ID)
    await staff.press_data(f"review::return:{sid}:v1")
    label = field_label("application", "master_name", "zh")
    await staff.press(label)
    assert f"✅ {label}" in staff.last.labels()
    await staff.text("请补充领办人的技师证书编号")
    assert "请补充领办人的技师证书编号" in staff.last.text and label in staff.last.text
    await staff.press("↩️ 确认退回")
    sub = await _submission(db, sid)
    assert sub.status == "returned" and sub.decision_reason == "请补充领办人的技师证书编号"
    assert sub.fields_to_fix == ["master_name"]
    async with db() as uow:
        draft = await uow.session.scalar(select(Draft).where(Draft.submission_id == sid))
    assert draft is not None and draft.owner_id == 1001 and draft.answers["master_name"] == "张三"
    notice = await _notices(db, 1001)
    assert len(notice) == 1 and "请补充领办人的技师证书编号" in notice[0] and "/apply" in notice[0]


async def test_reject_needs_a_reason(chat: Chat, db: Db) -> None:
    sid = await add_submission(db)
    staff = chat(STAFF_ID)
    await staff.press_data(f"review::reject:{sid}:v1")
    await staff.text("   ")
    assert "⚠️ 此项不能为空" in staff.last.text and "理由" in staff.last.text, "asked again"
    await staff.text("不属于郑州市辖区")
    await staff.press("⛔ 确认不予通过")
    sub = await _submission(db, sid)
    assert sub.status == "rejected" and sub.decision_reason == "不属于郑州市辖区"
    assert any("不属于郑州市辖区" in n for n in await _notices(db, 1001))


async def test_resubmission_shows_what_changed(chat: Chat, db: Db) -> None:
    sid = await add_submission(db)
    staff = chat(STAFF_ID)
    await staff.press_data(f"review::return:{sid}:v1")
    await staff.text("单位名称有误")
    await staff.press("↩️ 确认退回")
    await resubmit(db, sid, {"unit_name": "郑州精工机械股份有限公司"})
    await staff.press_data(f"review::open:{sid}")
    text = staff.last.text
    assert "第 1 版 → 第 2 版" in text
    assert "郑州精工机械有限公司 → 郑州精工机械股份有限公司" in text
    assert "单位名称有误" in text
