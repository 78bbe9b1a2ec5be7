"""Where a confirmed studio stands, and what follows from it (第十三、十六、十七、十八条).

* ACTIVE: in its support period (第十三条).
* SUPPORT_ENDED: the period is over; the title and the annual duties remain (第九条, 第十六条).
  A new period (第十六条第二款) brings it back to ACTIVE; the periods are kept as history
  (:func:`policy.support.renew`).
* FLAGGED: put before staff for a decision on revocation, after two failed assessments in a row
  or a falsification finding (:func:`policy.revocation.revocation_review`); duties go on.
  Staff either revoke or keep the title (back to ACTIVE or SUPPORT_ENDED, 第十八条).
* REVOKED: title withdrawn on a ground of 第十七条, decided per 第十八条.
* WITHDRAWN: title given up at the studio's own request (第十七条(六)), decided the same way.

A revoked or withdrawn studio files nothing, is not assessed, is not reminded and receives no
subsidy. Acceptance and the plaque (第十二条) are a separate record: :mod:`policy.acceptance`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from policy.i18n import Label, Lang
from policy.source import ART_13, ART_16, ART_17, ART_18
from policy.transitions import Transitions


class StudioState(StrEnum):
    """State of a confirmed studio; the values are stored in ``studios.status``."""

    ACTIVE = "active"
    SUPPORT_ENDED = "support_ended"
    FLAGGED = "flagged"
    REVOKED = "revoked"
    WITHDRAWN = "withdrawn"


S = StudioState
HOLDING_TITLE: Final = frozenset({S.ACTIVE, S.SUPPORT_ENDED, S.FLAGGED})
"""States in which the studio holds the title, with its duties."""

_ENDS: Final = {S.REVOKED: ART_18, S.WITHDRAWN: ART_17}
STUDIO_MOVES: Final[Transitions[StudioState]] = Transitions(
    {
        (S.ACTIVE, S.SUPPORT_ENDED): ART_13,
        (S.SUPPORT_ENDED, S.ACTIVE): ART_16,
        (S.ACTIVE, S.FLAGGED): ART_17,
        (S.SUPPORT_ENDED, S.FLAGGED): ART_17,
        (S.FLAGGED, S.ACTIVE): ART_18,
        (S.FLAGGED, S.SUPPORT_ENDED): ART_18,
        **{(held, end): art for held in HOLDING_TITLE for end, art in _ENDS.items()},
    }
)
"""The moves of a studio; REVOKED and WITHDRAWN are final."""

_LABELS: Final[dict[StudioState, Label]] = {
    S.ACTIVE: Label("正常", "Active"),
    S.SUPPORT_ENDED: Label("扶持期满", "Support period over"),
    S.FLAGGED: Label("待研究撤销", "Before staff for revocation"),
    S.REVOKED: Label("已撤销称号", "Title revoked"),
    S.WITHDRAWN: Label("已主动退出", "Withdrawn at own request"),
}


def holds_title(state: StudioState) -> bool:
    """第十七条: the title stands until it is revoked or given up."""
    return state in HOLDING_TITLE


def may_file(state: StudioState) -> bool:
    """第九条(六), 第十六条: only a studio holding the title files plans and reports."""
    return holds_title(state)


def is_assessed(state: StudioState) -> bool:
    """第十六条: the annual assessment covers every studio holding the title."""
    return holds_title(state)


def gets_reminders(state: StudioState) -> bool:
    """A studio that files nothing is reminded of nothing."""
    return may_file(state)


def may_receive_subsidy(state: StudioState) -> bool:
    """第十三条, 第十七条: no work subsidy once the title is gone (the period decides the rest)."""
    return holds_title(state)


def label(state: StudioState, lang: Lang) -> str:
    """Chinese or English label of a studio state."""
    return _LABELS[state].text(lang)
