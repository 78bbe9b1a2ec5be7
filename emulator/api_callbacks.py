"""Callback answers and chat actions: the small, non-message side of a conversation."""

from __future__ import annotations

from emulator.api_types import Handler
from emulator.html_lexer import utf16_len
from emulator.params import Params, bad_request
from emulator.state import World

CHAT_ACTIONS = frozenset(
    [
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    ]
)
BAD_QUERY = "query is too old and response timeout expired or query ID is invalid"


async def answer_callback_query(world: World, params: Params) -> bool:
    pending = world.callbacks.get(params.get_str("callback_query_id") or "")
    if pending is None or pending.answered:
        raise bad_request(BAD_QUERY)
    text = params.get_str("text") or ""
    if utf16_len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    pending.answered = True
    log = world.chat(pending.chat_id)
    log.callback_answers.append(text)
    world.touch(log)
    return True


async def send_chat_action(world: World, params: Params) -> bool:
    world.chat(params.chat_id())
    if params.get_str("action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


HANDLERS: dict[str, Handler] = {
    "answerCallbackQuery": answer_callback_query,
    "sendChatAction": send_chat_action,
}
