"""Payloads are untrusted: forged, foreign and stale presses change nothing and say so."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select

from services.messages.actions import Send
from storage.models import AuditEntry, OutboxMessage, Studio, Submission
from storage.uow import UnitOfWork
from tests.handlers.conftest import STAFF_ID
from tests.handlers.driver import ChatDriver
from tests.handlers.review.builders import add_submission, resubmit

Chat = Callable[..., ChatDriver]
Db = Callable[[], UnitOfWork]


async def _state(db: Db) -> tuple[list[tuple[int, str, int]], int, int, int]:
    async with db() as uow:
        subs = [(s.id, s.status, s.version) for s in await uow.session.scalars(select(Submission))]
        studios = await uow.session.scalar(select(func.count(Studio.id)))
        outbox = await uow.session.scalar(select(func.count(OutboxMessage.id)))
        audit = await uow.session.scalar(
            select(func.count(AuditEntry.id)).where(AuditEntry.action.like("review.%"))
        )
        return subs, int(studios or 0), int(outbox or 0), int(audit or 0)


async def test_a_non_staff_user_pressing_a_forged_approve_changes_nothing(
    chat: Chat, db: Db
) -> None:
    sid = await add_submission(db)
    before = await _state(db)
    mallory = chat(1002)
    for payload in (
        f"review::approve:{sid}:v1",
        f"review::open:{sid}",
        f"review::return:{sid}:v1",
        "review::page:0",
    ):
        actions = await mallory.press_data(payload)
        assert mallory.answers[-1].alert and "没有权限" in (mallory.answers[-1].text or "")
        assert all(not isinstance(a, Send) or "张三" not in a.text for a in actions)
    await mallory.command("pending")
    assert "没有权限" in mallory.last.text
    assert await _state(db) == before


async def test_the_unit_itself_cannot_approve_its_own_submission(chat: Chat, db: Db) -> None:
    sid = await add_submission(db, owner_id=1001)
    before = await _state(db)
    unit = chat(1001)
    await unit.press_data(f"review::approve:{sid}:v1")
    await unit.press_data("review:1:yes")
    assert await _state(db) == before


async def test_malformed_and_unknown_targets_are_refused(chat: Chat, db: Db) -> None:
    await add_submission(db)
    before = await _state(db)
    staff = chat(STAFF_ID)
    for payload in (
        "review::approve:999:v1",
        "review::approve:abc:v1",
        "review::approve:1:x1",
        "review::approve:1",
        "review::open:",
        "review::open:1:2:3",
        "review::frobnicate:1",
        "review::page:x",
    ):
        await staff.press_data(payload)
        assert staff.answers[-1].alert, payload
    assert await _state(db) == before


async def test_stale_version_and_decided_submissions_are_told(chat: Chat, db: Db) -> None:
    sid = await add_submission(db)
    staff, other = chat(STAFF_ID, first_name="Wang"), chat(9002)
    async with db() as uow:
        await uow.users.seen(9002, "Li", None, "zh")
        user = await uow.users.get(9002)
        assert user is not None
        user.is_staff = True
        await uow.commit()
    await staff.press_data(f"review::return:{sid}:v1")
    await staff.text("缺少证书")
    await staff.press("↩️ 确认退回")
    await other.press_data(f"review::approve:{sid}:v1")
    assert "已经处理过了" in other.last.text and "退回修改" in other.last.text
    await resubmit(db, sid, {"master_name": "张三丰"})
    before = await _state(db)
    await other.press_data(f"review::approve:{sid}:v1")
    assert "第 1 版" in other.last.text and "第 2 版" in other.last.text
    assert await _state(db) == before


async def test_confirming_after_someone_else_decided_names_them(chat: Chat, db: Db) -> None:
    sid = await add_submission(db)
    first, second = chat(STAFF_ID, first_name="Wang"), chat(9002, first_name="Li")
    async with db() as uow:
        await uow.users.seen(9002, "Li", None, "zh")
        user = await uow.users.get(9002)
        assert user is not None
        user.is_staff = True
        await uow.commit()
    await first.press_data(f"review::approve:{sid}:v1")
    await second.press_data(f"review::approve:{sid}:v1")
    await first.press("✅ 确认通过")
    await second.press("✅ 确认通过")
    assert "Wang" in second.last.text and "已经处理过了" in second.last.text
    async with db() as uow:
        assert await uow.session.scalar(select(func.count(Studio.id))) == 1


async def test_pending_pages_oldest_first(chat: Chat, db: Db) -> None:
    for i in range(10):
        await add_submission(db, answers={"studio_name": f"S{i:02d}"}, minutes=30 - i)
    staff = chat(STAFF_ID)
    await staff.command("pending")
    assert "共 10 件" in staff.last.text and "第 1/2 页" in staff.last.text
    assert staff.last.labels()[0] == "1. S09" and "下一页 ›" in staff.last.labels()
    await staff.press("下一页 ›")
    assert staff.last.labels()[:2] == ["9. S01", "10. S00"]
    assert "‹ 上一页" in staff.last.labels() and "下一页 ›" not in staff.last.labels()
    await staff.press("10. S00")
    assert "S00" in staff.last.text
