"""Every endpoint refuses forged, expired and foreign sign-ins, and nobody reaches another's draft.

A refused request changes nothing: the drafts, files and outbox are compared before and after.
"""

from __future__ import annotations

import io
from typing import Any

import aiohttp
import pytest
from sqlalchemy import select

from storage.models import Attachment, Draft, OutboxMessage
from tests.e2e.harness import Harness
from tests.handlers.annual_world import add_studio
from tests.handlers.application_script import PDF
from tests.webapp.client import WebClient, init_data, nodes
from tests.webapp.conftest import base_url
from tests.webapp.test_api import web

ENDPOINTS: list[tuple[str, str, Any]] = [
    ("GET", "", None),
    ("PUT", "/answers", {"path": "studio_name", "value": "冒名顶替工作室"}),
    ("POST", "/groups/team/items", None),
    ("DELETE", "/groups/team/items/0", None),
    ("POST", "/files/report", "file"),
    ("DELETE", "/files/report", None),
    ("POST", "/submit", None),
]


def forged(bot: Harness, kind: str) -> str:
    token = bot.emu.token
    if kind == "other bot":
        return "tma " + init_data("987654:another-bots-token", 1001)
    if kind == "expired":
        return "tma " + init_data(token, 1001, age=2 * 86400)
    if kind == "altered":
        return "tma " + init_data(token, 1002).replace("1002", "1001")
    return "tma " + init_data(token, 1001).replace("hash=", "hash=0")


async def world(bot: Harness) -> dict[str, list[Any]]:
    async with bot.uow() as uow:
        drafts = [(d.owner_id, d.answers) for d in await uow.session.scalars(select(Draft))]
        files = [a.file_name for a in await uow.session.scalars(select(Attachment))]
        outbox = [m.key for m in await uow.session.scalars(select(OutboxMessage))]
    return {"drafts": drafts, "files": files, "outbox": outbox}


async def a_started_application(bot: Harness) -> WebClient:
    await bot.user(1001).ask("/start")
    page = web(bot)
    await page.answer("studio_name", "星光数控技能大师工作室")
    await page.add_item("team")
    await page.answer("team.0.name", "李四")
    assert (await page.upload("report", "申报报告.pdf", PDF))[0] == 200
    return page


async def _send(page: WebClient, method: str, path: str, body: Any, auth: str) -> int:
    if body == "file":
        form = aiohttp.FormData()
        form.add_field("file", io.BytesIO(PDF), filename="x.pdf")
        body = form
    status, _ = await page.call(method, path, body, auth=auth)
    return status


@pytest.mark.parametrize("kind", ["other bot", "expired", "altered", "wrong hash"])
async def test_every_endpoint_refuses_a_bad_sign_in_and_changes_nothing(
    web_bot: Harness, kind: str
) -> None:
    page = await a_started_application(web_bot)
    before = await world(web_bot)
    for method, path, body in ENDPOINTS:
        status = await _send(page, method, path, body, forged(web_bot, kind))
        assert status == 401, (method, path)
    for method, path, body in ENDPOINTS:
        assert await _send(page, method, path, body, "") == 401, (method, path)
    assert await world(web_bot) == before


async def test_nobody_reaches_another_users_draft(web_bot: Harness) -> None:
    await a_started_application(web_bot)
    before = await world(web_bot)
    bob = WebClient(base_url(web_bot), web_bot.emu.token, 1002)
    view = await bob.view()
    assert nodes(view)["studio_name"]["value"] == "" and nodes(view)["report"]["files"] == []
    assert nodes(view)["team"]["items"] == []
    status, _ = await bob.call("DELETE", "/groups/team/items/0")
    assert status == 404
    await bob.call("DELETE", "/files/report")
    await bob.answer("studio_name", "鲍勃的工作室")
    after = await world(web_bot)
    alices = [d for d in after["drafts"] if d[0] == 1001]
    assert alices == [d for d in before["drafts"] if d[0] == 1001]
    assert after["files"] == before["files"]


async def test_a_studio_contact_cannot_open_another_studios_plan(web_bot: Harness) -> None:
    ours = await add_studio(web_bot.uow, contact=1001, name="甲工作室")
    theirs = await add_studio(web_bot.uow, contact=1002, name="乙工作室")
    alice = WebClient(base_url(web_bot), web_bot.emu.token, 1001, form="plan")
    alice.scope = f"s{ours}y2027"
    assert (await alice.call("GET"))[0] == 200
    alice.scope = f"s{theirs}y2027"
    status, body = await alice.call("GET")
    assert status == 409 and "乙工作室" not in str(body)
    status, _ = await alice.answer("certified", "3")
    assert status == 409
    async with web_bot.uow() as uow:
        scopes = [d.scope for d in await uow.session.scalars(select(Draft))]
    assert scopes == [f"s{ours}y2027"]
