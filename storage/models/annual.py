"""The annual cycle: assessments (第十六条), work subsidies (第十三条) and moved calendar dates."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from policy.money import SubsidyStatus
from storage.models.base import Base, BigId
from storage.types import UTCDateTime, utcnow


class Assessment(Base):
    """A studio's annual assessment result; a correction updates it (the audit log keeps both)."""

    __tablename__ = "assessments"
    __table_args__ = (UniqueConstraint("studio_id", "year", name="uq_assessments_studio_year"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studios.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    passed: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str] = mapped_column(Text, default="")
    assessed_by: Mapped[int] = mapped_column(BigInteger)
    assessed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Subsidy(Base):
    """A booked work subsidy for a passed year of the support period (第十三条)."""

    __tablename__ = "subsidies"
    __table_args__ = (
        UniqueConstraint("studio_id", "year", "kind", name="uq_subsidies_studio_year_kind"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studios.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), default="work")
    amount: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=SubsidyStatus.BOOKED)
    booked_by: Mapped[int] = mapped_column(BigInteger)
    booked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CalendarOverride(Base):
    """The agency's own dates for one year; a missing date keeps the Measures' default."""

    __tablename__ = "calendar_overrides"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    plan_due: Mapped[date | None] = mapped_column(Date)
    aggregate_due: Mapped[date | None] = mapped_column(Date)
    assessment: Mapped[date | None] = mapped_column(Date)
    set_by: Mapped[int] = mapped_column(BigInteger)
    set_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
