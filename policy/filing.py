"""Who on the studio's side may file its annual papers (第九条(六), 第十条(四)).

第九条(六) makes the master who leads the studio (领办或创办人) responsible for its running and for
filing the year's work plan with the agency by 20 January; 第十条(四) has the host unit assign a
person to help with the studio's daily management. So the plan may be filed by the master as
well as by the unit's contact person. The annual report is the unit's: it accounts for the
year's training and the funds the unit manages as the studio's project (第十条(一)(四)) and is
what the assessment judges (第十六条), so it stays with the unit's contact. Staff record, they
do not file for a studio. A revoked studio files nothing (:func:`policy.studio_status.may_file`).
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


_PLAN_FILERS: Final = frozenset({StudioRole.MASTER, StudioRole.UNIT_CONTACT})
_REPORT_FILERS: Final = frozenset({StudioRole.UNIT_CONTACT})
BINDABLE: Final = (StudioRole.UNIT_CONTACT, StudioRole.MASTER)
"""Whom a binding code may link to a studio's account."""

_LABELS: Final[dict[StudioRole, Label]] = {
    StudioRole.MASTER: Label("领办人", "Leading master"),
    StudioRole.UNIT_CONTACT: Label("所在单位联系人", "Host unit contact"),
    StudioRole.STAFF: Label("经办机构工作人员", "Agency staff"),
}


def may_file_plan(role: StudioRole) -> bool:
    """第九条(六): the leading master files the plan; the unit's contact may too (第十条(四))."""
    return role in _PLAN_FILERS


def may_file_report(role: StudioRole) -> bool:
    """第十条(一)(四), 第十六条: the report before the assessment is the unit's."""
    return role in _REPORT_FILERS


def may_file(kind: str, role: StudioRole) -> bool:
    """Whether ``role`` files the annual paper ``kind`` ("plan" or "report")."""
    return may_file_plan(role) if kind == "plan" else may_file_report(role)


def label(role: StudioRole, lang: Lang) -> str:
    """Chinese or English label of a role."""
    return _LABELS[role].text(lang)
