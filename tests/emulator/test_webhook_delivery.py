"""Updates pushed to the webhook as Telegram pushes them: in order per chat, retried, rerouted."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest

from emulator import Emulator, WebhookRetry
from tests.emulator.test_support import RawApi
from tests.emulator.webhook_support import Answer, Receiver

FAST = WebhookRetry(first_delay=0.01, max_delay=0.05, max_attempts=4, timeout=2.0)


@pytest.fixture
async def api() -> AsyncIterator[RawApi]:
    emu = Emulator(webhook_retry=FAST)
    await emu.start()
    emu.user(1001, "Alice")
    emu.user(1002, "Bob")
    async with aiohttp.ClientSession() as session:
        yield RawApi(emu, session)
    await emu.stop()


async def test_update_arrives_with_the_secret_and_counts_as_confirmed(api: RawApi) -> None:
    async with Receiver() as bot:
        await api.ok("setWebhook", json={"url": bot.url, "secret_token": "s3cret"})
        update_id = await api.emu.users[0].send("你好")
        await api.emu.wait_confirmed(update_id, timeout=5)
        ((update, headers),) = bot.received
        assert update["update_id"] == update_id and update["message"]["text"] == "你好"
        assert headers["X-Telegram-Bot-Api-Secret-Token"] == "s3cret"
        assert headers["Content-Type"] == "application/json"
        assert (await api.ok("getWebhookInfo"))["pending_update_count"] == 0


async def test_a_failed_delivery_is_recorded_and_retried(api: RawApi) -> None:
    async with Receiver(Answer(status=500), Answer(status=502)) as bot:
        await api.ok("setWebhook", json={"url": bot.url})
        update_id = await api.emu.users[0].send("重试")
        await api.emu.wait_delivered(timeout=5)
        assert bot.update_ids == [update_id] * 3
        info = await api.ok("getWebhookInfo")
        assert info["last_error_message"] == "Wrong response from the webhook: 502 Bad Gateway"
        assert isinstance(info["last_error_date"], int)
        assert [d.status for d in api.emu.delivery.log] == [500, 502, 200]


async def test_an_unreachable_bot_is_given_up_on_after_the_last_attempt(api: RawApi) -> None:
    await api.ok("setWebhook", json={"url": "http://127.0.0.1:9/hook"})
    update_id = await api.emu.users[0].send("无人")
    await api.emu.wait_delivered(timeout=5)
    assert api.emu.delivery.failed == [update_id]
    assert len(api.emu.delivery.log) == FAST.max_attempts
    info = await api.ok("getWebhookInfo")
    assert (info["last_error_message"], info["pending_update_count"]) == ("Connection refused", 0)


async def test_a_slow_answer_times_out(api: RawApi) -> None:
    api.emu.delivery.retry = WebhookRetry(first_delay=0.01, max_attempts=2, timeout=0.2)
    never = asyncio.Event()
    async with Receiver(Answer(hold=never)) as bot:
        await api.ok("setWebhook", json={"url": bot.url})
        await api.emu.users[0].send("慢")
        await api.emu.wait_delivered(timeout=5)
        assert [d.error for d in api.emu.delivery.log] == ["Read timeout expired", ""]
        never.set()


async def test_one_chat_waits_for_its_previous_update_others_do_not(api: RawApi) -> None:
    release = asyncio.Event()
    alice, bob = api.emu.users
    async with Receiver(Answer(hold=release)) as bot:
        await api.ok("setWebhook", json={"url": bot.url})
        first = await alice.send("一")
        second = await alice.send("二")
        press = await _press(api, alice)
        other = await bob.send("别人")
        await api.emu.wait_confirmed(other, timeout=5)
        await api.emu.wait_confirmed(press, timeout=5)  # a user's presses queue apart
        assert first in bot.update_ids and second not in bot.update_ids
        release.set()
        await api.emu.wait_delivered(timeout=5)
        assert bot.update_ids.index(first) < bot.update_ids.index(second)


async def _press(api: RawApi, user: object) -> int:
    keyboard = {"inline_keyboard": [[{"text": "好", "callback_data": "ok"}]]}
    await api.ok("sendMessage", json={"chat_id": 1001, "text": "按", "reply_markup": keyboard})
    return await api.emu.users[0].press("好")


async def test_behind_a_load_balancer_a_failure_moves_to_the_other_instance(api: RawApi) -> None:
    async with Receiver(Answer(status=503)) as one, Receiver() as two:
        await api.ok("setWebhook", json={"url": "https://bot.example.com/hook"})
        api.emu.route_webhook([one.url, two.url])
        refused = await api.emu.users[0].send("甲")
        await api.emu.wait_delivered(timeout=5)
        assert (one.update_ids, two.update_ids) == ([refused], [refused])
        for text in ("乙", "丙"):
            await api.emu.users[1].send(text)
            await api.emu.wait_delivered(timeout=5)
        assert len(one.received) == len(two.received) == 2


async def test_redelivery_on_demand_resends_the_same_update(api: RawApi) -> None:
    async with Receiver() as bot:
        await api.ok("setWebhook", json={"url": bot.url})
        update_id = await api.emu.users[0].send("再来")
        await api.emu.wait_delivered(timeout=5)
        api.emu.redeliver(update_id)
        await api.emu.wait_delivered(timeout=5)
        assert bot.update_ids == [update_id, update_id]


async def test_a_method_in_the_answer_is_executed(api: RawApi) -> None:
    reply = {"method": "sendMessage", "chat_id": 1001, "text": "<b>收到</b>", "parse_mode": "HTML"}
    ignored = {"method": "getMe"}
    async with Receiver(Answer(body=reply), Answer(body=ignored)) as bot:
        await api.ok("setWebhook", json={"url": bot.url})
        await api.emu.users[0].send("一")
        await api.emu.users[0].send("二")
        await api.emu.wait_delivered(timeout=5)
        assert len(bot.received) == 2
    assert [m.plain for m in api.emu.messages(1001)] == ["收到"]
    assert api.emu.count("sendMessage", 200) == 1 and api.emu.count("getMe") == 0
