"""Telegram's JSON shapes to the core's events, shared by both adapters.

Both frameworks can render their objects as Bot API JSON, so one translation serves both and
they cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from handlers.events import (
    ButtonPress,
    Event,
    FileUpload,
    Incoming,
    Sender,
    Text,
    Unsupported,
    parse_command,
)

UNSUPPORTED_KINDS = (
    "sticker",
    "voice",
    "video",
    "video_note",
    "audio",
    "animation",
    "location",
    "contact",
    "poll",
    "dice",
    "venue",
)


def _sender(user: dict[str, Any], chat_id: int) -> Sender:
    return Sender(
        user_id=int(user["id"]),
        chat_id=chat_id,
        first_name=str(user.get("first_name") or ""),
        username=user.get("username"),
        language=user.get("language_code"),
    )


def _event(message: dict[str, Any]) -> Event:
    if isinstance(text := message.get("text"), str):
        return parse_command(text) or Text(text)
    if isinstance(doc := message.get("document"), dict):
        return FileUpload(
            file_id=doc["file_id"],
            file_unique_id=str(doc.get("file_unique_id") or doc["file_id"]),
            file_name=doc.get("file_name"),
            mime_type=doc.get("mime_type"),
            size=doc.get("file_size"),
            caption=message.get("caption"),
        )
    if isinstance(photos := message.get("photo"), list) and photos:
        best = max(photos, key=lambda p: int(p.get("file_size") or 0) or int(p.get("width", 0)))
        return FileUpload(
            file_id=best["file_id"],
            file_unique_id=str(best.get("file_unique_id") or best["file_id"]),
            file_name=None,
            mime_type="image/jpeg",
            size=best.get("file_size"),
            kind="photo",
            caption=message.get("caption"),
        )
    kind = next((k for k in UNSUPPORTED_KINDS if k in message), "other")
    return Unsupported(kind=kind)


def from_message(update_id: int, message: dict[str, Any]) -> Incoming | None:
    """A private message from a person; channel posts and bots' messages are not for us."""
    user = message.get("from")
    chat = message.get("chat") or {}
    if not isinstance(user, dict) or user.get("is_bot") or chat.get("type") != "private":
        return None
    return Incoming(update_id, _sender(user, int(chat["id"])), _event(message))


def from_callback(update_id: int, query: dict[str, Any]) -> Incoming | None:
    user = query.get("from")
    if not isinstance(user, dict):
        return None
    message = query.get("message") or {}
    chat_id = int((message.get("chat") or {}).get("id") or user["id"])
    press = ButtonPress(
        payload=str(query.get("data") or ""),
        callback_id=str(query["id"]),
        message_id=message.get("message_id"),
    )
    return Incoming(update_id, _sender(user, chat_id), press)
