"""Text goes into a workbook as data, never as a formula (OWASP, "CSV injection").

openpyxl reads any str that starts with "=" as a formula and "#N/A"-like strings as errors, so a
studio named `=HYPERLINK("http://x","y")` would come out live in Excel or WPS. Every str the bot
writes passes through `text_cell`, which pins the cell to type "s": the file then holds an inline
string and no `<f>` element, and nothing is computed when staff open it.

A value that merely looks like a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first,
after any leading blanks) also gets the `quotePrefix` style. We chose that over OWASP's literal
leading apostrophe: the stored value stays exactly as typed (a re-import or a reader gets the
studio's real name back), Excel and WPS show it as typed with no visible apostrophe, and the cell
stays text when someone edits it (F2, Enter), which would otherwise re-read `+1+1` as a formula.
Characters XML cannot hold are dropped, and text is cut at Excel's 32,767-character cell limit.
"""

from __future__ import annotations

from typing import Any, Final

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
EXCEL_CELL_LIMIT: Final = 32_767


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would take this text for a formula if it were typed in."""
    return text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS)


def clean_text(text: str) -> str:
    """The text as a cell can hold it: no XML-illegal control characters, Excel's length."""
    cleaned: str = ILLEGAL_CHARACTERS_RE.sub("", text)
    return cleaned[:EXCEL_CELL_LIMIT]


def text_cell(ws: Any, text: str) -> WriteOnlyCell:
    """A string cell that no spreadsheet will evaluate, shown exactly as typed."""
    value = clean_text(text)
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    if looks_like_formula(value):
        cell.quotePrefix = True
    return cell
