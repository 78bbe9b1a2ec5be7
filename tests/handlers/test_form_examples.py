"""Every example a form shows passes that field's own check, read exactly as the person sees it.

The forms are found by walking policy/forms, so a form added later is checked too; each typed
field (group members included) with an example, in both languages, is one case.
"""

from __future__ import annotations

import html
import importlib
import pkgutil
from collections.abc import Iterator
from datetime import date

import pytest

import policy.forms
from policy.forms.parse import parse_text
from policy.forms.spec import Field, FormSpec, Group
from services.messages.texts import LANGS, Lang, Texts, catalog

TODAY = date(2027, 3, 1)


def _specs() -> list[FormSpec]:
    found: dict[str, FormSpec] = {}
    for info in pkgutil.iter_modules(policy.forms.__path__):
        module = importlib.import_module(f"policy.forms.{info.name}")
        found |= {v.name: v for v in vars(module).values() if isinstance(v, FormSpec)}
    return list(found.values())


def _fields(spec: FormSpec) -> Iterator[tuple[str, Field]]:
    for node in spec.nodes:
        if isinstance(node, Field):
            yield node.key, node
        elif isinstance(node, Group):
            yield from ((f"{node.key}.{f.key}", f) for f in node.fields)


def _cases() -> list[tuple[Lang, str, Field]]:
    return [
        (lang, f"{spec.name}.f.{path}", field)
        for spec in _specs()
        for path, field in _fields(spec)
        for lang in LANGS
        if f"{spec.name}.f.{path}.example" in catalog(lang)
    ]


def as_shown(lang: Lang, key: str) -> str:
    """The example line as the question screen renders it, minus its "例如：" prefix, as the
    chat shows it (HTML entities resolved)."""
    texts = Texts(lang)
    line = html.unescape(texts.get("forms.example", example=texts.get(key)))
    prefix = html.unescape(catalog(lang)["forms.example"].split("{example}")[0])
    assert line.startswith(prefix)
    return line.removeprefix(prefix)


def test_the_examples_of_every_form_are_checked() -> None:
    names = {spec.name for spec in _specs()}
    assert {"application", "plan", "report"} <= names
    checked = {path for _, path, _ in _cases()}
    assert {"application.f.master_id", "application.f.unit_credit_code"} <= checked
    assert "application.f.equipment.quantity" in checked  # a group member


@pytest.mark.parametrize(("lang", "path", "field"), _cases(), ids=lambda v: getattr(v, "key", v))
def test_every_example_passes_its_own_field_check(lang: Lang, path: str, field: Field) -> None:
    typed = as_shown(lang, f"{path}.example")
    parse_text(field, typed, TODAY, {})
