"""Updates that failed for good: kept with their raw JSON and error until run again by hand."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select

from storage.models import DeadLetter
from storage.repos.base import Repository
from storage.types import utcnow

ERROR_CHARS = 4000


class DeadLettersRepo(Repository):
    async def record(
        self,
        update_id: int,
        raw: str,
        error: str,
        attempts: int,
        first_at: datetime,
        handled: bool,
    ) -> None:
        """Keep the update; failing again adds its attempts and keeps the first time."""
        now = utcnow()
        error = error.replace("\x00", "")[:ERROR_CHARS]
        stmt = self.insert(DeadLetter).values(
            update_id=update_id,
            raw=raw,
            error=error,
            attempts=attempts,
            handled=handled,
            first_at=first_at,
            last_at=now,
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[DeadLetter.update_id],
            set_={
                "error": error,
                "attempts": DeadLetter.attempts + attempts,
                "handled": handled,
                "last_at": now,
            },
        )
        await self.session.execute(stmt)

    async def get(self, update_id: int) -> DeadLetter | None:
        return await self.session.get(DeadLetter, update_id)

    async def listed(self, limit: int = 200) -> list[DeadLetter]:
        rows = await self.session.scalars(
            select(DeadLetter).order_by(DeadLetter.first_at, DeadLetter.update_id).limit(limit)
        )
        return list(rows)

    async def count(self) -> int:
        return int(await self.session.scalar(select(func.count()).select_from(DeadLetter)) or 0)

    async def remove(self, update_id: int) -> None:
        await self.session.execute(delete(DeadLetter).where(DeadLetter.update_id == update_id))
