"""Answering a question (typed, pressed, skipped, kept) and moving forward or back."""

from __future__ import annotations

from handlers.forms.cursor import CONFIRM, SUMMARY, Cursor, at_summary
from handlers.forms.entry import enter
from handlers.forms.screens import error_note, go, render
from handlers.forms.session import FormSession
from handlers.forms.values import recorded
from policy.forms.spec import Field, Group
from policy.forms.walk import next_node, previous_node, question_count, visible_nodes
from services.drafts.access import Refused
from services.drafts.answers import Invalid


def after(form: FormSession, key: str) -> Cursor:
    """The screen after question `key` was given: the next question, or the summary."""
    node = next_node(form.spec, form.answers, form.slots, key, form.draft.reviewing)
    return Cursor(node.key) if node is not None else at_summary()


async def advance(form: FormSession, key: str, note: str | None = None) -> None:
    """Move past question `key`, with the flow's remarks on that answer (e.g. Art. 4 not met)."""
    notes = [note] if note else []
    notes += await form.flow.answer_notes(form, key)
    await go(form, after(form, key), "\n".join(notes) or None)


def _target(form: FormSession) -> tuple[Field, Group | None] | None:
    """The field the cursor asks for (a top-level field or a group member), if any."""
    cursor = form.cursor
    node = form.node(cursor.key)
    if isinstance(node, Field) and cursor.item is None:
        return node, None
    if isinstance(node, Group) and cursor.item is not None and not cursor.removing:
        member = node.member(cursor.member or "")
        return (member, node) if member is not None else None
    return None


async def answer(form: FormSession, raw: str, pressed: bool) -> None:
    """Check and store an answer to the current question, then show what comes next."""
    target = _target(form)
    if target is None:
        note = "forms.use_buttons" if pressed or form.cursor.closing else "forms.not_a_question"
        await render(form, form.ctx.t(note), fresh=not pressed)
        return
    await store(form, target[0], target[1], raw, pressed)


async def store(
    form: FormSession, field: Field, group: Group | None, raw: str | None, pressed: bool = False
) -> None:
    """Save the answer (None: skipped) through the service; say why not, or move on."""
    cursor = form.cursor
    before = question_count(form.spec, form.answers)
    where = (cursor.key, cursor.item, field.key if group else None)
    done = await enter(form.ctx, form.spec, form.draft.id, where, raw, pressed)
    if isinstance(done, Invalid):
        message = done.error.message(form.ctx.texts.lang)
        await render(form, error_note(form, message), fresh=not pressed)
        return
    if isinstance(done, Refused):
        await render(form, form.ctx.t("forms.use_buttons"))
        return
    path = form.path(f"{group.key}.{field.key}" if group else field.key)
    echo = None if pressed or raw is None else recorded(form.ctx, field, raw, done.value, path)
    if group is None:
        notes = [n for n in (echo, _count_change(form, before)) if n]
        await advance(form, field.key, "\n".join(notes) or None)
        return
    assert cursor.item is not None
    await next_member(form, group, cursor.item, field.key, echo)


def _count_change(form: FormSession, before: int) -> str | None:
    """Said whenever an answer makes the form longer or shorter, so "第 5/38 项" never jumps
    to "/39" unexplained."""
    total = question_count(form.spec, form.answers)
    if total == before:
        return None
    key = "forms.more_questions" if total > before else "forms.fewer_questions"
    return form.ctx.t(key, n=abs(total - before), total=total)


async def next_member(
    form: FormSession, group: Group, item: int, after_key: str, note: str | None = None
) -> None:
    keys = [f.key for f in group.fields]
    values = (form.answers.get(group.key) or [])[item]
    later = [f for f in group.fields[keys.index(after_key) + 1 :] if f.visible(values)]
    if later:
        await go(form, Cursor(group.key, item, later[0].key), note)
    else:
        added = form.ctx.t("forms.item_added", n=item + 1)
        await go(form, Cursor(group.key), "\n".join(n for n in (note, added) if n))


async def skip(form: FormSession) -> None:
    target = _target(form)
    if target is None or target[0].required:
        await render(form, form.ctx.t("forms.use_buttons"))
        return
    await store(form, target[0], target[1], None)


async def keep(form: FormSession) -> None:
    target = _target(form)
    if target is None:
        await render(form, form.ctx.t("forms.use_buttons"))
        return
    field, group = target
    if group is None:
        await advance(form, field.key)
    else:
        cursor = form.cursor
        assert cursor.item is not None
        await next_member(form, group, cursor.item, field.key)


async def back(form: FormSession) -> None:
    cursor = form.cursor
    if cursor.key == CONFIRM:
        await go(form, at_summary())
    elif cursor.key == SUMMARY:
        shown = visible_nodes(form.spec, form.answers)
        await go(form, Cursor(shown[-1].key) if shown else at_summary())
    elif cursor.removing:
        await go(form, Cursor(cursor.key))
    elif cursor.item is not None:
        await _member_back(form, cursor)
    elif form.draft.reviewing:
        await go(form, at_summary())
    else:
        previous = previous_node(form.spec, form.answers, cursor.key)
        if previous is None:
            await leave(form)
        else:
            await go(form, Cursor(previous.key))


async def leave(form: FormSession) -> None:
    """Back from the very first question: out to the menu; the draft stays for later."""
    ctx = form.ctx
    await ctx.uow.conversations.close(ctx.user_id)
    ctx.conversation = None
    ctx.show(await form.flow.on_cancel(ctx, form.conv), ctx.registry.menu(ctx))


async def _member_back(form: FormSession, cursor: Cursor) -> None:
    group = form.node(cursor.key)
    assert isinstance(group, Group) and cursor.item is not None
    keys = [f.key for f in group.fields]
    index = keys.index(cursor.member or keys[0])
    if index > 0:
        await go(form, Cursor(group.key, cursor.item, keys[index - 1]))
        return
    items = list(form.answers.get(group.key) or [])
    dropped = cursor.item < len(items) and not all(
        items[cursor.item].get(f.key) is not None for f in group.fields if f.required
    )
    if dropped:
        del items[cursor.item]
        form.put(group.key, items)
    note = form.ctx.t("forms.item_dropped") if dropped else None
    await go(form, Cursor(group.key), note)
