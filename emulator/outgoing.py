"""What every sending method shares: formatting, preview options, replies, the stored message."""

from __future__ import annotations

from typing import Any

from emulator.html_lexer import ParsedText
from emulator.html_parse import render
from emulator.models import BotMessage
from emulator.params import Params, bad_request
from emulator.serialize import link_preview_json
from emulator.state import ChatLog, World, now_unix
from emulator.text_entities import find_entities, merge


def formatted(text: str | None, parse_mode: str | None) -> ParsedText:
    """The bot's text as Telegram keeps it: its markup plus the links Telegram finds itself.

    Bot commands are not marked in a bot's message to a person, as Telegram skips them there.
    """
    parsed = render(text, parse_mode)
    found = find_entities(parsed.plain, bot_commands=False)
    return ParsedText(parsed.plain, merge(parsed.entities, found))


def read_link_preview(params: Params) -> dict[str, Any] | None:
    """link_preview_options, or the older disable_web_page_preview, as Telegram echoes them."""
    options = params.get_json("link_preview_options")
    if options is not None and not isinstance(options, dict):
        raise bad_request("can't parse link preview options JSON object")
    if options is None and params.get_bool("disable_web_page_preview"):
        options = {"is_disabled": True}
    return link_preview_json(options)


def reply_target(log: ChatLog, params: Params) -> int | None:
    """The message replied to; a missing one fails unless the bot allowed that."""
    reply = params.get_json("reply_parameters") or {}
    if not isinstance(reply, dict):
        raise bad_request("can't parse reply parameters JSON object")
    target = reply.get("message_id", params.get_int("reply_to_message_id"))
    if target is None:
        return None
    allow = reply.get("allow_sending_without_reply") or params.get_bool(
        "allow_sending_without_reply"
    )
    message = log.messages.get(target)
    if target in log.user_messages or (message is not None and not message.deleted):
        return int(target)
    if allow:
        return None
    raise bad_request("message to be replied not found")


def post(world: World, log: ChatLog, **fields: Any) -> BotMessage:
    """Store a new bot message in the chat and tell the waiting tests about it."""
    message = BotMessage(
        message_id=log.next_message_id(), chat_id=log.profile.user_id, date=now_unix(), **fields
    )
    log.messages[message.message_id] = message
    world.record_event(log, message)
    return message
