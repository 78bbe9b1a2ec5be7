"""Checking and placing one answer, the same for every surface that fills a form.

The chat's walker (handlers.forms.steps) and the Mini App both call these, so an answer typed
in the page is refused or stored exactly as the same answer typed in the chat.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from policy.forms.parse import parse_button, parse_text
from policy.forms.spec import Answers, Field


def parse_answer(field: Field, raw: str, pressed: bool, today: date, context: Answers) -> Any:
    """The stored value of `raw`; `context` is the answers (or the group item) it sits in.

    A pressed choice is a button's value, a typed one is text. Raises FieldError saying why not.
    """
    if pressed:
        return parse_button(field, raw, context)
    return parse_text(field, raw, today, context)


def with_answer(
    answers: Mapping[str, Any], key: str, value: Any, item: int | None = None, member: str = ""
) -> dict[str, Any]:
    """New answers with `value` at `key`, or at member `member` of item `item` of group `key`."""
    if item is None:
        return {**answers, key: value}
    items = list(answers.get(key) or [])
    items[item] = {**items[item], member: value}
    return {**answers, key: items}
