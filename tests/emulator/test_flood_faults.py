"""Flood control and injected faults: both answer like Telegram and change nothing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest

from emulator import Emulator, FloodGate, FloodLimits
from tests.emulator.test_support import RawApi


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def api() -> AsyncIterator[RawApi]:
    emu = Emulator()
    await emu.start()
    emu.user(1001)
    emu.user(1002)
    async with aiohttp.ClientSession() as session:
        yield RawApi(emu, session)
    await emu.stop()


def test_flood_gate_refills_and_never_consumes_on_refusal() -> None:
    clock = FakeClock()
    gate = FloodGate(
        FloodLimits(chat_rate=0.5, chat_burst=2, global_rate=100, global_burst=100), clock
    )
    assert gate.check(1) is None
    assert gate.check(1) is None
    assert gate.check(1) == 2  # half a token per second: two seconds to the next one
    assert gate.check(2) is None  # other chats have their own bucket
    clock.now += 1.5
    assert gate.check(1) == 1  # ceil(0.5 s) and the refusal above took nothing
    clock.now += 0.5
    assert gate.check(1) is None


def test_global_bucket_limits_all_chats() -> None:
    clock = FakeClock()
    gate = FloodGate(
        FloodLimits(chat_rate=10, chat_burst=10, global_rate=1, global_burst=2), clock
    )
    assert [gate.check(chat) for chat in (1, 2, 3)] == [None, None, 1]


async def test_flood_answers_429_with_retry_after_and_has_no_effect(api: RawApi) -> None:
    api.emu.flood = FloodLimits(chat_rate=0.01, chat_burst=3)
    for n in range(3):
        await api.ok("sendMessage", json={"chat_id": 1001, "text": f"m{n}"})
    status, body = await api.call("sendMessage", json={"chat_id": 1001, "text": "over"})
    assert status == 429
    assert body["parameters"]["retry_after"] == 100
    assert body["description"] == "Too Many Requests: retry after 100"
    assert [m.plain for m in api.emu.messages(1001)] == ["m0", "m1", "m2"]
    await api.ok("sendMessage", json={"chat_id": 1002, "text": "other chat"})
    await api.ok("sendChatAction", json={"chat_id": 1001, "action": "typing"})
    api.emu.flood = None
    await api.ok("sendMessage", json={"chat_id": 1001, "text": "free again"})
    assert api.emu.count("sendMessage", 429) == 1


async def test_status_faults_are_consumed_in_order(api: RawApi) -> None:
    faults = api.emu.faults
    faults.add(method="sendMessage", status=429, retry_after=2, times=1)
    faults.add(method="sendMessage", status=502)
    faults.add(method="sendMessage", status=403, chat_id=1002, times=None)
    message = {"chat_id": 1001, "text": "hi"}
    status, body = await api.call("sendMessage", json=message)
    assert (status, body["parameters"]) == (429, {"retry_after": 2})
    status, body = await api.call("sendMessage", json=message)
    assert (status, body["description"], body["error_code"]) == (502, "Bad Gateway", 502)
    await api.ok("sendMessage", json=message)
    for _ in range(2):
        blocked = await api.error("sendMessage", json={"chat_id": 1002, "text": "hi"})
        assert blocked == "Forbidden: bot was blocked by the user"
    assert len(api.emu.messages(1001)) == 1 and api.emu.messages(1002) == []
    assert [c.status for c in api.emu.calls] == [429, 502, 200, 403, 403]
    faults.clear()
    await api.ok("sendMessage", json={"chat_id": 1002, "text": "hi"})


async def test_delay_fault_provokes_client_timeouts_then_answers(api: RawApi) -> None:
    api.emu.faults.add(method="getMe", delay=0.5)
    timeout = aiohttp.ClientTimeout(total=0.05)
    with pytest.raises(asyncio.TimeoutError):
        async with api.session.post(api.url("getMe"), timeout=timeout):
            pass
    me = await api.ok("getMe")
    assert me["username"] == "studio_test_bot"


async def test_fault_needs_a_status_or_a_delay() -> None:
    with pytest.raises(ValueError, match="status or a delay"):
        Emulator().faults.add(method="getMe")
