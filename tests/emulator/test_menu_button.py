"""The chat menu button (setChatMenuButton, getChatMenuButton), over real HTTP."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import aiohttp
import pytest

from emulator import Emulator
from tests.emulator.test_support import RawApi

CONSOLE = {"type": "web_app", "text": "审核台", "web_app": {"url": "https://studio.example/app/"}}


@pytest.fixture
async def api() -> AsyncIterator[RawApi]:
    emu = Emulator()
    await emu.start()
    emu.user(1001, "Alice")
    emu.user(1002, "Bob")
    async with aiohttp.ClientSession() as session:
        yield RawApi(emu, session)
    await emu.stop()


async def shown(api: RawApi, chat_id: int | None = None) -> object:
    return await api.ok("getChatMenuButton", json={} if chat_id is None else {"chat_id": chat_id})


async def test_a_new_bot_shows_its_commands_everywhere(api: RawApi) -> None:
    assert await shown(api) == {"type": "commands"}
    assert await shown(api, 1001) == {"type": "commands"}


async def test_a_chat_gets_its_own_web_app_button_and_default_removes_it(api: RawApi) -> None:
    assert await api.ok("setChatMenuButton", json={"chat_id": 1001, "menu_button": CONSOLE})
    assert await shown(api, 1001) == CONSOLE
    assert await shown(api, 1002) == {"type": "commands"}
    await api.ok("setChatMenuButton", json={"chat_id": 1001, "menu_button": {"type": "default"}})
    assert await shown(api, 1001) == {"type": "commands"}


async def test_the_bots_default_applies_to_chats_without_their_own(api: RawApi) -> None:
    await api.ok("setChatMenuButton", json={"menu_button": CONSOLE})
    await api.ok("setChatMenuButton", json={"chat_id": 1002, "menu_button": {"type": "commands"}})
    assert await shown(api, 1001) == CONSOLE
    assert await shown(api, 1002) == {"type": "commands"}
    await api.ok("setChatMenuButton", json={})  # no menu_button: back to the default
    assert await shown(api, 1001) == {"type": "commands"}


async def test_form_encoded_buttons_as_the_frameworks_send_them(api: RawApi) -> None:
    data = {"chat_id": "1001", "menu_button": json.dumps(CONSOLE, ensure_ascii=False)}
    assert await api.ok("setChatMenuButton", data=data)
    assert await shown(api, 1001) == CONSOLE


@pytest.mark.parametrize(
    ("button", "error"),
    [
        ("not json", "can't parse menu button JSON object"),
        ([1], "can't parse menu button JSON object"),
        ({"type": "menu"}, "unsupported menu button type"),
        ({"type": "web_app", "text": " ", "web_app": CONSOLE["web_app"]}, "text is empty"),
        ({"type": "web_app", "text": "x"}, "menu button Web App URL '' is invalid"),
        (
            {"type": "web_app", "text": "x", "web_app": {"url": "http://studio.example/"}},
            "URL 'http://studio.example/' is invalid: Only HTTPS links are allowed",
        ),
    ],
)
async def test_bad_buttons_are_refused_and_change_nothing(
    api: RawApi, button: object, error: str
) -> None:
    raw = button if isinstance(button, str) else json.dumps(button)
    refused = await api.error("setChatMenuButton", data={"chat_id": "1001", "menu_button": raw})
    assert refused.startswith("Bad Request: ") and refused.endswith(error)
    assert await shown(api, 1001) == {"type": "commands"}


async def test_unknown_and_invalid_chats(api: RawApi) -> None:
    body = {"chat_id": 4242, "menu_button": CONSOLE}
    assert await api.error("setChatMenuButton", json=body) == "Bad Request: chat not found"
    body = {"chat_id": -5, "menu_button": CONSOLE}
    refused = await api.error("setChatMenuButton", json=body)
    assert refused == "Bad Request: Invalid chat_id specified"
    assert await api.error("getChatMenuButton", json={"chat_id": 4242}) == (
        "Bad Request: chat not found"
    )
