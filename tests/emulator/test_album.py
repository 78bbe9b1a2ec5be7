"""sendMediaGroup from both real clients, and the albums Telegram refuses."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import telegram
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import BufferedInputFile, InputMediaDocument, InputMediaPhoto
from aiogram.types.media_union import MediaUnion

from emulator import Emulator
from tests.emulator.conformance_check import emitted_problems
from tests.emulator.pictures import png
from tests.emulator.test_support import RawApi


@pytest.fixture
async def api() -> AsyncIterator[RawApi]:
    emu = Emulator()
    await emu.start()
    emu.user(9001, "经办人")
    async with aiohttp.ClientSession() as session:
        yield RawApi(emu, session)
    await emu.stop()
    assert emitted_problems(emu, []) == []


async def test_aiogram_album_of_documents_shares_one_group(api: RawApi) -> None:
    bot = Bot(
        api.emu.token, session=AiohttpSession(api=TelegramAPIServer.from_base(api.emu.base_url))
    )
    try:
        files: list[MediaUnion] = [
            InputMediaDocument(
                media=BufferedInputFile(b"%PDF-1.4 " + bytes([i]), filename=f"材料{i}.pdf"),
                caption=f"<b>材料 {i}</b>",
                parse_mode="HTML",
            )
            for i in range(3)
        ]
        sent = await bot.send_media_group(9001, files)
    finally:
        await bot.session.close()
    assert len({m.media_group_id for m in sent}) == 1 and sent[0].media_group_id is not None
    assert [m.document.file_name for m in sent if m.document] == [
        "材料0.pdf",
        "材料1.pdf",
        "材料2.pdf",
    ]
    assert [m.caption for m in sent] == ["材料 0", "材料 1", "材料 2"]
    shown = api.emu.messages(9001)
    assert [m.document.content[-1] for m in shown if m.document] == [0, 1, 2]
    assert all(m.buttons == [] and m.media_group_id == sent[0].media_group_id for m in shown)


async def test_ptb_album_of_photos(api: RawApi) -> None:
    bot = telegram.Bot(api.emu.token, base_url=f"{api.emu.base_url}/bot")
    async with bot:
        photos = [telegram.InputMediaPhoto(png(400 + i, 300), caption="照片") for i in range(2)]
        sent = await bot.send_media_group(9001, photos)
    assert [m.photo[-1].width for m in sent] == [400, 401]
    assert sent[0].media_group_id == sent[1].media_group_id


async def test_keyboard_on_an_album_is_ignored_as_in_telegram(api: RawApi) -> None:
    bot = Bot(
        api.emu.token, session=AiohttpSession(api=TelegramAPIServer.from_base(api.emu.base_url))
    )
    try:
        media: list[MediaUnion] = [
            InputMediaPhoto(media=BufferedInputFile(png(10, 10), filename=f"{i}.png"))
            for i in range(2)
        ]
        sent = await bot.send_media_group(9001, media)
    finally:
        await bot.session.close()
    first = sent[0].photo
    assert first is not None and (first[-1].width, first[-1].height) == (10, 10)
    form = _form(
        [
            {"type": "photo", "media": first[-1].file_id},
            {"type": "photo", "media": first[-1].file_id},
        ],
        reply_markup=json.dumps({"inline_keyboard": [[{"text": "x", "callback_data": "x"}]]}),
    )
    again = await api.ok("sendMediaGroup", data=form)
    assert all("reply_markup" not in m for m in again)


def _form(media: list[dict[str, Any]], **fields: str) -> aiohttp.FormData:
    return aiohttp.FormData({"chat_id": "9001", "media": json.dumps(media), **fields})


@pytest.mark.parametrize(
    ("media", "error"),
    [
        ([], "Bad Request: too few messages to send as an album"),
        (
            [{"type": "photo", "media": "attach://a"}],
            "Bad Request: too few messages to send as an album",
        ),
        (
            [{"type": "photo", "media": "attach://a"}] * 11,
            "Bad Request: too much messages to send as an album",
        ),
        (
            [
                {"type": "photo", "media": "attach://a"},
                {"type": "document", "media": "attach://b"},
            ],
            "Bad Request: documents can't be mixed with other media types",
        ),
        (
            [{"type": "photo", "media": "attach://a"}, {"type": "photo", "media": "attach://zz"}],
            "Bad Request: media attachment not found",
        ),
        (
            [{"type": "photo", "media": "attach://b"}, {"type": "photo", "media": "attach://b"}],
            "Bad Request: IMAGE_PROCESS_FAILED",
        ),
    ],
)
async def test_albums_telegram_refuses(
    api: RawApi, media: list[dict[str, Any]], error: str
) -> None:
    form = _form(media)
    form.add_field("a", png(20, 20), filename="a.png", content_type="image/png")
    form.add_field("b", b"%PDF-1.4", filename="b.pdf", content_type="application/pdf")
    assert await api.error("sendMediaGroup", data=form) == error
    assert api.emu.messages(9001) == []
