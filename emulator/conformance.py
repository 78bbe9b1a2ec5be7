"""Checks an emitted object against the Bot API field lists in `schema`.

Lives beside the emulator (not in the tests) so any harness can run it over whatever the
emulator sends, and so the list of result types stays next to the methods that return them.
"""

from __future__ import annotations

from typing import Any

from emulator.schema import FIELDS, NESTED

RESULT_TYPES: dict[str, str] = {
    "getUpdates": "[Update]",
    "getMe": "User",
    "getWebhookInfo": "WebhookInfo",
    "getFile": "File",
    "getMyCommands": "[BotCommand]",
    "sendMessage": "Message",
    "sendDocument": "Message",
    "sendPhoto": "Message",
    "sendMediaGroup": "[Message]",
    "editMessageText": "Message",
    "editMessageReplyMarkup": "Message",
}


def _object_type(type_name: str, value: dict[str, Any]) -> str:
    """CallbackQuery.message is a MaybeInaccessibleMessage: date 0 marks the inaccessible kind."""
    if type_name == "Message" and value.get("date") == 0:
        return "InaccessibleMessage"
    return type_name


def unknown_fields(value: Any, type_name: str, path: str = "$") -> list[str]:
    """Paths of fields the reference does not define for their object, e.g. `$.message.foo`."""
    if type_name.startswith("["):
        inner = type_name[1:-1]
        items = value if isinstance(value, list) else []
        return [
            p for i, item in enumerate(items) for p in unknown_fields(item, inner, f"{path}[{i}]")
        ]
    if not isinstance(value, dict):
        return []
    kind = _object_type(type_name, value)
    known = FIELDS.get(kind)
    if known is None:
        raise KeyError(f"no field list for {kind}")
    problems = [f"{path}.{key} (not a field of {kind})" for key in value if key not in known]
    for key, item in value.items():
        nested = NESTED.get((kind, key))
        if nested is not None:
            problems += unknown_fields(item, nested, f"{path}.{key}")
    return problems
