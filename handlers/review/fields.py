"""Values as staff read them, shown as the form walker shows them to the unit (labels of
fields, sections, kinds and statuses are services.labels')."""

from __future__ import annotations

from policy.forms.spec import Field, Group
from services.labels import FORMS
from services.messages.values import Reader, show_items
from services.messages.values import show_value as show_field_value

VALUE_MAX = 300


def show_value(
    ctx: Reader, kind: str, key: str, value: object, limit: int | None = VALUE_MAX
) -> str:
    """One answer as plain text (choices by label, groups item by item), clipped at `limit`."""
    spec = FORMS.get(kind)
    node = spec.node(key) if spec else None
    path = f"{kind}.f.{key}"
    if isinstance(node, Field):
        text = show_field_value(ctx, node, value, path)
    elif isinstance(node, Group) and isinstance(value, list):
        text = show_items(ctx, node, [i for i in value if isinstance(i, dict)], path)
    elif isinstance(value, bool):
        text = ctx.t("review.yes" if value else "review.no")
    elif value is None:
        text = ""
    else:
        text = str(value)
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"
