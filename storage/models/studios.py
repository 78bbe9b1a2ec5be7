"""Approved studios (第十二、十三条) and the codes that bind their contact or master to one."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from policy.filing import StudioRole
from policy.states import StudioState
from storage.models.base import Base, BigId
from storage.types import UTCDateTime, utcnow


class Studio(Base):
    __tablename__ = "studios"
    __table_args__ = (Index("ix_studios_name_unit", "name", "unit_name"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(128))
    category: Mapped[str] = mapped_column(String(32))
    sector: Mapped[str | None] = mapped_column(String(32))
    leader_name: Mapped[str] = mapped_column(String(64))
    leader_id_number: Mapped[str | None] = mapped_column(String(18))
    unit_name: Mapped[str] = mapped_column(String(128))
    unit_credit_code: Mapped[str | None] = mapped_column(String(18))
    division: Mapped[str | None] = mapped_column(String(32))
    approved_on: Mapped[date] = mapped_column(Date)
    support_ends_on: Mapped[date] = mapped_column(Date)
    construction_cap: Mapped[int] = mapped_column(Integer)
    intangible_heritage: Mapped[bool] = mapped_column(Boolean, default=False)
    min_trainees: Mapped[int | None] = mapped_column(Integer)
    min_certified: Mapped[int | None] = mapped_column(Integer)
    contact_user_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    master_user_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    """The leading master's Telegram account (第九条(六)): files the plan beside the contact."""
    application_id: Mapped[int | None] = mapped_column(BigInteger)  # the approved submission
    source: Mapped[str] = mapped_column(String(16), default="bot")  # bot | import
    status: Mapped[str] = mapped_column(String(16), default=StudioState.ACTIVE)  # StudioState
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


LIVE_CODE = "used_by IS NULL AND revoked_at IS NULL"
"""A code not used and not revoked; issuing a new one revokes the old: one per studio and role."""


class BindingCode(Base):
    __tablename__ = "binding_codes"
    __table_args__ = (
        Index(
            "uq_binding_codes_live_studio_role",
            "studio_id",
            "role",
            unique=True,
            sqlite_where=text(LIVE_CODE),
            postgresql_where=text(LIVE_CODE),
        ),
    )

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    studio_id: Mapped[int] = mapped_column(ForeignKey("studios.id"), index=True)
    role: Mapped[str] = mapped_column(
        String(16), default=StudioRole.UNIT_CONTACT, server_default=StudioRole.UNIT_CONTACT.value
    )  # StudioRole: whom the code binds, the unit's contact or the master
    issued_by: Mapped[int] = mapped_column(BigInteger)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_by: Mapped[int | None] = mapped_column(BigInteger)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    wrong_tries: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class BindingAttempt(Base):
    """One try at redeeming a binding code: ok, wrong, or locked (refused by a limit).

    ``studio_id`` is the studio whose live code the try aimed at (its locator matched), if any.
    """

    __tablename__ = "binding_attempts"
    __table_args__ = (
        Index("ix_binding_attempts_user_at", "user_id", "at"),
        Index("ix_binding_attempts_at", "at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    ok: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[str] = mapped_column(String(16), default="wrong", server_default="wrong")
    studio_id: Mapped[int | None] = mapped_column(BigInteger)
