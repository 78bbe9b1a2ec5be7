"""Looking inside xlsx files the bot wrote: no cell may be a formula, in the model or the XML."""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook

HOSTILE = (
    '=HYPERLINK("http://x","y")',
    ' =HYPERLINK("http://x","y")',
    "=1+1",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "#N/A",
)


def as_read_back(text: str) -> str:
    """XML turns a bare carriage return into a line feed (XML 1.0, 2.11); nothing else changes."""
    return text.replace("\r", "\n")


def sheet_xml(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: archive.read(name).decode()
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
        }


def formula_cells(data: bytes) -> list[str]:
    """Every cell openpyxl reads back as a formula or an error, and every `<f>` in the XML."""
    found = [
        f"{ws.title}!{cell.coordinate}"
        for ws in load_workbook(io.BytesIO(data)).worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type in {"f", "e"}
    ]
    found += [name for name, xml in sheet_xml(data).items() if "<f>" in xml or "<f " in xml]
    return found
