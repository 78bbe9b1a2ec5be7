"""Who files a studio's plan and report (第九条(六), 第十条(四))."""

import pytest

from policy.filing import StudioRole, may_file_plan, may_file_report


@pytest.mark.parametrize(
    ("role", "may"),
    [
        (StudioRole.MASTER, True),  # 第九条(六): the leading master files the plan
        (StudioRole.UNIT_CONTACT, True),
        (StudioRole.STAFF, False),
    ],
)
def test_who_files(role: StudioRole, may: bool) -> None:
    assert may_file_plan(role) is may
    assert may_file_report(role) is may
