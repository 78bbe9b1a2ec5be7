"""Text goes into a workbook as data, never as a formula (OWASP, "CSV injection").

A spreadsheet reads text that starts with "=" as a formula, so a studio named
`=HYPERLINK("http://x","y")` could come out live in Excel or WPS. Every str the bot writes is an
inline string (`render`, `t="inlineStr"`): the file holds no `<f>` element, and nothing is
computed when staff open it.

A value that merely looks like a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first,
after any leading blanks) also gets the `quotePrefix` style. We chose that over OWASP's literal
leading apostrophe: the stored value stays exactly as typed (a re-import or a reader gets the
studio's real name back), Excel and WPS show it as typed with no visible apostrophe, and the cell
stays text when someone edits it (F2, Enter), which would otherwise re-read `+1+1` as a formula.
Characters XML cannot hold are dropped, and text is cut at Excel's 32,767-character cell limit.
"""

from __future__ import annotations

import re
from typing import Final

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
EXCEL_CELL_LIMIT: Final = 32_767
ILLEGAL_CHARACTERS_RE: Final = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
"""Control characters XML 1.0 cannot hold (openpyxl's own pattern, kept here so that writing a
workbook does not load openpyxl into the bot)."""


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would take this text for a formula if it were typed in."""
    return text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS)


def clean_text(text: str) -> str:
    """The text as a cell can hold it: no XML-illegal control characters, Excel's length."""
    cleaned: str = ILLEGAL_CHARACTERS_RE.sub("", text)
    return cleaned[:EXCEL_CELL_LIMIT]
