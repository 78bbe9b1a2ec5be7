"""What staff and units read for a form's field, section, kind and status: one place for each.

A submission's kind names its form (application, plan, report); a field's label comes from the
catalog key `<form>.f.<key>.label` the form walker uses, else the spec's Label, else the key.
The chat's review card, the unit's notice and the Mini App's console all read them here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from policy.forms.application import APPLICATION
from policy.forms.plan import PLAN
from policy.forms.report import REPORT
from policy.forms.spec import FormSpec
from services.messages.texts import Lang, Texts, catalog

FORMS: dict[str, FormSpec] = {spec.name: spec for spec in (APPLICATION, PLAN, REPORT)}


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


def field_names(texts: Texts, kind: str, keys: list[str]) -> str:
    """The labels of `keys` joined as one line ("" for none)."""
    return texts("forms.sep").join(field_label(kind, k, texts.lang) for k in keys)


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


def kind_label(texts: Texts, kind: str) -> str:
    key = f"staff_notice.kind_{kind}"
    return texts(key) if texts.has(key) else kind


def status_label(texts: Texts, status: str) -> str:
    key = f"review.status.{status}"
    return texts(key) if texts.has(key) else status
