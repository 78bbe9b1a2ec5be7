"""The application form: its conditions, and 第四条 checked by the eligibility rules."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from policy.forms.application import APPLICATION, needs_exception
from policy.forms.spec import FileSlot, Group
from policy.forms.walk import visible_nodes

TODAY = date(2027, 3, 1)
GOOD: dict[str, Any] = {
    "master_level": "technician",
    "master_title": "none",
    "master_own_trade": True,
    "master_healthy": True,
    "master_daily_work": True,
    "master_r1": True,
    "master_r2": False,
    "master_r3": False,
}


def _keys(answers: dict[str, Any]) -> set[str]:
    return {n.key for n in visible_nodes(APPLICATION, answers)}


def test_enrolled_students_only_for_schools() -> None:
    assert "enrolled_students" not in _keys({"host_type": "enterprise"})
    assert "enrolled_students" in _keys({"host_type": "vocational_school"})


def test_the_own_trade_is_asked_of_a_high_enough_qualification() -> None:
    assert "master_own_trade" in _keys({"master_level": "technician", "master_title": "none"})
    assert "master_own_trade" in _keys({"master_level": "senior", "master_title": "intermediate"})
    assert "master_own_trade" not in _keys({"master_level": "senior", "master_title": "none"})


def test_certificate_number_only_with_a_qualification() -> None:
    assert "master_cert_no" not in _keys({"master_level": "none"})
    assert "master_cert_no" in _keys({"master_level": "technician"})


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, False),
        ({"master_level": "senior", "master_title": "junior"}, True),
        ({"master_r1": False}, True),
        ({"master_r1": False, "master_r3": None}, False),
    ],
)
def test_the_exceptional_route_is_asked_only_when_the_ordinary_one_is_closed(
    changes: dict[str, Any], expected: bool
) -> None:
    assert needs_exception(GOOD | changes) is expected


@pytest.mark.parametrize(
    ("changes", "keys"),
    [
        ({}, []),
        ({"master_healthy": False}, ["master_healthy"]),
        ({"master_daily_work": False}, ["master_daily_work"]),
        # 破格 is a way in, never a missing condition (issue 10)
        ({"master_level": "senior", "master_exceptional": False}, ["master_title"]),
        ({"master_level": "senior", "master_exceptional": True}, []),
        (
            {"master_r1": False, "master_exceptional": False},
            ["master_r1", "master_r2", "master_r3"],
        ),
        ({"master_healthy": None}, []),  # not answered yet: nothing to say
        # 技师 in another trade does not meet 第四条 (本职业（工种）)
        ({"master_own_trade": False, "master_exceptional": False}, ["master_own_trade"]),
        ({"master_own_trade": None}, []),
    ],
)
def test_master_issues_follow_article_4(changes: dict[str, Any], keys: list[str]) -> None:
    issues = APPLICATION.issues(GOOD | changes, TODAY)
    assert [i.key for i in issues] == keys
    assert all(i.article == "第四条" for i in issues)


def test_the_form_has_the_groups_and_the_article_6_slots() -> None:
    groups = [n.key for n in APPLICATION.nodes if isinstance(n, Group)]
    assert groups == ["honours", "team", "equipment"]
    slots = [n for n in APPLICATION.nodes if isinstance(n, FileSlot)]
    assert len(slots) == 8 and sum(s.required for s in slots) == 7
