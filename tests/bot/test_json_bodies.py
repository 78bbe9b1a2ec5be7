"""Both runtimes post a call without files as a JSON body and one with a file as multipart,
and Telegram's stand-in reads both alike (tests/bot/test_ptb_aiohttp.py, tests/e2e)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import telegram
from aiogram import Bot
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup
from aiohttp import web

from bot.runtimes.aiogram_json import JsonSession
from bot.runtimes.ptb_aiohttp import AiohttpRequest
from tests.bot.local_server import serving

TOKEN = "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
KEYBOARD = {"inline_keyboard": [[{"text": "申请", "callback_data": "apply"}]]}
MESSAGE = {"message_id": 1, "date": 1_700_000_000, "chat": {"id": 5, "type": "private"}}
ME = {"id": 123456, "is_bot": True, "first_name": "Studio", "username": "studio_test_bot"}


@dataclass
class Seen:
    """What a Bot API server was sent: content type and fields, call by call."""

    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    base: str = ""


@pytest.fixture
async def server() -> AsyncIterator[Seen]:
    seen = Seen()

    async def method(request: web.Request) -> web.Response:
        if request.content_type == "application/json":
            fields = await request.json()
        else:
            fields = {
                k: v if isinstance(v, str) else "<file>" for k, v in (await request.post()).items()
            }
        if request.match_info["method"] == "getMe":
            return web.json_response({"ok": True, "result": ME})
        seen.calls.append((request.content_type, fields))
        return web.json_response({"ok": True, "result": MESSAGE})

    app = web.Application()
    app.router.add_post("/bot{token}/{method}", method)
    async with serving(app) as seen.base:
        yield seen


async def test_aiogram_sends_fields_as_json_and_files_as_multipart(server: Seen) -> None:
    bot = Bot(TOKEN, session=JsonSession(api=TelegramAPIServer.from_base(server.base)))
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="申请", callback_data="apply")]]
    )
    try:
        await bot.send_message(5, "<b>你好</b>", parse_mode="HTML", reply_markup=markup)
        await bot.send_document(5, BufferedInputFile(b"%PDF", filename="报告.pdf"))
    finally:
        await bot.session.close()
    (text_type, text), (file_type, upload) = server.calls
    assert text_type == "application/json"
    assert text["chat_id"] == "5" and text["text"] == "<b>你好</b>"
    assert text["parse_mode"] == "HTML" and json.loads(text["reply_markup"]) == KEYBOARD
    assert file_type == "multipart/form-data"
    assert upload["chat_id"] == "5" and upload["document"].startswith("attach://")


async def test_ptb_sends_fields_as_json_and_files_as_multipart(server: Seen) -> None:
    bot = telegram.Bot(TOKEN, base_url=f"{server.base}/bot", request=AiohttpRequest())
    markup = telegram.InlineKeyboardMarkup(
        [[telegram.InlineKeyboardButton("申请", callback_data="apply")]]
    )
    async with bot:
        await bot.send_message(5, "<b>你好</b>", parse_mode="HTML", reply_markup=markup)
        await bot.send_document(5, b"%PDF", filename="报告.pdf")
    (text_type, text), (file_type, upload) = server.calls
    assert text_type == "application/json"
    assert text["chat_id"] == "5" and text["text"] == "<b>你好</b>"
    assert text["parse_mode"] == "HTML" and json.loads(text["reply_markup"]) == KEYBOARD
    assert file_type == "multipart/form-data"
    assert upload["chat_id"] == "5" and upload["document"] == "<file>"
