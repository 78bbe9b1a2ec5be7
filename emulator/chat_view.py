"""What a simulated user sees in their private chat, and how tests wait for it.

Confirmation of an update only proves the bot *took* it: runtimes that handle updates
concurrently confirm before they answer. So `exchange` also waits for the chat to
settle (no calls in flight for it and no change for `World.settle` seconds).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from emulator.models import BotMessage
from emulator.state import ChatLog, World


class ChatView:
    def __init__(self, world: World, log: ChatLog) -> None:
        self._world = world
        self._log = log

    @property
    def chat_id(self) -> int:
        return self._log.profile.user_id

    @property
    def inbox(self) -> list[BotMessage]:
        """Live bot messages, current state, oldest first; deleted ones are gone."""
        return [m for m in self._log.messages.values() if not m.deleted]

    @property
    def last(self) -> BotMessage | None:
        inbox = self.inbox
        return inbox[-1] if inbox else None

    @property
    def callback_answers(self) -> list[str]:
        """answerCallbackQuery texts for this user's presses ("" when sent without text)."""
        return list(self._log.callback_answers)

    def mark(self) -> int:
        """A position in the chat's event stream (each send or edit is one event)."""
        return len(self._log.events)

    def since(self, marker: int) -> list[BotMessage]:
        """Snapshots of messages sent or edited after `marker`, by first event."""
        ids = list(dict.fromkeys(self._log.events[marker:]))
        return [self._log.messages[i].snapshot() for i in ids]

    async def wait_messages(
        self, after: int | None = None, count: int = 1, timeout: float = 10.0
    ) -> list[BotMessage]:
        """Wait for `count` events after the marker (None: from the chat's start)."""
        start = after or 0
        reached = await self._world.signal.wait_for(
            lambda: len(self._log.events) - start >= count, timeout
        )
        if not reached:
            seen = [m.plain[:60] for m in self.since(start)]
            raise TimeoutError(f"waited {timeout}s for {count} bot message(s), got {seen}")
        return self.since(start)

    async def wait_for(
        self, predicate: Callable[[BotMessage], bool], timeout: float = 10.0
    ) -> BotMessage:
        """The first message in this chat (now or later) for which `predicate` holds."""

        def found() -> BotMessage | None:
            return next((m for m in self.inbox if predicate(m)), None)

        if not await self._world.signal.wait_for(lambda: found() is not None, timeout):
            seen = [m.plain[:60] for m in self.inbox[-5:]]
            raise TimeoutError(f"no matching message within {timeout}s; last: {seen}")
        message = found()
        assert message is not None
        return message.snapshot()

    async def exchange(
        self, action: Awaitable[int], expect: int | None = None, timeout: float = 10.0
    ) -> list[BotMessage]:
        """Run a user action, wait until the bot took and answered it, return the answer."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        marker = self.mark()
        update_id = await action
        if update_id < 0:  # a kind of update the bot did not allow: Telegram never sends it
            return []
        await self._world.updates.wait_confirmed(update_id, timeout)
        if expect is not None:
            await self.wait_messages(marker, expect, max(0.0, deadline - loop.time()))
        await self._settle(deadline)
        return self.since(marker)

    def _busy(self) -> bool:
        inflight = self._world.inflight
        return inflight[self.chat_id] > 0 or inflight[None] > 0

    async def _settle(self, deadline: float) -> None:
        loop = asyncio.get_running_loop()
        while loop.time() < deadline:
            version = self._log.version
            await asyncio.sleep(self._world.settle)
            if version == self._log.version and not self._busy():
                return
