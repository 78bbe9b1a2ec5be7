"""The question screens: a field, a group's list, one member of an item, a file slot.

Each screen starts with the progress marker ("5 of 31 · section"), then the label, the prompt,
an example, and what is already answered; its buttons carry the conversation's current seq.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from handlers.forms.cursor import Cursor
from handlers.forms.session import FormSession
from policy.attachments import MAX_FILE_BYTES
from policy.forms.spec import Field, FileSlot, Group, Node
from policy.forms.walk import progress
from services.messages.actions import Btn, Keyboard
from services.messages.keyboards import rows, stack
from services.messages.texts import escape
from services.messages.values import show_item, show_value

MB = 1024 * 1024


def _head(form: FormSession, node: Node) -> list[str]:
    n, total = progress(form.spec, form.answers, node.key)
    section = form.section_title(form.spec.section_of(node.key).key)
    return [form.ctx.t("forms.progress", n=n, total=total, section=section)]


def _describe(form: FormSession, path: str, title: str) -> list[str]:
    lines = [f"<b>{title}</b>"]
    if (prompt := form.text(path, "prompt")) is not None:
        lines.append(prompt)
    if (example := form.text(path, "example")) is not None:
        lines.append(form.ctx.t("forms.example", example=example))
    return lines


def _nav(form: FormSession, extra: list[Btn]) -> list[Btn]:
    """Back comes last; on the very first question it leads out to the menu."""
    return [*extra, form.btn("forms.back", "back")]


def _choices(form: FormSession, field: Field) -> Keyboard:
    lang = form.ctx.texts.lang
    buttons = [form.raw_btn(c.label.text(lang), f"c:{c.value}") for c in field.options()]
    return rows(buttons, per_row=2 if len(buttons) > 3 else len(buttons) or 1)


def _question(
    form: FormSession, field: Field, path: str, title: str, given: Mapping[str, Any]
) -> tuple[list[str], list[Btn]]:
    """The question's lines and its Keep / Skip buttons; `given` holds the answers so far."""
    lines = _describe(form, path, title)
    buttons: list[Btn] = []
    if not field.required:
        lines.append(form.ctx.t("forms.optional"))
    if field.key in given:
        shown = show_value(form.ctx, field, given[field.key], form.path(path))
        lines.append(form.ctx.t("forms.current", value=shown))
        buttons.append(form.btn("forms.keep", "keep"))
    if not field.required:
        buttons.append(form.btn("forms.skip", "skip"))
    return lines, buttons


def field_screen(form: FormSession, field: Field) -> tuple[str, Keyboard]:
    title = form.label(field.key, field.label)
    lines, buttons = _question(form, field, field.key, title, form.answers)
    nav = _nav(form, buttons)
    return "\n".join(_head(form, field) + lines), stack(_choices(form, field), rows(nav, 3))


def member_screen(form: FormSession, group: Group, cursor: Cursor) -> tuple[str, Keyboard]:
    field = group.member(cursor.member or "")
    assert field is not None and cursor.item is not None
    item = (form.answers.get(group.key) or [])[cursor.item]
    title = form.ctx.t(
        "forms.member",
        group=form.label(group.key, group.label),
        n=cursor.item + 1,
        member=form.label(f"{group.key}.{field.key}", field.label),
    )
    lines, buttons = _question(form, field, f"{group.key}.{field.key}", title, item)
    nav = [*buttons, form.btn("forms.back", "back")]
    return "\n".join(_head(form, group) + lines), stack(_choices(form, field), rows(nav, 3))


def _items_line(form: FormSession, group: Group, count: int) -> str:
    """How many entries there are; the minimum only while it is not reached."""
    short = count < group.min_items
    if count == 0:
        key = "forms.items_none_min" if short else "forms.items_none"
    else:
        key = "forms.items_min" if short else "forms.items"
    return form.ctx.t(key, count=count, minimum=group.min_items)


def group_screen(form: FormSession, group: Group) -> tuple[str, Keyboard]:
    items = form.answers.get(group.key) or []
    lines = _head(form, group) + _describe(form, group.key, form.label(group.key, group.label))
    lines.append(_items_line(form, group, len(items)))
    path = form.path(group.key)
    lines += [
        f"{i}. {escape(show_item(form.ctx, group, item, path))}" for i, item in enumerate(items, 1)
    ]
    buttons = [form.btn("forms.add", "add")] if len(items) < group.max_items else []
    if items:
        buttons.append(form.btn("forms.remove", "rm"))
    buttons.append(form.btn("forms.done", "done"))
    return "\n".join(lines), rows(_nav(form, buttons), per_row=2)


def remove_screen(form: FormSession, group: Group) -> tuple[str, Keyboard]:
    items = form.answers.get(group.key) or []
    picks = [
        form.raw_btn(
            f"🗑 {i + 1}. " + show_item(form.ctx, group, item, form.path(group.key))[:40],
            f"rm:{i}",
        )
        for i, item in enumerate(items)
    ]
    text = form.ctx.t("forms.remove_which", group=form.label(group.key, group.label))
    return text, stack(rows(picks), [form.btn("forms.back", "back")])


def slot_screen(form: FormSession, slot: FileSlot) -> tuple[str, Keyboard]:
    lines = _head(form, slot) + _describe(form, slot.key, form.label(slot.key, slot.label))
    accepted = form.ctx.t("forms.sep").join(sorted(t.value.upper() for t in slot.accepts))
    lines.append(form.ctx.t("forms.file_rules", types=accepted, mb=MAX_FILE_BYTES // MB))
    files = [f for f in form.files if f.slot == slot.key]
    for f in files:
        lines.append(form.ctx.t("forms.file_line", name=f.file_name, kb=max(1, f.size // 1024)))
    if slot.multiple and files:
        lines.append(form.ctx.t("forms.file_more"))
    buttons: list[Btn] = []
    if files:
        buttons.append(form.btn("forms.files_done" if slot.multiple else "forms.keep", "keep"))
        buttons.append(form.btn("forms.files_clear", "clear"))
    else:
        buttons.append(form.btn("forms.later" if slot.required else "forms.skip", "skip"))
    return "\n".join(lines), rows(_nav(form, buttons), per_row=2)
