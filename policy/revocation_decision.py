"""The decision that withdraws a title, as the Measures want it on record (第十七条, 第十八条).

第十八条: the withdrawal is decided by the city HRSS bureau together with Finance and Education.
A decision therefore names who decided, its document number (文号), its date and the ground of
第十七条; since the government-funded equipment is recovered (第十七条), it says what is to be
recovered (or that there is nothing). A studio that asked to leave (第十七条(六)) ends WITHDRAWN,
any other ground REVOKED; both are final (:mod:`policy.studio_status`).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Final

from pydantic import BaseModel, ConfigDict, StringConstraints

from policy.i18n import Label
from policy.revocation import RevocationGround, starts_bar
from policy.states import transition
from policy.studio_status import StudioState

DECIDING_BODIES: Final = Label(
    "郑州市人力资源和社会保障局会同市财政局、市教育局",
    "Zhengzhou HRSS Bureau with the Finance and Education Bureaus",
)
"""第十八条: who decides a withdrawal."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class RevocationDecision(BaseModel):
    """One decision of 第十八条 withdrawing a studio's title; every field is required."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ground: RevocationGround
    decided_on: date
    document_number: Text
    decided_by: Text = DECIDING_BODIES.zh
    equipment_to_recover: Text
    recorded_by: int


def state_after(decision: RevocationDecision) -> StudioState:
    """第十七条: WITHDRAWN for the studio's own request (第六项), REVOKED for any other ground."""
    if decision.ground is RevocationGround.ASKED_TO_LEAVE:
        return StudioState.WITHDRAWN
    return StudioState.REVOKED


def apply_decision(current: StudioState, decision: RevocationDecision) -> StudioState:
    """The studio's state after ``decision``; TransitionError if it no longer holds a title."""
    return transition(current, state_after(decision))


def bars_for_three_years(decision: RevocationDecision) -> bool:
    """第十七条第二款: whether the decision also starts the bar of :mod:`policy.bar`."""
    return starts_bar(decision.ground)
