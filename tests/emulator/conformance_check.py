"""Checks everything an emulator emitted three ways (helpers only, no tests here).

(a) aiogram parses it and re-serialises it as its users do; (b) python-telegram-bot parses
it, round-trips it through `to_dict()` and leaves nothing unknown in `api_kwargs`; (c) every
field is one the Bot API defines for its object (`emulator.schema`).

On aiogram 3 re-serialising a message that carries `link_preview_options` fails: parsing
fills the options' unset flags with `Default(...)` sentinels, which pydantic cannot dump
("Unable to serialize unknown type: <class 'aiogram.client.default.Default'>"). Telegram
sends those options in every message a bot sent with previews off, and echoes the message in
each button press, so runtimes must hand the raw update on and never re-serialise framework
models. The check expects that crash exactly where such options occur, pinning the hazard.
"""

from __future__ import annotations

import inspect
from functools import cache
from typing import Any

import aiogram.methods
import telegram
from aiogram import Bot as AiogramBot
from pydantic import TypeAdapter
from pydantic_core import PydanticSerializationError

from bot.runtimes.lazy_aiogram import build_with_references
from emulator import Emulator
from emulator.conformance import RESULT_TYPES, unknown_fields

DEFAULT_CRASH = "Unable to serialize unknown type: <class 'aiogram.client.default.Default'>"
AIOGRAM_RESULTS: dict[str, Any] = {
    cls.__api_method__: cls.__returning__
    for cls in vars(aiogram.methods).values()
    if inspect.isclass(cls)
    and issubclass(cls, aiogram.methods.TelegramMethod)
    and hasattr(cls, "__api_method__")
}
PTB_TYPES: dict[str, Any] = {
    "Update": telegram.Update,
    "Message": telegram.Message,
    "User": telegram.User,
    "WebhookInfo": telegram.WebhookInfo,
    "File": telegram.File,
    "BotCommand": telegram.BotCommand,
}


def carries_preview(value: Any) -> bool:
    if isinstance(value, dict):
        return "link_preview_options" in value or any(map(carries_preview, value.values()))
    if isinstance(value, list):
        return any(map(carries_preview, value))
    return False


def subset_problems(expected: Any, actual: Any, path: str = "$") -> list[str]:
    """Where `actual` loses or changes a field of `expected` (extra fields are allowed)."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: {actual!r} is no object"]
        return [
            problem
            for key, value in expected.items()
            for problem in (
                subset_problems(value, actual[key], f"{path}.{key}")
                if key in actual
                else [f"{path}.{key}: lost"]
            )
        ]
    if isinstance(expected, list):
        if not isinstance(actual, list | tuple) or len(actual) != len(expected):
            return [f"{path}: {actual!r} differs in length"]
        return [
            p
            for i, e in enumerate(expected)
            for p in subset_problems(e, actual[i], f"{path}[{i}]")
        ]
    return [] if expected == actual else [f"{path}: {expected!r} became {actual!r}"]


@cache
def _adapter(returning: Any) -> TypeAdapter[Any]:
    """aiogram's types may be built on first use (bot/runtimes/lazy_aiogram.py), and a
    TypeAdapter resolves names in its caller's namespace, not aiogram's: build them first."""
    build_with_references(returning)
    return TypeAdapter(returning)


def aiogram_problems(raw: Any, returning: Any, bot: AiogramBot) -> list[str]:
    adapter = _adapter(returning)
    model = adapter.validate_python(raw, context={"bot": bot})
    try:
        dumped = adapter.dump_python(model, mode="json", by_alias=True, exclude_none=True)
    except PydanticSerializationError as exc:
        expected = carries_preview(raw) and DEFAULT_CRASH in str(exc)
        return [] if expected else [f"aiogram model_dump failed: {exc}"]
    if carries_preview(raw):
        return ["aiogram model_dump no longer crashes on link_preview_options: update the note"]
    return [f"aiogram: {p}" for p in subset_problems(raw, dumped)]


def _unknown_to_ptb(obj: Any, path: str) -> list[str]:
    if isinstance(obj, tuple | list):
        return [p for i, item in enumerate(obj) for p in _unknown_to_ptb(item, f"{path}[{i}]")]
    if not isinstance(obj, telegram.TelegramObject):
        return []
    found = [f"ptb: {path} has unknown {sorted(obj.api_kwargs)}"] if obj.api_kwargs else []
    attrs = obj._get_attrs(recursive=False)
    return found + [
        p
        for name, value in attrs.items()
        if name != "api_kwargs"
        for p in _unknown_to_ptb(value, f"{path}.{name}")
    ]


def ptb_problems(raw: Any, type_name: str, bot: telegram.Bot) -> list[str]:
    many = type_name.startswith("[")
    cls = PTB_TYPES[type_name.strip("[]")]
    parsed = cls.de_list(raw, bot) if many else cls.de_json(raw, bot)
    again = [item.to_dict() for item in parsed] if many else parsed.to_dict()
    return _unknown_to_ptb(parsed, "$") + [f"ptb: {p}" for p in subset_problems(raw, again)]


def object_problems(
    raw: Any, type_name: str, returning: Any, bots: tuple[AiogramBot, telegram.Bot]
) -> list[str]:
    return (
        aiogram_problems(raw, returning, bots[0])
        + ptb_problems(raw, type_name, bots[1])
        + unknown_fields(raw, type_name)
    )


def emitted_problems(emu: Emulator, updates: list[dict[str, Any]]) -> list[str]:
    """Problems in every recorded update and every successful result of a checked method."""
    bots = (AiogramBot(emu.token), telegram.Bot(emu.token))
    problems = []
    for update in updates:
        found = object_problems(update, "Update", AIOGRAM_RESULTS["getUpdates"].__args__[0], bots)
        problems += [f"update {update['update_id']}: {p}" for p in found]
    for call in emu.calls:
        if call.ok and call.method in RESULT_TYPES:
            result = call.response["result"]
            found = object_problems(
                result, RESULT_TYPES[call.method], AIOGRAM_RESULTS[call.method], bots
            )
            problems += [f"{call.method}: {p}" for p in found]
    return problems
