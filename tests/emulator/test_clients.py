"""The real aiogram and python-telegram-bot HTTP clients work against the emulator unchanged."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest
import telegram
from aiogram import Bot as AiogramBot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest, TelegramRetryAfter
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)

from emulator import Emulator, FloodLimits

PDF = b"%PDF-1.4 compatibility\n"


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    emulator = Emulator()
    await emulator.start()
    emulator.user(1001, "Alice", language_code="zh", username="alice")
    yield emulator
    await emulator.stop()


async def test_aiogram_client(emu: Emulator) -> None:
    session = AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url))
    bot = AiogramBot(emu.token, session=session)
    try:
        me = await bot.get_me()
        assert (me.id, me.username, me.is_bot) == (123456, "studio_test_bot", True)
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text="办理", callback_data="apply:1")]]
        )
        sent = await bot.send_message(
            1001, "<b>你好</b>", parse_mode="HTML", reply_markup=keyboard
        )
        assert sent.text == "你好" and sent.entities is not None
        assert emu.messages(1001)[0].labels() == ["办理"]

        await emu.user(1001).press("办理")
        updates = await bot.get_updates(timeout=1)
        query = updates[0].callback_query
        assert isinstance(query, CallbackQuery) and query.data == "apply:1"
        assert await bot.answer_callback_query(query.id, text="收到") is True
        edited = await bot.edit_message_text("已办理", chat_id=1001, message_id=sent.message_id)
        assert not isinstance(edited, bool) and edited.edit_date is not None
        with pytest.raises(TelegramBadRequest, match="message is not modified"):
            await bot.edit_message_text("已办理", chat_id=1001, message_id=sent.message_id)

        document = BufferedInputFile(PDF, filename="report.pdf")
        doc_message = await bot.send_document(
            1001, document, caption="<i>报告</i>", parse_mode="HTML"
        )
        assert doc_message.document is not None and doc_message.document.file_name == "report.pdf"
        downloaded = await bot.download(doc_message.document.file_id)
        assert downloaded is not None and downloaded.read() == PDF

        commands = [BotCommand(command="start", description="开始")]
        assert await bot.set_my_commands(commands, language_code="zh") is True
        assert emu.commands("zh") == [{"command": "start", "description": "开始"}]
        assert [c.command for c in await bot.get_my_commands(language_code="zh")] == ["start"]

        emu.flood = FloodLimits(chat_rate=0.01, chat_burst=1)
        await bot.send_message(1001, "one")
        with pytest.raises(TelegramRetryAfter) as retry:
            await bot.send_message(1001, "two")
        assert retry.value.retry_after == 100
    finally:
        await bot.session.close()


async def test_python_telegram_bot_client(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # PTB 22 warns on RetryAfter otherwise
    bot = telegram.Bot(
        emu.token, base_url=f"{emu.base_url}/bot", base_file_url=f"{emu.base_url}/file/bot"
    )
    async with bot:
        assert bot.username == "studio_test_bot"
        keyboard = telegram.InlineKeyboardMarkup(
            [[telegram.InlineKeyboardButton("办理", callback_data="apply:2")]]
        )
        sent = await bot.send_message(
            1001, "<b>你好</b>", parse_mode="HTML", reply_markup=keyboard
        )
        assert sent.text == "你好" and sent.chat.type == "private"

        await emu.user(1001).command("start")
        await emu.user(1001).press("办理")
        updates = await bot.get_updates(timeout=1)
        assert updates[0].message is not None and updates[0].message.text == "/start"
        query = updates[1].callback_query
        assert query is not None and query.data == "apply:2"
        assert await query.answer("收到") is True
        assert emu.user(1001).callback_answers == ["收到"]
        edited = await bot.edit_message_text("已办理", chat_id=1001, message_id=sent.message_id)
        assert isinstance(edited, telegram.Message) and edited.text == "已办理"
        with pytest.raises(telegram.error.BadRequest, match="Message is not modified"):
            await bot.edit_message_reply_markup(chat_id=1001, message_id=sent.message_id)

        doc_message = await bot.send_document(1001, PDF, filename="report.pdf", caption="报告")
        assert doc_message.document is not None
        file = await bot.get_file(doc_message.document.file_id)
        assert bytes(await file.download_as_bytearray()) == PDF

        scope = telegram.BotCommandScopeAllPrivateChats()
        await bot.set_my_commands([("start", "开始")], scope=scope, language_code="zh")
        assert emu.commands("zh", scope="all_private_chats")[0]["command"] == "start"
        assert emu.commands("zh") == []

        emu.faults.add(method="sendMessage", status=429, retry_after=3)
        with pytest.raises(telegram.error.RetryAfter) as retry:
            await bot.send_message(1001, "later")
        assert retry.value.retry_after == dt.timedelta(seconds=3)
        assert await bot.get_updates(offset=updates[-1].update_id + 1) == ()
