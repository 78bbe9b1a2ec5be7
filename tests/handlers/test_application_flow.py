"""The studio application from /apply to the staff notification, and what keeps it safe:
every answer committed at once, resume after a restart, one submission per Submit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from handlers.events import ButtonPress
from storage.db import create_engine, session_factory
from storage.models import AuditEntry, Draft, OutboxMessage, Submission, SubmissionVersion
from storage.repos.drafts import DraftsRepo
from storage.uow import UnitOfWork
from tests.handlers.application_driver import FakeFiles, fill, label, run_steps
from tests.handlers.application_script import JPEG, STEPS, Act, T, steps_from
from tests.handlers.conftest import STAFF_ID, Clock, make_core
from tests.handlers.driver import ChatDriver
from tests.policy.forms_fixtures import a_credit_code, an_id_number

Chat = Callable[..., ChatDriver]
Db = Callable[[], UnitOfWork]


async def _draft(db: Db, user: int = 1001) -> Draft | None:
    async with db() as uow:
        return await uow.repo(DraftsRepo).find(user, "application")


async def _rows(db: Db, model: Any) -> list[Any]:
    async with db() as uow:
        return list(await uow.session.scalars(select(model)))


async def test_full_application_reaches_staff_with_a_receipt(
    chat: Chat, db: Db, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files)
    assert "全部内容已填写完整" in alice.last.text
    await alice.press("提交")
    assert "真实性负责（第六条）" in alice.last.text
    await alice.press("我确认材料真实")
    assert "ZZJNDS-2027-0001" in alice.last.text and "申报已提交" in alice.last.text
    (sub,) = await _rows(db, Submission)
    assert (sub.kind, sub.status, sub.version, sub.year) == ("application", "submitted", 1, 2027)
    assert (sub.title, sub.category, sub.division) == (
        "星光数控技能大师工作室",
        "modern_tech",
        "jinshui",
    )
    (version,) = await _rows(db, SubmissionVersion)
    assert version.answers["master_name"] == "张三" and "report" not in version.answers
    assert version.answers["team"] == [{"name": "李四", "trade": "数控铣工", "level": "senior"}]
    slots = [a["slot"] for a in version.attachments]
    assert slots == [
        "report",
        "plan",
        "equipment_list",
        "experts",
        "certificates",
        "unit_qualification",
        "commitment",
    ]
    photo = version.attachments[4]
    assert photo["mime_type"] == "image/jpeg" and photo["file_name"] == "certificates-1.jpg"
    assert photo["size"] == len(JPEG) and len(photo["sha256"]) == 64
    assert await _draft(db) is None
    notices = [m for m in await _rows(db, OutboxMessage) if m.chat_id == STAFF_ID]
    assert len(notices) == 1 and "ZZJNDS-2027-0001" in notices[0].action["text"]
    assert f"review::open:{sub.id}" in str(notices[0].action["keyboard"])
    audit = [a for a in await _rows(db, AuditEntry) if a.object_type == "submission"]
    assert [(a.action, a.details["receipt"]) for a in audit] == [
        ("application.new", "ZZJNDS-2027-0001")
    ]


async def test_each_answer_is_in_the_draft_before_the_next_question(
    chat: Chat, db: Db, files: FakeFiles
) -> None:
    alice = chat()
    await alice.command("apply")
    for key, actions in STEPS:
        await run_steps(alice, files, [(key, actions)])
        draft = await _draft(db)
        assert draft is not None
        async with db() as uow:
            slots = {f.slot for f in await uow.repo(DraftsRepo).files(draft.id)}
        assert key in draft.answers or key in slots, key
        shown_next = draft.cursor.split("#")[0]
        assert shown_next == "summary" or label(shown_next) in alice.last.text


async def test_a_restart_resumes_where_the_unit_stopped(
    chat: Chat, sqlite_db: str, clock: Clock, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files, until="unit_name")
    engine = create_engine(sqlite_db)
    fresh = make_core(session_factory(engine), clock, files)
    try:
        again = ChatDriver(fresh, 1001)
        await again.command("apply")
        assert "恢复上次保存的填写进度" in again.last.text
        assert label("unit_name") in again.last.text and "第 19/" in again.last.text
        await run_steps(again, files, steps_from("unit_name"))
        assert "全部内容已填写完整" in again.last.text
    finally:
        await engine.dispose()


async def test_cancel_keeps_the_draft_and_apply_resumes(chat: Chat, files: FakeFiles) -> None:
    alice = chat()
    await fill(alice, files, until="master_mobile")
    await alice.command("cancel")
    assert "已保存" in alice.last.text and "/apply" in alice.last.text
    await alice.command("start", "apply")  # the deep link opens the same draft
    assert label("master_mobile") in alice.last.text


async def test_pressing_submit_twice_makes_one_submission(
    chat: Chat, db: Db, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files)
    await alice.press("提交")
    confirm = alice.last
    payload = confirm.buttons[0].payload or ""
    await alice.press("我确认材料真实", confirm)
    await alice.press_data(payload, confirm.message_id)
    assert alice.answers[-1].alert and "过期" in (alice.answers[-1].text or "")
    assert len(await _rows(db, Submission)) == 1
    assert len([m for m in await _rows(db, OutboxMessage) if m.chat_id == STAFF_ID]) == 1


async def test_a_duplicated_submit_update_makes_one_submission(
    chat: Chat, db: Db, files: FakeFiles
) -> None:
    alice = chat()
    await fill(alice, files)
    await alice.press("提交")
    payload = alice.last.buttons[0].payload or ""
    press = ButtonPress(payload, "cb-dup", alice.last.message_id)
    first = await alice.event(press, update_id=424242)
    again = await alice.event(press, update_id=424242)
    assert first and again == []
    assert len(await _rows(db, Submission)) == 1


async def test_status_lists_the_draft_then_the_submission(chat: Chat, files: FakeFiles) -> None:
    alice = chat()
    await alice.command("status")
    assert "还没有草稿" in alice.last.text
    await fill(alice, files, until="master_id")
    await alice.command("status")
    assert "工作室申报：已填 4/" in alice.last.text
    assert "继续填写工作室申报" in alice.last.labels()[0]
    await alice.press("继续填写")
    assert label("master_id") in alice.last.text
    await run_steps(alice, files, steps_from("master_id"))
    await alice.press("提交")
    await alice.press("我确认材料真实")
    await alice.command("status")
    assert "ZZJNDS-2027-0001" in alice.last.text and "已提交，待审核" in alice.last.text
    assert "填写中的草稿" not in alice.last.text


def _with(**answers: str) -> list[tuple[str, list[Act]]]:
    """The whole application with some typed answers replaced."""
    return [(key, [T(answers[key])] if key in answers else acts) for key, acts in STEPS]


async def _apply(alice: ChatDriver, files: FakeFiles, **answers: str) -> None:
    await alice.command("apply")
    await run_steps(alice, files, _with(**answers))


async def test_a_unit_may_apply_for_a_second_studio_with_another_master(
    chat: Chat, db: Db, files: FakeFiles
) -> None:
    alice = chat()
    await _apply(alice, files)
    await alice.press("提交")
    await alice.press("我确认材料真实")
    await _apply(
        alice, files, studio_name="星光焊接工作室", master_id=an_id_number("41010519900101123")
    )
    assert "全部内容已填写完整" in alice.last.text
    await alice.press("提交")
    await alice.press("我确认材料真实")
    assert "ZZJNDS-2027-0002" in alice.last.text
    assert len(await _rows(db, Submission)) == 2


async def test_the_same_studio_or_master_twice_is_blocked_naming_the_first(
    chat: Chat, db: Db, files: FakeFiles
) -> None:
    alice = chat()
    await _apply(alice, files)
    await alice.press("提交")
    await alice.press("我确认材料真实")
    await _apply(alice, files, studio_name="星光二号工作室")
    text = alice.last.text
    assert "该单位已有同一领办人的工作室或在审申报：<b>星光数控技能大师工作室</b>" in text
    assert "受理编号 ZZJNDS-2027-0001" in text
    assert not any("提交" in button for button in alice.last.labels())
    bob = chat(1002)
    await _apply(bob, files, unit_credit_code=a_credit_code("91410100MA55XXXX0"))
    assert "该领办人已领办其他工作室或有在审申报" in bob.last.text
    assert "ZZJNDS-2027-0001" in bob.last.text and "第二条、第四条" in bob.last.text
    assert len(await _rows(db, Submission)) == 1
