"""The agency's workbook (applications, studios, and any sheet added later), for /export,
the Mini App console and `studio-bot export`, with its audit entry.

Only this module hands the unit of work's session to `storage.exports`; callers get bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.exports import export_workbook
from storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class Workbook:
    file_name: str
    content: bytes
    stamp: str  # when it was built, in the programme's time zone: YYYYmmdd-HHMM


async def export(uow: UnitOfWork, by: int | None, now: datetime) -> Workbook:
    """Every registered sheet as of `now` (its time zone is the programme's); `by` is the
    staff member who asked, None for the command line."""
    assert now.tzinfo is not None
    content = await export_workbook(uow.session, now.tzinfo)
    stamp = now.strftime("%Y%m%d-%H%M")
    await uow.audit.record(by, "export", "workbook", stamp, size=len(content))
    return Workbook(f"studios-{stamp}.xlsx", content, stamp)
