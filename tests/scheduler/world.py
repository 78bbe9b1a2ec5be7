"""Studios, filings and outbox inspection for reminder tests, straight through the database."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from policy.support import support_period
from services.recipients import Recipients
from storage.models import OutboxMessage, Studio, Submission, User
from storage.uow import UnitOfWork

SH = ZoneInfo("Asia/Shanghai")
STAFF = 9001
CONFIG = Recipients(staff_ids=frozenset({STAFF}), tz=SH)
_receipts = itertools.count(1)


def at(month: int, day: int, hour: int = 9, minute: int = 0, year: int = 2027) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SH)


@dataclass
class World:
    sessions: async_sessionmaker[AsyncSession]

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.sessions)

    async def studio(
        self,
        name: str,
        contact: int | None,
        approved_on: date = date(2025, 6, 1),
        status: str = "active",
        category: str = "modern_tech",
        master: int | None = None,
    ) -> int:
        async with self.uow() as uow:
            studio = Studio(
                name=name,
                category=category,
                leader_name="L",
                unit_name=f"{name} unit",
                approved_on=approved_on,
                support_ends_on=support_period(approved_on).end,
                construction_cap=150_000,
                contact_user_id=contact,
                master_user_id=master,
                status=status,
            )
            uow.session.add(studio)
            await uow.commit()
            return studio.id

    async def user(self, user_id: int, language: str = "zh", staff: bool = False) -> None:
        async with self.uow() as uow:
            uow.session.add(User(id=user_id, first_name="U", language=language, is_staff=staff))
            await uow.commit()

    async def file(
        self, studio_id: int, kind: str, year: int = 2027, status: str = "submitted"
    ) -> int:
        async with self.uow() as uow:
            sub = Submission(
                receipt_no=f"T-{next(_receipts)}",
                kind=kind,
                owner_id=1,
                studio_id=studio_id,
                year=year,
                status=status,
                title=f"{kind} {studio_id}",
            )
            uow.session.add(sub)
            await uow.commit()
            return sub.id

    async def returned(self, owner: int, when: datetime, kind: str = "application") -> int:
        async with self.uow() as uow:
            sub = Submission(
                receipt_no=f"T-{next(_receipts)}",
                kind=kind,
                owner_id=owner,
                year=when.year,
                status="returned",
                title="Studio X",
                decided_at=when,
                updated_at=when,
            )
            uow.session.add(sub)
            await uow.commit()
            return sub.id

    async def set_status(self, submission_id: int, status: str) -> None:
        async with self.uow() as uow:
            await uow.session.execute(
                update(Submission).where(Submission.id == submission_id).values(status=status)
            )
            await uow.commit()

    async def outbox(self) -> list[OutboxMessage]:
        async with self.uow() as uow:
            rows = await uow.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
            return list(rows)

    async def keys(self) -> list[str]:
        return [row.key for row in await self.outbox()]


def series_of(key: str) -> str:
    return key.split(":")[1]


def text_of(row: OutboxMessage) -> str:
    action: dict[str, Any] = row.action
    return str(action.get("text") or action.get("caption") or "")
