"""Stored answers as a person reads them: labels for choices, money in 万元, counts with their
measure word, the parts of a group's entry joined as the reader's language joins them.

``path`` is a field's catalog prefix (``application.f.equipment.quantity``); its ``unit`` entry,
where there is one, is the measure word shown after a count ("1台（套）").
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Protocol

from policy import display
from policy.forms.spec import BUTTON_KINDS, Field, Group, Kind
from services.messages.texts import Texts, catalog

SHORT = 40


class Reader(Protocol):
    """Whom values are shown to: a chat's Context, a page of the Mini App, a form's words."""

    @property
    def texts(self) -> Texts: ...

    def t(self, key: str, /, **values: object) -> str: ...


def shorten(text: str, limit: int = SHORT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def unit(ctx: Reader, path: str | None) -> str | None:
    """The measure word of a count in the reader's language, if the catalog gives one."""
    key = f"{path}.unit"
    return catalog(ctx.texts.lang).get(key) if path else None


def show_value(ctx: Reader, field: Field, value: Any, path: str | None = None) -> str:
    """Plain text (not yet escaped): the caller passes it through `ctx.t`, which escapes it."""
    lang = ctx.texts.lang
    if value is None:
        return ctx.t("forms.skipped")
    if field.kind in BUTTON_KINDS:
        wanted = "yes" if value is True else "no" if value is False else str(value)
        found = next((c for c in field.options() if c.value == wanted), None)
        return found.label.text(lang) if found else str(value)
    if field.kind is Kind.AMOUNT:
        return display.cny(Decimal(str(value)), lang)
    if field.kind is Kind.AREA:
        return display.area(Decimal(str(value)), lang)
    if field.kind is Kind.COUNT and isinstance(value, int):
        return display.count(value, unit(ctx, path), lang)
    return str(value)


def show_item(ctx: Reader, group: Group, item: dict[str, Any], path: str | None = None) -> str:
    """One entry of a group: 五轴加工中心，1台（套），85万元."""
    shown = [
        show_value(ctx, f, item[f.key], f"{path}.{f.key}" if path else None)
        for f in group.fields
        if item.get(f.key) is not None
    ]
    return display.join_parts(shown, ctx.texts.lang)


def show_items(
    ctx: Reader, group: Group, items: list[dict[str, Any]], path: str | None = None
) -> str:
    """All entries of a group: 李四，数控铣工，技师；王五，钳工，高级工."""
    shown = [show_item(ctx, group, i, path) for i in items]
    return display.join_entries(shown, ctx.texts.lang)


def group_total(group: Group, items: list[dict[str, Any]]) -> Decimal | None:
    """The sum of a group's amounts (e.g. the equipment's cost), if it has an amount member."""
    amounts = [f.key for f in group.fields if f.kind is Kind.AMOUNT]
    if not amounts:
        return None
    return sum(
        (Decimal(str(i[k])) for i in items for k in amounts if i.get(k) is not None), Decimal(0)
    )
