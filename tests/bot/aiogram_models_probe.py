"""Run as a process of its own: ``python -m tests.bot.aiogram_models_probe eager|lazy``.

Prints, as JSON, which aiogram types are built once the bot's aiogram adapter is imported, and a
digest of the JSON schema of ``Update`` (which reaches almost every type) and of every API
method, so that the lazy build (bot/runtimes/lazy_aiogram.py) can be compared with aiogram's own.
"""

from __future__ import annotations

import hashlib
import json
import sys
import warnings
from typing import Any


def main(mode: str) -> None:
    if mode == "lazy":
        import bot.runtimes.aiogram_runtime  # noqa: F401
    import aiogram.methods
    import aiogram.types

    built = sorted(
        name
        for name in aiogram.types.__all__
        if getattr(getattr(aiogram.types, name), "__pydantic_complete__", False)
    )
    calls = dumped(aiogram.methods, aiogram.types)  # first, while nothing else is built
    warnings.simplefilter("ignore")  # aiogram's Default sentinels are not JSON: same both ways
    schemas: dict[str, Any] = {"Update": aiogram.types.Update.model_json_schema()}
    for name in aiogram.methods.__all__:
        method = getattr(aiogram.methods, name)
        if name != "TelegramMethod" and hasattr(method, "model_json_schema"):
            try:
                schemas[name] = method.model_json_schema()
            except Exception as exc:  # a file upload has no JSON schema, eagerly built or not
                schemas[name] = type(exc).__name__
    digest = hashlib.sha256(json.dumps(schemas, sort_keys=True).encode()).hexdigest()
    print(
        json.dumps(
            {
                "built_at_import": built,
                "schemas": len(schemas),
                "digest": digest,
                "dumped": calls,
            }
        )
    )


def dumped(methods: Any, types: Any) -> list[str]:
    """Calls with nested objects as aiogram serialises them for the request."""
    button = types.InlineKeyboardButton(
        text="打开", web_app=types.WebAppInfo(url="https://example.org/app")
    )
    calls = [
        methods.SendMessage(
            chat_id=1,
            text="请确认",
            reply_markup=types.InlineKeyboardMarkup(inline_keyboard=[[button]]),
        ),
        methods.SendMediaGroup(
            chat_id=1, media=[types.InputMediaDocument(media="file-1", caption="计划")]
        ),
        methods.SetMyCommands(commands=[types.BotCommand(command="start", description="开始")]),
    ]
    return [repr(call.model_dump(warnings=False)) for call in calls]


if __name__ == "__main__":
    main(sys.argv[1])
