"""Calendar overrides, assessments, subsidies and the annual export sheets, on both databases."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from policy.support import support_period
from storage.exports import export_workbook
from storage.models import Studio, Submission, SubmissionVersion
from storage.repos.annual import AssessmentsRepo, CalendarRepo, SubsidiesRepo
from storage.uow import UnitOfWork

Uow = Callable[[], UnitOfWork]
NOW = datetime(2027, 12, 16, 2, 0, tzinfo=UTC)


async def _studio(u: UnitOfWork) -> int:
    approved = date(2026, 3, 1)
    studio = Studio(
        name="星光",
        category="modern_tech",
        leader_name="张三",
        unit_name="郑州机械厂",
        approved_on=approved,
        support_ends_on=support_period(approved).end,
        construction_cap=150_000,
    )
    u.session.add(studio)
    await u.session.flush()
    return studio.id


async def test_calendar_overrides_apply_per_year(uow: Uow) -> None:
    async with uow() as u:
        repo = u.repo(CalendarRepo)
        await repo.set(2027, "assessment", date(2027, 12, 20), 9001, NOW)
        await u.commit()
    async with uow() as u:
        repo = u.repo(CalendarRepo)
        cal = await repo.effective(2027)
        assert (cal.plan_due, cal.assessment) == (date(2027, 1, 20), date(2027, 12, 20))
        assert (await repo.effective(2028)).assessment == date(2028, 12, 15)
        assert await repo.overridden(2027) == {"assessment"}
        await repo.set(2027, "assessment", None, 9001, NOW)
        assert (await repo.effective(2027)).assessment == date(2027, 12, 15)


async def test_assessments_correct_in_place_and_subsidies_settle(uow: Uow) -> None:
    async with uow() as u:
        sid = await _studio(u)
        assessments, subsidies = u.repo(AssessmentsRepo), u.repo(SubsidiesRepo)
        await assessments.record(sid, 2026, False, "", 9001, NOW)
        await assessments.record(sid, 2027, True, "好", 9001, NOW)
        await subsidies.settle(sid, 2027, 20_000, 9001, NOW)
        await assessments.record(sid, 2027, False, "更正", 9001, NOW)
        row = await subsidies.settle(sid, 2027, 0, 9001, NOW)
        await u.commit()
        assert row is not None and row.status == "cancelled"
        assert await assessments.history(sid) == [(2026, False), (2027, False)]
        assert await assessments.of_year(2027) == {sid: False}


async def test_the_workbook_gains_the_annual_sheets(uow: Uow) -> None:
    async with uow() as u:
        sid = await _studio(u)
        plan = Submission(
            receipt_no="ZZJNDS-2027-0001", kind="plan", owner_id=1, studio_id=sid,
            year=2027, status="submitted", late=True,
        )  # fmt: skip
        u.session.add(plan)
        await u.session.flush()
        answers = {
            "trainees_senior": 3,
            "trainees_tech": 3,
            "trainees_senior_tech": 2,
            "certified": 4,
            "activities": 2,
            "competitions": 1,
            "budget": "50000.00",
        }
        u.session.add(
            SubmissionVersion(submission_id=plan.id, version=1, answers=answers, submitted_by=1)
        )
        await u.repo(AssessmentsRepo).record(sid, 2027, True, "", 9001, NOW)
        await u.repo(SubsidiesRepo).settle(sid, 2027, 20_000, 9001, NOW)
        await u.commit()
        content = await export_workbook(u.session, ZoneInfo("Asia/Shanghai"))
    book = load_workbook(io.BytesIO(content), read_only=True)
    assert {"年度计划", "年度总结", "年度考核", "工作补助"} <= set(book.sheetnames)
    plans = list(book["年度计划"].iter_rows(values_only=True))
    assert plans[1][:10] == (
        "ZZJNDS-2027-0001",
        2027,
        "星光",
        "郑州机械厂",
        "现代技术类",
        3,
        3,
        2,
        8,
        4,
    )
    assert plans[1][13:15] == (50000, "是")
    [_, assessed] = list(book["年度考核"].iter_rows(values_only=True))
    assert assessed[4:7] == ("合格", None, 20_000)  # an empty cell
    [_, subsidy] = list(book["工作补助"].iter_rows(values_only=True))
    assert subsidy[5:7] == (20_000, "已核定")


async def test_the_bulletin_sheet_announces_each_year_with_the_opinions(uow: Uow) -> None:
    async with uow() as u:
        sid = await _studio(u)
        studio = await u.session.get(Studio, sid)
        assert studio is not None
        studio.division = "jinshui"
        assessments = u.repo(AssessmentsRepo)
        await assessments.record(sid, 2026, True, "", 9001, NOW)
        await assessments.record(sid, 2027, False, "=加强带徒传技", 9001, NOW)
        await u.commit()
        content = await export_workbook(u.session, ZoneInfo("Asia/Shanghai"))
    book = load_workbook(io.BytesIO(content))
    header, latest, earlier = list(book["考核通报"].iter_rows(values_only=True))
    assert header == (
        "工作室名称", "所在单位", "类别", "所属区县", "年度", "考核结果", "考核意见（改进意见）",
    )  # fmt: skip
    assert latest[:4] == ("星光", "郑州机械厂", "现代技术类", "金水区")
    assert latest[4:] == (2027, "不合格", "=加强带徒传技")
    assert earlier[4:7] == (2026, "合格", None)
    assert book["考核通报"]["G2"].data_type == "s", "an opinion is text, never a formula"
