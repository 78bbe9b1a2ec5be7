"""setMyCommands & co., stored per scope and language as Telegram does."""

from __future__ import annotations

import re
from typing import Any

from emulator.api_types import Handler
from emulator.params import Params, bad_request
from emulator.state import World

_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_LANGUAGE = re.compile(r"^([a-z]{2})?$")


def scope_key(scope: Any) -> str:
    """Scopes aimed at one chat or member are kept apart, like in the Bot API."""
    if scope is None:
        return "default"
    if not isinstance(scope, dict) or not isinstance(scope.get("type"), str):
        raise bad_request("can't parse BotCommandScope JSON object")
    parts = [scope["type"]]
    parts += [str(scope[key]) for key in ("chat_id", "user_id") if key in scope]
    return ":".join(parts)


def _key(params: Params) -> tuple[str, str]:
    language = params.get_str("language_code", "") or ""
    if not _LANGUAGE.match(language):
        raise bad_request("invalid language code specified")
    return scope_key(params.get_json("scope")), language


def _validate(commands: Any) -> list[dict[str, str]]:
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse commands JSON object")
    result = []
    for item in commands:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand JSON object")
        command = str(item.get("command", "")).removeprefix("/")
        description = str(item.get("description", ""))
        if not _COMMAND.match(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        result.append({"command": command, "description": description})
    return result


async def set_my_commands(world: World, params: Params) -> bool:
    commands = _validate(params.get_json("commands"))
    key = _key(params)
    if commands:
        world.commands[key] = commands
    else:
        world.commands.pop(key, None)
    return True


async def get_my_commands(world: World, params: Params) -> list[dict[str, str]]:
    return list(world.commands.get(_key(params), []))


async def delete_my_commands(world: World, params: Params) -> bool:
    world.commands.pop(_key(params), None)
    return True


HANDLERS: dict[str, Handler] = {
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
}
