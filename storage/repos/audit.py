"""Who did what to which object, and when: the agency answers for its decisions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from storage.models import AuditEntry
from storage.repos.base import Repository


class AuditRepo(Repository):
    async def record(
        self,
        actor_id: int | None,
        action: str,
        object_type: str = "",
        object_id: str | int = "",
        **details: Any,
    ) -> None:
        self.session.add(
            AuditEntry(
                actor_id=actor_id,
                action=action,
                object_type=object_type,
                object_id=str(object_id),
                details=details,
            )
        )

    async def for_object(self, object_type: str, object_id: str | int) -> list[AuditEntry]:
        rows = await self.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.object_type == object_type, AuditEntry.object_id == str(object_id))
            .order_by(AuditEntry.id)
        )
        return list(rows)
