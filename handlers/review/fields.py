"""Field names and values as staff read them: the form's own labels and value display.

A submission's kind names its form (application, plan, report); a field's label comes from the
catalog key `<form>.f.<key>.label` the form walker uses, else the spec's Label, else the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from handlers.context import Context
from handlers.forms.values import show_items
from handlers.forms.values import show_value as show_field_value
from policy.forms.application import APPLICATION
from policy.forms.plan import PLAN
from policy.forms.report import REPORT
from policy.forms.spec import Field, FormSpec, Group
from services.messages.texts import Lang, Texts, catalog

FORMS: dict[str, FormSpec] = {spec.name: spec for spec in (APPLICATION, PLAN, REPORT)}
VALUE_MAX = 300


def field_label(kind: str, key: str, lang: Lang) -> str:
    """The label the form showed the unit for `key` (a field, group or file slot)."""
    spec = FORMS.get(kind)
    if spec is None:
        return key
    path = f"{spec.name}.f.{key}.label"
    if path in catalog("zh"):
        return Texts(lang).get(path)
    node = spec.node(key)
    label = getattr(node, "label", None)
    return label.text(lang) if label is not None else key


def section_title(kind: str, key: str, lang: Lang) -> str:
    """The title the form gave section `key` (catalog `<form>.s.<key>`), else the key."""
    path = f"{kind}.s.{key}"
    return Texts(lang).get(path) if path in catalog("zh") else key


def field_keys(kind: str, answers: Mapping[str, Any], slots: list[str]) -> list[str]:
    """The fields (and file slots) staff may name when returning a submission, form order."""
    spec = FORMS.get(kind)
    present = set(answers) | set(slots)
    if spec is None:
        return [*answers, *(s for s in dict.fromkeys(slots) if s not in answers)]
    ordered = [n.key for n in spec.nodes if n.key in present]
    return ordered + [k for k in dict.fromkeys([*answers, *slots]) if k not in ordered]


def show_value(
    ctx: Context, kind: str, key: str, value: object, limit: int | None = VALUE_MAX
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
