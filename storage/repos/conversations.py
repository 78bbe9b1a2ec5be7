"""Where each user stands in a conversation; committed with every accepted answer."""

from __future__ import annotations

from typing import Any

from storage.models import Conversation
from storage.repos.base import Repository
from storage.types import utcnow


class ConversationsRepo(Repository):
    async def get(self, user_id: int) -> Conversation | None:
        return await self.session.get(Conversation, user_id)

    async def open(self, user_id: int, flow: str, step: str, data: dict[str, Any]) -> Conversation:
        row = await self.session.get(Conversation, user_id)
        if row is None:
            row = Conversation(user_id=user_id, flow=flow, step=step, seq=0, data=data)
            self.session.add(row)
        else:
            row.flow, row.step, row.data = flow, step, data
        row.seq = (row.seq or 0) + 1
        row.updated_at = utcnow()
        return row

    async def save(self, row: Conversation, step: str, data: dict[str, Any]) -> None:
        row.step = step
        row.data = dict(data)
        row.seq = (row.seq or 0) + 1
        row.updated_at = utcnow()

    async def close(self, user_id: int) -> None:
        row = await self.session.get(Conversation, user_id)
        if row is not None:
            await self.session.delete(row)
