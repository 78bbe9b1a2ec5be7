"""Every console endpoint: forged or stale sign-in → 401, anyone but staff → 403, and a
refused request changes nothing (submissions, drafts, studios, audit log and outbox compared)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from storage.models import AuditEntry, Draft, OutboxMessage, Studio, Submission
from tests.e2e.harness import STAFF, Harness
from tests.handlers.annual_world import add_studio
from tests.handlers.review.builders import add_submission
from tests.webapp.client import init_data
from tests.webapp.conftest import base_url
from tests.webapp.console_client import ConsoleClient

UNIT = 1001


def endpoints(sid: int) -> list[tuple[str, str, Any]]:
    decision = {"version": 1, "choice": "approve", "reason": "", "fields": []}
    giving_back = {"version": 1, "choice": "return", "reason": "改", "fields": ["unit_name"]}
    return [
        ("GET", "options", None),
        ("GET", "queue", None),
        ("GET", f"submissions/{sid}", None),
        ("GET", f"submissions/{sid}/versions/1/files/0", None),
        ("POST", f"submissions/{sid}/decision", decision),
        ("POST", f"submissions/{sid}/decision", giving_back),
        ("GET", "studios", None),
        ("GET", "stats", None),
        ("GET", "export", None),
    ]


def forged(bot: Harness, kind: str) -> str:
    """Sign-ins that claim to be staff and are not genuine, or no longer fresh."""
    token, staff = bot.emu.token, STAFF[0]
    if kind == "other bot":
        return "tma " + init_data("987654:another-bots-token", staff)
    if kind == "expired":
        return "tma " + init_data(token, staff, age=2 * 86400)
    if kind == "unit turned staff":
        return "tma " + init_data(token, UNIT).replace(str(UNIT), str(staff))
    return "tma " + init_data(token, staff).replace("hash=", "hash=0")


async def world(bot: Harness) -> dict[str, list[Any]]:
    async with bot.uow() as uow:
        subs = await uow.session.scalars(select(Submission))
        return {
            "submissions": [(s.id, s.status, s.version, s.decided_by) for s in subs],
            "drafts": [d.id for d in await uow.session.scalars(select(Draft))],
            "studios": [s.id for s in await uow.session.scalars(select(Studio))],
            "audit": [a.action for a in await uow.session.scalars(select(AuditEntry))],
            "outbox": [m.key for m in await uow.session.scalars(select(OutboxMessage))],
        }


async def a_world(bot: Harness) -> int:
    await add_studio(bot.uow, contact=UNIT)  # the unit is a studio's contact, still not staff
    return await add_submission(bot.uow, owner_id=UNIT)


@pytest.mark.parametrize("kind", ["other bot", "expired", "unit turned staff", "wrong hash"])
async def test_a_bad_sign_in_gets_401_everywhere_and_changes_nothing(
    web_bot: Harness, kind: str
) -> None:
    sid = await a_world(web_bot)
    console = ConsoleClient(base_url(web_bot), web_bot.emu.token, STAFF[0])
    before = await world(web_bot)
    for method, path, body in endpoints(sid):
        for auth in (forged(web_bot, kind), "", "Bearer x"):
            reply = await console.call(method, path, body, auth=auth)
            assert reply.status == 401, (method, path, auth[:12])
    assert await world(web_bot) == before


async def test_the_unit_and_strangers_get_403_everywhere_and_change_nothing(
    web_bot: Harness,
) -> None:
    sid = await a_world(web_bot)
    before = await world(web_bot)
    for user_id in (UNIT, 4242):
        outsider = ConsoleClient(base_url(web_bot), web_bot.emu.token, user_id)
        for method, path, body in endpoints(sid):
            reply = await outsider.call(method, path, body)
            assert reply.status == 403, (user_id, method, path)
            assert reply.json == {"error": "您没有权限进行此操作。"}
    assert await world(web_bot) == before


async def test_staff_granted_in_the_bot_get_in_and_lose_it_when_revoked(
    web_bot: Harness,
) -> None:
    await a_world(web_bot)
    granted = ConsoleClient(base_url(web_bot), web_bot.emu.token, 7007)
    assert (await granted.call("GET", "queue")).status == 403
    staff = web_bot.staff()
    await staff.ask("/staff")
    await staff.click("➕ 添加工作人员")
    await staff.ask("7007")
    await staff.click("确认")
    assert (await granted.call("GET", "queue")).status == 200
    await staff.ask("/staff")
    await staff.click("移除 User7007（7007）")
    await staff.click("确认")
    assert (await granted.call("GET", "queue")).status == 403
