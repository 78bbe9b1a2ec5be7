"""Saving one answer, and adding or removing an item of a repeated group.

An answer is read by its field's parser (policy/forms/parse: a typed text, or a pressed
choice, checked like typing) in the context it sits in (the answers, or the group's item); a
refused answer leaves the draft as it was and says why in both languages (`FieldError`).
Where it goes is a path: ``key`` for a question, ``group.index.member`` for a member of an
item; a path that does not apply to the answers as they are is refused, never stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from policy.forms.parse import parse_button, parse_text
from policy.forms.spec import Field, FormSpec, Group
from policy.validators.errors import FieldError
from services.drafts.access import DraftForm, DraftRefusal, Refused, own_draft, own_node
from storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class SaveAnswer:
    """`raw` as typed, or a pressed choice's value; None skips an optional question."""

    user_id: int
    draft_id: int
    spec: FormSpec
    path: str
    raw: str | None
    pressed: bool = False


@dataclass(frozen=True, slots=True)
class Saved:
    """The answer as stored (`value`), at top-level `key` (and `item` of a group)."""

    form: DraftForm
    field: Field
    key: str
    item: int | None
    value: Any


@dataclass(frozen=True, slots=True)
class Invalid:
    """The answer was refused; `error` says why in the caller's language (`message(lang)`)."""

    error: FieldError


def answer_path(key: str, item: int | None = None, member: str | None = None) -> str:
    """The path of a question (``key``) or of a member of a group's item."""
    return key if item is None or member is None else f"{key}.{item}.{member}"


def target(form: DraftForm, path: str) -> tuple[Field, str, int | None] | None:
    """The field at `path`, its top-level key and item, if it applies to the answers."""
    key, _, rest = path.partition(".")
    node = form.spec.node(key)
    answers = form.answers
    if node is None or not node.visible(answers):
        return None
    if isinstance(node, Field):
        return (node, key, None) if not rest else None
    index, _, member = rest.partition(".")
    items = answers.get(key) or []
    if not isinstance(node, Group) or not index.isdigit() or int(index) >= len(items):
        return None
    field = node.member(member)
    if field is None or not field.visible(items[int(index)]):
        return None
    return field, key, int(index)


def with_answer(
    answers: Mapping[str, Any], key: str, value: Any, item: int | None = None, member: str = ""
) -> dict[str, Any]:
    """New answers with `value` at `key`, or at member `member` of item `item` of group `key`."""
    if item is None:
        return {**answers, key: value}
    items = list(answers.get(key) or [])
    items[item] = {**items[item], member: value}
    return {**answers, key: items}


def put(form: DraftForm, answers: Mapping[str, Any], now: datetime) -> None:
    """Replace the draft's answers (a new dict, so the JSON column sees the change)."""
    form.draft.answers = dict(answers)
    form.draft.updated_at = now


def _parse(field: Field, request: SaveAnswer, context: Any, now: datetime) -> Any:
    raw = request.raw
    if raw is None or (not raw.strip() and not request.pressed and not field.required):
        return None  # an optional answer left empty: skipped
    if request.pressed:
        return parse_button(field, raw, context)
    return parse_text(field, raw, now.date(), context)


async def save_answer(
    uow: UnitOfWork, request: SaveAnswer, now: datetime
) -> Saved | Invalid | Refused:
    """Check the answer with its field's parser and store it in the draft."""
    form = await own_draft(uow, request)
    if isinstance(form, Refused):
        return form
    found = target(form, request.path)
    if found is None:
        return Refused(DraftRefusal.NOT_HERE)
    field, key, item = found
    if request.raw is None and field.required:
        return Refused(DraftRefusal.NOT_HERE)  # only an optional question can be skipped
    answers = form.answers
    context = answers if item is None else answers[key][item]
    try:
        value = _parse(field, request, context, now)
    except FieldError as err:
        return Invalid(err)
    put(form, with_answer(answers, key, value, item, field.key), now)
    return Saved(form, field, key, item, value)


@dataclass(frozen=True, slots=True)
class ItemRequest:
    """Add an item to group `key` (`index` None), or remove item `index`."""

    user_id: int
    draft_id: int
    spec: FormSpec
    key: str
    index: int | None = None


@dataclass(frozen=True, slots=True)
class Items:
    """The group after an item was added (the new one is the last) or removed."""

    form: DraftForm
    group: Group
    count: int  # items now in the group


@dataclass(frozen=True, slots=True)
class TooMany:
    """The group holds its most items already (`Group.max_items`)."""

    most: int


async def add_item(
    uow: UnitOfWork, request: ItemRequest, now: datetime
) -> Items | TooMany | Refused:
    """A new, empty item at the end of the group, unless it holds its most already."""
    found = await own_node(uow, request, request.key, Group)
    if isinstance(found, Refused):
        return found
    form, group = found
    items = list(form.answers.get(group.key) or [])
    if len(items) >= group.max_items:
        return TooMany(group.max_items)
    put(form, {**form.answers, group.key: [*items, {}]}, now)
    return Items(form, group, len(items) + 1)


async def remove_item(uow: UnitOfWork, request: ItemRequest, now: datetime) -> Items | Refused:
    """Item `index` taken out of the group; the later items move up."""
    found = await own_node(uow, request, request.key, Group)
    if isinstance(found, Refused):
        return found
    form, group = found
    items, index = list(form.answers.get(group.key) or []), request.index
    if index is None or not 0 <= index < len(items):
        return Refused(DraftRefusal.NOT_HERE)
    del items[index]
    put(form, {**form.answers, group.key: items}, now)
    return Items(form, group, len(items))
