"""What the shell needs from a Telegram framework: fetch, dispatch, call, download."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from bot.polling import Source
from handlers.actions import Outgoing
from handlers.events import Incoming

OnIncoming = Callable[[Incoming], Awaitable[None]]
ALLOWED_UPDATES = ("message", "callback_query")
LONG_POLL_GRACE = 10


@dataclass(frozen=True, slots=True)
class CommandSpec:
    command: str
    description: str


class Runtime(Source, Protocol):
    """A `Source` of updates for the polling loop, plus what performs the core's actions."""

    name: str

    async def start(self, on_incoming: OnIncoming) -> str:
        """Open the session, wire the dispatcher to `on_incoming`; returns the bot's username."""
        ...

    async def close(self) -> None: ...
    async def process(self, raw: Any) -> None:
        """Feed one update through the framework's own dispatcher to `on_incoming`."""
        ...

    async def call(self, action: Outgoing) -> None:
        """Perform one action; raises bot.delivery's FloodWait/TransientError/PermanentError."""
        ...

    async def download(self, file_id: str) -> bytes: ...
    async def set_commands(self, by_language: dict[str, list[CommandSpec]]) -> None: ...
