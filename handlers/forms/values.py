"""Stored answers as a person reads them: labels for choices, units for amounts and areas."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from handlers.context import Context
from policy.forms.spec import Field, Group, Kind

SHORT = 40


def shorten(text: str, limit: int = SHORT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def show_value(ctx: Context, field: Field, value: Any) -> str:
    """Plain text (not yet escaped): the caller passes it through `ctx.t`, which escapes it."""
    if value is None:
        return ctx.t("forms.skipped")
    if field.kind in (Kind.CHOICE, Kind.YES_NO, Kind.DIVISION):
        wanted = "yes" if value is True else "no" if value is False else str(value)
        found = next((c for c in field.options() if c.value == wanted), None)
        return found.label.text(ctx.texts.lang) if found else str(value)
    if field.kind is Kind.AMOUNT:
        return ctx.t("forms.amount", value=f"{Decimal(str(value)):,}")
    if field.kind is Kind.AREA:
        return ctx.t("forms.area", value=f"{Decimal(str(value)):,}")
    return str(value)


def show_item(ctx: Context, group: Group, item: dict[str, Any]) -> str:
    shown = [show_value(ctx, f, item[f.key]) for f in group.fields if item.get(f.key) is not None]
    return " · ".join(shown)


def group_total(group: Group, items: list[dict[str, Any]]) -> Decimal | None:
    """The sum of a group's amounts (e.g. the equipment's cost), if it has an amount member."""
    amounts = [f.key for f in group.fields if f.kind is Kind.AMOUNT]
    if not amounts:
        return None
    return sum(
        (Decimal(str(i[k])) for i in items for k in amounts if i.get(k) is not None), Decimal(0)
    )
