"""Telegram JSON for users, chats and messages, complete enough for aiogram and PTB models."""

from __future__ import annotations

from typing import Any

from emulator.models import BotMessage
from emulator.state import Profile, World


def user_json(profile: Profile) -> dict[str, Any]:
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
    body: dict[str, Any] = {
        "id": profile.user_id,
        "type": "private",
        "first_name": profile.first_name,
    }
    if profile.last_name:
        body["last_name"] = profile.last_name
    if profile.username:
        body["username"] = profile.username
    return body


def bot_message_json(world: World, message: BotMessage) -> dict[str, Any]:
    """The Message object the Bot API returns for (and later reports about) a bot message."""
    profile = world.chat(message.chat_id).profile
    body: dict[str, Any] = {
        "message_id": message.message_id,
        "from": world.bot_user_json(),
        "chat": chat_json(profile),
        "date": message.date,
    }
    text_key, entities_key = ("text", "entities")
    if message.document is not None:
        stored = world.files.get(message.document.file_id)
        if stored is not None:
            body["document"] = stored.document_json()
        text_key, entities_key = ("caption", "caption_entities")
    if message.plain or message.document is None:
        body[text_key] = message.plain
    if message.entities:
        body[entities_key] = message.entities
    if message.reply_markup and "inline_keyboard" in message.reply_markup:
        body["reply_markup"] = message.reply_markup
    if message.edit_date is not None:
        body["edit_date"] = message.edit_date
    return body


def user_message_json(
    log_profile: Profile, message_id: int, date: int, extra: dict[str, Any]
) -> dict[str, Any]:
    """A message written by a simulated user, as it appears inside an Update."""
    return {
        "message_id": message_id,
        "from": user_json(log_profile),
        "chat": chat_json(log_profile),
        "date": date,
        **extra,
    }
