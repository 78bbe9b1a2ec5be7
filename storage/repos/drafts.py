"""Forms in progress and the files attached to them; every accepted answer is staged here.

One draft per owner, kind and scope (scope "" for a first application, ``rev<submission id>``
for a revision). Attachments are rows linked to their draft; a submission snapshots them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import ScalarSelect, bindparam, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.sql.elements import BindParameter

from storage.models import Attachment, Draft
from storage.read_ahead import MISSING, recall
from storage.repos.base import Repository


class IdleDraft(NamedTuple):
    id: int
    owner_id: int
    kind: str
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class FileRecord:
    """What is kept of one attached file: enough to fetch it again and to prove its content."""

    slot: str
    file_id: str
    file_unique_id: str
    file_name: str
    mime_type: str
    size: int
    sha256: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def of(cls, row: Attachment) -> FileRecord:
        return cls(
            row.slot,
            row.file_id,
            row.file_unique_id,
            row.file_name,
            row.mime_type,
            row.size,
            row.sha256,
        )


_KINDS_OF = select(Draft.kind).where(Draft.owner_id == bindparam("owner")).order_by(Draft.id)


def kinds_column(owner: BindParameter[int], dialect: str) -> ScalarSelect[Any]:
    """The kinds of `owner`'s drafts, oldest first, as one value (`kinds_from` reads it): the
    arrival reads them too. SQLite before 3.44 has no ORDER BY inside an aggregate."""
    if dialect == "postgresql":
        ordered = aggregate_order_by(Draft.kind, Draft.id)
        return select(func.array_agg(ordered)).where(Draft.owner_id == owner).scalar_subquery()
    kinds = select(Draft.kind).where(Draft.owner_id == owner).order_by(Draft.id).subquery()
    return select(func.json_group_array(kinds.c.kind)).scalar_subquery()


def kinds_from(value: Any) -> list[str]:
    """`kinds_column`'s value: PostgreSQL's array (NULL for none) or SQLite's JSON text."""
    if value is None:
        return []
    return list(json.loads(value) if isinstance(value, str) else value)


def kinds_ahead(owner_id: int) -> tuple[str, int]:
    """Where the arrival keeps the draft kinds it read (storage.read_ahead)."""
    return ("draft kinds", owner_id)


class DraftsRepo(Repository):
    async def get(self, draft_id: int) -> Draft | None:
        return await self.session.get(Draft, draft_id)

    async def find(self, owner_id: int, kind: str, scope: str = "") -> Draft | None:
        return await self.session.scalar(
            select(Draft).where(
                Draft.owner_id == owner_id, Draft.kind == kind, Draft.scope == scope
            )
        )

    async def kinds_of(self, owner_id: int) -> list[str]:
        """The kinds of the owner's drafts, oldest first: all the menu shows of them, on every
        /start, so neither the answers nor a statement built anew."""
        kept = recall(self.session, kinds_ahead(owner_id))
        if kept is not MISSING:
            return list(kept)
        return list(await self.session.scalars(_KINDS_OF, {"owner": owner_id}))

    async def for_owner(self, owner_id: int, kind: str | None = None) -> list[Draft]:
        query = select(Draft).where(Draft.owner_id == owner_id)
        if kind is not None:
            query = query.where(Draft.kind == kind)
        return list(await self.session.scalars(query.order_by(Draft.id)))

    async def create(
        self,
        owner_id: int,
        kind: str,
        now: datetime,
        scope: str = "",
        answers: dict[str, Any] | None = None,
        cursor: str = "",
    ) -> Draft:
        draft = Draft(
            owner_id=owner_id,
            kind=kind,
            scope=scope,
            answers=dict(answers or {}),
            cursor=cursor,
            created_at=now,
            updated_at=now,
            reviewing=False,
        )
        self.session.add(draft)
        await self.session.flush()
        return draft

    async def files(self, draft_id: int) -> list[Attachment]:
        return list(
            await self.session.scalars(
                select(Attachment).where(Attachment.draft_id == draft_id).order_by(Attachment.id)
            )
        )

    async def add_file(
        self, draft_id: int, record: FileRecord, uploaded_by: int, now: datetime
    ) -> Attachment:
        row = Attachment(
            draft_id=draft_id, uploaded_by=uploaded_by, uploaded_at=now, **record.as_dict()
        )
        self.session.add(row)
        await self.session.flush()
        return row

    async def remove_files(self, draft_id: int, slot: str) -> None:
        await self.session.execute(
            delete(Attachment)
            .where(Attachment.draft_id == draft_id, Attachment.slot == slot)
            .execution_options(synchronize_session="fetch")
        )

    async def claim(self, draft: Draft) -> bool:
        """Delete the draft and its file rows; False if another Submit already took it.

        The conditional DELETE is the guard against a double Submit: of two transactions racing
        for one draft, only the first deletes a row (the second waits for it, then finds none).
        """
        await self.session.execute(
            delete(Attachment)
            .where(Attachment.draft_id == draft.id)
            .execution_options(synchronize_session="fetch")
        )
        result = await self.session.execute(
            delete(Draft).where(Draft.id == draft.id).execution_options(synchronize_session=False)
        )
        self.session.expunge(draft)
        return bool(getattr(result, "rowcount", 0))

    async def idle(self, updated_before: datetime, limit: int = 500) -> list[IdleDraft]:
        """Drafts untouched since ``updated_before`` and not yet nudged in this idle stretch:
        who owns them and since when, never their answers (thousands of drafts may be idle)."""
        rows = await self.session.execute(
            select(Draft.id, Draft.owner_id, Draft.kind, Draft.updated_at)
            .where(
                Draft.updated_at < updated_before,
                or_(Draft.nudged_at.is_(None), Draft.nudged_at < Draft.updated_at),
            )
            .order_by(Draft.id)
            .limit(limit)
        )
        return [IdleDraft._make(row) for row in rows]

    async def mark_nudged(self, ids: Sequence[int], at: datetime) -> None:
        """These drafts' owners were nudged ``at`` (one statement for all of them)."""
        if ids:
            await self.session.execute(
                update(Draft)
                .where(Draft.id.in_(list(ids)))
                .values(nudged_at=at)
                .execution_options(synchronize_session=False)
            )
