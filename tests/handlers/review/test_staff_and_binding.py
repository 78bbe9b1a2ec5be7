"""/staff and /bind: who is staff, and binding codes that link a contact to a studio."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import select

from handlers.roles import Role, resolve_roles, studio_roles
from policy.categories import StudioCategory
from storage.models import AuditEntry, OutboxMessage, Studio
from storage.repos.studios import StudioFacts, StudiosRepo
from storage.uow import UnitOfWork
from tests.handlers.conftest import STAFF_ID, Clock
from tests.handlers.driver import ChatDriver

Chat = Callable[..., ChatDriver]
Db = Callable[[], UnitOfWork]


async def _studio(db: Db, name: str = "李四面点技能大师工作室") -> int:
    async with db() as uow:
        facts = StudioFacts(
            name,
            StudioCategory.TRADITIONAL_CRAFT,
            "李四",
            "郑州某某餐饮有限公司",
            date(2020, 12, 1),
        )
        studio = await uow.repo(StudiosRepo).create(facts, source="import")
        await uow.commit()
        return studio.id


async def _contact(db: Db, studio_id: int) -> int | None:
    async with db() as uow:
        studio = await uow.session.get(Studio, studio_id)
        assert studio is not None
        return studio.contact_user_id


async def _issue(staff: ChatDriver, name: str) -> str:
    await staff.command("bind")
    await staff.press(name)
    text = staff.last.text
    return text.split("<code>")[1].split("</code>")[0]


def _elsewhere(code: str) -> str:
    """A locator (first three characters) that is not this code's: a guess aimed at no studio."""
    return "AAA" if not code.startswith("AAA") else "BBB"


async def test_staff_add_and_remove_with_confirmation(chat: Chat, db: Db) -> None:
    staff = chat(STAFF_ID)
    await staff.command("staff")
    assert str(STAFF_ID) in staff.last.text and "STAFF_IDS" in staff.last.text
    assert not any("移除" in label for label in staff.last.labels())
    await staff.press("➕ 添加工作人员")
    await staff.text("12ab")
    assert "纯数字" in staff.last.text or "只发送数字" in staff.last.text
    await staff.text("5555")
    await staff.press("确认")
    assert "5555" in staff.last.text
    newcomer = chat(5555)
    await newcomer.command("pending")
    assert "没有权限" not in newcomer.last.text
    await staff.command("staff")
    await staff.press("➖ 移除")
    await staff.press("确认")
    await newcomer.command("pending")
    assert "没有权限" in newcomer.last.text
    async with db() as uow:
        actions = [a.action for a in await uow.session.scalars(select(AuditEntry))]
        welcome = list(
            await uow.session.scalars(select(OutboxMessage).where(OutboxMessage.chat_id == 5555))
        )
    assert actions.count("staff.granted") == 1 and actions.count("staff.revoked") == 1
    assert len(welcome) == 1 and "工作人员" in welcome[0].action["text"]


async def test_fixed_staff_cannot_be_removed_even_by_a_forged_button(chat: Chat) -> None:
    staff = chat(STAFF_ID)
    await staff.press_data(f"staff::rm:{STAFF_ID}")
    assert "STAFF_IDS" in staff.last.text
    await staff.command("pending")
    assert "没有权限" not in staff.last.text


async def test_non_staff_cannot_manage_staff(chat: Chat, db: Db) -> None:
    mallory = chat(1002)
    await mallory.command("staff")
    assert "没有权限" in mallory.last.text
    await mallory.press_data("staff::add")
    await mallory.press_data("staff::rm:1002")
    async with db() as uow:
        user = await uow.users.get(1002)
        assert user is not None and not user.is_staff
        assert not await uow.conversations.get(1002)


async def test_binding_code_links_once(chat: Chat, db: Db) -> None:
    sid = await _studio(db)
    staff = chat(STAFF_ID)
    code = await _issue(staff, "李四面点")
    assert len(code) == 8 and "/bind" in staff.last.text
    contact = chat(1001, first_name="Zhao")
    await contact.command("bind", code.lower())
    assert "绑定成功" in contact.last.text and "李四面点技能大师工作室" in contact.last.text
    assert await _contact(db, sid) == 1001
    async with db() as uow:
        assert Role.CONTACT in await resolve_roles(uow, 1001, frozenset(), [studio_roles])
        notice = await uow.outbox.by_key(f"bind-used:{code}")
    assert notice is not None and notice.chat_id == STAFF_ID
    other = chat(1003)
    await other.command("start", f"bind_{code}")
    assert "已经使用过" in other.last.text
    assert await _contact(db, sid) == 1001


async def test_code_expires(chat: Chat, db: Db, clock: Clock) -> None:
    sid = await _studio(db)
    code = await _issue(chat(STAFF_ID), "李四面点")
    clock.now += timedelta(days=7, minutes=1)
    contact = chat(1001)
    await contact.command("bind", code)
    assert "过期" in contact.last.text and await _contact(db, sid) is None


async def test_bind_without_code_asks_for_it(chat: Chat, db: Db) -> None:
    sid = await _studio(db)
    code = await _issue(chat(STAFF_ID), "李四面点")
    contact = chat(1001)
    await contact.command("bind")
    assert "绑定码" in contact.last.text
    await contact.text("WRONG123")
    assert "不正确" in contact.last.text and "4 次" in contact.last.text
    await contact.text(f"{code[:4]}-{code[4:]}")
    assert "绑定成功" in contact.last.text and await _contact(db, sid) == 1001


async def test_wrong_codes_are_limited_per_hour(chat: Chat, db: Db, clock: Clock) -> None:
    sid = await _studio(db)
    code = await _issue(chat(STAFF_ID), "李四面点")
    guesser = chat(1002)
    for attempt in range(5):
        await guesser.command("bind", f"{_elsewhere(code)}A{attempt:04d}")
    await guesser.command("bind", code)
    assert "错误次数过多" in guesser.last.text and await _contact(db, sid) is None
    clock.now += timedelta(hours=1, minutes=1)
    await guesser.command("bind", code)
    assert "绑定成功" in guesser.last.text


async def test_forged_code_button_from_a_non_staff_user_issues_nothing(chat: Chat, db: Db) -> None:
    sid = await _studio(db)
    mallory = chat(1002)
    await mallory.press_data(f"bind::code:{sid}")
    assert mallory.answers[-1].alert and "没有权限" in (mallory.answers[-1].text or "")
    async with db() as uow:
        rows = list(await uow.session.scalars(select(OutboxMessage)))
        audit = list(await uow.session.scalars(select(AuditEntry)))
    assert not rows and not [a for a in audit if a.action == "bind.issued"]


async def test_staff_search_studios(chat: Chat, db: Db) -> None:
    await _studio(db, "李四面点技能大师工作室")
    await _studio(db, "王五钳工技能大师工作室")
    staff = chat(STAFF_ID)
    await staff.command("bind", "钳工")
    assert "1 个" in staff.last.text and len(staff.last.labels()) == 1
    assert "王五钳工" in staff.last.labels()[0]


async def test_a_new_code_revokes_the_old_one(chat: Chat, db: Db) -> None:
    sid = await _studio(db)
    staff = chat(STAFF_ID)
    old = await _issue(staff, "李四面点")
    new = await _issue(staff, "李四面点")
    assert "已作废" in staff.last.text
    contact = chat(1001)
    await contact.command("bind", old)
    assert "已经作废" in contact.last.text and await _contact(db, sid) is None
    await contact.command("bind", new)
    assert "绑定成功" in contact.last.text and await _contact(db, sid) == 1001


async def test_wrong_tries_aimed_at_a_studio_from_many_accounts_revoke_its_code(
    chat: Chat, db: Db
) -> None:
    """Fresh accounts do not multiply the guesses at one studio's code."""
    sid = await _studio(db)
    code = await _issue(chat(STAFF_ID), "李四面点")
    replies = []
    for n in range(5):
        guesser = chat(2000 + n)
        wrong = code[:3] + ("22222" if code[3:] != "22222" else "33333")
        await guesser.command("bind", wrong)
        replies.append(guesser.last.text)
    assert all("绑定码不正确" in r and "4 次" in r for r in replies), (
        "same answer as any wrong code"
    )
    contact = chat(1001)
    await contact.command("bind", code)
    assert "已经作废" in contact.last.text and await _contact(db, sid) is None
    async with db() as uow:
        notice = await uow.outbox.by_key(f"bind-burned:{code}")
        audit = await uow.audit.for_object("studio", sid)
    assert notice is not None and notice.chat_id == STAFF_ID and "5 次" in notice.action["text"]
    assert "bind.revoked" in [a.action for a in audit]
    fresh = await _issue(chat(STAFF_ID), "李四面点")
    await contact.command("bind", fresh)
    assert "绑定成功" in contact.last.text


async def test_wrong_tries_across_all_accounts_pause_binding_for_an_hour(
    chat: Chat, db: Db, clock: Clock
) -> None:
    sid = await _studio(db)
    code = await _issue(chat(STAFF_ID), "李四面点")
    for n in range(10):
        guesser = chat(3000 + n)
        for attempt in range(5):
            await guesser.command("bind", f"{_elsewhere(code)}{n}{attempt:04d}")
    contact = chat(1001)
    await contact.command("bind", code)
    assert "绑定暂停" in contact.last.text and await _contact(db, sid) is None
    clock.now += timedelta(hours=1, minutes=1)
    await contact.command("bind", code)
    assert "绑定成功" in contact.last.text


async def test_stats_count_binding_tries(chat: Chat, db: Db) -> None:
    await _studio(db)
    code = await _issue(chat(STAFF_ID), "李四面点")
    guesser = chat(1002)
    for attempt in range(6):
        await guesser.command("bind", f"{_elsewhere(code)}A{attempt:04d}")
    await chat(1001).command("bind", code)
    staff = chat(STAFF_ID)
    await staff.command("stats")
    assert "绑定成功 1 次，输错 5 次，因错误过多被拒 1 次" in staff.last.text
