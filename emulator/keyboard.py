"""Validation of reply_markup the way Telegram rejects it, so bad keyboards fail in tests."""

from __future__ import annotations

from typing import Any

from emulator.models import Button
from emulator.params import ApiError, Params, bad_request

ACTION_FIELDS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_BUTTON_ERROR = "can't parse inline keyboard button: "


def _button(raw: Any) -> tuple[dict[str, Any], Button]:
    """The button as Telegram stores and echoes it (text and its one action), and for tests."""
    if not isinstance(raw, dict):
        raise bad_request(_BUTTON_ERROR + "InlineKeyboardButton must be an Object")
    text = raw.get("text")
    if not isinstance(text, str) or not text:
        raise bad_request(_BUTTON_ERROR + 'Field "text" must be of type String')
    actions = [name for name in ACTION_FIELDS if raw.get(name) not in (None, False)]
    if not actions:
        raise bad_request(_BUTTON_ERROR + "Text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        raise bad_request(_BUTTON_ERROR + "exactly one of the optional fields must be used")
    data = raw.get("callback_data")
    if data is not None and (not isinstance(data, str) or not 1 <= len(data.encode()) <= 64):
        raise bad_request("BUTTON_DATA_INVALID")
    url = raw.get("url")
    if url is not None:
        scheme = str(url).split(":", 1)[0].lower()
        if ":" not in str(url) or scheme not in ("http", "https", "tg"):
            raise bad_request("BUTTON_URL_INVALID")
    echoed = {"text": text, actions[0]: raw[actions[0]]}
    return echoed, Button(text=text, callback_data=data, url=url)


def inline_keyboard(
    markup: dict[str, Any],
) -> tuple[dict[str, Any] | None, list[list[Button]]]:
    """An inline keyboard as echoed in messages, and its buttons; other kinds echo nothing."""
    if "inline_keyboard" not in markup:
        return None, []
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
    parsed = [[_button(raw) for raw in row] for row in rows]
    echoed = {"inline_keyboard": [[pair[0] for pair in row] for row in parsed]}
    return echoed, [[pair[1] for pair in row] for row in parsed]


def read_markup(params: Params) -> tuple[dict[str, Any] | None, list[list[Button]]]:
    """Decode and validate `reply_markup`, which forms carry as a JSON string."""
    try:
        markup = params.get_json("reply_markup")
    except ApiError:
        raise bad_request("can't parse reply keyboard markup JSON object") from None
    if markup is None:
        return None, []
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    return inline_keyboard(markup)
