"""Who files for a studio, through the core (第九条(六), 第十条(四), 第十七条):
the master binds with a master's code and files the plan, the report stays with the unit, and a
revoked studio files nothing however it is asked; /status and /stats show where studios stand."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlalchemy import select

from handlers.roles import Role, resolve_roles, studio_roles
from policy.acceptance import Acceptance
from services import studio_decisions as decide
from storage.models import BindingCode, Studio, Submission
from storage.repos.lifecycle import LifecycleRepo
from storage.uow import UnitOfWork
from tests.handlers.annual_world import PLAN_FULL, add_studio, fill, revocation
from tests.handlers.conftest import SHANGHAI, STAFF_ID, Clock
from tests.handlers.driver import ChatDriver

Chat = Callable[..., ChatDriver]
Db = Callable[[], UnitOfWork]
MASTER = 2002
REFUSED = "称号已撤销或已退出的工作室不再报送"


def _code(text: str) -> str:
    return text.split("<code>")[1].split("</code>")[0]


async def _master_code(chat: Chat) -> str:
    staff = chat(STAFF_ID)
    await staff.command("bind")
    await staff.press("张三数控工作室")
    assert "请把绑定码交给工作室所在单位的联系人" in staff.last.text
    await staff.press("生成领办人绑定码")
    assert "领办人绑定码" in staff.last.text and "第九条第六项" in staff.last.text
    return _code(staff.last.text)


async def _revoke(db: Db, studio_id: int) -> None:
    async with db() as uow:
        at = datetime(2027, 1, 3, tzinfo=UTC)
        await decide.revoke(uow, studio_id, revocation(), at, default_lang="zh")
        await uow.commit()


async def test_the_master_binds_and_files_the_plan_but_not_the_report(
    chat: Chat, db: Db, clock: Clock
) -> None:
    clock.now = datetime(2027, 1, 5, 10, 0, tzinfo=SHANGHAI)
    studio_id = await add_studio(db, contact=1001)
    code = await _master_code(chat)
    master = chat(MASTER, first_name="张三")
    await master.command("plan")
    assert "没有权限" in master.last.text, "not yet bound"
    await master.command("bind", code)
    assert "已登记为“张三数控工作室”的领办人" in master.last.text
    async with db() as uow:
        studio = await uow.session.get(Studio, studio_id)
        roles = await resolve_roles(uow, MASTER, frozenset(), [studio_roles])
        notice = await uow.outbox.by_key(f"bind-used:{code}")
    assert studio is not None and (studio.master_user_id, studio.contact_user_id) == (MASTER, 1001)
    assert Role.MASTER in roles and notice is not None and "领办人" in notice.action["text"]
    await master.command("report")
    assert "年度总结由工作室所在单位的联系人提交" in master.last.text
    await master.command("plan")
    assert "张三数控工作室 · 2027 年度工作计划" in master.messages[-1].text
    await fill(master, PLAN_FULL)
    await master.press("提交")
    await master.press("确认")
    assert "2027 年度工作计划已报送" in master.last.text
    async with db() as uow:
        plan = await uow.session.scalar(select(Submission).where(Submission.kind == "plan"))
    assert plan is not None and (plan.studio_id, plan.owner_id) == (studio_id, MASTER)


async def test_a_contact_code_and_a_master_code_live_side_by_side(chat: Chat, db: Db) -> None:
    await add_studio(db, contact=None)
    master_code = await _master_code(chat)
    staff = chat(STAFF_ID)
    await staff.command("bind")
    await staff.press("张三数控工作室")
    contact_code = _code(staff.last.text)
    async with db() as uow:
        live = list(
            await uow.session.scalars(select(BindingCode).where(BindingCode.revoked_at.is_(None)))
        )
    assert {(c.code, c.role) for c in live} == {
        (master_code, "master"),
        (contact_code, "unit_contact"),
    }, "a new contact code does not revoke the master's"
    await chat(1001).command("bind", contact_code)
    master = chat(MASTER)
    await master.command("bind", master_code)
    assert "领办人" in master.last.text


async def test_the_studio_card_issues_the_masters_code(chat: Chat, db: Db) -> None:
    studio_id = await add_studio(db)
    staff = chat(STAFF_ID)
    await staff.command("studio", str(studio_id))
    assert "领办人账号：未绑定" in staff.last.text
    await staff.press("生成领办人绑定码")
    code = _code(staff.last.text)
    await chat(MASTER).command("bind", code)
    await staff.command("studio", str(studio_id))
    assert "领办人账号：已绑定" in staff.last.text


async def test_a_revoked_studio_files_nothing_however_asked(
    chat: Chat, db: Db, clock: Clock
) -> None:
    clock.now = datetime(2027, 1, 5, 10, 0, tzinfo=SHANGHAI)
    studio_id = await add_studio(db, contact=1001)
    alice = chat(1001)
    await alice.command("plan")
    await fill(alice, PLAN_FULL[:2])  # a draft begun before the decision
    await _revoke(db, studio_id)
    await fill(alice, PLAN_FULL[2:])
    await alice.press("提交")
    await alice.press(alice.last.buttons[0].label)  # the confirmation
    assert REFUSED in alice.last.text, "the draft begun before is not handed in"
    await alice.command("plan")
    assert REFUSED in alice.last.text
    await alice.command("plan", f"s{studio_id}y2027")
    assert REFUSED in alice.last.text, "a typed scope is refused too"
    await alice.press_data(f"plan::s:{studio_id}:2027")
    assert alice.answers[-1].text is not None and "没有权限" in alice.answers[-1].text
    clock.now = datetime(2027, 12, 1, 10, 0, tzinfo=SHANGHAI)
    await alice.command("report")
    assert REFUSED in alice.last.text
    async with db() as uow:
        assert await uow.session.scalar(select(Submission)) is None


async def test_status_and_stats_show_where_studios_stand(chat: Chat, db: Db) -> None:
    accepted = await add_studio(db, contact=1001, name="甲工作室")
    revoked = await add_studio(db, contact=1001, name="乙工作室")
    async with db() as uow:
        at = datetime(2027, 1, 2, tzinfo=UTC)
        await uow.repo(LifecycleRepo).accept(accepted, Acceptance(date(2026, 9, 1), STAFF_ID), at)
        await uow.commit()
    await _revoke(db, revoked)
    alice = chat(1001)
    await alice.command("status")
    text = alice.last.text
    assert "🏛 甲工作室：正常，2026-09-01 验收合格" in text
    assert "🏛 乙工作室：已撤销称号（连续2年考核不合格，文号 郑人社〔2027〕2号）" in text
    staff = chat(STAFF_ID)
    await staff.command("stats")
    stats = staff.last.text
    assert "工作室状态：" in stats and "• 正常：1" in stats and "• 已撤销称号：1" in stats
    assert "• 已验收授牌（第十二条）：1" in stats
