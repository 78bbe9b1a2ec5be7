"""getUpdates semantics: long polling, offset confirmation, redelivery, conflicts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest

from emulator import Emulator
from tests.emulator.test_support import RawApi


@pytest.fixture
async def api() -> AsyncIterator[RawApi]:
    emu = Emulator()
    await emu.start()
    async with aiohttp.ClientSession() as session:
        yield RawApi(emu, session)
    await emu.stop()


async def test_long_poll_returns_as_soon_as_a_user_writes(api: RawApi) -> None:
    alice = api.emu.user(1001, "Alice", username="alice")
    poll = asyncio.create_task(api.ok("getUpdates", json={"timeout": 30}))
    await api.emu.wait_polling(timeout=5)
    update_id = await alice.command("start", "check")
    updates = await asyncio.wait_for(poll, 5)  # a generous guard, far below the 30 s poll
    message = updates[0]["message"]
    assert updates[0]["update_id"] == update_id
    assert message["text"] == "/start check"
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert message["from"] == {
        "id": 1001,
        "is_bot": False,
        "first_name": "Alice",
        "username": "alice",
        "language_code": "zh",
    }


async def test_offset_confirms_and_redeliver_keeps_the_update_id(api: RawApi) -> None:
    alice = api.emu.user(1001)
    first = await alice.send("one")
    second = await alice.send("two")
    batch = await api.ok("getUpdates")
    assert [u["update_id"] for u in batch] == [first, second]
    assert not api.emu.world.updates.is_confirmed(first)
    assert await api.ok("getUpdates", json={"offset": second + 1}) == []
    await api.emu.wait_confirmed(second, timeout=1)

    api.emu.redeliver(first)
    again = await api.ok("getUpdates", json={"offset": second + 1})
    assert [u["update_id"] for u in again] == [first]
    assert again[0]["message"]["text"] == "one"
    await api.ok("getUpdates", json={"offset": first + 1})
    await api.emu.wait_confirmed(first, timeout=1)


async def test_wait_confirmed_times_out_without_a_bot(api: RawApi) -> None:
    update_id = await api.emu.user(1001).send("hi")
    with pytest.raises(TimeoutError, match="not confirmed"):
        await api.emu.wait_confirmed(update_id, timeout=0.05)


async def test_newer_get_updates_terminates_the_older_one(api: RawApi) -> None:
    older = asyncio.create_task(api.call("getUpdates", json={"timeout": 30}))
    await api.emu.wait_polling(timeout=5)
    newer = asyncio.create_task(api.ok("getUpdates", json={"timeout": 30}))
    status, body = await asyncio.wait_for(older, 5)
    assert (status, body["description"]) == (
        409,
        "Conflict: terminated by other getUpdates request; "
        "make sure that only one bot instance is running",
    )
    update_id = await api.emu.user(1001).send("hi")
    assert [u["update_id"] for u in await asyncio.wait_for(newer, 5)] == [update_id]


async def test_limit_allowed_updates_and_drop_pending(api: RawApi) -> None:
    """allowed_updates "doesn't affect updates created before the call" (Bot API reference)."""
    alice = api.emu.user(1001)
    for text in ("a", "b", "c"):
        await alice.send(text)
    assert len(await api.ok("getUpdates", json={"limit": 2})) == 2
    early = await api.ok("getUpdates", json={"allowed_updates": ["callback_query"]})
    assert [u["message"]["text"] for u in early] == ["a", "b", "c"]
    await api.ok("getUpdates", json={"offset": early[-1]["update_id"] + 1})
    assert await alice.send("never created") == -1
    assert await api.ok("getUpdates") == []
    await api.ok("getUpdates", json={"allowed_updates": []})
    await alice.send("d")
    info = await api.ok("getWebhookInfo")
    assert (info["url"], info["pending_update_count"]) == ("", 1)
    assert "allowed_updates" not in info  # [] restored the default set
    await api.ok("deleteWebhook", json={"drop_pending_updates": True})
    assert await api.ok("getUpdates") == []


async def test_stop_releases_a_pending_long_poll() -> None:
    emu = Emulator()
    await emu.start()
    async with aiohttp.ClientSession() as session:
        poll = asyncio.create_task(RawApi(emu, session).ok("getUpdates", json={"timeout": 30}))
        await emu.wait_polling(timeout=5)
        await emu.stop()
        assert await asyncio.wait_for(poll, 5) == []
