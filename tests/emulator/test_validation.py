"""Telegram-style validation of the emulator, checked over real HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from emulator import Emulator
from tests.emulator.test_support import RawApi

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


@pytest.fixture
async def api() -> AsyncIterator[RawApi]:
    emu = Emulator()
    await emu.start()
    emu.user(1001, "Alice")
    async with aiohttp.ClientSession() as session:
        yield RawApi(emu, session)
    await emu.stop()


async def send(api: RawApi, text: str, **extra: object) -> str:
    return await api.error("sendMessage", json={"chat_id": 1001, "text": text, **extra})


async def test_wrong_token_and_unknown_method(api: RawApi) -> None:
    status, body = await api.call("getMe", token="1:WRONG")
    assert (status, body["description"]) == (401, "Unauthorized")
    assert await api.error("sendTelepathy") == "Not Found"
    assert api.emu.count(status=401) == 1
    assert api.emu.count(method="sendTelepathy", status=404) == 1


async def test_text_length_is_checked_after_entity_parsing(api: RawApi) -> None:
    assert await send(api, "") == "Bad Request: message text is empty"
    assert await send(api, "<b> </b>", parse_mode="HTML") == "Bad Request: message text is empty"
    assert await send(api, "x" * 4097) == "Bad Request: message is too long"
    markup = "<b>" + "x" * 4096 + "</b>"
    await api.ok("sendMessage", json={"chat_id": 1001, "text": markup, "parse_mode": "HTML"})


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<blink>x</blink>", 'Unsupported start tag "blink" at byte offset 0'),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("AT&T", "Unknown character entity at byte offset 2"),
        ("价格 &euro;", "Unknown character entity at byte offset 7"),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
async def test_strict_html_parser(api: RawApi, html: str, reason: str) -> None:
    error = await send(api, html, parse_mode="HTML")
    assert error == f"Bad Request: can't parse entities: {reason}"


async def test_html_plain_text_and_parse_mode(api: RawApi) -> None:
    text = '<b>a</b> &lt;&amp;&#62;&#x41; <a href="https://x.org/?a=1&b=2">l</a>'
    result = await api.ok(
        "sendMessage", data={"chat_id": "1001", "text": text, "parse_mode": "HTML"}
    )
    assert result["text"] == "a <&>A l"
    assert [e["type"] for e in result["entities"]] == ["bold", "text_link"]
    message = api.emu.messages(1001)[-1]
    assert (message.text, message.plain) == (text, "a <&>A l")
    assert await send(api, "x", parse_mode="Klingon") == "Bad Request: unsupported parse_mode"


async def test_keyboard_validation(api: RawApi) -> None:
    def markup(**button: object) -> dict[str, object]:
        return {"reply_markup": {"inline_keyboard": [[{"text": "B", **button}]]}}

    assert await send(api, "x", **markup(callback_data="é" * 33)) == (
        "Bad Request: BUTTON_DATA_INVALID"
    )
    assert await send(api, "x", **markup(callback_data="")) == "Bad Request: BUTTON_DATA_INVALID"
    both = await send(api, "x", **markup(callback_data="a", url="https://x.org"))
    assert both.startswith("Bad Request: can't parse inline keyboard button")
    none = await send(api, "x", **markup())
    assert none.startswith("Bad Request: can't parse inline keyboard button")
    await api.ok(
        "sendMessage", json={"chat_id": 1001, "text": "ok", **markup(callback_data="é" * 32)}
    )


async def test_chat_and_message_lookups(api: RawApi) -> None:
    assert await api.error("sendMessage", json={"chat_id": 42, "text": "x"}) == (
        "Bad Request: chat not found"
    )
    edit = {"chat_id": 1001, "message_id": 77, "text": "x"}
    assert (
        await api.error("editMessageText", json=edit) == "Bad Request: message to edit not found"
    )
    sent = await api.ok("sendMessage", json={"chat_id": 1001, "text": "same"})
    edit["message_id"] = sent["message_id"]
    edit["text"] = "same"
    assert await api.error("editMessageText", json=edit) == NOT_MODIFIED
    edited = await api.ok("editMessageText", json={**edit, "text": "changed"})
    assert edited["text"] == "changed" and "edit_date" in edited
    reply = {"chat_id": 1001, "message_id": sent["message_id"]}
    assert await api.error("editMessageReplyMarkup", json=reply) == NOT_MODIFIED
    assert await api.ok("deleteMessage", json=reply) is True
    assert await api.error("deleteMessage", json=reply) == (
        "Bad Request: message to delete not found"
    )
    assert api.emu.messages(1001) == []


async def test_answer_callback_query_with_unknown_id(api: RawApi) -> None:
    assert await api.error("answerCallbackQuery", json={"callback_query_id": "nope"}) == (
        "Bad Request: query is too old and response timeout expired or query ID is invalid"
    )


async def test_params_from_query_string_and_form_json_fields(api: RawApi) -> None:
    url = api.url("sendMessage")
    keyboard = '{"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}'
    async with api.session.get(url, params={"chat_id": "1001", "text": "q"}) as resp:
        assert resp.status == 200
    result = await api.ok(
        "sendMessage", data={"chat_id": "1001", "text": "f", "reply_markup": keyboard}
    )
    assert result["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "go"
    assert api.emu.messages(1001)[-1].labels() == ["Go"]
    commands = '[{"command": "start", "description": "开始"}]'
    await api.ok("setMyCommands", data={"commands": commands, "language_code": "zh"})
    assert api.emu.commands("zh") == [{"command": "start", "description": "开始"}]
    assert await api.ok("getMyCommands", data={"language_code": "zh"}) == api.emu.commands("zh")
    assert await api.ok("getMyCommands") == []


async def test_malformed_requests_still_get_telegram_json(api: RawApi) -> None:
    headers = {"Content-Type": "application/json"}
    status, body = await api.call("sendMessage", data=b"{not json", headers=headers)
    assert (status, body["ok"]) == (400, False)
    bad_markup = {"chat_id": "1001", "text": "x", "reply_markup": "{oops"}
    assert await api.error("sendMessage", data=bad_markup) == (
        "Bad Request: can't parse reply keyboard markup JSON object"
    )
    assert await api.error("sendChatAction", json={"chat_id": 1001, "action": "dance"}) == (
        "Bad Request: wrong parameter action in request"
    )
    reply = {"chat_id": 1001, "text": "x", "reply_parameters": {"message_id": 999}}
    assert await api.error("sendMessage", json=reply) == (
        "Bad Request: message to be replied not found"
    )
    assert len(api.emu.calls) == 4 and api.emu.count(status=400) == 4
