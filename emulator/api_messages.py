"""Text messages, edits and deletions, validated like Telegram."""

from __future__ import annotations

from typing import Any

from emulator.api_types import Handler
from emulator.keyboard import read_markup
from emulator.models import BotMessage
from emulator.outgoing import formatted, post, read_link_preview, reply_target
from emulator.params import Params, bad_request
from emulator.serialize import bot_message_json
from emulator.state import ChatLog, World, now_unix

MAX_TEXT = 4096
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


def _text(params: Params) -> tuple[str, Any]:
    text = params.get_str("text")
    parsed = formatted(text, params.get_str("parse_mode"))
    if not parsed.plain:
        raise bad_request("message text is empty")
    if len(parsed.plain) > MAX_TEXT:
        raise bad_request("message is too long")
    return text or "", parsed


async def send_message(world: World, params: Params) -> dict[str, Any]:
    log = world.chat(params.chat_id())
    text, parsed = _text(params)
    preview = read_link_preview(params)
    markup, buttons = read_markup(params)
    message = post(
        world,
        log,
        text=text,
        plain=parsed.plain,
        parse_mode=params.get_str("parse_mode"),
        buttons=buttons,
        entities=parsed.entities,
        reply_markup=markup,
        link_preview_options=preview,
        reply_to=reply_target(log, params),
    )
    return bot_message_json(world, message)


def _editable(world: World, params: Params) -> tuple[ChatLog, BotMessage]:
    if params.has("inline_message_id") and not params.has("chat_id"):
        raise bad_request("message to edit not found")
    log = world.chat(params.chat_id())
    message_id = params.get_int("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    if message_id in log.user_messages:
        raise bad_request("message can't be edited")
    message = log.messages.get(message_id)
    if message is None or message.deleted:
        raise bad_request("message to edit not found")
    return log, message


def _edited(world: World, log: ChatLog, message: BotMessage) -> dict[str, Any]:
    message.edited, message.edit_date = True, now_unix()
    world.record_event(log, message)
    return bot_message_json(world, message)


async def edit_message_text(world: World, params: Params) -> dict[str, Any]:
    """Options not sent again are reset: an edit replaces text, preview options and keyboard."""
    log, message = _editable(world, params)
    text, parsed = _text(params)
    if message.document is not None or message.photo is not None:
        raise bad_request("there is no text in the message to edit")
    preview = read_link_preview(params)
    markup, buttons = read_markup(params)
    now = (parsed.plain, parsed.entities, preview, buttons)
    if now == (message.plain, message.entities, message.link_preview_options, message.buttons):
        raise bad_request(NOT_MODIFIED)
    message.text, message.plain, message.entities = text, parsed.plain, parsed.entities
    message.parse_mode, message.link_preview_options = params.get_str("parse_mode"), preview
    message.buttons, message.reply_markup = buttons, markup
    return _edited(world, log, message)


async def edit_message_reply_markup(world: World, params: Params) -> dict[str, Any]:
    log, message = _editable(world, params)
    markup, buttons = read_markup(params)
    if buttons == message.buttons:
        raise bad_request(NOT_MODIFIED)
    message.buttons, message.reply_markup = buttons, markup
    return _edited(world, log, message)


async def delete_message(world: World, params: Params) -> bool:
    log = world.chat(params.chat_id())
    message_id = params.get_int("message_id")
    if message_id in log.user_messages:
        del log.user_messages[message_id]
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
