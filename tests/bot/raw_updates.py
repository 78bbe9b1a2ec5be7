"""Updates shaped as Telegram sends them, with whatever extra or odd fields a test needs,
queued in the emulator so the bot fetches them through its real getUpdates path."""

from __future__ import annotations

import itertools
import time
from typing import Any

from emulator import Emulator, SimUser
from emulator.state import PendingCallback

_message_ids = itertools.count(100_000)
_query_ids = itertools.count(7_000_000_000_000_000_001)
NO_PREVIEW = {"is_disabled": True}


def user_json(
    user_id: int, first_name: str = "Alice", language: str | None = "zh"
) -> dict[str, Any]:
    body: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if language is not None:
        body["language_code"] = language
    return body


def chat_json(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "type": "private", "first_name": "Alice"}


def message_body(user_id: int, **fields: Any) -> dict[str, Any]:
    body = {
        "message_id": next(_message_ids),
        "from": user_json(user_id),
        "chat": chat_json(user_id),
        "date": int(time.time()),
        **fields,
    }
    return {k: v for k, v in body.items() if v is not None}


def press_body(
    emu: Emulator, user: SimUser, data: Any, message_id: int | None, **extra: Any
) -> dict[str, Any]:
    """A press on a bot message as Telegram reports it: the message comes back inside, with the
    `link_preview_options` Telegram records for a message sent without previews."""
    query_id = str(next(_query_ids))
    emu.world.callbacks[query_id] = PendingCallback(user.user_id, user.chat_id, str(data))
    body: dict[str, Any] = {
        "id": query_id,
        "from": user_json(user.user_id),
        "chat_instance": str(-user.chat_id * 7919),
        "data": data,
    }
    if message_id is not None:
        body["message"] = {
            "message_id": message_id,
            "from": {"id": emu.world.bot_id, "is_bot": True, "first_name": "Studio Bot"},
            "chat": chat_json(user.user_id),
            "date": int(time.time()),
            "text": "…",
            "link_preview_options": NO_PREVIEW,
        }
    return {**body, **extra}


def push(emu: Emulator, kind: str, body: Any) -> int:
    return emu.world.updates.push(kind, body)


def push_message(emu: Emulator, user_id: int, **fields: Any) -> int:
    return push(emu, "message", message_body(user_id, **fields))


def push_press(
    emu: Emulator, user: SimUser, data: Any, message_id: int | None, **extra: Any
) -> int:
    return push(emu, "callback_query", press_body(emu, user, data, message_id, **extra))


async def pushed(update_id: int) -> int:
    """For `SimUser.exchange`, which awaits the action that queued the update."""
    return update_id
