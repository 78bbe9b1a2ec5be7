"""Falsification findings on record, and whether one still bars a party (第十七条)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from sqlalchemy import select

from policy.bar import bar_end, is_barred
from storage.models import Finding
from storage.repos.base import Repository

SubjectKind = Literal["person", "unit"]


class FindingsRepo(Repository):
    async def record(
        self, kind: SubjectKind, code: str, found_on: date, note: str, recorded_by: int
    ) -> Finding:
        finding = Finding(
            subject_kind=kind,
            subject_code=code.upper(),
            found_on=found_on,
            note=note,
            recorded_by=recorded_by,
        )
        self.session.add(finding)
        await self.session.flush()
        return finding

    async def latest(self, kind: SubjectKind, code: str) -> Finding | None:
        return await self.session.scalar(
            select(Finding)
            .where(Finding.subject_kind == kind, Finding.subject_code == code.upper())
            .order_by(Finding.found_on.desc())
            .limit(1)
        )

    async def barred_from(self, kind: SubjectKind, code: str, as_of: date) -> date | None:
        """The first day the party may apply again, if a finding still bars it on `as_of`."""
        finding = await self.latest(kind, code)
        if finding is None or not is_barred(finding.found_on, as_of):
            return None
        return bar_end(finding.found_on)
