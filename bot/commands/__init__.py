"""Command-line tasks beyond run/db; each capability adds a module with `register(sub)`."""

from __future__ import annotations

import argparse
from typing import Any


def register_all(sub: argparse._SubParsersAction[Any]) -> None:
    """Each module registers its own subcommands; the list grows with the capabilities."""
    from bot.commands import export, reminders, studios, updates

    modules: list[Any] = [export, studios, reminders, updates]
    for module in modules:
        module.register(sub)
