"""What a message or a button press says, read from raw JSON without trusting any field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.intake.fields import (
    MAX_CAPTION,
    MAX_FILE_NAME,
    MAX_TEXT,
    MAX_TOKEN,
    UNREADABLE,
    clean,
    whole,
)
from handlers.events import ButtonPress, Event, FileUpload, Text, Unsupported, parse_command

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


def message_event(message: Mapping[str, Any]) -> Event:
    if "text" in message:
        text = clean(message["text"], MAX_TEXT)
        return UNREADABLE if text is None else parse_command(text) or Text(text)
    if "document" in message:
        return _document(message)
    if "photo" in message:
        return _photo(message)
    kind = next((k for k in UNSUPPORTED_KINDS if k in message), "other")
    return Unsupported(kind=kind)


def _size(value: object) -> int | None:
    size = whole(value)
    return size if size is not None and size >= 0 else None


def _caption(message: Mapping[str, Any]) -> str | None:
    return clean(message.get("caption"), MAX_CAPTION)


def _document(message: Mapping[str, Any]) -> Event:
    doc = message["document"]
    file_id = clean(doc.get("file_id"), MAX_TOKEN) if isinstance(doc, Mapping) else None
    if not file_id:
        return UNREADABLE
    return FileUpload(
        file_id=file_id,
        file_unique_id=clean(doc.get("file_unique_id"), MAX_TOKEN) or file_id,
        file_name=clean(doc.get("file_name"), MAX_FILE_NAME),
        mime_type=clean(doc.get("mime_type"), MAX_TOKEN),
        size=_size(doc.get("file_size")),
        caption=_caption(message),
    )


def _photo(message: Mapping[str, Any]) -> Event:
    """The largest size Telegram offers; sizes that make no sense are passed over."""
    photos = message["photo"]
    sizes = [p for p in photos if isinstance(p, Mapping)] if isinstance(photos, list) else []
    sizes = [p for p in sizes if clean(p.get("file_id"), MAX_TOKEN)]
    if not sizes:
        return UNREADABLE
    best = max(sizes, key=lambda p: _size(p.get("file_size")) or _size(p.get("width")) or 0)
    file_id = clean(best["file_id"], MAX_TOKEN) or ""
    return FileUpload(
        file_id=file_id,
        file_unique_id=clean(best.get("file_unique_id"), MAX_TOKEN) or file_id,
        file_name=None,
        mime_type="image/jpeg",
        size=_size(best.get("file_size")),
        kind="photo",
        caption=_caption(message),
    )


def press(query: Mapping[str, Any]) -> Event:
    """A press needs the query id to be answered; without one it is unreadable."""
    callback_id = clean(query.get("id"), MAX_TOKEN)
    if not callback_id:
        return UNREADABLE
    message = query.get("message")
    message_id = whole(message.get("message_id")) if isinstance(message, Mapping) else None
    return ButtonPress(
        payload=clean(query.get("data"), MAX_TOKEN) or "",
        callback_id=callback_id,
        message_id=message_id if message_id is not None and message_id > 0 else None,
    )
