"""python-telegram-bot 22 adapter: raw updates in, the core's actions performed through PTB.

Texts, edits and callback answers, what every update sends, go out as the Bot API's own JSON
through PTB's client (`Bot._post`, as getUpdates does): building PTB's keyboard objects only to
serialise them again, and parsing each answer into a `telegram.Message` nobody reads, cost
more than the rest of the call. Files and albums use PTB's methods. PTB's HTTP client is ours,
over aiohttp (`bot.runtimes.ptb_aiohttp`): its httpx client cost several times more CPU a call.
"""

from __future__ import annotations

import warnings
from datetime import timedelta
from typing import Any

from telegram import (
    Bot,
    BotCommand,
    InputFile,
    InputMediaDocument,
)
from telegram import error as ptb_error
from telegram.error import (
    BadRequest,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.warnings import PTBDeprecationWarning

from bot.delivery import Conflict, FloodWait, PermanentError, TransientError
from bot.runtimes.base import (
    ALLOWED_UPDATES,
    LONG_POLL_GRACE,
    NO_PREVIEW,
    BotApiAdapter,
    CommandSpec,
    as_html,
    keyboard_json,
)
from bot.runtimes.ptb_aiohttp import AiohttpRequest
from services.messages.actions import (
    AnswerCallback,
    Edit,
    Send,
    SendAlbum,
    SendDocument,
)

CONNECTIONS = 8  # Telegram's 30 messages/s at round trips of ~0.1 s need a handful


class PtbRuntime(BotApiAdapter):
    name = "ptb"
    errors = TelegramError

    def __init__(self, token: str, api_base: str, request_timeout: float = 30.0) -> None:
        self.bot = Bot(
            token,
            base_url=f"{api_base}/bot",
            base_file_url=f"{api_base}/file/bot",
            request=AiohttpRequest(
                CONNECTIONS,
                read_timeout=request_timeout,
                write_timeout=request_timeout,
                media_write_timeout=request_timeout,
                pool_timeout=None,  # a burst's calls wait their turn, as many as there are
            ),
            get_updates_request=AiohttpRequest(2, read_timeout=None),
        )

    async def start(self) -> str:
        await self.api(self.bot.initialize())
        return self.bot.username or ""

    async def drop_webhook(self) -> None:
        await self.api(self.bot.delete_webhook(drop_pending_updates=False))

    async def set_webhook(self, url: str, secret: str) -> None:
        await self.api(
            self.bot.set_webhook(url, secret_token=secret, allowed_updates=list(ALLOWED_UPDATES))
        )

    async def close(self) -> None:
        await self.bot.shutdown()

    async def fetch(self, offset: int | None, timeout: int) -> list[Any]:
        """getUpdates as the JSON Telegram sent: PTB's `Update.de_json` is never asked.

        `Bot.get_updates` would build `Update` objects (and fail on a field of an unexpected
        type), and `do_api_request` warns for an endpoint PTB has a method for; `_post` is the
        plain call both sit on.
        """
        data = {"offset": offset, "timeout": timeout, "allowed_updates": list(ALLOWED_UPDATES)}
        result = await self.api(
            self.bot._post("getUpdates", data, read_timeout=timeout + LONG_POLL_GRACE)
        )
        return result if isinstance(result, list) else []

    async def send(self, action: Send) -> None:
        data = {"chat_id": action.chat_id, "text": action.text}
        await self.bot._post(
            "sendMessage", {**data, **as_html(keyboard_json(action.keyboard), NO_PREVIEW)}
        )

    async def edit(self, action: Edit) -> None:
        data = {"chat_id": action.chat_id, "message_id": action.message_id, "text": action.text}
        markup = keyboard_json(action.keyboard)
        await self.bot._post("editMessageText", {**data, **as_html(markup, NO_PREVIEW)})

    async def answer(self, action: AnswerCallback) -> None:
        data = {"callback_query_id": action.callback_id, "text": action.text}
        await self.bot._post("answerCallbackQuery", {**data, "show_alert": action.alert})

    async def document(self, action: SendDocument) -> None:
        document: Any = action.file_id
        if action.content is not None:
            document = InputFile(action.content, filename=action.file_name)
        await self.bot.send_document(
            action.chat_id, document, caption=action.caption, parse_mode="HTML"
        )

    async def album(self, action: SendAlbum) -> None:
        media = [
            InputMediaDocument(i.file_id, caption=i.caption, parse_mode="HTML")
            for i in action.items
        ]
        await self.bot.send_media_group(action.chat_id, media)

    async def download(self, file_id: str) -> bytes:
        file = await self.api(self.bot.get_file(file_id))
        return bytes(await self.api(file.download_as_bytearray()))

    async def commands(self, specs: list[CommandSpec], language: str | None) -> None:
        commands = [BotCommand(s.command, s.description) for s in specs]
        await self.bot.set_my_commands(commands, language_code=language)

    @staticmethod
    def translate(exc: Exception) -> Exception:
        if isinstance(exc, RetryAfter):
            return FloodWait(_retry_seconds(exc))
        if isinstance(exc, ptb_error.Conflict):
            return Conflict(str(exc))
        if isinstance(exc, BadRequest):  # a NetworkError subclass in PTB, yet final
            return PermanentError(str(exc))
        if isinstance(exc, TimedOut | NetworkError):
            return TransientError(str(exc))
        return PermanentError(str(exc))


def _retry_seconds(exc: RetryAfter) -> float:
    """Seconds, whether PTB hands a timedelta (PTB_TIMEDELTA set, see bot.cli) or an int."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
