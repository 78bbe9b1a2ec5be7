"""The shape every Bot API method implementation shares."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from bot.emulator.params import Params
from bot.emulator.state import World

Handler = Callable[[World, Params], Awaitable[Any]]
