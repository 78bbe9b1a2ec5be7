"""What staff decide about a studio after it is confirmed (第九、十二、十六、十七、十八条).

Each decision is a row of its own, never an overwrite: renewed support periods, a year's
heritage targets, the acceptance that awards the plaque, the decision that ends the title or
keeps it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, BigId
from storage.types import UTCDateTime


class SupportPeriodRow(Base):
    """A renewed support period (第十六条第二款); the first one is the studio's approval."""

    __tablename__ = "support_periods"
    __table_args__ = (UniqueConstraint("studio_id", "first_year", name="uq_support_periods_year"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studios.id"), index=True)
    start: Mapped[date] = mapped_column(Date)
    first_year: Mapped[int] = mapped_column(Integer)
    renewal: Mapped[bool] = mapped_column(Boolean, default=True)
    decided_by: Mapped[int] = mapped_column(BigInteger)
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)
    document_number: Mapped[str | None] = mapped_column(String(64))


class YearTargets(Base):
    """The agency's own targets for a heritage studio's year (第九条第一项), with the reason."""

    __tablename__ = "studio_targets"
    __table_args__ = (UniqueConstraint("studio_id", "year", name="uq_studio_targets_year"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studios.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    trainees: Mapped[int] = mapped_column(Integer)
    certified: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(500))
    set_by: Mapped[int] = mapped_column(BigInteger)
    set_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AcceptanceRow(Base):
    """第十二条: the studio passed acceptance (验收合格); the plaque follows."""

    __tablename__ = "studio_acceptances"

    studio_id: Mapped[int] = mapped_column(ForeignKey("studios.id"), primary_key=True)
    accepted_on: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[int] = mapped_column(BigInteger)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class RevocationRow(Base):
    """第十七、十八条: the decision that ended the title, one per studio (the state is final)."""

    __tablename__ = "revocation_decisions"

    studio_id: Mapped[int] = mapped_column(ForeignKey("studios.id"), primary_key=True)
    ground: Mapped[str] = mapped_column(String(32))  # RevocationGround
    decided_on: Mapped[date] = mapped_column(Date)
    document_number: Mapped[str] = mapped_column(String(500))
    decided_by: Mapped[str] = mapped_column(String(500))
    equipment_to_recover: Mapped[str] = mapped_column(String(500))
    recorded_by: Mapped[int] = mapped_column(BigInteger)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TitleKeptRow(Base):
    """第十八条: staff decided to keep a title put before them (第十七条), with what was on record:
    the assessments up to ``through_year`` and the findings recorded before ``recorded_at``."""

    __tablename__ = "title_kept_decisions"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studios.id"), index=True)
    through_year: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(500))
    decided_by: Mapped[int] = mapped_column(BigInteger)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
