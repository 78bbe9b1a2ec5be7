"""Telegram delivers updates at least once; this table makes handling happen once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, update

from storage.models import ProcessedUpdate
from storage.repos.base import Repository
from storage.types import utcnow


class UpdatesRepo(Repository):
    async def claim(self, update_id: int) -> bool:
        """True if this update was never handled; the claim commits with the handling."""
        return await self.insert_ignore(ProcessedUpdate, {"update_id": update_id})

    async def get(self, update_id: int) -> ProcessedUpdate | None:
        return await self.session.get(ProcessedUpdate, update_id)

    async def forget(self, update_id: int) -> None:
        """Drop the claim, so the update can be handled afresh (a dead letter run again)."""
        await self.session.execute(
            delete(ProcessedUpdate).where(ProcessedUpdate.update_id == update_id)
        )

    async def store_replies(self, update_id: int, replies: list[Any]) -> None:
        await self.session.execute(
            update(ProcessedUpdate)
            .where(ProcessedUpdate.update_id == update_id)
            .values(replies=replies)
        )

    async def mark_replied(self, *update_ids: int) -> None:
        await self.session.execute(
            update(ProcessedUpdate)
            .where(ProcessedUpdate.update_id.in_(update_ids))
            .values(replied_at=utcnow(), replies=None)
        )
