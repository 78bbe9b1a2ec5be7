"""No cell the bot writes is a formula: hostile text comes out as text, shown as typed."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from policy.categories import StudioCategory
from storage.exports import export_workbook
from storage.exports.cells import looks_like_formula
from storage.exports.registry import Sheet, SheetData, registered
from storage.exports.render import render
from storage.imports.studio_columns import template_bytes
from storage.models import Submission
from storage.repos.annual import AssessmentsRepo, SubsidiesRepo
from storage.repos.reviews import ReviewsRepo
from storage.repos.studios import StudioFacts, StudiosRepo
from storage.uow import UnitOfWork
from tests.handlers.review.builders import add_submission
from tests.storage.xlsx_checks import HOSTILE, as_read_back, formula_cells

NUMBERS = (-5, -2.5, Decimal("-100.25"), 0, 7)


@pytest.mark.parametrize("sheet", registered(), ids=lambda s: s.title)
def test_every_text_column_of_every_sheet_stays_text(sheet: Sheet) -> None:
    width = len(sheet.headers)
    rows = [tuple(HOSTILE[(i + j) % len(HOSTILE)] for j in range(width)) for i in range(10)]
    rows.append(tuple(NUMBERS[j % len(NUMBERS)] for j in range(width)))
    data = render([SheetData(sheet.title, sheet.headers, rows)], UTC)
    assert formula_cells(data) == []
    ws = load_workbook(io.BytesIO(data))[sheet.title]
    for i, row in enumerate(ws.iter_rows(min_row=2, max_row=11)):
        for j, cell in enumerate(row):
            typed = rows[i][j]
            assert isinstance(typed, str)
            assert cell.data_type == "s" and cell.value == as_read_back(typed)
            assert cell.quotePrefix is looks_like_formula(typed)
    numbers = next(ws.iter_rows(min_row=12, max_row=12))
    assert [c.data_type for c in numbers] == ["n"] * width
    assert [c.value for c in numbers] == [float(NUMBERS[j % len(NUMBERS)]) for j in range(width)]


def test_plain_text_is_not_marked_and_negative_looking_text_is() -> None:
    assert not looks_like_formula("张三数控技能大师工作室")
    assert not looks_like_formula("a=1")
    assert looks_like_formula("  -1") and looks_like_formula("\t1")


def test_control_characters_are_dropped_rather_than_breaking_the_file() -> None:
    data = render([SheetData("s", ("a",), [("x\x00y\x1bz",)])], UTC)
    assert load_workbook(io.BytesIO(data))["s"]["A2"].value == "xyz"


def test_the_import_template_holds_no_formula() -> None:
    assert formula_cells(template_bytes()) == []


async def test_hostile_names_from_the_database_export_as_text(
    uow: Callable[[], UnitOfWork],
) -> None:
    """The adversarial run: a studio named `=HYPERLINK(…)` applied, was imported, assessed."""
    name, unit, leader, note = HOSTILE[0], HOSTILE[1], HOSTILE[3], HOSTILE[5]
    answers = {
        "studio_name": name,
        "master_name": leader,
        "unit_name": unit,
        "category": "modern_tech",
    }
    first = await add_submission(uow, answers=answers)
    async with uow() as u:
        await u.users.seen(9001, HOSTILE[2], None, "zh")
        at = datetime(2027, 3, 1, 2, tzinfo=UTC)
        await u.repo(ReviewsRepo).decide(first, 1, "returned", 9001, at, note)
        facts = StudioFacts(name, StudioCategory.MODERN_TECH, leader, unit, date(2024, 12, 1))
        studio = await u.repo(StudiosRepo).create(facts, source="import")
        await u.repo(AssessmentsRepo).record(studio.id, 2025, True, note, 9001, at)
        await u.repo(SubsidiesRepo).settle(studio.id, 2025, 50_000, 9001, at)
        await u.commit()
    for kind in ("plan", "report"):
        filed = await add_submission(uow, answers={"innovations": 1}, kind=kind)
        async with uow() as u:
            submission = await u.session.get(Submission, filed)
            assert submission is not None
            submission.studio_id, submission.category = studio.id, "modern_tech"
            await u.commit()
    async with uow() as u:
        data = await export_workbook(u.session, UTC)
    assert formula_cells(data) == []
    wb = load_workbook(io.BytesIO(data))
    assert wb["申报"]["B2"].value == name and wb["申报"]["B2"].quotePrefix
    for sheet in registered():
        values = {c.value for row in wb[sheet.title].iter_rows() for c in row}
        assert values & {name, unit, leader, note}, f"{sheet.title} shows no hostile value"
