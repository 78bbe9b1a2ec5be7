"""/check in the page over the chat's own check: one set of answers, one result, one record.

No browser: the page's calls (tests/webapp/client.CheckClient) beside the chat in the emulator.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from emulator import SimUser
from storage.models import Conversation, EligibilityOutcome, OutboxMessage
from storage.repos.eligibility_outcomes import EligibilityOutcomesRepo
from tests.e2e.harness import Harness
from tests.e2e.test_eligibility import answer
from tests.webapp.client import CheckClient, init_data, result_lines
from tests.webapp.conftest import WEBAPP_URL, base_url

ENDPOINTS: list[tuple[str, str, Any]] = [
    ("GET", "", None),
    ("POST", "/answers", {"question": "health", "value": "no"}),
    ("POST", "/back", None),
    ("POST", "/restart", None),
]


def page(bot: Harness, user_id: int = 1001) -> CheckClient:
    return CheckClient(base_url(bot), bot.emu.token, user_id)


def lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


async def world(bot: Harness) -> dict[str, list[Any]]:
    async with bot.uow() as uow:
        convs = [
            (c.user_id, c.flow, c.step, c.data)
            for c in await uow.session.scalars(select(Conversation).order_by(Conversation.user_id))
        ]
        outcomes = [o.verdict for o in await uow.session.scalars(select(EligibilityOutcome))]
        outbox = [m.key for m in await uow.session.scalars(select(OutboxMessage))]
    return {"conversations": convs, "outcomes": outcomes, "outbox": outbox}


async def test_the_page_asks_the_chats_questions_and_gives_the_chats_result(
    web_bot: Harness,
) -> None:
    alice = web_bot.user()
    chat = await answer_in_chat(alice, "技师（二级）", "是", "是", "是", "是", "没有")
    view = await page(web_bot).walk("technician", "yes", "yes", "yes", "yes", "no")
    assert view["result"]["verdict"] == "eligible" and view["question"] is None
    assert [line for part in result_lines(view) for line in lines(part)] == lines(chat)
    async with web_bot.uow() as uow:
        stats = await uow.repo(EligibilityOutcomesRepo).summary()
    assert (stats.total, stats.passed) == (2, 2)


async def answer_in_chat(user: SimUser, *labels: str) -> str:
    await user.ask("/check")
    return await answer(user, *labels)


async def test_a_check_begun_in_the_chat_goes_on_in_the_page_and_back(
    web_bot: Harness,
) -> None:
    alice = web_bot.user()
    [first] = await alice.ask("/check")
    keyboard = (first.reply_markup or {})["inline_keyboard"]
    [button] = [b for row in keyboard for b in row if "web_app" in b]
    assert button["text"] == "🖥 在网页中填写"
    assert button["web_app"]["url"] == WEBAPP_URL + "/?form=check"
    await answer(alice, "技师（二级）")
    client = page(web_bot)
    view = await client.view()
    assert view["question"]["key"] == "own_trade" and view["answered"] == 1
    assert "第 2 题" in view["question"]["progress"] and view["can_go_back"]
    assert "本职业（工种）" in view["question"]["text"]
    status, view = await client.pick("own_trade", "yes")
    assert status == 200 and view["question"]["key"] == "health"
    [resumed] = await alice.ask("/check")
    assert "已回答 2 题" in resumed.plain
    [shown] = await alice.click("▶️ 从中断处继续")
    assert "身体是否健康" in shown.plain and "第 3 题" in shown.plain
    await answer(alice, "是")
    status, stale = await client.pick("health", "yes")
    assert status == 409 and stale["view"]["question"]["key"] == "daily_work"
    status, view = await client.call("POST", "/back")
    assert status == 200 and view["question"]["key"] == "health"
    mark = alice.mark()
    view = await client.walk("yes", "yes", "no", "no", "no", "no")
    assert view["result"]["verdict"] == "not_eligible"
    assert view["result"]["next_steps"].startswith("还缺少：获得市级以上优秀技能人才")
    assert "指导教练" not in view["result"]["next_steps"].split("\n")[0]
    [sent] = await alice.wait_messages(mark, count=1)
    assert "<b>" not in sent.plain and "&lt;" not in sent.text
    assert lines(sent.plain) == [line for part in result_lines(view) for line in lines(part)]
    assert "自测结果也已发到您与机器人的聊天中" in view["notes"][0]
    async with web_bot.uow() as uow:
        assert await uow.conversations.get(1001) is None
        stats = await uow.repo(EligibilityOutcomesRepo).summary()
    assert (stats.total, stats.not_eligible) == (1, 1)


async def test_the_result_speaks_of_own_trade_and_high_skilled_talents(
    web_bot: Harness,
) -> None:
    view = await page(web_bot).walk("technician", "no", "yes", "yes", "no")
    text = "\n".join(result_lines(view))
    assert "❌ 本职业（工种）技师以上职业资格或相应技术职称（第四条）" in text
    assert "但不属于您本人从事的职业（工种）" in text
    assert "每年培养高技能人才不少于" in text and "新取得高级工以上职业资格" in text
    assert "<b>" not in text and "本职业（工种）技师以上的职业资格" in view["result"]["next_steps"]
    missing = view["result"]["next_steps"].split("\n")[0]
    assert missing == "还缺少：本职业（工种）技师以上职业资格或相应技术职称。"  # 破格 is no gap


async def test_a_finding_date_is_read_as_the_chat_reads_it(web_bot: Harness) -> None:
    client = page(web_bot)
    view = await client.walk("technician", "yes", "yes", "yes", "yes", "yes")
    assert view["question"]["key"] == "bar_date" and view["question"]["typed"]
    assert view["question"]["choices"] == []
    status, body = await client.pick("bar_date", "下周三")
    assert status == 422 and body["error"].startswith("⚠️") and body["path"] == "value"
    status, body = await client.pick("bar_date", "2999-01-01")
    assert status == 422
    status, view = await client.pick("bar_date", "2026-03-01")
    assert status == 200 and view["result"]["verdict"] == "barred"
    assert view["result"]["categories"] == []
    assert "2029-03-01（含）" in view["result"]["headline"]


async def test_a_choice_that_is_not_offered_is_refused(web_bot: Harness) -> None:
    client = page(web_bot)
    status, body = await client.pick("level", "grandmaster")
    assert status == 422 and body["error"] == "请从给出的选项中选择。"
    status, body = await client.pick("bar", "no")
    assert status == 409 and body["view"]["question"]["key"] == "level"
    assert await world(web_bot) == {"conversations": [], "outcomes": [], "outbox": []}


async def test_restart_forgets_the_answers_in_both_surfaces(web_bot: Harness) -> None:
    alice = web_bot.user()
    await alice.ask("/check")
    await answer(alice, "技师（二级）", "是")
    client = page(web_bot)
    status, view = await client.call("POST", "/restart")
    assert status == 200 and view["answered"] == 0 and view["question"]["key"] == "level"
    [prompt] = await alice.ask("/check")
    assert "最高职业资格" in prompt.plain and "已回答" not in prompt.plain
    status, body = await client.call("POST", "/back")
    assert status == 409 and body["error"] == "这已经是第一题了。"


async def test_english_words_come_from_the_english_catalog(web_bot: Harness) -> None:
    client = CheckClient(base_url(web_bot), web_bot.emu.token, 1002)
    client.auth = "tma " + init_data(web_bot.emu.token, 1002, language="en")
    view = await client.walk("senior", "junior", "yes", "yes", "yes", "no")
    assert view["lang"] == "en"
    assert "Result: May apply by exception only" in view["result"]["headline"]


@pytest.mark.parametrize("kind", ["other bot", "expired", "altered", "wrong hash", "none"])
async def test_every_check_endpoint_refuses_a_bad_sign_in_and_changes_nothing(
    web_bot: Harness, kind: str
) -> None:
    from tests.webapp.test_api_guard import forged

    client = page(web_bot)
    await client.walk("technician", "yes")
    before = await world(web_bot)
    auth = "" if kind == "none" else forged(web_bot, kind)
    for method, path, body in ENDPOINTS:
        status, _ = await client.call(method, path, body, auth=auth)
        assert status == 401, (method, path)
    assert await world(web_bot) == before


async def test_nobody_reaches_another_users_check(web_bot: Harness) -> None:
    alice = page(web_bot, 1001)
    await alice.walk("technician", "yes", "yes")
    before = await world(web_bot)
    bob = page(web_bot, 1002)
    view = await bob.view()
    assert view["answered"] == 0 and view["question"]["key"] == "level"
    assert (await bob.call("POST", "/back"))[0] == 409
    assert (await bob.pick("daily_work", "no"))[0] == 409
    assert (await bob.call("POST", "/restart"))[0] == 200
    assert await world(web_bot) == before
    status, _ = await bob.call("GET", "/1001")
    assert status == 404
    view = await alice.view()
    assert view["answered"] == 3 and view["question"]["key"] == "daily_work"
