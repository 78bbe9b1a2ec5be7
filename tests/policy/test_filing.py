"""Who files a studio's plan and report (第九条(六), 第十条(四), 第十六条)."""

import pytest

from policy.filing import StudioRole, may_file, may_file_plan, may_file_report


@pytest.mark.parametrize(
    ("role", "plan", "report"),
    [
        (StudioRole.MASTER, True, False),  # 第九条(六): the plan; the report is the unit's
        (StudioRole.UNIT_CONTACT, True, True),  # 第十条(四): the unit's person files both
        (StudioRole.STAFF, False, False),  # staff record, they do not file
    ],
)
def test_who_files(role: StudioRole, plan: bool, report: bool) -> None:
    assert may_file_plan(role) is plan and may_file("plan", role) is plan
    assert may_file_report(role) is report and may_file("report", role) is report
