"""The shape every Bot API method implementation shares."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from emulator.params import Params
from emulator.state import World

Handler = Callable[[World, Params], Awaitable[Any]]


@dataclass(frozen=True)
class Described:
    """A result with the `description` Telegram adds to some answers ("Webhook was set")."""

    result: Any
    description: str
