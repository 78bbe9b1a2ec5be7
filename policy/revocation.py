"""Withdrawal of the studio title (第十七条) and when staff must consider it.

第十七条 lists six grounds on which the title is withdrawn, the withdrawal announced (通报) and the
government-funded equipment recovered; its second paragraph adds inflated results (虚报成果) and
bars the unit and the person in charge for three years (:mod:`policy.bar`). Only one ground can
be computed from records, two failed assessments in a row; the others are findings of people.

What the software decides is only what to put before staff (:func:`revocation_review`): two
failed assessments in consecutive years, or a falsification finding against the unit or the
master. The decision itself is the bureau's, with Finance and Education (第十八条), recorded as a
:class:`policy.revocation_decision.RevocationDecision`.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Final

from policy.i18n import Label, Lang
from policy.source import ART_17, item

CONSECUTIVE_FAILURES: Final = 2
"""第十七条(四): failing the annual assessment this many years in a row withdraws the title."""


class RevocationGround(StrEnum):
    """Grounds for withdrawing the title: 第十七条(一)–(六), and inflated results (第二款)."""

    FALSE_MATERIALS = "false_materials"
    NOT_FUNCTIONING = "not_functioning"
    NEGATIVE_IMPACT = "negative_impact"
    FAILED_TWICE = "failed_twice"
    BROKE_LAW = "broke_law"
    ASKED_TO_LEAVE = "asked_to_leave"
    INFLATED_RESULTS = "inflated_results"


G = RevocationGround
_ITEMS: Final = tuple(G)[:6]

ARTICLE: Final[dict[RevocationGround, str]] = {
    **{ground: item(ART_17, n) for n, ground in enumerate(_ITEMS, start=1)},
    G.INFLATED_RESULTS: f"{ART_17}第二款",
}
"""Where each ground is written."""

BARRING: Final = frozenset({G.FALSE_MATERIALS, G.INFLATED_RESULTS})
"""Grounds that are falsification (弄虚作假或虚报成果): they also start the three-year bar."""

_LABELS: Final[dict[RevocationGround, Label]] = {
    G.FALSE_MATERIALS: Label("提供虚假申报材料", "Provided false application materials"),
    G.NOT_FUNCTIONING: Label(
        "不能正常发挥作用并无法完成年度任务",
        "Cannot function properly or complete the annual tasks",
    ),
    G.NEGATIVE_IMPACT: Label(
        "因组织培训不力造成较大社会负面影响",
        "Serious negative social impact through poorly organised training",
    ),
    G.FAILED_TWICE: Label("连续2年考核不合格", "Failed the annual assessment two years in a row"),
    G.BROKE_LAW: Label("违犯国家相关法律法规", "Broke national laws or regulations"),
    G.ASKED_TO_LEAVE: Label("主动申请退出", "Asked to leave the programme"),
    G.INFLATED_RESULTS: Label("弄虚作假或虚报成果", "Falsified or inflated results"),
}


def failed_twice_in_a_row(assessment_history: Sequence[tuple[int, bool]]) -> bool:
    """第十七条(四): the two most recent assessments were in consecutive years and both failed.

    ``assessment_history`` holds ``(year, passed)`` pairs in any order. A gap year (no
    assessment) breaks the run. Two entries for one year are a data error.
    """
    years = [year for year, _passed in assessment_history]
    if len(set(years)) != len(years):
        raise ValueError("assessment history has more than one result for a year")
    recent = sorted(assessment_history)[-CONSECUTIVE_FAILURES:]
    if len(recent) < CONSECUTIVE_FAILURES:
        return False
    consecutive = recent[-1][0] - recent[0][0] == CONSECUTIVE_FAILURES - 1
    return consecutive and not any(passed for _year, passed in recent)


def revocation_review(
    assessment_history: Sequence[tuple[int, bool]],
    falsification_found: bool = False,
    kept_through: int | None = None,
) -> tuple[RevocationGround, ...]:
    """第十七条: the grounds to put before staff; empty when there is nothing to decide.

    Two failed assessments in a row propose 第十七条(四); a falsification finding against the
    unit or the master proposes 第十七条(一) (staff may record 虚报成果 instead when the finding
    was about results). Staff decide (第十八条); the software never revokes by itself.

    ``kept_through``: staff already decided to keep the title with the assessments up to that
    year on record (pass ``falsification_found`` only for findings recorded after that
    decision). Two failures are proposed again only once a failure after it makes a new run.
    """
    failed = failed_twice_in_a_row(assessment_history)
    if failed and kept_through is not None:
        failed = max(year for year, _passed in assessment_history) > kept_through
    grounds = [G.FAILED_TWICE] if failed else []
    if falsification_found:
        grounds.append(G.FALSE_MATERIALS)
    return tuple(grounds)


def starts_bar(ground: RevocationGround) -> bool:
    """第十七条第二款: falsification also bars the unit and its person in charge (three years)."""
    return ground in BARRING


def label(ground: RevocationGround, lang: Lang) -> str:
    """Chinese or English label of a ground."""
    return _LABELS[ground].text(lang)
