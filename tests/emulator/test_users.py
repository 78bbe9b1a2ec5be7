"""Simulated users: pressing by label, and ask/click against a concurrent bot."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from emulator import Emulator
from tests.emulator.test_support import EchoBot, RawApi

MENU = {
    "inline_keyboard": [
        [{"text": "✅ Confirm", "callback_data": "confirm"}],
        [{"text": "Cancel", "callback_data": "cancel"}, {"text": "Site", "url": "https://x.org"}],
    ]
}


@pytest.fixture
async def api() -> AsyncIterator[RawApi]:
    emu = Emulator()
    await emu.start()
    async with aiohttp.ClientSession() as session:
        yield RawApi(emu, session)
    await emu.stop()


async def test_press_by_label_sends_that_buttons_callback_data(api: RawApi) -> None:
    alice = api.emu.user(1001, "Alice")
    old = await api.ok("sendMessage", json={"chat_id": 1001, "text": "old", "reply_markup": MENU})
    await api.ok("sendMessage", json={"chat_id": 1001, "text": "new", "reply_markup": MENU})
    await alice.press("Confirm")  # unique substring of "✅ Confirm", newest message first
    await alice.press("Cancel", message=alice.inbox[0])
    await alice.press_data("forged:1", message_id=old["message_id"])
    updates = await api.ok("getUpdates")
    queries = [u["callback_query"] for u in updates]
    assert [q["data"] for q in queries] == ["confirm", "cancel", "forged:1"]
    assert [q["message"]["text"] for q in queries] == ["new", "old", "old"]
    assert queries[0]["from"]["id"] == 1001 and isinstance(queries[0]["id"], str)
    await api.ok("answerCallbackQuery", json={"callback_query_id": queries[0]["id"], "text": "ok"})
    assert alice.callback_answers == ["ok"]


async def test_press_errors_list_available_labels(api: RawApi) -> None:
    alice = api.emu.user(1001)
    with pytest.raises(LookupError):
        await alice.press_data("x")
    await api.ok("sendMessage", json={"chat_id": 1001, "text": "m", "reply_markup": MENU})
    with pytest.raises(LookupError, match="Cancel"):
        await alice.press("Nope")
    with pytest.raises(LookupError, match="no callback_data"):
        await alice.press("Site")
    with pytest.raises(LookupError, match="ambiguous"):
        await alice.press("C")


async def test_ask_and_click_wait_for_a_concurrent_bot(api: RawApi) -> None:
    # The bot answers 20 ms after it confirmed; the default 50 ms of quiet that tells a settled
    # chat left a loaded machine too little margin (a 30 ms stall, and the answer came late).
    api.emu.settle = 0.25
    alice = api.emu.user(1001, "Alice")
    async with EchoBot(api, delay=0.02):
        replies = await alice.ask("/start")
        assert [m.plain for m in replies] == ["echo /start"]
        assert replies[0].text == "<b>echo</b> /start"
        assert replies[0].labels() == ["✅ Confirm", "Cancel"]
        edited = await alice.click("Cancel")
        assert [(m.plain, m.edited, m.buttons) for m in edited] == [("pressed cancel", True, [])]
        assert alice.callback_answers == ["got cancel"]
        assert replies[0].plain == "echo /start"  # results are snapshots
        marker = alice.mark()
        await alice.send("hello")
        later = await alice.wait_messages(after=marker, count=1)
        assert later[0].plain == "echo hello"
    assert [m.plain for m in alice.inbox] == ["pressed cancel", "echo hello"]
    assert alice.last is not None and alice.last.plain == "echo hello"


async def test_wait_messages_times_out_with_context(api: RawApi) -> None:
    alice = api.emu.user(1001)
    with pytest.raises(TimeoutError, match="waited"):
        await alice.wait_messages(after=alice.mark(), timeout=0.05)
