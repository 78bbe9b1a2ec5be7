"""aiogram 3 adapter: translates its types to the core's and performs the core's actions."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    Update,
    WebAppInfo,
)

from bot.delivery import FloodWait, PermanentError, TransientError
from bot.runtimes.base import ALLOWED_UPDATES, LONG_POLL_GRACE, CommandSpec, OnIncoming
from bot.runtimes.translate import from_callback, from_message
from handlers.actions import AnswerCallback, Edit, Keyboard, Outgoing, Send, SendDocument

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def _markup(keyboard: Keyboard | None) -> InlineKeyboardMarkup | None:
    if keyboard is None:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=b.label,
                    callback_data=b.payload,
                    url=b.url,
                    web_app=WebAppInfo(url=b.web_app_url) if b.web_app_url else None,
                )
                for b in row
            ]
            for row in keyboard
        ]
    )


class AiogramRuntime:
    name = "aiogram"

    def __init__(self, token: str, api_base: str, request_timeout: float = 30.0) -> None:
        session = AiohttpSession(
            api=TelegramAPIServer.from_base(api_base), timeout=request_timeout
        )
        self.bot = Bot(token=token, session=session)
        self.dispatcher = Dispatcher()
        self._on_incoming: OnIncoming | None = None

    async def start(self, on_incoming: OnIncoming) -> str:
        self._on_incoming = on_incoming
        router = Router(name="core")
        router.message()(self._message)
        router.callback_query()(self._callback)
        self.dispatcher.include_router(router)
        me = await self.bot.get_me()
        await self.bot.delete_webhook(drop_pending_updates=False)
        return me.username or ""

    async def close(self) -> None:
        await self.bot.session.close()

    async def _message(self, message: Message, event_update: Update) -> None:
        assert self._on_incoming is not None
        incoming = from_message(
            event_update.update_id,
            message.model_dump(mode="json", by_alias=True, exclude_none=True),
        )
        if incoming is not None:
            await self._on_incoming(incoming)

    async def _callback(self, query: CallbackQuery, event_update: Update) -> None:
        assert self._on_incoming is not None
        incoming = from_callback(
            event_update.update_id, query.model_dump(mode="json", by_alias=True, exclude_none=True)
        )
        if incoming is not None:
            await self._on_incoming(incoming)

    async def fetch(self, offset: int | None, timeout: int) -> Sequence[Update]:
        try:
            return await self.bot.get_updates(
                offset=offset,
                timeout=timeout,
                allowed_updates=list(ALLOWED_UPDATES),
                request_timeout=timeout + LONG_POLL_GRACE,
            )
        except TelegramAPIError as exc:
            raise _translate(exc) from exc

    def update_id(self, raw: Any) -> int:
        assert isinstance(raw, Update)
        return raw.update_id

    def chat_key(self, raw: Any) -> int:
        assert isinstance(raw, Update)
        if raw.message is not None:
            return raw.message.chat.id
        if raw.callback_query is not None:
            return raw.callback_query.from_user.id
        return 0

    async def process(self, raw: Any) -> None:
        assert isinstance(raw, Update)
        await self.dispatcher.feed_update(self.bot, raw)

    async def call(self, action: Outgoing) -> None:
        try:
            await self._call(action)
        except TelegramAPIError as exc:
            raise _translate(exc) from exc

    async def _call(self, action: Outgoing) -> None:
        if isinstance(action, Send):
            await self.bot.send_message(
                chat_id=action.chat_id,
                text=action.text,
                parse_mode="HTML",
                reply_markup=_markup(action.keyboard),
                link_preview_options=NO_PREVIEW,
            )
        elif isinstance(action, Edit):
            await self.bot.edit_message_text(
                text=action.text,
                chat_id=action.chat_id,
                message_id=action.message_id,
                parse_mode="HTML",
                reply_markup=_markup(action.keyboard),
                link_preview_options=NO_PREVIEW,
            )
        elif isinstance(action, AnswerCallback):
            await self.bot.answer_callback_query(
                callback_query_id=action.callback_id, text=action.text, show_alert=action.alert
            )
        elif isinstance(action, SendDocument):
            document: Any = action.file_id
            if action.content is not None:
                document = BufferedInputFile(action.content, filename=action.file_name)
            await self.bot.send_document(
                chat_id=action.chat_id,
                document=document,
                caption=action.caption,
                parse_mode="HTML",
            )

    async def download(self, file_id: str) -> bytes:
        try:
            buffer = await self.bot.download(file_id, destination=io.BytesIO())
        except TelegramAPIError as exc:
            raise _translate(exc) from exc
        assert buffer is not None
        return buffer.read()

    async def set_commands(self, by_language: dict[str, list[CommandSpec]]) -> None:
        for language, specs in by_language.items():
            await self.bot.set_my_commands(
                [BotCommand(command=s.command, description=s.description) for s in specs],
                language_code=language or None,
            )


def _json(obj: Message | CallbackQuery) -> dict[str, Any]:
    return obj.model_dump(mode="json", by_alias=True, exclude_none=True)


def _translate(exc: TelegramAPIError) -> Exception:
    if isinstance(exc, TelegramRetryAfter):
        return FloodWait(float(exc.retry_after))
    if isinstance(exc, TelegramServerError | TelegramNetworkError):
        return TransientError(str(exc))
    return PermanentError(str(exc))
