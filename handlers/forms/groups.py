"""A repeated group's list: add an item (its members asked one by one), remove one, done."""

from __future__ import annotations

from handlers.forms.cursor import Cursor
from handlers.forms.screens import error_note, go, render
from handlers.forms.session import FormSession
from handlers.forms.steps import advance
from policy.forms.spec import Group
from policy.forms.walk import item_complete
from services.messages.payloads import number


def _group(form: FormSession) -> Group | None:
    node = form.node(form.cursor.key)
    return node if isinstance(node, Group) and form.cursor.item is None else None


async def add(form: FormSession) -> None:
    group = _group(form)
    if group is None or form.cursor.removing:
        await render(form, form.ctx.t("forms.use_buttons"))
        return
    items = list(form.answers.get(group.key) or [])
    if len(items) >= group.max_items:
        await render(form, error_note(form, form.ctx.t("forms.too_many", n=group.max_items)))
        return
    form.put(group.key, [*items, {}])
    await go(form, Cursor(group.key, len(items), group.fields[0].key))


async def done(form: FormSession) -> None:
    group = _group(form)
    if group is None or form.cursor.removing:
        await render(form, form.ctx.t("forms.use_buttons"))
        return
    items = [i for i in form.answers.get(group.key) or [] if item_complete(group, i)]
    if len(items) < group.min_items:
        await render(form, error_note(form, form.ctx.t("forms.too_few", n=group.min_items)))
        return
    form.put(group.key, items)
    await advance(form, group.key)


async def pick_removal(form: FormSession) -> None:
    group = _group(form)
    if group is None or not form.answers.get(group.key):
        await render(form, form.ctx.t("forms.use_buttons"))
        return
    await go(form, Cursor(group.key, removing=True))


async def remove(form: FormSession, index: str) -> None:
    cursor = form.cursor
    items = list(form.answers.get(cursor.key) or [])
    position = number(index)
    if not cursor.removing or position is None or position >= len(items):
        await render(form, form.ctx.t("forms.use_buttons"))
        return
    del items[position]
    form.put(cursor.key, items)
    await go(form, Cursor(cursor.key), form.ctx.t("forms.item_removed", n=int(index) + 1))
