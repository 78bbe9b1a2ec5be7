"""The set of flows one bot serves; the router and the menu are built from it."""

from __future__ import annotations

from collections.abc import Sequence

from handlers.context import Context
from handlers.flow import Flow
from handlers.roles import Role
from services.messages.actions import Keyboard
from services.messages.keyboards import rows
from services.messages.payloads import RENAMED_FLOWS
from services.messages.texts import Texts


class Registry:
    def __init__(self, flows: Sequence[Flow]) -> None:
        self.flows = list(flows)
        self._menus: dict[tuple[str, frozenset[Role]], Keyboard] = {}
        self.by_name = {f.name: f for f in flows}
        self.by_command = {c: f for f in flows for c in f.commands}
        if len(self.by_name) != len(flows):
            raise ValueError("two flows share a name")
        if taken := set(RENAMED_FLOWS) & set(self.by_name):
            raise ValueError(f"a flow took a former name: {taken}")
        self.by_name |= {
            old: self.by_name[new] for old, new in RENAMED_FLOWS.items() if new in self.by_name
        }  # a Mini App link sent before a rename names the flow as it was

    def menu(self, ctx: Context) -> Keyboard:
        return self.menu_for(ctx.texts, ctx.roles)

    def menu_for(self, texts: Texts, roles: frozenset[Role]) -> Keyboard:
        """The main menu for someone with `roles`, in their language (a chat's or a page's).
        Made once per language and roles: nearly every update ends on it, and a keyboard is
        immutable."""
        key = (texts.lang, roles)
        menu = self._menus.get(key)
        if menu is None:
            buttons = [b for f in self.flows if (b := f.menu_button(texts, roles)) is not None]
            menu = self._menus[key] = rows(buttons, per_row=2)
        return menu

    def public_commands(self) -> list[str]:
        return [c for f in self.flows if f.required_role is Role.PUBLIC for c in f.commands]
