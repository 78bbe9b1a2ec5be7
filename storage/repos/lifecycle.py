"""Renewed periods, acceptance, the decision ending or keeping a title (第十二、十六–十八条)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, or_, select

from policy.acceptance import Acceptance
from policy.revocation import RevocationGround
from policy.revocation_decision import RevocationDecision
from policy.studio_status import HOLDING_TITLE
from policy.support import SupportPeriod, support_period
from storage.models import (
    AcceptanceRow,
    Assessment,
    Finding,
    RevocationRow,
    Studio,
    SupportPeriodRow,
    TitleKeptRow,
)
from storage.repos.base import Repository
from storage.repos.outbox import OutboxRepo


class LifecycleRepo(Repository):
    async def renewals(self, studio_id: int) -> list[SupportPeriodRow]:
        found = await self.session.scalars(
            select(SupportPeriodRow)
            .where(SupportPeriodRow.studio_id == studio_id)
            .order_by(SupportPeriodRow.first_year)
        )
        return list(found)

    async def periods(self, studio: Studio) -> list[SupportPeriod]:
        """The studio's support periods, the first (from its approval) first."""
        renewed = [
            SupportPeriod(r.start, r.first_year, r.renewal) for r in await self.renewals(studio.id)
        ]
        return [support_period(studio.approved_on), *renewed]

    async def periods_of(self, studios: Sequence[Studio]) -> dict[int, list[SupportPeriod]]:
        """:meth:`periods` of many studios in one query, keyed by studio id."""
        out = {s.id: [support_period(s.approved_on)] for s in studios}
        if not studios:
            return out
        rows = await self.session.scalars(
            select(SupportPeriodRow)
            .where(SupportPeriodRow.studio_id.in_(list(out)))
            .order_by(SupportPeriodRow.studio_id, SupportPeriodRow.first_year)
        )
        for r in rows:
            out[r.studio_id].append(SupportPeriod(r.start, r.first_year, r.renewal))
        return out

    async def add_period(
        self, studio_id: int, period: SupportPeriod, by: int, at: datetime, document: str | None
    ) -> None:
        self.session.add(
            SupportPeriodRow(
                studio_id=studio_id,
                start=period.start,
                first_year=period.first_year,
                renewal=period.renewal,
                decided_by=by,
                decided_at=at,
                document_number=document,
            )
        )
        await self.session.flush()

    async def acceptance(self, studio_id: int) -> Acceptance | None:
        row = await self.session.get(AcceptanceRow, studio_id)
        return None if row is None else Acceptance(row.accepted_on, row.recorded_by)

    async def accept(self, studio_id: int, acceptance: Acceptance, at: datetime) -> None:
        self.session.add(
            AcceptanceRow(
                studio_id=studio_id,
                accepted_on=acceptance.accepted_on,
                recorded_by=acceptance.recorded_by,
                recorded_at=at,
            )
        )
        await self.session.flush()

    async def decision(self, studio_id: int) -> RevocationDecision | None:
        row = await self.session.get(RevocationRow, studio_id)
        if row is None:
            return None
        return RevocationDecision(
            ground=RevocationGround(row.ground),
            decided_on=row.decided_on,
            document_number=row.document_number,
            decided_by=row.decided_by,
            equipment_to_recover=row.equipment_to_recover,
            recorded_by=row.recorded_by,
        )

    async def record_decision(self, studio_id: int, d: RevocationDecision, at: datetime) -> None:
        self.session.add(
            RevocationRow(
                studio_id=studio_id,
                ground=d.ground.value,
                decided_on=d.decided_on,
                document_number=d.document_number,
                decided_by=d.decided_by,
                equipment_to_recover=d.equipment_to_recover,
                recorded_by=d.recorded_by,
                recorded_at=at,
            )
        )
        await self.session.flush()

    async def withdraw_reminders(self, studio_id: int) -> int:
        """Cancel every reminder to the studio not sent yet: it no longer files (第十七条)."""
        return await OutboxRepo(self.session).cancel_pending(f"rem:%:s{studio_id}:%")

    async def decisions(self, studio_ids: Sequence[int]) -> dict[int, RevocationRow]:
        if not studio_ids:
            return {}
        rows = await self.session.scalars(
            select(RevocationRow).where(RevocationRow.studio_id.in_(studio_ids))
        )
        return {r.studio_id: r for r in rows}

    async def acceptances(self, studio_ids: Sequence[int]) -> dict[int, AcceptanceRow]:
        if not studio_ids:
            return {}
        rows = await self.session.scalars(
            select(AcceptanceRow).where(AcceptanceRow.studio_id.in_(studio_ids))
        )
        return {r.studio_id: r for r in rows}

    async def assessment_history(self, studio_id: int) -> list[tuple[int, bool]]:
        rows = await self.session.execute(
            select(Assessment.year, Assessment.passed).where(Assessment.studio_id == studio_id)
        )
        return [(int(y), bool(p)) for y, p in rows]

    async def falsification_found(self, studio: Studio, since: datetime | None = None) -> bool:
        """A finding of falsification against the studio's unit or its master (第十七条),
        recorded after ``since`` if given."""
        subjects = [
            (Finding.subject_kind == kind) & (Finding.subject_code == code.upper())
            for kind, code in (
                ("unit", studio.unit_credit_code),
                ("person", studio.leader_id_number),
            )
            if code
        ]
        if not subjects:
            return False
        query = select(Finding.id).where(or_(*subjects))
        if since is not None:
            query = query.where(Finding.recorded_at > since)
        return await self.session.scalar(query.limit(1)) is not None

    async def keep(
        self, studio_id: int, through_year: int | None, reason: str, by: int, at: datetime
    ) -> None:
        self.session.add(
            TitleKeptRow(
                studio_id=studio_id,
                through_year=through_year,
                reason=reason,
                decided_by=by,
                recorded_at=at,
            )
        )
        await self.session.flush()

    async def last_kept(self, studio_id: int) -> TitleKeptRow | None:
        """The latest decision to keep the studio's title (第十八条), if any."""
        return await self.session.scalar(
            select(TitleKeptRow)
            .where(TitleKeptRow.studio_id == studio_id)
            .order_by(TitleKeptRow.id.desc())
            .limit(1)
        )

    async def holding_title(self) -> list[Studio]:
        rows = await self.session.scalars(
            select(Studio).where(Studio.status.in_(list(HOLDING_TITLE))).order_by(Studio.name)
        )
        return list(rows)

    async def state_counts(self) -> tuple[dict[str, int], int]:
        """Studios by stored state, and how many passed acceptance (第十二条), for /stats."""
        rows = await self.session.execute(
            select(Studio.status, func.count()).group_by(Studio.status)
        )
        accepted = await self.session.scalar(select(func.count(AcceptanceRow.studio_id)))
        return {str(state): int(count) for state, count in rows}, int(accepted or 0)
