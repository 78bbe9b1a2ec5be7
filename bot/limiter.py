"""Telegram's flood limits, kept on our side so that no 429 is ever provoked.

Per chat: a cell-rate (token bucket) schedule of `chat_rate`/s with a burst of `chat_burst`,
with sends to one chat serialised. A send is booked at the moment its answer arrives, which is
never earlier than the moment Telegram counted it, so our view of each bucket is never fuller
than Telegram's. Overall: at most `send_rate * window` sends in any sliding window, where a send
in flight counts until its answer arrives, for the same reason.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

GLOBAL_WINDOW = 1.0
PRUNE_AT = 4096
"""Chats tracked before those whose schedule is as good as new are forgotten: a bot that
reminds a province writes to tens of thousands of chats, and remembering each for ever would
grow the process by a schedule and a lock per chat it ever wrote to."""


class _ChatSchedule:
    __slots__ = ("blocked_until", "lock", "tat")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.tat = 0.0  # theoretical arrival time of the next send (GCRA)
        self.blocked_until = 0.0


class FloodLimiter:
    def __init__(
        self,
        send_rate: float = 30.0,
        chat_rate: float = 1.0,
        chat_burst: int = 3,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.interval = 1.0 / chat_rate
        self.tolerance = (chat_burst - 1) * self.interval
        self.global_capacity = max(1, int(send_rate * GLOBAL_WINDOW))
        self.global_window = self.global_capacity / send_rate
        self.clock = clock
        self.sleep = sleep
        self._chats: dict[int, _ChatSchedule] = {}
        self._prune_at = PRUNE_AT
        self._done: deque[float] = deque()
        self._in_flight = 0
        self._global_lock = asyncio.Lock()

    def _chat(self, chat_id: int) -> _ChatSchedule:
        chat = self._chats.get(chat_id)
        if chat is None:
            if len(self._chats) >= self._prune_at:
                self._prune()
            chat = self._chats[chat_id] = _ChatSchedule()
        return chat

    def _prune(self) -> None:
        """Forget the chats a fresh schedule would treat the same: their next send may go at
        once with the whole burst, no flood wait holds them, no send holds or awaits them.
        The next threshold doubles what is left, so the walks cost O(1) a chat."""
        now = self.clock()
        idle = [
            chat_id
            for chat_id, chat in self._chats.items()
            if chat.tat <= now and chat.blocked_until <= now and not chat.lock.locked()
        ]
        for chat_id in idle:
            del self._chats[chat_id]
        self._prune_at = max(PRUNE_AT, 2 * len(self._chats))

    @property
    def tracked(self) -> int:
        """Chats whose schedule is kept (for tests and diagnostics)."""
        return len(self._chats)

    @asynccontextmanager
    async def slot(self, chat_id: int | None) -> AsyncIterator[None]:
        """Hold a send slot for one API call that counts against `chat_id` (None: no chat)."""
        if chat_id is None:
            yield
            return
        chat = self._chat(chat_id)
        async with chat.lock:
            await self._sleep_until(max(chat.tat - self.tolerance, chat.blocked_until))
            await self._enter_global()
            try:
                yield
            finally:
                now = self.clock()
                self._in_flight -= 1
                self._done.append(now)
                chat.tat = max(chat.tat, now) + self.interval

    async def _enter_global(self) -> None:
        async with self._global_lock:
            while True:
                now = self.clock()
                while self._done and self._done[0] <= now - self.global_window:
                    self._done.popleft()
                if len(self._done) + self._in_flight < self.global_capacity:
                    self._in_flight += 1
                    return
                wake = self._done[0] + self.global_window if self._done else now + 0.01
                await self._sleep_until(wake)

    async def _sleep_until(self, moment: float) -> None:
        delay = moment - self.clock()
        if delay > 0:
            await self.sleep(delay)

    def flood_wait(self, chat_id: int | None, retry_after: float) -> None:
        """Telegram said 429 after all: keep that chat quiet for as long as it asked."""
        if chat_id is not None:
            chat = self._chat(chat_id)
            chat.blocked_until = max(chat.blocked_until, self.clock() + retry_after)
