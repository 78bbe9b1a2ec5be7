"""The state of /finding, what it shows at each step, and the summary staff confirm."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Final, Literal

from handlers.context import Context
from handlers.steps import LinearState
from policy.bar import BAR_YEARS, bar_end, is_barred
from policy.dates import ONE_DAY
from policy.source import ART_17, article_label
from policy.validators.credit_code import validate_credit_code
from policy.validators.id_number import validate_id_number
from policy.validators.numbers import parse_date
from policy.validators.text import validate_text
from services.messages.actions import Keyboard
from services.messages.keyboards import button, rows
from services.messages.payloads import Action
from storage.repos.findings import FindingsRepo, SubjectKind

FLOW = "finding"
Step = Literal["kind", "code", "date", "note", "confirm"]
STEPS: Final[tuple[Step, ...]] = ("kind", "code", "date", "note", "confirm")
FIELD: Final[dict[str, str]] = {"kind": "kind", "code": "code", "date": "found_on", "note": "note"}
"""The state field each step fills (the confirmation fills none)."""
KINDS: Final[tuple[SubjectKind, ...]] = ("person", "unit")
NOTE_MAX: Final = 500
"""Longest note staff may attach to a finding."""


class FindingState(LinearState):
    """The subject's kind, its code, the day of the finding and a note, in this order."""

    step: Step
    kind: SubjectKind | None = None
    code: str | None = None
    found_on: date | None = None
    note: str | None = None

    STEPS: ClassVar[tuple[str, ...]] = STEPS
    FIELD: ClassVar[dict[str, str]] = FIELD


def parse(state: FindingState, text: str, today: date) -> object:
    """The typed answer of a text step (FieldError says why not)."""
    if state.step == "date":
        return parse_date(text, not_after=today)
    if state.step == "note":
        return validate_text(text, max_length=NOTE_MAX, multiline=True)
    if state.kind == "person":
        return validate_id_number(text, today=today)
    return validate_credit_code(text)


async def prompt(ctx: Context, state: FindingState, seq: int) -> tuple[str, Keyboard]:
    """The message of the state's step: its question (or the summary) and its own buttons."""
    art17 = article_label(ART_17, ctx.texts.lang)
    if state.step == "kind":
        kinds = [
            button(ctx.t(f"finding.kind_{k}"), FLOW, Action.of("kind", k), seq) for k in KINDS
        ]
        return ctx.t("finding.ask_kind", art17=art17), rows(kinds, per_row=2)
    if state.step == "confirm":
        save = button(ctx.t("finding.save"), FLOW, "save", seq)
        return await _summary(ctx, state), rows([save])
    key = f"finding.ask_code_{state.kind}" if state.step == "code" else f"finding.ask_{state.step}"
    return ctx.t(key, max=NOTE_MAX), ()


async def _summary(ctx: Context, state: FindingState) -> str:
    assert state.kind is not None and state.code is not None and state.found_on is not None
    lines = [
        ctx.t(
            "finding.summary",
            art17=article_label(ART_17, ctx.texts.lang),
            kind=ctx.t(f"finding.kind_{state.kind}"),
            code=state.code,
            found_on=state.found_on,
            note=state.note,
        ),
        bar_effect(ctx, state.found_on),
    ]
    earlier = await ctx.uow.repo(FindingsRepo).latest(state.kind, state.code)
    if earlier is not None:
        lines.append(ctx.t("finding.earlier", found_on=earlier.found_on))
    return "\n\n".join(lines)


def bar_effect(ctx: Context, found_on: date) -> str:
    """Until when the finding bars its subject (Art. 17), or that the three years are over."""
    again = bar_end(found_on)
    if not is_barred(found_on, ctx.now().date()):
        return ctx.t("finding.bar_over", again=again, years=BAR_YEARS)
    return ctx.t("finding.bar_until", until=again - ONE_DAY, again=again, years=BAR_YEARS)
