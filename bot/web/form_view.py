"""A form as the page draws it: the sections and questions that apply to the answers so far.

Conditions are evaluated here, on the server, by the spec's own predicates; labels, prompts and
examples come from the same catalogs as the chat (services.messages.drafts: FormWords), in the
user's language, as plain text (the page inserts them as text, never as markup). What blocks
Submit and what is flagged is the services' (services.drafts.problems), as in the chat.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from policy.attachments import MAX_FILE_BYTES
from policy.forms.spec import Field, FileSlot, Group, Kind, Node
from policy.forms.walk import is_given, visible_nodes
from services.drafts.access import DraftForm
from services.drafts.problems import Problems
from services.messages.drafts import FormWords, confirm_text, problem_lines
from services.messages.values import show_value

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


@dataclass(frozen=True, slots=True)
class FormPage:
    """One draft as one reader sees it on the page named `name` (the chat's command for it)."""

    name: str
    form: DraftForm
    words: FormWords
    problems: Problems


def _texts(page: FormPage, path: str, fallback: Any) -> Json:
    return {
        "label": plain(page.words.label(path, fallback)),
        "prompt": plain(page.words.text(path, "prompt")),
        "example": plain(page.words.text(path, "example")),
    }


def _field(page: FormPage, field: Field, path: str, text_path: str, given: Any) -> Json:
    lang = page.words.texts.lang
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
        "display": plain(show_value(page.words, field, value)) if present else None,
        **_texts(page, text_path, field.label),
    }


def _group(page: FormPage, group: Group) -> Json:
    items = page.form.answers.get(group.key) or []
    return {
        "type": "group",
        "key": group.key,
        "min_items": group.min_items,
        "max_items": group.max_items,
        "items": [
            [
                _field(page, f, f"{group.key}.{i}.{f.key}", f"{group.key}.{f.key}", item)
                for f in group.fields
                if f.visible(item)
            ]
            for i, item in enumerate(items)
        ],
        "template": [
            _field(page, f, f"{group.key}.{len(items)}.{f.key}", f"{group.key}.{f.key}", {})
            for f in group.fields
            if f.visible({})
        ],
        **_texts(page, group.key, group.label),
    }


def _slot(page: FormPage, slot: FileSlot) -> Json:
    files = [f for f in page.form.files if f.slot == slot.key]
    return {
        "type": "files",
        "key": slot.key,
        "required": slot.required,
        "multiple": slot.multiple,
        "accepts": sorted(t.value.upper() for t in slot.accepts),
        "max_mb": MAX_FILE_BYTES // (1024 * 1024),
        "files": [{"name": f.file_name, "size": f.size, "mime": f.mime_type} for f in files],
        **_texts(page, slot.key, slot.label),
    }


def node_json(page: FormPage, node: Node) -> Json:
    if isinstance(node, Group):
        return _group(page, node)
    if isinstance(node, FileSlot):
        return _slot(page, node)
    return _field(page, node, node.key, node.key, page.form.answers)


def form_json(page: FormPage, note: str | None = None) -> Json:
    """The whole page state: what applies, what is given, what still blocks Submit."""
    form, found = page.form, page.problems
    shown = visible_nodes(form.spec, form.answers)
    applies = {n.key for n in shown}
    gaps = {n.key for n in (*found.missing, *found.missing_files)}
    flagged = ({i.key for i in found.issues} - gaps) | found.to_fix
    sections = [
        {
            "key": section.key,
            "title": plain(page.words.section_title(section.key)),
            "nodes": [
                {**node_json(page, n), "flagged": n.key in flagged, "missing": n.key in gaps}
                for n in section.nodes
                if n.key in applies
            ],
        }
        for section in form.spec.sections
    ]
    given = sum(1 for n in shown if is_given(n, form.answers, form.slots))
    return {
        "form": page.name,
        "lang": page.words.texts.lang,
        "note": plain(note),
        "revision": form.draft.submission_id is not None,
        "sections": [s for s in sections if s["nodes"]],
        "progress": {"done": given, "total": len(shown)},
        "blocking": [plain(line) for line in problem_lines(page.words, found)],
        "confirm_text": plain(confirm_text(page.words.texts, form.draft.kind)),
    }
