"""Issue 11: each confirmation and welcome names the thing in front of the user, no notice ends
in a dead end, and any draft can be discarded (from /status and from the form itself)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select

from storage.models import AuditEntry, Draft, OutboxMessage, Submission
from storage.models.submissions import Attachment
from storage.uow import UnitOfWork
from tests.handlers.annual_world import PLAN_FULL, REPORT_PASS, add_studio, fill
from tests.handlers.application_driver import FakeFiles
from tests.handlers.application_driver import fill as fill_application
from tests.handlers.conftest import SHANGHAI, STAFF_ID, Clock
from tests.handlers.driver import ChatDriver
from tests.handlers.review.builders import add_submission

Chat = Callable[..., ChatDriver]
Db = Callable[[], UnitOfWork]


async def _drafts(db: Db) -> list[Draft]:
    async with db() as uow:
        return list(await uow.session.scalars(select(Draft)))


async def _notice(db: Db, chat_id: int) -> str:
    async with db() as uow:
        rows = await uow.session.scalars(
            select(OutboxMessage).where(OutboxMessage.chat_id == chat_id)
        )
        return "\n".join(r.action["text"] for r in rows)


async def test_a_plan_and_a_report_say_what_filing_them_means(
    chat: Chat, db: Db, clock: Clock
) -> None:
    clock.now = datetime(2027, 1, 5, 10, 0, tzinfo=SHANGHAI)
    await add_studio(db)
    alice = chat(1001)
    await alice.command("plan")
    await fill(alice, PLAN_FULL)
    await alice.press("提交")
    plan = alice.last.text
    assert "备案" in plan and "/plan" in plan and "退回修改" in plan
    assert "第八条" not in plan and "附件" not in plan
    await alice.press("确认")
    clock.now = datetime(2027, 12, 1, 10, 0, tzinfo=SHANGHAI)
    await alice.command("report")
    await fill(alice, REPORT_PASS)
    await alice.press("提交")
    report = alice.last.text
    assert "12月年度考核的依据" in report and "/report" in report
    assert "第八条" not in report and "附件" not in report


async def test_the_welcome_names_the_open_draft_and_its_command(chat: Chat) -> None:
    alice = chat(1001)
    await alice.command("apply")
    await alice.text("星光工作室")
    await alice.command("bind")  # a conversation about something else is now open
    await alice.command("start")
    welcome = alice.last.text
    assert "尚未完成的工作室申报，发送 /apply 继续" in welcome
    assert "/bind" not in welcome


async def test_a_reopened_plan_can_be_discarded_from_status(
    chat: Chat, db: Db, clock: Clock
) -> None:
    clock.now = datetime(2027, 1, 5, 10, 0, tzinfo=SHANGHAI)
    await add_studio(db)
    alice = chat(1001)
    await alice.command("plan")
    await fill(alice, PLAN_FULL)
    await alice.press("提交")
    await alice.press("确认")
    await alice.command("plan")  # reopened: a draft of version 2 now exists
    await alice.command("cancel")
    await alice.command("status")
    assert "填写中的草稿" in alice.last.text and "年度工作计划" in alice.last.text
    await alice.press("🗑 放弃年度工作计划草稿")
    assert "确定放弃这份年度工作计划草稿吗" in alice.last.text
    assert await _drafts(db), "nothing is deleted before the confirmation"
    await alice.press("🗑 确认放弃")
    assert await _drafts(db) == []
    assert "填写中的草稿" not in alice.last.text and "已提交" in alice.last.text
    assert any("已放弃年度工作计划草稿" in (a.text or "") for a in alice.answers)
    async with db() as uow:
        audit = list(await uow.session.scalars(select(AuditEntry)))
        submissions = list(await uow.session.scalars(select(Submission)))
    assert [a.action for a in audit if a.action == "draft.discarded"] == ["draft.discarded"]
    assert [(s.kind, s.version) for s in submissions] == [("plan", 1)], "the filing stays"


async def test_an_application_is_discarded_from_its_own_summary(
    chat: Chat, db: Db, files: FakeFiles
) -> None:
    alice = chat(1001)
    await fill_application(alice, files)
    await alice.press("🗑 放弃草稿")
    assert "确定放弃这份工作室申报草稿吗" in alice.last.text
    await alice.press("« 不放弃")
    assert "请核对" in alice.last.text and len(await _drafts(db)) == 1
    await alice.press("🗑 放弃草稿")
    await alice.press("🗑 确认放弃")
    assert "已放弃工作室申报草稿" in alice.last.text
    async with db() as uow:
        assert list(await uow.session.scalars(select(Attachment))) == []
    assert await _drafts(db) == []
    await alice.command("status")
    assert "还没有草稿或提交记录" in alice.last.text
    await alice.command("apply")
    assert "第 1/" in alice.last.text, "a new application starts from the first question"


async def test_the_approve_confirmation_depends_on_the_kind(chat: Chat, db: Db) -> None:
    staff = chat(STAFF_ID)
    expected = {
        "application": "通过后将建立工作室",
        "plan": "备案",
        "report": "作为年度考核的依据",
    }
    for kind, says in expected.items():
        sid = await add_submission(db, kind=kind, owner_id=1001 + len(kind))
        await staff.press_data(f"review::open:{sid}")
        await staff.press("✅ 通过")
        assert says in staff.last.text, kind
        assert kind == "application" or "建立工作室" not in staff.last.text
        await staff.press("取消")


async def test_notices_say_what_comes_next(chat: Chat, db: Db) -> None:
    staff = chat(STAFF_ID)
    application = await add_submission(db, owner_id=1001)
    await staff.press_data(f"review::open:{application}")
    await staff.press("✅ 通过")
    await staff.press("✅ 确认通过")
    approved = await _notice(db, 1001)
    assert "1月20日前" in approved and "/plan" in approved
    plan = await add_submission(db, owner_id=1002, kind="plan")
    await staff.press_data(f"review::open:{plan}")
    await staff.press("⛔ 不予通过")
    await staff.text("指标与实际不符")
    await staff.press("⛔ 确认不予通过")
    rejected = await _notice(db, 1002)
    assert "/plan" in rejected and "1月20日前" in rejected and "联系经办机构" in rejected
