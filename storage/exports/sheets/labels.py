"""Chinese labels for stored codes in the workbook (a helper module: it defines no SHEET).

Each code's label is looked up once (`cache`): a sheet asks for the same few codes on every row.
"""

from __future__ import annotations

from functools import cache
from typing import Final

from policy.categories import StudioCategory
from policy.categories import label as category_label
from policy.divisions import Division
from policy.divisions import label as division_label
from policy.revocation import RevocationGround
from policy.revocation import label as ground_label
from policy.states import StudioState, SubmissionStatus

STATUS: Final[dict[str, str]] = {
    SubmissionStatus.SUBMITTED: "待审核",
    SubmissionStatus.RETURNED: "退回修改",
    SubmissionStatus.APPROVED: "已批准",
    SubmissionStatus.REJECTED: "不予通过",
    StudioState.ACTIVE: "正常",
    StudioState.SUPPORT_ENDED: "扶持期满",
    StudioState.FLAGGED: "待关注",
    StudioState.REVOKED: "已撤销",
    StudioState.WITHDRAWN: "已退出",
}
SOURCE: Final = {"bot": "线上申报", "import": "导入"}
YES_NO: Final = ("否", "是")


def assessment_result(passed: bool | None) -> str:
    """合格 or 不合格, as the year's assessment (第十六条) is written in every sheet."""
    return "合格" if passed else "不合格"


@cache
def category(code: str | None) -> str:
    try:
        return category_label(StudioCategory(code), "zh") if code else ""
    except ValueError:
        return code or ""


@cache
def division(code: str | None) -> str:
    try:
        return division_label(Division(code), "zh") if code else ""
    except ValueError:
        return code or ""


def status(code: str | None) -> str:
    return STATUS.get(code or "", code or "")


@cache
def ground(code: str | None) -> str:
    """The ground of 第十七条 in words; empty for a studio that holds its title."""
    try:
        return ground_label(RevocationGround(code), "zh") if code else ""
    except ValueError:
        return code or ""
