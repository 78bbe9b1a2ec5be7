"""A form as the page draws it: the sections and questions that apply to the answers so far.

Conditions are evaluated here, on the server, by the spec's own predicates; labels, prompts and
examples come from the same catalogs as the chat, in the user's language, as plain text (the
page inserts them as text, never as markup).
"""

from __future__ import annotations

import html
import re
from typing import Any

from handlers.forms import FormSession
from handlers.forms.summary import confirm_screen, problems
from handlers.forms.values import show_value
from policy.attachments import MAX_FILE_BYTES
from policy.forms.spec import Field, FileSlot, Group, Kind, Node
from policy.forms.walk import is_given, missing, visible_nodes

Json = dict[str, Any]
_TAG = re.compile(r"<[^>]+>")


def plain(text: str | None) -> str | None:
    """Catalog HTML (user values already escaped) as the plain text it reads as."""
    return None if text is None else html.unescape(_TAG.sub("", text))


def input_value(value: Any) -> str:
    """A stored answer as the text that, typed again, stores the same answer."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _texts(form: FormSession, path: str, fallback: Any) -> Json:
    return {
        "label": plain(form.label(path, fallback)),
        "prompt": plain(form.text(path, "prompt")),
        "example": plain(form.text(path, "example")),
    }


def _field(form: FormSession, field: Field, path: str, text_path: str, given: Any) -> Json:
    lang = form.ctx.texts.lang
    present = isinstance(given, dict) and field.key in given
    value = given.get(field.key) if isinstance(given, dict) else None
    return {
        "type": "field",
        "key": field.key,
        "path": path,
        "kind": field.kind.value,
        "required": field.required,
        "multiline": field.kind is Kind.LONG_TEXT,
        "max_length": field.max_length,
        "choices": [{"value": c.value, "label": c.label.text(lang)} for c in field.options()],
        "answered": present,
        "value": input_value(value),
        "display": plain(show_value(form.ctx, field, value)) if present else None,
        **_texts(form, text_path, field.label),
    }


def _group(form: FormSession, group: Group) -> Json:
    items = form.answers.get(group.key) or []
    return {
        "type": "group",
        "key": group.key,
        "min_items": group.min_items,
        "max_items": group.max_items,
        "items": [
            [
                _field(form, f, f"{group.key}.{i}.{f.key}", f"{group.key}.{f.key}", item)
                for f in group.fields
                if f.visible(item)
            ]
            for i, item in enumerate(items)
        ],
        "template": [
            _field(form, f, f"{group.key}.{len(items)}.{f.key}", f"{group.key}.{f.key}", {})
            for f in group.fields
            if f.visible({})
        ],
        **_texts(form, group.key, group.label),
    }


def _slot(form: FormSession, slot: FileSlot) -> Json:
    files = [f for f in form.files if f.slot == slot.key]
    return {
        "type": "files",
        "key": slot.key,
        "required": slot.required,
        "multiple": slot.multiple,
        "accepts": sorted(t.value.upper() for t in slot.accepts),
        "max_mb": MAX_FILE_BYTES // (1024 * 1024),
        "files": [{"name": f.file_name, "size": f.size, "mime": f.mime_type} for f in files],
        **_texts(form, slot.key, slot.label),
    }


def node_json(form: FormSession, node: Node) -> Json:
    if isinstance(node, Group):
        return _group(form, node)
    if isinstance(node, FileSlot):
        return _slot(form, node)
    return _field(form, node, node.key, node.key, form.answers)


async def form_json(form: FormSession, note: str | None = None) -> Json:
    """The whole page state: what applies, what is given, what still blocks Submit."""
    shown = visible_nodes(form.spec, form.answers)
    applies = {n.key for n in shown}
    blocking, keys = await problems(form)
    gaps = {n.key for n in missing(form.spec, form.answers, form.slots)}
    flagged = (keys - gaps) | await form.flow.marked(form)
    sections = [
        {
            "key": section.key,
            "title": plain(form.section_title(section.key)),
            "nodes": [
                {**node_json(form, n), "flagged": n.key in flagged, "missing": n.key in gaps}
                for n in section.nodes
                if n.key in applies
            ],
        }
        for section in form.spec.sections
    ]
    given = sum(1 for n in shown if is_given(n, form.answers, form.slots))
    return {
        "form": form.flow.name,
        "lang": form.ctx.texts.lang,
        "note": plain(note),
        "revision": form.draft.submission_id is not None,
        "sections": [s for s in sections if s["nodes"]],
        "progress": {"done": given, "total": len(shown)},
        "blocking": [plain(line) for line in blocking],
        "confirm_text": plain(confirm_screen(form)[0]),
    }
