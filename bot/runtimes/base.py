"""What the shell needs from a Telegram framework: raw updates, calls, downloads, commands.

Incoming updates stay raw JSON (the intake translates them); a framework is only a Bot API
client here, and its models are never built from, or re-serialised into, an update.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.polling import Source
from services.messages.actions import Outgoing

ALLOWED_UPDATES = ("message", "callback_query")
LONG_POLL_GRACE = 10


@dataclass(frozen=True, slots=True)
class CommandSpec:
    command: str
    description: str


class Runtime(Source, Protocol):
    """A `Source` of raw updates for the polling loop, plus what performs the core's actions.

    Every method raises bot.delivery's FloodWait / TransientError / PermanentError (Conflict
    for a 409), never a framework's own exceptions.
    """

    name: str

    async def start(self) -> str:
        """Open the session and check the token; returns the bot's username."""
        ...

    async def drop_webhook(self) -> None:
        """Long polling needs no webhook set; pending updates are kept."""
        ...

    async def set_webhook(self, url: str, secret: str) -> None:
        """Telegram pushes updates (ALLOWED_UPDATES) to `url` with `secret` in a header."""
        ...

    async def close(self) -> None: ...
    async def call(self, action: Outgoing) -> None: ...
    async def download(self, file_id: str) -> bytes: ...
    async def set_commands(self, by_language: dict[str, list[CommandSpec]]) -> None: ...
