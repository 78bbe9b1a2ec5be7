"""Studios: created on approval (第十二、十三条) or imported from the agency's list.

The support period and the construction-subsidy cap are computed from policy here, once, so no
caller restates the three years or the 150,000/100,000 CNY.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import cast

from sqlalchemy import ColumnElement, Exists, bindparam, exists, func, or_, select, true, tuple_
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.elements import BindParameter

from policy.categories import StudioCategory, construction_cap
from policy.states import StudioState
from policy.support import support_period
from storage.models import Studio
from storage.read_ahead import MISSING, recall
from storage.repos.base import Repository


@dataclass(frozen=True, slots=True)
class StudioFacts:
    """What defines a studio, wherever it came from (an approval or an imported row)."""

    name: str
    category: StudioCategory
    leader_name: str
    unit_name: str
    approved_on: date
    division: str | None = None
    sector: str | None = None
    leader_id_number: str | None = None
    unit_credit_code: str | None = None
    intangible_heritage: bool = False


def tie_columns(user: BindParameter[int]) -> tuple[Exists, Exists]:
    """Whether `user` is a studio's contact, and a studio's master: the arrival reads them too."""
    return (
        exists().where(Studio.contact_user_id == user),
        exists().where(Studio.master_user_id == user),
    )


def ties_ahead(user_id: int) -> tuple[str, int]:
    """Where the arrival keeps the ties it read (storage.read_ahead)."""
    return ("studio ties", user_id)


_TIES = select(*tie_columns(bindparam("user")))
"""Built once: it runs for every update, and building a statement costs more than running it."""


class StudiosRepo(Repository):
    async def get(self, studio_id: int) -> Studio | None:
        return await self.session.get(Studio, studio_id)

    async def create(
        self,
        facts: StudioFacts,
        *,
        source: str = "bot",
        contact_user_id: int | None = None,
        application_id: int | None = None,
    ) -> Studio:
        studio = Studio(source=source, status=StudioState.ACTIVE)
        self._apply(studio, facts)
        studio.contact_user_id = contact_user_id
        studio.application_id = application_id
        self.session.add(studio)
        await self.session.flush()
        return studio

    async def find(self, name: str, unit_name: str) -> Studio | None:
        """The studio of this name at this unit (the import's identity)."""
        return await self.session.scalar(
            select(Studio)
            .where(Studio.name == name, Studio.unit_name == unit_name)
            .order_by(Studio.id)
            .limit(1)
        )

    async def upsert(self, facts: StudioFacts, source: str = "import") -> tuple[Studio, bool]:
        """Update the studio with the same name and unit, else create it; True if created."""
        found = await self.find(facts.name, facts.unit_name)
        if found is None:
            return await self.create(facts, source=source), True
        self._apply(found, facts)
        await self.session.flush()
        return found, False

    async def upsert_many(self, batch: Sequence[StudioFacts], source: str = "import") -> int:
        """`upsert` for a batch in two statements, then forgotten; how many were created.

        A long import stays fast (no query per row) and flat (the session lets go of them).
        """
        pairs = [(f.name, f.unit_name) for f in batch]
        found = {
            (s.name, s.unit_name): s
            for s in await self.session.scalars(
                select(Studio).where(tuple_(Studio.name, Studio.unit_name).in_(pairs))
            )
        }
        created = 0
        for facts in batch:
            studio = found.get((facts.name, facts.unit_name))
            if studio is None:
                studio = Studio(source=source, status=StudioState.ACTIVE)
                self.session.add(studio)
                found[(facts.name, facts.unit_name)] = studio
                created += 1
            self._apply(studio, facts)
        await self.session.flush()
        self.session.expunge_all()
        return created

    async def count(self, query: str = "") -> int:
        stmt = select(func.count(Studio.id)).where(self._matching(query))
        return int(await self.session.scalar(stmt) or 0)

    async def page(self, offset: int, limit: int, query: str = "") -> list[Studio]:
        rows = await self.session.scalars(
            select(Studio)
            .where(self._matching(query))
            .order_by(Studio.name, Studio.id)
            .offset(offset)
            .limit(limit)
        )
        return list(rows)

    async def in_states(self, states: Collection[str]) -> list[Studio]:
        """Every studio in one of ``states``, by name (the year's assessment list)."""
        rows = await self.session.scalars(
            select(Studio).where(Studio.status.in_(list(states))).order_by(Studio.name, Studio.id)
        )
        return list(rows)

    async def of_contact(self, user_id: int) -> list[Studio]:
        return await self._of(Studio.contact_user_id, user_id)

    async def ties(self, user_id: int) -> tuple[bool, bool]:
        """(contact of a studio, master of a studio): both in one statement, asked on every
        update to shape the menu."""
        kept = recall(self.session, ties_ahead(user_id))
        if kept is not MISSING:
            return cast(tuple[bool, bool], kept)
        row = (await self.session.execute(_TIES, {"user": user_id})).one()
        return bool(row[0]), bool(row[1])

    async def of_master(self, user_id: int) -> list[Studio]:
        """The studios whose master this account is (第九条(六))."""
        return await self._of(Studio.master_user_id, user_id)

    async def _of(self, account: InstrumentedAttribute[int | None], user_id: int) -> list[Studio]:
        rows = await self.session.scalars(
            select(Studio).where(account == user_id).order_by(Studio.id)
        )
        return list(rows)

    @staticmethod
    def _matching(query: str) -> ColumnElement[bool]:
        if not query:
            return true()
        like = f"%{query}%"
        return or_(
            Studio.name.like(like), Studio.unit_name.like(like), Studio.leader_name.like(like)
        )

    @staticmethod
    def _apply(studio: Studio, facts: StudioFacts) -> None:
        studio.name = facts.name
        studio.category = facts.category.value
        studio.leader_name = facts.leader_name
        studio.unit_name = facts.unit_name
        studio.approved_on = facts.approved_on
        studio.support_ends_on = support_period(facts.approved_on).end
        studio.construction_cap = construction_cap(facts.category)
        studio.division = facts.division or studio.division
        studio.sector = facts.sector or studio.sector
        studio.leader_id_number = facts.leader_id_number or studio.leader_id_number
        studio.unit_credit_code = facts.unit_credit_code or studio.unit_credit_code
        studio.intangible_heritage = facts.intangible_heritage or bool(studio.intangible_heritage)
