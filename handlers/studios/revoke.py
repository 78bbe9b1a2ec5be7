"""Recording a withdrawal of the title (第十七条) as decided per 第十八条: ground, 文号, date,
equipment to recover, then a confirmation before anything is written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar, Final, Literal

from pydantic import ValidationError

from handlers.context import Context
from handlers.steps import LinearState
from policy.revocation import RevocationGround
from policy.revocation import label as ground_label
from policy.revocation_decision import RevocationDecision, state_after
from policy.studio_status import label as state_label
from policy.validators.numbers import parse_date
from policy.validators.text import validate_text
from services import studio_decisions
from services.messages.actions import Keyboard
from services.messages.keyboards import button, rows
from services.messages.payloads import Action, token
from storage.uow import UnitOfWork

FLOW = "studio"
MAX_TEXT = 500
GROUND = token("ground", tuple(RevocationGround))
Step = Literal[
    "revoke_ground", "revoke_document", "revoke_date", "revoke_equipment", "revoke_confirm"
]
STEPS: Final[tuple[Step, ...]] = (
    "revoke_ground",
    "revoke_document",
    "revoke_date",
    "revoke_equipment",
    "revoke_confirm",
)
FIELD: Final[dict[str, str]] = {
    "revoke_ground": "ground",
    "revoke_document": "document",
    "revoke_date": "day",
    "revoke_equipment": "equipment",
}


class RevokeState(LinearState):
    step: Step
    studio: int
    ground: RevocationGround | None = None
    document: str | None = None
    day: date | None = None
    equipment: str | None = None

    STEPS: ClassVar[tuple[str, ...]] = STEPS
    FIELD: ClassVar[dict[str, str]] = FIELD


def start(studio_id: int) -> RevokeState:
    return RevokeState(step="revoke_ground", studio=studio_id)


def parser(ctx: Context, state: RevokeState) -> Callable[[str], object]:
    """The validator of a text step."""
    if state.step == "revoke_date":
        return lambda t: parse_date(t, not_after=ctx.now().date())
    multiline = state.step == "revoke_equipment"
    return lambda t: validate_text(t, max_length=MAX_TEXT, multiline=multiline)


def ground_of(action: Action) -> RevocationGround:
    (ground,) = action.take(GROUND)
    return RevocationGround(ground)


def decision(ctx: Context, state: RevokeState) -> RevocationDecision:
    """The decision as recorded (ValidationError if the policy model refuses it)."""
    return RevocationDecision(
        ground=RevocationGround(state.ground or ""),
        decided_on=state.day or date.min,
        document_number=state.document or "",
        equipment_to_recover=state.equipment or "",
        recorded_by=ctx.user_id,
    )


def prompt(ctx: Context, state: RevokeState, seq: int) -> tuple[str, Keyboard]:
    if state.step == "revoke_ground":
        grounds = [
            button(ground_label(g, ctx.texts.lang), FLOW, Action.of("ground", g.value), seq)
            for g in RevocationGround
        ]
        return ctx.t("studio.ask_revoke_ground"), rows(grounds)
    if state.step != "revoke_confirm":
        return ctx.t(f"studio.ask_{state.step}"), ()
    made = decision(ctx, state)
    text = ctx.t(
        "studio.confirm_revoke",
        ground=ground_label(made.ground, ctx.texts.lang),
        document=made.document_number,
        day=made.decided_on.isoformat(),
        equipment=made.equipment_to_recover,
        by=made.decided_by,
        state=state_label(state_after(made), ctx.texts.lang),
    )
    return text, rows([button(ctx.t("studio.btn_yes"), FLOW, "yes", seq)])


async def record(uow: UnitOfWork, ctx: Context, state: RevokeState) -> str:
    """Record the decision; the card's note key (NotAllowed if the title is gone)."""
    try:
        made = decision(ctx, state)
    except ValidationError as exc:
        raise studio_decisions.NotAllowed("no_title") from exc
    lang = ctx.config.default_lang
    await studio_decisions.revoke(uow, state.studio, made, ctx.now(), default_lang=lang)
    return "revoked_done"
