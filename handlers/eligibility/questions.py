"""How each eligibility question is put: its text, its choices as buttons, and reading a press.

The wording lives in the catalogs (``check.q.<question>``); the choices come from policy: yes/no
for the conditions of Art. 4 and the bar of Art. 17, the qualification levels and titles with
their policy labels. The date of a finding is typed, so that question has no choice buttons.
"""

from __future__ import annotations

from typing import Final

from handlers.context import Context
from handlers.eligibility.answers import answered
from policy.bar import BAR_YEARS
from policy.eligibility import EligibilityAnswers, QuestionKey
from policy.qualifications import QualificationLevel, TechnicalTitle
from policy.qualifications import label as qualification_label
from services.messages.actions import Btn, Keyboard
from services.messages.keyboards import button, rows, stack
from services.messages.payloads import Action

FLOW = "check"
ANSWER = "a"
YES, NO = "yes", "no"
_YES_NO: Final = {YES: True, NO: False}
_ENUMS: Final[dict[QuestionKey, type[QualificationLevel] | type[TechnicalTitle]]] = {
    QuestionKey.LEVEL: QualificationLevel,
    QuestionKey.TITLE: TechnicalTitle,
}
TYPED: Final = frozenset({QuestionKey.BAR_DATE})
"""Questions answered by typing, not by a button."""


def choice(question: QuestionKey, value: str) -> object | None:
    """The answer a button value stands for, or None if it is no choice of this question."""
    if question in TYPED:
        return None
    enum = _ENUMS.get(question)
    if enum is None:
        return _YES_NO.get(value)
    return enum(value) if value in {m.value for m in enum} else None


def _choices(ctx: Context, question: QuestionKey, seq: int) -> Keyboard:
    enum = _ENUMS.get(question)
    if enum is not None:
        lang = ctx.texts.lang
        labels = [(m.value, qualification_label(m, lang)) for m in enum]
        return rows(
            (button(text, FLOW, Action.of(ANSWER, v), seq) for v, text in labels), per_row=2
        )
    if question in TYPED:
        return ()
    return rows(
        (button(_yes_no(ctx, question, v), FLOW, Action.of(ANSWER, v), seq) for v in _YES_NO), 2
    )


def _yes_no(ctx: Context, question: QuestionKey, value: str) -> str:
    """Yes or No, or the question's own words for them (``check.yes_bar``)."""
    own = f"check.{value}_{question.value}"
    return ctx.t(own) if ctx.texts.has(own) else ctx.t(f"check.{value}")


def navigation(ctx: Context, seq: int, can_go_back: bool) -> tuple[Btn, ...]:
    """Back (when there is an earlier question) and Cancel, under every question."""
    back = [button(ctx.t("check.back"), FLOW, "back", seq)] if can_go_back else []
    return (*back, button(ctx.t("check.cancel"), FLOW, "cancel", seq))


def render(
    ctx: Context, answers: EligibilityAnswers, question: QuestionKey, seq: int
) -> tuple[str, Keyboard]:
    """The question as a message: progress, the question, what counts, and its buttons."""
    done = answered(answers)
    text = "\n\n".join(
        (
            ctx.t("check.progress", number=len(done) + 1),
            ctx.t(f"check.q.{question.value}", years=BAR_YEARS),
        )
    )
    keyboard = stack(_choices(ctx, question, seq), navigation(ctx, seq, bool(done)))
    return text, keyboard
