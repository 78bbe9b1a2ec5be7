"""Who on the studio's side may file its annual papers (第九条(六), 第十条(四)).

第九条(六) makes the master who leads the studio (领办或创办人) responsible for its running and for
filing the year's work plan with the agency by 20 January; 第十条(四) has the host unit assign a
person to help with the studio's daily management. So the plan may be filed by the master as
well as by the unit's contact person; the annual report, which the Measures do not assign, by
either of them too. Staff record, they do not file for a studio.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from policy.i18n import Label, Lang


class StudioRole(StrEnum):
    """Someone's relation to a studio."""

    MASTER = "master"
    UNIT_CONTACT = "unit_contact"
    STAFF = "staff"


_FILERS: Final = frozenset({StudioRole.MASTER, StudioRole.UNIT_CONTACT})

_LABELS: Final[dict[StudioRole, Label]] = {
    StudioRole.MASTER: Label("领办人", "Leading master"),
    StudioRole.UNIT_CONTACT: Label("所在单位联系人", "Host unit contact"),
    StudioRole.STAFF: Label("经办机构工作人员", "Agency staff"),
}


def may_file_plan(role: StudioRole) -> bool:
    """第九条(六): the leading master files the plan; the unit's contact may too (第十条(四))."""
    return role in _FILERS


def may_file_report(role: StudioRole) -> bool:
    """第十六条: the report before the assessment is filed by the same people as the plan."""
    return role in _FILERS


def label(role: StudioRole, lang: Lang) -> str:
    """Chinese or English label of a role."""
    return _LABELS[role].text(lang)
