"""Text messages, edits and deletions, validated like Telegram."""

from __future__ import annotations

from typing import Any

from emulator.api_types import Handler
from emulator.html_parse import render
from emulator.keyboard import read_markup
from emulator.models import BotMessage
from emulator.params import Params, bad_request
from emulator.serialize import bot_message_json
from emulator.state import ChatLog, World, now_unix

MAX_TEXT = 4096
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


def _check_reply(log: ChatLog, params: Params) -> None:
    """Replying to a message that is not there fails unless the bot allowed it."""
    reply = params.get_json("reply_parameters") or {}
    if not isinstance(reply, dict):
        raise bad_request("can't parse reply parameters JSON object")
    target = reply.get("message_id", params.get_int("reply_to_message_id"))
    allow = reply.get("allow_sending_without_reply") or params.get_bool(
        "allow_sending_without_reply"
    )
    exists = target in log.user_message_ids or (
        target in log.messages and not log.messages[target].deleted
    )
    if target is not None and not exists and not allow:
        raise bad_request("message to be replied not found")


async def send_message(world: World, params: Params) -> dict[str, Any]:
    log = world.chat(params.chat_id())
    text = params.get_str("text")
    parse_mode = params.get_str("parse_mode")
    parsed = render(text, parse_mode)
    if not parsed.plain:
        raise bad_request("message text is empty")
    if len(parsed.plain) > MAX_TEXT:
        raise bad_request("message is too long")
    params.get_json("link_preview_options")  # validated for shape only
    markup, buttons = read_markup(params)
    _check_reply(log, params)
    message = BotMessage(
        message_id=log.next_message_id(),
        chat_id=log.profile.user_id,
        text=text or "",
        plain=parsed.plain,
        parse_mode=parse_mode,
        buttons=buttons,
        entities=parsed.entities,
        reply_markup=markup,
        date=now_unix(),
    )
    log.messages[message.message_id] = message
    world.record_event(log, message)
    return bot_message_json(world, message)


def _editable(world: World, params: Params) -> tuple[ChatLog, BotMessage]:
    if params.has("inline_message_id") and not params.has("chat_id"):
        raise bad_request("message to edit not found")
    log = world.chat(params.chat_id())
    message_id = params.get_int("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    if message_id in log.user_message_ids:
        raise bad_request("message can't be edited")
    message = log.messages.get(message_id)
    if message is None or message.deleted:
        raise bad_request("message to edit not found")
    return log, message


async def edit_message_text(world: World, params: Params) -> dict[str, Any]:
    log, message = _editable(world, params)
    text = params.get_str("text")
    parse_mode = params.get_str("parse_mode")
    parsed = render(text, parse_mode)
    if not parsed.plain:
        raise bad_request("message text is empty")
    if len(parsed.plain) > MAX_TEXT:
        raise bad_request("message is too long")
    if message.document is not None:
        raise bad_request("there is no text in the message to edit")
    markup, buttons = read_markup(params)
    same_text = (parsed.plain, parsed.entities) == (message.plain, message.entities)
    if same_text and buttons == message.buttons:
        raise bad_request(NOT_MODIFIED)
    message.text, message.plain, message.entities = text or "", parsed.plain, parsed.entities
    message.parse_mode = parse_mode
    message.buttons, message.reply_markup = buttons, markup
    message.edited, message.edit_date = True, now_unix()
    world.record_event(log, message)
    return bot_message_json(world, message)


async def edit_message_reply_markup(world: World, params: Params) -> dict[str, Any]:
    log, message = _editable(world, params)
    markup, buttons = read_markup(params)
    if buttons == message.buttons:
        raise bad_request(NOT_MODIFIED)
    message.buttons, message.reply_markup = buttons, markup
    message.edited, message.edit_date = True, now_unix()
    world.record_event(log, message)
    return bot_message_json(world, message)


async def delete_message(world: World, params: Params) -> bool:
    log = world.chat(params.chat_id())
    message_id = params.get_int("message_id")
    if message_id in log.user_message_ids:
        log.user_message_ids.discard(message_id)
        return True
    message = log.messages.get(message_id or 0)
    if message is None or message.deleted:
        raise bad_request("message to delete not found")
    message.deleted = True
    world.touch(log)
    return True


HANDLERS: dict[str, Handler] = {
    "sendMessage": send_message,
    "editMessageText": edit_message_text,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
}
