"""Everything the emulator sends parses in aiogram and PTB and uses only Bot API fields.

Each scenario drives the emulator over real HTTP; the `emu` fixture records every update it
creates and every method result, and after the test checks them all (conformance_check).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message
from pydantic_core import PydanticSerializationError

from emulator import Emulator
from tests.emulator.conformance_check import emitted_problems
from tests.emulator.pictures import png
from tests.emulator.test_support import RawApi

KEYBOARD = {"inline_keyboard": [[{"text": "✅ 确认", "callback_data": "ok"}]]}
NO_PREVIEW = {"is_disabled": True}


@pytest.fixture
async def api() -> AsyncIterator[RawApi]:
    emu = Emulator()
    updates: list[dict[str, Any]] = []
    emu.on_update(updates.append)
    await emu.start()
    emu.user(1001, "小明", language_code="zh", username="xiaoming", last_name="王")
    async with aiohttp.ClientSession() as session:
        yield RawApi(emu, session)
    await emu.stop()
    assert updates, "the scenario created no update to check"
    assert emitted_problems(emu, updates) == []


def spans(message: dict[str, Any], key: str = "entities") -> list[tuple[str, str]]:
    """(type, covered text) of each entity, cut by UTF-16 offsets as clients do."""
    units = message.get("text", message.get("caption", "")).encode("utf-16-le")
    return [
        (e["type"], units[2 * e["offset"] : 2 * (e["offset"] + e["length"])].decode("utf-16-le"))
        for e in message.get(key, [])
    ]


async def next_updates(api: RawApi) -> list[dict[str, Any]]:
    updates = await api.ok("getUpdates")
    if updates:
        await api.ok("getUpdates", json={"offset": updates[-1]["update_id"] + 1})
    return list(updates)


async def test_user_text_carries_entities_counted_in_utf16(api: RawApi) -> None:
    alice = api.emu.users[0]
    await alice.send(
        "😀你好 @xiao_ming 看 https://example.com/路径?a=1 #学习 $USD 信 wang@example.cn "
        "+86 138 0013 8000"
    )
    await alice.send("/start@studio_test_bot 参数")
    await alice.send("/start你好")  # a CJK letter right after the command: no command
    first, second, third = [u["message"] for u in await next_updates(api)]
    assert spans(first) == [
        ("mention", "@xiao_ming"),
        ("url", "https://example.com/路径?a=1"),
        ("hashtag", "#学习"),
        ("cashtag", "$USD"),
        ("email", "wang@example.cn"),
        ("phone_number", "+86 138 0013 8000"),
    ]
    assert first["entities"][0]["offset"] == 5  # the emoji counts two UTF-16 units
    assert first["link_preview_options"] == {"url": "https://example.com/路径?a=1"}
    assert first["from"] == {
        "id": 1001,
        "is_bot": False,
        "first_name": "小明",
        "last_name": "王",
        "username": "xiaoming",
        "language_code": "zh",
    }
    assert first["chat"] == {
        "id": 1001,
        "type": "private",
        "first_name": "小明",
        "last_name": "王",
        "username": "xiaoming",
    }
    assert isinstance(first["date"], int)
    assert spans(second) == [("bot_command", "/start@studio_test_bot")]
    assert "entities" not in third


async def test_user_preview_options_can_be_set_or_left_out(api: RawApi) -> None:
    alice = api.emu.users[0]
    await alice.send("见 example.com", link_preview_options=NO_PREVIEW)
    await alice.send("见 example.com", link_preview_options={})
    await alice.send("没有链接")
    disabled, absent, plain = [u["message"] for u in await next_updates(api)]
    assert disabled["link_preview_options"] == NO_PREVIEW
    assert "link_preview_options" not in absent and spans(absent) == [("url", "example.com")]
    assert "link_preview_options" not in plain and "entities" not in plain


async def test_bot_messages_echo_preview_options_as_telegram_does(api: RawApi) -> None:
    send = {"chat_id": 1001, "text": "详见 https://example.org"}
    off = await api.ok("sendMessage", json={**send, "link_preview_options": NO_PREVIEW})
    legacy = await api.ok("sendMessage", json={**send, "disable_web_page_preview": True})
    chosen = {"url": "https://example.org", "prefer_large_media": True, "is_disabled": False}
    large = await api.ok("sendMessage", json={**send, "link_preview_options": chosen})
    default = await api.ok("sendMessage", json=send)
    assert off["link_preview_options"] == legacy["link_preview_options"] == NO_PREVIEW
    assert large["link_preview_options"] == {
        "url": "https://example.org",
        "prefer_large_media": True,
    }
    assert "link_preview_options" not in default
    assert spans(default) == [("url", "https://example.org")]  # Telegram marks links itself
    assert default["from"] == {
        "id": 123456,
        "is_bot": True,
        "first_name": "Studio Bot",
        "username": "studio_test_bot",
    }
    await api.emu.users[0].send("好")  # so the fixture has an update to check


async def test_callback_carries_the_full_message_with_keyboard_and_preview(api: RawApi) -> None:
    alice = api.emu.users[0]
    body = {"chat_id": 1001, "text": "<b>申请</b> 请确认", "parse_mode": "HTML"}
    sent = await api.ok(
        "sendMessage", json={**body, "reply_markup": KEYBOARD, "link_preview_options": NO_PREVIEW}
    )
    plain = await api.ok("sendMessage", json={"chat_id": 1001, "text": "无按钮"})
    await alice.press("确认")
    await alice.press_data("stale", message_id=plain["message_id"])
    await api.ok("deleteMessage", json={"chat_id": 1001, "message_id": plain["message_id"]})
    await alice.press_data("gone", message_id=plain["message_id"])
    pressed, no_keyboard, deleted = [u["callback_query"] for u in await next_updates(api)]
    assert pressed["message"] == sent
    assert pressed["message"]["reply_markup"] == KEYBOARD
    assert pressed["message"]["link_preview_options"] == NO_PREVIEW
    assert isinstance(pressed["chat_instance"], str) and pressed["data"] == "ok"
    assert "reply_markup" not in no_keyboard["message"]
    assert deleted["message"] == {
        "message_id": plain["message_id"],
        "chat": no_keyboard["message"]["chat"],
        "date": 0,
    }


async def test_edits_carry_edit_date(api: RawApi) -> None:
    alice = api.emu.users[0]
    sent = await api.ok(
        "sendMessage", json={"chat_id": 1001, "text": "一", "reply_markup": KEYBOARD}
    )
    edited = await api.ok(
        "editMessageText",
        json={
            "chat_id": 1001,
            "message_id": sent["message_id"],
            "text": "二",
            "link_preview_options": NO_PREVIEW,
        },
    )
    assert isinstance(edited["edit_date"], int) and edited["link_preview_options"] == NO_PREVIEW
    assert "reply_markup" not in edited  # an edit without the keyboard removes it
    message_id = alice.mark()
    await alice.send("原文 /help")
    user_message = (await next_updates(api))[0]["message"]
    await alice.edit(user_message["message_id"], "改过 https://t.me/x")
    change = (await next_updates(api))[0]["edited_message"]
    assert change["message_id"] == user_message["message_id"] and message_id >= 0
    assert isinstance(change["edit_date"], int) and change["date"] == user_message["date"]
    assert spans(change) == [("url", "https://t.me/x")]


async def test_documents_and_photos_as_telegram_describes_them(api: RawApi) -> None:
    alice = api.emu.users[0]
    form = aiohttp.FormData(
        {"chat_id": "1001", "caption": "<i>报告</i> 见 @xiaoming", "parse_mode": "HTML"},
        quote_fields=False,  # as aiogram sends it: a UTF-8 file name, not %-escaped
    )
    form.add_field("document", b"%PDF-1.4 x", filename="报告.pdf", content_type="application/pdf")
    document = await api.ok("sendDocument", data=form)
    assert document["document"]["file_name"] == "报告.pdf"
    assert spans(document, "caption_entities") == [("italic", "报告"), ("mention", "@xiaoming")]
    form = aiohttp.FormData({"chat_id": "1001"})
    form.add_field("photo", png(1600, 1200), filename="p.png", content_type="image/png")
    photo = await api.ok("sendPhoto", data=form)
    sizes = [(p["width"], p["height"]) for p in photo["photo"]]
    assert sizes == [(90, 68), (320, 240), (800, 600), (1280, 960), (1600, 1200)]
    assert "caption" not in photo
    assert len({p["file_unique_id"] for p in photo["photo"]}) == 5
    await alice.send_photo(png(640, 480), caption="证件 #身份证")
    await alice.send_document(b"id", file_name="id.pdf")
    shot, upload = [u["message"] for u in await next_updates(api)]
    assert [(p["width"], p["height"]) for p in shot["photo"]] == [(90, 68), (320, 240), (640, 480)]
    assert spans(shot, "caption_entities") == [("hashtag", "#身份证")]
    assert "caption" not in upload and upload["document"]["mime_type"] == "application/pdf"
    file = await api.ok("getFile", json={"file_id": shot["photo"][-1]["file_id"]})
    assert file["file_size"] == len(png(640, 480))


async def test_identity_webhook_info_and_commands(api: RawApi) -> None:
    me = await api.ok("getMe")
    assert me["is_bot"] and me["username"] == "studio_test_bot" and "can_join_groups" in me
    info = await api.ok("getWebhookInfo")
    assert info == {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
    commands = [{"command": "start", "description": "开始"}]
    await api.ok("setMyCommands", json={"commands": commands})
    assert await api.ok("getMyCommands") == commands
    await api.emu.users[0].command("start")


async def test_aiogram_cannot_reserialise_what_telegram_echoes(api: RawApi) -> None:
    """The crash the last round met in production: never model_dump a framework object."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(api.emu.base_url))
    bot = Bot(api.emu.token, session=session)
    try:
        sent = await bot.send_message(
            1001,
            "请确认",
            reply_markup=InlineKeyboardMarkup(
                inline_keyboard=[[InlineKeyboardButton(text="确认", callback_data="ok")]]
            ),
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )
        await api.emu.users[0].press("确认")
        (update,) = await bot.get_updates(offset=-1)
        assert update.callback_query is not None
        message = update.callback_query.message
        assert isinstance(message, Message) and message.message_id == sent.message_id
        with pytest.raises(PydanticSerializationError, match=r"aiogram\.client\.default\.Default"):
            update.model_dump(mode="json", by_alias=True, exclude_none=True)
        await api.emu.users[0].send("无链接")
        (plain,) = await bot.get_updates(offset=update.update_id + 1)
        assert plain.model_dump(mode="json", by_alias=True, exclude_none=True)["message"]
    finally:
        await bot.session.close()
