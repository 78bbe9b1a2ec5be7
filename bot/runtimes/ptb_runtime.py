"""python-telegram-bot 22 adapter: translates its types to the core's and performs actions."""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    LinkPreviewOptions,
    Update,
    WebAppInfo,
)
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import Application, ContextTypes, TypeHandler
from telegram.request import HTTPXRequest
from telegram.warnings import PTBDeprecationWarning

from bot.delivery import FloodWait, PermanentError, TransientError
from bot.runtimes.base import ALLOWED_UPDATES, LONG_POLL_GRACE, CommandSpec, OnIncoming
from bot.runtimes.translate import from_callback, from_message
from handlers.actions import AnswerCallback, Edit, Keyboard, Outgoing, Send, SendDocument

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def _markup(keyboard: Keyboard | None) -> InlineKeyboardMarkup | None:
    if keyboard is None:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    b.label,
                    callback_data=b.payload,
                    url=b.url,
                    web_app=WebAppInfo(b.web_app_url) if b.web_app_url else None,
                )
                for b in row
            ]
            for row in keyboard
        ]
    )


class PtbRuntime:
    name = "ptb"

    def __init__(self, token: str, api_base: str, request_timeout: float = 30.0) -> None:
        # Opt in to PTB's future timedelta periods; the default warns on every 429.
        os.environ.setdefault("PTB_TIMEDELTA", "1")
        self.bot = Bot(
            token,
            base_url=f"{api_base}/bot",
            base_file_url=f"{api_base}/file/bot",
            request=HTTPXRequest(
                connection_pool_size=64,
                read_timeout=request_timeout,
                write_timeout=request_timeout,
                media_write_timeout=request_timeout,
            ),
            get_updates_request=HTTPXRequest(connection_pool_size=2, read_timeout=None),
        )
        self.application = Application.builder().bot(self.bot).updater(None).build()
        self._on_incoming: OnIncoming | None = None

    async def start(self, on_incoming: OnIncoming) -> str:
        self._on_incoming = on_incoming
        self.application.add_handler(TypeHandler(Update, self._dispatch))
        await self.application.initialize()
        await self.bot.delete_webhook(drop_pending_updates=False)
        return self.bot.username or ""

    async def close(self) -> None:
        await self.application.shutdown()

    async def _dispatch(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        assert self._on_incoming is not None
        incoming = None
        if update.message is not None:
            incoming = from_message(update.update_id, update.message.to_dict())
        elif update.callback_query is not None:
            incoming = from_callback(update.update_id, update.callback_query.to_dict())
        if incoming is not None:
            await self._on_incoming(incoming)

    async def fetch(self, offset: int | None, timeout: int) -> Sequence[Update]:
        try:
            return await self.bot.get_updates(
                offset=offset,
                timeout=timeout,
                allowed_updates=list(ALLOWED_UPDATES),
                read_timeout=timeout + LONG_POLL_GRACE,
            )
        except TelegramError as exc:
            raise _translate(exc) from exc

    def update_id(self, raw: Any) -> int:
        assert isinstance(raw, Update)
        return raw.update_id

    def chat_key(self, raw: Any) -> int:
        assert isinstance(raw, Update)
        chat = raw.effective_chat
        user = raw.effective_user
        return chat.id if chat else (user.id if user else 0)

    async def process(self, raw: Any) -> None:
        assert isinstance(raw, Update)
        await self.application.process_update(raw)

    async def call(self, action: Outgoing) -> None:
        try:
            await self._call(action)
        except TelegramError as exc:
            raise _translate(exc) from exc

    async def _call(self, action: Outgoing) -> None:
        if isinstance(action, Send):
            await self.bot.send_message(
                action.chat_id,
                action.text,
                parse_mode="HTML",
                reply_markup=_markup(action.keyboard),
                link_preview_options=NO_PREVIEW,
            )
        elif isinstance(action, Edit):
            await self.bot.edit_message_text(
                action.text,
                chat_id=action.chat_id,
                message_id=action.message_id,
                parse_mode="HTML",
                reply_markup=_markup(action.keyboard),
                link_preview_options=NO_PREVIEW,
            )
        elif isinstance(action, AnswerCallback):
            await self.bot.answer_callback_query(
                action.callback_id, text=action.text, show_alert=action.alert
            )
        elif isinstance(action, SendDocument):
            document: Any = action.file_id
            if action.content is not None:
                document = InputFile(action.content, filename=action.file_name)
            await self.bot.send_document(
                action.chat_id, document, caption=action.caption, parse_mode="HTML"
            )

    async def download(self, file_id: str) -> bytes:
        try:
            file = await self.bot.get_file(file_id)
            return bytes(await file.download_as_bytearray())
        except TelegramError as exc:
            raise _translate(exc) from exc

    async def set_commands(self, by_language: dict[str, list[CommandSpec]]) -> None:
        for language, specs in by_language.items():
            await self.bot.set_my_commands(
                [BotCommand(s.command, s.description) for s in specs],
                language_code=language or None,
            )


def _retry_seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _translate(exc: TelegramError) -> Exception:
    if isinstance(exc, RetryAfter):
        return FloodWait(_retry_seconds(exc))
    if isinstance(exc, BadRequest):  # a NetworkError subclass in PTB, yet final
        return PermanentError(str(exc))
    if isinstance(exc, TimedOut | NetworkError):
        return TransientError(str(exc))
    return PermanentError(str(exc))
