"""Falsification findings (第十七条) and anonymous outcomes of eligibility checks (第四条)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, BigId
from storage.types import UTCDateTime, utcnow


class Finding(Base):
    """A finding that a person (identity number) or unit (credit code) falsified materials."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    subject_kind: Mapped[str] = mapped_column(String(8))  # person | unit
    subject_code: Mapped[str] = mapped_column(String(18), index=True)
    found_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[int] = mapped_column(BigInteger)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class EligibilityOutcome(Base):
    """One finished /check, with no link to who ran it: for the agency's statistics only."""

    __tablename__ = "eligibility_outcomes"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    verdict: Mapped[str] = mapped_column(String(24))
    failed: Mapped[list[Any]] = mapped_column(JSON, default=list)
