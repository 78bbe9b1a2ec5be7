"""setChatMenuButton and getChatMenuButton: a private chat's menu button, or the bot's default.

A MenuButton is ``{"type": "commands"}``, ``{"type": "web_app", "text", "web_app": {"url"}}``
or ``{"type": "default"}``. With ``chat_id`` the chat gets its own button; without it the
bot's default changes. Setting ``default`` removes the chat's own button (the chat falls back
to the bot's default), or puts the bot's default back to the command list a new bot shows.
The button is checked before the chat, and a web_app URL must be HTTPS, as the Bot API does.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from emulator.api_types import Handler
from emulator.params import ApiError, Params, bad_request
from emulator.state import World

COMMANDS = {"type": "commands"}
TYPES = ("commands", "web_app", "default")


def _url(raw: Any) -> str:
    url = raw.get("url") if isinstance(raw, dict) else None
    if not isinstance(url, str) or not url:
        raise bad_request("menu button Web App URL '' is invalid")
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        why = ": Only HTTPS links are allowed" if parts.scheme == "http" else ""
        raise bad_request(f"menu button Web App URL '{url}' is invalid{why}")
    return url


def read_button(params: Params) -> dict[str, Any]:
    """The MenuButton as Telegram keeps it; no menu_button at all means ``default``."""
    try:
        raw = params.get_json("menu_button")
    except ApiError:
        raise bad_request("can't parse menu button JSON object") from None
    if raw is None:
        return {"type": "default"}
    if not isinstance(raw, dict):
        raise bad_request("can't parse menu button JSON object")
    kind = raw.get("type")
    if kind not in TYPES:
        raise bad_request("unsupported menu button type")
    if kind != "web_app":
        return {"type": kind}
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise bad_request("menu button text is empty")
    return {"type": "web_app", "text": text, "web_app": {"url": _url(raw.get("web_app"))}}


def _chat(world: World, params: Params) -> int | None:
    """The private chat named by chat_id, None for the bot's default."""
    if not params.has("chat_id"):
        return None
    try:
        chat_id = params.get_int("chat_id") or 0
    except ApiError:
        chat_id = 0
    if chat_id <= 0:
        raise bad_request("Invalid chat_id specified")
    world.chat(chat_id)
    return chat_id


def shown(world: World, chat_id: int | None) -> dict[str, Any]:
    """The button a chat shows: its own, else the bot's default, else the command list."""
    found = world.menu_buttons.get(chat_id) if chat_id is not None else None
    return dict(found or world.menu_buttons.get(None) or COMMANDS)


async def set_chat_menu_button(world: World, params: Params) -> bool:
    button = read_button(params)
    chat_id = _chat(world, params)
    if button["type"] == "default":
        world.menu_buttons.pop(chat_id, None)
    else:
        world.menu_buttons[chat_id] = button
    return True


async def get_chat_menu_button(world: World, params: Params) -> dict[str, Any]:
    return shown(world, _chat(world, params))


HANDLERS: dict[str, Handler] = {
    "setChatMenuButton": set_chat_menu_button,
    "getChatMenuButton": get_chat_menu_button,
}
