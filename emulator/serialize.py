"""Builders of the Bot API objects the emulator sends, field by field as Telegram sets them.

Each follows the matching `Json*` class of the Bot API server (tdlib/telegram-bot-api,
Client.cpp): optional fields appear only when Telegram would set them, never as null.
"""

from __future__ import annotations

from typing import Any

from emulator.models import BotMessage
from emulator.state import ChatLog, Profile, World

PREVIEW_FLAGS = ("prefer_small_media", "prefer_large_media", "show_above_text")


def user_json(profile: Profile) -> dict[str, Any]:
    """User: a person; last_name, username and language_code only when they have one."""
    body: dict[str, Any] = {
        "id": profile.user_id,
        "is_bot": False,
        "first_name": profile.first_name,
    }
    if profile.last_name:
        body["last_name"] = profile.last_name
    if profile.username:
        body["username"] = profile.username
    if profile.language_code:
        body["language_code"] = profile.language_code
    return body


def chat_json(profile: Profile) -> dict[str, Any]:
    """Chat: the private chat with a person, whose id is the person's id."""
    body: dict[str, Any] = {"id": profile.user_id, "type": "private"}
    body["first_name"] = profile.first_name
    if profile.last_name:
        body["last_name"] = profile.last_name
    if profile.username:
        body["username"] = profile.username
    return body


def link_preview_json(options: Any) -> dict[str, Any] | None:
    """LinkPreviewOptions as echoed back: only true flags and a non-empty url survive."""
    if not isinstance(options, dict):
        return None
    body: dict[str, Any] = {"is_disabled": True} if options.get("is_disabled") else {}
    if options.get("url"):
        body["url"] = str(options["url"])
    body.update({flag: True for flag in PREVIEW_FLAGS if options.get(flag)})
    return body or None


def _content(world: World, message: BotMessage) -> dict[str, Any]:
    """Text with its entities and preview options, or a file with its caption."""
    if message.document is None and message.photo is None:
        body: dict[str, Any] = {"text": message.plain}
        if message.entities:
            body["entities"] = message.entities
        if message.link_preview_options:
            body["link_preview_options"] = message.link_preview_options
        return body
    body = {}
    if message.document is not None:
        stored = world.files.get(message.document.file_id)
        if stored is not None:
            body["document"] = stored.document_json()
    if message.photo is not None:
        body["photo"] = list(message.photo.sizes)
    if message.plain:
        body["caption"] = message.plain
        if message.entities:
            body["caption_entities"] = message.entities
    return body


def bot_message_json(world: World, message: BotMessage, with_reply: bool = True) -> dict[str, Any]:
    """Message: one the bot sent, as sendMessage returns it and callback queries carry it."""
    log = world.chat(message.chat_id)
    body: dict[str, Any] = {
        "message_id": message.message_id,
        "from": world.bot_user_json(),
        "chat": chat_json(log.profile),
        "date": message.date,
    }
    if message.edit_date is not None:
        body["edit_date"] = message.edit_date
    reply = replied_json(world, log, message.reply_to) if with_reply else None
    if reply is not None:
        body["reply_to_message"] = reply
    if message.media_group_id is not None:
        body["media_group_id"] = message.media_group_id
    body.update(_content(world, message))
    if message.reply_markup and "inline_keyboard" in message.reply_markup:
        body["reply_markup"] = message.reply_markup
    return body


def replied_json(world: World, log: ChatLog, message_id: int | None) -> dict[str, Any] | None:
    """Message: the one replied to, itself without reply_to_message (one level only)."""
    if message_id is None:
        return None
    if message_id in log.user_messages:
        return {k: v for k, v in log.user_messages[message_id].items() if k != "reply_to_message"}
    target = log.messages.get(message_id)
    if target is None or target.deleted:
        return None
    return bot_message_json(world, target, with_reply=False)


def user_message_json(
    profile: Profile, message_id: int, date: int, extra: dict[str, Any]
) -> dict[str, Any]:
    """Message: one a person wrote to the bot, as it appears inside an Update."""
    return {
        "message_id": message_id,
        "from": user_json(profile),
        "chat": chat_json(profile),
        "date": date,
        **extra,
    }


def inaccessible_message_json(profile: Profile, message_id: int) -> dict[str, Any]:
    """InaccessibleMessage: what a callback query carries for a message that is gone."""
    return {"message_id": message_id, "chat": chat_json(profile), "date": 0}


def callback_query_json(
    world: World, log: ChatLog, query_id: str, message_id: int, data: str
) -> dict[str, Any]:
    """CallbackQuery: a press on a bot message's button, with the message as it is now."""
    target = log.messages.get(message_id)
    if target is None or target.deleted:
        message = inaccessible_message_json(log.profile, message_id)
    else:
        message = bot_message_json(world, target)
    return {
        "id": query_id,
        "from": user_json(log.profile),
        "message": message,
        "chat_instance": str(-((log.profile.user_id * 2_654_435_761 + world.bot_id) % 2**62)),
        "data": data,
    }
