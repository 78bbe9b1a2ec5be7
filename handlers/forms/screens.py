"""Showing the screen the cursor points at, and moving the cursor (committed) first."""

from __future__ import annotations

from handlers.events import ButtonPress
from handlers.forms.cursor import CONFIRM, SUMMARY, Cursor, at_summary
from handlers.forms.render import (
    field_screen,
    group_screen,
    member_screen,
    remove_screen,
    slot_screen,
)
from handlers.forms.session import FormSession
from handlers.forms.summary import confirm_screen, summary_screen
from handlers.replies import refusal
from policy.forms.spec import Field, FileSlot, Group
from policy.forms.walk import first_open
from services.messages.actions import Edit, Keyboard

LIVE = "live"  # the conversation's key for the message the form is shown in


def valid(form: FormSession, cursor: Cursor) -> bool:
    """Whether the cursor points at something that exists and applies to these answers."""
    if cursor.closing:
        return True
    node = form.node(cursor.key)
    if node is None or not node.visible(form.answers):
        return False
    if cursor.item is None:
        return True
    items = form.answers.get(cursor.key) or []
    member = node.member(cursor.member or "") if isinstance(node, Group) else None
    return member is not None and 0 <= cursor.item < len(items)


def resume_cursor(form: FormSession) -> Cursor:
    """Where a form reopens: its saved place if still valid, else the first open question."""
    saved = Cursor.decode(form.draft.cursor) if form.draft.cursor else None
    if saved is not None and valid(form, saved):
        return saved
    node = first_open(form.spec, form.answers, form.slots)
    return Cursor(node.key) if node is not None else at_summary()


async def _screen(form: FormSession, cursor: Cursor) -> tuple[str, Keyboard]:
    if cursor.key == SUMMARY:
        return await summary_screen(form)
    if cursor.key == CONFIRM:
        return confirm_screen(form)
    node = form.node(cursor.key)
    if isinstance(node, Group):
        if cursor.removing:
            return remove_screen(form, node)
        if cursor.item is not None:
            return member_screen(form, node, cursor)
        return group_screen(form, node)
    if isinstance(node, FileSlot):
        return slot_screen(form, node)
    assert isinstance(node, Field)
    return field_screen(form, node)


async def render(form: FormSession, note: str | None = None, fresh: bool = False) -> None:
    """Show the current screen: in place of the pressed message; back at the summary after a
    typed answer, in place of the message the edit began in; else as a new message."""
    cursor = form.cursor
    if not valid(form, cursor):
        cursor = resume_cursor(form)
        await form.move(cursor)
    text, keyboard = await _screen(form, cursor)
    if note:
        text = f"{note}\n\n{text}"
    live = (form.conv.data or {}).get(LIVE)
    if isinstance(form.ctx.incoming.event, ButtonPress) and not fresh:
        show(form, text, keyboard)
    elif cursor.key == SUMMARY and isinstance(live, int) and not fresh:
        form.ctx.out.append(
            Edit(chat_id=form.ctx.chat_id, message_id=live, text=text, keyboard=keyboard)
        )
    else:
        form.ctx.send(text, keyboard)
        remember(form, None)


def show(form: FormSession, text: str, keyboard: Keyboard) -> None:
    """In place of the pressed message, which is remembered as the form's live message."""
    form.ctx.show(text, keyboard)
    event = form.ctx.incoming.event
    remember(form, event.message_id if isinstance(event, ButtonPress) else None)


def remember(form: FormSession, message_id: int | None) -> None:
    """Kept in the conversation without a new seq: the buttons just built stay valid."""
    data = dict(form.conv.data or {})
    if data.get(LIVE) != message_id:
        data[LIVE] = message_id
        form.conv.data = data


async def go(form: FormSession, cursor: Cursor, note: str | None = None) -> None:
    await form.move(cursor)
    await render(form, note)


def error_note(form: FormSession, message: str) -> str:
    return refusal(form.ctx, message)
