"""aiogram 3 adapter: raw updates in, the core's actions performed through aiogram's client.

Texts and edits, what nearly every update sends, go out through aiogram's session as methods of
our own (`SentMessage`, `EditedMessage`) carrying the keyboard as the Bot API's JSON, as the PTB
adapter does; files, albums and the rest use aiogram's methods and models.
"""

from __future__ import annotations

import io
import json
from typing import Any

from aiogram import Bot
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramConflictError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import (
    AnswerCallbackQuery,
    DeleteWebhook,
    GetFile,
    GetMe,
    SendMediaGroup,
    SetMyCommands,
    SetWebhook,
    TelegramMethod,
)
from aiogram.methods import (
    SendDocument as SendDocumentMethod,
)
from aiogram.methods.base import Response
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    InputMediaDocument,
)
from aiohttp import ClientError, ClientResponseError

from bot.delivery import Conflict, FloodWait, PermanentError, TransientError
from bot.runtimes.aiogram_json import JsonSession
from bot.runtimes.base import (
    ALLOWED_UPDATES,
    LONG_POLL_GRACE,
    NO_PREVIEW,
    BotApiAdapter,
    CommandSpec,
    as_html,
    keyboard_json,
)
from services.messages.actions import (
    AnswerCallback,
    Edit,
    Keyboard,
    Send,
    SendAlbum,
    SendDocument,
)


class RawUpdates(TelegramMethod[list[Any]]):
    """getUpdates answered as the JSON Telegram sent, not as aiogram's `Update` models."""

    __returning__ = list[Any]
    __api_method__ = "getUpdates"

    offset: int | None = None
    timeout: int | None = None
    allowed_updates: list[str] | None = None


class SentMessage(TelegramMethod[dict[str, Any]]):
    """sendMessage with its keyboard as the Bot API's JSON text, answered as the JSON Telegram
    sent. aiogram's `bot.send_message` builds a model per button, walks them back into JSON for
    the form, and builds a `Message` from the answer, which the adapter never reads: together
    more CPU than the rest of the call."""

    __returning__ = dict[str, Any]
    __api_method__ = "sendMessage"

    chat_id: int
    text: str
    parse_mode: str | None = None
    reply_markup: str | None = None
    link_preview_options: str | None = None


class EditedMessage(TelegramMethod[dict[str, Any] | bool]):
    """editMessageText, as `SentMessage`."""

    __returning__ = dict[str, Any] | bool
    __api_method__ = "editMessageText"

    chat_id: int
    message_id: int
    text: str
    parse_mode: str | None = None
    reply_markup: str | None = None
    link_preview_options: str | None = None


_NO_PREVIEW = json.dumps(NO_PREVIEW)


def _as_html(keyboard: Keyboard | None) -> dict[str, Any]:
    """`as_html` with the JSON values as the text a form field carries."""
    markup = keyboard_json(keyboard)
    return as_html(None if markup is None else json.dumps(markup), _NO_PREVIEW)


_PINNED_RESPONSES = tuple(
    Response[method.__returning__]  # type: ignore[name-defined]
    for method in (
        RawUpdates,
        SentMessage,
        EditedMessage,
        GetMe,
        DeleteWebhook,
        SetWebhook,
        AnswerCallbackQuery,
        SendDocumentMethod,
        SendMediaGroup,
        GetFile,
        SetMyCommands,
    )
)
"""aiogram parses every answer as ``Response[T]``, a pydantic generic that pydantic caches only
weakly: once collected, the next call builds the model again (~10 ms, about one call in seven
under load). Holding the ones this adapter uses keeps them built."""


class AiogramRuntime(BotApiAdapter):
    name = "aiogram"
    errors = TelegramAPIError

    def __init__(self, token: str, api_base: str, request_timeout: float = 30.0) -> None:
        session = JsonSession(api=TelegramAPIServer.from_base(api_base), timeout=request_timeout)
        self.bot = Bot(token=token, session=session)
        self._session = session
        self._tls = api_base.startswith("https:")

    async def start(self) -> str:
        me = await self.api(self.bot.get_me())
        return me.username or ""

    async def drop_webhook(self) -> None:
        await self.api(self.bot.delete_webhook(drop_pending_updates=False))

    async def set_webhook(self, url: str, secret: str) -> None:
        await self.api(
            self.bot.set_webhook(
                url=url, secret_token=secret, allowed_updates=list(ALLOWED_UPDATES)
            )
        )

    async def close(self) -> None:
        """aiogram's close waits 0.25 s for TLS connections to shut down, as aiohttp advises;
        over plain HTTP (a local Bot API server, the emulator) there are none to wait for."""
        if not self._tls:
            client = await self._session.create_session()
            await client.close()
        await self.bot.session.close()

    async def fetch(self, offset: int | None, timeout: int) -> list[Any]:
        method = RawUpdates(offset=offset, timeout=timeout, allowed_updates=list(ALLOWED_UPDATES))
        return await self.api(self.bot(method, request_timeout=timeout + LONG_POLL_GRACE))

    async def send(self, action: Send) -> None:
        html = _as_html(action.keyboard)
        await self.bot(SentMessage(chat_id=action.chat_id, text=action.text, **html))

    async def edit(self, action: Edit) -> None:
        html = _as_html(action.keyboard)
        await self.bot(
            EditedMessage(
                chat_id=action.chat_id, message_id=action.message_id, text=action.text, **html
            )
        )

    async def answer(self, action: AnswerCallback) -> None:
        await self.bot.answer_callback_query(
            callback_query_id=action.callback_id, text=action.text, show_alert=action.alert
        )

    async def document(self, action: SendDocument) -> None:
        document: Any = action.file_id
        if action.content is not None:
            document = BufferedInputFile(action.content, filename=action.file_name)
        await self.bot.send_document(
            chat_id=action.chat_id, document=document, caption=action.caption, parse_mode="HTML"
        )

    async def album(self, action: SendAlbum) -> None:
        media = [
            InputMediaDocument(media=i.file_id, caption=i.caption, parse_mode="HTML")
            for i in action.items
        ]
        await self.bot.send_media_group(chat_id=action.chat_id, media=list(media))

    async def download(self, file_id: str) -> bytes:
        try:
            buffer = await self.api(self.bot.download(file_id, destination=io.BytesIO()))
        except ClientResponseError as exc:  # its text holds the file URL, and so the token
            raise _status(exc.status, "file download") from None
        except (TimeoutError, ClientError) as exc:
            raise TransientError(f"file download: {type(exc).__name__}") from None
        assert buffer is not None
        return buffer.read()

    async def commands(self, specs: list[CommandSpec], language: str | None) -> None:
        commands = [BotCommand(command=s.command, description=s.description) for s in specs]
        await self.bot.set_my_commands(commands, language_code=language)

    @staticmethod
    def translate(exc: Exception) -> Exception:
        if isinstance(exc, TelegramRetryAfter):
            return FloodWait(float(exc.retry_after))
        if isinstance(exc, TelegramConflictError):
            return Conflict(str(exc))
        if isinstance(exc, TelegramServerError | TelegramNetworkError):
            return TransientError(str(exc))
        return PermanentError(str(exc))


def _status(status: int, what: str) -> Exception:
    error = TransientError if status >= 500 or status == 429 else PermanentError
    return error(f"{what}: HTTP {status}")
