"""What the shell needs from a Telegram framework: fetch, dispatch, call, download."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from handlers.actions import Outgoing
from handlers.events import Incoming

OnIncoming = Callable[[Incoming], Awaitable[None]]
ALLOWED_UPDATES = ("message", "callback_query")
LONG_POLL_GRACE = 10


@dataclass(frozen=True, slots=True)
class CommandSpec:
    command: str
    description: str


class Runtime(Protocol):
    name: str

    async def start(self, on_incoming: OnIncoming) -> str:
        """Open the session, wire the dispatcher to `on_incoming`; returns the bot's username."""
        ...

    async def close(self) -> None: ...
    async def fetch(self, offset: int | None, timeout: int) -> Sequence[Any]: ...
    def update_id(self, raw: Any) -> int: ...
    def chat_key(self, raw: Any) -> int: ...
    async def process(self, raw: Any) -> None:
        """Feed one update through the framework's own dispatcher to `on_incoming`."""
        ...

    async def call(self, action: Outgoing) -> None:
        """Perform one action; raises bot.delivery's FloodWait/TransientError/PermanentError."""
        ...

    async def download(self, file_id: str) -> bytes: ...
    async def set_commands(self, by_language: dict[str, list[CommandSpec]]) -> None: ...
