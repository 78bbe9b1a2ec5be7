"""Whole polling runtimes (aiogram Dispatcher, PTB Application) driven through ask/click."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.filters import CommandStart
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram import InlineKeyboardButton as PtbButton
from telegram import InlineKeyboardMarkup as PtbMarkup
from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from emulator import Emulator


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    emulator = Emulator()
    await emulator.start()
    yield emulator
    await emulator.stop()


async def test_aiogram_dispatcher(emu: Emulator) -> None:
    alice = emu.user(1001, "Alice")
    dp = Dispatcher()

    @dp.message(CommandStart())
    async def start(message: Message) -> None:
        button = InlineKeyboardButton(text="Go", callback_data="go")
        markup = InlineKeyboardMarkup(inline_keyboard=[[button]])
        await message.answer("<b>Hi</b>", parse_mode="HTML", reply_markup=markup)

    @dp.callback_query(F.data == "go")
    async def go(query: CallbackQuery) -> None:
        await query.answer("went")
        assert isinstance(query.message, Message)
        await query.message.edit_text("gone")

    bot = Bot(emu.token, session=AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url)))
    polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=5))
    await emu.wait_polling()
    assert [m.plain for m in await alice.ask("/start")] == ["Hi"]
    assert [m.plain for m in await alice.click("Go")] == ["gone"]
    assert alice.callback_answers == ["went"]
    await dp.stop_polling()
    await polling


async def test_ptb_application(emu: Emulator) -> None:
    alice = emu.user(1001, "Alice")

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        markup = PtbMarkup([[PtbButton("Go", callback_data="go")]])
        await update.message.reply_html("<b>Hi</b>", reply_markup=markup)

    async def go(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.callback_query is not None
        await update.callback_query.answer("went")
        await update.callback_query.edit_message_text("gone")

    app = (
        Application.builder()
        .token(emu.token)
        .base_url(f"{emu.base_url}/bot")
        .base_file_url(f"{emu.base_url}/file/bot")
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(go))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(timeout=5)
        await emu.wait_polling()
        assert [m.plain for m in await alice.ask("/start")] == ["Hi"]
        assert [m.plain for m in await alice.click("Go")] == ["gone"]
        await app.updater.stop()
        await app.stop()
    assert alice.callback_answers == ["went"]
    assert emu.count("getUpdates", 409) == 0
