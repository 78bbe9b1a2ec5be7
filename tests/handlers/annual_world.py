"""Studios for the annual-cycle flow tests, and the answers that fill a plan or a report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from policy.categories import StudioCategory
from policy.revocation import RevocationGround
from policy.revocation_decision import RevocationDecision
from storage.repos.studios import StudioFacts, StudiosRepo
from storage.uow import UnitOfWork
from tests.handlers.driver import ChatDriver

SKIP = None
PLAN_SHORT = ["2", "2", "1", "2", "2", SKIP, "1", SKIP, "1", SKIP, "50000", SKIP]
PLAN_FULL = ["3", "3", "2", "4", "2", SKIP, "1", SKIP, "1", SKIP, "50000", SKIP]
REPORT_PASS = ["8", "2", "1", "1", "0", "2", SKIP, "1", SKIP, "1", SKIP, "48000", SKIP]
REPORT_FAIL = ["5", "1", "0", "0", "0", "1", SKIP, "0", SKIP, "0", SKIP, "1000", SKIP]


async def add_studio(
    db: Callable[[], UnitOfWork],
    contact: int | None = 1001,
    name: str = "张三数控工作室",
    approved_on: date = date(2025, 6, 1),
    heritage_minimum: int | None = None,
) -> int:
    async with db() as uow:
        facts = StudioFacts(
            name=name,
            category=StudioCategory.MODERN_TECH,
            leader_name="张三",
            unit_name="郑州机械厂",
            approved_on=approved_on,
            intangible_heritage=heritage_minimum is not None,
        )
        studio = await uow.repo(StudiosRepo).create(facts, contact_user_id=contact)
        studio.min_trainees = heritage_minimum
        await uow.commit()
        return studio.id


async def fill(user: ChatDriver, answers: Sequence[str | None], skip: str = "跳过") -> None:
    for answer in answers:
        if answer is None:
            await user.press(skip)
        else:
            await user.text(answer)


def revocation(
    ground: RevocationGround = RevocationGround.FAILED_TWICE,
    document: str = "郑人社〔2027〕2号",
    day: date = date(2027, 1, 3),
    equipment: str = "无",
) -> RevocationDecision:
    """A decision of 第十八条 withdrawing a title, recorded by the test staff member."""
    return RevocationDecision(
        ground=ground,
        decided_on=day,
        document_number=document,
        equipment_to_recover=equipment,
        recorded_by=9001,
    )
