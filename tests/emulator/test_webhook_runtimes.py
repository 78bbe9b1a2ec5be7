"""aiogram's webhook request handler fed by the emulator.

PTB's webhook Updater needs tornado (python-telegram-bot[webhooks]), not installed here.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.filters import CommandStart
from aiogram.methods import SendMessage
from aiogram.types import Message
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from emulator import Emulator
from tests.bot.local_server import serving

SECRET = "webhook-secret_1"


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    emulator = Emulator()
    await emulator.start()
    yield emulator
    await emulator.stop()


async def test_aiogram_answers_inside_the_webhook_response(emu: Emulator) -> None:
    """handle_in_background=False returns the reply as a multipart form; Telegram runs it."""
    dp = Dispatcher()

    @dp.message(CommandStart())
    async def start(message: Message) -> SendMessage:
        return message.answer("<b>欢迎</b>", parse_mode="HTML")

    bot = Bot(emu.token, session=AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url)))
    app = web.Application()
    SimpleRequestHandler(dp, bot, handle_in_background=False, secret_token=SECRET).register(
        app, path="/hook"
    )
    try:
        async with serving(app) as base:
            await bot.set_webhook(f"{base}/hook", secret_token=SECRET)
            replies = await emu.user(1001, "Alice").ask("/start", expect=1)
            assert [m.plain for m in replies] == ["欢迎"]
            assert emu.delivery.log[-1].status == 200
    finally:
        await bot.session.close()


async def test_aiogram_refuses_a_wrong_secret(emu: Emulator) -> None:
    dp = Dispatcher()
    bot = Bot(emu.token, session=AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url)))
    app = web.Application()
    SimpleRequestHandler(dp, bot, secret_token=SECRET).register(app, path="/hook")
    try:
        async with serving(app) as base:
            await bot.set_webhook(f"{base}/hook", secret_token="other")
            await emu.user(1001).send("hi")
            assert await emu.world.signal.wait_for(lambda: bool(emu.delivery.log), 5)
            assert emu.delivery.log[0].status == 401
            info = await bot.get_webhook_info()
            assert info.last_error_message == "Wrong response from the webhook: 401 Unauthorized"
    finally:
        await bot.session.close()
