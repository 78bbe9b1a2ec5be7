"""setWebhook, deleteWebhook and getWebhookInfo answer as the Bot API server does."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest

from emulator import Emulator
from tests.emulator.test_support import RawApi
from tests.emulator.webhook_support import Receiver

HOOK = "http://127.0.0.1:8443/hook"


@pytest.fixture
async def api() -> AsyncIterator[RawApi]:
    emu = Emulator()
    await emu.start()
    emu.user(1001, "Alice")
    async with aiohttp.ClientSession() as session:
        yield RawApi(emu, session)
    await emu.stop()


def a_second_later(api: RawApi) -> None:
    """setWebhook with a URL is refused (429) within a second of the last one."""
    api.emu.world.set_webhook_after = 0.0


async def test_set_webhook_checks_secret_and_url(api: RawApi) -> None:
    errors = [
        ({"url": HOOK, "secret_token": "s" * 257}, "Bad Request: secret token is too long"),
        (
            {"url": HOOK, "secret_token": "秘密"},
            "Bad Request: secret token contains unallowed characters",
        ),
        ({"url": "ftp://127.0.0.1/hook"}, "Bad Request: invalid webhook URL specified"),
        ({"url": "https://127.0.0.1:99999/hook"}, "Bad Request: invalid webhook URL specified"),
    ]
    for params, error in errors:
        a_second_later(api)
        assert await api.error("setWebhook", json=params) == error
    a_second_later(api)
    status, body = await api.call("setWebhook", json={"url": HOOK, "secret_token": "A-z_0" * 51})
    assert (status, body["result"], body["description"]) == (200, True, "Webhook was set")


async def test_telegram_itself_wants_https_on_four_ports() -> None:
    emu = Emulator(local_mode=False)
    await emu.start()
    try:
        async with aiohttp.ClientSession() as session:
            api = RawApi(emu, session)
            plain = await api.error("setWebhook", json={"url": HOOK})
            assert plain == "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            a_second_later(api)
            odd_port = await api.error("setWebhook", json={"url": "https://example.com:8080/"})
            assert odd_port.endswith("Webhook can be set up only on ports 80, 88, 443 or 8443")
    finally:
        await emu.stop()


async def test_set_twice_within_a_second_is_too_many_requests(api: RawApi) -> None:
    await api.ok("setWebhook", json={"url": HOOK})
    status, body = await api.call("setWebhook", json={"url": HOOK})
    assert (status, body["parameters"]) == (429, {"retry_after": 1})
    a_second_later(api)
    status, body = await api.call("setWebhook", json={"url": HOOK})
    assert body["description"] == "Webhook is already set"


async def test_webhook_info_has_the_real_shape(api: RawApi) -> None:
    await api.emu.users[0].send("待处理")
    allowed = ["callback_query", "message"]
    await api.ok(
        "setWebhook", json={"url": HOOK, "allowed_updates": allowed, "max_connections": 500}
    )
    info = await api.ok("getWebhookInfo")
    assert info == {
        "url": HOOK,
        "has_custom_certificate": False,
        "pending_update_count": 1,
        "max_connections": 100,  # clamped, as tdlib clamps it
        "ip_address": "127.0.0.1",
        "allowed_updates": ["message", "callback_query"],  # in Telegram's order
    }


async def test_get_updates_conflicts_with_an_active_webhook(api: RawApi) -> None:
    poll = asyncio.create_task(api.call("getUpdates", json={"timeout": 30}))
    await api.emu.wait_polling(timeout=5)
    await api.ok("setWebhook", json={"url": HOOK})
    status, body = await asyncio.wait_for(poll, 5)
    assert (status, body["description"]) == (409, "Conflict: terminated by setWebhook request")
    status, body = await api.call("getUpdates")
    assert status == 409
    assert body["description"] == (
        "Conflict: can't use getUpdates method while webhook is active; "
        "use deleteWebhook to delete the webhook first"
    )


async def test_delete_webhook_keeps_or_drops_pending_updates(api: RawApi) -> None:
    _, body = await api.call("deleteWebhook")
    assert body["description"] == "Webhook is already deleted"
    await api.ok("setWebhook", json={"url": "http://127.0.0.1:9/closed"})
    update_id = await api.emu.users[0].send("留着")
    _, body = await api.call("deleteWebhook")
    assert body["description"] == "Webhook was deleted"
    assert [u["update_id"] for u in await api.ok("getUpdates")] == [update_id]
    await api.ok("deleteWebhook", json={"drop_pending_updates": True})
    assert await api.ok("getUpdates") == []


async def test_a_bad_new_url_leaves_no_webhook(api: RawApi) -> None:
    async with Receiver() as bot:
        await api.ok("setWebhook", json={"url": bot.url})
        a_second_later(api)
        assert await api.error("setWebhook", json={"url": "gopher://x"}) == (
            "Bad Request: invalid webhook URL specified"
        )
        assert (await api.ok("getWebhookInfo"))["url"] == ""
