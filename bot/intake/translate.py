"""Telegram's raw update JSON to the core's events: one tolerant translation for every way in.

Updates arrive as the JSON Telegram sent (from getUpdates, later a webhook body), never as a
framework's models: those reject or fail to re-serialise fields they do not expect. Nothing here
trusts a field's type. What is not for us (other kinds, groups, bots) is None; a message from
someone we can answer whose content makes no sense becomes `Unsupported("unreadable")`; an update
of our kinds naming no one we could answer raises `Unreadable`.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

from bot.intake.content import message_event, press
from bot.intake.fields import MAX_NAME, clean, whole
from handlers.events import Incoming, Sender

KINDS = ("message", "callback_query")


class Unreadable(Exception):
    """An update of a kind we handle that names no one we could answer."""


def update_id_of(raw: object) -> int | None:
    return whole(raw.get("update_id")) if isinstance(raw, Mapping) else None


def _body(raw: Mapping[str, Any]) -> tuple[str, Any] | None:
    return next(((kind, raw[kind]) for kind in KINDS if kind in raw), None)


def _object(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def chat_key(raw: object) -> Hashable:
    """Which chat an update belongs to, for ordering; an update naming none is its own lane."""
    sender = sender_of(raw)
    return sender.chat_id if sender is not None else ("update", id(raw))


def sender_of(raw: object) -> Sender | None:
    """Who sent an update of our kinds, if anyone can be told (an apology needs no more)."""
    if not isinstance(raw, Mapping) or (found := _body(raw)) is None:
        return None
    kind, body = found
    body = _object(body)
    user = _object(body.get("from"))
    if user.get("is_bot") is True:
        return None
    user_id = whole(user.get("id"))
    if user_id is None and kind == "message":
        chat = _object(body.get("chat"))
        user_id = whole(chat.get("id")) if chat.get("type") == "private" else None
    if user_id is None or user_id <= 0:
        return None
    return Sender(
        user_id=user_id,
        chat_id=user_id,  # a private chat's id is its user's
        first_name=clean(user.get("first_name"), MAX_NAME) or "",
        username=clean(user.get("username"), MAX_NAME),
        language=clean(user.get("language_code"), MAX_NAME),
    )


def translate(raw: object) -> Incoming | None:
    """The core's event for this update; None when it is not for us."""
    if not isinstance(raw, Mapping) or (found := _body(raw)) is None:
        return None
    update_id = update_id_of(raw)
    if update_id is None:
        return None
    kind, body = found
    if not isinstance(body, Mapping):
        raise Unreadable(f"{kind} is not an object")
    if not _for_us(kind, body):
        return None
    sender = sender_of(raw)
    if sender is None:
        raise Unreadable(f"{kind} names no user")
    event = message_event(body) if kind == "message" else press(body)
    return Incoming(update_id, sender, event)


def _for_us(kind: str, body: Mapping[str, Any]) -> bool:
    """Private chats with people only: no groups, channels, or other bots."""
    if _object(body.get("from")).get("is_bot") is True:
        return False
    message = body if kind == "message" else body.get("message")
    if message is None:
        return kind == "callback_query"  # a press on an inline-mode message: answered alone
    chat = _object(_object(message).get("chat"))
    return "type" not in chat or chat.get("type") == "private"
