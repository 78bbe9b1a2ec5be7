"""What the shell needs from a Telegram framework: raw updates, calls, downloads, commands.

Incoming updates stay raw JSON (the intake translates them); a framework is only a Bot API
client here, and its models are never built from, or re-serialised into, an update.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, TypeVar

from bot.polling import Source
from services.messages.actions import (
    AnswerCallback,
    Btn,
    Edit,
    Keyboard,
    Outgoing,
    Send,
    SendAlbum,
    SendDocument,
)

ALLOWED_UPDATES = ("message", "callback_query")
LONG_POLL_GRACE = 10
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class CommandSpec:
    command: str
    description: str


NO_PREVIEW = {"is_disabled": True}
"""LinkPreviewOptions as the Bot API's JSON: every text goes out without a preview."""


def keyboard_json(keyboard: Keyboard | None) -> dict[str, Any] | None:
    """An inline keyboard as the Bot API's JSON (what either framework's models serialise to):
    the texts, their edits and their keyboards go out as JSON, since building a framework's
    keyboard objects only to serialise them again cost more than the rest of the call."""
    if keyboard is None:
        return None
    return {"inline_keyboard": [[_button(b) for b in row] for row in keyboard]}


def _button(b: Btn) -> dict[str, Any]:
    found: dict[str, Any] = {"text": b.label}
    if b.payload is not None:
        found["callback_data"] = b.payload
    if b.url is not None:
        found["url"] = b.url
    if b.web_app_url:
        found["web_app"] = {"url": b.web_app_url}
    return found


def as_html(markup: Any, no_preview: Any) -> dict[str, Any]:
    """How every text goes out, in a framework's own types: HTML, its keyboard, no preview."""
    return {"parse_mode": "HTML", "reply_markup": markup, "link_preview_options": no_preview}


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


class BotApiAdapter(ABC):
    """What every adapter does alike, written once: which Bot API call performs which action,
    the command menu per language, and errors raised as bot.delivery's. An adapter says how its
    framework makes each call and how its framework's errors (`errors`) `translate`."""

    errors: ClassVar[type[Exception]]

    async def api(self, call: Awaitable[T]) -> T:
        """Await a framework call, raising bot.delivery's errors instead of the framework's."""
        try:
            return await call
        except self.errors as exc:
            raise self.translate(exc) from exc

    async def call(self, action: Outgoing) -> None:
        await self.api(self._perform(action))

    async def _perform(self, action: Outgoing) -> None:
        if isinstance(action, Send):
            await self.send(action)
        elif isinstance(action, Edit):
            await self.edit(action)
        elif isinstance(action, AnswerCallback):
            await self.answer(action)
        elif isinstance(action, SendDocument):
            await self.document(action)
        elif isinstance(action, SendAlbum) and len(action.items) == 1:
            [item] = action.items  # sendMediaGroup takes 2-10 items
            single = SendDocument(
                chat_id=action.chat_id, file_name="", file_id=item.file_id, caption=item.caption
            )
            await self.document(single)
        elif isinstance(action, SendAlbum):
            await self.album(action)

    async def set_commands(self, by_language: dict[str, list[CommandSpec]]) -> None:
        """Per language ("" for the rest), the commands in the chat's menu."""
        for language, specs in by_language.items():
            await self.api(self.commands(specs, language or None))

    @staticmethod
    @abstractmethod
    def translate(exc: Exception) -> Exception: ...

    @abstractmethod
    async def send(self, action: Send) -> None: ...

    @abstractmethod
    async def edit(self, action: Edit) -> None: ...

    @abstractmethod
    async def answer(self, action: AnswerCallback) -> None: ...

    @abstractmethod
    async def document(self, action: SendDocument) -> None:
        """A file by its bytes (`content`, named `file_name`) or by a `file_id` Telegram has."""

    @abstractmethod
    async def album(self, action: SendAlbum) -> None:
        """Two to ten files already on Telegram, as one media group."""

    @abstractmethod
    async def commands(self, specs: list[CommandSpec], language: str | None) -> None: ...
