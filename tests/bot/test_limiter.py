"""The limiter's schedule on a virtual clock: bursts, steady rates, and Telegram's 429 hints."""

from __future__ import annotations

import asyncio

from bot.limiter import PRUNE_AT, FloodLimiter


class VirtualTime:
    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


async def _send(limiter: FloodLimiter, chat: int, stamps: list[float], time: VirtualTime) -> None:
    async with limiter.slot(chat):
        stamps.append(time.now)


def _limiter(time: VirtualTime, **kw: float) -> FloodLimiter:
    return FloodLimiter(clock=time.clock, sleep=time.sleep, **kw)  # type: ignore[arg-type]


async def test_one_chat_gets_a_burst_then_one_message_a_second() -> None:
    time = VirtualTime()
    limiter = _limiter(time, chat_rate=1.0, chat_burst=3)
    stamps: list[float] = []
    for _ in range(6):
        await _send(limiter, 1, stamps, time)
    assert stamps == [0.0, 0.0, 0.0, 1.0, 2.0, 3.0]


async def test_chats_do_not_wait_for_each_other() -> None:
    time = VirtualTime()
    limiter = _limiter(time, chat_rate=1.0, chat_burst=1)
    stamps: list[float] = []
    for chat in range(5):
        await _send(limiter, chat, stamps, time)
    assert stamps == [0.0] * 5


async def test_the_overall_rate_caps_a_broadcast() -> None:
    time = VirtualTime()
    limiter = _limiter(time, send_rate=30.0)
    stamps: list[float] = []
    for chat in range(65):
        await _send(limiter, chat, stamps, time)
    assert stamps.count(0.0) == 30
    assert max(stamps) >= 2.0 - 1e-9
    for start in (s for s in stamps):
        in_window = [t for t in stamps if start <= t < start + 1.0]
        assert len(in_window) <= 30


async def test_a_429_silences_that_chat_for_retry_after() -> None:
    time = VirtualTime()
    limiter = _limiter(time, chat_rate=1.0, chat_burst=3)
    limiter.flood_wait(7, 5.0)
    stamps: list[float] = []
    await _send(limiter, 7, stamps, time)
    await _send(limiter, 8, stamps, time)
    assert stamps == [5.0, 5.0]


async def test_callback_answers_are_not_limited() -> None:
    time = VirtualTime()
    limiter = _limiter(time, chat_rate=1.0, chat_burst=1)
    for _ in range(10):
        async with limiter.slot(None):
            pass
    assert time.now == 0.0


async def test_chats_written_to_long_ago_are_forgotten_and_treated_as_new() -> None:
    """A reminder day writes to thousands of chats; their schedules do not stay for ever."""
    time = VirtualTime()
    limiter = _limiter(time, send_rate=1e9, chat_rate=1.0, chat_burst=3)
    stamps: list[float] = []
    for chat in range(PRUNE_AT):
        await _send(limiter, chat, stamps, time)
    assert limiter.tracked == PRUNE_AT
    time.now += 1.0  # every one of them may send again with its whole burst
    await _send(limiter, PRUNE_AT, stamps, time)
    assert limiter.tracked == 1
    stamps.clear()
    for _ in range(4):
        await _send(limiter, 0, stamps, time)
    assert stamps == [1.0, 1.0, 1.0, 2.0], "a forgotten chat starts afresh: burst, then 1/s"


async def _once_each(time: VirtualTime, chats: range) -> tuple[FloodLimiter, list[float]]:
    """A limiter of 1/s per chat, no burst, that has sent once to each of ``chats``."""
    limiter = _limiter(time, send_rate=1e9, chat_rate=1.0, chat_burst=1)
    stamps: list[float] = []
    for chat in chats:
        await _send(limiter, chat, stamps, time)
    return limiter, stamps


async def test_a_chat_that_must_still_wait_is_not_forgotten() -> None:
    time = VirtualTime()
    limiter, stamps = await _once_each(time, range(2, PRUNE_AT))
    time.now = 1.0  # those may send again
    await _send(limiter, 0, stamps, time)  # its next send is due at 2.0
    limiter.flood_wait(1, retry_after=30.0)  # Telegram told chat 1 to wait until 31.0
    time.now = 1.5
    assert limiter.tracked == PRUNE_AT
    await _send(limiter, PRUNE_AT, stamps, time)
    assert limiter.tracked == 3, "chat 0 (due at 2.0), chat 1 (flood wait) and the new one"
    stamps.clear()
    await _send(limiter, 0, stamps, time)
    await _send(limiter, 1, stamps, time)
    assert stamps == [2.0, 31.0]


async def test_a_chat_whose_send_is_in_flight_is_not_forgotten() -> None:
    time = VirtualTime()
    limiter, stamps = await _once_each(time, range(1, PRUNE_AT))
    time.now += 5.0
    async with limiter.slot(0):  # chat 0's send is with Telegram while the others age
        await _send(limiter, PRUNE_AT, stamps, time)
        assert limiter.tracked == 2
    stamps.clear()
    await _send(limiter, 0, stamps, time)
    assert stamps == [6.0], "its schedule was kept: the next send waits its second"
