"""Reminders to the people of studios that have not filed yet: the plan (the contact and the
master, 第九条(六)) and the report (the contact).

A reminder day writes one text to thousands of studios that differ only in the studio's name,
so the text and its keyboard are rendered once per language and each studio's name is set into
them; the rows to remind come from one statement that leaves out whoever was reminded already.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Protocol, TypeVar, cast

from scheduler.env import Form, Reminder, SweepEnv, key_prefix
from scheduler.series import Moment
from services.messages.actions import Send
from services.messages.keyboards import button, rows
from services.messages.texts import Texts
from storage.repos.reminders import STUDIO_KEY, StudioRecipient

assert STUDIO_KEY == "{prefix}s{studio}:u{chat}", "to_recipients spells the key out"

NAME = "\x00"
"""Stands for the studio's name while a text is rendered once for all studios."""

Render = Callable[[Texts, str], str]
"""A reminder's text in one language, given the studio's name."""


class Owing(Protocol):
    @property
    def approved_on(self) -> date: ...
    @property
    def status(self) -> str: ...


T = TypeVar("T", bound=Owing)


def owing(found: Iterable[T], owes: Callable[[date, str], bool]) -> list[T]:
    """Those of ``found`` that owe the filing; thousands of studios share a few answers."""
    answers: dict[tuple[date, str], bool] = {}
    out = []
    for s in found:
        key = (s.approved_on, s.status)
        if key not in answers:
            answers[key] = owes(s.approved_on, s.status)
        if answers[key]:
            out.append(s)
    return out


async def unreminded(
    env: SweepEnv,
    kind: str,
    year: int,
    moment: Moment,
    owes: Callable[[date, str], bool],
    masters: bool,
) -> list[StudioRecipient]:
    """Who owes ``kind`` for ``year``, has not filed it and has no reminder of ``moment``
    queued yet (a dry run queues nothing, so there: all of them, found once for all moments)."""
    if not env.dry_run:
        found = await env.queries.recipients_without(kind, year, key_prefix(moment), masters)
        return owing(found, owes)
    memo = ("recipients", kind, year, masters)
    if memo not in env.memo:
        env.memo[memo] = owing(await env.queries.recipients_without(kind, year), owes)
    return cast(list[StudioRecipient], env.memo[memo])


def to_recipients(
    env: SweepEnv,
    moment: Moment,
    people: Iterable[StudioRecipient],
    render: Render,
    button_key: str,
    flow: str,
) -> list[Reminder]:
    """One reminder of ``moment`` to each of ``people``, with a button that opens ``flow``."""
    forms: dict[str | None, Form] = {}

    def form(language: str | None) -> Form:
        texts = Texts(env.config.language(language, None))
        keyboard = rows([button(texts(button_key), flow, "open")])
        action = Send(chat_id=0, text="", keyboard=keyboard).model_dump(mode="json")
        return Form(action, tuple(render(texts, NAME).split(NAME)))

    prefix, send_at, series = key_prefix(moment), moment.send_at(env.now), moment.series
    if env.dry_run:  # counted, never composed
        return [
            Reminder(f"{prefix}s{p.id}:u{p.chat_id}", p.chat_id, send_at, series, None)
            for p in people
        ]
    out = []
    for p in people:
        found = forms.get(p.language) or forms.setdefault(p.language, form(p.language))
        key = f"{prefix}s{p.id}:u{p.chat_id}"  # STUDIO_KEY, without format()'s cost
        out.append(Reminder(key, p.chat_id, send_at, series, None, None, found, p.name))
    return out
