"""The echo of an answer as it was understood, when that differs from what was typed: the
chat's own remark after a typed answer (values as read are services.messages.values')."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from handlers.context import Context
from policy.forms.spec import Field, Kind
from services.messages.values import show_value


def recorded(ctx: Context, field: Field, typed: str, value: Any, path: str | None) -> str | None:
    """The note "已记录：1台（套）" when the answer as read differs from the answer as typed
    ("一台", "85万", "2024/3/1"), so the person sees what was understood; None when it reads the
    same. Money typed as bare digits is echoed too (850000 → 85万元): a missing zero shows."""
    if field.kind in (Kind.TEXT, Kind.LONG_TEXT) or value is None:
        return None
    shown = show_value(ctx, field, value, path)
    typed = " ".join(typed.split())
    bare = f"{Decimal(str(value)).normalize():f}" if field.kind is Kind.AREA else str(value)
    if typed == shown or (typed == bare and field.kind is not Kind.AMOUNT):
        return None
    return ctx.t("forms.recorded", value=shown)
