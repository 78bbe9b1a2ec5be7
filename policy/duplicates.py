"""What must not be applied for twice (第二、四、五、六条), and what may.

Nothing in the Measures limits a unit or its contact person to one application a year: a unit
may host several studios, each led by its own master (第二条, 第五条), and hands in the
materials of each (第六条). What must not happen twice:

* the same studio applied for again: the same master (identity number) at the same unit
  (unified social credit code) while that studio holds its title or its application is open;
* the same master leading two studios at once: a studio is led by one master who carries its
  daily work (第二条 领办或创办, 第四条 能够承担技能大师工作室日常工作), so a master whose studio
  still holds its title, or whose application is open, cannot lead another.

Identity numbers and credit codes are compared as written, ignoring case and surrounding
spaces; a record without them cannot be matched (an imported studio may lack them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from policy.i18n import Label, Lang
from policy.studio_status import StudioState, holds_title
from policy.submission_status import SubmissionStatus

_OPEN_APPLICATION: Final = frozenset({SubmissionStatus.SUBMITTED, SubmissionStatus.RETURNED})


class DuplicateReason(StrEnum):
    """Which rule a new application would break."""

    SAME_STUDIO = "same_studio"
    MASTER_LEADS_ANOTHER = "master_leads_another"


_LABELS: Final[dict[DuplicateReason, Label]] = {
    DuplicateReason.SAME_STUDIO: Label(
        "该单位已有同一领办人的工作室或在审申报", "This unit already has this master's studio"
    ),
    DuplicateReason.MASTER_LEADS_ANOTHER: Label(
        "该领办人已领办其他工作室或有在审申报", "This master already leads another studio"
    ),
}


@dataclass(frozen=True, slots=True)
class ExistingStudioFacts:
    """A studio or an application on record; ``live`` from :func:`studio_live` / ``app_live``."""

    ref: str
    master_id_number: str | None
    unit_credit_code: str | None
    live: bool


@dataclass(frozen=True, slots=True)
class ApplicationFacts:
    """Who a new application names."""

    master_id_number: str
    unit_credit_code: str


@dataclass(frozen=True, slots=True)
class Duplicate:
    """The rule broken and the record that breaks it."""

    reason: DuplicateReason
    existing: ExistingStudioFacts


def studio_live(state: StudioState) -> bool:
    """A studio counts while it holds its title (第十七条)."""
    return holds_title(state)


def app_live(status: SubmissionStatus) -> bool:
    """An application counts while it is open: submitted or returned for revision."""
    return status in _OPEN_APPLICATION


def match_key(code: str | None) -> str | None:
    """An identity number or credit code as records are matched by; None matches nothing."""
    cleaned = (code or "").strip().upper()
    return cleaned or None


def duplicate_reason(
    existing: Sequence[ExistingStudioFacts], new: ApplicationFacts
) -> Duplicate | None:
    """The first live record the new application would duplicate, same studio first."""
    master, unit = match_key(new.master_id_number), match_key(new.unit_credit_code)
    same_master = [
        e for e in existing if e.live and master and match_key(e.master_id_number) == master
    ]
    for e in same_master:
        if unit and match_key(e.unit_credit_code) == unit:
            return Duplicate(DuplicateReason.SAME_STUDIO, e)
    return Duplicate(DuplicateReason.MASTER_LEADS_ANOTHER, same_master[0]) if same_master else None


def label(reason: DuplicateReason, lang: Lang) -> str:
    """Chinese or English label of a reason."""
    return _LABELS[reason].text(lang)
