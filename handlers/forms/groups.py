"""A repeated group's list: add an item (its members asked one by one), remove one, done."""

from __future__ import annotations

from handlers.forms.cursor import Cursor
from handlers.forms.screens import error_note, go, render
from handlers.forms.session import FormSession
from handlers.forms.steps import advance
from policy.forms.spec import Group
from policy.forms.walk import item_complete
from services.drafts.access import Refused
from services.drafts.answers import ItemRequest, TooMany, add_item, remove_item
from services.messages.payloads import number


def _group(form: FormSession) -> Group | None:
    node = form.node(form.cursor.key)
    return node if isinstance(node, Group) and form.cursor.item is None else None


async def add(form: FormSession) -> None:
    group = _group(form)
    if group is None or form.cursor.removing:
        await render(form, form.ctx.t("forms.use_buttons"))
        return
    added = await add_item(form.ctx.uow, _request(form, group.key), form.ctx.now())
    if isinstance(added, TooMany):
        await render(form, error_note(form, form.ctx.t("forms.too_many", n=added.most)))
    elif isinstance(added, Refused):
        await render(form, form.ctx.t("forms.use_buttons"))
    else:
        await go(form, Cursor(group.key, added.count - 1, group.fields[0].key))


def _request(form: FormSession, key: str, index: int | None = None) -> ItemRequest:
    return ItemRequest(form.ctx.user_id, form.draft.id, form.spec, key, index)


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
    position = number(index)
    if not cursor.removing or position is None:
        await render(form, form.ctx.t("forms.use_buttons"))
        return
    removed = await remove_item(form.ctx.uow, _request(form, cursor.key, position), form.ctx.now())
    if isinstance(removed, Refused):
        await render(form, form.ctx.t("forms.use_buttons"))
        return
    await go(form, Cursor(cursor.key), form.ctx.t("forms.item_removed", n=position + 1))
