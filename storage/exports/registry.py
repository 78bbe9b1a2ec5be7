"""Sheets are discovered by module: each module of `storage.exports.sheets` defines `SHEET`."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import cache

from sqlalchemy.ext.asyncio import AsyncSession

SHEETS_PACKAGE = "storage.exports.sheets"
Row = Sequence[object]
FetchRows = Callable[[AsyncSession], Awaitable[Sequence[Row]]]


@dataclass(frozen=True, slots=True)
class Sheet:
    order: int
    title: str
    headers: tuple[str, ...]
    rows: FetchRows


@dataclass(frozen=True, slots=True)
class SheetData:
    title: str
    headers: tuple[str, ...]
    rows: list[Row]


@cache
def registered() -> tuple[Sheet, ...]:
    """All sheets in `order`; a module without `SHEET` is a helper, not a sheet."""
    package = importlib.import_module(SHEETS_PACKAGE)
    found = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{SHEETS_PACKAGE}.{info.name}")
        sheet = getattr(module, "SHEET", None)
        if isinstance(sheet, Sheet):
            found.append(sheet)
    return tuple(sorted(found, key=lambda s: (s.order, s.title)))
