"""The agency's list of studios that existed before the bot, imported from an xlsx file.

Rows stream from the file into the caller's unit of work; bad rows are reported with their
row number and the rest are imported; re-importing updates, never duplicates. A file refused
whole (too big, not a plain workbook, macros, a zip bomb…) keeps nothing. The caller commits
when :attr:`Imported.keep` says so and rolls back otherwise (a dry run keeps nothing either).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storage.imports.limits import ImportLimits
from storage.imports.studios_xlsx import ImportReport, import_studios, iter_studios
from storage.repos.studios import StudiosRepo
from storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class ImportStudios:
    data: bytes
    name: str  # the file's name, for the audit entry
    today: date
    limits: ImportLimits
    dry_run: bool = False
    by: int | None = None  # None: the command line


@dataclass(frozen=True, slots=True)
class Imported:
    report: ImportReport
    keep: bool


async def studios(uow: UnitOfWork, cmd: ImportStudios) -> Imported:
    """Import every good row; with its audit entry unless nothing is to be kept."""
    rows = iter_studios(cmd.data, cmd.today, cmd.limits)
    report = await import_studios(uow.repo(StudiosRepo), rows)
    keep = not cmd.dry_run and report.refused is None
    if keep:
        await uow.audit.record(
            cmd.by,
            "studios.import",
            "file",
            cmd.name[:64],
            created=report.created,
            updated=report.updated,
            refused=[e.row for e in report.errors],
        )
    return Imported(report, keep)
